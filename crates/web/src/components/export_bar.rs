//! "Take it with you": the report as Markdown, CSV (a row per post, a row per requirement) or
//! JSON, downloaded from the page, and printing. The bytes and file names come from
//! `jobdelta_matching::export::Format` — the functions `jobdelta match --format` prints with —
//! applied to the report the page shows (its thresholds and marks included), so a download
//! holds what the page shows; this file only hands them to the browser.

use std::cell::RefCell;
use std::rc::Rc;

use jobdelta_matching::export::Format;
use jobdelta_matching::Report;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Shared;

/// Properties of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The report shown.
    pub report: Shared<Report>,
}

/// A format's button: its text and `data-testid`.
fn button_of(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Markdown => ("Markdown", "export-markdown"),
        Format::PostsCsv => ("CSV: posts", "export-posts-csv"),
        Format::RequirementsCsv => ("CSV: requirements", "export-requirements-csv"),
        Format::Json => ("JSON", "export-json"),
    }
}

/// The file name of `format` on the person's local date.
fn file_name(format: Format) -> String {
    let today = js_sys::Date::new_0();
    format.file_name(
        i32::try_from(today.get_full_year()).unwrap_or_default(),
        today.get_month() + 1,
        today.get_date(),
    )
}

/// Hands `text` to the browser as a download named `file_name`, through a Blob and its object
/// URL (the page's CSP allows them: a download is no fetch). The object URL is kept in `last`
/// until the next download: revoking it at once can cancel the download.
fn download(
    text: &str,
    file_name: &str,
    mime: &str,
    last: &RefCell<Option<gloo_file::ObjectUrl>>,
) -> Option<()> {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let document = web_sys::window()?.document()?;
    let link = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    *last.borrow_mut() = Some(url);
    Some(())
}

/// Download buttons and "Print".
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let last_url = use_mut_ref(|| None::<gloo_file::ObjectUrl>);
    let problem = use_state(|| None::<String>);
    let button = |format: Format| {
        let (label, testid) = button_of(format);
        let report = props.report.clone();
        let last_url: Rc<RefCell<_>> = last_url.clone();
        let problem = problem.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = file_name(format);
            let failed = match format.render(&report) {
                Ok(text) => download(&text, &name, format.mime(), &last_url)
                    .is_none()
                    .then(|| format!("The browser did not start the download of {name}.")),
                Err(error) => Some(format!("{name} could not be written: {error}.")),
            };
            if *problem != failed {
                problem.set(failed);
            }
        });
        html! {
            <button type="button" class="button button-small button-quiet" data-testid={testid} {onclick}
                title={format!("Download {}", file_name(format))}>{ label }</button>
        }
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="export-bar" role="group" aria-label="Download the report" data-testid="export-bar">
            <span class="hint" aria-hidden="true">{ "Download:" }</span>
            { for Format::ALL.into_iter().map(button) }
            <button type="button" class="button button-small button-quiet" data-testid="export-print" onclick={print}
                title="Print the report (the post shown, without the page around it)">{ "Print" }</button>
            if let Some(problem) = &*problem {
                <p class="warning" role="alert" data-testid="export-problem">{ problem.clone() }</p>
            }
        </div>
    }
}
