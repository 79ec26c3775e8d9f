// browser-hook.mjs: collects V8 JavaScript coverage from every page the browser tests open, without
// touching the tests or tests/lib. `make coverage` preloads it into each test process:
//   COVERAGE_DIR=DIR WEB_ROOT=/abs/build/cov/web NODE_OPTIONS=--import=/abs/tests/coverage/browser-hook.mjs \
//     node --test browser/
// Without COVERAGE_DIR it does nothing.
//
// It wraps playwright-core's chromium.launch: the browser is started with Chromium's RenderDocument
// feature off (see below), and on the browsers it returns, every context's newPage() (browser.newPage()
// goes through newContext) starts V8's precise coverage (call counts, block ranges) through a CDP
// session of its own before the page is handed to the test. page.close(), context.close() and
// browser.close() first take the counts (Profiler.takePreciseCoverage) and write them as
// DIR/pw-PID-N.json, in the format Node writes for NODE_V8_COVERAGE ({ result: [{ scriptId, url,
// functions }] }), which `c8 report` reads and adds up. Only the portal's own bundles (/assets/*.js)
// are kept, their URLs rewritten to the files under WEB_ROOT that were served
// (file:///.../build/cov/web/assets/NAME-HASH.js), whose inline source maps lead back to web/src/js/.
//
// Each HTML page here is its own document. With RenderDocument (on by default in current Chromium)
// a navigation gets a new renderer document, often in a new process, and V8's counts for the page
// left behind are gone: a tab's coverage would only tell about its last page (a login through
// logg-inn.html would never show). Turning RenderDocument off (added to Playwright's own
// --disable-features list, see withoutRenderDocument) keeps one renderer per tab for these same-site
// navigations, and V8 keeps the scripts of earlier documents in its coverage while
// precise coverage is on. (Taking the counts before each navigation does not work: Chromium holds
// back DevTools commands to a frame while it navigates.)
// Not covered: a page that opens by itself (a popup) and one that crashed or was closed by the page.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIR = process.env.COVERAGE_DIR;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_ROOT = path.resolve(ROOT, process.env.WEB_ROOT || 'web/dist');
const BUNDLE = /^\/assets\/[\w.-]+\.js$/;

let written = 0;

function save(scripts) {
  const result = [];
  for (const s of scripts) {
    let u;
    try { u = new URL(s.url); } catch { continue; }
    if (!/^https?:$/.test(u.protocol) || !BUNDLE.test(u.pathname)) continue;
    result.push({ scriptId: String(s.scriptId), url: pathToFileURL(path.join(WEB_ROOT, u.pathname)).href, functions: s.functions });
  }
  if (!result.length) return;
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, `pw-${process.pid}-${++written}.json`), JSON.stringify({ result }));
}

/** Starts coverage on a new page; returns take(): writes the counts, once. */
async function startCoverage(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  let taken = null;
  return () => {
    taken ??= (async () => {
      if (page.isClosed()) return;
      try {
        save((await cdp.send('Profiler.takePreciseCoverage')).result);
        await cdp.detach().catch(() => {});
      } catch (e) {
        if (!page.isClosed()) process.emitWarning(`coverage: takePreciseCoverage failed: ${e.message}`);
      }
    })();
    return taken;
  };
}

function wrapContext(context) {
  const takes = new Set();
  const newPage = context.newPage.bind(context);
  context.newPage = async (...args) => {
    const page = await newPage(...args);
    const take = await startCoverage(page);
    takes.add(take);
    const close = page.close.bind(page);
    page.close = async (...a) => { await take(); return close(...a); };
    return page;
  };
  const close = context.close.bind(context);
  const takeAll = () => Promise.all([...takes].map((t) => t()));
  context.close = async (...a) => { await takeAll(); return close(...a); };
  context.__takeCoverage = takeAll;
  return context;
}

/**
 * The launch options with RenderDocument added to --disable-features. Chromium takes only the last
 * --disable-features, and Playwright passes its own list before the caller's arguments, so the
 * list given here must repeat Playwright's: it is read once per process from the command line of a
 * browser server started with the same options (the public way to see Playwright's arguments).
 */
let featuresOff = null;
async function withoutRenderDocument(chromium, opts) {
  const isFeatures = (a) => a.startsWith('--disable-features=');
  featuresOff ??= (async () => {
    const off = new Set(['RenderDocument']);
    try {
      const server = await chromium.launchServer({ ...opts, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
      for (const a of server.process().spawnargs.filter(isFeatures)) for (const f of a.split('=')[1].split(',')) if (f) off.add(f);
      await server.close();
    } catch (e) {
      process.emitWarning(`coverage: cannot read Playwright's --disable-features (${e.message}); passing only RenderDocument`);
    }
    return [...off].join(',');
  })();
  const args = (opts.args || []).filter((a) => !isFeatures(a));
  return { ...opts, args: [...args, `--disable-features=${await featuresOff}`] };
}

function wrapBrowser(browser) {
  const contexts = new Set();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = wrapContext(await newContext(...args));
    contexts.add(context);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (...a) => {
    await Promise.all([...contexts].map((c) => c.__takeCoverage()));
    return close(...a);
  };
  return browser;
}

if (DIR) {
  let chromium = null;
  try {
    ({ chromium } = createRequire(path.join(ROOT, 'tests/package.json'))('playwright-core'));
  } catch {
    // not installed: nothing to wrap (the tests will say so themselves)
  }
  if (chromium) {
    const launch = chromium.launch.bind(chromium);
    chromium.launch = async (opts = {}, ...rest) => wrapBrowser(await launch(await withoutRenderDocument(chromium, opts), ...rest));
  }
}
