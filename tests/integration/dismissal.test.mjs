// dismissal.test.mjs: dismissal (avvisning) as an outcome of its own beside rejection, on the real
// stack: the caseworker proposes it (recommend with outcome dismiss), the decision maker decides it;
// it counts nothing against the frame; the letter gives reasons and the right to appeal the
// dismissal; the appeal goes through the existing flow. And the call's appeal rule
// dismissal_and_reactions: an appeal against a grant or a rejection is refused (409 with a reason)
// and the letter says so, while a dismissal can be appealed, to the ministry, through IMDi. Bad
// input to the new options gets 422 naming the field and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';

let stack, cw, dm, leader, imdiDm, org;
let n = 0;
before(async () => {
  stack = await startStack({ workers: 2 });
  cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  dm = await loginAs(stack, 'beslutter@oslo.demo');
  leader = await loginAs(stack, 'leder@frivillig.demo');
  imdiDm = await loginAs(stack, 'beslutter@imdi.demo');
  [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

async function submitted(c, amount, goals = 'A') {
  const ref = `DIS-${process.pid}-${++n}`;
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals)
    VALUES (${org}, ${c.id}, (SELECT tenant_id FROM calls WHERE id = ${c.id}), 'submitted', 'Sak ${ref}', ${amount},
    JSON_OBJECT('summary', 'Leksehjelp'), 1, 1, '${ref}', UTC_TIMESTAMP(), '${goals}')`);
  return Number((await stack.sql(`SELECT id FROM applications WHERE reference = '${ref}'`))[0][0]);
}

const staffUrl = (id) => `/api/v1/tenants/oslo/applications/${id}`;
const appUrl = (id) => `/api/v1/applications/${id}`;
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

async function reviewed(id) {
  for (const c of [cw, dm]) ok(await c.post(`${staffUrl(id)}/impartiality`, { impartial: true }));
  ok(await cw.post(`${staffUrl(id)}/review`));
}

async function caseOf(id) {
  const r = await cw.get(staffUrl(id));
  check('/api/v1/tenants/{slug}/applications/{app_id}', 'get', 200, r.headers.get('content-type'), r.json);
  return r.json;
}

async function applicantView(id) {
  const r = await leader.get(`${appUrl(id)}/case`);
  check('/api/v1/applications/{id}/case', 'get', 200, r.headers.get('content-type'), r.json);
  return r.json;
}

async function sendLetter(id) {
  const r = await cw.post(`${staffUrl(id)}/letter`, {});
  assert.equal(r.status, 200, r.text);
  check('/api/v1/tenants/{slug}/applications/{app_id}/letter', 'post', 200, r.headers.get('content-type'), r.json);
  return r.json.letter;
}

const fingerprint = async (id) => (await stack.sql(`SELECT status, recommended_outcome, decision_outcome, granted_amount, decision_reasons,
  (SELECT COUNT(*) FROM application_events WHERE application_id = ${id}), (SELECT COUNT(*) FROM appeals WHERE application_id = ${id})
  FROM applications WHERE id = ${id}`))[0].join('|');

test('a dismissal: proposed by the caseworker, decided by the decision maker, nothing against the frame, a letter with the right to appeal, and the appeal', async () => {
  const call = await insertCall(stack, 'oslo', {});
  // the frame is spent to the last krone: a dismissal still goes through, and takes nothing
  await stack.sql(`UPDATE calls SET budget_frame = 0 WHERE id = ${call.id}`);
  const id = await submitted(call, 50000);
  await reviewed(id);
  assert.equal(ok(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'dismiss', reasons: 'Søknaden kom inn etter fristen.' })).status, 'recommended');
  let c = await caseOf(id);
  assert.deepEqual([c.recommendation.outcome, c.recommendation.amount, c.recommendation.reasons], ['dismiss', null, 'Søknaden kom inn etter fristen.']);
  assert.ok(c.actions.includes('dismiss') && c.actions.includes('reject'), c.actions.join());
  // the four-eyes rule and impartiality hold as for any decision
  await stack.sql(`INSERT INTO tenant_staff (tenant_id, user_id, role) SELECT tenant_id, (SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo'), 'decision_maker' FROM calls WHERE id = ${call.id}`);
  checkProblem(await cw.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss', reasons: 'x' }), 403);
  await stack.sql(`DELETE FROM tenant_staff WHERE role = 'decision_maker' AND user_id = (SELECT id FROM users WHERE email_norm = 'saksbehandler@oslo.demo')`);
  const decided = ok(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss', reasons: 'Søknaden kom inn etter fristen, og vilkårene for å vurdere den er ikke oppfylt.' }));
  assert.equal(decided.status, 'dismissed');
  c = await caseOf(id);
  assert.deepEqual([c.status, c.decision.outcome, c.decision.amount, c.granted_amount], ['dismissed', 'dismiss', null, null]);
  assert.ok(c.actions.includes('send_letter'));
  assert.deepEqual(c.log.map((e) => e.event).slice(-2), ['recommend', 'dismiss']);
  // nothing against the frame
  const budget = ok(await cw.get(`/api/v1/tenants/oslo/calls/${call.id}/budget`));
  assert.deepEqual([budget.frame, budget.committed, budget.remaining], [0, 0, 0]);
  // the inbox has the new outcome as a filter and a count
  const inbox = await cw.get(`/api/v1/tenants/oslo/applications?call=${call.id}&status=dismissed`);
  check('/api/v1/tenants/{slug}/applications', 'get', 200, inbox.headers.get('content-type'), inbox.json);
  assert.deepEqual(inbox.json.items.map((i) => i.id), [id]);
  assert.equal(inbox.json.counts.dismissed, 1);

  // the letter: a dismissal, with the reasons and the right to appeal the dismissal, to IMDi
  const letter = await sendLetter(id);
  assert.deepEqual([letter.kind, letter.amount, letter.appealable], ['dismissal', 0, true]);
  assert.match(letter.reasons, /etter fristen/);
  assert.match(letter.appeal_text, /klage på avvisningen/);
  assert.match(letter.appeal_to, /Integrerings- og mangfoldsdirektoratet/);
  assert.ok(letter.appeal_deadline);
  const [[body]] = await stack.sql(`SELECT body FROM outbox WHERE kind = 'letter' AND subject LIKE '%${c.reference}%' ORDER BY id DESC LIMIT 1`);
  assert.match(body, /AVVISNING/);
  assert.match(body, /klage på avvisningen/);
  assert.equal((await stack.sql(`SELECT kind FROM letters WHERE application_id = ${id}`))[0][0], 'dismissal');

  // the organisation may appeal the dismissal (there is nothing to accept or decline)
  const mine = await applicantView(id);
  assert.deepEqual([mine.status, mine.actions], ['letter_sent', ['appeal']]);
  assert.equal(mine.letters[0].content.kind, 'dismissal');
  assert.ok(mine.appeal_deadline);
  const ap = ok(await leader.post(`${appUrl(id)}/appeals`, { reasons: 'Vi sendte inn før fristen.' }), 201);
  assert.equal(ap.status, 'appealed');
  // the first instance upholds and forwards it to IMDi, which reverses it: decided again
  assert.equal(ok(await dm.post(`${staffUrl(id)}/appeal-decision`, { outcome: 'forward', reasons: 'Vi står ved avvisningen.' })).status, 'appeal_forwarded');
  assert.equal((await stack.sql(`SELECT appeal_body FROM appeals WHERE id = ${ap.appeal_id}`))[0][0], 'imdi');
  const ruled = ok(await imdiDm.post(`/api/v1/tenants/imdi/appeals/${ap.appeal_id}/ruling`, { outcome: 'change', reasons: 'Søknaden kom i tide.' }));
  assert.equal(ruled.status, 'recommended');
  c = await caseOf(id);
  assert.deepEqual([c.status, c.decision], ['recommended', null]);
  assert.ok(c.actions.includes('grant'));
});

test('appeal rule dismissal_and_reactions: a rejection or grant cannot be appealed and the letter says so; a dismissal goes to the ministry, through IMDi', async () => {
  const call = await insertCall(stack, 'oslo', {});
  await stack.sql(`UPDATE calls SET appeal_rule = 'dismissal_and_reactions', budget_frame = 1000000 WHERE id = ${call.id}`);

  // a rejection: the letter says it cannot be appealed, and what can; the appeal is refused
  const rej = await submitted(call, 40000);
  await reviewed(rej);
  ok(await cw.post(`${staffUrl(rej)}/recommend`, { amount: 0, reasons: 'Avslag' }));
  ok(await dm.post(`${staffUrl(rej)}/decide`, { outcome: 'reject', reasons: 'Tiltaket har liten overføringsverdi.' }));
  let letter = await sendLetter(rej);
  assert.deepEqual([letter.kind, letter.appealable, letter.appeal_deadline], ['rejection', false, '']);
  assert.match(letter.appeal_text, /kan ikke påklages \(forvaltningsloven § 3 første ledd og § 28\)/);
  assert.match(letter.appeal_text, /avvisning/);
  assert.match(letter.appeal_text, /tilbakebetaling/);
  assert.match(letter.appeal_text, /Arbeids- og inkluderingsdepartementet/);
  let mine = await applicantView(rej);
  assert.deepEqual([mine.status, mine.actions, mine.appeal_deadline], ['letter_sent', [], null]);
  const before = await fingerprint(rej);
  const refused = checkProblem(await leader.post(`${appUrl(rej)}/appeals`, { reasons: 'Uenig' }), 409);
  assert.match(refused.type, /not-appealable$/);
  assert.match(refused.detail, /§ 3 første ledd og § 28/);
  assert.equal(await fingerprint(rej), before, 'nothing written');
  // the case can be closed at once: no appeal is possible
  assert.equal(ok(await cw.post(`${staffUrl(rej)}/close`, {})).status, 'closed');

  // a grant: likewise not appealable; the letter still says what can be appealed
  const gr = await submitted(call, 30000);
  await reviewed(gr);
  ok(await cw.post(`${staffUrl(gr)}/recommend`, { amount: 30000, reasons: 'Godt' }));
  ok(await dm.post(`${staffUrl(gr)}/decide`, { outcome: 'grant', amount: 30000 }));
  letter = await sendLetter(gr);
  assert.deepEqual([letter.kind, letter.appealable], ['grant', false]);
  assert.match(letter.appeal_text, /kan ikke påklages/);
  mine = await applicantView(gr);
  assert.deepEqual(mine.actions.sort(), ['accept', 'decline']);
  checkProblem(await leader.post(`${appUrl(gr)}/appeals`, { reasons: 'Vi ville ha mer' }), 409);

  // a dismissal: appealable, to the ministry, sent through IMDi; forwarded to the ministry although Oslo decided
  const dis = await submitted(call, 20000);
  await reviewed(dis);
  ok(await cw.post(`${staffUrl(dis)}/recommend`, { outcome: 'dismiss', reasons: 'Kommunen er ikke søker.' }));
  ok(await dm.post(`${staffUrl(dis)}/decide`, { outcome: 'dismiss', reasons: 'Søkeren er ikke en kommune eller fylkeskommune.' }));
  letter = await sendLetter(dis);
  assert.deepEqual([letter.kind, letter.appealable], ['dismissal', true]);
  assert.match(letter.appeal_to, /^Arbeids- og inkluderingsdepartementet\. Klagen sendes gjennom Integrerings- og mangfoldsdirektoratet \(IMDi\)/);
  assert.match(letter.appeal_text, /klage på avvisningen/);
  mine = await applicantView(dis);
  assert.deepEqual(mine.actions, ['appeal']);
  const ap = ok(await leader.post(`${appUrl(dis)}/appeals`, { reasons: 'Vi er et interkommunalt samarbeid.' }), 201);
  ok(await dm.post(`${staffUrl(dis)}/appeal-decision`, { outcome: 'forward', reasons: 'Avvisningen står.' }));
  assert.equal((await stack.sql(`SELECT appeal_body FROM appeals WHERE id = ${ap.appeal_id}`))[0][0], 'ministry');
});

test('bad input to the new options of recommend and decide gets 422 naming the field and writes nothing', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const id = await submitted(call, 10000);
  await reviewed(id);
  let before = await fingerprint(id);
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'avvis', reasons: 'x' }), 422, 'outcome');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'reject', amount: 0, reasons: 'x' }), 422, 'outcome');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'dismiss' }), 422, 'reasons');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'dismiss', reasons: '' }), 422, 'reasons');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'grant', reasons: 'Uten beløp' }), 422, 'amount');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { reasons: 'Uten beløp' }), 422, 'amount');
  checkProblem(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 1, reasons: 'x' }), 422, 'outcome');
  assert.equal(await fingerprint(id), before, 'nothing written');
  ok(await cw.post(`${staffUrl(id)}/recommend`, { outcome: 'dismiss', reasons: 'Mangler signatur' }));
  before = await fingerprint(id);
  checkProblem(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss' }), 422, 'reasons');
  checkProblem(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss', reasons: '' }), 422, 'reasons');
  checkProblem(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'avvist', reasons: 'x' }), 422, 'outcome');
  checkProblem(await dm.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss', reasons: 'x', extra: true }), 422, 'extra');
  checkProblem(await cw.post(`${staffUrl(id)}/decide`, { outcome: 'dismiss', reasons: 'x' }), 403);
  assert.equal(await fingerprint(id), before, 'nothing written');
  // the status filter knows the new status, and nothing else new
  checkProblem(await cw.get('/api/v1/tenants/oslo/applications?status=avvist'), 400, 'status');
  // a dismissal is refused before a recommendation, like any decision
  const early = await submitted(call, 10000);
  for (const c of [cw, dm]) ok(await c.post(`${staffUrl(early)}/impartiality`, { impartial: true }));
  const wrong = checkProblem(await dm.post(`${staffUrl(early)}/decide`, { outcome: 'dismiss', reasons: 'x' }), 409);
  assert.match(wrong.detail, /submitted/);
});
