// transparency.test.mjs: browser test of the transparency pages in headless Chromium (Debian's
// chromium, driven by playwright-core) against the real stack with its demo data:
// - the statistics dashboard draws its three chart.js charts (the canvases have a size and painted
//   pixels in the bar colour), and the charts' aria-labels, the tables and the key figures give the
//   numbers of GET /api/v1/statistics; choosing one tenant drops the per-municipality chart;
// - the recipients page shows IMDi's 2021 list (as IMDi published it, imported from sql/demo/050_...csv), and
//   choosing another year changes the rows and the total to GET /api/v1/recipients for that year;
//   the text filter narrows the rows; back in the browser restores the year;
// - the import page: only IMDi's national admin gets the form; a faulty file shows every fault
//   with its line and imports nothing; a good file is imported, and importing it again changes nothing.
// No page may log a console error, throw, or violate the Content Security Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { WAIT, launchBrowser, login as loginVia } from '../lib/browser.mjs';

let stack, browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, { timeout: 180000 });
after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

/** Intl's nb-NO format groups digits with no-break spaces; compare with plain ones. */
const plain = (s) => String(s ?? '').replace(/[\u00a0\u202f\u2009\u00ad]/g, (c) => (c === '\u00ad' ? '' : ' ')).replace(/\s+/g, ' ').trim();
const nf = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const kr = (n) => plain(`${nf.format(n)} kr`);
const num = (n) => plain(nf.format(n));
const shortName = (name) => String(name).replace(/ kommune$/, '');

async function api(path) {
  const res = await stack.req(path, { headers: { Accept: 'application/json' } });
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.json;
}

/** A page recording console errors, uncaught exceptions and CSP violations. allow(text) lets expected console errors through. */
async function watchedPage(allow = () => false) {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.push(`csp: ${text}`);
    else if (m.type() === 'error' && !allow(text)) problems.push(text);
  });
  const check = async () => {
    const csp = await page.evaluate(() => window.__csp || []).catch(() => []);
    assert.deepEqual([...problems, ...csp], [], 'console errors, exceptions or CSP violations');
  };
  return { context, page, check };
}

const login = (page, email) => loginVia(page, stack.baseUrl, email);

/** Waits until chart.js has drawn the canvas: a size, and enough pixels in the granted bars' colour. */
async function assertDrawn(page, testid) {
  const canvas = page.locator(`canvas[data-testid="${testid}"]`);
  await canvas.waitFor(WAIT);
  // the bars' colour is the theme's accent base colour, read the same way the page does
  await page.waitForFunction((id) => {
    const c = document.querySelector(`canvas[data-testid="${id}"]`);
    if (!c || !c.width || !c.height) return false;
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let bar = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 200 && px[i] < 40 && px[i + 1] > 70 && px[i + 1] < 130 && px[i + 2] > 150) bar++;
    return bar > 200;
  }, testid, WAIT);
  const info = await canvas.evaluate((c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) painted++;
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, shownW: r.width, shownH: r.height, painted, role: c.getAttribute('role'), label: c.getAttribute('aria-label') };
  });
  assert.ok(info.width > 100 && info.height > 100, `${testid}: canvas has a size (${info.width}×${info.height})`);
  assert.ok(info.shownW > 100 && info.shownH > 100, `${testid}: canvas is shown (${info.shownW}×${info.shownH})`);
  assert.ok(info.painted > 1000, `${testid}: ${info.painted} painted pixels`);
  assert.equal(info.role, 'img', `${testid} has role=img`);
  assert.ok(info.label && info.label.length > 20, `${testid} has an aria-label`);
  return plain(info.label);
}

/** The text of the cells of a table row by their data-key. */
async function rowValues(row) {
  return row.evaluate((tr) => Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map((td) => [td.dataset.key, td.textContent])));
}

function assertMeasures(actual, expected, what) {
  for (const key of ['applications_received', 'applications_granted', 'amount_applied', 'amount_granted']) {
    const money = key.startsWith('amount');
    assert.equal(plain(actual[key]), money ? kr(expected[key]) : num(expected[key]), `${what}: ${key}`);
  }
}

function sumBy(rows, keyOf) {
  const keys = ['applications_received', 'applications_granted', 'amount_applied', 'amount_granted'];
  const by = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (!by.has(k)) by.set(k, { ...Object.fromEntries(keys.map((x) => [x, 0])), key: k, name: r.name });
    for (const x of keys) by.get(k)[x] += r[x];
  }
  return [...by.values()];
}

test('the statistics page draws its charts, and labels, tables and key figures agree with the API', { timeout: 90000 }, async () => {
  const { context, page, check } = await watchedPage();
  try {
    const published = (await api('/api/v1/published')).items;
    const year = Math.max(...published.map((p) => p.year));
    const stats = await api(`/api/v1/statistics?year=${year}`);
    const all = await api('/api/v1/statistics');
    const municipalities = stats.rows.filter((r) => r.tenant_kind === 'municipality');
    assert.ok(municipalities.length >= 2, 'the demo has municipalities with published statistics');

    await page.goto(`${stack.baseUrl}/statistikk.html`);
    await page.locator('[data-testid="stats-heading"]').waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="stats-tenant"]').inputValue(), '', 'the national view by default');
    assert.equal(await page.locator('[data-testid="stats-year"]').inputValue(), String(year), 'the newest published year by default');
    assert.equal(await page.locator('[data-testid="stats-tenant"] option').count(), 22, 'the whole country and all 21 tenants');

    // per municipality: chart and table
    const muniLabel = await assertDrawn(page, 'chart-municipalities');
    for (const r of municipalities) {
      assert.ok(muniLabel.includes(`${shortName(r.tenant_name)}: søkt ${kr(r.amount_applied)}, tildelt ${kr(r.amount_granted)}`),
        `chart-municipalities label "${muniLabel}" gives ${r.tenant}`);
    }
    const tenantRows = page.locator('[data-testid="stats-tenants-table"] [data-testid="stats-tenant-row"]');
    assert.equal(await tenantRows.count(), stats.rows.length);
    for (const r of stats.rows) {
      const values = await rowValues(page.locator(`[data-testid="stats-tenant-row"][data-id="${r.tenant}"]`));
      assertMeasures(values, r, `table row ${r.tenant}`);
      assert.equal(plain(values.frame), r.frame === null ? 'Ikke oppgitt' : kr(r.frame), `${r.tenant} frame`);
      assert.equal(plain(values.unused), r.unused === null ? 'Ikke oppgitt' : kr(r.unused), `${r.tenant} unused`);
      assert.equal(plain(values.activity_support_organisations), num(r.activity_support_organisations));
    }
    assertMeasures(await rowValues(page.locator('[data-testid="stats-tenants-table-sum"]')), stats.totals, 'sum row');

    // key figures are the API's totals
    for (const key of ['applications_received', 'applications_granted', 'amount_applied', 'amount_granted', 'frame', 'unused']) {
      const text = plain(await page.locator(`[data-testid="stat-${key}"] dd`).first().textContent());
      const v = stats.totals[key];
      assert.equal(text, v === null ? 'Ikke oppgitt' : key.startsWith('applications') ? num(v) : kr(v), `key figure ${key}`);
    }

    // per sub-goal, summed over the tenants
    const goals = sumBy(stats.sub_goals, (g) => g.sub_goal);
    const goalLabel = await assertDrawn(page, 'chart-subgoals');
    for (const g of goals) {
      assert.ok(goalLabel.includes(`Delmål ${g.key} (${plain(g.name)}): søkt ${kr(g.amount_applied)}, tildelt ${kr(g.amount_granted)}`),
        `chart-subgoals label gives sub-goal ${g.key}`);
      assertMeasures(await rowValues(page.locator(`[data-testid="stats-subgoal-row"][data-id="${g.key}"]`)), g, `sub-goal ${g.key}`);
    }

    // year over year, summed over the tenants
    const years = sumBy(all.rows, (r) => r.year).sort((a, b) => a.key - b.key);
    assert.ok(years.length >= 2, 'the demo has two published years');
    const yearLabel = await assertDrawn(page, 'chart-years');
    for (const y of years) {
      assert.ok(yearLabel.includes(`${y.key}: søkt ${kr(y.amount_applied)}, tildelt ${kr(y.amount_granted)}`), `chart-years label gives ${y.key}`);
      assertMeasures(await rowValues(page.locator(`[data-testid="stats-year-row"][data-id="${y.key}"]`)), y, `year ${y.key}`);
    }

    // the CSV download is the same selection
    const csvHref = await page.locator('[data-testid="stats-csv"]').getAttribute('href');
    assert.equal(csvHref, `/api/v1/statistics.csv?year=${year}`);
    const csv = await stack.req(csvHref);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    for (const r of stats.rows) assert.ok(csv.text.includes(r.tenant_name), `CSV has ${r.tenant}`);

    // one tenant: no per-municipality chart; the sub-goal chart gives that tenant's numbers
    const oslo = await api(`/api/v1/statistics?tenant=oslo&year=${year}`);
    await page.selectOption('[data-testid="stats-tenant"]', 'oslo');
    await page.waitForURL(`**/statistikk.html?tenant=oslo&year=${year}`, WAIT);
    await page.locator('[data-testid="stats-heading"]', { hasText: 'Oslo kommune' }).waitFor(WAIT);
    assert.equal(await page.locator('canvas[data-testid="chart-municipalities"]').count(), 0, 'no municipality chart for one tenant');
    const osloLabel = await assertDrawn(page, 'chart-subgoals');
    for (const g of oslo.sub_goals) {
      assert.ok(osloLabel.includes(`Delmål ${g.sub_goal} (${plain(g.name)}): søkt ${kr(g.amount_applied)}, tildelt ${kr(g.amount_granted)}`),
        `Oslo's sub-goal ${g.sub_goal}`);
    }
    assert.equal(plain(await page.locator('[data-testid="stat-amount_granted"] dd').first().textContent()), kr(oslo.totals.amount_granted));
    await assertDrawn(page, 'chart-years');
    await check();
  } finally {
    await context.close();
  }
});

test('the recipients page shows IMDi\'s 2021 list and follows the year filter', { timeout: 90000 }, async () => {
  const { context, page, check } = await watchedPage();
  try {
    const y2021 = await api('/api/v1/recipients?tenant=imdi&year=2021');
    assert.equal(y2021.count, 90, 'IMDi 2021 has the 90 recipients IMDi published');
    const otherYears = (await api('/api/v1/published')).items.filter((p) => p.tenant === 'imdi' && p.year !== 2021).map((p) => p.year);
    assert.ok(otherYears.length >= 1, 'IMDi has published another year');
    const other = await api(`/api/v1/recipients?tenant=imdi&year=${otherYears[0]}`);

    await page.goto(`${stack.baseUrl}/mottakere.html?tenant=imdi&year=2021`);
    const rows = page.locator('[data-testid="recipients-table"] [data-testid="recipient-row"]');
    await rows.first().waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="recipients-tenant"] option').count(), 21, 'all 21 tenants');
    assert.equal(await page.locator('[data-testid="recipients-tenant"]').inputValue(), 'imdi');
    assert.equal(await page.locator('[data-testid="recipients-year"]').inputValue(), '2021');
    assert.equal(await rows.count(), 90);
    assert.equal(plain(await page.locator('[data-testid="recipients-total"]').textContent()), kr(y2021.total));
    assert.equal(plain(await page.locator('[data-testid="recipients-total"]').textContent()), '44 865 000 kr');
    assert.match(plain(await page.locator('[data-testid="recipients-count"]').textContent()), /^90 tildelinger/);
    const redCross = rows.filter({ has: page.locator('[data-testid="recipient-organisation"]', { hasText: /^Norges Røde Kors$/ }) });
    assert.ok((await redCross.count()) >= 1, 'Norges Røde Kors is on the list');
    assert.ok((await redCross.locator('[data-testid="recipient-amount"]').allTextContents()).map(plain).includes('7 000 000 kr'),
      'Norges Røde Kors got 7 000 000 kr');
    // the rows are the API's, in its order (by organisation)
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid="recipient-organisation"]').textContent));
    assert.deepEqual(shown, y2021.items.map((r) => r.organisation));
    assert.equal(await page.locator('[data-testid="recipients-csv"]').getAttribute('href'), '/api/v1/recipients.csv?tenant=imdi&year=2021');
    assert.equal(await page.locator('[data-testid="recipients-json"]').getAttribute('href'), '/api/v1/recipients?tenant=imdi&year=2021');

    // the text filter narrows the rows and the sum
    await page.fill('[data-testid="recipients-filter"]', 'røde kors');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="recipient-row"]').length < 90, null, WAIT);
    const matching = y2021.items.filter((r) => r.organisation.toLowerCase().includes('røde kors'));
    assert.equal(await rows.count(), matching.length);
    assert.equal(plain(await page.locator('[data-testid="recipients-total"]').textContent()), kr(matching.reduce((a, r) => a + r.amount, 0)));
    await page.fill('[data-testid="recipients-filter"]', '');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="recipient-row"]').length === 90, null, WAIT);

    // another year: the rows and the total follow, and the URL says so
    await page.selectOption('[data-testid="recipients-year"]', String(otherYears[0]));
    await page.waitForURL(`**/mottakere.html?tenant=imdi&year=${otherYears[0]}`, WAIT);
    await page.locator('[data-testid="recipients-heading"]', { hasText: String(otherYears[0]) }).waitFor(WAIT);
    assert.equal(await rows.count(), other.count);
    assert.notEqual(other.count, 90);
    const shownOther = await rows.evaluateAll((trs) => trs.map((tr) => [
      tr.querySelector('[data-testid="recipient-organisation"]').textContent,
      tr.querySelector('[data-testid="recipient-title"]').textContent,
      tr.querySelector('[data-testid="recipient-amount"]').textContent,
    ]));
    assert.deepEqual(shownOther.map(([o, t, a]) => [o, t, plain(a)]), other.items.map((r) => [r.organisation, r.title, kr(r.amount)]));
    assert.equal(plain(await page.locator('[data-testid="recipients-total"]').textContent()), kr(other.total));
    assert.notEqual(other.total, y2021.total);

    // back: 2021 again
    await page.goBack();
    await page.locator('[data-testid="recipients-heading"]', { hasText: '2021' }).waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="recipients-year"]').inputValue(), '2021');
    assert.equal(await rows.count(), 90);

    // a tenant that has published nothing says so
    await page.selectOption('[data-testid="recipients-tenant"]', 'tromso');
    // in the page's results, not the screen-reader announcement (which says the same)
    await page.locator('#recipients', { hasText: 'har ikke publisert noen tilskuddsmottakere ennå' }).waitFor(WAIT);
    assert.equal(await rows.count(), 0);
    await check();
  } finally {
    await context.close();
  }
});

test('the import page: only a national admin gets it; a faulty file imports nothing, a good one is imported once', { timeout: 90000 }, async () => {
  // the API's 422 for the faulty file is logged by Chromium as "Failed to load resource"; expected here
  const { context, page, check } = await watchedPage((t) => /Failed to load resource: the server responded with a status of 422/.test(t));
  try {
    await page.goto(`${stack.baseUrl}/import.html`);
    await page.locator('[data-testid="import-gate"]', { hasText: 'Logg inn' }).waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="import-form"]').isVisible(), false);

    await login(page, 'admin@oslo.demo');
    await page.goto(`${stack.baseUrl}/import.html`);
    await page.locator('[data-testid="import-gate"]', { hasText: 'ikke tilgang' }).waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="import-form"]').isVisible(), false);
    await page.click('[data-testid="header-logout"]');
    await page.waitForURL(`${stack.baseUrl}/`, WAIT);

    await login(page, 'admin@imdi.demo');
    await page.goto(`${stack.baseUrl}/import.html`);
    await page.locator('[data-testid="import-form"]').waitFor({ state: 'visible', ...WAIT });
    const count = async () => Number((await stack.sql('SELECT COUNT(*) FROM historical_grants WHERE year = 2019'))[0][0]);
    assert.equal(await count(), 0);

    const bad = 'forvalter;år;mottaker;prosjekt;beløp\n'
      + 'imdi;2019;"Testlaget";"Språkkafé";"50 000"\n'
      + 'imdi;2019;"Testlaget";"Leksehjelp";"mange penger"\n'
      + 'ingensteds;1800;"";"Fotball";"10 000"\n';
    await page.fill('[data-testid="import-text"]', bad);
    await page.click('[data-testid="import-submit"]');
    const failed = page.locator('[data-testid="import-failed"]');
    await failed.waitFor(WAIT);
    assert.match(plain(await failed.textContent()), /ingenting er lagret/);
    const faults = await page.locator('[data-testid="import-error-row"]').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.line}.${tr.dataset.column}`));
    assert.ok(faults.includes('3.amount'), `faults ${faults} name line 3's amount`);
    assert.ok(faults.includes('4.year') && faults.includes('4.organisation'), `faults ${faults} name line 4's year and organisation`);
    assert.ok(faults.every((f) => !f.startsWith('2.')), 'line 2 is fine');
    const firstCells = await page.locator('[data-testid="import-error-row"][data-line="3"] td').allTextContents();
    assert.deepEqual(firstCells.slice(0, 2), ['3', 'beløp'], 'line number and column shown');
    assert.equal(await count(), 0, 'nothing was imported');

    const good = 'forvalter;år;mottaker;prosjekt;beløp\nimdi;2019;"Testlaget";"Språkkafé";"50 000"\nimdi;2019;"Testlaget";"Leksehjelp";"kr 25.000"\n';
    await page.fill('[data-testid="import-text"]', good);
    await page.click('[data-testid="import-submit"]');
    const result = page.locator('[data-testid="import-result"]');
    await result.waitFor(WAIT);
    assert.equal(await failed.count(), 0);
    assert.equal(plain(await page.locator('[data-testid="import-rows"]').textContent()), '2');
    assert.equal(plain(await page.locator('[data-testid="import-imported"]').textContent()), '2');
    assert.equal(plain(await page.locator('[data-testid="import-unchanged"]').textContent()), '0');
    assert.equal(plain(await page.locator('[data-testid="import-total"]').textContent()), '75 000 kr');
    assert.equal(await count(), 2);

    // again: nothing changes
    await page.click('[data-testid="import-submit"]');
    await page.locator('[data-testid="import-unchanged"]', { hasText: '2' }).waitFor(WAIT);
    assert.equal(plain(await page.locator('[data-testid="import-imported"]').textContent()), '0');
    assert.equal(await count(), 2);

    // an unpublished year stays hidden from the public
    const hidden = await stack.req('/api/v1/recipients?tenant=imdi&year=2019');
    assert.equal(hidden.status, 404);
    await check();
  } finally {
    await context.close();
  }
});
