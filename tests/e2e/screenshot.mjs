// Takes the README's screenshot of a real report: the fixture resume against the three
// fixture posts (tests/e2e/fixtures), analysed by the built app (dist/) in the system Chromium.
//
//   node tests/e2e/screenshot.mjs [--out docs/report-screenshot.png]

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { byTestId as byTestIdOn, launch } from './harness.mjs';
import { startServer } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const { values: args } = parseArgs({
  options: { out: { type: 'string', default: join(ROOT, 'docs', 'report-screenshot.png') } },
});
const fixture = (name) => readFileSync(join(HERE, 'fixtures', name), 'utf8');

const site = await startServer(resolve(process.env.JOBDELTA_DIST ?? join(ROOT, 'dist')), 0);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const byTestId = (id) => byTestIdOn(page, id);
  await page.goto(site.url);
  await page.waitForSelector('[data-testid="model-status"][data-state="ready"]', { timeout: 300_000 });
  await byTestId('resume-input').fill(fixture('resume.md'));
  await byTestId('job-input').fill(
    ['post-data-engineer.txt', 'post-ml-engineer.txt', 'post-frontend.txt'].map(fixture).join('\n---\n'),
  );
  await byTestId('add-job').click();
  await byTestId('analyze').click();
  await page.waitForSelector('[data-testid="ranking-row"]', { timeout: 300_000 });
  await page.waitForSelector('[data-testid="cancel-analysis"]', { state: 'detached' });
  await byTestId('ranking').scrollIntoViewIfNeeded();
  // The report is long: the picture shows its top (summary, thresholds, ranking, the best
  // post's first requirements).
  // Page coordinates (boundingBox() is relative to the scrolled viewport).
  const box = await byTestId('report').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  });
  await page.screenshot({
    path: args.out,
    fullPage: true,
    clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 2100) },
  });
  console.log(`wrote ${args.out}`);
} finally {
  await browser.close();
  site.server.close();
}
