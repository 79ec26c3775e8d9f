// hardening.test.mjs: browser tests of the pages' defences in headless Chromium (Debian's chromium,
// driven by playwright-core) against the real stack:
// - the login page's ?next= goes only to this site: the known tricks (a tab the URL parser drops,
//   "//host", backslashes, another scheme) land on "Min konto", and a path on this site is kept;
// - the outbox page shows no one-time link: a password reset is listed without its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT, newPage, login, usesStackAndBrowser } from '../lib/browser.mjs';

const it = usesStackAndBrowser();

/** Logs in on logg-inn.html?next=<next> (raw query text) and gives the URL the browser went to. */
async function afterLogin(page, next) {
  await page.goto(`${it.stack.baseUrl}/logg-inn.html?next=${next}`);
  await page.fill('#field-email', 'leder@frivillig.demo');
  await page.fill('#field-password', 'Demo-passord-2026');
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/logg-inn.html'), WAIT), page.click('button[type=submit]')]);
  return new URL(page.url());
}

test('the login page sends the browser only to this site, whatever ?next= says', async () => {
  const { context, page } = await newPage(it.browser);
  try {
    // what the page is given, as the query string has it (the browser's own decoding applies)
    for (const next of ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%2Fevil.example', '%2F%5Cevil.example',
      '%5C%5Cevil.example', 'https%3A%2F%2Fevil.example', '%2F%5C%2Fevil.example', 'javascript%3Aalert(1)']) {
      const u = await afterLogin(page, next);
      assert.equal(u.origin, it.stack.baseUrl, `next=${next} went to ${u.href}`);
      assert.equal(u.pathname, '/min-konto.html', `next=${next}`);
    }
    const kept = await afterLogin(page, encodeURIComponent('/utlysning.html?id=1'));
    assert.equal(kept.href, `${it.stack.baseUrl}/utlysning.html?id=1`);
  } finally {
    await context.close();
  }
});

test('the outbox page lists a password reset without its text', async () => {
  const victim = 'medlem@frivillig.demo';
  assert.equal((await it.stack.req('/api/v1/auth/reset-request', { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-request': '1', origin: it.stack.baseUrl },
    body: JSON.stringify({ email: victim }) })).status, 202);
  const [[body]] = await it.stack.sql(`SELECT body FROM outbox WHERE to_email = '${victim}' AND kind = 'password_reset' ORDER BY id DESC LIMIT 1`);
  const token = /token=([A-Za-z0-9_-]+)/.exec(body)[1];
  const { context, page, problems } = await newPage(it.browser);
  try {
    await login(page, it.stack.baseUrl, 'admin@imdi.demo');
    await page.goto(`${it.stack.baseUrl}/utboks.html`);
    await page.fill('#to', victim);
    await page.click('#filter button[type=submit]');
    const item = page.locator('[data-testid=outbox] li', { hasText: 'Tilbakestill passordet' }).first();
    await item.waitFor(WAIT);
    await assert.doesNotReject(item.locator('[data-testid=outbox-hidden]').waitFor(WAIT));
    assert.match(await item.innerText(), /Nytt passord/);
    const html = await page.content();
    assert.ok(!html.includes(token) && !html.includes('token='), 'no one-time link on the page');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
