//! The "new post" box: paste one job post (or several separated by `---` lines) and add it.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`NewPostForm`].
#[derive(Properties, PartialEq)]
pub struct NewPostFormProps {
    /// The title typed.
    pub title: AttrValue,
    /// The text typed.
    pub text: AttrValue,
    /// Read-only while the saved workspace is restored.
    pub readonly: bool,
    /// Why the text is too big to add, found at paste time.
    pub size_problem: Option<AttrValue>,
    /// Title edits.
    pub on_title: Callback<String>,
    /// Text edits.
    pub on_text: Callback<String>,
    /// "Add post".
    pub on_add: Callback<()>,
}

/// Title field, text box and the Add button (Ctrl/⌘+Enter in the box adds too).
#[component]
pub fn NewPostForm(props: &NewPostFormProps) -> Html {
    let on_title = {
        let on_title = props.on_title.clone();
        Callback::from(move |event: InputEvent| {
            on_title.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_text = {
        let on_text = props.on_text.clone();
        Callback::from(move |event: InputEvent| {
            on_text.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_keydown = {
        let on_add = props.on_add.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                on_add.emit(());
            }
        })
    };
    let on_submit = {
        let on_add = props.on_add.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_add.emit(());
        })
    };
    let several = props.text.lines().any(|line| line.trim() == "---");
    html! {
        <form class="new-post" aria-labelledby="new-post-heading" onsubmit={on_submit}>
            <h3 id="new-post-heading">{ "Add a job post" }</h3>
            <div class="field">
                <label for="new-post-title">{ "Title " }<span class="optional">{ "(optional — otherwise taken from the first line)" }</span></label>
                <input
                    id="new-post-title"
                    type="text"
                    data-testid="job-title-input"
                    autocomplete="off"
                    readonly={props.readonly}
                    value={props.title.clone()}
                    oninput={on_title}
                />
            </div>
            <div class="field">
                <label for="new-post-text">{ "Job post" }</label>
                <textarea
                    id="new-post-text"
                    data-testid="job-input"
                    rows="8"
                    spellcheck="false"
                    placeholder="Paste the whole post: requirements, responsibilities… Several posts? Separate them with a line containing only ---"
                    readonly={props.readonly}
                    aria-describedby="new-post-hint draft-size"
                    value={props.text.clone()}
                    oninput={on_text}
                    onkeydown={on_keydown}
                />
            </div>
            if let Some(problem) = &props.size_problem {
                <p class="warning" id="draft-size" data-testid="draft-size" role="alert">{ problem.clone() }</p>
            }
            <div class="form-actions">
                <button type="submit" class="button" data-testid="add-job" disabled={props.readonly}>
                    { if several { "Add posts" } else { "Add post" } }
                </button>
                <p class="hint" id="new-post-hint">
                    { "Several posts at once: separate them with a line “---”, or drop .txt / .md files (one post each) or a job board’s .csv / .jsonl export (one post a row) on this area. Ctrl+Enter adds." }
                </p>
            </div>
        </form>
    }
}
