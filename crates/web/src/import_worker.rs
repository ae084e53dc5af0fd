//! The import worker (crate `jobdelta-import-worker`): reads PDF and DOCX resumes for the page.
//! Browser glue; the messages and what they say are in `jobdelta_protocol::import`.
//!
//! Started lazily, on the first document (its wasm is not in the first visit's download), and
//! kept for the next ones. If it dies on a file (a parser panics, wasm traps) the page gets
//! its `error` event instead of an answer: the file is named in the message, the worker is
//! dropped, and the next document starts a fresh one. The model worker is never involved.
//!
//! The handlers are the resolve/reject functions of a `Promise` per step: documents are read
//! one at a time ([`crate::files::read_files`] awaits each), so one pending step at a time.

use std::cell::RefCell;

use jobdelta_protocol::import::{crash_message, FromImportWorker, ToImportWorker};
use jobdelta_protocol::{RequestId, WireMessage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The script that starts the import worker (`www/import_worker_loader.js`), relative to the page.
const IMPORT_WORKER_SCRIPT: &str = "import_worker_loader.js";

thread_local! {
    /// The running import worker, once started; and the last request id.
    static WORKER: RefCell<(Option<Worker>, RequestId)> = const { RefCell::new((None, RequestId(0))) };
}

/// The next message from `worker`, or `Err` when it reports an error (it crashed) first.
async fn next_message(worker: &Worker) -> Result<FromImportWorker, ()> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(resolve.unchecked_ref()));
        worker.set_onerror(Some(reject.unchecked_ref()));
    });
    let event = JsFuture::from(promise).await.map_err(|_| ())?;
    let data = event.dyn_into::<MessageEvent>().map_err(|_| ())?.data();
    FromImportWorker::from_json(&data.as_string().ok_or(())?).map_err(|_| ())
}

/// A running import worker: the one kept from before, or a new one once it said `Started`.
async fn running_worker() -> Result<Worker, ()> {
    if let Some(worker) = WORKER.with(|w| w.borrow().0.clone()) {
        return Ok(worker);
    }
    let worker = Worker::new(IMPORT_WORKER_SCRIPT).map_err(|_| ())?;
    match next_message(&worker).await {
        Ok(FromImportWorker::Started) => {
            WORKER.with(|w| w.borrow_mut().0 = Some(worker.clone()));
            Ok(worker)
        }
        _ => {
            worker.terminate();
            Err(())
        }
    }
}

/// Forgets the import worker after it failed, so the next document starts a fresh one.
fn drop_worker() {
    if let Some(worker) = WORKER.with(|w| w.borrow_mut().0.take()) {
        worker.terminate();
    }
}

/// The text of the document `name`, or the message to show (naming the file).
pub async fn read_document(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    let crashed = || {
        drop_worker();
        crash_message(name)
    };
    let worker = running_worker().await.map_err(|()| crashed())?;
    let request_id = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        w.1 = w.1.next();
        w.1
    });
    let header = ToImportWorker::Read {
        request_id,
        name: name.to_owned(),
    }
    .to_json()
    .map_err(|e| e.to_string())?;
    let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
    let message = js_sys::Array::of2(&JsValue::from_str(&header), &buffer);
    // Transferred, not copied: the worker owns the bytes from here.
    let transfer = js_sys::Array::of1(&buffer);
    worker
        .post_message_with_transfer(&message, &transfer)
        .map_err(|_| crashed())?;
    loop {
        match next_message(&worker).await.map_err(|()| crashed())? {
            FromImportWorker::Read {
                request_id: id,
                text,
                ..
            } if id == request_id => return Ok(text),
            FromImportWorker::Refused {
                request_id: id,
                message,
                ..
            } if id == request_id => return Err(message),
            // An answer to an earlier request the page stopped waiting for.
            _ => {}
        }
    }
}
