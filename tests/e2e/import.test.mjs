// End-to-end tests of bringing posts in and taking the report out, in the built site (dist/)
// in the system Chromium: a job board's CSV export (and the same table in UTF-16, and a
// table with no text column) picked as posts, analysed; the Markdown, CSV and JSON downloads
// equal what the CLI writes for the same files (`jobdelta match --posts … --format …`); and
// printing shows the post's report without the page around it.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test import.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, JOBDELTA_CLI (default ../../target/debug/jobdelta),
// E2E_SCREENSHOTS (a folder: the printed page is saved there to look at).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  analyze,
  byTestId as byTestIdOn,
  paste,
  startSuite,
  waitForModelReady,
  waitForRestored,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
// The page runs the half-precision weights; the CLI is pointed at the same copy.
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const RESUME_PATH = join(ROOT, 'fixtures', 'report', 'resume.md');
const TABLE_PATH = join(ROOT, 'fixtures', 'import', 'posts.csv');
const TABLE = readFileSync(TABLE_PATH);
const EXPECTED_TITLES = [
  'Senior Backend Engineer (Rust) · Ferrous Pay',
  'Data Engineer · Northwind Analytics',
  'Registered Nurse · Lakeside Hospital',
  'iOS Developer · Appleseed Apps',
];

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

async function postTitles() {
  return byTestId('post-title').evaluateAll((inputs) => inputs.map((i) => i.value));
}

/** Clicks a download button and returns the file's text. */
async function download(testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), byTestId(testId).click()]);
  return readFileSync(await file.path(), 'utf8');
}

/** What `jobdelta match` prints for the fixture resume and table in `format`. */
function cli(format) {
  return execFileSync(
    CLI,
    ['match', '--model', WEB_MODEL, '--resume', RESUME_PATH, '--posts', TABLE_PATH, '--format', format],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 },
  );
}

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
});

after(() => suite?.close());

test('a CSV export picked as posts: one post a row, repeats dropped, each problem named', async () => {
  await waitForRestored(page);
  await paste(page, 'resume-input', readFileSync(RESUME_PATH, 'utf8'));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TABLE.toString('utf8'), 'utf16le')]);
  await byTestId('posts-file').setInputFiles([
    { name: 'posts.csv', mimeType: 'text/csv', buffer: TABLE },
    { name: 'salaries.csv', mimeType: 'text/csv', buffer: Buffer.from('name,salary\nx,1\n') },
  ]);
  const notice = await byTestId('posts-notice').textContent();
  assert.match(notice, /Added 4 posts from files\./);
  assert.match(notice, /posts\.csv: 4 posts imported, 1 repeated row dropped, 1 skipped \(row 5 has no text\)/);
  assert.match(notice, /salaries\.csv has no column with the posts' text.*\(its columns: name, salary\)/);
  assert.deepEqual(await postTitles(), EXPECTED_TITLES);

  // The same table saved by Excel as "Unicode text" (UTF-16) reads the same.
  await byTestId('posts-file').setInputFiles([{ name: 'excel.csv', mimeType: 'text/csv', buffer: utf16 }]);
  // Files are read asynchronously: wait for the four posts to land (the notice is already shown).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="post-title"]').length === 8);
  assert.deepEqual(await postTitles(), [...EXPECTED_TITLES, ...EXPECTED_TITLES]);
  const texts = await byTestId('post-text').evaluateAll((areas) => areas.map((a) => a.value));
  assert.deepEqual(texts.slice(4), texts.slice(0, 4), 'UTF-16 and UTF-8 give the same posts');
  for (let i = 0; i < 4; i += 1) await byTestId('post-remove').last().click();
  assert.deepEqual(await postTitles(), EXPECTED_TITLES);
});

test('the downloads equal the CLI on the same files', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');
  const pagePostsCsv = await download('export-posts-csv');
  const pageRequirementsCsv = await download('export-requirements-csv');
  const pageMarkdown = await download('export-markdown');
  const pageJson = JSON.parse(await download('export-json'));

  assert.equal(pagePostsCsv, cli('csv'), 'posts CSV');
  assert.equal(pageRequirementsCsv, cli('requirements-csv'), 'requirements CSV');
  assert.equal(pageMarkdown, cli('markdown'), 'Markdown');
  const cliJson = JSON.parse(cli('json'));
  assert.equal(pageJson.model, cliJson.model);
  assert.deepEqual(
    pageJson.posts.map((p) => [p.title, p.rank]),
    cliJson.posts.map((p) => [p.title, p.rank]),
  );
  // The raw fits agree to float rounding only: the worker's SIMD kernels sum in another order
  // than the native build (the CSV and Markdown above, rounded for people, are equal).
  pageJson.posts.forEach((p, i) => {
    const expected = cliJson.posts[i].fit;
    assert.ok(Math.abs(p.fit - expected) <= 1e-4 * Math.max(1, Math.abs(expected)), `${p.title}: fit ${p.fit} vs ${expected}`);
  });
  assert.ok(pageJson.posts.every((p) => p.vectors === undefined), 'no vectors in the JSON');

  // What the page shows is what the CSV holds: one row per post in rank order.
  const shown = await byTestId('ranking-row').evaluateAll((rows) => rows.map((r) => r.dataset.title));
  const csvTitles = pagePostsCsv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.match(/^\d+,("(?:[^"]|"")*"|[^,]*)/)[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  assert.deepEqual(csvTitles, shown);
});

test('printing shows the open post, not the page around it', async () => {
  await byTestId('ranking-row').first().click();
  await page.waitForSelector('[data-testid="post-view"]');
  await page.emulateMedia({ media: 'print' });
  try {
    const shown = async (selector) =>
      page.evaluate((s) => {
        const element = document.querySelector(s);
        return element !== null && element.getClientRects().length > 0;
      }, selector);
    assert.equal(await shown('[data-testid="post-view"]'), true, 'the post is printed');
    assert.equal(await shown('[data-testid="check-row"], [data-testid="requirement-row"]'), true);
    for (const hidden of ['[data-testid="resume-input"]', '[data-testid="export-bar"]', '[data-testid="ranking-row"]', '[data-testid="analyze"]']) {
      assert.equal(await shown(hidden), false, `${hidden} is not printed`);
    }
    if (process.env.E2E_SCREENSHOTS) {
      writeFileSync(join(process.env.E2E_SCREENSHOTS, 'print-post.png'), await page.screenshot({ fullPage: true }));
    }
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});
