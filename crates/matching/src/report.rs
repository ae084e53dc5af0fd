//! The report's shape (also the documented JSON of `jobdelta match --json`), and how
//! thresholds turn its stored similarities into statuses, fits, ranks and a summary.

use std::collections::HashMap;

use jobdelta_text::SectionKind;
use serde::{Deserialize, Serialize};

use crate::check::{FitCap, RequirementCheck};
use crate::feedback::{SentenceFeedback, UnseenTerm};
use crate::fit::{fit_of_score, FitSignals};
use crate::learn::{learn_from_marks, Learning, PostProfile};
use crate::score::{section_weight, Coverage, Thresholds};
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
    /// The attribution to show with the terms (the ESCO licence asks for it).
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
    /// Similarity of the closest resume sentence (cosine, in [-1, 1]).
    pub best_score: f32,
    /// Its status under the report's thresholds.
    pub status: Coverage,
    /// The closest resume sentences, best first.
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
    /// The closest requirements over all posts, best first.
    pub best: Vec<StoryMatch>,
    /// Similarity of the closest requirement anywhere.
    pub max_score: f32,
    /// True when no requirement of any post reaches the `partly` threshold.
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

impl Report {
    /// Recomputes statuses, fits, ranks, labels and the summary under new thresholds, from
    /// the stored similarities (no model needed).
    pub fn apply_thresholds(&mut self, thresholds: Thresholds) {
        let t = thresholds.sanitized();
        self.thresholds = t;
        for post in &mut self.posts {
            score_post(post, t);
        }
        self.fit_posts();
        rank_posts(self);
        for sentence in &mut self.resume {
            sentence.matches_nothing = sentence.max_score < t.partly;
        }
        for post in &mut self.posts {
            post.strongest_stories = strongest_stories(&post.requirements, t);
        }
        self.summary = summarize(self, t);
        let mut support = vec![0_usize; self.sentence_feedback.len()];
        for r in self.posts.iter().flat_map(|p| &p.requirements) {
            if let Some(best) = r.evidence.first().filter(|e| e.score >= t.partly) {
                if let Some(count) = support.get_mut(best.resume_index) {
                    *count += 1;
                }
            }
        }
        for (feedback, count) in self.sentence_feedback.iter_mut().zip(support) {
            feedback.supports_requirements = count;
        }
    }
}

impl Report {
    /// Records the person's marks (one per post, in post order: `Some(true)` fit,
    /// `Some(false)` not for me; missing entries count as unmarked) and re-ranks: with enough
    /// marks the fits come from what they teach ([`crate::learn`]).
    pub fn set_marks(&mut self, marks: &[Option<bool>]) {
        for (i, post) in self.posts.iter_mut().enumerate() {
            post.mark = marks.get(i).copied().flatten();
        }
        self.apply_thresholds(self.thresholds);
    }

    /// Sets each post's zero-shot fit and, learning from the marks when there are enough of
    /// them, its fit and label.
    fn fit_posts(&mut self) {
        for post in &mut self.posts {
            post.zero_shot_fit = fit_of_score(post.signals.zero_shot_score());
            post.fit = post.zero_shot_fit;
        }
        let marks: Vec<Option<bool>> = self.posts.iter().map(|p| p.mark).collect();
        let profiles: Vec<PostProfile<'_>> = self
            .posts
            .iter()
            .map(|p| PostProfile {
                signals: p.signals.standardized(),
                content: &p.vectors.content,
                title: p.vectors.title.as_deref(),
            })
            .collect();
        let learned = learn_from_marks(&profiles, &marks);
        self.learning = learned.map(|(scores, learning)| {
            for (post, score) in self.posts.iter_mut().zip(scores) {
                post.fit = fit_of_score(score);
            }
            learning
        });
        for post in &mut self.posts {
            // A must-have the person clearly lacks: no similarity makes it a good fit.
            if let Some(cap) = &post.fit_cap {
                post.fit = post.fit.min(cap.max_fit);
                post.zero_shot_fit = post.zero_shot_fit.min(cap.max_fit);
            }
            post.label = FitLabel::of(post.fit);
        }
    }
}

fn score_post(post: &mut PostReport, t: Thresholds) {
    let mut b = FitBreakdown::default();
    let (mut weighted, mut weights) = (0.0_f32, 0.0_f32);
    let (mut must, mut nice) = (Mean::default(), Mean::default());
    let mut words: HashMap<&str, usize> = HashMap::new();
    for r in &mut post.requirements {
        r.status = t.status(r.best_score);
        let credit = t.credit(r.best_score);
        weighted += r.weight * credit;
        weights += r.weight;
        match r.status {
            Coverage::Covered => b.covered += 1,
            Coverage::Partly => b.partly += 1,
            Coverage::Missing => b.missing += 1,
        }
        match r.section {
            SectionKind::Required => {
                must.add(credit);
                b.must_haves += 1;
                if r.status == Coverage::Covered {
                    b.must_haves_covered += 1;
                }
            }
            SectionKind::Preferred => nice.add(credit),
            _ => {}
        }
        if r.status != Coverage::Missing {
            if let Some(best) = r.evidence.first() {
                for w in &best.shared_words {
                    *words.entry(w.as_str()).or_default() += 1;
                }
            }
        }
    }
    b.weighted_coverage = if weights > 0.0 {
        weighted / weights
    } else {
        0.0
    };
    let experience = &post.experience_scores;
    b.experience_match = if experience.is_empty() {
        0.0
    } else {
        experience.iter().map(|&s| t.credit(s)).sum::<f32>() / experience.len() as f32
    };
    b.sentences_used = experience.iter().filter(|&&s| s >= t.partly).count();
    b.must_have_coverage = must.value();
    b.nice_to_have_coverage = nice.value();
    let mut shared: Vec<(&str, usize)> = words.into_iter().collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    b.shared_words = shared
        .into_iter()
        .take(12)
        .map(|(w, _)| w.to_owned())
        .collect();
    post.signals.experience_match = b.experience_match;
    post.breakdown = b;
}

fn rank_posts(report: &mut Report) {
    let mut order: Vec<usize> = (0..report.posts.len()).collect();
    // Ties keep the order the person gave.
    order.sort_by(|&a, &b| {
        report.posts[b]
            .fit
            .total_cmp(&report.posts[a].fit)
            .then(a.cmp(&b))
    });
    let n = order.len();
    for (position, &index) in order.iter().enumerate() {
        let post = &mut report.posts[index];
        post.rank = position + 1;
        post.percentile = (n > 1).then(|| 100.0 * (n - 1 - position) as f32 / (n - 1) as f32);
    }
    report.ranking = order;
}

/// Resume sentences that are the best evidence of the most covered (or partly covered)
/// requirements of a post.
fn strongest_stories(requirements: &[RequirementReport], t: Thresholds) -> Vec<usize> {
    let mut support: HashMap<usize, (f32, f32)> = HashMap::new();
    for r in requirements {
        if let Some(best) = r.evidence.first() {
            let credit = t.credit(best.score) * r.weight;
            if credit > 0.0 {
                let entry = support.entry(best.resume_index).or_default();
                entry.0 += credit;
                entry.1 = entry.1.max(best.score);
            }
        }
    }
    let mut stories: Vec<(usize, (f32, f32))> = support.into_iter().collect();
    stories.sort_by(|a, b| {
        b.1 .0
            .total_cmp(&a.1 .0)
            .then(b.1 .1.total_cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    stories
        .into_iter()
        .take(STORIES_PER_POST)
        .map(|(i, _)| i)
        .collect()
}

fn summarize(report: &Report, t: Thresholds) -> Summary {
    let mut summary = Summary::default();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut gap_by_key: HashMap<String, usize> = HashMap::new();
    for (post_index, post) in report.posts.iter().enumerate() {
        for r in &post.requirements {
            if r.section == SectionKind::Required {
                summary.must_haves += 1;
                match r.status {
                    Coverage::Covered => summary.must_haves_covered += 1,
                    Coverage::Partly => summary.must_haves_partly += 1,
                    Coverage::Missing => {}
                }
            }
            if r.status != Coverage::Missing || r.weight <= 0.0 {
                continue;
            }
            let key = jobdelta_text::normalize_key(&r.text);
            match gap_by_key.get(&key) {
                Some(&g) => {
                    if !gaps[g].posts.contains(&post_index) {
                        gaps[g].posts.push(post_index);
                    }
                }
                None => {
                    gap_by_key.insert(key, gaps.len());
                    gaps.push(Gap {
                        requirement: r.text.clone(),
                        section: r.section,
                        posts: vec![post_index],
                        best_score: r.best_score,
                    });
                }
            }
        }
    }
    gaps.sort_by(|a, b| {
        let weight = |g: &Gap| section_weight(g.section) * g.posts.len() as f32;
        weight(b)
            .total_cmp(&weight(a))
            .then(a.best_score.total_cmp(&b.best_score))
    });
    gaps.truncate(SUMMARY_GAPS);
    summary.top_gaps = gaps;
    summary.strongest_posts = report
        .ranking
        .iter()
        .copied()
        .take(SUMMARY_STRONGEST)
        .collect();
    summary.unmatched_resume_sentences = report
        .resume
        .iter()
        .filter(|s| s.max_score < t.partly)
        .count();
    summary
}

#[derive(Default)]
struct Mean {
    sum: f32,
    n: usize,
}

impl Mean {
    fn add(&mut self, x: f32) {
        self.sum += x;
        self.n += 1;
    }

    fn value(&self) -> Option<f32> {
        (self.n > 0).then(|| self.sum / self.n as f32)
    }
}
