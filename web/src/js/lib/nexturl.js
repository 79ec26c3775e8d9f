// nexturl.js: where a page may send the browser after logging in (the login page's ?next=): only
// a place on this site. The value is checked the way the browser will read it: anything with a
// control character (the URL parser drops tabs and newlines, so "/\t/evil.example" becomes
// "//evil.example"), a backslash (read as "/"), or a space is refused, as is anything not starting
// with one "/"; what is left is parsed with new URL() against this page's origin, and must have
// that origin. The answer is the parsed absolute URL, so no later reading can differ from ours.
// No imports and no DOM: tests/integration/hardening-accounts.test.mjs runs it under node.

/**
 * The absolute URL on origin that next names, or fallback (a path on origin) when next is missing
 * or could lead anywhere else.
 * @param {string|null|undefined} next what the query string said
 * @param {string} origin this page's origin (window.location.origin)
 * @param {string} [fallback]
 */
export function safeNext(next, origin, fallback = '/min-konto.html') {
  const home = new URL(fallback, origin).href;
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return home;
  // C0 controls, space, DEL, C1 controls, and the backslash; then exactly one leading slash
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(next) || next[0] !== '/' || next[1] === '/') return home;
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return home;
  }
  return url.origin === origin && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : home;
}
