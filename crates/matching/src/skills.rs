//! The skills a requirement names, and whether the resume names them.
//!
//! Similarity alone cannot tell "PyTorch, TensorFlow or Jax" from "Keras and scikit-learn":
//! both sit close to any machine-learning sentence. So every requirement that names skills or
//! tools (from the gazetteer, [`jobdelta_text::distinct_terms`]) is also checked by name: a
//! skill the resume names anywhere — an accomplishment, a skill list, a headline — counts as
//! named, with the place it was found. The requirement's status then follows one rule, which the
//! term panel and the summary share, so no two parts of the report contradict each other:
//!
//! - the resume lacks a skill the requirement needs → the requirement is at most *partly*
//!   covered, and the skill is a missing term;
//! - the resume names what it needs → not covered rises to partly (and a partly one earns at
//!   least half credit), because naming the skill is evidence the cosine misses — but never for
//!   a requirement nothing in the resume is near (a company called "Quillfeather AI");
//! - alternatives ("Python or Go", "such as Java, C++, Golang & Rust", "PyTorch/TensorFlow")
//!   need one of them, and the others are then not missing.

use std::collections::HashMap;

use jobdelta_text::{distinct_terms, words};
use serde::{Deserialize, Serialize};

use crate::score::Coverage;

/// A skill or tool a requirement names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedSkill {
    /// Canonical name ("Kubernetes" for "k8s").
    pub term: String,
    /// The first resume sentence naming it (index into [`crate::Report::resume`]); `None`
    /// when the resume never names it.
    pub resume_index: Option<usize>,
}

/// For each post, the share of the skills its requirements name that the resume names too,
/// each skill weighted by how rare it is across `posts` (inverse document frequency,
/// `ln(1 + n / posts naming it)`): naming the one tool few posts ask for says more than naming
/// the one every post asks for. `None` for a post whose requirements name no skill.
///
/// A candidate fourth signal of the fit, measured by `jobdelta eval` (docs/quality.md,
/// "Skills in the fit"); the fit does not use it.
pub fn rarity_weighted_skill_overlap(posts: &[Vec<SkillCheck>]) -> Vec<Option<f32>> {
    let named_by_post: Vec<HashMap<&str, bool>> = posts
        .iter()
        .map(|checks| {
            let mut named: HashMap<&str, bool> = HashMap::new();
            for skill in checks.iter().flat_map(|c| &c.skills) {
                *named.entry(skill.term.as_str()).or_default() |= skill.resume_index.is_some();
            }
            named
        })
        .collect();
    let mut posts_naming: HashMap<&str, usize> = HashMap::new();
    for named in &named_by_post {
        for term in named.keys() {
            *posts_naming.entry(term).or_default() += 1;
        }
    }
    let n = posts.len() as f32;
    named_by_post
        .iter()
        .map(|named| {
            let weight = |term: &str| (1.0 + n / posts_naming[term] as f32).ln();
            let total: f32 = named.keys().map(|t| weight(t)).sum();
            let in_resume: f32 = named
                .iter()
                .filter(|(_, &r)| r)
                .map(|(t, _)| weight(t))
                .sum();
            (total > 0.0).then(|| in_resume / total)
        })
        .collect()
}

/// The skills one requirement names and how the resume answers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SkillCheck {
    /// The skills it names, in text order.
    pub skills: Vec<NamedSkill>,
    /// True when one of them is enough ("X or Y", "such as …", "X/Y").
    pub any_of: bool,
}

impl SkillCheck {
    /// Whether the resume names what the requirement needs; `None` when it names no skill.
    pub fn satisfied(&self) -> Option<bool> {
        if self.skills.is_empty() {
            return None;
        }
        let named = |s: &NamedSkill| s.resume_index.is_some();
        Some(if self.any_of {
            self.skills.iter().any(named)
        } else {
            self.skills.iter().all(named)
        })
    }

    /// The skills the resume would have to name to satisfy the requirement: none when it is
    /// satisfied, otherwise those it never names.
    pub fn lacking(&self) -> impl Iterator<Item = &str> {
        let unsatisfied = self.satisfied() == Some(false);
        self.skills
            .iter()
            .filter(move |s| unsatisfied && s.resume_index.is_none())
            .map(|s| s.term.as_str())
    }

    /// The status and credit of a requirement once its skills are checked by name, from the
    /// status and credit its closest sentence earns (see the module doc for the rule).
    /// `near` says whether that sentence is near the requirement at all (at least
    /// [`crate::NOTHING_NEAR`]): a name alone never lifts a requirement nothing in the resume
    /// is near ("Quillfeather AI", a company's name, names AI).
    pub fn adjust(&self, status: Coverage, credit: f32, near: bool) -> (Coverage, f32) {
        match self.satisfied() {
            None => (status, credit),
            Some(true) => match status {
                Coverage::Missing if !near => (status, credit),
                Coverage::Missing => (Coverage::Partly, credit.max(PARTLY_HELD_CREDIT)),
                // Never above what the thresholds say: a strict "covered" stays strict.
                Coverage::Partly | Coverage::Covered => (status, credit.max(PARTLY_HELD_CREDIT)),
            },
            Some(false) => match status {
                Coverage::Covered => (Coverage::Partly, credit.min(PARTLY_HELD_CREDIT)),
                other => (other, credit.min(PARTLY_HELD_CREDIT)),
            },
        }
    }
}

/// Credit of a requirement a check holds at partly (a skill named or lacking, a hard
/// requirement not met): half, the middle of the partly band.
pub(crate) const PARTLY_HELD_CREDIT: f32 = 0.5;

/// Where the resume names each skill: canonical term → index of the first resume sentence
/// naming it. `sentence_terms` holds each resume sentence's distinct terms, in resume order.
pub fn resume_skill_places(sentence_terms: &[Vec<String>]) -> HashMap<String, usize> {
    let mut places = HashMap::new();
    for (index, terms) in sentence_terms.iter().enumerate() {
        for term in terms {
            places.entry(term.clone()).or_insert(index);
        }
    }
    places
}

/// Checks the skills a requirement names (found by the curated gazetteer) against where the
/// resume names them.
pub fn check_skills(requirement: &str, places: &HashMap<String, usize>) -> SkillCheck {
    check_named_skills(requirement, distinct_terms(requirement), places)
}

/// Checks the skills `names` a requirement names (found by any method) against where the
/// resume names them.
pub fn check_named_skills(
    requirement: &str,
    names: Vec<String>,
    places: &HashMap<String, usize>,
) -> SkillCheck {
    let skills: Vec<NamedSkill> = names
        .into_iter()
        .map(|term| NamedSkill {
            resume_index: places.get(&term).copied(),
            term,
        })
        .collect();
    let any_of = skills.len() > 1 && offers_alternatives(requirement);
    SkillCheck { skills, any_of }
}

/// Words that turn a list of skills into a choice: "Python or Go", "such as", "e.g.",
/// "including", "one of", "similar", "equivalent".
const ALTERNATIVE_WORDS: &[&str] = &[
    "or",
    "e.g",
    "eg",
    "including",
    "like",
    "example",
    "similar",
    "equivalent",
    "comparable",
    "alternatives",
    "either",
];

/// Whether a requirement offers its skills as alternatives rather than all at once.
fn offers_alternatives(requirement: &str) -> bool {
    let lower = requirement.to_lowercase();
    if lower.contains("such as") || lower.contains("one of") || lower.contains("any of") {
        return true;
    }
    // "PyTorch/TensorFlow/Jax": a slash between two words (not "CI/CD"-style pairs of capitals,
    // which name one thing, nor "and/or", which the word list covers).
    let slash_choice = requirement.split_whitespace().any(|token| {
        let parts: Vec<&str> = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .split('/')
            .collect();
        parts.len() > 1
            && parts
                .iter()
                .all(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    });
    slash_choice
        || words(requirement)
            .iter()
            .any(|w| ALTERNATIVE_WORDS.contains(&w.normalized.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(resume: &[&str]) -> HashMap<String, usize> {
        let terms: Vec<Vec<String>> = resume.iter().map(|s| distinct_terms(s)).collect();
        resume_skill_places(&terms)
    }

    #[test]
    fn alternatives_are_recognized() {
        let cases = [
            ("Experience with PyTorch, TensorFlow or Jax.", true),
            ("Compiled languages such as Java, C++, Golang & Rust.", true),
            ("Deep learning frameworks (e.g. PyTorch, TensorFlow).", true),
            ("PyTorch/TensorFlow experience.", true),
            ("Python and SQL.", false),
            ("Build CI/CD pipelines with Jenkins and Docker.", false),
            ("Strong Python experience.", false),
            ("Kubernetes, Terraform and AWS in production.", false),
            ("Python, Go, or a similar language.", true),
        ];
        for (text, expected) in cases {
            assert_eq!(offers_alternatives(text), expected, "{text}");
        }
    }

    #[test]
    fn one_alternative_satisfies_and_the_others_are_not_lacking() {
        let places = places(&["Languages: Java, Python", "Built a service in Java."]);
        let check = check_skills(
            "Experience with compiled languages such as Java, C++, Golang & Rust.",
            &places,
        );
        assert!(check.any_of, "{check:?}");
        assert_eq!(check.satisfied(), Some(true));
        assert_eq!(check.lacking().count(), 0);
        let java = check.skills.iter().find(|s| s.term == "Java");
        assert_eq!(java.and_then(|s| s.resume_index), Some(0));
    }

    fn check(skills: &[(&str, bool)]) -> SkillCheck {
        SkillCheck {
            skills: skills
                .iter()
                .map(|&(term, named)| NamedSkill {
                    term: term.to_owned(),
                    resume_index: named.then_some(0),
                })
                .collect(),
            any_of: false,
        }
    }

    #[test]
    fn skill_overlap_weighs_rare_skills_more() {
        // Python is asked by all three posts, Kafka by one; the resume names both only in
        // different posts' wording, so each post's overlap is its own.
        let posts = vec![
            vec![check(&[("Python", true)]), check(&[("Kafka", true)])],
            vec![check(&[("Python", true), ("Go", false)])],
            vec![check(&[("Python", false)]), check(&[("Go", false)])],
            vec![check(&[])],
        ];
        let overlap = rarity_weighted_skill_overlap(&posts);
        let w = |naming: f32| (1.0_f32 + 4.0 / naming).ln();
        let expected0 = 1.0;
        let expected1 = w(3.0) / (w(3.0) + w(2.0));
        assert_eq!(overlap[0], Some(expected0));
        assert!((overlap[1].unwrap_or(f32::NAN) - expected1).abs() < 1e-6);
        // A skill named in one requirement of a post counts as named for the whole post.
        assert_eq!(overlap[2], Some(0.0));
        assert_eq!(overlap[3], None, "no skill named: no overlap");
        // Rarity matters: naming the rare Kafka outweighs naming the common Python.
        let rare = rarity_weighted_skill_overlap(&[
            vec![check(&[("Python", false), ("Kafka", true)])],
            vec![check(&[("Python", true)])],
            vec![check(&[("Python", true)])],
        ]);
        assert!(rare[0].unwrap_or(0.0) > 0.5, "{rare:?}");
    }

    #[test]
    fn a_lacking_skill_caps_the_status_at_partly() {
        let places = places(&["Trained models in PyTorch."]);
        let check = check_skills(
            "Production experience with Kubernetes and Terraform.",
            &places,
        );
        assert_eq!(check.satisfied(), Some(false));
        assert_eq!(
            check.lacking().collect::<Vec<_>>(),
            ["Kubernetes", "Terraform"]
        );
        assert_eq!(
            check.adjust(Coverage::Covered, 1.0, true),
            (Coverage::Partly, 0.5)
        );
        assert_eq!(
            check.adjust(Coverage::Missing, 0.0, true),
            (Coverage::Missing, 0.0)
        );
    }

    #[test]
    fn a_named_skill_raises_the_status_one_step() {
        let places = places(&["Languages: Python, Java", "Wrote Python ETL jobs."]);
        let check = check_skills("Strong Python experience.", &places);
        assert_eq!(check.satisfied(), Some(true));
        assert_eq!(
            check.adjust(Coverage::Partly, 0.4, true),
            (Coverage::Partly, 0.5)
        );
        assert_eq!(
            check.adjust(Coverage::Missing, 0.0, true),
            (Coverage::Partly, 0.5)
        );
        assert_eq!(
            check.adjust(Coverage::Missing, 0.0, false),
            (Coverage::Missing, 0.0)
        );
        assert_eq!(
            check.adjust(Coverage::Covered, 1.0, true),
            (Coverage::Covered, 1.0)
        );
    }

    #[test]
    fn a_requirement_naming_no_skill_keeps_its_status() {
        let check = check_skills("You take pride in your work.", &HashMap::new());
        assert_eq!(check.satisfied(), None);
        assert_eq!(
            check.adjust(Coverage::Partly, 0.3, true),
            (Coverage::Partly, 0.3)
        );
    }
}
