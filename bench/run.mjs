// Drives the benchmark page (bench/page/) in headless Debian Chromium and prints the table.
// Run through scripts/bench-browser, which installs what this needs first; see --help.
//
// Each engine configuration runs in a browser of its own (fresh storage and caches, so every
// model load is a cold one from 127.0.0.1, and the renderer's peak memory is that engine's).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, launch, rendererPeakBytes } from './browser.mjs';
import { defaultMounts, startServer } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

const HELP = `usage: scripts/bench-browser [options]
  --repeat K            timed runs per configuration; the median is reported (default 3)
  --json FILE           also write every figure (and the settings) to FILE
  --engines LIST        jobdelta (the app's worker), jobdelta-candle (the app's worker-candle
                        build, ?engine=candle: candle-transformers' BERT, f32, 1 worker),
                        jobdelta-js (the JS API, engine/jobdelta.js, on the page's thread),
                        transformers.js (default all four)
  --workers LIST        jobdelta pool sizes (default 1,2)
  --precisions LIST     jobdelta precisions, f32,int8 (default both)
  --worker-query Q      appended to jobdelta's worker URL (worker_loader.js), e.g. to choose a
                        SIMD build; repeat the option to compare several (default: none);
                        the first one's single worker is the headline's numerator
  --dtypes LIST         transformers.js model dtypes (default fp32,q8)
  --batch N             transformers.js batch size for the sorted batches (default 32)
  --verbose             echo the page's log
environment: JOBDELTA_DIST (default dist/), CHROMIUM_PATH (default /usr/bin/chromium)`;

const ENGINES = ['jobdelta', 'jobdelta-candle', 'jobdelta-js', 'transformers.js'];

function parseArgs(argv) {
  const o = {
    repeat: 3, json: null, engines: ['jobdelta', 'jobdelta-candle', 'jobdelta-js', 'transformers.js'], workers: [1, 2], queries: [],
    precisions: ['f32', 'int8'],
    dtypes: ['fp32', 'q8'], batch: 32, verbose: false,
  };
  const args = [...argv];
  const value = (flag) => {
    if (args.length === 0) throw new Error(`${flag} needs a value`);
    return args.shift();
  };
  while (args.length) {
    const flag = args.shift();
    if (flag === '--repeat') o.repeat = Number(value(flag));
    else if (flag === '--json') o.json = value(flag);
    else if (flag === '--engines') o.engines = value(flag).split(',');
    else if (flag === '--workers') o.workers = value(flag).split(',').map(Number);
    else if (flag === '--worker-query') o.queries.push(value(flag));
    else if (flag === '--precisions') o.precisions = value(flag).split(',');
    else if (flag === '--dtypes') o.dtypes = value(flag).split(',');
    else if (flag === '--batch') o.batch = Number(value(flag));
    else if (flag === '--verbose') o.verbose = true;
    else if (flag === '-h' || flag === '--help') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${flag} (try --help)`);
  }
  if (!(Number.isInteger(o.repeat) && o.repeat >= 1)) throw new Error('--repeat needs a whole number ≥ 1');
  if (o.queries.length === 0) o.queries = [''];
  for (const e of o.engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e}`);
  for (const p of o.precisions) if (!['f32', 'int8'].includes(p)) throw new Error(`unknown precision ${p}`);
  return o;
}

/** Runs `call(bench, args)` in the page of a fresh browser; adds the renderer's peak memory. */
async function inFreshBrowser(url, fn, args, verbose) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (verbose || m.type() === 'error') console.error(`  [page ${m.type()}] ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => console.error(`  [page error] ${e}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) console.error(`  [page] HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(`${url}bench/`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    const result = await page.evaluate(([name, a]) => window.bench[name](a), [fn, args]);
    result.rendererPeakBytes = rendererPeakBytes();
    return result;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const cosine = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
const minCosine = (xs, ys) => Math.min(...xs.map((x, i) => cosine(x, ys[i])));
const argMinCosine = (xs, ys) => {
  const c = xs.map((x, i) => cosine(x, ys[i]));
  return c.indexOf(Math.min(...c));
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The reference entries, checked to be the corpus's texts in the same order. */
function loadReference(texts) {
  const { entries } = JSON.parse(readFileSync(join(ROOT, 'fixtures/reference/minilm-l6-v2-reference.json'), 'utf8'));
  if (entries.length !== texts.length || entries.some((e, i) => e.text !== texts[i])) {
    throw new Error('fixtures/bench/sentences.txt no longer matches the reference texts');
  }
  return { names: entries.map((e) => e.name), vectors: entries.map((e) => e.embedding) };
}

const MIB = 2 ** 20;
const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const mounts = defaultMounts();
  if (o.engines.includes('jobdelta-candle') && !existsSync(join(mounts['/app/'], 'worker-candle.js'))) {
    throw new Error(`${mounts['/app/']}/worker-candle.js is missing: rebuild the site (trunk build --release)`);
  }
  if (o.engines.includes('jobdelta') && !existsSync(join(mounts['/app/'], 'worker_loader.js'))) {
    throw new Error(`${mounts['/app/']}/worker_loader.js is missing: build the site first (scripts/serve --setup, then trunk build --release), or set JOBDELTA_DIST`);
  }
  if (o.engines.includes('jobdelta-js') && !existsSync(join(mounts['/app/'], 'engine', 'jobdelta.js'))) {
    throw new Error(`${mounts['/app/']}/engine/jobdelta.js is missing: rebuild the site (trunk build --release)`);
  }
  if (o.engines.includes('transformers.js') && !existsSync(join(mounts['/models/'], 'all-MiniLM-L6-v2', 'onnx', 'model.onnx'))) {
    throw new Error('models/onnx/all-MiniLM-L6-v2/ is missing: run scripts/export-onnx');
  }
  const { server, url } = await startServer(mounts);
  const rows = []; // one per timed configuration
  const failures = [];
  let reference;
  try {
    const texts = await (await fetch(`${url}fixtures/bench/sentences.txt`)).text().then((t) => t.split('\n').filter(Boolean));
    reference = loadReference(texts);
    console.log(`corpus: ${texts.length} texts; ${o.repeat} timed run(s) per configuration, median; ${CHROMIUM}`);

    if (o.engines.includes('jobdelta')) {
      for (const query of o.queries) {
       for (const precision of o.precisions) {
        for (const workers of o.workers) {
          const label = `jobdelta ${precision}, ${workers} worker${workers > 1 ? 's' : ''}${query ? ` ${query}` : ''}`;
          console.log(`== ${label}`);
          try {
            const r = await inFreshBrowser(url, 'jobdelta', { workers, query, precision, repeat: o.repeat }, o.verbose);
            const info = r.engineInfo;
            if (info) console.log(`   engine: ${info.f16_weights ? 'f16' : 'f32'} weights, ${info.precision ?? 'f32'} maths, ${info.relaxed_simd ? 'relaxed SIMD' : 'SIMD'}, ${info.workers} worker(s); ${r.workersUsed} took part`);
            if ((info?.precision ?? 'f32') !== precision) throw new Error(`asked for ${precision}, the worker runs ${info?.precision ?? 'f32'}: rebuild dist/`);
            rows.push({
              key: `jobdelta-${precision}-w${workers}${query}`, label, engine: 'jobdelta', precision, workers, query, engineInfo: info,
              wallMs: r.wallMs, workerMs: r.workerMs, runsWallMs: r.runsWallMs, wordPieces: r.wordPieces,
              loadMs: r.loadMs, loadWallMs: r.loadWallMs, wasmMemoryBytes: r.wasmMemoryBytes,
              rendererPeakBytes: r.rendererPeakBytes, vectors: r.vectors,
            });
          } catch (error) {
            failures.push(`${label}: ${error.message.split('\n')[0]}`);
            console.log(`   failed: ${error.message.split('\n')[0]}`);
          }
        }
       }
      }
    }
    if (o.engines.includes('jobdelta-candle')) {
      // The same page function as the fast worker's, the same texts and warm-up: only the
      // build differs (worker_loader.js?engine=candle starts worker-candle).
      const label = 'jobdelta candle f32, 1 worker';
      console.log(`== ${label}`);
      try {
        const r = await inFreshBrowser(url, 'jobdelta', { workers: 1, query: '?engine=candle', precision: 'f32', repeat: o.repeat }, o.verbose);
        const info = r.engineInfo;
        if (info?.backend !== 'candle') throw new Error(`asked for candle, the worker runs ${info?.backend ?? 'fast'}: rebuild dist/`);
        console.log(`   engine: candle-transformers, ${info.f16_weights ? 'f16' : 'f32'} weights, ${info.precision} maths, ${info.workers} worker(s)`);
        rows.push({
          key: 'jobdelta-candle-f32-w1', label, engine: 'jobdelta-candle', precision: 'f32', workers: 1, query: '?engine=candle', engineInfo: info,
          wallMs: r.wallMs, workerMs: r.workerMs, runsWallMs: r.runsWallMs, wordPieces: r.wordPieces,
          loadMs: r.loadMs, loadWallMs: r.loadWallMs, wasmMemoryBytes: r.wasmMemoryBytes,
          rendererPeakBytes: r.rendererPeakBytes, vectors: r.vectors,
        });
      } catch (error) {
        failures.push(`${label}: ${error.message.split('\n')[0]}`);
        console.log(`   failed: ${error.message.split('\n')[0]}`);
      }
    }
    if (o.engines.includes('jobdelta-js')) {
      const label = 'jobdelta JS API (1 thread)';
      console.log(`== ${label}`);
      try {
        const r = await inFreshBrowser(url, 'jsapi', { repeat: o.repeat }, o.verbose);
        rows.push({
          key: 'jobdelta-js', label, engine: 'jobdelta-js', wallMs: r.wallMs, runsWallMs: r.runsWallMs,
          wordPieces: r.wordPieces, loadMs: r.loadMs, rendererPeakBytes: r.rendererPeakBytes, vectors: r.vectors,
        });
      } catch (error) {
        failures.push(`${label}: ${error.message.split('\n')[0]}`);
        console.log(`   failed: ${error.message.split('\n')[0]}`);
      }
    }
    if (o.engines.includes('transformers.js')) {
      for (const dtype of o.dtypes) {
        const label = `transformers.js ${dtype}, 1 thread`;
        console.log(`== ${label}`);
        try {
          const r = await inFreshBrowser(url, 'peer', { dtype, batch: o.batch, repeat: o.repeat }, o.verbose);
          console.log(`   transformers.js ${r.version}, onnxruntime-web ${r.ortVersion}`);
          for (const [mode, m] of [['batch 1', r.one], [`sorted batches of ${r.batch}`, r.batched]]) {
            rows.push({
              key: `tjs-${dtype}-${mode === 'batch 1' ? 'b1' : `b${r.batch}`}`, label: `${label}, ${mode}`, engine: 'transformers.js',
              dtype, batch: mode === 'batch 1' ? 1 : r.batch, version: r.version, ortVersion: r.ortVersion,
              wallMs: m.wallMs, runsWallMs: m.runsWallMs, wordPieces: r.wordPieces, loadMs: r.loadMs,
              rendererPeakBytes: r.rendererPeakBytes, vectors: m.vectors,
            });
          }
        } catch (error) {
          failures.push(`${label}: ${error.message.split('\n')[0]}`);
          console.log(`   failed: ${error.message.split('\n')[0]}`);
        }
      }
    }
  } finally {
    server.close();
  }

  // The headline's jobdelta: f32 on one worker (the first query's), as before int8.
  const jd1 = rows.find((r) => r.engine === 'jobdelta' && r.workers === 1 && r.precision === 'f32')
    ?? rows.find((r) => r.engine === 'jobdelta' && r.workers === 1);
  const jd1Int8 = rows.find((r) => r.engine === 'jobdelta' && r.workers === 1 && r.precision === 'int8' && r.query === (jd1?.query ?? ''));
  for (const r of rows) {
    r.sentencesPerS = (r.vectors.length / r.wallMs) * 1000;
    r.piecesPerS = (r.wordPieces / r.wallMs) * 1000;
    r.minCosReference = minCosine(r.vectors, reference.vectors);
    r.worstReferenceText = reference.names[argMinCosine(r.vectors, reference.vectors)];
    r.cosReference = Object.fromEntries(r.vectors.map((v, i) => [reference.names[i], cosine(v, reference.vectors[i])]));
    r.minCosJobdelta1 = jd1 ? minCosine(r.vectors, jd1.vectors) : null;
  }

  console.log('');
  console.log(table(
    ['configuration', 'sent/s', 'pieces/s', 'ms', 'worker ms', 'load ms', 'wasm MiB', 'renderer peak MiB', 'min cos ref', '(text)', 'min cos jd-1'],
    rows.map((r) => [
      r.label, fmt(r.sentencesPerS, 1), fmt(r.piecesPerS), fmt(r.wallMs), fmt(r.workerMs), fmt(r.loadMs),
      r.wasmMemoryBytes ? fmt(r.wasmMemoryBytes / MIB) : '–', fmt(r.rendererPeakBytes / MIB),
      fmt(r.minCosReference, 6), r.worstReferenceText, r.minCosJobdelta1 === null ? '–' : fmt(r.minCosJobdelta1, 6),
    ]),
  ));
  console.log(`sent/s, pieces/s from "ms": the page's wall time for the whole corpus (${rows[0]?.vectors.length ?? '?'} texts), median of ${o.repeat};`);
  console.log('worker ms: the embed_ms jobdelta\'s worker reports (request to last vector, inside the worker);');
  console.log('load ms: jobdelta\'s load_ms (download from 127.0.0.1, sha256, build), the JS API\'s import + Engine.load,');
  console.log('transformers.js\'s pipeline() time;');
  console.log('wasm MiB: WebAssembly memory of jobdelta\'s workers; renderer peak MiB: VmHWM of the page\'s renderer');
  console.log('process (page + its workers + wasm memories + V8 heaps), one fresh browser per engine and dtype;');
  console.log('min cos ref: lowest cosine to the sentence-transformers reference over the corpus, (text): which one;');
  console.log('min cos jd-1: lowest cosine to jobdelta with 1 worker.');

  const ratios = [];
  if (jd1) {
    for (const jd of [jd1, jd1Int8].filter(Boolean)) {
      for (const r of rows.filter((x) => x.engine === 'transformers.js')) {
        ratios.push([`${jd.label} / ${r.label}`, jd.sentencesPerS / r.sentencesPerS]);
      }
    }
    // The JS API against the app's single worker (same kernels, no messages) and the peer.
    const js = rows.find((x) => x.engine === 'jobdelta-js');
    if (js) {
      ratios.push([`${js.label} / ${jd1.label}`, js.sentencesPerS / jd1.sentencesPerS]);
      for (const r of rows.filter((x) => x.engine === 'transformers.js' && x.dtype === 'fp32')) {
        ratios.push([`${js.label} / ${r.label}`, js.sentencesPerS / r.sentencesPerS]);
      }
    }
    // Each pool against one worker of the same build and precision, and other builds and
    // precisions against the first.
    for (const r of rows.filter((x) => x.engine === 'jobdelta' && x.workers > 1)) {
      const one = rows.find((x) => x.engine === 'jobdelta' && x.workers === 1 && x.query === r.query && x.precision === r.precision);
      if (one) ratios.push([`${r.label} / ${one.label}`, r.sentencesPerS / one.sentencesPerS]);
    }
    for (const r of rows.filter((x) => x.engine === 'jobdelta' && x.workers === 1 && x !== jd1)) {
      ratios.push([`${r.label} / ${jd1.label}`, r.sentencesPerS / jd1.sentencesPerS]);
    }
  }
  // The two engines of the app, same texts, same run: fast over candle, both f32 on one worker.
  const candle = rows.find((x) => x.engine === 'jobdelta-candle');
  const fastOverCandle = candle && jd1 && jd1.precision === 'f32' ? jd1.sentencesPerS / candle.sentencesPerS : null;
  if (fastOverCandle !== null) ratios.push([`${jd1.label} / ${candle.label}`, fastOverCandle]);
  if (ratios.length) {
    console.log('');
    console.log(table(['ratio (sentences/s)', 'x'], ratios.map(([name, x]) => [name, fmt(x, 2)])));
  }
  for (const f of failures) console.log(`FAILED ${f}`);

  // Each denominator: transformers.js's faster mode (batch 1 or sorted batches) at that dtype.
  const bestPeerOf = (dtype) => rows
    .filter((r) => r.engine === 'transformers.js' && r.dtype === dtype)
    .sort((a, b) => b.sentencesPerS - a.sentencesPerS)[0];
  const bestPeer = bestPeerOf('fp32');
  const bestPeerQ8 = bestPeerOf('q8');
  const speedup = jd1 && bestPeer ? jd1.sentencesPerS / bestPeer.sentencesPerS : null;
  const int8VsQ8 = jd1Int8 && bestPeerQ8 ? jd1Int8.sentencesPerS / bestPeerQ8.sentencesPerS : null;
  const int8VsFp32 = jd1Int8 && bestPeer ? jd1Int8.sentencesPerS / bestPeer.sentencesPerS : null;
  const fixed = (x) => (x === null ? 'NA' : x.toFixed(2));

  if (o.json) {
    const strip = ({ vectors, ...rest }) => rest;
    writeFileSync(o.json, `${JSON.stringify({
      date: new Date().toISOString(), chromium: CHROMIUM, repeat: o.repeat, texts: rows[0]?.vectors.length ?? null,
      rows: rows.map(strip), ratios: Object.fromEntries(ratios), failures,
      speedup_vs_transformersjs_fp32_1core: speedup, speedup_denominator: bestPeer?.label ?? null,
      speedup_int8_vs_transformersjs_q8_1core: int8VsQ8, speedup_int8_q8_denominator: bestPeerQ8?.label ?? null,
      speedup_int8_vs_transformersjs_fp32_1core: int8VsFp32,
      fast_over_candle_f32_1worker: fastOverCandle,
    }, null, 2)}\n`);
  }
  if (speedup !== null) console.log(`(speedup: ${jd1.label} / best fp32 1-thread peer = ${bestPeer.label})`);
  if (int8VsQ8 !== null) console.log(`(int8 speedups: ${jd1Int8.label} / ${bestPeerQ8.label}, and / ${bestPeer?.label ?? 'NA'})`);
  if (candle) console.log(`fast_over_candle_f32_1worker=${fixed(fastOverCandle)}`);
  console.log(`speedup_vs_transformersjs_fp32_1core=${fixed(speedup)}`);
  // Last, as the issue asks: int8 on one worker against transformers.js q8 and fp32, one thread.
  console.log(`speedup_int8_vs_transformersjs_q8_1core=${fixed(int8VsQ8)}`);
  console.log(`speedup_int8_vs_transformersjs_fp32_1core=${fixed(int8VsFp32)}`);
  if (failures.length || speedup === null) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench-browser: ${process.env.DEBUG_BENCH ? error.stack : error.message ?? error}`);
  process.exit(1);
});
