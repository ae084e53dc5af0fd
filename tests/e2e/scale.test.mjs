// End-to-end test of a long workspace in the built site (dist/) in the system Chromium: 1,000
// posts imported from one JSON Lines file (the 48 posts of fixtures/posture, each used again
// under other companies, so the importer keeps them as posts of their own while the model sees
// the same sentences), then analysed.
//
// A page holding 1,000 post editors spent 0.1–0.5 s of style, layout and garbage collection on
// every keystroke (docs/benchmarks.md); the long lists now draw only the rows in view. What is
// asserted is structural, not timed (timings live in bench/report.mjs): the page holds a bounded
// number of elements however many posts there are, the windowed list reaches every post by
// scrolling, a post opens in an editor and its edits are kept, refused posts keep their
// editors, the ranking is windowed and filtered by title, and a row opens its post. The time
// from a keystroke to the next frame is printed, as a figure.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test scale.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, E2E_SCREENSHOTS (a folder: the long post list and
// the long ranking are saved there, wide, 390 px and dark).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  analyze,
  byTestId as byTestIdOn,
  paste,
  savedWorkspace,
  startSuite,
  waitForModelReady,
  waitForRestored,
  waitForSaved,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => join(HERE, '..', '..', 'fixtures', 'posture', name);
const RESUME = readFileSync(fixture('resume.md'), 'utf8');
const BASE = readFileSync(fixture('posts.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const COUNT = 1000;
// Copy k of a post names another office of its company: a row of its own for the importer.
const POSTS = Array.from({ length: COUNT }, (_, i) => {
  const post = BASE[i % BASE.length];
  const copy = Math.floor(i / BASE.length);
  return { ...post, id: `s${i + 1}`, company: copy === 0 ? post.company : `${post.company} (office ${copy + 1})` };
});
const JSONL = Buffer.from(POSTS.map((post) => JSON.stringify(post)).join('\n'));

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

// Every drawn row of a windowed list is exactly the height the list computes with, or the space
// kept for the rows not drawn would be wrong and scrolling would jump.
async function assertRowHeights(testId) {
  const { rowHeight, heights } = await byTestId(testId).evaluate((box) => {
    const list = box.querySelector('ol');
    return {
      rowHeight: parseFloat(list.style.getPropertyValue('--row-height')),
      heights: [...list.children].map((row) => row.getBoundingClientRect().height),
    };
  });
  assert.ok(heights.length > 0);
  for (const height of heights) assert.ok(Math.abs(height - rowHeight) < 0.5, `${testId}: a row ${height} px high, not ${rowHeight}`);
}

async function shots(name, testId) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const save = (suffix) => byTestId(testId).screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${name}${suffix}.png`) });
  await byTestId(testId).scrollIntoViewIfNeeded();
  await save('');
  await page.setViewportSize({ width: 390, height: 900 });
  await save('-390');
  await page.emulateMedia({ colorScheme: 'dark' });
  await save('-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Elements in the document: what the browser styles and lays out on every change. */
const elements = () => page.evaluate(() => document.getElementsByTagName('*').length);

/** Milliseconds from typing one character in the resume box to the frame after it. */
async function keystrokeToFrame() {
  await byTestId('resume-input').focus();
  return page.evaluate(
    () =>
      new Promise((done) => {
        const box = document.querySelector('[data-testid="resume-input"]');
        const start = performance.now();
        box.value += 'x';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
      }),
  );
}

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
});

after(() => suite?.close());

test('1,000 posts: windowed list and ranking, every post reachable, bounded page', { timeout: MODEL_READY_TIMEOUT_MS + 3 * ANALYSIS_TIMEOUT_MS }, async () => {
  await waitForRestored(page);
  await paste(page, 'resume-input', RESUME);
  const emptyPage = await elements();
  await byTestId('posts-file').setInputFiles([{ name: 'posts.jsonl', mimeType: 'application/jsonl', buffer: JSONL }]);
  await page.waitForFunction((n) => document.querySelector('[data-testid="post-count"]')?.textContent.includes(`(${n})`), COUNT, { timeout: 60_000 });

  // One line per post, only those in view drawn: the page grows by a bounded number of elements.
  const list = byTestId('post-list');
  assert.equal(await list.getAttribute('data-rows'), String(COUNT));
  const rows = await byTestId('post-row').count();
  assert.ok(rows > 5 && rows < 80, `${rows} post rows drawn`);
  await assertRowHeights('post-list');
  assert.equal(await byTestId('post-item').count(), 0, 'no post editor is open');
  const withPosts = await elements();
  assert.ok(withPosts - emptyPage < 2_000, `the page grew by ${withPosts - emptyPage} elements for ${COUNT} posts`);
  const keystrokes = [];
  for (let i = 0; i < 5; i += 1) keystrokes.push(await keystrokeToFrame());
  console.log(`keystroke to frame with ${COUNT} posts, no report: ${keystrokes.map((ms) => ms.toFixed(0)).join(', ')} ms; ${withPosts} elements`);

  // Scrolling to the end reaches the last post; it opens in an editor, and an edit is kept.
  await list.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  const last = page.locator('[data-testid="post-row"]', { hasText: String(COUNT) }).last();
  await last.waitFor();
  assert.match(await last.locator('[data-testid="post-row-title"]').textContent(), new RegExp(POSTS[COUNT - 1].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await last.locator('[data-testid="post-open"]').click();
  const opened = byTestId('post-opened');
  await opened.waitFor();
  assert.equal(await opened.locator('[data-testid="post-text"]').inputValue(), POSTS[COUNT - 1].text);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'post-title', 'the opened post takes focus');
  await page.keyboard.press('End');
  await page.keyboard.type(' (edited)');
  await waitForSaved(page);
  const saved = await savedWorkspace(page);
  assert.equal(saved.posts.length, COUNT);
  assert.match(saved.posts[COUNT - 1].title, / \(edited\)$/);
  await shots('scale-posts', 'posts-panel');
  await byTestId('post-close').click();
  assert.equal(await byTestId('post-opened').count(), 0);
  // Back to the edited post's own title in its row.
  await list.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  await page.locator('[data-testid="post-row-title"]', { hasText: '(edited)' }).waitFor();

  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');

  // The ranking: every post ranked, the rows in view drawn, a filter by title.
  const ranking = byTestId('ranking');
  assert.equal(await ranking.getAttribute('data-rows'), String(COUNT));
  const ranked = await byTestId('ranking-item').count();
  assert.ok(ranked > 3 && ranked < 60, `${ranked} ranking rows drawn`);
  await assertRowHeights('ranking');
  assert.match(await byTestId('ranking-shown').textContent(), /All 1000 posts/);
  const nurses = POSTS.filter((post) => /nurse/i.test(post.title)).length;
  assert.ok(nurses > 0);
  await byTestId('ranking-filter').fill('nurse');
  await page.waitForFunction((n) => document.querySelector('[data-testid="ranking"]')?.dataset.rows === String(n), nurses);
  assert.match(await byTestId('ranking-shown').textContent(), new RegExp(`^${nurses} of 1000 posts`));
  for (const title of await byTestId('ranking-title').allTextContents()) assert.match(title, /nurse/i);
  const withReport = await elements();
  console.log(`with the report shown: ${withReport} elements; keystroke to frame ${(await keystrokeToFrame()).toFixed(0)} ms`);
  assert.ok(withReport - emptyPage < 4_000, `the page grew by ${withReport - emptyPage} elements with the report`);

  // A filtered row opens its post's requirements.
  const first = byTestId('ranking-row').first();
  const title = await first.getAttribute('data-title');
  await first.click();
  await byTestId('post-view').waitFor();
  assert.match(await byTestId('post-view').textContent(), new RegExp(title.split(' ')[0]));
  await byTestId('ranking-filter').fill('');
  await page.waitForFunction((n) => document.querySelector('[data-testid="ranking"]')?.dataset.rows === String(n), COUNT);
  await shots('scale-ranking', 'ranking-section');
});
