//! The model's loading status and progress bar.

use yew::prelude::*;

use jobdelta_protocol::{Backend, Precision};

use crate::format;
use crate::hooks::{query_with_engine, query_with_precision};
use crate::state::ModelStatus;

/// Properties of [`ModelStatusView`].
#[derive(Properties, PartialEq)]
pub struct ModelStatusProps {
    /// Where loading is.
    pub status: ModelStatus,
    /// Bytes downloaded so far over all files.
    pub bytes_done: u64,
    /// Total bytes, once every file's size is known.
    pub bytes_total: Option<u64>,
}

/// Status line plus a progress bar; `data-state` carries the machine-readable stage.
#[component]
pub fn ModelStatusView(props: &ModelStatusProps) -> Html {
    let (done, total) = (props.bytes_done, props.bytes_total);
    // Once ready, the line says so in two words; how it runs (precision, SIMD, workers, load
    // time) is there for whoever opens the details.
    let mut details: Option<String> = None;
    let mut switch: Option<Html> = None;
    let (state, label) = match &props.status {
        ModelStatus::Starting => ("starting", "Starting the model worker…".to_owned()),
        ModelStatus::Downloading => (
            "downloading",
            match total {
                Some(total) => format!(
                    "Downloading the model: {} of {} ({}%)",
                    format::megabytes(done),
                    format::megabytes(total),
                    format::percent(done, total)
                ),
                None => format!("Downloading the model: {}", format::megabytes(done)),
            },
        ),
        ModelStatus::Verifying => ("verifying", "Checking the model files…".to_owned()),
        ModelStatus::Building => ("building", "Preparing the model…".to_owned()),
        ModelStatus::Ready {
            model_id,
            load_ms,
            engine,
            workers_ready,
        } => {
            let name = model_id.rsplit('/').next().unwrap_or(model_id);
            let helpers_loading = if *workers_ready < engine.workers {
                format!(" ({workers_ready} ready)")
            } else {
                String::new()
            };
            details = Some(format!(
                "{name} ({}{helpers_loading}), loaded in {}",
                engine.describe(),
                format::seconds(*load_ms)
            ));
            // candle runs f32 only: its only setting is the way back to the fast engine.
            switch = Some(match engine.backend {
                Backend::Fast => html! {
                    <>
                        { precision_switch(engine.precision) }
                        { engine_switch(Backend::Candle) }
                    </>
                },
                Backend::Candle => engine_switch(Backend::Fast),
            });
            ("ready", "Model ready".to_owned())
        }
        ModelStatus::Failed => ("failed", "The model is not available.".to_owned()),
    };
    // The bar counts bytes while downloading, is full afterwards, and has no value (an
    // indeterminate bar) while the amount of work is unknown.
    let (value, max) = match &props.status {
        ModelStatus::Downloading => (
            total.map(|_| done.to_string()),
            total.unwrap_or(1).to_string(),
        ),
        ModelStatus::Verifying | ModelStatus::Building | ModelStatus::Ready { .. } => {
            (Some("1".into()), "1".into())
        }
        ModelStatus::Starting => (None, "1".into()),
        ModelStatus::Failed => (Some("0".into()), "1".into()),
    };
    html! {
        <section class={classes!("model-status", format!("is-{state}"))} aria-label="Model">
            <div class="status-line">
                <p class="status-label" data-testid="model-status" data-state={state} aria-live="polite">{ label }</p>
                if let Some(details) = details {
                    <details class="model-details" data-testid="model-details">
                        <summary>{ "Details" }</summary>
                        <p class="hint" data-testid="model-engine">{ details }</p>
                        { switch.unwrap_or_default() }
                    </details>
                }
            </div>
            <progress data-testid="model-progress" data-state={state} max={max} value={value} aria-label="Model loading progress" />
        </section>
    }
}

/// A link that reloads the page with the worker build of `other` (candle-transformers' BERT or
/// the fast encoder; the workspace is saved, so nothing typed is lost).
fn engine_switch(other: Backend) -> Html {
    let text = match other {
        Backend::Candle => {
            "Run with candle-transformers (the reference implementation, in WebAssembly with SIMD; f32 only)"
        }
        Backend::Fast => "Back to the fast engine (the default)",
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    html! {
        <p class="hint">
            <a href={query_with_engine(&search, other)} data-testid="engine-switch" data-engine={other.name()}>
                { text }
            </a>
        </p>
    }
}

/// A link that reloads the page at the other precision (the setting: the worker builds its
/// encoder once, and the workspace is saved, so nothing typed is lost).
fn precision_switch(current: Precision) -> Html {
    let (other, why) = match current {
        Precision::Int8 => (
            Precision::F32,
            "f32 maths: the reference, at parity with sentence-transformers; about half the speed",
        ),
        Precision::F32 => (
            Precision::Int8,
            "int8 maths: about twice as fast, the same ranking quality (the default)",
        ),
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    html! {
        <p class="hint">
            <a href={query_with_precision(&search, other)} data-testid="precision-switch" data-precision={other.name()}>
                { format!("Switch to {why}") }
            </a>
        </p>
    }
}
