// hardening-totp.test.mjs: the second factor (TOTP, RFC 6238) through the real stack. A right
// password of a decision maker, tenant admin or national admin gives no session, only the second
// step, and a login waiting for it can do nothing else (but enrol, when its roles need a second
// factor it does not have); enrolment with a QR URI confirmed by a first code, and ten recovery
// codes, each usable once and kept hashed; codes cannot be reused within their window; wrong codes
// lock the account's second step; every enrolment, success, failure and recovery-code use is in
// the security log; optional for everyone else (on and off again); giving a role that needs it
// ends the grantee's sessions; bad input writes nothing. The codes are computed here with node's
// HMAC-SHA1 (tests/lib/totp.mjs), not with the portal's library.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startStack } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';
import { base32Decode, totpAt, stepNow, nextCode, markUsed } from '../lib/totp.mjs';

let stack;
before(async () => { stack = await startStack({ workers: 2 }); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const PW = 'Demo-passord-2026';
const uniq = () => randomBytes(4).toString('hex');
const sql = (q) => stack.sql(q);
const userId = async (email) => Number((await sql(`SELECT id FROM users WHERE email_norm = '${email}'`))[0][0]);
/** The security-log events about an account, oldest first: [[event, detail], ...]. */
const events = async (email) => (await sql(`SELECT l.event, l.detail FROM security_log l JOIN users u ON u.id = l.user_id
  WHERE u.email_norm = '${email}' AND (l.event LIKE 'totp%' OR l.event = 'login_second_step') ORDER BY l.id`));
const row = async (email) => (await sql(`SELECT t.secret_box, t.pending_box, t.last_step, t.failures, t.recovery_salt
  FROM user_totp t JOIN users u ON u.id = t.user_id WHERE u.email_norm = '${email}'`))[0];

/** A six-digit code that is none of secret's codes near now. */
function wrongCode(secret, n = 0) {
  const near = [-2, -1, 0, 1, 2].map((d) => totpAt(secret, stepNow() + d));
  for (let i = n; ; i++) {
    const c = String(i).padStart(6, '0');
    if (!near.includes(c)) return c;
  }
}

/** A new verified account with the demo password and, when role is given, that role in Oslo. */
async function newAccount(role) {
  const email = `totp-${uniq()}@eksempel.no`;
  await sql(`INSERT INTO users (email, email_norm, name, password_hash, email_verified_at)
    SELECT '${email}', '${email}', 'Totp Person', password_hash, UTC_TIMESTAMP() FROM users WHERE email_norm = 'leder@frivillig.demo'`);
  if (role) {
    await sql(`INSERT INTO tenant_staff (tenant_id, user_id, role) SELECT t.id, u.id, '${role}' FROM tenants t, users u
      WHERE t.slug = 'oslo' AND u.email_norm = '${email}'`);
  }
  return email;
}

/** Logs in with the password; asserts the second step it gets (or a session when step is null). */
async function password(c, email, step) {
  const r = await c.post('/api/v1/auth/login', { email, password: PW });
  if (step === null) {
    assert.equal(r.status, 200, r.text);
    return r;
  }
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { status: 'second_step_required', step });
  return r;
}

/** Enrols c (a session or a waiting login): returns { secret, codes } after confirming. */
async function enrol(c, email) {
  const e = await c.post('/api/v1/auth/totp/enrolment', {});
  assert.equal(e.status, 200, e.text);
  const step = stepNow();
  const conf = await c.post('/api/v1/auth/totp/confirm', { code: totpAt(e.json.secret, step) });
  assert.equal(conf.status, 200, conf.text);
  markUsed(`${stack.baseUrl} ${email}`, step);
  return { secret: e.json.secret, codes: conf.json.recovery_codes };
}

test('a decision maker\'s right password gives no session: only the second step, which the code completes', async () => {
  const c = new Client(stack);
  c.cookie = 'stale-session-value';
  const r = await password(c, 'beslutter@oslo.demo', 'totp');
  // the step's cookie, scoped to the second-step routes, and any session cookie cleared
  assert.match(r.setCookie, /portal_step=[A-Za-z0-9_-]+; Path=\/api\/v1\/auth\/totp; Max-Age=300; HttpOnly; SameSite=Strict/);
  assert.match(r.setCookie, /portal_session=; Path=\/; Max-Age=0/);
  assert.equal(c.cookie, null);
  const step = c.stepCookie;
  // the waiting login is logged out everywhere else, even with its cookie sent as a session or beside one
  checkProblem(await c.get('/api/v1/me'), 401);
  checkProblem(await c.get('/api/v1/me', { cookie: `portal_step=${step}` }), 401);
  checkProblem(await c.get('/api/v1/me', { cookie: `portal_session=${step}` }), 401);
  checkProblem(await c.get('/api/v1/tenants/oslo/applications', { cookie: `portal_session=${step}; portal_step=${step}` }), 401);
  checkProblem(await c.post('/api/v1/me/totp/disable', { code: '123456' }, { cookie: `portal_step=${step}` }), 401);
  assert.deepEqual((await c.get('/api/v1/session', { cookie: `portal_step=${step}` })).json, { authenticated: false, user: null });
  // a tampered step cookie is not a login either
  const tampered = new Client(stack);
  tampered.stepCookie = step.slice(0, -2) + (step.endsWith('A') ? 'BB' : 'AA');
  checkProblem(await tampered.post('/api/v1/auth/totp/verify', { code: '123456' }), 401);

  const ok = await c.post('/api/v1/auth/totp/verify', { code: await nextCode(`${stack.baseUrl} beslutter@oslo.demo`) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.email, 'beslutter@oslo.demo');
  assert.match(ok.setCookie, /portal_session=[A-Za-z0-9_-]+; Path=\/;/);
  assert.match(ok.setCookie, /portal_step=; Path=\/api\/v1\/auth\/totp; Max-Age=0/);
  assert.equal((await c.get('/api/v1/tenants/oslo/applications')).status, 200);
  const [[ev]] = await sql(`SELECT event FROM security_log WHERE user_id = ${await userId('beslutter@oslo.demo')} ORDER BY id DESC LIMIT 1`);
  assert.equal(ev, 'totp_verified');
  // the demo staff who need one have the demo secret; caseworkers and applicants log in with the password
  for (const who of ['admin@imdi.demo', 'admin@oslo.demo', 'beslutter@bergen.demo', 'admin@lillestrom.demo']) await loginAs(stack, who);
  for (const who of ['saksbehandler@oslo.demo', 'leder@frivillig.demo']) await password(new Client(stack), who, null);
});

test('a code cannot be used twice within its window, nor an older one', async () => {
  const email = await newAccount('tenant_admin');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  const { secret } = await enrol(c, email);
  const [, , lastStep] = await row(email);
  const used = Number(lastStep);
  // the step that confirmed the enrolment cannot log in, though it is still within the window
  const again = new Client(stack);
  await password(again, email, 'totp');
  checkProblem(await again.post('/api/v1/auth/totp/verify', { code: totpAt(secret, used) }), 422, 'code');
  assert.match((await again.post('/api/v1/auth/totp/verify', { code: totpAt(secret, used) })).json.errors[0].detail, /brukt/);
  // the next step's code works once
  assert.equal((await again.post('/api/v1/auth/totp/verify', { code: totpAt(secret, used + 1) })).status, 200);
  const third = new Client(stack);
  await password(third, email, 'totp');
  checkProblem(await third.post('/api/v1/auth/totp/verify', { code: totpAt(secret, used + 1) }), 422, 'code');
  checkProblem(await third.post('/api/v1/auth/totp/verify', { code: totpAt(secret, used) }), 422, 'code');
  const log = (await events(email)).map((e) => e.join(' '));
  assert.deepEqual(log.filter((e) => e.startsWith('totp_failed')), ['totp_failed koden var brukt før', 'totp_failed koden var brukt før',
    'totp_failed koden var brukt før', 'totp_failed koden var brukt før']);
});

test('wrong codes lock the account\'s second step: 429 with Retry-After, also for the right code, and audited', async () => {
  const email = await newAccount('decision_maker');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  const { secret } = await enrol(c, email);
  const [, , lastStep] = await row(email);
  const wrong = (n) => wrongCode(secret, n * 1000);
  const w = new Client(stack);
  await password(w, email, 'totp');
  for (let i = 1; i <= 5; i++) checkProblem(await w.post('/api/v1/auth/totp/verify', { code: wrong(i) }), 422, 'code');
  const locked = await w.post('/api/v1/auth/totp/verify', { code: totpAt(secret, Number(lastStep) + 1) });
  checkProblem(locked, 429);
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 30, `Retry-After ${retry}`);
  // per account: from another client too, and recovery codes are locked out as well
  const other = new Client(stack);
  await password(other, email, 'totp');
  checkProblem(await other.post('/api/v1/auth/totp/verify', { recovery_code: '00000-00000' }), 429);
  // another account is not affected
  await loginAs(stack, 'beslutter@oslo.demo');
  const log = (await events(email)).map((e) => e.join(' '));
  assert.equal(log.filter((e) => e === 'totp_failed feil kode').length, 5);
  assert.equal(log.filter((e) => e === 'totp_failed sperret etter for mange feil').length, 2);
  // once the lock is over (moved into the past here), the next step's code works and clears the count
  await sql(`UPDATE user_totp SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = ${await userId(email)}`);
  assert.equal((await w.post('/api/v1/auth/totp/verify', { code: totpAt(secret, Number(lastStep) + 1) })).status, 200);
  assert.equal(Number((await row(email))[3]), 0);
});

test('a required role without a second factor enrols before any session: QR URI, first code, recovery codes', async () => {
  const email = await newAccount('decision_maker');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  // waiting: nothing but the second step's routes
  checkProblem(await c.get('/api/v1/me'), 401);
  checkProblem(await c.get('/api/v1/tenants/oslo/applications'), 401);
  checkProblem(await c.post('/api/v1/auth/totp/verify', { code: '123456' }), 409);
  checkProblem(await c.post('/api/v1/auth/totp/confirm', { code: '123456' }), 409); // no enrolment started
  const e = await c.post('/api/v1/auth/totp/enrolment', {});
  assert.equal(e.status, 200, e.text);
  assert.match(e.json.secret, /^[A-Z2-7]{32}$/);
  assert.equal(e.json.uri, `otpauth://totp/Tilskuddsportalen:${email.replace('@', '%40')}?secret=${e.json.secret}`
    + '&issuer=Tilskuddsportalen&algorithm=SHA1&digits=6&period=30');
  // the secret is stored sealed: neither its base32 nor its bytes are in the database
  const [, box] = await row(email);
  assert.match(box, /^[0-9a-f]{120}$/);
  const raw = base32Decode(e.json.secret).toString('hex');
  assert.ok(!box.includes(raw) && !box.toUpperCase().includes(e.json.secret));
  // a wrong first code is refused and counted
  const step = stepNow();
  checkProblem(await c.post('/api/v1/auth/totp/confirm', { code: wrongCode(e.json.secret) }), 422, 'code');
  checkProblem(await c.get('/api/v1/me'), 401);
  const conf = await c.post('/api/v1/auth/totp/confirm', { code: totpAt(e.json.secret, step) });
  assert.equal(conf.status, 200, conf.text);
  markUsed(`${stack.baseUrl} ${email}`, step);
  assert.equal(conf.json.recovery_codes.length, 10);
  assert.equal(new Set(conf.json.recovery_codes).size, 10);
  // the login is complete now
  assert.equal((await c.get('/api/v1/me')).json.email, email);
  assert.equal((await c.get('/api/v1/tenants/oslo/applications')).status, 200);
  assert.deepEqual((await c.get('/api/v1/me/totp')).json, { enabled: true, required: true, enrolling: false, recovery_codes_left: 10 });
  // recovery codes are kept hashed only
  const hashes = (await sql(`SELECT code_hash FROM totp_recovery_codes WHERE user_id = ${await userId(email)}`)).map((r) => r[0]);
  assert.equal(hashes.length, 10);
  for (const code of conf.json.recovery_codes) assert.ok(!hashes.some((h) => h.includes(code.replace('-', ''))));
  assert.deepEqual((await events(email)).map((ev) => ev[0]), ['login_second_step', 'totp_enrolment_started', 'totp_failed', 'totp_enrolled']);
  // a waiting login of an account that has a second factor verifies; it cannot enrol a new one
  const later = new Client(stack);
  await password(later, email, 'totp');
  checkProblem(await later.post('/api/v1/auth/totp/enrolment', {}), 409);
  checkProblem(await later.post('/api/v1/auth/totp/confirm', { code: '123456' }), 409);
});

test('recovery codes: each logs in once, is audited, and renewing them ends the old ones', async () => {
  const email = await newAccount('tenant_admin');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  const { secret, codes } = await enrol(c, email);
  const r1 = new Client(stack);
  await password(r1, email, 'totp');
  const ok = await r1.post('/api/v1/auth/totp/verify', { recovery_code: codes[0].toUpperCase().replace('-', ' ') });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.recovery_codes_left, 9);
  assert.equal((await r1.get('/api/v1/me/totp')).json.recovery_codes_left, 9);
  const r2 = new Client(stack);
  await password(r2, email, 'totp');
  checkProblem(await r2.post('/api/v1/auth/totp/verify', { recovery_code: codes[0] }), 422, 'recovery_code');
  // renewing needs a right code; then the old unused codes stop working and the new ones work
  checkProblem(await r1.post('/api/v1/me/totp/recovery-codes', { code: wrongCode(secret) }), 422, 'code');
  const renewed = await r1.post('/api/v1/me/totp/recovery-codes', { code: await nextCode(`${stack.baseUrl} ${email}`, secret) });
  assert.equal(renewed.status, 200, renewed.text);
  assert.equal(renewed.json.recovery_codes.length, 10);
  checkProblem(await r2.post('/api/v1/auth/totp/verify', { recovery_code: codes[1] }), 422, 'recovery_code');
  assert.equal((await r2.post('/api/v1/auth/totp/verify', { recovery_code: renewed.json.recovery_codes[9] })).status, 200);
  const log = (await events(email)).map((e) => e.join(' '));
  assert.ok(log.includes('totp_recovery_used 9 koder igjen'), log.join('\n'));
  assert.ok(log.includes('totp_recovery_renewed '), log.join('\n'));
  assert.equal(log.filter((e) => e === 'totp_failed feil gjenopprettingskode').length, 2);
});

test('optional for others: a caseworker logs in with the password, may turn it on and off again; staff who need it may not', async () => {
  const email = await newAccount('caseworker');
  const c = new Client(stack);
  await password(c, email, null);
  assert.deepEqual((await c.get('/api/v1/me/totp')).json, { enabled: false, required: false, enrolling: false, recovery_codes_left: 0 });
  checkProblem(await c.post('/api/v1/me/totp/disable', { code: '123456' }), 409);
  checkProblem(await c.post('/api/v1/me/totp/recovery-codes', { code: '123456' }), 409);
  const started = await c.post('/api/v1/auth/totp/enrolment', {});
  assert.equal((await c.get('/api/v1/me/totp')).json.enrolling, true);
  const step = stepNow();
  assert.equal((await c.post('/api/v1/auth/totp/confirm', { code: totpAt(started.json.secret, step) })).status, 200);
  markUsed(`${stack.baseUrl} ${email}`, step);
  assert.equal((await c.get('/api/v1/me/totp')).json.enabled, true);
  // from now on the caseworker's login has the second step
  const next = await loginAs(stack, email, PW, started.json.secret);
  // turning it off needs a right code
  checkProblem(await next.post('/api/v1/me/totp/disable', { code: '12345' }), 422, 'code');
  const off = await next.post('/api/v1/me/totp/disable', { code: await nextCode(`${stack.baseUrl} ${email}`, started.json.secret) });
  assert.equal(off.status, 204, off.text);
  await password(new Client(stack), email, null);
  assert.equal(await row(email), undefined);
  assert.deepEqual((await events(email)).map((e) => e[0]).slice(-2), ['totp_verified', 'totp_disabled']);
  // a waiting login whose roles need no second factor cannot enrol one
  const opt = await newAccount('caseworker');
  const oc = new Client(stack);
  await password(oc, opt, null);
  await enrol(oc, opt);
  const w = new Client(stack);
  await password(w, opt, 'totp');
  await sql(`DELETE FROM user_totp WHERE user_id = ${await userId(opt)}`);
  checkProblem(await w.post('/api/v1/auth/totp/enrolment', {}), 403);
  // a decision maker cannot turn it off
  const dm = await loginAs(stack, 'beslutter@oslo.demo');
  const refused = await dm.post('/api/v1/me/totp/disable', { code: '123456' }); // refused before the code is looked at
  checkProblem(refused, 409);
  assert.match(refused.json.type, /second-factor-required$/);
});

test('a waiting login ends with the account\'s sessions; giving a role that needs a second factor ends the grantee\'s', async () => {
  const email = await newAccount('decision_maker');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  await sql(`UPDATE users SET session_gen = session_gen + 1 WHERE email_norm = '${email}'`); // e.g. a password reset
  checkProblem(await c.post('/api/v1/auth/totp/enrolment', {}), 401);

  const cw = await newAccount(null);
  const session = new Client(stack);
  await password(session, cw, null);
  const admin = await loginAs(stack, 'admin@oslo.demo');
  // a caseworker role needs none: the session goes on
  assert.equal((await admin.post('/api/v1/tenants/oslo/staff', { email: cw, role: 'caseworker' })).status, 201);
  assert.equal((await session.get('/api/v1/me')).status, 200);
  // a decision maker role does: the session ends, and the next login must enrol
  assert.equal((await admin.post('/api/v1/tenants/oslo/staff', { email: cw, role: 'decision_maker' })).status, 201);
  checkProblem(await session.get('/api/v1/me'), 401);
  await password(new Client(stack), cw, 'enrol');
});

test('bad input to the second factor\'s routes gets 400/422 naming the field and writes nothing', async () => {
  const email = await newAccount('decision_maker');
  const c = new Client(stack);
  await password(c, email, 'enrol');
  const { secret } = await enrol(c, email);
  const w = new Client(stack);
  await password(w, email, 'totp');
  const before = { row: await row(email), log: await events(email), codes: await sql('CHECKSUM TABLE totp_recovery_codes') };
  const bad = [
    ['/api/v1/auth/totp/verify', {}, 'code'],
    ['/api/v1/auth/totp/verify', { code: '123456', recovery_code: 'abcde-fghjk' }, 'code'],
    ['/api/v1/auth/totp/verify', { code: '12345' }, 'code'],
    ['/api/v1/auth/totp/verify', { code: '1234567' }, 'code'],
    ['/api/v1/auth/totp/verify', { code: '12a456' }, 'code'],
    ['/api/v1/auth/totp/verify', { code: 123456 }, 'code'],
    ['/api/v1/auth/totp/verify', { code: '' }, 'code'],
    ['/api/v1/auth/totp/verify', { code: '1'.repeat(33) }, 'code'],
    ['/api/v1/auth/totp/verify', { recovery_code: 'abcde-fghju' }, 'recovery_code'],
    ['/api/v1/auth/totp/verify', { recovery_code: 'abcde' }, 'recovery_code'],
    ['/api/v1/auth/totp/verify', { code: '123456', extra: 1 }, 'extra'],
    ['/api/v1/auth/totp/enrolment', { secret: 'AAAA' }, 'secret'],
    ['/api/v1/auth/totp/confirm', {}, 'code'],
    ['/api/v1/auth/totp/confirm', { code: 'abcdef' }, 'code'],
  ];
  for (const [url, body, field] of bad) checkProblem(await w.post(url, body), 422, field);
  for (const url of ['/api/v1/auth/totp/verify', '/api/v1/auth/totp/enrolment', '/api/v1/auth/totp/confirm']) {
    checkProblem(await w.post(url, 'not json'), 400);
    checkProblem(await w.post(url, '[]'), 400);
    checkProblem(await w.post(url, { code: '123456' }, { 'x-portal-request': null }), 403);
    checkProblem(await w.post(url, { code: '123456' }, { origin: 'https://evil.example' }), 403);
    checkProblem(await w.post(url, 'code=123456', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  }
  checkProblem(await w.get('/api/v1/me/totp?x=1'), 401); // no session: 401 before the query is looked at
  const s = await loginAs(stack, 'admin@bergen.demo');
  checkProblem(await s.get('/api/v1/me/totp?x=1'), 400, 'x');
  for (const url of ['/api/v1/me/totp/disable', '/api/v1/me/totp/recovery-codes']) {
    checkProblem(await s.post(url, {}), 422, 'code');
    checkProblem(await s.post(url, { code: '12 34 5' }), 422, 'code');
    checkProblem(await s.post(url, 'nope'), 400);
  }
  assert.deepEqual({ row: await row(email), log: await events(email), codes: await sql('CHECKSUM TABLE totp_recovery_codes') }, before);
  // spaces between the digits are fine
  const code = totpAt(secret, Number((await row(email))[2]) + 1);
  assert.equal((await w.post('/api/v1/auth/totp/verify', { code: `${code.slice(0, 3)} ${code.slice(3)}` })).status, 200);
});
