//! `use_file_drop`: lets a part of the page take text files dropped on it.
//!
//! Only drags that carry files are taken over; dragging text within the page keeps the
//! browser's own behaviour. The files are read with [`crate::files::read_files`].

use std::cell::Cell;
use std::rc::Rc;

use web_sys::DataTransfer;
use yew::prelude::*;

use crate::files::read_files;
use crate::import::ReadFile;

/// The drop handlers to put on an element, and whether files are being dragged over it.
#[derive(Clone)]
pub struct FileDrop {
    /// Files are over the element (for a visual cue).
    pub is_over: bool,
    /// `ondragenter`.
    pub ondragenter: Callback<DragEvent>,
    /// `ondragover`.
    pub ondragover: Callback<DragEvent>,
    /// `ondragleave`.
    pub ondragleave: Callback<DragEvent>,
    /// `ondrop`.
    pub ondrop: Callback<DragEvent>,
}

/// Drop handlers that read the dropped text files and give them to `on_files` as
/// (files read, messages about files not read). Disabled, drops are refused.
#[hook]
pub fn use_file_drop(on_files: Callback<(Vec<ReadFile>, Vec<String>)>, enabled: bool) -> FileDrop {
    let is_over = use_state_eq(|| false);
    // dragenter/dragleave fire for every child crossed; count them to know when the drag left.
    let depth = use_memo((), |_| Cell::new(0_i32));

    let ondragenter = {
        let (is_over, depth) = (is_over.clone(), Rc::clone(&depth));
        Callback::from(move |event: DragEvent| {
            if carries_files(event.data_transfer()) {
                event.prevent_default();
                depth.set(depth.get() + 1);
                is_over.set(enabled);
            }
        })
    };
    let ondragover = Callback::from(move |event: DragEvent| {
        if let Some(transfer) = event
            .data_transfer()
            .filter(|t| carries_files(Some(t.clone())))
        {
            event.prevent_default();
            transfer.set_drop_effect(if enabled { "copy" } else { "none" });
        }
    });
    let ondragleave = {
        let (is_over, depth) = (is_over.clone(), Rc::clone(&depth));
        Callback::from(move |event: DragEvent| {
            if carries_files(event.data_transfer()) {
                depth.set((depth.get() - 1).max(0));
                if depth.get() == 0 {
                    is_over.set(false);
                }
            }
        })
    };
    let ondrop = {
        let (is_over, depth) = (is_over.clone(), Rc::clone(&depth));
        Callback::from(move |event: DragEvent| {
            depth.set(0);
            is_over.set(false);
            let Some(files) = event.data_transfer().and_then(|t| t.files()) else {
                return;
            };
            if files.length() == 0 {
                return;
            }
            // Never let the browser open the file in place of the page.
            event.prevent_default();
            if !enabled {
                return;
            }
            let on_files = on_files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on_files.emit(read_files(files).await);
            });
        })
    };
    FileDrop {
        is_over: *is_over,
        ondragenter,
        ondragover,
        ondragleave,
        ondrop,
    }
}

/// Whether a drag carries files (rather than text or a link).
fn carries_files(transfer: Option<DataTransfer>) -> bool {
    transfer.is_some_and(|t| {
        t.types()
            .iter()
            .any(|kind| kind.as_string().as_deref() == Some("Files"))
    })
}
