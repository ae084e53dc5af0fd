// End-to-end test of the skills the report lists as missing (issue 20), in the built site
// (dist/) in the system Chromium: the 30,957-skill vocabulary with its context check finds a
// skill the curated list never knew (ICD-10 in a clinical post) and reports it missing, while
// "go" of "go to market" — a hit of the vocabulary alone — is not reported; the page lists the
// same missing skills as `jobdelta match --json`, and names skill-extractor in its attribution.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test skills.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, JOBDELTA_CLI (default ../../target/debug/jobdelta),
// E2E_SCREENSHOTS (a folder: the post's missing skills are saved there to look at).

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
  fillWorkspace,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const RESUME_PATH = join(HERE, 'fixtures', 'resume-clinic.txt');
const POST_PATH = join(HERE, 'fixtures', 'post-clinical-data.txt');
const POST_TITLE = 'Clinical Data Coordinator';

let suite;
let page;
const byTestId = (id) => byTestIdOn(page, id);

function cli(args) {
  return JSON.parse(
    execFileSync(CLI, [...args, '--model', WEB_MODEL, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    }),
  );
}

const skillNames = (method) => cli(['skills', '--text', POST_PATH, '--method', method]).skills.map((s) => s.name.toLowerCase());

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
});

after(() => suite?.close());

test('the premise: the curated list lacks ICD-10, and the vocabulary alone takes "go to market" for Go', () => {
  const curated = skillNames('curated');
  assert.ok(!curated.includes('icd-10'), `curated: ${curated.join(', ')}`);
  const vocabulary = skillNames('vocabulary');
  assert.ok(vocabulary.includes('go'), `vocabulary: ${vocabulary.join(', ')}`);
  assert.ok(vocabulary.includes('icd-10'), `vocabulary: ${vocabulary.join(', ')}`);
  const judged = skillNames('context-curated');
  assert.ok(judged.includes('icd-10') && !judged.includes('go'), `context + curated: ${judged.join(', ')}`);
});

test('the report lists ICD-10 as missing, not "go", the same as the CLI', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  await fillWorkspace(page, readFileSync(RESUME_PATH, 'utf8'), [[POST_TITLE, readFileSync(POST_PATH, 'utf8')]]);
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');
  await byTestId('ranking-row').first().click();
  await page.waitForSelector('[data-testid="post-view"]');

  const rows = await byTestId('missing-term').allTextContents();
  assert.ok(rows.some((row) => /^ICD-10\b/i.test(row.trim())), rows.join('\n'));
  assert.ok(!rows.some((row) => /^go\b/i.test(row.trim())), rows.join('\n'));
  // SQL and Tableau are named by the resume: not missing.
  assert.ok(!rows.some((row) => /^(SQL|Tableau)\b/.test(row.trim())), rows.join('\n'));
  assert.match(await byTestId('esco-attribution').textContent(), /skill-extractor/);

  const report = cli(['match', '--resume', RESUME_PATH, '--job', POST_PATH]);
  const expected = report.posts[0].missing_terms.map((t) => t.term.toLowerCase());
  const shown = await byTestId('missing-term').evaluateAll((items) => items.map((i) => i.dataset.term.toLowerCase()));
  assert.deepEqual(shown, expected);

  if (process.env.E2E_SCREENSHOTS) {
    await byTestId('missing-terms').scrollIntoViewIfNeeded();
    writeFileSync(join(process.env.E2E_SCREENSHOTS, 'missing-skills.png'), await page.screenshot());
  }
});
