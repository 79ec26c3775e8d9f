// totp.test.mjs: the second factor in headless Chromium (Debian's chromium, driven by
// playwright-core) against the real stack:
// - a tenant admin without a second factor is taken from the login to its enrolment: the QR code
//   drawn on a canvas holds exactly the otpauth:// URI shown (compared module by module with the
//   same qrcode package), a wrong first code is shown beside the field, the right one gives ten
//   recovery codes, and then the login is complete;
// - a caseworker turns it on from "Min konto", logs in again with a recovery code, and turns it
//   off with a code.
// No page may log a console error (the API's expected 4xx aside), throw, or violate the Content
// Security Policy. Codes are computed with node's crypto (tests/lib/totp.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';
import { WAIT, launchBrowser, newPage, login } from '../lib/browser.mjs';
import { totpAt, stepNow, markUsed } from '../lib/totp.mjs';

const QRCode = createRequire(path.join(ROOT, 'web/package.json'))('qrcode');

let stack, browser;
before(async () => {
  stack = await startStack({ workers: 2 });
  browser = await launchBrowser();
}, { timeout: 180000 });
after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

/** A new verified account with the demo password and a role in Oslo. */
async function newStaff(role) {
  const email = `totp-${randomBytes(4).toString('hex')}@eksempel.no`;
  await stack.sql(`INSERT INTO users (email, email_norm, name, password_hash, email_verified_at)
    SELECT '${email}', '${email}', 'Tove Totrinn', password_hash, UTC_TIMESTAMP() FROM users WHERE email_norm = 'leder@frivillig.demo'`);
  await stack.sql(`INSERT INTO tenant_staff (tenant_id, user_id, role) SELECT t.id, u.id, '${role}' FROM tenants t, users u
    WHERE t.slug = 'oslo' AND u.email_norm = '${email}'`);
  return email;
}

/** A page that also records CSP violations. */
async function watched() {
  const p = await newPage(browser);
  await p.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  p.page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) p.problems.push(`csp: ${m.text()}`); });
  p.check = async () => assert.deepEqual([...p.problems, ...await p.page.evaluate(() => window.__csp || [])], []);
  return p;
}

/** The dark modules of the QR code drawn on the canvas, read at each module's centre. */
async function drawnModules(page, size, margin) {
  return page.evaluate(({ n, m }) => {
    const c = document.querySelector('canvas[data-testid="totp-qr"]');
    const scale = c.width / (n + 2 * m);
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out = [];
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const cx = Math.floor((x + m + 0.5) * scale);
        const cy = Math.floor((y + m + 0.5) * scale);
        out.push(px[(cy * c.width + cx) * 4] < 128 ? 1 : 0);
      }
    }
    return out;
  }, { n: size, m: margin });
}

/** Enrols on the page (the QR code is on it): checks the QR code, gives a wrong then the right first code; the recovery codes. */
async function enrolOnPage(page, email) {
  const canvas = page.locator('canvas[data-testid="totp-qr"]');
  await canvas.waitFor(WAIT);
  const secret = (await page.locator('[data-testid="totp-secret"]').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const uri = await page.locator('[data-testid="totp-uri"]').getAttribute('href');
  assert.equal(uri, `otpauth://totp/Tilskuddsportalen:${email.replace('@', '%40')}?secret=${secret}&issuer=Tilskuddsportalen&algorithm=SHA1&digits=6&period=30`);
  const qr = QRCode.create(uri, { errorCorrectionLevel: 'M' });
  assert.deepEqual(await drawnModules(page, qr.modules.size, 4), [...qr.modules.data].map((b) => (b ? 1 : 0)), 'the canvas shows the QR code of the URI');
  const step = stepNow();
  const right = totpAt(secret, step);
  await page.fill('#field-code', right === '000000' ? '111111' : '000000');
  await page.click('[data-testid="totp-confirm"] button[type=submit]');
  await page.locator('#field-code-error', { hasText: 'stemmer ikke' }).waitFor(WAIT);
  await page.fill('#field-code', right);
  await page.click('[data-testid="totp-confirm"] button[type=submit]');
  const codes = page.locator('[data-testid="recovery-codes"] li');
  await codes.first().waitFor(WAIT);
  markUsed(`${stack.baseUrl} ${email}`, step);
  const list = await codes.allTextContents();
  assert.equal(list.length, 10);
  for (const c of list) assert.match(c, /^[0-9a-z]{5}-[0-9a-z]{5}$/);
  return { secret, codes: list };
}

test('a tenant admin without a second factor enrols on the way in: QR code, first code, recovery codes', { timeout: 90000 }, async () => {
  const email = await newStaff('tenant_admin');
  const { context, page, check } = await watched();
  try {
    await page.goto(`${stack.baseUrl}/logg-inn.html`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', 'Demo-passord-2026');
    await Promise.all([page.waitForURL('**/tofaktor.html?steg=ny', WAIT), page.click('button[type=submit]')]);
    // waiting for the second step: not logged in anywhere yet
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/me')).status), 401);
    await enrolOnPage(page, email);
    await Promise.all([page.waitForURL('**/min-konto.html', WAIT), page.click('[data-testid="recovery-codes-kept"]')]);
    await page.locator('[data-testid="totp-on"]', { hasText: '10 ubrukte' }).waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="totp-off-start"]').count(), 0, 'a tenant admin cannot turn it off');
    assert.match(await page.locator('[data-testid="header-user"]').textContent(), /Tove Totrinn/);
    await check();
  } finally {
    await context.close();
  }
});

test('a caseworker turns it on from Min konto, logs in with a recovery code, and turns it off', { timeout: 120000 }, async () => {
  const email = await newStaff('caseworker');
  const { context, page, check } = await watched();
  try {
    await login(page, stack.baseUrl, email); // the password alone, for now
    await page.click('[data-testid="totp-start"]');
    const { secret, codes } = await enrolOnPage(page, email);
    await page.click('[data-testid="recovery-codes-kept"]');
    await page.locator('[data-testid="totp-on"]', { hasText: '10 ubrukte' }).waitFor(WAIT);
    await Promise.all([page.waitForURL(`${stack.baseUrl}/`, WAIT), page.click('[data-testid="header-logout"]')]);

    await page.goto(`${stack.baseUrl}/logg-inn.html`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', 'Demo-passord-2026');
    await Promise.all([page.waitForURL('**/tofaktor.html', WAIT), page.click('button[type=submit]')]);
    await page.click('[data-testid="use-recovery-code"]');
    await page.fill('#field-recovery_code', codes[3].toUpperCase());
    await Promise.all([page.waitForURL('**/min-konto.html', WAIT), page.click('[data-testid="recovery-verify"] button[type=submit]')]);
    await page.locator('[data-testid="totp-on"]', { hasText: '9 ubrukte' }).waitFor(WAIT);

    await page.click('[data-testid="totp-off-start"]');
    await page.fill('#field-code', totpAt(secret, stepNow() + 1));
    await page.click('[data-testid="totp-off"] button[type=submit]');
    await page.locator('[data-testid="totp-start"]').waitFor(WAIT);
    assert.equal((await stack.sql(`SELECT COUNT(*) FROM user_totp t JOIN users u ON u.id = t.user_id WHERE u.email_norm = '${email}'`))[0][0], '0');
    await check();
  } finally {
    await context.close();
  }
});
