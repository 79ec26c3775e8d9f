// client.mjs: an HTTP client for the tests that keeps one session cookie, sends the CSRF header
// and Origin on changes like the portal's pages do, and can forge session cookies with the
// stack's own key (HMAC-SHA-512-256, as libsodium's crypto_auth) to test expiry and generations.
// Every API response is validated against the OpenAPI document (openapi.mjs validateResponse):
// a status, content type or body the document does not promise makes req() throw. A client can be
// bound to a local address (new Client(stack, { localAddress: '127.0.0.2' })), so the workers see
// another client address (REMOTE_ADDR), as from another machine.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { validateResponse } from './openapi.mjs';

/** fetch's answer for a request sent from localAddress with node:http: { status, headers, text() }. */
function fetchFrom(localAddress, url, init) {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: init.method, headers: init.headers, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const one of [].concat(v)) headers.append(k, one);
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, headers, text: async () => body });
      });
    });
    r.on('error', reject);
    r.end(init.body);
  });
}

export class Client {
  constructor(stack, { localAddress } = {}) {
    this.stack = stack;
    this.cookie = null;
    this.localAddress = localAddress;
  }

  async req(method, pathname, body, extraHeaders = {}) {
    const headers = { ...extraHeaders };
    if (this.cookie) headers.cookie = `portal_session=${this.cookie}`;
    if (method !== 'GET' && method !== 'HEAD') {
      if (!('x-portal-request' in headers)) headers['x-portal-request'] = '1';
      if (!('origin' in headers)) headers.origin = this.stack.baseUrl;
      if (body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(headers)) if (v === null) delete headers[k];
    const init = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const url = this.stack.baseUrl + pathname;
    const res = this.localAddress ? await fetchFrom(this.localAddress, url, init) : await fetch(url, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /portal_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] || null;
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    const out = { status: res.status, headers: res.headers, text, json, setCookie };
    validateResponse(method, pathname, out);
    return out;
  }

  get(p, h) { return this.req('GET', p, undefined, h); }
  post(p, body = {}, h) { return this.req('POST', p, body, h); }
  del(p, h) { return this.req('DELETE', p, undefined, h); }

  async login(email, password = 'Demo-passord-2026') {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
    return this;
  }
}

export async function loginAs(stack, email, password) {
  return new Client(stack).login(email, password);
}

/** Forges a session cookie signed with the stack's key (or another 32-byte key): version 2, with
 *  a session id (8 bytes; random unless given). */
export function forgeCookie(stack, { userId, gen, issued, expires, key, sid }) {
  const k = key || readFileSync(path.join(stack.dir, 'etc/session.key'));
  const payload = Buffer.alloc(38);
  payload[0] = 2;
  payload[1] = createHash('sha256').update(k).digest()[0]; // key id
  payload.writeBigUInt64BE(BigInt(userId), 2);
  payload.writeUInt32BE(gen, 10);
  (sid || randomBytes(8)).copy(payload, 14);
  payload.writeBigUInt64BE(BigInt(issued), 22);
  payload.writeBigUInt64BE(BigInt(expires), 30);
  const mac = createHmac('sha512', k).update(payload).digest().subarray(0, 32); // crypto_auth: HMAC-SHA-512-256
  return Buffer.concat([payload, mac]).toString('base64url');
}
