// End-to-end tests of the built site (dist/) in the system Chromium.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && npm ci && npm test
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium).
// The browser is never downloaded: playwright-core drives the system Chromium.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  MODEL_READY_TIMEOUT_MS,
  WEIGHTS,
  byTestId as byTestIdOn,
  foreignRequests,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const COMPARE_TIMEOUT_MS = 60_000;
const WEIGHTS_PATH = `/${WEIGHTS}`;

// Reference values: sentence-transformers 6.2 reference, shared/reference/minilm-l6-v2-reference.json
// (entries "s2", "s3" and "long_truncated"; expected cosine = dot product of their normalised
// reference embeddings, word pieces = their n_tokens / n_tokens_untruncated).
const S2 = 'know your way around map reduce, hadoop, spark, flume, hive, impala, sparksql, bigquery';
const S2_PIECES = 29;
const S3 = 'experience working with scala/python/java on spark to build and deploy ml models in production';
const S3_PIECES = 20;
const COSINE_S2_S3 = 0.4644;
// The same pair with stop words removed: cosine_matrix_s1_s2_s3_nltk[1][2] and
// cosine_matrix_s1_s2_s3_nltk_spacy[1][2] of the same reference file.
const COSINE_S2_S3_NLTK = 0.3739;
const COSINE_S2_S3_NLTK_SPACY = 0.375;
// The 763-piece text of the same reference, read from the fixture rather than copied here.
const LONG_TEXT = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reference', 'minilm-l6-v2-reference.json'), 'utf8'),
).entries.find((entry) => entry.name === 'long_truncated').text;
const LONG_PIECES_USED = 256;
const LONG_PIECES_TOTAL = 763;
const COSINE_LONG_S2 = 0.176;
const TOLERANCE = 0.0002;
const INT8_TOLERANCE = 0.02;

// Screenshots to look at (the model status at int8).
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

let suite; // see harness.mjs startSuite: every context opened is kept in suite.opened
let site; // { server, url, requests, failNext }
let page;

const byTestId = (id) => byTestIdOn(page, id);

/** Opens a new page on the site; its requests and errors are kept in `suite.opened`. */
async function openPage() {
  return (await suite.open()).page;
}

/** Fills both texts, clicks Compare and waits for the result of exactly these texts. */
async function compare(first, second) {
  await byTestId('first-text').fill(first);
  await byTestId('second-text').fill(second);
  await byTestId('compare').click();
  // The result is "stale" until the answer for the current texts arrives.
  await page.waitForSelector('[data-testid="result"]:not(.is-stale)', { timeout: COMPARE_TIMEOUT_MS });
  return {
    cosine: Number(await byTestId('cosine').textContent()),
    firstPieces: Number(await byTestId('first-pieces').textContent()),
    secondPieces: Number(await byTestId('second-pieces').textContent()),
  };
}

before(async () => {
  suite = await startSuite();
  ({ site } = suite);
  page = await openPage();
});

after(() => suite?.close());

test('the page says it runs locally and Compare waits for the model', async () => {
  assert.equal(await page.title(), 'jobdelta');
  assert.match(await byTestId('local-note').textContent(), /locally/);
  await byTestId('first-text').fill(S2);
  await byTestId('second-text').fill(S3);
  if ((await byTestId('model-status').getAttribute('data-state')) !== 'ready') {
    assert.equal(await byTestId('compare').isDisabled(), true);
  }
});

test('the model loads in the worker and the progress reaches ready', { timeout: MODEL_READY_TIMEOUT_MS + 10_000 }, async () => {
  await waitForModelReady(page);
  const progress = byTestId('model-progress');
  assert.equal(await progress.getAttribute('data-state'), 'ready');
  assert.equal(await progress.getAttribute('value'), await progress.getAttribute('max'));
  assert.match(await byTestId('model-status').textContent(), /ready/i);
  // The worker fetched the model itself, from this site.
  assert.ok(site.requests.includes(WEIGHTS_PATH), `requests: ${site.requests.join(', ')}`);
  // What was typed while loading is still there.
  assert.equal(await byTestId('first-text').inputValue(), S2);
});

test('Compare is impossible with an empty text and says why', async () => {
  await byTestId('first-text').fill(S2);
  for (const blank of ['', '   \n\t ']) {
    await byTestId('second-text').fill(blank);
    assert.equal(await byTestId('compare').isDisabled(), true, `second text ${JSON.stringify(blank)}`);
    assert.match(await byTestId('compare-hint').textContent(), /second text is empty/);
  }
  await byTestId('first-text').fill('');
  await byTestId('second-text').fill(S3);
  assert.equal(await byTestId('compare').isDisabled(), true);
  assert.match(await byTestId('compare-hint').textContent(), /first text is empty/);
  assert.equal(await byTestId('result').count(), 0, 'no result without a comparison');
});

test('the cosine and word pieces match sentence-transformers', { timeout: COMPARE_TIMEOUT_MS + 10_000 }, async () => {
  const result = await compare(S2, S3);
  assert.ok(
    Math.abs(result.cosine - COSINE_S2_S3) <= TOLERANCE,
    `cosine ${result.cosine}, expected ${COSINE_S2_S3} ± ${TOLERANCE}`,
  );
  assert.equal(result.firstPieces, S2_PIECES);
  assert.equal(result.secondPieces, S3_PIECES);
  assert.equal(await byTestId('first-truncated').count(), 0);
  assert.equal(await byTestId('second-truncated').count(), 0);
  assert.equal(await byTestId('error').count(), 0);

  // What preprocessing does to the score, from the same reference.
  const byMode = async (mode) =>
    Number(await page.locator(`[data-testid="preprocessed-cosine"][data-mode="${mode}"] dd`).textContent());
  for (const [mode, expected] of [['NltkStopWords', COSINE_S2_S3_NLTK], ['NltkSpacyStopWords', COSINE_S2_S3_NLTK_SPACY]]) {
    const got = await byMode(mode);
    assert.ok(Math.abs(got - expected) <= TOLERANCE, `${mode}: ${got}, expected ${expected}`);
  }
  assert.equal(await page.locator('[data-testid="preprocessed-cosine"][data-mode="JargonOnly"]').count(), 1);
});

test('a text beyond 256 word pieces is truncated, with a warning', { timeout: COMPARE_TIMEOUT_MS + 10_000 }, async () => {
  const result = await compare(LONG_TEXT, S2);
  assert.equal(result.firstPieces, LONG_PIECES_USED);
  assert.equal(result.secondPieces, S2_PIECES);
  assert.ok(
    Math.abs(result.cosine - COSINE_LONG_S2) <= TOLERANCE,
    `cosine ${result.cosine}, expected ${COSINE_LONG_S2} ± ${TOLERANCE}`,
  );
  const warning = await byTestId('first-truncated').textContent();
  assert.match(warning, new RegExp(`${LONG_PIECES_USED}\\b.*\\b${LONG_PIECES_TOTAL}\\b`));
  assert.equal(await byTestId('second-truncated').count(), 0);
});

test('a failed download shows an error, and Retry recovers without losing the texts', { timeout: MODEL_READY_TIMEOUT_MS + 20_000 }, async () => {
  site.failNext(WEIGHTS_PATH, 503);
  await page.context().close();
  page = await openPage();
  await page.waitForSelector('[data-testid="error"]', { timeout: MODEL_READY_TIMEOUT_MS });
  assert.match(await byTestId('error-message').textContent(), /model\.f16\.safetensors.*503/);
  assert.equal(await byTestId('model-status').getAttribute('data-state'), 'failed');
  assert.equal(await byTestId('compare').isDisabled(), true);

  await byTestId('first-text').fill(S3);
  await byTestId('second-text').fill(S2);
  await byTestId('retry').click();
  await waitForModelReady(page);
  assert.equal(await byTestId('first-text').inputValue(), S3);
  assert.equal(await byTestId('second-text').inputValue(), S2);
  const result = await compare(S3, S2);
  assert.ok(Math.abs(result.cosine - COSINE_S2_S3) <= TOLERANCE, `cosine ${result.cosine}`);
});

test('by default the page runs int8 maths, says so, and switches to f32 on request', { timeout: 2 * MODEL_READY_TIMEOUT_MS }, async () => {
  // The page's own default: no ?precision= in the URL.
  page = (await suite.open(site.url)).page;
  await waitForModelReady(page);
  await byTestId('model-details').locator('summary').click();
  assert.match(await byTestId('model-engine').textContent(), /\bint8 maths\b/);
  await page.screenshot({ path: join(SHOTS, 'model-int8.png') });
  // int8 vectors are close to the reference, not at parity (min cosine 0.992 over the
  // reference texts, docs/quality.md): the pair's cosine lands within a few hundredths.
  const int8 = await compare(S2, S3);
  assert.ok(Math.abs(int8.cosine - COSINE_S2_S3) <= INT8_TOLERANCE, `int8 cosine ${int8.cosine}, expected ${COSINE_S2_S3} ± ${INT8_TOLERANCE}`);
  assert.equal(int8.firstPieces, S2_PIECES);

  // The setting: a link that reloads the page at f32, the texts kept.
  const switchLink = byTestId('precision-switch');
  assert.equal(await switchLink.getAttribute('data-precision'), 'f32');
  await switchLink.click();
  await page.waitForURL(/[?&]precision=f32\b/);
  await waitForModelReady(page);
  await byTestId('model-details').locator('summary').click();
  assert.match(await byTestId('model-engine').textContent(), /\bf32 maths\b/);
  assert.equal(await byTestId('precision-switch').getAttribute('data-precision'), 'int8');
  const f32 = await compare(S2, S3);
  assert.ok(Math.abs(f32.cosine - COSINE_S2_S3) <= TOLERANCE, `f32 cosine ${f32.cosine}`);
});

test('the page made no request to a host other than 127.0.0.1', () => {
  assert.deepEqual(suite.opened.flatMap((session) => foreignRequests(session.requests)), []);
  assert.ok(site.requests.length > 0);
});
