// jobdelta's engine for any web page: all-MiniLM-L6-v2 sentence embeddings, similarity,
// search and tokenisation in the browser (crates/engine-js; README "Use the engine from your
// own page").
//
//   import { Engine } from './engine/jobdelta.js';
//   const engine = await Engine.load({ modelUrl: './models/all-MiniLM-L6-v2/' });
//
// wasm-bindgen's ES module (jobdelta-engine-js.js, --target web) needs its wasm initialised
// before the first call; this module does it on the first Engine.load, so that importing it
// costs nothing until the engine is wanted and a failed wasm download can be retried.

import init, { Engine } from './jobdelta-engine-js.js';

let initialised = null;
const loadModel = Engine.load;

Object.defineProperty(Engine, 'load', {
  /** Initialises the wasm (once), then fetches and checks the model: see crates/engine-js. */
  value: async function load(options) {
    initialised ??= init().catch((error) => {
      initialised = null;
      throw new Error(`Engine.load: the engine's WebAssembly could not be loaded (${error?.message ?? error}); check that jobdelta-engine-js_bg.wasm is served next to this module as application/wasm`);
    });
    await initialised;
    return loadModel.call(Engine, options);
  },
});

export { Engine };
