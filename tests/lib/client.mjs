// client.mjs: an HTTP client for the tests that keeps one session cookie (and the cookie of a login
// waiting for its second step), sends the CSRF header and Origin on changes like the portal's pages
// do, and can forge session cookies with the stack's own key (HMAC-SHA-512-256, as libsodium's
// crypto_auth) to test expiry and generations. login() passes a second step with the demo staff's
// published TOTP secret (totp.mjs).
// Every API response is validated against the OpenAPI document (openapi.mjs validateResponse):
// a status, content type or body the document does not promise makes req() throw. A client can be
// bound to a local address (new Client(stack, { localAddress: '127.0.0.2' })), so the workers see
// another client address (REMOTE_ADDR), as from another machine.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { validateResponse } from './openapi.mjs';
import { DEMO_TOTP_SECRET, nextCode } from './totp.mjs';

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
    this.stepCookie = null; // portal_step: a login waiting for its second step
    this.localAddress = localAddress;
  }

  async req(method, pathname, body, extraHeaders = {}) {
    const headers = { ...extraHeaders };
    const cookies = [];
    if (this.cookie) cookies.push(`portal_session=${this.cookie}`);
    if (this.stepCookie && pathname.startsWith('/api/v1/auth/totp')) cookies.push(`portal_step=${this.stepCookie}`); // its Path
    if (cookies.length && !('cookie' in headers)) headers.cookie = cookies.join('; ');
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
      const step = /portal_step=([^;]*)/.exec(setCookie);
      if (step) this.stepCookie = step[1] || null;
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

  /** Logs in; a second step is passed with the TOTP secret (the demo staff's by default). */
  async login(email, password = 'Demo-passord-2026', secret = DEMO_TOTP_SECRET) {
    let r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status === 202 && r.json.step === 'totp') {
      r = await this.post('/api/v1/auth/totp/verify', { code: await nextCode(`${this.stack.baseUrl} ${email.toLowerCase()}`, secret) });
    }
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
    return this;
  }
}

export async function loginAs(stack, email, password, secret) {
  return new Client(stack).login(email, password, secret);
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
