// A tiny dependency-free static file server for the built site (dist/).
//
// Used by the end-to-end tests (startServer) and runnable on its own:
//   node tests/e2e/serve.mjs [--cors] [--prefix /sub/path/] [dir] [port]
//                                  (defaults: dist, 8080; port 0 = any free)
// --cors lets pages of other origins fetch the files: scripts/test serves the model this way
// to the wasm-bindgen-test runner, which serves its own page on another port.
// --prefix serves the site under a path prefix only (as on GitHub Pages: /repo/), to check
// that nothing in it assumes it lives at the root.
// It binds 127.0.0.1 only, serves files with the MIME types browsers insist on
// (application/wasm for streaming compilation, text/javascript for workers), sends
// Content-Length (the page's progress bar relies on it) and never compresses.

import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { contentType, fileOf, resolveInside } from '../support/files.mjs';

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port), under `prefix` (default `/`).
 * Resolves to { server, url, requests, failNext, cutNext, setDown } once listening:
 * `url` is the site's address (prefix included); `requests` logs every request's path;
 * `failNext(path, status)` makes the next request for `path` fail with `status`;
 * `cutNext(path, bytes)` sends the next response for `path` with its full Content-Length but
 * drops the connection after `bytes` bytes of body (an interrupted download);
 * `setDown(true)` makes every request fail at the connection level, like a host that is
 * unreachable (for testing how the page recovers, and that it works offline);
 * `setRoot(dir)` serves another folder from now on (a new release at the same address).
 */
export function startServer(dir, port = 0, { cors = false, prefix = '/' } = {}) {
  let root = resolve(dir);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix ${prefix} must start and end with /`);
  const requests = [];
  const faults = new Map();
  const cuts = new Map();
  let down = false;
  const server = createServer(async (req, res) => {
    const fullPath = new URL(req.url, 'http://localhost').pathname;
    requests.push(fullPath);
    if (down) {
      req.socket.destroy();
      return;
    }
    if (!fullPath.startsWith(prefix)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found (outside the site prefix)');
      return;
    }
    // Fault paths are given as the site sees them, from its root.
    const urlPath = `/${fullPath.slice(prefix.length)}`;
    if (faults.has(urlPath)) {
      const status = faults.get(urlPath);
      faults.delete(urlPath);
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end('injected failure');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path = resolveInside(root, urlPath);
    if (path === null) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const file = await fileOf(path);
      path = file.path;
      const { info } = file;
      res.writeHead(200, {
        'Content-Type': contentType(path),
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      if (cuts.has(urlPath)) {
        const bytes = cuts.get(urlPath);
        cuts.delete(urlPath);
        createReadStream(path, { start: 0, end: Math.max(0, bytes - 1) })
          .on('error', () => res.destroy())
          .on('end', () => setTimeout(() => res.destroy(), 50))
          .pipe(res, { end: false });
        return;
      }
      createReadStream(path)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      const failNext = (path, status) => faults.set(path, status);
      const cutNext = (path, bytes) => cuts.set(path, bytes);
      const setDown = (value) => {
        down = value;
        // Keep-alive connections would otherwise carry on serving.
        if (value) server.closeAllConnections();
      };
      const setRoot = (next) => {
        root = resolve(next);
      };
      resolveStart({ server, url: `http://127.0.0.1:${bound}${prefix}`, requests, failNext, cutNext, setDown, setRoot });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const options = { cors: false, prefix: '/' };
  while (args[0]?.startsWith('--')) {
    const flag = args.shift();
    if (flag === '--cors') options.cors = true;
    else if (flag === '--prefix') options.prefix = args.shift() ?? '/';
    else throw new Error(`unknown option ${flag}`);
  }
  const [dir = 'dist', port = '8080'] = args;
  const { url } = await startServer(dir, Number(port), options);
  console.log(`serving ${resolve(dir)} at ${url}`);
}
