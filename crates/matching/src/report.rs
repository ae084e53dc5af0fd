//! The report's shape: the documented JSON of `jobdelta match --json` and of the worker's
//! `Analyzed` message. How thresholds and marks turn its stored similarities into statuses,
//! fits, ranks and a summary is [`crate::rescore`]'s business.

use jobdelta_text::{SectionKind, SentenceRole};
use serde::{Deserialize, Serialize};

use crate::check::{FitCap, RequirementCheck};
use crate::feedback::{SentenceFeedback, UnseenTerm};
use crate::fit::FitSignals;
use crate::learn::Learning;
use crate::score::{Coverage, Thresholds};
use crate::skills::SkillCheck;
use crate::terms::{MissingTerm, TermGap};

/// Resume sentences kept as evidence for each requirement.
pub const EVIDENCE_PER_REQUIREMENT: usize = 3;
/// Requirements kept for each resume sentence, across all posts.
pub const MATCHES_PER_RESUME_SENTENCE: usize = 5;
/// Gaps listed in the summary.
pub const SUMMARY_GAPS: usize = 10;
/// Posts listed as strongest in the summary.
pub const SUMMARY_STRONGEST: usize = 3;
/// Resume sentences listed as a post's strongest stories.
pub const STORIES_PER_POST: usize = 3;

/// The whole match report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The embedding model the similarities come from (its sentence-transformers name),
    /// set by whoever embedded the texts: the worker, the CLI.
    #[serde(default)]
    pub model: String,
    /// The thresholds the statuses and fits below were computed with.
    pub thresholds: Thresholds,
    /// One entry per post, in the order given.
    pub posts: Vec<PostReport>,
    /// Post indices from best fit to worst.
    pub ranking: Vec<usize>,
    /// One entry per distinct resume sentence, in resume order.
    pub resume: Vec<ResumeSentenceReport>,
    /// Across all posts.
    pub summary: Summary,
    /// Terms the resume lacks, across all posts: asked as a must-have by most posts first.
    #[serde(default)]
    pub term_gaps: Vec<TermGap>,
    /// Canonical skill and technology names the resume mentions, in resume order.
    #[serde(default)]
    pub resume_terms: Vec<String>,
    /// Feedback on each resume sentence, as in [`Report::resume`].
    #[serde(default)]
    pub sentence_feedback: Vec<SentenceFeedback>,
    /// The attribution to show with the terms (the ESCO licence and skill-extractor's MIT
    /// licence ask for it).
    #[serde(default)]
    pub gazetteer_attribution: String,
    /// What the ranking learned from the person's marks ([`Report::set_marks`]), once there
    /// are enough of them; the fits and ranks above then come from it.
    #[serde(default)]
    pub learning: Option<Learning>,
}

/// One post: its fit and each requirement with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostReport {
    /// The post's title.
    pub title: String,
    /// How well the post fits, from 0 to 100: the share of a reference set of posts it beats
    /// ([`crate::fit`]); learned from the person's marks when there are enough.
    pub fit: f32,
    /// The fit before any mark.
    #[serde(default)]
    pub zero_shot_fit: f32,
    /// The signals the fit is made of.
    #[serde(default)]
    pub signals: FitSignals,
    /// The person's mark: `Some(true)` fit, `Some(false)` not for me.
    #[serde(default)]
    pub mark: Option<bool>,
    /// 1 for the best-fitting post.
    pub rank: usize,
    /// Share of the other posts this one fits better than, in [0, 100]; `None` with one post.
    pub percentile: Option<f32>,
    /// A word for the fit.
    pub label: FitLabel,
    /// How the fit is made.
    pub breakdown: FitBreakdown,
    /// The requirement sentences, in post order.
    pub requirements: Vec<RequirementReport>,
    /// Resume sentences that support most of this post's requirements, best first
    /// (indices into [`Report::resume`]).
    pub strongest_stories: Vec<usize>,
    /// Sentences of the post left out of the match (company blurb, benefits, legal).
    pub ignored_sentences: usize,
    /// For each resume sentence (as in [`Report::resume`]), its best similarity to a
    /// requirement of this post: what the fit is computed from.
    pub experience_scores: Vec<f32>,
    /// Skills and technologies this post asks for that the resume never names.
    #[serde(default)]
    pub missing_terms: Vec<MissingTerm>,
    /// Distinct skills and technologies the post's requirements name (so "your resume names
    /// every skill this post names" is only said when there was at least one).
    #[serde(default)]
    pub skills_named: usize,
    /// Words of this post the model's tokenizer shatters into many pieces.
    #[serde(default)]
    pub unseen_terms: Vec<UnseenTerm>,
    /// The post's hard requirements checked against the resume (met / not met / unknown).
    #[serde(default)]
    pub checks: Vec<RequirementCheck>,
    /// The ceiling a missing must-have puts on the fit, if any (applied to `fit` and
    /// `zero_shot_fit`).
    #[serde(default)]
    pub fit_cap: Option<FitCap>,
    /// The post's embeddings that learning from marks compares (left out of the CLI's JSON).
    #[serde(default, skip_serializing_if = "PostVectors::is_empty")]
    pub vectors: PostVectors,
}

/// A post as vectors, for comparing posts with the ones the person marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PostVectors {
    /// Mean of its requirement embeddings, L2-normalised.
    pub content: Vec<f32>,
    /// Its title's embedding, if it has a title of its own.
    pub title: Option<Vec<f32>>,
}

impl PostVectors {
    /// True when there is nothing to compare (e.g. a report read back without them).
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.title.is_none()
    }
}

/// A word for a fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitLabel {
    /// Fit ≥ [`FitLabel::STRONG`].
    Strong,
    /// Fit ≥ [`FitLabel::GOOD`].
    Good,
    /// Fit ≥ [`FitLabel::SOME`].
    Some,
    /// Below.
    Weak,
}

impl FitLabel {
    /// Fit from which a post is a strong fit.
    pub const STRONG: f32 = 80.0;
    /// Fit from which a post is a good fit.
    pub const GOOD: f32 = 60.0;
    /// Fit from which a post is some fit.
    pub const SOME: f32 = 35.0;

    pub(crate) fn of(fit: f32) -> Self {
        if fit >= Self::STRONG {
            FitLabel::Strong
        } else if fit >= Self::GOOD {
            FitLabel::Good
        } else if fit >= Self::SOME {
            FitLabel::Some
        } else {
            FitLabel::Weak
        }
    }

    /// A short phrase for people.
    pub fn label(self) -> &'static str {
        match self {
            FitLabel::Strong => "strong fit",
            FitLabel::Good => "good fit",
            FitLabel::Some => "some fit",
            FitLabel::Weak => "weak fit",
        }
    }
}

/// The parts a fit is made of, and how much of the post the resume covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FitBreakdown {
    /// Mean over the resume sentences of the credit of their best match among the post's
    /// requirements, in [0, 1]: the share of the person's experience the post asks for (the
    /// fit's first signal).
    pub experience_match: f32,
    /// Resume sentences whose best match in this post reaches `partly`.
    pub sentences_used: usize,
    /// Σ weight × credit / Σ weight over the requirements, in [0, 1]: how much of the post the
    /// resume covers (must-haves weigh most).
    pub weighted_coverage: f32,
    /// Mean credit of the must-have requirements, if the post has a must-have section.
    pub must_have_coverage: Option<f32>,
    /// Mean credit of the nice-to-have requirements, if any.
    pub nice_to_have_coverage: Option<f32>,
    /// Requirements covered.
    pub covered: usize,
    /// Requirements partly covered.
    pub partly: usize,
    /// Requirements not covered.
    pub missing: usize,
    /// Must-have requirements.
    pub must_haves: usize,
    /// Must-have requirements covered.
    pub must_haves_covered: usize,
    /// Content words the post's requirements share with their evidence, most frequent first.
    pub shared_words: Vec<String>,
}

/// One requirement sentence of a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementReport {
    /// The sentence.
    pub text: String,
    /// The section it was found in.
    pub section: SectionKind,
    /// The heading above it, as written in the post.
    pub heading: Option<String>,
    /// Its weight in the fit (from its section).
    pub weight: f32,
    /// Similarity of the closest resume sentence (cosine, in [-1, 1]), whichever sentence
    /// leads the evidence.
    pub best_score: f32,
    /// Its status under the report's thresholds, with its skills checked by name
    /// ([`crate::skills`]).
    pub status: Coverage,
    /// The skills and tools it names, and where the resume names them.
    #[serde(default)]
    pub skills: SkillCheck,
    /// The closest resume sentences, best first, a sentence that already leads the evidence
    /// of other requirements of the post slightly lowered ([`crate::DIVERSITY_PENALTY`]).
    pub evidence: Vec<Evidence>,
}

/// A resume sentence supporting a requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into [`Report::resume`].
    pub resume_index: usize,
    /// The sentence.
    pub resume_sentence: String,
    /// Cosine similarity to the requirement.
    pub score: f32,
    /// Content words both sentences use (lower case).
    pub shared_words: Vec<String>,
}

/// One resume sentence and the requirements it speaks to across all posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeSentenceReport {
    /// The sentence.
    pub text: String,
    /// The heading above it in the resume.
    pub heading: Option<String>,
    /// What it is: only statements are evidence of experience or stories; a headline, contact,
    /// role/date, skill-list or place line can still name a skill.
    #[serde(default, skip_serializing_if = "SentenceRole::is_statement")]
    pub role: SentenceRole,
    /// The closest requirements over all posts, best first.
    pub best: Vec<StoryMatch>,
    /// Similarity of the closest requirement anywhere.
    pub max_score: f32,
    /// Skills and tools it names that some post asks for.
    #[serde(default)]
    pub asked_skills: Vec<String>,
    /// True when it is a statement near no requirement of any post: its closest is below
    /// [`crate::NOTHING_NEAR`] (what posts of another trade reach by chance) and it names no
    /// skill a post asks for.
    pub matches_nothing: bool,
}

/// A requirement a resume sentence speaks to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMatch {
    /// Index of the post in [`Report::posts`].
    pub post_index: usize,
    /// The post's title.
    pub post_title: String,
    /// Index of the requirement in that post's `requirements`.
    pub requirement_index: usize,
    /// The requirement.
    pub requirement: String,
    /// Its section.
    pub section: SectionKind,
    /// Cosine similarity.
    pub score: f32,
}

/// Across all posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Summary {
    /// Must-have requirements over all posts.
    pub must_haves: usize,
    /// Of which covered.
    pub must_haves_covered: usize,
    /// Of which partly covered.
    pub must_haves_partly: usize,
    /// The requirements most worth working on: not covered, must-haves first, those asked by
    /// the most posts first.
    pub top_gaps: Vec<Gap>,
    /// Post indices where the resume fits best.
    pub strongest_posts: Vec<usize>,
    /// Resume sentences that match no requirement of any post.
    pub unmatched_resume_sentences: usize,
}

/// A requirement nothing in the resume covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// The requirement, as first seen.
    pub requirement: String,
    /// Its section.
    pub section: SectionKind,
    /// Posts asking for it (same sentence up to case and punctuation).
    pub posts: Vec<usize>,
    /// Its best similarity to any resume sentence.
    pub best_score: f32,
}
