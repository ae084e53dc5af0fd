// Starts the model worker: the relaxed-SIMD build where the browser has relaxed SIMD, the
// portable build elsewhere, its WebAssembly fetched gzipped where the browser can gunzip
// (worker-build.js). Helper workers are started from this same URL, query string included,
// so a pool always runs one build.
'use strict';

importScripts('./worker-build.js');
{
  const build = self.jobdeltaWorkerBuild(self.location.search);
  importScripts(`./${build}.js`);
  wasm_bindgen({ module_or_path: self.jobdeltaWorkerWasm(build) });
}
