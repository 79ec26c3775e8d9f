// api.js: fetching JSON from the portal's own API (same origin, /api/v1/...).
// Every failure becomes an ApiError carrying the HTTP status (0 for network
// failure or timeout) and, when the server sent one, its RFC 9457 problem+json
// body (type, title, detail, errors[]), so pages can show a clear message.

const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when no response arrived
   * @param {{type?:string,title?:string,detail?:string,errors?:Array<{field:string,detail:string}>}|null} problem
   */
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get isNotFound() {
    return this.status === 404;
  }
}

function isJson(contentType) {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType || '');
}

/**
 * GET a JSON document from the API.
 * @param {string} path absolute path such as "/api/v1/tenants"
 * @param {Record<string, string|number|undefined>} [query] query parameters; undefined ones are left out
 * @returns {Promise<any>} the parsed body
 * @throws {ApiError}
 */
export async function getJson(path, query = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch (err) {
    clearTimeout(timer);
    throw new ApiError(0, null);
  }
  try {
    const contentType = res.headers.get('content-type');
    const body = isJson(contentType) ? await res.json().catch(() => null) : null;
    if (!res.ok) throw new ApiError(res.status, body && typeof body === 'object' ? body : null);
    if (body === null) throw new ApiError(res.status, { title: 'Uventet svar fra tjenesten' });
    return body;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET every page of a paginated list ({items,total,page,per_page}) and return all items.
 * Stops after maxPages as a guard against a server that never reports the end.
 */
export async function getAllPages(path, query = {}, perPage = 50, maxPages = 20) {
  const items = [];
  for (let page = 1; page <= maxPages; page++) {
    const body = await getJson(path, { ...query, page, per_page: perPage });
    const batch = Array.isArray(body.items) ? body.items : [];
    items.push(...batch);
    const total = Number.isFinite(body.total) ? body.total : items.length;
    if (batch.length === 0 || items.length >= total) break;
  }
  return items;
}

/** Whether no answer arrived, or nginx or the worker said the answer was lost: a change that was
 * sent may have been saved (and sending it again is safe: apiSend repeats its Idempotency-Key). */
export function answerLost(err) {
  return err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504);
}

/** A Norwegian sentence describing an ApiError (or any error) for an alert. */
export function describeError(err) {
  if (!(err instanceof ApiError)) return 'Det oppstod en uventet feil i siden.';
  if (err.status === 0) return 'Fikk ikke svar fra tjenesten. Sjekk nettforbindelsen og prøv igjen.';
  // the service's own words for a 5xx say whether anything was saved
  if (err.status >= 500) return (err.problem && err.problem.detail) || 'Tjenesten har en midlertidig feil. Prøv igjen om litt.';
  const p = err.problem;
  const text = p && (p.detail || p.title);
  return text ? String(text) : `Tjenesten svarte med feilkode ${err.status}.`;
}

/**
 * The Idempotency-Key of a POST: one per method, path and body, kept in the tab's sessionStorage
 * until an answer arrives. So sending the same change again after a lost answer (a network
 * failure, 502, 503 or 504), also after reloading the page, repeats the key, and the API answers
 * what it did the first time instead of saving it twice. [storageKey, key].
 */
function idempotencyKey(method, path, text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const storageKey = `portal-idem ${method} ${path} ${text.length} ${h.toString(16)}`;
  let key = null;
  try { key = sessionStorage.getItem(storageKey); } catch { /* storage off: a key per send */ }
  if (!key) {
    key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    try { sessionStorage.setItem(storageKey, key); } catch { /* storage off */ }
  }
  return [storageKey, key];
}

function forgetKey(storageKey) {
  try { sessionStorage.removeItem(storageKey); } catch { /* storage off */ }
}

/**
 * Send a change to the API: POST, PUT or DELETE with a JSON body (or raw bytes), the CSRF header
 * the API demands on every change, and the session cookie. A POST with a JSON body carries an
 * Idempotency-Key (idempotencyKey) unless the caller gives one.
 * @param {string} method
 * @param {string} path
 * @param {any} [body] a value to send as JSON, or a Blob/File/ArrayBuffer to send as is
 * @param {Record<string,string>} [headers] extra headers (If-Match, Idempotency-Key, ...)
 * @returns {Promise<{status:number, body:any, headers:Headers}>}
 * @throws {ApiError} for any non-2xx answer (error.problem holds the problem+json)
 */
export async function apiSend(method, path, body, headers = {}) {
  const raw = body instanceof Blob || body instanceof ArrayBuffer;
  const init = {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json, application/problem+json',
      'X-Portal-Request': '1',
      ...(body !== undefined && !raw ? { 'Content-Type': 'application/json' } : {}),
      ...(raw ? { 'Content-Type': 'application/octet-stream' } : {}),
      ...headers,
    },
  };
  if (body !== undefined) init.body = raw ? body : JSON.stringify(body);
  let storageKey = null;
  const given = Object.keys(headers).some((k) => k.toLowerCase() === 'idempotency-key');
  if (method === 'POST' && !raw && !given) {
    let key;
    [storageKey, key] = idempotencyKey(method, path, init.body || '');
    init.headers['Idempotency-Key'] = key;
  }
  let res;
  try {
    res = await fetch(new URL(path, window.location.origin), init);
  } catch {
    throw new ApiError(0, null);
  }
  if (storageKey && ![502, 503, 504].includes(res.status)) forgetKey(storageKey);
  const parsed = isJson(res.headers.get('content-type')) ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, parsed && typeof parsed === 'object' ? parsed : null);
  return { status: res.status, body: parsed, headers: res.headers };
}

/** GET returning the body and the response headers (for ETag). */
export async function getWithHeaders(path) {
  let res;
  try {
    res = await fetch(new URL(path, window.location.origin), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch {
    throw new ApiError(0, null);
  }
  const parsed = isJson(res.headers.get('content-type')) ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, parsed && typeof parsed === 'object' ? parsed : null);
  return { body: parsed, headers: res.headers };
}
