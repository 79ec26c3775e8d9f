// ansatte.js: a tenant admin's list of staff and roles: add by email, remove with a confirmation.

import { apiSend, getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, mountForm, param, showMessage } from './lib/page.js';
import { userOrLogin, ROLE_NAMES } from './lib/session.js';
import { formatDateTime } from './lib/format.js';

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const slug = param('tenant') || '';
  const tenant = user.tenants.find((t) => t.slug === slug);
  if (tenant) document.querySelector('h1').textContent = `Ansatte og roller – ${tenant.name}`;
  const base = `/api/v1/tenants/${encodeURIComponent(slug)}/staff`;
  const list = byId('staff');
  async function load() {
    const { items } = await getJson(base);
    const rows = items.map((s) => {
      const remove = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', text: 'Fjern' });
      remove.addEventListener('click', async () => {
        if (!window.confirm(`Fjerne rollen ${ROLE_NAMES[s.role] || s.role} fra ${s.name}?`)) return;
        try {
          await apiSend('DELETE', `${base}/${s.id}`);
          showMessage('success', 'Rollen er fjernet', `${s.name} har ikke lenger rollen ${ROLE_NAMES[s.role] || s.role}.`);
          await load();
        } catch (err) {
          showMessage('danger', 'Kunne ikke fjerne rollen', describeError(err));
        }
      });
      return h('tr', {}, h('td', { text: s.name }), h('td', { text: s.email }), h('td', { text: ROLE_NAMES[s.role] || s.role }),
        h('td', { text: formatDateTime(s.created_at) }), h('td', {}, remove));
    });
    replaceChildren(list, h('div', { class: 'portal-table-wrap' }, h('table', { class: 'ds-table', 'data-testid': 'staff-table' },
      h('caption', { class: 'ds-sr-only', text: 'Ansatte og roller' }),
      h('thead', {}, h('tr', {}, ['Navn', 'E-post', 'Rolle', 'Siden', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows))));
    list.removeAttribute('aria-busy');
  }
  await load();
  const roles = ['caseworker', 'decision_maker', 'tenant_admin'];
  if (tenant && tenant.roles.includes('national_admin')) roles.push('national_admin');
  const form = mountForm(byId('form'), {
    submitLabel: 'Gi rolle',
    fields: [
      { name: 'email', label: 'E-postadresse', type: 'email', required: true },
      { name: 'role', label: 'Rolle', type: 'select', options: roles.map((r) => [r, ROLE_NAMES[r]]) },
    ],
    submit: async (v) => {
      await apiSend('POST', base, { email: v.email.trim(), role: v.role });
      form.reset();
      showMessage('success', 'Rollen er gitt', `${v.email.trim()} har nå rollen ${ROLE_NAMES[v.role]}.`);
      await load();
    },
  });
});
