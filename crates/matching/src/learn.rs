//! Learning a person's taste from their own marks, privately: a small logistic regression over
//! a post's explainable features, trained where the marks are (in the browser or the CLI).
//!
//! The features are the three zero-shot signals ([`crate::fit`]) and two that come from the
//! marks themselves: how much more a post's title, and its requirements, resemble the posts
//! marked "fit" than those marked "not for me" (cosine to the mean of each group). A marked
//! post counts in its own group; leaving it out was tried and measured no better on held-out
//! posts, and it would hide from the model how much the marks themselves say.
//!
//! The model starts from the zero-shot fit plus a fixed share of those two and is pulled
//! towards that start by its regulariser, so a handful of marks nudges the ranking and fifty
//! can reshape it, while a single careless mark cannot throw it away. Training is Newton's
//! method on a handful of weights: deterministic, the same marks give the same weights.

use serde::{Deserialize, Serialize};

use crate::fit::SIGNAL_SCALES;

/// Marks of each kind ("fit" and "not for me") needed before the ranking learns from them.
pub const MIN_MARKS_PER_KIND: usize = 1;

/// The prior weight of each zero-shot signal: they sum to 3, so the prior's linear score is 3×
/// the zero-shot score, a slope at which a logistic model of the reference labels is roughly
/// calibrated.
const SIGNAL_PRIOR: f32 = 1.0;
/// The prior weight of each "like the posts you marked" feature.
const MARKS_PRIOR: f32 = 0.7;
/// Pull towards the prior, in marks: the prior counts like this many marks.
const PRIOR_STRENGTH: f32 = 20.0;

/// What learning needs to know about one post.
#[derive(Debug, Clone, Copy)]
pub struct PostProfile<'a> {
    /// The standardised zero-shot signals ([`crate::FitSignals::standardized`]).
    pub signals: [f32; 3],
    /// The post's mean requirement embedding (L2-normalised).
    pub content: &'a [f32],
    /// The post's title embedding, if it has a title of its own.
    pub title: Option<&'a [f32]>,
}

/// One feature of the learned model and the weight it ended with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedFeature {
    /// Short name for people.
    pub name: String,
    /// What it measures, in one line.
    pub description: String,
    /// Its weight before any mark.
    pub prior: f32,
    /// Its weight after learning from the marks.
    pub weight: f32,
}

/// What the ranking learned from the person's marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Learning {
    /// Posts marked "fit".
    pub marked_fit: usize,
    /// Posts marked "not for me".
    pub marked_not: usize,
    /// The model's features with their prior and learned weights.
    pub features: Vec<LearnedFeature>,
}

/// The learned ranking: one score per post on the zero-shot scale (so
/// [`crate::fit::fit_of_score`] turns it into a fit), and what was learned. `None` until there
/// are [`MIN_MARKS_PER_KIND`] marks of each kind.
pub fn learn_from_marks(
    posts: &[PostProfile<'_>],
    marks: &[Option<bool>],
) -> Option<(Vec<f32>, Learning)> {
    let marked_fit = marks.iter().filter(|m| **m == Some(true)).count();
    let marked_not = marks.iter().filter(|m| **m == Some(false)).count();
    if marked_fit < MIN_MARKS_PER_KIND || marked_not < MIN_MARKS_PER_KIND {
        return None;
    }
    let like_title = like_marked(posts, marks, |p| p.title);
    let like_content = like_marked(posts, marks, |p| Some(p.content));
    let rows: Vec<Vec<f32>> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row = p.signals.to_vec();
            row.push(like_title[i]);
            row.push(like_content[i]);
            row
        })
        .collect();
    let prior = LinearModel {
        weights: vec![
            SIGNAL_PRIOR,
            SIGNAL_PRIOR,
            SIGNAL_PRIOR,
            MARKS_PRIOR,
            MARKS_PRIOR,
        ],
        bias: 0.0,
    };
    let training: Vec<(&[f32], bool)> = rows
        .iter()
        .zip(marks)
        .filter_map(|(row, mark)| mark.map(|m| (row.as_slice(), m)))
        .collect();
    let model = train(&prior, &training, TrainingOptions::default());
    // Without the bias: it moves every post alike, and a fit should only move because of what
    // distinguishes the post.
    let scale = 3.0 * SIGNAL_PRIOR;
    let scores = rows
        .iter()
        .map(|row| (model.score(row) - model.bias) / scale)
        .collect();
    let names = SIGNAL_SCALES
        .iter()
        .map(|s| (s.name, s.description))
        .chain([
        (
            "title like your marks",
            "how much more the title resembles posts you marked fit than posts not for you",
        ),
        (
            "content like your marks",
            "how much more the requirements resemble posts you marked fit than posts not for you",
        ),
    ]);
    let features = names
        .zip(prior.weights.iter().zip(&model.weights))
        .map(|((name, description), (&prior, &weight))| LearnedFeature {
            name: name.to_owned(),
            description: description.to_owned(),
            prior: prior / scale,
            weight: weight / scale,
        })
        .collect();
    Some((
        scores,
        Learning {
            marked_fit,
            marked_not,
            features,
        },
    ))
}

/// For each post, cosine to the mean of the posts marked fit minus cosine to the mean of
/// those marked not for me, standardised over the posts. Posts without the vector get 0
/// (average), and so does every post while a group is empty.
fn like_marked<'a>(
    posts: &[PostProfile<'a>],
    marks: &[Option<bool>],
    vector: impl Fn(&PostProfile<'a>) -> Option<&'a [f32]>,
) -> Vec<f32> {
    let dims = posts
        .iter()
        .find_map(|p| vector(p).map(<[f32]>::len))
        .unwrap_or(0);
    let mut sums = [vec![0.0_f32; dims], vec![0.0_f32; dims]];
    let mut counts = [0_usize; 2];
    for (post, mark) in posts.iter().zip(marks) {
        if let (Some(v), Some(m)) = (vector(post), mark) {
            let group = usize::from(*m);
            counts[group] += 1;
            for (s, x) in sums[group].iter_mut().zip(v) {
                *s += x;
            }
        }
    }
    let raw: Vec<Option<f32>> = posts
        .iter()
        .map(|post| {
            let v = vector(post)?;
            let mut similarity = [0.0_f32; 2];
            for group in 0..2 {
                if counts[group] == 0 {
                    return None;
                }
                similarity[group] = cosine(v, &sums[group]);
            }
            Some(similarity[1] - similarity[0])
        })
        .collect();
    standardize(&raw)
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator > f32::EPSILON {
        dot / denominator
    } else {
        0.0
    }
}

/// z-scores of the values present; missing values and a constant column become 0.
fn standardize(values: &[Option<f32>]) -> Vec<f32> {
    let present: Vec<f32> = values.iter().flatten().copied().collect();
    if present.len() < 2 {
        return vec![0.0; values.len()];
    }
    let n = present.len() as f32;
    let mean = present.iter().sum::<f32>() / n;
    let spread = (present.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n).sqrt();
    values
        .iter()
        .map(|v| match v {
            Some(x) if spread > 1e-6 => (x - mean) / spread,
            _ => 0.0,
        })
        .collect()
}

/// A linear scorer over named features: `score = bias + Σ weight × feature`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// One weight per feature, in the caller's feature order.
    pub weights: Vec<f32>,
    /// Added to every score.
    pub bias: f32,
}

impl LinearModel {
    /// The model's score of one feature vector (higher = better fit).
    pub fn score(&self, features: &[f32]) -> f32 {
        self.bias
            + self
                .weights
                .iter()
                .zip(features)
                .map(|(w, x)| w * x)
                .sum::<f32>()
    }
}

/// How training trades the marks against the prior.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingOptions {
    /// Strength of the pull towards the prior weights (L2 on weight − prior), in marks: the
    /// prior counts like this many marks.
    pub prior_strength: f32,
    /// Newton steps (each solves the exact local quadratic; a few suffice).
    pub steps: usize,
}

impl Default for TrainingOptions {
    fn default() -> Self {
        Self {
            prior_strength: PRIOR_STRENGTH,
            steps: 25,
        }
    }
}

/// A small ridge on the bias, which has no prior: it keeps the system solvable when the marks
/// separate perfectly.
const BIAS_RIDGE: f64 = 1e-3;

/// Fits a logistic regression to `marks` (feature vector, liked?) regularised towards `prior`
/// (minimises Σ log-loss + ½·strength·‖w − prior‖²) by Newton's method. Returns the prior
/// unchanged when there are no marks.
pub fn train(
    prior: &LinearModel,
    marks: &[(&[f32], bool)],
    options: TrainingOptions,
) -> LinearModel {
    if marks.is_empty() {
        return prior.clone();
    }
    let dims = prior.weights.len();
    // Parameters: the weights, then the bias.
    let mut theta: Vec<f64> = prior.weights.iter().map(|&w| f64::from(w)).collect();
    theta.push(f64::from(prior.bias));
    let strength = f64::from(options.prior_strength.max(0.0));
    for _ in 0..options.steps {
        let mut gradient = vec![0.0_f64; dims + 1];
        let mut hessian = vec![vec![0.0_f64; dims + 1]; dims + 1];
        for (features, liked) in marks {
            let x: Vec<f64> = features
                .iter()
                .take(dims)
                .map(|&v| f64::from(v))
                .chain([1.0])
                .collect();
            let z: f64 = x.iter().zip(&theta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let error = p - if *liked { 1.0 } else { 0.0 };
            let curvature = (p * (1.0 - p)).max(1e-9);
            for i in 0..=dims {
                gradient[i] += error * x[i];
                for j in 0..=dims {
                    hessian[i][j] += curvature * x[i] * x[j];
                }
            }
        }
        for i in 0..dims {
            gradient[i] += strength * (theta[i] - f64::from(prior.weights[i]));
            hessian[i][i] += strength;
        }
        hessian[dims][dims] += BIAS_RIDGE;
        gradient[dims] += BIAS_RIDGE * theta[dims];
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        let mut largest: f64 = 0.0;
        for (t, s) in theta.iter_mut().zip(&step) {
            *t -= s;
            largest = largest.max(s.abs());
        }
        if largest < 1e-9 {
            break;
        }
    }
    if theta.iter().any(|t| !t.is_finite()) {
        return prior.clone();
    }
    LinearModel {
        weights: theta[..dims].iter().map(|&t| t as f32).collect(),
        bias: theta[dims] as f32,
    }
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None` if `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= factor * p;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_finds_the_exact_solution() {
        let a = vec![vec![2.0, 1.0], vec![1.0, 3.0]];
        let x = solve(a, vec![3.0, 5.0]).unwrap_or_default();
        assert!(
            (x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12,
            "{x:?}"
        );
        assert!(solve(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 1.0]).is_none());
    }

    #[test]
    fn no_marks_keep_the_prior_and_a_strong_prior_barely_moves() {
        let prior = LinearModel {
            weights: vec![1.0, 0.0],
            bias: 0.0,
        };
        assert_eq!(train(&prior, &[], TrainingOptions::default()), prior);
        // One feature says the opposite of the prior's.
        let marks: Vec<(&[f32], bool)> = vec![(&[1.0, 1.0], false), (&[-1.0, -1.0], true)];
        let weak = train(
            &prior,
            &marks,
            TrainingOptions {
                prior_strength: 0.1,
                ..Default::default()
            },
        );
        let strong = train(
            &prior,
            &marks,
            TrainingOptions {
                prior_strength: 1_000.0,
                ..Default::default()
            },
        );
        assert!(weak.weights[0] < 0.0, "the marks win: {weak:?}");
        assert!(
            (strong.weights[0] - 1.0).abs() < 0.01,
            "the prior holds: {strong:?}"
        );
    }

    #[test]
    fn separable_marks_stay_finite() {
        let prior = LinearModel {
            weights: vec![0.0],
            bias: 0.0,
        };
        let marks: Vec<(&[f32], bool)> = (0..20)
            .map(|i| {
                let x: &[f32] = if i % 2 == 0 { &[5.0] } else { &[-5.0] };
                (x, i % 2 == 0)
            })
            .collect();
        let model = train(&prior, &marks, TrainingOptions::default());
        assert!(model.weights[0] > 0.0 && model.weights[0].is_finite());
        assert!(model.bias.is_finite());
    }
}
