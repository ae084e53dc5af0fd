// End-to-end tests of PDF and Word resumes in the built site (dist/), in the system Chromium:
// the import worker (crate jobdelta-import-worker) is not downloaded on a first visit and is
// after the first document; a two-column and a one-column PDF and a DOCX become the resume in
// reading order, and Analyze reports on them; a damaged PDF, a scan (no text) and a ZIP named
// .docx each give a message naming the file and leave the resume as it was; a crashed import
// worker does not stop the model.
//
// Run after `trunk build --release`: cd tests/e2e && node --test documents.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, E2E_SCREENSHOTS (a folder for the notices).
// The fixtures are written by scripts/make-document-fixtures (the two PDFs are older).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { analyze, byTestId as byTestIdOn, paste, startSuite, waitForModelReady, waitForRestored } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const DOCS = join(ROOT, 'fixtures', 'documents');
const fixture = (name) => readFileSync(join(DOCS, name));
const TABLE = readFileSync(join(ROOT, 'fixtures', 'import', 'posts.csv'));
const LAZY = /import_worker(_loader\.js|\.js|_bg\.wasm)$/;

let suite;
let session;
let page;
const byTestId = (id) => byTestIdOn(page, id);

/**
 * The resume box's text, spaces collapsed (the PDF's line breaks are the reader's) and list
 * markers dropped: the source text's "- " comes out of Chromium's PDFs as "• " (Chromium draws
 * a disc as a filled circle, which the reader writes as "•"; docs/quality.md).
 */
const words = (text) => text.replace(/^[ \t]*[-•][ \t]+/gm, '').replace(/\s+/g, ' ').trim();

async function shot(name) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Picks `name` from the fixtures as the resume file and waits for the notice it leads to. */
async function pickResume(name, mimeType, buffer = fixture(name)) {
  const before = await byTestId('resume-notice').count() ? await byTestId('resume-notice').textContent() : '';
  await byTestId('resume-file').setInputFiles([{ name, mimeType, buffer }]);
  await page.waitForFunction(
    ([previous, file]) => {
      const notice = document.querySelector('[data-testid="resume-notice"]');
      return notice && notice.textContent !== previous && notice.textContent.includes(file);
    },
    [before, name],
    { timeout: 60_000 },
  );
  return byTestId('resume-notice').textContent();
}

before(async () => {
  suite = await startSuite();
  session = await suite.open();
  page = session.page;
  await waitForRestored(page);
  await waitForModelReady(page);
});

after(async () => suite?.close());

test('the import worker is not part of the first visit', async () => {
  assert.deepEqual(session.requests.filter((url) => LAZY.test(url)), []);
});

test('a two-column PDF becomes the resume in reading order, and is analysed', { timeout: 300_000 }, async () => {
  const notice = await pickResume('two-column.pdf', 'application/pdf');
  assert.match(notice, /Read two-column\.pdf/);
  assert.ok(session.requests.some((url) => url.endsWith('import_worker_bg.wasm')), 'the import worker was fetched');
  const resume = await byTestId('resume-input').inputValue();
  assert.equal(words(resume), words(fixture('two-column.txt').toString('utf8')));
  // The file became a version of the resume, named after it.
  const versions = await byTestId('resume-version').evaluateAll((rows) => rows.map((row) => row.dataset.label));
  assert.ok(versions.includes('two-column.pdf'), `versions: ${versions}`);
  await shot('documents-pdf-read');
  await byTestId('posts-file').setInputFiles([{ name: 'posts.csv', mimeType: 'text/csv', buffer: TABLE }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="post-title"]').length >= 4);
  assert.equal(await analyze(page), 'report');
});

test('a one-column PDF and a DOCX are read too', async () => {
  await pickResume('one-column.pdf', 'application/pdf');
  assert.equal(words(await byTestId('resume-input').inputValue()), words(fixture('one-column.txt').toString('utf8')));
  await pickResume('resume.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const resume = await byTestId('resume-input').inputValue();
  assert.match(resume, /^Sam Okafor — registered nurse/);
  assert.match(resume, /Trained twelve newly qualified nurses/);
});

for (const [name, mimeType, expected] of [
  ['damaged.pdf', 'application/pdf', /damaged\.pdf is a damaged PDF/],
  ['scanned.pdf', 'application/pdf', /scanned\.pdf has no text in it/],
  ['not-a-word.docx', 'application/zip', /not-a-word\.docx is a ZIP archive but not a Word document/],
]) {
  test(`${name} is refused by name and the resume stays`, async () => {
    const kept = 'Kept resume: nurse, six years of acute care.';
    await paste(page, 'resume-input', kept);
    const notice = await pickResume(name, mimeType);
    assert.match(notice, expected);
    assert.equal(await byTestId('resume-input').inputValue(), kept);
    await shot(`documents-refused-${name}`);
  });
}

test('a crashed import worker leaves the model working and the next document gets a fresh one', { timeout: 400_000 }, async () => {
  // A fresh visit whose import worker dies the way a trapping parser does: the error event
  // and no answer. Service workers blocked, so the route sees the worker's request.
  const context = await suite.browser.newContext({ serviceWorkers: 'block' });
  let crash = true;
  await context.route(/import_worker_loader\.js$/, (route) =>
    crash ? route.fulfill({ contentType: 'text/javascript', body: "throw new Error('the parser trapped');" }) : route.continue(),
  );
  const main = page;
  page = await context.newPage();
  try {
    await page.goto(`${suite.site.url}?precision=f32`);
    await waitForRestored(page);
    await waitForModelReady(page);
    const kept = 'Kept resume: Python, SQL and Spark pipelines for six years.';
    await paste(page, 'resume-input', kept);
    const notice = await pickResume('odd.pdf', 'application/pdf', fixture('one-column.pdf'));
    assert.match(notice, /odd\.pdf could not be read: the document reader stopped on it/);
    assert.equal(await byTestId('resume-input').inputValue(), kept);
    await shot('documents-crashed');
    crash = false;
    await pickResume('one-column.pdf', 'application/pdf');
    assert.equal(words(await byTestId('resume-input').inputValue()), words(fixture('one-column.txt').toString('utf8')));
    await byTestId('posts-file').setInputFiles([{ name: 'posts.csv', mimeType: 'text/csv', buffer: TABLE }]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="post-title"]').length >= 4);
    assert.equal(await analyze(page), 'report');
  } finally {
    page = main;
    await context.close();
  }
});
