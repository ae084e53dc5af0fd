// Starts the import worker (crate jobdelta-import-worker: PDF and DOCX resumes). The page
// starts it only when the first document arrives, so none of these files is in the first
// visit's download; the service worker caches them on that first use (scripts/post-build.mjs
// keeps them out of its precache). A plain script URL, no blob: (the page's CSP).
'use strict';

importScripts('./import_worker.js');
wasm_bindgen({ module_or_path: './import_worker_bg.wasm' });
