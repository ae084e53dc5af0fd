//! How similarities become statuses and a fit.
//!
//! A requirement's *best score* is the cosine similarity between it and the resume sentence
//! closest in meaning. MiniLM puts unrelated sentences at 0.1–0.4 and paraphrases above 0.7,
//! so a raw cosine is not a percentage. Two thresholds turn it into something a person can
//! read: at or above `covered` the resume says the same thing; between `partly` and `covered`
//! it says something related; below `partly`, nothing in the resume speaks to it.

use jobdelta_text::SectionKind;
use serde::{Deserialize, Serialize};

/// Below this cosine a resume sentence is near no requirement. On the hand-labelled set
/// (`jobdelta trust`, docs/quality.md) one post of another trade reaches a resume statement at
/// 0.24 (median) to 0.35 (90th percentile), so 0.30 sits among what an unrelated post reaches by
/// chance. The best over *all* posts of other trades is higher (95th percentile 0.49), but at
/// that level half the statements would be "near nothing" against their own trade's posts, so
/// it is not used. Never above the `partly` threshold.
pub const NOTHING_NEAR: f32 = 0.30;

/// The two similarity cut-offs, adjustable in the report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// From this cosine on, a requirement is covered.
    pub covered: f32,
    /// From this cosine on (and below `covered`), a requirement is partly covered.
    pub partly: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            covered: 0.50,
            partly: 0.35,
        }
    }
}

impl Thresholds {
    /// The same thresholds, made consistent (both in [0, 1], `partly` ≤ `covered`), so a slider
    /// dragged past the other never yields a nonsense status.
    pub fn sanitized(self) -> Self {
        let clamp = |x: f32| {
            if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                0.5
            }
        };
        let covered = clamp(self.covered);
        let partly = clamp(self.partly).min(covered);
        Self { covered, partly }
    }

    /// The status of a requirement whose best evidence has this similarity.
    pub fn status(self, score: f32) -> Coverage {
        if score >= self.covered {
            Coverage::Covered
        } else if score >= self.partly {
            Coverage::Partly
        } else {
            Coverage::Missing
        }
    }

    /// How much of a requirement the evidence covers, from 0 (at or below `partly`) rising
    /// linearly to 1 (at `covered`). A ramp rather than steps, so that a slightly better
    /// sentence never lowers a fit, and near-ties rank by how close they are.
    pub fn credit(self, score: f32) -> f32 {
        let span = self.covered - self.partly;
        if span <= f32::EPSILON {
            return if score >= self.covered { 1.0 } else { 0.0 };
        }
        ((score - self.partly) / span).clamp(0.0, 1.0)
    }
}

/// Whether the resume covers a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A resume sentence says the same thing.
    Covered,
    /// A resume sentence says something related.
    Partly,
    /// Nothing in the resume speaks to it.
    Missing,
}

impl Coverage {
    /// A short word for people.
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::Partly => "partly",
            Coverage::Missing => "not covered",
        }
    }
}

/// How much a requirement of this section weighs in the fit: must-haves count most, then
/// what the job does, then nice-to-haves; company, benefits and legal text not at all.
pub fn section_weight(section: SectionKind) -> f32 {
    match section {
        SectionKind::Required => 1.0,
        SectionKind::Responsibilities => 0.6,
        SectionKind::General => 0.6,
        SectionKind::Preferred => 0.4,
        SectionKind::About | SectionKind::Benefits | SectionKind::Legal => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page explains coverage with one number for both ("responsibilities/general").
    #[test]
    fn responsibilities_and_general_text_weigh_the_same() {
        assert_eq!(
            section_weight(SectionKind::Responsibilities),
            section_weight(SectionKind::General)
        );
    }

    #[test]
    fn status_follows_the_thresholds() {
        let t = Thresholds::default();
        let cases = [
            (0.9, Coverage::Covered),
            (0.50, Coverage::Covered),
            (0.499, Coverage::Partly),
            (0.35, Coverage::Partly),
            (0.349, Coverage::Missing),
            (-0.2, Coverage::Missing),
        ];
        for (score, expected) in cases {
            assert_eq!(t.status(score), expected, "{score}");
        }
    }

    #[test]
    fn credit_ramps_between_the_thresholds() {
        let t = Thresholds {
            covered: 0.6,
            partly: 0.4,
        };
        let cases = [(0.3, 0.0), (0.4, 0.0), (0.5, 0.5), (0.6, 1.0), (0.95, 1.0)];
        for (score, expected) in cases {
            assert!((t.credit(score) - expected).abs() < 1e-6, "{score}");
        }
    }

    #[test]
    fn crossed_or_broken_thresholds_are_made_consistent() {
        let t = Thresholds {
            covered: 0.3,
            partly: 0.7,
        }
        .sanitized();
        assert_eq!((t.covered, t.partly), (0.3, 0.3));
        assert_eq!(t.credit(0.3), 1.0);
        assert_eq!(t.credit(0.29), 0.0);
        let t = Thresholds {
            covered: f32::NAN,
            partly: -4.0,
        }
        .sanitized();
        assert_eq!((t.covered, t.partly), (0.5, 0.0));
    }

    #[test]
    fn boilerplate_weighs_nothing_and_must_haves_most() {
        assert_eq!(section_weight(SectionKind::Legal), 0.0);
        assert!(section_weight(SectionKind::Required) > section_weight(SectionKind::Preferred));
    }
}
