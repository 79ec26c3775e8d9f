// migrate.test.mjs: the migration runner against the real MariaDB: migrations apply in order and
// are recorded; re-running is a no-op; a failing migration is reported by name and leaves the
// ones before it applied and recorded; a migration edited after it was applied is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, copyFile, writeFile, rm, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';

const run = promisify(execFile);
let stack, dir;
const DB = 'migtest_' + process.pid;

before(async () => {
  stack = await startStack({ workers: 1 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
  await copyFile(path.join(ROOT, 'sql/migrate.sh'), path.join(dir, 'migrate.sh'));
  await copyFile(path.join(ROOT, 'sql/001_init.sql'), path.join(dir, '001_init.sql'));
  await stack.sql(`CREATE DATABASE ${DB}`);
}, { timeout: 120000 });

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  if (stack) await stack.stop();
});

async function migrate() {
  const me = (await run('id', ['-un'])).stdout.trim();
  const args = ['mariadb', '--no-defaults', `--socket=${path.join(stack.dir, 'run/mysqld.sock')}`, '-u', me, DB];
  try {
    const { stdout, stderr } = await run('bash', [path.join(dir, 'migrate.sh'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const versions = async () => (await stack.sql('SELECT version FROM schema_migrations ORDER BY version', DB)).map((r) => Number(r[0]));

test('the portal database was migrated by make run / portalctl', async () => {
  const files = (await readdir(path.join(ROOT, 'sql'))).filter((f) => /^\d{3}_.*\.sql$/.test(f)).sort();
  assert.ok(files.length >= 1);
  assert.deepEqual((await stack.sql('SELECT version, name FROM schema_migrations ORDER BY version')).map((r) => r.join(' ')),
    files.map((f) => `${Number(f.slice(0, 3))} ${f}`));
  const [[n]] = await stack.sql('SELECT COUNT(*) FROM tenants');
  assert.equal(Number(n), 21);
});

test('apply, re-run as a no-op, fail clearly, keep what was applied, then go on', async () => {
  let r = await migrate();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /applied 001_init\.sql/);
  assert.deepEqual(await versions(), [1]);

  r = await migrate();
  assert.equal(r.code, 0);
  assert.match(r.stdout, /0 applied, schema at version 1/);
  const [[tenants]] = await stack.sql('SELECT COUNT(*) FROM tenants', DB);
  assert.equal(Number(tenants), 21, 're-running inserted nothing twice');

  await writeFile(path.join(dir, '002_good.sql'), 'CREATE TABLE good_one (id INT PRIMARY KEY);\n');
  await writeFile(path.join(dir, '003_bad.sql'), 'ALTER TABLE no_such_table ADD COLUMN x INT;\n');
  await writeFile(path.join(dir, '004_after.sql'), 'CREATE TABLE after_bad (id INT PRIMARY KEY);\n');
  r = await migrate();
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /003_bad\.sql FAILED: .*no_such_table/);
  assert.match(r.stderr, /before 003_bad\.sql stay applied/);
  assert.deepEqual(await versions(), [1, 2]);
  assert.equal((await stack.sql("SHOW TABLES LIKE 'good_one'", DB)).length, 1);
  assert.equal((await stack.sql("SHOW TABLES LIKE 'after_bad'", DB)).length, 0, 'nothing after the failure ran');

  await writeFile(path.join(dir, '003_bad.sql'), 'CREATE TABLE fixed (id INT PRIMARY KEY);\n');
  r = await migrate();
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await versions(), [1, 2, 3, 4]);
});

test('a migration changed after it was applied is refused', async () => {
  await writeFile(path.join(dir, '002_good.sql'), 'CREATE TABLE good_one (id INT PRIMARY KEY, x INT);\n');
  const r = await migrate();
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /002_good\.sql was changed after it was applied/);
});
