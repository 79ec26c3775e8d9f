// tenancy.test.mjs: strict tenant and organisation isolation. A cross-tenant matrix over every
// tenant-scoped route and method in the route table (fcgi/api/routes.c): Oslo's staff against
// Bergen's objects get 404 and the database does not change; the same for organisation-scoped
// routes. Also: roles that are not enough get 403 within one's own tenant, and the tenant
// administration (staff, security log, outbox) works and is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem, doc } from '../lib/openapi.mjs';

let stack;
before(async () => { stack = await startStack({ workers: 2 }); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

/** The operations of the OpenAPI document by operationId: { method, pattern }. */
function operations() {
  const ops = {};
  for (const [pattern, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item)) if (op.operationId) ops[op.operationId] = { method: m.toUpperCase(), pattern };
  return ops;
}

/** The routes of fcgi/api/routes.c with the given auth kind: [{ method, pattern, type }], type being
 *  the body's content type the route declares (null: JSON). A route names its operation of the
 *  OpenAPI document, which gives its method and path. */
function routesOf(kind) {
  const src = readFileSync(path.join(ROOT, 'fcgi/api/routes.c'), 'utf8').replace(/\n\s+/g, ' ');
  const ops = operations();
  return [...src.matchAll(/\{ API\((\w+)\), \w+, (ROUTE_\w+), \w+, (?:"([^"]+)"|\w+)/g)]
    .filter((m) => kind === null || m[2] === kind)
    .map((m) => ({ op: m[1], ...ops[m[1]], type: m[3] ?? null }));
}

/** A fingerprint of every table a tenant- or organisation-scoped route could change. */
async function snapshot() {
  const tables = ['tenant_staff', 'users', 'organisations', 'org_members', 'outbox', 'email_tokens', 'applications', 'application_events',
    'case_impartiality', 'case_assessments', 'case_comments', 'letters', 'payments', 'appeals', 'reports', 'change_requests',
    'signer_requests', 'signer_authority', 'calls', 'call_earmarks', 'call_contacts', 'call_events', 'tenant_contacts',
    'published_years', 'publication_events', 'allocations', 'admin_costs', 'historical_statistics'];
  const out = {};
  for (const t of tables) out[t] = (await stack.sql(`CHECKSUM TABLE ${t}`))[0][1];
  out.security_log = (await stack.sql('SELECT COUNT(*) FROM security_log WHERE event LIKE \'role%\''))[0][0];
  return out;
}

const bodyFor = (method) => (method === 'POST' || method === 'PUT' || method === 'PATCH'
  ? { email: 'saksbehandler@bergen.demo', role: 'caseworker', user_id: 1 } : undefined);
/** A request of route r by client c with a well-formed body of the route's type, so that what
 *  answers is the tenant check, not the content-type check. */
const send = (c, r, url) => (r.type === 'text/csv'
  ? c.req(r.method, url, 'forvalter;år;mottaker;prosjekt;beløp\nbergen;2019;"Lag";"Prosjekt";"10 000"\n', { 'content-type': 'text/csv' })
  : c.req(r.method, url, bodyFor(r.method)));

test('every route of the route table is documented in the OpenAPI file', () => {
  const all = routesOf(null);
  for (const r of all) assert.ok(doc.paths[r.pattern]?.[r.method.toLowerCase()], `OpenAPI documents ${r.op}`);
  // and every operation of the document is routed, once
  assert.deepEqual(all.map((r) => r.op).sort(), Object.keys(operations()).sort());
  const routes = routesOf('ROUTE_TENANT');
  assert.ok(routes.length >= 5, 'the route table has tenant-scoped routes');
  for (const r of routes) {
    assert.ok(r.pattern.startsWith('/api/v1/tenants/{slug}/'), r.pattern);
    assert.ok(doc.paths[r.pattern]?.[r.method.toLowerCase()], `OpenAPI documents ${r.method} ${r.pattern}`);
  }
  for (const r of routesOf('ROUTE_ORG')) assert.ok(doc.paths[r.pattern]?.[r.method.toLowerCase()], `${r.method} ${r.pattern}`);
});

test('cross-tenant matrix: Oslo staff get 404 on every Bergen route and nothing changes', async () => {
  const [[bergenStaffId]] = await stack.sql("SELECT s.id FROM tenant_staff s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'bergen' LIMIT 1");
  // a submitted application in Bergen, for the case routes
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, data, created_by, updated_by, reference, submitted_at)
    SELECT o.id, c.id, c.tenant_id, 'submitted', 'Bergens søknad', '{}', 1, 1, 'BGO-MATRIX-1', UTC_TIMESTAMP()
    FROM organisations o, calls c JOIN tenants t ON t.id = c.tenant_id WHERE o.orgnr = '987654325' AND t.slug = 'bergen' LIMIT 1`);
  const [[bergenCaseId]] = await stack.sql("SELECT id FROM applications WHERE reference = 'BGO-MATRIX-1'");
  const [[bergenCallId]] = await stack.sql("SELECT c.id FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'bergen' LIMIT 1");
  // a change request and an appeal forwarded to IMDi on it, for the routes that name them
  await stack.sql(`INSERT INTO change_requests (application_id, kind, description, requested_by) VALUES (${bergenCaseId}, 'budget', 'Flytte midler', 1)`);
  await stack.sql(`INSERT INTO appeals (application_id, tenant_id, filed_by, reasons, status, appeal_body)
    SELECT ${bergenCaseId}, tenant_id, 1, 'Uenig', 'forwarded', 'imdi' FROM applications WHERE id = ${bergenCaseId}`);
  const [[bergenCrId]] = await stack.sql(`SELECT id FROM change_requests WHERE application_id = ${bergenCaseId}`);
  // a request to Bergen's caseworkers to check someone's signing rights
  await stack.sql(`INSERT INTO signer_requests (org_id, user_id, method, tenant_id)
    SELECT org_id, created_by, 'caseworker', tenant_id FROM applications WHERE id = ${bergenCaseId}`);
  const [[bergenSignerReqId]] = await stack.sql(`SELECT MAX(id) FROM signer_requests`);
  const [[bergenAppealId]] = await stack.sql(`SELECT id FROM appeals WHERE application_id = ${bergenCaseId}`);
  // an administration cost Bergen recorded, for IMDi's consent route
  await stack.sql(`INSERT INTO admin_costs (tenant_id, scheme_id, year, amount)
    SELECT t.id, s.id, 2026, 1000 FROM tenants t, schemes s WHERE t.slug = 'bergen' AND s.code = 'frivillig-integrering'`);
  const [[bergenCostId]] = await stack.sql('SELECT MAX(id) FROM admin_costs');
  const fillAlloc = (u, cost) => u.replace('{year}', '2026').replace('{scheme}', 'frivillig-integrering').replace('{municipality}', 'bergen')
    .replace('{cost_id}', cost);
  const clients = {};
  for (const who of ['saksbehandler', 'beslutter', 'admin']) clients[who] = await loginAs(stack, `${who}@oslo.demo`);
  clients.imdiAdmin = await loginAs(stack, 'admin@imdi.demo'); // national admin: still not Bergen's staff
  clients.applicant = await loginAs(stack, 'leder@frivillig.demo');
  const before = await snapshot();
  let n = 0;
  for (const r of routesOf('ROUTE_TENANT')) {
    let url = r.pattern.replace('{slug}', 'bergen').replace('{id}', bergenStaffId).replace('{app_id}', bergenCaseId).replace('{call_id}', bergenCallId)
      .replace('{cr_id}', bergenCrId).replace('{appeal_id}', bergenAppealId).replace('{request_id}', bergenSignerReqId)
      .replace('{year}', '2026');
    url = fillAlloc(url, bergenCostId);
    assert.doesNotMatch(url, /\{/, `every placeholder of ${r.pattern} is filled`);
    for (const [who, c] of Object.entries(clients)) {
      const res = await send(c, r, url);
      checkProblem(res, 404);
      n++;
      void who;
    }
    // and a tenant that does not exist looks the same
    checkProblem(await send(clients.admin, r, fillAlloc(r.pattern.replace('{slug}', 'atlantis').replace('{id}', '1').replace('{app_id}', '1').replace('{call_id}', '1').replace('{cr_id}', '1').replace('{appeal_id}', '1').replace('{request_id}', '1').replace('{year}', '2026'), '1')), 404);
    // without a session: 401 before anything else
    checkProblem(await send(new Client(stack), r, url), 401);
  }
  assert.ok(n >= 25, `${n} cross-tenant requests`);
  assert.deepEqual(await snapshot(), before, 'the database is unchanged');
});

test('organisation matrix: people without a role in the organisation get 404 and nothing changes', async () => {
  await stack.sql(`INSERT IGNORE INTO organisations (orgnr, name, municipality, kind, volunteer_register)
    VALUES ('974760673', 'Annen Forening', 'Bergen', 'voluntary', 1)`);
  const [[other]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '974760673'");
  const [[own]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const leader = await loginAs(stack, 'leder@frivillig.demo');
  const caseworker = await loginAs(stack, 'saksbehandler@oslo.demo');
  const before = await snapshot();
  for (const r of routesOf('ROUTE_ORG')) {
    for (const c of [leader, caseworker]) checkProblem(await c.req(r.method, r.pattern.replace('{id}', other), bodyFor(r.method)), 404);
    checkProblem(await leader.req(r.method, r.pattern.replace('{id}', '999999999'), bodyFor(r.method)), 404);
  }
  assert.deepEqual(await snapshot(), before);
  // their own organisation answers
  const mine = await leader.get(`/api/v1/organisations/${own}`);
  assert.equal(mine.status, 200);
  check('/api/v1/organisations/{id}', 'get', 200, mine.headers.get('content-type'), mine.json);
  assert.equal(mine.json.kind, 'immigrant');
  assert.equal(mine.json.volunteer_register, true);
  assert.deepEqual(mine.json.my_roles, ['admin', 'signer']);
  const members = await leader.get(`/api/v1/organisations/${own}/members`);
  assert.equal(members.status, 200);
  assert.deepEqual(members.json.items.map((m) => m.email).sort(), ['leder@frivillig.demo', 'medlem@frivillig.demo']);
  // an editor may see the organisation but not manage members
  const member = await loginAs(stack, 'medlem@frivillig.demo');
  assert.equal((await member.get(`/api/v1/organisations/${own}`)).status, 200);
  checkProblem(await member.get(`/api/v1/organisations/${own}/members`), 403);
});

test('within its own tenant a role that is not enough gets 403', async () => {
  const cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  checkProblem(await cw.get('/api/v1/tenants/oslo/staff'), 403);
  checkProblem(await cw.post('/api/v1/tenants/oslo/staff', { email: 'medlem@frivillig.demo', role: 'caseworker' }), 403);
  checkProblem(await cw.get('/api/v1/tenants/oslo/security-log'), 403);
  const osloAdmin = await loginAs(stack, 'admin@oslo.demo');
  checkProblem(await osloAdmin.get('/api/v1/tenants/oslo/outbox'), 403, undefined);
  checkProblem(await osloAdmin.get('/api/v1/tenants/imdi/outbox'), 404);
});

test('a tenant admin adds and removes staff; every change is audited with who did it', async () => {
  const admin = await loginAs(stack, 'admin@oslo.demo');
  const add = await admin.post('/api/v1/tenants/oslo/staff', { email: 'Medlem@Frivillig.demo', role: 'caseworker' });
  assert.equal(add.status, 201, add.text);
  const list = await admin.get('/api/v1/tenants/oslo/staff');
  assert.ok(list.json.items.some((s) => s.email === 'medlem@frivillig.demo' && s.role === 'caseworker'));
  checkProblem(await admin.post('/api/v1/tenants/oslo/staff', { email: 'medlem@frivillig.demo', role: 'caseworker' }), 409);
  checkProblem(await admin.post('/api/v1/tenants/oslo/staff', { email: 'ingen@eksempel.no', role: 'caseworker' }), 422, 'email');
  checkProblem(await admin.post('/api/v1/tenants/oslo/staff', { email: 'medlem@frivillig.demo', role: 'boss' }), 422, 'role');
  checkProblem(await admin.post('/api/v1/tenants/oslo/staff', { email: 'medlem@frivillig.demo', role: 'national_admin' }), 422, 'role');
  checkProblem(await admin.post('/api/v1/tenants/oslo/staff', { email: 'medlem@frivillig.demo' }), 422, 'role');

  // the new caseworker now works in Oslo as well as being an applicant
  const medlem = await loginAs(stack, 'medlem@frivillig.demo');
  const me = await medlem.get('/api/v1/me');
  assert.deepEqual(me.json.tenants.map((t) => [t.slug, t.roles]), [['oslo', ['caseworker']]]);
  assert.equal(me.json.organisations.length, 1);

  const removed = await admin.del(`/api/v1/tenants/oslo/staff/${add.json.id}`);
  assert.equal(removed.status, 204);
  checkProblem(await admin.del(`/api/v1/tenants/oslo/staff/${add.json.id}`), 404);
  assert.deepEqual((await medlem.get('/api/v1/me')).json.tenants, []);

  // an admin cannot remove their own admin role (nobody would be left to fix it)
  const [[ownId]] = await stack.sql("SELECT s.id FROM tenant_staff s JOIN users u ON u.id = s.user_id WHERE u.email_norm = 'admin@oslo.demo' AND s.role = 'tenant_admin'");
  checkProblem(await admin.del(`/api/v1/tenants/oslo/staff/${ownId}`), 409);

  const log = await admin.get('/api/v1/tenants/oslo/security-log');
  assert.equal(log.status, 200);
  const roleEvents = log.json.items.filter((e) => e.user_email === 'medlem@frivillig.demo');
  assert.deepEqual(roleEvents.map((e) => [e.event, e.actor_email, e.tenant, e.ip]), [
    ['role_removed', 'admin@oslo.demo', 'oslo', '127.0.0.1'],
    ['role_added', 'admin@oslo.demo', 'oslo', '127.0.0.1'],
  ]);
  assert.ok(log.json.items.every((e) => e.tenant === 'oslo'), 'a tenant admin sees only their tenant');
  const national = await (await loginAs(stack, 'admin@imdi.demo')).get('/api/v1/tenants/imdi/security-log?per_page=200');
  assert.ok(national.json.items.some((e) => e.tenant === 'oslo'), 'IMDi\'s national admin sees every tenant');
  assert.ok(national.json.items.some((e) => e.event === 'login' && e.tenant === null));
});

test('the outbox is readable by IMDi\'s national admin, filtered by recipient', async () => {
  await new Client(stack).post('/api/v1/auth/reset-request', { email: 'leder@frivillig.demo' });
  const imdi = await loginAs(stack, 'admin@imdi.demo');
  const r = await imdi.get('/api/v1/tenants/imdi/outbox?to=leder@frivillig.demo&per_page=5');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 1);
  assert.equal(r.json.items[0].kind, 'password_reset');
  assert.ok(r.json.items.every((m) => m.to === 'leder@frivillig.demo'));
  checkProblem(await imdi.get('/api/v1/tenants/imdi/outbox?per_page=0'), 400, 'per_page');
  checkProblem(await imdi.get('/api/v1/tenants/imdi/outbox?bogus=1'), 400, 'bogus');
});
