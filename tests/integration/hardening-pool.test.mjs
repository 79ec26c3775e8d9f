// hardening-pool.test.mjs: the pool tells the truth under abuse. Password hashing: a worker killed
// with kill -9 while it hashes gives its slot back (the next login succeeds); a login waits for a
// slot instead of failing at once; one client address has one hash in flight at a time, so clients
// flooding wrong passwords do not keep another address from logging in. SIGHUP forks the new
// workers before it retires the old, so a busy pool keeps answering. portalctl does not take a
// zombie or another program's pid for MariaDB, and db-start returns when MariaDB answers.
//
// Client addresses: the portal learns the client's address from nginx (REMOTE_ADDR, the TCP peer),
// so the tests connect from several addresses of 127.0.0.0/8, which Linux accepts to bind.
// A hash in flight is seen as the worker's thread named "pwhash"; SIGSTOP freezes a worker in that
// state, so the tests wait for states, not for timing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startStack, until } from '../lib/stack.mjs';
import { validateResponse } from '../lib/openapi.mjs';

const WORKERS = 4;
const PW = 'Demo-passord-2026';
const HONEST = 'leder@frivillig.demo';
// two slots whatever the machine (the pool never gives more than one per core), and a long wait,
// so that a hash slowed down by a loaded machine never turns into a refusal
const slots = Math.min(2, os.availableParallelism());
let stack;
before(async () => {
  stack = await startStack({ workers: WORKERS, env: { HASH_SLOTS: String(slots), HASH_WAIT_MS: '60000' } });
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const uniq = () => randomBytes(4).toString('hex');

/** POST /api/v1/auth/login from a client address of 127.0.0.0/8, on a connection of its own. */
function loginFrom(addr, email, password) {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve) => {
    const r = http.request(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST', agent: false, localAddress: addr,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'x-portal-request': '1', origin: stack.baseUrl },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        const out = { status: res.statusCode, headers: res.headers, text, json };
        validateResponse('POST', '/api/v1/auth/login', out);
        resolve(out);
      });
      res.on('error', () => resolve({ status: 'network-error' }));
    });
    r.on('error', () => resolve({ status: 'network-error' }));
    r.end(body);
  });
}

/** Wrong-password logins for unknown addresses (each still spends one hash) from each address, with
 *  perAddr requests in flight per address, until stop(); statuses counts the answers. */
function flood(addrs, perAddr) {
  let stopped = false;
  const statuses = {};
  const loop = async (addr) => {
    while (!stopped) {
      const r = await loginFrom(addr, `flom-${uniq()}@eksempel.no`, 'feil-passord-flom');
      statuses[r.status] = (statuses[r.status] || 0) + 1;
    }
  };
  const done = Promise.all(addrs.flatMap((a) => Array.from({ length: perAddr }, () => loop(a))));
  return { statuses, stop: async () => { stopped = true; await done; } };
}

async function procRead(file) {
  try { return (await readFile(file, 'utf8')).trim(); } catch { return null; }
}

/** The state letter of a task (R, S, T, Z, ...) from its stat line; null when it is gone. */
async function taskState(dir) {
  const stat = await procRead(`${dir}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) : null;
}

/** Whether the worker has a password hash in flight: a live thread named pwhash. */
async function hashing(pid) {
  let tids;
  try { tids = await readdir(`/proc/${pid}/task`); } catch { return false; }
  for (const tid of tids) {
    const dir = `/proc/${pid}/task/${tid}`;
    if ((await procRead(`${dir}/comm`)) === 'pwhash' && !['Z', 'X', null].includes(await taskState(dir))) return true;
  }
  return false;
}

/** Freezes (SIGSTOP) a worker while it hashes, one not in skip; returns its pid. */
async function freezeHashing(skip = []) {
  const pid = await until(async () => {
    for (const p of await stack.workerPids()) {
      if (skip.includes(p) || !(await hashing(p))) continue;
      process.kill(p, 'SIGSTOP');
      await until(async () => (await taskState(`/proc/${p}`)) === 'T', 5000, 5);
      if (await hashing(p)) return p; // frozen with the hash in flight: the slot is held
      process.kill(p, 'SIGCONT');
    }
    return null;
  }, 60000, 5);
  assert.ok(pid, 'a worker was frozen while it hashed');
  return pid;
}

/** Whether a worker waits in the kernel for a hashing slot (the semaphore wait). */
async function waitingForSlot(pid) {
  return /semtimedop/.test((await procRead(`/proc/${pid}/wchan`)) || '');
}

test('one hash in flight per client address: a second login from it is refused at once, another address gets a slot', async (t) => {
  if (slots < 2) return t.skip('needs two cores');
  const f = flood(['127.0.0.2'], 1);
  const frozen = await freezeHashing();
  try {
    const same = await loginFrom('127.0.0.2', HONEST, PW);
    assert.equal(same.status, 503, 'the address already has a hash in flight');
    assert.equal(same.headers['retry-after'], '2');
    const other = await loginFrom('127.0.0.3', HONEST, PW);
    assert.equal(other.status, 200, `another address logs in meanwhile: ${other.text}`);
  } finally {
    process.kill(frozen, 'SIGCONT');
    await f.stop();
  }
  assert.equal((await loginFrom('127.0.0.2', HONEST, PW)).status, 200, 'its turn comes back when the hash is done');
});

test('a login waits for a free slot instead of failing at once', async () => {
  const f = flood(['127.0.0.4', '127.0.0.5'], 1);
  const frozen = [];
  try {
    while (frozen.length < slots) frozen.push(await freezeHashing(frozen));
    const waiting = loginFrom('127.0.0.6', HONEST, PW);
    // every slot is held: the login waits in the kernel's queue for one
    const waiter = await until(async () => {
      for (const p of await stack.workerPids()) if (!frozen.includes(p) && (await waitingForSlot(p))) return p;
      return null;
    }, 30000, 5);
    assert.ok(waiter, 'a worker waits for a hashing slot');
    process.kill(frozen.shift(), 'SIGCONT');
    const r = await waiting;
    assert.equal(r.status, 200, r.text);
  } finally {
    for (const p of frozen) process.kill(p, 'SIGCONT');
    await f.stop();
  }
});

test('kill -9 of workers while they hash gives their slots back: the next login succeeds', async () => {
  const addrs = ['127.0.0.7', '127.0.0.8'].slice(0, slots);
  const f = flood(addrs, 1);
  const killed = [];
  try {
    while (killed.length < slots) killed.push(await freezeHashing(killed));
    for (const p of killed) process.kill(p, 'SIGKILL'); // every slot was held by a killed worker
  } finally {
    await f.stop();
  }
  assert.ok(await until(async () => {
    const now = await stack.workerPids();
    return now.length === WORKERS && killed.every((p) => !now.includes(p));
  }, 30000), 'the pool is back to N');
  for (const addr of addrs) {
    const r = await loginFrom(addr, HONEST, PW); // the address of a killed hash: its turn came back too
    assert.equal(r.status, 200, `login from ${addr} after the kill: ${r.status} ${r.text}`);
  }
  const log = await stack.log();
  for (const p of killed) assert.match(log, new RegExp(`worker ${p} killed by signal 9; re-forking`));
});

test('four clients flooding wrong passwords do not keep another address from logging in', async (t) => {
  const f = flood(['127.0.1.1', '127.0.1.2', '127.0.1.3', '127.0.1.4'], 2);
  const answers = [];
  try {
    assert.ok(await until(async () => {
      for (const p of await stack.workerPids()) if (await hashing(p)) return true;
      return false;
    }, 30000, 5), 'the flood is hashing');
    for (let i = 0; i < 5; i++) answers.push((await loginFrom('127.0.2.1', HONEST, PW)).status);
  } finally {
    await f.stop();
  }
  t.diagnostic(`flood answers: ${JSON.stringify(f.statuses)}`);
  assert.deepEqual(answers, Array(5).fill(200));
  assert.ok((f.statuses[401] || 0) > 0, 'the flood was served too');
});

/** A MariaDB session kept open by the test: run(sql) sends a statement and waits for its marker. */
function adminSession() {
  const me = os.userInfo().username;
  const p = spawn('mariadb', ['--no-defaults', `--socket=${path.join(stack.dir, 'run/mysqld.sock')}`, '-u', me,
    '-N', '-B', '--unbuffered', 'portal'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.setEncoding('utf8');
  p.stdout.on('data', (c) => { out += c; });
  return {
    async run(sql) {
      const mark = `done-${uniq()}`;
      p.stdin.write(`${sql}; SELECT '${mark}';\n`);
      assert.ok(await until(async () => out.includes(mark), 30000, 10), `${sql}: no answer`);
    },
    end() { p.stdin.end(); return new Promise((r) => p.on('close', r)); },
  };
}

test('SIGHUP forks the new workers before it retires the old: a busy pool keeps answering', async () => {
  const master = await stack.masterPid();
  const old = await stack.workerPids();
  const db = adminSession();
  let logins;
  try {
    // every worker busy: each holds a login that waits for a table the test has locked
    await db.run('LOCK TABLES login_throttle WRITE');
    // (addresses with no account: each its own throttle row, so the four never wait for each other)
    logins = Promise.all(old.map((_, i) => loginFrom(`127.0.3.${i + 1}`, `hup-${i}-${uniq()}@eksempel.no`, 'feil-passord-hup')));
    assert.ok(await until(async () => Number((await stack.sql(`SELECT COUNT(*) FROM information_schema.PROCESSLIST
      WHERE USER = 'portal' AND STATE LIKE 'Waiting for table%'`))[0][0]) === old.length, 30000), 'every worker is busy');
    process.kill(master, 'SIGHUP');
    const fresh = await until(async () => {
      const now = (await stack.workerPids()).filter((p) => !old.includes(p));
      return now.length === WORKERS ? now : null;
    }, 30000);
    assert.ok(fresh, `${WORKERS} new workers run while the old ones are busy`);
    assert.ok(old.every((p) => { try { process.kill(p, 0); return true; } catch { return false; } }), 'the old ones still finish their requests');
    assert.equal((await stack.req('/api/v1/ping')).status, 200, 'the pool answers meanwhile');
    await db.run('UNLOCK TABLES');
  } finally {
    await db.end();
  }
  const answers = await logins;
  assert.deepEqual(answers.map((r) => r.status), old.map(() => 401), 'the old workers finished their requests');
  assert.ok(await until(async () => {
    const now = await stack.workerPids();
    return now.length === WORKERS && now.every((p) => !old.includes(p));
  }, 30000), 'the old generation is gone and the pool is N again');
});

/** A process of another program: what a pid file may name once its pid has been reused. */
const stranger = () => spawn('sleep', ['600'], { stdio: 'ignore' });

/** A zombie: a child whose parent (bash turned into `sleep` by exec) never waits for it. The child
 *  exits only once its parent has become `sleep`, so bash cannot reap it first. Returns { pid,
 *  parent } once the kernel shows it as a zombie; kill parent to let it go. */
async function zombie() {
  const parent = spawn('bash', ['-c', 'p=$$; (while [ "$(cat /proc/$p/comm)" != sleep ]; do sleep 0.01; done) & echo $!; exec sleep 600'],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = await new Promise((resolve) => parent.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
    assert.ok(await until(async () => (await taskState(`/proc/${pid}`)) === 'Z', 30000), 'a zombie');
    return { pid, parent };
  } catch (e) {
    parent.kill('SIGKILL');
    throw e;
  }
}

test('portalctl db-start does not take a zombie or another program for MariaDB, and returns when it answers', async () => {
  const pidFile = path.join(stack.dir, 'run/mysqld.pid');
  const s = stranger();
  let z;
  try {
    z = await zombie();
    for (const pid of [z.pid, s.pid]) {
      await stack.dbStop();
      await writeFile(pidFile, `${pid}\n`);
      assert.match((await stack.ctl('status')).stdout, /mysqld: stopped/, `pid ${pid} is not MariaDB`);
      await stack.dbStart();
      // no waiting: db-start returned, so MariaDB answers now
      assert.deepEqual(await stack.sql('SELECT 1'), [['1']]);
      const real = Number(await procRead(pidFile));
      assert.notEqual(real, pid);
      assert.match((await stack.ctl('status')).stdout, new RegExp(`mysqld: running \\(pid ${real}\\)`));
    }
  } finally {
    z?.parent.kill('SIGKILL');
    s.kill('SIGKILL');
  }
  assert.equal((await stack.req('/api/v1/health')).status, 200);
});

test('after kill -9 of MariaDB, db-start starts it again and returns when it answers', async () => {
  const pid = Number(await procRead(path.join(stack.dir, 'run/mysqld.pid')));
  process.kill(pid, 'SIGKILL');
  // gone, or a zombie nobody reaps: either way not MariaDB any more
  assert.ok(await until(async () => ['Z', 'X', null].includes(await taskState(`/proc/${pid}`)), 10000));
  await stack.dbStart();
  assert.deepEqual(await stack.sql('SELECT 1'), [['1']]);
  assert.equal((await stack.req('/api/v1/health')).status, 200, 'the workers reconnect by themselves');
});

test('portalctl takes no zombie for the worker pool either', async () => {
  const pidFile = path.join(stack.dir, 'run/portal.pid');
  const real = await readFile(pidFile, 'utf8');
  const z = await zombie();
  try {
    await writeFile(pidFile, `${z.pid}\n`);
    assert.match((await stack.ctl('status')).stdout, /portal: stopped/);
  } finally {
    await writeFile(pidFile, real);
    z.parent.kill('SIGKILL');
  }
  assert.match((await stack.ctl('status')).stdout, new RegExp(`portal: running \\(pid ${real.trim()}\\)`));
});
