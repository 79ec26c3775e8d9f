// build.mjs: builds web/dist/ from web/src/ (run as `node build.mjs` from web/).
//
// - Bundles every src/js/*.js page entry point (ESM, minified, es2020) and the single
//   CSS bundle src/css/app.css with esbuild, and writes them as
//   dist/assets/NAME-HASH.{js,css}, HASH being the first 10 hex digits of the
//   SHA-256 of the file's final bytes.
// - Moves every data: URL out of the CSS (Designsystemet draws its icons with
//   inline SVG masks) into dist/assets/icon-HASH.EXT, so the pages need no
//   `data:` in the Content Security Policy: everything is 'self'.
// - Refuses CSS that would load anything from another origin (web fonts, images),
//   so a theme update cannot silently break the CSP or call out to the network.
// - Copies src/*.html to dist/, replacing the placeholders {{css:NAME}} and
//   {{js:NAME}} with the hashed asset paths (/assets/NAME-HASH.ext). An unknown
//   placeholder is an error.
// - Copies every other file at the top of src/ (favicon.svg) unchanged.
// - Vendors the API reference (/api.html): the redoc package's standalone bundle becomes
//   dist/assets/redoc-HASH.js ({{js:redoc}}), with its one data: URL (an icon font) moved into
//   dist/assets/ like the CSS's, and the Redocly logo it would load from Redocly's CDN replaced by
//   src/api/redocly-logo.svg. A bundle still naming that CDN (cdn.redoc.ly) or holding a data:
//   URL is an error, so an update of redoc cannot silently need more in the CSP; the browser test
//   tests/browser/apiref.test.mjs fails on any request the page makes to another origin.
// Deletes dist/ first; exits non-zero on any error. Deterministic: the same sources
// give the same file names and bytes.

import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile, copyFile, rm, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(root, 'src');
// WEB_DIST: another output folder (for parallel builds); served by pointing portalctl's WEB_ROOT at it
const distDir = process.env.WEB_DIST ? path.resolve(process.env.WEB_DIST) : path.join(root, 'dist');
const assetsDir = path.join(distDir, 'assets');

// url(http...), url(//...), @import "http..." or @import url(...): anything external.
const EXTERNAL_CSS = /url\(\s*['"]?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|@import\b/i;
// url("data:..."), url('data:...') or url(data:...)
const DATA_URL = /url\(\s*(?:"(data:[^"]*)"|'(data:[^']*)'|(data:[^)\s'"]*))\s*\)/g;
const EXT_BY_MIME = {
  'image/svg+xml': 'svg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp',
  'font/woff': 'woff', 'application/font-woff': 'woff', 'font/woff2': 'woff2',
};

async function listFiles(dir, ext) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && (ext === null || e.name.endsWith(ext)))
    .map((e) => e.name)
    .sort();
}

function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10);
}

/** Write bytes as dist/assets/BASE-HASH.EXT and return its URL path. */
async function writeAsset(base, ext, bytes) {
  const name = `${base}-${contentHash(bytes)}.${ext}`;
  await writeFile(path.join(assetsDir, name), bytes);
  return `/assets/${name}`;
}

/** Decode a data: URL into { ext, bytes }. */
function decodeDataUrl(url) {
  const m = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!m) throw new Error(`malformed data URL "${url.slice(0, 60)}"`);
  const ext = EXT_BY_MIME[m[1].toLowerCase()];
  if (!ext) throw new Error(`unsupported data URL type ${m[1]}`);
  const isBase64 = /;base64/i.test(m[2]);
  let text = m[3];
  if (!isBase64) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // raw (not percent-encoded) markup: use as is
    }
  }
  return { ext, bytes: isBase64 ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}

/** Replace every data: URL in the CSS (or CSS inside JS) by a hashed file under assets/. */
async function externaliseDataUrls(css, base = 'icon') {
  const urls = new Map(); // data URL -> /assets/icon-HASH.ext
  for (const m of css.matchAll(DATA_URL)) {
    const data = m[1] || m[2] || m[3];
    if (urls.has(data)) continue;
    const { ext, bytes } = decodeDataUrl(data);
    urls.set(data, await writeAsset(base, ext, bytes));
  }
  return css.replace(DATA_URL, (_, a, b, c) => `url(${urls.get(a || b || c)})`);
}

// The Redocly logo Redoc shows under its menu ("API docs by"), from Redocly's CDN.
const REDOC_CDN = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** The API reference's script: redoc's standalone bundle, made to load nothing from elsewhere. */
async function vendorRedoc(assets) {
  const require = createRequire(import.meta.url);
  const file = require.resolve('redoc/bundles/redoc.standalone.js');
  let js = await readFile(file, 'utf8');
  js = await externaliseDataUrls(js, 'redoc-asset');
  const logo = await writeAsset('redocly-logo', 'svg', await readFile(path.join(srcDir, 'api', 'redocly-logo.svg')));
  js = js.replace(REDOC_CDN, logo);
  if (/cdn\.redoc\.ly/.test(js)) throw new Error(`${file}: an address on Redocly's CDN is left`);
  if (/url\(\s*['"]?data:/i.test(js)) throw new Error(`${file}: a data: URL is left after externalising`);
  assets.set('js:redoc', await writeAsset('redoc', 'js', Buffer.from(js, 'utf8')));
}

async function bundle() {
  const jsEntries = (await listFiles(path.join(srcDir, 'js'), '.js')).map((f) =>
    path.join(srcDir, 'js', f),
  );
  const common = {
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    outdir: assetsDir,
    entryNames: '[name]',
    logLevel: 'warning',
    legalComments: 'none',
    absWorkingDir: root,
  };
  const [js, css] = await Promise.all([
    esbuild.build({ ...common, entryPoints: jsEntries, format: 'esm', target: 'es2020' }),
    esbuild.build({ ...common, entryPoints: [path.join(srcDir, 'css', 'app.css')] }),
  ]);
  const assets = new Map(); // "js:start" -> "/assets/start-HASH.js"
  for (const file of [...js.outputFiles, ...css.outputFiles]) {
    const ext = path.extname(file.path).slice(1);
    const base = path.basename(file.path, '.' + ext);
    if (ext === 'map') continue;
    if (ext !== 'js' && ext !== 'css') throw new Error(`unexpected build output ${file.path}`);
    let bytes = file.contents;
    if (ext === 'css') {
      const text = await externaliseDataUrls(file.text);
      const m = EXTERNAL_CSS.exec(text);
      if (m) throw new Error(`${base}.css: external reference near "${text.slice(m.index, m.index + 80)}"`);
      if (/data:/i.test(text)) throw new Error(`${base}.css: data: URL left after externalising`);
      bytes = Buffer.from(text, 'utf8');
    }
    assets.set(`${ext}:${base}`, await writeAsset(base, ext, bytes));
  }
  return assets;
}

// A page that starts with <!--page title="..." script="NAME"--> is only its <main> content: it is
// wrapped in src/_layout.html ({{title}}, {{script}} and {{main}} filled in). Files starting with _
// are templates and are not copied.
const PAGE_HEADER = /^<!--page title="([^"]+)" script="([\w-]+)"-->\n/;
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

async function pages(assets) {
  const layout = await readFile(path.join(srcDir, '_layout.html'), 'utf8');
  for (const name of await listFiles(srcDir, null)) {
    const from = path.join(srcDir, name);
    const to = path.join(distDir, name);
    if (name.startsWith('_')) continue;
    if (!name.endsWith('.html')) {
      await copyFile(from, to);
      continue;
    }
    let source = await readFile(from, 'utf8');
    const page = PAGE_HEADER.exec(source);
    if (page) {
      const main = source.slice(page[0].length);
      source = layout.replace('{{title}}', () => escapeHtml(page[1])).replace('{{script}}', () => `{{js:${page[2]}}}`)
        .replace('{{main}}', () => main);
    }
    const html = source.replace(/\{\{\s*(css|js):([\w-]+)\s*\}\}/g, (_, kind, asset) => {
      const url = assets.get(`${kind}:${asset}`);
      if (!url) throw new Error(`${name}: unknown asset placeholder {{${kind}:${asset}}}`);
      return url;
    });
    if (/\{\{/.test(html)) throw new Error(`${name}: malformed placeholder left after rewriting`);
    await writeFile(to, html);
  }
}

async function main() {
  const t0 = Date.now();
  await rm(distDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  const assets = await bundle();
  await vendorRedoc(assets);
  await pages(assets);
  console.log(`built dist/ (${[...assets.values()].join(', ')}) in ${Date.now() - t0} ms`);
}

main().catch((err) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});
