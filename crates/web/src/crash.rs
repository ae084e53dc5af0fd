//! What a panic in the page's own wasm leaves on screen.
//!
//! After a panic the Yew app can no longer be trusted to render or react, so the panic hook
//! (besides logging, as `console_error_panic_hook` does) puts a plain DOM alert at the top of
//! the page with a Reload button. Nothing typed is lost by reloading: the workspace is saved
//! in IndexedDB as it is edited and restored on load. A panic in the model worker is handled
//! elsewhere (the worker's `error` event becomes the error banner with Retry).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the alert says.
const MESSAGE: &str = "Something went wrong inside the page (a bug in jobdelta). Your resume \
     and posts are saved in this browser: reload the page to carry on.";

/// Installs the panic hook: console log, then the alert. Through Yew, which otherwise
/// replaces any hook with its own when the app is rendered.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // Best effort: without a document there is nowhere to show anything.
        let _ = show_alert();
    }));
}

/// Makes the page panic, to test that the alert appears. Exported for the end-to-end tests
/// (`window.wasmBindings.panic_for_test()`); it can only break the page it runs in, which a
/// reload restores.
#[wasm_bindgen]
pub fn panic_for_test() {
    panic!("jobdelta page: asked to panic (a test of how the page recovers)");
}

/// Adds the alert once (a second panic leaves the first alert as it is).
fn show_alert() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("crash-alert").is_some() {
        return Some(());
    }
    let alert = document.create_element("div").ok()?;
    alert.set_id("crash-alert");
    alert.set_class_name("error-banner crash-alert");
    alert.set_attribute("role", "alert").ok()?;
    alert.set_attribute("data-testid", "crash").ok()?;
    let text = document.create_element("p").ok()?;
    text.set_class_name("error-message");
    text.set_text_content(Some(MESSAGE));
    let button: web_sys::HtmlElement = document.create_element("button").ok()?.dyn_into().ok()?;
    button.set_attribute("type", "button").ok()?;
    button.set_class_name("button");
    button.set_attribute("data-testid", "reload").ok()?;
    button.set_text_content(Some("Reload"));
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    button.set_onclick(Some(reload.as_ref().unchecked_ref()));
    // The page is about to be reloaded or closed: the closure may live until then.
    reload.forget();
    alert.append_child(&text).ok()?;
    alert.append_child(&button).ok()?;
    document.body()?.prepend_with_node_1(&alert).ok()?;
    Some(())
}
