//! Two models' reports of the same resume and posts, compared: how far their rankings agree
//! (Kendall's τ-b over the posts' fits), which requirements change status, each model's top
//! posts and the resume's words each model's tokenizer shatters.
//!
//! Pure, so that the page can compare two models' reports as `jobdelta compare` does (the
//! same τ-b and status changes; the CLI adds what only the encoder knows: load time, sizes,
//! texts cut short, the whole resume tokenised).

use serde::Serialize;

use crate::{PostReport, Report};

/// A requirement whose status differs between the two models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The post's title.
    pub post: String,
    /// The requirement's text.
    pub requirement: String,
    /// Its status by the first model ([`crate::Coverage::label`]).
    pub first: &'static str,
    /// Its status by the second model.
    pub second: &'static str,
}

/// What two reports of the same inputs agree and disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportComparison {
    /// Posts compared (those in both reports, paired by position).
    pub posts: usize,
    /// Requirements compared.
    pub requirements: usize,
    /// Kendall's τ-b between the two models' fits over the posts; `None` under two posts or
    /// when one model gives every post the same fit.
    pub kendall_tau: Option<f64>,
    /// Every requirement whose status differs, in post and requirement order.
    pub changed: Vec<StatusChange>,
}

/// Compares two reports of the same resume and posts (`first`'s model against `second`'s).
///
/// Reports list their posts in input order (rank is a field), so posts are paired by position,
/// and requirements by position within a post.
pub fn compare_reports(first: &Report, second: &Report) -> ReportComparison {
    let mut changed = Vec::new();
    let mut requirements = 0;
    for (post_a, post_b) in first.posts.iter().zip(&second.posts) {
        for (ra, rb) in post_a.requirements.iter().zip(&post_b.requirements) {
            requirements += 1;
            if ra.status != rb.status {
                changed.push(StatusChange {
                    post: post_a.title.clone(),
                    requirement: ra.text.clone(),
                    first: ra.status.label(),
                    second: rb.status.label(),
                });
            }
        }
    }
    let fits_a = fits_in_input_order(first);
    let fits_b = fits_in_input_order(second);
    ReportComparison {
        posts: fits_a.len().min(fits_b.len()),
        requirements,
        kendall_tau: kendall_tau_b(&fits_a, &fits_b),
        changed,
    }
}

/// The titles of a report's `n` best posts, best first.
pub fn top_posts(report: &Report, n: usize) -> Vec<String> {
    let mut by_rank: Vec<&PostReport> = report.posts.iter().collect();
    by_rank.sort_by_key(|p| p.rank);
    by_rank.iter().take(n).map(|p| p.title.clone()).collect()
}

/// The resume's words the report's model shatters, as its posts' unseen terms found in the
/// resume too ([`PostReport::unseen_terms`] with `in_resume`): each once, with its word
/// pieces, most pieces first. Only words some post names are there — the report keeps no
/// tokenisation of the resume alone; the CLI tokenises the whole resume instead.
pub fn shattered_resume_terms(report: &Report) -> Vec<(String, usize)> {
    let mut terms: Vec<(String, usize)> = Vec::new();
    for term in report
        .posts
        .iter()
        .flat_map(|p| &p.unseen_terms)
        .filter(|t| t.in_resume)
    {
        let key = term.term.to_lowercase();
        if !terms.iter().any(|(seen, _)| *seen == key) {
            terms.push((key, term.pieces.len()));
        }
    }
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms
}

/// Each post's fit, in the report's post order (the input order).
fn fits_in_input_order(report: &Report) -> Vec<f64> {
    report.posts.iter().map(|p| f64::from(p.fit)).collect()
}

/// Kendall's τ-b of two paired lists (ties in either count as neither concordant nor
/// discordant, and shrink the denominator); `None` under two items or when one list is
/// constant.
///
/// ```
/// use jobdelta_matching::model_comparison::kendall_tau_b;
/// assert_eq!(kendall_tau_b(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), Some(1.0));
/// assert_eq!(kendall_tau_b(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
/// ```
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    let (mut concordant, mut discordant, mut ties_x, mut ties_y) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            let dx = x[i] - x[j];
            let dy = y[i] - y[j];
            if dx == 0.0 && dy == 0.0 {
                continue;
            } else if dx == 0.0 {
                ties_x += 1;
            } else if dy == 0.0 {
                ties_y += 1;
            } else if (dx > 0.0) == (dy > 0.0) {
                concordant += 1;
            } else {
                discordant += 1;
            }
        }
    }
    let denominator =
        (((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) as f64).sqrt();
    (n >= 2 && denominator > 0.0).then(|| (concordant - discordant) as f64 / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        build_report, prepare, Coverage, PostText, Thresholds, UnseenTerm, WhitespacePieces,
    };

    #[test]
    fn kendall_tau_of_known_rankings() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(kendall_tau_b(&x, &x), Some(1.0));
        assert_eq!(kendall_tau_b(&x, &[4.0, 3.0, 2.0, 1.0]), Some(-1.0));
        // One swap of four items: 5 concordant, 1 discordant of 6 pairs.
        let tau = kendall_tau_b(&x, &[1.0, 3.0, 2.0, 4.0]).expect("defined");
        assert!((tau - 4.0 / 6.0).abs() < 1e-12, "{tau}");
        // A tie in y: τ-b = (4 − 1) / √(6 · 5).
        let tau = kendall_tau_b(&x, &[1.0, 1.0, 3.0, 2.0]).expect("defined");
        assert!((tau - 3.0 / 30f64.sqrt()).abs() < 1e-12, "{tau}");
        assert_eq!(kendall_tau_b(&x, &[2.0; 4]), None);
        assert_eq!(kendall_tau_b(&[1.0], &[1.0]), None);
    }

    /// A report of posts with these fits, ranks following the fits, and each post's
    /// requirement statuses (built from one real post, its fields then set).
    fn report(posts: &[(&str, f32, &[Coverage])]) -> Report {
        let post = PostText {
            title: Some("Template".to_owned()),
            text: "Requirements:\n- Rust services in production.\n".to_owned(),
        };
        let prepared = prepare("Built Rust services.", &[post]).unwrap_or_else(|e| panic!("{e:?}"));
        let embeddings: Vec<Vec<f32>> = prepared
            .texts_to_embed
            .iter()
            .map(|_| vec![1.0, 0.0])
            .collect();
        let mut report = build_report(
            &prepared,
            &embeddings,
            Thresholds::default(),
            &WhitespacePieces,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let template = report.posts[0].clone();
        let mut ranked: Vec<usize> = (0..posts.len()).collect();
        ranked.sort_by(|&a, &b| posts[b].1.total_cmp(&posts[a].1));
        report.posts = posts
            .iter()
            .enumerate()
            .map(|(i, (title, fit, statuses))| {
                let mut post = template.clone();
                post.title = (*title).to_owned();
                post.fit = *fit;
                post.rank = ranked.iter().position(|&r| r == i).unwrap_or(0) + 1;
                let requirement = template.requirements[0].clone();
                post.requirements = statuses
                    .iter()
                    .enumerate()
                    .map(|(k, status)| {
                        let mut r = requirement.clone();
                        r.text = format!("{title} requirement {k}");
                        r.status = *status;
                        r
                    })
                    .collect();
                post.unseen_terms = Vec::new();
                post
            })
            .collect();
        report
    }

    #[test]
    fn status_changes_and_ranking_agreement_of_two_reports() {
        use Coverage::{Covered, Missing, Partly};
        let first = report(&[
            ("A", 0.9, &[Covered, Missing]),
            ("B", 0.5, &[Partly]),
            ("C", 0.1, &[Missing]),
        ]);
        let second = report(&[
            ("A", 0.4, &[Covered, Partly]),
            ("B", 0.8, &[Partly]),
            ("C", 0.2, &[Covered]),
        ]);
        let comparison = compare_reports(&first, &second);
        assert_eq!(comparison.posts, 3);
        assert_eq!(comparison.requirements, 4);
        // Pairs (A,B) discordant, (A,C) and (B,C) concordant: (2 − 1) / 3.
        let tau = comparison.kendall_tau.expect("defined");
        assert!((tau - 1.0 / 3.0).abs() < 1e-12, "{tau}");
        assert_eq!(
            comparison.changed,
            [
                StatusChange {
                    post: "A".into(),
                    requirement: "A requirement 1".into(),
                    first: Missing.label(),
                    second: Partly.label(),
                },
                StatusChange {
                    post: "C".into(),
                    requirement: "C requirement 0".into(),
                    first: Missing.label(),
                    second: Covered.label(),
                },
            ]
        );
        assert_eq!(top_posts(&first, 2), ["A", "B"]);
        assert_eq!(top_posts(&second, 5), ["B", "A", "C"]);
        assert_eq!(compare_reports(&first, &first).changed, []);
    }

    #[test]
    fn shattered_resume_terms_are_the_unseen_terms_the_resume_names() {
        let mut r = report(&[("A", 0.5, &[]), ("B", 0.4, &[])]);
        let term = |term: &str, pieces: usize, in_resume| UnseenTerm {
            term: term.into(),
            pieces: vec!["x".into(); pieces],
            in_resume,
        };
        r.posts[0].unseen_terms = vec![term("Kubeflow", 4, true), term("Xgboost", 5, false)];
        r.posts[1].unseen_terms = vec![term("kubeflow", 4, true), term("Terraform", 5, true)];
        assert_eq!(
            shattered_resume_terms(&r),
            [("terraform".to_owned(), 5), ("kubeflow".to_owned(), 4)]
        );
    }
}
