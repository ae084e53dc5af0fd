// Types of engine/jobdelta.js: the engine's class and its options and results, as wasm-bindgen
// declares them for the module it wraps (crates/engine-js).
export { Engine, Hit, LoadOptions, SearchOptions, TextOrVector, Tokens } from './jobdelta-engine-js.js';
