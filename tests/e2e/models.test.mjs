// End-to-end tests of the choice of model in the built site (dist/): `?model=NAME` loads that
// registered model (its own files, its own sha256 check), the model status names it and lists
// every model with its size and licence, the report is that model's (equal to the CLI's with
// the same model, and different from the default model's), switching models keeps the
// workspace, and an unknown name is refused with the models there are.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test models.test.mjs
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium),
// JOBDELTA_CLI (default ../../target/debug/jobdelta: the CLI the page's numbers are checked
// against; scripts/e2e builds it), E2E_SCREENSHOTS (default /tmp/jobdelta-e2e).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  analyze,
  byTestId as byTestIdOn,
  fillWorkspace,
  foreignRequests,
  startSuite,
  waitForModelReady,
  waitForRestored,
  waitForSaved,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

const L6 = 'all-MiniLM-L6-v2';
const L3 = 'paraphrase-MiniLM-L3-v2';
// The CLI runs the very files the page downloads (the half-precision copies).
const webModel = (name) => join(ROOT, 'models', 'web', name);
const reportFixture = (name) => join(ROOT, 'fixtures', 'report', name);
const POSTS = ['post-ios.md', 'post-data-engineer.txt', 'post-rust-backend.txt'];

let suite;
let site;
let page;
let requests;

const byTestId = (id) => byTestIdOn(page, id);

/** `jobdelta match --json` of the report fixtures with a model folder. */
function cliReport(model) {
  const args = ['match', '--model', webModel(model), '--resume', reportFixture('resume.md'), '--json'];
  for (const post of POSTS) args.push('--job', reportFixture(post));
  return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** What the page shows that depends on the model: each post's fit (by title) and the
 * statuses of every post's requirements (opening each post in turn). */
async function shownReport() {
  const fits = {};
  const statuses = {};
  const rows = byTestId('ranking-row');
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    const title = await row.getAttribute('data-title');
    fits[title] = await row.getAttribute('data-fit');
    await row.click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="post-view-title"]')?.textContent === t, title);
    statuses[title] = await byTestId('requirement-row').evaluateAll((r) => r.map((x) => x.dataset.status));
  }
  return { fits, statuses };
}

/** The same view of a CLI report. */
function reportOf(cli) {
  const fits = {};
  const statuses = {};
  for (const post of cli.posts) {
    fits[post.title] = post.fit.toFixed(1);
    statuses[post.title] = post.requirements.map((r) => r.status);
  }
  return { fits, statuses };
}

before(async () => {
  suite = await startSuite();
  ({ site } = suite);
});

after(() => suite?.close());

test('?model= loads that model: the status names it and lists every model with size and licence', { timeout: MODEL_READY_TIMEOUT_MS + 30_000 }, async () => {
  ({ page, requests } = await suite.open(`${site.url}?precision=f32&model=${L3}`));
  await waitForModelReady(page);
  await byTestId('model-details').locator('summary').click();
  assert.match(await byTestId('model-engine').textContent(), new RegExp(`^${L3}\\b`));
  // Its own files, not the default's.
  assert.ok(requests.some((url) => url.endsWith(`/models/${L3}/model.f16.safetensors`)), 'the L3 weights were fetched');
  assert.ok(!requests.some((url) => url.includes(`/models/${L6}/`)), 'nothing of the default model was fetched');
  // Every registered model, the one running marked, the others a link.
  const choices = await byTestId('model-choice').evaluateAll((items) =>
    items.map((li) => ({ model: li.dataset.model, current: li.dataset.current, text: li.textContent })));
  assert.ok(choices.length >= 2, JSON.stringify(choices));
  assert.equal(choices[0].model, L6, 'the default first');
  for (const choice of choices) assert.match(choice.text, /\d+\.\d MB download, \d+ layers, \d+ word pieces per text, \S+/);
  assert.match(choices.find((c) => c.model === L3).text, /34\.5 MB download, 3 layers, 128 word pieces per text, Apache-2\.0/);
  assert.deepEqual(choices.filter((c) => c.current === 'true').map((c) => c.model), [L3]);
  assert.equal(await page.locator(`[data-testid="model-switch"][data-model="${L6}"]`).count(), 1);
  await page.screenshot({ path: join(SHOTS, 'model-choice.png'), fullPage: false });
});

test('the report is the chosen model\'s: equal to the CLI\'s with it, different from the default\'s', { timeout: ANALYSIS_TIMEOUT_MS + 60_000 }, async () => {
  assert.ok(existsSync(CLI), `no CLI at ${CLI}: run cargo build -p jobdelta-cli (or set JOBDELTA_CLI)`);
  const l3 = cliReport(L3);
  const l6 = cliReport(L6);
  assert.equal(l3.model, `sentence-transformers/${L3}`);
  const posts = POSTS.map((name, i) => [l3.posts[i].title, readFileSync(reportFixture(name), 'utf8')]);
  await fillWorkspace(page, readFileSync(reportFixture('resume.md'), 'utf8'), posts);
  assert.equal(await analyze(page), 'report');
  const shown = await shownReport();
  assert.deepEqual(shown, reportOf(l3));
  // The two models disagree somewhere on these files (what `jobdelta compare` lists), so the
  // equality above could not hold had the page run the default model.
  assert.notDeepEqual(reportOf(l3), reportOf(l6));
  await page.screenshot({ path: join(SHOTS, 'model-l3-report.png'), fullPage: false });
});

test('switching model reloads with ?model= and keeps the workspace', { timeout: MODEL_READY_TIMEOUT_MS + 30_000 }, async () => {
  await waitForSaved(page);
  const resume = await byTestId('resume-input').inputValue();
  if (!(await byTestId('model-list').isVisible())) await byTestId('model-details').locator('summary').click();
  await page.locator(`[data-testid="model-switch"][data-model="${L6}"]`).click();
  await page.waitForURL(new RegExp(`[?&]model=${L6}\\b`));
  assert.match(page.url(), /[?&]precision=f32\b/, 'the other settings kept');
  await waitForRestored(page);
  assert.equal(await byTestId('resume-input').inputValue(), resume);
  assert.equal(await byTestId('post-item').count(), POSTS.length);
  await waitForModelReady(page);
  await byTestId('model-details').locator('summary').click();
  assert.match(await byTestId('model-engine').textContent(), new RegExp(`^${L6}\\b`));
});

test('an unknown model is refused, naming the models there are, with links to them', { timeout: 60_000 }, async () => {
  ({ page } = await suite.open(`${site.url}?model=no-such-model`));
  await page.waitForSelector('[data-testid="error"]', { timeout: 60_000 });
  const message = await byTestId('error-message').textContent();
  assert.match(message, /no model called no-such-model/);
  assert.match(message, new RegExp(`${L6}, ${L3}`));
  assert.equal(await byTestId('model-status').getAttribute('data-state'), 'failed');
  await byTestId('model-details').locator('summary').click();
  assert.equal(await page.locator(`[data-testid="model-switch"][data-model="${L3}"]`).count(), 1);
  await page.screenshot({ path: join(SHOTS, 'model-unknown.png'), fullPage: false });
});

test('the page made no request to a host other than 127.0.0.1', () => {
  assert.deepEqual(suite.opened.flatMap((session) => foreignRequests(session.requests)), []);
});
