// Registers the service worker (sw.js) that lets jobdelta work offline after one visit.
// Relative URL and scope: the site works under any path prefix. Kept out of the wasm so the
// page stays usable offline even if the app's own code fails to start.
'use strict';

if ('serviceWorker' in navigator) {
  // `updateViaCache: 'none'`: a new release is noticed at the next visit, whatever the HTTP
  // cache headers of the host.
  navigator.serviceWorker
    .register('sw.js', { scope: './', updateViaCache: 'none' })
    .catch((error) => console.warn('jobdelta: offline use is not available:', error));
}
