//! A button that opens the system's file chooser for .txt / .md files (the keyboard-friendly
//! twin of dropping files).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::files::read_files;
use crate::import::ReadFile;

/// Properties of [`FilePicker`].
#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    /// Button text.
    pub label: AttrValue,
    /// `data-testid` of the file input.
    pub testid: AttrValue,
    /// Whether several files may be chosen.
    #[prop_or_default]
    pub multiple: bool,
    /// Whether tables of posts (CSV, TSV, JSON Lines, JSON) are offered too.
    #[prop_or_default]
    pub tables: bool,
    /// Whether choosing is possible now.
    #[prop_or_default]
    pub disabled: bool,
    /// The files read, and why others were not.
    pub on_files: Callback<(Vec<ReadFile>, Vec<String>)>,
}

/// The files the picker offers: text.
const TEXT: &str = ".txt,.md,.markdown,.pdf,.docx,text/plain,text/markdown,application/pdf";
/// Text and tables of posts.
const TEXT_AND_TABLES: &str =
    ".txt,.md,.markdown,.pdf,.docx,.csv,.tsv,.tab,.jsonl,.ndjson,.json,text/plain,text/markdown,text/csv,application/pdf";

/// A label styled as a button around a visually hidden file input.
#[component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(files) = input.files() else {
                return;
            };
            let on_files = on_files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_files(files).await;
                // Choosing the same file again must fire `change` again.
                input.set_value("");
                on_files.emit(read);
            });
        })
    };
    html! {
        <label class={classes!("button", "button-small", "file-picker", props.disabled.then_some("is-disabled"))}>
            { props.label.clone() }
            <input
                type="file"
                class="visually-hidden"
                accept={if props.tables { TEXT_AND_TABLES } else { TEXT }}
                multiple={props.multiple}
                disabled={props.disabled}
                data-testid={props.testid.clone()}
                {onchange}
            />
        </label>
    }
}
