// api.js: the API reference page (/api.html), run before Redoc's bundle (module scripts run in
// document order). Redoc's search index (FlexSearch) probes whether it can run in a Web Worker by
// compiling a function from a string; the page's CSP has no 'unsafe-eval', so the probe is a CSP
// violation before Redoc falls back to searching in the page itself. Without a Worker constructor
// it skips the probe and searches in the page at once. Nothing else on this page uses workers.
Object.defineProperty(window, 'Worker', { value: undefined, configurable: true, writable: true });
