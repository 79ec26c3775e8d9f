// publication-page.test.mjs: publishing a year from its page, on the real stack. The preview is
// exactly what the public routes answer once the year is published (recipients and statistics,
// field for field), and it keeps nothing; publishing and withdrawing are logged with who and, for
// a withdrawal, why; a withdrawn year is gone from the public routes and may be published again;
// only the publishing roles of the tenant reach the routes; bad input writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';

let stack, anon, admin, call, year;
const base = '/api/v1/tenants/oslo/published-years';
const counts = async () => (await stack.sql('SELECT (SELECT COUNT(*) FROM published_years), (SELECT COUNT(*) FROM publication_events)'))[0].map(Number);

before(async () => {
  stack = await startStack({ workers: 2 });
  anon = new Client(stack);
  admin = await loginAs(stack, 'admin@oslo.demo');
  call = await insertCall(stack, 'oslo', {});
  year = call.year;
  await stack.sql(`UPDATE calls SET budget_frame = 500000 WHERE id = ${call.id}`);
  const [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const rows = [['accepted', 100000, 80000, true, 'A', 'Språkkafé'], ['paid', 50000, 50000, true, 'B,C', 'Leksehjelp'],
    ['rejected', 60000, null, false, 'B', 'Avslått'], ['letter_sent', 35000, 35000, false, 'A', 'Ikke akseptert ennå']];
  let i = 0;
  for (const [st, applied, granted, accepted, goals, title] of rows) {
    await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals, granted_amount, accepted_at)
      VALUES (${org}, ${call.id}, (SELECT tenant_id FROM calls WHERE id = ${call.id}), '${st}', '${title}', ${applied}, '{}', 1, 1, 'PRV-${year}-${i++}', UTC_TIMESTAMP(), '${goals}', ${granted ?? 'NULL'}, ${accepted ? 'UTC_TIMESTAMP()' : 'NULL'})`);
  }
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

/** The public answers minus the time of publication (the preview's is the time of the preview). */
const untimed = (r) => ({ ...r, published_at: undefined });

test('the preview is what the public sees once the year is published, and keeps nothing', async () => {
  const before = await counts();
  const prev = await admin.get(`${base}/${year}/preview`);
  assert.equal(prev.status, 200, prev.text);
  check('/api/v1/tenants/{slug}/published-years/{year}/preview', 'get', 200, prev.headers.get('content-type'), prev.json);
  assert.equal(prev.json.published, false);
  assert.deepEqual(prev.json.recipients.items.map((x) => [x.title, x.amount]), [['Leksehjelp', 50000], ['Språkkafé', 80000]]);
  assert.equal(prev.json.recipients.total, 130000);
  assert.equal(prev.json.statistics.rows.length, 1);
  assert.deepEqual(await counts(), before, 'the preview published nothing and logged nothing');
  checkProblem(await anon.get(`/api/v1/recipients?tenant=oslo&year=${year}`), 404);
  assert.equal((await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`)).json.rows.length, 0);

  const pub = await admin.post(base, { year });
  assert.equal(pub.status, 201, pub.text);
  const recipients = await anon.get(`/api/v1/recipients?tenant=oslo&year=${year}`);
  const statistics = await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`);
  assert.deepEqual(untimed(prev.json.recipients), untimed(recipients.json), 'the recipients as previewed');
  assert.deepEqual(prev.json.statistics, statistics.json, 'the statistics as previewed');
  // once published, the preview is what the public sees now
  const again = await admin.get(`${base}/${year}/preview`);
  assert.equal(again.json.published, true);
  assert.deepEqual(again.json.recipients, recipients.json);
});

test('withdrawing a year needs a reason, is logged with who did it, and the year may be published again', async () => {
  await admin.post(base, { year });
  const before = await counts();
  // bad input writes nothing
  checkProblem(await admin.req('DELETE', `${base}/${year}`, {}), 422, 'reason');
  checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: '   ' }), 422, 'reason');
  checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: 'x'.repeat(2001) }), 422, 'reason');
  checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: 'Feil', extra: 1 }), 422, 'extra');
  checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: 7 }), 422, 'reason');
  checkProblem(await admin.req('DELETE', `${base}/${year}`, '{"reason":', { 'content-type': 'application/json' }), 400);
  checkProblem(await admin.req('DELETE', `${base}/${year}`, 'reason=Feil', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  checkProblem(await admin.req('DELETE', `${base}/1999`, { reason: 'Feil' }), 404);
  checkProblem(await admin.req('DELETE', `${base}/20x6`, { reason: 'Feil' }), 404);
  checkProblem(await admin.get(`${base}/2101/preview`), 404);
  checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: 'Feil' }, { 'x-portal-request': null }), 403);
  assert.deepEqual(await counts(), before, 'nothing written');

  const del = await admin.req('DELETE', `${base}/${year}`, { reason: 'Et tilskudd var registrert med feil beløp.' });
  assert.equal(del.status, 204, del.text);
  checkProblem(await anon.get(`/api/v1/recipients?tenant=oslo&year=${year}`), 404);
  assert.equal((await anon.get(`/api/v1/statistics?tenant=oslo&year=${year}`)).json.rows.length, 0);
  assert.ok(!(await anon.get('/api/v1/published')).json.items.some((y) => y.tenant === 'oslo' && y.year === year));
  const twice = checkProblem(await admin.req('DELETE', `${base}/${year}`, { reason: 'Igjen' }), 409);
  assert.match(twice.type, /not-published$/);
  assert.match(twice.detail, new RegExp(`${year}`));

  const log = await admin.get(base);
  assert.equal(log.status, 200, log.text);
  check('/api/v1/tenants/{slug}/published-years', 'get', 200, log.headers.get('content-type'), log.json);
  assert.ok(!log.json.years.some((y) => y.year === year));
  const mine = log.json.events.filter((e) => e.year === year).map((e) => ({ ...e, by_name: e.by_name.startsWith('Administrator') ? 'ADMIN' : e.by_name }));
  assert.deepEqual(mine.map((e) => [e.kind, e.reason, e.by_name]).slice(0, 2), [
    ['unpublished', 'Et tilskudd var registrert med feil beløp.', 'ADMIN'],
    ['published', null, 'ADMIN'],
  ]);
  // published again: logged again; publishing what is published changes nothing and logs nothing
  assert.equal((await admin.post(base, { year })).status, 201);
  const n = (await counts())[1];
  assert.equal((await admin.post(base, { year })).status, 201);
  assert.equal((await counts())[1], n);
  assert.equal((await admin.get(base)).json.events[0].kind, 'published');
  assert.ok((await admin.get(base)).json.years.some((y) => y.year === year));
  // the log is append-only
  await assert.rejects(stack.sql('DELETE FROM publication_events'), /append-only/);
});

test('only the publishing roles of the tenant reach the publication routes', async () => {
  const cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  checkProblem(await cw.get(base), 403);
  checkProblem(await cw.get(`${base}/${year}/preview`), 403);
  checkProblem(await cw.req('DELETE', `${base}/${year}`, { reason: 'Nei' }), 403);
  const dm = await loginAs(stack, 'beslutter@oslo.demo');
  assert.equal((await dm.get(`${base}/${year}/preview`)).status, 200);
  const bergen = await loginAs(stack, 'admin@bergen.demo');
  checkProblem(await bergen.get(`${base}/${year}/preview`), 404);
  checkProblem(await bergen.req('DELETE', `${base}/${year}`, { reason: 'Nei' }), 404);
  checkProblem(await anon.get(`${base}/${year}/preview`), 401);
  assert.ok((await admin.get(base)).json.years.some((y) => y.year === year), 'still published');
});
