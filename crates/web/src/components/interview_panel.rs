//! "Interview yourself": ask the brag document questions (answers are the person's own
//! sentences, grouped by story, with dates and scores), see its stories on a timeline, the
//! question bank with the best story for each question, and arrange a "Tell me about
//! yourself" outline (reorder, pin, swap, export as Markdown or plain text). The stories'
//! themes colour the story list and the timeline; choosing a theme highlights its stories.

use std::rc::Rc;

use jobdelta_interview::{
    group_by_story, story_themes, Interview, QuestionAnswers, QuestionSource,
};
use jobdelta_text::{StoryDate, StoryEnd};
use yew::prelude::*;

use crate::format;
use crate::state::InterviewState;

/// Properties of [`InterviewPanel`].
#[derive(Properties, PartialEq)]
pub struct InterviewPanelProps {
    /// The interview part of the state.
    pub state: Rc<InterviewState>,
    /// Why Ask cannot be pressed, if it cannot.
    pub ask_blocker: Option<AttrValue>,
    /// Why "Prepare my interview" cannot be pressed, if it cannot.
    pub prepare_blocker: Option<AttrValue>,
    /// The resume changed since the interview shown was prepared.
    pub stale: bool,
    /// The question box was edited.
    pub on_question: Callback<String>,
    /// Ask was pressed.
    pub on_ask: Callback<()>,
    /// "Prepare my interview" was pressed.
    pub on_prepare: Callback<()>,
    /// A post (or the common questions) was chosen.
    pub on_post: Callback<Option<usize>>,
    /// A story was pinned or unpinned.
    pub on_pin: Callback<usize>,
    /// A story was swapped out.
    pub on_swap: Callback<usize>,
    /// An outline item moved (from, to).
    pub on_move: Callback<(usize, usize)>,
}

/// How the outline is exported.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Markdown,
    PlainText,
}

/// The interview panel.
#[component]
pub fn InterviewPanel(props: &InterviewPanelProps) -> Html {
    let export = use_state(|| None::<Export>);
    // The theme whose stories are highlighted: a view choice, so it stays in the component.
    let theme = use_state(|| None::<usize>);
    let state = &props.state;
    let on_input = props.on_question.reform(|event: InputEvent| {
        event
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let on_submit = {
        let on_ask = props.on_ask.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_ask.emit(());
        })
    };
    let interview = state.interview.as_ref().map(|(i, _)| i.clone());
    html! {
        <section class="panel interview-panel" aria-labelledby="interview-heading" data-testid="interview-panel">
            <h2 id="interview-heading">{ "Interview yourself" }</h2>
            <p class="hint">{ "Ask your resume or brag document a question: the answers are your own sentences, with the story they come from. Nothing is written for you." }</p>
            <form class="search-form" onsubmit={on_submit} role="search">
                <label for="ask-input" class="visually-hidden">{ "Question" }</label>
                <input id="ask-input" type="search" data-testid="ask-input"
                    placeholder="e.g. Tell me about a time you disagreed with a colleague"
                    value={state.question.clone()} oninput={on_input} />
                <button type="submit" data-testid="ask-button"
                    disabled={props.ask_blocker.is_some() || state.asking.is_some()}
                    title={props.ask_blocker.clone()}>{ "Ask" }</button>
            </form>
            if state.asking.is_some() {
                <p class="hint" aria-live="polite" data-testid="ask-status">{ "Looking through your stories…" }</p>
            }
            if let Some(message) = &state.error {
                <p class="error" role="alert" data-testid="interview-error">{ message.clone() }</p>
            }
            if let Some(asked) = &state.asked {
                <p class="hint" data-testid="ask-stats">{ format!(
                    "Your {} closest to “{}”, found in {:.0} ms.",
                    format::count(asked.answers.len(), "sentence", "sentences"),
                    asked.question,
                    asked.embed_ms + asked.search_ms
                ) }</p>
                <div class="ask-answers">
                    { for group_by_story(&asked.answers).into_iter().map(|group| html! {
                        <div class="ask-story" data-story={group.story.id.to_string()}>
                            <h4>{ group.story.title.clone() }
                                <span class="story-dates">{ group.story.date_label() }</span></h4>
                            <ul>
                                { for group.answers.iter().map(|answer| html! {
                                    <li data-testid="ask-answer" data-score={format::cosine(answer.score)}>
                                        <span class="similarity">{ format::score(answer.score) }</span>
                                        <span>{ answer.text.clone() }</span>
                                    </li>
                                }) }
                            </ul>
                        </div>
                    }) }
                </div>
            }
            <div class="interview-prepare">
                <button type="button" class="button" data-testid="interview-prepare"
                    disabled={props.prepare_blocker.is_some()}
                    title={props.prepare_blocker.clone()}
                    onclick={props.on_prepare.reform(|_: MouseEvent| ())}>
                    { if interview.is_some() { "Prepare again" } else { "Prepare my interview" } }
                </button>
                <span class="hint">{ "Cuts your document into stories and scores them against about 50 common questions and your posts' must-haves." }</span>
                if props.stale {
                    <span class="hint stale" data-testid="interview-stale">{ " Your resume changed since: prepare again." }</span>
                }
            </div>
            if let Some(interview) = interview {
                { themes_view(&interview, &theme) }
                { stories_view(&interview, *theme) }
                { timeline_view(&interview, *theme) }
                { post_chooser(&interview, state.post, &props.on_post) }
                { bank_view(&interview, state.post) }
                { outline_view(props, &export) }
            }
        </section>
    }
}

/// Colours in the stylesheet's theme palette (`--theme-0` … `--theme-7`); more themes reuse them.
const THEME_COLOURS: usize = 8;

/// The palette class of theme `id`, or of "no theme".
fn theme_class(theme: Option<usize>) -> String {
    theme.map_or_else(
        || "theme-none".to_owned(),
        |t| format!("theme-{}", t % THEME_COLOURS),
    )
}

/// Whether a story of `theme` is dimmed while `chosen` is highlighted.
fn dimmed(theme: Option<usize>, chosen: Option<usize>) -> Option<&'static str> {
    chosen.filter(|&c| theme != Some(c)).map(|_| "dimmed")
}

fn themes_view(interview: &Interview, chosen: &UseStateHandle<Option<usize>>) -> Html {
    if interview.themes.is_empty() {
        return html! {};
    }
    html! {
        <div class="interview-themes">
            <h3>{ format!("Themes ({})", interview.themes.len()) }</h3>
            <p class="hint">{ "Your stories grouped by what they are about, named by the skills and words that set each group apart. Choose one to highlight its stories." }</p>
            <ul class="theme-list">
                { for interview.themes.iter().map(|theme| {
                    let id = theme.id;
                    let selected = **chosen == Some(id);
                    let onclick = {
                        let chosen = chosen.clone();
                        Callback::from(move |_: MouseEvent| chosen.set((!selected).then_some(id)))
                    };
                    html! {
                        <li data-testid="theme" data-theme={id.to_string()}
                            data-stories={theme.stories.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")}
                            class={classes!("theme", theme_class(Some(id)), selected.then_some("selected"))}>
                            <button type="button" class="theme-button" aria-pressed={selected.to_string()} {onclick}>
                                <span class="theme-swatch" aria-hidden="true"></span>
                                <span class="theme-label" data-testid="theme-label">{ theme.label.clone() }</span>
                                <span class="hint">{ format!(" · {}", format::count(theme.stories.len(), "story", "stories")) }</span>
                            </button>
                            <ul class="theme-stories">
                                { for theme.stories.iter().filter_map(|&s| interview.stories.get(s)).map(|story| html! {
                                    <li>{ story.title.clone() }</li>
                                }) }
                            </ul>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

fn stories_view(interview: &Interview, chosen: Option<usize>) -> Html {
    let theme_of = story_themes(&interview.themes, interview.stories.len());
    html! {
        <details class="interview-stories" open=true>
            <summary><h3>{ format!("Your stories ({})", interview.stories.len()) }</h3></summary>
            <ol class="story-list">
                { for interview.stories.iter().enumerate().filter(|(_, s)| s.has_statements()).map(|(id, story)| {
                    let usage = interview.story_use.get(id);
                    let theme = theme_of.get(id).copied().flatten();
                    html! {
                        <li data-testid="story" data-story={id.to_string()}
                            data-theme={theme.map(|t| t.to_string()).unwrap_or_default()}
                            class={classes!("story", theme_class(theme), dimmed(theme, chosen))}
                            data-start={story.start.map(|d| d.to_string()).unwrap_or_default()}
                            data-end={story.end.map(|d| d.to_string()).unwrap_or_default()}>
                            <div class="story-head">
                                <strong>{ story.title.clone() }</strong>
                                <span class="story-dates">{ story.date_label() }</span>
                            </div>
                            <div class="hint">
                                { format!("{} · answers {} · helps with {}",
                                    format::count(story.statements().count(), "sentence", "sentences"),
                                    format::count(usage.map_or(0, |u| u.questions), "question", "questions"),
                                    format::count(usage.map_or(0, |u| u.posts), "post", "posts")) }
                            </div>
                            if let Some(usage) = usage.filter(|u| !u.missing.is_empty()) {
                                <div class="story-missing" data-testid="story-missing">
                                    { format!("Could use {}", usage.missing.join(" and ")) }
                                </div>
                            }
                        </li>
                    }
                }) }
            </ol>
        </details>
    }
}

/// The month a date ends in, or this month for "present".
fn end_month(end: Option<StoryEnd>, start: StoryDate, now: i64) -> i64 {
    match end {
        Some(StoryEnd::Present) => now,
        Some(StoryEnd::Date(date)) => date.last_month().index(),
        None => start.last_month().index(),
    }
}

fn timeline_view(interview: &Interview, chosen: Option<usize>) -> Html {
    let theme_of = story_themes(&interview.themes, interview.stories.len());
    let date = js_sys::Date::new_0();
    let now = i64::from(date.get_utc_full_year() as i32) * 12 + i64::from(date.get_utc_month());
    let dated: Vec<(usize, i64, i64)> = interview
        .stories
        .iter()
        .enumerate()
        .filter(|(_, s)| s.has_statements())
        .filter_map(|(id, s)| {
            let start = s.start?;
            Some((
                id,
                start.first_month().index(),
                end_month(s.end, start, now),
            ))
        })
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.1).min(),
        dated.iter().map(|d| d.2).max(),
    ) else {
        return html! { <p class="hint" data-testid="timeline">{ "No dates found in your stories, so no timeline." }</p> };
    };
    let span = (last - first + 1).max(1) as f64;
    let years: Vec<i64> = ((first / 12)..=(last / 12)).collect();
    html! {
        <div class="timeline" data-testid="timeline" aria-label="Your stories on a time line">
            <h3>{ "Timeline" }</h3>
            if !interview.themes.is_empty() {
                <ul class="timeline-legend" data-testid="timeline-legend" aria-label="Colours: themes">
                    { for interview.themes.iter().map(|theme| html! {
                        <li class={classes!(theme_class(Some(theme.id)), dimmed(Some(theme.id), chosen))} data-theme={theme.id.to_string()}>
                            <span class="theme-swatch" aria-hidden="true"></span>{ theme.label.clone() }
                        </li>
                    }) }
                </ul>
            }
            <div class="timeline-axis">
                { for years.iter().map(|year| {
                    let left = ((year * 12 - first).max(0) as f64) / span * 100.0;
                    html! { <span class="timeline-year" style={format!("left: {left:.1}%")}>{ year.to_string() }</span> }
                }) }
            </div>
            { for dated.iter().map(|&(id, start, end)| {
                let left = (start - first) as f64 / span * 100.0;
                let width = ((end - start + 1) as f64 / span * 100.0).max(1.5);
                let title = &interview.stories[id].title;
                let theme = theme_of.get(id).copied().flatten();
                html! {
                    <div class={classes!("timeline-row", theme_class(theme), dimmed(theme, chosen))}
                        data-testid="timeline-item" data-story={id.to_string()}
                        data-theme={theme.map(|t| t.to_string()).unwrap_or_default()}>
                        <span class="timeline-bar" style={format!("left: {left:.1}%; width: {width:.1}%")}
                            title={format!("{title} ({})", interview.stories[id].date_label())}></span>
                        <span class="timeline-label" style={format!("left: {left:.1}%")}>{ title.clone() }</span>
                    </div>
                }
            }) }
        </div>
    }
}

fn post_chooser(
    interview: &Interview,
    chosen: Option<usize>,
    on_post: &Callback<Option<usize>>,
) -> Html {
    // The select's value through Reflect: web-sys' HtmlSelectElement is not among the
    // features this crate builds web-sys with.
    let on_change = on_post.reform(|event: Event| {
        event
            .target()
            .and_then(|target| js_sys::Reflect::get(&target, &"value".into()).ok())
            .and_then(|value| value.as_string())
            .and_then(|value| value.parse::<usize>().ok())
    });
    html! {
        <div class="interview-post">
            <label for="interview-post">{ "Prepare for " }</label>
            <select id="interview-post" data-testid="interview-post" onchange={on_change}>
                <option value="" selected={chosen.is_none()}>{ "my field (common questions)" }</option>
                { for interview.posts.iter().enumerate().map(|(i, post)| html! {
                    <option value={i.to_string()} selected={chosen == Some(i)}>{ post.title.clone() }</option>
                }) }
            </select>
        </div>
    }
}

fn question_row(question: &QuestionAnswers) -> Html {
    let best = question.best.first();
    html! {
        <li data-testid="question-row" class={classes!("question-row", (!question.answered).then_some("to-prepare"))}
            data-source={if question.question.source == QuestionSource::Post { "post" } else { "common" }}
            data-strength={format::cosine(question.strength)}>
            <div class="question-text">
                <span class="similarity">{ format::score(question.strength) }</span>
                <span>{ question.question.question.clone() }</span>
            </div>
            if let Some(best) = best {
                <div class="question-best hint">
                    <strong>{ best.story.title.clone() }</strong>{ " — " }{ best.text.clone() }
                </div>
            }
            if !question.answered {
                <div class="story-missing">{ "To prepare: nothing in your document answers this well yet." }</div>
            }
        </li>
    }
}

fn bank_view(interview: &Interview, post: Option<usize>) -> Html {
    let post_questions: Vec<&QuestionAnswers> = post
        .and_then(|p| interview.posts.get(p))
        .map(|p| {
            p.questions
                .iter()
                .filter_map(|&q| interview.questions.get(q))
                .collect()
        })
        .unwrap_or_default();
    let mut common: Vec<&QuestionAnswers> = interview
        .questions
        .iter()
        .filter(|q| q.question.source == QuestionSource::Common)
        .collect();
    common.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    let answered = common.iter().filter(|q| q.answered).count();
    html! {
        <div class="question-bank" data-testid="question-bank">
            if post.is_some() {
                <h3>{ "The questions this post will likely ask you" }</h3>
                if post_questions.is_empty() {
                    <p class="hint">{ "This post names no must-haves to ask about." }</p>
                }
                <ol class="question-list" data-testid="post-questions">
                    { for post_questions.iter().map(|q| question_row(q)) }
                </ol>
            }
            <details>
                <summary><h3>{ format!("Common questions: {answered} of {} answered", common.len()) }</h3></summary>
                <ol class="question-list">
                    { for common.iter().map(|q| question_row(q)) }
                </ol>
            </details>
        </div>
    }
}

fn outline_view(props: &InterviewPanelProps, export: &UseStateHandle<Option<Export>>) -> Html {
    let Some(outline) = &props.state.outline else {
        return html! {};
    };
    let last = outline.items.len().saturating_sub(1);
    let exported = (**export).map(|format| match format {
        Export::Markdown => outline.to_markdown(),
        Export::PlainText => outline.to_plain_text(),
    });
    let choose = |format: Export| {
        let export = export.clone();
        Callback::from(move |_: MouseEvent| export.set(Some(format)))
    };
    html! {
        <div class="pitch" data-testid="pitch-outline">
            <h3>{ "Tell me about yourself" }</h3>
            <p class="hint" data-testid="pitch-stats">{ format!(
                "{} words, about {} seconds at {} words a minute (aim for 60–90).",
                outline.words(), outline.seconds(), jobdelta_interview::WORDS_PER_MINUTE
            ) }</p>
            <ol class="pitch-items">
                { for outline.items.iter().enumerate().map(|(i, item)| {
                    let story = item.story.id;
                    html! {
                        <li data-testid="pitch-item" data-story={story.to_string()} data-part={item.part.label()}>
                            <div class="pitch-head">
                                <span class="pitch-part">{ item.part.label() }</span>
                                <strong>{ item.story.title.clone() }</strong>
                                <span class="story-dates">{ item.story.date_label() }</span>
                            </div>
                            { for item.sentences.iter().map(|s| html! { <p class="pitch-sentence">{ s.clone() }</p> }) }
                            <div class="pitch-actions">
                                <button type="button" data-testid="pitch-up" disabled={i == 0}
                                    onclick={props.on_move.reform(move |_: MouseEvent| (i, i.saturating_sub(1)))}>{ "↑ Earlier" }</button>
                                <button type="button" data-testid="pitch-down" disabled={i == last}
                                    onclick={props.on_move.reform(move |_: MouseEvent| (i, i + 1))}>{ "↓ Later" }</button>
                                <button type="button" data-testid="pitch-pin" aria-pressed={item.pinned.to_string()}
                                    onclick={props.on_pin.reform(move |_: MouseEvent| story)}>{ if item.pinned { "Unpin" } else { "Pin" } }</button>
                                <button type="button" data-testid="pitch-swap" disabled={item.pinned}
                                    onclick={props.on_swap.reform(move |_: MouseEvent| story)}>{ "Swap for another story" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ol>
            <div class="pitch-export">
                <button type="button" data-testid="pitch-export-markdown" onclick={choose(Export::Markdown)}>{ "Export Markdown" }</button>
                <button type="button" data-testid="pitch-export-text" onclick={choose(Export::PlainText)}>{ "Export plain text" }</button>
            </div>
            if let Some(text) = exported {
                <label for="pitch-export" class="visually-hidden">{ "Exported outline" }</label>
                <textarea id="pitch-export" data-testid="pitch-export" readonly=true rows="10" value={text} />
            }
        </div>
    }
}
