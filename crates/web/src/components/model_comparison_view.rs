//! The "Compare models" tab: the report's model against a second one the person picks (run by
//! a temporary worker, with its download progress and a Cancel), then side by side how far
//! their rankings agree, each one's top posts, shattered resume words, time and download, and
//! the requirements whose status differs — what `jobdelta compare` prints.

use std::rc::Rc;

use jobdelta_protocol::ModelInfo;
use yew::prelude::*;

use crate::format;
use crate::state::model_comparison::{offered, TOP_POSTS};
use crate::state::{ModelComparison, ModelComparisonState, ModelSide, ModelStatus, RunPhase};

/// Properties of [`ModelComparisonView`].
#[derive(Properties, PartialEq)]
pub struct ModelComparisonViewProps {
    /// The comparison's state.
    pub state: Rc<ModelComparisonState>,
    /// The models the worker lists.
    pub models: Vec<ModelInfo>,
    /// The report's model, once ready.
    pub current: Option<ModelInfo>,
    /// The second model Compare would load.
    pub second: Option<AttrValue>,
    /// Why Compare cannot be pressed now.
    pub blocker: Option<AttrValue>,
    /// The inputs changed since the comparison.
    pub stale: bool,
    /// A second model was chosen.
    pub on_choose: Callback<String>,
    /// Compare.
    pub on_compare: Callback<()>,
    /// Cancel the comparison under way.
    pub on_cancel: Callback<()>,
}

/// The choice of model, Compare or Cancel with progress, then the comparison.
#[component]
pub fn ModelComparisonView(props: &ModelComparisonViewProps) -> Html {
    let state = &props.state;
    let choices = props
        .current
        .as_ref()
        .map(|current| offered(&props.models, current))
        .unwrap_or_default();
    let running = state.run.is_some();
    html! {
        <div class="model-comparison" data-testid="model-comparison">
            <p class="hint">
                { "The same resume and posts analysed by a second model, in a worker of its own that is stopped when done: how far the two rankings agree, and which requirements change status. Your report and workspace stay as they are." }
            </p>
            if let Some(current) = &props.current {
                <fieldset class="model-comparison-choice" disabled={running}>
                    <legend>{ format!("Compare {} with", current.name) }</legend>
                    { for choices.iter().map(|m| {
                        let name = m.name.clone();
                        let checked = props.second.as_deref() == Some(m.name.as_str());
                        let on_choose = props.on_choose.reform(move |_: Event| name.clone());
                        html! {
                            <label class="model-comparison-option">
                                <input type="radio" name="comparison-model" value={m.name.clone()}
                                    data-testid="comparison-model" {checked} onchange={on_choose} />
                                { format!(" {} — {} download, {} layers", m.name, format::megabytes(m.download_bytes), m.layers) }
                            </label>
                        }
                    }) }
                </fieldset>
            }
            <div class="compare-bar">
                if running {
                    <button type="button" class="button" data-testid="cancel-model-comparison"
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                } else {
                    <button type="button" class="button button-primary" data-testid="compare-models"
                        disabled={props.blocker.is_some()} onclick={props.on_compare.reform(|_: MouseEvent| ())}>
                        { "Compare" }
                    </button>
                }
                if let Some(blocker) = props.blocker.as_ref().filter(|_| !running) {
                    <span class="hint" data-testid="compare-models-hint">{ blocker.clone() }</span>
                }
            </div>
            if let Some(run) = &state.run {
                { progress(run) }
            }
            if let Some(notice) = &state.notice {
                <p class="problem" role="alert" data-testid="model-comparison-notice">{ notice.clone() }</p>
            }
            if let Some(result) = &state.result {
                if props.stale {
                    <p class="warning" data-testid="model-comparison-stale">
                        { "Your resume or posts changed since these models were compared: analyse and compare again to update it." }
                    </p>
                }
                { comparison(result) }
            }
        </div>
    }
}

/// Where the second worker is, with a progress bar.
fn progress(run: &crate::state::model_comparison::ComparisonRun) -> Html {
    let name = &run.second.name;
    let (text, value, max) = match (&run.phase, &run.loading.status) {
        (RunPhase::Loading, ModelStatus::Downloading) => {
            let (done, total) = run.loading.download_progress();
            let total = total.unwrap_or(run.second.download_bytes);
            (
                format!(
                    "Downloading {name}: {} of {}",
                    format::megabytes(done),
                    format::megabytes(total)
                ),
                Some(format::percent(done, total)),
                100,
            )
        }
        (RunPhase::Loading, ModelStatus::Verifying) => (format!("Checking {name}…"), None, 100),
        (RunPhase::Loading, ModelStatus::Building) => (format!("Building {name}…"), None, 100),
        (RunPhase::Loading, _) => (format!("Starting a worker for {name}…"), None, 100),
        (RunPhase::Analysing { done, total }, _) => (
            if *total == 0 {
                format!("{name} is reading your resume and posts…")
            } else {
                format!("{name} is analysing: {done} of {total} sentences")
            },
            (*total > 0).then(|| format::percent(*done as u64, *total as u64)),
            100,
        ),
        (RunPhase::Receiving { received, total }, _) => (
            format!("Receiving {name}'s report: {received} of {total} posts"),
            Some(format::percent(*received as u64, *total as u64)),
            100,
        ),
    };
    html! {
        <div class="model-comparison-progress" data-testid="model-comparison-progress">
            <span>{ text }</span>
            <progress max={max.to_string()} value={value.map(|v| v.to_string())} aria-label="Comparison progress" />
        </div>
    }
}

/// The comparison: agreement, the two sides, the status changes.
fn comparison(result: &ModelComparison) -> Html {
    let c = &result.comparison;
    let [first, second] = &result.sides;
    let tau = c
        .kendall_tau
        .map_or_else(|| "not defined".to_owned(), |t| format!("{t:.3}"));
    html! {
        <div class="model-comparison-result" data-testid="model-comparison-result">
            <p data-testid="model-agreement" data-tau={c.kendall_tau.map(|t| t.to_string()).unwrap_or_default()}
                data-posts={c.posts.to_string()} data-requirements={c.requirements.to_string()}>
                { "Ranking agreement (Kendall τ-b over the posts' fits): " }<strong>{ tau }</strong>
                { format!(" · {} of {} change status", c.changed.len(), format::count(c.requirements, "requirement", "requirements")) }
            </p>
            <p class="hint">{ "τ is 1 when both models rank the posts in the same order, 0 when their orders are unrelated, −1 when reversed (undefined under two posts)." }</p>
            <div class="model-sides">
                { side(first, "first") }
                { side(second, "second") }
            </div>
            <h3>{ "Requirements whose status differs" }</h3>
            if c.changed.is_empty() {
                <p class="hint" data-testid="model-no-changes">{ "None: both models give every requirement the same status." }</p>
            } else {
                <table class="model-changes">
                    <thead>
                        <tr><th>{ "Post" }</th><th>{ "Requirement" }</th><th>{ first.name.clone() }</th><th>{ second.name.clone() }</th></tr>
                    </thead>
                    <tbody>
                        { for c.changed.iter().map(|change| html! {
                            <tr data-testid="model-change" data-post={change.post.clone()} data-requirement={change.requirement.clone()}
                                data-first={change.first} data-second={change.second}>
                                <td class="model-change-post">{ change.post.clone() }</td>
                                <td class="model-change-requirement">{ change.requirement.clone() }</td>
                                // The labels name the model where a phone stacks the cells.
                                <td class="model-change-status" data-label={first.name.clone()}>{ change.first }</td>
                                <td class="model-change-status" data-label={second.name.clone()}>{ change.second }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

/// One model's column.
fn side(side: &ModelSide, which: &'static str) -> Html {
    let time = match side.load_ms {
        Some(load) => format!(
            "loaded in {}, analysed in {}",
            format::seconds(load),
            format::seconds(side.analysis_ms)
        ),
        None => format!("analysed in {}", format::seconds(side.analysis_ms)),
    };
    html! {
        <section class="model-side" data-testid="model-side" data-side={which} data-model={side.name.clone()}>
            <h3>{ side.name.clone() }</h3>
            <p class="hint" data-testid="model-side-facts">
                { format!("{} download · {time} ({} embedded, {} from the cache)",
                    format::megabytes(side.download_bytes), side.sentences.0, side.sentences.1) }
            </p>
            <h4>{ format!("Top {TOP_POSTS} posts") }</h4>
            <ol>
                { for side.top_posts.iter().map(|t| html! { <li data-testid="model-top-post">{ t.clone() }</li> }) }
            </ol>
            <h4>{ "Resume words it shatters" }</h4>
            if side.shattered.is_empty() {
                <p class="hint">{ "None among the words the posts name." }</p>
            } else {
                <ul class="model-shattered">
                    { for side.shattered.iter().map(|(word, pieces)| html! {
                        <li data-testid="model-shattered" data-pieces={pieces.to_string()}>{ format!("{word} ({pieces} pieces)") }</li>
                    }) }
                </ul>
                <p class="hint">{ "Words the posts name that your resume has too, cut into many word pieces: the model reads them less well." }</p>
            }
        </section>
    }
}
