// publish.test.mjs: what is published, on the real stack. Recipients of a tenant and year are the
// grants in force of a published year (never rejected, withdrawn, declined or unpublished ones) and
// their total is their sum; statistics agree with counts done directly in SQL; the historical import
// reads Norwegian amounts, refuses a whole file for one bad row (naming its line), and changes nothing
// when the same file comes again; only the right roles publish and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';

let stack, anon, call, year, org, other;
before(async () => {
  stack = await startStack({ workers: 2 });
  anon = new Client(stack);
  call = await insertCall(stack, 'oslo', {});
  year = call.year;
  [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  await stack.sql(`INSERT IGNORE INTO organisations (orgnr, name, municipality, kind, volunteer_register) VALUES ('974760673', 'Årvåken Forening', 'Oslo', 'voluntary', 1)`);
  [[other]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '974760673'");
  // an operating-support call of the same tenant and year (the municipal scheme's other kind of support)
  await stack.sql(`INSERT INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local, min_amount, max_amount, sub_goals, support_kind, budget_frame)
    SELECT t.id, s.id, ${year}, 'Driftstilskudd ${year}', 'Drift', '2020-01-01 00:00:00', '2099-12-31 23:59:00', 5000, 100000, 'A', 'operating', 500000
    FROM tenants t, schemes s WHERE t.slug = 'oslo' AND s.code = 'driftstilskudd-innvandrerorganisasjoner'`);
  const [[opId]] = await stack.sql(`SELECT id FROM calls WHERE title = 'Driftstilskudd ${year}'`);
  const opCall = { id: Number(opId) };
  await stack.sql(`UPDATE calls SET budget_frame = 1000000 WHERE id = ${call.id}`);
  // [org, call, status, applied, granted, accepted, goals, title]
  const rows = [
    [org, call.id, 'accepted', 100000, 80000, true, 'A', 'Språkkafé'],
    [org, call.id, 'paid', 50000, 50000, true, 'B,C', 'Leksehjelp'],
    [other, call.id, 'closed', 30000, 30000, true, 'D', 'Mot rasisme'],
    [other, opCall.id, 'report_due', 20000, 20000, true, 'A', 'Driftsstøtte'],
    [org, call.id, 'declined', 40000, 40000, false, 'A', 'Takket nei'],
    [org, call.id, 'rejected', 60000, null, false, 'B', 'Avslått'],
    [other, call.id, 'closed', 70000, null, false, 'B', 'Avslått og lukket'],
    [org, call.id, 'withdrawn', 10000, null, false, 'A', 'Trukket'],
    [org, call.id, 'in_review', 25000, null, false, 'C', 'Til behandling'],
    [org, call.id, 'letter_sent', 35000, 35000, false, 'A', 'Ikke akseptert ennå'],
  ];
  let i = 0;
  for (const [o, c, st, applied, granted, accepted, goals, title] of rows) {
    await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals, granted_amount, accepted_at)
      VALUES (${o}, ${c}, (SELECT tenant_id FROM calls WHERE id = ${c}), '${st}', '${title}', ${applied}, '{}', 1, 1, 'PUB-${year}-${i++}', UTC_TIMESTAMP(), '${goals}', ${granted ?? 'NULL'}, ${accepted ? 'UTC_TIMESTAMP()' : 'NULL'})`);
  }
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const inForce = (y) => `a.tenant_id = (SELECT id FROM tenants WHERE slug = 'oslo') AND a.call_id IN (SELECT id FROM calls WHERE year = ${y})
  AND a.accepted_at IS NOT NULL AND a.granted_amount > 0 AND a.status NOT IN ('withdrawn', 'declined')`;

test('an unpublished year shows nothing; once published the recipients are the grants in force, with their sum', async () => {
  const before = await anon.get(`/api/v1/recipients?tenant=oslo&year=${year}`);
  assert.match(checkProblem(before, 404).type, /not-published$/);
  checkProblem(await anon.get(`/api/v1/recipients.csv?tenant=oslo&year=${year}`), 404);
  checkProblem(await anon.get('/api/v1/recipients?tenant=oslo'), 400, 'year');
  checkProblem(await anon.get(`/api/v1/recipients?tenant=atlantis&year=${year}`), 404);
  assert.ok(!(await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`)).json.rows.length, 'no statistics either');
  // a caseworker may not publish; the tenant admin may (twice: no change)
  checkProblem(await (await loginAs(stack, 'saksbehandler@oslo.demo')).post('/api/v1/tenants/oslo/published-years', { year }), 403);
  const admin = await loginAs(stack, 'admin@oslo.demo');
  checkProblem(await admin.post('/api/v1/tenants/oslo/published-years', { year: 1800 }), 422, 'year');
  const pub = await admin.post('/api/v1/tenants/oslo/published-years', { year });
  assert.equal(pub.status, 201, pub.text);
  assert.equal((await admin.post('/api/v1/tenants/oslo/published-years', { year })).json.published_at, pub.json.published_at);

  const r = await anon.get(`/api/v1/recipients?tenant=oslo&year=${year}`);
  assert.equal(r.status, 200, r.text);
  check('/api/v1/recipients', 'get', 200, r.headers.get('content-type'), r.json);
  const want = await stack.sql(`SELECT o.name, a.title, a.granted_amount FROM applications a JOIN organisations o ON o.id = a.org_id WHERE ${inForce(year)}
    ORDER BY o.name COLLATE utf8mb4_danish_ci, a.title`);
  assert.deepEqual(r.json.items.map((x) => [x.organisation, x.title, String(x.amount)]), want.map((w) => [w[0], w[1], String(w[2])]));
  assert.equal(r.json.items.length, 4);
  assert.equal(r.json.total, r.json.items.reduce((s, x) => s + x.amount, 0));
  assert.equal(r.json.total, 180000);
  assert.equal(r.json.items.at(-1).organisation, 'Årvåken Forening', 'Norwegian order: Å last');
  for (const never of ['Takket nei', 'Avslått', 'Avslått og lukket', 'Trukket', 'Til behandling', 'Ikke akseptert ennå']) {
    assert.ok(!r.json.items.some((x) => x.title === never), never);
  }
  // no personal data: organisation, project, amount, sub-goals and the scheme only
  assert.deepEqual(Object.keys(r.json.items[0]).sort(), ['amount', 'organisation', 'orgnr', 'scheme', 'scheme_name', 'sub_goals', 'title']);
  const csv = await anon.get(`/api/v1/recipients.csv?tenant=oslo&year=${year}`);
  assert.equal(csv.status, 200);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 1 + 4 + 1);
  assert.equal(lines.at(-1), '"Sum";"";"";180000;"";""');
  const years = (await anon.get('/api/v1/published')).json.items;
  assert.ok(years.some((y) => y.tenant === 'oslo' && y.year === year));
});

test('statistics agree with counts done in SQL, per tenant, per sub-goal and nationally', async () => {
  const admin = await loginAs(stack, 'admin@oslo.demo');
  await admin.post('/api/v1/tenants/oslo/published-years', { year });
  const r = await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`);
  assert.equal(r.status, 200, r.text);
  check('/api/v1/statistics', 'get', 200, r.headers.get('content-type'), r.json);
  assert.equal(r.json.rows.length, 1);
  const row = r.json.rows[0];
  const one = async (q) => Number((await stack.sql(q))[0][0]);
  const received = `a.tenant_id = (SELECT id FROM tenants WHERE slug = 'oslo') AND a.call_id IN (SELECT id FROM calls WHERE year = ${year}) AND a.status NOT IN ('draft', 'withdrawn')`;
  assert.equal(row.applications_received, await one(`SELECT COUNT(*) FROM applications a WHERE ${received}`));
  assert.equal(row.amount_applied, await one(`SELECT SUM(applied_amount) FROM applications a WHERE ${received}`));
  assert.equal(row.applications_granted, await one(`SELECT COUNT(*) FROM applications a WHERE ${inForce(year)}`));
  assert.equal(row.amount_granted, await one(`SELECT SUM(granted_amount) FROM applications a WHERE ${inForce(year)}`));
  assert.equal(row.operating_support_organisations, await one(`SELECT COUNT(DISTINCT a.org_id) FROM applications a JOIN calls c ON c.id = a.call_id WHERE ${inForce(year)} AND c.support_kind = 'operating'`));
  assert.equal(row.activity_support_organisations, await one(`SELECT COUNT(DISTINCT a.org_id) FROM applications a JOIN calls c ON c.id = a.call_id WHERE ${inForce(year)} AND c.support_kind = 'activity'`));
  assert.equal(row.activity_support_immigrant_organisations, await one(`SELECT COUNT(DISTINCT a.org_id) FROM applications a JOIN calls c ON c.id = a.call_id JOIN organisations o ON o.id = a.org_id WHERE ${inForce(year)} AND c.support_kind = 'activity' AND o.kind = 'immigrant'`));
  assert.deepEqual([row.operating_support_organisations, row.activity_support_organisations, row.activity_support_immigrant_organisations], [1, 2, 1]);
  assert.equal(row.frame, 1500000);
  assert.equal(row.unused, 1500000 - row.amount_granted);
  for (const g of r.json.sub_goals) {
    assert.equal(g.applications_received, await one(`SELECT COUNT(*) FROM applications a WHERE ${received} AND FIND_IN_SET('${g.sub_goal}', a.sub_goals)`), g.sub_goal);
    assert.equal(g.amount_granted, await one(`SELECT COALESCE(SUM(granted_amount), 0) FROM applications a WHERE ${inForce(year)} AND FIND_IN_SET('${g.sub_goal}', a.sub_goals)`), g.sub_goal);
  }
  // the national view has a row per published tenant, and totals that are their sums
  const nat = (await anon.get(`/api/v1/statistics?year=${year}`)).json;
  assert.ok(nat.rows.some((x) => x.tenant === 'oslo'));
  assert.equal(nat.totals.amount_granted, nat.rows.reduce((s, x) => s + x.amount_granted, 0));
  const csv = await anon.get(`/api/v1/statistics.csv?tenant=oslo&year=${year}`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^\uFEFF?"År";"Forvalter";"Søknader mottatt"/);
  assert.ok(csv.text.includes(`${year};"Oslo kommune";${row.applications_received};${row.amount_applied};`));
});

test('the historical import: Norwegian amounts, all or nothing, and the same file again changes nothing', async () => {
  const imdi = await loginAs(stack, 'admin@imdi.demo');
  const send = (c, text, slug = 'imdi') => c.req('POST', `/api/v1/tenants/${slug}/imports`, text, { 'content-type': 'text/csv' });
  const good = [
    ['1 269 000', 1269000], ['1\u00a0269\u00a0000', 1269000], ['kr 50 000', 50000], ['50 000,-', 50000], ['1.000.000', 1000000],
    ['Kr. 2 639 700,-', 2639700], ['7000000', 7000000], ['25 000,00', 25000],
  ];
  const hist = async () => Number((await stack.sql('SELECT COUNT(*) FROM historical_grants'))[0][0]);
  const start = await hist();
  const csv = ['"tenant";"year";"orgnr";"organisation";"title";"amount";"sub_goal"',
    ...good.map(([a], i) => `"imdi";"2019";"";"Forening ${i}";"Prosjekt ${i}";"${a}";"${'ABCD'[i % 4]}"`)].join('\n');
  // only IMDi's national admin imports; the body must be CSV
  checkProblem(await send(await loginAs(stack, 'admin@oslo.demo'), csv, 'oslo'), 403);
  checkProblem(await imdi.req('POST', '/api/v1/tenants/imdi/imports', csv, { 'content-type': 'application/json' }), 415);
  // one bad row anywhere: nothing is imported, and every bad row is named with its line
  for (const bad of ['12,50', '1 000.000', '-5 000', 'fem tusen', '1234 567']) {
    const r = await send(imdi, `${csv}\n"imdi";"2019";"";"Dårlig";"Rad";"${bad}";""\n"atlantis";"2019";"";"Ukjent";"Rad";"1 000";""`);
    const p = checkProblem(r, 422, `lines[${good.length + 2}].amount`);
    assert.ok(p.errors.some((e) => e.field === `lines[${good.length + 3}].tenant`), r.text);
    assert.equal(await hist(), start, `nothing imported for ${bad}`);
  }
  const first = await send(imdi, csv);
  assert.equal(first.status, 200, first.text);
  check('/api/v1/tenants/{slug}/imports', 'post', 200, first.headers.get('content-type'), first.json);
  assert.deepEqual([first.json.rows, first.json.imported, first.json.unchanged], [good.length, good.length, 0]);
  assert.equal(first.json.total, good.reduce((s, [, v]) => s + v, 0));
  const amounts = (await stack.sql("SELECT amount FROM historical_grants WHERE year = 2019 ORDER BY organisation")).map((x) => Number(x[0]));
  assert.deepEqual(amounts, good.map(([, v]) => v));
  const again = await send(imdi, csv);
  assert.deepEqual([again.json.imported, again.json.unchanged], [0, good.length]);
  assert.equal(await hist(), start + good.length, 'the same file again changes nothing');
  // through the command line too (portalctl import); and the imported year appears once published
  const file = path.join(stack.dir, 'grants.csv');
  await writeFile(file, 'forvalter;år;mottaker;prosjekt;beløp\nimdi;2019;"Forening CLI";"Fra kommandolinjen";"kr 12 500,-"\n');
  await stack.ctl('import', file);
  await stack.ctl('import', file);
  assert.equal(await hist(), start + good.length + 1);
  checkProblem(await anon.get('/api/v1/recipients?tenant=imdi&year=2019'), 404);
  await (await loginAs(stack, 'beslutter@imdi.demo')).post('/api/v1/tenants/imdi/published-years', { year: 2019 });
  const rec = (await anon.get('/api/v1/recipients?tenant=imdi&year=2019')).json;
  assert.equal(rec.count, good.length + 1);
  assert.equal(rec.total, first.json.total + 12500);
  const stats = (await anon.get('/api/v1/statistics?tenant=imdi&year=2019')).json;
  assert.deepEqual([stats.rows[0].applications_granted, stats.rows[0].amount_granted], [good.length + 1, rec.total]);
});

test('the demo has IMDi\'s 2021 published recipients, imported through the importer', async () => {
  const r = await anon.get('/api/v1/recipients?tenant=imdi&year=2021');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.count, Number((await stack.sql("SELECT COUNT(*) FROM historical_grants h JOIN tenants t ON t.id = h.tenant_id WHERE t.slug = 'imdi' AND h.year = 2021"))[0][0]));
  assert.ok(r.json.count > 50, `${r.json.count} recipients`);
  assert.ok(r.json.items.some((x) => x.organisation === 'Norges Røde Kors' && x.amount === 7000000));
  assert.ok(r.json.items.some((x) => x.amount === 1269000));
});
