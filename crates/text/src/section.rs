//! What part of a job post a sentence belongs to, and how much it should count.
//!
//! Job posts mix what the employer requires with what the job does, what they offer and legal
//! boilerplate. Only some of it describes the person they want, so each sentence carries the
//! kind of section it was found in (from the heading above it, or from the sentence itself for
//! boilerplate such as equal-opportunity statements that appear anywhere).

use serde::{Deserialize, Serialize};

/// The kind of section a sentence of a job post (or resume) sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// "Requirements", "Minimum/Basic qualifications", "What you bring": must-haves.
    Required,
    /// "Preferred qualifications", "Nice to have", "Bonus points".
    Preferred,
    /// "Responsibilities", "What you will do", "The role".
    Responsibilities,
    /// Text under no recognised heading (often the opening paragraphs, or a post without headings).
    General,
    /// "About us", "Who we are": the company blurb.
    About,
    /// "Benefits", "Perks", "What we offer", salary and compensation.
    Benefits,
    /// Equal-opportunity statements, legal notices, how to apply.
    Legal,
}

impl SectionKind {
    /// Whether sentences of this kind describe the person wanted, and so count as requirements.
    pub fn is_requirement(self) -> bool {
        matches!(
            self,
            SectionKind::Required
                | SectionKind::Preferred
                | SectionKind::Responsibilities
                | SectionKind::General
        )
    }

    /// A short name for people ("must-have", "nice to have", ...).
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Required => "must-have",
            SectionKind::Preferred => "nice to have",
            SectionKind::Responsibilities => "responsibility",
            SectionKind::General => "general",
            SectionKind::About => "about the company",
            SectionKind::Benefits => "benefits",
            SectionKind::Legal => "legal / boilerplate",
        }
    }
}
