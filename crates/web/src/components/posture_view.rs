//! The "Role families" tab: the posts grouped into families by the worker (the groups
//! `jobdelta posture` prints) — per family its label, posts, your coverage, the requirements
//! and skills it asks for with the share of posts asking and yours, what is rising or falling
//! by quarter, and where you stand. A post of a family opens it in the posts view.

use std::rc::Rc;

use jobdelta_matching::posture::Group;
use jobdelta_matching::{Coverage, Report};
use yew::prelude::*;

use crate::format;
use crate::state::{PostureState, Shared};

/// Properties of [`PostureView`].
#[derive(Properties, PartialEq)]
pub struct PostureViewProps {
    /// The report (for the posts' titles).
    pub report: Shared<Report>,
    /// The grouping asked of the worker.
    pub state: Rc<PostureState>,
    /// Why "Group the posts" cannot be pressed now.
    pub blocker: Option<AttrValue>,
    /// Group the posts.
    pub on_group: Callback<()>,
    /// Open a post (index into the report's posts) in the posts view.
    pub on_open: Callback<usize>,
}

/// The button, then the families.
#[component]
pub fn PostureView(props: &PostureViewProps) -> Html {
    let on_group = props.on_group.reform(|_: MouseEvent| ());
    let state = &props.state;
    html! {
        <div class="posture-view" data-testid="posture-view">
            <p class="hint">
                { "Your posts grouped into role families by what they ask for: per family the requirements and skills most of its posts ask for, how much of it your resume covers, what recent posts ask more or less often, and where you stand." }
            </p>
            <div class="compare-bar">
                <button type="button" class="button button-primary" data-testid="group-posts"
                    disabled={props.blocker.is_some()} onclick={on_group}>
                    { if state.posture.is_some() { "Group the posts again" } else { "Group the posts" } }
                </button>
                if let Some(blocker) = &props.blocker {
                    <span class="hint" data-testid="group-posts-hint">{ blocker.clone() }</span>
                }
            </div>
            if let Some(error) = &state.error {
                <p class="problem" role="alert" data-testid="posture-error">{ error.clone() }</p>
            }
            if let Some(posture) = &state.posture {
                <p class="hint" data-testid="posture-stats">{ format!("{} in {} families, grouped in {}.",
                    format::count(posture.groups.iter().map(|g| g.posts.len()).sum(), "post", "posts"),
                    posture.groups.len(), format::seconds(state.elapsed_ms)) }</p>
                <ol class="family-list">
                    { for posture.groups.iter().map(|g| family(g, posture.groups.len(), &props.report, &props.on_open)) }
                </ol>
            }
        </div>
    }
}

/// One family.
fn family(group: &Group, groups: usize, report: &Report, on_open: &Callback<usize>) -> Html {
    let s = &group.standing;
    let coverage = (100.0 * group.coverage).round();
    html! {
        <li class="family" data-testid="family" data-label={group.label.clone()} data-posts={group.posts.join(",")}>
            <h3 class="family-label">{ group.label.clone() }</h3>
            <p class="family-facts">
                <span data-testid="family-count">{ format::count(group.posts.len(), "post", "posts") }</span>
                { format!(" · your coverage {coverage:.0} % · median fit {} (best {}), ", format::fit(s.median_fit), format::fit(s.best_fit)) }
                <span data-testid="family-standing">{ format!("{} of {groups} where you fit best", ordinal(s.rank)) }</span>
            </p>
            <div class="stacked-bar family-bar" role="img" aria-label={format!("Your coverage: {coverage:.0} %")} data-testid="family-coverage">
                <span class="bar-covered" style={format!("width: {:.1}%", 100.0 * group.coverage.clamp(0.0, 1.0))}></span>
            </div>
            <div class="family-columns">
                if !group.requirements.is_empty() {
                    <div>
                        <h4>{ "Asked for" }</h4>
                        <ul class="family-requirements">
                            { for group.requirements.iter().map(|r| html! {
                                <li data-testid="family-requirement" data-covered={coverage_word(r.covered)}>
                                    <span class="share">{ format!("{:.0} %", 100.0 * r.share) }</span>
                                    <span class={classes!("badge", coverage_class(r.covered))}>{ r.covered.label() }</span>
                                    { " " }{ r.text.clone() }
                                </li>
                            }) }
                        </ul>
                    </div>
                }
                if !group.skills.is_empty() {
                    <div>
                        <h4>{ "Skills" }</h4>
                        <ul class="family-skills">
                            { for group.skills.iter().map(|k| html! {
                                <li data-testid="family-skill" data-you-have={k.you_have.to_string()}>
                                    <span class="share">{ format!("{:.0} %", 100.0 * k.share) }</span>
                                    <span class={classes!("badge", if k.you_have { "badge-covered" } else { "badge-missing" })}>
                                        { if k.you_have { "you have it" } else { "not on your resume" } }
                                    </span>
                                    { " " }{ k.name.clone() }
                                </li>
                            }) }
                        </ul>
                    </div>
                }
            </div>
            if let Some(trend) = &group.trend {
                <p class="hint" data-testid="family-quarters">{ format!("Posts per quarter: {}",
                    trend.quarters.iter().map(|(q, n)| format!("{q} {n}")).collect::<Vec<_>>().join(", ")) }</p>
                if !trend.rising.is_empty() || !trend.falling.is_empty() {
                    <ul class="family-trend" data-testid="family-trend">
                        { for trend.rising.iter().map(|c| html! {
                            <li class="rising">{ format!("↑ rising: {} {} ({:.0} % → {:.0} %)", if c.skill { "skill" } else { "requirement" }, c.text, 100.0 * c.earlier, 100.0 * c.latest) }</li>
                        }) }
                        { for trend.falling.iter().map(|c| html! {
                            <li class="falling">{ format!("↓ falling: {} {} ({:.0} % → {:.0} %)", if c.skill { "skill" } else { "requirement" }, c.text, 100.0 * c.earlier, 100.0 * c.latest) }</li>
                        }) }
                    </ul>
                }
            }
            <details class="family-posts">
                <summary>{ format!("The {}", format::count(group.posts.len(), "post", "posts")) }</summary>
                <ul>
                    { for group.post_indices.iter().zip(&group.posts).map(|(&index, id)| {
                        let title = report.posts.get(index).map_or_else(|| id.clone(), |p| p.title.clone());
                        let fit = report.posts.get(index).map(|p| format::fit(p.fit)).unwrap_or_default();
                        let open = on_open.reform(move |_: MouseEvent| index);
                        html! {
                            <li>
                                <button type="button" class="link-button" data-testid="family-post" data-id={id.clone()} onclick={open}>
                                    { title }
                                </button>
                                <span class="hint">{ format!(" · fit {fit}") }</span>
                            </li>
                        }
                    }) }
                </ul>
            </details>
        </li>
    }
}

/// "1st", "2nd", "3rd", "4th"…
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn coverage_word(c: Coverage) -> &'static str {
    match c {
        Coverage::Covered => "covered",
        Coverage::Partly => "partly",
        Coverage::Missing => "missing",
    }
}

fn coverage_class(c: Coverage) -> &'static str {
    match c {
        Coverage::Covered => "badge-covered",
        Coverage::Partly => "badge-partly",
        Coverage::Missing => "badge-missing",
    }
}
