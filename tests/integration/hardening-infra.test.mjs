// hardening-infra.test.mjs: hosts, headers and errors, the database connection, the outbox sender
// and truthful errors, on the real stack.
// - nginx answers only the host of public_url (421 otherwise); the pool needs public_url and the
//   Origin check compares with it alone; nginx's own errors keep the security headers and are
//   problem+json under /api/ and a Norwegian page elsewhere.
// - MariaDB's tmpdir is under var/ and its prepared-statement limit fits every connection; a
//   read-only database or one out of statement slots answers 503 with Retry-After; after failed
//   statements the connection is clean; the inbox search matches % and _ as written.
// - The outbox sender holds no transaction while sendmail runs, runs `sendmail -i`, and a lapsed
//   lease makes an email due again.
// - Every create honours Idempotency-Key; through a proxy that drops the database connection at
//   chosen moments: a COMMIT whose answer is lost answers 503 "answer lost" and the key makes the
//   second try give the one draft; a lost read is run again; a transaction lost before COMMIT
//   saved nothing and says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, writeFile, readFile, chmod, rm, readdir } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startStack, until, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall, validDraft } from '../lib/apps.mjs';

const run = promisify(execFile);
let stack, mail, cw, dm, leader, org, call;
let n = 0;

before(async () => {
  mail = await mkdtemp(path.join(os.tmpdir(), 'infra-sendmail-'));
  // a sendmail stand-in: writes its arguments, waits while the file "hold" exists, then appends
  // the message to "sent"
  await writeFile(path.join(mail, 'sendmail'), `#!/bin/sh
echo "$@" >> "${mail}/args"
touch "${mail}/started"
while [ -e "${mail}/hold" ]; do sleep 0.05; done
cat >> "${mail}/sent"
echo "---" >> "${mail}/sent"
`);
  await chmod(path.join(mail, 'sendmail'), 0o755);
  stack = await startStack({ workers: 2, env: { SENDMAIL: path.join(mail, 'sendmail'), OUTBOX_INTERVAL: '1', AUTH_RATE: '5r/s', AUTH_BURST: '40' } });
  cw = await loginAs(stack, 'saksbehandler@oslo.demo');
  dm = await loginAs(stack, 'beslutter@oslo.demo');
  leader = await loginAs(stack, 'leder@frivillig.demo');
  [[org]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
  call = await insertCall(stack, 'oslo', {});
  await stack.sql(`UPDATE calls SET budget_frame = 10000000 WHERE id = ${call.id}`);
}, { timeout: 120000 });

after(async () => {
  if (stack) await stack.stop();
  if (mail) await rm(mail, { recursive: true, force: true });
});

/** A raw HTTP/1.1 request to nginx with the Host header given (null: none). */
function raw(pathname, { host, method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (host !== null) h.host = host ?? `127.0.0.1:${stack.port}`;
    const r = http.request({ host: '127.0.0.1', port: stack.port, path: pathname, method, headers: h, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** The headers every response carries (nginx/security_headers). */
function assertSecurityHeaders(r, what) {
  assert.match(r.headers['content-security-policy'] ?? '', /default-src 'self'; script-src 'self'/, `${what}: CSP`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(r.headers['referrer-policy'], 'same-origin', `${what}: Referrer-Policy`);
  assert.equal(r.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
}

function assertProblem(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.text}`);
  assert.match(r.headers['content-type'], /^application\/problem\+json/, what);
  assert.equal(r.json.status, status, what);
  assert.match(r.json.type, /^https:\/\/tilskudd\.example\/problems\//, what);
  assertSecurityHeaders(r, what);
}

function assertPage(r, status, what) {
  assert.equal(r.status, status, what);
  assert.match(r.headers['content-type'], /^text\/html/, what);
  assert.match(r.text, /<html lang="nb">/, `${what}: a Norwegian page`);
  assert.doesNotMatch(r.text, /nginx/i, `${what}: not nginx's own page`);
  assertSecurityHeaders(r, what);
}

const count = async (sql) => Number((await stack.sql(sql))[0][0]);

// ---- hosts, headers and errors -------------------------------------------------------------------

test('nginx answers only the host of public_url: another Host, or none, gets 421 and reaches no worker', async () => {
  const before = (await stack.log()).split('\n').filter((l) => l.includes(' access ')).length;
  for (const host of ['evil.example', `localhost:${stack.port}`, `127.0.0.2:${stack.port}`]) {
    assertProblem(await raw('/api/v1/ping', { host }), 421, `API with Host ${host}`);
    assertProblem(await raw('/api/v1/auth/login', { host, method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), 421, `login with Host ${host}`);
    assertPage(await raw('/', { host }), 421, `page with Host ${host}`);
  }
  // HTTP/1.0 without a Host header
  const bare = await new Promise((resolve, reject) => {
    const s = net.connect(stack.port, '127.0.0.1');
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('end', () => resolve(data));
    s.on('error', reject);
    s.write('GET /api/v1/ping HTTP/1.0\r\n\r\n');
  });
  assert.match(bare, /^HTTP\/1\.1 421/);
  assert.equal((await stack.log()).split('\n').filter((l) => l.includes(' access ')).length, before, 'no worker saw them');
  // the portal's own name, as public_url has it
  const ok = await raw('/api/v1/ping');
  assert.equal(ok.status, 200);
  assertSecurityHeaders(ok, 'ping');
});

test('the pool refuses to start without public_url, or with one that is not an origin; a SIGHUP to such a file is refused', async () => {
  const confPath = path.join(stack.dir, 'etc/portal.conf');
  const conf = await readFile(confPath, 'utf8');
  assert.match(conf, new RegExp(`^public_url = http://127\\.0\\.0\\.1:${stack.port}$`, 'm'), 'portalctl writes it');
  const bin = stack.env.PORTAL_BIN;
  const tryConf = async (text) => {
    const f = path.join(stack.dir, 'etc/try.conf');
    await writeFile(f, text);
    return run(bin, ['-c', f, '-t']).then(() => ({ code: 0, stderr: '' }), (e) => ({ code: e.code, stderr: e.stderr }));
  };
  const without = conf.replace(/^public_url = .*\n/m, '');
  let r = await tryConf(without);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /public_url is missing/);
  for (const bad of ['http://127.0.0.1:8080/', 'https://tilskudd.example.no/portal', 'tilskudd.example.no', 'https://Tilskudd.example.no']) {
    r = await tryConf(`${without}public_url = ${bad}\n`);
    assert.equal(r.code, 1, bad);
    assert.match(r.stderr, /public_url: expected the portal's origin/, bad);
  }
  // starting the pool itself (not only -t) fails the same way, before it listens
  const f = path.join(stack.dir, 'etc/try.conf');
  await writeFile(f, without.replace(/^listen = .*$/m, `listen = ${path.join(stack.dir, 'run/try.sock')}`).replace(/^pid_file = .*$/m, `pid_file = ${path.join(stack.dir, 'run/try.pid')}`));
  r = await run(bin, ['-c', f]).then(() => ({ code: 0 }), (e) => ({ code: e.code }));
  assert.equal(r.code, 1);
  await assert.rejects(readFile(path.join(stack.dir, 'run/try.pid')), 'never started');
  // a SIGHUP to a file without it keeps the running configuration
  try {
    await writeFile(confPath, without);
    const workers = await stack.workerPids();
    process.kill(await stack.masterPid(), 'SIGHUP');
    assert.ok(await until(async () => /public_url is missing(.|\n)*keeping the old one/.test(await stack.log()), 5000));
    assert.deepEqual(await stack.workerPids(), workers);
    assert.equal((await stack.req('/api/v1/health')).status, 200);
  } finally {
    await writeFile(confPath, conf);
  }
});

test('the Origin of a change must be public_url: an Origin matching only the Host the request names is refused', async () => {
  const body = JSON.stringify({ email: 'leder@frivillig.demo', password: 'Demo-passord-2026' });
  const post = (host, origin) => raw('/api/v1/auth/login', { host, method: 'POST', body, headers: { 'content-type': 'application/json', 'x-portal-request': '1', origin } });
  // nginx matches the name and ignores the port, so the Host may name another port: its origin
  // is not the portal's
  const other = `127.0.0.1:${stack.port + 1}`;
  const refused = await post(other, `http://${other}`);
  assertProblem(refused, 403, 'Origin of the Host');
  assert.match(refused.json.type, /csrf$/);
  assertProblem(await post(undefined, `http://localhost:${stack.port}`), 403, 'another origin');
  assertProblem(await post(undefined, `https://127.0.0.1:${stack.port}`), 403, 'another scheme');
  assert.equal((await post(other, stack.baseUrl)).status, 200, 'public_url passes');
});

test("nginx's own errors are problem+json under /api/ and Norwegian pages elsewhere, all with the security headers", async () => {
  const notFound = await raw('/finnes-ikke.html');
  assertPage(notFound, 404, 'a missing page');
  assert.match(notFound.text, /Fant ikke siden/);
  assertPage(await raw('/assets/finnes-ikke.js'), 404, 'a missing asset');
  assertPage(await raw('/_feil/404.html'), 404, 'the error pages are internal');
  assertPage(await raw('/index.html', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }), 405, 'POST to a page');
  const big = await raw('/api/v1/auth/login', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
  assertProblem(big, 413, 'a large body to the API');
  assert.match(big.json.type, /payload-too-large$/);
  const upload = await raw('/api/v1/applications/1/attachments', { method: 'POST', body: Buffer.alloc(12 * 1024 * 1024), headers: { 'content-type': 'application/pdf' } });
  assertProblem(upload, 413, 'an upload over nginx\'s limit');
  // the API reference keeps its own style-src, from the same snippet
  const ref = await raw('/api.html');
  assert.equal(ref.status, 200);
  assert.match(ref.headers['content-security-policy'], /style-src 'self' 'sha256-47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU='/);
  assert.equal(ref.headers['x-frame-options'], 'DENY');
});

// ---- the database -----------------------------------------------------------------------------

test('MariaDB keeps its temporary files under var/, and lets every connection prepare every statement', async () => {
  const [[tmpdir, maxStmts, maxConns]] = await stack.sql('SELECT @@tmpdir, @@max_prepared_stmt_count, @@max_connections');
  assert.ok(tmpdir.startsWith(stack.dir + '/'), `tmpdir ${tmpdir} is under ${stack.dir}`);
  let statements = 0;
  for (const f of (await readdir(path.join(ROOT, 'fcgi/db'))).filter((x) => /^stmt_.*\.def$/.test(x))) {
    statements += (await readFile(path.join(ROOT, 'fcgi/db', f), 'utf8')).split('\n').filter((l) => l.startsWith('DB_STMT(')).length;
  }
  assert.ok(statements > 100, `${statements} statements`);
  assert.ok(Number(maxConns) >= 500, 'max_connections as the README says');
  assert.ok(Number(maxStmts) >= Number(maxConns) * statements,
    `max_prepared_stmt_count ${maxStmts} >= ${maxConns} connections x ${statements} statements`);
});

/** Replaces the workers (SIGHUP): the new ones have fresh connections with nothing prepared. */
async function freshWorkers() {
  const old = await stack.workerPids();
  process.kill(await stack.masterPid(), 'SIGHUP');
  assert.ok(await until(async () => {
    const now = await stack.workerPids();
    return now.length >= 2 && now.filter((p) => old.includes(p)).length <= 1; // the outbox sender stays
  }, 10000));
  assert.ok(await until(async () => (await stack.req('/api/v1/health')).status === 200, 5000));
}

test('a read-only database, or one out of prepared-statement slots, answers 503 with Retry-After and says nothing was saved; then it serves at once', async (t) => {
  const member = new Client(stack);
  await freshWorkers();
  const [[limit]] = await stack.sql('SELECT @@max_prepared_stmt_count');
  await stack.sql('SET GLOBAL max_prepared_stmt_count = 0');
  try {
    const r = await stack.req('/api/v1/tenants');
    checkProblem(r, 503);
    assert.equal(r.headers.get('retry-after'), '5');
    assert.match(r.json.type, /service-unavailable$/);
    assert.match(r.json.detail, /Ingenting er lagret/);
  } finally {
    await stack.sql(`SET GLOBAL max_prepared_stmt_count = ${limit}`);
  }
  assert.equal((await stack.req('/api/v1/tenants')).status, 200);

  const drafts = await count('SELECT COUNT(*) FROM applications');
  await stack.sql('SET GLOBAL read_only = 1');
  try {
    const login = await member.post('/api/v1/auth/login', { email: 'medlem@frivillig.demo', password: 'Demo-passord-2026' });
    checkProblem(login, 503);
    assert.equal(login.headers.get('retry-after'), '5');
    const create = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id });
    checkProblem(create, 503);
    assert.equal(create.headers.get('retry-after'), '5');
    assert.match(create.json.detail, /Ingenting er lagret/);
    assert.equal((await stack.req('/api/v1/calls')).status, 200, 'reads go on');
  } finally {
    await stack.sql('SET GLOBAL read_only = 0');
  }
  assert.equal(await count('SELECT COUNT(*) FROM applications'), drafts, 'nothing was written');
  const started = Date.now();
  await member.login('medlem@frivillig.demo');
  const created = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id });
  assert.equal(created.status, 201, created.text);
  t.diagnostic(`login and create after read-only: ${Date.now() - started} ms`);
  assert.ok(Date.now() - started < 5000, 'no stall');
  const log = await stack.log();
  assert.match(log, /1290 The MariaDB server is running with the --read-only option/);
  assert.match(log, /1461 Can't create more than max_prepared_stmt_count/);
});

test('after failed statements the connections are clean: the next requests are served at once', async () => {
  const id = await submitted(call, 20000);
  const [[limit]] = await stack.sql('SELECT @@max_prepared_stmt_count');
  const failures = [
    // a duplicate key inside a transaction that goes on (the second use of an Idempotency-Key)
    async () => {
      const h = { 'idempotency-key': `ren-forbindelse-${process.pid}` };
      assert.equal((await cw.post(`${staffUrl(id)}/comments`, { body: 'Første' }, h)).status, 201);
      return cw.post(`${staffUrl(id)}/comments`, { body: 'Første' }, h);
    },
    // a statement the server refuses while it is read-only, then one out of statement slots
    async () => {
      await stack.sql('SET GLOBAL read_only = 1');
      try { return await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id }); } finally { await stack.sql('SET GLOBAL read_only = 0'); }
    },
    async () => {
      await freshWorkers();
      await stack.sql('SET GLOBAL max_prepared_stmt_count = 0');
      try { return await cw.get('/api/v1/tenants/oslo/applications?q=x'); } finally { await stack.sql(`SET GLOBAL max_prepared_stmt_count = ${limit}`); }
    },
  ];
  for (const fail of failures) {
    const r = await fail();
    assert.ok([200, 503].includes(r.status), `${r.status} ${r.text}`);
    // every worker answers the next requests, each at once and right
    for (let i = 0; i < 12; i++) {
      const started = Date.now();
      const [calls, inbox] = await Promise.all([stack.req('/api/v1/calls'), cw.get('/api/v1/tenants/oslo/applications?per_page=5')]);
      assert.equal(calls.status, 200);
      assert.equal(inbox.status, 200, inbox.text);
      assert.ok(Date.now() - started < 3000, `served in ${Date.now() - started} ms`);
    }
  }
  // no transaction of the workers is left open
  assert.equal(await count("SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.user = 'portal'"), 0);
});

test('the inbox search matches % and _ as written, not as wildcards', async () => {
  const title = `Rabatt 50%_${process.pid}`;
  const id = await submitted(call, 20000);
  await stack.sql(`UPDATE applications SET title = '${title}' WHERE id = ${id}`);
  const search = async (q) => {
    const r = await cw.get(`/api/v1/tenants/oslo/applications?q=${encodeURIComponent(q)}&per_page=100`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const literal = async (text) => count(`SELECT COUNT(*) FROM applications a JOIN organisations o ON o.id = a.org_id
    WHERE a.tenant_id = (SELECT id FROM tenants WHERE slug = 'oslo') AND a.status <> 'draft'
      AND (LOCATE('${text}', a.title) > 0 OR LOCATE('${text}', o.name) > 0)`);
  const all = await count("SELECT COUNT(*) FROM applications WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'oslo') AND status <> 'draft'");
  for (const q of ['%', '_', '50%_', '%_', '!']) {
    const r = await search(q);
    assert.equal(r.total, await literal(q), `q=${q}`);
    assert.ok(r.total < all, `q=${q} is not a wildcard (${r.total} of ${all})`);
  }
  const hit = await search('50%_');
  assert.ok(hit.items.some((c) => c.id === id), 'the case with the text is found');
  assert.equal((await search('Rabatt 50')).items.some((c) => c.id === id), true);
});

// ---- the outbox sender --------------------------------------------------------------------------

/** The outbox sender's pid: the master's child that logged its start last. */
async function senderPid() {
  const lines = (await stack.log()).split('\n').filter((l) => l.includes('outbox: sender started'));
  return Number(/pid=(\d+)/.exec(lines.at(-1))[1]);
}

test('the outbox sender holds no transaction while sendmail runs, runs it with -i, and a lapsed lease makes the email due again', async () => {
  const anon = new Client(stack);
  const portalTrx = "SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.user = 'portal'";
  // let what is queued go out first
  assert.ok(await until(async () => (await count('SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()')) === 0, 15000));
  await writeFile(path.join(mail, 'hold'), '');
  await rm(path.join(mail, 'started'), { force: true });
  try {
    assert.equal((await anon.post('/api/v1/auth/reset-request', { email: 'leder@frivillig.demo' })).status, 202);
    const [[id]] = await stack.sql("SELECT MAX(id) FROM outbox WHERE to_email = 'leder@frivillig.demo'");
    assert.ok(await until(async () => readFile(path.join(mail, 'started')).then(() => true, () => false), 10000), 'sendmail runs');
    // sendmail is running: no transaction of the portal is open, the email is leased, not sent
    assert.equal(await count(portalTrx), 0, 'no transaction across sendmail');
    const [[sentAt, lease]] = await stack.sql(`SELECT sent_at, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at) FROM outbox WHERE id = ${id}`);
    assert.equal(sentAt, null);
    assert.ok(Number(lease) >= 200, `leased for ${lease} s`);
    // the row is not locked: others queue and read emails meanwhile, at once
    const started = Date.now();
    assert.equal((await anon.post('/api/v1/auth/reset-request', { email: 'medlem@frivillig.demo' })).status, 202);
    assert.equal(await count(`SELECT COUNT(*) FROM outbox WHERE id = ${id} FOR UPDATE NOWAIT`), 1);
    assert.ok(Date.now() - started < 3000);

    // the sender dies while sendmail runs: its lease keeps the email from others until it lapses
    const sender = await senderPid();
    process.kill(sender, 'SIGKILL');
    assert.ok(await until(async () => (await senderPid()) !== sender, 10000), 'the master starts a new sender');
    await rm(path.join(mail, 'hold'));
    assert.ok(await until(async () => (await readFile(path.join(mail, 'sent'), 'utf8').catch(() => '')).includes(`X-Portal-Outbox-Id: ${id}`), 10000));
    assert.equal((await stack.sql(`SELECT sent_at FROM outbox WHERE id = ${id}`))[0][0], null, 'delivered, but the dead sender did not mark it');
    await stack.sql(`UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`); // the lease lapses
    assert.ok(await until(async () => (await stack.sql(`SELECT sent_at FROM outbox WHERE id = ${id}`))[0][0] !== null, 10000), 'due again, sent and marked');
  } finally {
    await rm(path.join(mail, 'hold'), { force: true });
  }
  const args = (await readFile(path.join(mail, 'args'), 'utf8')).trim().split('\n');
  assert.ok(args.length > 0 && args.every((a) => a.split(' ').includes('-i')), `sendmail -i: ${args.join(' | ')}`);
});

// ---- Idempotency-Key --------------------------------------------------------------------------

/** A submitted application of the demo organisation for call c; returns its id. */
async function submitted(c, amount) {
  const ref = `INF-${process.pid}-${++n}`;
  await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals)
    VALUES (${org}, ${c.id}, (SELECT tenant_id FROM calls WHERE id = ${c.id}), 'submitted', 'Sak ${ref}', ${amount},
    JSON_OBJECT('summary', 'Møteplasser'), 1, 1, '${ref}', UTC_TIMESTAMP(), 'A')`);
  return Number((await stack.sql(`SELECT id FROM applications WHERE reference = '${ref}'`))[0][0]);
}

const staffUrl = (id) => `/api/v1/tenants/oslo/applications/${id}`;
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

/** Through review, recommendation, the decision and the letter. */
async function decidedAndSent(id, outcome, amount) {
  for (const c of [cw, dm]) ok(await c.post(`${staffUrl(id)}/impartiality`, { impartial: true }));
  ok(await cw.post(`${staffUrl(id)}/review`));
  ok(await cw.post(`${staffUrl(id)}/recommend`, { amount: outcome === 'reject' ? 0 : amount, reasons: 'Innstilling' }));
  ok(await dm.post(`${staffUrl(id)}/decide`, outcome === 'reject' ? { outcome, reasons: 'Utenfor formålet' } : { outcome, amount }));
  ok(await cw.post(`${staffUrl(id)}/letter`, {}));
}

/** Sends the same request twice with one key, then the key with another body. */
async function idempotent(client, method, url, body, otherBody, { created = 201, table, where }) {
  const key = `infra-${process.pid}-${++n}`;
  const rows = () => count(`SELECT COUNT(*) FROM ${table} WHERE ${where}`);
  const before = await rows();
  const first = await client.req(method, url, body, { 'idempotency-key': key });
  assert.equal(first.status, created, `${url}: ${first.text}`);
  const second = await client.req(method, url, body, { 'idempotency-key': key });
  assert.equal(second.status, 200, `${url} again: ${second.text}`);
  assert.deepEqual(second.json, first.json, `${url}: the same answer`);
  assert.equal(await rows(), before + 1, `${url}: written once`);
  checkProblem(await client.req(method, url, otherBody, { 'idempotency-key': key }), 422, 'Idempotency-Key');
  checkProblem(await client.req(method, url, body, { 'idempotency-key': 'kort' }), 400, 'Idempotency-Key');
  assert.equal(await rows(), before + 1, `${url}: nothing more written`);
  return first.json;
}

test('every create honours Idempotency-Key: sent again it answers the first result (200) and writes nothing; the key with another request is 422', async () => {
  // a draft
  const draft = await idempotent(leader, 'POST', `/api/v1/organisations/${org}/applications`, { call_id: call.id },
    { call_id: (await insertCall(stack, 'oslo', {})).id }, { table: 'applications', where: `org_id = ${org} AND call_id = ${call.id}` });
  assert.equal(draft.status, 'draft');
  // a comment
  const a = await submitted(call, 20000);
  const comment = await idempotent(cw, 'POST', `${staffUrl(a)}/comments`, { body: 'Ring søkeren' }, { body: 'Noe annet' },
    { table: 'case_comments', where: `application_id = ${a}` });
  assert.ok(comment.comment_id > 0);
  // an appeal, on a rejection
  const b = await submitted(call, 20000);
  await decidedAndSent(b, 'reject');
  const appeal = await idempotent(leader, 'POST', `/api/v1/applications/${b}/appeals`, { reasons: 'Vi mener søknaden er innenfor formålet.' },
    { reasons: 'En annen begrunnelse.' }, { table: 'appeals', where: `application_id = ${b}` });
  assert.ok(appeal.appeal_id > 0);
  // a change request, on an accepted grant; then the report, once paid
  const c = await submitted(call, 20000);
  await decidedAndSent(c, 'grant', 20000);
  ok(await leader.post(`/api/v1/applications/${c}/accept`, { accept: true }));
  const change = await idempotent(leader, 'POST', `/api/v1/applications/${c}/change-requests`, { kind: 'activities', description: 'Flytter to samlinger.' },
    { kind: 'budget', description: 'Flytter penger.' }, { table: 'change_requests', where: `application_id = ${c}` });
  assert.ok(change.change_request_id > 0);
  await stack.sql(`UPDATE payments SET paid_at = UTC_TIMESTAMP() WHERE application_id = ${c}`);
  await stack.sql(`UPDATE applications SET status = 'paid' WHERE id = ${c}`);
  const report = { goals_reached: 'Målene er nådd.', participants: 35, activities: 'Ti samlinger.', accounts: [{ item: 'Lokaler', budget: 10000, actual: 9000 }] };
  const got = await idempotent(leader, 'PUT', `/api/v1/applications/${c}/report`, report, { ...report, participants: 36 },
    { created: 200, table: 'reports', where: `application_id = ${c}` });
  assert.equal(got.status, 'report_received');
});

// ---- lost answers, through a proxy in front of MariaDB ---------------------------------------------

/**
 * A TCP proxy between the workers and MariaDB that reads the client's commands (MySQL protocol:
 * 3-byte length, sequence number, payload; a command is a packet with sequence 0) and, when
 * armed, drops a connection at a chosen moment: after the server answered a statement whose
 * prepared SQL matches (at: 'statement'), or the COMMIT that follows such a statement (at:
 * 'commit'). The server has then done the work; the worker only loses the answer.
 */
async function dbProxy(target) {
  const armed = [];
  const server = net.createServer((client) => {
    const up = net.connect(target, '127.0.0.1');
    const stmts = new Map();
    let preparing = null, matched = null, dropOnAnswer = false;
    const packets = (onPacket) => {
      let buf = Buffer.alloc(0);
      return (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 4 && buf.length >= 4 + buf.readUIntLE(0, 3)) {
          const len = buf.readUIntLE(0, 3);
          onPacket(buf[3], buf.subarray(4, 4 + len));
          buf = buf.subarray(4 + len);
        }
      };
    };
    const fromClient = packets((seq, p) => {
      if (seq !== 0 || p.length === 0) return;
      if (p[0] === 0x16) preparing = p.subarray(1).toString('utf8');
      if (p[0] === 0x17) {
        const sql = stmts.get(p.readUInt32LE(1)) || '';
        const i = armed.findIndex((a) => a.sql.test(sql));
        if (i >= 0) {
          matched = armed.splice(i, 1)[0];
          if (matched.at === 'statement') dropOnAnswer = true;
        }
      }
      if (p[0] === 0x03 && matched?.at === 'commit' && /^COMMIT/i.test(p.subarray(1).toString('utf8'))) dropOnAnswer = true;
    });
    const fromServer = packets((seq, p) => {
      if (preparing !== null && seq === 1 && p[0] === 0x00) { stmts.set(p.readUInt32LE(1), preparing); preparing = null; }
    });
    client.on('data', (d) => { fromClient(d); up.write(d); });
    up.on('data', (d) => {
      if (dropOnAnswer) { // the server answered: the worker never hears it
        matched.dropped = true;
        client.destroy();
        up.destroy();
        return;
      }
      fromServer(d);
      client.write(d);
    });
    const close = () => { client.destroy(); up.destroy(); };
    client.on('error', close); up.on('error', close); client.on('close', close); up.on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** Drops the connection of the next statement matching sql, after its answer or its COMMIT's. */
    arm(sql, at) { const a = { sql, at, dropped: false }; armed.push(a); return a; },
    close: () => new Promise((resolve) => { server.close(resolve); }),
  };
}

/** Points the workers at port (SIGHUP with db_port changed) and waits for the new generation. */
async function workersOnDbPort(port) {
  const confPath = path.join(stack.dir, 'etc/portal.conf');
  const conf = await readFile(confPath, 'utf8');
  await writeFile(confPath, conf.replace(/^db_port = .*$/m, `db_port = ${port}`));
  await freshWorkers();
}

test('a COMMIT whose answer is lost answers 503 "answer lost" (never "nothing saved"), and sent again with its key gives the one draft', async () => {
  const proxy = await dbProxy(stack.dbPort);
  try {
    await workersOnDbPort(proxy.port);
    const drafts = () => count(`SELECT COUNT(*) FROM applications WHERE org_id = ${org} AND call_id = ${call.id}`);
    const before = await drafts();
    const key = `tapt-svar-${process.pid}`;
    const drop = proxy.arm(/^INSERT INTO applications /, 'commit');
    const lost = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id }, { 'idempotency-key': key });
    assert.ok(drop.dropped, 'the proxy dropped the COMMIT\'s answer');
    checkProblem(lost, 503);
    assert.equal(lost.headers.get('retry-after'), '5');
    assert.match(lost.json.type, /answer-lost$/);
    assert.match(lost.json.detail, /kan være lagret/);
    assert.match(lost.json.detail, /trygt å sende den på nytt/);
    assert.doesNotMatch(lost.json.detail, /Ingenting er lagret/i);
    assert.equal(await drafts(), before + 1, 'it was committed');
    const again = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id }, { 'idempotency-key': key });
    assert.equal(again.status, 200, again.text);
    assert.equal(await drafts(), before + 1, 'the second try made no second draft');
    const [[id]] = await stack.sql(`SELECT MAX(id) FROM applications WHERE org_id = ${org} AND call_id = ${call.id}`);
    assert.equal(again.json.id, Number(id), 'the answer names the draft the lost commit made');
    assert.match(await stack.log(), /POST \/api\/v1\/organisations\/\d+\/applications route=\S+ status=503/);

    // a lost answer inside the transaction, before COMMIT: the server rolled it back, and so says the 503
    const early = proxy.arm(/^INSERT INTO applications /, 'statement');
    const rolled = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id }, { 'idempotency-key': `${key}-2` });
    assert.ok(early.dropped);
    checkProblem(rolled, 503);
    assert.match(rolled.json.type, /service-unavailable$/);
    assert.match(rolled.json.detail, /Ingenting er lagret/);
    assert.equal(await drafts(), before + 1, 'nothing was saved');
    const retried = await leader.post(`/api/v1/organisations/${org}/applications`, { call_id: call.id }, { 'idempotency-key': `${key}-2` });
    assert.equal(retried.status, 201, 'the key was not kept: the retry creates it');
    assert.equal(await drafts(), before + 2);

    // a read whose answer is lost is run again on a new connection: the client never sees it
    const read = proxy.arm(/FROM calls/, 'statement');
    const calls = await stack.req('/api/v1/calls');
    assert.ok(read.dropped);
    assert.equal(calls.status, 200);
  } finally {
    await workersOnDbPort(stack.dbPort);
    await proxy.close();
  }
});

// ---- nginx when the workers are busy or gone (last: it stops the pool) ------------------------------

test('nginx answers 429 and, with no worker, 503 as problem+json with Retry-After and the security headers, never claiming nothing was saved', async () => {
  const flood = await Promise.all(Array.from({ length: 80 }, () => raw('/api/v1/auth/login', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })));
  const limited = flood.find((r) => r.status === 429);
  assert.ok(limited, `some of ${flood.map((r) => r.status).join(',')} are 429`);
  assertProblem(limited, 429, 'the login limit');
  assert.equal(limited.headers['retry-after'], '1');

  const master = await stack.masterPid();
  process.kill(master, 'SIGTERM');
  assert.ok(await until(async () => { try { process.kill(master, 0); return false; } catch { return true; } }, 40000), 'the pool stopped');
  try {
    for (const [pathname, method] of [['/api/v1/calls', 'GET'], [`/api/v1/organisations/${org}/applications`, 'POST']]) {
      const r = await raw(pathname, { method, body: method === 'POST' ? JSON.stringify({ call_id: call.id }) : undefined, headers: { 'content-type': 'application/json' } });
      assertProblem(r, 503, `${method} ${pathname} with no worker`);
      assert.equal(r.headers['retry-after'], '5');
      assert.match(r.json.detail, /kan den være lagret/);
      assert.doesNotMatch(r.json.detail, /ingenting er lagret/i);
    }
    assertPage(await raw('/finnes-ikke.html'), 404, 'pages are still served');
    assert.equal((await raw('/')).status, 200);
  } finally {
    await stack.ctl('reload'); // starts the pool again for stop()
  }
  assert.ok(await until(async () => (await raw('/api/v1/health')).status === 200, 30000));
});
