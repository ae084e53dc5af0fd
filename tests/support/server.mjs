// The one static file server of the end-to-end tests (tests/e2e/serve.mjs: the built site,
// with faults to inject) and the benchmarks (bench/serve.mjs: several folders under one
// origin, with validators and byte counts). Node.js built-ins only, so both npm setups can
// import it.
//
// It binds 127.0.0.1 only, serves files with the MIME types browsers insist on
// (application/wasm for streaming compilation, text/javascript for workers), sends
// Content-Length (the page's progress bar relies on it), never compresses, and keeps every
// request inside the folder it names.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.safetensors': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

/** The Content-Type to send for a file at `path`. */
export function contentType(path) {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a request for `path` serves (a folder's index.html) and its stat; throws if none. */
export async function fileOf(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return { path, info };
  const index = join(path, 'index.html');
  return { path: index, info: await stat(index) };
}

/** Resolves a URL path inside root, or returns null if it would escape it. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const path = normalize(join(root, decoded));
  return path === root || path.startsWith(root + sep) ? path : null;
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

/**
 * Serves `mounts` (URL prefix, starting and ending with `/` → folder) on 127.0.0.1:`port`
 * (0 = any free port). `headers` are added to every file response; `validators` sends ETag and
 * Last-Modified and answers a matching If-None-Match with 304, as a static host does.
 * Resolves once listening to { server, url, requests, sent, failNext, cutNext, setDown, mount }:
 * `url` is the origin's root; `requests` logs every request's path; `sent` counts the body bytes
 * sent by path; `failNext(path, status)` makes the next request for `path` (as its mount sees
 * it, from `/`) fail with `status`; `cutNext(path, bytes)` sends the next response for `path`
 * with its full Content-Length but drops the connection after `bytes` bytes of body (an
 * interrupted download); `setDown(true)` makes every request fail at the connection level, like
 * an unreachable host; `mount(prefix, dir)` serves another folder under `prefix` from now on.
 */
export function startFileServer(mounts, port = 0, { headers = {}, validators = false } = {}) {
  const roots = new Map(Object.entries(mounts).map(([prefix, dir]) => [checkedPrefix(prefix), resolve(dir)]));
  const requests = [];
  const sent = new Map();
  const faults = new Map();
  const cuts = new Map();
  let down = false;
  const countSent = (urlPath) => (chunk) => sent.set(urlPath, (sent.get(urlPath) ?? 0) + chunk.length);
  const server = createServer(async (req, res) => {
    const fullPath = new URL(req.url, 'http://localhost').pathname;
    requests.push(fullPath);
    if (down) {
      req.socket.destroy();
      return;
    }
    const prefix = [...roots.keys()].find((p) => fullPath.startsWith(p));
    if (prefix === undefined) {
      res.writeHead(404, TEXT).end('not found (outside the folders served)');
      return;
    }
    const urlPath = `/${fullPath.slice(prefix.length)}`;
    if (faults.has(urlPath)) {
      const status = faults.get(urlPath);
      faults.delete(urlPath);
      res.writeHead(status, TEXT).end('injected failure');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path = resolveInside(roots.get(prefix), urlPath);
    if (path === null) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const file = await fileOf(path);
      path = file.path;
      const { info } = file;
      const sentHeaders = { 'Content-Type': contentType(path), 'Cache-Control': 'no-cache', ...headers };
      if (validators) {
        // A browser's conditional request (the service worker's precache of files the page
        // has just downloaded) is answered 304, so byte counts are what a real host transfers.
        const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
        Object.assign(sentHeaders, { ETag: etag, 'Last-Modified': new Date(info.mtimeMs).toUTCString() });
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, sentHeaders).end();
          return;
        }
      }
      res.writeHead(200, { ...sentHeaders, 'Content-Length': info.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      if (cuts.has(urlPath)) {
        const bytes = cuts.get(urlPath);
        cuts.delete(urlPath);
        createReadStream(path, { start: 0, end: Math.max(0, bytes - 1) })
          .on('data', countSent(fullPath))
          .on('error', () => res.destroy())
          .on('end', () => setTimeout(() => res.destroy(), 50))
          .pipe(res, { end: false });
        return;
      }
      createReadStream(path)
        .on('data', countSent(fullPath))
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      res.writeHead(404, TEXT).end('not found');
    }
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(port, '127.0.0.1', () => {
      resolveStart({
        server,
        url: `http://127.0.0.1:${server.address().port}/`,
        requests,
        sent,
        failNext: (path, status) => faults.set(path, status),
        cutNext: (path, bytes) => cuts.set(path, bytes),
        setDown: (value) => {
          down = value;
          // Keep-alive connections would otherwise carry on serving.
          if (value) server.closeAllConnections();
        },
        mount: (prefix, dir) => roots.set(checkedPrefix(prefix), resolve(dir)),
      });
    });
  });
}

function checkedPrefix(prefix) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix ${prefix} must start and end with /`);
  return prefix;
}
