// casework.test.mjs: the caseworker journey in headless Chromium (Debian's chromium, driven by
// playwright-core) against the real stack. The demo organisation's leader submits an application
// to a fresh Oslo call through the API (signed for real); then in the browser: Oslo's caseworker
// finds it in the inbox by a search word, opens the case, declares impartiality, starts the review,
// assesses and recommends; Oslo's decision maker declares impartiality and grants it and sends the
// letter; the applicant sees the letter on the case page and accepts; the payment plan shows two
// terms (the grant is over 30 000). Each step is checked against the database as well as the page.
// Also: the budget page shows the commitment at once, and IMDi's appeal inbox lists a municipal
// appeal forwarded to IMDi.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { WAIT, launchBrowser, newPage as openPage, login as loginVia } from '../lib/browser.mjs';
import { loginAs } from '../lib/client.mjs';
import { insertCall, validDraft, files } from '../lib/apps.mjs';

let stack, browser, call, appId, reference;
const word = `Nabolagskafé${process.pid}`;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  // a call of its own with a frame, so the budget figures are this test's alone
  call = await insertCall(stack, 'oslo', { subGoals: 'A,B' });
  await stack.sql(`UPDATE calls SET budget_frame = 2000000, criteria = JSON_ARRAY('Tydelige mål', 'Realistisk budsjett') WHERE id = ${call.id}`);
  // the leader drafts, attaches the budget and signs, as the applicant pages do
  const leader = await loginAs(stack, 'leder@frivillig.demo');
  const [[orgId]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const c = await leader.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id });
  assert.equal(c.status, 201, c.text);
  appId = c.json.id;
  const put = await leader.req('PUT', `/api/v1/applications/${appId}`, validDraft({ amount: 80000, title: `${word} for nye og gamle naboer`, startYear: call.year }), { 'if-match': '"v1"' });
  assert.equal(put.status, 200, put.text);
  const att = await leader.req('POST', `/api/v1/applications/${appId}/attachments?kind=budget&filename=budsjett.pdf`, files.pdf, { 'content-type': 'application/pdf' });
  assert.equal(att.status, 201, att.text);
  const sub = await leader.post(`/api/v1/applications/${appId}/submit`);
  assert.equal(sub.status, 201, sub.text);
  [[reference]] = await stack.sql(`SELECT reference FROM applications WHERE id = ${appId}`);
}, { timeout: 180000 });
after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

const newPage = () => openPage(browser);

const login = (page, email, password) => loginVia(page, stack.baseUrl, email, password);

const status = async () => (await stack.sql(`SELECT status FROM applications WHERE id = ${appId}`))[0][0];
/** Waits until the case's status in the database is s (the page's POST has committed). */
async function statusBecomes(s) {
  for (let i = 0; i < 100; i++) {
    if (await status() === s) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await status(), s);
}

test('Oslo: the caseworker finds, assesses and recommends; the decision maker grants and sends the letter; the applicant accepts and sees two terms', { timeout: 150000 }, async () => {
  const caseUrl = `${stack.baseUrl}/sak.html?tenant=oslo&id=${appId}`;
  // the caseworker
  {
    const { context, page, problems } = await newPage();
    try {
      await login(page, 'saksbehandler@oslo.demo');
      await page.click('[data-testid="nav-inbox"]');
      await page.waitForURL('**/saker.html?tenant=oslo**', WAIT);
      await page.locator('[data-testid="inbox-total"]').waitFor(WAIT);
      await page.fill('#filter-q', word);
      await page.click('[data-testid="filter-apply"]');
      // the row may already be on the unfiltered first page: wait for the filtered list's own
      // state (its total says one case) before counting rows
      await page.locator('[data-testid="inbox-total"]').filter({ hasText: /av 1 sak$/ }).waitFor(WAIT);
      const row = page.locator(`[data-testid="case-row-${appId}"]`);
      await row.waitFor(WAIT);
      assert.equal(await page.locator('[data-testid^="case-row-"]').count(), 1, 'the search word finds this case only');
      assert.match(await row.textContent(), new RegExp(reference));
      await row.locator('a').first().click();
      await page.waitForURL(`**/sak.html?tenant=oslo&id=${appId}`, WAIT);
      await page.locator('[data-testid="case-status"]').filter({ hasText: 'Mottatt' }).waitFor(WAIT);
      // the application as signed is on the page
      await page.getByText(`${word} for nye og gamle naboer`).first().waitFor(WAIT);

      assert.equal(await page.locator('[data-testid="action-review"]').count(), 0, 'no review before the declaration');
      await page.click('[data-testid="declare-impartial"]');
      await page.locator('[data-testid="action-review"]').waitFor(WAIT);
      await page.click('[data-testid="action-review"]');
      await page.locator('[data-testid="case-status"]').filter({ hasText: 'Under behandling' }).waitFor(WAIT);
      assert.equal(await status(), 'in_review');

      await page.selectOption('#score-0', '4');
      await page.selectOption('#score-1', '5');
      for (const k of ['volunteer_register', 'location', 'not_excluded']) await page.check(`#elig-${k}`);
      await page.click('[data-testid="save-assessment"]');
      // the page confirms once it has saved and drawn the case anew; filling the next form before
      // that would fill a form the redraw throws away
      await page.locator('#sec-assessment [data-testid="action-done"]').waitFor(WAIT);
      const [[scores]] = await stack.sql(`SELECT scores FROM case_assessments WHERE application_id = ${appId}`);
      assert.deepEqual(JSON.parse(scores).map((s) => s.score), [4, 5]);

      // a dismissal is a recommendation of its own, without an amount
      await page.selectOption('#recommend-outcome', 'dismiss');
      assert.equal(await page.locator('#recommend-amount').isVisible(), false, 'a dismissal has no amount');
      await page.selectOption('#recommend-outcome', 'grant');
      await page.locator('#recommend-amount').waitFor({ state: 'visible', ...WAIT });
      await page.fill('#recommend-amount', '60000');
      await page.fill('#recommend-reasons', 'Godt forankret tiltak; budsjettet for lokaler er noe høyt.');
      await page.click('[data-testid="recommend"]');
      await page.locator('[data-testid="case-status"]').filter({ hasText: 'Innstilt' }).waitFor(WAIT);
      assert.equal(await status(), 'recommended');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  // the decision maker
  {
    const { context, page, problems } = await newPage();
    try {
      await login(page, 'beslutter@oslo.demo');
      await page.goto(caseUrl);
      await page.locator('[data-testid="case-status"]').filter({ hasText: 'Innstilt' }).waitFor(WAIT);
      // the decision form is offered only once the decision maker has declared impartiality
      assert.equal(await page.locator('#decide-outcome').count(), 0, 'no decision form before the declaration');
      await page.click('[data-testid="declare-impartial"]');
      await page.locator('#decide-outcome').waitFor(WAIT);
      assert.equal(await page.locator('#decide-outcome option[value="dismiss"]').count(), 1, 'the decision maker may dismiss');
      await page.selectOption('#decide-outcome', 'grant_partly');
      await page.fill('#decide-amount', '60000');
      await page.fill('#decide-reasons', 'Innvilget delvis: lokalkostnadene dekkes ikke fullt ut.');
      await page.click('[data-testid="decide"]');
      await page.locator('[data-testid="case-status"]').filter({ hasText: 'Delvis innvilget' }).waitFor(WAIT);
      assert.equal(await status(), 'partly_granted');
      const [[granted]] = await stack.sql(`SELECT granted_amount FROM applications WHERE id = ${appId}`);
      assert.equal(Number(granted), 60000);

      // the budget page shows the commitment at once
      await page.goto(`${stack.baseUrl}/budsjett.html?tenant=oslo`);
      const remaining = page.locator(`[data-testid="budget-remaining-${call.id}"]`);
      await remaining.waitFor(WAIT);
      assert.equal((await remaining.textContent()).replace(/\D/g, ''), '1940000');

      await page.goto(caseUrl);
      await page.click('[data-testid="send-letter"]');
      await page.locator('[data-testid="letter"]').first().waitFor(WAIT);
      await statusBecomes('letter_sent');
      const letter = await page.locator('[data-testid="letter"]').first().textContent();
      assert.match(letter, /60[\s\u00a0.]?000/, 'the letter states the amount');
      assert.match(letter, /1\. februar/, 'the letter states the reporting duty');
      assert.match(letter, /klage/i, 'the letter states the right to appeal');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  // the applicant
  {
    const { context, page, problems } = await newPage();
    try {
      await login(page, 'leder@frivillig.demo');
      await page.goto(`${stack.baseUrl}/mine-soknader.html`);
      await page.locator(`[data-testid="application-${appId}"] a`).first().click();
      await page.waitForURL(`**/min-sak.html?id=${appId}`, WAIT);
      const letter = page.locator('[data-testid="letter"]').first();
      await letter.waitFor(WAIT);
      assert.match(await letter.textContent(), /Nabolagskafé/);
      await page.click('[data-testid="accept"]');
      await page.locator('[data-testid="payment-plan"]').waitFor(WAIT);
      await statusBecomes('accepted');
      await page.locator('[data-testid="payment-term-2"]').waitFor(WAIT);
      assert.equal(await page.locator('[data-testid^="payment-term-"]').count(), 2, 'over 30 000: two terms');
      const terms = await stack.sql(`SELECT term, amount FROM payments WHERE application_id = ${appId} ORDER BY term`);
      assert.deepEqual(terms.map(([t, a]) => [Number(t), Number(a)]), [[1, 30000], [2, 30000]]);
      for (const [t, a] of terms) assert.match((await page.locator(`[data-testid="payment-term-${t}"]`).textContent()).replace(/[\s\u00a0.]/g, ''), new RegExp(a));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('IMDi\'s appeal inbox lists an appeal that a municipality forwarded', { timeout: 60000 }, async () => {
  const forwarded = await stack.sql(`SELECT a.id, ap.reference FROM appeals a JOIN applications ap ON ap.id = a.application_id
    JOIN tenants t ON t.id = a.tenant_id WHERE a.status = 'forwarded' AND a.appeal_body = 'imdi' AND t.slug <> 'imdi' LIMIT 1`);
  assert.ok(forwarded.length, 'the demo data has a municipal appeal forwarded to IMDi');
  const [[appealId, ref]] = forwarded;
  const { context, page, problems } = await newPage();
  try {
    await login(page, 'beslutter@imdi.demo');
    await page.click('[data-testid="nav-appeals"]');
    await page.waitForURL('**/klager.html?tenant=imdi', WAIT);
    await page.getByText(ref).first().waitFor(WAIT);
    await page.locator(`[data-testid="ruling-${appealId}"]`).waitFor(WAIT);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the payments page lists the terms due with their sum and links the CSV for the accounting system', { timeout: 60000 }, async () => {
  const due = await stack.sql("SELECT COALESCE(SUM(p.amount), 0), COUNT(*) FROM payments p JOIN applications a ON a.id = p.application_id JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'oslo' AND p.paid_at IS NULL");
  const { context, page, problems } = await newPage();
  try {
    await login(page, 'saksbehandler@oslo.demo');
    await page.click('[data-testid="nav-payments"]');
    await page.waitForURL('**/utbetalinger.html?tenant=oslo', WAIT);
    await page.locator('[data-testid="payments-table"]').waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="payments-table"] tbody tr').count(), Number(due[0][1]));
    const [, n, total] = /^(\d+) terminer, til sammen (.*)\.$/.exec(await page.locator('#sum').textContent());
    assert.deepEqual([n, total.replace(/\D/g, '')], [due[0][1], String(due[0][0])]);
    const csv = await page.evaluate(async () => {
      const r = await fetch(document.querySelector('[data-testid="payments-csv"]').href);
      return { type: r.headers.get('content-type'), text: await r.text() };
    });
    assert.match(csv.type, /text\/csv/);
    assert.equal(csv.text.trim().split(/\r\n/).length, Number(due[0][1]) + 1, 'a header and a line per term due');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
