// casework.js: shared by the casework pages (saker, sak) and the applicant's case page:
// Norwegian labels for case states and log events, and the grant letter as printable HTML.

import { h } from './dom.js';
import { formatKroner, formatDate, formatDateTime, formatDays } from './format.js';
import { describeError } from './api.js';

/** An API error as one sentence for an alert, with the fields at fault and what to fix in each. */
export function problemText(err) {
  const fields = err && err.problem && Array.isArray(err.problem.errors) ? err.problem.errors.map((e) => `${e.field}: ${e.detail}`).join(' ') : '';
  return `${describeError(err)} ${fields}`.trim();
}

/** Case states -> { label, color } (Designsystemet data-color). */
export const CASE_STATUS = {
  submitted: { label: 'Mottatt', color: 'info' },
  in_review: { label: 'Under behandling', color: 'info' },
  recommended: { label: 'Innstilt', color: 'info' },
  granted: { label: 'Innvilget', color: 'success' },
  partly_granted: { label: 'Delvis innvilget', color: 'success' },
  rejected: { label: 'Avslått', color: 'danger' },
  dismissed: { label: 'Avvist', color: 'danger' },
  letter_sent: { label: 'Brev sendt', color: 'info' },
  accepted: { label: 'Akseptert', color: 'success' },
  declined: { label: 'Avslått av søker', color: 'neutral' },
  partly_paid: { label: 'Delvis utbetalt', color: 'success' },
  paid: { label: 'Utbetalt', color: 'success' },
  report_due: { label: 'Rapport ventes', color: 'warning' },
  report_received: { label: 'Rapport mottatt', color: 'info' },
  changes_asked: { label: 'Endringer etterspurt', color: 'warning' },
  report_approved: { label: 'Rapport godkjent', color: 'success' },
  closed: { label: 'Avsluttet', color: 'neutral' },
  withdrawn: { label: 'Trukket', color: 'neutral' },
  appealed: { label: 'Påklaget', color: 'warning' },
  appeal_forwarded: { label: 'Klage oversendt', color: 'warning' },
  reclaim: { label: 'Tilbakekreving', color: 'danger' },
};

/** The Norwegian label of a case state. */
export function caseStatusLabel(status) {
  return (CASE_STATUS[status] && CASE_STATUS[status].label) || status || 'Ukjent';
}

/** A ds-tag showing a case state. */
export function caseStatusTag(status, props = {}) {
  const s = CASE_STATUS[status] || { label: status || 'Ukjent', color: 'neutral' };
  return h('span', { class: 'ds-tag', 'data-color': s.color, ...props, text: s.label });
}

const money = (n) => (n === null || n === undefined || n === '' ? '' : formatKroner(Number(n)));
const dateText = (v) => (!v ? '' : /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) || String(v) : String(v));

/** Case log events -> Norwegian label. */
export const CASE_EVENTS = {
  created: 'Utkast opprettet', attachment_added: 'Vedlegg lagt til', attachment_deleted: 'Vedlegg slettet',
  submitted: 'Signert og sendt inn', withdrawn: 'Trukket av søker', withdraw: 'Trukket av søker', assigned: 'Tildelt saksbehandler',
  declared_impartial: 'Erklært habil', recused: 'Meldt seg inhabil', impartiality: 'Habilitet erklært',
  start_review: 'Behandling startet', assessed: 'Vurdering lagret', comment: 'Intern kommentar', recommend: 'Innstilt',
  grant: 'Innvilget', grant_partly: 'Delvis innvilget', reject: 'Avslått', dismiss: 'Avvist', send_letter: 'Brev sendt',
  accept: 'Vilkår akseptert', decline: 'Tilskudd avslått av søker', pay_term: 'Termin utbetalt',
  report_due: 'Rapport ventes', report_reminder: 'Påminnelse om rapport', receive_report: 'Rapport mottatt',
  approve_report: 'Rapport godkjent', ask_changes: 'Endringer i rapport etterspurt', close: 'Saken avsluttet',
  appeal: 'Klage mottatt', appeal_change: 'Vedtaket endres etter klage', appeal_forward: 'Klage oversendt klageinstans',
  appeal_uphold: 'Klageinstansen opprettholdt vedtaket', reclaim: 'Krav om tilbakebetaling',
  change_requested: 'Endring søkt', change_approved: 'Endring godkjent', change_refused: 'Endring ikke godkjent',
};

/** The Norwegian label of a case log event. */
export function caseEventLabel(event) {
  return CASE_EVENTS[event] || event || '';
}

export const SUB_GOALS = {
  A: 'Fellesskap, tillit og tilhørighet', B: 'Kunnskap om samfunnet og kvalifisering for arbeid eller utdanning',
  C: 'Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse', D: 'Mot rasisme og diskriminering, for mangfold',
};
export const TARGET_GROUPS = {
  refugees: 'Flyktninger', labour_immigrants: 'Arbeidsinnvandrere', family_immigrants: 'Familieinnvandrere',
  norwegian_born_children: 'Norskfødte med innvandrerforeldre', reception_centre_residents: 'Beboere i asylmottak',
  local_population: 'Befolkningen i lokalsamfunnet',
};
export const PARTNER_KINDS = { municipality: 'Kommune', public_body: 'Offentlig etat', organisation: 'Organisasjon', other: 'Annet' };
export const APPEAL_STATUS = {
  filed: 'Mottatt', changed: 'Tatt til følge – vedtaket endres', forwarded: 'Oversendt klageinstansen',
  upheld: 'Vedtaket opprettholdt', reversed: 'Vedtaket opphevet av klageinstansen',
};
export const APPEAL_BODY = { imdi: 'IMDi', ministry: 'Arbeids- og inkluderingsdepartementet' };
export const REPORT_REVIEW = { pending: 'Ikke gjennomgått', approved: 'Godkjent', changes_asked: 'Endringer etterspurt' };
export const CR_KIND = { purpose: 'Formål', activities: 'Aktiviteter', budget: 'Budsjett' };
export const CR_STATUS = { pending: 'Venter på svar', approved: 'Godkjent', refused: 'Ikke godkjent' };
export const LETTER_KIND = { grant: 'Tilskuddsbrev', rejection: 'Avslagsbrev', appeal_upheld: 'Vedtak i klagesak' };

const yesNo = (v) => (v === true ? 'Ja' : v === false ? 'Nei' : null);
const sectionHead = (text) => h('h3', { class: 'ds-heading', 'data-size': 'xs', text });
/** A definition list of [label, value] pairs, leaving out the empty ones (null when none is left). */
export function facts(pairs) {
  const rows = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length));
  return rows.length ? h('dl', { class: 'portal-dl' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { class: 'portal-prewrap' }, v)])) : null;
}
/** Any JSON value as readable text (the fallback for fields this page does not know). */
function plain(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nei';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(plain).join('; ');
  return Object.entries(v).map(([k, x]) => `${k}: ${plain(x)}`).join(', ');
}

const KNOWN = new Set(['title', 'summary', 'goals', 'adaptation', 'volunteers', 'sub_goals', 'target_groups', 'project_count',
  'result_goals', 'milestones', 'budget', 'applied_amount', 'period', 'partners', 'reception_centre', 'children_youth',
  'expected_participants', 'location', 'other_funding_declaration']);

/**
 * The application exactly as signed (the frozen copy: {reference, signed_at, signed_by, ip, organisation, call,
 * application, budget, attachments}) as readable HTML. Fields it does not know are listed at the end as they are.
 */
export function renderSigned(signed) {
  if (!signed || typeof signed !== 'object') return h('p', { class: 'ds-paragraph', text: 'Ingen signert kopi er lagret.' });
  const a = signed.application && typeof signed.application === 'object' ? signed.application : null;
  if (!a) return facts(Object.entries(signed).map(([k, v]) => [k, plain(v)]));
  const b = a.budget || {};
  const sums = signed.budget || {};
  const org = signed.organisation || {};
  const costs = Array.isArray(b.costs) ? b.costs : [];
  const other = Array.isArray(b.other_funding) ? b.other_funding : [];
  const rc = a.reception_centre || {};
  const row = (label, amount, strong) => h('tr', {}, h(strong ? 'th' : 'td', strong ? { scope: 'row' } : {}, label),
    h('td', { class: 'portal-num' }, strong ? h('strong', { text: money(amount) }) : money(amount)));
  const unknown = Object.keys(a).filter((k) => !KNOWN.has(k));
  return h('div', { class: 'portal-signed', 'data-testid': 'signed' },
    sectionHead('Om tiltaket'),
    facts([['Tittel', a.title], ['Sammendrag', a.summary], ['Mål', a.goals],
      ['Delmål', (a.sub_goals || []).map((g) => `${g} – ${SUB_GOALS[g] || g}`).join('\n')],
      ['Målgrupper', (a.target_groups || []).map((g) => TARGET_GROUPS[g] || g).join(', ')],
      ['Tilpasning', a.adaptation], ['Antall prosjekter', a.project_count != null ? String(a.project_count) : null]]),
    sectionHead('Resultatmål og framdrift'),
    Array.isArray(a.result_goals) && a.result_goals.length
      ? h('ul', { class: 'ds-list' }, a.result_goals.map((g) => h('li', { text: `${g.text || ''}${g.measure ? ` (måles ved: ${g.measure})` : ''}` })))
      : h('p', { class: 'ds-paragraph', text: 'Ingen resultatmål oppgitt.' }),
    Array.isArray(a.milestones) && a.milestones.length
      ? h('table', { class: 'ds-table', 'data-size': 'sm' }, h('caption', { class: 'ds-sr-only', text: 'Framdriftsplan' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Dato' }), h('th', { scope: 'col', text: 'Milepæl' }))),
        h('tbody', {}, a.milestones.map((m) => h('tr', {}, h('td', { text: dateText(m.date) || m.date || '' }), h('td', { text: m.text || '' })))))
      : null,
    facts([['Periode', a.period ? `Fra ${a.period.start_year}, ${a.period.years} år` : null]]),
    sectionHead('Budsjett'),
    h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'signed-budget' },
      h('caption', { class: 'ds-sr-only', text: 'Budsjett' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Post' }), h('th', { scope: 'col', class: 'portal-num', text: 'Beløp' }))),
      h('tbody', {}, costs.map((c) => row(c.text || '', c.amount)),
        sums.costs != null ? row('Sum kostnader', sums.costs, true) : null,
        b.own_contribution != null ? row('Egenandel', b.own_contribution) : null,
        other.map((o) => row(`Annen finansiering: ${o.source || ''}`, o.amount)),
        sums.deficit != null ? row('Underskudd', sums.deficit, true) : null,
        row('Søknadsbeløp', a.applied_amount, true))),
    sectionHead('Gjennomføring'),
    facts([['Frivillige', a.volunteers],
      ['Samarbeidspartnere', (a.partners || []).map((p) => `${p.name || ''}${p.kind ? ` (${PARTNER_KINDS[p.kind] || p.kind})` : ''}`).join('\n')],
      ['Sted', a.location ? [a.location.place, a.location.municipality].filter(Boolean).join(', ') : null],
      ['Tiltak i asylmottak', rc.applies === true ? ['Ja', rc.management_agreement != null ? `avtale med ledelsen: ${yesNo(rc.management_agreement)}` : null,
        rc.contact_person ? `kontaktperson: ${rc.contact_person}` : null, rc.residents_council != null ? `beboerrådet: ${yesNo(rc.residents_council)}` : null]
        .filter(Boolean).join(', ') : yesNo(rc.applies)],
      ['Barn og unge', yesNo(a.children_youth)],
      ['Forventede deltakere', a.expected_participants != null ? String(a.expected_participants) : null],
      ['Annen støtte til samme tiltak', a.other_funding_declaration ? [yesNo(a.other_funding_declaration.has_other), a.other_funding_declaration.details]
        .filter(Boolean).join(': ') : null]]),
    unknown.length ? [sectionHead('Andre opplysninger'), facts(unknown.map((k) => [k, plain(a[k])]))] : null,
    sectionHead('Vedlegg'),
    Array.isArray(signed.attachments) && signed.attachments.length
      ? h('ul', { class: 'ds-list' }, signed.attachments.map((f) => h('li', { text: `${f.filename} (${f.kind})` })))
      : h('p', { class: 'ds-paragraph', text: 'Ingen vedlegg.' }),
    sectionHead('Signering'),
    facts([['Referanse', signed.reference], ['Signert av', signed.signed_by ? `${signed.signed_by.name || ''}${signed.signed_by.email ? ` (${signed.signed_by.email})` : ''}` : null],
      ['Signert', signed.signed_at ? formatDateTime(signed.signed_at) : null], ['Fra adresse', signed.ip],
      ['Signaturrett', signed.signed_by && signed.signed_by.authority ? signed.signed_by.authority : null],
      ['Organisasjon', org.name ? `${org.name}${org.orgnr ? `, org.nr. ${org.orgnr}` : ''}${org.municipality ? `, ${org.municipality}` : ''}` : null],
      ['Frivillighetsregisteret', org.volunteer_register === true ? `Registrert${org.volunteer_since ? ` fra ${dateText(org.volunteer_since)}` : ''}` : org.volunteer_register === false ? 'Ikke registrert' : null],
      ['Enhetsregisteret', org.business_register === true ? `Registrert${org.business_since ? ` fra ${dateText(org.business_since)}` : ''}` : org.business_register === false ? 'Ikke registrert' : null],
      ['Opplysningene', org.from_register === true ? 'Hentet fra Enhetsregisteret og Frivillighetsregisteret' : org.from_register === false ? 'Oppgitt av organisasjonen' : null]]));
}

/** Prints one letter only: everything around it is left out while printing (see css/print.css). */
export function printLetter(article) {
  const hidden = [];
  for (let el = article; el && el !== document.body; el = el.parentElement) {
    for (const sib of el.parentElement ? el.parentElement.children : []) {
      if (sib !== el && !sib.classList.contains('portal-print-hide')) {
        sib.classList.add('portal-print-hide');
        hidden.push(sib);
      }
    }
  }
  document.body.classList.add('portal-print-letter');
  article.classList.add('portal-print-target');
  const done = () => {
    for (const el of hidden) el.classList.remove('portal-print-hide');
    document.body.classList.remove('portal-print-letter');
    article.classList.remove('portal-print-target');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

const LETTER_TITLE = {
  grant: 'Tilskuddsbrev – vedtak om tilskudd',
  rejection: 'Vedtak om avslag på søknad om tilskudd',
  dismissal: 'Vedtak om avvisning av søknad om tilskudd',
  appeal_upheld: 'Vedtak i klagesak',
};


/**
 * A grant letter's frozen content as printable HTML (an element to put inside an <article>).
 * content: {kind, reference, date, tenant, organisation, orgnr, title, applied_amount, amount, purpose,
 * reasons, conditions, payment_plan, report_due, audit_required, appeal_deadline, appeal_to, signed_by}
 */
export function renderLetter(content) {
  const c = content || {};
  const granted = c.kind === 'grant' || (c.amount !== null && c.amount !== undefined && c.kind !== 'rejection');
  return h('div', { class: 'portal-letter' },
    h('p', { class: 'ds-paragraph portal-letter__from', text: c.tenant || '' }),
    h('p', { class: 'ds-paragraph portal-letter__to' },
      c.organisation || '', c.orgnr ? h('br') : null, c.orgnr ? `Org.nr. ${c.orgnr}` : null),
    h('p', { class: 'ds-paragraph portal-letter__meta' },
      c.date ? `Dato: ${dateText(c.date)}` : null, c.date && c.reference ? h('br') : null,
      c.reference ? `Vår referanse: ${c.reference}` : null),
    h('h2', { class: 'ds-heading', 'data-size': 'sm', text: LETTER_TITLE[c.kind] || 'Vedtak' }),
    c.title ? h('p', { class: 'ds-paragraph' }, h('strong', { text: 'Tiltak: ' }), c.title) : null,
    h('dl', { class: 'portal-dl' },
      c.applied_amount != null ? [h('dt', { text: 'Omsøkt beløp' }), h('dd', { text: money(c.applied_amount) })] : null,
      granted && c.amount != null ? [h('dt', { text: 'Innvilget beløp' }), h('dd', { text: money(c.amount) })] : null,
      c.purpose ? [h('dt', { text: 'Formål' }), h('dd', { text: c.purpose })] : null),
    c.reasons ? [h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Begrunnelse' }),
      h('p', { class: 'ds-paragraph portal-prewrap', text: c.reasons })] : null,
    Array.isArray(c.conditions) && c.conditions.length ? [
      h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Vilkår' }),
      h('ol', { class: 'ds-list' }, c.conditions.map((t) => h('li', { text: t })))] : null,
    Array.isArray(c.payment_plan) && c.payment_plan.length ? [
      h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Utbetalingsplan' }),
      h('table', { class: 'ds-table', 'data-size': 'sm' },
        h('thead', {}, h('tr', {}, h('th', { text: 'Termin' }), h('th', { text: 'Beløp' }), h('th', { text: 'Når' }))),
        h('tbody', {}, c.payment_plan.map((p) => h('tr', {},
          h('td', { text: String(p.term) }), h('td', { text: money(p.amount) }), h('td', { text: dateText(p.when) })))))] : null,
    c.report_due || c.audit_required ? [
      h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Rapportering' }),
      h('p', { class: 'ds-paragraph' },
        c.report_due ? `Rapport og regnskap skal sendes innen ${dateText(c.report_due)}. ` : null,
        c.audit_required ? 'Regnskapet skal være revidert av statsautorisert eller registrert revisor.' : null,
        ' Midler som ikke er brukt til formålet i tilskuddsåret, skal betales tilbake. Endringer i grunnlaget for tilskuddet krever skriftlig samtykke på forhånd.')] : null,
    h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Klagerett' }),
    h('p', { class: 'ds-paragraph' },
      'Vedtaket kan påklages etter forvaltningsloven § 28. Klagefristen er ',
      Number.isInteger(c.appeal_days) ? formatDays(c.appeal_days) : 'tre uker', ' fra vedtaket er mottatt',
      c.appeal_deadline ? ` (senest ${dateText(c.appeal_deadline)})` : '', '. ',
      c.appeal_to ? `Klageinstans er ${c.appeal_to}` : 'Klagen sendes til den som har fattet vedtaket.',
      ' Klagen sendes i portalen og skal begrunnes.'),
    c.signed_by ? h('p', { class: 'ds-paragraph portal-letter__sign' }, 'Med hilsen', h('br'), c.signed_by, c.tenant ? [h('br'), c.tenant] : null) : null,
  );
}
