// utboks.js: IMDi's national admins read the outbox (filter by recipient, paged).

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime } from './lib/format.js';

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
    const prev = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', disabled: page === 1, text: 'Forrige' });
    const next = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', disabled: items.length < 25, text: 'Neste' });
    prev.addEventListener('click', () => { page -= 1; load(); });
    next.addEventListener('click', () => { page += 1; load(); });
    replaceChildren(byId('pager'), prev, h('span', { class: 'ds-paragraph', text: `Side ${page}` }), next);
  }
  byId('filter').addEventListener('submit', (e) => { e.preventDefault(); page = 1; load(); });
  await load();
});
