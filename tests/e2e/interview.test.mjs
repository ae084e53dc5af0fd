// End-to-end test of "Interview yourself" in the built site (dist/), in the system Chromium:
// the brag document's stories with their dates and themes (the timeline coloured by theme,
// the CLI's `jobdelta stories --json` themes equal to the page's), a question answered with its sources, the
// question bank with a post's questions, the "Tell me about yourself" outline built,
// reordered and exported, and the CLI (`jobdelta ask --json`) giving the scores the page
// shows. Screenshots (wide, 390 px, dark) go to $JOBDELTA_SHOTS (default /tmp).
//
// Run: cd tests/e2e && node --test interview.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, JOBDELTA_CLI (default ../../target/debug/jobdelta).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ANALYSIS_TIMEOUT_MS, MODEL_READY_TIMEOUT_MS, byTestId as byTestIdOn, fillWorkspace, startSuite, waitForModelReady } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const SHOTS = process.env.JOBDELTA_SHOTS ?? '/tmp';
const BRAG_PATH = join(ROOT, 'fixtures', 'interview', 'brag-markdown.md');
const BRAG = readFileSync(BRAG_PATH, 'utf8');
const POST_TITLE = 'Backend engineer, payments';
const POST = 'Requirements\n- Experience running Kafka in production\n- Strong PostgreSQL skills\n- You have mentored other engineers\n\nNice to have\n- Rust\n';
const QUESTION = 'Tell me about a time you disagreed with a colleague';

let suite;
let page;
let problems;
const byTestId = (id) => byTestIdOn(page, id);

before(async () => {
  suite = await startSuite();
  ({ page, problems } = await suite.open());
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForModelReady(page);
  await fillWorkspace(page, BRAG, [[POST_TITLE, POST]]);
}, { timeout: MODEL_READY_TIMEOUT_MS + 60_000 });

after(async () => {
  await suite?.close();
});

test('the interview lists the stories with their dates', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  await byTestId('interview-prepare').click();
  await page.waitForSelector('[data-testid="story"]', { timeout: ANALYSIS_TIMEOUT_MS });
  const stories = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="story"]')].map((s) => [s.querySelector('strong').textContent, s.dataset.start, s.dataset.end]),
  );
  assert.deepEqual(stories, [
    ['Checkout latency', '2024-02', '2024-06'],
    ['Hiring loop', '2024', '2024'],
    ['Kafka migration', '2023', '2023'],
    ['Disagreement over the data model', '2023', '2023'],
    ['A failed launch', '2023', '2023'],
  ]);
  assert.equal(await byTestId('timeline').count(), 1);
  assert.equal(await page.locator('.timeline-bar').count(), 5);
});

test('themes are shown with labels, colour the stories and the timeline, and equal the CLI\'s', async () => {
  const themes = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="theme"]')].map((t) => ({
      id: Number(t.dataset.theme),
      label: t.querySelector('[data-testid="theme-label"]').textContent,
      stories: t.dataset.stories.split(',').map(Number),
    })),
  );
  assert.ok(themes.length >= 1, 'no theme shown');
  for (const theme of themes) assert.ok(theme.label.trim().length > 0, `theme ${theme.id} has no label`);
  // Every story with statements is in exactly one theme, and shows it.
  const storyThemes = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid="story"]')].map((s) => [s.dataset.story, s.dataset.theme])),
  );
  const inThemes = themes.flatMap((t) => t.stories.map((s) => [String(s), String(t.id)]));
  assert.deepEqual(Object.fromEntries(inThemes), storyThemes);
  // The timeline: each item coloured by its story's theme, and a legend naming every theme.
  const items = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="timeline-item"]')].map((i) => [i.dataset.story, i.dataset.theme, getComputedStyle(i.querySelector('.timeline-bar')).backgroundColor]),
  );
  assert.equal(items.length, 5);
  for (const [story, theme] of items) assert.equal(theme, storyThemes[story]);
  const colourOf = new Map();
  for (const [, theme, colour] of items) {
    if (colourOf.has(theme)) assert.equal(colourOf.get(theme), colour, `theme ${theme} in two colours`);
    colourOf.set(theme, colour);
  }
  if (themes.length <= 8) assert.equal(new Set(colourOf.values()).size, colourOf.size, 'two themes share a colour');
  assert.equal(await byTestId('timeline-legend').locator('li').count(), themes.length);
  // Choosing a theme highlights its stories (the others dimmed); choosing it again clears it.
  const chosen = themes[0];
  await byTestId('theme').first().locator('button').click();
  const dimmed = await page.evaluate(() => [...document.querySelectorAll('[data-testid="story"].dimmed')].map((s) => Number(s.dataset.story)));
  assert.deepEqual(dimmed.sort(), Object.keys(storyThemes).map(Number).filter((s) => !chosen.stories.includes(s)).sort());
  await page.screenshot({ path: join(SHOTS, 'interview-theme-chosen.png'), fullPage: false });
  await byTestId('theme').first().locator('button').click();
  assert.equal(await page.locator('[data-testid="story"].dimmed').count(), 0);

  if (existsSync(CLI)) {
    const cli = JSON.parse(execFileSync(CLI, ['stories', '--model', WEB_MODEL, '--resume', BRAG_PATH, '--json'], { encoding: 'utf8' }));
    assert.deepEqual(cli.themes, themes);
    const cliStoryThemes = Object.fromEntries(cli.stories.filter((s) => s.themes.length > 0).map((s) => [String(s.id), String(s.themes[0])]));
    assert.deepEqual(cliStoryThemes, storyThemes);
    console.log(`themes: ${themes.map((t) => `${t.label} [${t.stories}]`).join('; ')}`);
  } else {
    console.log(`no CLI at ${CLI}: the page/CLI theme comparison was skipped`);
  }
});

test('a question is answered with sentences and their stories', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  await byTestId('ask-input').fill(QUESTION);
  const started = Date.now();
  await byTestId('ask-button').click();
  await page.waitForSelector('[data-testid="ask-answer"]', { timeout: ANALYSIS_TIMEOUT_MS });
  const elapsed = Date.now() - started;
  const best = page.locator('.ask-story').first();
  assert.match(await best.locator('h4').textContent(), /^Disagreement over the data model/);
  assert.match(await best.locator('[data-testid="ask-answer"]').first().textContent(), /Disagreed with our staff engineer/);
  console.log(`ask answered in ${elapsed} ms (${await byTestId('ask-stats').textContent()})`);
  // Scores best first.
  const scores = await page.evaluate(() => [...document.querySelectorAll('[data-testid="ask-answer"]')].map((a) => Number(a.dataset.score)));
  assert.equal(scores.length, 8);

  if (existsSync(CLI)) {
    const cli = JSON.parse(
      execFileSync(CLI, ['ask', '--model', WEB_MODEL, '--resume', BRAG_PATH, '--question', QUESTION, '--top', '8', '--json'], { encoding: 'utf8' }),
    );
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="ask-answer"]')].map((a) => [a.lastElementChild.textContent, a.dataset.score]),
    );
    // The page groups by story: the same sentences, each with the same score (to 0.001: the
    // page runs the wasm SIMD kernels, the CLI the native ones, on the same f16 weights).
    const pageScores = new Map(shown.map(([text, score]) => [text, Number(score)]));
    assert.deepEqual([...pageScores.keys()].sort(), cli.answers.map((a) => a.text).sort());
    for (const answer of cli.answers) {
      assert.ok(Math.abs(pageScores.get(answer.text) - answer.score) < 1e-3, `${answer.text}: ${pageScores.get(answer.text)} vs ${answer.score}`);
    }
  } else {
    console.log(`no CLI at ${CLI}: the page/CLI comparison was skipped`);
  }
});

test('the question bank shows the questions the post will likely ask', async () => {
  await byTestId('interview-post').selectOption({ label: POST_TITLE });
  const rows = byTestId('post-questions').locator('[data-testid="question-row"]');
  await rows.first().waitFor();
  const questions = await rows.locator('.question-text span:last-child').allTextContents();
  assert.ok(questions.includes('Tell me about your experience with Kafka.'), questions.join(' | '));
  assert.ok(questions.includes('Tell me about your experience with PostgreSQL.'), questions.join(' | '));
  const kafka = rows.filter({ hasText: 'experience with Kafka' });
  assert.match(await kafka.locator('.question-best').textContent(), /^Kafka migration/);
});

test('the outline builds, reorders and exports', async () => {
  const items = byTestId('pitch-item');
  assert.ok((await items.count()) >= 2);
  assert.equal(await items.first().getAttribute('data-part'), 'Present');
  const stats = await byTestId('pitch-stats').textContent();
  const [, words, seconds] = stats.match(/^(\d+) words, about (\d+) seconds/);
  assert.ok(Number(words) <= 225 && Number(words) > 0, stats);
  assert.equal(Number(seconds), Math.round((Number(words) * 60) / 150));
  const order = async () => page.evaluate(() => [...document.querySelectorAll('[data-testid="pitch-item"]')].map((i) => i.dataset.story));
  const before = await order();
  await items.first().locator('[data-testid="pitch-down"]').click();
  const after = await order();
  assert.deepEqual(after, [before[1], before[0], ...before.slice(2)]);
  // Swap a story out: it leaves the outline.
  const swapped = after[0];
  await items.first().locator('[data-testid="pitch-swap"]').click();
  assert.ok(!(await order()).includes(swapped));
  await byTestId('pitch-export-markdown').click();
  const markdown = await byTestId('pitch-export').inputValue();
  assert.match(markdown, new RegExp(`^# Tell me about yourself — ${POST_TITLE}`));
  assert.match(markdown, /## Present/);
  // Only the person's own sentences.
  for (const line of markdown.split('\n').filter((l) => l.startsWith('- '))) {
    const sentence = line.slice(2).replace(/\.$/, '');
    assert.ok(BRAG.replace(/\s+/g, ' ').includes(sentence), sentence);
  }
  await byTestId('pitch-export-text').click();
  assert.doesNotMatch(await byTestId('pitch-export').inputValue(), /^#/);
});

test('screenshots: wide, 390 px, dark; no console errors', async () => {
  await byTestId('interview-panel').screenshot({ path: join(SHOTS, 'interview-wide.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await byTestId('interview-panel').screenshot({ path: join(SHOTS, 'interview-390.png') });
  await page.locator('.interview-themes').screenshot({ path: join(SHOTS, 'themes-390.png') });
  await byTestId('timeline').screenshot({ path: join(SHOTS, 'timeline-390.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await byTestId('timeline').screenshot({ path: join(SHOTS, 'timeline-390-dark.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await byTestId('interview-panel').screenshot({ path: join(SHOTS, 'interview-dark.png') });
  await page.locator('.interview-themes').screenshot({ path: join(SHOTS, 'themes-dark.png') });
  await byTestId('timeline').screenshot({ path: join(SHOTS, 'timeline-dark.png') });
  assert.deepEqual(problems, []);
});
