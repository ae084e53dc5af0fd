//! "Terms the model barely sees": words of one post that the model's tokenizer breaks into
//! many small pieces, so it hardly recognises them as names.

use jobdelta_matching::UnseenTerm;
use yew::prelude::*;

/// Properties of [`UnseenTerms`].
#[derive(Properties, PartialEq)]
pub struct UnseenTermsProps {
    /// The post's shattered terms, most pieces first.
    pub terms: Vec<UnseenTerm>,
}

/// One row per term: its pieces, and whether the resume uses it.
#[component]
pub fn UnseenTerms(props: &UnseenTermsProps) -> Html {
    html! {
        <div class="term-panel" data-testid="unseen-terms">
            <h4>{ "Terms the model barely sees" }</h4>
            <p class="explain-line" data-testid="explain-unseen-terms">
                { "The model reads words as known pieces; a name it does not know is chopped into fragments, so matching on it is weak: spell the skill out in a sentence too." }
            </p>
            if props.terms.is_empty() {
                <p class="hint">{ "The model knows every key word of this post as a whole word or nearly." }</p>
            } else {
                <ul class="term-list">
                    { for props.terms.iter().map(|t| html! {
                        <li class="term-row" data-testid="unseen-term">
                            <strong class="term-name">{ t.term.clone() }</strong>
                            { " → " }
                            <span class="term-pieces">
                                { for t.pieces.iter().map(|p| html! { <code class="piece">{ p.clone() }</code> }) }
                            </span>
                            <span class="hint">
                                { if t.in_resume { " · your resume uses it" } else { " · not in your resume" } }
                            </span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
