//! The Analyse button, the analysis' progress with Cancel, and notes about the last analysis.

use yew::prelude::*;

use crate::format;
use crate::state::Running;

/// Properties of [`AnalyzeBar`].
#[derive(Properties, PartialEq)]
pub struct AnalyzeBarProps {
    /// Why analysing is not possible now; `None` enables the button.
    pub blocker: Option<AttrValue>,
    /// The analysis under way.
    pub running: Option<Running>,
    /// How many posts would be analysed.
    pub post_count: usize,
    /// Text waits in the "new post" box and would not be analysed.
    pub draft_left_out: bool,
    /// A note about the last analysis.
    pub notice: Option<AttrValue>,
    /// Start.
    pub on_analyze: Callback<()>,
    /// Stop.
    pub on_cancel: Callback<()>,
    /// Close the note.
    pub on_dismiss_notice: Callback<()>,
}

/// Analyse button and hint; while running, a progress bar with counts, time left and Cancel.
#[component]
pub fn AnalyzeBar(props: &AnalyzeBarProps) -> Html {
    let on_analyze = props.on_analyze.reform(|_: MouseEvent| ());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let on_dismiss = props.on_dismiss_notice.reform(|_: MouseEvent| ());
    let label = match props.post_count {
        0 | 1 => "Analyse".to_owned(),
        n => format!("Analyse {n} posts"),
    };
    let hint = if props.running.is_some() {
        None
    } else {
        props.blocker.clone()
    };
    html! {
        <section class="analyze-bar" aria-label="Analysis">
            <div class="analyze-actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="analyze"
                    disabled={props.blocker.is_some()}
                    aria-describedby="analyze-hint"
                    onclick={on_analyze}
                >
                    { label }
                </button>
                if let Some(running) = &props.running {
                    <button
                        type="button"
                        class="button"
                        data-testid="cancel-analysis"
                        disabled={running.cancelling}
                        onclick={on_cancel}
                    >
                        { if running.cancelling { "Cancelling…" } else { "Cancel" } }
                    </button>
                }
                <p id="analyze-hint" class="hint" data-testid="analyze-hint" aria-live="polite">
                    { hint.unwrap_or_default() }
                </p>
            </div>
            if let Some(running) = &props.running {
                { progress(running) }
            }
            if props.draft_left_out {
                <p class="warning" data-testid="draft-left-out">
                    { "The post in the “Add a job post” box is not in the list yet, so it will not be analysed: press “Add post” first." }
                </p>
            }
            if let Some(notice) = &props.notice {
                <div class="notice" data-testid="analysis-notice" role="status">
                    <p>{ notice.clone() }</p>
                    <button type="button" class="button button-quiet button-small" aria-label="Dismiss this note" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            }
        </section>
    }
}

/// The progress bar and its line of text.
fn progress(running: &Running) -> Html {
    let known = running.total > 0;
    let (received, posts_total) = running.received;
    let text = if running.cancelling {
        "Cancelling…".to_owned()
    } else if posts_total > 0 {
        format!("Receiving the report: {received} of {posts_total} posts")
    } else if !known {
        "Splitting your resume and the posts into sentences…".to_owned()
    } else {
        let mut parts = vec![format!(
            "Embedding sentences: {} of {}",
            running.done, running.total
        )];
        if running.cached > 0 {
            parts.push(format!(
                "{} already known from earlier analyses",
                running.cached
            ));
        }
        if let Some(eta) = running.eta_ms() {
            if running.done < running.total {
                parts.push(format!("{} left", format::eta(eta)));
            }
        }
        parts.join(" · ")
    };
    html! {
        <div class="analysis-progress">
            <progress
                data-testid="progress"
                data-state={if running.cancelling { "cancelling" } else { "running" }}
                max={running.total.max(1).to_string()}
                value={known.then(|| running.done.to_string())}
                aria-label="Analysis progress"
                aria-describedby="progress-label"
            />
            <p id="progress-label" class="status-label" data-testid="progress-label" aria-live="polite">{ text }</p>
        </div>
    }
}
