// gen_shapes.mjs - generates the request shapes the workers check (build/gen/api_ops.{c,h}) from
// the OpenAPI document, so that one description of every request exists: fcgi/openapi.json.
//
//   node fcgi/api/gen_shapes.mjs fcgi/openapi.json build/gen
//
// For each operation it emits: API_<id>_METHOD and API_<id>_PATH (the route table names
// operations, not paths), the shapes of its query parameters and JSON body (struct api_op,
// http/shape.h), and API_<id>_BODY_<key> for each top-level body key a handler binds (so a
// handler naming a key the document does not have fails to compile).
//
// It refuses (exit 1) a document that breaks the rules the checks rely on:
//   - every query parameter is a $ref into components/parameters (declared once);
//   - parameters of the same name have the same type and bounds (enums of values may differ:
//     they name the states of different things);
//   - only the schema keywords the checker knows are used (type, enum, minimum, maximum,
//     minLength, maxLength, minItems, maxItems, pattern, format: date, properties, required,
//     additionalProperties, items), every string and array has a maximum, and a pattern uses
//     only the syntax POSIX extended expressions share with ECMAScript ones.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [, , docPath, outDir] = process.argv;
const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const problems = [];
const fail = (msg) => problems.push(msg);

const deref = (s) => {
  while (s && s.$ref) s = s.$ref.slice(2).split('/').reduce((o, k) => o[k], doc);
  return s;
};
const KNOWN = new Set(['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'pattern', 'format', 'properties', 'required', 'additionalProperties', 'items', 'description', 'default',
  'example', 'x-invalid', 'title']);
const METHODS = { get: 'HTTP_GET', post: 'HTTP_POST', put: 'HTTP_PUT', delete: 'HTTP_DELETE', patch: 'HTTP_PATCH' };

const cstr = (s) => JSON.stringify(s); // JSON string escapes are valid C for the texts we use
let out = [];
let n = 0;
const emit = (line) => out.push(line);

// Emits the static shape for schema s (at where, for messages) and returns its C name.
const memo = new Map();
const scalars = new Map(); // one shape for the same bounds
function shape(s, where) {
  s = deref(s);
  if (!memo.has(s)) memo.set(s, shapeOf(s, where));
  return memo.get(s);
}

function shapeOf(s, where) {
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) fail(`${where}: schema keyword ${k} is not checked by the workers`);
  let types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.enum ? ['string'] : s.properties ? ['object'] : [];
  const nullable = types.includes('null');
  types = types.filter((t) => t !== 'null');
  if (types.length !== 1) fail(`${where}: needs exactly one type besides null`);
  const type = types[0];
  const name = `shape_${n++}`;
  const f = [`.type = SHAPE_${String(type).toUpperCase()}`];
  if (nullable) f.push('.nullable = true');
  const bound = (min, max) => {
    if (min !== undefined) f.push('.has_min = true', `.min = INT64_C(${min})`);
    if (max !== undefined) f.push('.has_max = true', `.max = INT64_C(${max})`);
  };
  if (s['x-invalid']) f.push(`.invalid = ${cstr(s['x-invalid'])}`);
  if (type === 'string') {
    if (s.maxLength === undefined && !s.enum) fail(`${where}: a string needs maxLength`);
    bound(s.minLength, s.maxLength);
    if (s.enum) {
      emit(`static const char *const ${name}_values[] = { ${s.enum.map(cstr).join(', ')}, NULL };`);
      f.push(`.values = ${name}_values`);
    }
    if (s.pattern) {
      if (!/^\^[A-Za-z0-9\[\]{}(),|*+?.\-\\$]*\$$/.test(s.pattern) || /\\[dDwWsSb]|\(\?/.test(s.pattern))
        fail(`${where}: pattern ${s.pattern} is outside the syntax POSIX and ECMAScript share`);
      emit(`static struct shape_re ${name}_re = { .source = ${cstr(s.pattern)} };`);
      f.push(`.pattern = &${name}_re`);
    }
    if (s.format === 'date') f.push('.format = SHAPE_FMT_DATE');
    else if (s.format) fail(`${where}: format ${s.format} is not checked by the workers`);
  } else if (type === 'integer') {
    bound(s.minimum ?? -9007199254740991, s.maximum);
  } else if (type === 'array') {
    if (s.maxItems === undefined) fail(`${where}: an array needs maxItems`);
    bound(s.minItems, s.maxItems);
    if (s.items) f.push(`.items = &${shape(s.items, `${where}[]`)}`);
  } else if (type === 'object') {
    const props = Object.entries(s.properties ?? {});
    const req = new Set(s.required ?? []);
    for (const r of req) if (!(s.properties ?? {})[r]) fail(`${where}: required ${r} is not a property`);
    const names = props.map(([k, v]) => [k, shape(v, `${where}.${k}`)]);
    if (props.length) {
      emit(`static const struct shape_prop ${name}_props[] = {`);
      for (const [k, c] of names) emit(`\t{ ${cstr(k)}, ${req.has(k)}, &${c} },`);
      emit('};');
      f.push(`.props = ${name}_props`, `.nprops = ${props.length}`);
    }
    if (s.additionalProperties !== false && !props.length) f.push('.open = true');
  } else if (type !== 'boolean') fail(`${where}: type ${type} is not checked by the workers`);
  const init = `{ ${f.join(', ')} }`;
  if (scalars.has(init) && !['object', 'array'].includes(type)) return scalars.get(init);
  scalars.set(init, name);
  emit(`static const struct shape ${name} = ${init};`);
  return name;
}

// parameters: declared once, and the same name means the same bounds
const params = doc.components?.parameters ?? {};
const byName = new Map();
for (const [key, p] of Object.entries(params)) {
  if (p.in !== 'query') continue;
  const s = deref(p.schema);
  const sig = JSON.stringify({ type: s.type ?? 'string', min: s.minimum ?? s.minLength, max: s.maximum ?? s.maxLength,
    pattern: s.pattern, format: s.format });
  const seen = byName.get(p.name);
  if (seen && seen.sig !== sig)
    fail(`components/parameters/${key}: parameter ${p.name} has other bounds than components/parameters/${seen.key}`);
  if (!seen) byName.set(p.name, { key, sig });
}

const hdr = [];
const ops = [];
for (const [p, item] of Object.entries(doc.paths)) {
  for (const [m, op] of Object.entries(item)) {
    if (!METHODS[m]) continue;
    const id = op.operationId;
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${m} ${p}: operationId must be a C identifier`);
    hdr.push(`#define API_${id}_METHOD ${METHODS[m]}`, `#define API_${id}_PATH ${cstr(p)}`,
      `extern const struct api_op api_op_${id};`);
    const query = [];
    for (const ref of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const q = deref(ref);
      if (q.in !== 'query') continue;
      if (!ref.$ref || !ref.$ref.startsWith('#/components/parameters/'))
        fail(`${id}: query parameter ${q.name} must be a $ref to components/parameters`);
      query.push([q.name, !!q.required, shape(q.schema, `${id}?${q.name}`)]);
    }
    if (query.length) {
      emit(`static const struct shape_prop api_${id}_query[] = {`);
      for (const [k, r, c] of query) emit(`\t{ ${cstr(k)}, ${r}, &${c} },`);
      emit('};');
    }
    let body = null;
    const rb = deref(op.requestBody);
    const js = rb?.content?.['application/json']?.schema;
    if (js) {
      body = shape(js, `${id} body`);
      for (const k of Object.keys(deref(js).properties ?? {})) hdr.push(`#define API_${id}_BODY_${k} ${cstr(k)}`);
    }
    ops.push(id);
    emit(`const struct api_op api_op_${id} = { ${cstr(id)}, ${query.length ? `api_${id}_query` : 'NULL'}, ` +
      `${query.length}, ${body ? `&${body}` : 'NULL'} };`);
  }
}

if (problems.length) {
  for (const m of problems) console.error(`gen_shapes: ${docPath}: ${m}`);
  process.exit(1);
}
const banner = `/* generated from ${docPath} by fcgi/api/gen_shapes.mjs; do not edit */`;
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'api_ops.h'), [banner, '#ifndef PORTAL_GEN_API_OPS_H', '#define PORTAL_GEN_API_OPS_H',
  '#include "http/shape.h"', '', `#define API_OPS_COUNT ${ops.length}`, ...hdr, '',
  '/* every operation, in the order of the document */', 'extern const struct api_op *const api_ops[];', '#endif', ''].join('\n'));
writeFileSync(path.join(outDir, 'api_ops.c'), [banner, '#include "gen/api_ops.h"', '', ...out, '',
  'const struct api_op *const api_ops[] = {', ...ops.map((id) => `\t&api_op_${id},`), '};', ''].join('\n'));
