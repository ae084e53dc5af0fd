// What the benchmark scripts share: Debian's Chromium launched as the e2e tests launch it
// (nothing downloaded), and the peak memory of its renderer processes.

import { readdirSync, readFileSync } from 'node:fs';

import { CHROMIUM, launchChromium } from '../tests/support/chromium.mjs';

export { CHROMIUM };

/** Launches a fresh headless Chromium (playwright-core is imported late so --help works before `npm ci`). */
export async function launch() {
  const { chromium } = await import('playwright-core');
  return launchChromium(chromium);
}

/** Pids of this process's descendants whose command line has `--type=renderer`. */
export function rendererPids() {
  const parent = new Map();
  const cmd = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8'));
    } catch {
      // Gone meanwhile.
    }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return [...cmd.keys()].filter((pid) => cmd.get(pid).includes('--type=renderer') && ours(pid));
}

/** Largest VmHWM (peak resident set) over our renderer processes, in bytes. */
export function rendererPeakBytes() {
  let peak = 0;
  for (const pid of rendererPids()) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      // Gone meanwhile.
    }
  }
  return peak || null;
}
