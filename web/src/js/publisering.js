// publisering.js: the publication page (/publisering.html?tenant=SLUG&year=YYYY) for a tenant's admins
// and decision makers: the years published and the log (GET /api/v1/tenants/{slug}/published-years), a
// preview of a year exactly as the public pages will show it (GET .../published-years/{year}/preview,
// drawn with the public pages' own tables, lib/published.js), publishing it (POST .../published-years)
// and withdrawing a publication with a reason (DELETE .../published-years/{year}).

import { apiSend, getJson, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, staffTenant, mountForm, param, showMessage } from './lib/page.js';
import { formatDateTime, formatKroner, formatNumber } from './lib/format.js';
import { alertBox } from './lib/ui.js';
import { keyFigures, measuresTable, goalsTable, recipientsTable } from './lib/published.js';

const EVENT = { published: 'Publisert', unpublished: 'Trukket tilbake' };

let slug;
let base;

function renderYears({ years }) {
  replaceChildren(byId('years'), years.length
    ? h('ul', { class: 'ds-list', 'data-testid': 'published-years' }, years.map((y) => h('li', { 'data-testid': `published-${y.year}`,
      text: `${y.year}: publisert ${formatDateTime(y.published_at)}` })))
    : h('p', { class: 'ds-paragraph', 'data-testid': 'published-none', text: 'Ingen år er publisert ennå.' }));
  byId('years').setAttribute('aria-busy', 'false');
}

function renderLog({ events }) {
  replaceChildren(byId('log'), events.length
    ? h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'log-heading' },
      h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'publication-log' },
        h('thead', {}, h('tr', {}, ['Tidspunkt', 'År', 'Hendelse', 'Av', 'Begrunnelse'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, events.map((e) => h('tr', { 'data-testid': 'publication-log-row' },
          h('td', { text: formatDateTime(e.at) }), h('td', { text: String(e.year) }), h('td', { text: EVENT[e.kind] || 'Endret' }),
          h('td', { text: e.by_name || '–' }), h('td', { text: e.reason || '–' }))))))
    : h('p', { class: 'ds-paragraph', text: 'Ingenting er publisert eller trukket tilbake ennå.' }));
}

async function refresh() {
  const doc = await getJson(base);
  renderYears(doc);
  renderLog(doc);
  return doc;
}

/** The preview of a year in the public pages' words, with the button that publishes it. */
function renderPreview(p) {
  const r = p.recipients;
  const s = p.statistics;
  const rows = s.rows;
  const publish = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'publish-year',
    text: `Publiser ${p.year}` });
  publish.addEventListener('click', async () => {
    publish.disabled = true;
    try {
      await apiSend('POST', base, { year: p.year });
      await refresh();
      replaceChildren(byId('preview'), alertBox('success', `${p.year} er publisert`,
        `Tilskuddsmottakerne og statistikken for ${p.year} vises nå på de offentlige sidene.`,
        h('a', { class: 'ds-link', href: `/mottakere.html?tenant=${slug}&year=${p.year}`, text: 'Se tilskuddsmottakerne' }),
        h('a', { class: 'ds-link', href: `/statistikk.html?tenant=${slug}&year=${p.year}`, text: 'Se statistikken' })));
    } catch (err) {
      publish.disabled = false;
      showMessage('danger', 'Året ble ikke publisert', describeError(err));
    }
  });
  replaceChildren(byId('preview'), h('div', { 'data-testid': 'preview' },
    p.published
      ? alertBox('info', `${p.year} er allerede publisert`, 'Dette er det offentligheten ser nå.')
      : alertBox('warning', `Forhåndsvisning av ${p.year}`, 'Slik vil de offentlige sidene vise året når det er publisert. Ingenting er publisert ennå.'),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: `Tilskuddsmottakere ${p.year}` }),
    h('p', { class: 'ds-paragraph', 'data-testid': 'preview-count',
      text: `${formatNumber(r.count)} ${r.count === 1 ? 'tildeling' : 'tildelinger'}, til sammen ${formatKroner(r.total)}.` }),
    h('div', { class: 'portal-table-wrap', tabindex: '0', role: 'region', 'aria-label': `Tilskuddsmottakere ${p.year}` },
      recipientsTable(r, r.items, { none: 'Ingen tilskudd i kraft dette året.' })),
    h('h3', { class: 'ds-heading', 'data-size': 'sm', text: `Statistikk ${p.year}` }),
    keyFigures(s.totals, rows),
    measuresTable({ id: 'preview-stats', testid: 'preview-stats-table', caption: `Tall for ${r.tenant_name}, ${p.year}`, firstHeader: 'Forvalter',
      items: rows, labelOf: (x) => x.tenant_name, rowTestid: 'preview-stats-row' }),
    goalsTable(s.sub_goals, `Tall per delmål, ${p.year}`),
    p.published ? null : h('div', { class: 'portal-actions' }, publish)));
}

const yearField = (name, label, value) => ({ name, label, type: 'number', value, min: 2000, required: true,
  description: 'Året tildelingene gjelder, for eksempel 2026.' });
const yearOf = (v) => (/^\d{4}$/.test(String(v).trim()) ? Number(v) : null);
const badYear = [{ field: 'year', detail: 'Skriv et årstall mellom 2000 og 2100.' }];

function mountPreview(initial) {
  mountForm(byId('preview-form'), {
    testid: 'preview-form',
    fields: [yearField('year', 'År', initial)],
    submitLabel: 'Forhåndsvis',
    check: (v) => (yearOf(v.year) && yearOf(v.year) >= 2000 && yearOf(v.year) <= 2100 ? [] : badYear),
    submit: async (v) => {
      const year = yearOf(v.year);
      const url = new URL(window.location.href);
      url.searchParams.set('year', String(year));
      window.history.replaceState(null, '', url);
      renderPreview(await getJson(`${base}/${year}/preview`));
    },
  });
}

function mountWithdraw() {
  mountForm(byId('withdraw-form'), {
    testid: 'withdraw-form',
    fields: [yearField('year', 'År', ''),
      { name: 'reason', label: 'Begrunnelse', type: 'textarea', max: 2000, required: true,
        description: 'Hvorfor publiseringen trekkes tilbake. Begrunnelsen føres i loggen.' }],
    submitLabel: 'Trekk tilbake',
    check: (v) => {
      const errs = yearOf(v.year) && yearOf(v.year) >= 2000 && yearOf(v.year) <= 2100 ? [] : [...badYear];
      if (!v.reason.trim()) errs.push({ field: 'reason', detail: 'Skriv hvorfor publiseringen trekkes tilbake.' });
      return errs;
    },
    submit: async (v, form) => {
      const year = yearOf(v.year);
      await apiSend('DELETE', `${base}/${year}`, { reason: v.reason.trim() });
      form.reset();
      await refresh();
      replaceChildren(byId('preview'));
      showMessage('success', `Publiseringen av ${year} er trukket tilbake`, 'Begrunnelsen er ført i loggen.');
    },
  });
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  slug = session.slug;
  base = `/api/v1/tenants/${encodeURIComponent(slug)}/published-years`;
  const roles = session.tenant ? session.tenant.roles : [];
  if (!roles.includes('tenant_admin') && !roles.includes('decision_maker')) {
    replaceChildren(byId('years'));
    showMessage('warning', 'Ingen tilgang', 'Bare forvalterens administratorer og besluttere kan publisere tildelinger.');
    return;
  }
  await refresh();
  const year = param('year');
  mountPreview(year && yearOf(year) ? year : String(new Date().getFullYear()));
  mountWithdraw();
});
