//! "Take it with you": the report as Markdown, CSV (a row per post, a row per requirement) or
//! JSON, downloaded from the page, and printing. The bytes come from
//! `jobdelta_matching::export` (the JSON is the report itself, as `jobdelta match --json`
//! prints it), so a download holds what the page shows; this file only hands them to the
//! browser.

use std::cell::RefCell;
use std::rc::Rc;

use jobdelta_matching::{export, Report};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Shared;

/// Properties of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The report shown.
    pub report: Shared<Report>,
}

/// One download: its button and file.
#[derive(Clone, Copy)]
struct Download {
    /// The button's text.
    label: &'static str,
    /// The file's name.
    file_name: &'static str,
    /// Its MIME type.
    mime: &'static str,
    /// The button's `data-testid`.
    testid: &'static str,
    /// The file's text, from the report.
    write: fn(&Report) -> String,
}

/// The downloads, in button order.
const DOWNLOADS: [Download; 4] = [
    Download {
        label: "Markdown",
        file_name: "jobdelta-report.md",
        mime: "text/markdown;charset=utf-8",
        testid: "export-markdown",
        write: export::report_markdown,
    },
    Download {
        label: "CSV: posts",
        file_name: "jobdelta-posts.csv",
        mime: "text/csv;charset=utf-8",
        testid: "export-posts-csv",
        write: export::posts_csv,
    },
    Download {
        label: "CSV: requirements",
        file_name: "jobdelta-requirements.csv",
        mime: "text/csv;charset=utf-8",
        testid: "export-requirements-csv",
        write: export::requirements_csv,
    },
    Download {
        label: "JSON",
        file_name: "jobdelta-report.json",
        mime: "application/json",
        testid: "export-json",
        write: report_json,
    },
];

/// The report as `jobdelta match --json` prints it: without the per-post vectors, which only
/// serve learning from marks.
fn report_json(report: &Report) -> String {
    let mut report = report.clone();
    for post in &mut report.posts {
        post.vectors = Default::default();
    }
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// Hands `text` to the browser as a download named `file_name`. The object URL is kept in
/// `last` until the next download: revoking it at once can cancel the download.
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
    let button = |d: Download| {
        let report = props.report.clone();
        let last_url: Rc<RefCell<_>> = last_url.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let _ = download(&(d.write)(&report), d.file_name, d.mime, &last_url);
        });
        html! {
            <button type="button" class="button button-small button-quiet" data-testid={d.testid} {onclick}
                title={format!("Download {}", d.file_name)}>{ d.label }</button>
        }
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="export-bar" role="group" aria-label="Download the report" data-testid="export-bar">
            <span class="hint">{ "Download:" }</span>
            { for DOWNLOADS.into_iter().map(button) }
            <button type="button" class="button button-small button-quiet" data-testid="export-print" onclick={print}
                title="Print the report (the post shown, without the page around it)">{ "Print" }</button>
        </div>
    }
}
