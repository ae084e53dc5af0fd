//! The two similarity thresholds, as sliders and number boxes; the report follows instantly.

use jobdelta_matching::Thresholds;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::format;

/// Properties of [`ThresholdControls`].
#[derive(Properties, PartialEq)]
pub struct ThresholdControlsProps {
    /// Current thresholds.
    pub thresholds: Thresholds,
    /// New "covered" threshold.
    pub on_covered: Callback<f32>,
    /// New "partly" threshold.
    pub on_partly: Callback<f32>,
    /// Back to the defaults.
    pub on_reset: Callback<()>,
}

/// Both thresholds with a one-line explanation and a reset button.
#[component]
pub fn ThresholdControls(props: &ThresholdControlsProps) -> Html {
    let t = props.thresholds;
    let is_default = t == Thresholds::default();
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    html! {
        <fieldset class="thresholds" data-testid="thresholds">
            <legend>{ "Thresholds" }</legend>
            <p class="hint" id="thresholds-hint">
                { format!(
                    "A requirement is covered when your closest sentence reaches a cosine similarity of {}, partly covered from {}, not covered below; moving them updates statuses, fits and ranks at once.",
                    format::threshold(t.covered),
                    format::threshold(t.partly)
                ) }
            </p>
            { threshold("covered", "Covered from", t.covered, props.on_covered.clone()) }
            { threshold("partly", "Partly from", t.partly, props.on_partly.clone()) }
            <button type="button" class="button button-small" data-testid="threshold-reset" disabled={is_default} onclick={on_reset}>
                { format!(
                    "Reset to {} / {}",
                    format::threshold(Thresholds::default().covered),
                    format::threshold(Thresholds::default().partly)
                ) }
            </button>
        </fieldset>
    }
}

/// One threshold: a slider (instant) and a number box (applied on Enter or leaving it).
fn threshold(key: &str, label: &str, value: f32, on_change: Callback<f32>) -> Html {
    let parse = |on_change: Callback<f32>| {
        move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            match input.value().trim().replace(',', ".").parse::<f32>() {
                Ok(value) if value.is_finite() => on_change.emit(value),
                // Put back the value in force rather than leave nonsense in the box.
                _ => input.set_value(&format::threshold(value)),
            }
        }
    };
    let on_slide = {
        let on_change = on_change.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(value) = input.value().parse::<f32>() {
                on_change.emit(value);
            }
        })
    };
    let on_number = Callback::from(parse(on_change));
    let slider_id = format!("threshold-{key}-slider");
    let text = format::threshold(value);
    html! {
        <div class="threshold">
            <label for={slider_id.clone()}>{ label }</label>
            <input
                id={slider_id}
                type="range"
                min="0"
                max="1"
                step="0.01"
                value={text.clone()}
                data-testid={format!("threshold-{key}-slider")}
                aria-describedby="thresholds-hint"
                oninput={on_slide}
            />
            <input
                type="number"
                class="threshold-number"
                min="0"
                max="1"
                step="0.01"
                inputmode="decimal"
                value={text}
                data-testid={format!("threshold-{key}")}
                aria-label={format!("{label} (cosine similarity)")}
                onchange={on_number}
            />
        </div>
    }
}
