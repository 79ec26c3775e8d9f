// calls-admin.test.mjs: a tenant's own call administration through the real stack: create from a
// scheme (Idempotency-Key), publish, an organisation applies and submits, a frozen rule is refused
// with 409 naming the field while a text change goes through and is logged; unpublished calls and
// calls not yet open are invisible to the public and to other tenants; the deadline extended and
// closed early, logged, with the organisations that have drafts told; delete only while a draft;
// copying last year's call; IMDi's allocation as the ceiling of a municipality's frames; the
// tenant's contact persons; every route against another tenant's call and with bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { validDraft, files } from '../lib/apps.mjs';

let stack, admin, leader, orgId;
before(async () => {
  stack = await startStack({ workers: 2 });
  admin = await loginAs(stack, 'admin@oslo.demo');
  leader = await loginAs(stack, 'leder@frivillig.demo');
  [[orgId]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const count = async (table, where = '1') => Number((await stack.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`))[0][0]);
const SCHEME = 'frivillig-integrering';
const base = '/api/v1/tenants/oslo/calls';
let nextYear = 2050;

/** A new draft call of Oslo's for a year of its own, open now and until 2049; returns the answer. */
async function newCall(extra = {}, client = admin, slug = 'oslo') {
  const year = nextYear++;
  const r = await client.post(`/api/v1/tenants/${slug}/calls`, {
    scheme: SCHEME, year, opens_local: '2026-01-01T08:00', deadline_local: '2049-12-01T12:00', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** A submitted application of the demo organisation to the call. */
async function submitTo(call) {
  const c = await leader.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id });
  assert.equal(c.status, 201, c.text);
  const put = await leader.req('PUT', `/api/v1/applications/${c.json.id}`, validDraft({ startYear: call.year }), { 'if-match': '"v1"' });
  assert.equal(put.status, 200, put.text);
  const u = await leader.req('POST', `/api/v1/applications/${c.json.id}/attachments?kind=budget&filename=budsjett.pdf`, files.pdf, { 'content-type': 'application/pdf' });
  assert.equal(u.status, 201, u.text);
  const s = await leader.post(`/api/v1/applications/${c.json.id}/submit`);
  assert.equal(s.status, 201, s.text);
  return c.json.id;
}

const events = async (id) => (await stack.sql(`SELECT kind, COALESCE(detail, '') FROM call_events WHERE call_id = ${id} ORDER BY id`))
  .map(([kind, detail]) => [kind, detail ? JSON.parse(detail) : null]);

test('create from a scheme, publish, apply, submit: frozen rules answer 409 naming the field; texts change and are logged', async () => {
  const key = `ny-utlysning-${Date.now()}`;
  const year = nextYear++;
  const body = {
    scheme: SCHEME, year, title: `Integreringstilskudd ${year} – Oslo kommune`, opens_local: '2026-01-05T08:00',
    deadline_local: '2049-12-15T12:00', budget_frame: 2000000, sub_goals: ['A', 'B', 'C'],
    earmarks: [{ sub_goal: 'B', amount: 500000 }],
    contacts: [{ name: 'Bodil Fremstad', role: 'Veiledning', email: 'bodil.fremstad@vel.oslo.kommune.no', phone: '415 87 122' }],
  };
  const first = await admin.post(base, body, { 'idempotency-key': key });
  assert.equal(first.status, 201, first.text);
  const call = first.json;
  assert.equal(call.published, false);
  assert.equal(call.published_at, null);
  assert.equal(call.frozen, false);
  assert.equal(call.scheme.kind, 'voluntary');
  assert.equal(call.criteria.length, 11, "IMDi's eleven criteria by default");
  assert.equal(call.reception_criteria.length, 3);
  assert.deepEqual(call.sub_goals.map((g) => g.code), ['A', 'B', 'C']);
  assert.ok(call.sub_goals.every((g) => g.name.length > 3), 'the offered codes have their names');
  assert.equal(call.opens_at, '2026-01-05T08:00:00+01:00');
  // sent again with its key: the same call, nothing more written
  const calls = await count('calls');
  const again = await admin.post(base, body, { 'idempotency-key': key });
  assert.equal(again.status, 201);
  assert.equal(again.json.id, call.id);
  assert.equal(await count('calls'), calls);
  // the same scheme and year again is refused
  checkProblem(await admin.post(base, body), 409, 'year');

  // unpublished: invisible to the public, to applicants and to other tenants
  checkProblem(await stack.req(`/api/v1/calls/${call.id}`), 404);
  assert.ok(!(await stack.req(`/api/v1/calls?tenant=oslo&year=${year}`)).json.items.some((c) => c.id === call.id));
  checkProblem(await leader.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id }), 422, 'call_id');
  const bergen = await loginAs(stack, 'admin@bergen.demo');
  checkProblem(await bergen.get(`/api/v1/tenants/bergen/calls/${call.id}`), 404);
  checkProblem(await bergen.get(`/api/v1/tenants/oslo/calls/${call.id}`), 404);
  assert.ok(!(await bergen.get('/api/v1/tenants/bergen/calls')).json.items.some((c) => c.id === call.id));
  const mine = await admin.get(`${base}?year=${year}`);
  assert.deepEqual(mine.json.items.map((c) => [c.id, c.published]), [[call.id, false]], 'staff see their drafts');
  const tenantsBefore = (await stack.req('/api/v1/tenants')).json.items.find((t) => t.slug === 'oslo').open_calls;

  // published: public, open, with its contacts
  const pub = await admin.post(`${base}/${call.id}/publish`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.published, true);
  assert.equal(pub.json.status, 'open');
  checkProblem(await admin.post(`${base}/${call.id}/publish`), 409, 'published');
  const open = await stack.req(`/api/v1/calls/${call.id}`);
  assert.equal(open.status, 200);
  assert.deepEqual(open.json.contacts, body.contacts);
  // the public call carries the rules the form set, so an organisation sees whether it may apply
  for (const k of ['applicant_kinds', 'requires_volunteer_register', 'budget_rule', 'max_years', 'payment_rule', 'audit_scope', 'appeal_rule'])
    assert.deepEqual(open.json[k], call[k], k);
  assert.equal((await stack.req('/api/v1/tenants')).json.items.find((t) => t.slug === 'oslo').open_calls, tenantsBefore + 1);

  // an organisation applies; then the rules of money and eligibility are frozen
  await submitTo(call);
  const frozen = await admin.get(`${base}/${call.id}`);
  assert.equal(frozen.json.frozen, true);
  assert.ok(frozen.json.frozen_fields.includes('max_amount'));
  const logged = await count('call_events', `call_id = ${call.id}`);
  for (const [change, field] of [[{ max_amount: 500000 }, 'max_amount'], [{ budget_frame: 3000000 }, 'budget_frame'],
    [{ earmarks: [] }, 'earmarks'], [{ sub_goals: ['A', 'B'] }, 'sub_goals'], [{ opens_local: '2026-02-01T08:00' }, 'opens_local'],
    [{ applicant_kinds: ['voluntary'] }, 'applicant_kinds'], [{ payment_rule: 'two_terms' }, 'payment_rule'],
    [{ appeal_rule: 'dismissal_and_reactions' }, 'appeal_rule'], [{ year: 2099 }, 'year']]) {
    const p = checkProblem(await admin.req('PUT', `${base}/${call.id}`, { ...change, title: 'Ny tittel' }), 409, field);
    assert.match(p.errors.find((e) => e.field === field).detail, /sendt inn/);
  }
  assert.equal(await count('call_events', `call_id = ${call.id}`), logged, 'a refusal writes nothing');
  assert.equal((await admin.get(`${base}/${call.id}`)).json.title, body.title);
  // a published call's deadline changes only through its own route
  checkProblem(await admin.req('PUT', `${base}/${call.id}`, { deadline_local: '2049-12-20T12:00' }), 409, 'deadline_local');
  // the same values are no change; texts and contacts change and are logged with the fields' names
  const text = await admin.req('PUT', `${base}/${call.id}`, { max_amount: frozen.json.max_amount, title: 'Integreringstilskudd – ny tittel',
    description: 'Ny tekst', contacts: [{ name: 'Ingerd Semb', email: 'ingerd.semb@vel.oslo.kommune.no', phone: '913 27 074' }] });
  assert.equal(text.status, 200, text.text);
  assert.equal(text.json.title, 'Integreringstilskudd – ny tittel');
  assert.equal(text.json.contacts[0].name, 'Ingerd Semb');
  const log = await events(call.id);
  assert.deepEqual(log.map(([k]) => k), ['created', 'published', 'changed']);
  assert.deepEqual(log[2][1].fields.sort(), ['contacts', 'description', 'title']);
  // published: no deletion
  checkProblem(await admin.del(`${base}/${call.id}`), 409, 'published');
});

test('a draft is deleted, and logged; a published call is not; copying last year\'s call makes next year\'s draft', async () => {
  const draft = await newCall();
  const del = await admin.del(`${base}/${draft.id}`);
  assert.equal(del.status, 204);
  checkProblem(await admin.get(`${base}/${draft.id}`), 404);
  assert.deepEqual((await events(draft.id)).map(([k]) => k), ['created', 'deleted']);
  checkProblem(await admin.del(`${base}/${draft.id}`), 404);

  const last = await newCall({ title: `Tilskudd ${nextYear - 0} – Oslo`, spring_due: null, budget_frame: 900000, max_amount: 400000,
    earmarks: [{ sub_goal: 'C', amount: 100000 }], contacts: [{ name: 'Lars Mannsåker', role: 'Tekniske spørsmål' }] });
  await admin.post(`${base}/${last.id}/publish`);
  const copy = await admin.post(base, { copy_from: last.id });
  assert.equal(copy.status, 201, copy.text);
  assert.equal(copy.json.year, last.year + 1);
  assert.equal(copy.json.published, false, 'a copy is a draft');
  assert.equal(copy.json.copied_from, last.id);
  assert.equal(copy.json.opens_local, '2027-01-01T08:00');
  assert.equal(copy.json.deadline_local, '2050-12-01T12:00');
  assert.deepEqual(copy.json.earmarks, last.earmarks);
  assert.deepEqual(copy.json.contacts, last.contacts);
  assert.equal(copy.json.budget_frame, 900000);
  assert.deepEqual((await events(copy.json.id)).map(([k, d]) => [k, d]), [['copied', { copied_from: last.id }]]);
  nextYear++;
  // a copy with changes given at once
  const changed = await admin.post(base, { copy_from: last.id, year: last.year + 3, title: 'Endret kopi', max_amount: 300000 });
  assert.equal(changed.status, 201, changed.text);
  assert.equal(changed.json.year, last.year + 3);
  assert.equal(changed.json.max_amount, 300000);
  nextYear += 3;
});

test('publication: a published call is public from its opening time; before it, 404 and not counted', async () => {
  const call = await newCall({ opens_local: '2049-01-01T08:00', deadline_local: '2049-06-01T12:00', report_due: '2050-02-01' });
  const pub = await admin.post(`${base}/${call.id}/publish`);
  assert.equal(pub.json.status, 'upcoming');
  checkProblem(await stack.req(`/api/v1/calls/${call.id}`), 404);
  const list = async () => (await stack.req(`/api/v1/calls?tenant=oslo&year=${call.year}`)).json.items.map((c) => c.id);
  assert.deepEqual(await list(), []);
  // when its opening has come (moved into the past here) it is there
  await stack.sql(`UPDATE calls SET opens_local = '2026-01-01 00:00:00' WHERE id = ${call.id}`);
  assert.deepEqual(await list(), [call.id]);
  assert.equal((await stack.req(`/api/v1/calls/${call.id}`)).status, 200);
});

test('extending the deadline and closing early are logged, and every organisation with a draft is told', async () => {
  const call = await newCall({ title: 'Utlysning med fristendring' });
  checkProblem(await admin.post(`${base}/${call.id}/deadline`, { deadline_local: '2049-12-20T12:00' }), 409, 'deadline_local');
  await admin.post(`${base}/${call.id}/publish`);
  const draft = await leader.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id });
  assert.equal(draft.status, 201);
  const told = () => count('outbox', `kind = 'call_deadline' AND subject LIKE '%Utlysning med fristendring%'`);
  const people = Number((await stack.sql(`SELECT COUNT(DISTINCT u.email_norm) FROM org_members m JOIN users u ON u.id = m.user_id
    WHERE m.org_id = ${orgId} AND m.role IN ('admin', 'signer', 'editor')`))[0][0]);
  assert.ok(people >= 1);

  const ext = await admin.post(`${base}/${call.id}/deadline`, { deadline_local: '2049-12-20T12:00', reason: 'Flere skal få søke' });
  assert.equal(ext.status, 200, ext.text);
  assert.equal(ext.json.deadline_local, '2049-12-20T12:00');
  assert.equal(await told(), people);
  const [[to, body]] = await stack.sql(`SELECT to_email, body FROM outbox WHERE kind = 'call_deadline' AND subject LIKE '%Utlysning med fristendring%' ORDER BY id LIMIT 1`);
  assert.ok(to.includes('@'));
  assert.match(body, /01\.12\.2049 kl\. 12\.00 til 20\.12\.2049 kl\. 12\.00/);
  assert.match(body, /Flere skal få søke/);

  const closed = await admin.post(`${base}/${call.id}/deadline`, { close: true });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.status, 'closed');
  assert.equal(await told(), 2 * people);
  checkProblem(await admin.post(`${base}/${call.id}/deadline`, { close: true }), 409, 'close');
  const log = await events(call.id);
  assert.deepEqual(log.map(([k]) => k), ['created', 'published', 'extended', 'closed']);
  assert.equal(log[2][1].from, '2049-12-01T12:00');
  assert.equal(log[2][1].to, '2049-12-20T12:00');
  assert.equal(log[3][1].from, '2049-12-20T12:00');
  // closed: the draft can no longer be submitted
  const s = await leader.post(`/api/v1/applications/${draft.json.id}/submit`);
  assert.ok([409, 422].includes(s.status), s.text);
});

test('IMDi\'s allocation is the ceiling of the municipality\'s frames of the scheme and year: 409 naming budget_frame', async () => {
  const year = nextYear++;
  await stack.sql(`INSERT INTO allocations (tenant_id, scheme_id, year, amount)
    SELECT t.id, s.id, ${year}, 1000000 FROM tenants t, schemes s WHERE t.slug = 'oslo' AND s.code = '${SCHEME}'`);
  const body = { scheme: SCHEME, year, opens_local: '2026-01-01T08:00', deadline_local: '2049-12-01T12:00', max_amount: 100000 };
  const before = [await count('calls'), await count('call_events')];
  const over = checkProblem(await admin.post(base, { ...body, budget_frame: 1500000 }), 409, 'budget_frame');
  assert.match(over.errors[0].detail, /1000000 kroner/);
  assert.deepEqual([await count('calls'), await count('call_events')], before, 'nothing written');
  const ok = await admin.post(base, { ...body, budget_frame: 800000 });
  assert.equal(ok.status, 201, ok.text);
  checkProblem(await admin.req('PUT', `${base}/${ok.json.id}`, { budget_frame: 1000001 }), 409, 'budget_frame');
  assert.equal((await admin.req('PUT', `${base}/${ok.json.id}`, { budget_frame: 1000000 })).status, 200);
  // IMDi lowers the allocation: publishing a frame over it is refused
  await stack.sql(`UPDATE allocations SET amount = 900000 WHERE year = ${year}`);
  checkProblem(await admin.post(`${base}/${ok.json.id}/publish`), 409, 'budget_frame');
  // without an allocation there is no ceiling
  const free = await newCall({ budget_frame: 50000000 });
  assert.equal(free.budget_frame, 50000000);
});

test('the scheme decides the defaults and the goal codes: the scheme for municipalities has priority areas', async () => {
  const year = nextYear++;
  const r = await admin.post(base, { scheme: 'kvalifisering-kommuner', year, opens_local: '2026-01-01T08:00', deadline_local: '2049-12-01T12:00' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.scheme.kind, 'public');
  assert.deepEqual(r.json.sub_goals.map((g) => g.code), ['1', '2', '4', '5']);
  assert.deepEqual(r.json.applicant_kinds, ['municipality', 'county']);
  assert.equal(r.json.payment_rule, 'two_terms');
  assert.equal(r.json.min_participants, 10);
  checkProblem(await admin.req('PUT', `${base}/${r.json.id}`, { sub_goals: ['A'] }), 422, 'sub_goals[0]');
  checkProblem(await admin.req('PUT', `${base}/${r.json.id}`, { applicant_kinds: ['voluntary'] }), 422, 'applicant_kinds');
  const op = await admin.post(base, { scheme: 'driftstilskudd-innvandrerorganisasjoner', year, opens_local: '2026-01-01T08:00', deadline_local: '2049-12-01T12:00' });
  assert.equal(op.status, 201, op.text);
  assert.equal(op.json.budget_rule, 'none');
  assert.equal(op.json.one_per_org, true);
  assert.deepEqual(op.json.applicant_kinds, ['immigrant']);
});

test('the tenant\'s contact persons: replaced in order, checked, shown on the calls that name none', async () => {
  const demo = await admin.get('/api/v1/tenants/oslo/contacts');
  assert.equal(demo.status, 200);
  assert.deepEqual(demo.json.items.map((c) => c.name).slice(0, 3), ['Bodil Fremstad', 'Ingerd Semb', 'Margrethe Siem']);
  const imdi = await (await loginAs(stack, 'admin@imdi.demo')).get('/api/v1/tenants/imdi/contacts');
  assert.equal(imdi.json.items[0].email, 'Fri-tilskudd@imdi.no');
  const before = await stack.sql('CHECKSUM TABLE tenant_contacts');
  checkProblem(await admin.req('PUT', '/api/v1/tenants/oslo/contacts', { items: [{ name: ' ' }] }), 422, 'items[0].name');
  checkProblem(await admin.req('PUT', '/api/v1/tenants/oslo/contacts', { items: [{ name: 'A', email: 'a@b' }] }), 422, 'items[0].email');
  checkProblem(await admin.req('PUT', '/api/v1/tenants/oslo/contacts', { items: [{ name: 'A', phone: 'ring meg' }] }), 422, 'items[0].phone');
  checkProblem(await admin.req('PUT', '/api/v1/tenants/oslo/contacts', { items: [{ email: 'a@b.no' }] }), 422, 'items[0].name');
  checkProblem(await admin.req('PUT', '/api/v1/tenants/oslo/contacts', {}), 422, 'items');
  assert.deepEqual(await stack.sql('CHECKSUM TABLE tenant_contacts'), before);
  const items = [{ name: 'Velferdsetaten', role: 'Felles adresse', email: 'tilskudd@vel.oslo.kommune.no', phone: '952 66 650' },
    { name: 'Lars Mannsåker', role: 'Tekniske spørsmål', email: 'lars.mannsaker@vel.oslo.kommune.no', phone: '+47 934 53 580' }];
  const put = await admin.req('PUT', '/api/v1/tenants/oslo/contacts', { items });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.items, items);
  // Oslo's demo call names no contacts of its own: the tenant's are shown
  const [[osloCall]] = await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'oslo' AND c.year = YEAR(CURDATE())");
  const pub = await stack.req(`/api/v1/calls/${osloCall}`);
  check('/api/v1/calls/{id}', 'get', 200, pub.headers.get('content-type'), pub.json);
  assert.deepEqual(pub.json.contacts, items);
  checkProblem(await (await loginAs(stack, 'saksbehandler@oslo.demo')).req('PUT', '/api/v1/tenants/oslo/contacts', { items }), 403);
});

test('cross-tenant: Oslo\'s administrators get 404 on Bergen\'s calls through every call route, and nothing changes', async () => {
  const [[bergenCall]] = await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'bergen' LIMIT 1");
  const tables = ['calls', 'call_earmarks', 'call_contacts', 'call_events', 'tenant_contacts', 'outbox'];
  const snap = async () => Promise.all(tables.map(async (t) => (await stack.sql(`CHECKSUM TABLE ${t}`))[0][1]));
  const before = await snap();
  const imdi = await loginAs(stack, 'admin@imdi.demo');
  for (const c of [admin, imdi]) {
    for (const slug of ['oslo', 'bergen']) {
      const u = `/api/v1/tenants/${slug}/calls/${bergenCall}`;
      checkProblem(await c.get(u), 404);
      checkProblem(await c.req('PUT', u, { title: 'Overtatt' }), 404);
      checkProblem(await c.del(u), 404);
      checkProblem(await c.post(`${u}/publish`), 404);
      checkProblem(await c.post(`${u}/deadline`, { close: true }), 404);
    }
    checkProblem(await c.post(base.replace('oslo', 'bergen'), { scheme: SCHEME, year: 2090 }), 404);
    checkProblem(await c.get('/api/v1/tenants/bergen/contacts'), 404);
    checkProblem(await c.req('PUT', '/api/v1/tenants/bergen/contacts', { items: [] }), 404);
  }
  // copying another tenant's call: no such call
  checkProblem(await admin.post(base, { copy_from: Number(bergenCall) }), 422, 'copy_from');
  assert.deepEqual(await snap(), before);
  // roles that are not enough: 403 in one's own tenant; no session: 401
  const cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  checkProblem(await cw.get(base), 403);
  checkProblem(await cw.post(base, { scheme: SCHEME, year: 2091 }), 403);
  checkProblem(await new Client(stack).get(base), 401);
});

test('bad input to the call routes gets 400/422 naming the field and writes nothing', async () => {
  const call = await newCall();
  const tables = ['calls', 'call_earmarks', 'call_contacts', 'call_events', 'idempotency_keys'];
  const snap = async () => Promise.all(tables.map(async (t) => (await stack.sql(`CHECKSUM TABLE ${t}`))[0][1]));
  const before = await snap();
  const ok = { scheme: SCHEME, year: 2095, opens_local: '2026-01-01T08:00', deadline_local: '2049-12-01T12:00' };
  for (const [b, field] of [
    [{}, 'scheme'], [{ scheme: SCHEME }, 'year'], [{ ...ok, scheme: 'ukjent' }, 'scheme'], [{ ...ok, year: 1999 }, 'year'],
    [{ ...ok, opens_local: '2030-13-01T00:00' }, 'opens_local'], [{ ...ok, opens_local: '2030-01-01' }, 'opens_local'],
    [{ ...ok, deadline_local: '2025-12-01T12:00' }, 'deadline_local'], [{ ...ok, min_amount: 500000, max_amount: 1000 }, 'min_amount'],
    [{ ...ok, budget_frame: 100, earmarks: [{ sub_goal: 'B', amount: 101 }] }, 'earmarks'],
    [{ ...ok, sub_goals: ['A'], budget_frame: 1000000, earmarks: [{ sub_goal: 'B', amount: 1 }] }, 'earmarks[0].sub_goal'],
    [{ ...ok, sub_goals: ['2'] }, 'sub_goals[0]'], [{ ...ok, sub_goals: [] }, 'sub_goals'], [{ ...ok, sub_goals: ['E'] }, 'sub_goals[0]'],
    [{ ...ok, applicant_kinds: ['voluntary', 'county'] }, 'applicant_kinds'], [{ ...ok, max_amount: -1 }, 'max_amount'],
    [{ ...ok, title: '' }, 'title'], [{ ...ok, spring_due: '2030-02-30' }, 'spring_due'], [{ ...ok, max_years: 0 }, 'max_years'],
    [{ ...ok, payment_rule: 'always' }, 'payment_rule'], [{ ...ok, criteria: [''] }, 'criteria[0]'],
    [{ ...ok, contacts: [{ name: 'X', email: 'ikke en adresse' }] }, 'contacts[0].email'], [{ ...ok, unknown: 1 }, 'unknown'],
    [{ copy_from: 99999999 }, 'copy_from'],
  ]) checkProblem(await admin.post(base, b), 422, field);
  const notJson = await admin.req('POST', base, '{"scheme":', { 'content-type': 'application/json' });
  checkProblem(notJson, 400);
  checkProblem(await admin.post(base, ok, { 'idempotency-key': 'x' }), 400, 'Idempotency-Key');
  checkProblem(await admin.get(`${base}?year=20x`), 400, 'year');
  const u = `${base}/${call.id}`;
  checkProblem(await admin.req('PUT', u, { min_amount: 2000000 }), 422, 'min_amount');
  checkProblem(await admin.req('PUT', u, { deadline_local: '2020-01-01T00:00' }), 422, 'deadline_local');
  checkProblem(await admin.req('PUT', u, { scheme: 'ukjent' }), 422, 'scheme');
  checkProblem(await admin.req('PUT', u, { title: 5 }), 422, 'title');
  checkProblem(await admin.req('PUT', `${base}/99999999`, { title: 'x' }), 404);
  checkProblem(await admin.req('PUT', `${base}/abc`, { title: 'x' }), 404);
  await admin.post(`${u}/publish`);
  const published = await snap();
  for (const [b, field] of [[{}, 'deadline_local'], [{ deadline_local: 'i morgen' }, 'deadline_local'],
    [{ deadline_local: '2020-01-01T00:00' }, 'deadline_local'], [{ deadline_local: '2049-02-30T12:00' }, 'deadline_local'],
    [{ close: 'ja' }, 'close']]) checkProblem(await admin.post(`${u}/deadline`, b), 422, field);
  assert.deepEqual(await snap(), published, 'nothing written');
  assert.notDeepEqual(published, before);
});
