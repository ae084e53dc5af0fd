//! Hooks of the page.

mod use_encoder_worker;

pub use use_encoder_worker::{use_encoder_worker, EncoderWorker, WorkerEvent};
