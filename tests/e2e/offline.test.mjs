// End-to-end tests of jobdelta as a static site: served under a deep path prefix, talking to
// its own origin only, under its Content-Security-Policy, offline after one visit (service
// worker + model cache), and recovering from a damaged cached model.
//
// One browser context runs through the whole file, like one person's browser: the first
// visit downloads the model, the later ones must not.
// Run: cd tests/e2e && node --test offline.test.mjs (after trunk build --release).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  DIST,
  MODEL_DIR,
  MODEL_READY_TIMEOUT_MS,
  WEIGHTS,
  analyze,
  byTestId,
  fillWorkspace,
  openSite,
  startSuite,
  waitForModelReady,
  waitForRestored,
} from './harness.mjs';

const PREFIX = '/a/deep/sub/path/';
const RESUME = 'Built data pipelines in Python and SQL on Spark.\nLed a team of four engineers.\nShipped a Rust service to production.';
// A sentence never embedded before the offline visit: the model really runs offline.
const OFFLINE_RESUME = `${RESUME}\nWrote Airflow DAGs for nightly batch jobs.`;
const POST = 'Data Engineer\n\nRequirements:\n- 3 years of Python and SQL\n- Experience with Spark or Flink\n- You mentor other engineers';

const POST_BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'post-build.mjs');

let suite; // see harness.mjs startSuite
let site;
let browser;
let nextRelease; // a folder holding a modified copy of dist/, once made
let session; // { context, page, requests, problems }

/** The service worker's caches in this context: { name: [request URLs] }. */
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
    }
    return out;
  });
}

/**
 * Polls `predicate(arg)` in the page until it resolves to true. (`page.waitForFunction` takes
 * the promise an async predicate returns for a truthy value and does not wait.)
 */
async function until(page, predicate, arg, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Server requests logged while `action` runs. */
async function serverRequestsDuring(action) {
  const start = site.requests.length;
  await action();
  return site.requests.slice(start);
}

before(async () => {
  suite = await startSuite({ prefix: PREFIX });
  ({ site, browser } = suite);
});

after(async () => {
  await suite?.close();
  if (nextRelease) rmSync(nextRelease, { recursive: true, force: true });
});

/**
 * A copy of dist/ as the next release would look: index.html changed, the post-build hook run
 * again (new shell hash), the same model (a symbolic link, not another 45 MB).
 */
function makeNextRelease() {
  const dir = mkdtempSync(join(tmpdir(), 'jobdelta-next-release-'));
  for (const entry of readdirSync(DIST)) {
    if (entry !== 'models') cpSync(join(DIST, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(DIST, 'models'), join(dir, 'models'));
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  writeFileSync(join(dir, 'index.html'), index.replace('<title>', '<meta name="release" content="next" />\n    <title>'));
  execFileSync(process.execPath, [POST_BUILD, dir], { stdio: 'pipe' });
  return dir;
}

test('served from a deep sub path, the model loads and an analysis completes, all from this origin and under the CSP', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  assert.match(site.url, /\/a\/deep\/sub\/path\/$/);
  session = await openSite(browser, site.url);
  const { page } = session;
  await waitForModelReady(page);
  await fillWorkspace(page, RESUME, [['Data Engineer', POST]]);
  assert.equal(await analyze(page), 'report');
  assert.ok(await byTestId(page, 'ranking-row').count() >= 1);

  // Every request went to this origin, inside the prefix (the server answers 404 elsewhere,
  // which would have broken the page anyway; this names the culprit).
  const origin = new URL(site.url).origin;
  const elsewhere = session.requests.filter((url) => !url.startsWith(origin + PREFIX));
  assert.deepEqual(elsewhere, []);
  assert.ok(site.requests.includes(`${PREFIX}${WEIGHTS}`), 'the worker fetched the weights from under the prefix');

  // The CSP is in force (a meta tag), and nothing on the page broke it.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "connect-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'"]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
  }
  assert.ok(!/script-src[^;]*'unsafe-inline'/.test(csp), csp);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script is left in the page');
  assert.deepEqual(session.problems, []);
});

test('the service worker caches the app shell under a versioned name and the model once', { timeout: 60_000 }, async () => {
  const { page } = session;
  const controlled = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, script: registration.active?.scriptURL };
  });
  assert.equal(controlled.scope, site.url);
  assert.equal(controlled.script, `${site.url}sw.js`);
  const contents = await cacheContents(page);
  const names = Object.keys(contents).sort();
  assert.equal(names.length, 2, `caches: ${names.join(', ')}`);
  const [shell, model] = [names.find((n) => /^jobdelta-app-[0-9a-f]{16}$/.test(n)), names.find((n) => /^jobdelta-model-[0-9a-f]{16}$/.test(n))];
  assert.ok(shell && model, `caches: ${names.join(', ')}`);
  for (const file of ['index.html', 'worker_loader.js', 'manifest.webmanifest', 'favicon.svg']) {
    assert.ok(contents[shell].includes(`${site.url}${file}`), `${file} is not in ${shell}`);
  }
  // The page's wasm, gzipped (Chromium gunzips with DecompressionStream), and only that copy.
  assert.deepEqual(
    contents[shell].filter((url) => /app-[0-9a-f]+_bg\.wasm(\.gz)?$/.test(url)).map((url) => url.replace(/.*_bg/, '_bg')),
    ['_bg.wasm.gz'],
    'the page wasm is cached, gzipped',
  );
  // One build of the model worker (Chromium has relaxed SIMD), its wasm gzipped: the other
  // build is never fetched, so it is not kept either.
  const workerFiles = contents[shell].filter((url) => /\/worker(-relaxed)?(\.js|_bg\.wasm(\.gz)?)$/.test(url));
  assert.deepEqual(
    workerFiles.map((url) => url.slice(site.url.length)).sort(),
    ['worker-relaxed.js', 'worker-relaxed_bg.wasm.gz'],
    'the worker build this browser runs is cached, and only it',
  );
  assert.deepEqual(
    contents[model].sort(),
    ['config.json', 'model.f16.safetensors', 'tokenizer.json'].map((f) => `${site.url}${MODEL_DIR}${f}`),
  );
});

test('a reload makes no network request but the service worker update check, and analyses again', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  const logged = await serverRequestsDuring(async () => {
    await page.reload();
    await waitForModelReady(page);
    await waitForRestored(page);
    assert.equal(await analyze(page), 'report');
  });
  // The update check fetches the service worker and the one script it imports.
  const updateCheck = [`${PREFIX}sw.js`, `${PREFIX}worker-build.js`];
  assert.deepEqual(logged.filter((path) => !updateCheck.includes(path)), [], `network requests: ${logged.join(', ')}`);
  // The model status still shows the stages, from the cache this time.
  assert.match(await byTestId(page, 'model-status').textContent(), /ready/i);
  assert.deepEqual(session.problems, []);
});

test('offline after one visit: a reload works and an analysis completes', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  const { context, page } = session;
  await context.setOffline(true);
  site.setDown(true);
  try {
    await page.reload();
    await waitForModelReady(page);
    await waitForRestored(page);
    assert.equal(await byTestId(page, 'resume-input').inputValue(), RESUME, 'the workspace is restored offline');
    await byTestId(page, 'resume-input').fill(OFFLINE_RESUME);
    assert.equal(await analyze(page), 'report');
  } finally {
    site.setDown(false);
    await context.setOffline(false);
  }
  const problems = session.problems.filter((p) => !/sw\.js|ERR_INTERNET_DISCONNECTED|Failed to (fetch|update)/i.test(p));
  assert.deepEqual(problems, []);
});

for (const [file, damage, found] of [
  // The sha256 check finds flipped bytes; the length check finds a cut-off copy.
  ['model.f16.safetensors', 'corrupt', /\(model\.f16\.safetensors does not have the expected sha256\)/],
  ['tokenizer.json', 'truncate', /\(tokenizer\.json: received \d+ bytes of \d+\)/],
]) {
  test(`a ${damage === 'corrupt' ? 'corrupted' : 'truncated'} cached ${file} is detected, deleted and downloaded again`, { timeout: 2 * MODEL_READY_TIMEOUT_MS }, async () => {
    const { page } = session;
    const url = `${site.url}${MODEL_DIR}${file}`;
    const damaged = await page.evaluate(
      async ({ url, damage }) => {
        const name = (await caches.keys()).find((n) => n.startsWith('jobdelta-model-'));
        const cache = await caches.open(name);
        const response = await cache.match(url);
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (damage === 'corrupt') {
          // Same length, a few flipped bytes in the middle of the weights.
          for (let i = 0; i < 64; i += 1) bytes[(bytes.length >> 1) + i * 4099] ^= 0x5a;
          await cache.put(url, new Response(bytes, { headers: response.headers }));
        } else {
          // What an interrupted write leaves: the headers of the whole file, half its bytes.
          await cache.put(url, new Response(bytes.slice(0, bytes.length >> 1), { headers: response.headers }));
        }
        return name;
      },
      { url, damage },
    );
    await page.reload();
    await page.waitForSelector('[data-testid="error"]', { timeout: MODEL_READY_TIMEOUT_MS });
    const message = await byTestId(page, 'error-message').textContent();
    assert.match(message, /saved in this browser was damaged.*deleted.*retry/i);
    assert.match(message, found);
    assert.equal(await byTestId(page, 'model-status').getAttribute('data-state'), 'failed');
    assert.equal(await page.evaluate((name) => caches.has(name), damaged), false, 'the damaged copy is evicted');
    assert.equal(await byTestId(page, 'resume-input').inputValue(), OFFLINE_RESUME, 'the workspace is still there');

    const logged = await serverRequestsDuring(async () => {
      await byTestId(page, 'retry').click();
      await waitForModelReady(page);
    });
    assert.ok(logged.includes(`${PREFIX}${WEIGHTS}`), `downloaded again: ${logged.join(', ')}`);
    assert.equal((await cacheContents(page))[damaged]?.length, 3, 'the model is cached again');
    assert.equal(await analyze(page), 'report');
  });
}

test('a new release replaces the shell cache, keeps the model and needs no new download', { timeout: MODEL_READY_TIMEOUT_MS }, async () => {
  const { page } = session;
  const before = Object.keys(await cacheContents(page));
  const oldShell = before.find((n) => n.startsWith('jobdelta-app-'));
  const model = before.find((n) => n.startsWith('jobdelta-model-'));
  nextRelease = makeNextRelease();
  site.setRoot(nextRelease);
  const logged = await serverRequestsDuring(async () => {
    // What a visit does (soft update): fetch sw.js, find it changed, install it; it takes
    // over this page and deletes the old shell cache. Asked for explicitly so the test need
    // not wait for the browser's own check.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // The new worker has taken over once it is active and its activate step (deleting the
    // old caches) is done.
    await until(page, async (oldShell) => {
      const registration = await navigator.serviceWorker.getRegistration();
      return (
        registration.active?.state === 'activated' &&
        !registration.installing &&
        !registration.waiting &&
        !(await caches.keys()).includes(oldShell)
      );
    }, oldShell);
    // The next visit is the new release, from its cache.
    await page.reload();
    await waitForModelReady(page);
  });
  const shown = await page.locator('meta[name="release"][content="next"]').count();
  const cachedPages = await page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const response = await (await caches.open(name)).match(new URL('index.html', location.href).href);
      if (response) out[name] = (await response.text()).includes('content="next"');
    }
    return out;
  });
  const navigation = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]));
  assert.equal(shown, 1, `the new release is shown (index.html with the change, per cache: ${JSON.stringify(cachedPages)}; navigation ${navigation})`);
  const after = Object.keys(await cacheContents(page)).sort();
  assert.equal(after.length, 2, after.join(', '));
  assert.ok(after.includes(model), 'the model cache is kept');
  assert.ok(!after.includes(oldShell), 'the old shell cache is deleted');
  assert.ok(!logged.some((path) => path.includes(MODEL_DIR)), `no model download: ${logged.join(', ')}`);
});

test('no request ever left the origin', () => {
  const origin = new URL(site.url).origin;
  assert.deepEqual(session.requests.filter((url) => !url.startsWith(`${origin}/`)), []);
});
