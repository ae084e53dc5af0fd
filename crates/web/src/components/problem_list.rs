//! Problems with one input, shown right under it.

use yew::prelude::*;

/// Properties of [`ProblemList`].
#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    /// What to fix.
    pub problems: Vec<String>,
    /// Id, so the input can point at it with `aria-describedby`.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// The problems as an alert list, hidden when there are none.
///
/// The list is always in the page: an alert region present before its content arrives is
/// announced reliably, and a component that renders nothing confuses Yew's node placement
/// when its siblings change in the same update.
#[component]
pub fn ProblemList(props: &ProblemListProps) -> Html {
    html! {
        <ul class="problems" id={props.id.clone()} role="alert" hidden={props.problems.is_empty()}>
            { for props.problems.iter().map(|p| html! {
                <li class="problem" data-testid="input-problem">{ p.clone() }</li>
            }) }
        </ul>
    }
}
