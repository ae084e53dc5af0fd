//! One job post in the list: editable title and text, move up/down, remove.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::ProblemList;
use crate::state::{Direction, PostDraft, PostId};

/// Properties of [`PostItem`].
#[derive(Properties, PartialEq)]
pub struct PostItemProps {
    /// The post (shared with the state: an unchanged post compares by pointer).
    pub post: Rc<PostDraft>,
    /// Its position (0-based).
    pub index: usize,
    /// How many posts the list has.
    pub count: usize,
    /// Problems the analysis found with it.
    pub problems: Vec<String>,
    /// Read-only while the saved workspace is restored.
    pub readonly: bool,
    /// Title edits.
    pub on_title: Callback<(PostId, String)>,
    /// Text edits.
    pub on_text: Callback<(PostId, String)>,
    /// Remove it.
    pub on_remove: Callback<PostId>,
    /// Move it.
    pub on_move: Callback<(PostId, Direction)>,
}

/// A post as a small card: number, title field, text box, buttons, problems.
#[component]
pub fn PostItem(props: &PostItemProps) -> Html {
    let id = props.post.id;
    let on_title = {
        let on_title = props.on_title.clone();
        Callback::from(move |event: InputEvent| {
            on_title.emit((
                id,
                event.target_unchecked_into::<HtmlInputElement>().value(),
            ));
        })
    };
    let on_text = {
        let on_text = props.on_text.clone();
        Callback::from(move |event: InputEvent| {
            on_text.emit((
                id,
                event.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ));
        })
    };
    let on_up = props
        .on_move
        .reform(move |_: MouseEvent| (id, Direction::Up));
    let on_down = props
        .on_move
        .reform(move |_: MouseEvent| (id, Direction::Down));
    let on_remove = {
        let on_remove = props.on_remove.clone();
        Callback::from(move |event: MouseEvent| {
            // The button is about to disappear with its post: focus would fall to <body>.
            focus_after_removal(&event);
            on_remove.emit(id);
        })
    };

    let number = props.index + 1;
    let name = if props.post.title.trim().is_empty() {
        format!("post {number}")
    } else {
        format!("“{}”", props.post.title.trim())
    };
    let title_id = format!("post-{}-title", id.0);
    let text_id = format!("post-{}-text", id.0);
    let problems_id = format!("post-{}-problems", id.0);
    let words = props.post.text.split_whitespace().count();
    let size_problem = crate::limits::post_size_problem(&props.post.text);
    let invalid = (!props.problems.is_empty()).then_some("true");
    html! {
        <li class={classes!("post-item", invalid.map(|_| "has-problem"))} data-testid="post-item">
            <div class="post-item-head">
                <span class="post-number" aria-hidden="true">{ number }</span>
                <label class="visually-hidden" for={title_id.clone()}>{ format!("Title of post {number}") }</label>
                <input
                    id={title_id}
                    type="text"
                    class="post-title"
                    data-testid="post-title"
                    placeholder="Title (taken from the first line if empty)"
                    readonly={props.readonly}
                    value={props.post.title.clone()}
                    oninput={on_title}
                />
                <div class="post-actions">
                    <button type="button" class="button button-icon" data-testid="post-up"
                        aria-label={format!("Move {name} up")} title="Move up"
                        disabled={props.readonly || props.index == 0} onclick={on_up}>{ "↑" }</button>
                    <button type="button" class="button button-icon" data-testid="post-down"
                        aria-label={format!("Move {name} down")} title="Move down"
                        disabled={props.readonly || number == props.count} onclick={on_down}>{ "↓" }</button>
                    <button type="button" class="button button-icon button-danger" data-testid="post-remove"
                        aria-label={format!("Remove {name}")} title="Remove"
                        disabled={props.readonly} onclick={on_remove}>{ "✕" }</button>
                </div>
            </div>
            <label class="visually-hidden" for={text_id.clone()}>{ format!("Text of post {number}") }</label>
            <textarea
                id={text_id}
                class="post-text"
                data-testid="post-text"
                rows="5"
                spellcheck="false"
                readonly={props.readonly}
                aria-invalid={invalid}
                aria-describedby={problems_id.clone()}
                value={props.post.text.clone()}
                oninput={on_text}
            />
            <p class="input-meta">{ crate::format::count(words, "word", "words") }</p>
            if let Some(problem) = size_problem {
                <p class="warning" data-testid="post-size" role="alert">{ problem }</p>
            }
            <ProblemList id={problems_id} problems={props.problems.clone()} />
        </li>
    }
}

/// Moves focus to the editor of the post after the one being removed (from its Remove button's
/// click), else the post before it, else the "new post" box.
fn focus_after_removal(event: &MouseEvent) {
    let item = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("li.post-item").ok().flatten());
    let editor_of = |item: Option<Element>| {
        item.and_then(|i| i.query_selector("textarea.post-text").ok().flatten())
    };
    let target = item
        .as_ref()
        .and_then(|i| editor_of(i.next_element_sibling()))
        .or_else(|| {
            item.as_ref()
                .and_then(|i| editor_of(i.previous_element_sibling()))
        })
        .or_else(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("new-post-text"))
        });
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}
