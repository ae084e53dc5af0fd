//! Searching every analysed post's requirements at once: "who asks for Kubernetes?", "which
//! posts want mentoring?". The worker embeds the query and ranks all requirements by cosine;
//! a hit opens its post.

use yew::prelude::*;

use crate::format;
use crate::state::{RequirementSearch, Shared};
use jobdelta_matching::Report;

/// Properties of [`RequirementSearchPanel`].
#[derive(Properties, PartialEq)]
pub struct RequirementSearchProps {
    /// The report searched (for the posts' titles).
    pub report: Shared<Report>,
    /// The search box, what is pending and what was found.
    pub search: RequirementSearch,
    /// Why Search cannot be pressed, if it cannot.
    pub blocker: Option<AttrValue>,
    /// The box was edited.
    pub on_edit: Callback<String>,
    /// Search was pressed (or Enter).
    pub on_search: Callback<()>,
    /// A hit's post was chosen.
    pub on_select: Callback<usize>,
}

/// The search box and the requirements found, closest first.
#[component]
pub fn RequirementSearchPanel(props: &RequirementSearchProps) -> Html {
    let on_input = props.on_edit.reform(|event: InputEvent| {
        event
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let on_submit = {
        let on_search = props.on_search.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_search.emit(());
        })
    };
    let search = &props.search;
    let title_of = |post: usize| {
        props
            .report
            .posts
            .get(post)
            .map_or_else(|| format!("Post {}", post + 1), |p| p.title.clone())
    };
    html! {
        <section class="requirement-search" aria-labelledby="search-heading">
            <h3 id="search-heading">{ "Search every post's requirements" }</h3>
            <form class="search-form" onsubmit={on_submit} role="search">
                <label for="requirement-search-input" class="visually-hidden">{ "Look for" }</label>
                <input id="requirement-search-input" type="search" data-testid="search-input"
                    placeholder="e.g. Kubernetes in production, mentoring, on-call"
                    value={search.query.clone()} oninput={on_input} />
                <button type="submit" data-testid="search-button"
                    disabled={props.blocker.is_some() || search.pending.is_some()}
                    title={props.blocker.clone()}>{ "Search" }</button>
            </form>
            if search.pending.is_some() {
                <p class="hint" data-testid="search-status" aria-live="polite">{ "Searching…" }</p>
            }
            if let Some(message) = &search.error {
                <p class="error" data-testid="search-error" role="alert">{ message.clone() }</p>
            }
            if let Some(found) = &search.found {
                if let Some(message) = no_good_hit(found.hits.first().map(|h| h.similarity), props.report.thresholds.partly, &found.query) {
                    <p class="hint search-no-good-hit" data-testid="search-no-good-hit">{ message }</p>
                }
                <p class="hint" data-testid="search-stats" aria-live="polite">{ format!(
                    "The {} closest to “{}” among {}, searched in {:.0} ms.",
                    format::count(found.hits.len(), "requirement", "requirements"),
                    found.query,
                    format::count(found.searched, "requirement", "requirements"),
                    found.search_ms
                ) }</p>
                <ol class="search-hits" data-testid="search-hits">
                    { for found.hits.iter().map(|hit| {
                        let post = hit.post;
                        let on_click = props.on_select.reform(move |_: MouseEvent| post);
                        html! {
                            <li data-testid="search-hit" data-post={post.to_string()}
                                data-similarity={format::cosine(hit.similarity)}>
                                <button type="button" class="search-hit" onclick={on_click}
                                    title="Show this post's requirements">
                                    <span class="similarity">{ format::score(hit.similarity) }</span>
                                    <span class="search-hit-post">{ title_of(post) }</span>
                                    <span class="search-hit-text">{ hit.text.clone() }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// What to say when even the closest requirement is not near the query (below the `partly`
/// threshold): the hits below it are then the least far, not matches.
fn no_good_hit(best: Option<f32>, partly: f32, query: &str) -> Option<String> {
    match best {
        None => Some(format!("No requirement to search for “{query}”: analyse your posts first.")),
        Some(best) if best < partly => Some(format!(
            "Nothing in your posts is close to “{query}”: the closest requirement reaches {} (“partly” starts at {}). The least distant ones are listed below.",
            format::score(best),
            format::threshold(partly),
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_with_no_good_hit_says_so() {
        assert!(no_good_hit(Some(0.21), 0.35, "welding").is_some_and(|m| m.contains("0.21")));
        assert_eq!(no_good_hit(Some(0.62), 0.35, "Kubernetes"), None);
        assert!(no_good_hit(None, 0.35, "x").is_some());
    }
}
