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

/** The application form's sections filled in as an applicant does (soknad.html), each waiting for
 *  the autosave; a test calls them in the order its story needs. */
export const draftForm = {
  saved: (page) => page.locator('[data-testid="autosave"]', { hasText: 'Lagret kl.' }).waitFor(WAIT),
  async about(page, { title, summary, goals, adaptation }) {
    await page.fill('#field-title', title);
    await page.fill('#field-summary', summary);
    await page.fill('#field-goals', goals);
    await page.check('#field-sub_goals');
    await page.check('#field-target_groups');
    await page.fill('#field-adaptation', adaptation);
    await draftForm.saved(page);
  },
  async results(page, { result, measure, milestoneDate, milestone, startYear, years = 1 }) {
    await page.click('[data-testid="step-resultater"]');
    await page.getByRole('button', { name: 'Legg til rad' }).first().click();
    await page.fill('#field-result_goals-0-text', result);
    await page.fill('#field-result_goals-0-measure', measure);
    await page.getByRole('button', { name: 'Legg til rad' }).nth(1).click();
    await page.fill('#field-milestones-0-date', milestoneDate);
    await page.fill('#field-milestones-0-text', milestone);
    await page.fill('#field-period-start_year', String(startYear));
    await page.fill('#field-period-years', String(years));
    await draftForm.saved(page);
  },
  async budget(page, { cost, amount }) {
    await page.click('[data-testid="step-budsjett"]');
    await page.getByRole('button', { name: 'Legg til rad' }).first().click();
    await page.fill('#field-budget-costs-0-text', cost);
    await page.fill('#field-budget-costs-0-amount', String(amount));
    await page.fill('#field-budget-own_contribution', '0');
    await page.fill('#field-applied_amount', String(amount));
    await draftForm.saved(page);
  },
  async delivery(page, { volunteers, municipality, place, participants }) {
    await page.click('[data-testid="step-gjennomforing"]');
    await page.fill('#field-volunteers', volunteers);
    await page.fill('#field-location-municipality', municipality);
    await page.fill('#field-location-place', place);
    await page.fill('#field-expected_participants', String(participants));
    await page.check('#field-children_youth');
    await page.check('#field-other_funding_declaration-has_other-nei');
    await draftForm.saved(page);
  },
  async budgetFile(page) {
    await page.click('[data-testid="step-vedlegg"]');
    await page.setInputFiles('[data-testid="attachment-file"]', { name: 'budsjett.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.click('[data-testid="attachment-upload"]');
    await page.locator('[data-testid="attachments"]', { hasText: 'budsjett.pdf' }).waitFor(WAIT);
  },
};
