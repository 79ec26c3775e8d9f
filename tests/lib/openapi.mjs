// openapi.mjs: checks API responses against the OpenAPI 3.1 document in fcgi/openapi.json
// (JSON Schema 2020-12 through Ajv). check() throws with the schema errors when a response
// does not match what the document promises for that path, method, status and content type.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { ROOT } from './stack.mjs';

export const doc = JSON.parse(readFileSync(path.join(ROOT, 'fcgi/openapi.json'), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addSchema({ ...doc, $id: 'openapi' });

const esc = (k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const at = (pointer) => pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((o, k) => o?.[k], doc);
const compiled = new Map();

/** Validates a response body: template like '/api/v1/calls/{id}', method 'get'. */
export function check(template, method, status, contentType, body) {
  const name = `${method.toUpperCase()} ${template} ${status}`;
  if (!doc.paths[template]?.[method]) throw new Error(`OpenAPI has no ${method.toUpperCase()} ${template}`);
  let pointer = `/paths/${esc(template)}/${method}/responses/${status}`;
  let resp = at(pointer);
  if (!resp) throw new Error(`OpenAPI: ${name} is not documented`);
  if (resp.$ref) { pointer = resp.$ref.slice(1); resp = at(pointer); }
  const media = (contentType || '').split(';')[0].trim();
  if (!resp.content?.[media]) throw new Error(`OpenAPI: ${name} does not document ${media}`);
  const ref = `openapi#${pointer}/content/${esc(media)}/schema`;
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: ref }));
  const validate = compiled.get(ref);
  if (!validate(body)) throw new Error(`${name} does not match its schema: ${ajv.errorsText(validate.errors)}`);
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
