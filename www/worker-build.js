// Which build of the model worker this browser runs and how WebAssembly is fetched, shared by
// worker_loader.js (which starts the worker), the page's loader (which imports this file for
// `jobdeltaWasm`, the page's own wasm being gzipped too) and sw.js (which keeps only the files
// this browser fetches for offline use).
//
// Two builds of the same worker: `worker-relaxed` computes with relaxed SIMD's fused
// multiply-add (faster), and `worker` with plain SIMD (every browser with WebAssembly SIMD).
// A module with a relaxed instruction does not even validate in a browser without relaxed
// SIMD, so the choice is made by validating a tiny one. The query parameter `simd=portable`
// or `simd=relaxed` on the worker's URL overrides it (the benchmark measures both).
// A third build, `worker-candle`, embeds with candle-transformers' BERT instead (portable SIMD,
// f32): run only when the URL says `engine=candle` (the page passes its own `?engine=candle`
// on), and kept out of the first visit's download (sw.js caches it on first use).
//
// Each build's WebAssembly is also published gzipped (scripts/post-build.mjs): 1 MB instead of
// 2.8 of every first visit, which keeps the app and model under 50 MB. The browser gunzips it
// (DecompressionStream); without DecompressionStream, or if the .gz cannot be read (a host
// that already decoded it), the plain file is fetched instead.
'use strict';

self.jobdeltaWorkerBuild = (search) => {
  // (module (func (result v128)
  //   (f32x4.relaxed_madd (f32x4.splat (f32.const 1)) (f32x4.splat (f32.const 1)) (f32x4.splat (f32.const 1)))))
  const splatOne = [0x43, 0x00, 0x00, 0x80, 0x3f, 0xfd, 0x13];
  const probe = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
    0x03, 0x02, 0x01, 0x00,
    0x0a, 0x1c, 0x01, 0x1a, 0x00, ...splatOne, ...splatOne, ...splatOne, 0xfd, 0x85, 0x02, 0x0b,
  ]);
  const query = new URLSearchParams(search ?? '');
  if (query.get('engine') === 'candle') return 'worker-candle';
  const asked = query.get('simd');
  let relaxed;
  if (asked === 'relaxed') relaxed = true;
  else if (asked === 'portable') relaxed = false;
  else {
    try {
      relaxed = WebAssembly.validate(probe);
    } catch {
      relaxed = false;
    }
  }
  return relaxed ? 'worker-relaxed' : 'worker';
};

const canGunzip = typeof DecompressionStream === 'function';

// Every file of the fast engine's two builds, as Trunk (and post-build's gzip) name them (the
// ones the service worker precaches, one build's worth).
self.jobdeltaAllWorkerFiles = ['worker', 'worker-relaxed'].flatMap((build) => [
  `${build}.js`,
  `${build}_bg.wasm`,
  `${build}_bg.wasm.gz`,
]);

// The files of `build` this browser fetches.
self.jobdeltaWorkerFiles = (build) => [`${build}.js`, canGunzip ? `${build}_bg.wasm.gz` : `${build}_bg.wasm`];

// Whether this browser fetches a wasm file's gzipped copy (`<file>.gz`) rather than the file.
self.jobdeltaCanGunzip = canGunzip;

// The WebAssembly of `build`, as a promise of its bytes (or of the plain file's response).
self.jobdeltaWorkerWasm = (build) => self.jobdeltaWasm(`./${build}_bg.wasm`);

// The WebAssembly at `path` (relative to the site), as a promise of its bytes: gunzipped from
// `<path>.gz` where the browser can, else (or if that fails) the plain file's response.
self.jobdeltaWasm = (path) => {
  const plain = () => fetch(path);
  if (!canGunzip) return plain();
  return fetch(`${path}.gz`)
    .then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    })
    .then((bytes) => {
      if (!WebAssembly.validate(bytes)) throw new Error('not WebAssembly');
      return bytes;
    })
    .catch(plain);
};
