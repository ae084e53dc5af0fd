//! The match report: how a resume covers one or many job posts, requirement by requirement.
//!
//! The flow is split in two so the browser and the CLI compute the very same numbers:
//!
//! 1. [`prepare`] turns the pasted texts into sentences (resume) and requirements (posts), and
//!    lists the distinct sentences to embed ([`Prepared::texts_to_embed`]).
//! 2. The caller embeds those texts with the model (natively or in the Web Worker).
//! 3. [`build_report`] compares every requirement with every resume sentence and assembles the
//!    [`Report`]: per post a fit and rank, per requirement its status and best evidence, per
//!    resume sentence the requirements it speaks to, and a summary; plus the skills each post
//!    names that the resume lacks ([`term_analysis`]), the post's words the model's tokenizer
//!    shatters ([`WordPieces`]), and feedback on each resume sentence ([`SentenceFeedback`]).
//!
//! Statuses and fit depend on adjustable [`Thresholds`]; [`Report::apply_thresholds`] recomputes
//! them from the stored similarities without the model.

#![warn(missing_docs)]

mod build;
mod error;
mod feedback;
pub mod fit;
pub mod learn;
pub mod metrics;
mod prepare;
mod report;
mod score;
mod search;
mod terms;
mod vector;

pub use build::{build_report, mean_direction};
pub use error::{EmbeddingMismatch, InputProblem, InputProblems, ProblemPlace};
pub use feedback::{
    density, sentence_feedback, unseen_terms, Cut, Density, Duplicate, SeenPieces,
    SentenceFeedback, UnseenTerm, Verdict, WhitespacePieces, WordPieces, DUPLICATE_COSINE,
    FILLER_PHRASES, MAX_PIECES, MIN_WORD_LETTERS, SHATTERED_PIECES, UNSEEN_TERMS_PER_POST,
};
pub use fit::{fit_of_score, FitSignals, SignalScale, SIGNAL_SCALES};
pub use learn::{LearnedFeature, Learning, MIN_MARKS_PER_KIND};
pub use prepare::{prepare, PostText, Prepared, PreparedPost, PreparedSentence};
pub use report::{
    Evidence, FitBreakdown, FitLabel, Gap, PostReport, PostVectors, Report, RequirementReport,
    ResumeSentenceReport, StoryMatch, Summary,
};
pub use score::{section_weight, Coverage, Thresholds};
pub use search::{RequirementIndex, SearchHit};
pub use terms::{
    term_analysis, MissingTerm, NearMatch, TermAnalysis, TermGap, NEAR_MATCHES_PER_TERM,
};
pub use vector::dot;
