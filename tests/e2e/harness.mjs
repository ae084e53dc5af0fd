// Shared set-up of the end-to-end tests (every *.test.mjs imports it): the built site served and
// the system Chromium launched (startSuite), a browser context that records every request (page,
// workers and service worker) and every Content-Security-Policy violation, and the page actions
// more than one file needs.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { launchChromium } from '../support/chromium.mjs';
import { startServer } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(process.env.JOBDELTA_DIST ?? join(HERE, '..', '..', 'dist'));
// Downloading 45 MB, hashing it and compiling the model's wasm on a slow, busy machine.
export const MODEL_READY_TIMEOUT_MS = 240_000;
export const ANALYSIS_TIMEOUT_MS = 240_000;
export const MODEL_DIR = 'models/all-MiniLM-L6-v2/';
export const WEIGHTS = `${MODEL_DIR}model.f16.safetensors`;

/** Fails unless dist/ holds a complete build with the model. */
export function assertBuilt() {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the site first (trunk build --release)`);
  assert.ok(existsSync(join(DIST, WEIGHTS)), `${DIST}/${WEIGHTS} is missing: run scripts/fetch-model, then rebuild`);
  assert.ok(existsSync(join(DIST, 'sw.js')), `${DIST}/sw.js is missing: rebuild the site`);
}

export function launch() {
  return launchChromium(chromium);
}

/** The requests in `requests` (URLs) that went to a host other than 127.0.0.1. */
export function foreignRequests(requests) {
  return requests.filter((request) => {
    const url = new URL(request);
    return !['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1';
  });
}

/**
 * A fresh browser context (empty storage, no service worker) with a page on `url`.
 * Returns { context, page, requests, problems }: `requests` lists the URL of every request the
 * context made (the page's, its workers' and its service worker's); `problems` collects page
 * errors, console errors and CSP violations.
 */
export async function openSite(browser, url) {
  const context = await browser.newContext();
  const requests = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  page.on('console', (message) => {
    const text = message.text();
    if (process.env.DEBUG_E2E) console.log(`[browser ${message.type()}] ${text.slice(0, 300)}`);
    if (message.type() === 'error' || /Content.Security.Policy/i.test(text)) problems.push(`console: ${text}`);
  });
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(url);
  return { context, page, requests, problems };
}

/**
 * What every test file starts with: checks the build, serves dist/ (under `prefix`, default `/`)
 * and launches Chromium. Resolves to { site, browser, opened, open, close }: `site` is the
 * server (see serve.mjs startServer); `open(url)` opens a fresh context on `url` (default the
 * site at f32 maths) as openSite does and keeps it in `opened`; `close()` closes the browser and the server
 * and prints the problems every opened context collected.
 */
export async function startSuite({ prefix = '/' } = {}) {
  assertBuilt();
  const site = await startServer(DIST, 0, { prefix });
  let browser;
  try {
    browser = await launch();
  } catch (error) {
    site.server.close();
    throw error;
  }
  const opened = [];
  return {
    site,
    browser,
    opened,
    // The suites compare the page with sentence-transformers' vectors and with the CLI, both
    // f32, so they ask for f32; the page's own default (int8) has its tests in app.test.mjs.
    async open(url = `${site.url}?precision=f32`) {
      const session = await openSite(browser, url);
      opened.push(session);
      return session;
    },
    async close() {
      await browser.close();
      site.server.close();
      const problems = opened.flatMap((session) => session.problems);
      if (problems.length) console.log(`browser errors:\n  ${problems.join('\n  ')}`);
    },
  };
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Waits until the model is ready, failing with the page's error if it fails instead. */
export async function waitForModelReady(page, timeout = MODEL_READY_TIMEOUT_MS) {
  await page.waitForSelector('[data-testid="model-status"][data-state="ready"], [data-testid="error"]', {
    timeout,
  });
  if (await byTestId(page, 'error').count()) {
    assert.fail(`the model did not load: ${await byTestId(page, 'error-message').textContent()}`);
  }
}

/** Waits until the saved workspace has been read (the inputs are editable). */
export async function waitForRestored(page) {
  await page.waitForSelector('[data-testid="save-status"]:not([data-state="restoring"])');
}

/** Waits until every change is written to IndexedDB. */
export async function waitForSaved(page) {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
}

/**
 * Puts `text` into an input or textarea as a paste does: one `input` event. (Playwright's
 * `fill` takes minutes on a text of thousands of lines; a person's paste does not.)
 */
export async function paste(page, testId, text) {
  await byTestId(page, testId).evaluate((element, value) => {
    element.focus();
    element.value = value;
    element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

/** Pastes a resume and adds each post (title, text) to the list. */
export async function fillWorkspace(page, resume, posts) {
  await waitForRestored(page);
  await paste(page, 'resume-input', resume);
  for (const [title, text] of posts) {
    await paste(page, 'job-title-input', title);
    await paste(page, 'job-input', text);
    await byTestId(page, 'add-job').click();
  }
}

/** Clicks Analyse and waits until it ends: 'report', or 'rejected' (a problem shown next to an input). */
export async function analyze(page) {
  assert.equal(await byTestId(page, 'analyze').isDisabled(), false, await byTestId(page, 'analyze-hint').textContent());
  await byTestId(page, 'analyze').click();
  await page.waitForSelector('[data-testid="cancel-analysis"]', { state: 'detached', timeout: ANALYSIS_TIMEOUT_MS });
  if (await byTestId(page, 'error').count()) {
    assert.fail(`the analysis failed: ${await byTestId(page, 'error-message').textContent()}`);
  }
  // Rejected inputs: a problem next to the input, and a notice saying nothing was analysed.
  if (await byTestId(page, 'input-problem').count()) return 'rejected';
  if (await byTestId(page, 'analysis-notice').count()) {
    assert.fail(`the analysis did not finish: ${await byTestId(page, 'analysis-notice').textContent()}`);
  }
  await page.waitForSelector('[data-testid="report"]:not(:has([data-testid="report-stale"]))');
  return 'report';
}

/** The workspace document as saved in IndexedDB (parsed), or null. */
export function savedWorkspace(page) {
  return page.evaluate(
    () =>
      new Promise((resolveSaved, reject) => {
        const open = indexedDB.open('jobdelta');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('workspace').objectStore('workspace').get('workspace');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolveSaved(get.result === undefined ? null : JSON.parse(get.result));
          };
        };
      }),
  );
}

/** What the page shows in its inputs: { resume, posts: [[title, text]] }. */
export async function shownWorkspace(page) {
  return {
    resume: await byTestId(page, 'resume-input').inputValue(),
    posts: await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="post-item"]')].map((item) => [
        item.querySelector('[data-testid="post-title"]').value,
        item.querySelector('[data-testid="post-text"]').value,
      ]),
    ),
  };
}
