// hardening-accounts.test.mjs: accounts under attack, through the real stack. The login throttle
// and the account lookup use one normalised address (spaces around it do not get past a lock); a
// lockout from one client address does not lock the owner out from another, and the reset link
// always lets the owner back in; a logout ends the session on the server (a replayed cookie gets
// 401); a new reset request, a used reset and a password change use up every earlier reset link;
// no outbox view shows a one-time link, so IMDi's national admin cannot take an account over with
// a reset, and with a sendmail command the view shows metadata only; and the login page's ?next=
// goes only to this site (lib/nexturl.js, run here under node).
//
// Client addresses: nginx listens on 127.0.0.1, and a client bound to 127.0.0.2, .3, ... reaches
// it from another source address, which nginx passes to the workers as REMOTE_ADDR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startStack, until, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';
import { safeNext } from '../../web/src/js/lib/nexturl.js';

let stack;
before(async () => { stack = await startStack({ workers: 2 }); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const PW = 'Et-godt-passord-42';
const uniq = () => randomBytes(4).toString('hex');
const from = (n) => new Client(stack, { localAddress: `127.0.0.${n}` });
const lastMail = async (to, kind) => (await stack.sql(`SELECT body FROM outbox WHERE to_email = '${to}' AND kind = '${kind}' ORDER BY id DESC LIMIT 1`))[0][0];
const tokenIn = (body, page) => new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(body)[1];
const resetToken = async (email) => tokenIn(await lastMail(email, 'password_reset'), 'nytt-passord.html');

/** A new verified account: its address (lower case). */
async function account() {
  const email = `konto-${uniq()}@eksempel.no`;
  const c = new Client(stack);
  assert.equal((await c.post('/api/v1/auth/register', { email, name: 'Konto Eier', password: PW })).status, 202);
  assert.equal((await c.post('/api/v1/auth/verify', { token: tokenIn(await lastMail(email, 'verify_email'), 'bekreft.html') })).status, 200);
  return email;
}

/** Five wrong passwords for email from client c: the fifth locks c out of the account. */
async function lockOut(c, email) {
  for (let i = 0; i < 5; i++) checkProblem(await c.post('/api/v1/auth/login', { email, password: `feil-passord-${i}` }), 401);
  const r = await c.post('/api/v1/auth/login', { email, password: PW });
  checkProblem(r, 429);
  return r;
}

// ---- item 3: one key for the lookup and the throttle; lockouts per client -------------------

test('an address with spaces, other case or pasted invisible spaces around it is the same account and the same lock', async () => {
  const email = await account();
  const c = new Client(stack);
  await lockOut(c, email);
  for (const spelled of [`${email}  `, ` ${email}`, `${email.toUpperCase()}\t`, `\u00a0${email}\u200b`, `\ufeff${email}\n`]) {
    const r = await c.post('/api/v1/auth/login', { email: spelled, password: PW });
    checkProblem(r, 429);
    assert.ok(Number(r.headers.get('retry-after')) >= 1, JSON.stringify(spelled));
  }
  // and from a client that has not failed, each spelling logs in to the one account
  const owner = from(2);
  const ok = await owner.post('/api/v1/auth/login', { email: ` ${email.toUpperCase()}  `, password: PW });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.email, email);
});

test('an address the database would equal to another (accents, full width) is refused with 422, not looked up', async () => {
  const c = new Client(stack);
  for (const email of ['admin@imdi.dem\u00f3', '\uff41dmin@imdi.demo', 'admin@imdi.demo\u00ad', 'ola@bl\u00e5b\u00e6r.no']) {
    const r = await c.post('/api/v1/auth/login', { email, password: 'Demo-passord-2026' });
    checkProblem(r, 422, 'email');
    assert.match(r.json.errors[0].detail, /a–z/);
    checkProblem(await c.post('/api/v1/auth/register', { email, name: 'X', password: PW }), 422, 'email');
    checkProblem(await c.post('/api/v1/auth/reset-request', { email }), 422, 'email');
  }
  assert.equal(c.cookie, null);
});

test('registering with spaces around the address keeps it as typed without them', async () => {
  const email = `Mellomrom-${uniq()}@Eksempel.no`;
  assert.equal((await new Client(stack).post('/api/v1/auth/register', { email: `  ${email}\t`, name: 'M', password: PW })).status, 202);
  const [[typed, norm]] = await stack.sql(`SELECT email, email_norm FROM users WHERE email_norm = '${email.toLowerCase()}'`);
  assert.deepEqual([typed, norm], [email, email.toLowerCase()]);
  assert.ok(await lastMail(email, 'verify_email'), 'the email goes to the address without the spaces');
});

test('a lockout by an attacker at address A does not stop the owner at address B; the account slows down for clients that failed', async () => {
  const email = await account();
  const attacker = from(3);
  const locked = await lockOut(attacker, email);
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= 30, `Retry-After ${retry}`);
  const [[client, failures]] = await stack.sql(`SELECT client, failures FROM login_throttle_client WHERE email_hash = UNHEX(SHA2('${email}', 256))`);
  assert.deepEqual([client, Number(failures)], ['127.0.0.3', 5]);

  // the account as a whole is slowed down (here for a minute, as after many failures from many addresses)
  await stack.sql(`UPDATE login_throttle SET failures = 20, locked_until = UTC_TIMESTAMP() + INTERVAL 60 SECOND WHERE email_hash = UNHEX(SHA2('${email}', 256))`);
  const other = from(4);
  checkProblem(await other.post('/api/v1/auth/login', { email, password: 'feil-passord-x' }), 401);
  const slowed = await other.post('/api/v1/auth/login', { email, password: PW });
  checkProblem(slowed, 429);
  assert.ok(Number(slowed.headers.get('retry-after')) > 30, 'a client that has failed waits for the account');

  // the owner, from an address that has not failed, logs in at once
  const owner = from(5);
  const r = await owner.post('/api/v1/auth/login', { email, password: PW });
  assert.equal(r.status, 200, r.text);
  assert.equal((await owner.get('/api/v1/me')).status, 200);
  // the attacker stays locked out
  checkProblem(await attacker.post('/api/v1/auth/login', { email, password: PW }), 429);
});

test('the reset link always lets the owner back in, also from the locked-out address', async () => {
  const email = await account();
  const shared = from(6); // the owner behind the same address as the attacker
  await lockOut(shared, email);
  assert.equal((await shared.post('/api/v1/auth/reset-request', { email })).status, 202);
  const r = await shared.post('/api/v1/auth/reset', { token: await resetToken(email), password: 'Nytt-passord-2026' });
  assert.equal(r.status, 200, r.text);
  const in_ = await shared.post('/api/v1/auth/login', { email, password: 'Nytt-passord-2026' });
  assert.equal(in_.status, 200, in_.text);
});

// ---- item 4: logout ends the session on the server -----------------------------------------

test('a cookie replayed after logout gets 401; other sessions of the user go on', async () => {
  const email = await account();
  const a = await loginAs(stack, email, PW);
  const b = await loginAs(stack, email, PW);
  const saved = a.cookie;
  const out = await a.post('/api/v1/auth/logout');
  assert.equal(out.status, 204);
  const replay = new Client(stack);
  replay.cookie = saved;
  const r = await replay.get('/api/v1/me');
  checkProblem(r, 401);
  assert.match(r.setCookie || '', /portal_session=; Path=\/; Max-Age=0/, 'the dead cookie is cleared');
  replay.cookie = saved;
  checkProblem(await replay.post('/api/v1/auth/logout'), 401);
  assert.equal((await b.get('/api/v1/me')).status, 200, 'a plain logout ends only its own session');
  const [[n]] = await stack.sql(`SELECT COUNT(*) FROM session_revocations r JOIN users u ON u.id = r.user_id WHERE u.email_norm = '${email}' AND r.expires_at > UTC_TIMESTAMP() + INTERVAL 11 HOUR`);
  assert.equal(Number(n), 1, 'remembered until the session could not be valid anyway');
});

test('a staff cookie replayed after logout gets 401 on the tenant routes too', async () => {
  const staff = await loginAs(stack, 'saksbehandler@oslo.demo');
  assert.equal((await staff.get('/api/v1/tenants/oslo/applications')).status, 200);
  const saved = staff.cookie;
  assert.equal((await staff.post('/api/v1/auth/logout')).status, 204);
  const replay = new Client(stack);
  replay.cookie = saved;
  checkProblem(await replay.get('/api/v1/tenants/oslo/applications'), 401);
  replay.cookie = saved;
  const s = await replay.get('/api/v1/session');
  assert.equal(s.status, 200);
  assert.equal(s.json.authenticated, false);
});

test('log out everywhere and a password change still end every session, the replayed ones included', async () => {
  const email = await account();
  const a = await loginAs(stack, email, PW);
  const b = await loginAs(stack, email, PW);
  const savedB = b.cookie;
  assert.equal((await b.post('/api/v1/auth/logout-everywhere')).status, 204);
  for (const cookie of [a.cookie, savedB]) {
    const x = new Client(stack);
    x.cookie = cookie;
    checkProblem(await x.get('/api/v1/me'), 401);
  }
  const c = await loginAs(stack, email, PW);
  const d = await loginAs(stack, email, PW);
  assert.equal((await c.post('/api/v1/me/password', { current_password: PW, new_password: 'Nytt-passord-2026' })).status, 200);
  checkProblem(await d.get('/api/v1/me'), 401);
  assert.equal((await c.get('/api/v1/me')).status, 200);
});

// ---- item 5: reset links -------------------------------------------------------------------

test('a new reset request uses up every earlier reset link', async () => {
  const email = await account();
  const c = new Client(stack);
  await c.post('/api/v1/auth/reset-request', { email });
  const first = await resetToken(email);
  await c.post('/api/v1/auth/reset-request', { email });
  const second = await resetToken(email);
  assert.notEqual(first, second);
  checkProblem(await c.post('/api/v1/auth/reset', { token: first, password: 'Forste-lenke-2026' }), 422, 'token');
  assert.equal((await c.post('/api/v1/auth/reset', { token: second, password: 'Andre-lenke-2026' })).status, 200);
  await loginAs(stack, email, 'Andre-lenke-2026');
});

test('a used reset link uses up every other one', async () => {
  const email = await account();
  const c = new Client(stack);
  await c.post('/api/v1/auth/reset-request', { email });
  const used = await resetToken(email);
  // another live link beside it (as two requests crossing each other could leave)
  const other = randomBytes(32).toString('base64url');
  await stack.sql(`INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at) SELECT id, 'reset', UNHEX('${createHash('sha256').update(other).digest('hex')}'), UTC_TIMESTAMP() + INTERVAL 1 HOUR FROM users WHERE email_norm = '${email}'`);
  assert.equal((await c.post('/api/v1/auth/reset', { token: used, password: 'Brukt-lenke-2026' })).status, 200);
  checkProblem(await c.post('/api/v1/auth/reset', { token: other, password: 'Annen-lenke-2026' }), 422, 'token');
  await loginAs(stack, email, 'Brukt-lenke-2026');
});

test('a password change uses up every reset link', async () => {
  const email = await account();
  const c = await loginAs(stack, email, PW);
  await new Client(stack).post('/api/v1/auth/reset-request', { email });
  const token = await resetToken(email);
  assert.equal((await c.post('/api/v1/me/password', { current_password: PW, new_password: 'Endret-passord-2026' })).status, 200);
  checkProblem(await new Client(stack).post('/api/v1/auth/reset', { token, password: 'Overtatt-passord-1' }), 422, 'token');
  await loginAs(stack, email, 'Endret-passord-2026');
  const [[open]] = await stack.sql(`SELECT COUNT(*) FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE u.email_norm = '${email}' AND t.purpose = 'reset' AND t.used_at IS NULL`);
  assert.equal(Number(open), 0);
});

// ---- item 6: the outbox shows no one-time link ---------------------------------------------

test('IMDi\'s national admin cannot take over an account in another tenant through a reset and the outbox', async () => {
  const victim = 'saksbehandler@oslo.demo';
  const admin = await loginAs(stack, 'admin@imdi.demo');
  assert.equal((await admin.post('/api/v1/auth/reset-request', { email: victim })).status, 202);
  const token = await resetToken(victim); // what only the victim's mailbox gets
  await account(); // and a verification email in the outbox
  const r = await admin.get(`/api/v1/tenants/imdi/outbox?to=${encodeURIComponent(victim)}&per_page=200`);
  assert.equal(r.status, 200);
  assert.equal(r.json.metadata_only, false);
  const reset = r.json.items.find((m) => m.kind === 'password_reset');
  assert.ok(reset, 'the reset email is listed');
  assert.equal(reset.body, null);
  assert.ok(reset.subject && reset.to === victim && reset.created_at, 'with its metadata');
  assert.ok(!r.text.includes(token), 'the token is nowhere in the answer');
  // no page of the whole outbox has a one-time link in it
  for (let page = 1; ; page++) {
    const all = await admin.get(`/api/v1/tenants/imdi/outbox?per_page=200&page=${page}`);
    assert.equal(all.status, 200);
    assert.doesNotMatch(all.text, /token=|\.html\?token/, `page ${page}`);
    for (const m of all.json.items) if (['verify_email', 'password_reset', 'org_invitation'].includes(m.kind)) assert.equal(m.body, null, m.kind);
    if (all.json.items.length < 200) break;
  }
  // without the token nothing can be reset: the victim's password still works
  await loginAs(stack, victim);
});

test('emails without a one-time link still show their text when the portal does not send them', async () => {
  const email = await account();
  await new Client(stack).post('/api/v1/auth/register', { email, name: 'Igjen', password: PW }); // "you already have an account"
  const admin = await loginAs(stack, 'admin@imdi.demo');
  const r = await admin.get(`/api/v1/tenants/imdi/outbox?to=${encodeURIComponent(email)}`);
  const exists = r.json.items.find((m) => m.kind === 'register_exists');
  assert.match(exists.body, /allerede en konto/);
});

test('with a sendmail command configured the outbox view shows metadata only', async () => {
  // the same stack, reloaded with a sendmail command that takes the emails and drops them
  const run = promisify(execFile);
  await run(path.join(ROOT, 'fcgi/portalctl'), ['reload'], { env: { ...stack.env, SENDMAIL: 'cat > /dev/null', OUTBOX_INTERVAL: '1' } });
  const admin = await loginAs(stack, 'admin@imdi.demo');
  const r = await until(async () => {
    const x = await admin.get('/api/v1/tenants/imdi/outbox?per_page=200');
    return x.json.metadata_only ? x : null;
  }, 20000);
  assert.ok(r, 'the reloaded workers answer with metadata only');
  assert.ok(r.json.items.length > 0);
  for (const m of r.json.items) {
    assert.equal(m.body, null);
    assert.ok(m.to && m.subject && m.created_at && typeof m.attempts === 'number', JSON.stringify(m));
  }
});

// ---- item 7: the login page's ?next= -------------------------------------------------------

test('safeNext (the login page\'s ?next=) accepts only a place on this site, read as the browser reads it', () => {
  const origin = 'http://127.0.0.1:8080';
  const home = `${origin}/min-konto.html`;
  const refused = [
    '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\t//evil.example', '//evil.example', '///evil.example',
    '/\\evil.example', '\\\\evil.example', '/\\/evil.example', '\\/evil.example', 'https://evil.example', 'http:evil.example',
    'https:/evil.example', '//evil.example@127.0.0.1:8080', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x',
    ' /min-konto.html', '/ /evil', '/\u0000/evil.example', '/\u007f', '/\u0085/evil.example', 'evil.example', '', null, undefined,
    `/${'a'.repeat(2001)}`,
  ];
  for (const next of refused) assert.equal(safeNext(next, origin), home, JSON.stringify(next));
  const kept = {
    '/sak.html?tenant=oslo&id=4#vedtak': `${origin}/sak.html?tenant=oslo&id=4#vedtak`,
    '/utlysning.html?id=1': `${origin}/utlysning.html?id=1`,
    '/min-konto.html': home,
    // dot segments that would give "//" stay on this site: the answer is absolute
    '/.//evil.example': `${origin}//evil.example`,
    '/%2e%2e//evil.example': `${origin}//evil.example`,
    '/%2F%2Fevil.example': `${origin}/%2F%2Fevil.example`,
    '/@evil.example': `${origin}/@evil.example`,
  };
  for (const [next, want] of Object.entries(kept)) {
    const got = safeNext(next, origin);
    assert.equal(got, want, next);
    assert.equal(new URL(got).origin, origin, next);
  }
  // the query string decoded as URLSearchParams does on the page: %09 is a tab
  assert.equal(safeNext(new URLSearchParams('next=%2F%09%2Fevil.example').get('next'), origin), home);
});
