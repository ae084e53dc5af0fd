// WebGPU probe: is there an adapter, and how fast does it run the encoder's dense products?
// Runs the model's four product shapes (x·Wᵀ + b, as crates/encoder/src/kernels.rs) as a
// tiled WGSL compute shader in headless Debian Chromium, checks every result against the same
// product in f64 on the CPU, and prints GFLOP/s per shape next to what the app's wasm kernel
// reaches (scripts/bench-wasm, "kernel_speed"). It is the first step of the WebGPU plan in
// docs/benchmarks.md: the app would only choose WebGPU where a probe like this beats its workers.
//
//   node bench/webgpu.mjs [--rows 128] [--repeat 20]
//
// Here Chromium has no GPU, only SwiftShader (a CPU implementation of Vulkan): the figures
// measure correctness and the overhead of the path, not a GPU's speed. On a machine with a GPU
// the same command asks Chromium for its adapter (the line "adapter:" says which one ran).
import http from 'node:http';
import { parseArgs } from 'node:util';

import { CHROMIUM } from './browser.mjs';
import { CHROMIUM_ARGS } from '../tests/support/chromium.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '128' },
    repeat: { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('node bench/webgpu.mjs [--rows N] [--repeat K]: WebGPU adapter and dense-product GFLOP/s in headless Chromium');
  process.exit(0);
}
const ROWS = Number(args.rows);
const REPEAT = Number(args.repeat);
// The model's products: (inputs, outputs) for query/key/value, attention output, up, down.
const SHAPES = [[384, 1152], [384, 384], [384, 1536], [1536, 384]];

// One 16 × 16 tile of outputs per workgroup, the shared inputs staged through workgroup
// memory 16 columns of the inner dimension at a time.
const SHADER = /* wgsl */ `
struct Dims { rows: u32, inputs: u32, outputs: u32, pad: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
var<workgroup> xs: array<array<f32, 16>, 16>;
var<workgroup> ws: array<array<f32, 16>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
  let row = g.y;
  let col = g.x;
  var sum = 0.0;
  for (var k0 = 0u; k0 < dims.inputs; k0 += 16u) {
    xs[l.y][l.x] = select(0.0, x[row * dims.inputs + k0 + l.x], row < dims.rows);
    ws[l.y][l.x] = select(0.0, w[(g.x - l.x + l.y) * dims.inputs + k0 + l.x], col < dims.outputs);
    workgroupBarrier();
    for (var k = 0u; k < 16u; k++) { sum += xs[l.y][k] * ws[l.x][k]; }
    workgroupBarrier();
  }
  if (row < dims.rows && col < dims.outputs) { out[row * dims.outputs + col] = sum + bias[col]; }
}`;

async function probe(shader, rows, shapes, repeat) {
  if (!navigator.gpu) return { error: 'this browser has no navigator.gpu' };
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return { error: 'navigator.gpu gave no adapter' };
  const device = await adapter.requestDevice();
  const module = device.createShaderModule({ code: shader });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const info = adapter.info ?? {};
  const results = [];
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
  for (const [inputs, outputs] of shapes) {
    const x = Float32Array.from({ length: rows * inputs }, random);
    const w = Float32Array.from({ length: outputs * inputs }, () => random() * 0.1);
    const b = Float32Array.from({ length: outputs }, random);
    const buffer = (data, usage) => {
      const buf = device.createBuffer({ size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buf, 0, data);
      return buf;
    };
    const dims = buffer(new Uint32Array([rows, inputs, outputs, 0]), GPUBufferUsage.UNIFORM);
    const xb = buffer(x, GPUBufferUsage.STORAGE);
    const wb = buffer(w, GPUBufferUsage.STORAGE);
    const bb = buffer(b, GPUBufferUsage.STORAGE);
    const ob = device.createBuffer({ size: rows * outputs * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readback = device.createBuffer({ size: rows * outputs * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [dims, xb, wb, bb, ob].map((buf, binding) => ({ binding, resource: { buffer: buf } })),
    });
    const run = () => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(Math.ceil(outputs / 16), Math.ceil(rows / 16));
      pass.end();
      device.queue.submit([encoder.finish()]);
      return device.queue.onSubmittedWorkDone();
    };
    await run();
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((p, q) => p - q);
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(ob, 0, readback, 0, rows * outputs * 4);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const got = new Float32Array(readback.getMappedRange().slice(0));
    readback.unmap();
    let maxError = 0;
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < outputs; o++) {
        let sum = b[o];
        for (let k = 0; k < inputs; k++) sum += x[r * inputs + k] * w[o * inputs + k];
        maxError = Math.max(maxError, Math.abs(sum - got[r * outputs + o]));
      }
    }
    const ms = times[Math.floor(times.length / 2)];
    results.push({ inputs, outputs, ms, gflops: (2 * rows * inputs * outputs) / ms / 1e6, maxError });
  }
  return { adapter: `${info.vendor ?? '?'} ${info.architecture ?? ''} ${info.description ?? ''}`.trim(), fallback: adapter.isFallbackAdapter ?? null, results };
}

// WebGPU needs a secure context: a page from 127.0.0.1 is one.
const server = http.createServer((_, response) => response.end('<!doctype html><title>webgpu probe</title>')).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { chromium } = await import('playwright-core');
// The e2e tests' flags, without --disable-gpu, with WebGPU enabled (Linux needs the flag).
const flags = [...CHROMIUM_ARGS.filter((flag) => flag !== '--disable-gpu'), '--enable-unsafe-webgpu'];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: flags });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const report = await page.evaluate(
    ([fn, shader, rows, shapes, repeat]) => new Function(`return (${fn})`)()(shader, rows, shapes, repeat),
    [probe.toString(), SHADER, ROWS, SHAPES, REPEAT],
  );
  if (report.error) {
    console.log(`webgpu: ${report.error}`);
    process.exitCode = 1;
  } else {
    console.log(`adapter: ${report.adapter}${report.fallback ? ' (fallback adapter)' : ''}; Chromium flags: ${flags.join(' ')}`);
    for (const r of report.results) {
      console.log(
        `webgpu ${ROWS}x${r.inputs}->${r.outputs}: ${r.gflops.toFixed(2)} GFLOP/s (median of ${REPEAT}, ${r.ms.toFixed(1)} ms), max abs error ${r.maxError.toExponential(1)}`,
      );
    }
  }
} finally {
  await browser.close();
  server.close();
}
