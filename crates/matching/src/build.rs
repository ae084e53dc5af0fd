//! Comparing every requirement with every resume sentence.
//!
//! Embeddings are L2-normalised, so cosine similarity is a dot product; a brute-force pass
//! over all pairs is exact and, at a few hundred resume sentences, fast enough for thousands
//! of requirements.

use std::collections::HashSet;

use jobdelta_text::content_words;

use crate::check::{check_post, fit_cap};
use crate::error::EmbeddingMismatch;
use crate::feedback::{sentence_feedback, unseen_terms, WordPieces};
use crate::fit::FitSignals;
use crate::prepare::Prepared;
use crate::report::{
    Evidence, FitBreakdown, FitLabel, PostReport, PostVectors, Report, RequirementReport,
    ResumeSentenceReport, StoryMatch, Summary, EVIDENCE_PER_REQUIREMENT,
    MATCHES_PER_RESUME_SENTENCE,
};
use crate::score::{section_weight, Coverage, Thresholds};
use crate::terms::term_analysis_judging;
use crate::vector::dot;

/// How much a resume sentence's similarity is lowered, when choosing a requirement's evidence,
/// for each requirement of the same post it is already the first evidence of. A sentence close
/// to everything (a summary line) would otherwise lead the evidence of half the post; with
/// this, a sentence nearly as close that says something else comes first after a few uses.
/// The status still follows the highest similarity.
pub const DIVERSITY_PENALTY: f32 = 0.02;

/// Builds the report from the prepared texts and one embedding per
/// [`Prepared::texts_to_embed`] entry (same order, L2-normalised). `tokenizer` is the model's
/// (or [`crate::WhitespacePieces`]): it says which terms it shatters and how long sentences are.
pub fn build_report<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
    thresholds: Thresholds,
    tokenizer: &dyn WordPieces,
) -> Result<Report, EmbeddingMismatch> {
    build_report_judging(prepared, embeddings, thresholds, tokenizer, true)
}

/// [`build_report`] from the embeddings of the model reported as `model_id` (the report's
/// `model`): the skills classifier judges a skill's context only with its own model's vectors
/// ([`jobdelta_skills::judges_vectors_of`]); with another model's, the skills are the curated
/// names alone. The worker and the CLI build every report through this.
pub fn build_model_report<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
    thresholds: Thresholds,
    tokenizer: &dyn WordPieces,
    model_id: String,
) -> Result<Report, EmbeddingMismatch> {
    let judge = jobdelta_skills::judges_vectors_of(&model_id);
    let mut report = build_report_judging(prepared, embeddings, thresholds, tokenizer, judge)?;
    report.model = model_id;
    Ok(report)
}

fn build_report_judging<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
    thresholds: Thresholds,
    tokenizer: &dyn WordPieces,
    judge_skills_in_context: bool,
) -> Result<Report, EmbeddingMismatch> {
    check_embeddings(prepared, embeddings)?;
    let terms = term_analysis_judging(prepared, embeddings, judge_skills_in_context);
    let asked: HashSet<&str> = terms
        .requirement_skills
        .iter()
        .flatten()
        .flat_map(|check| &check.skills)
        .map(|skill| skill.term.as_str())
        .collect();
    let asked_skills: Vec<Vec<String>> = terms
        .sentence_terms
        .iter()
        .map(|names| {
            names
                .iter()
                .filter(|n| asked.contains(n.as_str()))
                .cloned()
                .collect()
        })
        .collect();
    let mut missing_terms = terms.per_post.into_iter();
    let mut requirement_skills = terms.requirement_skills.into_iter();
    let mut unseen = unseen_terms(prepared, &terms.resume_terms, tokenizer).into_iter();
    let vector = |i: usize| embeddings[i].as_ref();
    let resume_words: Vec<Vec<String>> = prepared
        .resume
        .iter()
        .map(|s| content_words(&s.text))
        .collect();

    let mut resume: Vec<ResumeSentenceReport> = prepared
        .resume
        .iter()
        .zip(asked_skills)
        .map(|(s, asked_skills)| ResumeSentenceReport {
            text: s.text.clone(),
            heading: s.heading.clone(),
            role: s.role,
            best: Vec::new(),
            max_score: f32::NEG_INFINITY,
            asked_skills,
            matches_nothing: true,
        })
        .collect();

    let any_statement = prepared.resume.iter().any(|s| s.role.is_experience());
    let resume_text: String = prepared
        .resume
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let resume_mean = mean_direction(prepared.resume.iter().map(|s| vector(s.embedding)));
    let mut posts = Vec::with_capacity(prepared.posts.len());
    let mut scores = vec![0.0_f32; prepared.resume.len()];
    for (post_index, post) in prepared.posts.iter().enumerate() {
        let mut requirements = Vec::with_capacity(post.requirements.len());
        let mut skills = requirement_skills.next().unwrap_or_default().into_iter();
        let mut experience_scores = vec![f32::NEG_INFINITY; prepared.resume.len()];
        // Only statements are evidence of experience (a headline, contact, role/date, skill
        // list or place line names things but tells no story) — unless the resume has none.
        let evidence_allowed: Vec<bool> = prepared
            .resume
            .iter()
            .map(|s| s.role.is_experience() || !any_statement)
            .collect();
        // How often each resume sentence is already the first evidence in this post.
        let mut first_uses = vec![0_usize; prepared.resume.len()];
        let mut ranked = vec![0.0_f32; prepared.resume.len()];
        for (requirement_index, req) in post.requirements.iter().enumerate() {
            let req_vector = vector(req.embedding);
            for (score, sentence) in scores.iter_mut().zip(&prepared.resume) {
                *score = dot(req_vector, vector(sentence.embedding));
            }
            for (i, &score) in scores.iter().enumerate() {
                experience_scores[i] = experience_scores[i].max(score);
                let entry = &mut resume[i];
                entry.max_score = entry.max_score.max(score);
                keep_best(
                    &mut entry.best,
                    score,
                    |m| m.score,
                    MATCHES_PER_RESUME_SENTENCE,
                    || StoryMatch {
                        post_index,
                        post_title: post.title.clone(),
                        requirement_index,
                        requirement: req.text.clone(),
                        section: req.section,
                        score,
                    },
                );
            }
            let req_words = content_words(&req.text);
            for (i, rank) in ranked.iter_mut().enumerate() {
                *rank = if evidence_allowed[i] {
                    scores[i] - DIVERSITY_PENALTY * first_uses[i] as f32
                } else {
                    f32::NEG_INFINITY
                };
            }
            let chosen = top_indices(&ranked, EVIDENCE_PER_REQUIREMENT);
            if let Some(&first) = chosen.first() {
                first_uses[first] += 1;
            }
            let best_score = scores
                .iter()
                .zip(&evidence_allowed)
                .filter(|(_, &allowed)| allowed)
                .map(|(&score, _)| score)
                .fold(f32::NEG_INFINITY, f32::max);
            let evidence: Vec<Evidence> = chosen
                .into_iter()
                .map(|i| Evidence {
                    resume_index: i,
                    resume_sentence: prepared.resume[i].text.clone(),
                    score: scores[i],
                    shared_words: req_words
                        .iter()
                        .filter(|w| resume_words[i].contains(w))
                        .cloned()
                        .collect(),
                })
                .collect();
            requirements.push(RequirementReport {
                text: req.text.clone(),
                section: req.section,
                heading: req.heading.clone(),
                weight: section_weight(req.section),
                best_score,
                status: Coverage::Missing,
                skills: skills.next().unwrap_or_default(),
                evidence,
            });
        }
        let skills_named = requirements
            .iter()
            .flat_map(|r| &r.skills.skills)
            .map(|s| s.term.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
        let content = mean_direction(post.requirements.iter().map(|r| vector(r.embedding)));
        let title = post.title_embedding.map(|i| vector(i).to_vec());
        let signals = FitSignals {
            experience_match: 0.0, // set with the thresholds
            overall_similarity: dot(&resume_mean, &content),
            title_similarity: title.as_deref().map(|t| dot(t, &resume_mean)),
        };
        let checks = check_post(
            &post.hard_requirements,
            &prepared.resume_facts,
            &resume_text,
        );
        let fit_cap = fit_cap(&checks);
        posts.push(PostReport {
            title: post.title.clone(),
            fit: 0.0,
            zero_shot_fit: 0.0,
            signals,
            mark: None,
            rank: 0,
            percentile: None,
            label: FitLabel::Weak,
            breakdown: FitBreakdown::default(),
            requirements,
            strongest_stories: Vec::new(),
            ignored_sentences: post.ignored.len(),
            experience_scores,
            missing_terms: missing_terms.next().unwrap_or_default(),
            skills_named,
            unseen_terms: unseen.next().unwrap_or_default(),
            checks,
            fit_cap,
            vectors: PostVectors { content, title },
        });
    }

    let mut report = Report {
        model: String::new(),
        thresholds,
        posts,
        ranking: Vec::new(),
        resume,
        summary: Summary::default(),
        term_gaps: terms.across_posts,
        resume_terms: terms.resume_terms,
        sentence_feedback: sentence_feedback(prepared, embeddings, tokenizer),
        gazetteer_attribution: format!(
            "{} {}",
            jobdelta_text::gazetteer_attribution(),
            jobdelta_skills::ATTRIBUTION
        ),
        learning: None,
    };
    report.apply_thresholds(thresholds);
    Ok(report)
}

fn check_embeddings<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
) -> Result<(), EmbeddingMismatch> {
    if embeddings.len() != prepared.texts_to_embed.len() {
        return Err(EmbeddingMismatch::Count {
            expected: prepared.texts_to_embed.len(),
            got: embeddings.len(),
        });
    }
    let expected = embeddings.first().map_or(0, |e| e.as_ref().len());
    for (index, e) in embeddings.iter().enumerate() {
        let got = e.as_ref().len();
        if got != expected {
            return Err(EmbeddingMismatch::Dimensions {
                index,
                expected,
                got,
            });
        }
    }
    Ok(())
}

/// The mean of some normalised vectors, normalised again: the direction they share (empty
/// for no vectors).
pub fn mean_direction<'a>(vectors: impl Iterator<Item = &'a [f32]>) -> Vec<f32> {
    let mut sum: Vec<f32> = Vec::new();
    for v in vectors {
        if sum.is_empty() {
            sum = vec![0.0; v.len()];
        }
        for (s, x) in sum.iter_mut().zip(v) {
            *s += x;
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > f32::EPSILON {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum
}

/// Indices of the `k` highest scores, highest first (ties: earlier index first).
fn top_indices(scores: &[f32], k: usize) -> Vec<usize> {
    let mut best: Vec<usize> = Vec::with_capacity(k + 1);
    for i in 0..scores.len() {
        let position = best
            .iter()
            .position(|&j| scores[i] > scores[j])
            .unwrap_or(best.len());
        if position < k {
            best.insert(position, i);
            best.truncate(k);
        }
    }
    best
}

/// Inserts the item `make` builds into `best` (kept sorted by `score_of`, highest first, at
/// most `k` long) if its `score` earns a place; built only then, as most pairs never do.
fn keep_best<T>(
    best: &mut Vec<T>,
    score: f32,
    score_of: impl Fn(&T) -> f32,
    k: usize,
    make: impl FnOnce() -> T,
) {
    let position = best
        .iter()
        .position(|b| score > score_of(b))
        .unwrap_or(best.len());
    if position < k {
        best.insert(position, make());
        best.truncate(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_indices_are_highest_first_and_stable() {
        let cases: [(&[f32], usize, &[usize]); 4] = [
            (&[0.1, 0.9, 0.5, 0.7], 3, &[1, 3, 2]),
            (&[0.5, 0.5, 0.5], 2, &[0, 1]),
            (&[0.3], 3, &[0]),
            (&[], 3, &[]),
        ];
        for (scores, k, expected) in cases {
            assert_eq!(top_indices(scores, k), expected, "{scores:?}");
        }
    }

    #[test]
    fn keep_best_keeps_k_highest() {
        let mut best = Vec::new();
        for x in [0.2_f32, 0.8, 0.5, 0.9, 0.1] {
            keep_best(&mut best, x, |v| *v, 3, || x);
        }
        assert_eq!(best, vec![0.9, 0.8, 0.5]);
    }
}
