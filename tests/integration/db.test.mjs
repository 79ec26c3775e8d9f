// db.test.mjs: the database going away: requests that need it get 503 problem+json (ping,
// which does not, keeps answering); when MariaDB is back the same workers reconnect by themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, until } from '../lib/stack.mjs';
import { checkProblem, check } from '../lib/openapi.mjs';

let stack;
before(async () => { stack = await startStack({ workers: 2 }); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

test('stopping MariaDB gives 503 and starting it again gives 200 with the same workers', async () => {
  assert.equal((await stack.req('/api/v1/health')).status, 200);
  // warm every worker's connection
  for (let i = 0; i < 20; i++) assert.equal((await stack.req('/api/v1/calls')).status, 200);
  const workers = await stack.workerPids();

  await stack.dbStop();
  for (const p of ['/api/v1/health', '/api/v1/calls', '/api/v1/tenants', '/api/v1/calls/1']) {
    for (let i = 0; i < 4; i++) {
      const r = await stack.req(p);
      checkProblem(r, 503);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.match(r.json.type, /service-unavailable$/);
    }
  }
  const h = await stack.req('/api/v1/health');
  check('/api/v1/health', 'get', 503, h.headers.get('content-type'), h.json);
  assert.equal((await stack.req('/api/v1/ping')).status, 200, 'ping needs no database');

  await stack.dbStart();
  const ok = await until(async () => (await stack.req('/api/v1/health')).status === 200, 10000);
  assert.ok(ok, 'health is 200 again');
  for (let i = 0; i < 20; i++) assert.equal((await stack.req('/api/v1/calls')).status, 200);
  assert.deepEqual(await stack.workerPids(), workers, 'no worker was restarted');
});
