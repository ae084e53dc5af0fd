// Registers the service worker (sw.js) that lets jobdelta work offline after one visit.
// Relative URL and scope: the site works under any path prefix. Kept out of the wasm so the
// page stays usable offline even if the app's own code fails to start.
//
// Registered once the model is ready, not at once: the service worker's install keeps the
// app's files for offline use, and by then this visit has downloaded them all, so its
// requests are answered from the HTTP cache (a 304 from the server at most). Registered at
// once, it would download the 3–4 MB of WebAssembly a second time, in parallel with the page.
'use strict';

if ('serviceWorker' in navigator) {
  const register = () =>
    // `updateViaCache: 'none'`: a new release is noticed at the next visit, whatever the
    // HTTP cache headers of the host.
    navigator.serviceWorker
      .register('sw.js', { scope: './', updateViaCache: 'none' })
      .catch((error) => console.warn('jobdelta: offline use is not available:', error));
  const modelReady = () => document.querySelector('[data-testid="model-status"][data-state="ready"]');
  const watch = new MutationObserver(() => {
    if (modelReady()) {
      watch.disconnect();
      register();
    }
  });
  watch.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}
