// mail.test.mjs: the outbox sender delivers through a sendmail-compatible command, keeps failed
// emails and retries them with backoff (nothing is lost), and nginx's limit_req on /api/v1/auth/
// answers 429 problem+json when one address floods it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStack, until } from '../lib/stack.mjs';
import { Client } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';

let stack, dir;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sendmail-'));
  // a sendmail stand-in: fails while the file "fail" exists, otherwise appends the message to "sent"
  await writeFile(path.join(dir, 'sendmail'), `#!/bin/sh\n[ -e "${dir}/fail" ] && exit 75\ncat >> "${dir}/sent"\necho "---" >> "${dir}/sent"\n`);
  await chmod(path.join(dir, 'sendmail'), 0o755);
  await writeFile(path.join(dir, 'fail'), '');
  stack = await startStack({ workers: 2, env: { SENDMAIL: path.join(dir, 'sendmail'), OUTBOX_INTERVAL: '1', AUTH_RATE: '2r/s', AUTH_BURST: '3' } });
}, { timeout: 120000 });
after(async () => {
  if (stack) await stack.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a failing sendmail keeps the email and retries it with backoff; once it works the email is sent once', async () => {
  const c = new Client(stack);
  const r = await c.post('/api/v1/auth/reset-request', { email: 'leder@frivillig.demo' });
  assert.equal(r.status, 202);
  const [[id]] = await stack.sql("SELECT MAX(id) FROM outbox WHERE to_email = 'leder@frivillig.demo'");
  const failed = await until(async () => {
    const [[attempts, err]] = await stack.sql(`SELECT attempts, last_error FROM outbox WHERE id = ${id}`);
    return Number(attempts) >= 1 ? err : null;
  }, 8000);
  assert.match(failed, /sendmail command failed \(status 75\)/);
  const [[sentAt, delay]] = await stack.sql(`SELECT sent_at, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at) FROM outbox WHERE id = ${id}`);
  assert.equal(sentAt, null, 'not marked sent');
  assert.ok(Number(delay) >= 20, `the next attempt waits (${delay} s)`);

  await rm(path.join(dir, 'fail'));
  await stack.sql(`UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  const sent = await until(async () => (await stack.sql(`SELECT sent_at FROM outbox WHERE id = ${id}`))[0][0], 8000);
  assert.ok(sent, 'sent');
  const mail = await readFile(path.join(dir, 'sent'), 'utf8');
  assert.match(mail, /^To: leder@frivillig\.demo$/m);
  assert.match(mail, /^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
  assert.match(mail, /^Content-Type: text\/plain; charset=UTF-8$/m);
  assert.match(mail, /nytt-passord\.html\?token=/);
  assert.equal(mail.split(`X-Portal-Outbox-Id: ${id}`).length - 1, 1, 'delivered exactly once');
});

test('nginx limits /api/v1/auth/ per address with 429 problem+json', async () => {
  const c = new Client(stack);
  // all at once: 12 requests arrive before the 2 r/s zone (burst 3) refills, however slow each
  // login is; sent one after another they would pass whenever a login takes over half a second
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) =>
    new Client(stack).post('/api/v1/auth/login', { email: `flom${i}@eksempel.no`, password: 'feil-passord-x' })));
  const statuses = answers.map((r) => r.status);
  const limited = answers.find((r) => r.status === 429);
  assert.ok(statuses.includes(401), statuses.join());
  assert.ok(limited, `some answers were limited: ${statuses.join()}`);
  checkProblem(limited, 429);
  assert.match(limited.json.type, /too-many-requests$/);
  // other paths are not limited
  for (let i = 0; i < 10; i++) assert.equal((await c.get('/api/v1/ping')).status, 200);
});
