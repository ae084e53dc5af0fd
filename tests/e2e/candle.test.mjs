// End-to-end test of the candle engine in the built site (dist/), in the system Chromium: the
// page opened with ?engine=candle runs the `worker-candle` build (candle-transformers' BERT
// compiled to WebAssembly with SIMD), says so in the model status (f32 maths, no int8 offered,
// a link back to the fast engine), and analyses the report fixtures (fixtures/report: a resume
// and three posts) to the same report as the fast engine at f32: the same ranking, labels and
// requirement statuses, the fits and scores equal within float rounding.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test candle.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, E2E_SCREENSHOTS (a folder: the model status with
// candle is saved there to look at).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  analyze,
  byTestId,
  fillWorkspace,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPORT_FIXTURES = join(HERE, '..', '..', 'fixtures', 'report');
const fixture = (name) => readFileSync(join(REPORT_FIXTURES, name), 'utf8');
const RESUME = fixture('resume.md');
const POSTS = [
  ['Senior Data Engineer', fixture('post-data-engineer.txt')],
  ['iOS Engineer', fixture('post-ios.md')],
  ['Rust Backend Engineer', fixture('post-rust-backend.txt')],
];
// Fits are 0–100 and scores cosines. The engines agree to cosine ≥ 0.99999 on every text
// (crates/candle/tests), so a report's numbers move by float rounding only (the test prints
// the largest differences it saw).
const FIT_TOLERANCE = 0.01;
const SCORE_TOLERANCE = 1e-4;

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

let suite;

before(async () => {
  suite = await startSuite();
});

after(() => suite?.close());

/** Clicks a download button of `page` and returns the file's text. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), byTestId(page, testId).click()]);
  return readFileSync(await file.path(), 'utf8');
}

/** Analyses the fixtures on a fresh page at `query` and returns the report's JSON download. */
async function reportAt(page) {
  await fillWorkspace(page, RESUME, POSTS);
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');
  return JSON.parse(await download(page, 'export-json'));
}

let candleReport;
let fastReport;

test('?engine=candle runs the candle worker build and the model status says so', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  const { page, requests } = await suite.open(`${suite.site.url}?engine=candle`);
  await waitForModelReady(page);
  await byTestId(page, 'model-details').locator('summary').click();
  const engine = await byTestId(page, 'model-engine').textContent();
  assert.match(engine, /^all-MiniLM-L6-v2\+candle \(candle-transformers, f16 weights, f32 maths, SIMD, /);
  // candle computes in f32 only: no precision to switch to, only the way back.
  assert.equal(await byTestId(page, 'precision-switch').count(), 0);
  const back = byTestId(page, 'engine-switch');
  assert.equal(await back.getAttribute('data-engine'), 'fast');
  assert.match(await back.getAttribute('href'), /[?&]engine=fast\b/);
  await byTestId(page, 'model-details').screenshot({ path: join(SHOTS, 'model-candle.png') });

  // The candle build ran. A fast build's wasm may follow only after it: the service worker,
  // registered once the model is ready, precaches the build this browser runs by default.
  const files = requests.map((url) => new URL(url).pathname.split('/').pop());
  const candleAt = files.findIndex((name) => /^worker-candle_bg\.wasm(\.gz)?$/.test(name));
  const fastAt = files.findIndex((name) => /^worker(-relaxed)?_bg\.wasm(\.gz)?$/.test(name));
  assert.ok(candleAt >= 0, files.join(' '));
  assert.ok(fastAt === -1 || fastAt > files.indexOf('model.f16.safetensors'), files.join(' '));

  candleReport = await reportAt(page);
  assert.equal(candleReport.model, 'sentence-transformers/all-MiniLM-L6-v2+candle');
});

test('the fast engine offers candle, and analyses the same fixtures to the same report', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  assert.ok(candleReport, 'the candle report (previous test)');
  const { page } = await suite.open(`${suite.site.url}?precision=f32`);
  await waitForModelReady(page);
  await byTestId(page, 'model-details').locator('summary').click();
  const toCandle = byTestId(page, 'engine-switch');
  assert.equal(await toCandle.getAttribute('data-engine'), 'candle');
  assert.match(await toCandle.getAttribute('href'), /^\?precision=f32&engine=candle$/);
  fastReport = await reportAt(page);
  assert.equal(fastReport.model, 'sentence-transformers/all-MiniLM-L6-v2');

  assertSameReport(candleReport, fastReport, 'all-MiniLM-L6-v2');
});

/** The two engines' reports agree: same order, labels and statuses; numbers within rounding. */
function assertSameReport(candleReport, fastReport, model) {
  const shape = (report) => report.posts.map((p) => ({
    title: p.title,
    rank: p.rank,
    label: p.label,
    statuses: p.requirements.map((r) => r.status),
  }));
  assert.deepEqual(shape(candleReport), shape(fastReport));
  assert.deepEqual(candleReport.ranking, fastReport.ranking);
  let fitDiff = 0;
  let scoreDiff = 0;
  fastReport.posts.forEach((fast, i) => {
    const candle = candleReport.posts[i];
    fitDiff = Math.max(fitDiff, Math.abs(fast.fit - candle.fit), Math.abs(fast.zero_shot_fit - candle.zero_shot_fit));
    fast.requirements.forEach((r, j) => {
      scoreDiff = Math.max(scoreDiff, Math.abs(r.best_score - candle.requirements[j].best_score));
    });
  });
  console.log(`candle vs fast (f32, ${model}): ${fastReport.posts.length} posts, largest fit difference ${fitDiff.toExponential(2)}, largest score difference ${scoreDiff.toExponential(2)}`);
  assert.ok(fitDiff <= FIT_TOLERANCE, `fit difference ${fitDiff}`);
  assert.ok(scoreDiff <= SCORE_TOLERANCE, `score difference ${scoreDiff}`);
}

// candle runs every model whose network candle-transformers has, each at its own length.
test('candle runs paraphrase-MiniLM-L3-v2 too, to the fast engine\'s report', { timeout: 2 * (MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS) }, async () => {
  const L3 = 'paraphrase-MiniLM-L3-v2';
  const fast = await suite.open(`${suite.site.url}?precision=f32&model=${L3}`);
  await waitForModelReady(fast.page);
  await byTestId(fast.page, 'model-details').locator('summary').click();
  assert.match(await byTestId(fast.page, 'engine-switch').getAttribute('href'), new RegExp(`^\\?precision=f32&model=${L3}&engine=candle$`));
  const fastL3 = await reportAt(fast.page);
  const { page, requests } = await suite.open(`${suite.site.url}?model=${L3}&engine=candle`);
  await waitForModelReady(page);
  await byTestId(page, 'model-details').locator('summary').click();
  assert.match(await byTestId(page, 'model-engine').textContent(), new RegExp(`^${L3}\\+candle \\(candle-transformers, f16 weights, f32 maths`));
  assert.ok(requests.some((url) => url.endsWith(`/models/${L3}/model.f16.safetensors`)), 'the L3 weights were fetched');
  await byTestId(page, 'model-details').screenshot({ path: join(SHOTS, 'model-candle-l3.png') });
  const candleL3 = await reportAt(page);
  assert.equal(candleL3.model, `sentence-transformers/${L3}+candle`);
  assertSameReport(candleL3, fastL3, L3);
});
