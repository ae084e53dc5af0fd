//! The import Web Worker; see the `jobdelta-import-worker` library.

fn main() {
    jobdelta_import_worker::run();
}
