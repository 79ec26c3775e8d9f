// casework.js: shared by the casework pages (saker, sak) and the applicant's case page:
// Norwegian labels for case states and log events, and the grant letter as printable HTML.

import { h } from './dom.js';
import { formatKroner, formatDate, formatDateTime } from './format.js';
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

const LETTER_TITLE = {
  grant: 'Tilskuddsbrev – vedtak om tilskudd',
  rejection: 'Vedtak om avslag på søknad om tilskudd',
  appeal_upheld: 'Vedtak i klagesak',
};

const money = (n) => (n === null || n === undefined || n === '' ? '' : formatKroner(Number(n)));
const dateText = (v) => (!v ? '' : /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : formatDateTime(v) || String(v));

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
          h('td', { text: String(p.term) }), h('td', { text: money(p.amount) }), h('td', { text: dateText(p.when) || p.when || '' })))))] : null,
    c.report_due || c.audit_required ? [
      h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Rapportering' }),
      h('p', { class: 'ds-paragraph' },
        c.report_due ? `Rapport og regnskap skal sendes innen ${dateText(c.report_due)}. ` : null,
        c.audit_required ? 'Regnskapet skal være revidert av statsautorisert eller registrert revisor.' : null,
        ' Midler som ikke er brukt til formålet i tilskuddsåret, skal betales tilbake. Endringer i grunnlaget for tilskuddet krever skriftlig samtykke på forhånd.')] : null,
    h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Klagerett' }),
    h('p', { class: 'ds-paragraph' },
      'Vedtaket kan påklages etter forvaltningsloven § 28. Klagefristen er tre uker fra vedtaket er mottatt',
      c.appeal_deadline ? ` (frist ${dateText(c.appeal_deadline)})` : '', '. ',
      c.appeal_to ? `Klageinstans er ${c.appeal_to}. ` : '',
      'Klagen sendes til den som har fattet vedtaket.'),
    c.signed_by ? h('p', { class: 'ds-paragraph portal-letter__sign' }, 'Med hilsen', h('br'), c.signed_by, c.tenant ? [h('br'), c.tenant] : null) : null,
  );
}
