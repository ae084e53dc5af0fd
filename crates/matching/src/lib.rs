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
//! Each post's hard requirements (years, degree, seniority, licences …) are also checked
//! against the resume's facts ([`check_post`]); a must-have the person clearly lacks caps the
//! fit ([`fit_cap`]).
//!
//! Statuses and fit depend on adjustable [`Thresholds`]; [`Report::apply_thresholds`] recomputes
//! them from the stored similarities without the model.

#![warn(missing_docs)]

mod build;
mod check;
pub mod cluster;
mod error;
pub mod export;
mod feedback;
pub mod fit;
pub mod gaps;
pub mod learn;
pub mod metrics;
pub mod model_comparison;
pub mod posture;
mod prepare;
pub mod progress;
mod report;
mod rescore;
mod score;
mod search;
mod skill_mentions;
pub mod skills;
mod terms;
mod vector;

pub use build::{build_model_report, build_report, mean_direction, DIVERSITY_PENALTY};
pub use check::{
    check_post, checks_of_sentence, fit_cap, CheckStatus, FitCap, RequirementCheck, Shortfall,
    LACKING_MAX_FIT, STRETCH_MAX_FIT,
};
pub use error::{EmbeddingMismatch, InputProblem, InputProblems, ProblemPlace};
pub use feedback::{
    density, sentence_feedback, unseen_terms, Cut, Density, Duplicate, SeenPieces,
    SentenceFeedback, UnseenTerm, Verdict, WhitespacePieces, WordPieces, DUPLICATE_COSINE,
    FILLER_PHRASES, MAX_PIECES, MIN_WORD_LETTERS, SHATTERED_PIECES, UNSEEN_TERMS_PER_POST,
};
pub use fit::{fit_of_score, FitSignals, SignalScale, SIGNAL_SCALES};
pub use jobdelta_text::YearMonth;
pub use learn::{LearnedFeature, Learning, MIN_MARKS_PER_KIND};
pub use prepare::{
    prepare, prepare_for_model, prepare_on, resume_month, PostText, Prepared, PreparedPost,
    PreparedSentence, SkillCandidate,
};
pub use report::{
    Evidence, FitBreakdown, FitLabel, Gap, PostReport, PostVectors, Report, RequirementReport,
    ResumeSentenceReport, StoryMatch, Summary,
};
pub use score::{section_weight, Coverage, Thresholds, NOTHING_NEAR};
pub use search::{RequirementIndex, SearchHit};
pub use skill_mentions::{
    distinct_skill_names, sentence_skill_names, sentence_skill_names_unjudged, skill_candidates,
    skill_mentions, skill_name, SkillMention, SkillMethod, REPORT_SKILL_METHOD,
};
pub use skills::{rarity_weighted_skill_overlap, NamedSkill, SkillCheck};
pub use terms::{
    term_analysis, MissingTerm, NearMatch, TermAnalysis, TermGap, NEAR_MATCHES_PER_TERM,
};
pub use vector::dot;
