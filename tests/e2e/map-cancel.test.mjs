// End-to-end test of cancelling a map: ten copies of the thirty posts of fixtures/skills make
// a map of about 1,500 points (one embedding per distinct sentence, so the analysis is quick,
// but the t-SNE takes seconds). Cancel while it settles: the worker must stop the fit (it
// answers `cancelled` for the map and sends no frame and no map after that), the page must
// answer at once meanwhile and say the map was cancelled, and the map can then be drawn.
//
// The worker's messages are read by wrapping the page's `Worker` before the page starts (an
// init script): the page itself is unchanged.
//
// Run: cd tests/e2e && node --test map-cancel.test.mjs (after `trunk build --release`).

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { analyze, byTestId as byTestIdOn, fillWorkspace, startSuite, waitForModelReady } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const POSTS_DIR = join(HERE, '..', '..', 'fixtures', 'skills', 'posts');
const COPIES = 10;
const POSTS = readdirSync(POSTS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .flatMap((name) => {
    const text = readFileSync(join(POSTS_DIR, name), 'utf8');
    const title = name.replace(/^\d+-|\.txt$/g, '');
    return Array.from({ length: COPIES }, (_, copy) => [`${title} ${copy + 1}`, text]);
  });
const SHOTS = process.env.SCREENSHOTS ?? join(tmpdir(), 'jobdelta-map-shots');
mkdirSync(SHOTS, { recursive: true });
const TIMEOUT_MS = 300_000;

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

/** The worker's messages to the page so far, parsed. */
const fromWorker = () => page.evaluate(() => window.__fromWorker.map((m) => JSON.parse(m)));

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
  await page.addInitScript(() => {
    window.__fromWorker = [];
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          if (typeof event.data === 'string') window.__fromWorker.push(event.data);
        });
      }
    };
  });
  await page.reload();
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForModelReady(page);
  await fillWorkspace(page, readFileSync(join(HERE, 'fixtures', 'resume.md'), 'utf8'), POSTS);
  assert.equal(await analyze(page), 'report');
});

after(async () => {
  await suite?.close();
});

test('Cancel stops a settling map in the worker, the page answers meanwhile, and the map can be drawn again', { timeout: 3 * TIMEOUT_MS }, async () => {
  await byTestId('tab-pictures').click();
  // Cancel at the first frame of the settling map, from inside the page so that no round
  // trip to the test lets the fit run on meanwhile.
  const points = await page.waitForFunction(() => {
    const progress = document.querySelector('[data-testid="map-progress"]');
    const canvas = document.querySelector('[data-testid="map-area"] [data-testid="embedding-map"]');
    if (!progress || !canvas || !/step \d+ of 1000/.test(progress.textContent)) return null;
    document.querySelector('[data-testid="map-cancel"]').click();
    return Number(canvas.getAttribute('data-points'));
  }, null, { timeout: TIMEOUT_MS, polling: 'raf' }).then((handle) => handle.jsonValue());
  assert.ok(points > 1000, `${points} points`);
  const mapId = (await fromWorker()).find((m) => m.type === 'map_frame').request_id;
  assert.match(await byTestId('map-note').textContent(), /The map was cancelled/);
  // The page answers at once, whatever the worker is doing: another tab, then back.
  await byTestId('tab-posts').click();
  await page.waitForSelector('[data-testid="ranking-row"]', { timeout: 5_000 });
  await byTestId('tab-pictures').click();
  assert.match(await byTestId('map-note').textContent(), /The map was cancelled/);
  // The worker's answer: `cancelled` for the map, after which it sends nothing for it.
  await page.waitForFunction(
    (id) => window.__fromWorker.some((m) => { const p = JSON.parse(m); return p.type === 'cancelled' && p.request_id === id; }),
    mapId,
    { timeout: TIMEOUT_MS },
  );
  const messages = await fromWorker();
  const forMap = messages.filter((m) => m.request_id === mapId);
  const cancelledAt = forMap.findIndex((m) => m.type === 'cancelled');
  assert.deepEqual(forMap.slice(cancelledAt + 1), [], 'nothing for the map after cancelled');
  assert.ok(!forMap.some((m) => m.type === 'mapped'), 'the cancelled fit never finished');
  const lastStep = Math.max(...forMap.filter((m) => m.type === 'map_frame').map((m) => m.step));
  assert.ok(lastStep < 1000, `stopped at step ${lastStep}`);
  console.log(`map of ${points} points cancelled; last frame at step ${lastStep}`);
  await page.locator('[data-testid="map-area"]').screenshot({ path: join(SHOTS, 'map-cancelled.png') });
  // Drawn again, to the end.
  await byTestId('map-draw').click();
  await page.waitForSelector('[data-testid="map-progress"]', { timeout: TIMEOUT_MS });
  await page.waitForSelector('[data-testid="map-progress"]', { state: 'detached', timeout: TIMEOUT_MS });
  assert.equal(Number(await byTestId('embedding-map').getAttribute('data-points')), points);
  assert.equal(await byTestId('map-note').count(), 0);
  const mapped = (await fromWorker()).filter((m) => m.type === 'mapped');
  assert.equal(mapped.length, 1);
  assert.notEqual(mapped[0].request_id, mapId);
  console.log(`map: ${await page.locator('.embedding-map > .hint').textContent()}`);
});

test('no console errors', () => {
  const problems = suite.opened.flatMap((session) => session.problems);
  assert.deepEqual(problems, []);
});
