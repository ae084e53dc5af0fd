//! The "Pictures" tab: the embedding map (asked of the worker when the tab opens), one post's
//! similarity heatmap (chosen in a list; the selected post first), the stories × posts
//! heatmap (from the interview, prepared on demand) and the charts.

use std::rc::Rc;

use jobdelta_interview::Interview;
use jobdelta_matching::Report;
use yew::prelude::*;

use super::{Charts, EmbeddingMap, Heatmap, StoryHeatmap};
use crate::state::{Layout, PicturesState, Shared};

/// Properties of [`PicturesView`].
#[derive(Properties, PartialEq)]
pub struct PicturesViewProps {
    /// The report pictured.
    pub report: Shared<Report>,
    /// The pictures asked of the worker.
    pub pictures: Rc<PicturesState>,
    /// Why the worker cannot draw now (a report kept from a last visit, the model loading).
    pub blocker: Option<AttrValue>,
    /// The post chosen in the report (its heatmap is shown first).
    pub selected: Option<usize>,
    /// Requirements the search found, as (post, requirement).
    pub highlighted: Rc<Vec<(usize, usize)>>,
    /// Ask the worker for the map.
    pub on_map: Callback<()>,
    /// Cancel the map under way.
    pub on_map_cancel: Callback<()>,
    /// Ask the worker for a post's similarity grid.
    pub on_grid: Callback<usize>,
    /// Open a post in the posts view.
    pub on_open: Callback<usize>,
    /// The interview of the current resume, for the stories × posts heatmap.
    pub interview: Option<Shared<Interview>>,
    /// Why the interview cannot be prepared now, if it cannot.
    pub interview_blocker: Option<AttrValue>,
    /// Prepare the interview.
    pub on_prepare_interview: Callback<()>,
}

/// Map, heatmap and charts.
#[component]
pub fn PicturesView(props: &PicturesViewProps) -> Html {
    let pictures = &props.pictures;
    let report = &props.report;
    let heat_post = use_state(|| {
        props
            .selected
            .or_else(|| report.ranking.first().copied())
            .unwrap_or(0)
    });
    // Re-render every half second while the map is laid out, for the elapsed time.
    let tick = use_state(|| 0_u32);
    {
        let tick = tick.clone();
        let waiting = pictures.map_pending.is_some();
        use_effect_with(waiting, move |&waiting| {
            let interval = waiting.then(|| {
                gloo_timers::callback::Interval::new(500, move || tick.set(tick.wrapping_add(1)))
            });
            move || drop(interval)
        });
    }
    // Ask for the map once when the tab opens (and again after a new analysis).
    let nothing_yet = pictures.layout.is_none()
        && pictures.map_pending.is_none()
        && pictures.map_note.is_none()
        && props.blocker.is_none();
    {
        let on_map = props.on_map.clone();
        use_effect_with(nothing_yet, move |&nothing_yet| {
            if nothing_yet {
                on_map.emit(());
            }
        });
    }
    // Ask for the chosen post's grid when it is not the one shown or coming (after the map's
    // request has been recorded: two requests sent in one render would share an id).
    {
        let wanted = *heat_post;
        let have = nothing_yet
            || pictures.grid.as_ref().map(|g| g.post) == Some(wanted)
            || pictures.grid_pending.map(|(_, p)| p) == Some(wanted)
            || pictures.grid_error.is_some()
            || props.blocker.is_some();
        let on_grid = props.on_grid.clone();
        use_effect_with((wanted, have), move |&(wanted, have)| {
            if !have {
                on_grid.emit(wanted);
            }
        });
    }
    let on_heat_post = {
        let heat_post = heat_post.clone();
        Callback::from(move |e: Event| {
            if let Some(post) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse::<usize>().ok())
            {
                heat_post.set(post);
            }
        })
    };
    let points_total: usize = report.resume.len()
        + report
            .posts
            .iter()
            .map(|p| p.requirements.len())
            .sum::<usize>();
    let map_body = if let Some(blocker) = &props.blocker {
        html! { <p class="hint" data-testid="map-blocked">{ blocker.clone() }</p> }
    } else if let Some((_, sent_at)) = pictures.map_pending {
        let elapsed = (js_sys::Date::now() - sent_at).max(0.0) / 1000.0;
        let on_cancel = props.on_map_cancel.reform(|_: MouseEvent| ());
        let settling = pictures.frame.as_ref().map(|frame| {
            let layout = Layout {
                points: frame.points.clone(),
                method: format!(
                    "t-SNE, still settling (step {} of {})",
                    frame.step, frame.steps
                ),
                trustworthiness: None,
                elapsed_ms: (elapsed * 1000.0) as u64,
            };
            html! {
                <EmbeddingMap report={report.clone()} {layout} settling=true
                    highlighted={Rc::clone(&props.highlighted)} on_open={props.on_open.clone()} />
            }
        });
        let step = pictures
            .frame
            .as_ref()
            .map(|f| format!("step {} of {}, ", f.step, f.steps))
            .unwrap_or_default();
        html! {
            <>
                <div class="map-progress" data-testid="map-progress" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    { format!(" Laying out {points_total} sentences in the model worker… {step}{elapsed:.1} s ") }
                    <button type="button" class="secondary" data-testid="map-cancel" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
                { for settling }
            </>
        }
    } else if let Some(layout) = &pictures.layout {
        html! {
            <EmbeddingMap report={report.clone()} layout={layout.clone()}
                highlighted={Rc::clone(&props.highlighted)} on_open={props.on_open.clone()} />
        }
    } else {
        let on_map = props.on_map.reform(|_: MouseEvent| ());
        html! {
            <p>
                if let Some(note) = &pictures.map_note {
                    <span class="hint" data-testid="map-note">{ format!("{note} ") }</span>
                }
                <button type="button" data-testid="map-draw" onclick={on_map}>{ "Draw the map" }</button>
            </p>
        }
    };
    let heat_body = match (&pictures.grid, &pictures.grid_error) {
        (_, Some(error)) => html! { <p class="hint">{ error.clone() }</p> },
        (Some(grid), _) if grid.post == *heat_post => {
            html! { <Heatmap report={report.clone()} grid={grid.clone()} /> }
        }
        _ if props.blocker.is_some() => html! {},
        _ => html! { <p class="hint" role="status">{ "Computing the similarities…" }</p> },
    };
    let story_heat_body = match &props.interview {
        Some(interview) => html! { <StoryHeatmap interview={interview.clone()} /> },
        None => {
            let on_prepare = props.on_prepare_interview.reform(|_: MouseEvent| ());
            html! {
                <p class="hint" data-testid="story-heatmap-wait">
                    { "Which of your stories carry which posts comes from your interview (stories, questions, fits). " }
                    <button type="button" class="secondary" data-testid="story-heatmap-prepare"
                        disabled={props.interview_blocker.is_some()} onclick={on_prepare}>{ "Prepare my interview" }</button>
                    if let Some(blocker) = &props.interview_blocker {
                        { format!(" {blocker}") }
                    }
                </p>
            }
        }
    };
    html! {
        <div class="pictures" data-testid="pictures">
            <section aria-labelledby="map-heading">
                <h3 id="map-heading">{ "Map of your sentences and the posts' requirements" }</h3>
                <div data-testid="map-area" data-frames={pictures.frames_seen.to_string()}>{ map_body }</div>
            </section>
            <section aria-labelledby="heat-heading">
                <h3 id="heat-heading">{ "Requirements × your sentences" }</h3>
                <label>{ "Post " }
                    <select data-testid="heatmap-post" onchange={on_heat_post}>
                        { for report.ranking.iter().map(|&i| html! {
                            <option value={i.to_string()} selected={i == *heat_post}>{ report.posts[i].title.clone() }</option>
                        }) }
                    </select>
                </label>
                if props.blocker.is_some() {
                    <p class="hint">{ props.blocker.clone() }</p>
                }
                { heat_body }
            </section>
            <section aria-labelledby="story-heat-heading">
                <h3 id="story-heat-heading">{ "Your stories × the posts" }</h3>
                { story_heat_body }
            </section>
            <section aria-labelledby="charts-heading">
                <h3 id="charts-heading">{ "Charts" }</h3>
                <Charts report={report.clone()} />
            </section>
        </div>
    }
}
