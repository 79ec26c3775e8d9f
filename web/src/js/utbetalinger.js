// utbetalinger.js: the tenant's payment terms (due, paid or all), their sum, and the same list as
// CSV for the accounting system (UTF-8 with BOM, so Norwegian Excel opens it as it is).

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, param, staffTenant } from './lib/page.js';
import { formatDate, formatDateTime, formatKroner } from './lib/format.js';

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug } = session;
  const status = ['due', 'paid', 'all'].includes(param('status')) ? param('status') : 'due';
  const sel = h('select', { class: 'ds-input', id: 'filter-status', name: 'status' },
    [['due', 'Til utbetaling'], ['paid', 'Utbetalt'], ['all', 'Alle']].map(([v, t]) => h('option', { value: v, selected: v === status, text: t })));
  sel.addEventListener('change', () => window.location.assign(`/utbetalinger.html?tenant=${slug}&status=${sel.value}`));
  replaceChildren(byId('filter'), h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: 'filter-status', text: 'Vis' }), sel),
    h('div', { class: 'portal-filters__actions' }, h('a', { class: 'ds-link', 'data-testid': 'payments-csv', href: `/api/v1/tenants/${slug}/payments.csv?status=${status}`, text: 'Last ned CSV for regnskapssystemet' })));
  const { items } = await getJson(`/api/v1/tenants/${slug}/payments`, { status });
  const sum = items.reduce((s, p) => s + Number(p.amount || 0), 0);
  byId('sum').textContent = `${items.length} terminer, til sammen ${formatKroner(sum)}.`;
  replaceChildren(byId('list'), items.length ? h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'payments-table' },
    h('thead', {}, h('tr', {}, ['Sak', 'Organisasjon', 'Org.nr.', 'Termin', 'Beløp', 'Forfall', 'Utbetalt'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, items.map((p) => h('tr', {},
      h('td', {}, h('a', { class: 'ds-link', href: `/sak.html?tenant=${slug}&id=${p.application_id}`, text: p.reference })),
      h('td', { text: p.organisation }), h('td', { text: p.orgnr }), h('td', { text: String(p.term) }),
      h('td', { class: 'portal-num', text: formatKroner(p.amount) }), h('td', { text: p.due_date ? formatDate(p.due_date) : '' }),
      h('td', { text: p.paid_at ? formatDateTime(p.paid_at) : '–' }))))) : h('p', { class: 'ds-paragraph', text: 'Ingen terminer.' }));
  byId('list').removeAttribute('aria-busy');
});
