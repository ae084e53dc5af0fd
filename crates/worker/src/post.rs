//! How a lead worker sends its helpers a request: as JSON text, through the helper's
//! `postMessage`. (Answers to the page, and a helper's answers to its lead, go through
//! `jobdelta_protocol::js::post_from_worker`, which moves float vectors beside the JSON.)

use jobdelta_protocol::WireMessage;
use wasm_bindgen::JsValue;

/// Encodes `message` as JSON and hands it to `post_message`; an encoding failure comes back
/// as a JavaScript error like a failed post.
pub(crate) fn post_json<M: WireMessage>(
    message: &M,
    post_message: impl FnOnce(&JsValue) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let json = message
        .to_json()
        .map_err(|error| JsValue::from_str(&error.to_string()))?;
    post_message(&JsValue::from_str(&json))
}
