// cases.test.mjs: the tenant's inbox over real data: only submitted applications of the tenant of
// the URL, filters (call, status, sub-goal, assignee, amount range, text), sorting, paging and
// counts per status that agree with a count done directly in SQL. (Other tenants' staff get 404:
// the cross-tenant matrix in tenancy.test.mjs covers this route like every tenant route.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';

let stack, cw, call, other;
before(async () => {
  stack = await startStack({ workers: 2 });
  cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  call = await insertCall(stack, 'oslo', {});
  other = await insertCall(stack, 'oslo', {});
  const bergen = await insertCall(stack, 'bergen', { year: call.year }); // the same year: a possible duplicate
  const [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const [[uid]] = await stack.sql("SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo'");
  const rows = [];
  const statuses = ['submitted', 'submitted', 'in_review', 'in_review', 'recommended', 'granted', 'withdrawn', 'draft'];
  for (let i = 0; i < 40; i++) {
    const st = statuses[i % statuses.length];
    const c = i % 5 === 0 ? other.id : call.id;
    const goals = ['A', 'B', 'A,C', 'D'][i % 4];
    rows.push(`(${org}, ${c}, (SELECT tenant_id FROM calls WHERE id = ${c}), '${st}', 'Tiltak nummer ${i}${i === 9 ? ' sprøkkafé' : ''}', ${10000 + i * 1000}, '{}', 1, 1,
      ${st === 'draft' ? 'NULL' : `'OSL-TEST-${i}'`}, ${st === 'draft' ? 'NULL' : `UTC_TIMESTAMP() - INTERVAL ${i} MINUTE`}, '${goals}', ${i % 3 === 0 ? uid : 'NULL'})`);
  }
  rows.push(`(${org}, ${bergen.id}, (SELECT tenant_id FROM calls WHERE id = ${bergen.id}), 'submitted', 'Bergens sak', 50000, '{}', 1, 1, 'BGO-TEST-1', UTC_TIMESTAMP(), 'A', NULL)`);
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals, assigned_to) VALUES ${rows.join(',')}`);
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const inbox = async (qs = '') => {
  const r = await cw.get(`/api/v1/tenants/oslo/applications${qs}`);
  assert.equal(r.status, 200, r.text);
  check('/api/v1/tenants/{slug}/applications', 'get', 200, r.headers.get('content-type'), r.json);
  return r.json;
};
const sqlCount = async (where) => Number((await stack.sql(`SELECT COUNT(*) FROM applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'oslo' AND a.status <> 'draft' AND ${where}`))[0][0]);

test('the inbox shows the tenant\'s submitted applications, never drafts or other tenants\'', async () => {
  const all = await inbox('?per_page=200');
  assert.equal(all.total, await sqlCount('1'));
  assert.ok(all.items.every((a) => a.status !== 'draft'));
  assert.ok(!all.items.some((a) => a.title === 'Bergens sak'));
  const [[rows]] = await stack.sql("SELECT COUNT(*) FROM applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'oslo' AND a.status <> 'draft' GROUP BY a.status ORDER BY COUNT(*) DESC LIMIT 1");
  assert.ok(Number(rows) > 0);
  for (const [status, n] of Object.entries(all.counts)) assert.equal(n, await sqlCount(`a.status = '${status}'`), status);
});

test('the counts per status are kept in step with the cases: submission, transitions, a moved case and a deletion', async () => {
  // the unfiltered inbox and the call and status filters read the counts the triggers of migration
  // 010 keep; the other filters count the cases themselves. Both must agree with SQL after changes
  // made behind the API's back.
  const agree = async () => {
    assert.deepEqual(await stack.countDrift(), [], 'case_counts agrees with applications');
    const all = await inbox('?per_page=1');
    assert.equal(all.total, await sqlCount('1'));
    for (const [status, n] of Object.entries(all.counts)) assert.equal(n, await sqlCount(`a.status = '${status}'`), status);
    assert.equal((await inbox(`?call=${call.id}&status=in_review&per_page=1`)).total, await sqlCount(`a.call_id = ${call.id} AND a.status = 'in_review'`));
    assert.equal((await inbox('?sub_goal=A&per_page=1')).total, await sqlCount("FIND_IN_SET('A', a.sub_goals)"));
  };
  await agree();
  const [[draft]] = await stack.sql(`SELECT MIN(id) FROM applications WHERE call_id = ${call.id} AND status = 'draft'`);
  await stack.sql(`UPDATE applications SET status = 'submitted', reference = 'OSL-TEST-D', submitted_at = UTC_TIMESTAMP() WHERE id = ${draft}`);
  await agree();
  await stack.sql(`UPDATE applications SET status = 'in_review' WHERE call_id = ${call.id} AND status = 'submitted' ORDER BY id LIMIT 2`);
  await stack.sql(`UPDATE applications SET status = 'submitted' WHERE call_id = ${call.id} AND status = 'recommended' ORDER BY id LIMIT 1`);
  await agree();
  await stack.sql(`UPDATE applications SET call_id = ${other.id} WHERE call_id = ${call.id} AND status = 'granted' ORDER BY id LIMIT 1`);
  await stack.sql(`UPDATE applications SET title = CONCAT(title, ' (endret)') WHERE call_id = ${call.id} AND status = 'in_review' ORDER BY id LIMIT 1`);
  await agree();
  await stack.sql(`DELETE FROM applications WHERE reference = 'OSL-TEST-D'`);
  await agree();
});

test('filters: call, status, sub-goal, assignee, amount range and text', async () => {
  assert.equal((await inbox(`?call=${other.id}&per_page=200`)).total, await sqlCount(`a.call_id = ${other.id}`));
  const inReview = await inbox('?status=in_review&per_page=200');
  assert.ok(inReview.items.length > 0 && inReview.items.every((a) => a.status === 'in_review'));
  assert.equal(inReview.total, await sqlCount("a.status = 'in_review'"));
  const c = await inbox('?sub_goal=C&per_page=200');
  assert.ok(c.items.every((a) => a.sub_goals.split(',').includes('C')));
  assert.equal(c.total, await sqlCount("FIND_IN_SET('C', a.sub_goals)"));
  const mine = await inbox('?assignee=me&per_page=200');
  assert.ok(mine.total > 0 && mine.items.every((a) => a.assignee === 'Saksbehandler – Oslo kommune'));
  assert.equal((await inbox('?assignee=none&per_page=200')).total, await sqlCount('a.assigned_to IS NULL'));
  const range = await inbox('?min_amount=20000&max_amount=30000&per_page=200');
  assert.ok(range.items.every((a) => a.applied_amount >= 20000 && a.applied_amount <= 30000));
  assert.equal(range.total, await sqlCount('a.applied_amount BETWEEN 20000 AND 30000'));
  const text = await inbox(`?q=${encodeURIComponent('sprøkkafé')}`);
  assert.deepEqual(text.items.map((a) => a.title), ['Tiltak nummer 9 sprøkkafé']);
  assert.equal((await inbox('?q=Frivillig%20Fellesskap&per_page=200')).total,
    await sqlCount("a.org_id IN (SELECT id FROM organisations WHERE name LIKE '%Frivillig Fellesskap%')"), 'matches the organisation name');
});

test('sorting and paging', async () => {
  const byAmount = (await inbox('?sort=amount&per_page=200')).items.map((a) => a.applied_amount);
  assert.deepEqual(byAmount, [...byAmount].sort((x, y) => x - y));
  const desc = (await inbox('?sort=-amount&per_page=200')).items.map((a) => a.applied_amount);
  assert.deepEqual(desc, [...desc].sort((x, y) => y - x));
  const p1 = await inbox('?sort=title&per_page=5&page=1');
  const p2 = await inbox('?sort=title&per_page=5&page=2');
  assert.equal(p1.items.length, 5);
  assert.equal(p1.total, p2.total);
  assert.equal(new Set([...p1.items, ...p2.items].map((a) => a.id)).size, 10);
});

test('bad parameters answer 400 naming the parameter; applicants have no access', async () => {
  for (const [qs, field] of [['?status=draft', 'status'], ['?status=nope', 'status'], ['?sub_goal=E', 'sub_goal'], ['?assignee=someone', 'assignee'],
    ['?min_amount=-1', 'min_amount'], ['?sort=id', 'sort'], ['?per_page=500', 'per_page'], ['?call=x', 'call'], ['?x=1', 'x']]) {
    checkProblem(await cw.get(`/api/v1/tenants/oslo/applications${qs}`), 400, field);
  }
  const applicant = await loginAs(stack, 'leder@frivillig.demo');
  checkProblem(await applicant.get('/api/v1/tenants/oslo/applications'), 404);
});

test('a case shows what was signed, possible duplicates at other tenants, and its log; assignment is logged', async () => {
  const [[id]] = await stack.sql("SELECT id FROM applications WHERE reference = 'OSL-TEST-1'");
  const r = await cw.get(`/api/v1/tenants/oslo/applications/${id}`);
  assert.equal(r.status, 200, r.text);
  check('/api/v1/tenants/{slug}/applications/{app_id}', 'get', 200, r.headers.get('content-type'), r.json);
  assert.equal(r.json.reference, 'OSL-TEST-1');
  // the same organisation applied to Bergen the same year: flagged with the tenant, title and status only
  const bergen = r.json.possible_duplicates.find((d) => d.tenant === 'Bergen kommune');
  assert.deepEqual(bergen, { tenant: 'Bergen kommune', title: 'Bergens sak', status: 'submitted' });
  // another tenant's case and a draft are not found here
  const [[bergenId]] = await stack.sql("SELECT id FROM applications WHERE reference = 'BGO-TEST-1'");
  checkProblem(await cw.get(`/api/v1/tenants/oslo/applications/${bergenId}`), 404);
  const [[draftId]] = await stack.sql("SELECT a.id FROM applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'oslo' AND a.status = 'draft' LIMIT 1");
  checkProblem(await cw.get(`/api/v1/tenants/oslo/applications/${draftId}`), 404);

  const [[caseworkerId]] = await stack.sql("SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo'");
  const [[deciderId]] = await stack.sql("SELECT id FROM users WHERE email_norm = 'beslutter@oslo.demo'");
  const a = await cw.post(`/api/v1/tenants/oslo/applications/${id}/assign`, { user_id: Number(caseworkerId) });
  assert.equal(a.status, 200, a.text);
  checkProblem(await cw.post(`/api/v1/tenants/oslo/applications/${id}/assign`, { user_id: Number(deciderId) }), 422, 'user_id');
  checkProblem(await cw.post(`/api/v1/tenants/oslo/applications/${bergenId}/assign`, { user_id: Number(caseworkerId) }), 404);
  const after = await cw.get(`/api/v1/tenants/oslo/applications/${id}`);
  assert.equal(after.json.assignee, 'Saksbehandler – Oslo kommune');
  assert.deepEqual(after.json.log.map((e) => [e.event, e.by]), [['assigned', 'Saksbehandler – Oslo kommune']]);
});

test('review, recommendation and decision: impartiality, four-eyes, the state machine and the budget frame', async () => {
  const dm = await loginAs(stack, 'beslutter@oslo.demo');
  const [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const framed = await insertCall(stack, 'oslo', {});
  await stack.sql(`UPDATE calls SET budget_frame = 100000 WHERE id = ${framed.id}`);
  await stack.sql(`INSERT INTO call_earmarks (call_id, sub_goal, amount) VALUES (${framed.id}, 'B', 30000)`);
  const mk = async (title, amount, goals) => {
    await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals)
      VALUES (${org}, ${framed.id}, (SELECT tenant_id FROM calls WHERE id = ${framed.id}), 'submitted', '${title}', ${amount}, '{}', 1, 1, '${title}', UTC_TIMESTAMP(), '${goals}')`);
    return Number((await stack.sql(`SELECT id FROM applications WHERE reference = '${title}'`))[0][0]);
  };
  const base = (id) => `/api/v1/tenants/oslo/applications/${id}`;
  const a = await mk('FRAME-A', 70000, 'A');
  // impartiality first; a recused person is refused
  checkProblem(await cw.post(`${base(a)}/review`), 409);
  checkProblem(await cw.post(`${base(a)}/impartiality`, { impartial: false }), 422, 'reason');
  assert.equal((await cw.post(`${base(a)}/impartiality`, { impartial: false, reason: 'Styremedlem i organisasjonen' })).status, 200);
  const refused = checkProblem(await cw.post(`${base(a)}/review`), 403);
  assert.match(refused.type, /recused$/);
  assert.equal((await cw.post(`${base(a)}/impartiality`, { impartial: true })).status, 200);
  assert.equal((await cw.post(`${base(a)}/review`)).json.status, 'in_review');
  // the state machine: no decision before a recommendation, no second review
  assert.equal((await dm.post(`${base(a)}/impartiality`, { impartial: true })).status, 200);
  const early = checkProblem(await dm.post(`${base(a)}/decide`, { outcome: 'grant', amount: 70000 }), 409);
  assert.match(early.detail, /in_review/);
  checkProblem(await cw.post(`${base(a)}/review`), 409);
  checkProblem(await cw.post(`${base(a)}/recommend`, { amount: 90000, reasons: 'For mye' }), 422, 'amount');
  assert.equal((await cw.post(`${base(a)}/recommend`, { amount: 70000, reasons: 'Godt prosjekt' })).json.status, 'recommended');
  // four-eyes: the caseworker who recommended cannot decide (give them the role to show it is the rule, not the role)
  await stack.sql(`INSERT INTO tenant_staff (tenant_id, user_id, role) SELECT tenant_id, (SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo'), 'decision_maker' FROM calls WHERE id = ${framed.id}`);
  const four = checkProblem(await cw.post(`${base(a)}/decide`, { outcome: 'grant', amount: 70000 }), 403);
  assert.match(four.type, /four-eyes$/);
  checkProblem(await dm.post(`${base(a)}/decide`, { outcome: 'grant_partly', amount: 60000 }), 422, 'reasons');
  checkProblem(await dm.post(`${base(a)}/decide`, { outcome: 'grant', amount: 60000 }), 422, 'amount');
  assert.equal((await dm.post(`${base(a)}/decide`, { outcome: 'grant', amount: 70000 })).json.status, 'granted');

  // the frame: 100 000, 30 000 of it reserved for B, and 70 000 committed (the free part, all of
  // it); a grant for A and B counts against B (its first earmarked sub-goal): 40 000 is 10 000 over
  const b = await mk('FRAME-B', 40000, 'A,B');
  for (const c of [cw, dm]) await c.post(`${base(b)}/impartiality`, { impartial: true });
  await cw.post(`${base(b)}/review`);
  await cw.post(`${base(b)}/recommend`, { amount: 40000, reasons: 'Ok' });
  const over = checkProblem(await dm.post(`${base(b)}/decide`, { outcome: 'grant', amount: 40000 }), 409);
  assert.match(over.detail, /10000 kr over det delmål B har igjen/);
  assert.equal((await stack.sql(`SELECT status FROM applications WHERE id = ${b}`))[0][0], 'recommended', 'nothing changed');
  // the earmark for B: 30 000; a partial grant of 20 000 fits the frame and the earmark
  assert.equal((await dm.post(`${base(b)}/decide`, { outcome: 'grant_partly', amount: 20000, reasons: 'Rammen er nesten brukt opp' })).json.status, 'partly_granted');
  const c2 = await mk('FRAME-C', 15000, 'B');
  for (const c of [cw, dm]) await c.post(`${base(c2)}/impartiality`, { impartial: true });
  await cw.post(`${base(c2)}/review`);
  await cw.post(`${base(c2)}/recommend`, { amount: 0, reasons: 'Avslag' });
  await stack.sql(`UPDATE calls SET budget_frame = 1000000 WHERE id = ${framed.id}`);
  checkProblem(await dm.post(`${base(c2)}/decide`, { outcome: 'reject' }), 422, 'reasons');
  assert.equal((await dm.post(`${base(c2)}/decide`, { outcome: 'reject', reasons: 'Utenfor ordningen' })).json.status, 'rejected');
  // the budget page's figures follow at once
  const budget = await cw.get(`/api/v1/tenants/oslo/calls/${framed.id}/budget`);
  assert.equal(budget.status, 200, budget.text);
  check('/api/v1/tenants/{slug}/calls/{call_id}/budget', 'get', 200, budget.headers.get('content-type'), budget.json);
  assert.deepEqual([budget.json.frame, budget.json.committed, budget.json.remaining], [1000000, 90000, 910000]);
  assert.deepEqual(budget.json.free, { amount: 970000, committed: 70000, remaining: 900000 });
  assert.deepEqual(budget.json.earmarks, [{ sub_goal: 'B', amount: 30000, committed: 20000, used: 20000, paid: 0, remaining: 10000, available: 910000 }]);
  const [[bergenCall]] = await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'bergen' LIMIT 1");
  checkProblem(await cw.get(`/api/v1/tenants/oslo/calls/${bergenCall}/budget`), 404);
  // the budget page gets every call's budget in one request: the same figures, with the year,
  // in the order of the calls list, and none of another tenant's calls
  const all = await cw.get('/api/v1/tenants/oslo/budgets');
  assert.equal(all.status, 200, all.text);
  const mine = all.json.items.find((b) => b.call_id === framed.id);
  assert.deepEqual({ ...mine, year: undefined }, { ...budget.json, year: undefined });
  assert.equal(mine.year, Number((await stack.sql(`SELECT year FROM calls WHERE id = ${framed.id}`))[0][0]));
  const osloCalls = (await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo' ORDER BY c.deadline_local, c.id LIMIT 100")).map(([id]) => Number(id));
  assert.deepEqual(all.json.items.map((b) => b.call_id), osloCalls);
  assert.ok(!all.json.items.some((b) => b.call_id === Number(bergenCall)));
  checkProblem(await cw.get('/api/v1/tenants/oslo/budgets?year=2026'), 400, 'year');
  // every transition is on the case log with who did it
  const log = (await cw.get(base(a))).json.log.map((e) => e.event);
  assert.deepEqual(log, ['recused', 'declared_impartial', 'start_review', 'declared_impartial', 'recommend', 'grant']);
});
