// The benchmark's static file server: several folders under one origin on 127.0.0.1, so the
// page, jobdelta's worker and transformers.js all load from the same place (same origin, no
// network beyond this machine).
//
//   /app/       the built site (dist/): worker_loader.js, worker.js, worker_bg.wasm, models/
//   /bench/     bench/page/: the benchmark page
//   /tjs/       transformers.js's browser bundle (bench/node_modules/@huggingface/transformers/dist)
//   /ort/       onnxruntime-web's wasm files (bench/node_modules/onnxruntime-web/dist)
//   /models/    models/onnx/: the ONNX export of scripts/export-onnx
//   /fixtures/  fixtures/: the corpus and the reference embeddings
//
// Runnable on its own to open the page in a browser by hand:
//   node bench/serve.mjs [port]      (then http://127.0.0.1:PORT/bench/)

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startFileServer } from '../tests/support/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

/** URL prefix → folder on disk. */
export function defaultMounts(dist = process.env.JOBDELTA_DIST ?? join(ROOT, 'dist')) {
  return {
    '/app/': resolve(dist),
    '/bench/': join(HERE, 'page'),
    '/tjs/': join(HERE, 'node_modules', '@huggingface', 'transformers', 'dist'),
    '/ort/': join(HERE, 'node_modules', 'onnxruntime-web', 'dist'),
    '/models/': join(ROOT, 'models', 'onnx'),
    '/fixtures/': join(ROOT, 'fixtures'),
  };
}

/**
 * Serves `mounts` on 127.0.0.1:`port` (0 = any free); resolves to { server, url, sent }: `sent`
 * holds the bytes of response bodies sent, by URL path, which is what a visit really downloads
 * (the browser shows a revalidated copy as a 200 too, so only the server can tell). ETag and
 * Last-Modified are sent, as any static host does, so the first-visit byte count is what a
 * real host would transfer.
 */
export async function startServer(mounts = defaultMounts(), port = 0) {
  const { server, url, sent } = await startFileServer(mounts, port, { validators: true });
  return { server, url, sent };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer(defaultMounts(), Number(process.argv[2] ?? 8090));
  console.log(`benchmark page at ${url}bench/`);
}
