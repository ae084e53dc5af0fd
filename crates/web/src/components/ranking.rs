//! The posts ranked by fit, with how a fit is made; a row opens that post's requirements, and
//! its buttons mark it "fit" or "not for me" so the ranking learns the person's taste.
//!
//! From [`WINDOWED_FROM`] posts the ranking is a [`VirtualList`] of compact rows (title,
//! coverage, fit, marks) with a filter by title, so thousands of posts draw only what is in view.

use std::collections::HashMap;

use jobdelta_matching::{
    section_weight, FitLabel, Learning, PostReport, Report, MIN_MARKS_PER_KIND,
};
use jobdelta_text::SectionKind;
use yew::prelude::*;

use super::VirtualList;
use crate::format;
use crate::state::Shared;
use crate::virtual_window::WINDOWED_FROM;

/// Height of one compact ranking row, in CSS pixels (the stylesheet's `.ranking-compact li`).
const COMPACT_ROW_HEIGHT: f64 = 64.0;

/// Properties of [`Ranking`].
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// The report.
    pub report: Shared<Report>,
    /// The post shown below (index into the report's posts).
    pub selected: Option<usize>,
    /// A post was chosen.
    pub on_select: Callback<usize>,
    /// A post was marked (fit / not for me) or unmarked.
    pub on_mark: Callback<(usize, Option<bool>)>,
}

/// The explanation of fit and one row per post, best first.
#[component]
pub fn Ranking(props: &RankingProps) -> Html {
    let report = &props.report;
    let t = report.thresholds;
    let several = report.posts.len() > 1;
    let ties = Ties::of(report);
    let rows = Rows {
        sentences: report.resume.len(),
        selected: props.selected,
        compact: false,
        on_select: props.on_select.clone(),
        on_mark: props.on_mark.clone(),
    };
    html! {
        <section class="ranking-section" data-testid="ranking-section" aria-labelledby="ranking-heading">
            <h3 id="ranking-heading">{ if several { "Your posts, best fit first" } else { "Fit" } }</h3>
            <div class="explain" data-testid="fit-explanation">
                <p>
                    <strong>{ "Fit" }</strong>
                    { format!(
                        " (0–100, ranks the posts) combines three signals, each put on the same scale: experience match (the share of your sentences the post asks for: a sentence counts fully when its closest requirement reaches cosine ≥ {covered}, partly from {partly}), overall similarity (your resume and the post's requirements, each taken as a whole) and title similarity. The number is how many posts of a reference set of 280 real software job posts this one beats — a percentile, not a percentage match. Strong from {strong:.0}, good from {good:.0}, some from {some:.0}; on that reference set, 93 % of strong-fit posts were ones the person had judged a fit, 14 % of weak ones.",
                        covered = format::threshold(t.covered),
                        partly = format::threshold(t.partly),
                        strong = FitLabel::STRONG,
                        good = FitLabel::GOOD,
                        some = FitLabel::SOME,
                    ) }
                </p>
                <p>
                    <strong>{ "Coverage" }</strong>
                    { format!(
                        " (what to add) = the share of the post's requirements your resume covers, weighted by section (must-have {required}, responsibilities/general {general}, nice-to-have {preferred}); a requirement counts fully from cosine ≥ {covered}, partly between {partly} and {covered}, linearly.",
                        required = section_weight(SectionKind::Required),
                        general = section_weight(SectionKind::General),
                        preferred = section_weight(SectionKind::Preferred),
                        covered = format::threshold(t.covered),
                        partly = format::threshold(t.partly),
                    ) }
                </p>
                <p>
                    { "Teach it your taste: mark posts “fit” or “not for me”. Once at least one post is marked each way, a small model learns from your marks, here in your browser, and re-ranks the rest." }
                </p>
            </div>
            <LearningPanel learning={report.learning.clone()} marked={report.posts.iter().filter(|p| p.mark.is_some()).count()} />
            if report.posts.len() < WINDOWED_FROM {
                <ol class="ranking" data-testid="ranking">
                    { for report.ranking.iter().filter_map(|&index| {
                        let post = report.posts.get(index)?;
                        Some(row(post, index, ties.other_rank(post), &rows))
                    }) }
                </ol>
            } else {
                <LongRanking report={report.clone()} selected={props.selected} on_select={props.on_select.clone()} on_mark={props.on_mark.clone()} />
            }
        </section>
    }
}

/// Posts whose fits read the same (as shown, one decimal): the order between them says nothing.
/// The two best ranks per shown fit, found in one pass (a row asks for the best rank among the
/// *other* posts with its fit).
struct Ties(HashMap<String, (usize, Option<usize>)>);

impl Ties {
    fn of(report: &Report) -> Self {
        let mut best: HashMap<String, (usize, Option<usize>)> = HashMap::new();
        for post in &report.posts {
            best.entry(format::fit(post.fit))
                .and_modify(|(first, second)| {
                    if post.rank < *first {
                        *second = Some(*first);
                        *first = post.rank;
                    } else if second.is_none_or(|s| post.rank < s) {
                        *second = Some(post.rank);
                    }
                })
                .or_insert((post.rank, None));
        }
        Ties(best)
    }

    /// The best rank of another post whose fit reads the same as this one's.
    fn other_rank(&self, post: &PostReport) -> Option<usize> {
        let &(first, second) = self.0.get(&format::fit(post.fit))?;
        if first == post.rank {
            second
        } else {
            Some(first)
        }
    }
}

/// Properties of [`LongRanking`].
#[derive(Properties, PartialEq)]
struct LongRankingProps {
    report: Shared<Report>,
    selected: Option<usize>,
    on_select: Callback<usize>,
    on_mark: Callback<(usize, Option<bool>)>,
}

/// The ranking of many posts: a filter by title, then the compact rows in view.
#[component]
fn LongRanking(props: &LongRankingProps) -> Html {
    let filter = use_state_eq(String::new);
    let report = &props.report;
    let needle = filter.trim().to_lowercase();
    let shown: Vec<usize> = report
        .ranking
        .iter()
        .copied()
        .filter(|&index| {
            needle.is_empty()
                || report
                    .posts
                    .get(index)
                    .is_some_and(|post| post.title.to_lowercase().contains(&needle))
        })
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            filter.set(
                event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let shown_text = if needle.is_empty() {
        format!(
            "All {} posts, best first; scroll the list.",
            report.posts.len()
        )
    } else {
        format!(
            "{} of {} posts have “{}” in their title.",
            shown.len(),
            report.posts.len(),
            filter.trim()
        )
    };
    let row = {
        let report = report.clone();
        let shown = shown.clone();
        let ties = Ties::of(&report);
        let rows = Rows {
            sentences: report.resume.len(),
            selected: props.selected,
            compact: true,
            on_select: props.on_select.clone(),
            on_mark: props.on_mark.clone(),
        };
        Callback::from(move |at: usize| {
            let Some((index, post)) = shown.get(at).and_then(|&i| Some((i, report.posts.get(i)?)))
            else {
                return html! {};
            };
            row(post, index, ties.other_rank(post), &rows)
        })
    };
    html! {
        <>
            <div class="ranking-filter">
                <label for="ranking-filter">{ "Show posts whose title has" }</label>
                <input id="ranking-filter" type="search" data-testid="ranking-filter"
                    placeholder="e.g. data, nurse, senior" value={(*filter).clone()} oninput={on_filter} />
                <p class="hint" data-testid="ranking-shown" aria-live="polite">{ shown_text }</p>
            </div>
            <VirtualList count={shown.len()} row_height={COMPACT_ROW_HEIGHT} {row}
                testid="ranking" class="ranking ranking-compact" label="Posts, best fit first" />
        </>
    }
}

/// What every row of one ranking shares.
struct Rows {
    /// How many sentences the resume has.
    sentences: usize,
    /// The post shown below.
    selected: Option<usize>,
    /// Compact rows (the long ranking): no "asks for" line, no shared words.
    compact: bool,
    on_select: Callback<usize>,
    on_mark: Callback<(usize, Option<bool>)>,
}

/// One post's row: a button (so it is reachable and usable with the keyboard).
fn row(post: &PostReport, index: usize, tied_with: Option<usize>, rows: &Rows) -> Html {
    let Rows {
        sentences,
        selected,
        compact,
        on_select,
        on_mark,
    } = rows;
    let (sentences, compact) = (*sentences, *compact);
    let selected = *selected == Some(index);
    let fit = format::fit(post.fit);
    let b = &post.breakdown;
    let onclick = {
        let on_select = on_select.clone();
        Callback::from(move |_: MouseEvent| {
            on_select.emit(index);
            scroll_to_post_view();
        })
    };
    let total = b.covered + b.partly + b.missing;
    let must = if b.must_haves > 0 {
        format!(
            "{} of {} must-haves covered",
            b.must_haves_covered, b.must_haves
        )
    } else {
        "no must-have section".to_owned()
    };
    let label_class = format!(
        "fit-label fit-{}",
        post.label.label().split(' ').next().unwrap_or("weak")
    );
    let mark_button = |liked: bool| {
        let pressed = post.mark == Some(liked);
        let on_mark = on_mark.clone();
        // Pressing the mark a post has takes it away.
        let onclick = Callback::from(move |_: MouseEvent| {
            on_mark.emit((index, if pressed { None } else { Some(liked) }));
        });
        let (text, testid, class) = if liked {
            ("Fit", "mark-fit", "mark-fit")
        } else {
            ("Not for me", "mark-not", "mark-not")
        };
        html! {
            <button
                type="button"
                class={classes!("mark", class, pressed.then_some("is-pressed"))}
                data-testid={testid}
                aria-pressed={if pressed { "true" } else { "false" }}
                aria-label={format!("{text}: {}", post.title)}
                {onclick}
            >{ text }</button>
        }
    };
    html! {
        <li key={index} class="ranking-item" data-testid="ranking-item" data-mark={match post.mark { Some(true) => "fit", Some(false) => "not", None => "none" }}>
            <button
                type="button"
                class={classes!("ranking-row", selected.then_some("is-selected"))}
                data-testid="ranking-row"
                data-fit={fit.clone()}
                data-title={post.title.clone()}
                data-index={index.to_string()}
                aria-current={selected.then_some("true")}
                aria-controls="post-view"
                {onclick}
            >
                <span class="rank" aria-label={format!("Rank {}{}", post.rank, if tied_with.is_some() { " (tied)" } else { "" })}>{ format!("#{}", post.rank) }</span>
                <span class="row-main">
                    <span class="row-title" data-testid="ranking-title">{ post.title.clone() }</span>
                    <span class="breakdown" data-testid="ranking-breakdown">
                        <span data-testid="ranking-coverage" data-coverage={format::share(b.weighted_coverage)}>
                            <span class="count-covered">{ format!("{} of {} requirements covered", b.covered, total) }</span>
                            if b.partly > 0 {
                                { ", " }
                                <span class="count-partly">{ format!("{} partly", b.partly) }</span>
                            }
                        </span>
                        { " · " }
                        <span>{ must }</span>
                    </span>
                    if !compact {
                        <span class="breakdown">
                            { format!(
                                "asks for {} of your {}",
                                b.sentences_used,
                                format::count(sentences, "sentence", "sentences")
                            ) }
                        </span>
                    }
                    if !compact && !b.shared_words.is_empty() {
                        <span class="shared-words">
                            { "Shared words: " }
                            { b.shared_words.iter().take(8).cloned().collect::<Vec<_>>().join(", ") }
                        </span>
                    }
                </span>
                <span class="row-fit">
                    <span class="fit-value" data-testid="ranking-fit">{ fit.clone() }</span>
                    <span class={label_class} data-testid="ranking-label">{ post.label.label() }</span>
                    <span class="fit-bar" aria-hidden="true"><span class="fit-bar-value" style={format!("width: {fit}%")}></span></span>
                    if let Some(tied) = tied_with {
                        <span class="percentile" data-testid="ranking-tie">
                            { format!("tied with #{tied}") }
                        </span>
                    }
                    if post.mark.is_some() || (post.fit - post.zero_shot_fit).abs() >= 0.05 {
                        <span class="percentile" data-testid="ranking-zero-shot">
                            { format!("{} before your marks", format::fit(post.zero_shot_fit)) }
                        </span>
                    }
                </span>
            </button>
            <div class="marks" role="group" aria-label={format!("Your verdict on {}", post.title)}>
                { mark_button(true) }
                { mark_button(false) }
            </div>
        </li>
    }
}

/// Properties of [`LearningPanel`].
#[derive(Properties, PartialEq)]
pub struct LearningPanelProps {
    /// What was learned, once there are enough marks.
    pub learning: Option<Learning>,
    /// Posts marked so far.
    pub marked: usize,
}

/// What the ranking learned from the marks: each feature's weight before and after.
#[component]
pub fn LearningPanel(props: &LearningPanelProps) -> Html {
    let Some(learning) = &props.learning else {
        if props.marked == 0 {
            return html! {};
        }
        return html! {
            <p class="learning-hint" data-testid="learning-hint">
                { format!(
                    "{} marked. Mark at least {MIN_MARKS_PER_KIND} post “fit” and {MIN_MARKS_PER_KIND} “not for me” and the ranking learns from your marks.",
                    format::count(props.marked, "post", "posts"),
                ) }
            </p>
        };
    };
    html! {
        <section class="learning" data-testid="learned-weights" aria-labelledby="learning-heading">
            <h4 id="learning-heading">
                { format!(
                    "Learned from your marks ({} fit, {} not for me)",
                    learning.marked_fit, learning.marked_not
                ) }
            </h4>
            <p class="explain">
                { "A logistic regression over these features, trained in this browser on your marks, starting from the built-in weights and pulled back towards them, so a few marks nudge the ranking and many can reshape it." }
            </p>
            <p data-testid="learning-change">{ learned_change(learning) }</p>
            <table class="learning-table">
                <thead><tr><th scope="col">{ "Feature" }</th><th scope="col">{ "Before" }</th><th scope="col">{ "After" }</th><th scope="col">{ "Change" }</th></tr></thead>
                <tbody>
                    { for learning.features.iter().map(|f| {
                        let change = f.weight - f.prior;
                        let moved = change.abs() >= WEIGHT_CHANGE_SHOWN;
                        html! {
                            <tr data-testid="learned-feature" data-weight={format!("{:.3}", f.weight)} class={classes!((!moved).then_some("unchanged"))}>
                                <th scope="row" title={f.description.clone()}>{ f.name.clone() }</th>
                                <td>{ format!("{:+.2}", f.prior) }</td>
                                <td>{ format!("{:+.2}", f.weight) }</td>
                                <td class={classes!(if !moved { None } else if change > 0.0 { Some("weight-up") } else { Some("weight-down") })}>
                                    { if moved { format!("{change:+.2}") } else { "unchanged".to_owned() } }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// A weight change below this reads as none (the table shows two decimals).
const WEIGHT_CHANGE_SHOWN: f32 = 0.005;

/// One sentence on what the marks changed: the features whose weight moved most.
fn learned_change(learning: &Learning) -> String {
    let mut moved: Vec<(&str, f32)> = learning
        .features
        .iter()
        .map(|f| (f.name.as_str(), f.weight - f.prior))
        .filter(|(_, change)| change.abs() >= WEIGHT_CHANGE_SHOWN)
        .collect();
    if moved.is_empty() {
        return "Your marks agree with the built-in weights: nothing changed yet.".to_owned();
    }
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let phrase = |(name, change): &(&str, f32)| {
        format!(
            "{} {} ({change:+.2})",
            if *change > 0.0 {
                "more weight on"
            } else {
                "less weight on"
            },
            name
        )
    };
    let parts: Vec<String> = moved.iter().take(2).map(phrase).collect();
    format!("Your marks put {}.", parts.join(" and "))
}

/// Brings the requirements of the chosen post into view.
fn scroll_to_post_view() {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("post-view"));
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
