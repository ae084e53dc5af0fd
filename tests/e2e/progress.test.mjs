// End-to-end test of "Your resume over time" in the built site (dist/) in the system
// Chromium: two versions of a resume saved (the second adds an iOS accomplishment), compared
// against the same posts — the iOS post's fit rises and its Swift requirement is newly
// covered; the page's figures equal `jobdelta progress --json` on the same files; the versions
// survive a reload; a version equal to the latest is refused with a note.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test progress.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, JOBDELTA_CLI (default ../../target/debug/jobdelta),
// E2E_SCREENSHOTS (a folder: the comparison is saved there, wide, 390 px and dark).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  byTestId as byTestIdOn,
  fillWorkspace,
  paste,
  startSuite,
  waitForModelReady,
  waitForRestored,
  waitForSaved,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const report = (name) => join(ROOT, 'fixtures', 'report', name);
const OLD_RESUME = readFileSync(report('resume.md'), 'utf8');
const NEW_RESUME = OLD_RESUME.replace(
  '## Education',
  '- Built and shipped three iOS apps in Swift and SwiftUI to the App Store over four years.\n\n## Education',
);
const POSTS = [
  ['iOS Developer', readFileSync(report('post-ios.md'), 'utf8')],
  ['Senior Backend Engineer (Rust)', readFileSync(report('post-rust-backend.txt'), 'utf8')],
];
// The CLI names a version by its file name: the page's versions get the same names.
const OLD_NAME = 'resume-old.md';
const NEW_NAME = 'resume-new.md';

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

async function saveVersion(name) {
  await paste(page, 'version-name', name);
  await byTestId('save-version').click();
}

async function shot(name) {
  if (process.env.E2E_SCREENSHOTS) {
    await byTestId('versions-panel').screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${name}.png`) });
  }
}

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
});

after(() => suite?.close());

test('two saved versions compared: what the new one covers, as jobdelta progress says', { timeout: MODEL_READY_TIMEOUT_MS + 2 * ANALYSIS_TIMEOUT_MS }, async () => {
  await fillWorkspace(page, OLD_RESUME, POSTS);
  assert.match(await byTestId('compare-versions-hint').textContent(), /at least two versions/);
  await saveVersion(OLD_NAME);
  assert.match(await byTestId('versions-notice').textContent(), /Saved “resume-old\.md” \(1 versions\)/);
  // The same text again is refused, with a note.
  await byTestId('save-version').click();
  assert.match(await byTestId('versions-notice').textContent(), /same as your latest version/);
  assert.equal(await byTestId('resume-version').count(), 1);

  await paste(page, 'resume-input', NEW_RESUME);
  await saveVersion(NEW_NAME);
  assert.deepEqual(
    await byTestId('resume-version').evaluateAll((rows) => rows.map((r) => r.dataset.label)),
    [OLD_NAME, NEW_NAME],
  );

  await waitForModelReady(page);
  await byTestId('compare-versions').click();
  await page.waitForSelector('[data-testid="progress-view"]', { timeout: ANALYSIS_TIMEOUT_MS });

  const rows = await byTestId('progress-row').evaluateAll((trs) =>
    trs.map((tr) => ({
      title: tr.dataset.title,
      cells: [...tr.querySelectorAll('[data-testid="progress-cell"]')].map((td) => ({
        fit: Number(td.dataset.fit),
        covered: Number(td.dataset.covered),
      })),
    })),
  );
  const ios = rows.find((r) => r.title === 'iOS Developer');
  assert.ok(ios, JSON.stringify(rows));
  assert.ok(ios.cells[1].fit > ios.cells[0].fit, JSON.stringify(ios));
  assert.ok(ios.cells[1].covered > ios.cells[0].covered, JSON.stringify(ios));
  const newly = await page.locator('[data-testid="progress-change"][data-title="iOS Developer"] [data-testid="newly-covered"]').allTextContents();
  assert.ok(newly.some((t) => /Swift/.test(t)), newly.join('\n'));
  assert.equal(await byTestId('no-longer-covered').count(), 0);
  assert.equal(await page.locator('[data-testid="progress-chart"] [data-testid="progress-line"]').count(), POSTS.length);

  // The same files through the CLI: the same fits (to the page's one decimal), counts, changes.
  const dir = mkdtempSync(join(tmpdir(), 'jobdelta-progress-'));
  writeFileSync(join(dir, OLD_NAME), OLD_RESUME);
  writeFileSync(join(dir, NEW_NAME), NEW_RESUME);
  const postFiles = POSTS.map(([title, text], i) => {
    const path = join(dir, `post-${i}.md`);
    writeFileSync(path, `# ${title}\n\n${text.replace(/^# .*\n/, '')}`);
    return path;
  });
  const cli = JSON.parse(
    execFileSync(
      CLI,
      ['progress', '--model', WEB_MODEL, '--resume', join(dir, OLD_NAME), '--resume', join(dir, NEW_NAME), ...postFiles.flatMap((p) => ['--job', p]), '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const cliRows = cli.versions[0].posts.map((post, i) => ({
    title: post.title,
    cells: cli.versions.map((v) => ({ fit: Number(v.posts[i].fit.toFixed(1)), covered: v.posts[i].covered })),
  }));
  assert.deepEqual(rows, cliRows);
  const pageChanges = await byTestId('progress-change').evaluateAll((items) =>
    items.map((li) => ({
      title: li.dataset.title,
      newly: [...li.querySelectorAll('[data-testid="newly-covered"]')].map((n) => n.textContent.replace(/^\+ now covered: /, '')),
    })),
  );
  assert.deepEqual(pageChanges, cli.changes.map((c) => ({ title: c.title, newly: c.newly_covered })));

  await byTestId('progress-view').scrollIntoViewIfNeeded();
  await shot('progress');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot('progress-390');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('progress-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the versions are kept with the workspace, and one can be removed', async () => {
  await waitForSaved(page);
  await page.reload();
  await waitForRestored(page);
  assert.deepEqual(
    await byTestId('resume-version').evaluateAll((rows) => rows.map((r) => r.dataset.label)),
    [OLD_NAME, NEW_NAME],
  );
  await byTestId('version-remove').first().click();
  assert.deepEqual(await byTestId('resume-version').evaluateAll((rows) => rows.map((r) => r.dataset.label)), [NEW_NAME]);
  assert.match(await byTestId('versions-notice').textContent(), /Removed the version “resume-old\.md”/);
  assert.match(await byTestId('compare-versions-hint').textContent(), /at least two versions/);
});
