// End-to-end test of the report on someone else's resume (issue 13): a second-year computer
// science student against a Principal ML Scientist post that asks for a PhD and 10+ years, and
// against a data science internship. The principal post must not be a strong or good fit, the
// page must say why (the requirements check, the fit cap), the headline and contact lines must
// not be evidence, and the post's meta lines must not be requirements.
// Inputs: fixtures/trust/ (written for jobdelta). Run: cd tests/e2e && node --test trust.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  ANALYSIS_TIMEOUT_MS,
  analyze,
  byTestId,
  fillWorkspace,
  startSuite,
  waitForModelReady,
} from './harness.mjs';

const SET = join(import.meta.dirname, '..', '..', 'fixtures', 'trust');
const read = (path) => readFileSync(join(SET, path), 'utf8');
const firstLine = (text) => text.split('\n')[0].trim();

let suite; // see harness.mjs startSuite
let page;

before(async () => {
  suite = await startSuite();
  ({ page } = await suite.open());
  await waitForModelReady(page);
});

after(() => suite?.close());

test("a student's resume is no strong fit for a principal PhD post, and the page says why", { timeout: ANALYSIS_TIMEOUT_MS + 30_000 }, async () => {
  const resume = read('resumes/student-cs.txt');
  const principal = read('posts/principal-llm-scientist.txt');
  const intern = read('posts/data-science-intern.txt');
  await fillWorkspace(page, resume, [[firstLine(principal), principal], [firstLine(intern), intern]]);
  assert.equal(await analyze(page), 'report');

  const row = (title) => page.locator(`[data-testid="ranking-row"][data-title="${title}"]`);
  const fit = async (title) => Number(await row(title).getAttribute('data-fit'));
  const label = async (title) => (await row(title).locator('[data-testid="ranking-label"]').textContent()).trim();
  assert.ok(await fit(firstLine(intern)) > await fit(firstLine(principal)), 'the internship ranks above the principal post');
  assert.equal(await label(firstLine(principal)), 'weak fit');
  assert.ok(await fit(firstLine(principal)) < 35);

  await row(firstLine(principal)).click();
  await page.waitForSelector('[data-testid="requirements-check"]');
  assert.match(await byTestId(page, 'fit-cap').textContent(), /weak/i);
  const notMet = await page.locator('[data-testid="check-row"][data-status="not-met"]').allTextContents();
  assert.ok(notMet.some((t) => /phd|doctor/i.test(t)), notMet.join('\n'));

  // The headline and the contact line are never evidence, and the headline is no strongest
  // story; meta lines are not requirements.
  const evidence = await byTestId(page, 'evidence').allTextContents();
  assert.ok(!evidence.some((t) => /Enthusiast|@example\.edu/.test(t)), evidence.join('\n'));
  const stories = await byTestId(page, 'story').allTextContents();
  assert.ok(!stories.some((t) => /Enthusiast/.test(t)), stories.join('\n'));
  const requirements = await byTestId(page, 'requirement-text').allTextContents();
  assert.ok(!requirements.some((t) => /^(Location|Job type|Industry|Salary):/.test(t)), requirements.join('\n'));
  await page.screenshot({ path: join(process.env.E2E_SCREENSHOTS ?? '/tmp', 'trust-principal.png'), fullPage: true });

  // The PDF paste's line cut after "I actively explore generative" is one sentence again.
  await byTestId(page, 'tab-sentences').click();
  const sentences = (await page.locator('[data-testid="sentence-feedback"] .sentence-text').allTextContents()).map((t) => t.trim());
  assert.ok(sentences.some((t) => t.startsWith('I actively explore generative AI and large language models')), sentences.join('\n'));
  assert.ok(!sentences.some((t) => t.endsWith('I actively explore generative')), sentences.join('\n'));
  await byTestId(page, 'tab-posts').click();
});
