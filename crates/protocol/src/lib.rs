//! The messages the jobdelta page and its model Web Worker exchange.
//!
//! The page (crate `jobdelta-web`) never links the model: it talks to a dedicated Web Worker
//! (crate `jobdelta-worker`) through `postMessage`, and this crate is the whole contract between
//! the two. Messages travel as JSON strings so both sides can be inspected in the browser's
//! devtools, and so that neither side needs to know how the other is built — all but their
//! float vectors, which travel beside the JSON ([`floats`]).
//!
//! A session goes:
//!
//! 1. worker → page [`FromWorker::Started`]: the worker's wasm is running and listening.
//!    Messages posted to a worker before its wasm has started are dropped, so the page waits
//!    for this before sending anything.
//!    It then sends [`FromWorker::Models`]: the models it can load, for the page's choice.
//! 2. page → worker [`ToWorker::LoadModel`] (naming the model, or none for the default);
//!    worker → page any number of
//!    [`FromWorker::Download`], then [`FromWorker::Verifying`], [`FromWorker::Building`] and
//!    [`FromWorker::Ready`] — or [`FromWorker::LoadFailed`] at any point.
//! 3. page → worker [`ToWorker::Compare`]; worker → page [`FromWorker::Compared`] or
//!    [`FromWorker::RequestFailed`] with the same [`RequestId`].
//!
//! 4. page → worker [`ToWorker::Analyze`]; worker → page [`FromWorker::AnalysisProgress`] after
//!    every few sentences, then the report's posts in [`FromWorker::AnalyzedPart`]s (fifty at a
//!    time, [`parts`]) and [`FromWorker::Analyzed`] with the rest of the report — or
//!    [`FromWorker::InputRejected`] (what to fix, per input), [`FromWorker::Cancelled`] (after
//!    [`ToWorker::Cancel`], or when a newer `Analyze` replaces it) or
//!    [`FromWorker::RequestFailed`].
//! 5. page → worker [`ToWorker::Search`] (after an analysis); worker → page
//!    [`FromWorker::Found`]: the requirements of every analysed post closest to a query.
//! 6. page → worker [`ToWorker::Interview`] (the model ready; no analysis needed); worker →
//!    page [`FromWorker::Interviewed`]: the document's stories, the question bank with the
//!    best stories for each question, and every story's fit to every post — or
//!    [`FromWorker::RequestFailed`]. Then [`ToWorker::Ask`] → [`FromWorker::Answered`]: the
//!    sentences closest to a question, from the last interview's embeddings when the document
//!    is the same (only the question is embedded), else after embedding the document.
//! 7. [`ToWorker::Embed`] → [`FromWorker::Embedded`]: bare embeddings, no cache. The benchmark
//!    page sends it; so does a lead worker to its helpers, which answer `Embedded` per chunk.
//!    A lead announces its helpers with [`FromWorker::Workers`] as they become ready.
//!
//! 8. page → worker [`ToWorker::Map`] (after an analysis); worker → page
//!    [`FromWorker::MapFrame`]s about twice a second while the t-SNE settles, then
//!    [`FromWorker::Mapped`]: every resume sentence and requirement of the last analysis laid
//!    out in 2-D (t-SNE, `jobdelta-map`). The fit runs in advances of 50 steps with the
//!    worker's event loop in between: [`ToWorker::Cancel`] with the map's id, or a newer
//!    `Map`, stops it there, answered by [`FromWorker::Cancelled`].
//! 9. page → worker [`ToWorker::Similarities`] (after an analysis); worker → page
//!    [`FromWorker::Similarities`]: one post's requirements × resume sentences cosine grid, for
//!    its heatmap.
//! 10. page → worker [`ToWorker::Progress`] (the model ready); worker → page
//!     [`FromWorker::Progressed`]: the same posts matched against each saved version of the
//!     resume, per post the fit and requirements covered, and what each version newly covers or
//!     no longer covers — or [`FromWorker::InputRejected`] (a version or post it cannot use) or
//!     [`FromWorker::RequestFailed`].
//! 11. page → worker [`ToWorker::Posture`] (the model ready); worker → page
//!     [`FromWorker::Postured`]: the posts grouped into role families, per family what it asks
//!     for, the person's coverage, what is rising or falling and where they stand
//!     (`jobdelta_matching::posture`, as `jobdelta posture` prints it) — or
//!     [`FromWorker::InputRejected`] or [`FromWorker::RequestFailed`].
//!
//! Every message is an internally tagged enum (`{"type": "compare", ...}`), so new variants
//! (embedding many texts with progress, cancelling a request) can be added without changing
//! the existing ones; request/answer pairs already carry a [`RequestId`] for that reason.
//!
//! Float vectors (a helper's [`FromWorker::Embedded`], the report's posts) travel beside the
//! JSON in a transferred `Float32Array`: [`floats`], and its JS edge `js` (feature `js`).
//!
//! The import worker (PDF and DOCX resumes) is a separate worker with its own messages:
//! [`import`].

#![warn(missing_docs)]

pub mod floats;
pub mod import;
#[cfg(feature = "js")]
pub mod js;
pub mod parts;

pub use jobdelta_interview::{Answer, Interview};
pub use jobdelta_matching::posture::{PostMeta, Posture};
pub use jobdelta_matching::progress::{PostChange, Progress, VersionPost, VersionResult};
pub use jobdelta_matching::{InputProblem, PostText, ProblemPlace, Report, SearchHit, Thresholds};
pub use jobdelta_text::Preprocessing;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A message could not be encoded or decoded (a bug, or a page and worker from different builds).
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// The JSON did not encode or decode.
    #[error(
        "the page and the model worker could not understand each other ({0}); reload the page"
    )]
    Json(#[from] serde_json::Error),
    /// The floats posted beside a message do not fit it ([`floats`]).
    #[error(
        "the page and the model worker could not understand each other (a message with {slots} \
         float vectors came with {lengths} lengths and {floats} floats); reload the page"
    )]
    Floats {
        /// Float vectors the decoded message has.
        slots: usize,
        /// Lengths that came with it.
        lengths: usize,
        /// Floats that came with it.
        floats: usize,
    },
}

/// Result alias for this crate.
pub type Result<T, E = ProtocolError> = std::result::Result<T, E>;

/// Encoding shared by both directions: one JSON string per message.
pub trait WireMessage: Serialize + DeserializeOwned {
    /// Encodes the message as the JSON string that is posted to the other side.
    fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }

    /// Decodes a JSON string received from the other side.
    fn from_json(json: &str) -> Result<Self> {
        Ok(serde_json::from_str(json)?)
    }
}

/// Identifies one request, so that its answer or failure can be matched to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RequestId(pub u32);

impl RequestId {
    /// The id to use for the request after this one.
    pub fn next(self) -> Self {
        Self(self.0.wrapping_add(1))
    }
}

/// The files the model is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelFile {
    /// `config.json`: the BERT configuration.
    Config,
    /// `tokenizer.json`: the WordPiece vocabulary and normalisation settings.
    Tokenizer,
    /// `model.f16.safetensors`: the weights at half precision (about 45 MB, so most of the
    /// loading time), widened to f32 on load. A model served in parts (all-mpnet-base-v2's
    /// 219 MB) is still this one file to the progress: the parts' bytes added up.
    Weights,
}

impl ModelFile {
    /// Every model file, in the order the worker downloads them (small ones first, so that a
    /// broken server shows up before the long download).
    pub const ALL: [ModelFile; 3] = [ModelFile::Config, ModelFile::Tokenizer, ModelFile::Weights];

    /// The file's name in the model directory.
    pub fn file_name(self) -> &'static str {
        match self {
            ModelFile::Config => "config.json",
            ModelFile::Tokenizer => "tokenizer.json",
            ModelFile::Weights => "model.f16.safetensors",
        }
    }
}

/// How many word pieces of a text the model read, out of how many the text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceCount {
    /// Word pieces the model read, `[CLS]` and `[SEP]` included (at most
    /// [`jobdelta_matching::MAX_PIECES`]).
    pub used: usize,
    /// Word pieces in the whole text, `[CLS]` and `[SEP]` included.
    pub total: usize,
}

impl PieceCount {
    /// Whether the end of the text was cut off and did not count towards its embedding.
    pub fn is_truncated(&self) -> bool {
        self.total > self.used
    }
}

/// The cosine of two texts after one preprocessing mode.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PreprocessedCosine {
    /// The mode applied to both texts.
    pub mode: Preprocessing,
    /// Their cosine similarity then; `None` when the mode leaves a text with no words.
    pub cosine: Option<f32>,
}

/// The arithmetic of the model's dense layers (`jobdelta_encoder::Precision`, which this
/// crate does not link): `"f32"` or `"int8"` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// f32 weights and activations: the reference, at parity with sentence-transformers.
    #[default]
    F32,
    /// int8 weights and activations, i32 sums: faster, a little less exact (docs/quality.md).
    Int8,
}

impl Precision {
    /// `"f32"` or `"int8"`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::Int8 => "int8",
        }
    }
}

/// Which forward pass a worker build embeds with: `"fast"` or `"candle"` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// jobdelta's own forward pass (`jobdelta-encoder`): the default, at either precision.
    #[default]
    Fast,
    /// candle-transformers' BERT (`jobdelta-candle`, the `worker-candle` build): f32 only.
    Candle,
}

impl Backend {
    /// `"fast"` or `"candle"`: the page URL's `engine=` value.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Fast => "fast",
            Backend::Candle => "candle",
        }
    }

    /// The engine a page URL's `engine=` value names (`None` for anything else).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "fast" => Some(Backend::Fast),
            "candle" => Some(Backend::Candle),
            _ => None,
        }
    }
}

/// How the model runs in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Engine {
    /// Whose forward pass embeds (absent from a worker older than the candle build: fast).
    #[serde(default)]
    pub backend: Backend,
    /// Whether the weights were downloaded at half precision (f16, half the download) and
    /// widened to f32 on load; the maths is f32 either way.
    pub f16_weights: bool,
    /// Whether the build with relaxed-SIMD fused multiply-add runs (the browser has it), or
    /// the portable SIMD build.
    pub relaxed_simd: bool,
    /// How many workers the pool will have, this one included.
    pub workers: usize,
    /// The arithmetic of the dense layers (absent from a worker older than int8: f32).
    #[serde(default)]
    pub precision: Precision,
}

impl Engine {
    /// A short description for the page, e.g. "f16 weights, int8 maths, relaxed SIMD, 2
    /// workers", led by "candle-transformers, " when candle embeds.
    pub fn describe(&self) -> String {
        let weights = if self.f16_weights { "f16" } else { "f32" };
        let simd = if self.relaxed_simd {
            "relaxed SIMD"
        } else {
            "SIMD"
        };
        let workers = match self.workers {
            1 => "1 worker".to_owned(),
            n => format!("{n} workers"),
        };
        let backend = match self.backend {
            Backend::Fast => "",
            Backend::Candle => "candle-transformers, ",
        };
        format!(
            "{backend}{weights} weights, {} maths, {simd}, {workers}",
            self.precision.name()
        )
    }
}

/// A model the worker can load, as the page lists it (from `jobdelta_encoder::registry`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The short name `LoadModel` and the page URL's `model=` take (`all-MiniLM-L6-v2`).
    pub name: String,
    /// The full id its vectors are cached under (`sentence-transformers/all-MiniLM-L6-v2`).
    pub id: String,
    /// Licence of the weights.
    pub licence: String,
    /// Bytes the browser downloads for it (the half-precision weights; config and tokenizer
    /// add about half a megabyte).
    pub download_bytes: u64,
    /// Transformer layers (fewer: faster, usually less exact).
    pub layers: usize,
    /// Word pieces it reads per text.
    pub max_seq_len: usize,
    /// Whether the candle engine (`?engine=candle`) can run it: candle-transformers has its
    /// network (BERT, not MPNet).
    pub candle: bool,
}

impl ModelInfo {
    /// Whether `model_id` (as `Ready` names it, `+int8` or not) is this model's.
    pub fn runs_as(&self, model_id: &str) -> bool {
        model_id == self.id
            || model_id
                .strip_prefix(self.id.as_str())
                .is_some_and(|rest| rest.starts_with('+'))
    }
}

/// Where a point of the embedding map comes from, as indices into the last report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MapSource {
    /// A sentence of the resume: `Report::resume[sentence]`.
    Resume {
        /// Index in the report's resume sentences.
        sentence: usize,
    },
    /// A requirement: `Report::posts[post].requirements[requirement]`.
    Requirement {
        /// Index of the post (in the order analysed).
        post: usize,
        /// Index of the requirement in that post.
        requirement: usize,
    },
}

/// One point of the embedding map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Horizontal position (t-SNE units: only distances between points mean anything).
    pub x: f32,
    /// Vertical position.
    pub y: f32,
    /// The sentence it stands for.
    pub source: MapSource,
}

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Download the model files from `base_url` (an absolute URL of the directory holding
    /// them, ending in `/`), verify the weights and build the encoder. Sent again after a
    /// failure, it starts over; once the model is ready it does nothing but answer `Ready`.
    LoadModel {
        /// Absolute URL of the model directory; the worker resolves [`ModelFile::file_name`]s
        /// against it (relative URLs would resolve against the worker script, not the page).
        base_url: String,
        /// How many workers share the embedding, this one included (it starts the others
        /// once its own model is ready). `None` lets the worker choose from the number of
        /// cores and the device's memory; the benchmark page sets it.
        #[serde(default)]
        workers: Option<usize>,
        /// The arithmetic to run at; `None` (and a page older than int8) takes the app's
        /// default. A worker already loaded at another precision answers `Ready` with the one
        /// it runs (reload the worker to change it).
        #[serde(default)]
        precision: Option<Precision>,
        /// The registered model to load, by its short name ([`ModelInfo::name`]); `None` (and
        /// a page from before the choice) takes the default model. `base_url` must hold that
        /// model's files: the worker checks their sha256 against this model's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<String>,
    },
    /// Embed two texts and report their cosine similarity.
    Compare {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The first text (must not be blank).
        first: String,
        /// The second text (must not be blank).
        second: String,
    },
    /// Build the match report of a resume against job posts, embedding every sentence the
    /// worker has not embedded before. A new `Analyze` replaces one under way.
    Analyze {
        /// Echoed in every answer.
        request_id: RequestId,
        /// The resume or brag document.
        resume: String,
        /// The job posts, in the order shown.
        posts: Vec<PostText>,
        /// Status and fit thresholds.
        thresholds: Thresholds,
    },
    /// Embed texts as they are, without the embedding cache, with every worker of the pool;
    /// answered by [`FromWorker::Embedded`]. The benchmark page uses it, and a pool's lead
    /// worker sends its helpers a share of an analysis this way.
    Embed {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The texts (none blank).
        texts: Vec<String>,
    },
    /// Find the requirements of the last analysed posts closest in meaning to `query`;
    /// answered by [`FromWorker::Found`] (or [`FromWorker::RequestFailed`] before any
    /// analysis).
    Search {
        /// Echoed in the answer.
        request_id: RequestId,
        /// What to look for (not blank).
        query: String,
        /// How many requirements to return at most.
        limit: usize,
    },
    /// Lay out every resume sentence and requirement of the last analysis in 2-D; answered by
    /// [`FromWorker::Mapped`] (or [`FromWorker::RequestFailed`] before any analysis, or
    /// [`FromWorker::Cancelled`] after a `Cancel` or a newer `Map`).
    Map {
        /// Echoed in the answer.
        request_id: RequestId,
    },
    /// The cosine of each requirement of one post of the last analysis with each resume
    /// sentence; answered by [`FromWorker::Similarities`].
    Similarities {
        /// Echoed in the answer.
        request_id: RequestId,
        /// Index of the post in the last analysis.
        post: usize,
    },
    /// Cut the resume or brag document into stories and answer the question bank (common
    /// questions and each post's must-haves) with them; answered by
    /// [`FromWorker::Interviewed`].
    Interview {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The resume or brag document.
        resume: String,
        /// The posts whose must-haves become questions (may be empty).
        posts: Vec<PostText>,
    },
    /// Answer a question from the resume or brag document; answered by
    /// [`FromWorker::Answered`].
    Ask {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The resume or brag document (the last interview's embeddings serve when it is
        /// the same text).
        resume: String,
        /// The question (not blank).
        question: String,
        /// How many sentences to answer with at most.
        limit: usize,
    },
    /// Match the same posts against each version of the resume (oldest first); answered by
    /// [`FromWorker::Progressed`].
    Progress {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The versions: (name, text), oldest first; at least two.
        versions: Vec<(String, String)>,
        /// The job posts, in the order shown.
        posts: Vec<PostText>,
        /// Status thresholds (what counts as covered).
        thresholds: Thresholds,
    },
    /// Group the posts into role families; answered by [`FromWorker::Postured`].
    Posture {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The resume.
        resume: String,
        /// The job posts, in the order shown.
        posts: Vec<PostText>,
        /// Each post's id and date, as `posts` (the groups list the ids).
        meta: Vec<PostMeta>,
        /// Status thresholds (what counts as covered).
        thresholds: Thresholds,
    },
    /// Stop the analysis or the map with this id (nothing happens if it has finished).
    Cancel {
        /// The analysis or map to stop.
        request_id: RequestId,
    },
    /// Forget every cached embedding, in memory and in the browser's storage; answered by
    /// [`FromWorker::CacheCleared`].
    ClearCache,
    /// Makes the worker panic. The page never sends it: the end-to-end tests do (from inside
    /// the worker), to check that a crashed worker becomes an error banner with a Retry. It
    /// can only stop this tab's own worker, which Retry replaces.
    PanicForTest,
}

impl WireMessage for ToWorker {}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker is running and listening; the page may now send [`ToWorker`] messages.
    Started,
    /// The models this worker can load (its build's registry), the default first; sent right
    /// after [`FromWorker::Started`], so the page lists them without linking the model.
    Models {
        /// Every registered model.
        models: Vec<ModelInfo>,
    },
    /// Progress of one file's download; sent repeatedly, the last one with `bytes_done` equal
    /// to the file's size.
    Download {
        /// Which file.
        file: ModelFile,
        /// Bytes received so far.
        bytes_done: u64,
        /// The file's size, when the server said (`Content-Length`).
        bytes_total: Option<u64>,
    },
    /// All files are downloaded; the weights are being checked against their known sha256.
    Verifying,
    /// The weights are genuine; the encoder is being built from them.
    Building,
    /// The model is ready for requests.
    Ready {
        /// Which model was loaded (e.g. `sentence-transformers/all-MiniLM-L6-v2`).
        model_id: String,
        /// Milliseconds from `LoadModel` to ready, downloads included.
        load_ms: u64,
        /// How the model runs here (precision, SIMD, workers), shown on the page.
        #[serde(default)]
        engine: Engine,
    },
    /// How many of the pool's workers have their model ready (this one included); sent
    /// each time a helper becomes ready or is lost.
    Workers {
        /// Workers ready to embed.
        ready: usize,
        /// Workers the pool was asked to have.
        planned: usize,
    },
    /// Loading the model failed; the page may send `LoadModel` again to retry.
    LoadFailed {
        /// What went wrong and what to do, for the person using the page.
        message: String,
    },
    /// The answer to [`ToWorker::Compare`].
    Compared {
        /// The request this answers.
        request_id: RequestId,
        /// Cosine similarity of the two texts' embeddings, in [-1, 1].
        cosine: f32,
        /// Word pieces of the first text.
        first: PieceCount,
        /// Word pieces of the second text.
        second: PieceCount,
        /// The same comparison after each preprocessing mode (stop words removed, jargon
        /// only), so the page can show what preprocessing does to the score.
        #[serde(default)]
        preprocessed: Vec<PreprocessedCosine>,
    },
    /// A request failed; the model itself stays loaded.
    RequestFailed {
        /// The request that failed.
        request_id: RequestId,
        /// What went wrong and what to do, for the person using the page.
        message: String,
    },
    /// The answer to [`ToWorker::Embed`].
    Embedded {
        /// The request this answers.
        request_id: RequestId,
        /// One L2-normalised embedding per text, in the order of the texts.
        vectors: Vec<Vec<f32>>,
        /// Word pieces the model read over all texts (`[CLS]` and `[SEP]` included, each text
        /// truncated at 256).
        word_pieces: usize,
        /// Milliseconds spent embedding, from the request to the last vector.
        embed_ms: f64,
        /// Workers that took part (this one included).
        workers: usize,
        /// Bytes of WebAssembly memory of the workers that took part (memory only grows,
        /// so this is also their peak).
        memory_bytes: u64,
    },
    /// The answer to [`ToWorker::Search`].
    Found {
        /// The request this answers.
        request_id: RequestId,
        /// The query, as asked.
        query: String,
        /// The closest requirements, best first.
        hits: Vec<SearchHit>,
        /// Requirements searched (every post of the last analysis).
        searched: usize,
        /// Milliseconds to embed the query (0 when it was cached).
        embed_ms: f64,
        /// Milliseconds to score every requirement and pick the best.
        search_ms: f64,
    },
    /// The map of a [`ToWorker::Map`] still settling: the t-SNE layout after `step` of
    /// `steps` steps, sent about twice a second while the fit runs (so a large map is seen
    /// taking shape); the final [`FromWorker::Mapped`] follows.
    MapFrame {
        /// The request this belongs to.
        request_id: RequestId,
        /// Steps done.
        step: usize,
        /// Steps in all.
        steps: usize,
        /// The points as they stand, in the order of [`FromWorker::Mapped`].
        points: Vec<MapPoint>,
    },
    /// The answer to [`ToWorker::Map`].
    Mapped {
        /// The request this answers.
        request_id: RequestId,
        /// One point per resume sentence, then per requirement of each post in order.
        points: Vec<MapPoint>,
        /// How the points were laid out, in words.
        method: String,
        /// Trustworthiness at k = 10 (1 = every map neighbour is a true neighbour); `None`
        /// for too few points, or too many to measure quickly.
        trustworthiness: Option<f64>,
        /// Milliseconds the layout took.
        elapsed_ms: u64,
    },
    /// The answer to [`ToWorker::Similarities`]: a requirements × resume sentences grid.
    Similarities {
        /// The request this answers.
        request_id: RequestId,
        /// The post.
        post: usize,
        /// Resume sentences: the grid's width.
        columns: usize,
        /// Cosine × 1000, rounded (compact on the wire), row by row: row `r` holds requirement
        /// `r`'s similarity to each resume sentence, in the report's orders.
        per_mille: Vec<i16>,
    },
    /// How far an analysis has got; sent after every few sentences.
    AnalysisProgress {
        /// The analysis.
        request_id: RequestId,
        /// Distinct sentences ready (embedded now or found in the cache).
        sentences_done: usize,
        /// Distinct sentences in the analysis.
        sentences_total: usize,
        /// Of `sentences_total`, how many were already embedded by an earlier analysis.
        sentences_cached: usize,
    },
    /// Some of the posts of an analysis' report, [`parts::POSTS_PER_PART`] at a time, in
    /// order, before [`FromWorker::Analyzed`] (see [`parts`]).
    AnalyzedPart {
        /// The analysis.
        request_id: RequestId,
        /// The next posts of the report.
        posts: Vec<jobdelta_matching::PostReport>,
        /// How many posts the report has in all.
        posts_total: usize,
    },
    /// The report of an analysis.
    Analyzed {
        /// The analysis.
        request_id: RequestId,
        /// The report (boxed: it is large and the other messages are small); without its posts
        /// when they came in parts.
        report: Box<Report>,
        /// How many posts came before this in [`FromWorker::AnalyzedPart`]s and belong in the
        /// report's `posts` (0: the report carries its posts).
        #[serde(default)]
        posts_in_parts: usize,
        /// Distinct sentences embedded in this analysis (the others came from the cache).
        sentences_embedded: usize,
        /// Distinct sentences taken from the cache.
        sentences_cached: usize,
        /// Milliseconds from `Analyze` to the report.
        elapsed_ms: u64,
    },
    /// The inputs cannot be analysed as they are; nothing was embedded.
    InputRejected {
        /// The analysis.
        request_id: RequestId,
        /// What to fix, per input.
        problems: Vec<InputProblem>,
    },
    /// The analysis or map stopped before finishing (cancelled, or replaced by a newer one).
    Cancelled {
        /// The analysis or map.
        request_id: RequestId,
    },
    /// Every cached embedding is gone (the answer to [`ToWorker::ClearCache`]).
    CacheCleared,
    /// The answer to [`ToWorker::Interview`].
    Interviewed {
        /// The request this answers.
        request_id: RequestId,
        /// Stories, questions with their best stories, fits per post (boxed: it is large).
        interview: Box<Interview>,
        /// Distinct texts embedded for it (the others came from the cache).
        sentences_embedded: usize,
        /// Milliseconds from the request to the answer.
        elapsed_ms: u64,
    },
    /// The answer to [`ToWorker::Progress`].
    Progressed {
        /// The request this answers.
        request_id: RequestId,
        /// Each version's results and the changes between consecutive versions.
        progress: Progress,
        /// Milliseconds from the request to the answer.
        elapsed_ms: u64,
    },
    /// The answer to [`ToWorker::Posture`].
    Postured {
        /// The request this answers.
        request_id: RequestId,
        /// The groups.
        posture: Posture,
        /// Milliseconds from the request to the answer.
        elapsed_ms: u64,
    },
    /// The answer to [`ToWorker::Ask`].
    Answered {
        /// The request this answers.
        request_id: RequestId,
        /// The question, as asked.
        question: String,
        /// The closest sentences with their stories, best first.
        answers: Vec<Answer>,
        /// Milliseconds to embed what was not embedded yet (the question, maybe the document).
        embed_ms: f64,
        /// Milliseconds to score every sentence and pick the best.
        search_ms: f64,
    },
}

impl WireMessage for FromWorker {}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn posture_example() -> Posture {
        use jobdelta_matching::posture::{
            Change, Group, GroupRequirement, GroupSkill, Standing, Trend,
        };
        Posture {
            groups: vec![Group {
                label: "Nurse".into(),
                posts: vec!["p7".into()],
                post_indices: vec![0],
                requirements: vec![GroupRequirement {
                    text: "RN licence".into(),
                    share: 1.0,
                    covered: jobdelta_matching::Coverage::Missing,
                }],
                skills: vec![GroupSkill {
                    name: "BLS".into(),
                    share: 1.0,
                    you_have: false,
                }],
                coverage: 0.25,
                standing: Standing {
                    median_fit: 12.0,
                    best_fit: 12.0,
                    good_fits: 0,
                    rank: 1,
                },
                trend: Some(Trend {
                    quarters: vec![("2026-Q1".into(), 1)],
                    rising: vec![],
                    falling: vec![Change {
                        text: "BLS".into(),
                        skill: true,
                        earlier: 1.0,
                        latest: 0.5,
                    }],
                }),
            }],
        }
    }

    fn to_worker_examples() -> Vec<ToWorker> {
        vec![
            ToWorker::LoadModel {
                base_url: "http://127.0.0.1:8080/app/models/all-MiniLM-L6-v2/".into(),
                workers: None,
                precision: None,
                model: None,
            },
            ToWorker::LoadModel {
                base_url: "http://127.0.0.1:8080/".into(),
                workers: Some(2),
                precision: Some(Precision::Int8),
                model: Some("paraphrase-MiniLM-L3-v2".into()),
            },
            ToWorker::Embed {
                request_id: RequestId(9),
                texts: vec!["Rust".into(), "ÿ 😀".into()],
            },
            ToWorker::Compare {
                request_id: RequestId(7),
                first: "spark, \"hadoop\"\nand ✓ unicode".into(),
                second: "python".into(),
            },
            ToWorker::Analyze {
                request_id: RequestId(8),
                resume: "Built a Rust service.\n- Led 4 engineers".into(),
                posts: vec![
                    PostText {
                        title: Some("Rust engineer".into()),
                        text: "Requirements:\n- Rust".into(),
                    },
                    PostText {
                        title: None,
                        text: "<p>日本語 😀</p>".into(),
                    },
                ],
                thresholds: Thresholds::default(),
            },
            ToWorker::Search {
                request_id: RequestId(10),
                query: "kubernetes".into(),
                limit: 20,
            },
            ToWorker::Cancel {
                request_id: RequestId(8),
            },
            ToWorker::Map {
                request_id: RequestId(11),
            },
            ToWorker::Similarities {
                request_id: RequestId(12),
                post: 2,
            },
            ToWorker::Interview {
                request_id: RequestId(11),
                resume: "## Kafka migration\n- Zero lost events.".into(),
                posts: vec![PostText {
                    title: None,
                    text: "Requirements\n- Kafka".into(),
                }],
            },
            ToWorker::Ask {
                request_id: RequestId(12),
                resume: "Led the migration.".into(),
                question: "Tell me about a conflict".into(),
                limit: 5,
            },
            ToWorker::Progress {
                request_id: RequestId(13),
                versions: vec![
                    ("May".into(), "Built a Rust service.".into()),
                    ("June".into(), "Built a Rust service.\n- Ran Kafka.".into()),
                ],
                posts: vec![PostText {
                    title: None,
                    text: "Requirements\n- Kafka".into(),
                }],
                thresholds: Thresholds::default(),
            },
            ToWorker::Posture {
                request_id: RequestId(14),
                resume: "Built a Rust service.".into(),
                posts: vec![PostText {
                    title: Some("Nurse".into()),
                    text: "Requirements\n- RN licence".into(),
                }],
                meta: vec![PostMeta {
                    id: "p7".into(),
                    date: Some("2026-03-01".into()),
                }],
                thresholds: Thresholds::default(),
            },
            ToWorker::ClearCache,
            ToWorker::PanicForTest,
        ]
    }

    fn from_worker_examples() -> Vec<FromWorker> {
        vec![
            FromWorker::Started,
            FromWorker::Download {
                file: ModelFile::Weights,
                bytes_done: 1 << 20,
                bytes_total: Some(45_441_912),
            },
            FromWorker::Download {
                file: ModelFile::Config,
                bytes_done: 612,
                bytes_total: None,
            },
            FromWorker::Models {
                models: vec![ModelInfo {
                    name: "paraphrase-MiniLM-L3-v2".into(),
                    id: "sentence-transformers/paraphrase-MiniLM-L3-v2".into(),
                    licence: "Apache-2.0".into(),
                    download_bytes: 34_489_776,
                    layers: 3,
                    max_seq_len: 128,
                    candle: true,
                }],
            },
            FromWorker::Verifying,
            FromWorker::Building,
            FromWorker::Ready {
                model_id: "sentence-transformers/all-MiniLM-L6-v2".into(),
                load_ms: 1234,
                engine: Engine {
                    backend: Backend::Fast,
                    f16_weights: true,
                    relaxed_simd: false,
                    workers: 2,
                    precision: Precision::Int8,
                },
            },
            FromWorker::Ready {
                model_id: "sentence-transformers/all-MiniLM-L6-v2+candle".into(),
                load_ms: 2345,
                engine: Engine {
                    backend: Backend::Candle,
                    f16_weights: true,
                    relaxed_simd: false,
                    workers: 1,
                    precision: Precision::F32,
                },
            },
            FromWorker::Workers {
                ready: 1,
                planned: 2,
            },
            FromWorker::Embedded {
                request_id: RequestId(9),
                vectors: vec![vec![0.1, -0.25, f32::MIN_POSITIVE], vec![]],
                word_pieces: 7,
                embed_ms: 12.5,
                workers: 2,
                memory_bytes: 200 << 20,
            },
            FromWorker::LoadFailed {
                message: "the weights are corrupted".into(),
            },
            FromWorker::Compared {
                request_id: RequestId(u32::MAX),
                cosine: -0.25,
                first: PieceCount {
                    used: 256,
                    total: 763,
                },
                second: PieceCount {
                    used: 29,
                    total: 29,
                },
                preprocessed: vec![
                    PreprocessedCosine {
                        mode: Preprocessing::NltkStopWords,
                        cosine: Some(0.3553),
                    },
                    PreprocessedCosine {
                        mode: Preprocessing::JargonOnly,
                        cosine: None,
                    },
                ],
            },
            FromWorker::RequestFailed {
                request_id: RequestId(0),
                message: "text 1 is empty".into(),
            },
            FromWorker::Found {
                request_id: RequestId(10),
                query: "kubernetes".into(),
                hits: vec![SearchHit {
                    post: 3,
                    requirement: 1,
                    text: "Run Kubernetes in production.".into(),
                    similarity: 0.71,
                }],
                searched: 41_000,
                embed_ms: 21.0,
                search_ms: 6.5,
            },
            FromWorker::AnalysisProgress {
                request_id: RequestId(2),
                sentences_done: 10,
                sentences_total: 40,
                sentences_cached: 3,
            },
            FromWorker::InputRejected {
                request_id: RequestId(2),
                problems: vec![InputProblem {
                    place: ProblemPlace::Post { index: 1 },
                    message: "empty".into(),
                }],
            },
            FromWorker::Cancelled {
                request_id: RequestId(2),
            },
            FromWorker::CacheCleared,
            FromWorker::Mapped {
                request_id: RequestId(11),
                points: vec![
                    MapPoint {
                        x: -1.5,
                        y: 2.25,
                        source: MapSource::Resume { sentence: 0 },
                    },
                    MapPoint {
                        x: 0.0,
                        y: -3.0,
                        source: MapSource::Requirement {
                            post: 1,
                            requirement: 4,
                        },
                    },
                ],
                method: "t-SNE".into(),
                trustworthiness: Some(0.875),
                elapsed_ms: 40,
            },
            FromWorker::MapFrame {
                request_id: RequestId(11),
                step: 250,
                steps: 1000,
                points: vec![MapPoint {
                    x: 0.5,
                    y: -0.5,
                    source: MapSource::Resume { sentence: 0 },
                }],
            },
            FromWorker::Similarities {
                request_id: RequestId(12),
                post: 2,
                columns: 3,
                per_mille: vec![1000, -250, 0, 512, 7, -1000],
            },
            FromWorker::Answered {
                request_id: RequestId(12),
                question: "Tell me about a conflict".into(),
                answers: vec![Answer {
                    text: "Disagreed with our staff engineer.".into(),
                    score: 0.52,
                    story: jobdelta_interview::StoryRef {
                        id: 3,
                        title: "Disagreement".into(),
                        start: jobdelta_text::StoryDate::parse("2023"),
                        end: Some(jobdelta_text::StoryEnd::Present),
                    },
                    span: Some(10..44),
                }],
                embed_ms: 12.0,
                search_ms: 0.1,
            },
            FromWorker::Progressed {
                request_id: RequestId(13),
                progress: Progress {
                    versions: vec![VersionResult {
                        label: "May".into(),
                        posts: vec![VersionPost {
                            title: "Kafka engineer".into(),
                            fit: 41.5,
                            covered: 2,
                        }],
                    }],
                    changes: vec![PostChange {
                        title: "Kafka engineer".into(),
                        from: "May".into(),
                        to: "June".into(),
                        newly_covered: vec!["Kafka".into()],
                        no_longer_covered: vec![],
                    }],
                },
                elapsed_ms: 900,
            },
            FromWorker::Postured {
                request_id: RequestId(14),
                posture: posture_example(),
                elapsed_ms: 40,
            },
        ]
    }

    /// An interview answer carries a whole [`Interview`]; it round-trips too.
    #[test]
    fn interviews_round_trip() -> Result<()> {
        let plan = jobdelta_interview::plan(
            "Experience\nEngineer, Acme 2021 – Present\n- Cut latency by 40%.\n",
            &[],
        )
        .map_err(|e| serde_json::Error::io(std::io::Error::other(e.to_string())))?;
        let vectors: Vec<Vec<f32>> = plan.texts_to_embed.iter().map(|_| vec![0.6, 0.8]).collect();
        let message = FromWorker::Interviewed {
            request_id: RequestId(11),
            interview: Box::new(plan.interview(&vectors)),
            sentences_embedded: 3,
            elapsed_ms: 400,
        };
        assert_eq!(FromWorker::from_json(&message.to_json()?)?, message);
        Ok(())
    }

    /// The interview's themes travel as `{"id","label","stories"}`; an `Interviewed` from a
    /// worker built before themes (no `themes` key) still decodes, with none.
    #[test]
    fn interview_themes_on_the_wire() -> Result<()> {
        let plan = jobdelta_interview::plan(
            "### Kafka migration\nMoved order events to Kafka.\n\n### Hiring\nRedesigned our interview loop.\n",
            &[],
        )
        .map_err(|e| serde_json::Error::io(std::io::Error::other(e.to_string())))?;
        let vectors: Vec<Vec<f32>> = plan.texts_to_embed.iter().map(|_| vec![0.6, 0.8]).collect();
        let interview = plan.interview(&vectors);
        let json = serde_json::to_value(&interview)?;
        let themes = &json["themes"];
        assert_eq!(themes.as_array().map(Vec::len), Some(1), "{themes}");
        assert_eq!(themes[0]["id"], 0);
        assert_eq!(themes[0]["stories"], serde_json::json!([0, 1]));
        assert!(themes[0]["label"].is_string());
        let mut older = json.clone();
        if let Some(object) = older.as_object_mut() {
            object.remove("themes");
        }
        let decoded: jobdelta_interview::Interview = serde_json::from_value(older)?;
        assert!(decoded.themes.is_empty());
        Ok(())
    }

    #[test]
    fn every_message_round_trips() -> Result<()> {
        for message in to_worker_examples() {
            assert_eq!(ToWorker::from_json(&message.to_json()?)?, message);
        }
        for message in from_worker_examples() {
            assert_eq!(FromWorker::from_json(&message.to_json()?)?, message);
        }
        Ok(())
    }

    /// The wire format is what shows up in devtools and what a page and worker from the same
    /// build must agree on; pin it so a rename is a deliberate change.
    #[test]
    fn wire_format_is_tagged_snake_case_json() -> Result<()> {
        let cases = [
            (FromWorker::Started.to_json()?, r#"{"type":"started"}"#),
            (
                ToWorker::LoadModel {
                    base_url: "http://x/".into(),
                    workers: Some(1),
                    precision: Some(Precision::Int8),
                    model: Some("paraphrase-MiniLM-L3-v2".into()),
                }
                .to_json()?,
                concat!(
                    r#"{"type":"load_model","base_url":"http://x/","workers":1,"precision":"int8","#,
                    r#""model":"paraphrase-MiniLM-L3-v2"}"#
                ),
            ),
            (
                FromWorker::Download {
                    file: ModelFile::Weights,
                    bytes_done: 10,
                    bytes_total: None,
                }
                .to_json()?,
                r#"{"type":"download","file":"weights","bytes_done":10,"bytes_total":null}"#,
            ),
            (
                ToWorker::Compare {
                    request_id: RequestId(3),
                    first: "a".into(),
                    second: "b".into(),
                }
                .to_json()?,
                r#"{"type":"compare","request_id":3,"first":"a","second":"b"}"#,
            ),
            (
                FromWorker::RequestFailed {
                    request_id: RequestId(3),
                    message: "no".into(),
                }
                .to_json()?,
                r#"{"type":"request_failed","request_id":3,"message":"no"}"#,
            ),
            (
                ToWorker::Map {
                    request_id: RequestId(4),
                }
                .to_json()?,
                r#"{"type":"map","request_id":4}"#,
            ),
            (
                FromWorker::Ready {
                    model_id: "m".into(),
                    load_ms: 7,
                    engine: Engine {
                        backend: Backend::Candle,
                        f16_weights: true,
                        relaxed_simd: false,
                        workers: 1,
                        precision: Precision::F32,
                    },
                }
                .to_json()?,
                concat!(
                    r#"{"type":"ready","model_id":"m","load_ms":7,"engine":{"backend":"candle","#,
                    r#""f16_weights":true,"relaxed_simd":false,"workers":1,"precision":"f32"}}"#
                ),
            ),
            (
                FromWorker::AnalyzedPart {
                    request_id: RequestId(5),
                    posts: Vec::new(),
                    posts_total: 120,
                }
                .to_json()?,
                r#"{"type":"analyzed_part","request_id":5,"posts":[],"posts_total":120}"#,
            ),
            (
                FromWorker::Mapped {
                    request_id: RequestId(4),
                    points: vec![
                        MapPoint {
                            x: 1.5,
                            y: -2.0,
                            source: MapSource::Resume { sentence: 3 },
                        },
                        MapPoint {
                            x: 0.0,
                            y: 0.25,
                            source: MapSource::Requirement {
                                post: 1,
                                requirement: 2,
                            },
                        },
                    ],
                    method: "t-SNE".into(),
                    trustworthiness: None,
                    elapsed_ms: 9,
                }
                .to_json()?,
                concat!(
                    r#"{"type":"mapped","request_id":4,"points":["#,
                    r#"{"x":1.5,"y":-2.0,"source":{"kind":"resume","sentence":3}},"#,
                    r#"{"x":0.0,"y":0.25,"source":{"kind":"requirement","post":1,"requirement":2}}],"#,
                    r#""method":"t-SNE","trustworthiness":null,"elapsed_ms":9}"#
                ),
            ),
            (
                FromWorker::MapFrame {
                    request_id: RequestId(4),
                    step: 20,
                    steps: 1000,
                    points: vec![MapPoint {
                        x: 0.5,
                        y: 1.0,
                        source: MapSource::Resume { sentence: 0 },
                    }],
                }
                .to_json()?,
                concat!(
                    r#"{"type":"map_frame","request_id":4,"step":20,"steps":1000,"points":["#,
                    r#"{"x":0.5,"y":1.0,"source":{"kind":"resume","sentence":0}}]}"#
                ),
            ),
            (
                ToWorker::Progress {
                    request_id: RequestId(6),
                    versions: vec![("old".into(), "a".into()), ("new".into(), "b".into())],
                    posts: vec![],
                    thresholds: Thresholds::default(),
                }
                .to_json()?,
                concat!(
                    r#"{"type":"progress","request_id":6,"versions":[["old","a"],["new","b"]],"#,
                    r#""posts":[],"thresholds":{"covered":0.5,"partly":0.35}}"#
                ),
            ),
            (
                FromWorker::Progressed {
                    request_id: RequestId(6),
                    progress: Progress {
                        versions: vec![VersionResult {
                            label: "old".into(),
                            posts: vec![VersionPost {
                                title: "P".into(),
                                fit: 50.0,
                                covered: 1,
                            }],
                        }],
                        changes: vec![],
                    },
                    elapsed_ms: 3,
                }
                .to_json()?,
                concat!(
                    r#"{"type":"progressed","request_id":6,"progress":{"versions":[{"label":"old","#,
                    r#""posts":[{"title":"P","fit":50.0,"covered":1}]}],"changes":[]},"elapsed_ms":3}"#
                ),
            ),
            (
                ToWorker::Posture {
                    request_id: RequestId(7),
                    resume: "r".into(),
                    posts: vec![],
                    meta: vec![PostMeta {
                        id: "p1".into(),
                        date: None,
                    }],
                    thresholds: Thresholds::default(),
                }
                .to_json()?,
                concat!(
                    r#"{"type":"posture","request_id":7,"resume":"r","posts":[],"#,
                    r#""meta":[{"id":"p1","date":null}],"thresholds":{"covered":0.5,"partly":0.35}}"#
                ),
            ),
            (
                FromWorker::Postured {
                    request_id: RequestId(7),
                    posture: posture_example(),
                    elapsed_ms: 5,
                }
                .to_json()?,
                concat!(
                    r#"{"type":"postured","request_id":7,"posture":{"groups":[{"label":"Nurse","#,
                    r#""posts":["p7"],"post_indices":[0],"#,
                    r#""requirements":[{"text":"RN licence","share":1.0,"covered":"missing"}],"#,
                    r#""skills":[{"name":"BLS","share":1.0,"you_have":false}],"coverage":0.25,"#,
                    r#""standing":{"median_fit":12.0,"best_fit":12.0,"good_fits":0,"rank":1},"#,
                    r#""trend":{"quarters":[["2026-Q1",1]],"rising":[],"#,
                    r#""falling":[{"text":"BLS","skill":true,"earlier":1.0,"latest":0.5}]}}]},"#,
                    r#""elapsed_ms":5}"#
                ),
            ),
            (
                ToWorker::Similarities {
                    request_id: RequestId(5),
                    post: 0,
                }
                .to_json()?,
                r#"{"type":"similarities","request_id":5,"post":0}"#,
            ),
            (
                FromWorker::Similarities {
                    request_id: RequestId(5),
                    post: 0,
                    columns: 2,
                    per_mille: vec![812, -40],
                }
                .to_json()?,
                r#"{"type":"similarities","request_id":5,"post":0,"columns":2,"per_mille":[812,-40]}"#,
            ),
            (
                ToWorker::Ask {
                    request_id: RequestId(4),
                    resume: "r".into(),
                    question: "q".into(),
                    limit: 3,
                }
                .to_json()?,
                r#"{"type":"ask","request_id":4,"resume":"r","question":"q","limit":3}"#,
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
        Ok(())
    }

    #[test]
    fn malformed_messages_are_errors_not_panics() {
        for json in [
            "",
            "{}",
            r#"{"type":"explode"}"#,
            r#"{"type":"compare","request_id":-1}"#,
            "[1,2]",
        ] {
            assert!(
                ToWorker::from_json(json).is_err(),
                "{json:?} should not decode"
            );
            assert!(
                FromWorker::from_json(json).is_err(),
                "{json:?} should not decode"
            );
        }
    }

    #[test]
    fn engines_describe_themselves() {
        let engine = Engine {
            backend: Backend::Fast,
            f16_weights: true,
            relaxed_simd: true,
            workers: 2,
            precision: Precision::F32,
        };
        assert_eq!(
            engine.describe(),
            "f16 weights, f32 maths, relaxed SIMD, 2 workers"
        );
        let candle = Engine {
            backend: Backend::Candle,
            ..engine
        };
        assert_eq!(
            candle.describe(),
            "candle-transformers, f16 weights, f32 maths, relaxed SIMD, 2 workers"
        );
        let single = Engine {
            backend: Backend::Fast,
            f16_weights: false,
            relaxed_simd: false,
            workers: 1,
            precision: Precision::Int8,
        };
        assert_eq!(single.describe(), "f32 weights, int8 maths, SIMD, 1 worker");
    }

    /// A page from before pools sends `load_model` without `workers`; it still decodes.
    #[test]
    fn load_model_without_workers_decodes() -> Result<()> {
        let message = ToWorker::from_json(r#"{"type":"load_model","base_url":"http://x/"}"#)?;
        assert_eq!(
            message,
            ToWorker::LoadModel {
                base_url: "http://x/".into(),
                workers: None,
                precision: None,
                model: None,
            }
        );
        Ok(())
    }

    /// A `load_model` without a model (the default) leaves the field out of the wire.
    #[test]
    fn load_model_of_the_default_names_no_model() -> Result<()> {
        let message = ToWorker::LoadModel {
            base_url: "http://x/".into(),
            workers: None,
            precision: None,
            model: None,
        };
        assert_eq!(
            message.to_json()?,
            r#"{"type":"load_model","base_url":"http://x/","workers":null,"precision":null}"#
        );
        Ok(())
    }

    #[test]
    fn a_model_recognises_its_ids_at_every_precision() {
        let l3 = ModelInfo {
            name: "paraphrase-MiniLM-L3-v2".into(),
            id: "sentence-transformers/paraphrase-MiniLM-L3-v2".into(),
            licence: "Apache-2.0".into(),
            download_bytes: 1,
            layers: 3,
            max_seq_len: 128,
            candle: true,
        };
        assert!(l3.runs_as("sentence-transformers/paraphrase-MiniLM-L3-v2"));
        assert!(l3.runs_as("sentence-transformers/paraphrase-MiniLM-L3-v2+int8"));
        assert!(!l3.runs_as("sentence-transformers/paraphrase-MiniLM-L3-v2x"));
        assert!(!l3.runs_as("sentence-transformers/all-MiniLM-L6-v2"));
    }

    /// A worker from before int8 sends `ready` without a precision: it ran f32.
    #[test]
    fn ready_without_precision_decodes_as_f32() -> Result<()> {
        let message = FromWorker::from_json(concat!(
            r#"{"type":"ready","model_id":"m","load_ms":5,"#,
            r#""engine":{"f16_weights":true,"relaxed_simd":false,"workers":1}}"#
        ))?;
        let FromWorker::Ready { engine, .. } = message else {
            panic!("a ready message");
        };
        assert_eq!(engine.precision, Precision::F32);
        // Nor a backend: it ran the fast encoder.
        assert_eq!(engine.backend, Backend::Fast);
        Ok(())
    }

    #[test]
    fn backends_round_trip_through_their_names() {
        for backend in [Backend::Fast, Backend::Candle] {
            assert_eq!(Backend::from_name(backend.name()), Some(backend));
        }
        assert_eq!(Backend::from_name("onnx"), None);
        assert_eq!(Backend::from_name("Candle"), None);
    }

    #[test]
    fn truncation_is_total_beyond_used() {
        let cases = [((256, 763), true), ((29, 29), false), ((3, 3), false)];
        for ((used, total), truncated) in cases {
            assert_eq!(
                PieceCount { used, total }.is_truncated(),
                truncated,
                "{used}/{total}"
            );
        }
    }

    #[test]
    fn model_files_have_distinct_names() {
        let names: Vec<_> = ModelFile::ALL.iter().map(|f| f.file_name()).collect();
        assert_eq!(
            names,
            ["config.json", "tokenizer.json", "model.f16.safetensors"]
        );
    }

    #[test]
    fn request_ids_wrap_instead_of_overflowing() {
        assert_eq!(RequestId(1).next(), RequestId(2));
        assert_eq!(RequestId(u32::MAX).next(), RequestId(0));
    }
}
