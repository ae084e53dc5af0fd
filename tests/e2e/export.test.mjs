// End-to-end tests of taking the report away, in the built site (dist/) in the system Chromium:
// a resume and three posts (one written by a stranger, with requirements a spreadsheet would
// run as formulas: tests/e2e/fixtures/post-biobank-formulas.txt) analysed, a threshold moved,
// then each download (Markdown, posts CSV, requirements CSV, JSON) checked against what the
// page shows — titles, fits, labels, covered counts, statuses, the thresholds set — with its
// dated file name, the formula cells escaped in the CSV only, and printing one post: nothing
// but that post, readable, nothing cut off, as a screenshot and a PDF. (import.test.mjs checks
// that the downloads are byte for byte what `jobdelta match --format` prints.)
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test export.test.mjs
// Environment: JOBDELTA_DIST, CHROMIUM_PATH, SCREENSHOTS or E2E_SCREENSHOTS (a folder: the
// printed post is saved there as print-export.png and print-export.pdf, to look at).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
const fixture = (name) => readFileSync(join(HERE, 'fixtures', name), 'utf8');
const SHOTS = process.env.SCREENSHOTS ?? process.env.E2E_SCREENSHOTS;
const BIOBANK = 'Biobank Laboratory Technician';
const POSTS = [
  ['Senior Data Engineer', fixture('post-data-engineer.txt')],
  ['Frontend Engineer', fixture('post-frontend.txt')],
  [BIOBANK, fixture('post-biobank-formulas.txt')],
];
// The stranger's requirements as the post writes them, and as a spreadsheet must receive them.
const FORMULAS = [
  ['=HYPERLINK("https://apply.example/biobank","Apply")', "'=HYPERLINK(\"https://apply.example/biobank\",\"Apply\")"],
  ['-80 °C freezer inventory', "'-80 °C freezer inventory"],
  ['+2 years handling', "'+2 years handling"],
  ['@mentions in our LIMS', "'@mentions in our LIMS"],
];

let suite;
let session;
let page;
const byTestId = (id) => byTestIdOn(page, id);

/** Parses CSV as RFC 4180 writes it (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  assert.equal(quoted, false, 'every quote is closed');
  assert.equal(cell + row.join(''), '', 'the file ends with a line break');
  const [header, ...body] = rows;
  return body.map((cells) => {
    assert.equal(cells.length, header.length, `a row of ${header.length} cells: ${cells}`);
    return Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  });
}

/** The person's local date as the file names carry it (YYYY-MM-DD). */
function today() {
  return page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });
}

/** Starts the download of `testId` (by `press`: a key on the focused button, else a click). */
async function download(testId, press) {
  const button = byTestId(testId);
  const started = page.waitForEvent('download');
  if (press) {
    await button.focus();
    await page.keyboard.press(press);
  } else {
    await button.click();
  }
  const file = await started;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The ranking as the page shows it, best first. */
function shownRanking() {
  return byTestId('ranking-row').evaluateAll((rows) =>
    rows.map((row) => {
      const covered = row.querySelector('.count-covered').textContent.match(/^(\d+) of (\d+) requirements covered$/);
      const partly = row.querySelector('.count-partly')?.textContent.match(/^(\d+) partly$/);
      return {
        rank: Number(row.querySelector('.rank').textContent.replace('#', '')),
        title: row.dataset.title,
        fit: row.dataset.fit,
        label: row.querySelector('[data-testid="ranking-label"]').textContent,
        covered: Number(covered[1]),
        requirements: Number(covered[2]),
        partly: partly ? Number(partly[1]) : 0,
      };
    }),
  );
}

before(async () => {
  suite = await startSuite();
  session = await suite.open();
  ({ page } = session);
});

after(() => suite?.close());

test('the downloads hold what the page shows, at the thresholds set', { timeout: MODEL_READY_TIMEOUT_MS + ANALYSIS_TIMEOUT_MS }, async () => {
  await fillWorkspace(page, fixture('resume.md'), POSTS);
  await waitForModelReady(page);
  assert.equal(await analyze(page), 'report');

  // A stricter "covered" than the default: the downloads must follow what the page re-applied.
  await byTestId('threshold-covered').fill('0.55');
  await byTestId('threshold-covered').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="threshold-covered"]').value === '0.55');
  const partly = await byTestId('threshold-partly').inputValue();
  const shown = await shownRanking();
  assert.equal(shown.length, POSTS.length);
  const date = await today();

  // Every control is a labelled button in a labelled group, reachable by keyboard: Markdown is
  // downloaded with Enter, the CSV of posts with Space.
  assert.equal(await byTestId('export-bar').getAttribute('role'), 'group');
  assert.equal(await byTestId('export-bar').getAttribute('aria-label'), 'Download the report');
  const markdown = await download('export-markdown', 'Enter');
  const postsCsv = await download('export-posts-csv', 'Space');
  const requirementsCsv = await download('export-requirements-csv');
  const json = await download('export-json');
  assert.deepEqual(
    [markdown, postsCsv, requirementsCsv, json].map((d) => d.name),
    [`jobdelta-report-${date}.md`, `jobdelta-posts-${date}.csv`, `jobdelta-requirements-${date}.csv`, `jobdelta-report-${date}.json`],
  );

  // Posts CSV: one row per post, in the page's order, with its numbers.
  const posts = parseCsv(postsCsv.text);
  assert.deepEqual(
    posts.map((p) => ({
      rank: Number(p.rank),
      title: p.title,
      fit: p.fit,
      label: p.label,
      covered: Number(p.covered),
      requirements: Number(p.covered) + Number(p.partly) + Number(p.missing),
      partly: Number(p.partly),
    })),
    shown,
  );

  // JSON: the documented report, at the thresholds the page shows, the same posts and counts.
  const report = JSON.parse(json.text);
  assert.deepEqual(report.thresholds, { covered: 0.55, partly: Number(partly) });
  assert.deepEqual(
    report.ranking.map((i) => {
      const p = report.posts[i];
      const b = p.breakdown;
      return { rank: p.rank, title: p.title, fit: p.fit.toFixed(1), label: p.label, covered: b.covered, requirements: p.requirements.length, partly: b.partly };
    }),
    // The JSON names the label by its key ("strong"), the page in words ("strong fit").
    shown.map((p) => ({ ...p, label: p.label.replace(/ fit$/, '') })),
  );
  assert.ok(report.posts.every((p) => p.vectors === undefined), 'no vectors in the JSON');

  // Markdown: the thresholds, and each post's heading in rank order with its fit and label.
  assert.match(markdown.text, /^# jobdelta report\n/);
  assert.ok(markdown.text.includes(`covered from cosine 0.55, partly from ${partly}`), markdown.text.slice(0, 400));
  const headings = markdown.text.split('\n').filter((line) => /^## \d+\. /.test(line));
  assert.deepEqual(headings, shown.map((p) => `## ${p.rank}. ${p.title} — fit ${p.fit} (${p.label})`));
  for (const p of shown) {
    assert.ok(markdown.text.includes(`Coverage `) && markdown.text.includes(`${p.covered} covered, ${p.partly} partly`), p.title);
  }

  // Requirements CSV: one row per requirement; the stranger's post as the page shows it, but
  // with every cell a spreadsheet would run escaped.
  const requirements = parseCsv(requirementsCsv.text);
  assert.equal(requirements.length, shown.reduce((n, p) => n + p.requirements, 0));
  await page.locator(`[data-testid="ranking-row"][data-title="${BIOBANK}"]`).click();
  await page.waitForSelector('[data-testid="post-view"]');
  assert.equal(await byTestId('post-view-title').textContent(), BIOBANK);
  const onPage = await byTestId('requirement-row').evaluateAll((rows) =>
    rows.map((row) => ({
      text: row.querySelector('[data-testid="requirement-text"]').textContent,
      status: row.querySelector('[data-testid="requirement-status"]').textContent,
    })),
  );
  const biobank = requirements.filter((r) => r.post_title === BIOBANK);
  assert.equal(biobank.length, onPage.length);
  const unescaped = (cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
  assert.deepEqual(
    biobank.map((r) => ({ text: unescaped(r.requirement), status: r.status })),
    onPage,
  );
  for (const [written, escaped] of FORMULAS) {
    assert.ok(onPage.some((r) => r.text.startsWith(written)), `the page shows ${written} as written: ${onPage.map((r) => r.text)}`);
    assert.ok(biobank.some((r) => r.requirement.startsWith(escaped)), `the CSV escapes ${written}`);
    assert.ok(markdown.text.includes(`| ${written}`), `Markdown keeps ${written} as written`);
  }
  assert.ok(
    requirements.every((r) => Object.values(r).every((cell) => !/^[=+@\t\r]/.test(cell) && !/^-(?!\d+(\.\d+)?$)/.test(cell))),
    'no cell of the requirements CSV starts a formula',
  );
  // Scores stay numbers (a cosine below zero would too), never text with a quote.
  assert.ok(requirements.every((r) => /^-?\d+\.\d{3}$/.test(r.best_score)), 'scores are plain numbers');
});

test('printing one post gives a clean page: that post only, readable, nothing cut off', async () => {
  // The biobank post is open (previous test).
  await page.emulateMedia({ media: 'print' });
  try {
    const visible = (selector) =>
      page.evaluate((s) => [...document.querySelectorAll(s)].some((e) => e.getClientRects().length > 0), selector);
    assert.equal(await visible('[data-testid="post-view"]'), true, 'the post is printed');
    assert.equal(await visible('[data-testid="requirement-row"]'), true, 'its requirements are printed');
    for (const hidden of [
      '.page > header.header',
      '[role="tablist"]',
      '[data-testid="summary"], .requirement-search',
      '[data-testid="ranking-row"]',
      '[data-testid="export-bar"]',
      '[data-testid="thresholds"]',
      'textarea, input, select',
      'button',
    ]) {
      assert.equal(await visible(hidden), false, `${hidden} is not printed`);
    }
    // Readable: dark text on white; nothing wider than the page.
    const look = await page.evaluate(() => {
      const view = document.querySelector('[data-testid="post-view"]');
      const text = getComputedStyle(document.querySelector('[data-testid="requirement-text"]')).color;
      const page = getComputedStyle(document.body).backgroundColor;
      const tooWide = [...view.querySelectorAll('*')]
        .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => e.className || e.tagName);
      return { text, page, tooWide, scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth };
    });
    assert.deepEqual(look.tooWide, [], 'nothing sticks out of the page');
    assert.ok(look.scrollWidth <= look.clientWidth, `no sideways scroll: ${look.scrollWidth} > ${look.clientWidth}`);
    const [r, g, b] = look.text.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 3 * 80, `dark text: ${look.text}`);
    assert.match(look.page, /rgb\(255, 255, 255\)|rgba\(0, 0, 0, 0\)/, 'a white page');

    // The PDF Chromium prints (headless only), on A4.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 4, `one post on a few pages, not the whole app: ${pages}`);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(join(SHOTS, 'print-export.png'), await page.screenshot({ fullPage: true }));
      writeFileSync(join(SHOTS, 'print-export.pdf'), pdf);
    }
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

test('no console errors, no CSP violations', () => {
  assert.deepEqual(session.problems, []);
});
