//! The job posts: the list, the "new post" box, and a drop zone for post files.
//!
//! A short list shows every post with its editor. From
//! [`WINDOWED_FROM`](crate::virtual_window::WINDOWED_FROM) posts (a job board's export) the list
//! is one line per post in a [`VirtualList`], a post opens in one editor below it, and the posts
//! the analysis refused keep their editors in "Posts to fix", so each can be mended or removed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::{FilePicker, NewPostForm, PostItem, ProblemList, VirtualList};
use crate::hooks::use_file_drop;
use crate::import::ReadFile;
use crate::state::{Direction, PostDraft, PostId, PostList, Problem, ProblemTarget};
use crate::virtual_window::WINDOWED_FROM;

/// Height of one line of the long post list, in CSS pixels (the stylesheet's `.post-row`).
const POST_ROW_HEIGHT: f64 = 40.0;

/// At most this many refused posts keep their editors open at once in "Posts to fix".
const POSTS_TO_FIX_SHOWN: usize = 50;

/// Properties of [`PostsPanel`].
#[derive(Properties, PartialEq)]
pub struct PostsPanelProps {
    /// The posts, in order (the state's shared list: compared by pointer first).
    pub posts: PostList,
    /// Problems the analysis placed on single posts.
    pub post_problems: Vec<Problem>,
    /// Problems with the list as a whole.
    pub problems: Vec<String>,
    /// A note (posts added, files skipped…).
    pub notice: Option<AttrValue>,
    /// The post just removed, offered back.
    pub removed: Option<AttrValue>,
    /// The "new post" title.
    pub draft_title: AttrValue,
    /// The "new post" text.
    pub draft_text: AttrValue,
    /// Why the "new post" text is too big to add.
    pub draft_size: Option<AttrValue>,
    /// Read-only while the saved workspace is restored.
    pub readonly: bool,
    /// "New post" title edits.
    pub on_draft_title: Callback<String>,
    /// "New post" text edits.
    pub on_draft_text: Callback<String>,
    /// "Add post".
    pub on_add: Callback<()>,
    /// Post files dropped or chosen.
    pub on_files: Callback<(Vec<ReadFile>, Vec<String>)>,
    /// A post's title edited.
    pub on_title: Callback<(PostId, String)>,
    /// A post's text edited.
    pub on_text: Callback<(PostId, String)>,
    /// A post removed.
    pub on_remove: Callback<PostId>,
    /// Put the removed post back.
    pub on_undo_remove: Callback<()>,
    /// A post moved.
    pub on_move: Callback<(PostId, Direction)>,
}

/// Heading, the list of posts (or what to do when empty), and the form to add more.
#[component]
pub fn PostsPanel(props: &PostsPanelProps) -> Html {
    let drop = use_file_drop(props.on_files.clone(), !props.readonly);
    let count = props.posts.len();
    let on_undo = props.on_undo_remove.reform(|_: MouseEvent| ());
    let editing = PostEditing::of(props);
    html! {
        <section
            class={classes!("panel", "posts-panel", drop.is_over.then_some("is-drop-target"))}
            aria-labelledby="posts-heading"
            data-testid="posts-panel"
            ondragenter={drop.ondragenter}
            ondragover={drop.ondragover}
            ondragleave={drop.ondragleave}
            ondrop={drop.ondrop}
        >
            <div class="panel-head">
                <h2 id="posts-heading">{ "Job posts" }<span class="count" data-testid="post-count">{ format!(" ({count})") }</span></h2>
                <FilePicker label="Open files…" testid="posts-file" multiple=true tables=true disabled={props.readonly} on_files={props.on_files.clone()} />
            </div>
            if count == 0 {
                <p class="empty-list" data-testid="posts-empty">
                    { "No posts yet. Paste a job post below and press “Add post”, or drop .txt / .md files here (one post per file) or a job board’s export (.csv, .tsv, .jsonl: one post per row)." }
                </p>
            } else if count < WINDOWED_FROM {
                <ol class="post-list" data-testid="post-list">
                    { for props.posts.iter().enumerate().map(|(index, post)| editing.editor(index, post)) }
                </ol>
            } else {
                <LongPostList posts={props.posts.clone()} editing={editing.clone()} />
            }
            <ProblemList id="posts-problems" problems={props.problems.clone()} />
            if let Some(title) = &props.removed {
                <p class="notice-inline" data-testid="post-removed" aria-live="polite">
                    { format!("Removed {title}. ") }
                    <button type="button" class="button button-small" data-testid="undo-remove" onclick={on_undo}>{ "Undo" }</button>
                </p>
            }
            if let Some(notice) = &props.notice {
                <p class="hint" data-testid="posts-notice" aria-live="polite">{ notice.clone() }</p>
            }
            <NewPostForm
                title={props.draft_title.clone()}
                text={props.draft_text.clone()}
                readonly={props.readonly}
                size_problem={props.draft_size.clone()}
                on_title={props.on_draft_title.clone()}
                on_text={props.on_draft_text.clone()}
                on_add={props.on_add.clone()}
            />
        </section>
    }
}

/// What a post's editor needs besides the post: shared by the short list, the opened post and
/// the posts to fix.
#[derive(Clone, PartialEq)]
struct PostEditing {
    count: usize,
    problems: Vec<Problem>,
    readonly: bool,
    on_title: Callback<(PostId, String)>,
    on_text: Callback<(PostId, String)>,
    on_remove: Callback<PostId>,
    on_move: Callback<(PostId, Direction)>,
}

impl PostEditing {
    fn of(props: &PostsPanelProps) -> Self {
        PostEditing {
            count: props.posts.len(),
            problems: props.post_problems.clone(),
            readonly: props.readonly,
            on_title: props.on_title.clone(),
            on_text: props.on_text.clone(),
            on_remove: props.on_remove.clone(),
            on_move: props.on_move.clone(),
        }
    }

    /// A post's full editor (title, text, move, remove, problems), at its place in the list.
    fn editor(&self, index: usize, post: &Rc<PostDraft>) -> Html {
        html! {
            <PostItem
                key={post.id.0}
                post={post.clone()}
                {index}
                count={self.count}
                problems={problems_of(&self.problems, post.id)}
                readonly={self.readonly}
                on_title={self.on_title.clone()}
                on_text={self.on_text.clone()}
                on_remove={self.on_remove.clone()}
                on_move={self.on_move.clone()}
            />
        }
    }

    fn refused(&self, id: PostId) -> bool {
        self.problems
            .iter()
            .any(|p| p.target == ProblemTarget::Post(id))
    }
}

/// Properties of [`LongPostList`].
#[derive(Properties, PartialEq)]
struct LongPostListProps {
    posts: PostList,
    editing: PostEditing,
}

/// A long list: one line per post (windowed), the opened post's editor, the posts to fix.
#[component]
fn LongPostList(props: &LongPostListProps) -> Html {
    let editing = &props.editing;
    let opened = use_state_eq(|| None::<PostId>);
    let to_fix: Vec<usize> = props
        .posts
        .iter()
        .enumerate()
        .filter(|(_, post)| editing.refused(post.id))
        .map(|(index, _)| index)
        .collect();
    let row = {
        let posts = props.posts.clone();
        let editing = editing.clone();
        let opened = opened.clone();
        Callback::from(move |index: usize| {
            let Some(post) = posts.get(index) else {
                return html! {};
            };
            let id = post.id;
            let is_open = *opened == Some(id);
            let on_open = {
                let opened = opened.clone();
                Callback::from(move |_: MouseEvent| {
                    opened.set(if is_open { None } else { Some(id) });
                    focus_opened_editor();
                })
            };
            let on_remove = editing.on_remove.reform(move |_: MouseEvent| id);
            let name = row_title(post);
            let refused = editing.refused(id);
            let words = post.text.split_whitespace().count();
            html! {
                <li key={id.0} class={classes!("post-row", refused.then_some("has-problem"), is_open.then_some("is-open"))} data-testid="post-row">
                    <span class="post-number" aria-hidden="true">{ index + 1 }</span>
                    <span class="post-row-title" data-testid="post-row-title" title={name.clone()}>{ name.clone() }</span>
                    <span class="post-row-meta">
                        { crate::format::count(words, "word", "words") }
                        if refused { { " · to fix" } }
                    </span>
                    <button type="button" class="button button-small" data-testid="post-open"
                        aria-expanded={if is_open { "true" } else { "false" }} aria-controls="post-opened"
                        aria-label={format!("Edit post {}: {name}", index + 1)} onclick={on_open}>{ if is_open { "Close" } else { "Edit" } }</button>
                    <button type="button" class="button button-icon button-danger" data-testid="post-row-remove"
                        aria-label={format!("Remove post {}: {name}", index + 1)} title="Remove"
                        disabled={editing.readonly} onclick={on_remove}>{ "✕" }</button>
                </li>
            }
        })
    };
    let open_index = opened.and_then(|id| props.posts.iter().position(|post| post.id == id));
    let on_close = {
        let opened = opened.clone();
        Callback::from(move |_: MouseEvent| opened.set(None))
    };
    html! {
        <>
            <p class="hint" data-testid="post-list-long">
                { format!("{} posts: one line each. Edit opens a post below the list.", props.posts.len()) }
            </p>
            <VirtualList count={props.posts.len()} row_height={POST_ROW_HEIGHT} {row}
                testid="post-list" class="post-list-long" label="Job posts" />
            if let (Some(index), Some(post)) = (open_index, open_index.and_then(|i| props.posts.get(i))) {
                <div class="post-opened" id="post-opened" data-testid="post-opened">
                    <ol class="post-list" start={(index + 1).to_string()}>{ editing.editor(index, post) }</ol>
                    <button type="button" class="button button-small" data-testid="post-close" onclick={on_close}>{ "Close the editor" }</button>
                </div>
            }
            if !to_fix.is_empty() {
                <section class="posts-to-fix" data-testid="posts-to-fix" aria-labelledby="posts-to-fix-heading">
                    <h3 id="posts-to-fix-heading">{ format!("Posts to fix ({})", to_fix.len()) }</h3>
                    if to_fix.len() > POSTS_TO_FIX_SHOWN {
                        <p class="hint">{ format!("The first {POSTS_TO_FIX_SHOWN} are shown; fix or remove them to see the next.") }</p>
                    }
                    <ol class="post-list">
                        { for to_fix.iter().take(POSTS_TO_FIX_SHOWN).filter_map(|&index| props.posts.get(index).map(|post| editing.editor(index, post))) }
                    </ol>
                </section>
            }
        </>
    }
}

/// A post's name in the long list: its title, else its first line.
fn row_title(post: &PostDraft) -> String {
    let title = post.title.trim();
    if !title.is_empty() {
        return title.to_owned();
    }
    let first = post
        .text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty());
    match first {
        Some(line) => line.chars().take(120).collect(),
        None => "(empty post)".to_owned(),
    }
}

/// Moves focus into the opened post's title once it is drawn (after this event's render).
fn focus_opened_editor() {
    gloo_timers::callback::Timeout::new(0, || {
        let title = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("#post-opened input.post-title")
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(title) = title {
            let _ = title.focus();
        }
    })
    .forget();
}

/// The messages of the problems placed on one post.
fn problems_of(problems: &[Problem], id: PostId) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.target == ProblemTarget::Post(id))
        .map(|p| p.message.clone())
        .collect()
}
