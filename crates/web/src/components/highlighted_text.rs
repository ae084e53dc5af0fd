//! A sentence with the words it shares with another marked (`<mark>`).

use yew::prelude::*;

use crate::highlight::segments;

/// Properties of [`HighlightedText`].
#[derive(Properties, PartialEq)]
pub struct HighlightedTextProps {
    /// The sentence.
    pub text: AttrValue,
    /// Shared words, normalised (lower case), as the report lists them.
    pub words: Vec<String>,
}

/// The sentence as text nodes and `<mark>`s (never as HTML: pasted markup stays text), in
/// one `<span>` so the component always has a single root node.
#[component]
pub fn HighlightedText(props: &HighlightedTextProps) -> Html {
    let pieces = segments(&props.text, &props.words);
    html! {
        <span class="highlighted">
            { for pieces.into_iter().map(|piece| if piece.marked {
                html! { <mark>{ piece.text }</mark> }
            } else {
                html! { { piece.text } }
            }) }
        </span>
    }
}
