// How the tests and the benchmarks start Debian's Chromium (never a downloaded browser). No
// imports, so bench/ can share it without tests/e2e's npm packages.
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
