// utboks.js: IMDi's national admins read the outbox (filter by recipient, paged).

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime } from './lib/format.js';
import { pagination } from './lib/ui.js';

startPage(async () => {
  if (!(await userOrLogin())) return;
  let page = 1;
  const to = byId('to');
  async function load() {
    const { items } = await getJson('/api/v1/tenants/imdi/outbox', { page, per_page: 25, to: to.value.trim() || undefined });
    replaceChildren(byId('mail'), items.length ? h('ul', { class: 'portal-timeline', 'data-testid': 'outbox' }, items.map((m) => h('li', { class: 'ds-card' },
      h('p', { class: 'ds-paragraph' }, h('strong', { text: m.subject })),
      h('p', { class: 'ds-paragraph', 'data-size': 'sm', text: `Til ${m.to} · ${formatDateTime(m.created_at)} · ${m.kind} · ` +
        (m.sent_at ? `sendt ${formatDateTime(m.sent_at)}` : `ikke sendt (${m.attempts} forsøk${m.last_error ? ': ' + m.last_error : ''})`) }),
      h('details', { class: 'ds-details' }, h('summary', { text: 'Vis innholdet' }), h('pre', { class: 'portal-mail', text: m.body })))))
      : h('p', { class: 'ds-paragraph', text: 'Ingen e-post.' }));
    byId('mail').removeAttribute('aria-busy');
    replaceChildren(byId('pager'), pagination({ page, hasNext: items.length >= 25, go: (p) => {
      page = p;
      load();
    } }));
  }
  byId('filter').addEventListener('submit', (e) => { e.preventDefault(); page = 1; load(); });
  await load();
});
