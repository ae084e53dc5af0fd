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

import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { contentType, fileOf, resolveInside } from '../tests/support/files.mjs';

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

/** Serves `mounts` on 127.0.0.1:`port` (0 = any free); resolves to { server, url }. */
export function startServer(mounts = defaultMounts(), port = 0) {
  // Bytes of response bodies sent, by URL path: what a visit really downloads (the browser
  // shows a revalidated copy as a 200 too, so only the server can tell).
  const sent = new Map();
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    const prefix = Object.keys(mounts).find((p) => urlPath.startsWith(p));
    if (!prefix || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    let path = resolveInside(mounts[prefix], urlPath.slice(prefix.length));
    if (path === null) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const file = await fileOf(path);
      path = file.path;
      const { info } = file;
      // Validators, as any static host sends: a browser's conditional request (the service
      // worker's precache of files the page has just downloaded) is answered 304, so the
      // first-visit byte count is what a real host would transfer.
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const headers = {
        'Content-Type': contentType(path),
        'Cache-Control': 'no-cache',
        ETag: etag,
        'Last-Modified': new Date(info.mtimeMs).toUTCString(),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': info.size });
      if (req.method === 'HEAD') return res.end();
      createReadStream(path)
        .on('data', (chunk) => sent.set(urlPath, (sent.get(urlPath) ?? 0) + chunk.length))
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(port, '127.0.0.1', () => {
      resolveStart({ server, url: `http://127.0.0.1:${server.address().port}/`, sent });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer(defaultMounts(), Number(process.argv[2] ?? 8090));
  console.log(`benchmark page at ${url}bench/`);
}
