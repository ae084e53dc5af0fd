//! A worker message as the JS value `postMessage` carries (feature `js`): its JSON string, or,
//! for a message with float vectors ([`crate::floats`]), the array `[json, floats, lengths]`
//! — a `Float32Array` and a `Uint32Array` whose buffers are transferred, not copied.
//!
//! The worker posts with [`post_from_worker`]; the page, and a lead worker reading its helpers,
//! read with [`read_from_worker`]. Everything else about the message is [`crate::WireMessage`]'s
//! JSON, so devtools still show every message's header as text.

use crate::floats::Detached;
use crate::{FromWorker, ProtocolError};
use js_sys::{Array, Float32Array, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};

/// Posts `message` through `post_message` (called with the message and its transfer list, an
/// empty array when there is nothing to transfer). An encoding failure comes back as a
/// JavaScript error like a failed post.
pub fn post_from_worker(
    message: FromWorker,
    post_message: impl FnOnce(&JsValue, &JsValue) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let Detached {
        json,
        floats,
        lengths,
    } = message
        .detach()
        .map_err(|error| JsValue::from_str(&error.to_string()))?;
    if lengths.is_empty() {
        return post_message(&JsValue::from_str(&json), &Array::new());
    }
    // One copy out of wasm memory each; the buffers then move to the receiver.
    let floats = Float32Array::from(floats.as_slice());
    let lengths = Uint32Array::from(lengths.as_slice());
    let transfer = Array::of2(&floats.buffer(), &lengths.buffer());
    let message = Array::of3(&JsValue::from_str(&json), &floats, &lengths);
    post_message(&message, &transfer)
}

/// Why a posted value could not be read as a worker message.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Neither a JSON string nor `[json, Float32Array, Uint32Array]`.
    #[error("the model worker sent something that is not a message; reload the page")]
    NotAMessage,
    /// The JSON or the floats did not decode.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
}

/// Reads a value [`post_from_worker`] posted.
pub fn read_from_worker(data: &JsValue) -> Result<FromWorker, ReadError> {
    if let Some(json) = data.as_string() {
        return Ok(crate::WireMessage::from_json(&json)?);
    }
    let parts: &Array = data.dyn_ref().ok_or(ReadError::NotAMessage)?;
    let json = parts.get(0).as_string().ok_or(ReadError::NotAMessage)?;
    let floats: Float32Array = parts
        .get(1)
        .dyn_into()
        .map_err(|_| ReadError::NotAMessage)?;
    let lengths: Uint32Array = parts
        .get(2)
        .dyn_into()
        .map_err(|_| ReadError::NotAMessage)?;
    Ok(FromWorker::attach(
        &json,
        &floats.to_vec(),
        &lengths.to_vec(),
    )?)
}

// Only in a browser: js-sys's types exist on wasm32 alone (scripts/test runs these in headless
// Chromium with the page's and worker's crates, which turn this feature on).
#[cfg(test)]
#[cfg(target_arch = "wasm32")]
mod tests {
    use super::*;
    use crate::RequestId;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// What `post_from_worker` hands to `postMessage`: the value and its transfer list.
    fn posted(message: FromWorker) -> (JsValue, Array) {
        let mut sent = None;
        post_from_worker(message, |value, transfer| {
            sent = Some((value.clone(), Array::from(transfer)));
            Ok(())
        })
        .expect("posts");
        sent.expect("post_message was called")
    }

    #[test]
    fn vectors_travel_in_transferred_typed_arrays_and_come_back() {
        let message = FromWorker::Embedded {
            request_id: RequestId(5),
            vectors: vec![vec![0.6, 0.8], vec![0.0, -1.0], vec![1.0, 0.0]],
            word_pieces: 12,
            embed_ms: 2.0,
            workers: 2,
            memory_bytes: 1 << 20,
        };
        let (value, transfer) = posted(message.clone());
        assert!(value.as_string().is_none(), "an array, not a string");
        assert_eq!(transfer.length(), 2, "both typed arrays' buffers move");
        assert_eq!(read_from_worker(&value).expect("reads"), message);
    }

    #[test]
    fn a_message_without_vectors_is_still_a_json_string() {
        let (value, transfer) = posted(FromWorker::Building);
        assert_eq!(value.as_string().as_deref(), Some(r#"{"type":"building"}"#));
        assert_eq!(transfer.length(), 0);
        assert_eq!(
            read_from_worker(&value).expect("reads"),
            FromWorker::Building
        );
    }

    #[test]
    fn anything_else_is_not_a_message() {
        for value in [
            JsValue::from_f64(3.0),
            Array::of1(&"{}".into()).into(),
            Array::of3(&r#"{"type":"building"}"#.into(), &1.into(), &2.into()).into(),
        ] {
            let error = read_from_worker(&value).expect_err("refused");
            assert!(matches!(error, ReadError::NotAMessage), "{error}");
        }
    }
}
