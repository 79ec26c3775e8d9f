// browser.mjs: what the browser tests share: Debian's chromium launched headless by playwright-core
// with the flags this closed network needs, a page that records console errors and uncaught
// exceptions (the API's expected 4xx answers aside), and whose API responses are validated
// against the OpenAPI document like the test clients' (a mismatch is recorded as a problem), and
// logging in through the login page (and, for the demo staff who need it, the second step with the
// demo TOTP secret, tests/lib/totp.mjs). usesStackAndBrowser() gives a test file both, started
// before its tests and stopped after them.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { validateResponse } from './openapi.mjs';
import { startStack } from './stack.mjs';
import { DEMO_TOTP_SECRET, nextCode } from './totp.mjs';

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WAIT = { timeout: 15000 };

/** Debian's chromium (CHROMIUM_PATH to use another), headless. */
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ARGS });
}

/** For a test file: a stack (startStack(opts)) and a browser, started before its tests and stopped
 *  after them; the returned object's stack and browser are set once the tests run. */
export function usesStackAndBrowser(opts) {
  const it = { stack: null, browser: null };
  before(async () => {
    it.stack = await startStack(opts);
    it.browser = await launchBrowser();
  }, { timeout: 180000 });
  after(async () => {
    if (it.browser) await it.browser.close();
    if (it.stack) await it.stack.stop();
  });
  return it;
}

/** A fresh context in Norwegian and Oslo time: { context, page, problems }. */
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // the API's own 4xx answers are logged by Chromium as "Failed to load resource"; those are expected
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/') || !/^https?:$/.test(url.protocol)) return;
    let text;
    try { text = await r.text(); } catch { text = undefined; } // a download or a redirect: no body to read
    try {
      validateResponse(r.request().method(), url.pathname, { status: r.status(), headers: r.headers(), text });
    } catch (e) {
      problems.push(e.message);
    }
  });
  return { context, page, problems };
}

/** Logs in through the login page, and the second step when one comes, and waits for "Min konto". */
export async function login(page, baseUrl, email, password = 'Demo-passord-2026', secret = DEMO_TOTP_SECRET) {
  await page.goto(`${baseUrl}/logg-inn.html`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(/\/(min-konto|tofaktor)\.html/, WAIT), page.click('button[type=submit]')]);
  if (new URL(page.url()).pathname === '/tofaktor.html') {
    await page.fill('#field-code', await nextCode(`${baseUrl} ${email.toLowerCase()}`, secret));
    await Promise.all([page.waitForURL('**/min-konto.html', WAIT), page.click('[data-testid="totp-verify"] button[type=submit]')]);
  }
}
