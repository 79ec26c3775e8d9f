// totp.mjs: TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, six digits) computed with node's
// crypto, independently of the portal's liboath, and the demo staff's published secret
// (sql/demo/totp-secrets.txt). nextDemoCode() hands out codes for logins as demo staff: the portal
// refuses a code whose time step was used already (no reuse), so it gives each account (per
// portal) a step after the last one it gave, within the one step either side of now the portal
// accepts, and waits for the clock when the window is used up.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export const DEMO_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const STEP_SECONDS = 30;

/** The bytes of a base32 (RFC 4648) string; padding and case ignored. */
export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.toUpperCase().replace(/=+$/, '')) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code of a base32 secret at a time step (RFC 4226 dynamic truncation). */
export function totpAt(secretB32, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretB32)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}

/** The time step now. */
export const stepNow = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

/** The code of a base32 secret now. */
export const totpNow = (secretB32) => totpAt(secretB32, stepNow());

const lastGiven = new Map();

/**
 * A code of secretB32 for the account key (e.g. `${baseUrl} ${email}`) whose step follows the last
 * one given for that key and lies within one step of now; waits for the next step when needed.
 */
export async function nextCode(key, secretB32 = DEMO_TOTP_SECRET) {
  for (;;) {
    const now = Date.now() / 1000;
    const current = Math.floor(now / STEP_SECONDS);
    // the step before now only while the portal surely still sees the same now
    const lowest = now % STEP_SECONDS < STEP_SECONDS - 5 ? current - 1 : current;
    const step = Math.max(lowest, (lastGiven.get(key) ?? -Infinity) + 1);
    if (step <= current + 1) {
      lastGiven.set(key, step);
      return totpAt(secretB32, step);
    }
    await sleep((STEP_SECONDS - (now % STEP_SECONDS)) * 1000 + 200);
  }
}

/** Marks a step as used for key (a test that sent a code itself). */
export function markUsed(key, step) {
  lastGiven.set(key, Math.max(lastGiven.get(key) ?? -Infinity, step));
}
