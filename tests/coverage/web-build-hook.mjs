// web-build-hook.mjs: preloaded into web/build.mjs by `make coverage` to build a copy of the pages
// for coverage, without editing build.mjs:
//   cd web && WEB_DIST=../build/cov/web node --import ../tests/coverage/web-build-hook.mjs build.mjs
// It registers a module resolve hook that hands build.mjs esbuild-shim.mjs (beside this file) where it
// imports 'esbuild'; the shim is esbuild with the JavaScript bundles built not minified, without tree
// shaking and with an inline source map. (esbuild's own exports are read-only, so patching them in
// place is not possible.)
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const SHIM = new URL('./esbuild-shim.mjs', import.meta.url).href;

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  if (specifier === 'esbuild' && context.parentURL && context.parentURL.endsWith('/web/build.mjs'))
    return { url: SHIM, shortCircuit: true };
  return next(specifier, context);
}
