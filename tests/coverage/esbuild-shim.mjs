// esbuild-shim.mjs: esbuild as web/build.mjs sees it under web-build-hook.mjs: the same API, except
// that a JavaScript (ESM) build is not minified, keeps code no entry point uses (no tree shaking: a
// module's unused functions stay in the bundle and count as not run, instead of silently vanishing)
// and carries an inline source map with the sources, so V8's coverage of a bundle maps back to the
// files under web/src/js/. The CSS build is left alone (an inline CSS source map is a data: URL, which
// build.mjs refuses). esbuild is loaded from web/node_modules (build.mjs's own, through the process's
// working directory, web/).
import { createRequire } from 'node:module';
import path from 'node:path';

const real = createRequire(path.join(process.cwd(), 'build.mjs'))('esbuild');

const forCoverage = (opts) => (opts && opts.format === 'esm'
  ? { ...opts, minify: false, treeShaking: false, sourcemap: 'inline', sourcesContent: true }
  : opts);

export const build = (opts) => real.build(forCoverage(opts));
export const buildSync = (opts) => real.buildSync(forCoverage(opts));
export const context = (opts) => real.context(forCoverage(opts));
export const { analyzeMetafile, analyzeMetafileSync, formatMessages, formatMessagesSync, initialize, stop,
  transform, transformSync, version } = real;
export default { ...real, build, buildSync, context };
