// hardening-register.test.mjs: who may sign for an organisation (issue 11, item 9). The public
// register is imported offline (portalctl import-register: the sample files in tests/register/),
// all or nothing and idempotent; where it is loaded, an organisation's name, kind and registrations
// come from it and an unknown number is refused; the registrant is admin without signing rights
// until a link to the organisation's e-mail address in the register, or a caseworker's recorded
// check, verifies them (or a signer delegates); and the receipt says how the signer's authority was
// established. Bad input to every new route answers 400/422 naming the field and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';
import { validDraft, insertCall } from '../lib/apps.mjs';

const UNITS = path.join(ROOT, 'tests/register/enheter.csv');
const LISTING = path.join(ROOT, 'tests/register/frivillighetsregisteret.csv');

let stack, call;
before(async () => {
  stack = await startStack({ workers: 3 });
  call = await insertCall(stack, 'oslo');
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const count = async (table, where = '1') => Number((await stack.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`))[0][0]);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** portalctl import-register FILE: { code, stdout, stderr }. */
async function importRegister(file) {
  try {
    const r = await stack.ctl('import-register', file);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A register file written for the test (in the stack's own directory). */
async function writeTemp(name, text) {
  const dir = await mkdtemp(path.join(stack.dir, 'reg-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** A new, verified and logged-in account. */
let seq = 0;
async function newUser(name = 'Ny Person') {
  const email = `reg-${Date.now()}-${seq++}@eksempel.no`;
  const c = new Client(stack);
  assert.equal((await c.post('/api/v1/auth/register', { email, name, password: 'Et-godt-passord-42' })).status, 202);
  const [[body]] = await stack.sql(`SELECT body FROM outbox WHERE to_email = ${q(email)} ORDER BY id DESC LIMIT 1`);
  assert.equal((await c.post('/api/v1/auth/verify', { token: /token=([\w-]+)/.exec(body)[1] })).status, 200);
  await c.login(email, 'Et-godt-passord-42');
  c.email = email;
  c.name = name;
  return c;
}

/** A made-up organisation number with a valid modulus-11 check digit (8xxxxxxxx: not in the sample). */
function freshOrgnr() {
  for (;;) {
    const d = [8, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * d[i], 0);
    let k = 11 - (sum % 11);
    if (k === 11) k = 0;
    if (k !== 10) return d.join('') + k;
  }
}

const declared = { name: 'Selverklært Navn', municipality: 'Selvvalgt', kind: 'voluntary', volunteer_register: false, business_register: false };

/** The last email of kind to address: its body. */
async function lastMail(to, kind) {
  const rows = await stack.sql(`SELECT body FROM outbox WHERE to_email = ${q(to)} AND kind = ${q(kind)} ORDER BY id DESC LIMIT 1`);
  return rows.length ? rows[0][0] : null;
}
const linkToken = (body) => /signaturrett\.html\?token=([\w-]+)/.exec(body)[1];

/** A draft of org for the test's Oslo call, valid for submission. */
async function draftOf(client, orgId) {
  const c = await client.post(`/api/v1/organisations/${orgId}/applications`, { call_id: call.id });
  assert.equal(c.status, 201, c.text);
  const r = await client.req('PUT', `/api/v1/applications/${c.json.id}`, validDraft({ startYear: call.year }), { 'if-match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  return c.json.id;
}

let spraak; // { client, orgId }: SPRÅKVENNER GRORUD, registered from the register

test('without register data, numbers are declared and the registrant is admin without signing rights', async () => {
  const c = await newUser();
  const lookup = await c.get(`/api/v1/register?orgnr=${freshOrgnr()}`);
  assert.equal(lookup.status, 200);
  assert.deepEqual([lookup.json.loaded, lookup.json.found, lookup.json.unit], [false, false, null]);
  const r = await c.post('/api/v1/organisations', { ...declared, orgnr: freshOrgnr() });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.my_roles, ['admin']);
  assert.equal(r.json.from_register, false);
  assert.equal(r.json.register_email, null);
  assert.deepEqual(r.json.my_signing, { authority: null, pending: [] });
  assert.equal(r.json.name, 'Selverklært Navn');
  assert.equal(await count('org_members', `org_id = ${r.json.id} AND role = 'signer'`), 0);
  // an admin who cannot sign cannot submit
  const app = await draftOf(c, r.json.id);
  checkProblem(await c.post(`/api/v1/applications/${app}/submit`, {}), 403);
  assert.equal((await stack.sql(`SELECT status FROM applications WHERE id = ${app}`))[0][0], 'draft');
});

test('import-register: a file with a fault imports nothing and names line and field; the sample files import once, and again change nothing', async () => {
  const bad = await writeTemp('bad.csv', 'organisasjonsnummer;navn;organisasjonsform.kode\n999900100;LAG;FLI\n999900101;LAG;FLI\n;;\n');
  let r = await importRegister(bad);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /bad\.csv:3: organisasjonsnummer: /);
  assert.match(r.stderr, /bad\.csv:4: navn: /);
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(await count('register_units'), 0, 'nothing written');
  r = await importRegister(await writeTemp('unknown.csv', 'orgnr;name\n999900100;LAG\n'));
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /:1: file: Kjenner ikke igjen filen/);
  r = await importRegister(path.join(stack.dir, 'no-such-file.csv'));
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /cannot open/);

  const demoBefore = (await stack.sql("SELECT name, kind FROM organisations WHERE orgnr = '987654325'"))[0];
  assert.deepEqual(demoBefore, ['Frivillig Fellesskap Demo', 'immigrant']);
  r = await importRegister(UNITS);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Enhetsregisteret, 8 rows: 8 new, 0 changed, 0 unchanged; 1 organisations in the portal updated; 1 e-mail addresses not usable/);
  assert.equal(await count('register_units'), 8);
  // the demo organisation's data now come from the register; an FLI keeps its declared immigrant kind
  const demo = (await stack.sql("SELECT name, municipality, kind, business_register, business_since FROM organisations WHERE orgnr = '987654325'"))[0];
  assert.deepEqual(demo, ['FRIVILLIG FELLESSKAP DEMO', 'Oslo', 'immigrant', '1', '2015-02-10']);
  assert.equal((await stack.sql("SELECT email FROM register_units WHERE orgnr = '999900143'"))[0][0], null, 'an unusable address is left out');
  assert.equal((await stack.sql("SELECT email FROM register_units WHERE orgnr = '999900100'"))[0][0], 'styret@sprakvenner.example');

  r = await importRegister(UNITS);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /8 rows: 0 new, 0 changed, 8 unchanged; 0 organisations in the portal updated/);
  r = await importRegister(LISTING);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Frivillighetsregisteret, 4 rows: 4 new/);
  assert.deepEqual((await stack.sql("SELECT volunteer_register, volunteer_since FROM organisations WHERE orgnr = '987654325'"))[0], ['1', '2015-03-01']);
  assert.equal(await count('security_log', "event = 'register_imported'"), 3);
});

test('where the register is loaded, registering takes name, kind and registrations from it, and an unknown number or form is refused (422 on orgnr)', async () => {
  const c = await newUser('Språk Leder');
  const before = await count('organisations');
  // the lookup the registration form makes
  let l = await c.get('/api/v1/register?orgnr=999900100');
  assert.equal(l.status, 200);
  assert.equal(l.json.loaded, true);
  assert.equal(l.json.found, true);
  assert.deepEqual(l.json.unit, { name: 'SPRÅKVENNER GRORUD', form: 'FLI', kind: 'voluntary', kinds: ['voluntary', 'immigrant'], municipality: 'Oslo',
    email: 'styret@sprakvenner.example', volunteer_register: true, volunteer_since: '2019-05-12', business_register: true, business_since: '2019-04-02' });
  l = await c.get(`/api/v1/register?orgnr=${freshOrgnr()}`);
  assert.deepEqual([l.json.loaded, l.json.found, l.json.unit], [true, false, null]);
  assert.equal((await c.get('/api/v1/register?orgnr=999900151')).json.unit.kind, null, 'AS: not a form the scheme is for');
  for (const [url, field] of [['/api/v1/register', 'orgnr'], ['/api/v1/register?orgnr=123', 'orgnr'], ['/api/v1/register?orgnr=999900101', 'orgnr'],
    ['/api/v1/register?orgnr=999900100&x=1', 'x'], ['/api/v1/register?orgnr=999900100&orgnr=999900119', 'orgnr']]) checkProblem(await c.get(url), 400, field);
  checkProblem(await new Client(stack).get('/api/v1/register?orgnr=999900100'), 401);

  // an unknown number and a company are refused, naming the field, and nothing is written
  checkProblem(await c.post('/api/v1/organisations', { ...declared, orgnr: freshOrgnr() }), 422, 'orgnr');
  const as = await c.post('/api/v1/organisations', { ...declared, orgnr: '999900151' });
  checkProblem(as, 422, 'orgnr');
  assert.match(as.json.errors[0].detail, /\(AS\)/);
  assert.equal(await count('organisations'), before, 'nothing written');

  // what the body says of name, municipality and registrations is not taken; the kind of an FLI is
  const r = await c.post('/api/v1/organisations', { ...declared, kind: 'immigrant', orgnr: '999900100' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.name, r.json.municipality, r.json.kind, r.json.volunteer_register, r.json.volunteer_since, r.json.business_register, r.json.business_since, r.json.from_register],
    ['SPRÅKVENNER GRORUD', 'Oslo', 'immigrant', true, '2019-05-12', true, '2019-04-02', true]);
  assert.equal(r.json.register_email, 'styret@sprakvenner.example');
  assert.deepEqual(r.json.my_roles, ['admin']);
  spraak = { client: c, orgId: r.json.id };
  // a foundation is a foundation whatever is declared
  const sti = await (await newUser()).post('/api/v1/organisations', { ...declared, kind: 'voluntary', orgnr: '999900127' });
  assert.equal(sti.status, 201, sti.text);
  assert.equal(sti.json.kind, 'foundation');
  // changes keep the register's data; only the declared part changes
  const upd = await c.req('PUT', `/api/v1/organisations/${r.json.id}`, { ...declared, name: 'Kapret Navn', kind: 'voluntary', has_employees: true });
  assert.equal(upd.status, 200, upd.text);
  assert.deepEqual([upd.json.name, upd.json.kind, upd.json.volunteer_register], ['SPRÅKVENNER GRORUD', 'voluntary', true]);
  const upd2 = await c.req('PUT', `/api/v1/organisations/${r.json.id}`, { ...declared, kind: 'county' });
  assert.equal(upd2.json.kind, 'voluntary', 'an FLI is voluntary or immigrant, not what else is declared');
});

test('signing rights by a link to the register\'s e-mail address: single use, ended by a newer link, by expiry and by a changed address; at most 3 a day', async () => {
  const { client: c, orgId } = spraak;
  const app = await draftOf(c, orgId);
  checkProblem(await c.post(`/api/v1/applications/${app}/submit`, {}), 403);
  // bad input writes nothing
  const requestsBefore = await count('signer_requests');
  for (const [body, field] of [[{}, 'method'], [{ method: 'fax' }, 'method'], [{ method: 'email', tenant: 'oslo' }, 'tenant'], [{ method: 'email', x: 1 }, 'x'],
    [{ method: 'caseworker' }, 'tenant'], [{ method: 'caseworker', tenant: 'Oslo!' }, 'tenant'], [{ method: 7 }, 'method']]) {
    checkProblem(await c.post(`/api/v1/organisations/${orgId}/signer-requests`, body), 422, field);
  }
  checkProblem(await c.req('POST', `/api/v1/organisations/${orgId}/signer-requests`, '{not json'), 400);
  checkProblem(await c.req('POST', `/api/v1/organisations/${orgId}/signer-requests`, 'method=email', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  assert.equal(await count('signer_requests'), requestsBefore);

  const first = await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' });
  assert.equal(first.status, 202, first.text);
  assert.deepEqual(first.json, { method: 'email', email: 'styret@sprakvenner.example' });
  const mail1 = await lastMail('styret@sprakvenner.example', 'signer_link');
  assert.match(mail1, /Språk Leder \(reg-.*@eksempel\.no\) ber om å få signere/);
  assert.match(mail1, /SPRÅKVENNER GRORUD \(org\.nr\. 999900100\)/);
  // the link carries a one-time token: the outbox view shows the email without its body
  const outbox = await (await loginAs(stack, 'admin@imdi.demo')).get('/api/v1/tenants/imdi/outbox?to=styret%40sprakvenner.example');
  assert.equal(outbox.status, 200);
  assert.ok(outbox.json.items.some((m) => m.kind === 'signer_link' && m.body === null), 'the signer link is listed without its body');
  assert.doesNotMatch(outbox.text, /token=/);
  const pending = (await c.get(`/api/v1/organisations/${orgId}`)).json.my_signing;
  assert.equal(pending.authority, null);
  assert.deepEqual(pending.pending.map((p) => [p.method, p.email]), [['email', 'styret@sprakvenner.example']]);
  // a newer link ends the older
  assert.equal((await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' })).status, 202);
  const mail2 = await lastMail('styret@sprakvenner.example', 'signer_link');
  const anon = new Client(stack);
  checkProblem(await anon.post('/api/v1/signer-requests/confirm', { token: linkToken(mail1) }), 422, 'token');
  for (const [body, field] of [[{}, 'token'], [{ token: 'nope' }, 'token'], [{ token: 5 }, 'token'], [{ token: linkToken(mail2), extra: 1 }, 'extra']]) {
    checkProblem(await anon.post('/api/v1/signer-requests/confirm', body), 422, field);
  }
  checkProblem(await anon.req('POST', '/api/v1/signer-requests/confirm', { token: linkToken(mail2) }, { 'x-portal-request': null }), 403);
  assert.equal(await count('org_members', `org_id = ${orgId} AND role = 'signer'`), 0, 'nothing confirmed yet');
  // the third link of the day is the last
  assert.equal((await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' })).status, 202);
  const mail3 = await lastMail('styret@sprakvenner.example', 'signer_link');
  const tooMany = await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' });
  checkProblem(tooMany, 429);
  assert.equal(tooMany.headers.get('retry-after'), '3600');

  // whoever reads the register's mailbox confirms; no login needed; once
  const ok = await anon.post('/api/v1/signer-requests/confirm', { token: linkToken(mail3) });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { organisation_id: orgId, organisation: 'SPRÅKVENNER GRORUD', name: 'Språk Leder' });
  checkProblem(await anon.post('/api/v1/signer-requests/confirm', { token: linkToken(mail3) }), 422, 'token');
  const org = (await c.get(`/api/v1/organisations/${orgId}`)).json;
  assert.deepEqual(org.my_roles, ['admin', 'signer']);
  assert.match(org.my_signing.authority, /^Signaturretten er bekreftet \d+\. \p{L}+ \d{4} gjennom en lenke sendt til organisasjonens e-postadresse i Enhetsregisteret \(styret@sprakvenner\.example\)\.$/u);
  assert.match(await lastMail(c.email, 'signer_confirmed'), /Du har nå signaturrett for SPRÅKVENNER GRORUD/);

  // and the receipt says how the authority was established, in words
  const sub = await c.post(`/api/v1/applications/${app}/submit`, {}, { 'idempotency-key': `register-${app}` });
  assert.equal(sub.status, 201, sub.text);
  const receipt = await c.get(`/api/v1/applications/${app}/receipt`);
  assert.equal(receipt.json.signed_by.authority, org.my_signing.authority);
  assert.equal(receipt.json.organisation.from_register, true);
  assert.ok((await lastMail(c.email, 'receipt')).includes(org.my_signing.authority));
});

test('a link stops working when it expires or when the register gives another address', async () => {
  const { client: admin, orgId } = spraak;
  // two more members ask; one link expires, the other's address changes in the register
  const ask = async () => {
    const m = await newUser('Nytt Medlem');
    assert.equal((await admin.post(`/api/v1/organisations/${orgId}/invitations`, { email: m.email, role: 'editor' })).status, 201);
    const token = /invitasjon\.html\?token=([\w-]+)/.exec(await lastMail(m.email, 'org_invitation'))[1];
    assert.equal((await m.post('/api/v1/invitations/accept', { token })).status, 200);
    return m;
  };
  await stack.sql(`DELETE FROM signer_requests WHERE org_id = ${orgId} AND method = 'email'`); // a new day for the link limit
  const late = await ask();
  assert.equal((await late.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' })).status, 202);
  const lateToken = linkToken(await lastMail('styret@sprakvenner.example', 'signer_link'));
  await stack.sql(`UPDATE signer_requests SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE org_id = ${orgId} AND user_id = (SELECT id FROM users WHERE email_norm = ${q(late.email)})`);
  checkProblem(await new Client(stack).post('/api/v1/signer-requests/confirm', { token: lateToken }), 422, 'token');

  const moved = await ask();
  assert.equal((await moved.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' })).status, 202);
  const movedToken = linkToken(await lastMail('styret@sprakvenner.example', 'signer_link'));
  const units = await readFile(UNITS, 'utf8');
  const r = await importRegister(await writeTemp('enheter.csv', units.replace('Styret@Sprakvenner.example', 'ny-leder@sprakvenner.example')));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /0 new, 1 changed, 7 unchanged/);
  checkProblem(await new Client(stack).post('/api/v1/signer-requests/confirm', { token: movedToken }), 422, 'token');
  assert.equal(await count('org_members', `org_id = ${orgId} AND role = 'signer'`), 1, 'only the first signer');
  assert.equal((await admin.get(`/api/v1/organisations/${orgId}`)).json.register_email, 'ny-leder@sprakvenner.example');
});

let bergenReq; // a caseworker request at Oslo from Bergen Kvinnenettverk
test('signing rights by a caseworker\'s recorded check: asked of a tenant where the organisation applies, decided by its caseworker, with what was checked', async () => {
  const c = await newUser('Kvinne Leder');
  const r = await c.post('/api/v1/organisations', { ...declared, orgnr: '999900119' });
  assert.equal(r.status, 201, r.text);
  const orgId = r.json.id;
  assert.equal(r.json.register_email, null);
  checkProblem(await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'email' }), 422, 'method'); // no address in the register
  checkProblem(await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'caseworker', tenant: 'oslo' }), 422, 'tenant'); // no application there
  checkProblem(await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'caseworker', tenant: 'atlantis' }), 422, 'tenant');
  const app = await draftOf(c, orgId);
  const asked = await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'caseworker', tenant: 'oslo' });
  assert.equal(asked.status, 202, asked.text);
  assert.deepEqual(asked.json, { method: 'caseworker', email: null });
  assert.deepEqual((await c.get(`/api/v1/organisations/${orgId}`)).json.my_signing.pending.map((p) => [p.method, p.tenant]), [['caseworker', 'Oslo kommune']]);

  const cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  const list = await cw.get('/api/v1/tenants/oslo/signer-requests');
  assert.equal(list.status, 200);
  const item = list.json.items.find((i) => i.org_id === orgId);
  assert.ok(item, 'the request is in Oslo\'s list');
  assert.deepEqual([item.status, item.name, item.email, item.orgnr, item.in_register, item.register_form, item.register_email],
    ['pending', 'Kvinne Leder', c.email, '999900119', true, 'FLI', null]);
  bergenReq = item.id;
  for (const [url, field] of [['/api/v1/tenants/oslo/signer-requests?status=open', 'status'], ['/api/v1/tenants/oslo/signer-requests?x=1', 'x']]) checkProblem(await cw.get(url), 400, field);
  // another tenant's staff do not see it, and cannot decide it
  const bergen = await loginAs(stack, 'saksbehandler@bergen.demo');
  assert.ok(!(await bergen.get('/api/v1/tenants/bergen/signer-requests?status=all')).json.items.some((i) => i.id === item.id));
  checkProblem(await bergen.post(`/api/v1/tenants/bergen/signer-requests/${item.id}`, { outcome: 'confirm', checked_against: 'register_roles' }), 404);
  checkProblem(await bergen.post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, { outcome: 'confirm', checked_against: 'register_roles' }), 404);
  // a tenant admin administers and does not check
  checkProblem(await (await loginAs(stack, 'admin@oslo.demo')).post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, { outcome: 'confirm', checked_against: 'register_roles' }), 403);
  checkProblem(await c.post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, { outcome: 'confirm', checked_against: 'register_roles' }), 404);
  // bad decisions name the field and change nothing
  for (const [body, field] of [[{}, 'outcome'], [{ outcome: 'maybe' }, 'outcome'], [{ outcome: 'confirm' }, 'checked_against'],
    [{ outcome: 'confirm', checked_against: 'a hunch' }, 'checked_against'], [{ outcome: 'refuse' }, 'note'], [{ outcome: 'refuse', note: '' }, 'note'],
    [{ outcome: 'confirm', checked_against: 'register_roles', note: 'x'.repeat(501) }, 'note'], [{ outcome: 'confirm', checked_against: 'register_roles', by: 1 }, 'by']]) {
    checkProblem(await cw.post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, body), 422, field);
  }
  checkProblem(await cw.post('/api/v1/tenants/oslo/signer-requests/999999999', { outcome: 'confirm', checked_against: 'register_roles' }), 404);
  assert.equal(await count('signer_requests', `id = ${item.id} AND status = 'pending'`), 1);

  const ok = await cw.post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, { outcome: 'confirm', checked_against: 'register_roles', note: 'Styreleder i Enhetsregisteret.' });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { id: item.id, status: 'confirmed', organisation_id: orgId, name: 'Kvinne Leder' });
  checkProblem(await cw.post(`/api/v1/tenants/oslo/signer-requests/${item.id}`, { outcome: 'refuse', note: 'Nei' }), 409);
  const org = (await c.get(`/api/v1/organisations/${orgId}`)).json;
  assert.deepEqual(org.my_roles, ['admin', 'signer']);
  assert.match(org.my_signing.authority, /^Signaturretten er kontrollert \d+\. \p{L}+ \d{4} av Saksbehandler – Oslo kommune, Oslo kommune, mot rollene i Enhetsregisteret\. Merknad: Styreleder i Enhetsregisteret\.$/u);
  assert.match(await lastMail(c.email, 'signer_confirmed'), /Du har nå signaturrett/);
  const [[event, actor, tenant]] = await stack.sql(`SELECT l.event, a.email_norm, t.slug FROM security_log l JOIN users a ON a.id = l.actor_id
    JOIN tenants t ON t.id = l.tenant_id WHERE l.org_id = ${orgId} AND l.event = 'role_added' ORDER BY l.id DESC LIMIT 1`);
  assert.deepEqual([event, actor, tenant], ['role_added', 'saksbehandler@oslo.demo', 'oslo']);
  const sub = await c.post(`/api/v1/applications/${app}/submit`, {});
  assert.equal(sub.status, 201, sub.text);
  assert.equal((await c.get(`/api/v1/applications/${app}/receipt`)).json.signed_by.authority, org.my_signing.authority);

  // a refusal gives reasons, by email
  const m = await newUser('Kasserer Kvinne');
  assert.equal((await c.post(`/api/v1/organisations/${orgId}/invitations`, { email: m.email, role: 'viewer' })).status, 201);
  await m.post('/api/v1/invitations/accept', { token: /invitasjon\.html\?token=([\w-]+)/.exec(await lastMail(m.email, 'org_invitation'))[1] });
  assert.equal((await m.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'caseworker', tenant: 'oslo' })).status, 202);
  const mine = (await cw.get('/api/v1/tenants/oslo/signer-requests')).json.items.find((i) => i.email === m.email);
  const no = await cw.post(`/api/v1/tenants/oslo/signer-requests/${mine.id}`, { outcome: 'refuse', note: 'Ikke i styret, og ingen fullmakt.' });
  assert.equal(no.status, 200, no.text);
  assert.equal(no.json.status, 'refused');
  assert.match(await lastMail(m.email, 'signer_refused'), /Begrunnelse: Ikke i styret, og ingen fullmakt\./);
  assert.deepEqual((await m.get(`/api/v1/organisations/${orgId}`)).json.my_roles, ['viewer']);
  const all = (await cw.get('/api/v1/tenants/oslo/signer-requests?status=all')).json.items.find((i) => i.id === mine.id);
  assert.deepEqual([all.status, all.decided_by, all.note], ['refused', 'Saksbehandler – Oslo kommune', 'Ikke i styret, og ingen fullmakt.']);
  // a signer asking again is told so
  checkProblem(await c.post(`/api/v1/organisations/${orgId}/signer-requests`, { method: 'caseworker', tenant: 'oslo' }), 409);
});

test('only a signer gives signing rights on, and the invitee\'s authority names who delegated it', async () => {
  const noSigner = await newUser();
  const own = await noSigner.post('/api/v1/organisations', { ...declared, orgnr: '999900143' });
  assert.equal(own.status, 201, own.text);
  const invitee = await newUser('Delegert Signerer');
  checkProblem(await noSigner.post(`/api/v1/organisations/${own.json.id}/invitations`, { email: invitee.email, role: 'signer' }), 422, 'role');

  const { client: signer, orgId } = spraak;
  assert.equal((await signer.post(`/api/v1/organisations/${orgId}/invitations`, { email: invitee.email, role: 'signer' })).status, 201);
  const token = /invitasjon\.html\?token=([\w-]+)/.exec(await lastMail(invitee.email, 'org_invitation'))[1];
  assert.equal((await invitee.post('/api/v1/invitations/accept', { token })).status, 200);
  const org = (await invitee.get(`/api/v1/organisations/${orgId}`)).json;
  assert.deepEqual(org.my_roles, ['signer']);
  assert.match(org.my_signing.authority, /^Signaturretten er gitt \d+\. \p{L}+ \d{4} av Språk Leder, som selv har signaturrett for organisasjonen\.$/u);
});

test('the demo organisations are verified, and signers from before the check say so on the receipt', async () => {
  const leader = await loginAs(stack, 'leder@frivillig.demo');
  const [[demoId]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  const org = (await leader.get(`/api/v1/organisations/${demoId}`)).json;
  assert.deepEqual(org.my_roles, ['admin', 'signer']);
  assert.match(org.my_signing.authority, /kontrollert .* av Saksbehandler – Oslo kommune, Oslo kommune, mot rollene i Enhetsregisteret\. Merknad: Demodata/);
  for (const who of ['leder@bergenforum.demo', 'leder@lillestromfrivillige.demo', 'leder@sprakvenn.demo', 'leder@kvinnerifellesskap.demo']) {
    const n = await count('signer_authority a JOIN users u ON u.id = a.user_id', `u.email_norm = ${q(who)}`);
    assert.equal(n, 1, who);
  }
  // what migration 015 records for a signer who declared themselves before
  await stack.sql(`UPDATE signer_authority SET method = 'legacy' WHERE org_id = ${demoId}`);
  assert.match((await leader.get(`/api/v1/organisations/${demoId}`)).json.my_signing.authority, /oppgitt av organisasjonen selv før portalen krevde kontroll/);
  await stack.sql(`UPDATE signer_authority SET method = 'caseworker' WHERE org_id = ${demoId}`);
});
