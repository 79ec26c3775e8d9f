// published.js: what the public sees of a published year, drawn the same way wherever it is shown:
// the statistics page's key figures and tables (measures per tenant or year, per sub-goal) and the
// recipients page's table; the publication page shows its preview with the same functions, so the
// preview looks as the public pages will.

import { h } from './dom.js';
import { formatKroner, formatNumber } from './format.js';

const MONEY = new Set(['amount_applied', 'amount_granted', 'frame', 'unused', 'allocation', 'operating_support_amount',
  'activity_support_amount', 'admin_costs', 'admin_costs_without_consent']);

/** A measure as people read it (money in kroner; unknown: «Ikke oppgitt»). */
export function fmt(key, v) {
  if (v === null || v === undefined) return 'Ikke oppgitt';
  return MONEY.has(key) ? formatKroner(v) : formatNumber(v);
}

export function numCell(key, v, extra = {}) {
  return h('td', { class: 'portal-tp-num', 'data-key': key, ...extra, text: fmt(key, v) });
}

/** The yearly report's table: one row per item with every measure, grouped headers; optional sum row. */
export function measuresTable({ id, testid, caption, firstHeader, items, labelOf, rowTestid, totals }) {
  const cells = (r) => [
    numCell('frame', r.frame),
    numCell('operating_support_organisations', r.operating_support_organisations),
    numCell('operating_support_immigrant_organisations', r.operating_support_immigrant_organisations),
    numCell('activity_support_organisations', r.activity_support_organisations),
    numCell('activity_support_immigrant_organisations', r.activity_support_immigrant_organisations),
    numCell('applications_received', r.applications_received),
    numCell('applications_granted', r.applications_granted),
    numCell('amount_applied', r.amount_applied),
    numCell('amount_granted', r.amount_granted),
    numCell('unused', r.unused),
  ];
  const col = (text, attrs = {}) => h('th', { scope: 'col', ...attrs, text });
  return h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-caption` },
    h('table', { class: 'ds-table portal-tp-table', id, 'data-border': true, 'data-size': 'sm', 'data-testid': testid },
      h('caption', { id: `${id}-caption`, 'data-size': 'xs', text: caption }),
      h('thead', {},
        h('tr', {},
          h('th', { scope: 'col', rowspan: 2, text: firstHeader }),
          h('th', { scope: 'col', rowspan: 2, class: 'portal-tp-num', text: 'Ramme' }),
          h('th', { scope: 'colgroup', colspan: 2, text: 'Organisasjoner med driftsstøtte' }),
          h('th', { scope: 'colgroup', colspan: 2, text: 'Organisasjoner med aktivitetsstøtte' }),
          h('th', { scope: 'colgroup', colspan: 2, text: 'Søknader' }),
          h('th', { scope: 'colgroup', colspan: 2, text: 'Beløp' }),
          h('th', { scope: 'col', rowspan: 2, class: 'portal-tp-num', text: 'Ubrukte midler' })),
        h('tr', {},
          col('I alt', { class: 'portal-tp-num' }), col('Herav innvandrer\u00adorganisasjoner', { class: 'portal-tp-num portal-tp-narrow' }),
          col('I alt', { class: 'portal-tp-num' }), col('Herav innvandrer\u00adorganisasjoner', { class: 'portal-tp-num portal-tp-narrow' }),
          col('Mottatt', { class: 'portal-tp-num' }), col('Innvilget', { class: 'portal-tp-num' }),
          col('Søkt', { class: 'portal-tp-num' }), col('Tildelt', { class: 'portal-tp-num' }))),
      h('tbody', {}, items.map((r) => h('tr', { 'data-testid': rowTestid, 'data-id': r.tenant || r.year },
        h('th', { scope: 'row', text: labelOf(r) }), cells(r)))),
      totals ? h('tfoot', {}, h('tr', { 'data-testid': `${testid}-sum` }, h('th', { scope: 'row', text: 'Sum' }), cells(totals))) : null));
}

export function goalsTable(goals, caption) {
  return h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stats-subgoals-caption' },
    h('table', { class: 'ds-table portal-tp-table', id: 'stats-subgoals', 'data-border': true, 'data-size': 'sm', 'data-testid': 'stats-subgoals-table' },
      h('caption', { id: 'stats-subgoals-caption', 'data-size': 'xs', text: caption }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: 'Delmål' }),
        h('th', { scope: 'col', class: 'portal-tp-num', text: 'Søknader mottatt' }),
        h('th', { scope: 'col', class: 'portal-tp-num', text: 'Søknader innvilget' }),
        h('th', { scope: 'col', class: 'portal-tp-num', text: 'Søkt beløp' }),
        h('th', { scope: 'col', class: 'portal-tp-num', text: 'Tildelt beløp' }))),
      h('tbody', {}, goals.map((g) => h('tr', { 'data-testid': 'stats-subgoal-row', 'data-id': g.sub_goal },
        h('th', { scope: 'row', text: `${g.sub_goal} – ${g.name}` }),
        numCell('applications_received', g.applications_received),
        numCell('applications_granted', g.applications_granted),
        numCell('amount_applied', g.amount_applied),
        numCell('amount_granted', g.amount_granted))))));
}

export function keyFigures(t, rows) {
  const fig = (key, label, value, note) => h('div', { class: 'portal-tp-figure', 'data-testid': `stat-${key}` },
    h('dt', { text: label }), h('dd', { class: 'portal-tp-figure__value', text: value }),
    note ? h('dd', { class: 'portal-muted', 'data-size': 'sm', text: note }) : null);
  const withFrame = rows.filter((r) => Number.isInteger(r.frame)).length;
  const frameNote = withFrame && withFrame < rows.length ? `For ${withFrame} av ${rows.length} forvaltere som har oppgitt ramme` : null;
  const unknown = Number.isInteger(t.amounts_unknown) ? t.amounts_unknown : 0;
  const unknownNote = unknown
    ? `Summen gjelder bare oppgitte beløp: ${formatNumber(unknown)} ${unknown === 1 ? 'tildeling har' : 'tildelinger har'} beløp ikke oppgitt`
    : null;
  return h('dl', { class: 'portal-tp-figures', 'data-testid': 'stats-keyfigures' },
    fig('applications_received', 'Søknader mottatt', fmt('applications_received', t.applications_received)),
    fig('applications_granted', 'Søknader innvilget', fmt('applications_granted', t.applications_granted)),
    fig('amount_applied', 'Søkt beløp', fmt('amount_applied', t.amount_applied)),
    fig('amount_granted', 'Tildelt beløp', fmt('amount_granted', t.amount_granted), unknownNote),
    fig('frame', 'Ramme', fmt('frame', t.frame), frameNote),
    fig('unused', 'Ubrukte midler', fmt('unused', t.unused),
      unknown ? 'Ukjent så lenge noen tildelte beløp ikke er oppgitt' : (frameNote ? 'Ramme minus tildelt, for de samme' : null)),
    fig('operating_support_organisations', 'Organisasjoner med driftsstøtte', fmt('operating_support_organisations', t.operating_support_organisations),
      `Herav innvandrer\u00adorganisasjoner: ${fmt('operating_support_immigrant_organisations', t.operating_support_immigrant_organisations)}`),
    fig('activity_support_organisations', 'Organisasjoner med aktivitetsstøtte', fmt('activity_support_organisations', t.activity_support_organisations),
      `Herav innvandrer\u00adorganisasjoner: ${fmt('activity_support_immigrant_organisations', t.activity_support_immigrant_organisations)}`));
}

// what a grant whose source gives no amount shows in place of it (amount null)
export const NOT_GIVEN = 'beløp ikke oppgitt';
export const amountText = (r) => (Number.isInteger(r.amount) ? formatKroner(r.amount) : NOT_GIVEN);

/** The recipients' table of a year (doc: the recipients answer; rows: those shown; sum: theirs;
 *  unknown: how many of them have no amount; filtered: rows are some of doc.items; none: the text
 *  when rows is empty). The scheme is a column when the year holds more than one. */
export function recipientsTable(doc, rows, { sum = doc.total, unknown = doc.amounts_unknown || 0, filtered = false, none = 'Ingen mottakere.' } = {}) {
  const withGoals = doc.items.some((r) => r.sub_goals);
  const withSchemes = new Set(doc.items.map((r) => r.scheme)).size > 1;
  const cols = 3 + (withGoals ? 1 : 0) + (withSchemes ? 1 : 0);
  const body = rows.length
    ? rows.map((r) => h('tr', { 'data-testid': 'recipient-row' },
      h('th', { scope: 'row', 'data-testid': 'recipient-organisation', text: r.organisation }),
      h('td', { 'data-testid': 'recipient-title', text: r.title }),
      withSchemes ? h('td', { 'data-testid': 'recipient-scheme', text: r.scheme_name || '' }) : null,
      withGoals ? h('td', { text: r.sub_goals ? r.sub_goals.split(',').join(', ') : '–' }) : null,
      h('td', { class: 'portal-tp-num', 'data-testid': 'recipient-amount', text: amountText(r) })))
    : h('tr', {}, h('td', { colspan: cols, 'data-testid': 'recipients-none', text: none }));
  return h('table', { class: 'ds-table portal-tp-table', 'data-border': true, 'data-zebra': true, 'data-testid': 'recipients-table' },
    h('caption', { class: 'ds-sr-only', text: `Tilskuddsmottakere hos ${doc.tenant_name} i ${doc.year}` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Mottaker' }),
      h('th', { scope: 'col', text: 'Prosjekt' }),
      withSchemes ? h('th', { scope: 'col', text: 'Ordning' }) : null,
      withGoals ? h('th', { scope: 'col', text: doc.items.some((r) => /\d/.test(r.sub_goals || '')) ? 'Delmål / satsingsområde' : 'Delmål' }) : null,
      h('th', { scope: 'col', class: 'portal-tp-num', text: 'Beløp' }))),
    h('tbody', {}, body),
    h('tfoot', {}, h('tr', {},
      h('th', { scope: 'row', colspan: cols - 1,
        text: `${filtered ? 'Sum for de viste mottakerne' : 'Sum'}${unknown ? ' av oppgitte beløp' : ''}` }),
      h('td', { class: 'portal-tp-num', 'data-testid': 'recipients-total', text: formatKroner(filtered ? sum : doc.total) }))));
}
