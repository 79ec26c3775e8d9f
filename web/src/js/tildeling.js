// tildeling.js: IMDi's allocation to the municipalities. IMDi's tenant admins set each
// municipality's yearly amount per scheme and give or refuse consent to the administration costs;
// a municipality's staff see their own allocations and costs, and its admins record costs. Amounts
// spent without IMDi's consent are marked.

import { apiSend, getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, staffTenant, mountForm, showMessage, param } from './lib/page.js';
import { formatKroner, formatDateTime } from './lib/format.js';

const kr = (n) => (n === null || n === undefined ? 'Ikke satt' : formatKroner(Number(n)));
const CONSENT = { pending: 'Venter på IMDi', given: 'Samtykke gitt', refused: 'Samtykke nektet' };
const flag = (text) => h('span', { class: 'ds-tag', 'data-color': 'warning', 'data-testid': 'flag-without-consent', text });

function table(testid, caption, heads, rows) {
  return h('div', { class: 'portal-table-wrap' }, h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': testid },
    h('caption', { class: 'ds-sr-only', text: caption }),
    h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col', text: t })))), h('tbody', {}, rows)));
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug, tenant } = session;
  const imdi = slug === 'imdi';
  const admin = !!tenant && tenant.roles.includes('tenant_admin');
  const base = `/api/v1/tenants/${encodeURIComponent(slug)}`;
  if (tenant) document.querySelector('h1').textContent = imdi ? 'Tildeling til kommunene' : `Tildeling fra IMDi – ${tenant.name}`;
  const thisYear = new Date().getFullYear();
  const yearSel = byId('year');
  for (let y = thisYear + 1; y >= thisYear - 5; y--) yearSel.append(h('option', { value: String(y), text: String(y) }));
  yearSel.value = param('year') || String(thisYear);

  async function setAmount(r, input) {
    const amount = Number(input.value.replace(/\s/g, ''));
    try {
      await apiSend('PUT', `${base}/allocations/${yearSel.value}/${r.scheme}/${r.tenant}`, { amount });
      showMessage('success', 'Tildelingen er lagret', `${r.tenant_name}, ${r.scheme_name}: ${kr(amount)}.`);
      await load();
    } catch (err) {
      showMessage('danger', 'Kunne ikke lagre tildelingen', describeError(err));
    }
  }

  function allocRow(r) {
    let cell = h('td', { class: 'portal-num', 'data-testid': 'alloc-amount', text: kr(r.amount) });
    if (imdi && admin) {
      const input = h('input', { class: 'ds-input', type: 'text', inputmode: 'numeric', 'aria-label': `Tildeling til ${r.tenant_name}, ${r.scheme_name}`,
        value: r.amount === null ? '' : String(r.amount), 'data-testid': 'alloc-input' });
      const save = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', text: 'Lagre', 'data-testid': 'alloc-save' });
      save.addEventListener('click', () => setAmount(r, input));
      cell = h('td', {}, h('div', { class: 'portal-row' }, input, save));
    }
    return h('tr', { 'data-testid': 'alloc-row', 'data-id': `${r.tenant}/${r.scheme}` },
      h('th', { scope: 'row', text: r.tenant_name }), h('td', { text: r.scheme_name }), cell,
      h('td', { class: 'portal-num', text: r.frames === null ? 'Ingen ramme' : kr(r.frames) }), h('td', { class: 'portal-num', text: kr(r.granted) }),
      h('td', { class: 'portal-num' }, kr(r.admin_costs), r.admin_costs_without_consent > 0 ? [' ', flag(`${kr(r.admin_costs_without_consent)} uten samtykke`)] : null));
  }

  async function decide(c, consent) {
    try {
      await apiSend('PUT', `${base}/admin-costs/${c.id}/consent`, { consent });
      showMessage('success', consent === 'given' ? 'Samtykke gitt' : 'Samtykke nektet', `${c.tenant_name}: ${kr(c.amount)}.`);
      await load();
    } catch (err) {
      showMessage('danger', 'Kunne ikke registrere avgjørelsen', describeError(err));
    }
  }

  function costRow(c) {
    const actions = [];
    if (imdi && admin && c.consent === 'pending') {
      for (const [consent, text] of [['given', 'Gi samtykke'], ['refused', 'Nekt']]) {
        const b = h('button', { type: 'button', class: 'ds-button', 'data-variant': consent === 'given' ? 'secondary' : 'tertiary', 'data-size': 'sm', text, 'data-testid': `cost-${consent}` });
        b.addEventListener('click', () => decide(c, consent));
        actions.push(b);
      }
    }
    return h('tr', { 'data-testid': 'cost-row', 'data-id': String(c.id) }, h('th', { scope: 'row', text: c.tenant_name }), h('td', { text: c.scheme_name }),
      h('td', { class: 'portal-num', text: kr(c.amount) }), h('td', { text: c.note }), h('td', { text: formatDateTime(c.recorded_at) }),
      h('td', {}, CONSENT[c.consent], c.without_consent ? [' ', flag('Uten samtykke')] : null), h('td', {}, actions));
  }

  async function load() {
    const [{ items: allocs }, { items: costs }] = await Promise.all([
      getJson(`${base}/allocations`, { year: yearSel.value }), getJson(`${base}/admin-costs`, { year: yearSel.value })]);
    replaceChildren(byId('allocations'), table('alloc-table', 'Tildelinger per kommune og ordning',
      ['Kommune', 'Ordning', 'Tildeling', 'Rammer i utlysninger', 'Innvilget', 'Administrasjonskostnader'], allocs.map(allocRow)));
    replaceChildren(byId('costs'), costs.length ? table('cost-table', 'Administrasjonskostnader',
      ['Kommune', 'Ordning', 'Beløp', 'Merknad', 'Ført', 'Samtykke', ''], costs.map(costRow))
      : h('p', { class: 'ds-paragraph', text: `Ingen administrasjonskostnader er ført for ${yearSel.value}.` }));
    byId('allocations').removeAttribute('aria-busy');
    byId('costs').removeAttribute('aria-busy');
  }

  yearSel.addEventListener('change', () => load().catch((err) => showMessage('danger', 'Kunne ikke hente tildelingene', describeError(err))));
  if (!imdi && tenant && (admin || tenant.roles.includes('decision_maker'))) {
    byId('cost-form-wrap').hidden = false;
    const form = mountForm(byId('cost-form'), {
      testid: 'cost-form',
      submitLabel: 'Før kostnaden',
      fields: [
        { name: 'scheme', label: 'Ordning', type: 'select', options: [['frivillig-integrering', 'Tilskudd til integreringsarbeid i regi av frivillige organisasjoner'], ['driftstilskudd-innvandrerorganisasjoner', 'Driftstilskudd til lokale innvandrerorganisasjoner']] },
        { name: 'amount', label: 'Beløp i kroner', type: 'number', required: true, min: 1 },
        { name: 'note', label: 'Hva kostnaden gjelder', type: 'textarea', rows: 2 },
      ],
      submit: async (v) => {
        await apiSend('POST', `${base}/admin-costs`, { year: Number(yearSel.value), scheme: v.scheme, amount: Number(v.amount), note: v.note });
        form.reset();
        showMessage('success', 'Kostnaden er ført', 'Den venter på IMDis samtykke.');
        await load();
      },
    });
  }
  await load();
});
