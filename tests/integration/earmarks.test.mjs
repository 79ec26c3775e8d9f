// earmarks.test.mjs: earmarks are reservations, not ceilings, on the real stack. An earmarked
// amount can go only to its sub-goal; the rest of the frame is free for all; a grant for an
// earmarked sub-goal uses its reservation first, then the free part. The example walked to
// exhaustion: with 300 000 left on B and less than 225 000 free, a C grant of 225 000 is refused, a
// B grant of 300 000 fits, and the budget page (one call's and the tenant's list) says the same
// numbers as the decision check at every step. Two decisions at once cannot overspend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';

let stack, cw, dm, org, cwId;
let n = 0;
before(async () => {
  stack = await startStack({ workers: 2 });
  cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  dm = await loginAs(stack, 'beslutter@oslo.demo');
  [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  [[cwId]] = await stack.sql("SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo'");
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const staffUrl = (id) => `/api/v1/tenants/oslo/applications/${id}`;

/** A case of call c recommended by Oslo's caseworker for goals, with the decision maker impartial. */
async function recommended(c, amount, goals) {
  const ref = `EAR-${process.pid}-${++n}`;
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by,
    reference, submitted_at, sub_goals, recommended_by, recommended_amount, recommendation, recommended_outcome)
    VALUES (${org}, ${c.id}, (SELECT tenant_id FROM calls WHERE id = ${c.id}), 'recommended', 'Sak ${ref}', ${amount}, '{}', 1, 1,
    '${ref}', UTC_TIMESTAMP(), '${goals}', ${cwId}, ${amount}, 'Innstilt', 'grant')`);
  const id = Number((await stack.sql(`SELECT id FROM applications WHERE reference = '${ref}'`))[0][0]);
  assert.equal((await dm.post(`${staffUrl(id)}/impartiality`, { impartial: true })).status, 200);
  return id;
}

const grant = (id, amount) => dm.post(`${staffUrl(id)}/decide`, { outcome: 'grant', amount });

/** The call's budget from both budget routes, which must agree, checked against the document. */
async function budgetOf(c) {
  const one = await cw.get(`/api/v1/tenants/oslo/calls/${c.id}/budget`);
  check('/api/v1/tenants/{slug}/calls/{call_id}/budget', 'get', 200, one.headers.get('content-type'), one.json);
  const all = await cw.get('/api/v1/tenants/oslo/budgets');
  check('/api/v1/tenants/{slug}/budgets', 'get', 200, all.headers.get('content-type'), all.json);
  const listed = all.json.items.find((b) => b.call_id === c.id);
  assert.deepEqual({ ...listed, year: undefined }, { ...one.json, year: undefined }, 'the budget page and the call budget agree');
  return one.json;
}

/** What the budget says: [remaining, free remaining, B's reservation left, what a B grant may take]. */
const says = (b) => [b.remaining, b.free.remaining, b.earmarks[0].remaining, b.earmarks[0].available];

test('the issue\'s example: a reservation walked to exhaustion, the budget page and the decision agreeing at every step', async () => {
  const call = await insertCall(stack, 'oslo', { subGoals: 'A,B,C' });
  await stack.sql(`UPDATE calls SET budget_frame = 1000000 WHERE id = ${call.id}`);
  await stack.sql(`INSERT INTO call_earmarks (call_id, sub_goal, amount) VALUES (${call.id}, 'B', 400000)`);
  // 500 000 granted for A (from the free part), 100 000 for B (from its reservation)
  assert.equal((await grant(await recommended(call, 500000, 'A'), 500000)).status, 200);
  assert.equal((await grant(await recommended(call, 100000, 'B'), 100000)).status, 200);
  let b = await budgetOf(call);
  assert.deepEqual([b.frame, b.committed, b.paid], [1000000, 600000, 0]);
  assert.deepEqual(b.free, { amount: 600000, committed: 500000, remaining: 100000 });
  assert.deepEqual(b.earmarks, [{ sub_goal: 'B', amount: 400000, committed: 100000, used: 100000, paid: 0, remaining: 300000, available: 400000 }]);
  assert.deepEqual(says(b), [400000, 100000, 300000, 400000]);

  // 300 000 left on B, 100 000 free: a C grant of 225 000 would eat into B's reservation
  const c = await recommended(call, 225000, 'C');
  const refused = checkProblem(await grant(c, 225000), 409);
  assert.match(refused.type, /over-budget$/);
  assert.match(refused.detail, /125000 kr over den frie delen av rammen\. Resten er øremerket andre delmål/);
  assert.equal((await stack.sql(`SELECT status FROM applications WHERE id = ${c}`))[0][0], 'recommended', 'nothing changed');
  assert.deepEqual(says(await budgetOf(call)), [400000, 100000, 300000, 400000], 'the refusal changed nothing');

  // a B grant of 300 000 fits in B's reservation, as the budget said
  assert.equal((await grant(await recommended(call, 300000, 'B'), 300000)).status, 200);
  b = await budgetOf(call);
  assert.deepEqual(says(b), [100000, 100000, 0, 100000]);
  assert.deepEqual([b.earmarks[0].committed, b.earmarks[0].used], [400000, 400000]);

  // now B's reservation is spent: a B grant uses the free part, which C shares; the budget's
  // "available" is exactly what is let through
  const b2 = await recommended(call, 100001, 'B');
  const over = checkProblem(await grant(b2, 100001), 409);
  assert.match(over.detail, /1 ?kr over det delmål B har igjen/);
  // a grant for several sub-goals counts against the first earmarked one (B here, not A or C)
  const abc = await recommended(call, 60000, 'A,B,C');
  assert.equal((await grant(abc, 60000)).status, 200);
  b = await budgetOf(call);
  assert.deepEqual(says(b), [40000, 40000, 0, 40000]);
  assert.deepEqual([b.earmarks[0].committed, b.earmarks[0].used, b.free.committed], [460000, 400000, 560000]);
  // the C case takes what is left of the free part, partly; then nothing is left for anyone
  assert.equal((await dm.post(`${staffUrl(c)}/decide`, { outcome: 'grant_partly', amount: 40001, reasons: 'Rammen' })).status, 409);
  assert.equal((await dm.post(`${staffUrl(c)}/decide`, { outcome: 'grant_partly', amount: 40000, reasons: 'Rammen' })).status, 200);
  b = await budgetOf(call);
  assert.deepEqual(says(b), [0, 0, 0, 0]);
  assert.match(checkProblem(await dm.post(`${staffUrl(b2)}/decide`, { outcome: 'grant_partly', amount: 1, reasons: 'x' }), 409).detail, /1 kr over/);
  // a rejection and a dismissal still go through: they take nothing
  assert.equal((await dm.post(`${staffUrl(b2)}/decide`, { outcome: 'dismiss', reasons: 'Mangler vedlegg' })).status, 200);
  assert.deepEqual(says(await budgetOf(call)), [0, 0, 0, 0]);
});

test('a declined grant gives its money back to where it was taken from', async () => {
  const call = await insertCall(stack, 'oslo', { subGoals: 'A,B' });
  await stack.sql(`UPDATE calls SET budget_frame = 100000 WHERE id = ${call.id}`);
  await stack.sql(`INSERT INTO call_earmarks (call_id, sub_goal, amount) VALUES (${call.id}, 'B', 50000)`);
  const a = await recommended(call, 50000, 'A');
  assert.equal((await grant(a, 50000)).status, 200);
  assert.equal(checkProblem(await grant(await recommended(call, 1, 'A'), 1), 409).status, 409);
  await stack.sql(`UPDATE applications SET status = 'declined' WHERE id = ${a}`);
  const b = await budgetOf(call);
  assert.deepEqual([b.committed, b.free.remaining, b.earmarks[0].available], [0, 50000, 100000]);
});

/** Waits until the query gives want (a state, polled). */
async function until(query, want) {
  for (let i = 0; i < 400; i++) {
    const [[v]] = await stack.sql(query);
    if (String(v) === String(want)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`${query} never gave ${want}`);
}

test('two decisions at once cannot both take the last of the free part', async () => {
  const call = await insertCall(stack, 'oslo', { subGoals: 'A,B' });
  await stack.sql(`UPDATE calls SET budget_frame = 300000 WHERE id = ${call.id}`);
  await stack.sql(`INSERT INTO call_earmarks (call_id, sub_goal, amount) VALUES (${call.id}, 'B', 200000)`);
  // free part: 100 000; two grants of 60 000 each fit alone, not together
  const x = await recommended(call, 60000, 'A');
  const y = await recommended(call, 60000, 'A');
  // hold the call's row, so that both decisions have started (and read their snapshots) and wait
  // for it; then let go: the second must see the first's grant
  const holder = stack.sql(`START TRANSACTION; SELECT id FROM calls WHERE id = ${call.id} FOR UPDATE; DO SLEEP(60); COMMIT`).catch(() => null);
  await until("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_query LIKE 'DO SLEEP%'", 1);
  const [[thread]] = await stack.sql("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX WHERE trx_query LIKE 'DO SLEEP%'");
  const decisions = Promise.all([grant(x, 60000), grant(y, 60000)]);
  await until("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE info LIKE 'SELECT budget_frame FROM calls % FOR UPDATE'", 2);
  await stack.sql(`KILL ${thread}`);
  await holder;
  const answers = (await decisions).map((r) => r.status).sort();
  assert.deepEqual(answers, [200, 409]);
  const b = await budgetOf(call);
  assert.deepEqual([b.committed, b.free.remaining, b.earmarks[0].remaining], [60000, 40000, 200000]);
});
