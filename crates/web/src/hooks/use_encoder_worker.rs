//! `use_encoder_worker`: owns the model Web Worker for the lifetime of a component.
//!
//! The worker is a plain `web_sys::Worker` running `worker_loader.js` (built by Trunk from the
//! `jobdelta-worker` crate); the two sides share only `jobdelta-protocol` messages as JSON
//! strings, so this crate never links the model. Which model it loads is the page URL's
//! `model=` (a registered model's name, as the worker's `Models` message lists them; the
//! default, listed first, without it), read like `precision=`; `?engine=candle` is passed on
//! to the loader's URL, which then starts the `worker-candle` build (`www/worker-build.js`).
//!
//! [`use_model_run`] starts a second, temporary worker of the same kind for one job (the
//! model comparison): it loads the model it is given instead of the URL's, is sent one
//! request once that model is ready, and is terminated when the job ends.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use jobdelta_protocol::{
    Backend, FromWorker, ModelInfo, Precision, RequestId, ToWorker, WireMessage,
};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Url, Worker};
use yew::prelude::*;

/// The script that starts the model worker (`www/worker_loader.js`, copied as is by Trunk;
/// it picks the worker build with `www/worker-build.js`), relative to the page.
const WORKER_SCRIPT: &str = "worker_loader.js";

/// Where Trunk's copy-dir puts each model's files (`models/<name>/`), relative to the page.
const MODELS_DIR: &str = "models/";

/// What the worker reports to the component.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    /// A protocol message.
    Message(FromWorker),
    /// The worker could not start, crashed, or cannot be understood; it needs a restart.
    Broken(String),
}

/// Handle to the worker, returned by [`use_encoder_worker`].
#[derive(Clone)]
pub struct EncoderWorker {
    connection: Rc<RefCell<Option<Connection>>>,
    generation: UseStateHandle<u32>,
}

impl EncoderWorker {
    /// Sends a message; failures are reported as [`WorkerEvent::Broken`].
    pub fn send(&self, message: &ToWorker) {
        if let Some(connection) = self.connection.borrow().as_ref() {
            connection.send(message);
        }
    }

    /// Asks the worker to load the model (again).
    pub fn load_model(&self) {
        if let Some(connection) = self.connection.borrow().as_ref() {
            connection.load_model();
        }
    }

    /// Terminates the worker and starts a fresh one (which loads the model when it starts).
    pub fn restart(&self) {
        self.generation.set(self.generation.wrapping_add(1));
    }
}

/// Starts the model worker when the component mounts and terminates it when it unmounts.
///
/// `on_event` receives every message; as soon as the worker lists its models (right after
/// `Started`), the hook itself asks it to load the one the page URL names (`model=`), or the
/// default, from the site's model directory.
#[hook]
pub fn use_encoder_worker(on_event: Callback<WorkerEvent>) -> EncoderWorker {
    // The worker's handlers outlive this render; they read the newest callback through this.
    let latest = use_mut_ref(|| on_event.clone());
    *latest.borrow_mut() = on_event;
    let connection = use_mut_ref(|| None::<Connection>);
    let generation = use_state(|| 0_u32);

    {
        let connection = Rc::clone(&connection);
        use_effect_with(*generation, move |_| {
            let emit: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| {
                // Clone first: emitting may re-render, which replaces the callback.
                let callback = latest.borrow().clone();
                callback.emit(event);
            });
            let model = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .and_then(|search| model_from_query(&search));
            match Connection::open(Rc::clone(&emit), model) {
                Ok(opened) => *connection.borrow_mut() = Some(opened),
                Err(message) => emit(WorkerEvent::Broken(message)),
            }
            // Dropping the connection terminates its worker.
            move || drop(connection.borrow_mut().take())
        });
    }

    EncoderWorker {
        connection,
        generation,
    }
}

/// One job for a temporary worker: load `model`, then send `request` (see [`use_model_run`]).
#[derive(Debug, Clone)]
pub struct ModelRun {
    /// Names the job: a new key is a new worker.
    pub key: RequestId,
    /// The registered name of the model to load.
    pub model: String,
    /// Sent once the model is ready (shared: the page rebuilds the run on every render).
    pub request: Rc<ToWorker>,
}

/// Runs `run` in a worker of its own while it is `Some`: a model worker started when the key
/// appears, asked to load `run.model` (at the page URL's precision and engine, as the main
/// worker), sent `run.request` once it says `Ready`, and terminated when the key changes or
/// goes (the job done or cancelled) or the component unmounts. Its events reach `on_event`
/// with the key.
#[hook]
pub fn use_model_run(run: Option<ModelRun>, on_event: Callback<(RequestId, WorkerEvent)>) {
    let latest = use_mut_ref(|| on_event.clone());
    *latest.borrow_mut() = on_event;
    let key = run.as_ref().map(|r| r.key);
    use_effect_with(key, move |_| {
        let slot = Rc::new(RefCell::new(None::<Connection>));
        if let Some(ModelRun {
            key,
            model,
            request,
        }) = run
        {
            let emit: Rc<dyn Fn(WorkerEvent)> = {
                let slot = Rc::clone(&slot);
                Rc::new(move |event| {
                    if matches!(event, WorkerEvent::Message(FromWorker::Ready { .. })) {
                        if let Some(connection) = slot.borrow().as_ref() {
                            connection.send(&request);
                        }
                    }
                    // Clone first: emitting may re-render, which replaces the callback.
                    let callback = latest.borrow().clone();
                    callback.emit((key, event));
                })
            };
            match Connection::open(Rc::clone(&emit), Some(model)) {
                Ok(opened) => *slot.borrow_mut() = Some(opened),
                Err(message) => emit(WorkerEvent::Broken(message)),
            }
        }
        // Dropping the connection terminates its worker (and the helpers it started).
        move || drop(slot.borrow_mut().take())
    });
}

/// A running worker with its event handlers.
struct Connection {
    worker: Worker,
    /// The `LoadModel` sent once the worker listed its models (sent again on Retry).
    load: Rc<RefCell<Option<ToWorker>>>,
    emit: Rc<dyn Fn(WorkerEvent)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Connection {
    fn open(emit: Rc<dyn Fn(WorkerEvent)>, requested: Option<String>) -> Result<Self, String> {
        let base = page_base()?;
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let precision = precision_from_query(&search);
        let worker = Worker::new(&worker_script(engine_from_query(&search)))
            .map_err(|e| format!("the model worker could not be started: {e:?}"))?;
        let load = Rc::new(RefCell::new(None::<ToWorker>));
        // The model is loaded once per worker: a second `Models` (none is sent) changes nothing.
        let asked = Cell::new(false);

        let on_message = {
            let emit = Rc::clone(&emit);
            let worker = worker.clone();
            let load = Rc::clone(&load);
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let decoded = jobdelta_protocol::js::read_from_worker(&event.data())
                    .map_err(|e| e.to_string());
                match decoded {
                    Ok(message) => {
                        // Messages posted before the worker's wasm runs are lost, so the
                        // request to load waits for the worker to say it is listening and
                        // which models it has (`Models` follows `Started`).
                        if let FromWorker::Models { models } = &message {
                            if !asked.replace(true) {
                                // An unknown name is sent as it is: the worker refuses it,
                                // naming the models it has (and so does every Retry).
                                let name = choose_model(models, requested.as_deref())
                                    .or(requested.as_deref())
                                    .unwrap_or_default();
                                match load_request(&base, name, precision, requested.is_some()) {
                                    Ok(request) => {
                                        post(&worker, &request, &*emit);
                                        *load.borrow_mut() = Some(request);
                                    }
                                    Err(reason) => emit(WorkerEvent::Broken(reason)),
                                }
                            }
                        }
                        emit(WorkerEvent::Message(message));
                    }
                    Err(message) => emit(WorkerEvent::Broken(message)),
                }
            })
        };
        let on_error = {
            let emit = Rc::clone(&emit);
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let detail = event
                    .dyn_ref::<ErrorEvent>()
                    .map(ErrorEvent::message)
                    .unwrap_or_default();
                let message = if detail.is_empty() {
                    // A script that fails to load gives a bare Event with no message.
                    format!("the model worker could not be started ({WORKER_SCRIPT} did not load); check that the site is complete, then retry")
                } else {
                    // A panic in the worker's wasm ends up here ("RuntimeError: unreachable").
                    format!("the model worker crashed ({detail}); what you typed is kept, and Retry starts the worker again")
                };
                emit(WorkerEvent::Broken(message));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            load,
            emit,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn send(&self, message: &ToWorker) {
        post(&self.worker, message, &*self.emit);
    }

    fn load_model(&self) {
        let request = self.load.borrow().clone();
        if let Some(request) = request {
            self.send(&request);
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Posts a message to the worker, reporting failure as [`WorkerEvent::Broken`].
fn post(worker: &Worker, message: &ToWorker, emit: &dyn Fn(WorkerEvent)) {
    let sent = message
        .to_json()
        .map_err(|e| e.to_string())
        .and_then(|json| {
            worker
                .post_message(&json.into())
                .map_err(|e| format!("{e:?}"))
        });
    if let Err(reason) = sent {
        emit(WorkerEvent::Broken(format!(
            "could not talk to the model worker ({reason}); retry to restart it"
        )));
    }
}

/// The precision a page URL asks for: `?precision=int8` or `?precision=f32` (the setting
/// that overrides the worker's default; anything else leaves the default).
pub(crate) fn precision_from_query(search: &str) -> Option<Precision> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("precision="))
        .find_map(|value| match value {
            "int8" => Some(Precision::Int8),
            "f32" => Some(Precision::F32),
            _ => None,
        })
}

/// The engine a page URL asks for: `?engine=candle` or `?engine=fast` (anything else, or
/// nothing, leaves the default: fast).
pub(crate) fn engine_from_query(search: &str) -> Option<Backend> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("engine="))
        .find_map(Backend::from_name)
}

/// The worker loader's URL for `engine`: `worker_loader.js`, with `?engine=candle` when candle
/// is asked for (the loader starts that build; its helpers inherit the URL).
fn worker_script(engine: Option<Backend>) -> String {
    match engine {
        Some(Backend::Candle) => format!("{WORKER_SCRIPT}?engine={}", Backend::Candle.name()),
        Some(Backend::Fast) | None => WORKER_SCRIPT.to_owned(),
    }
}

/// `search` (a page URL's query, `?` included or not) asking for `precision` instead: the
/// other parameters kept in their order, any earlier `precision=` replaced. The model status
/// links to it to switch precisions (a reload: the worker builds its encoder once, and the
/// workspace is saved, so nothing typed is lost).
pub(crate) fn query_with_precision(search: &str, precision: Precision) -> String {
    query_with(search, "precision", precision.name())
}

/// The model a page URL asks for: `?model=NAME` (a name made of letters, digits, `.`, `_`
/// and `-`, as registered models are; anything else, or none, leaves the default).
pub(crate) fn model_from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("model="))
        .find(|name| {
            !name.is_empty()
                && !name.starts_with('.')
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .map(str::to_owned)
}

/// `search` (a page URL's query, `?` included or not) with `key=value` instead of any
/// earlier `key=`: the other parameters kept in their order.
fn query_with(search: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}=");
    let kept = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with(&prefix));
    let pairs: Vec<String> = kept
        .map(str::to_owned)
        .chain([format!("{prefix}{value}")])
        .collect();
    format!("?{}", pairs.join("&"))
}

/// `search` asking for `engine` instead (the model status's link to candle and back; a reload
/// too, as each engine is its own worker build).
pub(crate) fn query_with_engine(search: &str, engine: Backend) -> String {
    query_with(search, "engine", engine.name())
}

/// `search` asking for the model called `name` instead: the model status links to it to
/// switch models (a reload, as for precision: the workspace is saved, so nothing typed is
/// lost).
pub(crate) fn query_with_model(search: &str, name: &str) -> String {
    query_with(search, "model", name)
}

/// The registered name of the model to load: the one `requested` names (any case), or the
/// default (listed first) when none is requested; `None` for a name not listed.
pub(crate) fn choose_model<'a>(
    models: &'a [ModelInfo],
    requested: Option<&str>,
) -> Option<&'a str> {
    match requested {
        None => models.first(),
        Some(name) => models.iter().find(|m| m.name.eq_ignore_ascii_case(name)),
    }
    .map(|m| m.name.as_str())
}

/// The `LoadModel` for the model called `name`, whose files are in `models/<name>/` under the
/// page's `base`; `named` says whether the page asked for it by name (else the worker's
/// default is left implicit, as a page from before the choice sent it).
fn load_request(
    base: &str,
    name: &str,
    precision: Option<Precision>,
    named: bool,
) -> Result<ToWorker, String> {
    let base_url = Url::new_with_base(&format!("{MODELS_DIR}{name}/"), base)
        .map(|url| url.href())
        .map_err(|e| format!("the model's address could not be built from {base}: {e:?}"))?;
    Ok(ToWorker::LoadModel {
        base_url,
        // As many as this device affords.
        workers: None,
        precision,
        model: named.then(|| name.to_owned()),
    })
}

/// The page's base URL: the worker resolves relative URLs against its own script, so the page
/// resolves the model directory against its base (which works under any path prefix).
fn page_base() -> Result<String, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or_else(|| "the page has no base URL to find the model files from".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_page_url_names_the_precision() {
        let cases = [
            ("", None),
            ("?precision=int8", Some(Precision::Int8)),
            ("?a=1&precision=f32", Some(Precision::F32)),
            ("?precision=fp16", None),
            ("?xprecision=int8", None),
        ];
        for (search, expected) in cases {
            assert_eq!(precision_from_query(search), expected, "{search}");
        }
    }

    fn model(name: &str) -> ModelInfo {
        ModelInfo {
            name: name.into(),
            id: format!("sentence-transformers/{name}"),
            licence: "Apache-2.0".into(),
            download_bytes: 1,
            layers: 3,
            max_seq_len: 128,
            candle: true,
        }
    }

    #[test]
    fn the_page_url_names_the_model() {
        let cases = [
            ("", None),
            (
                "?model=paraphrase-MiniLM-L3-v2",
                Some("paraphrase-MiniLM-L3-v2"),
            ),
            (
                "?precision=f32&model=all-MiniLM-L6-v2",
                Some("all-MiniLM-L6-v2"),
            ),
            ("?model=", None),
            ("?model=../secrets", None),
            ("?model=a%2Fb", None),
            ("?xmodel=a", None),
        ];
        for (search, expected) in cases {
            assert_eq!(model_from_query(search).as_deref(), expected, "{search}");
        }
    }

    #[test]
    fn switching_model_keeps_the_other_parameters() {
        let switched = query_with_model("?precision=f32&model=a", "paraphrase-MiniLM-L3-v2");
        assert_eq!(switched, "?precision=f32&model=paraphrase-MiniLM-L3-v2");
        assert_eq!(
            model_from_query(&switched).as_deref(),
            Some("paraphrase-MiniLM-L3-v2")
        );
        assert_eq!(precision_from_query(&switched), Some(Precision::F32));
    }

    #[test]
    fn the_chosen_model_is_the_named_one_or_the_first_listed() {
        let models = [model("all-MiniLM-L6-v2"), model("paraphrase-MiniLM-L3-v2")];
        assert_eq!(choose_model(&models, None), Some("all-MiniLM-L6-v2"));
        assert_eq!(
            choose_model(&models, Some("PARAPHRASE-minilm-l3-v2")),
            Some("paraphrase-MiniLM-L3-v2")
        );
        assert_eq!(choose_model(&models, Some("mpnet")), None);
        assert_eq!(choose_model(&[], None), None);
    }

    #[test]
    fn switching_precision_keeps_the_other_parameters() {
        let cases = [
            ("", Precision::F32, "?precision=f32"),
            ("?", Precision::Int8, "?precision=int8"),
            ("?precision=int8", Precision::F32, "?precision=f32"),
            (
                "?a=1&precision=f32&b=2",
                Precision::Int8,
                "?a=1&b=2&precision=int8",
            ),
        ];
        for (search, precision, expected) in cases {
            let switched = query_with_precision(search, precision);
            assert_eq!(switched, expected, "{search}");
            assert_eq!(precision_from_query(&switched), Some(precision));
        }
    }

    #[test]
    fn the_page_url_names_the_engine() {
        let cases = [
            ("", None),
            ("?engine=candle", Some(Backend::Candle)),
            ("?precision=f32&engine=fast", Some(Backend::Fast)),
            ("?engine=onnx", None),
            ("?xengine=candle", None),
        ];
        for (search, expected) in cases {
            assert_eq!(engine_from_query(search), expected, "{search}");
        }
    }

    #[test]
    fn only_candle_changes_the_worker_script() {
        assert_eq!(worker_script(None), "worker_loader.js");
        assert_eq!(worker_script(Some(Backend::Fast)), "worker_loader.js");
        assert_eq!(
            worker_script(Some(Backend::Candle)),
            "worker_loader.js?engine=candle"
        );
    }

    #[test]
    fn switching_engine_keeps_the_precision_and_the_rest() {
        let cases = [
            ("", Backend::Candle, "?engine=candle"),
            (
                "?precision=int8&engine=candle",
                Backend::Fast,
                "?precision=int8&engine=fast",
            ),
            ("?a=1&engine=fast", Backend::Candle, "?a=1&engine=candle"),
        ];
        for (search, engine, expected) in cases {
            let switched = query_with_engine(search, engine);
            assert_eq!(switched, expected, "{search}");
            assert_eq!(engine_from_query(&switched), Some(engine));
        }
        assert_eq!(
            precision_from_query(&query_with_engine("?precision=int8", Backend::Candle)),
            Some(Precision::Int8)
        );
    }
}
