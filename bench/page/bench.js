// The benchmark page: embeds the corpus with jobdelta's worker (the app's own worker script,
// as the app runs it), with jobdelta's JS API (engine/jobdelta.js, on this page's thread) or
// with transformers.js, in this page, and returns timings, word pieces,
// load time, memory and the vectors. scripts/bench-browser (bench/run.mjs) drives it headless
// and computes the cosines; each call runs in a fresh browser.

import * as transformers from '/tjs/transformers.js';

const log = (line) => {
  document.getElementById('log').textContent += `${line}\n`;
  console.log(line);
};

async function corpus() {
  const response = await fetch('/fixtures/bench/sentences.txt');
  if (!response.ok) throw new Error(`the corpus: HTTP ${response.status}`);
  return (await response.text()).split('\n').filter((line) => line.length > 0);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---------------------------------------------------------------------------------------------
// jobdelta: the app's worker, spoken to in its JSON protocol (crates/protocol).

/**
 * A worker message as posted (crates/protocol/src/js.rs): its JSON string, or `[json, floats,
 * lengths]` when the floats of its vectors travel beside it (`embedded`: one row per text).
 */
function readMessage(data) {
  if (typeof data === 'string') return JSON.parse(data);
  const [json, floats, lengths] = data;
  const message = JSON.parse(json);
  if (message.type === 'embedded') {
    let at = 0;
    // Plain arrays, as the JSON form had: the results go back to Node as JSON.
    message.vectors = Array.from(lengths, (n) => Array.from(floats.subarray(at, (at += n))));
  }
  return message;
}

/** A worker with a queue of parsed messages; `next(test, ms)` waits for a matching one. */
function openWorker(url) {
  const worker = new Worker(url);
  const inbox = [];
  let wake = null;
  let crashed = null;
  worker.onmessage = (event) => {
    inbox.push(readMessage(event.data));
    wake?.();
  };
  worker.onerror = (event) => {
    crashed = new Error(`the worker failed: ${event.message ?? 'error event'}`);
    wake?.();
  };
  const send = (message) => worker.postMessage(JSON.stringify(message));
  async function next(test, ms, what) {
    const deadline = performance.now() + ms;
    for (;;) {
      if (crashed) throw crashed;
      const index = inbox.findIndex(test);
      if (index >= 0) return inbox.splice(index, 1)[0];
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no ${what} from the worker within ${ms / 1000} s`);
      await new Promise((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(left, 1000));
      });
      wake = null;
    }
  }
  return { worker, send, next, inbox };
}

async function embedOnce(w, id, texts, ms) {
  const start = performance.now();
  w.send({ type: 'embed', request_id: id, texts });
  const answer = await w.next(
    (m) => (m.type === 'embedded' || m.type === 'request_failed') && m.request_id === id,
    ms,
    `answer to embed (a build of the worker from before the embed message ignores it)`,
  );
  const wallMs = performance.now() - start;
  if (answer.type === 'request_failed') throw new Error(`embed of ${texts.length} texts failed: ${answer.message}`);
  return { answer, wallMs };
}

/**
 * Loads the model in a new jobdelta worker (`workers` in its pool; `query` is appended to the
 * worker script's URL, e.g. to choose a SIMD build; `precision` 'f32' or 'int8', null for the
 * worker's default), warms up, then embeds the whole corpus `repeat` times. Returns the
 * medians and the last run's vectors.
 */
async function jobdelta({ workers = 1, query = '', precision = null, repeat = 3, warmup = 10, timeoutMs = 600_000 } = {}) {
  const texts = await corpus();
  const w = openWorker(new URL(`/app/worker_loader.js${query}`, location.href));
  try {
    await w.next((m) => m.type === 'started', 60_000, '"started"');
    const loadStart = performance.now();
    w.send({ type: 'load_model', base_url: new URL('/app/models/all-MiniLM-L6-v2/', location.href).href, workers, precision });
    const ready = await w.next((m) => m.type === 'ready' || m.type === 'load_failed', 300_000, '"ready"');
    if (ready.type === 'load_failed') throw new Error(`the model did not load: ${ready.message}`);
    // Builds from before the embed message (and the pool) say ready without an engine.
    if (ready.engine === undefined) throw new Error('this build of the worker has no embed message: rebuild dist/');
    let readyWorkers = 1;
    if (workers > 1) {
      // The lead worker starts its helpers once its own model is ready.
      for (;;) {
        const m = await w.next((x) => x.type === 'workers', 300_000, `"workers" (${workers} ready)`);
        readyWorkers = m.ready;
        if (m.ready >= m.planned) break;
      }
    }
    const loadWallMs = performance.now() - loadStart;
    log(`jobdelta ${workers} worker(s) ready: load_ms ${ready.load_ms}, all workers after ${loadWallMs.toFixed(0)} ms`);
    await embedOnce(w, 1, texts.slice(0, warmup), 120_000);
    const runs = [];
    for (let i = 0; i < repeat; i++) {
      runs.push(await embedOnce(w, 2 + i, texts, timeoutMs));
      log(`jobdelta run ${i + 1}: ${runs.at(-1).wallMs.toFixed(0)} ms`);
    }
    const last = runs.at(-1).answer;
    return {
      engine: 'jobdelta',
      workers,
      query,
      precision: ready.engine?.precision ?? 'f32',
      engineInfo: ready.engine ?? null,
      readyWorkers,
      texts: texts.length,
      loadMs: ready.load_ms,
      loadWallMs,
      wallMs: median(runs.map((r) => r.wallMs)),
      workerMs: median(runs.map((r) => r.answer.embed_ms)),
      runsWallMs: runs.map((r) => r.wallMs),
      wordPieces: last.word_pieces,
      workersUsed: last.workers,
      wasmMemoryBytes: Math.max(...runs.map((r) => r.answer.memory_bytes)),
      vectors: last.vectors,
    };
  } finally {
    w.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// jobdelta's JS API: the ES module other pages import (crates/engine-js), on this page's thread.

/**
 * Imports engine/jobdelta.js from the built site, loads the model (download, sha256, build:
 * the load time includes the module's wasm), warms up, then embeds the whole corpus `repeat`
 * times in one `embed` call each. Returns the medians and the last run's vectors.
 */
async function jsapi({ repeat = 3, warmup = 10 } = {}) {
  const texts = await corpus();
  const loadStart = performance.now();
  const { Engine } = await import('/app/engine/jobdelta.js');
  const engine = await Engine.load({ modelUrl: '/app/models/all-MiniLM-L6-v2/' });
  const loadMs = performance.now() - loadStart;
  log(`jobdelta JS API loaded in ${loadMs.toFixed(0)} ms`);
  try {
    engine.embed(texts.slice(0, warmup));
    const runs = [];
    let rows;
    for (let i = 0; i < repeat; i++) {
      const start = performance.now();
      rows = engine.embed(texts);
      runs.push(performance.now() - start);
      log(`jobdelta JS API run ${i + 1}: ${runs.at(-1).toFixed(0)} ms`);
    }
    return {
      engine: 'jobdelta-js',
      texts: texts.length,
      loadMs,
      wallMs: median(runs),
      runsWallMs: runs,
      // Word pieces the model read (truncated at 256), as the worker counts them.
      wordPieces: texts.reduce((sum, text) => sum + engine.tokenize(text).tokens.length, 0),
      vectors: rows.map((row) => Array.from(row)),
    };
  } finally {
    engine.free();
  }
}

// ---------------------------------------------------------------------------------------------
// transformers.js: everything from this server, one thread.

const { env, pipeline } = transformers;
env.allowRemoteModels = false;
env.allowLocalModels = true;
// A path, not an absolute URL: transformers.js 4.3 checks that a local file exists only for
// paths (with an http: URL here it would find no tokenizer and build a pipeline without one).
env.localModelPath = '/models/';
env.useBrowserCache = false;
// The same files transformers.js would fetch from a CDN by default, from this server instead.
env.backends.onnx.wasm.wasmPaths = {
  mjs: new URL('/ort/ort-wasm-simd-threaded.asyncify.mjs', location.href).href,
  wasm: new URL('/ort/ort-wasm-simd-threaded.asyncify.wasm', location.href).href,
};
env.backends.onnx.wasm.numThreads = 1;

const rows = (tensor) => {
  const [n, dim] = tensor.dims;
  return Array.from({ length: n }, (_, i) => Array.from(tensor.data.subarray(i * dim, (i + 1) * dim)));
};

/**
 * Loads the model with transformers.js (`dtype` 'fp32' or 'q8'), warms up, then embeds the
 * corpus `repeat` times one text at a time and in length-sorted batches of `batch`. Returns the
 * median of each and the vectors (in the corpus order).
 */
async function peer({ dtype = 'fp32', batch = 32, repeat = 3, warmup = 10, threads = 1 } = {}) {
  env.backends.onnx.wasm.numThreads = threads;
  const texts = await corpus();
  const loadStart = performance.now();
  const extractor = await pipeline('feature-extraction', 'all-MiniLM-L6-v2', { dtype, device: 'wasm' });
  const loadMs = performance.now() - loadStart;
  log(`transformers.js ${dtype} loaded in ${loadMs.toFixed(0)} ms`);
  const options = { pooling: 'mean', normalize: true };
  // Word pieces as the model reads them: transformers.js's tokenizer, truncated at 256.
  const pieces = texts.map((text) => extractor.tokenizer(text, { truncation: true }).input_ids.dims[1]);
  const order = texts.map((_, i) => i).sort((a, b) => pieces[a] - pieces[b]);

  for (const text of texts.slice(0, warmup)) await extractor(text, options);
  await extractor(texts.slice(0, warmup), options);

  const one = [];
  const batched = [];
  let vectorsOne;
  let vectorsBatched;
  for (let r = 0; r < repeat; r++) {
    let start = performance.now();
    vectorsOne = [];
    for (const text of texts) vectorsOne.push(rows(await extractor(text, options))[0]);
    one.push(performance.now() - start);

    start = performance.now();
    vectorsBatched = new Array(texts.length);
    for (let i = 0; i < order.length; i += batch) {
      const chunk = order.slice(i, i + batch);
      rows(await extractor(chunk.map((j) => texts[j]), options)).forEach((v, k) => {
        vectorsBatched[chunk[k]] = v;
      });
    }
    batched.push(performance.now() - start);
    log(`transformers.js ${dtype} run ${r + 1}: batch 1 ${one.at(-1).toFixed(0)} ms, batches of ${batch} ${batched.at(-1).toFixed(0)} ms`);
  }
  await extractor.dispose();
  return {
    engine: 'transformers.js',
    version: env.version,
    ortVersion: env.backends.onnx.versions?.web ?? null,
    dtype,
    threads,
    batch,
    texts: texts.length,
    loadMs,
    wordPieces: pieces.reduce((a, b) => a + b, 0),
    one: { wallMs: median(one), runsWallMs: one, vectors: vectorsOne },
    batched: { wallMs: median(batched), runsWallMs: batched, vectors: vectorsBatched },
  };
}

window.bench = { jobdelta, jsapi, peer, corpus };
window.benchReady = true;
log('ready');
