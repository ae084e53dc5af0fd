// End-to-end tests of the page as a new user meets it (issue 13, "also found, tried as a new
// user would"): the example workspace, keyboard use of the report tabs, focus after removing a
// post, a 320 px wide screen, a far too big paste, the report after a reload, the word pieces
// and summary layout, the status line, and jargon-only comparison of plain-word tech names.
// Each test also saves a screenshot under $E2E_SCREENSHOTS (default /tmp/jobdelta-e2e) to look at.
// Run: cd tests/e2e && node --test ui.test.mjs (after trunk build --release).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  analyze,
  byTestId,
  paste,
  startSuite,
  waitForModelReady,
  waitForRestored,
  waitForSaved,
} from './harness.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/jobdelta-e2e';
mkdirSync(SHOTS, { recursive: true });

let suite; // see harness.mjs startSuite
let session; // one context (one loaded model, one IndexedDB) shared by the tests in order
let page;

const id = (testId) => byTestId(page, testId);
const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

before(async () => {
  suite = await startSuite();
  session = await suite.open();
  page = session.page;
  await waitForModelReady(page);
});

after(() => suite?.close());

test('the status line says "Model ready"; how it runs is behind a Details toggle', async () => {
  assert.equal((await id('model-status').textContent()).trim(), 'Model ready');
  const engine = id('model-engine');
  assert.equal(await engine.isVisible(), false, 'the engine line starts folded');
  await id('model-details').locator('summary').click();
  assert.equal(await engine.isVisible(), true);
  assert.match(await engine.textContent(), /all-MiniLM-L6-v2 \(.*\), loaded in/);
  await shot('status-details');
  await id('model-details').locator('summary').click();
});

test('jargon only keeps "pytest" and "Python" (known tech names written as plain words)', async () => {
  await id('first-text').fill('pytest');
  await id('second-text').fill('Python');
  await id('compare').click();
  await page.waitForSelector('[data-testid="result"]:not(.is-stale)', { timeout: 60_000 });
  const jargon = await page.locator('[data-testid="preprocessed-cosine"][data-mode="JargonOnly"] dd').textContent();
  assert.doesNotMatch(jargon, /no words left/);
  assert.ok(Number.isFinite(Number(jargon)), `a cosine: ${jargon}`);
  await id('first-text').fill('');
  await id('second-text').fill('');
});

test('a first visit offers the example, which fills an empty workspace and analyses', { timeout: ANALYSIS_TIMEOUT_MS + 30_000 }, async () => {
  await waitForRestored(page);
  await shot('first-visit');
  await id('try-example').click();
  assert.match(await id('resume-input').inputValue(), /Maya Okafor/);
  assert.equal(await id('post-item').count(), 3);
  assert.equal(await id('example-offer').count(), 0, 'the offer goes once the workspace has content');
  assert.equal(await analyze(page), 'report');
  assert.equal(await id('ranking-row').count(), 3);
  await shot('example-report');
});

test('the report tabs are a tablist: Tab reaches the selected tab, arrows, Home and End switch', async () => {
  const posts = id('tab-posts');
  const sentences = id('tab-sentences');
  assert.equal(await posts.getAttribute('tabindex'), '0');
  assert.equal(await sentences.getAttribute('tabindex'), '-1');
  // From the control before the tabs, one Tab reaches the selected tab.
  await page.locator('.thresholds input').last().focus();
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'tab-posts-tab');
  const expectSelected = async (tab, key) => {
    assert.equal(await focusedId(), `${tab}-tab`, `focus after ${key}`);
    assert.equal(await id(tab).getAttribute('aria-selected'), 'true', `selected after ${key}`);
    assert.equal(await id(tab).getAttribute('tabindex'), '0');
    assert.equal(await page.locator('#report-panel').getAttribute('aria-labelledby'), `${tab}-tab`);
  };
  // Five tabs (posts, your sentences, pictures, role families, compare models): the arrows
  // wrap around.
  for (const [key, tab] of [
    ['ArrowRight', 'tab-sentences'],
    ['ArrowRight', 'tab-pictures'],
    ['ArrowRight', 'tab-families'],
    ['ArrowRight', 'tab-models'],
    ['ArrowRight', 'tab-posts'],
    ['ArrowLeft', 'tab-models'],
    ['Home', 'tab-posts'],
    ['End', 'tab-models'],
    ['ArrowLeft', 'tab-families'],
    ['ArrowLeft', 'tab-pictures'],
    ['ArrowLeft', 'tab-sentences'],
  ]) {
    await page.keyboard.press(key);
    await expectSelected(tab, key);
  }
  assert.equal(await id('sentences-view').isVisible(), true, 'the middle tab shows "Your sentences"');
  await shot('tab-sentences');
  await page.keyboard.press('Home');
  await expectSelected('tab-posts', 'Home');
});

test('the word pieces of "Terms the model barely sees" stay small, and summary cards keep their own height', async () => {
  // The example's posts name tools the tokenizer shatters (Linkerd, Zustand…); look at each post.
  let pieces = 0;
  for (let row = 0; row < 3; row++) {
    await id('ranking-row').nth(row).click();
    const shown = page.locator('[data-testid="unseen-term"] .piece');
    for (const box of await shown.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()))) {
      pieces += 1;
      assert.ok(box.width < 120, `a word piece ${box.width.toFixed(0)} px wide`);
      assert.ok(box.height < 40, `a word piece ${box.height.toFixed(0)} px high`);
    }
  }
  assert.ok(pieces > 0, 'the example shows shattered terms');
  await id('unseen-terms').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'unseen-terms.png') });

  // Each card ends where its content ends (not stretched to the tallest card of its row).
  const gaps = await page.locator('.summary-block').evaluateAll((blocks) =>
    blocks.map((block) => {
      const style = getComputedStyle(block);
      const last = block.lastElementChild.getBoundingClientRect().bottom;
      return block.getBoundingClientRect().bottom - last - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
    }),
  );
  assert.ok(gaps.length >= 3, `summary cards: ${gaps.length}`);
  for (const gap of gaps) assert.ok(Math.abs(gap) < 2, `space under a card's content: ${gap.toFixed(1)} px`);
  await id('summary').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'summary.png') });
});

test('after a reload the last report is back at once, and goes when the inputs change', { timeout: ANALYSIS_TIMEOUT_MS + MODEL_READY_TIMEOUT_MS }, async () => {
  await waitForSaved(page);
  const stats = await id('report-stats').textContent();
  const ranking = () => id('ranking-row').evaluateAll((rows) => rows.map((r) => r.textContent));
  const before = await ranking();
  await page.reload();
  await waitForRestored(page);
  // Shown as soon as the workspace is read, before the model is ready.
  await page.waitForSelector('[data-testid="report-restored"]', { timeout: 10_000 });
  assert.equal(await id('report-stats').textContent(), stats);
  assert.deepEqual(await ranking(), before);
  assert.equal(await id('report-stale').count(), 0);
  await shot('after-reload');
  await waitForModelReady(page);
  // The worker has not read it yet: Search says to analyze again.
  assert.match(await id('search-button').getAttribute('title'), /last visit/);
  // Analysing again replaces it (from the cache).
  assert.equal(await analyze(page), 'report');
  assert.equal(await id('report-restored').count(), 0);
  // A report of other inputs is not shown after a reload.
  await paste(page, 'resume-input', `${await id('resume-input').inputValue()}\nOne more line.`);
  await waitForSaved(page);
  await page.reload();
  await waitForRestored(page);
  await page.waitForTimeout(1_000);
  assert.equal(await id('report').count(), 0);
  await paste(page, 'resume-input', (await id('resume-input').inputValue()).replace(/\nOne more line\.$/, ''));
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');
});

test('removing a post moves focus to the next post, else the previous, else the new-post box', async () => {
  const editorId = (n) => id('post-item').nth(n).locator('[data-testid="post-text"]').getAttribute('id');
  const third = await editorId(2);
  await id('post-item').nth(1).locator('[data-testid="post-remove"]').click();
  assert.equal(await focusedId(), third, 'the next post');
  const first = await editorId(0);
  await id('post-item').nth(1).locator('[data-testid="post-remove"]').press('Enter');
  assert.equal(await focusedId(), first, 'the previous post, the last one having gone');
  await id('post-item').nth(0).locator('[data-testid="post-remove"]').click();
  assert.equal(await focusedId(), 'new-post-text', 'the new-post box, no post being left');
  await shot('after-removals');
  // Back to the example for the next tests.
  await id('resume-input').fill('');
  await waitForSaved(page);
  await id('try-example').click();
});

test('at 320 px wide no view scrolls sideways', { timeout: ANALYSIS_TIMEOUT_MS + 60_000 }, async () => {
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    const overflow = () => page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${el.getBoundingClientRect().right.toFixed(0)} px)`);
      return { scroll: document.documentElement.scrollWidth, width, wide };
    });
    const check = async (view) => {
      await shot(`320-${view}`);
      const { scroll, width, wide } = await overflow();
      assert.ok(scroll <= width, `${view}: the page is ${scroll} px wide in a ${width} px window; too wide: ${wide.join(', ')}`);
    };
    await check('inputs');
    assert.equal(await analyze(page), 'report');
    await check('report-posts');
    await id('tab-sentences').click();
    await check('report-sentences');
    await id('tab-posts').click();
    await id('search-input').fill('Kubernetes in production');
    await id('search-button').click();
    await page.waitForSelector('[data-testid="search-stats"]', { timeout: 60_000 });
    await check('search');
    await id('first-text').fill('Built data pipelines in Python.');
    await id('second-text').fill('Experience with Apache Airflow and pytest.');
    await id('compare').click();
    await page.waitForSelector('[data-testid="result"]:not(.is-stale)', { timeout: 60_000 });
    await check('compare');
  } finally {
    await page.setViewportSize({ width: 1280, height: 720 });
  }
});

test('a 2 MB paste is named too big at once, before any splitting, and the page stays responsive', async () => {
  const line = 'Built and ran data pipelines in Python for a team of six engineers.\n';
  const huge = line.repeat(Math.ceil(2_000_000 / line.length));
  const resume = await id('resume-input').inputValue();

  // The resume: the message comes with the paste; Analyse waits.
  let started = Date.now();
  await paste(page, 'resume-input', huge);
  await page.waitForSelector('[data-testid="resume-size"]', { timeout: 5_000 });
  const resumeMs = Date.now() - started;
  assert.match(await id('resume-size').textContent(), /This resume is 2\.0 MB in \d+ lines/);
  // Frames keep coming while the 2 MB sit in the box.
  const frameGap = await page.evaluate(() => new Promise((resolve) => {
    let last = performance.now();
    let worst = 0;
    let frames = 0;
    const tick = (now) => {
      worst = Math.max(worst, now - last);
      last = now;
      if (++frames < 20) requestAnimationFrame(tick);
      else resolve(worst);
    };
    requestAnimationFrame(tick);
  }));
  assert.ok(frameGap < 500, `longest frame gap ${frameGap.toFixed(0)} ms`);
  await shot('paste-2mb-resume');
  await paste(page, 'resume-input', resume);
  assert.equal(await id('resume-size').count(), 0);

  // The new-post box: named at paste time; added, the post says it too.
  started = Date.now();
  await paste(page, 'job-input', huge);
  await page.waitForSelector('[data-testid="draft-size"]', { timeout: 5_000 });
  const draftMs = Date.now() - started;
  assert.match(await id('draft-size').textContent(), /This post is 2\.0 MB/);
  const posts = await id('post-item').count();
  await id('add-job').click();
  assert.equal(await id('post-item').count(), posts + 1);
  assert.equal(await id('draft-size').count(), 0);
  assert.match(await id('post-size').textContent(), /This post is 2\.0 MB/);
  await id('post-item').last().locator('[data-testid="post-remove"]').click();
  console.log(`  size message after the paste: resume ${resumeMs} ms, new post ${draftMs} ms; longest frame gap ${frameGap.toFixed(0)} ms`);
  // Measured from Playwright, so the 2 MB sent to the page count too (2.6–3.6 s on the busy
  // 2-core machine); the issue saw the message 31 s after the paste.
  assert.ok(resumeMs < 10_000 && draftMs < 10_000, `${resumeMs} ms, ${draftMs} ms`);
  assert.deepEqual(session.problems, []);
});
