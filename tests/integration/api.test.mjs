// api.test.mjs: every foundation route through real nginx into real workers against the private
// MariaDB: responses match the OpenAPI document; filters work on data the test creates itself;
// unknown route 404, wrong method 405, oversized body 413, malformed query 400 (all problem+json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { check, checkProblem, doc } from '../lib/openapi.mjs';

const SLUGS = 'imdi arendal bergen bodo baerum drammen fredrikstad gjovik hamar kristiansand lillestrom oslo sandefjord sandnes sarpsborg skien stavanger tromso trondheim tonsberg alesund'.split(' ');

let stack;
before(async () => { stack = await startStack(); }, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

/** Oslo wall-clock time shifted by minutes, as 'YYYY-MM-DD HH:MM:SS'. */
function osloLocal(minutes) {
  const d = new Date(Date.now() + minutes * 60000);
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(d).replace('T', ' ');
}

/** Inserts a call for tenant slug with the given Oslo wall-clock opening and deadline; returns its id. */
async function insertCall(slug, year, opens, deadline, title) {
  await stack.sql(`INSERT INTO calls (tenant_id, scheme_id, year, title, description, opens_local, deadline_local, min_amount, max_amount, sub_goals)
    SELECT t.id, s.id, ${year}, '${title}', 'Test', '${opens}', '${deadline}', 10000, 500000, 'A,D'
    FROM tenants t, schemes s WHERE t.slug = '${slug}' AND s.code = 'frivillig-integrering'`);
  const [[id]] = await stack.sql(`SELECT id FROM calls WHERE title = '${title}'`);
  return Number(id);
}

test('ping answers without the database', async () => {
  const r = await stack.req('/api/v1/ping');
  assert.equal(r.status, 200);
  check('/api/v1/ping', 'get', 200, r.headers.get('content-type'), r.json);
});

test('health checks the database', async () => {
  const r = await stack.req('/api/v1/health');
  assert.equal(r.status, 200);
  check('/api/v1/health', 'get', 200, r.headers.get('content-type'), r.json);
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('the OpenAPI document is served and lists every route', async () => {
  const r = await stack.req('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.1.0');
  assert.deepEqual(r.json, doc);
  for (const p of ['/api/v1/ping', '/api/v1/health', '/api/v1/tenants', '/api/v1/calls', '/api/v1/calls/{id}', '/api/v1/openapi.json']) {
    assert.ok(r.json.paths[p]?.get, `OpenAPI documents GET ${p}`);
  }
});

test('tenants: IMDi first, then the 20 municipalities, with open-call counts from SQL', async () => {
  const r = await stack.req('/api/v1/tenants');
  assert.equal(r.status, 200);
  check('/api/v1/tenants', 'get', 200, r.headers.get('content-type'), r.json);
  const slugs = r.json.items.map((t) => t.slug);
  assert.equal(slugs[0], 'imdi');
  assert.deepEqual([...slugs].sort(), [...SLUGS].sort());
  assert.equal(r.json.items.filter((t) => t.kind === 'municipality').length, 20);
  // Norwegian collation: æ, ø, å after z, so Tønsberg after Trondheim and Ålesund last.
  assert.equal(slugs[slugs.length - 1], 'alesund');
  assert.ok(slugs.indexOf('tonsberg') > slugs.indexOf('trondheim'), 'Tønsberg after Trondheim');
  const now = osloLocal(0);
  const [[openOslo]] = await stack.sql(`SELECT COUNT(*) FROM calls c JOIN tenants t ON t.id = c.tenant_id
    WHERE t.slug = 'oslo' AND c.opens_local <= '${now}' AND c.deadline_local > '${now}'`);
  assert.ok(Number(openOslo) >= 1);
  assert.equal(r.json.items.find((t) => t.slug === 'oslo').open_calls, Number(openOslo));
  const r2 = await stack.req('/api/v1/tenants?x=1');
  checkProblem(r2, 400, 'x');
});

test('calls: demo data has the open calls the domain describes', async () => {
  const r = await stack.req('/api/v1/calls?status=open');
  assert.equal(r.status, 200);
  check('/api/v1/calls', 'get', 200, r.headers.get('content-type'), r.json);
  // the voluntary-organisation scheme's calls (Bergen and IMDi also have calls of the other schemes)
  const by = Object.fromEntries(r.json.items.filter((c) => c.scheme.code === 'frivillig-integrering').map((c) => [c.tenant.slug, c]));
  for (const slug of ['imdi', 'oslo', 'lillestrom', 'bergen']) assert.ok(by[slug], `${slug} has an open call`);
  assert.ok(r.json.items.some((c) => c.tenant.slug === 'bergen' && c.scheme.code === 'driftstilskudd-innvandrerorganisasjoner'), 'Bergen\'s operating support');
  assert.ok(r.json.items.some((c) => c.tenant.slug === 'imdi' && c.scheme.code === 'kvalifisering-kommuner'), 'IMDi\'s call for municipalities and county councils');
  assert.equal(by.imdi.budget_frame, 41480000);
  assert.equal(by.imdi.earmarks, undefined, 'the list gives summaries');
  const imdi = await stack.req(`/api/v1/calls/${by.imdi.id}`);
  check('/api/v1/calls/{id}', 'get', 200, imdi.headers.get('content-type'), imdi.json);
  assert.deepEqual(imdi.json.earmarks, [{ sub_goal: 'B', amount: 15000000 }]);
  assert.ok(imdi.json.criteria.length >= 5 && imdi.json.description.length > 50);
  assert.deepEqual(by.imdi.sub_goals.map((g) => g.code), ['A', 'B', 'C']);
  assert.deepEqual(by.oslo.sub_goals.map((g) => g.code), ['A', 'B', 'C', 'D']);
  assert.equal(by.lillestrom.max_amount, 400000);
  assert.equal(by.lillestrom.one_project_per_application, true);
  assert.equal(by.oslo.min_amount, 10000);
  assert.equal(by.oslo.max_amount, 1000000);
  for (const c of r.json.items) assert.equal(c.status, 'open');
  const closed = await stack.req('/api/v1/calls?status=closed&tenant=imdi');
  assert.equal(closed.status, 200);
  assert.ok(closed.json.items.length >= 1, 'IMDi has last year\'s closed call');
  for (const c of closed.json.items) assert.equal(c.status, 'closed');
});

test('calls: status is decided in Oslo wall-clock time, to the minute', async () => {
  const year = 2031;
  const deadline = osloLocal(2); // computed once: the assertion below must not cross into the next minute
  const open = await insertCall('skien', year, osloLocal(-60), deadline, 'Skien open for two more minutes');
  const closed = await insertCall('skien', year + 1, osloLocal(-60), osloLocal(-1), 'Skien closed a minute ago');
  const upcoming = await insertCall('skien', year + 2, osloLocal(5), osloLocal(60), 'Skien opens in five minutes');
  const get = async (status) => (await stack.req(`/api/v1/calls?tenant=skien&status=${status}`)).json.items.map((c) => c.id);
  assert.deepEqual(await get('open'), [open]);
  assert.deepEqual(await get('closed'), [closed]);
  // a call is public from its opening: one that opens in five minutes is not listed yet
  assert.deepEqual(await get('upcoming'), []);
  assert.deepEqual((await get('all')).sort(), [open, closed].sort());
  assert.equal((await stack.req(`/api/v1/calls/${upcoming}`)).status, 404);
  const one = await stack.req(`/api/v1/calls/${open}`);
  check('/api/v1/calls/{id}', 'get', 200, one.headers.get('content-type'), one.json);
  assert.equal(one.json.status, 'open');
  assert.equal(one.json.deadline_local, deadline.slice(0, 16).replace(' ', 'T'));
  // the offset in "deadline" is Oslo's at that instant
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' }).format(new Date()).split('GMT')[1];
  assert.ok(one.json.deadline.endsWith(offset), `${one.json.deadline} ends with ${offset}`);
  const byYear = await stack.req(`/api/v1/calls?tenant=skien&year=${year + 1}`);
  assert.deepEqual(byYear.json.items.map((c) => c.id), [closed]);
  assert.equal(byYear.json.total, 1);
});

test('calls: paging reports the total over all pages', async () => {
  // the calls the public sees: published, and their opening has come
  const [[n]] = await stack.sql(`SELECT COUNT(*) FROM calls WHERE published_at IS NOT NULL AND opens_local <= '${osloLocal(0)}'`);
  const p1 = await stack.req('/api/v1/calls?per_page=2&page=1');
  const p2 = await stack.req('/api/v1/calls?per_page=2&page=2');
  assert.equal(p1.json.total, Number(n));
  assert.equal(p2.json.total, Number(n));
  assert.equal(p1.json.items.length, 2);
  const ids = new Set([...p1.json.items, ...p2.json.items].map((c) => c.id));
  assert.equal(ids.size, p1.json.items.length + p2.json.items.length, 'pages do not overlap');
  const far = await stack.req('/api/v1/calls?page=10000');
  assert.equal(far.status, 200);
  assert.deepEqual(far.json.items, []);
});

test('calls/{id}: 404 for a call that does not exist, and for ids that are not ids', async () => {
  for (const p of ['/api/v1/calls/999999999', '/api/v1/calls/0', '/api/v1/calls/abc', '/api/v1/calls/01', '/api/v1/calls/1/', '/api/v1/calls/9007199254740992']) {
    checkProblem(await stack.req(p), 404);
  }
});

test('malformed or unknown query parameters answer 400 naming the parameter', async () => {
  const cases = [
    ['/api/v1/calls?year=abc', 'year'], ['/api/v1/calls?year=1999', 'year'], ['/api/v1/calls?year=2026.5', 'year'],
    ['/api/v1/calls?status=soon', 'status'], ['/api/v1/calls?tenant=Oslo', 'tenant'], ['/api/v1/calls?tenant=%27%3B--', 'tenant'],
    ['/api/v1/calls?page=0', 'page'], ['/api/v1/calls?per_page=201', 'per_page'], ['/api/v1/calls?per_page=-5', 'per_page'],
    ['/api/v1/calls?foo=1', 'foo'], ['/api/v1/calls?year=%zz', 'year'], ['/api/v1/calls?year=2026&year=2027', 'year'],
    ['/api/v1/calls/1?x=1', 'x'], ['/api/v1/calls?tenant=' + 'a'.repeat(40), 'tenant'],
    ['/api/v1/calls?' + 'a=1&'.repeat(600), 'query'],
  ];
  for (const [url, field] of cases) {
    const r = await stack.req(url);
    checkProblem(r, 400, field);
    check(url.startsWith('/api/v1/calls/1') ? '/api/v1/calls/{id}' : '/api/v1/calls', 'get', 400, r.headers.get('content-type'), r.json);
  }
});

test('unknown routes 404 and wrong methods 405 with Allow, as problem+json', async () => {
  for (const p of ['/api/v1/nope', '/api/v2/calls', '/api/v1/calls/1/extra', '/api/', '/api/v1/CALLS']) {
    checkProblem(await stack.req(p), 404);
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const r = await stack.req('/api/v1/calls', { method });
    checkProblem(r, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
  }
  const head = await fetch(stack.baseUrl + '/api/v1/calls/1', { method: 'HEAD' });
  assert.equal(head.status, 200);
});

test('oversized bodies answer 413 problem+json, from the worker and from nginx', async () => {
  const small = await stack.req('/api/v1/calls', { method: 'GET', body: 'x'.repeat(100), headers: { 'content-type': 'application/json' } }).catch(() => null);
  // fetch refuses GET bodies; use a raw request instead
  assert.equal(small, null);
  const raw = async (len) => {
    const net = await import('node:net');
    return new Promise((resolve, reject) => {
      const s = net.connect(stack.port, '127.0.0.1');
      let data = '';
      s.on('data', (d) => { data += d; });
      s.on('end', () => resolve(data));
      s.on('error', reject);
      s.write(`GET /api/v1/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n`);
      s.write('x'.repeat(len));
    });
  };
  for (const len of [100, 2 * 1024 * 1024]) {
    const resp = await raw(len);
    assert.match(resp, /^HTTP\/1\.1 413/);
    assert.match(resp, /Content-Type: application\/problem\+json/i);
    const body = JSON.parse(resp.slice(resp.indexOf('\r\n\r\n') + 4));
    assert.equal(body.status, 413);
    assert.match(body.type, /payload-too-large$/);
  }
});

test('every request writes one access line to the log', async () => {
  const before = (await stack.log()).split('\n').filter((l) => l.includes(' access ')).length;
  for (let i = 0; i < 7; i++) await stack.req('/api/v1/ping');
  const lines = (await stack.log()).split('\n').filter((l) => l.includes(' access '));
  assert.equal(lines.length - before, 7);
  assert.match(lines.at(-1), /GET \/api\/v1\/ping route=\/api\/v1\/ping status=200 .*ms=\d/);
});

test('security headers are set on pages and API', async () => {
  for (const p of ['/', '/api/v1/ping']) {
    const r = await stack.req(p);
    assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
    assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
});

test('static assets are served by nginx with cache headers: hashed assets for good, pages revalidated', async () => {
  const page = await stack.req('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('cache-control'), /no-cache/);
  const css = /href="(\/assets\/app-[0-9a-f]+\.css)"/.exec(page.text)[1];
  const js = /src="(\/assets\/start-[0-9a-f]+\.js)"/.exec(page.text)[1];
  for (const asset of [css, js]) {
    const r = await stack.req(asset);
    assert.equal(r.status, 200, asset);
    assert.match(r.headers.get('cache-control'), /max-age=(\d{8,})/, asset);
  }
  assert.doesNotMatch(page.text, /<script>|<style>|style="|onclick=/i, 'no inline script or style');
});
