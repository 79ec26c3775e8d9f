// sak/decision.js: the recommendation (by a caseworker) and the decision (by a decision maker who
// did not recommend: the four-eyes rule), with the call's budget frame beside the decision form.

import { getJson } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { facts } from '../lib/casework.js';
import { kr, para, muted, note, section, blocked, undeclaredNote } from './parts.js';
import { amountInput, textArea, selectBox, value, amountOf, check, needAmount, needText } from './forms.js';

function recommendForm({ c, post, form }) {
  const f = form('recommend', {
    fields: [selectBox('recommend-outcome', 'Innstilling', [['grant', 'Et beløp (0 kr for avslag)'],
      ['dismiss', 'Avvisning: søknaden oppfyller ikke de formelle kravene']], 'grant'),
      amountInput('recommend-amount', 'Innstilt beløp (kr)', c.applied_amount, `Høyst søknadsbeløpet, ${kr(c.applied_amount)}. 0 kr betyr innstilling om avslag.`),
      textArea('recommend-reasons', 'Begrunnelse', 'Begrunnelsen følger saken til beslutteren.', 4)],
    map: { amount: 'recommend-amount', reasons: 'recommend-reasons', outcome: 'recommend-outcome' },
    buttons: [{ label: 'Send innstilling', testid: 'recommend', run: () => {
      if (value('recommend-outcome') === 'dismiss') {
        check([needText('recommend-reasons', 'reasons', 'Skriv hvilke formelle krav som ikke er oppfylt.')]);
        return post('recommend', { outcome: 'dismiss', reasons: value('recommend-reasons') });
      }
      check([needAmount('recommend-amount'), needText('recommend-reasons', 'reasons', 'Skriv en begrunnelse.')]);
      return post('recommend', { amount: amountOf('recommend-amount'), reasons: value('recommend-reasons') });
    } }],
    done: 'Innstillingen er sendt til beslutter.',
  });
  // a dismissal has no amount
  const outcomeEl = f.querySelector('#recommend-outcome');
  const amountBox = f.querySelector('#recommend-amount').closest('.ds-field');
  outcomeEl.addEventListener('change', () => { amountBox.hidden = outcomeEl.value === 'dismiss'; });
  return f;
}

export function recommendationSection(ctx) {
  const { rec, can, isCw, recused, declared } = ctx;
  if (!rec && !can('recommend')) return null;
  const parts = [rec ? facts([['Innstilt av', rec.by], ['Beløp', rec.amount > 0 ? kr(rec.amount) : 'Avslag (0 kr)'], ['Begrunnelse', rec.reasons]]) : null];
  if (can('recommend')) {
    parts.push(blocked([[!isCw, 'En saksbehandler lager innstillingen.'], [recused, 'Du er inhabil og kan ikke innstille.'],
      [!declared, () => undeclaredNote('innstiller')]]) || recommendForm(ctx));
  }
  return section('recommendation', 'Innstilling', ...parts);
}

function decisionFacts(dec, c) {
  const outcome = dec.amount == null || dec.amount === 0 ? 'Avslag' : dec.amount === c.applied_amount ? 'Innvilget' : 'Delvis innvilget';
  return facts([['Avgjort av', dec.by], ['Vedtak', outcome], ['Beløp', dec.amount ? kr(dec.amount) : null],
    ['Begrunnelse', dec.reasons], ['Dato', formatDateTime(dec.decided_at)]]);
}

/** The body sent for a decision, after the client-side checks. */
function decisionBody() {
  const outcome = value('decide-outcome');
  const body = { outcome };
  if (outcome !== 'reject' && outcome !== 'dismiss') {
    check([needAmount('decide-amount')]);
    body.amount = amountOf('decide-amount');
  }
  check([outcome !== 'grant' && needText('decide-reasons', 'reasons', 'Et avslag, en avvisning eller et delvis tilskudd må begrunnes.')]);
  if (value('decide-reasons')) body.reasons = value('decide-reasons');
  return body;
}

/** Fills in the call's budget frame (what is left, and of each earmark) when the API has one. */
function showFrame(frame, { api, c }) {
  getJson(`${api}/calls/${c.call_id}/budget`).then((b) => {
    if (b.frame == null) return;
    frame.textContent = `Utlysningens ramme: ${kr(b.frame)}, bundet ${kr(b.committed)}, igjen ${kr(b.remaining)}.` +
      (Array.isArray(b.earmarks) && b.earmarks.length ? ` Øremerket: ${b.earmarks.map((e) => `delmål ${e.sub_goal} holdt av ${kr(e.remaining)}, ledig for delmålet i alt ${kr(e.available)}`).join(', ')}.` +
        (b.free ? ` Ikke øremerket (fritt for alle): ${kr(b.free.remaining)}.` : '') : '');
  }).catch(() => {});
}

/** The amount field is hidden for a rejection and set to the applied amount for a full grant. */
function syncAmount(f, c) {
  const outcomeEl = f.querySelector('#decide-outcome');
  const amountEl = f.querySelector('#decide-amount');
  const amountBox = amountEl.closest('.ds-field');
  outcomeEl.addEventListener('change', () => {
    amountBox.hidden = outcomeEl.value === 'reject' || outcomeEl.value === 'dismiss';
    if (outcomeEl.value === 'grant') amountEl.value = String(c.applied_amount);
  });
  amountBox.hidden = outcomeEl.value === 'reject' || outcomeEl.value === 'dismiss';
}

function decideForm(ctx) {
  const { c, rec, post, form } = ctx;
  const suggested = !rec ? 'grant' : rec.amount === 0 ? 'reject' : rec.amount === c.applied_amount ? 'grant' : 'grant_partly';
  const frame = h('p', { class: 'ds-paragraph portal-muted', 'data-testid': 'decide-frame' });
  const f = form('decide', {
    fields: [selectBox('decide-outcome', 'Vedtak', [['grant', 'Innvilge'], ['grant_partly', 'Innvilge delvis'], ['reject', 'Avslå'],
      ['dismiss', 'Avvise (formelle krav ikke oppfylt)']], suggested),
      amountInput('decide-amount', 'Innvilget beløp (kr)', rec ? rec.amount || '' : c.applied_amount, `Søknadsbeløp ${kr(c.applied_amount)}. Ved full innvilgelse er beløpet lik søknadsbeløpet.`),
      frame,
      textArea('decide-reasons', 'Begrunnelse', 'Påkrevd ved avslag, avvisning og delvis innvilgelse. Begrunnelsen står i brevet til søkeren.', 4)],
    map: { amount: 'decide-amount', reasons: 'decide-reasons', outcome: 'decide-outcome' },
    buttons: [{ label: 'Fatt vedtak', testid: 'decide', run: () => post('decide', decisionBody()) }],
    done: () => 'Vedtaket er fattet. Send brevet til søkeren.',
  });
  syncAmount(f, c);
  showFrame(frame, ctx);
  return [rec ? para(`Innstillingen er ${rec.amount > 0 ? kr(rec.amount) : 'avslag'}.`) : null, f];
}

export function decisionSection(ctx) {
  const { c, can, rec, user, isDm, recused, declared } = ctx;
  const dec = c.decision;
  const canDecide = can('grant') || can('grant_partly') || can('reject') || can('dismiss');
  if (!dec && !canDecide) return null;
  const parts = [dec ? decisionFacts(dec, c) : null];
  if (canDecide) {
    parts.push(blocked([[!isDm, 'En beslutter fatter vedtaket.'], [recused, 'Du er inhabil og kan ikke fatte vedtak.'],
      [!declared, () => undeclaredNote('fatter vedtak')],
      [rec && rec.by_id === user.id, () => note('warning', 'Du innstilte i saken og kan ikke også fatte vedtaket (fire øyne).')]])
      || decideForm(ctx));
  }
  return section('decision', 'Vedtak', ...parts);
}
