// min-sak/grant.js: the letters (printable), accepting or declining the grant's conditions, and
// the payment plan.

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { renderLetter } from '../lib/casework.js';
import { kr, section, para, btn, onClick } from './parts.js';

/** The letters sent to the organisation, with a print button; null when there are none. */
export function lettersSection(c) {
  if (!(c.letters || []).length) return null;
  return section('Brev', ...c.letters.map((l) => h('article', { class: 'portal-letter-box', 'data-testid': 'letter' }, renderLetter(l.content),
    h('p', { class: 'ds-paragraph portal-noprint', text: `Sendt ${formatDateTime(l.sent_at)}` }))),
  onClick(btn('Skriv ut', 'print-letter', 'tertiary'), () => window.print()));
}

/** Accepting the conditions, or declining the grant (the decline button asks once more). */
export function acceptSection({ act }, c, can) {
  if (!can('accept') && !can('decline')) return null;
  const decline = btn('Takk nei til tilskuddet', 'decline', 'secondary');
  let armed = false;
  decline.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      decline.textContent = 'Bekreft: takk nei til tilskuddet';
      return;
    }
    act('POST', 'accept', { accept: false }, 'Du har takket nei til tilskuddet');
  });
  return section('Aksept av vilkårene',
    para('Les tilskuddsbrevet. Den som kan signere for organisasjonen, aksepterer vilkårene før tilskuddet blir utbetalt.'),
    onClick(btn('Aksepter vilkårene', 'accept'), () => act('POST', 'accept', { accept: true }, 'Vilkårene er akseptert')), ' ', decline);
}

/** The payment plan: one row per term; null when there is none. */
export function paymentsSection(c) {
  if (!(c.payments || []).length) return null;
  return section('Utbetalingsplan', h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'payment-plan' },
    h('thead', {}, h('tr', {}, ['Termin', 'Beløp', 'Forfall', 'Utbetalt'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, c.payments.map((p) => h('tr', { 'data-testid': `payment-term-${p.term}` }, h('td', { text: String(p.term) }),
      h('td', { class: 'portal-num', text: kr(p.amount) }), h('td', { text: p.due_date ? formatDate(p.due_date) : '' }),
      h('td', { text: p.paid_at ? formatDateTime(p.paid_at) : 'Ikke utbetalt' }))))));
}
