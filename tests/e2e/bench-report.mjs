// Benchmark: one resume against many job posts in the built app, in the system Chromium.
//
//   node tests/e2e/bench-report.mjs --resume FILE --posts FILE.jsonl [--count 100] [--dist DIR]
//
// FILE.jsonl holds one post per line ({"title", "text"}), e.g. the evaluation set in
// ../shared/eval (read from the given path, never copied). Prints, for a cold analysis (empty
// embedding cache) and a warm one (same inputs again): sentences, seconds, sentences/s, and how
// responsive the page stayed (longest gap between animation frames, long tasks over 50 ms).
// Figures only: nothing here asserts a time.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    resume: { type: 'string' },
    posts: { type: 'string' },
    count: { type: 'string', default: '100' },
    dist: { type: 'string', default: join(HERE, '..', '..', 'dist') },
  },
});
if (!args.resume || !args.posts) {
  console.error('usage: bench-report.mjs --resume FILE --posts FILE.jsonl [--count N] [--dist DIR]');
  process.exit(2);
}
const count = Number(args.count);
const resume = readFileSync(args.resume, 'utf8');
const posts = readFileSync(args.posts, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line))
  // A line made of dashes would split a post in two when pasted together.
  .map((post) => post.text.replace(/^\s*-{3,}\s*$/gm, ''))
  .slice(0, count);

const site = await startServer(resolve(args.dist), 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  console.error('waiting for the model…');
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);
  await page.waitForSelector('[data-testid="model-status"][data-state="ready"]', { timeout: 300_000 });

  console.error('model ready; adding the resume and posts…');
  await byTestId('resume-input').fill(resume);
  await byTestId('job-input').fill(posts.join('\n---\n'));
  await byTestId('add-job').click();

  const refused = page.locator('[data-testid="post-item"]:has([data-testid="input-problem"])');
  let kept = posts.length;
  for (const run of ['cold', 'warm']) {
    await page.evaluate(() => {
      // Longest gap between frames and long tasks while the analysis runs.
      window.__bench = { maxGap: 0, longTasks: 0, longest: 0, running: true, total: NaN, label: '' };
      // The progress bar goes away with the report: keep its last figures.
      const watch = setInterval(() => {
        const bar = document.querySelector('[data-testid="progress"]');
        if (bar) window.__bench.total = Number(bar.getAttribute('max'));
        const label = document.querySelector('[data-testid="progress-label"]');
        if (label) window.__bench.label = label.textContent;
        if (!window.__bench.running) clearInterval(watch);
      }, 50);
      let last = performance.now();
      const tick = (now) => {
        window.__bench.maxGap = Math.max(window.__bench.maxGap, now - last);
        last = now;
        if (window.__bench.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.__bench.longTasks += 1;
          window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
        }
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await byTestId('analyze').click();
    const ticker = setInterval(async () => {
      const label = await page.evaluate(() => window.__bench.label).catch(() => '');
      console.error(`  ${run} ${((Date.now() - started) / 1000).toFixed(0)} s: ${label}`);
    }, 30_000);
    const finished = (n) => page.waitForFunction(
      (n) => document.querySelector('[data-testid="post-item"] [data-testid="input-problem"]') ||
        (document.querySelectorAll('[data-testid="ranking-row"]').length >= n &&
          !document.querySelector('[data-testid="cancel-analysis"]')),
      n,
      { timeout: 3_600_000, polling: 250 },
    );
    await finished(kept);
    if (await refused.count()) {
      // Posts the app refuses (e.g. only company text) are removed, as a person would, and
      // the analysis started again (the refusal itself takes about a second).
      while (await refused.count()) {
        console.error(`  removed a refused post: ${await refused.first().locator('[data-testid="input-problem"]').textContent()}`);
        await refused.first().locator('[data-testid="post-remove"]').click();
      }
      kept = await page.locator('[data-testid="post-item"]').count();
      await byTestId('analyze').click();
      await finished(kept);
    }
    clearInterval(ticker);
    const seconds = (Date.now() - started) / 1000;
    const stats = await page.evaluate(() => {
      window.__bench.running = false;
      return window.__bench;
    });
    const sentences = stats.total;
    console.log(
      `${run}: posts=${kept} sentences=${sentences} seconds=${seconds.toFixed(1)} ` +
        `sentences_per_s=${(sentences / seconds).toFixed(1)} max_frame_gap_ms=${stats.maxGap.toFixed(0)} ` +
        `long_tasks=${stats.longTasks} longest_task_ms=${stats.longest.toFixed(0)} last_progress="${stats.label}"`,
    );
  }
} finally {
  await browser.close();
  site.server.close();
}
