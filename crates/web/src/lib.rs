//! The jobdelta page: a Yew app that compares two texts with sentence embeddings.
//!
//! All model work happens in a Web Worker (crate `jobdelta-worker`) reached only through
//! `jobdelta-protocol` messages, so this crate never links the model and the page never blocks.
//! State lives in one reducer ([`state`]); components are in [`components`], one per file;
//! the worker's lifetime is managed by [`hooks::use_encoder_worker`].

pub mod components;
pub mod format;
pub mod hooks;
pub mod state;

/// Entry point of the app binary: mounts the page on `<body>`.
pub fn run() {
    console_error_panic_hook::set_once();
    yew::Renderer::<components::App>::new().render();
}
