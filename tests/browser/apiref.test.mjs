// apiref.test.mjs: the API reference page (/api.html) in headless Chromium against the real stack
// (nginx's own headers and CSP): Redoc, served from /assets, loads the document the portal serves
// at /api/v1/openapi.json and renders its operations; the page logs no console error, throws
// nothing, violates no Content Security Policy directive and asks no other origin for anything.
// Only /api.html has the one addition to the page CSP (nginx.conf.in says why).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { WAIT, launchBrowser } from '../lib/browser.mjs';
import { doc, operations, validateResponse } from '../lib/openapi.mjs';

let stack, browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, { timeout: 180000 });
after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

/** A page that records console errors, uncaught exceptions, CSP violations (from the console and
 *  from the securitypolicyviolation event), failed requests and requests to other origins. */
async function watchedPage() {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const problems = { console: [], pageErrors: [], csp: [], elsewhere: [], failed: [], api: [] };
  const origin = new URL(stack.baseUrl).origin;
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.csp.push(m.text());
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e?.message)));
  page.on('request', (r) => {
    if (!/^(data|blob|about):/.test(r.url()) && new URL(r.url()).origin !== origin) problems.elsewhere.push(r.url());
  });
  page.on('requestfailed', (r) => problems.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', async (r) => {
    if (r.status() >= 400) problems.failed.push(`${r.url()} ${r.status()}`);
    const url = new URL(r.url());
    if (url.origin !== origin || !url.pathname.startsWith('/api/')) return;
    try {
      validateResponse(r.request().method(), url.pathname, { status: r.status(), headers: r.headers(), text: await r.text() });
    } catch (e) {
      problems.api.push(e.message);
    }
  });
  return { context, page, problems };
}

test('the API reference renders every operation of the served document, within the CSP and without errors', { timeout: 90000 }, async () => {
  const { context, page, problems } = await watchedPage();
  try {
    const specLoaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/openapi.json', WAIT);
    const res = await page.goto(`${stack.baseUrl}/api.html`);
    assert.equal(res.status(), 200);
    const csp = res.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|blob:|data:|https?:/, 'no inline, eval, blob:, data: or other origins');
    assert.equal((await specLoaded).status(), 200);

    // the title of the document and a known operation's summary, as a heading of the reference
    await page.getByRole('heading', { name: doc.info.title }).first().waitFor({ state: 'visible', ...WAIT });
    await page.getByRole('heading', { name: doc.paths['/api/v1/ping'].get.summary }).first().waitFor({ state: 'visible', ...WAIT });

    // the menu lists every documented operation (by its summary)
    const menu = await page.evaluate(() => document.body.innerText);
    const squash = (s) => s.replace(/\s+/g, ' ').trim();
    const text = squash(menu);
    const missing = operations.filter((op) => {
      const [m, t] = op.split(' ');
      return !text.includes(squash(doc.paths[t][m.toLowerCase()].summary));
    });
    assert.deepEqual(missing, [], 'operations missing from the reference');

    // an operation far down the document renders when chosen from the menu
    const last = doc.paths['/api/v1/tenants/{slug}/imports'].post.summary;
    await page.getByText(last, { exact: true }).first().click();
    await page.getByRole('heading', { name: last }).first().waitFor({ state: 'visible', ...WAIT });

    const seen = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual([...problems.csp, ...seen], [], 'Content Security Policy violations');
    assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
    assert.deepEqual(problems.console, [], 'console errors');
    assert.deepEqual(problems.elsewhere, [], 'requests to other origins');
    assert.deepEqual(problems.failed, [], 'failed requests');
    assert.deepEqual(problems.api, [], 'API responses that the document does not promise');
  } finally {
    await context.close();
  }
});

test('the other pages keep the strict policy: only /api.html has the empty-style hash', async () => {
  const page = await stack.req('/index.html');
  const api = await stack.req('/api.html');
  assert.equal(page.status, 200);
  assert.equal(api.status, 200);
  const strict = page.headers.get('content-security-policy');
  assert.match(strict, /style-src 'self';/);
  // the reference's policy is the page policy plus the hash of the empty string in style-src
  const EMPTY = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
  assert.equal(api.headers.get('content-security-policy'), strict.replace("style-src 'self';", `style-src 'self' ${EMPTY};`));
  for (const h of ['x-content-type-options', 'referrer-policy', 'x-frame-options']) assert.equal(api.headers.get(h), page.headers.get(h), h);
  assert.match(api.text, /<redoc spec-url="\/api\/v1\/openapi.json"/);
});
