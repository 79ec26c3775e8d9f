// sak/letters.js: the letters sent in the case (each printable on its own) and the form that
// sends the decision's letter; the payment plan with a button per term to mark it paid.

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { renderLetter, printLetter, LETTER_KIND } from '../lib/casework.js';
import { kr, muted, tag, table, section, blocked } from './parts.js';
import { button, errorBox, showFormError } from './forms.js';

function letterItem(l) {
  const kind = LETTER_KIND[l.kind] || 'Brev';
  const article = h('article', { class: 'portal-letter-box', 'data-testid': 'letter', 'aria-label': `${kind} sendt ${formatDateTime(l.sent_at)}` }, renderLetter(l.content));
  const print = button('Skriv ut', `print-letter-${l.id}`, 'secondary');
  print.addEventListener('click', () => printLetter(article));
  return h('div', { class: 'portal-letter-item' },
    h('p', { class: 'ds-paragraph portal-noprint' }, h('strong', { text: kind }), ` sendt ${formatDateTime(l.sent_at)}`),
    article, h('div', { class: 'portal-actions portal-noprint' }, print));
}

function sendLetter({ c, can, handler, recused, post, form }) {
  if (!can('send_letter')) return null;
  const granted = c.granted_amount > 0;
  return blocked([[!handler, 'Saksbehandler eller beslutter sender brevet.'], [recused, 'Du er inhabil og kan ikke sende brevet.']])
    || form('letter', {
      intro: `Brevet lages av vedtaket og sendes til organisasjonen på e-post og i portalen. Det kan ikke endres etterpå.${granted ? '' : ' Det er et avslagsbrev.'}`,
      buttons: [{ label: granted ? 'Send tilskuddsbrev' : 'Send avslagsbrev', testid: 'send-letter', run: () => post('letter', {}) }],
      done: 'Brevet er sendt til søkeren.',
    });
}

export function lettersSection(ctx) {
  const { c, can } = ctx;
  const letters = c.letters || [];
  if (!letters.length && !can('send_letter')) return null;
  const fresh = ['granted', 'partly_granted', 'rejected', 'letter_sent', 'appealed'].includes(c.status);
  return section('letters', 'Brev', letters.length ? h('details', { class: 'ds-details', open: fresh },
    h('summary', { text: letters.length === 1 ? 'Brevet' : `Brevene (${letters.length})` }), h('div', {}, letters.map(letterItem))) : null,
  sendLetter(ctx));
}

/** The button marking one term paid; only the next unpaid term can be marked. */
function payButton(p, next, { post, refresh }, holder, summaryBox) {
  const b = button(`Marker termin ${p.term} utbetalt`, `pay-term-${p.term}`, p === next ? 'primary' : 'secondary');
  b.setAttribute('data-size', 'sm');
  if (p !== next) {
    b.disabled = true;
    b.title = `Termin ${next.term} må utbetales først.`;
  }
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await post('payments', { term: p.term });
    } catch (err) {
      b.disabled = false;
      showFormError(holder, summaryBox, err, {});
      return;
    }
    await refresh(`Termin ${p.term} er markert som utbetalt.`, 'sec-payments');
  });
  return b;
}

function paymentTable(ctx) {
  const { c, can, handler, recused, slug } = ctx;
  const pays = c.payments;
  const next = pays.find((p) => !p.paid_at);
  const payable = can('pay_term') && handler && !recused;
  const summaryBox = errorBox();
  const holder = h('div', { class: 'portal-noprint' }, summaryBox);
  return [holder, table('payments', 'Utbetalinger', ['Termin', 'Beløp', 'Forfall', 'Utbetalt', ''], pays.map((p) =>
    h('tr', { 'data-testid': `payment-${p.term}` }, h('td', { text: String(p.term) }), h('td', { class: 'portal-num', text: kr(p.amount) }),
      h('td', { text: p.due_date ? formatDate(p.due_date) : '' }),
      h('td', {}, p.paid_at ? formatDateTime(p.paid_at) : tag('Ikke utbetalt', 'warning')),
      h('td', {}, !p.paid_at && payable ? payButton(p, next, ctx, holder, summaryBox) : null)))),
  h('p', { class: 'ds-paragraph portal-noprint' }, h('a', { class: 'ds-link', href: `/utbetalinger.html?tenant=${encodeURIComponent(slug)}`, text: 'Alle utbetalinger til forfall' }))];
}

export function paymentsSection(ctx) {
  const { c } = ctx;
  const pays = c.payments || [];
  if (!pays.length && !(c.status === 'letter_sent' && c.granted_amount > 0)) return null;
  return section('payments', 'Utbetalinger',
    pays.length ? paymentTable(ctx) : muted('Utbetalingsplanen lages når søkeren har akseptert vilkårene.'));
}
