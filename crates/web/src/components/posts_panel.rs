//! The job posts: the list, the "new post" box, and a drop zone for post files.

use yew::prelude::*;

use super::{FilePicker, NewPostForm, PostItem, ProblemList};
use crate::hooks::use_file_drop;
use crate::import::ReadFile;
use crate::state::{Direction, PostId, PostList, Problem, ProblemTarget};

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
            } else {
                <ol class="post-list" data-testid="post-list">
                    { for props.posts.iter().enumerate().map(|(index, post)| html! {
                        <PostItem
                            key={post.id.0}
                            post={post.clone()}
                            {index}
                            {count}
                            problems={problems_of(&props.post_problems, post.id)}
                            readonly={props.readonly}
                            on_title={props.on_title.clone()}
                            on_text={props.on_text.clone()}
                            on_remove={props.on_remove.clone()}
                            on_move={props.on_move.clone()}
                        />
                    }) }
                </ol>
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

/// The messages of the problems placed on one post.
fn problems_of(problems: &[Problem], id: PostId) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.target == ProblemTarget::Post(id))
        .map(|p| p.message.clone())
        .collect()
}
