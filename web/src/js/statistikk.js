// statistikk.js: the public statistics dashboard (/statistikk.html?tenant=SLUG&year=YYYY; no tenant: the
// whole country, IMDi and every municipality). The measures are those of IMDi's yearly report on the scheme:
// applications received and granted, amounts applied and granted, organisations with operating and with
// activity support (and the immigrant organisations among them), frame and unused funds; per sub-goal;
// per municipality in the national view; and year over year over the published years.
// Data: GET /api/v1/statistics?tenant&year for the chosen year, GET /api/v1/statistics?tenant for every
// year. Three chart.js charts, each a canvas with role="img" and an aria-label giving its numbers, which
// are also in the table beside it; the same rows download as CSV (/api/v1/statistics.csv).

import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';
import { getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { formatKroner } from './lib/format.js';
import { compareNb } from './lib/collate.js';
import { fmt, numCell, measuresTable, goalsTable, keyFigures } from './lib/published.js';
import { alertBox, retryButton, setLoading, showAlert, printButton } from './lib/ui.js';
import { renderHeader } from './lib/header.js';
import { TenantYearPicker, announce } from './lib/picker.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const NATIONAL = ''; // the tenant select's value for the whole country
const NATIONAL_NAME = 'Hele landet (IMDi og kommunene)';

const MEASURES = ['applications_received', 'amount_applied', 'applications_granted', 'amount_granted',
  'operating_support_organisations', 'operating_support_immigrant_organisations', 'activity_support_organisations',
  'activity_support_immigrant_organisations', 'frame', 'unused'];


const picker = new TenantYearPicker({ national: { value: NATIONAL, name: NATIONAL_NAME }, load });
const { state, scopeName, query: apiQuery } = picker;
let charts = [];
let seq = 0;

const compact = new Intl.NumberFormat('nb-NO', { notation: 'compact', maximumFractionDigits: 1 });

const shortName = (name) => String(name).replace(/ kommune$/, '').replace(/ – Integrerings- og mangfoldsdirektoratet$/, '');

/** Sum the measures of rows (null when none of them has the measure, as the API does for frame). */
function sumRows(rows, keys = MEASURES) {
  const out = {};
  for (const k of keys) {
    const vals = rows.map((r) => r[k]).filter((v) => Number.isInteger(v));
    out[k] = vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  }
  return out;
}

/** The sub-goal rows summed over tenants: [{sub_goal, name, ...measures}] by code. */
function goalsByCode(goalRows) {
  const keys = ['applications_received', 'amount_applied', 'applications_granted', 'amount_granted'];
  const by = new Map();
  for (const g of goalRows) {
    if (!by.has(g.sub_goal)) by.set(g.sub_goal, { sub_goal: g.sub_goal, name: g.name, rows: [] });
    by.get(g.sub_goal).rows.push(g);
  }
  return [...by.values()].sort((a, b) => compareNb(a.sub_goal, b.sub_goal))
    .map((g) => ({ sub_goal: g.sub_goal, name: g.name, ...sumRows(g.rows, keys) }));
}

/** The statistics rows of every year summed per year, oldest first. */
function byYear(rows) {
  const by = new Map();
  for (const r of rows) {
    if (!by.has(r.year)) by.set(r.year, []);
    by.get(r.year).push(r);
  }
  return [...by.keys()].sort((a, b) => a - b).map((y) => ({ year: y, ...sumRows(by.get(y)) }));
}

// ---- charts

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function palette() {
  return {
    applied: cssVar('--ds-color-accent-surface-active', '#afcee9'),
    appliedBorder: cssVar('--ds-color-accent-border-strong', '#005db1'),
    granted: cssVar('--ds-color-accent-base-default', '#0062ba'),
    text: cssVar('--ds-color-neutral-text-default', '#1e2b3c'),
    grid: cssVar('--ds-color-neutral-border-subtle', '#d2d5d8'),
  };
}

const reducedMotion = () => window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function moneyAxis(c) {
  return { beginAtZero: true, grid: { color: c.grid }, ticks: { color: c.text, callback: (v) => `${compact.format(v)} kr` } };
}

function categoryAxis(c) {
  return { grid: { display: false }, ticks: { color: c.text } };
}

function makeChart(canvas, config) {
  const c = palette();
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = c.text;
  const chart = new Chart(canvas, {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      plugins: {
        legend: { position: 'bottom', labels: { color: c.text } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatKroner(ctx.parsed[config.options && config.options.indexAxis === 'y' ? 'x' : 'y'])}` } },
      },
      ...(config.options || {}),
    },
  });
  charts.push(chart);
  canvas.dataset.chart = 'drawn';
  return chart;
}

function appliedGranted(labels, applied, granted) {
  const c = palette();
  return {
    labels,
    datasets: [
      { label: 'Søkt beløp', data: applied, backgroundColor: c.applied, borderColor: c.appliedBorder, borderWidth: 1 },
      { label: 'Tildelt beløp', data: granted, backgroundColor: c.granted, borderColor: c.granted, borderWidth: 1 },
    ],
  };
}

/** "Bergen: søkt 1 234 000 kr, tildelt 269 000 kr" for each item. */
const pairs = (items) => items.map((it) => `${it.label}: søkt ${formatKroner(it.applied)}, tildelt ${formatKroner(it.granted)}`).join('; ');

/** A figure with a heading-like caption, a canvas (role=img, aria-label) and a note pointing to the table. */
function chartFigure(testid, caption, label, tableId, height) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label, 'data-testid': testid },
    h('p', { text: `${label} Tallene står i tabellen under.` }));
  const box = h('div', { class: 'portal-tp-canvas' }, canvas);
  if (height) box.style.setProperty('height', height);
  const figure = h('figure', { class: 'portal-tp-chart' },
    h('figcaption', { class: 'ds-paragraph', 'data-size': 'sm' }, h('strong', { text: caption }),
      ' ', h('a', { class: 'ds-link portal-noprint', href: `#${tableId}`, text: 'Se tallene i tabellen' })),
    box);
  return { figure, canvas };
}

/** IMDi's allocation to each municipality, what went to operating and activity support, what was
 *  left unused and the administration costs, those without IMDi's consent marked. */
function allocationTable(rows, totals) {
  const cells = (r) => [
    numCell('allocation', r.allocation),
    numCell('operating_support_organisations', r.operating_support_organisations),
    numCell('operating_support_members', r.operating_support_members),
    numCell('operating_support_amount', r.operating_support_amount),
    numCell('activity_support_organisations', r.activity_support_organisations),
    numCell('activity_support_amount', r.activity_support_amount),
    numCell('unused', r.unused),
    h('td', { class: 'portal-tp-num', 'data-key': 'admin_costs' }, fmt('admin_costs', r.admin_costs),
      r.admin_costs_without_consent > 0 ? [' ', h('span', { class: 'ds-tag', 'data-color': 'warning', 'data-testid': 'stats-without-consent',
        text: `${fmt('admin_costs', r.admin_costs_without_consent)} uten IMDis samtykke` })] : null),
  ];
  const label = (r) => (r.source_name && !r.tenant_name.startsWith(r.source_name) ? `${r.source_name} (nå ${r.tenant_name})` : r.tenant_name);
  return h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stats-allocations-caption' },
    h('table', { class: 'ds-table portal-tp-table', id: 'stats-allocations', 'data-border': true, 'data-size': 'sm', 'data-testid': 'stats-allocations-table' },
      h('caption', { id: 'stats-allocations-caption', 'data-size': 'xs', text: `Tildeling fra IMDi per kommune, ${state.year}` }),
      h('thead', {}, h('tr', {}, ['Kommune', 'Tildeling', 'Organisasjoner med driftsstøtte', 'Medlemmer', 'Driftsstøtte',
        'Organisasjoner med aktivitetsstøtte', 'Aktivitetsstøtte', 'Ubrukte midler', 'Administrasjonskostnader']
        .map((t, i) => h('th', { scope: 'col', class: i ? 'portal-tp-num' : null, text: t })))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-testid': 'stats-allocation-row', 'data-id': r.tenant }, h('th', { scope: 'row', text: label(r) }), cells(r)))),
      h('tfoot', {}, h('tr', { 'data-testid': 'stats-allocations-table-sum' }, h('th', { scope: 'row', text: 'Sum' }), cells(totals)))));
}

// ---- sections

function section(id, title, ...content) {
  return h('section', { class: 'portal-section portal-tp-section', 'aria-labelledby': id },
    h('h2', { class: 'ds-heading', 'data-size': 'md', id, text: title }), ...content);
}

function downloads() {
  const year = apiQuery(true);
  const all = apiQuery(false);
  const slug = state.tenant || 'hele-landet';
  return h('p', { class: 'ds-paragraph portal-actions portal-tp-downloads', 'data-size': 'sm' },
    h('a', { class: 'ds-link', href: `/api/v1/statistics.csv?${year}`, download: `statistikk-${slug}-${state.year}.csv`,
      'data-testid': 'stats-csv', text: `Last ned tallene for ${state.year} som CSV` }),
    h('a', { class: 'ds-link', href: `/api/v1/statistics.csv${all.toString() ? `?${all}` : ''}`, download: `statistikk-${slug}-alle-år.csv`,
      'data-testid': 'stats-csv-all', text: 'Last ned alle år som CSV' }),
    printButton());
}

/** The heading, key figures, the note on imported years and the downloads. */
function summary({ name, rows, totals }) {
  const imported = rows.some((r) => r.applications_received === 0 && r.applications_granted > 0);
  return [
    h('h2', { class: 'ds-heading portal-tp-heading', 'data-size': 'lg', id: 'stats-heading', 'data-testid': 'stats-heading', text: `${name} ${state.year}` }),
    keyFigures(totals, rows),
    imported ? h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm', 'data-testid': 'stats-imported-note',
      text: 'For år som er hentet fra tidligere publiserte lister (for eksempel IMDis tildelinger i 2021), finnes bare tildelingene: søknader, søkt beløp, delmål og organisasjonstype er ikke registrert.' }) : null,
    downloads(),
  ];
}

/** The national view's chart of the municipalities (when any has published) and the table per tenant. */
function municipalitiesSection({ rows, totals }, pending) {
  const municipalities = rows.filter((r) => r.tenant_kind === 'municipality');
  const label = municipalities.length
    ? `Stolpediagram: søkt og tildelt beløp per kommune i ${state.year}. ${pairs(municipalities.map((r) => ({ label: shortName(r.tenant_name), applied: r.amount_applied, granted: r.amount_granted })))}.`
    : '';
  const content = [];
  if (municipalities.length) {
    const { figure, canvas } = chartFigure('chart-municipalities', `Søkt og tildelt beløp per kommune, ${state.year}`, label,
      'stats-tenants', `${Math.max(16, municipalities.length * 2.75 + 6)}rem`);
    content.push(figure);
    pending.push([canvas, {
      type: 'bar',
      data: appliedGranted(municipalities.map((r) => shortName(r.tenant_name)), municipalities.map((r) => r.amount_applied), municipalities.map((r) => r.amount_granted)),
      options: { indexAxis: 'y', scales: { x: moneyAxis(palette()), y: categoryAxis(palette()) } },
    }]);
  } else {
    content.push(h('p', { class: 'ds-paragraph', 'data-testid': 'stats-no-municipalities', text: `Ingen kommuner har publisert statistikk for ${state.year}.` }));
  }
  content.push(measuresTable({ id: 'stats-tenants', testid: 'stats-tenants-table', caption: `Tall per forvalter, ${state.year}`,
    firstHeader: 'Forvalter', items: rows, labelOf: (r) => r.tenant_name, rowTestid: 'stats-tenant-row', totals }));
  const allocated = municipalities.filter((r) => r.allocation !== null && r.allocation !== undefined);
  if (allocated.length) {
    const keys = ['allocation', 'operating_support_organisations', 'operating_support_members', 'operating_support_amount',
      'activity_support_organisations', 'activity_support_amount', 'unused', 'admin_costs', 'admin_costs_without_consent'];
    content.push(h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Tildeling fra IMDi' }), allocationTable(allocated, sumRows(allocated, keys)));
  }
  return section('stats-municipalities-heading', 'Per kommune', ...content);
}

/** The chart and table per sub-goal. */
function subGoalsSection({ name, goals }, pending) {
  const label = `Stolpediagram: søkt og tildelt beløp per delmål for ${name} i ${state.year}. ${pairs(goals.map((g) => ({ label: `Delmål ${g.sub_goal} (${g.name})`, applied: g.amount_applied, granted: g.amount_granted })))}.`;
  const { figure, canvas } = chartFigure('chart-subgoals', `Søkt og tildelt beløp per delmål, ${state.year}`, label, 'stats-subgoals');
  pending.push([canvas, {
    type: 'bar',
    data: appliedGranted(goals.map((g) => `Delmål ${g.sub_goal}`), goals.map((g) => g.amount_applied), goals.map((g) => g.amount_granted)),
    options: {
      scales: { y: moneyAxis(palette()), x: categoryAxis(palette()) },
      plugins: {
        legend: { position: 'bottom', labels: { color: palette().text } },
        tooltip: { callbacks: {
          title: (items) => (items.length ? `Delmål ${goals[items[0].dataIndex].sub_goal}: ${goals[items[0].dataIndex].name}` : ''),
          label: (ctx) => `${ctx.dataset.label}: ${formatKroner(ctx.parsed.y)}`,
        } },
      },
    },
  }]);
  return section('stats-subgoals-heading', 'Per delmål', figure,
    h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm', text: 'En søknad kan gjelde flere delmål. Da telles den under hvert av dem, så summen av delmålene kan bli større enn totalen.' }),
    goalsTable(goals, `Tall per delmål for ${name}, ${state.year}`));
}

/** The chart's data year over year: with two years or more, two lines that differ by more than colour. */
function yearsData(years, single) {
  const data = appliedGranted(years.map((y) => String(y.year)), years.map((y) => y.amount_applied), years.map((y) => y.amount_granted));
  if (!single) {
    const c = palette();
    for (const ds of data.datasets) {
      const line = ds === data.datasets[0] ? c.appliedBorder : c.granted;
      Object.assign(ds, { borderColor: line, pointBackgroundColor: line, borderWidth: 3, pointRadius: 5, pointHoverRadius: 7 });
    }
    data.datasets[0].borderDash = [6, 4]; // the two lines differ by more than colour
  }
  return data;
}

/** The chart and table year over year. */
function yearsSection({ name, years }, pending) {
  const single = years.length < 2; // a line needs two points: with one published year, bars
  const label = `${single ? 'Stolpediagram' : 'Linjediagram'}: søkt og tildelt beløp per publisert år for ${name}. ${pairs(years.map((y) => ({ label: String(y.year), applied: y.amount_applied, granted: y.amount_granted })))}.`;
  const { figure, canvas } = chartFigure('chart-years', 'Søkt og tildelt beløp år for år', label, 'stats-years');
  const data = yearsData(years, single);
  pending.push([canvas, { type: single ? 'bar' : 'line', data, options: { scales: { y: moneyAxis(palette()), x: categoryAxis(palette()) } } }]);
  return section('stats-years-heading', 'År for år', figure,
    single ? h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm', text: `${name} har bare publisert ett år ennå.` }) : null,
    measuresTable({ id: 'stats-years', testid: 'stats-years-table', caption: `Tall per år for ${name}`, firstHeader: 'År', items: years,
      labelOf: (r) => String(r.year), rowTestid: 'stats-year-row' }));
}

function render(doc, series) {
  for (const c of charts) c.destroy();
  charts = [];
  const container = byId('stats');
  const rows = Array.isArray(doc.rows) ? doc.rows : [];
  const view = {
    name: scopeName(state.tenant),
    rows,
    totals: doc.totals || sumRows(rows),
    goals: goalsByCode(Array.isArray(doc.sub_goals) ? doc.sub_goals : []),
    years: byYear(Array.isArray(series.rows) ? series.rows : []),
  };
  const pending = []; // [canvas, config]: drawn once the canvases are in the document
  const parts = [
    ...summary(view),
    state.tenant === NATIONAL ? municipalitiesSection(view, pending) : null,
    subGoalsSection(view, pending),
    yearsSection(view, pending),
  ];
  replaceChildren(container, ...parts);
  container.setAttribute('aria-busy', 'false');
  for (const [canvas, config] of pending) makeChart(canvas, config);
  const { name, totals } = view;
  return `Viser statistikk for ${name} ${state.year}: ${fmt('applications_granted', totals.applications_granted)} innvilgede søknader, tildelt ${fmt('amount_granted', totals.amount_granted)}.`;
}

async function load() {
  const my = ++seq;
  const status = byId('status');
  const errorBox = byId('error');
  const container = byId('stats');
  errorBox.hidden = true;
  if (!state.year) {
    for (const c of charts) c.destroy();
    charts = [];
    replaceChildren(container, alertBox('info', 'Ingen publisert statistikk', `${scopeName(state.tenant)} har ikke publisert statistikk ennå.`));
    container.setAttribute('aria-busy', 'false');
    announce(`${scopeName(state.tenant)} har ikke publisert statistikk ennå.`);
    return;
  }
  container.setAttribute('aria-busy', 'true');
  setLoading(status, true, 'Henter statistikk …');
  try {
    const tenant = state.tenant === NATIONAL ? undefined : state.tenant;
    const [doc, series] = await Promise.all([
      getJson('/api/v1/statistics', { tenant, year: state.year }),
      getJson('/api/v1/statistics', { tenant }),
    ]);
    if (my !== seq) return;
    announce(render(doc, series));
  } catch (err) {
    if (my !== seq) return;
    replaceChildren(container);
    showAlert(errorBox, alertBox('danger', 'Kunne ikke hente statistikken', describeError(err), retryButton(load)));
  } finally {
    if (my === seq) setLoading(status, false);
  }
}

byId('filters').addEventListener('submit', (e) => e.preventDefault());

// charts are sized for the screen; redraw them for the printed page and back
for (const ev of ['beforeprint', 'afterprint']) window.addEventListener(ev, () => { for (const c of charts) c.resize(); });

picker.start();
renderHeader();
