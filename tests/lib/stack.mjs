// stack.mjs: starts a real, private portal stack for a test file: MariaDB on a free TCP port
// (plus its socket), the FastCGI worker pool, and nginx on a free port, all under
// var/test/<random>/ through fcgi/portalctl, the same script `make run` uses. Demo data is loaded
// (copied from the template data directory when there is one).
// stop() stops everything and fails if a sanitizer reported anything in the worker log.
// req() validates every API response against the OpenAPI document (openapi.mjs).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { access, copyFile, mkdtemp, rm, readFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResponse } from './openapi.mjs';

const run = promisify(execFile);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The state letter of a process (R, S, Z, ...), from /proc; null when it is gone. */
async function stateOf(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}

/** The data directory `make test-template` leaves: MariaDB installed, migrated, demo data loaded,
 *  shut down cleanly. A stack starts from a sparse copy of it instead of installing its own. */
export const TEMPLATE = process.env.PORTAL_TEMPLATE ?? path.join(ROOT, 'build/test-template');

async function fromTemplate(dir) {
  try { await access(path.join(TEMPLATE, '.ready')); } catch { return false; }
  await mkdir(path.join(dir, 'etc'), { recursive: true, mode: 0o700 });
  await run('cp', ['-a', '--sparse=always', path.join(TEMPLATE, 'db'), path.join(dir, 'db')]);
  await copyFile(path.join(TEMPLATE, 'etc/db.password'), path.join(dir, 'etc/db.password'));
  // the key the demo staff's second-factor secrets were sealed with (portalctl makes it 0600)
  await copyFile(path.join(TEMPLATE, 'etc/totp.key'), path.join(dir, 'etc/totp.key'));
  return true;
}

export async function startStack(opts = {}) {
  await mkdir(path.join(ROOT, 'var/test'), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, 'var/test/s'));
  // the template already holds the demo data; a test that wants its own start says so in opts.env
  const copied = !opts.fresh && await fromTemplate(dir);
  // A free port may be taken by another test's server between freePort() and the bind: then the
  // stack is stopped and started again on other ports (the one race that is not ours to avoid).
  let port, dbPort, env, ctl;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    dbPort = await freePort();
    env = {
      ...process.env,
      VAR_DIR: dir,
      PORT: String(port),
      DB_PORT: String(dbPort),
      WORKERS: String(opts.workers ?? 4),
      MAX_REQUESTS: String(opts.maxRequests ?? 100000),
      PORTAL_BIN: process.env.PORTAL_BIN || path.join(ROOT, 'build/portal'),
      AUTH_RATE: '1000r/s',
      AUTH_BURST: '1000',
      ...(copied ? { DEMO: '0' } : {}),
      ...(opts.env || {}),
    };
    const runEnv = env;
    ctl = (...args) => run(path.join(ROOT, 'fcgi/portalctl'), args, { env: runEnv, maxBuffer: 1 << 24 });
    try {
      await ctl('start');
      break;
    } catch (e) {
      const why = `${e.stderr || ''}${e.message}`;
      if (attempt < 3 && /Address already in use|Bind on TCP\/IP port/.test(why) && !(opts.env && opts.env.PORT)) {
        await ctl('stop').catch(() => {});
        continue;
      }
      throw new Error(`portalctl start failed: ${e.stderr || e.message}`);
    }
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const sock = path.join(dir, 'run/mysqld.sock');
  const me = (await run('id', ['-un'])).stdout.trim();

  const stack = {
    dir,
    baseUrl,
    port,
    dbPort,
    env,
    ctl,
    /** Runs SQL as the database admin; returns rows as arrays of strings (NULL as null). */
    async sql(query, database = 'portal') {
      const { stdout } = await run('mariadb', ['--no-defaults', '--default-character-set=utf8mb4', `--socket=${sock}`, '-u', me, '-N', '-B', database, '-e', query], { maxBuffer: 1 << 26 });
      // batch mode escapes newline, tab, backslash and NUL inside values
      const unescape = (v) => v.replace(/\\([nt0\\])/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0', '\\': '\\' })[c]);
      return stdout.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t').map((v) => (v === 'NULL' ? null : unescape(v))));
    },
    /** fetch against the stack; returns { status, headers, text, json }. An API response is
     *  validated against the OpenAPI document (openapi.mjs); a mismatch throws. */
    async req(pathname, init = {}) {
      const res = await fetch(baseUrl + pathname, init);
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch { json = undefined; }
      const out = { status: res.status, headers: res.headers, text, json };
      validateResponse(init.method || 'GET', pathname, out);
      return out;
    },
    async masterPid() {
      return Number((await readFile(path.join(dir, 'run/portal.pid'), 'utf8')).trim());
    },
    /** The live worker pids (children of the master, zombies excluded), sorted. */
    async workerPids() {
      const master = await stack.masterPid();
      const text = await readFile(`/proc/${master}/task/${master}/children`, 'utf8');
      const pids = [];
      for (const p of text.trim().split(/\s+/).filter(Boolean).map(Number)) {
        if ((await stateOf(p)) !== 'Z') pids.push(p);
      }
      return pids.sort((a, b) => a - b);
    },
    async log() {
      return readFile(path.join(dir, 'log/portal.log'), 'utf8');
    },
    async dbStop() { await ctl('db-stop'); },
    async dbStart() { await ctl('db-start'); },
    /** The (tenant, call, status) whose kept count (case_counts, migration 010) differs from a
     *  count of the applications themselves: [[tenant_id, call_id, status, kept, real], ...]. */
    async countDrift() {
      return stack.sql(`SELECT tenant_id, call_id, status, SUM(kept), SUM(real_n) FROM (
          SELECT tenant_id, call_id, status, n AS kept, 0 AS real_n FROM case_counts
          UNION ALL SELECT tenant_id, call_id, CAST(status AS CHAR), 0, COUNT(*) FROM applications WHERE status <> 'draft'
          GROUP BY tenant_id, call_id, status) x
        GROUP BY tenant_id, call_id, status HAVING SUM(kept) <> SUM(real_n)`);
    },
    async stop() {
      let log = '';
      let drift = [];
      try { log = await stack.log(); } catch { /* never started */ }
      // whatever a test file did, the counts the triggers keep must still agree with the cases
      try { drift = await stack.countDrift(); } catch { /* never started */ }
      await ctl('stop').catch(() => {});
      const bad = log.split('\n').filter((l) => /AddressSanitizer|LeakSanitizer|runtime error:/.test(l));
      if (bad.length) throw new Error(`sanitizer reports in ${dir}/log/portal.log:\n${bad.slice(0, 20).join('\n')}`);
      if (drift.length) throw new Error(`case_counts disagrees with applications (tenant, call, status, kept, real): ${JSON.stringify(drift)}`);
      if (!process.env.KEEP_TEST_VAR) await rm(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Polls fn until it returns truthy or ms pass; returns the last value. */
export async function until(fn, ms = 5000, step = 50) {
  const end = Date.now() + ms;
  let v;
  while (!(v = await fn()) && Date.now() < end) await new Promise((r) => setTimeout(r, step));
  return v;
}
