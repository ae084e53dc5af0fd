//! Skills named in a text, by one of the methods jobdelta can use, with the alias table on
//! top.
//!
//! - [`SkillMethod::Curated`]: the hand-made gazetteer of `jobdelta_text` (~460 tech names
//!   with case and list rules, 80 from ESCO);
//! - [`SkillMethod::Vocabulary`]: the 30,957 skills of `skill-extractor`, every hit accepted;
//! - [`SkillMethod::Context`]: those hits judged by its classifier from the embedding of each
//!   hit's context ([`Candidate::model_input`]; the caller embeds, this module stays pure).
//!
//! Each may add the curated gazetteer's mentions that no accepted hit covers
//! ([`SkillMethod::with_curated`]), and every name goes through its alias table
//! ([`jobdelta_text::canonical_term`]: "k8s" is Kubernetes whichever list found it).

use std::ops::Range;

use jobdelta_skills::{Candidate, Classifier, Gazetteer, THRESHOLD};
use jobdelta_text::{canonical_term, find_terms};
use serde::{Deserialize, Serialize};

use crate::prepare::PreparedSentence;

/// How skills are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkillMethod {
    /// The hand-made gazetteer alone (jobdelta until the skill-extractor vocabulary).
    Curated,
    /// Every hit of the 31k vocabulary.
    Vocabulary,
    /// The 31k vocabulary, each hit accepted by the context classifier.
    Context,
    /// [`SkillMethod::Vocabulary`] plus the curated mentions it lacks.
    VocabularyAndCurated,
    /// [`SkillMethod::Context`] plus the curated mentions it lacks.
    ContextAndCurated,
}

impl SkillMethod {
    /// Every method, in the order the quality table lists them.
    pub const ALL: [SkillMethod; 5] = [
        SkillMethod::Curated,
        SkillMethod::Vocabulary,
        SkillMethod::Context,
        SkillMethod::VocabularyAndCurated,
        SkillMethod::ContextAndCurated,
    ];

    /// Whether it needs the candidates' embeddings.
    pub fn needs_embeddings(self) -> bool {
        matches!(self, SkillMethod::Context | SkillMethod::ContextAndCurated)
    }

    /// Whether it uses the 31k vocabulary.
    pub fn uses_vocabulary(self) -> bool {
        self != SkillMethod::Curated
    }

    /// Whether the curated gazetteer's mentions are added.
    pub fn with_curated(self) -> bool {
        matches!(
            self,
            SkillMethod::Curated
                | SkillMethod::VocabularyAndCurated
                | SkillMethod::ContextAndCurated
        )
    }

    /// Its name on the command line and in the quality table.
    pub fn label(self) -> &'static str {
        match self {
            SkillMethod::Curated => "curated",
            SkillMethod::Vocabulary => "vocabulary",
            SkillMethod::Context => "context",
            SkillMethod::VocabularyAndCurated => "vocabulary+curated",
            SkillMethod::ContextAndCurated => "context+curated",
        }
    }
}

/// How the report finds skills (missing terms, skill checks): the method that measured best on
/// fixtures/skills (docs/quality.md).
pub const REPORT_SKILL_METHOD: SkillMethod = SkillMethod::ContextAndCurated;

/// One skill named in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillMention {
    /// Its name: the alias table's canonical name when it has one, else the vocabulary's
    /// (lowercase) name.
    pub name: String,
    /// Where it is, in bytes of the text.
    pub range: Range<usize>,
    /// The classifier's probability, when it judged this mention.
    pub probability: Option<f32>,
}

/// The vocabulary's hits in `text` with their contexts: embed each
/// [`Candidate::model_input`] for [`skill_mentions`].
pub fn skill_candidates(text: &str) -> Vec<Candidate> {
    jobdelta_skills::candidates(Gazetteer::builtin(), text)
}

/// The name a mention is known by: the alias table's, else the vocabulary's.
pub fn skill_name(surface: &str, vocabulary_name: &str) -> String {
    canonical_term(surface)
        .or_else(|| canonical_term(vocabulary_name))
        .map_or_else(|| vocabulary_name.to_owned(), str::to_owned)
}

/// The skills `method` finds in `text`, in text order, none overlapping. `candidates` are
/// [`skill_candidates`] of the same text (ignored by [`SkillMethod::Curated`]); `probabilities`
/// the classifier's for each, which [`SkillMethod::Context`] needs (without them every hit is
/// accepted); a hit is accepted from `threshold` on.
pub fn skill_mentions(
    text: &str,
    method: SkillMethod,
    candidates: &[Candidate],
    probabilities: Option<&[f32]>,
    threshold: f32,
) -> Vec<SkillMention> {
    let mut mentions: Vec<SkillMention> = Vec::new();
    if method.uses_vocabulary() {
        for (index, candidate) in candidates.iter().enumerate() {
            let probability = probabilities
                .filter(|_| method.needs_embeddings())
                .and_then(|p| p.get(index).copied());
            if probability.is_some_and(|p| p < threshold) {
                continue;
            }
            let surface = text.get(candidate.range.clone()).unwrap_or_default();
            mentions.push(SkillMention {
                name: skill_name(surface, &candidate.name),
                range: candidate.range.clone(),
                probability,
            });
        }
    }
    if method.with_curated() {
        for term in find_terms(text) {
            let overlaps = mentions
                .iter()
                .any(|m| m.range.start < term.range.end && term.range.start < m.range.end);
            if !overlaps {
                mentions.push(SkillMention {
                    name: term.canonical,
                    range: term.range,
                    probability: None,
                });
            }
        }
        mentions.sort_by_key(|m| m.range.start);
    }
    mentions
}

/// The distinct skill names of one prepared sentence by [`REPORT_SKILL_METHOD`]: its
/// candidates the classifier accepts (their context embeddings in `embeddings`, indexed as
/// [`crate::Prepared::texts_to_embed`]; a candidate without a context vector, listed or
/// embedded, is rejected), plus the curated gazetteer's names where the method adds them.
pub fn sentence_skill_names<E: AsRef<[f32]>>(
    sentence: &PreparedSentence,
    embeddings: &[E],
) -> Vec<String> {
    judged_skill_names(sentence, Some(embeddings))
}

/// Every skill name a prepared sentence may be naming: all its vocabulary hits, unjudged,
/// and the curated names. Whether the resume names a skill is read from these, so the report
/// never calls missing a skill the resume does write, whatever the classifier says of it.
pub fn sentence_skill_names_unjudged(sentence: &PreparedSentence) -> Vec<String> {
    judged_skill_names::<Vec<f32>>(sentence, None)
}

fn judged_skill_names<E: AsRef<[f32]>>(
    sentence: &PreparedSentence,
    embeddings: Option<&[E]>,
) -> Vec<String> {
    let classifier = Classifier::builtin().ok();
    let candidates: Vec<Candidate> = sentence
        .skill_candidates
        .iter()
        .map(|c| Candidate {
            name: c.name.clone(),
            range: c.range.clone(),
            context: String::new(),
        })
        .collect();
    let probabilities: Vec<f32> = sentence
        .skill_candidates
        .iter()
        .map(|c| match (c.embedding, embeddings) {
            // Not judged: every hit counts.
            (_, None) => 1.0,
            // To be judged but no vector (the context was not listed for this model, or not
            // embedded, or there is no classifier): rejected, so the method falls back to the
            // curated names alone rather than guessing.
            (None, Some(_)) => 0.0,
            (Some(i), Some(embeddings)) => embeddings
                .get(i)
                .zip(classifier)
                .and_then(|(v, classifier)| classifier.probability(v.as_ref()).ok())
                .unwrap_or(0.0),
        })
        .collect();
    let mentions = skill_mentions(
        &sentence.text,
        REPORT_SKILL_METHOD,
        &candidates,
        Some(&probabilities),
        THRESHOLD,
    );
    distinct_skill_names(&mentions)
}

/// The distinct names of some mentions, in first-seen order.
pub fn distinct_skill_names(mentions: &[SkillMention]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    mentions
        .iter()
        .filter(|m| seen.insert(m.name.to_lowercase()))
        .map(|m| m.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(mentions: &[SkillMention]) -> Vec<&str> {
        mentions.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn methods_differ_as_documented() {
        let text = "Our go to market team uses k8s, Golang and Apache Spark.";
        let candidates = skill_candidates(text);
        let vocabulary: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
        assert!(vocabulary.contains(&"go") && vocabulary.contains(&"apache spark"));
        // The classifier's verdicts, by hand: "go" (of "go to market") rejected.
        let probabilities: Vec<f32> = candidates
            .iter()
            .map(|c| if c.name == "go" { 0.1 } else { 0.9 })
            .collect();
        let context = skill_mentions(
            text,
            SkillMethod::Context,
            &candidates,
            Some(&probabilities),
            0.5,
        );
        assert!(context.iter().all(|m| &text[m.range.clone()] != "go"));
        let every_hit = skill_mentions(text, SkillMethod::Vocabulary, &candidates, None, 0.5);
        assert!(every_hit.iter().any(|m| &text[m.range.clone()] == "go"));
        // Names go through the alias table.
        let with_curated = skill_mentions(
            text,
            SkillMethod::ContextAndCurated,
            &candidates,
            Some(&probabilities),
            0.5,
        );
        assert!(
            names(&with_curated).contains(&"Kubernetes"),
            "{with_curated:?}"
        );
        assert!(
            names(&with_curated).contains(&"Go"),
            "Golang: {with_curated:?}"
        );
        let curated = skill_mentions(text, SkillMethod::Curated, &candidates, None, 0.5);
        assert!(curated.iter().all(|m| m.probability.is_none()));
        for mentions in [&context, &every_hit, &with_curated, &curated] {
            for pair in mentions.windows(2) {
                assert!(pair[0].range.end <= pair[1].range.start, "{mentions:?}");
            }
        }
    }
}
