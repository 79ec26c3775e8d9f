// utlysninger-admin.js: a tenant's calls for its admins (/utlysninger-admin.html?tenant=SLUG): drafts and
// published calls (GET /api/v1/tenants/{slug}/calls), a new call from a scheme or a copy of an earlier
// one (POST .../calls, then its form, utlysning-rediger.html), and the tenant's contact persons
// (GET|PUT .../contacts).

import { apiSend, getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, staffTenant, mountForm, showMessage } from './lib/page.js';
import { errorSummary, showApiError, clearErrors } from './lib/forms.js';
import { formatDateTime } from './lib/format.js';
import { SCHEMES, callStateLabel } from './lib/callrules.js';
import { contactsEditor } from './lib/contacts.js';

let base;
let slug;

const editUrl = (c) => `/utlysning-rediger.html?tenant=${encodeURIComponent(slug)}&id=${c.id}`;

function renderCalls(calls) {
  replaceChildren(byId('calls'), calls.length
    ? h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'calls-heading' },
      h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'admin-calls' },
        h('thead', {}, h('tr', {}, ['Utlysning', 'Ordning', 'År', 'Status', 'Søknadsfrist'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, calls.map((c) => h('tr', { 'data-testid': 'admin-call-row', 'data-id': c.id },
          h('th', { scope: 'row' }, h('a', { class: 'ds-link', href: editUrl(c), text: c.title })),
          h('td', { text: c.scheme.name }), h('td', { text: String(c.year) }),
          h('td', { 'data-testid': 'admin-call-state', text: callStateLabel(c) }),
          h('td', { text: formatDateTime(c.deadline) }))))))
    : h('p', { class: 'ds-paragraph', text: 'Dere har ingen utlysninger ennå.' }));
  byId('calls').setAttribute('aria-busy', 'false');
}

function mountCreate() {
  mountForm(byId('create'), {
    testid: 'create-call',
    fields: [
      { name: 'scheme', label: 'Tilskuddsordning', type: 'select', options: [['', 'Velg ordning'], ...SCHEMES], required: true },
      { name: 'year', label: 'År', type: 'number', value: String(new Date().getFullYear() + 1), required: true },
      { name: 'title', label: 'Tittel', required: true, max: 255 },
    ],
    submitLabel: 'Lag utkast',
    check: (v) => [
      !v.scheme ? { field: 'scheme', detail: 'Velg en ordning.' } : null,
      !/^\d{4}$/.test(v.year.trim()) ? { field: 'year', detail: 'Oppgi året med fire sifre, for eksempel 2026.' } : null,
      !v.title.trim() ? { field: 'title', detail: 'Skriv en tittel.' } : null,
    ].filter(Boolean),
    submit: async (v) => {
      const { body } = await apiSend('POST', base, { scheme: v.scheme, year: Number(v.year), title: v.title.trim() });
      window.location.assign(editUrl(body));
    },
  });
}

function mountCopy(calls) {
  if (!calls.length) {
    replaceChildren(byId('copy'));
    return;
  }
  const newest = [...calls].sort((a, b) => b.year - a.year || b.id - a.id);
  mountForm(byId('copy'), {
    testid: 'copy-call',
    fields: [{ name: 'copy_from', label: 'Kopier en utlysning til året etter', type: 'select', value: String(newest[0].id),
      description: 'Kopien blir et utkast med de samme reglene, tekstene og kontaktpersonene, og datoene flyttet ett år fram.',
      options: newest.map((c) => [String(c.id), `${c.title} (${c.year})`]) }],
    submitLabel: 'Kopier',
    submit: async (v) => {
      const { body } = await apiSend('POST', base, { copy_from: Number(v.copy_from) });
      window.location.assign(editUrl(body));
    },
  });
}

async function mountContacts() {
  const url = `/api/v1/tenants/${encodeURIComponent(slug)}/contacts`;
  const { items } = await getJson(url);
  const editor = contactsEditor('items', items, { legend: 'Kontaktpersoner', max: 50 });
  const summary = errorSummary();
  const save = h('button', { type: 'submit', class: 'ds-button', 'data-variant': 'primary', text: 'Lagre kontaktpersonene' });
  const form = h('form', { class: 'portal-form', novalidate: true, 'data-testid': 'tenant-contacts' }, summary, editor.node,
    h('div', { class: 'portal-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summary);
    save.disabled = true;
    try {
      await apiSend('PUT', url, { items: editor.values() });
      showMessage('success', 'Lagret', 'Kontaktpersonene er lagret.');
    } catch (err) {
      showApiError(form, summary, err);
    } finally {
      save.disabled = false;
    }
  });
  replaceChildren(byId('contacts'), form);
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  slug = session.slug;
  base = `/api/v1/tenants/${encodeURIComponent(slug)}/calls`;
  const { items } = await getJson(base);
  renderCalls(items);
  mountCreate();
  mountCopy(items);
  await mountContacts();
});
