//! The import Web Worker: reads the PDF or DOCX the page hands it with `jobdelta-documents`
//! and answers with the text or the reader's message (`jobdelta_protocol::import`).
//!
//! It holds no state: one request, one answer. It is a worker of its own so that a parser
//! that panics (wasm traps) on a strange file kills only this worker; the page sees the
//! `error` event, names the file, and starts a fresh worker for the next document.

use jobdelta_protocol::import::{FromImportWorker, ToImportWorker};
use jobdelta_protocol::WireMessage;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Entry point of the worker binary: installs the panic hook and the message handler, then
/// tells the page it is listening.
pub fn run() {
    console_error_panic_hook::set_once();
    if let Err(error) = install() {
        // Without a worker scope there is no page to tell; the console is all there is.
        web_sys::console::error_1(&error);
    }
}

fn install() -> Result<(), JsValue> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let reply_scope = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        match answer(&event.data()) {
            Ok(reply) => post(&reply_scope, &reply),
            Err(error) => web_sys::console::error_1(&error),
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&scope, &FromImportWorker::Started);
    Ok(())
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromImportWorker) {
    let sent = message
        .to_json()
        .map_err(|error| JsValue::from_str(&error.to_string()))
        .and_then(|json| scope.post_message(&JsValue::from_str(&json)));
    if let Err(error) = sent {
        web_sys::console::error_1(&error);
    }
}

/// Reads the document of one `[header, bytes]` message.
fn answer(data: &JsValue) -> Result<FromImportWorker, JsValue> {
    let parts: js_sys::Array = data
        .clone()
        .dyn_into()
        .map_err(|_| JsValue::from_str("import worker: expected [header, bytes]"))?;
    let header = parts
        .get(0)
        .as_string()
        .ok_or_else(|| JsValue::from_str("import worker: the header is not a string"))?;
    let ToImportWorker::Read { request_id, name } = ToImportWorker::from_json(&header)
        .map_err(|error| JsValue::from_str(&error.to_string()))?;
    let bytes = js_sys::Uint8Array::new(&parts.get(1)).to_vec();
    Ok(match jobdelta_documents::read_document(&name, &bytes) {
        Ok(text) => FromImportWorker::Read {
            request_id,
            name,
            text,
        },
        Err(error) => FromImportWorker::Refused {
            request_id,
            name,
            message: error.to_string(),
        },
    })
}
