// casework.test.mjs: a case from the decision to the closed case on the real stack: the full path
// of a granted (two payment terms), a partly granted (audited accounts required) and a rejected case;
// the letter frozen and in the outbox; acceptance and the payment plan; payments and the budget;
// the CSV exports; appeals on time and late, forwarded from a municipality to IMDi's appeal inbox and
// ruled there, and IMDi's own sent to the ministry; the report, its review and payback; change
// requests; the assessment's validation; report reminders; and another tenant's case answering 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall, files } from '../lib/apps.mjs';

let stack, cw, dm, org, call, imdiCall, leader, editor;
let n = 0;
before(async () => {
  stack = await startStack({ workers: 2 });
  cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  dm = await loginAs(stack, 'beslutter@oslo.demo');
  leader = await loginAs(stack, 'leder@frivillig.demo');
  editor = await loginAs(stack, 'medlem@frivillig.demo');
  [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  call = await insertCall(stack, 'oslo', {});
  imdiCall = await insertCall(stack, 'imdi', {});
  await stack.sql(`UPDATE calls SET criteria = JSON_ARRAY('Tydelige mål', 'Realistisk budsjett'), budget_frame = 10000000 WHERE id = ${call.id}`);
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

/** A submitted application of the demo organisation for call c; returns its id. */
async function submitted(c, amount, goals = 'A') {
  const ref = `CW-${process.pid}-${++n}`;
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals)
    VALUES (${org}, ${c.id}, (SELECT tenant_id FROM calls WHERE id = ${c.id}), 'submitted', 'Sak ${ref}', ${amount},
    JSON_OBJECT('summary', 'Møteplasser for norsktrening'), 1, 1, '${ref}', UTC_TIMESTAMP(), '${goals}')`);
  return Number((await stack.sql(`SELECT id FROM applications WHERE reference = '${ref}'`))[0][0]);
}

const staffUrl = (id, slug = 'oslo') => `/api/v1/tenants/${slug}/applications/${id}`;
const appUrl = (id) => `/api/v1/applications/${id}`;
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

/** Through review and recommendation to a decision by the decision maker. */
async function decided(id, outcome, amount, reasons, staff = { cw, dm }, slug = 'oslo') {
  for (const c of [staff.cw, staff.dm]) ok(await c.post(`${staffUrl(id, slug)}/impartiality`, { impartial: true }));
  ok(await staff.cw.post(`${staffUrl(id, slug)}/review`));
  ok(await staff.cw.post(`${staffUrl(id, slug)}/recommend`, { amount: amount ?? 0, reasons: 'Innstilling' }));
  const body = { outcome };
  if (amount !== undefined && outcome !== 'reject') body.amount = amount;
  if (reasons) body.reasons = reasons;
  return ok(await staff.dm.post(`${staffUrl(id, slug)}/decide`, body));
}

async function caseOf(id, slug = 'oslo') {
  const r = await cw.get(staffUrl(id, slug));
  assert.equal(r.status, 200, r.text);
  check('/api/v1/tenants/{slug}/applications/{app_id}', 'get', 200, r.headers.get('content-type'), r.json);
  return r.json;
}

async function applicantView(id) {
  const r = await leader.get(`${appUrl(id)}/case`);
  assert.equal(r.status, 200, r.text);
  check('/api/v1/applications/{id}/case', 'get', 200, r.headers.get('content-type'), r.json);
  return r.json;
}

test('a granted case: assessment, letter, acceptance, two payment terms, report with changes asked, approval and close', async () => {
  const id = await submitted(call, 60000);
  for (const c of [cw, dm]) ok(await c.post(`${staffUrl(id)}/impartiality`, { impartial: true }));
  ok(await cw.post(`${staffUrl(id)}/review`));
  // the assessment: the call's criteria only, scores 0-5 or null, the whole checklist
  let c = await caseOf(id);
  assert.deepEqual(c.criteria, ['Tydelige mål', 'Realistisk budsjett']);
  assert.ok(c.actions.includes('recommend') && !c.actions.includes('grant'), c.actions.join());
  const put = (body) => cw.req('PUT', `${staffUrl(id)}/assessment`, body);
  const elig = { volunteer_register: true, location: true, not_excluded: true };
  checkProblem(await put({ scores: [{ criterion: 'Noe annet', score: 3 }], eligibility: elig }), 422, 'scores[0].criterion');
  checkProblem(await put({ scores: [{ criterion: 'Tydelige mål', score: 6 }], eligibility: elig }), 422, 'scores[0].score');
  checkProblem(await put({ scores: [], eligibility: { volunteer_register: true } }), 422, 'eligibility');
  checkProblem(await dm.req('PUT', `${staffUrl(id)}/assessment`, { scores: [], eligibility: elig }), 403);
  ok(await put({ scores: [{ criterion: 'Tydelige mål', score: 4 }, { criterion: 'Realistisk budsjett', score: null }], eligibility: elig }));
  assert.equal(ok(await cw.post(`${staffUrl(id)}/comments`, { body: 'Ring leder om budsjettet' }), 201).status, 'in_review');
  c = await caseOf(id);
  assert.deepEqual(c.assessment.scores, [{ criterion: 'Tydelige mål', score: 4 }, { criterion: 'Realistisk budsjett', score: null }]);
  assert.deepEqual(c.comments.map((m) => m.body), ['Ring leder om budsjettet']);

  ok(await cw.post(`${staffUrl(id)}/recommend`, { amount: 60000, reasons: 'Godt prosjekt' }));
  ok(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'grant', amount: 60000 }));
  // the organisation cannot accept before the letter is sent
  checkProblem(await leader.post(`${appUrl(id)}/accept`, { accept: true }), 409);
  const outboxBefore = Number((await stack.sql("SELECT COUNT(*) FROM outbox WHERE to_email = 'leder@frivillig.demo' AND kind = 'letter'"))[0][0]);
  const sent = await cw.post(`${staffUrl(id)}/letter`, {});
  assert.equal(sent.status, 200, sent.text);
  check('/api/v1/tenants/{slug}/applications/{app_id}/letter', 'post', 200, sent.headers.get('content-type'), sent.json);
  const letter = sent.json.letter;
  assert.equal(letter.kind, 'grant');
  assert.equal(letter.amount, 60000);
  assert.deepEqual(letter.payment_plan.map((t) => t.amount), [30000, 30000]);
  assert.equal(letter.report_due, `${call.year + 1}-02-01`);
  assert.equal(letter.audit_required, false);
  assert.match(letter.appeal_to, /IMDi/);
  assert.match(letter.purpose, /Møteplasser for norsktrening/);
  checkProblem(await cw.post(`${staffUrl(id)}/letter`, {}), 409); // sent once
  const [[body]] = await stack.sql(`SELECT body FROM outbox WHERE to_email = 'leder@frivillig.demo' AND kind = 'letter' ORDER BY id DESC LIMIT 1`);
  assert.equal(Number((await stack.sql("SELECT COUNT(*) FROM outbox WHERE to_email = 'leder@frivillig.demo' AND kind = 'letter'"))[0][0]), outboxBefore + 1);
  assert.match(body, /TILSKUDDSBREV/);
  // the email links to the organisation's own case page, and that page exists
  const link = new RegExp(`(https?://\\S+/min-sak\\.html)\\?id=${id}`).exec(body);
  assert.ok(link, 'the letter email links to the case page');
  assert.equal((await fetch(link[1])).status, 200);
  // the applicant sees the same frozen letter and may accept, decline or appeal; an editor may not accept
  let mine = await applicantView(id);
  assert.equal(mine.status, 'letter_sent');
  assert.deepEqual(mine.letters[0].content, letter);
  assert.deepEqual(mine.actions.sort(), ['accept', 'appeal', 'decline']);
  assert.ok(mine.appeal_deadline);
  assert.equal(mine.comments, undefined, 'internal comments are not shown to the applicant');
  checkProblem(await editor.post(`${appUrl(id)}/accept`, { accept: true }), 403);
  checkProblem(await leader.post(`${appUrl(id)}/accept`, { accept: 'ja' }), 422, 'accept');
  assert.equal(ok(await leader.post(`${appUrl(id)}/accept`, { accept: true })).status, 'accepted');
  mine = await applicantView(id);
  assert.deepEqual(mine.payments.map((p) => [p.term, p.amount, p.paid_at]), [[1, 30000, null], [2, 30000, null]]);
  assert.equal(mine.payments[1].due_date >= `${call.year}-09-01`, true);

  // payments: in order, once each; the budget's paid figure follows
  checkProblem(await cw.post(`${staffUrl(id)}/payments`, { term: 2 }), 422, 'term');
  checkProblem(await cw.post(`${staffUrl(id)}/payments`, { term: 3 }), 422, 'term');
  const due = await cw.get('/api/v1/tenants/oslo/payments?status=due');
  assert.equal(due.status, 200, due.text);
  check('/api/v1/tenants/{slug}/payments', 'get', 200, due.headers.get('content-type'), due.json);
  assert.deepEqual(due.json.items.filter((p) => p.application_id === id).map((p) => p.term), [1, 2]);
  const csv = await cw.get('/api/v1/tenants/oslo/payments.csv?status=due');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  const raw = Buffer.from(await (await fetch(stack.baseUrl + '/api/v1/tenants/oslo/payments.csv', { headers: { cookie: `portal_session=${cw.cookie}` } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
  const lines = raw.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], '"Saksnummer";"Organisasjon";"Organisasjonsnummer";"Termin";"Beløp";"Forfall";"Utbetalt"');
  assert.ok(lines.some((l) => l.startsWith(`"CW-${process.pid}-`) && l.includes('"Frivillig Fellesskap Demo";"987654325";1;30000;')), lines.join('\n'));
  assert.equal(ok(await cw.post(`${staffUrl(id)}/payments`, { term: 1 })).status, 'partly_paid');
  checkProblem(await cw.post(`${staffUrl(id)}/payments`, { term: 1 }), 422, 'term');
  assert.equal(ok(await dm.post(`${staffUrl(id)}/payments`, { term: 2 })).status, 'paid');
  const budget = ok(await cw.get(`/api/v1/tenants/oslo/calls/${call.id}/budget`));
  assert.equal(budget.paid, Number((await stack.sql(`SELECT SUM(p.amount) FROM payments p JOIN applications a ON a.id = p.application_id WHERE a.call_id = ${call.id} AND p.paid_at IS NOT NULL`))[0][0]));
  assert.ok(budget.paid >= 60000);

  // the report: every field checked; changes asked; filed again; approved with a payback; closed
  const report = { goals_reached: 'Førti deltok jevnlig.', participants: 40, activities: 'Ukentlige samlinger', accounts: [{ item: 'Lokaler', budget: 40000, actual: 38000 }, { item: 'Materiell', budget: 20000, actual: 17000 }], unused: 5000 };
  const bad = await leader.req('PUT', `${appUrl(id)}/report`, { ...report, participants: -1, accounts: [{ item: '', budget: 1, actual: 'x' }] });
  checkProblem(bad, 422, 'participants');
  checkProblem(bad, 422, 'accounts[0].item');
  checkProblem(bad, 422, 'accounts[0].actual');
  const filed = await editor.req('PUT', `${appUrl(id)}/report`, report);
  assert.equal(filed.status, 200, filed.text);
  assert.deepEqual([filed.json.status, filed.json.late], ['report_received', false]);
  checkProblem(await cw.post(`${staffUrl(id)}/report-review`, { outcome: 'changes' }), 422, 'comment');
  assert.equal(ok(await cw.post(`${staffUrl(id)}/report-review`, { outcome: 'changes', comment: 'Legg ved deltakerlister' })).status, 'changes_asked');
  assert.equal(ok(await leader.req('PUT', `${appUrl(id)}/report`, report)).status, 'report_received');
  checkProblem(await cw.post(`${staffUrl(id)}/report-review`, { outcome: 'approve', payback_amount: 70000 }), 422, 'payback_amount');
  assert.equal(ok(await cw.post(`${staffUrl(id)}/report-review`, { outcome: 'approve', payback_amount: 5000 })).status, 'report_approved');
  assert.equal(ok(await cw.post(`${staffUrl(id)}/close`, {})).status, 'closed');
  mine = await applicantView(id);
  assert.deepEqual([mine.report.review, mine.report.payback_amount], ['approved', 5000]);

  // the case log: every step, with who; and the same as CSV
  c = await caseOf(id);
  assert.deepEqual(c.log.map((e) => e.event), ['declared_impartial', 'declared_impartial', 'start_review', 'assessed', 'comment', 'recommend',
    'grant', 'send_letter', 'accept', 'pay_term', 'pay_term', 'receive_report', 'ask_changes', 'receive_report', 'approve_report', 'close']);
  const logCsv = await cw.get(`${staffUrl(id)}/log.csv`);
  assert.equal(logCsv.status, 200);
  assert.match(logCsv.headers.get('content-disposition'), /sakslogg-CW-/);
  assert.equal(logCsv.text.replace(/^\uFEFF/, '').trim().split('\r\n').length, 1 + c.log.length);
  assert.match(logCsv.text, /"send_letter";"Saksbehandler – Oslo kommune"/);
  // the applicant's timeline does not show internal steps
  const timeline = ok(await leader.get(`${appUrl(id)}/events`));
  const events = (timeline.items || timeline).map((e) => e.event);
  assert.ok(!events.includes('comment') && !events.includes('declared_impartial') && !events.includes('assessed'), events.join());
});

test('a partly granted case of 120 000: audited accounts are required for the report', async () => {
  const id = await submitted(call, 150000, 'B');
  await decided(id, 'grant_partly', 120000, 'Budsjettet er for høyt');
  const letter = ok(await cw.post(`${staffUrl(id)}/letter`, {})).letter;
  assert.equal(letter.audit_required, true);
  assert.equal(letter.reasons, 'Budsjettet er for høyt');
  assert.ok(letter.conditions.some((t) => /revisor/.test(t)));
  ok(await leader.post(`${appUrl(id)}/accept`, { accept: true }));
  ok(await cw.post(`${staffUrl(id)}/payments`, { term: 1 }));
  ok(await cw.post(`${staffUrl(id)}/payments`, { term: 2 }));
  const report = { goals_reached: 'Nådd', participants: 12, activities: 'Kurs', accounts: [{ item: 'Kurs', budget: 120000, actual: 120000 }] };
  const refused = checkProblem(await leader.req('PUT', `${appUrl(id)}/report`, report), 422, 'audited_accounts');
  assert.match(refused.errors[0].detail, /revisor/);
  assert.equal((await stack.sql(`SELECT status FROM applications WHERE id = ${id}`))[0][0], 'paid', 'nothing changed');
  // a draft's kinds are refused now; the audited accounts are taken
  checkProblem(await leader.req('POST', `${appUrl(id)}/attachments?kind=budget&filename=b.pdf`, files.pdf, { 'content-type': 'application/pdf' }), 409);
  const up = await leader.req('POST', `${appUrl(id)}/attachments?kind=audited_accounts&filename=revidert.pdf`, files.pdf, { 'content-type': 'application/pdf' });
  assert.equal(up.status, 201, up.text);
  assert.equal(ok(await leader.req('PUT', `${appUrl(id)}/report`, report)).status, 'report_received');
});

test('a rejected case: the letter gives reasons and appeal rights; the appeal goes to IMDi, which upholds it', async () => {
  const id = await submitted(call, 40000, 'D');
  await decided(id, 'reject', undefined, 'Tiltaket er ordinær drift');
  const letter = ok(await dm.post(`${staffUrl(id)}/letter`, {})).letter;
  assert.deepEqual([letter.kind, letter.amount, letter.reasons, letter.payment_plan], ['rejection', 0, 'Tiltaket er ordinær drift', []]);
  assert.match(letter.appeal_to, /Integrerings- og mangfoldsdirektoratet/);
  const mine = await applicantView(id);
  assert.deepEqual(mine.actions, ['appeal']);
  checkProblem(await leader.post(`${appUrl(id)}/accept`, { accept: true }), 409);
  checkProblem(await editor.post(`${appUrl(id)}/appeals`, { reasons: 'Uenig' }), 403);
  const ap = await leader.post(`${appUrl(id)}/appeals`, { reasons: 'Tiltaket er et prosjekt, ikke drift.' });
  assert.equal(ap.status, 201, ap.text);
  check('/api/v1/applications/{id}/appeals', 'post', 201, ap.headers.get('content-type'), ap.json);
  assert.deepEqual([ap.json.status, ap.json.late], ['appealed', false]);
  // Oslo's inbox of appeals; the caseworker may not decide the first instance's part
  const open = ok(await cw.get('/api/v1/tenants/oslo/appeals'));
  assert.ok(open.items.some((a) => a.id === ap.json.appeal_id && a.status === 'filed'));
  checkProblem(await cw.post(`${staffUrl(id)}/appeal-decision`, { outcome: 'forward', reasons: 'x' }), 403);
  checkProblem(await dm.post(`${staffUrl(id)}/appeal-decision`, { outcome: 'maybe', reasons: 'x' }), 422, 'outcome');
  assert.equal(ok(await dm.post(`${staffUrl(id)}/appeal-decision`, { outcome: 'forward', reasons: 'Vi står ved vedtaket.' })).status, 'appeal_forwarded');
  // it reaches IMDi's appeal inbox; Oslo cannot rule on it; IMDi's decision maker upholds it
  const imdiDm = await loginAs(stack, 'beslutter@imdi.demo');
  const inbox = ok(await imdiDm.get('/api/v1/tenants/imdi/appeals'));
  check('/api/v1/tenants/{slug}/appeals', 'get', 200, 'application/json', inbox);
  const mineAtImdi = inbox.items.find((a) => a.id === ap.json.appeal_id);
  assert.deepEqual([mineAtImdi.tenant, mineAtImdi.appeal_body, mineAtImdi.own, mineAtImdi.decision_reasons], ['Oslo kommune', 'imdi', false, 'Tiltaket er ordinær drift']);
  checkProblem(await dm.post(`/api/v1/tenants/oslo/appeals/${ap.json.appeal_id}/ruling`, { outcome: 'change', reasons: 'x' }), 404);
  const bergenDm = await loginAs(stack, 'beslutter@bergen.demo');
  checkProblem(await bergenDm.post(`/api/v1/tenants/bergen/appeals/${ap.json.appeal_id}/ruling`, { outcome: 'change', reasons: 'x' }), 404);
  const ruled = await imdiDm.post(`/api/v1/tenants/imdi/appeals/${ap.json.appeal_id}/ruling`, { outcome: 'uphold', reasons: 'Drift dekkes ikke.' });
  assert.equal(ruled.status, 200, ruled.text);
  assert.equal(ruled.json.status, 'letter_sent');
  checkProblem(await imdiDm.post(`/api/v1/tenants/imdi/appeals/${ap.json.appeal_id}/ruling`, { outcome: 'uphold', reasons: 'igjen' }), 409);
  const after = await applicantView(id);
  assert.deepEqual(after.appeals.map((a) => [a.status, a.appeal_body, a.ruling_reasons]), [['upheld', 'imdi', 'Drift dekkes ikke.']]);
  assert.equal(ok(await cw.post(`${staffUrl(id)}/close`, {})).status, 'closed');
});

test('a late appeal is recorded and marked late; the first instance may change the decision', async () => {
  const id = await submitted(call, 20000, 'A');
  await decided(id, 'grant', 20000);
  ok(await cw.post(`${staffUrl(id)}/letter`, {}));
  await stack.sql(`UPDATE applications SET letter_sent_at = UTC_TIMESTAMP() - INTERVAL 22 DAY WHERE id = ${id}`);
  const ap = ok(await leader.post(`${appUrl(id)}/appeals`, { reasons: 'Vi søkte om mer.' }), 201);
  assert.equal(ap.late, true);
  assert.equal(Number((await stack.sql(`SELECT late FROM appeals WHERE id = ${ap.appeal_id}`))[0][0]), 1);
  assert.equal(ok(await dm.post(`${staffUrl(id)}/appeal-decision`, { outcome: 'change', reasons: 'Ny vurdering' })).status, 'recommended');
  const c = await caseOf(id);
  assert.deepEqual([c.status, c.decision, c.granted_amount], ['recommended', null, null]);
  assert.ok(c.actions.includes('grant'));
});

test('an appeal on IMDi\'s own decision is recorded as sent to the ministry', async () => {
  const staff = { cw: await loginAs(stack, 'saksbehandler@imdi.demo'), dm: await loginAs(stack, 'beslutter@imdi.demo') };
  const id = await submitted(imdiCall, 30000, 'A');
  await decided(id, 'reject', undefined, 'Utenfor ordningen', staff, 'imdi');
  const letter = ok(await staff.cw.post(`${staffUrl(id, 'imdi')}/letter`, {})).letter;
  assert.match(letter.appeal_to, /departementet/);
  const ap = ok(await leader.post(`${appUrl(id)}/appeals`, { reasons: 'Uenig' }), 201);
  ok(await staff.dm.post(`${staffUrl(id, 'imdi')}/appeal-decision`, { outcome: 'forward', reasons: 'Opprettholdes' }));
  assert.equal((await stack.sql(`SELECT appeal_body FROM appeals WHERE id = ${ap.appeal_id}`))[0][0], 'ministry');
  const list = ok(await staff.dm.get('/api/v1/tenants/imdi/appeals'));
  assert.deepEqual(list.items.filter((a) => a.id === ap.appeal_id).map((a) => [a.own, a.appeal_body]), [[true, 'ministry']]);
});

test('change requests: the organisation asks while the grant is in force; the tenant approves or refuses', async () => {
  const id = await submitted(call, 25000, 'A');
  await decided(id, 'grant', 25000);
  checkProblem(await leader.post(`${appUrl(id)}/change-requests`, { kind: 'budget', description: 'For tidlig' }), 409);
  ok(await cw.post(`${staffUrl(id)}/letter`, {}));
  ok(await leader.post(`${appUrl(id)}/accept`, { accept: true }));
  assert.deepEqual((await applicantView(id)).payments.map((p) => p.amount), [25000], 'one term at 30 000 or less');
  checkProblem(await leader.post(`${appUrl(id)}/change-requests`, { kind: 'colour', description: 'x' }), 422, 'kind');
  const cr = ok(await editor.post(`${appUrl(id)}/change-requests`, { kind: 'activities', description: 'Tur i stedet for kurs' }), 201);
  checkProblem(await cw.post(`${staffUrl(id)}/change-requests/${cr.change_request_id}`, { approve: false }), 422, 'response');
  ok(await cw.post(`${staffUrl(id)}/change-requests/${cr.change_request_id}`, { approve: true, response: 'Godkjent' }));
  checkProblem(await cw.post(`${staffUrl(id)}/change-requests/${cr.change_request_id}`, { approve: false, response: 'Nei' }), 404);
  assert.deepEqual((await applicantView(id)).change_requests.map((r) => [r.kind, r.status, r.response]), [['activities', 'approved', 'Godkjent']]);
});

test('a declined grant frees its amount; reclaim after payment; another tenant\'s case is not found', async () => {
  const id = await submitted(call, 50000, 'C');
  await decided(id, 'grant', 50000);
  ok(await cw.post(`${staffUrl(id)}/letter`, {}));
  const before = ok(await cw.get(`/api/v1/tenants/oslo/calls/${call.id}/budget`)).committed;
  assert.equal(ok(await leader.post(`${appUrl(id)}/accept`, { accept: false })).status, 'declined');
  assert.equal(ok(await cw.get(`/api/v1/tenants/oslo/calls/${call.id}/budget`)).committed, before - 50000);
  const id2 = await submitted(call, 20000, 'A');
  await decided(id2, 'grant', 20000);
  ok(await cw.post(`${staffUrl(id2)}/letter`, {}));
  ok(await leader.post(`${appUrl(id2)}/accept`, { accept: true }));
  ok(await cw.post(`${staffUrl(id2)}/payments`, { term: 1 }));
  checkProblem(await cw.post(`${staffUrl(id2)}/reclaim`, { amount: 1000, reasons: 'x' }), 403);
  checkProblem(await dm.post(`${staffUrl(id2)}/reclaim`, { amount: 30000, reasons: 'For mye' }), 422, 'amount');
  assert.equal(ok(await dm.post(`${staffUrl(id2)}/reclaim`, { amount: 20000, reasons: 'Brukt i strid med vilkårene' })).status, 'reclaim');
  // Bergen's staff: 404 on Oslo's case through their own tenant's URLs, and nothing changes
  const bergen = await loginAs(stack, 'saksbehandler@bergen.demo');
  const snap = async () => (await stack.sql(`SELECT status, COALESCE(granted_amount, 0) FROM applications WHERE id = ${id2}`))[0].join();
  const s0 = await snap();
  for (const [m, p, b] of [['GET', '', undefined], ['POST', '/letter', {}], ['POST', '/payments', { term: 2 }], ['POST', '/close', {}],
    ['POST', '/comments', { body: 'x' }], ['GET', '/log.csv', undefined], ['POST', '/report-review', { outcome: 'approve' }]]) {
    checkProblem(await bergen.req(m, `${staffUrl(id2, 'bergen')}${p}`, b), 404);
  }
  assert.equal(await snap(), s0);
});

test('report reminders 30 and 7 days before the deadline, once each; a paid case becomes report_due', async () => {
  const id = await submitted(call, 10000, 'A');
  await decided(id, 'grant', 10000);
  ok(await cw.post(`${staffUrl(id)}/letter`, {}));
  ok(await leader.post(`${appUrl(id)}/accept`, { accept: true }));
  ok(await cw.post(`${staffUrl(id)}/payments`, { term: 1 }));
  const [[ref]] = await stack.sql(`SELECT reference FROM applications WHERE id = ${id}`);
  const reminders = async () => Number((await stack.sql(`SELECT COUNT(*) FROM outbox WHERE kind = 'reminder' AND subject LIKE '%${ref} %'`))[0][0]);
  await stack.sql(`UPDATE applications SET report_due = CURDATE() + INTERVAL 60 DAY WHERE id = ${id}`);
  await stack.ctl('reminders');
  assert.equal(await reminders(), 0, 'not yet');
  await stack.sql(`UPDATE applications SET report_due = CURDATE() + INTERVAL 20 DAY WHERE id = ${id}`);
  await stack.ctl('reminders');
  await stack.ctl('reminders');
  assert.equal(await reminders(), 1, 'the 30-day reminder, once');
  assert.equal((await stack.sql(`SELECT status FROM applications WHERE id = ${id}`))[0][0], 'report_due');
  await stack.sql(`UPDATE applications SET report_due = CURDATE() + INTERVAL 5 DAY WHERE id = ${id}`);
  await stack.ctl('reminders');
  await stack.ctl('reminders');
  assert.equal(await reminders(), 2, 'and the 7-day reminder, once');
  const late = ok(await leader.req('PUT', `${appUrl(id)}/report`, { goals_reached: 'Ja', participants: 3, activities: 'Møter', accounts: [{ item: 'Alt', budget: 10000, actual: 10000 }] }));
  assert.equal(late.late, false);
});
