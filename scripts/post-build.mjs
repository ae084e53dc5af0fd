#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): finishes the built site so that it runs under a
// strict Content-Security-Policy and offline.
//
//   node scripts/post-build.mjs [DIR]   DIR defaults to $TRUNK_STAGING_DIR (set by Trunk)
//
// 1. Trunk writes the page's wasm loader as an inline <script type="module"> into index.html.
//    The CSP (script-src 'self', no 'unsafe-inline') would block it, so it is moved into
//    loader-<hash>.js next to the page. Any other inline script fails the build.
//    (Run again on a finished site, this step finds the loader already moved.)
//    Under `trunk serve` Trunk also injects its live-reload script, whose text the server
//    rewrites per request, so it can be neither moved nor hashed: that development build
//    allows inline scripts and registers no service worker (a rebuild shows at once);
//    `trunk build`, what gets published, never has it.
// 2. The WebAssembly files lose their "name" custom section (function names for stack traces,
//    0.55 MB of the first visit's download; panics still say what happened), and the page's
//    integrity hashes are updated to match. The model worker's builds and the page's wasm are
//    also written gzipped (`<name>.gz`), which www/worker-build.js fetches where the browser
//    can gunzip (the moved loader of 1. imports it for the page's; Trunk's preload of the
//    plain page wasm is dropped, or the first visit would download both).
// 3. The service worker (sw.js) gets the build's manifest: a content hash of every file of
//    the app shell (its cache name), the list of those files (precached on install), and the
//    model cache's name (from the weights' sha256, as the worker names it). The JS API of the
//    engine (engine/: a module for other pages, which this page never loads) is no part of the
//    shell, so it is not in the first visit's download; nor is any model (models/: the worker
//    downloads the one chosen and keeps it in its model cache).
// 4. No file of the build is over 100 MB (static hosts refuse such files; the biggest model,
//    all-mpnet-base-v2, is served in 24 MiB parts, model.f16.safetensors.part-000 …, whose
//    joined sha256 names its model cache as 3. does for a single file).
// Pure Node.js, no dependencies, no network.

import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) fail('no directory: pass one, or run as a Trunk hook (TRUNK_STAGING_DIR)');

const SERVICE_WORKER = 'sw.js';
const MODEL_DIR = 'models/';
const ENGINE_DIR = 'engine/';
const WEIGHTS = 'models/all-MiniLM-L6-v2/model.f16.safetensors';
const WEIGHT_PARTS = /\/model\.f16\.safetensors\.part-(\d{3})$/;
const MAX_FILE_BYTES = 100_000_000;
const BUILD_MARKER = /\/\* JOBDELTA_BUILD \*\/.*\/\* END_JOBDELTA_BUILD \*\//;
const marked = (build) => `/* JOBDELTA_BUILD */ ${JSON.stringify(build)} /* END_JOBDELTA_BUILD */`;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const TRUNK_AUTORELOAD = /\.well-known\/trunk\/ws/;
const SCRIPT_SRC = "script-src 'self'";
const REGISTER_SW = '<script src="register-sw.js" defer></script>';

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** sha256 of (large) files joined in order, streamed. */
async function sha256File(...paths) {
  const hash = createHash('sha256');
  for (const path of paths) {
    await new Promise((resolve, reject) => {
      createReadStream(path)
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', resolve);
    });
  }
  return hash.digest('hex');
}

/** Every file under `root`, as sorted '/'-separated paths relative to it. */
async function listFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

// 1. The inline module loader becomes a file.
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
let loaders = 0;
let loaderFile;
let devServer = false;
html = html.replace(INLINE_SCRIPT, (whole, attributes, body) => {
  if (/\bsrc\s*=/i.test(attributes)) return whole;
  if (TRUNK_AUTORELOAD.test(body)) {
    devServer = true;
    return whole;
  }
  if (!/\btype\s*=\s*["']?module\b/i.test(attributes) || loaders > 0) {
    fail(`index.html has an inline script the CSP would block: ${whole.slice(0, 120)}`);
  }
  loaders += 1;
  const name = `loader-${sha256(body).slice(0, 16)}.js`;
  // The page's wasm is fetched gzipped where the browser can gunzip (worker-build.js's
  // jobdeltaWasm, as for the model worker): 0.7 MB instead of 2.4 of every first visit.
  const pageWasm = /module_or_path:\s*('\.\/app-[0-9a-f]+_bg\.wasm')/;
  if (!pageWasm.test(body)) fail(`Trunk's loader does not name the page's wasm as expected: ${body.slice(0, 200)}`);
  const gunzipping = `import './worker-build.js';\n${body.trim().replace(pageWasm, 'module_or_path: self.jobdeltaWasm($1)')}`;
  loaderFile = { name, body: `${gunzipping}\n` };
  return `<script type="module" src="./${name}"></script>`;
});
const alreadyMoved = /<script type="module" src="\.\/loader-[0-9a-f]{16}\.js"><\/script>/.test(html);
if (loaders === 1) {
  await writeFile(join(dir, loaderFile.name), loaderFile.body);
} else if (!alreadyMoved) {
  fail("expected Trunk's inline loader script in index.html, found none");
}
if (devServer) {
  if (!html.includes(SCRIPT_SRC) || !html.includes(REGISTER_SW)) fail('index.html lacks the CSP or the service worker registration');
  html = html.replace(SCRIPT_SRC, `${SCRIPT_SRC} 'unsafe-inline'`).replace(REGISTER_SW, '');
  console.log("post-build: trunk serve's live reload is inline: this development build allows inline scripts and has no service worker");
}

// 2. No function names in the wasm files (the JS API's too: a smaller download for its pages).
const wasmFiles = (await readdir(dir)).filter((n) => n.endsWith('.wasm'));
if (existsSync(join(dir, ENGINE_DIR))) {
  wasmFiles.push(...(await readdir(join(dir, ENGINE_DIR))).filter((n) => n.endsWith('.wasm')).map((n) => `${ENGINE_DIR}${n}`));
}
for (const name of wasmFiles) {
  const path = join(dir, name);
  const original = await readFile(path);
  const stripped = withoutNameSection(original);
  if (stripped.length === original.length) continue;
  await writeFile(path, stripped);
  const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  html = html.split(integrity(original)).join(integrity(stripped));
  console.log(`post-build: ${name}: ${original.length - stripped.length} bytes of function names removed`);
}
// The page's wasm is preloaded by Trunk as the plain file; it is fetched gzipped instead (1.).
html = html.replace(/<link rel="preload" href="\.\/app-[0-9a-f]+_bg\.wasm"[^>]*>/, '');
if (/rel="preload"[^>]*_bg\.wasm/.test(html)) fail("index.html still preloads the page's plain wasm");
for (const name of (await readdir(dir)).filter((n) => /^(worker.*|app-[0-9a-f]+)_bg\.wasm$/.test(n))) {
  const bytes = await readFile(join(dir, name));
  const zipped = gzipSync(bytes, { level: 9 });
  await writeFile(join(dir, `${name}.gz`), zipped);
  console.log(`post-build: ${name}.gz: ${bytes.length} → ${zipped.length} bytes`);
}
await writeFile(indexPath, html);

/** The module without its custom section "name" (the sections are copied byte for byte). */
function withoutNameSection(bytes) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) fail('a .wasm file is not WebAssembly');
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at];
    const [size, body] = leb(at + 1);
    const end = body + size;
    if (end > bytes.length) fail('a .wasm file is truncated');
    let isName = false;
    if (id === 0) {
      const [length, text] = leb(body);
      isName = bytes.subarray(text, text + length).toString('utf8') === 'name';
    }
    if (!isName) kept.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(kept);
}

// 3. The service worker learns what this build is.
const files = await listFiles(dir);
if (!existsSync(join(dir, WEIGHTS))) fail(`${WEIGHTS} is missing: run scripts/fetch-model, then rebuild`);
// The import worker's files (PDF/DOCX reading) are started lazily by the page, and the candle
// build of the model worker only for a page opened with ?engine=candle: not precached (that
// would put them back in the first visit's download), but cached by sw.js on first use.
const LAZY_FILES = [
  'import_worker_loader.js', 'import_worker.js', 'import_worker_bg.wasm',
  'worker-candle.js', 'worker-candle_bg.wasm', 'worker-candle_bg.wasm.gz',
];
for (const path of LAZY_FILES) if (!files.includes(path)) fail(`${path} is missing from the build (index.html's import worker and candle worker)`);
const appFiles = files.filter((path) => path !== SERVICE_WORKER && !path.startsWith(MODEL_DIR) && !path.startsWith(ENGINE_DIR));
const shell = appFiles.filter((path) => !LAZY_FILES.includes(path));
const buildHash = createHash('sha256');
// The lazy files count in the version: a new import or candle worker is a new release.
for (const path of appFiles) {
  buildHash.update(`${path}\0`);
  buildHash.update(await readFile(join(dir, path)));
}
// One model cache per model folder in the build (the worker names each after the sha256 it
// verifies that model's weights against): every one is kept when a release activates.
const modelCaches = [];
for (const path of files.filter((path) => path.startsWith(MODEL_DIR) && path.endsWith('/model.f16.safetensors'))) {
  modelCaches.push(`jobdelta-model-${(await sha256File(join(dir, path))).slice(0, 16)}`);
}
// A split copy: its parts in order (the sorted list has them so), numbered from 000 without a
// gap, hashed as the one file the worker joins.
const splitFolders = [...new Set(files.filter((path) => WEIGHT_PARTS.test(path)).map((path) => path.replace(WEIGHT_PARTS, '')))];
for (const folder of splitFolders) {
  const parts = files.filter((path) => path.startsWith(`${folder}/`) && WEIGHT_PARTS.test(path));
  parts.forEach((path, i) => {
    if (Number(path.match(WEIGHT_PARTS)[1]) !== i) fail(`${folder}: the weights' parts are not numbered 000… without a gap (${parts.join(', ')})`);
  });
  modelCaches.push(`jobdelta-model-${(await sha256File(...parts.map((path) => join(dir, path)))).slice(0, 16)}`);
}
// 4. Every file fits a static host.
for (const path of files) {
  const { size } = await stat(join(dir, path));
  if (size > MAX_FILE_BYTES) fail(`${path} has ${size} bytes, over the ${MAX_FILE_BYTES} a static host takes: split it (as scripts/fetch-mpnet splits all-mpnet-base-v2's weights)`);
}
const build = {
  version: buildHash.digest('hex').slice(0, 16),
  files: shell,
  lazy: LAZY_FILES,
  // The default model's cache.
  modelCache: `jobdelta-model-${(await sha256File(join(dir, WEIGHTS))).slice(0, 16)}`,
  modelCaches,
};
const swPath = join(dir, SERVICE_WORKER);
const sw = await readFile(swPath, 'utf8');
if (!BUILD_MARKER.test(sw)) fail(`${SERVICE_WORKER} has no JOBDELTA_BUILD marker`);
// The markers stay, so that the hook can run again on a finished site.
await writeFile(swPath, sw.replace(BUILD_MARKER, () => marked(build)));
console.log(`post-build: build ${build.version}, ${shell.length} shell files, model caches ${modelCaches.join(', ')}`);
