// sak/layout.js: the case page as a whole: the head, the contents, the side column (facts,
// assignment, impartiality) and the main column with a section per step, in the case's order.

import { h } from '../lib/dom.js';
import { caseStatusTag } from '../lib/casework.js';
import { summarySection, assignSection, impartialitySection } from './aside.js';
import { nextStepNotice, duplicatesNotice } from './notices.js';
import { reviewSection, applicationSection, assessmentSection } from './review.js';
import { recommendationSection, decisionSection } from './decision.js';
import { lettersSection, paymentsSection } from './letters.js';
import { appealsSection, reportSection, changesSection } from './followup.js';
import { closingSection } from './closing.js';
import { commentsSection, logSection } from './log.js';

const ASIDE = [summarySection, assignSection, impartialitySection];
const MAIN = [nextStepNotice, duplicatesNotice, reviewSection, applicationSection, assessmentSection,
  recommendationSection, decisionSection, lettersSection, paymentsSection, appealsSection, reportSection,
  changesSection, closingSection, commentsSection, logSection];

/** Links to the sections of the main column. */
function contents(main) {
  return h('nav', { class: 'portal-case-toc portal-noprint', 'aria-label': 'Innhold i saken' }, h('ul', { class: 'portal-tags' },
    main.filter((s) => s.tagName === 'SECTION').map((s) => h('li', {}, h('a', { class: 'ds-link', href: `#${s.id}`, text: s.querySelector('h2').textContent })))));
}

/** The nodes of the case page for one case (ctx: the case, the user's rights, the page's helpers). */
export function casePage(ctx) {
  const { c } = ctx;
  const aside = ASIDE.map((part) => part(ctx));
  const main = MAIN.map((part) => part(ctx)).filter(Boolean);
  return [
    h('header', { class: 'portal-case-head' },
      h('p', { class: 'ds-paragraph portal-muted', text: `${c.reference || ''} · ${c.organisation || ''}` }),
      h('h1', { class: 'ds-heading', 'data-size': 'lg', text: c.title || c.reference || 'Sak' }),
      h('p', { class: 'ds-paragraph' }, caseStatusTag(c.status), c.assignee ? ` Saksbehandler: ${c.assignee}` : ' Ikke tildelt')),
    contents(main),
    h('div', { class: 'portal-case' },
      h('aside', { class: 'portal-case__aside', 'aria-label': 'Saksopplysninger, tildeling og habilitet' }, aside),
      h('div', { class: 'portal-case__main' }, ...main)),
  ];
}
