// What a first visit downloads, and how long the app takes to be ready, first and warm.
//
//   node bench/startup.mjs [--repeat K]      (after `trunk build --release`; scripts/bench-browser runs it)
//
// Serves dist/ at /app/ (bench/serve.mjs: validators and 304s as a static host sends), opens
// the app in a fresh browser profile and counts every byte the server sends until
// the model is ready and the service worker has kept the app for offline use; then reloads
// (the warm start: everything from the caches) K times. Ready means the page shows
// "Model ready" (data-state="ready"). Figures only.

import { parseArgs } from 'node:util';

import { launch } from './browser.mjs';
import { defaultMounts, startServer } from './serve.mjs';

const { values: args } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Math.max(1, Number(args.repeat) || 3);
const MB = 1e6;
const MIB = 1 << 20;

const { server, url, sent } = await startServer(defaultMounts());
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const ready = () => page.waitForSelector('[data-testid="model-status"][data-state="ready"]', { timeout: 300_000 });

  let started = performance.now();
  await page.goto(`${url}app/`);
  await ready();
  const coldMs = performance.now() - started;
  const engine = await page.locator('[data-testid="model-engine"]').textContent();
  // The service worker keeps the shell for offline use once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => new Promise((r) => setTimeout(r, 1500))));

  const byFile = new Map([...sent].map(([path, bytes]) => [path.replace(/^\/app\//, ''), bytes]));
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  console.log('first visit, bytes the server sent, by file (the service worker\'s requests included):');
  for (const [path, bytes] of [...byFile].sort((a, b) => b[1] - a[1])) {
    if (bytes >= 10_000) console.log(`  ${(bytes / MB).toFixed(2).padStart(7)} MB  ${path}`);
  }
  const small = [...byFile.values()].filter((b) => b < 10_000);
  console.log(`  ${(small.reduce((a, b) => a + b, 0) / MB).toFixed(2).padStart(7)} MB  ${small.length} small files`);
  console.log(`first_visit_bytes=${total} (${(total / MB).toFixed(1)} MB, ${(total / MIB).toFixed(1)} MiB)`);
  console.log(`cold_ready_ms=${coldMs.toFixed(0)} (${engine.trim()})`);

  const warm = [];
  for (let i = 0; i < repeat; i++) {
    sent.clear();
    started = performance.now();
    await page.reload();
    await ready();
    warm.push(performance.now() - started);
    const fetched = [...sent.keys()].filter((path) => !path.endsWith('sw.js'));
    if (fetched.length) console.log(`  warm start ${i + 1} still downloaded: ${fetched.join(', ')}`);
  }
  warm.sort((a, b) => a - b);
  console.log(`warm_ready_ms=${warm[Math.floor(warm.length / 2)].toFixed(0)} (median of ${repeat}; each: ${warm.map((w) => w.toFixed(0)).join(', ')})`);
} finally {
  await browser.close();
  server.close();
}
