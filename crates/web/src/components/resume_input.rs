//! The resume / brag document box: paste, type, or drop a .txt / .md / .pdf / .docx file on it.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{FilePicker, ProblemList};
use crate::hooks::use_file_drop;
use crate::import::ReadFile;

/// Properties of [`ResumeInput`].
#[derive(Properties, PartialEq)]
pub struct ResumeInputProps {
    /// The resume as typed.
    pub value: AttrValue,
    /// Read-only while the saved workspace is restored.
    pub readonly: bool,
    /// Problems the analysis found with it.
    pub problems: Vec<String>,
    /// A note (file read, files skipped).
    pub notice: Option<AttrValue>,
    /// Why the text is too big to analyse, found at paste time.
    pub size_problem: Option<AttrValue>,
    /// Every edit.
    pub on_change: Callback<String>,
    /// Files dropped or chosen: (files read, messages about files not read).
    pub on_files: Callback<(Vec<ReadFile>, Vec<String>)>,
}

/// The labelled resume box with its drop zone, file button, problems and notes.
#[component]
pub fn ResumeInput(props: &ResumeInputProps) -> Html {
    let drop = use_file_drop(props.on_files.clone(), !props.readonly);
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            on_change.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let words = props.value.split_whitespace().count();
    html! {
        <section class="panel resume-panel" aria-labelledby="resume-heading">
            <div class="panel-head">
                <h2 id="resume-heading"><label for="resume">{ "Your resume" }</label></h2>
                <FilePicker label="Open a file…" testid="resume-file" disabled={props.readonly} on_files={props.on_files.clone()} />
            </div>
            <p class="hint" id="resume-hint">
                { "Paste your resume or a brag document (plain text or Markdown), or drop a .txt, .md, PDF or Word (.docx) file on the box. The more concrete your accomplishments, the better they match." }
            </p>
            <textarea
                id="resume"
                class={classes!("resume-text", drop.is_over.then_some("is-drop-target"))}
                data-testid="resume-input"
                rows="18"
                spellcheck="false"
                placeholder={if props.readonly { "Restoring your saved work…" } else { "Paste your resume here, or drop a .txt, .md, .pdf or .docx file…" }}
                readonly={props.readonly}
                aria-busy={props.readonly.then_some("true")}
                aria-describedby="resume-hint resume-problems resume-size"
                aria-invalid={(!props.problems.is_empty()).then_some("true")}
                value={props.value.clone()}
                {oninput}
                ondragenter={drop.ondragenter}
                ondragover={drop.ondragover}
                ondragleave={drop.ondragleave}
                ondrop={drop.ondrop}
            />
            <p class="input-meta">{ crate::format::count(words, "word", "words") }</p>
            if let Some(problem) = &props.size_problem {
                <p class="warning" id="resume-size" data-testid="resume-size" role="alert">{ problem.clone() }</p>
            }
            <ProblemList id="resume-problems" problems={props.problems.clone()} />
            if let Some(notice) = &props.notice {
                <p class="hint" data-testid="resume-notice" aria-live="polite">{ notice.clone() }</p>
            }
        </section>
    }
}
