//! Hooks of the page.

mod use_encoder_worker;
mod use_file_drop;
mod use_workspace_storage;

pub(crate) use use_encoder_worker::{query_with_engine, query_with_model, query_with_precision};
pub use use_encoder_worker::{
    use_encoder_worker, use_model_run, EncoderWorker, ModelRun, WorkerEvent,
};
pub use use_file_drop::{use_file_drop, FileDrop};
pub use use_workspace_storage::{use_workspace_storage, WorkspaceStore};
