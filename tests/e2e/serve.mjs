// A tiny dependency-free static file server for the built site (dist/).
//
// Used by the end-to-end tests (startServer) and runnable on its own:
//   node tests/e2e/serve.mjs [--cors] [--prefix /sub/path/] [dir] [port]
//                                  (defaults: dist, 8080; port 0 = any free)
// --cors lets pages of other origins fetch the files: scripts/test serves the model this way
// to the wasm-bindgen-test runner, which serves its own page on another port.
// --prefix serves the site under a path prefix only (as on GitHub Pages: /repo/), to check
// that nothing in it assumes it lives at the root.
// The server itself is tests/support/server.mjs, which bench/ uses too.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startFileServer } from '../support/server.mjs';

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port), under `prefix` (default `/`).
 * Resolves to { server, url, requests, failNext, cutNext, setDown, setRoot, mount } once listening:
 * `url` is the site's address (prefix included); `requests` logs every request's path;
 * `failNext(path, status)` makes the next request for `path` (from the site's root) fail with
 * `status`; `cutNext(path, bytes)` sends the next response for `path` with its full
 * Content-Length but drops the connection after `bytes` bytes of body (an interrupted
 * download); `setDown(true)` makes every request fail at the connection level, like a host
 * that is unreachable (for testing how the page recovers, and that it works offline);
 * `setRoot(dir)` serves another folder from now on (a new release at the same address);
 * `mount(prefix, dir)` serves another folder under `prefix` too (a page of another site next to
 * this one: give the site a prefix of its own, as prefixes are matched in the order added).
 */
export async function startServer(dir, port = 0, { cors = false, prefix = '/' } = {}) {
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
  };
  const { server, url, requests, failNext, cutNext, setDown, mount } = await startFileServer({ [prefix]: dir }, port, {
    headers,
  });
  const setRoot = (next) => mount(prefix, next);
  return { server, url: `${url}${prefix.slice(1)}`, requests, failNext, cutNext, setDown, setRoot, mount };
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
