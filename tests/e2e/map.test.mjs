// End-to-end tests of the Pictures tab in the built site (dist/), in the system Chromium: the
// embedding map laid out in the worker and drawn on a canvas (points counted, hover shows a
// text, a click opens its post, a box selection lists what is inside it), the heatmap, the
// stories × posts heatmap and the charts with their table alternatives, in a wide window, at
// 390 px and in dark mode, with no console errors.
//
// Run: cd tests/e2e && node --test map.test.mjs (after `trunk build --release`).
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH, SCREENSHOTS (a folder to
// keep the screenshots in; default the system's temporary folder).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { analyze, byTestId as byTestIdOn, fillWorkspace, startSuite, waitForModelReady } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => readFileSync(join(HERE, 'fixtures', name), 'utf8');
const POSTS = [
  ['Data Engineer', fixture('post-data-engineer.txt')],
  ['ML Engineer', fixture('post-ml-engineer.txt')],
  ['Frontend Engineer', fixture('post-frontend.txt')],
];
const SHOTS = process.env.SCREENSHOTS ?? join(tmpdir(), 'jobdelta-map-shots');
mkdirSync(SHOTS, { recursive: true });
const MAP_TIMEOUT_MS = 120_000;

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForModelReady(page);
  await fillWorkspace(page, fixture('resume.md'), POSTS);
  assert.equal(await analyze(page), 'report');
});

after(async () => {
  await suite?.close();
});

/** Opens the Pictures tab and waits for the map to be drawn. */
async function openPictures() {
  await byTestId('tab-pictures').click();
  await page.waitForSelector('[data-testid="embedding-map"]', { timeout: MAP_TIMEOUT_MS });
}

/** Page positions of dots drawn on the map, read back from the canvas: pixels far from the
 * background colour, at most one per 10 px square. */
async function dotPositions() {
  return byTestId('embedding-map').evaluate((canvas) => {
    const ratio = canvas.width / canvas.clientWidth;
    const context = canvas.getContext('2d');
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const background = [data[0], data[1], data[2]];
    const found = [];
    const step = Math.max(1, Math.round(2 * ratio));
    for (let y = 0; y < height; y += step) {
      for (let x = 0; x < width; x += step) {
        const i = (y * width + x) * 4;
        const differs = Math.abs(data[i] - background[0]) + Math.abs(data[i + 1] - background[1]) + Math.abs(data[i + 2] - background[2]);
        if (differs > 120 && !found.some(([fx, fy]) => Math.abs(fx - x) < 10 * ratio && Math.abs(fy - y) < 10 * ratio)) {
          found.push([x, y]);
        }
      }
    }
    const box = canvas.getBoundingClientRect();
    return found.map(([x, y]) => [box.left + x / ratio + 1, box.top + y / ratio + 1]);
  });
}

test('the map draws every sentence, hover shows its text and a click opens its post', async () => {
  await openPictures();
  const report = await page.evaluate(() => document.querySelectorAll('[data-testid="ranking-row"]').length);
  assert.equal(report, 0, 'the posts view is hidden while the pictures show');
  const points = Number(await byTestId('embedding-map').getAttribute('data-points'));
  assert.ok(points > 20, `data-points = ${points}`);
  // The worker sent the settling layout (at least its first step) before the final one.
  assert.ok(Number(await byTestId('map-area').getAttribute('data-frames')) >= 1, 'a settling frame arrived');
  // The caption says how long the layout took in the worker (for docs/benchmarks.md).
  console.log(`map: ${await page.locator('.embedding-map > .hint').textContent()}`);
  await page.screenshot({ path: join(SHOTS, 'map-wide.png'), fullPage: false });

  // Hover each drawn dot until one is a requirement (its source is a post's title).
  const dots = await dotPositions();
  assert.ok(dots.length > 5, `${dots.length} dots found on the canvas`);
  let opened = null;
  for (const [x, y] of dots) {
    await page.mouse.move(x, y);
    const tooltip = byTestId('map-tooltip');
    if (!(await tooltip.count())) continue;
    const text = (await tooltip.locator('.map-tooltip-text').textContent()).trim();
    const source = (await tooltip.locator('.map-tooltip-source').textContent()).trim();
    assert.ok(text.length > 0, 'the tooltip shows the sentence');
    if (source === 'Your resume') continue;
    await page.screenshot({ path: join(SHOTS, 'map-hover.png') });
    await page.mouse.down();
    await page.mouse.up();
    opened = source;
    break;
  }
  assert.ok(opened, 'some point on the map is a requirement');
  await page.waitForSelector('[data-testid="post-view"]');
  assert.equal((await byTestId('post-view-title').textContent()).trim(), opened);
  assert.equal(await byTestId('tab-posts').getAttribute('aria-selected'), 'true');
});

test('the map colours by post and status, and its table lists every point', async () => {
  await openPictures();
  for (const [value, expected] of [['post', POSTS.length + 1], ['status', 2]]) {
    await byTestId('map-color').selectOption(value);
    const entries = await byTestId('map-legend').locator('li').count();
    assert.ok(entries >= expected, `${value}: ${entries} legend entries`);
  }
  await byTestId('map-color').selectOption('post');
  await page.locator('.embedding-map').screenshot({ path: join(SHOTS, 'map-by-post.png') });
  await byTestId('map-table-toggle').press('Enter');
  const rows = await byTestId('map-table').locator('tbody tr').count();
  assert.equal(rows, Number(await byTestId('embedding-map').getAttribute('data-points')));
  await byTestId('map-table-toggle').click();
  assert.equal(await byTestId('map-table').count(), 0);
});

test('the heatmap and the charts render with their tables', async () => {
  await openPictures();
  await page.waitForSelector('[data-testid="heatmap"]', { timeout: MAP_TIMEOUT_MS });
  const heatmap = byTestId('heatmap');
  const rows = Number(await heatmap.getAttribute('data-rows'));
  const columns = Number(await heatmap.getAttribute('data-columns'));
  assert.ok(rows > 0 && columns > 0, `${rows} × ${columns}`);
  assert.equal(await heatmap.locator('rect').count(), rows * columns);
  await heatmap.locator('rect').nth(0).hover();
  const note = await byTestId('heatmap-note').textContent();
  assert.match(note, /^-?\d\.\d\d · requirement: .+ · your sentence: .+/);
  await byTestId('heatmap-table-toggle').click();
  assert.equal(await byTestId('heatmap-table').locator('tbody tr').count(), rows);
  // Another post's heatmap.
  const second = await byTestId('heatmap-post').locator('option').nth(1).getAttribute('value');
  await byTestId('heatmap-post').selectOption(second);
  await page.waitForSelector(`[data-testid="heatmap"][data-post="${second}"]`, { timeout: MAP_TIMEOUT_MS });

  assert.ok((await byTestId('fit-chart').locator('rect').count()) > 0);
  await byTestId('fit-chart-table-toggle').click();
  assert.equal(await byTestId('fit-chart-table').locator('tbody tr').count(), POSTS.length);
  if (await byTestId('skills-chart').count()) {
    const bars = await byTestId('skills-chart').locator('rect').count();
    assert.ok(bars > 0);
    await byTestId('skills-chart-table-toggle').click();
    assert.ok((await byTestId('skills-chart-table').locator('tbody tr').count()) >= bars);
  }
  await page.locator('section[aria-labelledby="heat-heading"]').screenshot({ path: join(SHOTS, 'heatmap.png') });
  await page.locator('.charts').screenshot({ path: join(SHOTS, 'charts.png') });
  // The fit chart places each post's tick at its fit (0–100 across the axis): the ticks spread.
  const ticks = await byTestId('fit-chart').locator('path').evaluateAll((paths) =>
    paths.map((p) => Number(p.getAttribute('d').slice(1).split(' ')[0])),
  );
  assert.equal(ticks.length, POSTS.length);
  assert.ok(Math.max(...ticks) - Math.min(...ticks) > 20, `ticks at ${ticks}`);
});

test('a box on the map lists the sentences inside it', async () => {
  // Tall enough for the whole canvas to be on screen (leaving the canvas drops the box).
  await page.setViewportSize({ width: 1280, height: 1400 });
  await openPictures();
  await byTestId('embedding-map').scrollIntoViewIfNeeded();
  const points = Number(await byTestId('embedding-map').getAttribute('data-points'));
  const box = await byTestId('embedding-map').boundingBox();
  // Shift-drag over the whole canvas: every point.
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width - 10, box.y + box.height - 10, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  assert.equal(Number(await byTestId('map-selection-count').getAttribute('data-count')), points);
  assert.equal(await byTestId('map-selection-item').count(), Math.min(points, 200));
  await page.locator('.embedding-map').screenshot({ path: join(SHOTS, 'map-selection-all.png') });
  await byTestId('map-selection-clear').click();
  assert.equal(await byTestId('map-selection').count(), 0);

  // In "Select area" mode, a small box around one dot lists that dot's sentence, and fewer.
  await byTestId('map-select-mode').click();
  assert.equal(await byTestId('map-select-mode').getAttribute('aria-pressed'), 'true');
  const [x, y] = (await dotPositions())[0];
  await byTestId('map-select-mode').click(); // hover needs the normal mode
  await page.mouse.move(x, y);
  await page.waitForSelector('[data-testid="map-tooltip"]');
  const hovered = (await byTestId('map-tooltip').locator('.map-tooltip-text').textContent()).trim();
  await byTestId('map-select-mode').click();
  await page.mouse.move(x - 12, y - 12);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 12, { steps: 4 });
  await page.mouse.up();
  const some = Number(await byTestId('map-selection-count').getAttribute('data-count'));
  assert.ok(some >= 1 && some < points, `${some} of ${points} in the small box`);
  const listed = await byTestId('map-selection-item').locator('q').allTextContents();
  assert.ok(listed.map((t) => t.trim()).includes(hovered), `${JSON.stringify(listed)} holds ${hovered}`);
  await page.locator('.embedding-map').screenshot({ path: join(SHOTS, 'map-selection.png') });
  await byTestId('map-selection-clear').click();
  assert.equal(await byTestId('map-selection').count(), 0);
  await byTestId('map-select-mode').click();
  assert.equal(await byTestId('map-select-mode').getAttribute('aria-pressed'), 'false');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the map names its clumps, and a name selects its clump', async () => {
  await openPictures();
  const groups = byTestId('map-group');
  assert.ok((await groups.count()) >= 1, 'at least one named group');
  const names = await groups.allTextContents();
  for (const name of names) assert.match(name, /^[\p{L}][\p{L}\p{M}'’.-]*(, [\p{L}][\p{L}\p{M}'’.-]*)? \(\d+\)$/u, name);
  const members = Number(await groups.first().getAttribute('data-members'));
  await groups.first().click();
  assert.equal(Number(await byTestId('map-selection-count').getAttribute('data-count')), members);
  // Each name is a word of at least two of the selected sentences.
  const word = names[0].split(/[ ,(]/)[0].toLowerCase();
  const texts = (await byTestId('map-selection-item').locator('q').allTextContents()).map((t) => t.toLowerCase());
  assert.ok(texts.filter((t) => t.includes(word)).length >= 2, `${word} in ${JSON.stringify(texts)}`);
  await page.locator('.embedding-map').screenshot({ path: join(SHOTS, 'map-groups.png') });
  await byTestId('map-selection-clear').click();
  // Names off: the canvas changes (the names were drawn on it).
  const before = await byTestId('embedding-map').evaluate((c) => c.toDataURL());
  await byTestId('map-names').uncheck();
  const after = await byTestId('embedding-map').evaluate((c) => c.toDataURL());
  assert.notEqual(before, after);
  await byTestId('map-names').check();
});

test('the stories × posts heatmap comes with the interview', async () => {
  await openPictures();
  await byTestId('story-heatmap-prepare').click();
  await page.waitForSelector('[data-testid="story-heatmap"]', { timeout: MAP_TIMEOUT_MS });
  const heatmap = byTestId('story-heatmap');
  const rows = Number(await heatmap.getAttribute('data-rows'));
  const columns = Number(await heatmap.getAttribute('data-columns'));
  assert.equal(columns, POSTS.length);
  assert.ok(rows >= 2, `${rows} stories`);
  assert.equal(await heatmap.locator('rect').count(), rows * columns);
  // The rows are the interview's stories with sentences: the same count the panel lists.
  const stories = await page.locator('[data-testid="story"]').count();
  assert.ok(rows <= stories, `${rows} rows, ${stories} stories`);
  await heatmap.locator('rect').nth(0).hover();
  assert.match(await byTestId('story-heatmap-note').textContent(), /^-?\d\.\d\d · story: .+ · post: .+/);
  // Not every cell is the same: some stories carry some posts better.
  const shades = new Set(await heatmap.locator('rect').evaluateAll((cells) => cells.map((c) => c.getAttribute('fill-opacity'))));
  assert.ok(shades.size > 1, `shades ${[...shades]}`);
  await byTestId('story-heatmap-table-toggle').click();
  assert.equal(await byTestId('story-heatmap-table').locator('tbody tr').count(), rows);
  const titles = POSTS.map(([title]) => title);
  const firstRow = await byTestId('story-heatmap-table').locator('tbody tr').first().locator('li').allTextContents();
  assert.ok(firstRow.every((item) => titles.some((t) => item.startsWith(t))), JSON.stringify(firstRow));
  await page.locator('section[aria-labelledby="story-heat-heading"]').screenshot({ path: join(SHOTS, 'story-heatmap.png') });
});

test('narrow and dark: the map still fits and draws', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPictures();
  const box = await byTestId('embedding-map').boundingBox();
  assert.ok(box.width <= 390 && box.width > 200, `canvas ${box.width} px wide`);
  const background = await byTestId('embedding-map').evaluate((canvas) => {
    const [r, g, b] = canvas.getContext('2d').getImageData(1, 1, 1, 1).data;
    return r + g + b;
  });
  assert.ok(background < 200, `dark canvas background (sum ${background})`);
  await byTestId('embedding-map').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'map-narrow-dark.png') });
  // The stories × posts heatmap scrolls inside its frame rather than widening the page.
  const story = page.locator('section[aria-labelledby="story-heat-heading"]');
  await story.scrollIntoViewIfNeeded();
  assert.ok((await story.boundingBox()).width <= 390);
  await story.screenshot({ path: join(SHOTS, 'story-heatmap-narrow-dark.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('no console errors', () => {
  const problems = suite.opened.flatMap((session) => session.problems);
  assert.deepEqual(problems, []);
});
