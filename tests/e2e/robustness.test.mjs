// End-to-end tests of bad input and bad conditions: none may lose the person's work or leave
// a dead page. Each test checks the message shown, and that the saved workspace (IndexedDB)
// and the inputs hold exactly what was typed afterwards.
// Run: cd tests/e2e && node --test robustness.test.mjs (after trunk build --release).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ANALYSIS_TIMEOUT_MS,
  MODEL_READY_TIMEOUT_MS,
  WEIGHTS,
  analyze,
  byTestId,
  fillWorkspace,
  openSite,
  savedWorkspace,
  shownWorkspace,
  startSuite,
  waitForModelReady,
  waitForRestored,
  waitForSaved,
} from './harness.mjs';

const RESUME = 'Built data pipelines in Python and SQL on Spark.\nLed a team of four engineers.';
const POST = 'Requirements:\n- 3 years of Python and SQL\n- Experience with Spark\n- You mentor other engineers';

let suite; // see harness.mjs startSuite
let site;
let browser;
let session; // one context for the tests that share a loaded model

/** Fails unless the inputs and the saved workspace both hold `resume` and `posts` exactly. */
async function assertKept(page, resume, posts) {
  const shown = await shownWorkspace(page);
  assert.equal(shown.resume.length, resume.length, 'resume length on the page');
  assert.ok(shown.resume === resume, 'the resume on the page is what was typed');
  assert.deepEqual(shown.posts, posts);
  await waitForSaved(page);
  const saved = await savedWorkspace(page);
  assert.ok(saved, 'a workspace is saved');
  assert.ok(saved.resume === resume, `the saved resume is what was typed (${saved.resume.length} vs ${resume.length} characters)`);
  assert.deepEqual(saved.posts.map((p) => [p.title, p.text]), posts);
}

/** Clears the inputs (resume and every post) through the page. */
async function clearInputs(page) {
  await byTestId(page, 'resume-input').fill('');
  while (await byTestId(page, 'post-remove').count()) await byTestId(page, 'post-remove').first().click();
}

before(async () => {
  suite = await startSuite();
  ({ site, browser } = suite);
  session = await suite.open();
  await waitForModelReady(session.page);
});

after(() => suite?.close());

test('empty and blank inputs: Analyse says what is missing', async () => {
  const { page } = session;
  await waitForRestored(page);
  await clearInputs(page);
  assert.equal(await byTestId(page, 'analyze').isDisabled(), true);
  assert.match(await byTestId(page, 'analyze-hint').textContent(), /resume/i);
  await byTestId(page, 'resume-input').fill('  \n\t  ');
  assert.equal(await byTestId(page, 'analyze').isDisabled(), true);
  await byTestId(page, 'job-input').fill('   ');
  await byTestId(page, 'add-job').click();
  assert.equal(await byTestId(page, 'post-item').count(), 0, 'a blank post is not added');
  assert.equal(await byTestId(page, 'error').count(), 0);
});

test('CJK, right-to-left and emoji text is analysed and kept exactly', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  const resume = `${RESUME}\n在上海领导了一个由五名工程师组成的团队。\nقمت ببناء خدمات بلغة بايثون.\nShipped 🚀 a Rust service 🦀 with zero‑downtime deploys.`;
  const posts = [['データエンジニア 🚀', `${POST}\n- 日本語でのコミュニケーション\n- خبرة في SQL\n- Emoji 👩🏽‍💻 and ZWJ sequences`]];
  await fillWorkspace(page, resume, posts);
  assert.equal(await analyze(page), 'report');
  await assertKept(page, resume, posts);
});

test('pasted HTML with <script> and onerror= is shown as text and never runs', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  const resume = `${RESUME}\n<script>window.__pwned = 'resume'</script><img src=x onerror="window.__pwned='img'">`;
  const posts = [
    ['<svg onload="window.__pwned=\'title\'">Engineer', `<div onclick="x()">${POST}</div>\n- <iframe src="javascript:window.__pwned='iframe'"></iframe> Kafka`],
  ];
  await fillWorkspace(page, resume, posts);
  assert.equal(await analyze(page), 'report');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main script, main img, main svg[onload], main iframe').count(), 0);
  await assertKept(page, resume, posts);
});

test('binary garbage gets a message or a report, never a crash', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  // Every byte value (NUL and control characters included), as a file read as Latin-1 shows it.
  let garbage = '';
  let seed = 7;
  for (let i = 0; i < 20_000; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    garbage += String.fromCharCode(seed % 256);
  }
  const posts = [['garbage', garbage]];
  await fillWorkspace(page, RESUME, posts);
  const outcome = await analyze(page);
  if (outcome === 'rejected') {
    assert.ok((await byTestId(page, 'input-problem').first().textContent()).trim().length > 10);
  }
  assert.equal(await byTestId(page, 'error').count(), 0);
  await assertKept(page, RESUME, posts);
});

test('a 3,000-line post is refused with a message that says why, and kept', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  const lines = Array.from({ length: 3000 }, (_, i) => `- Requirement ${i + 1}: experience with system number ${i * 7919 % 10007} in production.`);
  const posts = [['Long post', lines.join('\n')]];
  await fillWorkspace(page, RESUME, posts);
  assert.equal(await analyze(page), 'rejected');
  assert.match(await byTestId(page, 'input-problem').first().textContent(), /“Long post” has \d+ sentences; a post may have at most 1000/);
  await assertKept(page, RESUME, posts);
});

test('a 5 MB paste is kept, saved and restored, and gets a message', { timeout: ANALYSIS_TIMEOUT_MS + 60_000 }, async () => {
  const { page } = session;
  await clearInputs(page);
  const paragraph = 'Designed and ran large data pipelines on Spark and Kafka for a payments company. ';
  const resume = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
  const posts = [['Data Engineer', POST]];
  await fillWorkspace(page, resume, posts);
  assert.equal(await analyze(page), 'rejected');
  assert.match(await byTestId(page, 'input-problem').first().textContent(), /Your resume has \d+ sentences; jobdelta reads at most 2000/);
  await assertKept(page, resume, posts);
  await page.reload();
  await waitForRestored(page);
  await assertKept(page, resume, posts);
  await waitForModelReady(page);
});

test('an interrupted download says what happened, and Retry recovers without losing work', { timeout: 2 * MODEL_READY_TIMEOUT_MS }, async () => {
  // A fresh context: nothing cached, so the model is downloaded (and cut off midway).
  const fresh = await openSite(browser, 'about:blank');
  try {
    site.cutNext(`/${WEIGHTS}`, 10 << 20);
    await fresh.page.goto(site.url);
    const { page } = fresh;
    await fillWorkspace(page, RESUME, [['Data Engineer', POST]]);
    await page.waitForSelector('[data-testid="error"]', { timeout: MODEL_READY_TIMEOUT_MS });
    assert.match(await byTestId(page, 'error-message').textContent(), /model\.f16\.safetensors could not be downloaded/);
    await byTestId(page, 'retry').click();
    await waitForModelReady(page);
    assert.equal(await analyze(page), 'report');
    await assertKept(page, RESUME, [['Data Engineer', POST]]);
  } finally {
    await fresh.context.close();
  }
});

test('a worker that panics mid-analysis becomes an error with Retry; the work is kept and Retry analyses', { timeout: MODEL_READY_TIMEOUT_MS + 2 * ANALYSIS_TIMEOUT_MS }, async () => {
  const fresh = await openSite(browser, site.url);
  try {
    const { page } = fresh;
    await waitForModelReady(page);
    const posts = [['Data Engineer', POST], ['Second', `${POST}\n- Terraform and Kubernetes`]];
    await fillWorkspace(page, RESUME, posts);
    await byTestId(page, 'analyze').click();
    // The hidden test message of the protocol, delivered inside the worker (docs: ToWorker::PanicForTest).
    const [worker] = page.workers();
    assert.ok(worker, 'the model worker is running');
    await worker.evaluate(() => {
      setTimeout(() => self.onmessage(new MessageEvent('message', { data: JSON.stringify({ type: 'panic_for_test' }) })), 0);
    });
    await page.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
    assert.match(await byTestId(page, 'error-message').textContent(), /model worker (crashed|stopped)/i);
    assert.equal(await byTestId(page, 'retry').count(), 1);
    await assertKept(page, RESUME, posts);
    await byTestId(page, 'retry').click();
    await waitForModelReady(page);
    assert.equal(await analyze(page), 'report');
  } finally {
    await fresh.context.close();
  }
});

test('a reload mid-analysis restores the workspace, and the analysis can run again', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  await waitForSaved(page);
  const resume = `${RESUME}\nTyped just before the reload.`;
  const posts = [['Reloaded', `${POST}\n- Typed just before the reload too`]];
  await fillWorkspace(page, resume, posts);
  // No wait for the save: Analyse saves first.
  await byTestId(page, 'analyze').click();
  await page.reload();
  await waitForRestored(page);
  await assertKept(page, resume, posts);
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');
});

test('a panic in the page itself shows an alert with Reload, and the reload restores the work', { timeout: MODEL_READY_TIMEOUT_MS }, async () => {
  const { page } = session;
  await clearInputs(page);
  const posts = [['Data Engineer', POST]];
  await fillWorkspace(page, RESUME, posts);
  await waitForSaved(page);
  // The test export of the page's wasm (crates/web/src/crash.rs), as a bug would panic.
  await page.evaluate(() => {
    try {
      window.wasmBindings.panic_for_test();
    } catch {
      // The panic surfaces as a RuntimeError here; the alert is what matters.
    }
  });
  await page.waitForSelector('[data-testid="crash"][role="alert"]');
  assert.match(await byTestId(page, 'crash').textContent(), /saved in this browser.*reload/i);
  await Promise.all([page.waitForNavigation(), byTestId(page, 'reload').click()]);
  await waitForRestored(page);
  assert.equal(await byTestId(page, 'crash').count(), 0);
  await assertKept(page, RESUME, posts);
  await waitForModelReady(page);
});

// Last of the shared session: the init script stays in its context.
test('a full storage (QuotaExceededError) says so and the saved workspace stays intact', { timeout: ANALYSIS_TIMEOUT_MS }, async () => {
  const { context, page } = session;
  await clearInputs(page);
  await fillWorkspace(page, RESUME, [['Data Engineer', POST]]);
  await waitForSaved(page);
  const before = await savedWorkspace(page);
  // From the next load on, writes to the workspace store fail as on a full disk.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function patchedPut(...args) {
      if (this.name === 'workspace') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.reload();
  await waitForRestored(page);
  await waitForModelReady(page);
  await byTestId(page, 'resume-input').fill(`${RESUME}\nA line that cannot be saved.`);
  await page.waitForSelector('[data-testid="save-status"][data-state="failed"]');
  assert.match(await byTestId(page, 'save-status').textContent(), /storage for this site is full/);
  // The analysis still runs, with what is on the page.
  assert.equal(await analyze(page), 'report');
  assert.equal(await byTestId(page, 'resume-input').inputValue(), `${RESUME}\nA line that cannot be saved.`);
  assert.deepEqual(await savedWorkspace(page), before, 'the last saved workspace is untouched');
});

test('no page error, console error or CSP violation in the shared session', () => {
  // The quota test's failed writes and the page panic test's own panic are expected.
  const expected = /QuotaExceededError|quota|asked to panic|RuntimeError: unreachable/i;
  assert.deepEqual(session.problems.filter((p) => !expected.test(p)), []);
});
