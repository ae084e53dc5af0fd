// Which build of the model worker this browser runs, shared by worker_loader.js (which starts
// it) and sw.js (which keeps only that build for offline use).
//
// Two builds of the same worker: `worker-relaxed` computes with relaxed SIMD's fused
// multiply-add (faster), and `worker` with plain SIMD (every browser with WebAssembly SIMD).
// A module with a relaxed instruction does not even validate in a browser without relaxed
// SIMD, so the choice is made by validating a tiny one. The query parameter `simd=portable`
// or `simd=relaxed` on the worker's URL overrides it (the benchmark measures both).
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
  const asked = new URLSearchParams(search ?? '').get('simd');
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

// The files of each build, as Trunk names them.
self.jobdeltaWorkerFiles = (build) => [`${build}.js`, `${build}_bg.wasm`];
