// calls-admin.test.mjs: a tenant runs its own round from the pages, in headless Chromium against the
// real stack. Oslo's tenant admin makes a call from a scheme on the calls page, fills in its form
// (dates, sub-goals, amounts, frame and earmark, a contact person), publishes it and sees it on the
// public call page with its contact person and rules in words; an organisation applies to it and
// signs; once the application is submitted the admin's form shows the money rules locked; the grant
// is decided and accepted (the casework pages are tried in casework.test.mjs: here it is set in the
// database); the admin previews the year on the publication page, sees the recipient, publishes, and
// the public recipients page lists it. Every step waits for what the page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT, usesStackAndBrowser, newPage, login, draftForm } from '../lib/browser.mjs';

const it = usesStackAndBrowser();

/** Oslo wall-clock time as a datetime-local input takes it, days from now. */
function osloLocal(days) {
  const d = new Date(Date.now() + days * 86400000);
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

test('a tenant admin makes and publishes a call, an organisation applies, the admin previews and publishes the year', { timeout: 240000 }, async () => {
  const { stack, browser } = it;
  const base = stack.baseUrl;
  // a year no Oslo call of the scheme has yet
  const [[year]] = await stack.sql("SELECT GREATEST(YEAR(CURDATE()) + 1, COALESCE(MAX(c.year), 0) + 1) FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo'");
  const title = `Inkludering i nabolaget ${year}`;
  const admin = await newPage(browser);
  const org = await newPage(browser);
  try {
    // the admin makes a draft from the scheme, from the calls page in the header
    await login(admin.page, base, 'admin@oslo.demo');
    await Promise.all([admin.page.waitForURL('**/utlysninger-admin.html?tenant=oslo', WAIT), admin.page.click('[data-testid="nav-calls-admin"]')]);
    await admin.page.locator('[data-testid="create-call"]').waitFor(WAIT);
    await admin.page.selectOption('[data-testid="create-call"] #field-scheme', 'frivillig-integrering');
    await admin.page.fill('[data-testid="create-call"] #field-year', String(year));
    await admin.page.fill('[data-testid="create-call"] #field-title', title);
    await Promise.all([admin.page.waitForURL('**/utlysning-rediger.html?*', WAIT), admin.page.click('[data-testid="create-call"] button[type=submit]')]);
    const callId = Number(new URL(admin.page.url()).searchParams.get('id'));
    await admin.page.locator('[data-testid="call-admin-state"]', { hasText: 'Utkast' }).waitFor(WAIT);

    // its form: open now, sub-goals A and B with 100 000 earmarked for A, amounts, frame, a contact person
    const form = admin.page.locator('[data-testid="call-form"]');
    await form.locator('#field-description').fill('Tilskudd til tiltak som skaper møteplasser i nabolaget.\n\nSøk innen fristen.');
    await form.locator('#field-opens_local').fill(osloLocal(-1));
    await form.locator('#field-deadline_local').fill(osloLocal(30));
    await form.locator('#field-sub_goals').check();
    await form.locator('#field-sub_goals-B').check();
    for (const code of ['C', 'D', '1', '2', '4', '5']) await form.locator(`#field-sub_goals-${code}`).uncheck();
    await form.locator('#field-earmark-A').fill('100000');
    await form.locator('#field-min_amount').fill('10000');
    await form.locator('#field-max_amount').fill('100000');
    await form.locator('#field-budget_frame').fill('500000');
    await form.locator('[data-testid="contacts-add"]').click();
    await form.locator('#field-contacts-0-name').fill('Kari Kontakt');
    await form.locator('#field-contacts-0-role').fill('Spørsmål om delmål A og B');
    await form.locator('#field-contacts-0-email').fill('kari.kontakt@oslo.kommune.no');
    await form.locator('#field-contacts-0-phone').fill('+47 21 80 21 80');
    await admin.page.click('[data-testid="call-save"]');
    await admin.page.locator('#message', { hasText: 'Endringene er lagret' }).waitFor(WAIT);

    // publish: the state says so, and the public call page shows the contact person and the rules
    await admin.page.click('[data-testid="call-publish"]');
    await admin.page.locator('[data-testid="call-admin-state"]', { hasText: 'Publisert, åpen' }).waitFor(WAIT);
    await org.page.goto(`${base}/utlysning.html?id=${callId}`);
    await org.page.locator('[data-testid="call-title"]', { hasText: title }).waitFor(WAIT);
    const contacts = org.page.locator('[data-testid="call-contacts"]');
    await contacts.locator('[data-testid="contact"]', { hasText: 'Kari Kontakt' }).waitFor(WAIT);
    assert.equal(await contacts.locator('a[href="mailto:kari.kontakt@oslo.kommune.no"]').count(), 1);
    assert.match(await org.page.locator('[data-testid="call-rules"]').textContent(), /Hver søknad kan bare gjelde ett prosjekt|En søknad kan omfatte flere tiltak/);
    assert.match(await org.page.locator('[data-testid="call-budget"]').textContent(), /100\s000\skr øremerket delmål A/);

    // the organisation applies and signs
    await login(org.page, base, 'leder@frivillig.demo');
    await org.page.goto(`${base}/utlysning.html?id=${callId}`);
    await Promise.all([org.page.waitForURL('**/soknad.html?id=*', WAIT), org.page.click('[data-testid="apply-start"]')]);
    const appId = Number(new URL(org.page.url()).searchParams.get('id'));
    const p = org.page;
    await draftForm.about(p, { title: 'Nabolagskafé', summary: 'En ukentlig kafé der nye og gamle naboer møtes.',
      goals: 'Flere bekjente på tvers i nabolaget.', adaptation: 'Tolk ved behov; barnepass.' });
    await draftForm.results(p, { result: '40 deltakere hver uke', measure: 'Oppmøtelister', milestoneDate: `${year}-02-01`,
      milestone: 'Første kafékveld', startYear: year });
    await draftForm.budget(p, { cost: 'Lokaler og servering', amount: 60000 });
    await draftForm.delivery(p, { volunteers: 'Åtte frivillige verter.', municipality: 'Oslo', place: 'Grønland bydelshus', participants: 40 });
    await draftForm.budgetFile(p);
    await p.click('[data-testid="step-send"]');
    await p.getByText('Alt er fylt ut').waitFor(WAIT);
    await Promise.all([p.waitForURL('**/kvittering.html?id=*', WAIT), p.click('[data-testid="sign-submit"]')]);
    await p.locator('[data-testid="receipt-reference"]').waitFor(WAIT);

    // submitted: the admin's form shows the money rules locked
    await admin.page.reload();
    await admin.page.locator('[data-testid="frozen-min_amount"]').waitFor(WAIT);
    assert.equal(await admin.page.locator('#field-min_amount').isDisabled(), true);
    assert.equal(await admin.page.locator('#field-title').isDisabled(), false, 'texts may still change');

    // decided and accepted (the casework pages are tried in casework.test.mjs)
    await stack.sql(`UPDATE applications SET status = 'accepted', granted_amount = 60000, accepted_at = UTC_TIMESTAMP() WHERE id = ${appId}`);

    // the admin previews the year on the publication page, then publishes it
    await Promise.all([admin.page.waitForURL('**/publisering.html?tenant=oslo', WAIT), admin.page.click('[data-testid="nav-publication"]')]);
    await admin.page.locator('[data-testid="preview-form"] #field-year').fill(String(year));
    await admin.page.click('[data-testid="preview-form"] button[type=submit]');
    const preview = admin.page.locator('[data-testid="preview"]');
    await preview.locator('[data-testid="recipient-row"]', { hasText: 'Nabolagskafé' }).waitFor(WAIT);
    assert.match(await preview.textContent(), /Ingenting er publisert ennå/);
    assert.match(await preview.locator('[data-testid="recipients-total"]').textContent(), /60\s000\skr/);
    const [[published]] = await stack.sql(`SELECT COUNT(*) FROM published_years p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'oslo' AND p.year = ${year}`);
    assert.equal(Number(published), 0, 'a preview publishes nothing');
    await admin.page.click('[data-testid="publish-year"]');
    await admin.page.locator(`[data-testid="published-${year}"]`).waitFor(WAIT);
    await admin.page.locator('[data-testid="publication-log-row"]', { hasText: 'Publisert' }).first().waitFor(WAIT);

    // the public recipients page lists the grant
    await org.page.goto(`${base}/mottakere.html?tenant=oslo&year=${year}`);
    await org.page.locator('[data-testid="recipient-title"]', { hasText: 'Nabolagskafé' }).waitFor(WAIT);
    assert.deepEqual(admin.problems, []);
    assert.deepEqual(org.problems, []);
  } finally {
    await admin.context.close();
    await org.context.close();
  }
});

test('the publication page previews a year as the public will see it, publishes it and withdraws it with a reason', { timeout: 120000 }, async () => {
  const { stack, browser } = it;
  const base = stack.baseUrl;
  const [[year]] = await stack.sql("SELECT MAX(c.year) + 7 FROM calls c");
  await stack.sql(`INSERT INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local, min_amount, max_amount, sub_goals, budget_frame)
    SELECT t.id, s.id, ${year}, 'Publiseringsprøve ${year}', 'Prøve', '2020-01-01 00:00:00', '2020-02-01 00:00:00', 1000, 100000, 'A', 200000
    FROM tenants t, schemes s WHERE t.slug = 'oslo' AND s.code = 'frivillig-integrering'`);
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals, granted_amount, accepted_at)
    SELECT o.id, c.id, c.tenant_id, 'accepted', 'Språkkafé på biblioteket', 50000, '{}', 1, 1, 'PUBPAGE-${year}', UTC_TIMESTAMP(), 'A', 45000, UTC_TIMESTAMP()
    FROM organisations o, calls c WHERE o.orgnr = '987654325' AND c.title = 'Publiseringsprøve ${year}'`);
  const { context, page, problems } = await newPage(browser);
  try {
    await login(page, base, 'beslutter@oslo.demo');
    await Promise.all([page.waitForURL('**/publisering.html?tenant=oslo', WAIT), page.click('[data-testid="nav-publication"]')]);
    // a bad year is stopped in the error summary, beside the field
    await page.locator('[data-testid="preview-form"] #field-year').fill('20');
    await page.click('[data-testid="preview-form"] button[type=submit]');
    await page.locator('[data-testid="preview-form"] [data-testid="error-summary"] a[href="#field-year"]').waitFor(WAIT);
    await page.locator('[data-testid="preview-form"] #field-year').fill(String(year));
    await page.click('[data-testid="preview-form"] button[type=submit]');
    const preview = page.locator('[data-testid="preview"]');
    await preview.locator('[data-testid="recipient-row"]', { hasText: 'Språkkafé på biblioteket' }).waitFor(WAIT);
    assert.match(await preview.locator('[data-testid="stat-amount_granted"]').textContent(), /45\s000\skr/);
    await page.click('[data-testid="publish-year"]');
    await page.locator(`[data-testid="published-${year}"]`).waitFor(WAIT);

    // the public pages show the year as previewed
    const pub = await newPage(browser);
    try {
      await pub.page.goto(`${base}/mottakere.html?tenant=oslo&year=${year}`);
      await pub.page.locator('[data-testid="recipient-title"]', { hasText: 'Språkkafé på biblioteket' }).waitFor(WAIT);
      assert.deepEqual(pub.problems, []);
    } finally {
      await pub.context.close();
    }

    // withdrawing needs a reason; the log shows it with who did it
    const withdraw = page.locator('[data-testid="withdraw-form"]');
    await withdraw.locator('#field-year').fill(String(year));
    await withdraw.locator('button[type=submit]').click();
    await withdraw.locator('[data-testid="error-summary"] a[href="#field-reason"]').waitFor(WAIT);
    await withdraw.locator('#field-reason').fill('Ett tilskudd var ført med feil beløp.');
    await withdraw.locator('button[type=submit]').click();
    await page.locator('#message', { hasText: 'trukket tilbake' }).waitFor(WAIT);
    const row = page.locator('[data-testid="publication-log-row"]').first();
    await row.filter({ hasText: 'Ett tilskudd var ført med feil beløp.' }).waitFor(WAIT);
    assert.match(await row.textContent(), /Trukket tilbake/);
    assert.match(await row.textContent(), /Beslutter/);
    assert.equal(await page.locator(`[data-testid="published-${year}"]`).count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
