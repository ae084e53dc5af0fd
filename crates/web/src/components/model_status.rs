//! The model's loading status and progress bar, and the choice of model (the registered
//! models the worker listed, each a link that reloads the page with `?model=`).

use yew::prelude::*;

use jobdelta_protocol::{Backend, ModelInfo, Precision};

use crate::format;
use crate::hooks::{query_with_engine, query_with_model, query_with_precision};
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
    /// The models the worker can load, the default first (empty until it said).
    #[prop_or_default]
    pub models: Vec<ModelInfo>,
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
            // candle runs f32 only (no precision switch), and only the models whose network
            // candle-transformers has (not MPNet): those get no candle link, as it could only
            // fail.
            let current = props.models.iter().find(|m| m.runs_as(model_id));
            let candle_runs_it = current.is_none_or(|model| model.candle);
            switch = Some(match engine.backend {
                Backend::Fast => html! {
                    <>
                        { precision_switch(engine.precision) }
                        if candle_runs_it {
                            { engine_switch(Backend::Candle) }
                        } else {
                            <p class="hint" data-testid="engine-candle-unavailable">
                                { format!("candle-transformers has no network of {} (it runs the BERT models).",
                                    current.map_or("this model", |m| m.name.as_str())) }
                            </p>
                        }
                        { model_choice(&props.models, Some(model_id)) }
                    </>
                },
                Backend::Candle => engine_switch(Backend::Fast),
            });
            ("ready", "Model ready".to_owned())
        }
        ModelStatus::Failed => ("failed", "The model is not available.".to_owned()),
    };
    // When loading failed (an unknown or missing model), the other models stay one click away.
    if matches!(props.status, ModelStatus::Failed) && !props.models.is_empty() {
        details = Some("Choose another model:".to_owned());
        switch = Some(model_choice(&props.models, None));
    }
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

/// The registered models, each with its download size, layers, length and licence; the others
/// as links that reload the page with `?model=` (the workspace is saved, so nothing typed is
/// lost), the one running (`running`: its `Ready` model id) marked.
fn model_choice(models: &[ModelInfo], running: Option<&str>) -> Html {
    if models.is_empty() {
        return Html::default();
    }
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let items = models.iter().enumerate().map(|(index, model)| {
        let about = format!(
            "{} download, {} layers, {} word pieces per text, {}{}",
            format::megabytes(model.download_bytes),
            model.layers,
            model.max_seq_len,
            model.licence,
            if index == 0 { "; the default" } else { "" }
        );
        let current = running.is_some_and(|id| model.runs_as(id));
        html! {
            <li data-testid="model-choice" data-model={model.name.clone()} data-current={current.to_string()}>
                if current {
                    <strong>{ &model.name }</strong>{ " (running)" }
                } else {
                    <a href={query_with_model(&search, &model.name)} data-testid="model-switch" data-model={model.name.clone()}>{ &model.name }</a>
                }
                <span class="hint">{ format!(" — {about}") }</span>
            </li>
        }
    });
    html! {
        <div class="model-choice">
            <p class="hint">{ "Models:" }</p>
            <ul class="model-list" data-testid="model-list">{ for items }</ul>
        </div>
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
