// public.test.mjs: browser test of the public pages (start page and call page) in
// headless Chromium against the real stack (MariaDB + workers + nginx, demo data).
// Checks that the pages render the API's data, that navigation from the start page
// to a call works, that a missing call shows the not-found message, and that no
// page logs a console error, throws, or violates the Content Security Policy.
// Run: node --test tests/browser/ (needs /usr/bin/chromium; never downloads a browser).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startStack } from '../lib/stack.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WAIT = { timeout: 15000 };

let stack;
let browser;

before(async () => {
  stack = await startStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, { timeout: 180000 });

after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

/** Intl's nb-NO number format groups with no-break spaces; compare with plain ones. */
function plain(text) {
  return String(text).replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A fresh page that records console errors, uncaught exceptions and CSP violations.
 * CSP violations are caught both from Chromium's console report and from the
 * securitypolicyviolation event (listened for by an init script, which CSP does not block).
 */
async function watchedPage() {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], csp: [] };
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.csp.push(text);
    if (msg.type() === 'error') problems.consoleErrors.push(text);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err && err.message)));
  problems.collect = async () => {
    const seen = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
    problems.csp.push(...seen);
    return problems;
  };
  return { context, page, problems };
}

function assertClean(problems, { allowConsole = () => false } = {}) {
  const errors = problems.consoleErrors.filter((t) => !allowConsole(t));
  assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions in the page');
  assert.deepEqual(problems.csp, [], 'Content Security Policy violations');
  assert.deepEqual(errors, [], 'console errors');
}

test('start page lists tenants with open calls and links to the call page', { timeout: 60000 }, async () => {
  const { context, page, problems } = await watchedPage();
  try {
    await page.goto(stack.baseUrl + '/', { waitUntil: 'domcontentloaded' });
    const imdi = page.locator('[data-testid="tenant-imdi"]');
    const oslo = page.locator('[data-testid="tenant-oslo"]');
    await imdi.waitFor(WAIT);
    await oslo.waitFor(WAIT);

    const imdiLinks = imdi.locator('a[data-testid^="call-link-"]');
    assert.ok((await imdiLinks.count()) >= 1, 'IMDi section shows an open call link');

    const osloLink = oslo.locator('a[data-testid^="call-link-"]').first();
    await osloLink.waitFor(WAIT);
    const testid = await osloLink.getAttribute('data-testid');
    const id = Number(/^call-link-(\d+)$/.exec(testid)[1]);
    assert.ok(Number.isInteger(id) && id > 0, `call id from ${testid}`);
    assert.equal(await osloLink.getAttribute('href'), `/utlysning.html?id=${id}`);

    const res = await fetch(`${stack.baseUrl}/api/v1/calls/${id}`, { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 200);
    const call = await res.json();
    assert.equal(call.tenant.slug, 'oslo');

    await Promise.all([page.waitForURL(`**/utlysning.html?id=${id}`, WAIT), osloLink.click()]);

    const title = page.locator('[data-testid="call-title"]');
    await title.waitFor(WAIT);
    assert.equal(plain(await title.textContent()), plain(call.title));
    assert.equal(await page.title(), `${call.title} – Tilskuddsportalen`);

    const amounts = plain(await page.locator('[data-testid="call-amounts"]').textContent());
    assert.ok(amounts.includes('10 000'), `amounts "${amounts}" show the minimum`);
    assert.ok(amounts.includes('1 000 000'), `amounts "${amounts}" show the maximum`);

    const deadline = plain(await page.locator('[data-testid="call-deadline"]').textContent());
    assert.match(deadline, /^\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}:\d{2}/, `deadline "${deadline}" in Oslo time`);

    const subgoals = page.locator('[data-testid="call-subgoals"] li[data-code]');
    const codes = await subgoals.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
    assert.deepEqual([...codes].sort(), ['A', 'B', 'C', 'D']);
    const subgoalText = plain(await page.locator('[data-testid="call-subgoals"]').textContent());
    for (const goal of call.sub_goals) {
      assert.ok(subgoalText.includes(plain(goal.name)), `sub-goal ${goal.code} shows its name`);
    }

    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});

test('call page shows "Fant ikke utlysningen" for a call that does not exist', { timeout: 60000 }, async () => {
  const { context, page, problems } = await watchedPage();
  try {
    await page.goto(stack.baseUrl + '/utlysning.html?id=999999999', { waitUntil: 'domcontentloaded' });
    const box = page.locator('[data-testid="call-not-found"]');
    await box.waitFor(WAIT);
    assert.match(await box.textContent(), /Fant ikke utlysningen/);
    assert.equal(await box.locator('a[href="/"]').count(), 1, 'a link back to the start page');
    assert.equal(await page.locator('[data-testid="call-title"]').count(), 0);
    // Chromium logs the API's 404 itself ("Failed to load resource"); that one is expected.
    assertClean(await problems.collect(), { allowConsole: (t) => /Failed to load resource.*404/.test(t) });
  } finally {
    await context.close();
  }
});

test('call page shows "Fant ikke utlysningen" for an id that is not a positive integer', { timeout: 60000 }, async () => {
  const { context, page, problems } = await watchedPage();
  try {
    const apiCalls = [];
    page.on('request', (req) => {
      const p = new URL(req.url()).pathname;
      if (p.startsWith('/api/') && p !== '/api/v1/session') apiCalls.push(req.url()); // the header asks who is logged in
    });
    await page.goto(stack.baseUrl + '/utlysning.html?id=abc', { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid="call-not-found"]').waitFor(WAIT);
    assert.deepEqual(apiCalls, [], 'no request for a call with an invalid id');
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});
