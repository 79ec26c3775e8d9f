// mine-soknader.js: the applications of every organisation I belong to, each with its status timeline.

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime, formatKroner } from './lib/format.js';
import { caseStatusLabel } from './lib/casework.js';

const STATUS = { draft: 'Utkast', submitted: 'Sendt inn', withdrawn: 'Trukket' };
const EVENTS = { created: 'Opprettet', submitted: 'Signert og sendt inn', withdrawn: 'Trukket', attachment_added: 'Vedlegg lagt til', attachment_deleted: 'Vedlegg slettet' };

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const { items } = await getJson('/api/v1/me/applications');
  // each application comes with its timeline: one request for the whole page
  const cards = items.map((a) => {
    const { events } = a;
    return h('li', { class: 'ds-card', 'data-testid': `application-${a.id}` },
      h('h2', { class: 'ds-heading', 'data-size': 'sm' }, h('a', { class: 'ds-link', href: a.status === 'draft' ? `/soknad.html?id=${a.id}` : `/min-sak.html?id=${a.id}`, text: a.title || '(uten tittel)' })),
      h('p', { class: 'ds-paragraph', text: `${a.organisation} · ${a.call_title} (${a.tenant}) · ${STATUS[a.status] || caseStatusLabel(a.status)}${a.reference ? ` · ${a.reference}` : ''}${a.applied_amount != null ? ` · ${formatKroner(a.applied_amount)}` : ''}` }),
      h('ol', { class: 'portal-timeline', 'aria-label': 'Tidslinje' }, events.map((e) => h('li', { text: `${formatDateTime(e.at)}: ${EVENTS[e.event] || e.event}${e.by ? ` (${e.by})` : ''}${e.detail && e.event === 'submitted' ? ` – ${e.detail}` : ''}` }))));
  });
  replaceChildren(byId('list'), items.length ? h('ul', { class: 'portal-timeline' }, cards)
    : h('p', { class: 'ds-paragraph' }, 'Ingen søknader ennå. ', user.organisations.length
      ? h('a', { class: 'ds-link', href: `/organisasjon.html?id=${user.organisations[0].id}`, text: 'Start en søknad fra organisasjonens side' })
      : h('a', { class: 'ds-link', href: '/organisasjon-ny.html', text: 'Registrer organisasjonen din først' })));
  byId('list').removeAttribute('aria-busy');
});
