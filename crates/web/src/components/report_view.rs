//! The match report: summary, thresholds, and its views (posts; your sentences; pictures; role
//! families; the report's model compared with another).

use jobdelta_interview::Interview;
use jobdelta_matching::Thresholds;
use jobdelta_protocol::ModelInfo;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{
    ExportBar, ModelComparisonView, PicturesView, PostView, PostureView, Ranking,
    RequirementSearchPanel, SentencesView, SummaryView, ThresholdControls,
};
use crate::format;
use crate::state::{
    Analyzed, ModelComparisonState, PicturesState, PostureState, ReportTab, RequirementSearch,
    Shared,
};

/// Properties of [`ReportView`].
#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    /// The finished analysis.
    pub analyzed: Analyzed,
    /// Current thresholds.
    pub thresholds: Thresholds,
    /// The post whose requirements are shown.
    pub selected: Option<usize>,
    /// The view shown.
    pub tab: ReportTab,
    /// The inputs changed since.
    pub stale: bool,
    /// Choose a post.
    pub on_select: Callback<usize>,
    /// Mark a post (index into the report's posts): fit, not for me, or no mark.
    pub on_mark: Callback<(usize, Option<bool>)>,
    /// Choose a view.
    pub on_tab: Callback<ReportTab>,
    /// New "covered" threshold.
    pub on_covered: Callback<f32>,
    /// New "partly" threshold.
    pub on_partly: Callback<f32>,
    /// Thresholds back to defaults.
    pub on_reset_thresholds: Callback<()>,
    /// The requirement search.
    pub search: RequirementSearch,
    /// Why Search cannot be pressed, if it cannot.
    pub search_blocker: Option<AttrValue>,
    /// The search box was edited.
    pub on_search_edit: Callback<String>,
    /// Search was pressed.
    pub on_search: Callback<()>,
    /// The map and heatmap asked of the worker.
    #[prop_or_default]
    pub pictures: std::rc::Rc<PicturesState>,
    /// Why the worker cannot draw now.
    #[prop_or_default]
    pub pictures_blocker: Option<AttrValue>,
    /// Ask for the map.
    #[prop_or_default]
    pub on_map: Callback<()>,
    /// Cancel the map under way.
    #[prop_or_default]
    pub on_map_cancel: Callback<()>,
    /// Ask for a post's similarity grid.
    #[prop_or_default]
    pub on_grid: Callback<usize>,
    /// The last interview (stories and their fit to each post), for the stories × posts
    /// heatmap.
    #[prop_or_default]
    pub interview: Option<Shared<Interview>>,
    /// Why the interview cannot be prepared now, if it cannot.
    #[prop_or_default]
    pub interview_blocker: Option<AttrValue>,
    /// Prepare the interview.
    #[prop_or_default]
    pub on_prepare_interview: Callback<()>,
    /// The posts grouped into role families.
    #[prop_or_default]
    pub posture: std::rc::Rc<PostureState>,
    /// Why the posts cannot be grouped now.
    #[prop_or_default]
    pub posture_blocker: Option<AttrValue>,
    /// Group the posts.
    #[prop_or_default]
    pub on_posture: Callback<()>,
    /// The report's model compared with another one.
    #[prop_or_default]
    pub model_comparison: std::rc::Rc<ModelComparisonState>,
    /// The models the worker lists.
    #[prop_or_default]
    pub models: Vec<ModelInfo>,
    /// The model the report was made with, once ready.
    #[prop_or_default]
    pub current_model: Option<ModelInfo>,
    /// The second model Compare would load.
    #[prop_or_default]
    pub second_model: Option<AttrValue>,
    /// Why the models cannot be compared now.
    #[prop_or_default]
    pub model_comparison_blocker: Option<AttrValue>,
    /// The inputs changed since the models were compared.
    #[prop_or_default]
    pub model_comparison_stale: bool,
    /// A second model was chosen.
    #[prop_or_default]
    pub on_choose_model: Callback<String>,
    /// Compare the models.
    #[prop_or_default]
    pub on_compare_models: Callback<()>,
    /// Cancel the comparison of models.
    #[prop_or_default]
    pub on_cancel_models: Callback<()>,
}

/// The report's views in tab order: value, label, test id (the tab's id is `{testid}-tab`).
const TABS: [(ReportTab, &str, &str); 5] = [
    (ReportTab::Posts, "Posts and requirements", "tab-posts"),
    (ReportTab::Sentences, "Your sentences", "tab-sentences"),
    (ReportTab::Pictures, "Pictures", "tab-pictures"),
    (ReportTab::Families, "Role families", "tab-families"),
    (ReportTab::Models, "Compare models", "tab-models"),
];

/// Moves keyboard focus to the element with this id, if it is there.
fn focus_by_id(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Heading with run facts, stale warning, summary, thresholds, tabs.
#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let a = &props.analyzed;
    let report = a.report.clone();
    let tab = |value: ReportTab, label: &str, testid: &str| {
        let selected = props.tab == value;
        let on_tab = props.on_tab.reform(move |_: MouseEvent| value);
        html! {
            <button type="button" role="tab" class={classes!("tab", selected.then_some("is-selected"))}
                id={format!("{testid}-tab")} data-testid={testid.to_owned()}
                aria-selected={selected.to_string()} aria-controls="report-panel"
                tabindex={if selected { "0" } else { "-1" }}
                onclick={on_tab}>{ label.to_owned() }</button>
        }
    };
    // A WAI-ARIA tablist: one tab in the Tab order (roving tabindex); Left/Right move to the
    // previous/next tab (wrapping), Home/End to the first/last, each showing its panel.
    let on_tab_key = {
        let (on_tab, current) = (props.on_tab.clone(), props.tab);
        Callback::from(move |event: KeyboardEvent| {
            let at = TABS.iter().position(|(t, _, _)| *t == current).unwrap_or(0);
            let to = match event.key().as_str() {
                "ArrowRight" => (at + 1) % TABS.len(),
                "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            event.prevent_default();
            let (value, _, testid) = TABS[to];
            on_tab.emit(value);
            focus_by_id(&format!("{testid}-tab"));
        })
    };
    // A point clicked on the map opens its post in the posts view.
    let open_post = {
        let (on_select, on_tab) = (props.on_select.clone(), props.on_tab.clone());
        Callback::from(move |post: usize| {
            on_select.emit(post);
            on_tab.emit(ReportTab::Posts);
        })
    };
    let stats = format!(
        "{} · {} embedded, {} from the cache · {}",
        format::count(report.posts.len(), "post", "posts"),
        format::count(a.sentences_embedded, "sentence", "sentences"),
        a.sentences_cached,
        format::seconds(a.elapsed_ms)
    );
    html! {
        <section class="report" data-testid="report" aria-labelledby="report-heading">
            <header class="report-head">
                <h2 id="report-heading">{ "Match report" }</h2>
                <p class="hint" data-testid="report-stats">{ stats }</p>
                <ExportBar report={report.clone()} />
                if a.restored {
                    <p class="hint" data-testid="report-restored">
                        { "Kept from your last visit. Analyse again (quick: every sentence is cached) to search it." }
                    </p>
                }
            </header>
            if props.stale {
                <p class="warning" data-testid="report-stale">
                    { "Your resume or posts changed since this report was made: analyse again to update it." }
                </p>
            }
            <SummaryView report={report.clone()} on_select={props.on_select.clone()} />
            <ThresholdControls
                thresholds={props.thresholds}
                on_covered={props.on_covered.clone()}
                on_partly={props.on_partly.clone()}
                on_reset={props.on_reset_thresholds.clone()}
            />
            <div class="tabs" role="tablist" aria-label="Report views" onkeydown={on_tab_key}>
                { for TABS.iter().map(|&(value, label, testid)| tab(value, label, testid)) }
            </div>
            <div id="report-panel" role="tabpanel" class="tab-panel"
                aria-labelledby={TABS.iter().find(|t| t.0 == props.tab).map_or("tab-posts-tab".to_owned(), |t| format!("{}-tab", t.2))}>
                if props.tab == ReportTab::Posts {
                    <RequirementSearchPanel
                        report={report.clone()}
                        search={props.search.clone()}
                        blocker={props.search_blocker.clone()}
                        on_edit={props.on_search_edit.clone()}
                        on_search={props.on_search.clone()}
                        on_select={props.on_select.clone()}
                    />
                    <Ranking report={report.clone()} selected={props.selected} on_select={props.on_select.clone()} on_mark={props.on_mark.clone()} />
                    if let Some(index) = props.selected {
                        <PostView key={index} report={report.clone()} {index} />
                    }
                } else if props.tab == ReportTab::Pictures {
                    <PicturesView
                        report={report.clone()}
                        pictures={props.pictures.clone()}
                        blocker={props.pictures_blocker.clone()}
                        selected={props.selected}
                        highlighted={search_hits(&props.search)}
                        on_map={props.on_map.clone()}
                        on_map_cancel={props.on_map_cancel.clone()}
                        on_grid={props.on_grid.clone()}
                        on_open={open_post.clone()}
                        interview={props.interview.clone()}
                        interview_blocker={props.interview_blocker.clone()}
                        on_prepare_interview={props.on_prepare_interview.clone()}
                    />
                } else if props.tab == ReportTab::Models {
                    <ModelComparisonView
                        state={props.model_comparison.clone()}
                        models={props.models.clone()}
                        current={props.current_model.clone()}
                        second={props.second_model.clone()}
                        blocker={props.model_comparison_blocker.clone()}
                        stale={props.model_comparison_stale}
                        on_choose={props.on_choose_model.clone()}
                        on_compare={props.on_compare_models.clone()}
                        on_cancel={props.on_cancel_models.clone()}
                    />
                } else if props.tab == ReportTab::Families {
                    <PostureView
                        report={report.clone()}
                        state={props.posture.clone()}
                        blocker={props.posture_blocker.clone()}
                        on_group={props.on_posture.clone()}
                        on_open={open_post}
                    />
                } else {
                    <SentencesView report={report.clone()} on_select={props.on_select.clone()} />
                }
            </div>
        </section>
    }
}

/// The requirements the last search found, as (post, requirement), for the map's rings.
fn search_hits(search: &RequirementSearch) -> std::rc::Rc<Vec<(usize, usize)>> {
    std::rc::Rc::new(
        search
            .found
            .as_ref()
            .map(|f| f.hits.iter().map(|h| (h.post, h.requirement)).collect())
            .unwrap_or_default(),
    )
}
