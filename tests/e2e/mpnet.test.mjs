// End-to-end test of all-mpnet-base-v2 in the built site (dist/): `?model=all-mpnet-base-v2`
// downloads its browser copy in parts (model.f16.safetensors.part-000 …, joined by the worker
// behind one progress bar and one sha256 check), the model chooser lists it, and at f32 its
// cosines and word pieces are sentence-transformers' (the numpy reference of
// fixtures/reference/all-mpnet-base-v2-reference.json, whose vectors the CLI matches at cosine
// ≥ 0.9999). A first visit to the default model does not download it (the service worker does
// not precache models); once loaded it is kept in its own model cache.
//
// Skips, saying why, when JOBDELTA_SKIP_MPNET=1 (scripts/fetch-model then leaves the model out).
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test mpnet.test.mjs
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium),
// E2E_SCREENSHOTS (default /tmp/jobdelta-e2e), JOBDELTA_SKIP_MPNET.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  DIST,
  MODEL_READY_TIMEOUT_MS,
  byTestId as byTestIdOn,
  foreignRequests,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

const MPNET = 'all-mpnet-base-v2';
// crates/encoder/src/registry.rs: the joined weights, in 24 MiB parts.
const PARTS = 9;
const WEIGHT_BYTES = 218_998_800;
const MODEL_CACHE = 'jobdelta-model-295de16645f16bec';
const partName = (i) => `model.f16.safetensors.part-${String(i).padStart(3, '0')}`;
// Downloading 219 MB, hashing it and building a twelve-layer model on a slow, busy machine.
const READY_TIMEOUT_MS = 3 * MODEL_READY_TIMEOUT_MS;
// The page shows cosines to four decimals.
const TOLERANCE = 0.0002;
const COMPARE_TIMEOUT_MS = 120_000;

const SKIP = process.env.JOBDELTA_SKIP_MPNET
  ? 'JOBDELTA_SKIP_MPNET is set: all-mpnet-base-v2 is left out (scripts/fetch-model installs no copy of it then)'
  : false;

const reference = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'reference', 'all-mpnet-base-v2-reference.json'), 'utf8'));
const entry = (name) => {
  const found = reference.entries.find((e) => e.name === name);
  assert.ok(found, `no entry ${name} in the reference`);
  return found;
};
const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const norm = (a) => Math.sqrt(dot(a, a));
const referenceCosine = (a, b) => dot(a.embedding, b.embedding) / (norm(a.embedding) * norm(b.embedding));
// Short sentences, a job-post paragraph pair and one text cut at 384 word pieces.
const longest = [...reference.entries].sort((a, b) => b.n_tokens_untruncated - a.n_tokens_untruncated)[0];
const PAIRS = [
  ['s1', 's2'],
  ['s2', 's3'],
  ['term_spark', 'term_pyspark'],
  ['workload_000', 'workload_001'],
  [longest.name, 's2'],
];

let suite;
let site;
let page;
let requests;

const byTestId = (id) => byTestIdOn(page, id);

/** Fills both texts, clicks Compare and waits for the result of exactly these texts. */
async function compare(first, second) {
  await byTestId('first-text').fill(first);
  await byTestId('second-text').fill(second);
  await byTestId('compare').click();
  await page.waitForSelector('[data-testid="result"]:not(.is-stale)', { timeout: COMPARE_TIMEOUT_MS });
  return {
    cosine: Number(await byTestId('cosine').textContent()),
    firstPieces: Number(await byTestId('first-pieces').textContent()),
    secondPieces: Number(await byTestId('second-pieces').textContent()),
  };
}

/** The names of the caches the page's origin holds. */
const cacheNames = () => page.evaluate(() => caches.keys());
/** The URLs (paths) held by the cache `name` (none if there is no such cache). */
const cachedPaths = (name) =>
  page.evaluate(async (n) => ((await caches.has(n)) ? (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname) : []), name);

before(async () => {
  if (SKIP) return;
  for (let i = 0; i < PARTS; i += 1) {
    assert.ok(existsSync(join(DIST, 'models', MPNET, partName(i))), `${DIST}/models/${MPNET}/${partName(i)} is missing: run scripts/fetch-model, then rebuild (or set JOBDELTA_SKIP_MPNET=1)`);
  }
  suite = await startSuite();
  ({ site } = suite);
});

after(() => suite?.close());

test('a first visit with the default model downloads nothing of all-mpnet-base-v2', { skip: SKIP, timeout: MODEL_READY_TIMEOUT_MS + 30_000 }, async () => {
  ({ page, requests } = await suite.open());
  await waitForModelReady(page);
  // The service worker has installed (its precache is done) by the time it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(requests.filter((url) => url.includes(`/models/${MPNET}/`)), []);
  assert.deepEqual(await cachedPaths(MODEL_CACHE), [], 'nothing of MPNet cached');
  assert.ok((await cacheNames()).some((name) => name.startsWith('jobdelta-app-')), 'the shell was precached');
});

test('?model=all-mpnet-base-v2 downloads its parts once, joined behind one progress bar, and runs it', { skip: SKIP, timeout: READY_TIMEOUT_MS + 30_000 }, async () => {
  ({ page, requests } = await suite.open(`${site.url}?precision=f32&model=${MPNET}`));
  // The progress bar at every frame until the model is ready: one bar whose maximum is the
  // whole model (the parts are not shown one by one), its value only growing.
  const samples = await page.evaluate(
    (timeout) =>
      new Promise((resolve, reject) => {
        const seen = [];
        const started = performance.now();
        const tick = () => {
          const bar = document.querySelector('[data-testid="model-progress"]');
          const state = document.querySelector('[data-testid="model-status"]')?.dataset.state;
          if (bar && state === 'downloading' && bar.hasAttribute('value')) {
            seen.push([Number(bar.getAttribute('value')), Number(bar.getAttribute('max'))]);
          }
          if (state === 'ready' || document.querySelector('[data-testid="error"]')) resolve(seen);
          else if (performance.now() - started > timeout) reject(new Error(`not ready after ${timeout} ms`));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    READY_TIMEOUT_MS,
  );
  await waitForModelReady(page, READY_TIMEOUT_MS);
  assert.ok(samples.length > 0, 'the download was seen');
  const maxima = [...new Set(samples.map(([, max]) => max))];
  assert.equal(maxima.length, 1, `one total: ${maxima.join(', ')}`);
  assert.ok(maxima[0] >= WEIGHT_BYTES && maxima[0] < WEIGHT_BYTES + 1e6, `the total ${maxima[0]} is the model's`);
  assert.ok(samples.every(([value], i) => i === 0 || value >= samples[i - 1][0]), 'the bar only grows');
  console.log(`progress: ${samples.length} frames while downloading, total ${maxima[0]} bytes, last ${samples.at(-1)[0]}`);
  const weights = requests.filter((url) => url.includes(`/models/${MPNET}/model.f16`));
  // Every part once (a helper worker builds from the model cache, not the network).
  assert.deepEqual(
    [...new Set(weights)].map((url) => url.slice(url.lastIndexOf('/') + 1)).sort(),
    Array.from({ length: PARTS }, (_, i) => partName(i)),
  );
  assert.equal(weights.length, PARTS, weights.join(' '));
  await byTestId('model-details').locator('summary').click();
  assert.match(await byTestId('model-engine').textContent(), new RegExp(`^${MPNET}\\b`));
  const choices = await byTestId('model-choice').evaluateAll((items) =>
    items.map((li) => ({ model: li.dataset.model, current: li.dataset.current, text: li.textContent })));
  const mpnet = choices.find((c) => c.model === MPNET);
  assert.ok(mpnet, JSON.stringify(choices));
  assert.equal(mpnet.current, 'true');
  assert.match(mpnet.text, /219\.0 MB download, 12 layers, 384 word pieces per text, Apache-2\.0/);
  // candle-transformers has no MPNet: no link that could only fail, a line saying why.
  assert.equal(await page.locator('[data-testid="engine-switch"][data-engine="candle"]').count(), 0);
  assert.match(await byTestId('engine-candle-unavailable').textContent(), /candle-transformers has no network of all-mpnet-base-v2/);
  await page.screenshot({ path: join(SHOTS, 'model-choice-mpnet.png'), fullPage: false });
  // Kept for next time, in its own cache, the joined file under one name.
  assert.deepEqual(
    (await cachedPaths(MODEL_CACHE)).map((path) => path.slice(path.lastIndexOf('/') + 1)).sort(),
    ['config.json', 'model.f16.safetensors', 'tokenizer.json'],
  );
});

test('at f32 its cosines and word pieces are sentence-transformers\'', { skip: SKIP, timeout: PAIRS.length * COMPARE_TIMEOUT_MS }, async () => {
  for (const [a, b] of PAIRS) {
    const first = entry(a);
    const second = entry(b);
    const expected = referenceCosine(first, second);
    const got = await compare(first.text, second.text);
    assert.ok(Math.abs(got.cosine - expected) <= TOLERANCE, `${a} / ${b}: cosine ${got.cosine}, expected ${expected.toFixed(4)} ± ${TOLERANCE}`);
    assert.deepEqual([got.firstPieces, got.secondPieces], [first.n_tokens, second.n_tokens], `${a} / ${b}: word pieces`);
  }
  // The longest text was cut at the model's 384 word pieces, and the page says so.
  assert.equal(longest.n_tokens, 384);
  assert.ok(longest.n_tokens_untruncated > 384);
  await compare(longest.text, entry('s2').text);
  assert.equal(await byTestId('first-truncated').count(), 1);
});

test('a missing part and a part cut off mid-download each fail the load, naming the part; Retry downloads it again', { skip: SKIP, timeout: 3 * READY_TIMEOUT_MS }, async () => {
  const failedWith = async (part) => {
    await page.waitForSelector('[data-testid="error"]', { timeout: READY_TIMEOUT_MS });
    const message = await byTestId('error-message').textContent();
    assert.match(message, new RegExp(`^${partName(part).replaceAll('.', '\\.')} could not be downloaded`), message);
    assert.equal(await byTestId('model-status').getAttribute('data-state'), 'failed');
    // Nothing of a failed download is kept.
    assert.deepEqual(await cachedPaths(MODEL_CACHE), []);
    return message;
  };
  // A fresh browser context: nothing cached. First a part the server does not have.
  site.failNext(`/models/${MPNET}/${partName(6)}`, 404);
  ({ page, requests } = await suite.open(`${site.url}?precision=int8&model=${MPNET}`));
  assert.match(await failedWith(6), /the server answered 404/);
  // Then, on Retry, a part whose connection drops after 1 MiB.
  site.cutNext(`/models/${MPNET}/${partName(4)}`, 1 << 20);
  await byTestId('retry').click();
  // The browser reports the dropped connection as a network error mid-body.
  assert.match(await failedWith(4), /could not be downloaded \(.+\); check that the server/);
  await byTestId('retry').click();
  await waitForModelReady(page, READY_TIMEOUT_MS);
  assert.equal((await cachedPaths(MODEL_CACHE)).length, 3);
});

test('the page made no request to a host other than 127.0.0.1', { skip: SKIP }, () => {
  assert.deepEqual(suite.opened.flatMap((session) => foreignRequests(session.requests)), []);
});
