// saker.js: the tenant's inbox: submitted applications with filters (call, status, sub-goal,
// assignee, amount range, free text), sorting (the select or the column headers), paging and the
// counts per status, which filter when clicked. The filters live in the URL, so a reload or the
// back button keeps them.

import { getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, staffTenant } from './lib/page.js';
import { formatDateTime, formatKroner, formatNumber } from './lib/format.js';
import { CASE_STATUS, SUB_GOALS, caseStatusTag, problemText } from './lib/casework.js';
import { pagination } from './lib/ui.js';

const SORTS = [['-submitted', 'Nyeste først'], ['submitted', 'Eldste først'], ['-amount', 'Høyeste beløp'], ['amount', 'Laveste beløp'],
  ['title', 'Tittel A–Å'], ['-title', 'Tittel Å–A'], ['organisation', 'Organisasjon A–Å'], ['-organisation', 'Organisasjon Å–A']];
const KEYS = ['q', 'status', 'call', 'sub_goal', 'assignee', 'min_amount', 'max_amount', 'sort', 'page'];
const PER_PAGE = 50;
const shortDate = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });

function select(id, label, options, value) {
  return h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }),
    h('select', { class: 'ds-input', id, name: id.replace('filter-', '') },
      options.map(([v, t]) => h('option', { value: v, selected: v === (value || ''), text: t }))));
}
function input(id, label, value, type = 'text', extra = {}) {
  const el = h('input', { class: 'ds-input', id, name: id.replace('filter-', ''), type, inputmode: type === 'number' ? 'numeric' : null, ...extra });
  el.value = value || '';
  return h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }), el);
}

/** The filter form's fields and buttons, filled from the URL (now). */
function filterFields(now, { calls, caseworkers, slug }) {
  const v = (k) => now.get(k) || '';
  return [
    input('filter-q', 'Søk i tittel eller organisasjon', v('q'), 'search', { maxlength: '100' }),
    select('filter-status', 'Status', [['', 'Alle'], ...Object.entries(CASE_STATUS).map(([k, s]) => [k, s.label])], v('status')),
    select('filter-call', 'Utlysning', [['', 'Alle'], ...calls.map((c) => [String(c.id), `${c.title}${c.year && !String(c.title).includes(c.year) ? ` (${c.year})` : ''}`])], v('call')),
    select('filter-sub_goal', 'Delmål', [['', 'Alle'], ...Object.entries(SUB_GOALS).map(([g, name]) => [g, `${g} – ${name}`])], v('sub_goal')),
    select('filter-assignee', 'Saksbehandler', [['', 'Alle'], ['me', 'Meg'], ['none', 'Ingen (ikke tildelt)'],
      ...caseworkers.map((s) => [String(s.user_id), s.name])], v('assignee')),
    input('filter-min_amount', 'Beløp fra (kr)', v('min_amount'), 'text', { inputmode: 'numeric', autocomplete: 'off' }),
    input('filter-max_amount', 'Beløp til (kr)', v('max_amount'), 'text', { inputmode: 'numeric', autocomplete: 'off' }),
    select('filter-sort', 'Sortering', SORTS, v('sort') || '-submitted'),
    h('div', { class: 'portal-filters__actions' },
      h('button', { type: 'submit', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'filter-apply', text: 'Vis saker' }),
      h('a', { class: 'ds-link', href: `/saker.html?tenant=${encodeURIComponent(slug)}`, 'data-testid': 'filter-reset', text: 'Nullstill filter' }))];
}

/** A column header that sorts by key: ascending, descending, then back (amounts and dates start descending). */
function sortHeader(now, go, label, key, what = label.toLowerCase()) {
  const sort = now.get('sort') || '-submitted';
  const dir = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
  const next = dir === 'ascending' ? `-${key}` : dir === 'descending' ? key : key === 'submitted' || key === 'amount' ? `-${key}` : key;
  const link = h('button', { type: 'button', 'data-testid': `sort-${key}`,
    title: `Sorter etter ${what}${dir === 'none' ? '' : dir === 'ascending' ? ' (stigende nå)' : ' (synkende nå)'}` }, label);
  link.addEventListener('click', () => go({ sort: next === '-submitted' ? '' : next, page: '' }));
  return h('th', { scope: 'col', 'aria-sort': dir }, link);
}

/** The counts per status as Designsystemet radio chips ("Alle" first); choosing one filters the list. */
function statusChips(counts, active, go) {
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const chip = (status, label, n) => {
    const radio = h('input', { type: 'radio', class: 'ds-input', name: 'count-status', value: status });
    radio.checked = status === active;
    radio.addEventListener('change', () => go({ status, page: '' }));
    return h('label', { class: 'ds-chip', 'data-size': 'sm', 'data-testid': `count-${status || 'all'}` },
      radio, `${label} `, h('span', { class: 'portal-chip__n', text: formatNumber(n) }));
  };
  return [chip('', 'Alle', all), Object.keys(CASE_STATUS).filter((s) => counts[s]).map((s) => chip(s, CASE_STATUS[s].label, counts[s]))];
}

function caseRow(a, slug) {
  return h('tr', { 'data-testid': `case-row-${a.id}` },
    h('td', { class: 'portal-inbox__case' }, h('a', { class: 'ds-link', href: `/sak.html?tenant=${encodeURIComponent(slug)}&id=${a.id}` },
      h('strong', { text: a.reference || `#${a.id}` }), h('br'), a.title || '(uten tittel)'),
    a.call_title ? h('span', { class: 'portal-inbox__call portal-muted', text: a.call_title }) : null),
    h('td', {}, a.organisation || '', a.orgnr ? h('span', { class: 'portal-inbox__call portal-muted', text: `org.nr. ${a.orgnr}` }) : null),
    h('td', { class: 'portal-num', text: a.applied_amount != null ? formatKroner(a.applied_amount) : '' }),
    h('td', { text: (a.sub_goals || '').split(',').filter(Boolean).join(', ') }),
    h('td', { class: 'portal-nowrap', title: formatDateTime(a.submitted_at) }, h('time', { datetime: a.submitted_at || '', text: a.submitted_at ? shortDate.format(new Date(a.submitted_at)) : '' })),
    h('td', {}, caseStatusTag(a.status)),
    h('td', { class: a.assignee ? null : 'portal-muted', text: a.assignee || 'Ikke tildelt' }));
}

function caseTable(items, { tenant, slug }, now, go) {
  const sort = (...args) => sortHeader(now, go, ...args);
  return h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'inbox-table' },
    h('caption', { class: 'ds-sr-only', text: `Saker hos ${tenant.name}` }),
    h('thead', {}, h('tr', {}, sort('Sak', 'title', 'tittel'), sort('Organisasjon', 'organisation'),
      sort('Beløp', 'amount'), h('th', { scope: 'col', text: 'Delmål' }), sort('Mottatt', 'submitted', 'innsendt dato'),
      h('th', { scope: 'col', text: 'Status' }), h('th', { scope: 'col', text: 'Saksbehandler' }))),
    h('tbody', {}, items.map((a) => caseRow(a, slug))));
}

function totalText(r, page) {
  const from = r.total ? (page - 1) * PER_PAGE + 1 : 0;
  if (r.items.length) return `Viser ${formatNumber(from)}–${formatNumber(from + r.items.length - 1)} av ${formatNumber(r.total)} ${r.total === 1 ? 'sak' : 'saker'}`;
  return r.total ? `Ingen saker på side ${page} (av ${formatNumber(r.total)} saker).` : 'Ingen saker passer med filteret.';
}

function showEmpty(r, now, slug) {
  showMessage('info', 'Ingen saker å vise', r.total ? 'Siden finnes ikke lenger. Gå til første side.'
    : [...KEYS].some((k) => k !== 'sort' && k !== 'page' && now.get(k)) ? 'Ingen saker passer med filteret. Endre eller nullstill filteret.'
      : 'Det er ingen innsendte søknader hos forvalteren ennå.',
  h('a', { class: 'ds-link', href: `/saker.html?tenant=${encodeURIComponent(slug)}`, text: 'Nullstill filteret' }));
}

function showLoadError(err, slug) {
  for (const id of ['list', 'pager', 'counts']) replaceChildren(byId(id));
  byId('list').removeAttribute('aria-busy');
  byId('total').textContent = '';
  const badFilter = err && err.status === 400;
  showMessage('danger', badFilter ? 'Filteret kan ikke brukes' : 'Kunne ikke hente sakene', badFilter ? problemText(err) : describeError(err),
    h('a', { class: 'ds-link', href: `/saker.html?tenant=${encodeURIComponent(slug)}`, text: 'Vis alle saker' }));
}

/** The filter form's values as URL changes, or null (and a message) when an amount is not whole kroner. */
function filterChanges(form) {
  const f = new FormData(form);
  const changes = { page: '' };
  for (const k of KEYS) if (k !== 'page') changes[k] = String(f.get(k) || '').trim();
  for (const k of ['min_amount', 'max_amount']) changes[k] = changes[k].replace(/[\s\u00a0.]/g, '').replace(/,-$/, '');
  const bad = ['min_amount', 'max_amount'].filter((k) => changes[k] && !/^\d{1,12}$/.test(changes[k]));
  if (bad.length) {
    showMessage('danger', 'Beløpet kan ikke brukes', 'Skriv beløpene i hele kroner, bare med sifre (for eksempel 50000).');
    byId(`filter-${bad[0]}`).focus();
    return null;
  }
  if (changes.sort === '-submitted') changes.sort = '';
  return changes;
}

/** The list for the URL's filters and page, and the counts per status (without the status filter). */
async function fetchCases(api, now) {
  const query = { per_page: PER_PAGE };
  for (const k of KEYS) if (now.get(k)) query[k] = now.get(k);
  // the counts per status come without the status filter, so every chip stays visible
  const countQuery = { ...query, per_page: 1, page: 1 };
  delete countQuery.status;
  const [r, counts] = await Promise.all([getJson(`${api}/applications`, query),
    query.status ? getJson(`${api}/applications`, countQuery).then((c) => c.counts) : null]);
  return { r, counts: counts || r.counts || {} };
}

/** The message for a user who is not staff of the tenant in the URL. */
function noAccess(list, user) {
  list.removeAttribute('aria-busy');
  showMessage('warning', 'Ingen tilgang til sakene', user.tenants.length
    ? 'Du er ikke ansatt hos denne forvalteren. Velg en forvalter du arbeider for.'
    : 'Du har ingen rolle hos en tilskuddsforvalter, og kan ikke se saker.');
}

/** The calls and caseworkers for the filter's selects (the staff list is the tenant admin's). */
async function filterChoices(api, slug, tenant) {
  const [calls, staff] = await Promise.all([
    getJson('/api/v1/calls', { tenant: slug, status: 'all', per_page: 100 }).then((r) => r.items).catch(() => []),
    tenant.roles.includes('tenant_admin') ? getJson(`${api}/staff`).then((r) => r.items).catch(() => []) : [],
  ]);
  const caseworkers = [];
  for (const s of staff) if (s.role === 'caseworker' && !caseworkers.some((c) => c.user_id === s.user_id)) caseworkers.push(s);
  return { calls, caseworkers };
}

const current = () => new URLSearchParams(window.location.search);

/** The inbox's address with the URL's filters changed by changes ({key: value}; '' drops a key). */
function hrefWith(slug, changes) {
  const now = current();
  const next = new URLSearchParams();
  next.set('tenant', slug);
  for (const k of KEYS) {
    const v = k in changes ? changes[k] : now.get(k);
    if (v) next.set(k, v);
  }
  return `/saker.html?${next}`;
}

/** The pages under the list, when there is more than one (or the URL's page is past the first). */
function showPager({ slug, go }, r, page) {
  const pages = Math.max(1, Math.ceil(r.total / PER_PAGE));
  const toPage = (p) => ({ page: p > 1 ? String(p) : '' });
  replaceChildren(byId('pager'), pages > 1 || page > 1 ? pagination({ page, pages, href: (p) => hrefWith(slug, toPage(p)), go: (p) => {
    go(toPage(p));
    window.scrollTo(0, 0);
  } }) : null);
}

/** Draws the filters, the counts, the list and the pages for the URL. */
async function load(ctx) {
  const { slug, tenant, list, form, go } = ctx;
  const now = current();
  replaceChildren(form, filterFields(now, ctx));
  const page = Math.max(1, Number(now.get('page')) || 1);
  list.setAttribute('aria-busy', 'true');
  const box = document.getElementById('message');
  if (box) box.hidden = true;
  let r;
  let counts;
  try {
    ({ r, counts } = await fetchCases(ctx.api, now));
  } catch (err) {
    showLoadError(err, slug);
    return;
  }
  replaceChildren(byId('counts'), statusChips(counts, now.get('status') || '', go));
  byId('total').textContent = totalText(r, page);
  if (!r.items.length) showEmpty(r, now, slug);
  replaceChildren(list, r.items.length ? caseTable(r.items, { tenant, slug }, now, go) : null);
  list.removeAttribute('aria-busy');
  showPager(ctx, r, page);
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug, user, tenant } = session;
  const list = byId('list');
  if (!tenant) {
    noAccess(list, user);
    return;
  }
  byId('tenant-name').textContent = tenant.name;
  const api = `/api/v1/tenants/${encodeURIComponent(slug)}`;
  const { calls, caseworkers } = await filterChoices(api, slug, tenant);
  const form = byId('filters');
  const ctx = { slug, tenant, api, list, form, calls, caseworkers };
  ctx.go = (changes) => {
    window.history.pushState(null, '', hrefWith(slug, changes));
    load(ctx);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const changes = filterChanges(form);
    if (changes) ctx.go(changes);
  });
  window.addEventListener('popstate', () => load(ctx));
  await load(ctx);
});
