//! A list that draws only the rows in view: the post list and the ranking once they are long
//! (from [`WINDOWED_FROM`](crate::virtual_window::WINDOWED_FROM) rows).
//!
//! The list scrolls inside its own box (at most most of the screen high), its rows all one
//! height (`row_height`, set as the `--row-height` custom property the stylesheet gives every
//! row). Scrolling or resizing the window re-measures the box and redraws only when the rows
//! in view change; which rows those are is [`Viewport::window`]'s pure arithmetic.

use gloo_events::EventListener;
use web_sys::Element;
use yew::prelude::*;

use crate::virtual_window::Viewport;

/// Properties of [`VirtualList`].
#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// How many rows the list has.
    pub count: usize,
    /// Every row's height in CSS pixels.
    pub row_height: f64,
    /// Draws row `i` (an `<li>`, with its own key).
    pub row: Callback<usize, Html>,
    /// The list's `data-testid`.
    pub testid: AttrValue,
    /// Its class, besides `virtual-list`.
    #[prop_or_default]
    pub class: Classes,
    /// What the list is, for assistive technology.
    pub label: AttrValue,
}

/// The scrolling box, the rows in view and the space standing in for the others.
#[component]
pub fn VirtualList(props: &VirtualListProps) -> Html {
    let scroller = use_node_ref();
    // Quantised to whole rows, so a scroll within one row renders nothing.
    let viewport = use_state_eq(|| Viewport::UNMEASURED);
    let measure = {
        let scroller = scroller.clone();
        let viewport = viewport.clone();
        let row_height = props.row_height;
        move || {
            if let Some(element) = scroller.cast::<Element>() {
                let top = f64::from(element.scroll_top());
                viewport.set(Viewport {
                    scroll_top: (top / row_height).floor() * row_height,
                    height: f64::from(element.client_height()),
                });
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect_with((), move |_| {
            measure();
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "resize", move |_| measure()));
            // Dropping the listener removes it from the window.
            move || drop(listener)
        });
    }
    let onscroll = Callback::from(move |_: Event| measure());
    let window = viewport.window(props.count, props.row_height);
    let style = format!(
        "--row-height: {}px; padding-top: {}px; padding-bottom: {}px",
        props.row_height, window.space_before, window.space_after
    );
    html! {
        <div class={classes!("virtual-list", props.class.clone())} ref={scroller} {onscroll}
            data-testid={props.testid.clone()} data-first={window.first.to_string()} data-rows={props.count.to_string()}>
            <ol start={(window.first + 1).to_string()} {style} aria-label={props.label.clone()}>
                { for window.rows().map(|index| props.row.emit(index)) }
            </ol>
        </div>
    }
}
