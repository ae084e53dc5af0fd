//! One post's requirements, with its strongest stories and what was ignored.

use jobdelta_matching::CheckStatus;
use jobdelta_matching::{Coverage, Report};
use yew::prelude::*;

use super::{MissingTerms, RequirementRow, UnseenTerms};
use crate::format;
use crate::state::Shared;

/// Properties of [`PostView`].
#[derive(Properties, PartialEq)]
pub struct PostViewProps {
    /// The report.
    pub report: Shared<Report>,
    /// Which post (index into the report's posts).
    pub index: usize,
}

/// Which requirements to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Only(Coverage),
}

/// Heading with fit, strongest stories, a status filter and the requirement rows.
#[component]
pub fn PostView(props: &PostViewProps) -> Html {
    let filter = use_state(|| Filter::All);
    let Some(post) = props.report.posts.get(props.index) else {
        // Always a real element (see `ProblemList`).
        return html! { <section class="post-view" id="post-view" hidden=true /> };
    };
    let b = &post.breakdown;
    let count = |status: Coverage| {
        post.requirements
            .iter()
            .filter(|r| r.status == status)
            .count()
    };
    let filter_button = |value: Filter, label: String| {
        let filter = filter.clone();
        let pressed = *filter == value;
        let testid = match value {
            Filter::All => "filter-all".to_owned(),
            Filter::Only(status) => format!("filter-{}", super::status_key(status)),
        };
        html! {
            <button type="button" class={classes!("chip", pressed.then_some("is-pressed"))}
                aria-pressed={pressed.to_string()} data-testid={testid}
                onclick={Callback::from(move |_: MouseEvent| filter.set(value))}>{ label }</button>
        }
    };
    let shown: Vec<_> = post
        .requirements
        .iter()
        .filter(|r| match *filter {
            Filter::All => true,
            Filter::Only(status) => r.status == status,
        })
        .collect();
    let stories: Vec<&str> = post
        .strongest_stories
        .iter()
        .filter_map(|&i| props.report.resume.get(i).map(|s| s.text.as_str()))
        .collect();
    html! {
        <section class="post-view" id="post-view" data-testid="post-view" aria-labelledby="post-view-heading" tabindex="-1">
            <header class="post-view-head">
                <h3 id="post-view-heading" data-testid="post-view-title">{ post.title.clone() }</h3>
                <p class="post-view-fit">
                    <span class="fit-value">{ format::fit(post.fit) }</span>
                    { format!(" {} · rank {} of {}", post.label.label(), post.rank, props.report.posts.len()) }
                </p>
            </header>
            <p class="post-view-facts" data-testid="post-view-facts">
                { format!(
                    "Covers {} of {} requirements{} · ",
                    b.covered,
                    post.requirements.len(),
                    if b.partly > 0 { format!(" ({} partly)", b.partly) } else { String::new() },
                ) }
                if b.must_haves > 0 {
                    { format!("{} of {} must-haves · ", b.must_haves_covered, b.must_haves) }
                }
                { format!(
                    "asks for {} of your {}",
                    b.sentences_used,
                    format::count(props.report.resume.len(), "sentence", "sentences"),
                ) }
                { ". " }
                <span data-testid="ignored-count">
                    { format!(
                        "{} ignored as company description, benefits or legal boilerplate.",
                        format::count(post.ignored_sentences, "sentence", "sentences")
                    ) }
                </span>
            </p>
            if let Some(cap) = &post.fit_cap {
                <p class="fit-cap" data-testid="fit-cap" role="note">{ cap.reason.clone() }</p>
            }
            if !post.checks.is_empty() {
                <div class="requirements-check" data-testid="requirements-check">
                    <h4>{ "Requirements check" }</h4>
                    <p class="explain-line">{ "What the post demands that you have or have not — years, degree, seniority, licences, clearance, place — read from your resume, not matched by meaning. Unknown means your resume does not say." }</p>
                    <ul class="check-list">
                        { for post.checks.iter().map(|c| {
                            let key = match c.status {
                                CheckStatus::Met => "met",
                                CheckStatus::NotMet => "not-met",
                                CheckStatus::Unknown => "unknown",
                            };
                            html! {
                                <li class={classes!("check-row", format!("check-{key}"))} data-testid="check-row" data-status={key}>
                                    <span class={classes!("badge", format!("badge-check-{key}"))}>{ c.status.label() }</span>
                                    <strong>{ format!(" {}", c.requirement.label()) }</strong>
                                    { format!(" ({})", c.importance_label()) }
                                    <span class="check-evidence">{ format!(" — {}", c.evidence) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
            <div class="stories" data-testid="strongest-stories">
                <h4>{ "Your strongest stories for this post" }</h4>
                if stories.is_empty() {
                    <p class="hint">{ "None of your sentences covers a requirement of this post yet." }</p>
                } else {
                    <ol>
                        { for stories.iter().map(|s| html! { <li data-testid="story">{ *s }</li> }) }
                    </ol>
                }
            </div>
            <MissingTerms terms={post.missing_terms.clone()} skills_named={post.skills_named} attribution={props.report.gazetteer_attribution.clone()} />
            <UnseenTerms terms={post.unseen_terms.clone()} />
            <div class="filters" role="group" aria-label="Show requirements">
                { filter_button(Filter::All, format!("All ({})", post.requirements.len())) }
                { filter_button(Filter::Only(Coverage::Missing), format!("Not covered ({})", count(Coverage::Missing))) }
                { filter_button(Filter::Only(Coverage::Partly), format!("Partly ({})", count(Coverage::Partly))) }
                { filter_button(Filter::Only(Coverage::Covered), format!("Covered ({})", count(Coverage::Covered))) }
            </div>
            if shown.is_empty() {
                <p class="hint">{ "No requirement of this post has that status." }</p>
            } else {
                <ol class="requirements" data-testid="requirements">
                    { for shown.into_iter().map(|r| {
                        let named_in: Vec<Option<String>> = r
                            .skills
                            .skills
                            .iter()
                            .map(|s| s.resume_index.and_then(|i| props.report.resume.get(i)).map(|s| s.text.clone()))
                            .collect();
                        html! { <RequirementRow requirement={r.clone()} {named_in} /> }
                    }) }
                </ol>
            }
        </section>
    }
}
