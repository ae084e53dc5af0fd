// jobdelta's service worker: makes the site work offline after one visit.
//
// It keeps the app shell (page, styles, icon, the wasm and JS of page and worker) in a cache
// named after a hash of this build, and answers the site's requests from the caches first.
// The model files live in their own cache, named after the weights' sha256: the model worker
// fills it itself after a verified download (on a first visit the worker starts before this
// service worker controls anything, so only the worker can be sure to see those bytes), and
// both it and this service worker read it cache-first. A new release installs a new shell
// cache and, on activate, deletes every jobdelta cache that is not its own, so a release that
// keeps the model keeps the 45 MB, and one that changes the model drops the old copy.
//
// BUILD is written by scripts/post-build.mjs (a Trunk post_build hook); the value below is
// what an unprocessed copy holds, and caches nothing. BUILD.lazy: the import worker's files and
// the candle build of the model worker (`?engine=candle`), cached on first use rather than on
// install (not in the first visit's download).
'use strict';

importScripts('worker-build.js');

const BUILD = /* JOBDELTA_BUILD */ { version: 'dev', files: [], lazy: [], modelCache: 'jobdelta-model-dev', modelCaches: [] } /* END_JOBDELTA_BUILD */;

const PREFIX = 'jobdelta-';
const SHELL_CACHE = `${PREFIX}app-${BUILD.version}`;

/** A path of the build (relative to the site root) as an absolute URL in this scope. */
const inScope = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `no-cache`: the browser asks the server whether its HTTP-cached copy (the page has
      // usually just downloaded these files) is this release's; the server answers 304 and
      // nothing is downloaded twice. A shell cache must hold this release's files only, which
      // a conditional request guarantees as well as `reload` would.
      // Of the model worker's files, only those this browser fetches (one build, gzipped or
      // not): the others are never requested.
      // Likewise the page's wasm: its gzipped copy or the plain file, whichever is fetched.
      const workerFiles = new Set(self.jobdeltaAllWorkerFiles);
      const used = new Set(self.jobdeltaWorkerFiles(self.jobdeltaWorkerBuild('')));
      const zipped = new Set(BUILD.files.filter((path) => path.endsWith('.wasm.gz')));
      const files = BUILD.files.filter((path) => {
        if (workerFiles.has(path)) return used.has(path);
        if (zipped.has(path)) return self.jobdeltaCanGunzip;
        if (zipped.has(`${path}.gz`)) return !self.jobdeltaCanGunzip;
        return true;
      });
      await cache.addAll(files.map((path) => new Request(inScope(path), { cache: 'no-cache' })));
      // A new release takes over at the next page load rather than when every tab is closed;
      // a page of the previous release that restarts its worker then gets a clear "reload
      // the page" message from the protocol check.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, BUILD.modelCache, ...(BUILD.modelCaches ?? [])]);
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && !keep.has(name)).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(cacheFirst(request));
});

/** The cached copy if there is one (the page itself for a navigation to the site), else the network. */
async function cacheFirst(request) {
  const url = new URL(request.url);
  const scopePath = new URL(self.registration.scope).pathname;
  const isPage =
    request.mode === 'navigate' && (url.pathname === scopePath || url.pathname === `${scopePath}index.html`);
  // Every jobdelta cache is searched, not only this release's: a worker of the previous
  // release may still answer a page for a moment after the new one took over, and must
  // then find the new release's files (its own cache is deleted by then).
  // The model worker's loader is one file whatever its query (`?engine=candle` only picks the
  // build it starts), so its cached copy answers every query.
  const isWorkerLoader = url.pathname === `${scopePath}worker_loader.js`;
  const cached = await caches.match(isPage ? inScope('index.html') : request, {
    ignoreVary: true,
    ignoreSearch: isWorkerLoader,
  });
  if (cached) return cached;
  // The import worker's and the candle worker's files (BUILD.lazy) are not precached: the page
  // starts the one when a document arrives, the other when opened with ?engine=candle. Kept on
  // that first use, so importing (and candle) work offline after.
  const path = url.pathname.slice(scopePath.length);
  if (!BUILD.lazy.includes(path)) return fetch(request);
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}
