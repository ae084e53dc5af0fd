//! A labelled text area.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`TextInput`].
#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    /// Element id (also ties the label to the text area).
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// `data-testid` of the text area.
    pub testid: AttrValue,
    /// Current text.
    pub value: AttrValue,
    /// Called with the new text on every edit.
    pub on_change: Callback<String>,
}

/// A labelled, always editable text area (never disabled, so typing is never lost).
#[component]
pub fn TextInput(props: &TextInputProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            on_change.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    html! {
        <div class="text-input">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea
                id={props.id.clone()}
                data-testid={props.testid.clone()}
                rows="8"
                spellcheck="false"
                placeholder="Paste or type a text…"
                value={props.value.clone()}
                oninput={on_input}
            />
        </div>
    }
}
