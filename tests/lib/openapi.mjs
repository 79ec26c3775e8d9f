// openapi.mjs: checks API responses against the OpenAPI 3.1 document in fcgi/openapi.json
// (JSON Schema 2020-12 through Ajv).
// - check() throws with the schema errors when a response does not match what the document
//   promises for that path template, method, status and content type.
// - validateResponse() does the same from a request's method and concrete path: it finds the
//   operation (the most specific path template whose parameters match their documented schemas),
//   refuses a status the operation does not document (exact code, then 4XX-style range, then
//   default), refuses a content type the response does not document, and validates JSON and
//   problem+json bodies against their schema. A path under /api/ that no template matches must be
//   a 404 problem, a documented path with an undocumented method a 405 problem. Paths outside
//   /api/ (pages, assets) are skipped. The shared clients (client.mjs, stack.mjs req()) and the
//   browser helper's pages call it for every response.
// - Every validated response is recorded per operation; when the test process exits, its hits are
//   written under var/test/openapi-coverage/<run>/ and the union over all test files of the same
//   run (the same `node --test` runner, or OPENAPI_COVERAGE_RUN to add several runs up) is written
//   to var/test/openapi-coverage/<run>.txt and var/test/openapi-coverage.txt (the latest run): how
//   many of the documented operations were exercised, with the statuses seen.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const doc = JSON.parse(readFileSync(path.join(ROOT, 'fcgi/openapi.json'), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addSchema({ ...doc, $id: 'openapi' });

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const esc = (k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const at = (pointer) => pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((o, k) => o?.[k], doc);
const deref = (node) => (node?.$ref ? at(node.$ref.slice(1)) : node);
const compiled = new Map();
function compile(ref) {
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: ref }));
  return compiled.get(ref);
}

const isJson = (media) => media === 'application/json' || /^application\/[\w.-]+\+json$/.test(media);
const mediaOf = (contentType) => (contentType || '').split(';')[0].trim().toLowerCase();

/** The documented response for a status: exact code, then its range (4XX), then default. */
function responseFor(template, method, status) {
  const base = `/paths/${esc(template)}/${method}/responses`;
  const responses = at(base) || {};
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    let resp = responses[key];
    if (!resp) continue;
    let pointer = `${base}/${esc(key)}`;
    if (resp.$ref) { pointer = resp.$ref.slice(1); resp = at(pointer); }
    return { key, pointer, resp };
  }
  return null;
}

/** The documented media type for a response's content type: exact, then type/*, then * /*. */
function mediaFor(resp, media) {
  const content = resp.content || {};
  const [type] = media.split('/');
  return [media, `${type}/*`, '*/*'].find((k) => content[k]);
}

function validateBody(name, pointer, key, body) {
  const validate = compile(`openapi#${pointer}/content/${esc(key)}/schema`);
  if (!validate(body)) throw new Error(`${name} does not match its schema: ${ajv.errorsText(validate.errors)}`);
}

/** Validates a response body: template like '/api/v1/calls/{id}', method 'get'. */
export function check(template, method, status, contentType, body) {
  const name = `${method.toUpperCase()} ${template} ${status}`;
  if (!doc.paths[template]?.[method]) throw new Error(`OpenAPI has no ${method.toUpperCase()} ${template}`);
  const found = responseFor(template, method, status);
  if (!found) throw new Error(`OpenAPI: ${name} is not documented`);
  const media = mediaOf(contentType);
  const key = mediaFor(found.resp, media);
  if (!key) throw new Error(`OpenAPI: ${name} does not document ${media}`);
  validateBody(name, found.pointer, key, body);
  return true;
}

/** Asserts a problem+json response: the status, the documented shape, and optionally the field named. */
export function checkProblem(res, status, field) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  const ct = res.headers.get('content-type') || '';
  if (!ct.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${ct}`);
  const validate = ajv.getSchema('openapi#/components/schemas/Problem');
  if (!validate(res.json)) throw new Error(`problem does not match the schema: ${ajv.errorsText(validate.errors)}`);
  if (res.json.status !== status) throw new Error(`problem status ${res.json.status} != ${status}`);
  if (field !== undefined) {
    const fields = (res.json.errors || []).map((e) => e.field);
    if (!fields.includes(field)) throw new Error(`problem does not name field ${field}: ${res.text}`);
  }
  return res.json;
}

// ---- routing a concrete path to its template ----------------------------------------------

/** Does one path segment fit a path parameter's documented schema? Integers are written in
 *  canonical decimal (no sign, no leading zero), as a client would serialise them. */
function segmentFits(schema, segment) {
  let value = segment;
  try { value = decodeURIComponent(segment); } catch { return false; }
  if (value === '') return false;
  const types = [].concat(schema?.type ?? 'string');
  if (types.includes('integer') || types.includes('number')) {
    if (!/^(0|[1-9][0-9]*)$/.test(value)) return false;
    value = Number(value);
  }
  return ajv.validate(schema ?? {}, value);
}

/** Path parameter schemas of a template (path-level and operation-level, by name). */
function paramSchemas(template) {
  const item = doc.paths[template];
  const out = {};
  for (const list of [item.parameters, ...METHODS.map((m) => item[m]?.parameters)]) {
    for (const p of (list || []).map(deref)) if (p?.in === 'path' && !(p.name in out)) out[p.name] = p.schema;
  }
  return out;
}

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  segments: template.split('/').slice(1).map((s) => (/^\{\w+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s })),
  schemas: paramSchemas(template),
}));

/** The template a concrete path (no query) belongs to, or null: among matching templates the one
 *  with a literal segment where the others have a parameter, first from the left. */
export function matchTemplate(pathname) {
  const segs = pathname.split('/').slice(1);
  const hits = templates.filter((t) => t.segments.length === segs.length && t.segments.every((s, i) =>
    (s.literal !== undefined ? s.literal === segs[i] : segmentFits(t.schemas[s.param], segs[i]))));
  hits.sort((a, b) => {
    for (let i = 0; i < a.segments.length; i++) {
      const la = a.segments[i].literal !== undefined;
      const lb = b.segments[i].literal !== undefined;
      if (la !== lb) return la ? -1 : 1;
    }
    return 0;
  });
  return hits[0]?.template ?? null;
}

// ---- coverage -------------------------------------------------------------------------------

export const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${template}`));
const hits = new Map(); // "GET /api/v1/calls/{id}" -> Set of "200", "404", "HEAD 200"
function record(op, label) {
  if (!hits.has(op)) hits.set(op, new Set());
  hits.get(op).add(label);
}

// ---- validating one response ------------------------------------------------------------------

function problemCheck(name, status, expected, media, json) {
  if (status !== expected) throw new Error(`OpenAPI: ${name}: expected a ${expected} problem, got ${status}`);
  if (media !== 'application/problem+json') throw new Error(`OpenAPI: ${name}: a ${status} must be application/problem+json, got ${media || 'no content type'}`);
  const validate = ajv.getSchema('openapi#/components/schemas/Problem');
  if (!validate(json)) throw new Error(`OpenAPI: ${name} does not match the Problem schema: ${ajv.errorsText(validate.errors)}`);
  problemStatus(name, status, media, json);
}

/** RFC 9457: a problem's status member, when present, is the status of the response. */
function problemStatus(name, status, media, json) {
  if (media === 'application/problem+json' && json && typeof json === 'object' && 'status' in json && json.status !== status) {
    throw new Error(`OpenAPI: ${name}: the problem says status ${json.status}, the response is ${status}`);
  }
}

/**
 * Validates one response against the document; throws on any mismatch; returns the operation
 * ("GET /api/v1/calls/{id}"), 'route' for a route-level problem, or null for a non-API path.
 * res: { status, headers (Headers or a plain object of lower-case names), text, json }.
 */
export function validateResponse(method, url, res) {
  const pathname = new URL(url, 'http://portal.invalid').pathname;
  if (!pathname.startsWith('/api/')) return null;
  const m = method.toLowerCase();
  const status = res.status;
  const header = (n) => (typeof res.headers?.get === 'function' ? res.headers.get(n) : res.headers?.[n]) ?? null;
  const media = mediaOf(header('content-type'));
  const text = res.text ?? ''; // undefined: the body could not be read (a browser download); not checked
  const excerpt = text.length > 300 ? `${text.slice(0, 300)}...` : text;
  const name = `${method.toUpperCase()} ${pathname} -> ${status}`;
  let json = res.json;
  if (isJson(media) && text !== '' && json === undefined) {
    try { json = JSON.parse(text); } catch { throw new Error(`OpenAPI: ${name}: ${media} body is not JSON: ${excerpt}`); }
  }

  const template = matchTemplate(pathname);
  if (!template) {
    problemCheck(`${name} (no documented path)`, status, 404, media, json);
    return 'route';
  }
  const item = doc.paths[template];
  const opMethod = m === 'head' && !item.head ? 'get' : m;
  if (!item[opMethod]) {
    problemCheck(`${name} (${template} documents no ${method.toUpperCase()})`, status, 405, media, json);
    return 'route';
  }
  const op = `${opMethod.toUpperCase()} ${template}`;
  const where = `${op} ${status} (${method.toUpperCase()} ${pathname})`;
  const found = responseFor(template, opMethod, status);
  if (!found) throw new Error(`OpenAPI: ${where} is not a documented status (documented: ${Object.keys(item[opMethod].responses || {}).join(', ')}): ${excerpt}`);
  record(op, m === opMethod ? String(status) : `${method.toUpperCase()} ${status}`);

  const documented = Object.keys(found.resp.content || {});
  if (m === 'head') return op; // no body; the status was checked against GET's
  if (res.text === undefined) {
    if (media && !mediaFor(found.resp, media)) throw new Error(`OpenAPI: ${where} answered ${media}, the document promises ${documented.join(', ') || 'no body'}`);
    return op;
  }
  if (text === '') {
    if (documented.length) throw new Error(`OpenAPI: ${where} has no body, but the document promises ${documented.join(', ')}`);
    return op;
  }
  if (!documented.length) throw new Error(`OpenAPI: ${where} has a ${media || 'untyped'} body, but the document promises none: ${excerpt}`);
  const key = mediaFor(found.resp, media);
  if (!key) throw new Error(`OpenAPI: ${where} answered ${media || 'no content type'}, the document promises ${documented.join(', ')}: ${excerpt}`);
  if (isJson(media)) {
    const validate = compile(`openapi#${found.pointer}/content/${esc(key)}/schema`);
    if (!validate(json)) throw new Error(`OpenAPI: ${where} does not match its schema: ${ajv.errorsText(validate.errors)}: ${excerpt}`);
    problemStatus(where, status, media, json);
  }
  return op;
}

// ---- writing the coverage when the test process ends -----------------------------------------

const COVERAGE_DIR = path.join(ROOT, 'var/test/openapi-coverage');
/** The run this process belongs to: OPENAPI_COVERAGE_RUN, else the parent (the `node --test`
 *  runner) by pid and start time, so that a reused pid starts a new run. */
function runName() {
  if (process.env.OPENAPI_COVERAGE_RUN) return process.env.OPENAPI_COVERAGE_RUN.replace(/[^\w.-]/g, '_');
  let started = '0';
  try {
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch { /* not Linux: the pid alone */ }
  return `runner-${process.ppid}-${started}`;
}
const RUN = runName();

function sleepSync(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

/** The coverage text for the hit files of one run directory. */
export function coverageReport(runDir) {
  const union = new Map();
  let files = 0;
  for (const f of readdirSync(runDir).filter((n) => n.endsWith('.json'))) {
    let data;
    try { data = JSON.parse(readFileSync(path.join(runDir, f), 'utf8')); } catch { continue; }
    files++;
    for (const [op, labels] of Object.entries(data.hits)) {
      if (!union.has(op)) union.set(op, new Set());
      for (const l of labels) union.get(op).add(l);
    }
  }
  const done = operations.filter((op) => union.has(op));
  const missed = operations.filter((op) => !union.has(op));
  const documented = (op) => {
    const [m, t] = op.split(' ');
    return Object.keys(doc.paths[t][m.toLowerCase()].responses || {});
  };
  const lines = [
    `OpenAPI coverage: ${done.length} of ${operations.length} documented operations exercised (run ${path.basename(runDir)}: ${files} test files with API calls, ${new Date().toISOString()})`,
    '',
    'Exercised (statuses seen / documented):',
    ...done.map((op) => `  ${op}  ${[...union.get(op)].sort().join(' ')}  / ${documented(op).join(' ')}`),
    '',
    `Not exercised (${missed.length}):`,
    ...missed.map((op) => `  ${op}`),
  ];
  return `${lines.join('\n')}\n`;
}

function writeCoverage() {
  if (hits.size === 0) return;
  try {
    const runDir = path.join(COVERAGE_DIR, RUN);
    mkdirSync(runDir, { recursive: true });
    // the hits of runs older than a day are of no more use
    for (const old of readdirSync(COVERAGE_DIR)) {
      const p = path.join(COVERAGE_DIR, old);
      try { if (old !== RUN && Date.now() - statSync(p).mtimeMs > 86400000) rmSync(p, { recursive: true, force: true }); } catch { /* gone */ }
    }
    const data = { pid: process.pid, file: process.argv[1], hits: Object.fromEntries([...hits].map(([k, v]) => [k, [...v]])) };
    writeFileSync(path.join(runDir, `${process.pid}.json`), JSON.stringify(data));
    // test files of one run end in parallel: a lock directory serialises the union's rewrite
    const lock = path.join(COVERAGE_DIR, `${RUN}.lock`);
    let locked = false;
    for (let i = 0; i < 200 && !locked; i++) {
      try { mkdirSync(lock); locked = true; } catch {
        try { if (Date.now() - statSync(lock).mtimeMs > 10000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
        sleepSync(10);
      }
    }
    try {
      // the run's own report, and the same as the latest report of any run
      const report = coverageReport(runDir);
      for (const out of [`${runDir}.txt`, path.join(ROOT, 'var/test/openapi-coverage.txt')]) {
        writeFileSync(`${out}.${process.pid}`, report);
        renameSync(`${out}.${process.pid}`, out);
      }
    } finally {
      if (locked) rmSync(lock, { recursive: true, force: true });
    }
  } catch (e) {
    process.stderr.write(`openapi.mjs: could not write the coverage: ${e.message}\n`);
  }
}
process.on('exit', writeCoverage);
