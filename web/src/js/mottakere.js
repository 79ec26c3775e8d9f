// mottakere.js: the public list of grant recipients (/mottakere.html?tenant=SLUG&year=YYYY&q=TEXT).
// Tenant and year are chosen from the tenants and the years each has published (GET /api/v1/tenants,
// GET /api/v1/published); the list is GET /api/v1/recipients, sorted by organisation by the API, with
// the total and links to the same list as CSV and JSON. The text filter narrows the shown rows by
// organisation. A grant whose source gives no amount shows «beløp ikke oppgitt», and the sums say they
// count the known amounts only; the scheme is shown when the list holds more than one. Every choice is kept in the URL (back and forward work, a link can be shared).

import { ApiError, getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { formatDate, formatKroner, formatNumber } from './lib/format.js';
import { alertBox, retryButton, setLoading, showAlert, printButton } from './lib/ui.js';
import { renderHeader } from './lib/header.js';
import { TenantYearPicker, announce } from './lib/picker.js';
import { recipientsTable, NOT_GIVEN } from './lib/published.js';

const state = { q: '', doc: null };
let seq = 0; // the newest load; older answers arriving late are dropped

const fold = (s) => String(s || '').toLocaleLowerCase('nb-NO');

const picker = new TenantYearPicker({
  state,
  params: () => ({ q: state.q }),
  readParams: (p) => { state.q = (p.get('q') || '').trim(); },
  filled: () => { byId('q').value = state.q; },
  load,
});

const grants = (n) => `${formatNumber(n)} ${n === 1 ? 'tildeling' : 'tildelinger'}`;
const orgs = (n) => `${formatNumber(n)} ${n === 1 ? 'mottaker' : 'mottakere'}`;

function downloadLinks(doc) {
  const q = picker.query();
  const base = `tilskuddsmottakere-${doc.tenant}-${doc.year}`;
  return h('p', { class: 'ds-paragraph portal-actions portal-tp-downloads', 'data-size': 'sm' },
    h('a', { class: 'ds-link', href: `/api/v1/recipients.csv?${q}`, download: `${base}.csv`, 'data-testid': 'recipients-csv',
      text: 'Last ned som CSV (regneark)' }),
    h('a', { class: 'ds-link', href: `/api/v1/recipients?${q}`, download: `${base}.json`, 'data-testid': 'recipients-json',
      text: 'Last ned som JSON' }),
    printButton());
}

// the sum says when it counts only the known amounts
const unknownText = (n) => (n ? ` (${formatNumber(n)} ${n === 1 ? 'tildeling' : 'tildelinger'} med ${NOT_GIVEN} er ikke med i summen)` : '');

function renderTable() {
  const doc = state.doc;
  const container = byId('recipients');
  const needle = fold(state.q);
  const rows = needle ? doc.items.filter((r) => fold(r.organisation).includes(needle)) : doc.items;
  const sum = rows.reduce((acc, r) => acc + (Number.isInteger(r.amount) ? r.amount : 0), 0);
  const unknown = rows.filter((r) => !Number.isInteger(r.amount)).length;
  const distinct = new Set(doc.items.map((r) => fold(r.organisation))).size;
  const filtered = Boolean(needle);

  const summary = filtered
    ? `Viser ${formatNumber(rows.length)} av ${grants(doc.count)} som passer «${state.q}», til sammen ${formatKroner(sum)}${unknownText(unknown)}.`
    : `${grants(doc.count)} til ${orgs(distinct)}, til sammen ${formatKroner(doc.total)}${unknownText(doc.amounts_unknown || 0)}.`;

  const table = recipientsTable(doc, rows, { sum, unknown: filtered ? unknown : (doc.amounts_unknown || 0), filtered,
    none: `Ingen mottakere passer søket «${state.q}».` });

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
      `${picker.scopeName(state.tenant)} har ikke publisert noen tilskuddsmottakere ennå.`));
    container.setAttribute('aria-busy', 'false');
    announce(`${picker.scopeName(state.tenant)} har ikke publisert noen tilskuddsmottakere ennå.`);
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

let typing;
byId('q').addEventListener('input', (e) => {
  state.q = e.target.value.trim();
  window.clearTimeout(typing);
  typing = window.setTimeout(() => {
    picker.pushUrl(true);
    if (state.doc) announce(renderTable());
  }, 150);
});

byId('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = byId('q').value.trim();
  picker.pushUrl(true);
  if (state.doc) announce(renderTable());
});

picker.start();
renderHeader();
