//! Progress between versions of a resume: the same posts matched against each version, and
//! per post the requirements a later version newly covers or no longer covers. Pure: the
//! reports come from [`crate::build_report`], one per version, over the same posts in the
//! same order (so post and requirement indices line up).

use serde::{Deserialize, Serialize};

use crate::{Coverage, Report};

/// Every version's results and what changed between each version and the next: what
/// `jobdelta progress --json` prints and the app's progress view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Progress {
    /// One entry per version, in the order given (oldest first).
    pub versions: Vec<VersionResult>,
    /// For each pair of consecutive versions, the posts whose covered requirements changed.
    pub changes: Vec<PostChange>,
}

/// One resume version's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionResult {
    /// The version's name (a file name in the CLI, the saved name in the app).
    pub label: String,
    /// Each post under this version, in the posts' order.
    pub posts: Vec<VersionPost>,
}

/// The progress over `reports`, one per version (label, report) in order, each built over
/// the same posts in the same order.
pub fn progress(reports: &[(String, Report)]) -> Progress {
    Progress {
        versions: reports
            .iter()
            .map(|(label, report)| VersionResult {
                label: label.clone(),
                posts: version_posts(report),
            })
            .collect(),
        changes: reports
            .windows(2)
            .flat_map(|pair| changes((&pair[0].0, &pair[0].1), (&pair[1].0, &pair[1].1)))
            .collect(),
    }
}

/// One post under one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionPost {
    /// The post's title.
    pub title: String,
    /// Its fit under this version (0–100).
    pub fit: f32,
    /// Requirements covered.
    pub covered: usize,
}

/// What changed for one post from one version to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostChange {
    /// The post's title.
    pub title: String,
    /// The earlier version's label.
    pub from: String,
    /// The later version's label.
    pub to: String,
    /// Requirements covered now and not before.
    pub newly_covered: Vec<String>,
    /// Requirements covered before and not now.
    pub no_longer_covered: Vec<String>,
}

/// Each post's fit and covered count under one report.
pub fn version_posts(report: &Report) -> Vec<VersionPost> {
    report
        .posts
        .iter()
        .map(|post| VersionPost {
            title: post.title.clone(),
            fit: post.fit,
            covered: post
                .requirements
                .iter()
                .filter(|r| r.status == Coverage::Covered)
                .count(),
        })
        .collect()
}

/// Per post, the requirements `later` covers that `earlier` did not, and the reverse; posts
/// with no change are left out. Posts and requirements are paired by position (the same
/// posts were matched); a post whose requirements differ in number is compared as far as
/// both go.
pub fn changes(earlier: (&str, &Report), later: (&str, &Report)) -> Vec<PostChange> {
    let (from, old) = earlier;
    let (to, new) = later;
    old.posts
        .iter()
        .zip(&new.posts)
        .filter_map(|(before, after)| {
            let mut change = PostChange {
                title: after.title.clone(),
                from: from.to_owned(),
                to: to.to_owned(),
                newly_covered: Vec::new(),
                no_longer_covered: Vec::new(),
            };
            for (b, a) in before.requirements.iter().zip(&after.requirements) {
                let (was, is) = (b.status == Coverage::Covered, a.status == Coverage::Covered);
                if is && !was {
                    change.newly_covered.push(a.text.clone());
                } else if was && !is {
                    change.no_longer_covered.push(a.text.clone());
                }
            }
            (!change.newly_covered.is_empty() || !change.no_longer_covered.is_empty())
                .then_some(change)
        })
        .collect()
}
