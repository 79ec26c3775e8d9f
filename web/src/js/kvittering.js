// kvittering.js: the receipt and a printable copy of exactly what was signed (frozen at submission).

import { getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, idParam, param, showMessage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime, formatKroner } from './lib/format.js';

const KINDS = { budget: 'budsjett', tax_certificate: 'skatteattest', other: 'annet', annual_accounts: 'siste årsregnskap' };
/** What the schemes add to the form, in words: members and activities (operating support), national
 * reach (national calls), the partners of a joint application (the public scheme); only what was given. */
const schemeFacts = (a) => [['Medlemmer i alt', a.members_total], ['Medlemmer i kommunen', a.members_local],
  ['Årets aktiviteter', a.activities], ['Landsdekkende virksomhet', a.national_reach],
  ['Samarbeidende søkere', (a.co_applicants || []).map((c) => `${c.name} (org.nr. ${c.orgnr})`).join(', ') || null]]
  .filter(([, v]) => v != null);
const areas = (goals) => (goals || []).some((g) => /^[0-9]$/.test(g));

const show = (v) => (v === true ? 'Ja' : v === false ? 'Nei' : v == null || v === '' ? '–' : String(v));

startPage(async () => {
  if (!(await userOrLogin())) return;
  const id = idParam();
  let r;
  try {
    r = await getJson(`/api/v1/applications/${id}/receipt`);
  } catch (err) {
    showMessage('danger', 'Ingen kvittering', describeError(err), h('a', { class: 'ds-link', href: `/soknad.html?id=${id}`, text: 'Til søknaden' }));
    return;
  }
  if (param('ny')) showMessage('success', 'Søknaden er sendt inn', `Referansenummer ${r.reference}. En kvittering er sendt på e-post.`);
  const a = r.application;
  const print = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', text: 'Skriv ut' });
  print.addEventListener('click', () => window.print());
  const dl = (pairs) => h('dl', { class: 'portal-facts' }, pairs.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: show(v) })]));
  replaceChildren(byId('receipt'),
    h('p', { class: 'ds-paragraph', 'data-size': 'lg' }, 'Referanse: ', h('strong', { 'data-testid': 'receipt-reference', text: r.reference })),
    dl([['Status', { submitted: 'Sendt inn', withdrawn: 'Trukket' }[r.status] || r.status], ['Sendt til', r.call.tenant], ['Utlysning', r.call.title],
      ['Signert av', `${r.signed_by.name} (${r.signed_by.email})`], ['Signert', formatDateTime(r.signed_at)], ['Fra adresse', r.ip],
      ['Signaturrett', r.signed_by.authority],
      ['Organisasjon', `${r.organisation.name} (org.nr. ${r.organisation.orgnr})`]]),
    h('div', { class: 'portal-actions' }, print),
    h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Søknaden slik den ble signert' }),
    dl([['Tittel', a.title], ['Sammendrag', a.summary], ['Mål', a.goals], [areas(a.sub_goals) ? 'Satsingsområder' : 'Delmål', (a.sub_goals || []).join(', ')], ['Målgrupper', (a.target_groups || []).join(', ')],
      ['Tilpasning', a.adaptation], ['Frivillige', a.volunteers], ['Antall prosjekter', a.project_count], ['Forventede deltakere', a.expected_participants],
      ['Barn og unge', a.children_youth], ['Sted', a.location ? `${a.location.place}, ${a.location.municipality}` : null],
      ['Periode', a.period ? `${a.period.start_year}, ${a.period.years} år` : null], ['Annen støtte til samme tiltak', a.other_funding_declaration ? a.other_funding_declaration.has_other : null],
      ...schemeFacts(a)]),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: 'Resultatmål' }),
    h('ul', { class: 'ds-list' }, (a.result_goals || []).map((g) => h('li', { text: `${g.text} (måles: ${g.measure})` }))),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: 'Framdrift' }),
    h('ul', { class: 'ds-list' }, (a.milestones || []).map((m) => h('li', { text: `${m.date}: ${m.text}` }))),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: 'Budsjett' }),
    dl([['Kostnader', formatKroner(r.budget.costs)], ['Egenandel', formatKroner(r.budget.own_contribution)], ['Annen finansiering', formatKroner(r.budget.other_funding)],
      ['Underskudd', formatKroner(r.budget.deficit)], ['Søknadsbeløp', formatKroner(a.applied_amount)]]),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: 'Vedlegg' }),
    h('ul', { class: 'ds-list' }, (r.attachments || []).map((f) => h('li', { text: `${f.filename} (${KINDS[f.kind] || f.kind})` }))));
  byId('receipt').removeAttribute('aria-busy');
});
