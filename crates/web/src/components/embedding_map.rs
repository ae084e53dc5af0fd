//! The embedding map on a `<canvas>`: every resume sentence and requirement laid out by the
//! worker, coloured by kind, post or status, with pan (drag, arrow keys), zoom (wheel, + and
//! −), a tooltip with the text and its source, click to open the post, the search's hits
//! ringed, a box selection (shift-drag, or drag in "Select" mode) listing the texts inside it,
//! the clumps named by their distinctive words (`map_groups`; a name selects its clump), PNG
//! and SVG downloads, and a table of the same points behind a toggle.

use std::cell::RefCell;
use std::rc::Rc;

use jobdelta_matching::Report;
use jobdelta_protocol::MapSource;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::map_groups::{map_groups, MapGroup};
use crate::pictures::{self, ColorBy, Viewport};
use crate::state::{Layout, Shared};

/// Properties of [`EmbeddingMap`].
#[derive(Properties, PartialEq)]
pub struct EmbeddingMapProps {
    /// The report the points refer to.
    pub report: Shared<Report>,
    /// The laid-out points.
    pub layout: Layout,
    /// Requirements the search found, as (post, requirement).
    pub highlighted: Rc<Vec<(usize, usize)>>,
    /// Open a post (index into the report's posts).
    pub on_open: Callback<usize>,
    /// The layout is a frame of a map still settling: its clumps are not named yet (they
    /// move until the fit ends).
    #[prop_or_default]
    pub settling: bool,
}

/// A press on the canvas: where the pointer was last, and whether it has moved (a drag, not a
/// click).
type Drag = ([f32; 2], bool);

/// A box being drawn: where the press started and where the pointer is now (canvas pixels).
type Rubber = ([f32; 2], [f32; 2]);

/// Selected sentences listed at most (the rest counted).
const SELECTION_LIST: usize = 200;

/// Radius of a dot, and of the hover search around the cursor (CSS pixels).
const DOT: f64 = 4.0;
const HIT_RADIUS: f32 = 8.0;

/// The canvas and its controls.
#[component]
pub fn EmbeddingMap(props: &EmbeddingMapProps) -> Html {
    let canvas_ref = use_node_ref();
    let view: Rc<RefCell<Option<Viewport>>> = use_mut_ref(|| None);
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    let rubber: Rc<RefCell<Option<Rubber>>> = use_mut_ref(|| None);
    let select_mode = use_state(|| false);
    let selection = use_state(Vec::<usize>::new);
    let show_names = use_state(|| true);
    let groups: Rc<Vec<MapGroup>> = {
        let report = props.report.clone();
        use_memo(
            (props.layout.points.clone(), props.settling),
            move |(points, settling)| {
                if *settling {
                    return Vec::new();
                }
                let texts: Vec<String> = points
                    .iter()
                    .map(|p| pictures::describe(&report, p.source).0)
                    .collect();
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                map_groups(points, &texts)
            },
        )
    };
    let hover = use_state(|| None::<usize>);
    let color_by = use_state(ColorBy::default);
    let show_table = use_state(|| false);
    let redraw = use_force_update();
    let points = props.layout.points.clone();

    // A new layout starts from the view that shows every point, with nothing selected.
    {
        let (view, selection) = (Rc::clone(&view), selection.clone());
        use_effect_with(points.clone(), move |_| {
            *view.borrow_mut() = None;
            selection.set(Vec::new());
        });
    }
    // Draw after every render (the view, hover, colours or highlights may have changed).
    {
        let (canvas_ref, view, rubber, report, points) = (
            canvas_ref.clone(),
            Rc::clone(&view),
            Rc::clone(&rubber),
            props.report.clone(),
            points.clone(),
        );
        let (hover, by, highlighted) = (*hover, *color_by, Rc::clone(&props.highlighted));
        let selected = (*selection).clone();
        let names = show_names.then(|| Rc::clone(&groups));
        use_effect(move || {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let marks = Marks {
                    hover,
                    highlighted: &highlighted,
                    selected: &selected,
                    rubber: *rubber.borrow(),
                    names: names.as_deref().map_or(&[], Vec::as_slice),
                };
                draw(&canvas, &view, &report, &points, by, &marks);
            }
        });
    }
    // The wheel zooms around the cursor; registered by hand as not passive, so the page does
    // not scroll at the same time.
    {
        let (canvas_ref, view, redraw) = (canvas_ref.clone(), Rc::clone(&view), redraw.clone());
        use_effect_with((), move |_| {
            let listener = canvas_ref.cast::<HtmlCanvasElement>().map(|canvas| {
                let closure =
                    Closure::<dyn Fn(web_sys::WheelEvent)>::new(move |e: web_sys::WheelEvent| {
                        e.prevent_default();
                        let factor = if e.delta_y() < 0.0 { 1.2 } else { 1.0 / 1.2 };
                        let at = [e.offset_x() as f32, e.offset_y() as f32];
                        let zoomed = view.borrow().map(|v| v.zoomed(factor, at));
                        if zoomed.is_some() {
                            *view.borrow_mut() = zoomed;
                            redraw.force_update();
                        }
                    });
                let options = web_sys::AddEventListenerOptions::new();
                options.set_passive(false);
                let _ = canvas.add_event_listener_with_callback_and_add_event_listener_options(
                    "wheel",
                    closure.as_ref().unchecked_ref(),
                    &options,
                );
                (canvas, closure)
            });
            move || {
                if let Some((canvas, closure)) = listener {
                    let _ = canvas.remove_event_listener_with_callback(
                        "wheel",
                        closure.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let at = |e: &MouseEvent| [e.offset_x() as f32, e.offset_y() as f32];
    let on_mouse_down = {
        let (drag, rubber, select_mode) = (Rc::clone(&drag), Rc::clone(&rubber), *select_mode);
        Callback::from(move |e: MouseEvent| {
            if select_mode || e.shift_key() {
                // No text selection (shift-click extends one) or drag of the page meanwhile:
                // either would swallow the release.
                e.prevent_default();
                *rubber.borrow_mut() = Some((at(&e), at(&e)));
            } else {
                *drag.borrow_mut() = Some((at(&e), false));
            }
        })
    };
    let on_mouse_move = {
        let (drag, view, hover, points, redraw) = (
            Rc::clone(&drag),
            Rc::clone(&view),
            hover.clone(),
            points.clone(),
            redraw.clone(),
        );
        let rubber = Rc::clone(&rubber);
        Callback::from(move |e: MouseEvent| {
            let position = at(&e);
            let drawing = rubber.borrow().is_some();
            if drawing {
                if let Some(r) = rubber.borrow_mut().as_mut() {
                    r.1 = position;
                }
                redraw.force_update();
                return;
            }
            let dragging = *drag.borrow();
            if let Some((from, moved)) = dragging {
                let (dx, dy) = (position[0] - from[0], position[1] - from[1]);
                if moved || dx.abs() + dy.abs() > 3.0 {
                    let panned = view.borrow().map(|v| v.panned(dx, dy));
                    *view.borrow_mut() = panned;
                    *drag.borrow_mut() = Some((position, true));
                    redraw.force_update();
                    return;
                }
            }
            let hit = view
                .borrow()
                .and_then(|v| v.hit(&points, position, HIT_RADIUS));
            if hit != *hover {
                hover.set(hit);
            }
        })
    };
    let on_mouse_up = {
        let (drag, view, points, on_open) = (
            Rc::clone(&drag),
            Rc::clone(&view),
            points.clone(),
            props.on_open.clone(),
        );
        let (rubber, selection) = (Rc::clone(&rubber), selection.clone());
        Callback::from(move |e: MouseEvent| {
            let drawn = rubber.borrow_mut().take();
            if let Some((from, _)) = drawn {
                let to = at(&e);
                // A press without a drag is no box: it keeps the selection.
                if (to[0] - from[0]).abs() + (to[1] - from[1]).abs() > 4.0 {
                    let inside = view
                        .borrow()
                        .map(|v| v.points_in(&points, from, to))
                        .unwrap_or_default();
                    selection.set(inside);
                }
                return;
            }
            let was = drag.borrow_mut().take();
            if matches!(was, Some((_, true))) {
                return;
            }
            let hit = view
                .borrow()
                .and_then(|v| v.hit(&points, at(&e), HIT_RADIUS));
            if let Some(MapSource::Requirement { post, .. }) = hit.map(|i| points[i].source) {
                on_open.emit(post);
            }
        })
    };
    let on_mouse_leave = {
        let (drag, rubber, hover, redraw) = (
            Rc::clone(&drag),
            Rc::clone(&rubber),
            hover.clone(),
            redraw.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            *drag.borrow_mut() = None;
            if rubber.borrow_mut().take().is_some() {
                redraw.force_update();
            }
            hover.set(None);
        })
    };
    let on_select_mode = {
        let select_mode = select_mode.clone();
        Callback::from(move |_: MouseEvent| select_mode.set(!*select_mode))
    };
    let on_toggle_names = {
        let show_names = show_names.clone();
        Callback::from(move |_: Event| show_names.set(!*show_names))
    };
    let on_clear_selection = {
        let selection = selection.clone();
        Callback::from(move |_: MouseEvent| selection.set(Vec::new()))
    };
    let on_key = {
        let (view, redraw) = (Rc::clone(&view), redraw.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(current) = *view.borrow() else {
                return;
            };
            let centre = [current.size[0] / 2.0, current.size[1] / 2.0];
            let next = match e.key().as_str() {
                "ArrowLeft" => current.panned(40.0, 0.0),
                "ArrowRight" => current.panned(-40.0, 0.0),
                "ArrowUp" => current.panned(0.0, 40.0),
                "ArrowDown" => current.panned(0.0, -40.0),
                "+" | "=" => current.zoomed(1.25, centre),
                "-" => current.zoomed(0.8, centre),
                "0" => {
                    *view.borrow_mut() = None;
                    redraw.force_update();
                    e.prevent_default();
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            *view.borrow_mut() = Some(next);
            redraw.force_update();
        })
    };
    let zoom_button = |factor: f32, label: &'static str, title: &'static str| {
        let (view, redraw) = (Rc::clone(&view), redraw.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let zoomed = view
                .borrow()
                .map(|v| v.zoomed(factor, [v.size[0] / 2.0, v.size[1] / 2.0]));
            *view.borrow_mut() = zoomed;
            redraw.force_update();
        });
        html! { <button type="button" class="secondary" {title} aria-label={title} {onclick}>{ label }</button> }
    };
    let on_reset = {
        let (view, redraw) = (Rc::clone(&view), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *view.borrow_mut() = None;
            redraw.force_update();
        })
    };
    let on_color = {
        let color_by = color_by.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            color_by.set(match value.as_str() {
                "post" => ColorBy::Post,
                "status" => ColorBy::Status,
                _ => ColorBy::Kind,
            });
        })
    };
    let on_png = {
        let canvas_ref = canvas_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                save_png(&canvas);
            }
        })
    };
    let on_svg = {
        let (report, points, by) = (props.report.clone(), points.clone(), *color_by);
        Callback::from(move |_: MouseEvent| {
            let svg = pictures::map_svg(&report, &points, by, 800.0);
            download_text(&svg, "image/svg+xml", "jobdelta-map.svg");
        })
    };
    let on_toggle_table = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };

    let report = &props.report;
    let legend = pictures::legend(report, &points, *color_by);
    let tooltip = (*hover).and_then(|i| {
        let point = points.get(i)?;
        let [x, y] = view.borrow().map(|v| v.to_screen(point.x, point.y))?;
        let (text, from) = pictures::describe(report, point.source);
        let style = format!("left: {:.0}px; top: {:.0}px", x + 10.0, y + 10.0);
        Some(html! {
            <div class="map-tooltip" data-testid="map-tooltip" {style} role="status">
                <span class="map-tooltip-text">{ text }</span>
                <span class="map-tooltip-source">{ from }</span>
            </div>
        })
    });
    let trust = props
        .layout
        .trustworthiness
        .map(|t| format!(" · trustworthiness {t:.2} at k = 10"))
        .unwrap_or_default();
    let caption = format!(
        "{} sentences laid out in {:.1} s by {}{trust}. Drag to pan, wheel or + − to zoom, 0 to fit; click a requirement to open its post; shift-drag (or Select area) to list the sentences in a box.",
        points.len(),
        props.layout.elapsed_ms as f64 / 1000.0,
        props.layout.method
    );
    let cursor = if *select_mode {
        "crosshair"
    } else if hover.is_some() {
        "pointer"
    } else {
        "grab"
    };
    let group_list = (!groups.is_empty()).then(|| {
        html! {
            <p class="map-groups" data-testid="map-groups">
                <span class="hint">{ "Named groups (select one to list it): " }</span>
                { for groups.iter().map(|g| {
                    let (selection, members) = (selection.clone(), g.members.clone());
                    html! {
                        <button type="button" class="secondary" data-testid="map-group" data-members={g.members.len().to_string()}
                            onclick={Callback::from(move |_: MouseEvent| selection.set(members.clone()))}>
                            { format!("{} ({})", g.name, g.members.len()) }
                        </button>
                    }
                }) }
            </p>
        }
    });
    let selection_list = (!selection.is_empty()).then(|| {
        let report = &props.report;
        html! {
            <section class="map-selection" data-testid="map-selection" aria-labelledby="map-selection-heading">
                <h4 id="map-selection-heading" data-testid="map-selection-count" data-count={selection.len().to_string()}>
                    { format!("{} sentence{} selected", selection.len(), if selection.len() == 1 { "" } else { "s" }) }
                    { " " }
                    <button type="button" class="secondary" data-testid="map-selection-clear" onclick={on_clear_selection}>{ "Clear" }</button>
                </h4>
                <ul>
                    { for selection.iter().take(SELECTION_LIST).filter_map(|&i| points.get(i)).map(|p| {
                        let (text, from) = pictures::describe(report, p.source);
                        let open = match p.source {
                            MapSource::Requirement { post, .. } => {
                                let on_open = props.on_open.clone();
                                Some(html! { <button type="button" class="link-button" data-testid="map-selection-open"
                                    onclick={Callback::from(move |_: MouseEvent| on_open.emit(post))}>{ "open post" }</button> })
                            }
                            MapSource::Resume { .. } => None,
                        };
                        html! { <li data-testid="map-selection-item"><q>{ text }</q>{ " — " }<span class="hint">{ from }</span>{ " " }{ for open }</li> }
                    }) }
                </ul>
                if selection.len() > SELECTION_LIST {
                    <p class="hint">{ format!("…and {} more (the table lists every point).", selection.len() - SELECTION_LIST) }</p>
                }
            </section>
        }
    });
    html! {
        <div class="embedding-map">
            <div class="map-controls">
                <label>{ "Colour by " }
                    <select data-testid="map-color" onchange={on_color}>
                        <option value="kind" selected={*color_by == ColorBy::Kind}>{ "kind" }</option>
                        <option value="post" selected={*color_by == ColorBy::Post}>{ "post" }</option>
                        <option value="status" selected={*color_by == ColorBy::Status}>{ "status" }</option>
                    </select>
                </label>
                { zoom_button(1.25, "+", "Zoom in") }
                { zoom_button(0.8, "−", "Zoom out") }
                <button type="button" class="secondary" onclick={on_reset}>{ "Fit" }</button>
                <label><input type="checkbox" data-testid="map-names" checked={*show_names} onchange={on_toggle_names} />{ " Names" }</label>
                <button type="button" class="secondary" data-testid="map-select-mode" aria-pressed={select_mode.to_string()}
                    title="Drag a box to list the sentences inside it (or shift-drag at any time)" onclick={on_select_mode}>
                    { "Select area" }
                </button>
                <button type="button" class="secondary" data-testid="map-png" onclick={on_png}>{ "Save PNG" }</button>
                <button type="button" class="secondary" data-testid="map-svg" onclick={on_svg}>{ "Save SVG" }</button>
                <button type="button" class="secondary" data-testid="map-table-toggle"
                    aria-expanded={show_table.to_string()} aria-controls="map-table"
                    onclick={on_toggle_table}>
                    { if *show_table { "Hide table" } else { "Show as table" } }
                </button>
            </div>
            <ul class="legend" data-testid="map-legend">
                { for legend.iter().map(|(group, label, count)| html! {
                    <li><span class="swatch" style={format!("background: {}", pictures::group_color(*group, *color_by))}></span>
                        { format!("{label} ({count})") }</li>
                }) }
                if !props.highlighted.is_empty() {
                    <li><span class="swatch ring"></span>{ "search hit" }</li>
                }
            </ul>
            { for group_list }
            <div class="map-frame">
                <canvas ref={canvas_ref} class="map-canvas" data-testid="embedding-map"
                    data-points={points.len().to_string()} tabindex="0" style={format!("cursor: {cursor}")}
                    role="img" aria-label={format!("Map of {} sentences; the table below lists them.", points.len())}
                    onmousedown={on_mouse_down} onmousemove={on_mouse_move} onmouseup={on_mouse_up}
                    onmouseleave={on_mouse_leave} onkeydown={on_key}>
                </canvas>
                { for tooltip }
            </div>
            <p class="hint">{ caption }</p>
            { for selection_list }
            if *show_table {
                <MapTable report={props.report.clone()} layout={props.layout.clone()} by={*color_by} />
            }
        </div>
    }
}

/// Properties of [`MapTable`].
#[derive(Properties, PartialEq)]
struct MapTableProps {
    report: Shared<Report>,
    layout: Layout,
    by: ColorBy,
}

/// The map's accessible alternative: every point with its text, source, group and position.
#[component]
fn MapTable(props: &MapTableProps) -> Html {
    html! {
        <div class="table-scroll">
            <table class="picture-table" id="map-table" data-testid="map-table">
                <caption>{ "Every sentence on the map" }</caption>
                <thead><tr><th scope="col">{ "Text" }</th><th scope="col">{ "From" }</th><th scope="col">{ "Group" }</th><th scope="col">{ "x" }</th><th scope="col">{ "y" }</th></tr></thead>
                <tbody>
                    { for props.layout.points.iter().map(|p| {
                        let (text, from) = pictures::describe(&props.report, p.source);
                        let (_, group) = pictures::group_of(&props.report, p.source, props.by);
                        html! { <tr><td>{ text }</td><td>{ from }</td><td>{ group }</td>
                            <td class="num">{ format!("{:.1}", p.x) }</td><td class="num">{ format!("{:.1}", p.y) }</td></tr> }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A CSS property of an element as computed (colours follow the light or dark theme).
fn computed(element: &web_sys::Element, property: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(element).ok().flatten())
        .and_then(|s| s.get_property_value(property).ok())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

/// What is drawn over the dots: the hovered one, the search's hits, the selection and the
/// box being drawn.
struct Marks<'a> {
    hover: Option<usize>,
    highlighted: &'a [(usize, usize)],
    selected: &'a [usize],
    rubber: Option<Rubber>,
    /// Group names drawn at their centres (empty when hidden).
    names: &'a [MapGroup],
}

/// Draws the points on the canvas at its current CSS size and the screen's pixel density.
fn draw(
    canvas: &HtmlCanvasElement,
    view: &RefCell<Option<Viewport>>,
    report: &Report,
    points: &[jobdelta_protocol::MapPoint],
    by: ColorBy,
    marks: &Marks,
) {
    let (hover, highlighted) = (marks.hover, marks.highlighted);
    let (width, height) = (canvas.client_width().max(1), canvas.client_height().max(1));
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let size = [width as f32, height as f32];
    let current = match *view.borrow() {
        Some(v) if v.size == size => v,
        Some(v) => Viewport { size, ..v },
        None => Viewport::fit(points, size),
    };
    *view.borrow_mut() = Some(current);
    canvas.set_width((f64::from(width) * ratio) as u32);
    canvas.set_height((f64::from(height) * ratio) as u32);
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    // The panel's own background, so a saved PNG looks as the page does (light or dark).
    context.set_fill_style_str(&computed(canvas, "background-color", "#ffffff"));
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let ring = computed(canvas, "color", "#1c1e21");
    for (i, p) in points.iter().enumerate() {
        let [x, y] = current.to_screen(p.x, p.y);
        let (group, _) = pictures::group_of(report, p.source, by);
        context.begin_path();
        let _ = context.arc(f64::from(x), f64::from(y), DOT, 0.0, std::f64::consts::TAU);
        context.set_fill_style_str(pictures::group_color(group, by));
        context.set_global_alpha(0.85);
        context.fill();
        context.set_global_alpha(1.0);
        let hit = matches!(p.source, MapSource::Requirement { post, requirement }
            if highlighted.contains(&(post, requirement)));
        if hit || hover == Some(i) {
            context.begin_path();
            let _ = context.arc(
                f64::from(x),
                f64::from(y),
                DOT + 3.0,
                0.0,
                std::f64::consts::TAU,
            );
            context.set_stroke_style_str(&ring);
            context.set_line_width(if hover == Some(i) { 2.5 } else { 1.5 });
            context.stroke();
        }
    }
    // The selection: a square around each dot, so it reads apart from the search's rings.
    context.set_stroke_style_str(&ring);
    context.set_line_width(1.5);
    for p in marks.selected.iter().filter_map(|&i| points.get(i)) {
        let [x, y] = current.to_screen(p.x, p.y);
        let side = 2.0 * (DOT + 2.5);
        context.stroke_rect(
            f64::from(x) - side / 2.0,
            f64::from(y) - side / 2.0,
            side,
            side,
        );
    }
    // Names last, over the dots, with a halo of the background so they stay legible.
    context.set_font("600 13px system-ui, sans-serif");
    context.set_text_align("center");
    context.set_line_width(4.0);
    let halo = computed(canvas, "background-color", "#ffffff");
    for group in marks.names {
        let [x, y] = current.to_screen(group.centre[0], group.centre[1]);
        context.set_stroke_style_str(&halo);
        let _ = context.stroke_text(&group.name, f64::from(x), f64::from(y));
        context.set_fill_style_str(&ring);
        let _ = context.fill_text(&group.name, f64::from(x), f64::from(y));
    }
    context.set_line_width(1.5);
    context.set_stroke_style_str(&ring);
    if let Some((from, to)) = marks.rubber {
        let dash = js_sys::Array::of2(&JsValue::from_f64(4.0), &JsValue::from_f64(3.0));
        let _ = context.set_line_dash(&dash);
        context.set_line_width(1.0);
        context.stroke_rect(
            f64::from(from[0].min(to[0])),
            f64::from(from[1].min(to[1])),
            f64::from((to[0] - from[0]).abs()),
            f64::from((to[1] - from[1]).abs()),
        );
        let _ = context.set_line_dash(&js_sys::Array::new());
    }
}

/// Offers the canvas as a PNG download.
fn save_png(canvas: &HtmlCanvasElement) {
    let callback = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(blob) = blob {
            download_blob(&blob, "jobdelta-map.png");
        }
    });
    let _ = canvas.to_blob(callback.unchecked_ref());
}

/// Offers text as a download of this type and name.
pub fn download_text(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(&blob, name);
    }
}

/// Offers a blob as a download: a temporary link, clicked.
fn download_blob(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(link) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // Revoked once the browser has started the download (at once could cancel it).
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Offers an SVG element of the page as a download.
pub fn download_svg_element(element: &web_sys::Element, name: &str) {
    let mut svg = element.outer_html();
    if !svg.contains("xmlns=") {
        svg = svg.replacen("<svg", r#"<svg xmlns="http://www.w3.org/2000/svg""#, 1);
    }
    download_text(&svg, "image/svg+xml", name);
}
