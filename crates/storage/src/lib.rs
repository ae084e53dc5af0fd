//! One IndexedDB database, `jobdelta`, with a key-value object store per kind of data.
//!
//! The page keeps the workspace (resume, posts, settings) in [`Store::Workspace`]; the model
//! worker keeps embeddings in [`Store::Embeddings`]. IndexedDB is reachable from both a window
//! and a worker, so both open the same database through this crate. Requests are wrapped in
//! promises whose resolve/reject functions are the request's own event handlers, so no Rust
//! closure has to outlive a call.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbFactory, IdbObjectStore, IdbOpenDbRequest, IdbRequest,
    IdbTransaction, IdbTransactionMode,
};

/// Name of the database.
pub const DATABASE_NAME: &str = "jobdelta";

/// Schema version: bump it (and create stores in `open`) when adding a store.
const DATABASE_VERSION: u32 = 1;

/// The object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// The person's workspace (resume, posts, settings), saved by the page.
    Workspace,
    /// Sentence embeddings by model and text hash, saved by the model worker.
    Embeddings,
}

impl Store {
    const ALL: [Store; 2] = [Store::Workspace, Store::Embeddings];

    fn name(self) -> &'static str {
        match self {
            Store::Workspace => "workspace",
            Store::Embeddings => "embeddings",
        }
    }
}

/// Storage failed; worded for the person using the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser offers no IndexedDB (some private modes, or storage disabled).
    #[error("this browser does not let the page store anything ({0}); your work is not saved between visits")]
    Unavailable(String),
    /// The browser's storage quota for this site is used up.
    #[error("the browser's storage for this site is full; free space (e.g. “Clear everything”) so your work can be saved")]
    QuotaExceeded,
    /// Any other failure.
    #[error("the browser's storage failed ({0})")]
    Failed(String),
}

/// Result alias for this crate.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// An open connection to the database.
pub struct Database {
    db: IdbDatabase,
}

impl Database {
    /// Opens (and on first use creates) the database.
    pub async fn open() -> Result<Self> {
        let factory = factory()?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(DATABASE_NAME, DATABASE_VERSION)
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        // The only handler that must run Rust code: create missing stores on upgrade.
        let upgrade = {
            let request = request.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
                if let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    let existing = db.object_store_names();
                    for store in Store::ALL {
                        if !existing.contains(store.name()) {
                            // A failure here aborts the upgrade, and the open request reports it.
                            let _ = db.create_object_store(store.name());
                        }
                    }
                }
            })
        };
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let outcome = settle(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        outcome?;
        let db = request
            .result()
            .and_then(|r| r.dyn_into::<IdbDatabase>())
            .map_err(|e| StorageError::Failed(describe(&e)))?;
        Ok(Self { db })
    }

    fn object_store(
        &self,
        store: Store,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, IdbObjectStore)> {
        let tx = self
            .db
            .transaction_with_str_and_mode(store.name(), mode)
            .map_err(|e| StorageError::Failed(describe(&e)))?;
        let object_store = tx
            .object_store(store.name())
            .map_err(|e| StorageError::Failed(describe(&e)))?;
        Ok((tx, object_store))
    }

    /// The value stored under `key`, if any.
    pub async fn get(&self, store: Store, key: &str) -> Result<Option<JsValue>> {
        Ok(self
            .get_many(store, &[key])
            .await?
            .into_iter()
            .next()
            .flatten())
    }

    /// The values stored under each key (in one transaction), `None` where there is none.
    pub async fn get_many<K: AsRef<str>>(
        &self,
        store: Store,
        keys: &[K],
    ) -> Result<Vec<Option<JsValue>>> {
        let (_tx, object_store) = self.object_store(store, IdbTransactionMode::Readonly)?;
        // All requests are issued (and their handlers set) before the first await, so none
        // can finish unobserved.
        let mut pending = Vec::with_capacity(keys.len());
        for key in keys {
            let request = object_store
                .get(&JsValue::from_str(key.as_ref()))
                .map_err(|e| StorageError::Failed(describe(&e)))?;
            let promise = promise_of(&request);
            pending.push((request, promise));
        }
        let mut values = Vec::with_capacity(pending.len());
        for (request, promise) in pending {
            JsFuture::from(promise)
                .await
                .map_err(|e| error_of(&request, &e))?;
            let value = request
                .result()
                .map_err(|e| StorageError::Failed(describe(&e)))?;
            values.push((!value.is_undefined()).then_some(value));
        }
        Ok(values)
    }

    /// Stores `value` under `key`, replacing what was there.
    pub async fn put(&self, store: Store, key: &str, value: &JsValue) -> Result<()> {
        self.put_many(store, &[(key, value.clone())]).await
    }

    /// Stores every (key, value) pair in one transaction: all or none.
    pub async fn put_many<K: AsRef<str>>(
        &self,
        store: Store,
        entries: &[(K, JsValue)],
    ) -> Result<()> {
        let (tx, object_store) = self.object_store(store, IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        for (key, value) in entries {
            object_store
                .put_with_key(value, &JsValue::from_str(key.as_ref()))
                .map_err(|e| quota_or_failed(&e))?;
        }
        JsFuture::from(done)
            .await
            .map_err(|_| transaction_error(&tx))?;
        Ok(())
    }

    /// Deletes everything in `store`.
    pub async fn clear(&self, store: Store) -> Result<()> {
        let (tx, object_store) = self.object_store(store, IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        object_store
            .clear()
            .map_err(|e| StorageError::Failed(describe(&e)))?;
        JsFuture::from(done)
            .await
            .map_err(|_| transaction_error(&tx))?;
        Ok(())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        self.db.close();
    }
}

/// `indexedDB` of the current global (window or worker).
fn factory() -> Result<IdbFactory> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .ok()
        .filter(|f| !f.is_null() && !f.is_undefined())
        .and_then(|f| f.dyn_into::<IdbFactory>().ok())
        .ok_or_else(|| StorageError::Unavailable("no IndexedDB".into()))
}

/// A promise settled by the request's success or error event.
fn promise_of(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    })
}

async fn settle(request: &IdbRequest) -> Result<()> {
    JsFuture::from(promise_of(request))
        .await
        .map(|_| ())
        .map_err(|e| error_of(request, &e))
}

/// A promise settled when the transaction commits (or fails, or aborts).
fn transaction_done(tx: &IdbTransaction) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    })
}

fn error_of(request: &IdbRequest, fallback: &JsValue) -> StorageError {
    match request.error() {
        Ok(Some(exception)) => from_exception(&exception),
        _ => StorageError::Failed(describe(fallback)),
    }
}

fn transaction_error(tx: &IdbTransaction) -> StorageError {
    match tx.error() {
        Some(exception) => from_exception(&exception),
        None => StorageError::Failed("the transaction was aborted".into()),
    }
}

fn quota_or_failed(error: &JsValue) -> StorageError {
    match error.dyn_ref::<DomException>() {
        Some(exception) => from_exception(exception),
        None => StorageError::Failed(describe(error)),
    }
}

fn from_exception(exception: &DomException) -> StorageError {
    if exception.name() == "QuotaExceededError" {
        StorageError::QuotaExceeded
    } else {
        StorageError::Failed(format!("{}: {}", exception.name(), exception.message()))
    }
}

fn describe(value: &JsValue) -> String {
    if let Some(exception) = value.dyn_ref::<DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
