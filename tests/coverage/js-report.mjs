// js-report.mjs: the JavaScript half of `make coverage`. Reads the V8 coverage browser-hook.mjs wrote
// (RAW/pw-*.json, one file per page), has c8 report it against the sources under web/src/js/, and
// prints
//   JS line coverage: 64.0% (1234/1928 lines, web/src/js)
// and a line of detail (c8's own figure, where the per-file tables are).
// Usage (from the repository root): node tests/coverage/js-report.mjs RAW OUT
// OUT receives c8's reports: index.html (per file, annotated), coverage.txt (the per-file table),
// coverage-summary.json. Files under web/src/js that no page loaded count with all their lines
// uncovered (c8 --all).
//
// The bundles' inline source maps name their sources relative to the bundle
// ("../../../../web/src/js/lib/api.js"); c8 12 / v8-to-istanbul 9 test those names against --include
// before resolving them, so every range would be dropped and every line counted as run. So this
// script hands c8 each bundle's source map with absolute source paths instead, through the
// "source-map-cache" key of a coverage file (the way Node passes its source maps to c8). And
// --wrapper-length 0: c8 otherwise shifts every range by the length of Node's CommonJS wrapper, which
// a browser's scripts do not have.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = 'web/src/js';
const [raw, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!raw || !out) {
  console.error('usage: node tests/coverage/js-report.mjs RAW_DIR OUT_DIR');
  process.exit(2);
}

let files = [];
try { files = readdirSync(raw).filter((f) => /^pw-.*\.json$/.test(f)); } catch { /* none */ }
if (!files.length) {
  console.log(`JS line coverage: no data (no V8 coverage in ${path.relative(ROOT, raw)}: did the browser tests run?)`);
  process.exit(1);
}

// c8's input: the page coverages as they are, plus one file with the bundles' source maps. OUT's old
// reports go first (but not RAW, which may be inside it).
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (path.join(out, f) !== raw) rmSync(path.join(out, f), { recursive: true, force: true });
const tmp = path.join(out, 'c8-input');
mkdirSync(tmp, { recursive: true });
// A bundle without an inline source map (the vendored API reference, redoc) is not built from
// web/src/js: its coverage is left out.
const maps = new Map(); // bundle file URL -> its source map with absolute sources, or null
function sourceMapOf(url) {
  if (maps.has(url)) return maps.get(url);
  let map = null;
  const text = readFileSync(fileURLToPath(url), 'utf8');
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
  if (m) {
    map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
    map.sources = map.sources.map((s) => path.resolve(path.dirname(fileURLToPath(url)), map.sourceRoot || '', s));
    delete map.sourceRoot;
  }
  maps.set(url, map);
  return map;
}
for (const f of files) {
  const cov = JSON.parse(readFileSync(path.join(raw, f), 'utf8'));
  cov.result = cov.result.filter((s) => sourceMapOf(s.url) !== null);
  writeFileSync(path.join(tmp, f), JSON.stringify(cov));
}
const cache = {};
for (const [url, map] of maps) if (map) cache[url] = { data: map };
if (!Object.keys(cache).length) {
  console.log('JS line coverage: no data (no bundle the pages ran has an inline source map: was build/cov/web built by web-build-hook.mjs?)');
  process.exit(1);
}
writeFileSync(path.join(tmp, 'source-maps.json'), JSON.stringify({ result: [], 'source-map-cache': cache }));

const c8 = path.join(ROOT, 'tests/node_modules/c8/bin/c8.js');
const args = ['report', '--temp-directory', tmp, '--reports-dir', out, '--wrapper-length', '0',
  '--exclude-after-remap', '--include', `${SRC}/**`, '--all', '--src', SRC,
  '--reporter', 'html', '--reporter', 'json-summary', '--reporter', 'json', '--reporter', 'text'];
const table = execFileSync(process.execPath, [c8, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26,
  env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
writeFileSync(path.join(out, 'coverage.txt'), table);
rmSync(tmp, { recursive: true, force: true });

// c8 counts every line of a source file as a line: in a file that ran, comment and blank lines
// count as run; in one that never loaded, as not run. The figure printed counts lines with code only
// (as gcov does for C): the lines that are blank or only comment are left out of both counts.
const final = JSON.parse(readFileSync(path.join(out, 'coverage-final.json'), 'utf8'));
let covered = 0;
let n = 0;
for (const [file, fc] of Object.entries(final)) {
  const code = codeLines(readFileSync(file, 'utf8'));
  for (const [k, loc] of Object.entries(fc.statementMap)) {
    if (!code.has(loc.start.line)) continue;
    n++;
    if (fc.s[k] > 0) covered++;
  }
}
const { total } = JSON.parse(readFileSync(path.join(out, 'coverage-summary.json'), 'utf8'));
const pct = (a, b) => (b ? (100 * a) / b : 0).toFixed(1);
console.log(`JS line coverage: ${pct(covered, n)}% (${covered}/${n} lines, ${SRC})`);
console.log(`  lines with code; c8's own count, blank and comment lines included: ${pct(total.lines.covered, total.lines.total)}% `
  + `of ${total.lines.total}. Per file: ${path.relative(ROOT, path.join(out, 'coverage.txt'))}, ${path.relative(ROOT, path.join(out, 'index.html'))}`);

/** The numbers (1-based) of the lines of JavaScript source that hold code: not blank, not only a
 *  comment. Strings and template literals are skipped so that "//" or "/*" in them is not taken for
 *  a comment (a regular expression literal holding them could still fool it). */
function codeLines(src) {
  const lines = new Set();
  let line = 1;
  let inBlock = false;
  let quote = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') { line++; if (quote && quote !== '`') quote = null; continue; }
    if (inBlock) {
      if (c === '*' && src[i + 1] === '/') { inBlock = false; i++; }
      continue;
    }
    if (quote) {
      lines.add(line);
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') { inBlock = true; i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i + 1 < src.length && src[i + 1] !== '\n') i++; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    if (!/\s/.test(c)) lines.add(line);
  }
  return lines;
}
