// journey.test.mjs: the applicant and account journeys in headless Chromium (Debian's chromium,
// driven by playwright-core) against the real stack: log in and out with the header; a new user
// registers, confirms through the outbox, registers an organisation, drafts an application over
// several sections (autosaved; the draft survives a reload), uploads a budget, is stopped by a
// too-low amount in the error summary, fixes it, asks Oslo's caseworker to check the signing rights
// (who confirms on the signing-rights page), signs, and sees the receipt with its reference and how
// the signing rights were established.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { WAIT, launchBrowser, newPage as openPage, login as loginVia, draftForm } from '../lib/browser.mjs';

let stack, browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, { timeout: 180000 });
after(async () => {
  if (browser) await browser.close();
  if (stack) await stack.stop();
});

const newPage = () => openPage(browser);

/** A made-up organisation number with a valid modulus-11 check digit. */
function orgnr() {
  for (;;) {
    const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? 8 + Math.floor(Math.random() * 2) : Math.floor(Math.random() * 10)));
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * d[i], 0);
    let k = 11 - (sum % 11);
    if (k === 11) k = 0;
    if (k !== 10) return d.join('') + k;
  }
}

const login = (page, email, password) => loginVia(page, stack.baseUrl, email, password);

test('a caseworker logs in, the header shows who and which tenant, and logs out', { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${stack.baseUrl}/`);
    await page.locator('[data-testid="header-login"]').waitFor(WAIT);
    await login(page, 'saksbehandler@oslo.demo');
    assert.match(await page.locator('[data-testid="header-user"]').textContent(), /Saksbehandler – Oslo kommune/);
    assert.equal((await page.locator('[data-testid="header-tenant"]').textContent()).trim(), 'Oslo kommune');
    assert.match(await page.locator('[data-testid="account-name"]').textContent(), /Saksbehandler/);
    await Promise.all([page.waitForURL(`${stack.baseUrl}/`, WAIT), page.click('[data-testid="header-logout"]')]);
    await page.locator('[data-testid="header-login"]').waitFor(WAIT);
    const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(status, 401);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a new organisation drafts, fixes a too-low amount from the error summary, signs and gets a receipt', { timeout: 180000 }, async () => {
  const { context, page, problems } = await newPage();
  const email = `soker-${Date.now()}@eksempel.no`;
  const password = 'Et-langt-passord-2026';
  try {
    // register and confirm through the outbox
    await page.goto(`${stack.baseUrl}/registrer.html`);
    await page.fill('#field-name', 'Sara Søker');
    await page.fill('#field-email', email);
    await page.fill('#field-password', 'kort');
    await page.fill('#field-password2', 'kort');
    await page.click('button[type=submit]');
    const summary = page.locator('[data-testid="error-summary"]');
    await summary.waitFor(WAIT);
    assert.equal(await summary.locator('a[href="#field-password"]').count(), 1, 'the summary links to the password field');
    await page.fill('#field-password', password);
    await page.fill('#field-password2', password);
    await page.click('button[type=submit]');
    await page.getByText('Sjekk e-posten din').waitFor(WAIT);
    const [[body]] = await stack.sql(`SELECT body FROM outbox WHERE to_email = '${email}' ORDER BY id DESC LIMIT 1`);
    await page.goto(stack.baseUrl + /(\/bekreft\.html\?token=[\w-]+)/.exec(body)[1]);
    await page.getByText('E-postadressen er bekreftet').waitFor(WAIT);
    await login(page, email, password);

    // register the organisation
    await page.goto(`${stack.baseUrl}/organisasjon-ny.html`);
    await page.fill('#field-orgnr', '123456789');
    await page.fill('#field-name', 'Nabolagets Venner');
    await page.fill('#field-municipality', 'Oslo');
    await page.fill('#field-volunteer_since', '2019-05-01');
    await page.click('button[type=submit]');
    await page.locator('#field-orgnr[aria-invalid="true"]').waitFor(WAIT);
    await page.fill('#field-orgnr', orgnr());
    await Promise.all([page.waitForURL('**/organisasjon.html?id=*', WAIT), page.click('button[type=submit]')]);

    // start an application for Oslo's open call
    const [[callId]] = await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo' AND c.year = YEAR(CURDATE())");
    await page.locator('[data-testid="new-call"]').waitFor(WAIT);
    await page.selectOption('[data-testid="new-call"]', String(callId));
    await Promise.all([page.waitForURL('**/soknad.html?id=*', WAIT), page.click('[data-testid="start-application"]')]);
    const appId = Number(new URL(page.url()).searchParams.get('id'));
    const saved = () => draftForm.saved(page);

    await draftForm.about(page, { title: 'Leksehjelp og norsktrening', summary: 'Ukentlig leksehjelp for barn og norsktrening for foreldre.',
      goals: 'Bedre skoleresultater og mer norsk i hverdagen.', adaptation: 'Tilpasset foreldre med små barn; kveldstid.' });

    // the draft survives a reload
    await page.reload();
    await page.locator('#field-title').waitFor(WAIT);
    assert.equal(await page.inputValue('#field-title'), 'Leksehjelp og norsktrening');

    await draftForm.results(page, { result: '30 barn får fast leksehjelp', measure: 'Oppmøtelister', milestoneDate: '2027-01-15',
      milestone: 'Oppstart', startYear: new Date().getFullYear() });
    await draftForm.budget(page, { cost: 'Lokaler og materiell', amount: 5000 });
    await draftForm.delivery(page, { volunteers: 'Ti frivillige lærere.', municipality: 'Oslo', place: 'Tøyen skole', participants: 30 });
    await draftForm.budgetFile(page);

    // review: the too-low amount is flagged in the error summary, which links to the field
    await page.click('[data-testid="step-send"]');
    const errors = page.locator('[data-testid="error-summary"]');
    await errors.waitFor(WAIT);
    const link = errors.locator('a', { hasText: 'minstebeløp' });
    await link.waitFor(WAIT);
    await link.click();
    await page.locator('#field-applied_amount:focus').waitFor(WAIT);
    await page.fill('#field-budget-costs-0-amount', '60000');
    await page.fill('#field-applied_amount', '60000');
    await saved();

    // the registrant may not sign yet: they ask Oslo's caseworkers to check, on the organisation's page
    await page.click('[data-testid="step-send"]');
    await page.getByText('Alt er fylt ut').waitFor(WAIT);
    assert.equal(await page.locator('[data-testid="sign-submit"]').isDisabled(), true, 'no signing rights yet');
    const [[orgId]] = await stack.sql(`SELECT org_id FROM applications WHERE id = ${appId}`);
    await page.goto(`${stack.baseUrl}/organisasjon.html?id=${orgId}`);
    await page.locator('[data-testid="signer-ask"]').waitFor(WAIT);
    await page.selectOption('[data-testid="signer-tenant"]', 'oslo');
    await page.click('[data-testid="signer-ask"]');
    await page.getByText('Forespørselen er sendt').waitFor(WAIT);

    // Oslo's caseworker records the check on the signing-rights page
    const staff = await newPage();
    try {
      await login(staff.page, 'saksbehandler@oslo.demo');
      await staff.page.click('[data-testid="nav-signers"]');
      const row = staff.page.locator('[data-testid^="signer-request-"]', { hasText: 'Sara Søker' });
      await row.waitFor(WAIT);
      await row.locator('textarea').fill('Styreleder i Enhetsregisteret.');
      await row.locator('[data-testid^="signer-confirm-"]').click();
      await staff.page.getByText('Signaturretten er bekreftet').waitFor(WAIT);
      assert.deepEqual(staff.problems, []);
    } finally {
      await staff.context.close();
    }
    await page.reload();
    await page.locator('[data-testid="signing-authority"]', { hasText: 'kontrollert' }).waitFor(WAIT);

    await page.goto(`${stack.baseUrl}/soknad.html?id=${appId}`);
    await page.locator('[data-testid="step-send"]').waitFor(WAIT);
    await page.click('[data-testid="step-send"]');
    await page.getByText('Alt er fylt ut').waitFor(WAIT);
    await Promise.all([page.waitForURL('**/kvittering.html?id=*', WAIT), page.click('[data-testid="sign-submit"]')]);
    await page.getByText('mot rollene i Enhetsregisteret').waitFor(WAIT);
    const ref = await page.locator('[data-testid="receipt-reference"]').textContent();
    assert.match(ref, new RegExp(`^OSL-${new Date().getFullYear()}-\\d{4}$`));
    const [[dbRef, status]] = await stack.sql(`SELECT reference, status FROM applications WHERE id = ${appId}`);
    assert.deepEqual([dbRef, status], [ref, 'submitted']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
