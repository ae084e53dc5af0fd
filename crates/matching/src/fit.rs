//! The zero-shot fit: three signals, each explainable on its own, put on one scale and
//! averaged.
//!
//! - **experience match** — for each of your sentences, does this post ask for it? (the mean
//!   credit of each resume sentence's best match among the post's requirements);
//! - **overall similarity** — how close the post's requirements are, taken together, to your
//!   resume taken together (cosine of the two mean sentence embeddings);
//! - **title similarity** — how close the post's title is to your resume taken together.
//!
//! Each signal is standardised with the mean and spread it had over a reference set (one
//! software engineer's resume against 280 real posts, `docs/quality.md`), so they weigh the
//! same, and the fit is the mean of the three. Shown to people as a number from 0 to 100: the
//! share of that reference set's posts a post with this score would beat — a percentile, not
//! a cosine dressed as a percentage.

use serde::{Deserialize, Serialize};

/// The measured signals of one post.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct FitSignals {
    /// Mean credit of the resume sentences' best matches among the requirements, in [0, 1].
    pub experience_match: f32,
    /// Cosine of the mean resume sentence and the mean requirement.
    pub overall_similarity: f32,
    /// Cosine of the post's title and the mean resume sentence; `None` for a post without a
    /// title of its own (it then counts as average).
    pub title_similarity: Option<f32>,
}

/// One signal's name and how it was spread over the reference set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignalScale {
    /// Short name for people.
    pub name: &'static str,
    /// What it measures, in one line.
    pub description: &'static str,
    /// Mean over the reference set.
    pub mean: f32,
    /// Standard deviation over the reference set.
    pub spread: f32,
}

/// The signals in [`FitSignals::standardized`] order, with their reference scales
/// (`jobdelta eval` prints them; default thresholds 0.50 / 0.35).
pub const SIGNAL_SCALES: [SignalScale; 3] = [
    SignalScale {
        name: "experience match",
        description: "how much of your experience the post asks for",
        mean: 0.2005,
        spread: 0.0824,
    },
    SignalScale {
        name: "overall similarity",
        description: "how close the post is to your resume as a whole",
        mean: 0.5993,
        spread: 0.0802,
    },
    SignalScale {
        name: "title similarity",
        description: "how close the job title is to your resume",
        mean: 0.4248,
        spread: 0.0774,
    },
];

/// Standard deviation of the zero-shot score over the reference set (the three standardised
/// signals are correlated, so their mean spreads less than 1).
pub const SCORE_SPREAD: f32 = 0.796;

impl FitSignals {
    /// The signals on a common scale: 0 is the reference set's average, 1 one standard
    /// deviation above it.
    pub fn standardized(&self) -> [f32; 3] {
        let values = [
            Some(self.experience_match),
            Some(self.overall_similarity),
            self.title_similarity,
        ];
        let mut z = [0.0; 3];
        for ((out, value), scale) in z.iter_mut().zip(values).zip(SIGNAL_SCALES) {
            *out = value.map_or(0.0, |v| (v - scale.mean) / scale.spread);
        }
        z
    }

    /// The zero-shot score: the mean of the standardised signals.
    pub fn zero_shot_score(&self) -> f32 {
        self.standardized().iter().sum::<f32>() / 3.0
    }
}

/// A score on the zero-shot scale as a fit from 0 to 100: the share of reference posts it
/// beats, assuming their scores spread normally.
pub fn fit_of_score(score: f32) -> f32 {
    if !score.is_finite() {
        return 0.0;
    }
    100.0 * normal_cdf(score / SCORE_SPREAD)
}

/// Φ(x) via the Abramowitz–Stegun erf approximation (error < 1.5e-7), plenty for a display.
fn normal_cdf(x: f32) -> f32 {
    let z = f64::from(x) / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    let erf = if z >= 0.0 { erf } else { -erf };
    (0.5 * (1.0 + erf)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_known_values() {
        let cases = [
            (0.0, 0.5),
            (1.0, 0.841_344_7),
            (-1.96, 0.024_997_9),
            (3.0, 0.998_650_1),
        ];
        for (x, expected) in cases {
            assert!((normal_cdf(x) - expected).abs() < 1e-6, "{x}");
        }
    }

    #[test]
    fn an_average_post_is_fit_50_and_better_posts_score_higher() {
        let average = FitSignals {
            experience_match: SIGNAL_SCALES[0].mean,
            overall_similarity: SIGNAL_SCALES[1].mean,
            title_similarity: Some(SIGNAL_SCALES[2].mean),
        };
        assert!(average.zero_shot_score().abs() < 1e-5);
        assert!((fit_of_score(average.zero_shot_score()) - 50.0).abs() < 1e-3);
        let better = FitSignals {
            experience_match: 0.35,
            ..average
        };
        assert!(fit_of_score(better.zero_shot_score()) > 50.0);
        assert!(fit_of_score(f32::NAN) == 0.0);
    }

    #[test]
    fn a_post_without_a_title_counts_as_average_on_that_signal() {
        let signals = FitSignals {
            experience_match: SIGNAL_SCALES[0].mean,
            overall_similarity: SIGNAL_SCALES[1].mean,
            title_similarity: None,
        };
        assert_eq!(signals.standardized()[2], 0.0);
    }
}
