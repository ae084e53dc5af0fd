//! The requirements most worth working on, across all posts.
//!
//! A gap is a requirement nothing in the resume covers. Not every gap is worth a person's
//! evening: "You take pride in your work" is uncovered in every resume and asks for nothing
//! one can learn or show. So gaps are ranked by what a person can act on:
//!
//! 1. attitude filler ("you are transparent in what you do") last, whatever its section;
//! 2. must-haves before responsibilities and nice-to-haves;
//! 3. the more specific first — naming skills or tools, then stating a number or a concrete
//!    object, then general wording ([`specificity`]);
//! 4. asked by more posts first; then the farther from anything in the resume first.
//!
//! A sentence the requirements check reads ("5+ years of experience", "must be authorized to
//! work in the US") is judged by that check, not by similarity: met or unknown, it is no gap
//! (unless it also names a skill the resume lacks); not met, it stays one.

use std::cmp::Reverse;
use std::collections::HashMap;

use jobdelta_text::{content_words, words, SectionKind};

use crate::check::{checks_of_sentence, CheckStatus};
use crate::report::{Gap, PostReport, RequirementReport};
use crate::score::Coverage;

/// How specific a requirement is, from 0 (attitude filler) to 3 (names skills or tools).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Specificity {
    /// Asks for an attitude or a virtue, nothing one can learn or show.
    Filler,
    /// General wording ("strong communication").
    General,
    /// A number or several concrete content words ("manage budgets over $1M").
    Concrete,
    /// Names skills or tools the gazetteer knows.
    NamesSkills,
}

/// Words of attitude and virtue: a requirement made of these (and no skill or number) is
/// filler for the purpose of "what to work on".
const ATTITUDE_WORDS: &[&str] = &[
    "pride",
    "passion",
    "passionate",
    "transparent",
    "transparency",
    "honest",
    "honesty",
    "integrity",
    "attitude",
    "positive",
    "humble",
    "curious",
    "curiosity",
    "motivated",
    "self-motivated",
    "self-starter",
    "enthusiastic",
    "enthusiasm",
    "energetic",
    "hardworking",
    "hard-working",
    "driven",
    "eager",
    "friendly",
    "respect",
    "respectful",
    "reliable",
    "dependable",
    "punctual",
    "empathy",
    "empathetic",
    "grit",
    "hungry",
    "thrive",
    "love",
    "enjoy",
    "rockstar",
    "ninja",
];

/// Share of a requirement's content words that must be attitude words for it to be filler.
const FILLER_SHARE: f32 = 0.3;

/// How specific a requirement is; `skills` is how many skills or tools it names.
pub fn specificity(requirement: &str, skills: usize) -> Specificity {
    if skills > 0 {
        return Specificity::NamesSkills;
    }
    let has_number = requirement.chars().any(|c| c.is_ascii_digit());
    let content = content_words(requirement);
    let attitude = words(requirement)
        .iter()
        .filter(|w| ATTITUDE_WORDS.contains(&w.normalized.as_str()))
        .count();
    if !has_number && attitude > 0 && attitude as f32 >= FILLER_SHARE * content.len().max(1) as f32
    {
        Specificity::Filler
    } else if has_number || content.len() >= 5 {
        Specificity::Concrete
    } else {
        Specificity::General
    }
}

/// The uncovered requirements of all posts that count in the fit, merged across posts (same
/// sentence up to case and punctuation), in the order of the module doc.
pub fn top_gaps(posts: &[PostReport]) -> Vec<Gap> {
    let mut gaps: Vec<(Gap, Specificity)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (post_index, post) in posts.iter().enumerate() {
        for r in &post.requirements {
            if r.status != Coverage::Missing || r.weight <= 0.0 || settled_by_check(post, r) {
                continue;
            }
            let key = jobdelta_text::normalize_key(&r.text);
            match by_key.get(&key) {
                Some(&g) => {
                    let gap = &mut gaps[g].0;
                    if !gap.posts.contains(&post_index) {
                        gap.posts.push(post_index);
                    }
                    if importance(r.section) < importance(gap.section) {
                        gap.section = r.section;
                    }
                }
                None => {
                    by_key.insert(key, gaps.len());
                    let specific = specificity(&r.text, r.skills.skills.len());
                    gaps.push((
                        Gap {
                            requirement: r.text.clone(),
                            section: r.section,
                            posts: vec![post_index],
                            best_score: r.best_score,
                        },
                        specific,
                    ));
                }
            }
        }
    }
    gaps.sort_by(|(a, sa), (b, sb)| {
        let rank = |g: &Gap, s: Specificity| {
            (
                s == Specificity::Filler,
                importance(g.section),
                Reverse(s),
                Reverse(g.posts.len()),
            )
        };
        rank(a, *sa)
            .cmp(&rank(b, *sb))
            .then(a.best_score.total_cmp(&b.best_score))
    });
    gaps.into_iter().map(|(gap, _)| gap).collect()
}

/// Whether the requirements check already answers this requirement (met, or unknown from
/// the resume) and it names no skill the resume lacks: then it is no gap to work on.
fn settled_by_check(post: &PostReport, requirement: &RequirementReport) -> bool {
    if requirement.skills.satisfied() == Some(false) {
        return false;
    }
    let statuses: Vec<CheckStatus> = checks_of_sentence(&post.checks, &requirement.text)
        .map(|c| c.status)
        .collect();
    !statuses.is_empty() && !statuses.contains(&CheckStatus::NotMet)
}

/// Lower is more important: must-haves, responsibilities and general text, nice-to-haves.
fn importance(section: SectionKind) -> u8 {
    match section {
        SectionKind::Required => 0,
        SectionKind::Responsibilities | SectionKind::General => 1,
        SectionKind::Preferred => 2,
        SectionKind::About | SectionKind::Benefits | SectionKind::Legal => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attitude_lines_are_filler_and_concrete_lines_are_not() {
        let cases = [
            ("You take pride in your work.", 0, Specificity::Filler),
            (
                "You are transparent in what you do.",
                0,
                Specificity::Filler,
            ),
            (
                "A positive attitude and a passion for learning.",
                0,
                Specificity::Filler,
            ),
            ("You love building things.", 0, Specificity::Filler),
            (
                "Care for critically ill patients in the ICU.",
                0,
                Specificity::Concrete,
            ),
            ("Strong Python experience.", 1, Specificity::NamesSkills),
            (
                "Manage a team of 5 engineers across two time zones.",
                0,
                Specificity::Concrete,
            ),
            (
                "Design and operate data pipelines feeding the billing platform.",
                0,
                Specificity::Concrete,
            ),
            ("Strong communication skills.", 0, Specificity::General),
        ];
        for (text, skills, expected) in cases {
            assert_eq!(specificity(text, skills), expected, "{text}");
        }
    }
}
