// End-to-end test of a large map taking shape: thirty posts (fixtures/skills) make a map the
// worker needs a few seconds for, and the Pictures tab shows it while the t-SNE settles
// (FromWorker::MapFrame), with the step reached, before the final map replaces it.
//
// Run: cd tests/e2e && node --test map-settling.test.mjs (after `trunk build --release`).

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { analyze, byTestId as byTestIdOn, fillWorkspace, startSuite, waitForModelReady } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const POSTS_DIR = join(HERE, '..', '..', 'fixtures', 'skills', 'posts');
const POSTS = readdirSync(POSTS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => [name.replace(/^\d+-|\.txt$/g, ''), readFileSync(join(POSTS_DIR, name), 'utf8')]);
const SHOTS = process.env.SCREENSHOTS ?? join(tmpdir(), 'jobdelta-map-shots');
mkdirSync(SHOTS, { recursive: true });
const TIMEOUT_MS = 300_000;

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForModelReady(page);
  await fillWorkspace(page, readFileSync(join(HERE, 'fixtures', 'resume.md'), 'utf8'), POSTS);
  assert.equal(await analyze(page), 'report');
});

after(async () => {
  await suite?.close();
});

test('a large map is shown while it settles, then replaced by the final one', async () => {
  assert.ok(POSTS.length >= 25, `${POSTS.length} posts`);
  await byTestId('tab-pictures').click();
  // The settling map: drawn inside the map area while the progress line still shows, read in
  // one go (the final map may replace it any moment).
  const seen = await page.waitForFunction(() => {
    const area = document.querySelector('[data-testid="map-area"]');
    const progress = area?.querySelector('[data-testid="map-progress"]');
    const canvas = area?.querySelector('[data-testid="embedding-map"]');
    if (!progress || !canvas) return null;
    return {
      points: Number(canvas.getAttribute('data-points')),
      progress: progress.textContent,
      caption: area.querySelector('.embedding-map > .hint')?.textContent ?? '',
      named: area.querySelectorAll('[data-testid="map-group"]').length,
    };
  }, null, { timeout: TIMEOUT_MS, polling: 'raf' }).then((handle) => handle.jsonValue());
  assert.ok(seen.points > 100, `${seen.points} points`);
  assert.match(seen.progress, /step \d+ of 1000/);
  assert.match(seen.caption, /still settling \(step \d+ of 1000\)/);
  assert.equal(seen.named, 0, 'clumps are named once the map has settled');
  const points = seen.points;
  await page.locator('[data-testid="map-area"]').screenshot({ path: join(SHOTS, 'map-settling.png') });
  // The final map.
  await page.waitForSelector('[data-testid="map-progress"]', { state: 'detached', timeout: TIMEOUT_MS });
  assert.equal(Number(await byTestId('embedding-map').getAttribute('data-points')), points);
  assert.ok(Number(await byTestId('map-area').getAttribute('data-frames')) >= 1);
  assert.doesNotMatch(await page.locator('.embedding-map > .hint').textContent(), /still settling/);
  console.log(`map: ${await page.locator('.embedding-map > .hint').textContent()}`);
  await page.locator('[data-testid="map-area"]').screenshot({ path: join(SHOTS, 'map-large.png') });
});

test('no console errors', () => {
  const problems = suite.opened.flatMap((session) => session.problems);
  assert.deepEqual(problems, []);
});
