//! The jobdelta page: a Yew app that shows how a resume covers the job posts a person wants.
//!
//! The person pastes (or drops) a resume and job posts; the page sends them to a Web Worker
//! (crate `jobdelta-worker`) that embeds every sentence with the model and returns the match
//! report (crate `jobdelta-matching`): a ranking of the posts, each requirement with its best
//! evidence, and a summary. The page re-applies thresholds to the report itself, without the
//! model. All model work happens in the worker, reached only through `jobdelta-protocol`
//! messages, so this crate never links the model and the page never blocks. The workspace is
//! saved in the browser (IndexedDB, crate `jobdelta-storage`); nothing leaves the device.
//!
//! State lives in one reducer ([`state`]); components are in [`components`], one per file;
//! hooks in [`hooks`] own the worker, the saved workspace and file drops. The pure parts —
//! [`state`], [`workspace`], [`import`], [`highlight`], [`format`] — are tested natively.

pub mod components;
pub mod crash;
pub mod example;
pub mod files;
pub mod format;
pub mod highlight;
pub mod hooks;
pub mod import;
pub mod import_worker;
pub mod limits;
pub mod map_groups;
pub mod pictures;
pub mod state;
pub mod virtual_window;
pub mod workspace;

/// Entry point of the app binary: mounts the page on `<body>`.
pub fn run() {
    crash::install();
    yew::Renderer::<components::App>::new().render();
}
