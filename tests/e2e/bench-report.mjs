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
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);
  await page.waitForSelector('[data-testid="model-status"][data-state="ready"]', { timeout: 300_000 });

  await byTestId('resume-input').fill(resume);
  await byTestId('job-input').fill(posts.join('\n---\n'));
  await byTestId('add-job').click();

  for (const run of ['cold', 'warm']) {
    await page.evaluate(() => {
      // Longest gap between frames and long tasks while the analysis runs.
      window.__bench = { maxGap: 0, longTasks: 0, longest: 0, running: true };
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
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="ranking-row"]').length >= n &&
        !document.querySelector('[data-testid="cancel-analysis"]'),
      posts.length,
      { timeout: 3_600_000, polling: 250 },
    );
    const seconds = (Date.now() - started) / 1000;
    const stats = await page.evaluate(() => {
      window.__bench.running = false;
      return window.__bench;
    });
    const sentences = await page.evaluate(() => {
      const bar = document.querySelector('[data-testid="progress"]');
      return bar ? Number(bar.getAttribute('data-total') ?? bar.getAttribute('aria-valuemax') ?? NaN) : NaN;
    });
    console.log(
      `${run}: posts=${posts.length} sentences=${sentences} seconds=${seconds.toFixed(1)} ` +
        `sentences_per_s=${(sentences / seconds).toFixed(1)} max_frame_gap_ms=${stats.maxGap.toFixed(0)} ` +
        `long_tasks=${stats.longTasks} longest_task_ms=${stats.longest.toFixed(0)}`,
    );
  }
} finally {
  await browser.close();
  site.server.close();
}
