// One example analysis per model and precision in the built app (dist/), in Debian's Chromium:
// how long the model takes to be ready (download from 127.0.0.1, sha256 check, build), how
// long the analysis of the report fixtures takes (fixtures/report: one resume, three posts),
// and the peak memory of the renderer process (page, lead and helper workers, their wasm
// memories). One fresh browser per configuration, so each peak is that configuration's.
//
//   node bench/models.mjs [MODEL:PRECISION ...]
//     default: all-MiniLM-L6-v2:int8 all-MiniLM-L6-v2:f32 all-mpnet-base-v2:int8 all-mpnet-base-v2:f32
//
// Figures only (docs/benchmarks.md records them). JOBDELTA_DIST points at another build.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The e2e suite's launcher and page actions (its node_modules: `cd tests/e2e && npm ci`).
import { analyze, byTestId, fillWorkspace, launch, waitForModelReady } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';
import { rendererPeakBytes } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const DIST = process.env.JOBDELTA_DIST ?? join(ROOT, 'dist');
const fixture = (name) => readFileSync(join(ROOT, 'fixtures', 'report', name), 'utf8');
const POSTS = ['post-ios.md', 'post-data-engineer.txt', 'post-rust-backend.txt'];
const READY_TIMEOUT_MS = 900_000;

const configs = (process.argv.length > 2
  ? process.argv.slice(2)
  : ['all-MiniLM-L6-v2:int8', 'all-MiniLM-L6-v2:f32', 'all-mpnet-base-v2:int8', 'all-mpnet-base-v2:f32']
).map((arg) => {
  const [model, precision = 'int8'] = arg.split(':');
  return { model, precision };
});

const site = await startServer(DIST, 0);
try {
  console.log('| model | precision | workers | ready s | analysis s | renderer peak MiB |');
  console.log('|---|---|---|---|---|---|');
  for (const { model, precision } of configs) {
    const browser = await launch();
    try {
      const page = await (await browser.newContext()).newPage();
      const opened = Date.now();
      await page.goto(`${site.url}?model=${model}&precision=${precision}`);
      await waitForModelReady(page, READY_TIMEOUT_MS);
      const readyS = (Date.now() - opened) / 1000;
      const posts = POSTS.map((name, i) => [`Post ${i + 1}`, fixture(name)]);
      await fillWorkspace(page, fixture('resume.md'), posts);
      const started = Date.now();
      const outcome = await analyze(page);
      const analysisS = (Date.now() - started) / 1000;
      if (outcome !== 'report') throw new Error(`${model} ${precision}: the analysis ended ${outcome}`);
      await byTestId(page, 'model-details').locator('summary').click();
      const engine = (await byTestId(page, 'model-engine').textContent()).trim();
      const workers = /(\d+) workers?/.exec(engine)?.[1] ?? '?';
      const peak = rendererPeakBytes();
      console.log(`| ${model} | ${precision} | ${workers} | ${readyS.toFixed(1)} | ${analysisS.toFixed(1)} | ${peak ? (peak / (1 << 20)).toFixed(0) : '?'} |`);
      console.error(`  (${model} ${precision}: model status "${engine}")`);
    } finally {
      await browser.close();
    }
  }
} finally {
  site.server.close();
}
