// What the test server (tests/e2e/serve.mjs) and the benchmark's server (bench/serve.mjs)
// share: the MIME types browsers insist on (application/wasm for streaming compilation,
// text/javascript for workers), and the path checks that keep a request inside its folder.
// Node.js built-ins only, so both npm setups can import it.

import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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
