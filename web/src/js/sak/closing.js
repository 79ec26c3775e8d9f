// sak/closing.js: closing the case, and reclaiming a grant used against its conditions.

import { h } from '../lib/dom.js';
import { kr, section } from './parts.js';
import { amountInput, textArea, value, amountOf, check, needAmount, needText } from './forms.js';

function reclaimForm({ c, post, form }) {
  return form('reclaim', {
    intro: 'Tilskudd som er brukt i strid med vilkårene, kan holdes tilbake eller kreves tilbake. Søkeren varsles på e-post.',
    fields: [amountInput('reclaim-amount', 'Beløp som kreves tilbake (kr)', '', `Høyst tilskuddet, ${kr(c.granted_amount)}.`),
      textArea('reclaim-reasons', 'Begrunnelse', 'Sendes til søkeren.', 3)],
    map: { amount: 'reclaim-amount', reasons: 'reclaim-reasons' },
    buttons: [{ label: 'Krev tilbake', testid: 'reclaim', variant: 'secondary', run: () => {
      check([needAmount('reclaim-amount'), needText('reclaim-reasons', 'reasons', 'Skriv en begrunnelse.')]);
      return post('reclaim', { amount: amountOf('reclaim-amount'), reasons: value('reclaim-reasons') });
    } }],
    done: 'Kravet om tilbakebetaling er sendt.',
  });
}

export function closingSection(ctx) {
  const { can, handler, isDm, recused, post, form } = ctx;
  const end = [];
  if (can('close') && handler && !recused) {
    end.push(form('close', {
      intro: 'Når saken er avsluttet, kan den ikke behandles videre.',
      buttons: [{ label: 'Avslutt saken', testid: 'close-case', variant: 'secondary', run: () => post('close', {}) }],
      done: 'Saken er avsluttet.',
    }));
  }
  if (can('reclaim') && isDm && !recused) {
    end.push(h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Krev tilbakebetaling' }), reclaimForm(ctx));
  }
  return end.length ? section('closing', 'Avslutning', ...end) : null;
}
