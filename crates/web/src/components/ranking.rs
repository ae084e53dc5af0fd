//! The posts ranked by fit, with how a fit is made; a row opens that post's requirements.

use jobdelta_matching::{FitLabel, PostReport, Report};
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

/// Properties of [`Ranking`].
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// The report.
    pub report: Shared<Report>,
    /// The post shown below (index into the report's posts).
    pub selected: Option<usize>,
    /// A post was chosen.
    pub on_select: Callback<usize>,
}

/// The explanation of fit and one row per post, best first.
#[component]
pub fn Ranking(props: &RankingProps) -> Html {
    let report = &props.report;
    let t = report.thresholds;
    let several = report.posts.len() > 1;
    html! {
        <section class="ranking-section" aria-labelledby="ranking-heading">
            <h3 id="ranking-heading">{ if several { "Your posts, best fit first" } else { "Fit" } }</h3>
            <div class="explain" data-testid="fit-explanation">
                <p>
                    <strong>{ "Fit" }</strong>
                    { format!(
                        " (ranks the posts) = the share of your resume's sentences the post asks for: each of your sentences counts fully when its closest requirement reaches cosine ≥ {covered}, partly between {partly} and {covered} (linearly); the fit is the mean × 100. Strong from {strong:.0}, good from {good:.0}, some from {some:.0}.",
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
                        " (what to add) = the share of the post's requirements your resume covers, weighted by section (must-have 1, responsibilities/general 0.6, nice-to-have 0.4); a requirement counts fully from cosine ≥ {covered}, partly between {partly} and {covered}, linearly.",
                        covered = format::threshold(t.covered),
                        partly = format::threshold(t.partly),
                    ) }
                </p>
                <p>
                    { "Both are shares, not a raw cosine: the model scores unrelated sentences 0.1–0.4 and paraphrases above 0.7, so a cosine is no percentage, and one cosine between whole documents blurs every requirement together." }
                </p>
            </div>
            <ol class="ranking" data-testid="ranking">
                { for report.ranking.iter().filter_map(|&index| {
                    let post = report.posts.get(index)?;
                    Some(row(post, index, report.resume.len(), several, props.selected == Some(index), &props.on_select))
                }) }
            </ol>
        </section>
    }
}

/// One post's row: a button (so it is reachable and usable with the keyboard).
fn row(
    post: &PostReport,
    index: usize,
    sentences: usize,
    several: bool,
    selected: bool,
    on_select: &Callback<usize>,
) -> Html {
    let fit = format::fit(post.fit);
    let b = &post.breakdown;
    let onclick = {
        let on_select = on_select.clone();
        Callback::from(move |_: MouseEvent| {
            on_select.emit(index);
            scroll_to_post_view();
        })
    };
    let must = if b.must_haves > 0 {
        format!(
            "must-haves covered {}/{}",
            b.must_haves_covered, b.must_haves
        )
    } else {
        "no must-have section".to_owned()
    };
    let label_class = format!(
        "fit-label fit-{}",
        post.label.label().split(' ').next().unwrap_or("weak")
    );
    html! {
        <li>
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
                <span class="rank" aria-label={format!("Rank {}", post.rank)}>{ format!("#{}", post.rank) }</span>
                <span class="row-main">
                    <span class="row-title" data-testid="ranking-title">{ post.title.clone() }</span>
                    <span class="breakdown" data-testid="ranking-breakdown">
                        <span data-testid="ranking-coverage">{ format!("coverage {}", format::share(b.weighted_coverage)) }</span>
                        { ": " }
                        <span class="count-covered">{ format!("{} covered", b.covered) }</span>
                        { " · " }
                        <span class="count-partly">{ format!("{} partly", b.partly) }</span>
                        { " · " }
                        <span class="count-missing">{ format!("{} missing", b.missing) }</span>
                        { " · " }
                        <span>{ must }</span>
                    </span>
                    <span class="breakdown">
                        { format!(
                            "asks for {} of your {}",
                            b.sentences_used,
                            format::count(sentences, "sentence", "sentences")
                        ) }
                    </span>
                    if !b.shared_words.is_empty() {
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
                    if several {
                        if let Some(p) = post.percentile {
                            <span class="percentile" data-testid="ranking-percentile">
                                { format!("fits better than {:.0} % of your other posts", p) }
                            </span>
                        }
                    }
                </span>
            </button>
        </li>
    }
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
