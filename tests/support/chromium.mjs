// How the tests and the benchmarks start Debian's Chromium (never a downloaded browser). No
// imports, so tests/e2e and bench/ share it, each with its own npm packages: the caller passes
// playwright-core's `chromium`.
//
// --disable-background-networking and friends: without them Chromium tries Google's hosts at
// every start, which this closed network refuses.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches a fresh headless Debian Chromium with playwright-core's `chromium`. */
export function launchChromium(chromium) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS });
}
