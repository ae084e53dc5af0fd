//! The one way this worker sends a protocol message: as JSON text, through whichever
//! `postMessage` the receiver has (the page's, or a helper worker's).

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
