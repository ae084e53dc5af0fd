// End-to-end tests of the built site (dist/) in the system Chromium.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && npm ci && npm test
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium).
// The browser is never downloaded: playwright-core drives the system Chromium.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DIST, launch } from './harness.mjs';
import { startServer } from './serve.mjs';

// Downloading 45 MB, hashing it and compiling the model's wasm on a slow, busy machine.
const MODEL_READY_TIMEOUT_MS = 240_000;
const COMPARE_TIMEOUT_MS = 60_000;
const WEIGHTS_PATH = '/models/all-MiniLM-L6-v2/model.f16.safetensors';

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
const LONG_TEXT = ", I can see sometimes subword tokenization will be helpful, since say it would be great if the  word , object-oriented javascript, html, css) , r, python, matlab, pandas) and database languages , r, python, matlab, pandas) and database languages (e , unit, functional, integration, stress testing) for your code, using one or more of the following: c, c++, c#, java, javascript, go, or python 1 year of experience in software engineering and coding, working with two or more of the following languages: java, c/c++, c#, objective-c, python, javascript, php, ruby and/or go 4 years of experience working with front end languages such as html5, css, javascript (angularjs) 4 years of relevant work experience, including web application experience or skills using ajax, html, css or javascript A bagel with cream cheese with some lox and some capers would go great with coffee. A new survey shows 30 percent of Californians use Twitter, and more and more of us are using our smart phones to go online. An Evesham man is facing charges in Pennsylvania after he allegedly dragged his girlfriend from the side of his pickup truck on the campus of Kutztown University in the early morning hours of Dec. 5, police said. As a member of Machine Learning team, you will build the ML systems and infrastructure at the core of our small business data product. Your impact will be measured by the performance, testability and reliability of our ML systems. Associate Account Strategist (Czech/Slovak), Global Customer Experience Associate Account Strategist (Ukrainian), GMS Sales Brightpoint ,a provider of logistic services to the mobile industry, has started operations in the Turkish market. Bud Selig to speak at St. Norbert College Data Analyst, Product and Tools Operations, Google Technical Services Don't you love \ud83e\udd17 Transformers? We sure do. Global Supply Chain Manager, Display/Touch, Consumer Hardware If a tree falls in the forest and there is no one there to hear it, then does it make a sound? It's fresh cherry time in Michigan and the best time to enjoy this delicious and nutritious fruit. Machine Learning Product Specialist, Google Cloud (EMEA) Major League Baseball Commissioner Bud Selig will be speaking at St. Norbert College next month. Manufacturing Business Manager, Google Hardware NRT LLC, one of the nation's largest residential real estate brokerage companies, announced several executive appointments within its Coldwell Banker Residential Brokerage operations in Southern California. NRT announces executive appointments at its Coldwell Banker operations in Southern California Program Manager, Audio Visual (AV) Deployments Sentences are passed as a list of string. Software Engineering Manager, Cloud Storage, Site Reliability Engineering Solution Architect, Google Cloud Platform (Apigee) Solutions Architect, Healthcare and Life Sciences, Google Cloud Specific responsibilities are assigned to interns at the start of the program Strategic Technology Partner Manager, Healthcare and Life Sciences Supplier Development Engineer (SDE), Cable/Connector Supplier Development Engineer, Camera, Consumer Hardware Survey: 30 percent of Californians use Twitter THE JSE kept toying with an all time high by midday today as resources continued to fuel the bourse. Technical Program Manager, ASIC Development The USHL completed an expansion draft on Monday as 10 players who were on the rosters of USHL teams during the 2009-10 season were selected by the League's two newest entries, the Muskegon Lumberjacks and Dubuque Fighting Saints. The government is defending the latest police crime statistics despite a worrying rise in the recorded amount of violent offending.";
const LONG_PIECES_USED = 256;
const LONG_PIECES_TOTAL = 763;
const COSINE_LONG_S2 = 0.176;
const TOLERANCE = 0.0002;

let site; // { server, url, requests, failNext }
let browser;
let page;
const foreignRequests = [];
const browserErrors = [];

const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

/** Opens a new page on the site, recording requests that leave 127.0.0.1 and page errors. */
async function openPage() {
  const context = await browser.newContext();
  // Context-level, so requests made by the Web Worker are seen too.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      foreignRequests.push(request.url());
    }
  });
  const opened = await context.newPage();
  opened.on('pageerror', (error) => browserErrors.push(String(error)));
  opened.on('console', (message) => {
    if (message.type() === 'error') browserErrors.push(message.text());
  });
  await opened.goto(site.url);
  return opened;
}

/** Waits until the model status says ready, failing fast with the page's error if loading fails. */
async function waitForModelReady() {
  await page.waitForSelector(
    '[data-testid="model-status"][data-state="ready"], [data-testid="error"]',
    { timeout: MODEL_READY_TIMEOUT_MS },
  );
  if (await byTestId('error').count()) {
    assert.fail(`the model did not load: ${await byTestId('error-message').textContent()}`);
  }
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
  assert.ok(
    existsSync(join(DIST, 'index.html')),
    `${DIST}/index.html is missing: build the site first (trunk build --release, or scripts/e2e)`,
  );
  assert.ok(
    existsSync(join(DIST, WEIGHTS_PATH)),
    `${DIST}${WEIGHTS_PATH} is missing: run scripts/fetch-model, then rebuild`,
  );
  site = await startServer(DIST);
  browser = await launch();
  page = await openPage();
});

after(async () => {
  await browser?.close();
  site?.server.close();
  if (browserErrors.length) console.log(`browser errors:\n  ${browserErrors.join('\n  ')}`);
});

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
  await waitForModelReady();
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
  await waitForModelReady();
  assert.equal(await byTestId('first-text').inputValue(), S3);
  assert.equal(await byTestId('second-text').inputValue(), S2);
  const result = await compare(S3, S2);
  assert.ok(Math.abs(result.cosine - COSINE_S2_S3) <= TOLERANCE, `cosine ${result.cosine}`);
});

test('the page made no request to a host other than 127.0.0.1', () => {
  assert.deepEqual(foreignRequests, []);
  assert.ok(site.requests.length > 0);
});
