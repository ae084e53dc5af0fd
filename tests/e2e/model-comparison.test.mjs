// End-to-end tests of the report's "Compare models" tab in the built site (dist/): the page's
// model (all-MiniLM-L6-v2) against paraphrase-MiniLM-L3-v2, run by a temporary second worker
// on the same resume and posts, shows the same Kendall τ-b and the same requirements changing
// status as `jobdelta compare --json` on the very files the browser runs (models/web/NAME, the
// f16 copies, at f32 maths: `?precision=f32` and the CLI's default); the second worker is gone
// once done or cancelled; a model that cannot be loaded is named with the reason; the
// workspace and report are kept throughout, and the comparison survives switching tabs.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test model-comparison.test.mjs
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium),
// JOBDELTA_CLI (default ../../target/debug/jobdelta), E2E_SCREENSHOTS (default /tmp/jobdelta-e2e).

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
  shownWorkspace,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

const L6 = 'all-MiniLM-L6-v2';
const L3 = 'paraphrase-MiniLM-L3-v2';
const webModel = (name) => join(ROOT, 'models', 'web', name);
const reportFixture = (name) => join(ROOT, 'fixtures', 'report', name);
const POSTS = ['post-ios.md', 'post-data-engineer.txt', 'post-rust-backend.txt'];
const inputArgs = () => ['--resume', reportFixture('resume.md'), ...POSTS.flatMap((p) => ['--job', reportFixture(p)])];

let suite;
let site;

function cli(args) {
  return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Opens the site at f32 (the CLI's maths), fills the fixture workspace and analyses it. */
async function analysedPage(url = `${site.url}?precision=f32`) {
  const session = await suite.open(url);
  await waitForModelReady(session.page);
  const titles = cli(['match', '--model', webModel(L6), ...inputArgs(), '--json']).posts.map((p) => p.title);
  const posts = POSTS.map((name, i) => [titles[i], readFileSync(reportFixture(name), 'utf8')]);
  await fillWorkspace(session.page, readFileSync(reportFixture('resume.md'), 'utf8'), posts);
  assert.equal(await analyze(session.page), 'report');
  await byTestIdOn(session.page, 'tab-models').click();
  return session;
}

/** Dedicated workers the page runs now. */
const workerCount = (page) => page.workers().length;

/** Waits until the page runs `n` workers (`more`: more than `n`). */
async function waitForWorkers(page, n, { more = false } = {}) {
  const deadline = Date.now() + 30_000;
  while (more ? workerCount(page) <= n : workerCount(page) !== n) {
    assert.ok(Date.now() < deadline, `${workerCount(page)} workers, expected ${more ? 'more than ' : ''}${n}`);
    await page.waitForTimeout(100);
  }
}

before(async () => {
  assert.ok(existsSync(CLI), `no CLI at ${CLI}: run cargo build -p jobdelta-cli (or set JOBDELTA_CLI)`);
  suite = await startSuite();
  ({ site } = suite);
});

after(() => suite?.close());

test('L6 against L3: the same τ and status changes as jobdelta compare on the same weights', { timeout: MODEL_READY_TIMEOUT_MS + 2 * ANALYSIS_TIMEOUT_MS }, async () => {
  const expected = cli(['compare', '--model', webModel(L6), '--model', webModel(L3), ...inputArgs(), '--json']);
  const { page, requests } = await analysedPage();
  const byTestId = (id) => byTestIdOn(page, id);
  const workspace = await shownWorkspace(page);
  const workersBefore = workerCount(page);
  // The current model is not offered; L3 is, with its download size.
  const offered = await byTestId('comparison-model').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(offered.includes(L3) && !offered.includes(L6), JSON.stringify(offered));
  await page.locator(`[data-testid="comparison-model"][value="${L3}"]`).check();
  await byTestId('compare-models').click();
  await byTestId('model-comparison-progress').waitFor();
  await byTestId('model-comparison-result').waitFor({ timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS });
  assert.equal(await byTestId('model-comparison-notice').count(), 0);
  assert.ok(requests.some((url) => url.endsWith(`/models/${L3}/model.f16.safetensors`)), 'the second worker fetched the L3 weights');

  // Ranking agreement and the requirements whose status differs: the CLI's.
  const agreement = byTestId('model-agreement');
  const tau = Number(await agreement.getAttribute('data-tau'));
  assert.ok(expected.kendall_tau !== null);
  assert.ok(Math.abs(tau - expected.kendall_tau) < 1e-9, `page τ ${tau}, CLI τ ${expected.kendall_tau}`);
  assert.equal(Number(await agreement.getAttribute('data-posts')), expected.posts);
  assert.equal(Number(await agreement.getAttribute('data-requirements')), expected.requirements);
  const changed = await byTestId('model-change').evaluateAll((rows) =>
    rows.map((r) => ({ post: r.dataset.post, requirement: r.dataset.requirement, first: r.dataset.first, second: r.dataset.second })));
  assert.ok(expected.changed.length > 0, 'the two models disagree somewhere on these files');
  assert.deepEqual(changed, expected.changed);

  // Each side: its model, its top posts (the CLI's), its download size.
  const sides = await byTestId('model-side').evaluateAll((sections) =>
    sections.map((s) => ({
      model: s.dataset.model,
      top: [...s.querySelectorAll('[data-testid="model-top-post"]')].map((li) => li.textContent),
      facts: s.querySelector('[data-testid="model-side-facts"]').textContent,
    })));
  assert.deepEqual(sides.map((s) => s.model), [L6, L3]);
  assert.deepEqual(sides.map((s) => s.top), expected.sides.map((s) => s.top_posts));
  assert.match(sides[1].facts, /^34\.5 MB download · loaded in \d+\.\d s, analysed in \d+\.\d s/);
  // Each model embeds only what it reads: the skills classifier judges a skill's context with
  // all-MiniLM-L6-v2's vectors alone, so paraphrase-MiniLM-L3-v2 embeds no contexts.
  const texts = sides.map((s) => {
    const counts = s.facts.match(/\((\d+) embedded, (\d+) from the cache\)/);
    assert.ok(counts, s.facts);
    return Number(counts[1]) + Number(counts[2]);
  });
  assert.ok(texts[1] < texts[0], `texts: ${L6} ${texts[0]}, ${L3} ${texts[1]}`);
  await byTestId('model-comparison').screenshot({ path: join(SHOTS, 'model-comparison.png') });

  // The second worker is gone; the workspace and the report are as they were.
  await waitForWorkers(page, workersBefore);
  assert.deepEqual(await shownWorkspace(page), workspace);
  assert.equal(await byTestId('report-stale').count(), 0);

  // The comparison survives switching tabs.
  await byTestId('tab-posts').click();
  await byTestId('ranking').waitFor();
  await byTestId('tab-models').click();
  assert.equal(Number(await byTestId('model-agreement').getAttribute('data-tau')), tau);
  assert.equal(await byTestId('model-change').count(), expected.changed.length);
});

test('Cancel stops the second worker and keeps the report; a model that cannot load is named', { timeout: MODEL_READY_TIMEOUT_MS + 2 * ANALYSIS_TIMEOUT_MS }, async () => {
  const { page, context } = await analysedPage();
  const byTestId = (id) => byTestIdOn(page, id);
  const workspace = await shownWorkspace(page);
  const workersBefore = workerCount(page);
  // The L3 weights never arrive, so the comparison is still loading when Cancel is pressed.
  let held = 0;
  await context.route(`**/models/${L3}/model.f16.safetensors`, () => {
    held += 1;
  });
  await page.locator(`[data-testid="comparison-model"][value="${L3}"]`).check();
  await byTestId('compare-models').click();
  await waitForWorkers(page, workersBefore, { more: true });
  // Cancel while the second worker waits for the weights (asked for, held).
  while (held === 0) await page.waitForTimeout(50);
  assert.match(await byTestId('model-comparison-progress').textContent(), /^(Downloading|Starting)/);
  await byTestId('cancel-model-comparison').click();
  assert.match(await byTestId('model-comparison-notice').textContent(), /cancelled/);
  await waitForWorkers(page, workersBefore);
  assert.equal(await byTestId('model-comparison-result').count(), 0);
  assert.equal(await byTestId('compare-models').isDisabled(), false);
  assert.deepEqual(await shownWorkspace(page), workspace);
  assert.equal(await byTestId('ranking-row').count(), 0, 'the posts tab is not shown');
  await byTestId('tab-posts').click();
  assert.equal(await byTestId('ranking-row').count(), POSTS.length, 'the report is kept');

  // A model whose weights are missing on the site: the comparison names it and why.
  await context.unroute(`**/models/${L3}/model.f16.safetensors`);
  await context.route(`**/models/${L3}/model.f16.safetensors`, (route) => route.fulfill({ status: 404, body: 'not here' }));
  await byTestId('tab-models').click();
  await byTestId('compare-models').click();
  await byTestId('model-comparison-notice').filter({ hasText: L3 }).waitFor({ timeout: 60_000 });
  const notice = await byTestId('model-comparison-notice').textContent();
  assert.match(notice, new RegExp(`^${L3} could not be loaded: .*404`));
  await waitForWorkers(page, workersBefore);
  assert.equal(await byTestId('error').count(), 0, 'the page model is not concerned');
  assert.deepEqual(await shownWorkspace(page), workspace);
  await byTestId('model-comparison').screenshot({ path: join(SHOTS, 'model-comparison-failed.png') });
});

test('the page made no request to a host other than 127.0.0.1', () => {
  assert.deepEqual(suite.opened.flatMap((session) => foreignRequests(session.requests)), []);
});
