// picker.js: the tenant and year picker of the public transparency pages (mottakere, statistikk).
// The page has <select id="tenant"> and <select id="year">, a #status loading indicator and an
// #error box. The tenants and the years each has published come from GET /api/v1/tenants and
// GET /api/v1/published; the choice is kept in the URL (?tenant=SLUG&year=YYYY plus the page's own
// parameters), so back and forward work and a link can be shared. An unknown tenant in the URL
// becomes the national choice (when the page has one) or the first tenant; an unknown year the newest.

import { getJson, describeError } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { alertBox, retryButton, setLoading, showAlert } from './ui.js';

/**
 * The picker: new TenantYearPicker(options), then start(). options:
 * state: the page's state object; the picker adds tenants, published, tenant and year to it.
 * national: { value, name } for a choice covering every tenant (listed first), or null.
 * params(): the page's own URL parameters { name: value } (empty values are left out);
 * readParams(URLSearchParams): reads them back from the URL; filled(): after the selects are filled;
 * load(): draws the page for the chosen tenant and year.
 * The methods are bound, so they can be passed around (scopeName, query, pushUrl, start).
 */
export class TenantYearPicker {
  constructor({ state = {}, national = null, params = () => ({}), readParams = () => {}, filled = () => {}, load }) {
    Object.assign(state, { tenants: [], published: [], tenant: national ? national.value : null, year: null });
    Object.assign(this, { state, national, params, readParams, filled, load, tenantSel: byId('tenant'), yearSel: byId('year') });
    for (const m of ['yearsOf', 'scopeName', 'query', 'pushUrl', 'start']) this[m] = this[m].bind(this);
    this.listen();
  }

  isNational(slug) {
    return this.national !== null && slug === this.national.value;
  }

  /** The years a tenant (or, for the national choice, any tenant) has published, newest first. */
  yearsOf(slug) {
    const { published } = this.state;
    const list = this.isNational(slug) ? published : published.filter((p) => p.tenant === slug);
    return [...new Set(list.map((p) => p.year))].sort((a, b) => b - a);
  }

  scopeName(slug) {
    if (this.isNational(slug)) return this.national.name;
    const t = this.state.tenants.find((x) => x.slug === slug);
    return t ? t.name : slug;
  }

  /** The API's query for the choice: tenant (left out for the national choice) and, withYear, year. */
  query(withYear = true) {
    const { tenant, year } = this.state;
    const q = new URLSearchParams();
    if (tenant && !this.isNational(tenant)) q.set('tenant', tenant);
    if (withYear && year) q.set('year', String(year));
    return q;
  }

  pushUrl(replace) {
    const q = this.query();
    for (const [k, v] of Object.entries(this.params())) if (v) q.set(k, v);
    const url = `${window.location.pathname}${q.toString() ? `?${q}` : ''}`;
    if (url === window.location.pathname + window.location.search) return;
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
  }

  readUrl() {
    const { state, national } = this;
    const p = new URLSearchParams(window.location.search);
    const slug = p.get('tenant') || (national ? national.value : '');
    const fallback = national ? national.value : (state.tenants[0] && state.tenants[0].slug) || null;
    state.tenant = this.isNational(slug) || state.tenants.some((t) => t.slug === slug) ? slug : fallback;
    const years = this.yearsOf(state.tenant);
    const year = Number(p.get('year'));
    state.year = years.includes(year) ? year : years[0] || null;
    this.readParams(p);
  }

  fillSelects() {
    const { state, national, tenantSel, yearSel } = this;
    const options = state.tenants.map((t) => h('option', { value: t.slug, selected: t.slug === state.tenant, text: t.name }));
    replaceChildren(tenantSel, national
      ? [h('option', { value: national.value, selected: this.isNational(state.tenant), text: national.name }), h('optgroup', { label: 'Én forvalter' }, options)]
      : options);
    const years = this.yearsOf(state.tenant);
    replaceChildren(yearSel, years.length
      ? years.map((y) => h('option', { value: String(y), selected: y === state.year, text: String(y) }))
      : h('option', { value: '', text: 'Ingen publiserte år' }));
    tenantSel.disabled = false;
    yearSel.disabled = years.length === 0;
    this.filled();
  }

  /** Fetches the tenants and published years, reads the URL and loads the page. */
  async start() {
    const status = byId('status');
    const errorBox = byId('error');
    errorBox.hidden = true;
    setLoading(status, true, 'Henter forvaltere og publiserte år …');
    try {
      const [tenants, published] = await Promise.all([getJson('/api/v1/tenants'), getJson('/api/v1/published')]);
      this.state.tenants = Array.isArray(tenants.items) ? tenants.items : [];
      this.state.published = Array.isArray(published.items) ? published.items : [];
    } catch (err) {
      setLoading(status, false);
      showAlert(errorBox, alertBox('danger', 'Kunne ikke hente forvalterne', describeError(err), retryButton(this.start)));
      return;
    }
    this.readUrl();
    this.fillSelects();
    this.pushUrl(true);
    await this.load();
  }

  listen() {
    const { state } = this;
    this.tenantSel.addEventListener('change', (e) => {
      state.tenant = e.target.value;
      const years = this.yearsOf(state.tenant);
      if (!years.includes(state.year)) state.year = years[0] || null;
      this.fillSelects();
      this.pushUrl(false);
      this.load();
    });
    this.yearSel.addEventListener('change', (e) => {
      state.year = Number(e.target.value) || null;
      this.pushUrl(false);
      this.load();
    });
    window.addEventListener('popstate', () => {
      this.readUrl();
      this.fillSelects();
      this.load();
    });
  }
}

/** Says text in the page's #live region (emptied first, so a repeated text is announced again). */
export function announce(text) {
  const live = byId('live');
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}
