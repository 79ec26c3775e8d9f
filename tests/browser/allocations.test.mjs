// allocations.test.mjs (browser): IMDi's allocation page in headless Chromium against the real
// stack. IMDi's tenant admin sets Oslo's allocation on tildeling.html and is refused (with the
// frames named) below Oslo's frames; Oslo's admin sees it on the same page, records an
// administration cost, which is shown flagged as without consent; IMDi's admin gives consent on
// the page and the flag goes. Each step is checked against the database as well as the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT, usesStackAndBrowser, newPage, login } from '../lib/browser.mjs';

const it = usesStackAndBrowser();
const year = new Date().getFullYear();

/** Waits until the query's first value is v (the page's request has committed). */
async function sqlBecomes(query, v) {
  for (let i = 0; i < 100; i++) {
    const rows = await it.stack.sql(query);
    if (rows.length && String(rows[0][0]) === String(v)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(String((await it.stack.sql(query))[0]?.[0]), String(v), query);
}

test('IMDi sets an allocation and consents to a cost; Oslo sees its allocation and records the cost', { timeout: 150000 }, async () => {
  const { stack, browser } = it;
  const [[frame]] = await stack.sql(`SELECT COALESCE(SUM(c.budget_frame), 0) FROM calls c JOIN tenants t ON t.id = c.tenant_id
    JOIN schemes s ON s.id = c.scheme_id WHERE t.slug = 'oslo' AND s.code = 'frivillig-integrering' AND c.year = ${year}`);
  const imdi = await newPage(browser);
  const oslo = await newPage(browser);
  try {
    await login(imdi.page, stack.baseUrl, 'admin@imdi.demo');
    await imdi.page.goto(`${stack.baseUrl}/tildeling.html?tenant=imdi&year=${year}`);
    const row = imdi.page.locator('[data-testid="alloc-row"][data-id="oslo/frivillig-integrering"]');
    await row.waitFor(WAIT);
    assert.equal(await imdi.page.locator('[data-testid="alloc-row"]').count(), 40);
    // below the frames: refused, and the message names them
    await row.locator('[data-testid="alloc-input"]').fill(String(Number(frame) - 1));
    await row.locator('[data-testid="alloc-save"]').click();
    await imdi.page.locator('#message', { hasText: 'Kunne ikke lagre tildelingen' }).waitFor(WAIT);
    assert.match(await imdi.page.locator('#message').textContent(), /allerede rammer/);
    const amount = Number(frame) + 500000;
    await row.locator('[data-testid="alloc-input"]').fill(String(amount));
    await row.locator('[data-testid="alloc-save"]').click();
    await imdi.page.locator('#message', { hasText: 'Tildelingen er lagret' }).waitFor(WAIT);
    await sqlBecomes(`SELECT amount FROM allocations al JOIN tenants t ON t.id = al.tenant_id WHERE t.slug = 'oslo' AND al.year = ${year}`, amount);

    // Oslo sees its own, and records a cost that waits for IMDi
    await login(oslo.page, stack.baseUrl, 'admin@oslo.demo');
    await oslo.page.goto(`${stack.baseUrl}/budsjett.html?tenant=oslo`);
    await Promise.all([oslo.page.waitForURL('**/tildeling.html?tenant=oslo', WAIT), oslo.page.click('[data-testid="budget-allocation-link"]')]);
    await oslo.page.locator('[data-testid="alloc-row"]').first().waitFor(WAIT);
    assert.equal(await oslo.page.locator('[data-testid="alloc-row"]').count(), 2, 'Oslo\'s two schemes only');
    assert.match(await oslo.page.locator('[data-testid="alloc-row"][data-id="oslo/frivillig-integrering"] [data-testid="alloc-amount"]').textContent(),
      new RegExp(amount.toLocaleString('nb-NO').replace(/\s/g, '\\s')));
    await oslo.page.fill('#field-amount', '939880');
    await oslo.page.fill('#field-note', 'Saksbehandling');
    await oslo.page.click('[data-testid="cost-form"] button[type=submit]');
    await oslo.page.locator('[data-testid="cost-row"] [data-testid="flag-without-consent"]').waitFor(WAIT);
    await sqlBecomes("SELECT consent FROM admin_costs WHERE amount = 939880", 'pending');

    // IMDi consents; the flag goes
    await imdi.page.reload();
    const cost = imdi.page.locator('[data-testid="cost-row"]', { hasText: 'Oslo kommune' });
    await cost.locator('[data-testid="flag-without-consent"]').waitFor(WAIT);
    await cost.locator('[data-testid="cost-given"]').click();
    await imdi.page.locator('#message', { hasText: 'Samtykke gitt' }).waitFor(WAIT);
    await sqlBecomes("SELECT consent FROM admin_costs WHERE amount = 939880", 'given');
    // the list is drawn again after the message: wait until no cost row is flagged any more
    await imdi.page.waitForFunction(() => !document.querySelector('[data-testid="cost-row"] [data-testid="flag-without-consent"]'),
      null, WAIT);
    assert.equal(await imdi.page.locator('[data-testid="cost-row"] [data-testid="flag-without-consent"]').count(), 0);
    assert.deepEqual(imdi.problems, []);
    assert.deepEqual(oslo.problems, []);
  } finally {
    await imdi.context.close();
    await oslo.context.close();
  }
});
