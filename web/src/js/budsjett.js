// budsjett.js: the budget of each of the tenant's calls: frame, committed, paid and remaining, and
// the same per earmark (sub-goal), straight from the API so a decision shows at once.

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, staffTenant } from './lib/page.js';
import { formatKroner } from './lib/format.js';

const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug } = session;
  // every call's budget in one request
  const { items: budgets } = await getJson(`/api/v1/tenants/${encodeURIComponent(slug)}/budgets`);
  const row = (label, b, testid) => h('tr', {}, h('th', { scope: 'row', text: label }), h('td', { class: 'portal-num', text: b.frame ?? b.amount ?? null ? kr(b.frame ?? b.amount) : 'Ingen ramme satt' }),
    h('td', { class: 'portal-num', text: kr(b.committed) }), h('td', { class: 'portal-num', text: kr(b.paid) }),
    h('td', { class: 'portal-num', 'data-testid': testid, text: b.remaining != null ? kr(b.remaining) : '–' }),
    h('td', {}, (b.frame ?? b.amount) ? h('meter', { min: '0', max: String(b.frame ?? b.amount), value: String(b.committed), 'aria-label': `Bundet ${kr(b.committed)} av ${kr(b.frame ?? b.amount)}` }) : null));
  replaceChildren(byId('budgets'), budgets.length ? budgets.map((b) => h('section', { class: 'portal-case-section' },
    h('h2', { class: 'ds-heading', 'data-size': 'sm', text: `${b.title} (${b.year})` }),
    h('div', { class: 'portal-table-wrap' }, h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': `budget-${b.call_id}` },
      h('thead', {}, h('tr', {}, ['', 'Ramme', 'Bundet', 'Utbetalt', 'Gjenstår', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, row('Hele utlysningen', b, `budget-remaining-${b.call_id}`),
        // an earmark reserves its money for its sub-goal; what is not earmarked is free for every grant
        (b.earmarks || []).map((e) => row(`Øremerket delmål ${e.sub_goal} (holdt av)`, e, `budget-remaining-${b.call_id}-${e.sub_goal}`)),
        b.free && (b.earmarks || []).length ? row('Ikke øremerket (fritt for alle delmål)', { amount: b.free.amount, committed: b.free.committed, paid: null, remaining: b.free.remaining },
          `budget-remaining-${b.call_id}-free`) : null))))) : h('p', { class: 'ds-paragraph', text: 'Ingen utlysninger.' }));
  byId('budgets').removeAttribute('aria-busy');
  byId('allocation-link').href = `/tildeling.html?tenant=${encodeURIComponent(slug)}`;
});
