// End-to-end test of the JS API of the engine (crates/engine-js, dist/engine/jobdelta.js): a
// plain HTML page of another "site" (fixtures/engine-js/, the README's example) imports the
// module from the built site, loads the model the site serves, and the test checks what it
// returns against the sentence-transformers reference and against the CLI (`jobdelta embed`,
// `jobdelta tokenize`, run on the very weights the module downloads), then its errors.
//
// Run with scripts/e2e (which builds first), or: cd tests/e2e && node --test engine-js.test.mjs
// Environment: JOBDELTA_DIST (default ../../dist), CHROMIUM_PATH (default /usr/bin/chromium),
// JOBDELTA_CLI (default ../../target/debug/jobdelta; scripts/e2e builds it).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { DIST, MODEL_DIR, MODEL_READY_TIMEOUT_MS, foreignRequests, startSuite } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = resolve(process.env.JOBDELTA_CLI ?? join(ROOT, 'target', 'debug', 'jobdelta'));
// The weights the module downloads (half precision), so that the CLI comparison is exact up to
// the SIMD kernels' rounding, not f16's.
const WEB_MODEL = join(ROOT, 'models', 'web', 'all-MiniLM-L6-v2');
const REFERENCE = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'reference', 'minilm-l6-v2-reference.json'), 'utf8'));
// One line per text for the CLI: the reference texts that are not blank and have no line break.
const TEXTS = REFERENCE.entries.filter((e) => e.text.trim() !== '' && !/[\r\n]/.test(e.text));
const QUERY = 'data engineering with Spark and Python';
const CORPUS_SIZE = 40;

let suite;
let session; // { page, requests, problems } of the fixture page
let tmp;

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const cosine = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

/** `jobdelta <command> --model WEB_MODEL` on `texts` (one per line): its JSON Lines, parsed. */
function cli(command, texts) {
  assert.ok(existsSync(CLI), `no CLI at ${CLI}: run cargo build -p jobdelta-cli (or set JOBDELTA_CLI)`);
  const input = join(tmp, `${command}.txt`);
  writeFileSync(input, `${texts.join('\n')}\n`);
  const out = execFileSync(CLI, [command, '--model', WEB_MODEL, input], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'jobdelta-engine-js-'));
  assert.ok(existsSync(join(DIST, 'engine', 'jobdelta.js')), `${DIST}/engine/jobdelta.js is missing: rebuild the site (trunk build --release)`);
  suite = await startSuite({ prefix: '/site/' });
  suite.site.mount('/page/', join(HERE, 'fixtures', 'engine-js'));
  // A model folder whose weights are not the expected file (as a stale or tampered copy).
  const bad = join(tmp, 'bad-model');
  mkdirSync(bad);
  for (const file of ['config.json', 'tokenizer.json']) copyFileSync(join(DIST, MODEL_DIR, file), join(bad, file));
  writeFileSync(join(bad, 'model.f16.safetensors'), 'not the weights');
  suite.site.mount('/bad-model/', bad);
  session = await suite.open(new URL('/page/', suite.site.url).href);
  await session.page.waitForFunction(() => window.example || window.exampleError, null, { timeout: MODEL_READY_TIMEOUT_MS });
});

after(async () => {
  await suite?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the README's example runs on a plain page that imports the module", async () => {
  const { page, requests } = session;
  const error = await page.evaluate(() => window.exampleError ?? null);
  assert.equal(error, null, `the example failed: ${error}`);
  const example = await page.evaluate(() => window.example);
  assert.equal(example.dims, 384);
  assert.ok(example.cosine > 0.3 && example.cosine < 1, `cosine ${example.cosine}`);
  assert.deepEqual(example.hits.map((h) => h.text).sort(), ['Kubernetes on AWS', 'Terraform modules']);
  assert.deepEqual(example.tokens, ['[CLS]', 'rust', '##ace', '##ans', '[SEP]']);
  assert.equal(await page.evaluate(() => [window.engine.dims, window.engine.modelId].join(' ')), '384 sentence-transformers/all-MiniLM-L6-v2');
  // The module, its wasm and the model came from the site; the app's own files were not loaded.
  const paths = requests.map((url) => new URL(url).pathname);
  for (const path of ['/site/engine/jobdelta.js', '/site/engine/jobdelta-engine-js.js', '/site/engine/jobdelta-engine-js_bg.wasm', '/site/models/all-MiniLM-L6-v2/model.f16.safetensors']) {
    assert.ok(paths.includes(path), `${path} was not requested: ${paths.join(' ')}`);
  }
  assert.deepEqual(paths.filter((p) => /worker|loader-|\/app/.test(p)), []);
  assert.deepEqual(foreignRequests(requests), []);
});

test('embed gives Float32Array rows at sentence-transformers parity and equal to the CLI', { timeout: 600_000 }, async () => {
  const texts = TEXTS.map((e) => e.text);
  const rows = await session.page.evaluate((t) => {
    const out = window.engine.embed(t);
    if (!out.every((row) => row instanceof Float32Array && row.length === 384)) throw new Error('not Float32Array rows of 384');
    return out.map((row) => Array.from(row));
  }, texts);
  assert.equal(rows.length, texts.length);
  const toReference = rows.map((row, i) => cosine(row, TEXTS[i].embedding));
  const worst = Math.min(...toReference);
  assert.ok(worst >= 0.9999, `min cosine to the reference ${worst} (${TEXTS[toReference.indexOf(worst)].name})`);
  const byCli = cli('embed', texts);
  const toCli = rows.map((row, i) => cosine(row, byCli[i].embedding));
  assert.ok(Math.min(...toCli) >= 0.99999, `min cosine to the CLI ${Math.min(...toCli)}`);
  console.log(`engine-js: ${texts.length} texts, min cosine ${worst.toFixed(6)} to sentence-transformers, ${Math.min(...toCli).toFixed(7)} to the CLI`);
});

test('similarity and search give what the CLI embeddings give', { timeout: 300_000 }, async () => {
  const corpus = TEXTS.slice(0, CORPUS_SIZE).map((e) => e.text);
  const [query, ...vectors] = cli('embed', [QUERY, ...corpus]).map((line) => line.embedding);
  const cliScores = vectors.map((v) => cosine(query, v));
  const cliOrder = cliScores.map((_, i) => i).sort((a, b) => cliScores[b] - cliScores[a] || a - b).slice(0, 5);

  const got = await session.page.evaluate(([q, c]) => {
    const e = window.engine;
    const rows = e.embed(c);
    return {
      byText: e.search(q, c, { topK: 5 }),
      byVector: e.search(e.embed(q)[0], rows, { topK: 5 }),
      all: e.search(q, c, { topK: 1000 }).length,
      byDefault: e.search(q, c).length,
      similarityTexts: e.similarity(q, c[0]),
      similarityRows: e.similarity(e.embed(q)[0], rows[0]),
      similarityArrays: e.similarity(Array.from(e.embed(q)[0]), Array.from(rows[0])),
    };
  }, [QUERY, corpus]);

  assert.deepEqual(got.byText.map((h) => h.index), cliOrder, 'search ranks as the CLI embeddings do');
  for (const hit of got.byText) {
    assert.equal(hit.text, corpus[hit.index]);
    assert.ok(Math.abs(hit.score - cliScores[hit.index]) < 1e-5, `score ${hit.score} vs CLI ${cliScores[hit.index]}`);
  }
  assert.deepEqual(got.byVector.map((h) => h.index), cliOrder, 'searching embeddings gives the same order');
  assert.ok(got.byVector.every((h) => !('text' in h)));
  assert.equal(got.all, CORPUS_SIZE);
  assert.equal(got.byDefault, 10);
  for (const s of [got.similarityTexts, got.similarityRows, got.similarityArrays]) {
    assert.ok(Math.abs(s - cliScores[0]) < 1e-5, `similarity ${s} vs CLI ${cliScores[0]}`);
  }
});

test('tokenize gives the CLI word pieces and ids', async () => {
  const texts = [...TEXTS.slice(0, 20).map((e) => e.text), 'C++/C#/.NET, Node.js — naïve café', 'x '.repeat(300)];
  const got = await session.page.evaluate((t) => t.map((text) => window.engine.tokenize(text)), texts);
  const byCli = cli('tokenize', texts);
  got.forEach((tokens, i) => {
    assert.deepEqual(tokens.tokens, byCli[i].tokens, texts[i]);
    assert.deepEqual(tokens.ids, byCli[i].ids, texts[i]);
    assert.equal(tokens.nTokensUntruncated, byCli[i].n_tokens_untruncated);
    assert.equal(tokens.truncated, byCli[i].n_tokens_untruncated > byCli[i].ids.length);
  });
  assert.equal(got.at(-1).truncated, true);
  assert.equal(got.at(-1).tokens.length, 256);
});

// The app's other models, named in Engine.load: their own pooling, length and width, at
// sentence-transformers parity (the references of fixtures/reference/, computed independently),
// and all-mpnet-base-v2's weights fetched in parts and joined; int8 close to the reference.
const L3 = 'paraphrase-MiniLM-L3-v2';
const MPNET = 'all-mpnet-base-v2';
const otherReference = (file) => JSON.parse(readFileSync(join(ROOT, 'fixtures', 'reference', file), 'utf8')).entries.filter((e) => e.text.trim() !== '').slice(0, 12);
/** Loads `model` in the fixture page, embeds `texts` and tokenizes the first; frees the engine. */
const loadAndEmbed = (options, texts) =>
  session.page.evaluate(
    async ([o, t]) => {
      const engine = await window.Engine.load(o);
      try {
        const rows = engine.embed(t);
        return { modelId: engine.modelId, dims: engine.dims, precision: engine.precision, rows: rows.map((r) => Array.from(r)), pieces: engine.tokenize(t[0]).tokens.length };
      } finally {
        engine.free();
      }
    },
    [options, texts],
  );

test(`Engine.load({ model: '${L3}' }) runs that model at parity, and int8 stays close`, { timeout: MODEL_READY_TIMEOUT_MS * 2 }, async () => {
  const entries = otherReference('paraphrase-minilm-l3-v2-reference.json');
  const texts = entries.map((e) => e.text);
  const f32 = await loadAndEmbed({ modelUrl: `../site/models/${L3}/`, model: L3 }, texts);
  assert.deepEqual([f32.modelId, f32.dims, f32.precision], [`sentence-transformers/${L3}`, 384, 'f32']);
  assert.equal(f32.pieces, entries[0].tokens.length);
  const worst = Math.min(...f32.rows.map((row, i) => cosine(row, entries[i].embedding)));
  assert.ok(worst >= 0.9999, `${L3}: min cosine to the reference ${worst}`);
  const int8 = await loadAndEmbed({ modelUrl: `../site/models/${L3}/`, model: L3, precision: 'int8' }, texts);
  assert.equal(int8.precision, 'int8');
  const worstInt8 = Math.min(...int8.rows.map((row, i) => cosine(row, entries[i].embedding)));
  assert.ok(worstInt8 >= 0.98 && worstInt8 < 1, `${L3} int8: min cosine to the reference ${worstInt8}`);
  console.log(`engine-js ${L3}: ${texts.length} texts, min cosine ${worst.toFixed(6)} (f32), ${worstInt8.toFixed(4)} (int8)`);
});

test(`Engine.load({ model: '${MPNET}' }) joins its parts and runs it at parity`, { skip: process.env.JOBDELTA_SKIP_MPNET ? 'JOBDELTA_SKIP_MPNET is set' : false, timeout: MODEL_READY_TIMEOUT_MS * 4 }, async () => {
  const entries = otherReference('all-mpnet-base-v2-reference.json').slice(0, 6);
  const got = await loadAndEmbed({ modelUrl: `../site/models/${MPNET}/`, model: MPNET }, entries.map((e) => e.text));
  assert.deepEqual([got.modelId, got.dims], [`sentence-transformers/${MPNET}`, 768]);
  const worst = Math.min(...got.rows.map((row, i) => cosine(row, entries[i].embedding)));
  assert.ok(worst >= 0.9999, `${MPNET}: min cosine to the reference ${worst}`);
  const paths = session.requests.map((url) => new URL(url).pathname);
  assert.ok(paths.includes(`/site/models/${MPNET}/model.f16.safetensors.part-008`), 'the last part was fetched');
  console.log(`engine-js ${MPNET}: ${entries.length} texts, min cosine ${worst.toFixed(6)}`);
});

test('bad input and a bad modelUrl give errors that say what to do', { timeout: MODEL_READY_TIMEOUT_MS }, async () => {
  const { page, problems } = session;
  const errors = await page.evaluate(async () => {
    const e = window.engine;
    const caught = async (f) => {
      try {
        await f();
        return null;
      } catch (error) {
        return `${error instanceof Error ? error.constructor.name : typeof error}: ${error.message}`;
      }
    };
    return {
      missing: await caught(() => window.Engine.load({ modelUrl: '../site/no-model-here/' })),
      tampered: await caught(() => window.Engine.load({ modelUrl: '/bad-model' })),
      noUrl: await caught(() => window.Engine.load({})),
      typo: await caught(() => window.Engine.load({ modelURL: 'x' })),
      blank: await caught(() => window.Engine.load({ modelUrl: ' ' })),
      unknownModel: await caught(() => window.Engine.load({ modelUrl: '../site/models/all-MiniLM-L6-v2/', model: 'bert-base' })),
      unknownPrecision: await caught(() => window.Engine.load({ modelUrl: '../site/models/all-MiniLM-L6-v2/', precision: 'f16' })),
      otherModelUnnamed: await caught(() => window.Engine.load({ modelUrl: '../site/models/paraphrase-MiniLM-L3-v2/' })),
      emptyText: await caught(() => e.embed(['fine', '  '])),
      noTexts: await caught(() => e.embed([])),
      notTexts: await caught(() => e.embed([1, 2])),
      badVector: await caught(() => e.similarity('a', new Float32Array(3))),
      badCorpus: await caught(() => e.search('a', ['text', new Float32Array(384)])),
      badTopK: await caught(() => e.search('a', ['b'], { topK: -1 })),
      typoTopK: await caught(() => e.search('a', ['b'], { topk: 1 })),
      tokenizeNumber: await caught(() => e.tokenize(42)),
      stillWorks: e.similarity('ok', 'ok'),
    };
  });
  const expected = {
    missing: /^Error: Engine\.load: the model at \.\.\/site\/no-model-here\/ could not be loaded: config\.json could not be downloaded: the server answered 404/,
    tampered: /^Error: Engine\.load: the model at \/bad-model could not be loaded: model\.f16\.safetensors is not the expected file \(its sha256 is [0-9a-f]{64}, expected 04fff955/,
    noUrl: /^Error: Engine\.load: missing field `modelUrl`; expected \{ modelUrl: string, model\?: string, precision\?: "f32" \| "int8" \}/,
    typo: /^Error: Engine\.load: unknown option `modelURL`; expected \{ modelUrl: string/,
    unknownModel: /^Error: Engine\.load: no model is called "bert-base"; the models are all-MiniLM-L6-v2, paraphrase-MiniLM-L3-v2, all-mpnet-base-v2$/,
    unknownPrecision: /^Error: Engine\.load: precision "f16" is neither "f32"/,
    otherModelUnnamed: /^Error: Engine\.load: the model at .* model\.f16\.safetensors is not the expected file .*\(if the folder holds another model than all-MiniLM-L6-v2, name it: \{ model: "…" \}\)$/,
    typoTopK: /^Error: search: unknown option `topk`/,
    blank: /^Error: Engine\.load: modelUrl is empty; pass the URL of the folder holding config\.json/,
    emptyText: /^Error: embed: text 1 is empty/,
    noTexts: /^Error: embed: there is no text to embed/,
    notTexts: /^Error: embed: texts must be a string or an array of strings/,
    badVector: /^Error: similarity: b has 3 numbers, but this model's embeddings have 384/,
    badCorpus: /^Error: search: corpus must be an array of texts, or an array of embeddings/,
    badTopK: /^Error: search: .*; expected \{ topK\?: number \}/,
    tokenizeNumber: /^Error: tokenize: text must be a string/,
  };
  for (const [key, pattern] of Object.entries(expected)) assert.match(errors[key] ?? 'no error', pattern, key);
  assert.ok(Math.abs(errors.stillWorks - 1) < 1e-5, 'the engine still works after refusing input');
  // The only console errors are the browser's own lines for the 404s asked for above.
  const unexpected = problems.filter((p) => !/Failed to load resource: the server responded with a status of 404/.test(p));
  assert.deepEqual(unexpected, []);
});
