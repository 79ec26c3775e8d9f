// mottakere.js: the public list of grant recipients (/mottakere.html?tenant=SLUG&year=YYYY&q=TEXT).
// Tenant and year are chosen from the tenants and the years each has published (GET /api/v1/tenants,
// GET /api/v1/published); the list is GET /api/v1/recipients, sorted by organisation by the API, with
// the total and links to the same list as CSV and JSON. The text filter narrows the shown rows by
// organisation. Every choice is kept in the URL (back and forward work, a link can be shared).

import { ApiError, getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { formatDate, formatKroner, formatNumber } from './lib/format.js';
import { alertBox, retryButton, setLoading, showAlert } from './lib/ui.js';
import { renderHeader } from './lib/header.js';

const state = { tenants: [], published: [], tenant: null, year: null, q: '', doc: null };
let seq = 0; // the newest load; older answers arriving late are dropped

const fold = (s) => String(s || '').toLocaleLowerCase('nb-NO');

function yearsOf(slug) {
  return [...new Set(state.published.filter((p) => p.tenant === slug).map((p) => p.year))].sort((a, b) => b - a);
}

function tenantName(slug) {
  const t = state.tenants.find((x) => x.slug === slug);
  return t ? t.name : slug;
}

function query() {
  const q = new URLSearchParams();
  if (state.tenant) q.set('tenant', state.tenant);
  if (state.year) q.set('year', String(state.year));
  return q;
}

function pushUrl(replace) {
  const q = query();
  if (state.q) q.set('q', state.q);
  const url = `${window.location.pathname}?${q}`;
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}

/** Tenant, year and text from the URL, corrected to what exists (unknown tenant: IMDi; unknown year: the newest). */
function readUrl() {
  const p = new URLSearchParams(window.location.search);
  const slug = p.get('tenant');
  state.tenant = state.tenants.some((t) => t.slug === slug) ? slug : (state.tenants[0] && state.tenants[0].slug) || null;
  const years = yearsOf(state.tenant);
  const year = Number(p.get('year'));
  state.year = years.includes(year) ? year : years[0] || null;
  state.q = (p.get('q') || '').trim();
}

function fillSelects() {
  const tenantSel = byId('tenant');
  const yearSel = byId('year');
  replaceChildren(tenantSel, state.tenants.map((t) => h('option', { value: t.slug, selected: t.slug === state.tenant, text: t.name })));
  const years = yearsOf(state.tenant);
  replaceChildren(yearSel, years.length
    ? years.map((y) => h('option', { value: String(y), selected: y === state.year, text: String(y) }))
    : h('option', { value: '', text: 'Ingen publiserte år' }));
  tenantSel.disabled = false;
  yearSel.disabled = years.length === 0;
  byId('q').value = state.q;
}

function announce(text) {
  const live = byId('live');
  live.textContent = '';
  // a fresh text node so screen readers announce it even when it repeats
  window.setTimeout(() => { live.textContent = text; }, 50);
}

const grants = (n) => `${formatNumber(n)} ${n === 1 ? 'tildeling' : 'tildelinger'}`;
const orgs = (n) => `${formatNumber(n)} ${n === 1 ? 'mottaker' : 'mottakere'}`;

function downloadLinks(doc) {
  const q = query();
  const base = `tilskuddsmottakere-${doc.tenant}-${doc.year}`;
  const print = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', text: 'Skriv ut' });
  print.addEventListener('click', () => window.print());
  return h('p', { class: 'ds-paragraph portal-actions portal-tp-downloads', 'data-size': 'sm' },
    h('a', { class: 'ds-link', href: `/api/v1/recipients.csv?${q}`, download: `${base}.csv`, 'data-testid': 'recipients-csv',
      text: 'Last ned som CSV (regneark)' }),
    h('a', { class: 'ds-link', href: `/api/v1/recipients?${q}`, download: `${base}.json`, 'data-testid': 'recipients-json',
      text: 'Last ned som JSON' }),
    print);
}

function renderTable() {
  const doc = state.doc;
  const container = byId('recipients');
  const needle = fold(state.q);
  const rows = needle ? doc.items.filter((r) => fold(r.organisation).includes(needle)) : doc.items;
  const sum = rows.reduce((acc, r) => acc + r.amount, 0);
  const withGoals = doc.items.some((r) => r.sub_goals);
  const distinct = new Set(doc.items.map((r) => fold(r.organisation))).size;
  const filtered = Boolean(needle);

  const summary = filtered
    ? `Viser ${formatNumber(rows.length)} av ${grants(doc.count)} som passer «${state.q}», til sammen ${formatKroner(sum)}.`
    : `${grants(doc.count)} til ${orgs(distinct)}, til sammen ${formatKroner(doc.total)}.`;

  const body = rows.length
    ? rows.map((r) => h('tr', { 'data-testid': 'recipient-row' },
      h('th', { scope: 'row', 'data-testid': 'recipient-organisation', text: r.organisation }),
      h('td', { 'data-testid': 'recipient-title', text: r.title }),
      withGoals ? h('td', { text: r.sub_goals ? r.sub_goals.split(',').join(', ') : '–' }) : null,
      h('td', { class: 'portal-tp-num', 'data-testid': 'recipient-amount', text: formatKroner(r.amount) })))
    : h('tr', {}, h('td', { colspan: withGoals ? 4 : 3, 'data-testid': 'recipients-none',
      text: `Ingen mottakere passer søket «${state.q}».` }));

  const table = h('table', { class: 'ds-table portal-tp-table', 'data-border': true, 'data-zebra': true, 'data-testid': 'recipients-table' },
    h('caption', { class: 'portal-visually-hidden', text: `Tilskuddsmottakere hos ${doc.tenant_name} i ${doc.year}` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Mottaker' }),
      h('th', { scope: 'col', text: 'Prosjekt' }),
      withGoals ? h('th', { scope: 'col', text: 'Delmål' }) : null,
      h('th', { scope: 'col', class: 'portal-tp-num', text: 'Beløp' }))),
    h('tbody', {}, body),
    h('tfoot', {}, h('tr', {},
      h('th', { scope: 'row', colspan: withGoals ? 3 : 2, text: filtered ? 'Sum for de viste mottakerne' : 'Sum' }),
      h('td', { class: 'portal-tp-num', 'data-testid': 'recipients-total', text: formatKroner(filtered ? sum : doc.total) }))));

  replaceChildren(container,
    h('h2', { class: 'ds-heading portal-tp-heading', 'data-size': 'md', id: 'recipients-heading', 'data-testid': 'recipients-heading',
      text: `${doc.tenant_name}: tilskudd ${doc.year}` }),
    h('p', { class: 'ds-paragraph', 'data-testid': 'recipients-count', text: summary }),
    doc.published_at ? h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm',
      text: `Publisert ${formatDate(String(doc.published_at).slice(0, 10))}. Listen viser innvilgede tilskudd som er i kraft. Søknader som fikk avslag, og tilskudd som er trukket eller som mottakeren har takket nei til, er ikke med.` }) : null,
    downloadLinks(doc),
    h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'recipients-heading' }, table));
  container.setAttribute('aria-busy', 'false');
  return summary;
}

async function load() {
  const my = ++seq;
  const status = byId('status');
  const errorBox = byId('error');
  const container = byId('recipients');
  errorBox.hidden = true;
  if (!state.tenant) {
    replaceChildren(container);
    return;
  }
  if (!state.year) {
    state.doc = null;
    replaceChildren(container, alertBox('info', 'Ingen publiserte tildelinger',
      `${tenantName(state.tenant)} har ikke publisert noen tilskuddsmottakere ennå.`));
    container.setAttribute('aria-busy', 'false');
    announce(`${tenantName(state.tenant)} har ikke publisert noen tilskuddsmottakere ennå.`);
    return;
  }
  container.setAttribute('aria-busy', 'true');
  setLoading(status, true, 'Henter tilskuddsmottakere …');
  try {
    const doc = await getJson('/api/v1/recipients', { tenant: state.tenant, year: state.year });
    if (my !== seq) return;
    state.doc = { ...doc, items: Array.isArray(doc.items) ? doc.items : [] };
    announce(renderTable());
  } catch (err) {
    if (my !== seq) return;
    state.doc = null;
    replaceChildren(container);
    const notPublished = err instanceof ApiError && err.status === 404;
    showAlert(errorBox, notPublished
      ? alertBox('info', 'Ikke publisert', describeError(err))
      : alertBox('danger', 'Kunne ikke hente tilskuddsmottakerne', describeError(err), retryButton(load)));
  } finally {
    if (my === seq) setLoading(status, false);
  }
}

async function init() {
  const status = byId('status');
  const errorBox = byId('error');
  errorBox.hidden = true;
  setLoading(status, true, 'Henter forvaltere og publiserte år …');
  try {
    const [tenants, published] = await Promise.all([getJson('/api/v1/tenants'), getJson('/api/v1/published')]);
    state.tenants = Array.isArray(tenants.items) ? tenants.items : [];
    state.published = Array.isArray(published.items) ? published.items : [];
  } catch (err) {
    setLoading(status, false);
    showAlert(errorBox, alertBox('danger', 'Kunne ikke hente forvalterne', describeError(err), retryButton(init)));
    return;
  }
  readUrl();
  fillSelects();
  pushUrl(true);
  await load();
}

byId('tenant').addEventListener('change', (e) => {
  state.tenant = e.target.value;
  const years = yearsOf(state.tenant);
  if (!years.includes(state.year)) state.year = years[0] || null;
  fillSelects();
  pushUrl(false);
  load();
});

byId('year').addEventListener('change', (e) => {
  state.year = Number(e.target.value) || null;
  pushUrl(false);
  load();
});

let typing;
byId('q').addEventListener('input', (e) => {
  state.q = e.target.value.trim();
  window.clearTimeout(typing);
  typing = window.setTimeout(() => {
    pushUrl(true);
    if (state.doc) announce(renderTable());
  }, 150);
});

byId('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = byId('q').value.trim();
  pushUrl(true);
  if (state.doc) announce(renderTable());
});

window.addEventListener('popstate', () => {
  readUrl();
  fillSelects();
  load();
});

init();
renderHeader();
