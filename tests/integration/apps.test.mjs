// apps.test.mjs: the applicant journey through the real stack: organisations (check digit, 409 with
// a way to ask for access, invitations), drafts saved with ETag/If-Match (412 on a stale version,
// never overwritten), every submission rule as 422 naming the field with nothing written, signer-
// only submission, the deadline, idempotent submission, gapless numbers under 50 concurrent
// submissions, the frozen signed copy, withdrawal, and attachments checked by content and size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';
import { validDraft, files, insertCall } from '../lib/apps.mjs';

let stack, leader, member, orgId;
before(async () => {
  // many drafts on one call (50 concurrent submissions): over the default quota of open drafts
  stack = await startStack({ workers: 4, env: { DRAFTS_PER_CALL: '1000' } });
  leader = await loginAs(stack, 'leder@frivillig.demo');
  member = await loginAs(stack, 'medlem@frivillig.demo');
  [[orgId]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const count = async (table, where = '1') => Number((await stack.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`))[0][0]);

/** A new draft for call, filled with data, with a budget attached; returns { id, version }. */
async function draftFor(client, callId, data, { attach = true } = {}) {
  const c = await client.post(`/api/v1/organisations/${orgId}/applications`, { call_id: callId });
  assert.equal(c.status, 201, c.text);
  let version = 1;
  if (data) {
    const r = await client.req('PUT', `/api/v1/applications/${c.json.id}`, data, { 'if-match': `"v${version}"` });
    assert.equal(r.status, 200, r.text);
    version = r.json.version;
  }
  if (attach) {
    const u = await client.req('POST', `/api/v1/applications/${c.json.id}/attachments?kind=budget&filename=budsjett.pdf`, files.pdf, { 'content-type': 'application/pdf' });
    assert.equal(u.status, 201, u.text);
  }
  return { id: c.json.id, version };
}

test('registering an organisation checks the number, makes the registrant admin (signing needs a verification), and a taken number gets 409 with a way to ask for access', async () => {
  const email = `org-${Date.now()}@eksempel.no`;
  const c = new Client(stack);
  await c.post('/api/v1/auth/register', { email, name: 'Ny Leder', password: 'Et-godt-passord-42' });
  const [[body]] = await stack.sql(`SELECT body FROM outbox WHERE to_email = '${email}' ORDER BY id DESC LIMIT 1`);
  await c.post('/api/v1/auth/verify', { token: /token=([\w-]+)/.exec(body)[1] });
  await c.login(email, 'Et-godt-passord-42');
  const base = { name: 'Ny Forening', municipality: 'Bergen', kind: 'voluntary', volunteer_register: true, volunteer_since: '2020-01-01', business_register: false };
  const before = await count('organisations');
  checkProblem(await c.post('/api/v1/organisations', { ...base, orgnr: '974760674' }), 422, 'orgnr');
  checkProblem(await c.post('/api/v1/organisations', { ...base, orgnr: '12345' }), 422, 'orgnr');
  checkProblem(await c.post('/api/v1/organisations', { ...base, orgnr: '974760673', kind: 'company' }), 422, 'kind');
  assert.equal(await count('organisations'), before, 'nothing written');
  const ok = await c.post('/api/v1/organisations', { ...base, orgnr: '974760673' });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.my_roles, ['admin']);
  const dup = await leader.post('/api/v1/organisations', { ...base, orgnr: '974760673' });
  checkProblem(dup, 409, 'orgnr');
  assert.equal(dup.json.access_request.href, '/api/v1/organisations/access-requests');
  const ask = await leader.post('/api/v1/organisations/access-requests', { orgnr: '974760673', message: 'Jeg er kasserer' });
  assert.equal(ask.status, 202);
  const [[kind, text]] = await stack.sql(`SELECT kind, body FROM outbox WHERE to_email = '${email}' ORDER BY id DESC LIMIT 1`);
  assert.equal(kind, 'access_request');
  assert.match(text, /leder@frivillig\.demo/);

  // the admin invites the asker as editor; accepting makes them a member; changes are audited
  const inv = await c.post(`/api/v1/organisations/${ok.json.id}/invitations`, { email: 'leder@frivillig.demo', role: 'editor' });
  assert.equal(inv.status, 201);
  const [[invBody]] = await stack.sql("SELECT body FROM outbox WHERE to_email = 'leder@frivillig.demo' AND kind = 'org_invitation' ORDER BY id DESC LIMIT 1");
  const token = /invitasjon\.html\?token=([\w-]+)/.exec(invBody)[1];
  checkProblem(await member.post('/api/v1/invitations/accept', { token }), 422, 'token'); // another person
  assert.equal((await leader.post('/api/v1/invitations/accept', { token })).status, 200);
  assert.deepEqual((await leader.get(`/api/v1/organisations/${ok.json.id}`)).json.my_roles, ['editor']);
  const upd = await c.req('PUT', `/api/v1/organisations/${ok.json.id}`, { ...base, name: 'Nytt Navn' });
  assert.equal(upd.status, 200);
  assert.equal(upd.json.name, 'Nytt Navn');
  checkProblem(await leader.req('PUT', `/api/v1/organisations/${ok.json.id}`, { ...base, name: 'Kapret' }), 403);
  const events = (await stack.sql(`SELECT event, detail FROM security_log WHERE org_id = ${ok.json.id} ORDER BY id`)).map((r) => r[0]);
  assert.deepEqual(events, ['org_registered', 'org_access_requested', 'org_invited', 'role_added', 'org_changed']);
});

test('drafts save with If-Match: a stale version gets 412 with the newer one and is never overwritten', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const { id } = await draftFor(leader, call.id, null, { attach: false });
  const get = await leader.get(`/api/v1/applications/${id}`);
  assert.equal(get.headers.get('etag'), '"v1"');
  checkProblem(await leader.req('PUT', `/api/v1/applications/${id}`, { title: 'x' }), 428);
  const a = await leader.req('PUT', `/api/v1/applications/${id}`, { title: 'Fra fane A' }, { 'if-match': '"v1"' });
  assert.equal(a.status, 200);
  assert.equal(a.headers.get('etag'), '"v2"');
  const b = await member.req('PUT', `/api/v1/applications/${id}`, { title: 'Fra fane B' }, { 'if-match': '"v1"' });
  checkProblem(b, 412);
  assert.equal(b.json.current.data.title, 'Fra fane A');
  assert.equal(b.json.current.version, 2);
  assert.equal(b.headers.get('etag'), '"v2"');
  const again = await leader.get(`/api/v1/applications/${id}`);
  assert.equal(again.json.data.title, 'Fra fane A', 'not overwritten');
  // shape and bounds are checked on every save, and nothing is stored when they fail
  for (const [body, field] of [[{ title: 'x'.repeat(201) }, 'title'], [{ applied_amount: -5 }, 'applied_amount'], [{ sub_goals: ['E'] }, 'sub_goals[0]'],
    [{ milestones: [{ date: '2027-02-30', text: 'x' }] }, 'milestones[0].date'], [{ secret: 1 }, 'secret'], [{ period: { years: 4 } }, 'period.years'],
    [{ budget: { costs: [{ text: 'a', amount: 'mye' }] } }, 'budget.costs[0].amount']]) {
    checkProblem(await leader.req('PUT', `/api/v1/applications/${id}`, body, { 'if-match': '"v2"' }), 422, field);
  }
  checkProblem(await leader.req('PUT', `/api/v1/applications/${id}`, '{"title":', { 'if-match': '"v2"' }), 400);
  assert.equal((await leader.get(`/api/v1/applications/${id}`)).json.version, 2);
  // the budget totals are computed by the server
  const full = await leader.req('PUT', `/api/v1/applications/${id}`, validDraft({ startYear: call.year }), { 'if-match': '"v2"' });
  assert.deepEqual(full.json.budget, { costs: 60000, own_contribution: 6000, other_funding: 4000, deficit: 50000 });
});

test('every submission rule gives 422 naming the field, and nothing is written', async () => {
  const call = await insertCall(stack, 'oslo', { min: 10000, max: 400000, subGoals: 'A,B', oneProject: 1, required: 'budget' });
  const cases = [
    [{ applied_amount: 5000, budget: { costs: [{ text: 'a', amount: 5000 }], own_contribution: 0, other_funding: [] } }, 'applied_amount', /under utlysningens minstebeløp på 10 000 kr/],
    [{ applied_amount: 500000, budget: { costs: [{ text: 'a', amount: 500000 }], own_contribution: 0, other_funding: [] } }, 'applied_amount', /over utlysningens høyeste beløp/],
    [{ applied_amount: 40000 }, 'applied_amount', /underskuddet i budsjettet \(50 000 kr\)/],
    [{ sub_goals: ['C'] }, 'sub_goals[0]', /gjelder ikke delmål C/],
    [{ project_count: 2 }, 'project_count', /ett prosjekt per søknad/],
    [{ location: { municipality: 'Bergen', place: 'x' } }, 'location.municipality', /Oslo kommune/],
    [{ title: '  ' }, 'title', /Må fylles ut/],
    [{ result_goals: [{ text: 'Mer', measure: '' }] }, 'result_goals[0].measure', /måles/],
    [{ other_funding_declaration: {} }, 'other_funding_declaration.has_other', /Erklær/],
    [{ reception_centre: { applies: true } }, 'reception_centre.management_agreement', /ledelse/],
  ];
  const before = [await count('applications', "status = 'submitted'"), await count('outbox', "kind = 'receipt'"), await count('application_counters')];
  for (const [change, field, message] of cases) {
    const { id } = await draftFor(leader, call.id, { ...validDraft({ startYear: call.year }), ...change });
    const r = await leader.post(`/api/v1/applications/${id}/submit`);
    const p = checkProblem(r, 422, field);
    assert.match(p.errors.find((e) => e.field === field).detail, message);
    const problems = await leader.get(`/api/v1/applications/${id}/problems`);
    assert.equal(problems.json.ready, false);
    assert.ok(problems.json.problems.some((e) => e.field === field));
  }
  // all problems at once: an empty draft without attachments
  const { id: empty } = await draftFor(leader, call.id, null, { attach: false });
  const all = checkProblem(await leader.post(`/api/v1/applications/${empty}/submit`), 422);
  for (const f of ['title', 'summary', 'sub_goals', 'applied_amount', 'milestones', 'location.municipality', 'attachments.budget']) {
    assert.ok(all.errors.some((e) => e.field === f), `names ${f}`);
  }
  // the organisation must be in the volunteer register
  await stack.sql(`UPDATE organisations SET volunteer_register = 0 WHERE id = ${orgId}`);
  const { id: okDraft } = await draftFor(leader, call.id, validDraft({ startYear: call.year }));
  checkProblem(await leader.post(`/api/v1/applications/${okDraft}/submit`), 422, 'organisation.volunteer_register');
  await stack.sql(`UPDATE organisations SET volunteer_register = 1 WHERE id = ${orgId}`);
  assert.deepEqual([await count('applications', "status = 'submitted'"), await count('outbox', "kind = 'receipt'"), await count('application_counters')], before);
  // and once fixed it goes through
  assert.equal((await leader.post(`/api/v1/applications/${okDraft}/submit`)).status, 201);
});

test('only a signer submits; submission is idempotent with Idempotency-Key; the receipt is frozen; after the deadline it is refused', async () => {
  const call = await insertCall(stack, 'oslo', { required: 'budget' });
  const { id } = await draftFor(member, call.id, validDraft({ startYear: call.year }));
  checkProblem(await member.post(`/api/v1/applications/${id}/submit`), 403);
  assert.equal(await count('applications', `id = ${id} AND status = 'draft'`), 1);

  const key = 'klikk-' + Date.now();
  const first = await leader.post(`/api/v1/applications/${id}/submit`, {}, { 'idempotency-key': key });
  assert.equal(first.status, 201, first.text);
  assert.match(first.json.reference, new RegExp(`^OSL-${call.year}-0001$`));
  const second = await leader.post(`/api/v1/applications/${id}/submit`, {}, { 'idempotency-key': key });
  assert.equal(second.status, 200);
  assert.equal(second.json.reference, first.json.reference);
  checkProblem(await leader.post(`/api/v1/applications/${id}/submit`, {}, { 'idempotency-key': 'en-annen-nokkel' }), 409);
  assert.equal(await count('outbox', `kind = 'receipt' AND body LIKE '%${first.json.reference}%'`), 1, 'one receipt email');
  assert.equal(await count('application_events', `application_id = ${id} AND event = 'submitted'`), 1);
  const [[who, ip]] = await stack.sql(`SELECT u.email, a.submitted_ip FROM applications a JOIN users u ON u.id = a.submitted_by WHERE a.id = ${id}`);
  assert.deepEqual([who, ip], ['leder@frivillig.demo', '127.0.0.1']);

  // the signed content is frozen: later changes to the organisation or attempts to edit do not touch it
  await stack.sql(`UPDATE organisations SET name = 'Endret Navn' WHERE id = ${orgId}`);
  const receipt = await leader.get(`/api/v1/applications/${id}/receipt`);
  assert.equal(receipt.json.organisation.name, 'Frivillig Fellesskap Demo');
  assert.equal(receipt.json.signed_by.email, 'leder@frivillig.demo');
  assert.equal(receipt.json.application.title, 'Språkkafé for nye innbyggere');
  assert.equal(receipt.json.attachments[0].filename, 'budsjett.pdf');
  await stack.sql(`UPDATE organisations SET name = 'Frivillig Fellesskap Demo' WHERE id = ${orgId}`);
  checkProblem(await leader.req('PUT', `/api/v1/applications/${id}`, { title: 'Endret' }, { 'if-match': '"v2"' }), 409);
  checkProblem(await leader.req('POST', `/api/v1/applications/${id}/attachments?kind=other&filename=a.pdf`, files.pdf), 409);

  // withdraw before a decision; the timeline shows it all
  assert.equal((await member.post(`/api/v1/applications/${id}/withdraw`)).status, 403);
  assert.equal((await leader.post(`/api/v1/applications/${id}/withdraw`)).status, 200);
  checkProblem(await leader.post(`/api/v1/applications/${id}/withdraw`), 409);
  const events = (await leader.get(`/api/v1/applications/${id}/events`)).json.items.map((e) => e.event);
  assert.deepEqual(events, ['created', 'attachment_added', 'submitted', 'withdrawn']);
  const mineAll = (await leader.get('/api/v1/me/applications')).json.items;
  const mine = mineAll.find((a) => a.id === id);
  assert.equal(mine.status, 'withdrawn');
  // the list carries each application's timeline, the same as its own events route
  assert.deepEqual(mine.events, (await leader.get(`/api/v1/applications/${id}/events`)).json.items);
  for (const a of mineAll.slice(0, 5)) assert.deepEqual(a.events, (await leader.get(`/api/v1/applications/${a.id}/events`)).json.items);
  // the call's deadline as Oslo wall-clock time, as the call itself gives it (no UTC marker)
  assert.equal(mine.deadline_local, (await leader.get(`/api/v1/calls/${call.id}`)).json.deadline_local);

  // after the deadline: refused with a message that says so, the draft stays readable
  const { id: late } = await draftFor(leader, call.id, validDraft({ startYear: call.year }));
  await stack.sql(`UPDATE calls SET deadline_local = '2020-06-01 12:00:00', opens_local = '2020-01-01 00:00:00' WHERE id = ${call.id}`);
  const refused = checkProblem(await leader.post(`/api/v1/applications/${late}/submit`), 409);
  assert.match(refused.type, /deadline-passed$/);
  assert.match(refused.detail, /Fristen/);
  assert.equal((await leader.get(`/api/v1/applications/${late}`)).json.data.title, 'Språkkafé for nye innbyggere');
  checkProblem(await leader.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id }), 409);
});

test('an application may be withdrawn until it is decided: in review and recommended too, not after a decision', async () => {
  const call = await insertCall(stack, 'oslo', { required: 'budget' });
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const { id } = await draftFor(leader, call.id, validDraft({ startYear: call.year }));
    assert.equal((await leader.post(`/api/v1/applications/${id}/submit`)).status, 201);
    ids.push(id);
  }
  // the caseworker has started (in_review) and recommended; the third is decided
  await stack.sql(`UPDATE applications SET status = 'in_review' WHERE id = ${ids[0]}`);
  await stack.sql(`UPDATE applications SET status = 'recommended', recommended_amount = 50000 WHERE id = ${ids[1]}`);
  await stack.sql(`UPDATE applications SET status = 'granted', granted_amount = 50000, decided_at = UTC_TIMESTAMP() WHERE id = ${ids[2]}`);
  for (const id of ids.slice(0, 2)) {
    const r = await leader.post(`/api/v1/applications/${id}/withdraw`);
    assert.equal(r.status, 200, r.text);
    assert.equal(await count('applications', `id = ${id} AND status = 'withdrawn'`), 1);
    assert.equal(await count('application_events', `application_id = ${id} AND event = 'withdrawn'`), 1);
  }
  checkProblem(await leader.post(`/api/v1/applications/${ids[2]}/withdraw`), 409);
  assert.equal(await count('applications', `id = ${ids[2]} AND status = 'granted'`), 1);
  assert.equal(await count('application_events', `application_id = ${ids[2]} AND event = 'withdrawn'`), 0);
});

test('50 concurrent submissions in one tenant get 50 distinct, consecutive numbers', async () => {
  const call = await insertCall(stack, 'stavanger', { required: 'budget' });
  const data = validDraft({ municipality: 'Stavanger', startYear: call.year });
  const ids = [];
  for (let i = 0; i < 50; i++) ids.push((await draftFor(leader, call.id, data)).id);
  const results = await Promise.all(ids.map((id) => leader.post(`/api/v1/applications/${id}/submit`, {}, { 'idempotency-key': `samtidig-${id}` })));
  for (const r of results) assert.equal(r.status, 201, r.text);
  const numbers = results.map((r) => Number(/^SVG-\d{4}-(\d{4})$/.exec(r.json.reference)[1])).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: 50 }, (_, i) => i + 1));
});

test('attachments: allowed types by content, size limits, download as attachment, delete while a draft; nothing stored when refused', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const { id } = await draftFor(leader, call.id, null, { attach: false });
  const up = (buf, q = 'kind=other&filename=fil') => leader.req('POST', `/api/v1/applications/${id}/attachments?${q}`, buf, { 'content-type': 'application/octet-stream' });
  for (const [name, expect] of [['pdf', 'application/pdf'], ['png', 'image/png'], ['jpeg', 'image/jpeg'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['odt', 'application/vnd.oasis.opendocument.text'], ['ods', 'application/vnd.oasis.opendocument.spreadsheet']]) {
    const r = await up(files[name], `kind=other&filename=vedlegg.${name}`);
    assert.equal(r.status, 201, `${name}: ${r.text}`);
    assert.equal(r.json.content_type, expect);
  }
  const before = await count('attachments');
  for (const bad of ['exe', 'html', 'zipOther']) checkProblem(await up(files[bad]), 415, 'file');
  checkProblem(await up(files.pdf, 'kind=secret&filename=a.pdf'), 400, 'kind');
  checkProblem(await up(files.pdf, 'kind=other&filename=../etc/passwd'), 400, 'filename');
  checkProblem(await up(Buffer.alloc(0)), 422, 'file');
  const big = Buffer.concat([files.pdf, Buffer.alloc(10 * 1024 * 1024)]);
  checkProblem(await up(big), 413);
  const huge = Buffer.alloc(12 * 1024 * 1024, 0x41);
  checkProblem(await up(huge), 413); // refused by nginx before the worker
  // 25 MiB per application: two 9 MiB files fit, the third does not
  const nine = files.pdfOfSize(9 * 1024 * 1024);
  assert.equal((await up(nine)).status, 201);
  assert.equal((await up(nine)).status, 201);
  checkProblem(await up(nine), 413, 'file');
  assert.equal(await count('attachments'), before + 2, 'only the accepted files are stored');

  const list = await leader.get(`/api/v1/applications/${id}/attachments`);
  const pdf = list.json.items.find((a) => a.filename === 'vedlegg.pdf');
  const dl = await fetch(`${stack.baseUrl}/api/v1/applications/${id}/attachments/${pdf.id}`, { headers: { cookie: `portal_session=${leader.cookie}` } });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition'), /^attachment; .*filename\*=UTF-8''vedlegg\.pdf$/);
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), files.pdf);
  assert.equal((await leader.del(`/api/v1/applications/${id}/attachments/${pdf.id}`)).status, 204);
  checkProblem(await leader.del(`/api/v1/applications/${id}/attachments/${pdf.id}`), 404);
});

test('another organisation\'s application answers 404 on every application route and nothing changes', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const { id } = await draftFor(leader, call.id, validDraft({ startYear: call.year }));
  const outsider = await loginAs(stack, 'saksbehandler@bergen.demo');
  const checksum = async () => (await stack.sql('CHECKSUM TABLE applications, attachments, application_events')).map((r) => r[1]).join();
  const before = await checksum();
  const routes = [['GET', ''], ['PUT', ''], ['GET', '/problems'], ['POST', '/submit'], ['POST', '/withdraw'], ['GET', '/receipt'],
    ['GET', '/events'], ['GET', '/attachments'], ['POST', '/attachments?kind=other&filename=a.pdf'], ['GET', '/attachments/1'], ['DELETE', '/attachments/1']];
  for (const [method, suffix] of routes) {
    const body = method === 'PUT' ? { title: 'x' } : method === 'POST' && !suffix.includes('attachments') ? {} : undefined;
    checkProblem(await outsider.req(method, `/api/v1/applications/${id}${suffix}`, body, { 'if-match': '"v2"' }), 404);
    checkProblem(await leader.req(method, `/api/v1/applications/999999${suffix}`, body, { 'if-match': '"v2"' }), 404);
  }
  checkProblem(await outsider.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id }), 404);
  checkProblem(await outsider.get(`/api/v1/organisations/${orgId}/applications`), 404);
  assert.equal(await checksum(), before);
});
