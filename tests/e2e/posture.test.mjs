// End-to-end test of the report's "Role families" tab in the built site (dist/) in the system
// Chromium: the 48 posts of fixtures/posture (four technical families with nurses,
// accountants, sales and teachers mixed in) imported through the posts file picker, the
// backend resume pasted, analysed, then grouped: families render with a coverage bar,
// requirements and skills; no family mixes a non-technical post with a technical one; the
// page's families equal `jobdelta posture --json` on the same files (labels and post ids);
// a post of a family opens it in the posts view.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test posture.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, JOBDELTA_CLI (default ../../target/debug/jobdelta),
// E2E_SCREENSHOTS (a folder: the families are saved there, wide, 390 px and dark).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const fixture = (name) => join(ROOT, 'fixtures', 'posture', name);
const RESUME = readFileSync(fixture('resume.md'), 'utf8');
const POSTS = readFileSync(fixture('posts.jsonl'));
const TECHNICAL = new Map(
  readFileSync(fixture('labels.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([id, , technical]) => [id, technical === 'yes']),
);

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

async function shot(name) {
  if (process.env.E2E_SCREENSHOTS) {
    await byTestId('posture-view').screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${name}.png`) });
  }
}

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
});

after(() => suite?.close());

test('posts grouped into role families, non-technical apart, as jobdelta posture says', { timeout: MODEL_READY_TIMEOUT_MS + 3 * ANALYSIS_TIMEOUT_MS }, async () => {
  await waitForRestored(page);
  await paste(page, 'resume-input', RESUME);
  await byTestId('posts-file').setInputFiles([{ name: 'posts.jsonl', mimeType: 'application/jsonl', buffer: POSTS }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="post-item"]').length === 48, null, { timeout: 30_000 });
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');

  await byTestId('tab-families').click();
  await byTestId('group-posts').click();
  await page.waitForSelector('[data-testid="family"]', { timeout: ANALYSIS_TIMEOUT_MS });
  const families = await byTestId('family').evaluateAll((items) =>
    items.map((li) => ({ label: li.dataset.label, posts: li.dataset.posts.split(',') })),
  );
  assert.ok(families.length >= 5, JSON.stringify(families));
  assert.equal(families.flatMap((f) => f.posts).length, 48);
  for (const family of families) {
    const kinds = new Set(family.posts.map((id) => TECHNICAL.get(id)));
    assert.equal(kinds.size, 1, `a family mixes technical and non-technical posts: ${JSON.stringify(family)}`);
  }
  // Each family shows its coverage bar, and the largest its requirements and skills with shares.
  assert.equal(await byTestId('family-coverage').count(), families.length);
  const first = byTestId('family').first();
  assert.ok((await first.locator('[data-testid="family-requirement"]').count()) > 0);
  assert.ok((await first.locator('[data-testid="family-skill"]').count()) > 0);
  assert.match(await first.locator('[data-testid="family-standing"]').textContent(), /of \d+ where you fit best/);

  // The same files through the CLI: the same families, labels and posts.
  const cli = JSON.parse(
    execFileSync(
      CLI,
      ['posture', '--model', WEB_MODEL, '--resume', fixture('resume.md'), '--posts', fixture('posts.jsonl'), '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  assert.deepEqual(families, cli.groups.map((g) => ({ label: g.label, posts: g.posts })));

  await byTestId('posture-view').scrollIntoViewIfNeeded();
  await shot('posture');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot('posture-390');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('posture-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A post of a family opens it in the posts view (keyboard: focus and Enter).
  const nurseFamily = page.locator('[data-testid="family"]', { hasText: 'Nurse' }).first();
  await nurseFamily.locator('summary').click();
  const post = nurseFamily.locator('[data-testid="family-post"]').first();
  const title = await post.textContent();
  await post.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="tab-posts"][aria-selected="true"]');
  await page.waitForSelector(`[data-testid="post-view"]`);
  assert.match(await byTestId('post-view').textContent(), new RegExp(title.trim().split(' · ')[0]));
});
