// sak/followup.js: what follows the decision: appeals (handled by a decision maker as the first
// instance), the report and accounts with their review, and the applicant's change requests.

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { facts, APPEAL_STATUS, APPEAL_BODY, REPORT_REVIEW, CR_KIND, CR_STATUS } from '../lib/casework.js';
import { kr, para, muted, tag, table, section, blocked } from './parts.js';
import { amountInput, textArea, selectBox, value, amountOf, check, needAmount, needText } from './forms.js';

const when = (text, at) => (text ? `${text}${at ? ` (${formatDateTime(at)})` : ''}` : null);

function appealCard(x) {
  return h('div', { class: 'ds-card portal-case-card', 'data-testid': `appeal-${x.id}` },
    h('p', { class: 'ds-paragraph' }, h('strong', { text: `Klage mottatt ${formatDateTime(x.filed_at)}` }), ' ',
      tag(APPEAL_STATUS[x.status] || x.status, x.status === 'filed' ? 'warning' : 'neutral'), x.late ? [' ', tag('Etter klagefristen', 'danger')] : null),
    para(x.reasons || ''),
    facts([['Klageinstans', x.appeal_body ? APPEAL_BODY[x.appeal_body] || x.appeal_body : null],
      ['Førsteinstansens vurdering', when(x.handled_reasons, x.handled_at)],
      ['Klageinstansens avgjørelse', when(x.ruling_reasons, x.ruled_at)]]));
}

function appealForm({ post, form }) {
  return form('appeal', {
    intro: 'Som førsteinstans kan dere endre vedtaket selv (saken går tilbake til innstilt og får nytt vedtak), eller opprettholde det og sende klagen til klageinstansen.',
    fields: [selectBox('appeal-outcome', 'Førsteinstansens behandling', [['change', 'Ta klagen til følge – endre vedtaket'], ['forward', 'Opprettholde vedtaket og sende klagen til klageinstansen']], 'forward'),
      textArea('appeal-reasons', 'Begrunnelse', 'Begrunnelsen sendes til søkeren og eventuelt til klageinstansen.', 4)],
    map: { outcome: 'appeal-outcome', reasons: 'appeal-reasons' },
    buttons: [{ label: 'Behandle klagen', testid: 'appeal-decision', run: () => {
      check([needText('appeal-reasons', 'reasons', 'Skriv en begrunnelse.')]);
      return post('appeal-decision', { outcome: value('appeal-outcome'), reasons: value('appeal-reasons') });
    } }],
    done: 'Klagen er behandlet.',
  });
}

export function appealsSection(ctx) {
  const { c, can, isDm, recused } = ctx;
  const appeals = c.appeals || [];
  const canAppeal = c.status === 'appealed' && (can('appeal_change') || can('appeal_forward'));
  if (!appeals.length && !canAppeal) return null;
  return section('appeals', 'Klager', ...appeals.map(appealCard),
    canAppeal ? blocked([[!isDm, 'En beslutter behandler klagen som førsteinstans.'], [recused, 'Du er inhabil og kan ikke behandle klagen.']])
      || appealForm(ctx) : null);
}

function accountsTable(accounts) {
  const sum = (k) => accounts.reduce((x, r) => x + (Number(r[k]) || 0), 0);
  const num = (n) => h('td', { class: 'portal-num', text: kr(n) });
  return table('report-accounts', 'Regnskap mot budsjett', ['Post', 'Budsjett', 'Regnskap', 'Avvik'], [
    ...accounts.map((x) => h('tr', {}, h('td', { text: x.item }), num(x.budget), num(x.actual), num((Number(x.actual) || 0) - (Number(x.budget) || 0)))),
    h('tr', {}, h('th', { scope: 'row', text: 'Sum' }), num(sum('budget')), num(sum('actual')), num(sum('actual') - sum('budget')))]);
}

function reportReceived(rep, c) {
  const d = rep.data || {};
  const reviewColor = rep.review === 'approved' ? 'success' : rep.review === 'changes_asked' ? 'warning' : 'info';
  return [h('p', { class: 'ds-paragraph' }, `Mottatt ${formatDateTime(rep.submitted_at)} `,
    rep.late ? tag('Etter fristen', 'danger') : tag('Innen fristen', 'success'), ' ',
    tag(REPORT_REVIEW[rep.review] || rep.review || 'Ikke gjennomgått', reviewColor)),
  facts([['Måloppnåelse', d.goals_reached], ['Deltakere', d.participants != null ? String(d.participants) : null],
    ['Aktiviteter', d.activities], ['Ubrukte midler', d.unused != null ? kr(d.unused) : null],
    ['Kommentar fra gjennomgang', rep.review_comment], ['Tilbakebetaling', rep.payback_amount ? kr(rep.payback_amount) : null]]),
  Array.isArray(d.accounts) && d.accounts.length ? accountsTable(d.accounts) : null,
  c.audit_required ? muted('Tilskuddet krever regnskap attestert av revisor; vedlegget er lastet opp av søkeren.') : null];
}

function reviewBody() {
  const body = { outcome: value('review-outcome') };
  check([needAmount('review-payback', 'payback_amount', false),
    body.outcome === 'changes' && needText('review-comment', 'comment', 'Skriv hva som må endres.')]);
  if (value('review-comment')) body.comment = value('review-comment');
  if (amountOf('review-payback') !== null) body.payback_amount = amountOf('review-payback');
  return body;
}

function reviewForm({ c, post, form }) {
  const rep = c.report;
  return form('report-review', {
    fields: [selectBox('review-outcome', 'Gjennomgang', [['approve', 'Godkjenn rapporten'], ['changes', 'Be om endringer']], 'approve'),
      textArea('review-comment', 'Kommentar', 'Påkrevd når du ber om endringer; sendes til søkeren.', 3),
      amountInput('review-payback', 'Beløp som skal betales tilbake (kr)', rep && rep.data && rep.data.unused ? rep.data.unused : '', 'Ubrukte midler skal betales tilbake. La feltet stå tomt hvis ingenting skal betales tilbake.')],
    map: { outcome: 'review-outcome', comment: 'review-comment', payback_amount: 'review-payback' },
    buttons: [{ label: 'Lagre gjennomgang', testid: 'report-review', run: () => post('report-review', reviewBody()) }],
    done: 'Gjennomgangen er lagret.',
  });
}

export function reportSection(ctx) {
  const { c, can, handler, recused } = ctx;
  const rep = c.report;
  const canReview = can('approve_report') || can('ask_changes');
  if (!rep && !['paid', 'report_due'].includes(c.status)) return null;
  return section('report', 'Rapport',
    rep ? reportReceived(rep, c) : muted(`Ingen rapport mottatt ennå.${c.report_due ? ` Fristen er ${formatDate(c.report_due)}.` : ''}`),
    canReview ? blocked([[!handler, 'Saksbehandler eller beslutter går gjennom rapporten.'], [recused, 'Du er inhabil og kan ikke gå gjennom rapporten.']])
      || reviewForm(ctx) : null);
}

function changeRequestForm(cr, { post, form }) {
  const id = `cr-response-${cr.id}`;
  return form(`cr-${cr.id}`, {
    fields: [textArea(id, 'Svar til søkeren', 'Påkrevd når endringen ikke godkjennes.', 2)],
    map: { response: id },
    buttons: [
      { label: 'Godkjenn endringen', testid: `cr-approve-${cr.id}`, done: 'Endringen er godkjent.', run: () => post(`change-requests/${cr.id}`, { approve: true, response: value(id) }) },
      { label: 'Ikke godkjenn', testid: `cr-refuse-${cr.id}`, done: 'Endringen er ikke godkjent.', run: () => {
        check([needText(id, 'response', 'Begrunn hvorfor endringen ikke godkjennes.')]);
        return post(`change-requests/${cr.id}`, { approve: false, response: value(id) });
      } },
    ],
  });
}

function changeRequestCard(cr, ctx) {
  const statusColor = cr.status === 'pending' ? 'warning' : cr.status === 'approved' ? 'success' : 'neutral';
  return h('div', { class: 'ds-card portal-case-card', 'data-testid': `change-request-${cr.id}` },
    h('p', { class: 'ds-paragraph' }, h('strong', { text: `${CR_KIND[cr.kind] || cr.kind}` }), ` – søkt ${formatDateTime(cr.requested_at)} `,
      tag(CR_STATUS[cr.status] || cr.status, statusColor)),
    para(cr.description || ''),
    cr.response ? facts([['Svar', cr.response], ['Besvart', cr.decided_at ? formatDateTime(cr.decided_at) : null]]) : null,
    cr.status === 'pending' && ctx.handler && !ctx.recused ? changeRequestForm(cr, ctx) : null);
}

export function changesSection(ctx) {
  const crs = ctx.c.change_requests || [];
  return crs.length ? section('changes', 'Endringsønsker', ...crs.map((cr) => changeRequestCard(cr, ctx))) : null;
}
