// auth.test.mjs: accounts, sessions and CSRF through the real stack: register -> verify through
// the outbox -> login -> me -> logout; reset; password change and log out everywhere; forged,
// tampered, expired, unknown-key and old-generation cookies; CSRF; brute force; bad input writes
// nothing; the security log records who, when and from where.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs, forgeCookie } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';

let stack;
// nginx's own limit on /api/v1/auth/ is tested in throttle.test.mjs; here it is opened wide
before(async () => { stack = await startStack({ workers: 2, env: { AUTH_RATE: '1000r/s', AUTH_BURST: '1000' } }); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const PW = 'Et-godt-passord-42';
const uniq = () => randomBytes(4).toString('hex');
const count = async (table, where = '1') => Number((await stack.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`))[0][0]);
const lastMail = async (to) => (await stack.sql(`SELECT subject, body, kind FROM outbox WHERE to_email = '${to}' ORDER BY id DESC LIMIT 1`))[0];
const tokenIn = (body, page) => new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(body)[1];

async function registerAndVerify(email, name = 'Test Person') {
  const c = new Client(stack);
  const r = await c.post('/api/v1/auth/register', { email, name, password: PW });
  assert.equal(r.status, 202, r.text);
  const [, body] = await lastMail(email.toLowerCase());
  assert.equal((await c.post('/api/v1/auth/verify', { token: tokenIn(body, 'bekreft.html') })).status, 200);
  return c;
}

test('register -> verify through the outbox -> login -> me -> logout', async () => {
  const email = `Ny.Bruker-${uniq()}@Eksempel.no`;
  const norm = email.toLowerCase();
  const c = new Client(stack);
  const r = await c.post('/api/v1/auth/register', { email, name: 'Ny Bruker', password: PW });
  assert.equal(r.status, 202);
  assert.equal(await count('users', `email_norm = '${norm}'`), 1);
  const [subject, body, kind] = await lastMail(email);
  assert.equal(kind, 'verify_email');
  assert.match(subject, /Bekreft/);
  assert.match(body, new RegExp(`^Hei Ny Bruker`));
  assert.ok(body.includes(`${stack.baseUrl}/bekreft.html?token=`), body);

  const early = await c.post('/api/v1/auth/login', { email, password: PW });
  checkProblem(early, 403);
  assert.match(early.json.type, /email-not-verified$/);

  const token = tokenIn(body, 'bekreft.html');
  assert.equal((await c.post('/api/v1/auth/verify', { token })).status, 200);
  checkProblem(await c.post('/api/v1/auth/verify', { token }), 422, 'token'); // single use

  const login = await c.post('/api/v1/auth/login', { email: norm.toUpperCase(), password: PW });
  assert.equal(login.status, 200);
  assert.match(login.setCookie, /^portal_session=[A-Za-z0-9_-]+; Path=\/; Max-Age=1800; HttpOnly; SameSite=Strict$/);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.email, email);
  assert.equal(me.json.email_verified, true);
  assert.deepEqual(me.json.organisations, []);
  assert.match(me.setCookie, /portal_session=.+Max-Age=1800/, 'sliding expiry renews the cookie');

  const out = await c.post('/api/v1/auth/logout');
  assert.equal(out.status, 204);
  assert.match(out.setCookie, /portal_session=; Path=\/; Max-Age=0/);
  checkProblem(await c.get('/api/v1/me'), 401);
  const events = (await stack.sql(`SELECT event, ip FROM security_log WHERE user_id = (SELECT id FROM users WHERE email_norm = '${norm}') ORDER BY id`));
  assert.deepEqual(events.map((e) => e[0]), ['register', 'login_unverified', 'email_verified', 'login', 'logout']);
  for (const [, ip] of events) assert.equal(ip, '127.0.0.1');
});

test('registering an address that has an account answers the same and writes no second account', async () => {
  const email = `dup-${uniq()}@eksempel.no`;
  await registerAndVerify(email);
  const before = await count('users');
  const r = await new Client(stack).post('/api/v1/auth/register', { email: email.toUpperCase(), name: 'Noen Andre', password: PW });
  assert.equal(r.status, 202);
  assert.equal(await count('users'), before);
  const [, , kind] = await lastMail(email);
  assert.equal(kind, 'register_exists');
});

test('bad input to register gets 422 naming the field and writes nothing', async () => {
  const before = [await count('users'), await count('outbox'), await count('security_log')];
  const c = new Client(stack);
  const cases = [
    [{ email: 'x@y.no', name: 'A', password: 'kort' }, 'password'],
    [{ email: 'x@y.no', name: 'A', password: 'a'.repeat(257) }, 'password'],
    [{ email: 'ikke-en-adresse', name: 'A', password: PW }, 'email'],
    [{ email: 'x@y.no', name: '', password: PW }, 'name'],
    [{ email: 'x@y.no', password: PW }, 'name'],
    [{ email: 'x@y.no', name: 'A', password: PW, admin: true }, 'admin'],
    [{ email: 42, name: 'A', password: PW }, 'email'],
  ];
  for (const [body, field] of cases) checkProblem(await c.post('/api/v1/auth/register', body), 422, field);
  checkProblem(await c.post('/api/v1/auth/register', '{"email":'), 400);
  checkProblem(await c.post('/api/v1/auth/register', '[]'), 400);
  checkProblem(await c.post('/api/v1/auth/register', 'email=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  checkProblem(await c.post('/api/v1/auth/register', JSON.stringify({ email: 'x@y.no', name: 'x'.repeat(70000), password: PW })), 413);
  assert.deepEqual([await count('users'), await count('outbox'), await count('security_log')], before);
});

test('CSRF: a change without the header or with a foreign Origin is refused with 403 and writes nothing', async () => {
  const before = await count('users');
  const body = { email: `csrf-${uniq()}@eksempel.no`, name: 'C', password: PW };
  const c = new Client(stack);
  for (const h of [{ 'x-portal-request': null }, { origin: null }, { origin: 'http://evil.example' },
    { origin: stack.baseUrl.replace(/\d+$/, '1') }, { origin: 'null' }]) {
    const r = await c.post('/api/v1/auth/register', body, h);
    checkProblem(r, 403);
    assert.match(r.json.type, /csrf$/);
  }
  // and the same for a logged-in user's change
  const leader = await loginAs(stack, 'leder@frivillig.demo');
  checkProblem(await leader.post('/api/v1/auth/logout-everywhere', {}, { origin: 'http://evil.example' }), 403);
  assert.equal((await leader.get('/api/v1/me')).status, 200, 'still logged in: nothing happened');
  assert.equal(await count('users'), before);
});

test('cookies that are tampered, truncated, expired, signed with an unknown key or of an old generation get 401', async () => {
  const c = await loginAs(stack, 'medlem@frivillig.demo');
  const good = c.cookie;
  const [[uid, gen]] = await stack.sql("SELECT id, session_gen FROM users WHERE email_norm = 'medlem@frivillig.demo'");
  const now = Math.floor(Date.now() / 1000);
  const forged = (o) => forgeCookie(stack, { userId: Number(uid), gen: Number(gen), issued: now - 60, expires: now + 600, ...o });
  // a forged cookie with the right key works: the forging is faithful
  const ok = new Client(stack); ok.cookie = forged({});
  assert.equal((await ok.get('/api/v1/me')).status, 200);
  const bad = {
    tampered: good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11),
    truncated: good.slice(0, -3),
    garbage: 'not-a-session',
    idleExpired: forged({ expires: now - 1 }),
    absoluteExpired: forged({ issued: now - 12 * 3600 - 5, expires: now + 600 }),
    unknownKey: forged({ key: randomBytes(32) }),
    oldGeneration: forged({ gen: Number(gen) - 1 }),
    otherUser: forged({ userId: 999999 }),
  };
  for (const [name, cookie] of Object.entries(bad)) {
    // a tenant's routes check the session in the same statement as the role: the same answers
    for (const path of ['/api/v1/me', '/api/v1/tenants/oslo/applications', '/api/v1/tenants/finnes-ikke/applications']) {
      const x = new Client(stack); x.cookie = cookie;
      const r = await x.get(path);
      assert.equal(r.status, 401, `${name} ${path}`);
      checkProblem(r, 401);
      assert.match(r.setCookie || '', /portal_session=; Path=\/; Max-Age=0/, `${name} ${path}: the bad cookie is cleared`);
    }
  }
  // a caseworker's forged cookie: the current generation reaches Oslo's inbox, an old one does not
  const [[cw, cwGen]] = await stack.sql("SELECT id, session_gen FROM users WHERE email_norm = 'saksbehandler@oslo.demo'");
  const staff = (g) => { const x = new Client(stack); x.cookie = forgeCookie(stack, { userId: Number(cw), gen: g, issued: now - 60, expires: now + 600 }); return x; };
  assert.equal((await staff(Number(cwGen)).get('/api/v1/tenants/oslo/applications')).status, 200);
  checkProblem(await staff(Number(cwGen)).get('/api/v1/tenants/bergen/applications'), 404);
  checkProblem(await staff(Number(cwGen) + 1).get('/api/v1/tenants/oslo/applications'), 401);
  checkProblem(await ok.get('/api/v1/tenants/oslo/applications'), 404);
});

test('log out everywhere and a password change end every other session', async () => {
  const email = `flere-${uniq()}@eksempel.no`;
  await registerAndVerify(email);
  const a = await loginAs(stack, email, PW);
  const b = await loginAs(stack, email, PW);
  assert.equal((await b.post('/api/v1/auth/logout-everywhere')).status, 204);
  checkProblem(await a.get('/api/v1/me'), 401);
  checkProblem(await b.get('/api/v1/me'), 401);

  const c = await loginAs(stack, email, PW);
  const d = await loginAs(stack, email, PW);
  checkProblem(await c.post('/api/v1/me/password', { current_password: 'feil-passord-123', new_password: 'Nytt-passord-2026' }), 422, 'current_password');
  checkProblem(await c.post('/api/v1/me/password', { current_password: PW, new_password: 'kort' }), 422, 'new_password');
  const ch = await c.post('/api/v1/me/password', { current_password: PW, new_password: 'Nytt-passord-2026' });
  assert.equal(ch.status, 200);
  assert.equal((await c.get('/api/v1/me')).status, 200, 'this session goes on');
  checkProblem(await d.get('/api/v1/me'), 401);
  checkProblem(await new Client(stack).post('/api/v1/auth/login', { email, password: PW }), 401);
  await loginAs(stack, email, 'Nytt-passord-2026');
  const events = (await stack.sql(`SELECT event FROM security_log WHERE user_id = (SELECT id FROM users WHERE email_norm = '${email}') ORDER BY id`)).map((r) => r[0]);
  assert.ok(events.includes('logout_everywhere') && events.includes('password_changed'), events.join());
});

test('password reset by a single-use emailed token that expires in an hour', async () => {
  const email = `glemt-${uniq()}@eksempel.no`;
  await registerAndVerify(email);
  const c = new Client(stack);
  const unknown = await c.post('/api/v1/auth/reset-request', { email: `ingen-${uniq()}@eksempel.no` });
  const known = await c.post('/api/v1/auth/reset-request', { email });
  assert.equal(unknown.status, 202);
  assert.equal(known.status, 202);
  assert.equal(unknown.text, known.text, 'the answer does not tell whether the address has an account');
  const [, body, kind] = await lastMail(email);
  assert.equal(kind, 'password_reset');
  const token = tokenIn(body, 'nytt-passord.html');
  const [[stored]] = await stack.sql(`SELECT HEX(token_hash) FROM email_tokens WHERE purpose = 'reset' ORDER BY id DESC LIMIT 1`);
  assert.ok(!stored.includes(Buffer.from(token).toString('hex').toUpperCase()), 'only a hash is stored');
  const [[lifetime]] = await stack.sql(`SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM email_tokens WHERE purpose = 'reset' ORDER BY id DESC LIMIT 1`);
  assert.equal(Number(lifetime), 60);

  const s = await loginAs(stack, email, PW);
  checkProblem(await c.post('/api/v1/auth/reset', { token, password: 'kort' }), 422, 'password');
  assert.equal((await c.post('/api/v1/auth/reset', { token, password: 'Tilbakestilt-2026' })).status, 200);
  checkProblem(await c.post('/api/v1/auth/reset', { token, password: 'Enda-et-passord-1' }), 422, 'token');
  checkProblem(await s.get('/api/v1/me'), 401, undefined);
  await loginAs(stack, email, 'Tilbakestilt-2026');

  // an expired token is refused
  await c.post('/api/v1/auth/reset-request', { email });
  const t2 = tokenIn((await lastMail(email))[1], 'nytt-passord.html');
  await stack.sql(`UPDATE email_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE purpose = 'reset' AND used_at IS NULL`);
  checkProblem(await c.post('/api/v1/auth/reset', { token: t2, password: 'Tilbakestilt-2027' }), 422, 'token');
});

test('brute force: after five failures the address is locked with 429 and Retry-After, whether or not it has an account', async () => {
  const email = `hamret-${uniq()}@eksempel.no`;
  await registerAndVerify(email);
  const c = new Client(stack);
  for (const who of [email, `finnes-ikke-${uniq()}@eksempel.no`]) {
    for (let i = 0; i < 5; i++) checkProblem(await c.post('/api/v1/auth/login', { email: who, password: 'feil-passord-' + i }), 401);
    const locked = await c.post('/api/v1/auth/login', { email: who, password: PW });
    checkProblem(locked, 429);
    const retry = Number(locked.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 30, `Retry-After ${retry}`);
  }
  // the right password does not get in while locked; other addresses are not affected
  checkProblem(await c.post('/api/v1/auth/login', { email, password: PW }), 429);
  await loginAs(stack, 'leder@frivillig.demo');
  assert.ok(await count('security_log', "event = 'login_failed' AND detail = 'no such account'") >= 5);
});

test('the security log is append-only', async () => {
  await assert.rejects(stack.sql('UPDATE security_log SET event = \'x\' LIMIT 1'), /append-only/);
  await assert.rejects(stack.sql('DELETE FROM security_log LIMIT 1'), /append-only/);
});

/** A valid Norwegian organisation number (mod 11) that no test has used: 8 random digits and the check digit. */
function freshOrgnr() {
  for (;;) {
    const d = [...randomBytes(8)].map((b, i) => (i === 0 ? 8 + (b % 2) : b % 10));
    const sum = d.reduce((s, v, i) => s + v * [3, 2, 7, 6, 5, 4, 3, 2][i], 0);
    const k = 11 - (sum % 11);
    if (k === 10) continue;
    return d.join('') + String(k === 11 ? 0 : k);
  }
}

test('names of full length in any script are stored and read back whole: login, /me and the organisation answer 200', async () => {
  // 200 characters, the column's size: most of them two bytes, one of four; a buffer of 201 bytes
  // cut the second byte of the 100th 'ø'
  const name = `A${'ø'.repeat(197)}e😀`;
  assert.equal([...name].length, 200);
  const email = `lang-${uniq()}@eksempel.no`;
  const c = await registerAndVerify(email, name);
  await c.login(email, PW);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.name, name);
  const [[stored]] = await stack.sql(`SELECT name FROM users WHERE email_norm = '${email}'`);
  assert.equal(stored, name);

  const orgName = `X${'Æ'.repeat(149)} innvandrerforening ${'å'.repeat(30)}`;
  assert.equal([...orgName].length, 200);
  const org = await c.post('/api/v1/organisations', { name: orgName, municipality: `Sør-${'ø'.repeat(96)}`, kind: 'voluntary',
    volunteer_register: true, volunteer_since: '2020-01-01', business_register: false, orgnr: freshOrgnr() });
  assert.equal(org.status, 201, org.text);
  const again = await c.get('/api/v1/me');
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json.organisations.map((o) => o.name), [orgName]);
  const login = await new Client(stack).post('/api/v1/auth/login', { email, password: PW });
  assert.equal(login.status, 200, login.text);
});
