// saker.js: the tenant's inbox: submitted applications with filters (call, status, sub-goal,
// assignee, amount range, text), sorting, paging and the counts per status. The filters live in
// the URL, so a reload or the back button keeps them.

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, param } from './lib/page.js';
import { userOrLogin, activeTenant } from './lib/session.js';
import { formatDateTime, formatKroner } from './lib/format.js';
import { CASE_STATUS, caseStatusTag } from './lib/casework.js';

const SORTS = [['-submitted', 'Nyeste først'], ['submitted', 'Eldste først'], ['-amount', 'Høyeste beløp'], ['amount', 'Laveste beløp'],
  ['title', 'Tittel A–Å'], ['-title', 'Tittel Å–A'], ['organisation', 'Organisasjon A–Å'], ['-organisation', 'Organisasjon Å–A']];
const KEYS = ['call', 'status', 'sub_goal', 'assignee', 'min_amount', 'max_amount', 'q', 'sort', 'page'];
const PER_PAGE = 50;

function select(id, label, options, value) {
  return h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }),
    h('select', { class: 'ds-input', id, name: id.replace('filter-', '') },
      options.map(([v, t]) => h('option', { value: v, selected: v === (value || ''), text: t }))));
}
function input(id, label, value, type = 'text') {
  return h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }),
    h('input', { class: 'ds-input', id, name: id.replace('filter-', ''), type, value: value || '', inputmode: type === 'number' ? 'numeric' : null }));
}

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const slug = param('tenant') || activeTenant(user)?.slug;
  const tenant = user.tenants.find((t) => t.slug === slug);
  if (!tenant) {
    replaceChildren(byId('list'), h('p', { class: 'ds-paragraph', text: 'Du er ikke saksbehandler hos denne forvalteren.' }));
    byId('list').removeAttribute('aria-busy');
    return;
  }
  byId('tenant-name').textContent = tenant.name;
  const now = new URLSearchParams(window.location.search);
  const v = (k) => now.get(k) || '';
  const [{ items: calls }, { items: staff }] = await Promise.all([
    getJson('/api/v1/calls', { tenant: slug, status: 'all', per_page: 100 }),
    tenant.roles.includes('tenant_admin') ? getJson(`/api/v1/tenants/${slug}/staff`).catch(() => ({ items: [] })) : { items: [] },
  ]);
  const caseworkers = staff.filter((s) => (s.roles || [s.role]).includes('caseworker'));
  const form = byId('filters');
  replaceChildren(form,
    input('filter-q', 'Søk i tittel eller organisasjon', v('q'), 'search'),
    select('filter-status', 'Status', [['', 'Alle'], ...Object.entries(CASE_STATUS).map(([k, s]) => [k, s.label])], v('status')),
    select('filter-call', 'Utlysning', [['', 'Alle'], ...calls.map((c) => [String(c.id), `${c.title} (${c.year})`])], v('call')),
    select('filter-sub_goal', 'Delmål', [['', 'Alle'], ...['A', 'B', 'C', 'D'].map((g) => [g, `Delmål ${g}`])], v('sub_goal')),
    select('filter-assignee', 'Saksbehandler', [['', 'Alle'], ['me', 'Mine saker'], ['none', 'Ikke tildelt'],
      ...caseworkers.map((s) => [String(s.user_id ?? s.id), s.name])], v('assignee')),
    input('filter-min_amount', 'Beløp fra (kr)', v('min_amount'), 'number'),
    input('filter-max_amount', 'Beløp til (kr)', v('max_amount'), 'number'),
    select('filter-sort', 'Sortering', SORTS, v('sort') || '-submitted'),
    h('div', { class: 'portal-filters__actions' },
      h('button', { type: 'submit', class: 'ds-button', 'data-testid': 'filter-apply', text: 'Vis saker' }),
      h('a', { class: 'ds-link', href: `/saker.html?tenant=${slug}`, text: 'Nullstill' })));
  const go = (changes) => {
    const next = new URLSearchParams();
    next.set('tenant', slug);
    for (const k of KEYS) {
      const val = k in changes ? changes[k] : now.get(k);
      if (val) next.set(k, val);
    }
    window.location.assign(`/saker.html?${next}`);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const changes = { page: '' };
    for (const k of KEYS) if (k !== 'page') changes[k] = String(f.get(k) || '').trim();
    go(changes);
  });

  const query = { per_page: PER_PAGE };
  for (const k of KEYS) if (now.get(k)) query[k] = now.get(k);
  const page = Number(now.get('page') || 1);
  const r = await getJson(`/api/v1/tenants/${slug}/applications`, query);
  replaceChildren(byId('counts'), Object.entries(r.counts || {}).map(([s, n]) => {
    const b = h('button', { type: 'button', class: 'ds-button', 'data-variant': s === v('status') ? 'primary' : 'secondary', 'data-size': 'sm',
      'aria-pressed': s === v('status') ? 'true' : 'false', text: `${(CASE_STATUS[s] || { label: s }).label}: ${n}` });
    b.addEventListener('click', () => go({ status: s === v('status') ? '' : s, page: '' }));
    return b;
  }));
  const from = r.total ? (page - 1) * PER_PAGE + 1 : 0;
  byId('total').textContent = r.total ? `Viser ${from}–${from + r.items.length - 1} av ${r.total} saker` : 'Ingen saker passer med filteret.';
  const list = byId('list');
  replaceChildren(list, r.items.length ? h('table', { class: 'ds-table', 'data-size': 'sm' },
    h('caption', { class: 'portal-visually-hidden', text: 'Saker' }),
    h('thead', {}, h('tr', {}, ['Referanse og tittel', 'Organisasjon', 'Utlysning', 'Beløp', 'Delmål', 'Mottatt', 'Status', 'Saksbehandler']
      .map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, r.items.map((a) => h('tr', { 'data-testid': `case-row-${a.id}` },
      h('td', {}, h('a', { class: 'ds-link', href: `/sak.html?tenant=${slug}&id=${a.id}` }, a.reference || `#${a.id}`), h('br'), a.title || '(uten tittel)'),
      h('td', { text: a.organisation }), h('td', { text: a.call_title }),
      h('td', { class: 'portal-num', text: a.applied_amount != null ? formatKroner(a.applied_amount) : '' }),
      h('td', { text: a.sub_goals || '' }), h('td', { text: formatDateTime(a.submitted_at) }),
      h('td', {}, caseStatusTag(a.status)), h('td', { text: a.assignee || 'Ikke tildelt' }))))) : null);
  list.removeAttribute('aria-busy');
  const pages = Math.max(1, Math.ceil(r.total / PER_PAGE));
  const pager = byId('pager');
  const nav = (label, p, disabled) => {
    const b = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', disabled, text: label });
    b.addEventListener('click', () => go({ page: String(p) }));
    return b;
  };
  replaceChildren(pager, pages > 1 ? [nav('Forrige', page - 1, page <= 1), h('span', { class: 'ds-paragraph', text: ` Side ${page} av ${pages} ` }),
    nav('Neste', page + 1, page >= pages)] : null);
});
