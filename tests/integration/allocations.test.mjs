// allocations.test.mjs: IMDi's allocation (tildeling) to the municipalities, on the real stack.
// IMDi's tenant admins set a municipality's yearly allocation per scheme, never below the frames
// its calls already have (409 naming the amount); a municipality's staff read their own, IMDi's
// staff every one; a municipality records administration costs, IMDi consents or refuses once,
// and the amounts without consent are flagged, in the lists and in the statistics (which give the
// allocation, operating and activity support and the unused funds, checked against SQL). The
// 2015 table of IMDi's yearly report, transcribed in sql/demo/055_statistics-2015.tsv, imports as
// printed (Skedsmo is Lillestrøm), again with no change, also from portalctl; after it the 2015
// statistics equal the file row by row. Bad input to every new route is refused and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';

const SCHEME = 'frivillig-integrering';
const OPERATING = 'driftstilskudd-innvandrerorganisasjoner';
const TSV = path.join(ROOT, 'sql/demo/055_statistics-2015.tsv');
const nbsp = (s) => s.replace(/ /g, '\u00a0');

let stack, anon, imdi, oslo, year;
before(async () => {
  stack = await startStack({ workers: 2 });
  anon = new Client(stack);
  imdi = await loginAs(stack, 'admin@imdi.demo');
  oslo = await loginAs(stack, 'admin@oslo.demo');
  [[year]] = await stack.sql("SELECT c.year FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo' ORDER BY c.year DESC LIMIT 1");
  year = Number(year);
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const put = (c, url, body) => c.req('PUT', url, body);
const allocUrl = (y, scheme, muni, slug = 'imdi') => `/api/v1/tenants/${slug}/allocations/${y}/${scheme}/${muni}`;
const counts = async () => (await stack.sql(`SELECT (SELECT COUNT(*) FROM allocations),
  (SELECT COALESCE(SUM(amount), 0) FROM allocations), (SELECT COUNT(*) FROM admin_costs),
  (SELECT COUNT(*) FROM admin_costs WHERE consent <> 'pending'), (SELECT COUNT(*) FROM historical_statistics)`))[0].map(String);

test('IMDi sets an allocation, never below the frames already set; the municipality reads its own', async () => {
  const [[frame]] = await stack.sql(`SELECT SUM(c.budget_frame) FROM calls c JOIN tenants t ON t.id = c.tenant_id
    JOIN schemes s ON s.id = c.scheme_id WHERE t.slug = 'oslo' AND s.code = '${SCHEME}' AND c.year = ${year}`);
  const frames = Number(frame);
  assert.ok(frames > 0, 'Oslo\'s demo call has a frame');
  const low = await put(imdi, allocUrl(year, SCHEME, 'oslo'), { amount: frames - 1 });
  const p = checkProblem(low, 409);
  assert.match(p.detail, new RegExp(nbsp(frames.toLocaleString('nb-NO').replace(/\s/g, ' '))), 'the 409 names the frames');
  assert.equal(Number((await stack.sql(`SELECT COUNT(*) FROM allocations`))[0][0]), 0, 'nothing was set');

  const ok = await put(imdi, allocUrl(year, SCHEME, 'oslo'), { amount: frames + 1000000 });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { tenant: 'oslo', scheme: SCHEME, year, amount: frames + 1000000, frames });
  // setting it again replaces it
  assert.equal((await put(imdi, allocUrl(year, SCHEME, 'oslo'), { amount: frames + 2000000 })).status, 200);
  assert.equal((await put(imdi, allocUrl(year, OPERATING, 'bergen'), { amount: 3000000 })).status, 200);

  // a municipality's staff read their own; IMDi's staff every municipality
  const own = await (await loginAs(stack, 'saksbehandler@oslo.demo')).get(`/api/v1/tenants/oslo/allocations?year=${year}`);
  assert.equal(own.status, 200, own.text);
  check('/api/v1/tenants/{slug}/allocations', 'get', 200, own.headers.get('content-type'), own.json);
  assert.deepEqual([...new Set(own.json.items.map((r) => r.tenant))], ['oslo']);
  const mine = own.json.items.find((r) => r.scheme === SCHEME);
  assert.equal(mine.amount, frames + 2000000);
  assert.equal(mine.frames, frames);
  assert.equal(own.json.items.find((r) => r.scheme === OPERATING).amount, null);
  const all = await (await loginAs(stack, 'saksbehandler@imdi.demo')).get(`/api/v1/tenants/imdi/allocations?year=${year}`);
  assert.equal(all.json.items.length, 40, 'the 20 municipalities, each with the two municipal schemes');
  assert.equal(all.json.items.find((r) => r.tenant === 'bergen' && r.scheme === OPERATING).amount, 3000000);
  // in Norwegian order: Ålesund last, Bærum after Bodø
  const names = [...new Set(all.json.items.map((r) => r.tenant))];
  assert.equal(names.at(-1), 'alesund');
  assert.ok(names.indexOf('baerum') > names.indexOf('bodo'));

  // only IMDi's tenant admins set allocations
  checkProblem(await put(oslo, allocUrl(year, SCHEME, 'oslo', 'oslo'), { amount: 1 }), 403);
  checkProblem(await put(await loginAs(stack, 'beslutter@imdi.demo'), allocUrl(year, SCHEME, 'oslo'), { amount: 1 }), 403);
});

test('administration costs need IMDi\'s consent; without it they are flagged, in the list and the statistics', async () => {
  const rec = await oslo.post('/api/v1/tenants/oslo/admin-costs', { year, scheme: SCHEME, amount: 939880, note: 'Saksbehandling' });
  assert.equal(rec.status, 201, rec.text);
  check('/api/v1/tenants/{slug}/admin-costs', 'post', 201, rec.headers.get('content-type'), rec.json);
  assert.equal(rec.json.consent, 'pending');
  assert.equal(rec.json.without_consent, true);
  assert.equal(rec.json.tenant, 'oslo');
  const small = await oslo.post('/api/v1/tenants/oslo/admin-costs', { year, scheme: SCHEME, amount: 22026 });
  assert.equal(small.status, 201, small.text);

  // IMDi records none, and a municipality cannot consent
  checkProblem(await imdi.post('/api/v1/tenants/imdi/admin-costs', { year, scheme: SCHEME, amount: 1 }), 403);
  checkProblem(await put(oslo, `/api/v1/tenants/oslo/admin-costs/${rec.json.id}/consent`, { consent: 'given' }), 403);

  // the statistics of Oslo's published year: allocation, support and the flagged costs, as SQL counts them
  const stats = async () => (await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`)).json;
  let s = await stats();
  const row = s.rows[0];
  const granted = `a.accepted_at IS NOT NULL AND a.granted_amount > 0 AND a.status NOT IN ('withdrawn', 'declined')`;
  const [[alloc, opAmount, opMembers, acAmount]] = await stack.sql(`SELECT
    (SELECT SUM(amount) FROM allocations al JOIN tenants t ON t.id = al.tenant_id WHERE t.slug = 'oslo' AND al.year = ${year}),
    COALESCE(SUM(IF(c.support_kind = 'operating' AND ${granted}, a.granted_amount, 0)), 0),
    COALESCE(SUM(IF(c.support_kind = 'operating' AND ${granted}, a.members_local, 0)), 0),
    COALESCE(SUM(IF(c.support_kind = 'activity' AND ${granted}, a.granted_amount, 0)), 0)
    FROM applications a JOIN calls c ON c.id = a.call_id JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo' AND c.year = ${year}`);
  assert.equal(row.allocation, Number(alloc));
  assert.equal(row.operating_support_amount, Number(opAmount));
  assert.equal(row.operating_support_members, Number(opMembers));
  assert.equal(row.activity_support_amount, Number(acAmount));
  assert.equal(row.admin_costs, 939880 + 22026);
  assert.equal(row.admin_costs_without_consent, 939880 + 22026);
  assert.equal(row.unused, row.allocation - row.amount_granted - row.admin_costs);
  assert.equal(row.imported, false);
  assert.equal(s.totals.admin_costs_without_consent, 939880 + 22026);
  const csv = await anon.get(`/api/v1/statistics.csv?tenant=oslo&year=${year}`);
  assert.match(csv.text, /Tildeling fra IMDi/);
  assert.match(csv.text, /uten IMDis samtykke/);

  // IMDi consents to one and refuses the other, once each
  const given = await put(imdi, `/api/v1/tenants/imdi/admin-costs/${rec.json.id}/consent`, { consent: 'given' });
  assert.equal(given.status, 200, given.text);
  assert.equal(given.json.consent, 'given');
  assert.equal(given.json.without_consent, false);
  const again = checkProblem(await put(imdi, `/api/v1/tenants/imdi/admin-costs/${rec.json.id}/consent`, { consent: 'refused' }), 409);
  assert.match(again.detail, /allerede gitt/);
  const refused = await put(imdi, `/api/v1/tenants/imdi/admin-costs/${small.json.id}/consent`, { consent: 'refused' });
  assert.equal(refused.json.without_consent, true, 'a refused cost stays flagged');
  s = await stats();
  assert.equal(s.rows[0].admin_costs, 939880 + 22026);
  assert.equal(s.rows[0].admin_costs_without_consent, 22026);

  // the lists: the municipality's own, IMDi's every one
  const list = await oslo.get(`/api/v1/tenants/oslo/admin-costs?year=${year}`);
  check('/api/v1/tenants/{slug}/admin-costs', 'get', 200, list.headers.get('content-type'), list.json);
  assert.deepEqual(list.json.items.map((c) => [c.amount, c.consent, c.without_consent]).sort(),
    [[22026, 'refused', true], [939880, 'given', false]]);
  assert.equal((await imdi.get('/api/v1/tenants/imdi/admin-costs')).json.items.length, 2);
  assert.equal((await (await loginAs(stack, 'admin@bergen.demo')).get('/api/v1/tenants/bergen/admin-costs')).json.items.length, 0);
  const allocs = (await oslo.get(`/api/v1/tenants/oslo/allocations?year=${year}`)).json.items.find((r) => r.scheme === SCHEME);
  assert.deepEqual([allocs.admin_costs, allocs.admin_costs_without_consent], [939880 + 22026, 22026]);
});

/** The rows of the TSV file as printed: [name, allocation, operating orgs, activity orgs, admin without consent]. */
function tsvRows() {
  const lines = readFileSync(TSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const n = (v) => Number(v.replace(/\s/g, ''));
  return lines.map(([name, ...v]) => [name, ...v.map(n)]);
}

test('the 2015 table imports as printed, and the 2015 statistics equal it row by row', async () => {
  const file = readFileSync(TSV, 'utf8');
  const r = await imdi.req('POST', '/api/v1/tenants/imdi/statistics-imports?year=2015', file, { 'content-type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  check('/api/v1/tenants/{slug}/statistics-imports', 'post', 200, r.headers.get('content-type'), r.json);
  assert.deepEqual([r.json.rows, r.json.imported, r.json.changed, r.json.unchanged], [20, 20, 0, 0]);
  // the printed sum of the allocations is 2 kroner more than its rows; the other sums agree
  assert.deepEqual(r.json.sum_differences, [{ field: 'allocation', printed: 9957523, computed: 9957521 }]);
  const again = await imdi.req('POST', '/api/v1/tenants/imdi/statistics-imports?year=2015', file, { 'content-type': 'text/csv' });
  assert.deepEqual([again.json.imported, again.json.changed, again.json.unchanged], [0, 0, 20]);
  // portalctl does the same, and changes nothing either
  const out = await stack.ctl('import-statistics', '2015', TSV);
  assert.match(out.stdout, /20 municipalities, 0 new, 0 changed, 20 unchanged/);

  const s = await anon.get('/api/v1/statistics?year=2015');
  assert.equal(s.status, 200, s.text);
  check('/api/v1/statistics', 'get', 200, s.headers.get('content-type'), s.json);
  const rows = tsvRows();
  const sum = rows.pop();
  assert.equal(sum[0], 'SUM');
  assert.equal(s.json.rows.length, rows.length);
  const byName = new Map(s.json.rows.map((x) => [x.source_name, x]));
  for (const [name, allocation, operating, activity, unconsented] of rows) {
    const x = byName.get(name);
    assert.ok(x, `${name} is a row of the 2015 statistics`);
    assert.deepEqual([x.allocation, x.operating_support_organisations, x.activity_support_organisations, x.admin_costs_without_consent,
      x.admin_costs, x.imported], [allocation, operating, activity, unconsented, unconsented, true], name);
    assert.equal(x.applications_received, null, 'the table does not give it');
    assert.equal(x.unused, null);
  }
  assert.equal(byName.get('Skedsmo').tenant, 'lillestrom');
  assert.equal(byName.get('Skedsmo').tenant_name, 'Lillestrøm kommune');
  assert.equal(byName.get('Oslo').tenant, 'oslo');
  assert.equal(s.json.sub_goals.length, 0, 'an imported year has no sub-goals');
  // the totals are the rows' sums: the printed SUM line but its allocation, and the report's notes
  const t = s.json.totals;
  assert.deepEqual([t.allocation, t.operating_support_organisations, t.activity_support_organisations, t.admin_costs,
    t.admin_costs_without_consent], [9957521, sum[2], sum[3], sum[4], 961906]);
  assert.deepEqual([sum[2], sum[3], sum[4]], [120, 291, 961906]);
  assert.equal(t.amount_applied, null);
  // the year is public: the CSV too
  const csv = await anon.get('/api/v1/statistics.csv?year=2015');
  assert.match(csv.text, /Lillestrøm kommune/);
});

test('bad input to the new routes is refused with the field named, and writes nothing', async () => {
  const start = await counts();
  const a = (body, y = year, scheme = SCHEME, muni = 'oslo') => put(imdi, allocUrl(y, scheme, muni), body);
  checkProblem(await a({ amount: -1 }), 422, 'amount');
  checkProblem(await a({ amount: 'mye' }), 422, 'amount');
  checkProblem(await a({ amount: 10000000001 }), 422, 'amount');
  checkProblem(await a({}), 422, 'amount');
  checkProblem(await a({ amount: 1, extra: 1 }), 422, 'extra');
  checkProblem(await imdi.req('PUT', allocUrl(year, SCHEME, 'oslo'), '{"amount":', { 'content-type': 'application/json' }), 400);
  checkProblem(await a({ amount: 1 }, 'tjuetjue'), 404);
  checkProblem(await a({ amount: 1 }, 1999), 404);
  checkProblem(await a({ amount: 1 }, year, 'ingen-ordning'), 404);
  checkProblem(await a({ amount: 1 }, year, 'kvalifisering-kommuner'), 422, 'scheme');
  checkProblem(await a({ amount: 1 }, year, SCHEME, 'atlantis'), 404);
  checkProblem(await a({ amount: 1 }, year, SCHEME, 'imdi'), 404);
  checkProblem(await a({ amount: 1 }, year, SCHEME, 'Oslo_X'), 404);

  const c = (body) => oslo.post('/api/v1/tenants/oslo/admin-costs', body);
  checkProblem(await c({ year, scheme: SCHEME, amount: 0 }), 422, 'amount');
  checkProblem(await c({ year: 1999, scheme: SCHEME, amount: 10 }), 422, 'year');
  checkProblem(await c({ year, scheme: 'ingen', amount: 10 }), 422, 'scheme');
  checkProblem(await c({ year, scheme: 'kvalifisering-kommuner', amount: 10 }), 422, 'scheme');
  checkProblem(await c({ year, scheme: SCHEME, amount: 10, note: 'x'.repeat(1001) }), 422, 'note');
  checkProblem(await c({ year, amount: 10 }), 422, 'scheme');
  checkProblem(await c({ year, scheme: SCHEME, amount: 10, consent: 'given' }), 422, 'consent');
  checkProblem(await (await loginAs(stack, 'saksbehandler@oslo.demo')).post('/api/v1/tenants/oslo/admin-costs', { year, scheme: SCHEME, amount: 10 }), 403);

  checkProblem(await put(imdi, '/api/v1/tenants/imdi/admin-costs/999999/consent', { consent: 'given' }), 404);
  const [[anyCost]] = await stack.sql('SELECT COALESCE(MAX(id), 1) FROM admin_costs');
  checkProblem(await put(imdi, `/api/v1/tenants/imdi/admin-costs/${anyCost}/consent`, { consent: 'kanskje' }), 422, 'consent');
  checkProblem(await put(imdi, `/api/v1/tenants/imdi/admin-costs/${anyCost}/consent`, {}), 422, 'consent');

  checkProblem(await oslo.get('/api/v1/tenants/oslo/allocations'), 400, 'year');
  checkProblem(await oslo.get('/api/v1/tenants/oslo/allocations?year=abc'), 400, 'year');
  checkProblem(await oslo.get('/api/v1/tenants/oslo/allocations?year=2026&x=1'), 400, 'x');
  checkProblem(await oslo.get('/api/v1/tenants/oslo/admin-costs?year=99'), 400, 'year');

  const imp = (body, q = '?year=2016') => imdi.req('POST', `/api/v1/tenants/imdi/statistics-imports${q}`, body, { 'content-type': 'text/csv' });
  checkProblem(await imp('Kommune\tTildeling\nOslo\t10\n', ''), 400, 'year');
  let p = checkProblem(await imp('Kommune\tTildeling\tMedlemmer\nOslo\t10\t5\nAtlantis\t20\t1\nBergen\tmange\t2\nOslo\t5\t1\n'), 422);
  assert.deepEqual(p.errors.map((e) => e.field).sort(), ['lines[3].kommune', 'lines[4].allocation', 'lines[5].kommune']);
  checkProblem(await imp('Kommune\tFarge\nOslo\tblå\n'), 422, 'lines[1].header');
  checkProblem(await imp('Tildeling\n10\n'), 422, 'lines[1].kommune');
  checkProblem(await imp(''), 422);
  checkProblem(await imp(Buffer.from([0x4b, 0x6f, 0x6d, 0x6d, 0x75, 0x6e, 0x65, 0x0a, 0xff, 0xfe, 0x0a])), 422);
  checkProblem(await imdi.req('POST', '/api/v1/tenants/imdi/statistics-imports?year=2016', '{}', { 'content-type': 'application/json' }), 415);
  // only IMDi's national admin imports
  checkProblem(await oslo.req('POST', '/api/v1/tenants/oslo/statistics-imports?year=2016', 'Kommune\nOslo\n', { 'content-type': 'text/csv' }), 403);
  p = await imdi.get('/api/v1/tenants/imdi/admin-costs');
  assert.equal(p.status, 200);
  assert.deepEqual(await counts(), start, 'nothing was written');
});
