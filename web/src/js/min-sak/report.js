// min-sak/report.js: the report and accounts: how the sent report stands, and the form to send it
// (goals, participants, activities, the account lines, unused funds and, from 100 000 kr, the
// audited accounts as a PDF).

import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { showMessage } from '../lib/page.js';
import { kr, section, para, btn, labelled, area, field, val, int, onClick } from './parts.js';

const ACCOUNT_LABEL = { item: 'Post', budget: 'Budsjett', actual: 'Regnskap' };

/** The report sent and its review; null before one is sent. */
export function reportSection(c) {
  if (!c.report) return null;
  return section('Rapport', para(`Rapporten ble sendt ${formatDateTime(c.report.submitted_at)}${c.report.late ? ' (etter fristen)' : ''}.`
    + (c.report.review === 'approved' ? ' Rapporten er godkjent.' : c.report.review === 'changes_asked' ? ` Forvalteren ber om endringer: ${c.report.review_comment || ''}` : ' Den er til gjennomgang.')
    + (c.report.payback_amount ? ` Beløp som skal betales tilbake: ${kr(c.report.payback_amount)}.` : '')));
}

/** Adds an account line (post, budget, actual) to the table body. */
function addAccountLine(lines) {
  const n = lines.children.length;
  lines.append(h('tr', {}, ['item', 'budget', 'actual'].map((k) => h('td', {}, h('input', { class: 'ds-input', id: `acc-${k}-${n}`, 'aria-label': ACCOUNT_LABEL[k] })))));
}

/** The file input and upload button for the audited accounts, when the grant needs them. */
function auditedUpload({ act }, c) {
  if (!c.audit_required) return [];
  return [labelled('audited-file', 'Revidert regnskap (PDF)', h('input', { class: 'ds-input', id: 'audited-file', type: 'file', accept: 'application/pdf' })),
    onClick(btn('Last opp revidert regnskap', 'upload-audited', 'secondary'), async () => {
      const f = document.getElementById('audited-file').files[0];
      if (!f) return showMessage('warning', 'Velg en fil', 'Velg filen med det reviderte regnskapet først.');
      await act('POST', `attachments?kind=audited_accounts&filename=${encodeURIComponent(f.name)}`, f, 'Det reviderte regnskapet er lastet opp');
    })];
}

/** The report's body from the form: the account lines with a post, amounts as whole kroner. */
function reportBody(lines) {
  const accounts = [];
  for (let i = 0; i < lines.children.length; i++) {
    const item = val(`acc-item-${i}`);
    if (item) accounts.push({ item, budget: int(val(`acc-budget-${i}`)) ?? 0, actual: int(val(`acc-actual-${i}`)) ?? 0 });
  }
  return { goals_reached: val('report-goals'), participants: int(val('report-participants')) ?? 0, activities: val('report-activities'),
    accounts, unused: int(val('report-unused')) ?? 0 };
}

/** The form to send the report and accounts, when it may be sent now. */
export function reportFormSection(ctx, c, can) {
  if (!can('receive_report')) return null;
  const lines = h('tbody', {});
  const addLine = () => addAccountLine(lines);
  addLine();
  return section('Send rapport og regnskap',
    area('report-goals', 'Hvordan ble målene nådd?'), field('report-participants', 'Antall deltakere'), area('report-activities', 'Aktiviteter som ble gjennomført'),
    h('table', { class: 'ds-table', 'data-size': 'sm' }, h('thead', {}, h('tr', {}, ['Post', 'Budsjett (kr)', 'Regnskap (kr)'].map((t) => h('th', { scope: 'col', text: t })))), lines),
    onClick(btn('Legg til linje', 'add-account-line', 'tertiary'), addLine),
    field('report-unused', 'Ubrukte midler (kr)'), ...auditedUpload(ctx, c),
    onClick(btn('Send rapporten', 'submit-report'), () => {
      ctx.act('PUT', 'report', reportBody(lines), 'Rapporten er sendt');
    }));
}
