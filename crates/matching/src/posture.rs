//! Industry posture: many posts grouped into role families, and per family what it asks for,
//! how much of it the person covers, what is rising or falling, and where the person stands.
//!
//! Pure, and built on what a report already has: each post's vector is the normalised mean of
//! its requirements' embeddings (the texts [`crate::prepare`] lists and the caller embedded for
//! [`crate::build_report`]), so grouping costs no model call and no new similarity to the
//! resume. Posts are grouped by average-linkage clustering
//! ([`crate::cluster`], as the interview's themes) at [`GROUP_THRESHOLD`]; a post of another
//! trade (a nurse among engineers) is far from every technical post, so it lands in a group of
//! its own trade.
//!
//! Per group: its requirements, near-duplicates across its posts merged
//! ([`SAME_REQUIREMENT`]), with the share of its posts asking and the person's status (from the
//! report); the skills its requirements name, with the share asking and whether the resume
//! names them; the mean coverage; the person's fits there; and, where posts carry dates, what
//! the latest quarter asks more or less often than the earlier ones.

use std::collections::HashMap;

use jobdelta_text::content_words;
use serde::{Deserialize, Serialize};

use crate::cluster::{average_linkage, mean_vector, most_distinctive};
use crate::{Coverage, FitLabel, Prepared, Report};

/// Two groups of posts join while the mean cosine between their posts reaches this.
///
/// Chosen on `fixtures/posture` (see docs/quality.md, "Posture"), so its figures there are
/// optimistic; the real posts of the shared evaluation set are read as a check.
pub const GROUP_THRESHOLD: f32 = 0.5;

/// Requirements of a group's posts whose cosine reaches this are counted as one.
pub const SAME_REQUIREMENT: f32 = 0.8;

/// Requirements and skills listed per group, at most.
pub const LISTED: usize = 10;

/// Rising or falling means a share moved by at least this between the earlier quarters and the
/// latest.
pub const TREND_CHANGE: f32 = 0.25;

/// Rising or falling items listed per group, at most, each way.
const TREND_LISTED: usize = 5;

/// Words of a title that say the level, not the family.
const LEVEL_WORDS: &[&str] = &[
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "staff",
    "principal",
    "head",
    "chief",
    "i",
    "ii",
    "iii",
    "iv",
    "entry",
    "level",
    "mid",
    "intern",
    "associate",
    "founding",
];

/// What the posture needs to know of a post beyond the report: its id and date, as the table
/// gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PostMeta {
    /// The table's `id` (or the row number); what the groups list.
    pub id: String,
    /// The date it was posted, as written (`YYYY-MM…` is read; anything else is undated).
    #[serde(default)]
    pub date: Option<String>,
}

/// The posts grouped into families: what `jobdelta posture --json` prints and the app's
/// posture view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Posture {
    /// The groups, largest first.
    pub groups: Vec<Group>,
}

/// One family of posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Its most frequent title and its most distinctive skills ("Backend Engineer — Go, Kafka").
    pub label: String,
    /// Its posts' ids, in the posts' order.
    pub posts: Vec<String>,
    /// Its posts' indices in the report, in the same order.
    pub post_indices: Vec<usize>,
    /// The requirements most of its posts ask for, most asked first.
    pub requirements: Vec<GroupRequirement>,
    /// The skills its requirements name, most asked first.
    pub skills: Vec<GroupSkill>,
    /// The mean over its posts of how much of the post the resume covers, in [0, 1].
    pub coverage: f32,
    /// Where the person stands in it.
    pub standing: Standing,
    /// What its latest quarter asks more or less often, when its posts carry dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
}

/// A requirement (near-duplicates merged) of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRequirement {
    /// As the first post asking wrote it.
    pub text: String,
    /// Share of the group's posts asking for it.
    pub share: f32,
    /// The person's status: that of the asking post's requirement the resume comes closest to.
    pub covered: Coverage,
}

/// A skill a group's requirements name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSkill {
    /// Canonical name.
    pub name: String,
    /// Share of the group's posts naming it.
    pub share: f32,
    /// Whether the resume names it.
    pub you_have: bool,
}

/// The person's fits in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Standing {
    /// The median fit (0–100) of the group's posts.
    pub median_fit: f32,
    /// The best fit among them.
    pub best_fit: f32,
    /// Posts there that are a good or strong fit.
    pub good_fits: usize,
    /// The group's place among all groups by median fit (1 = where the person fits best).
    pub rank: usize,
}

/// What changed between a group's earlier quarters and its latest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Each quarter with dated posts ("2026-Q1") and how many, oldest first.
    pub quarters: Vec<(String, usize)>,
    /// Asked more often in the latest quarter.
    pub rising: Vec<Change>,
    /// Asked less often in the latest quarter.
    pub falling: Vec<Change>,
}

/// A requirement or skill whose share moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The requirement's text or the skill's name.
    pub text: String,
    /// True for a skill, false for a requirement.
    pub skill: bool,
    /// Its share among the dated posts of the earlier quarters.
    pub earlier: f32,
    /// Its share among the posts of the latest quarter.
    pub latest: f32,
}

/// The quarter of a date written `YYYY-MM…` ("2026-03-15" → "2026-Q1"); `None` otherwise.
pub fn quarter_of(date: &str) -> Option<String> {
    let month = jobdelta_text::YearMonth::parse(date.trim().get(..7)?)?;
    Some(format!("{}-Q{}", month.year, (month.month - 1) / 3 + 1))
}

/// The posture of the report's posts. `prepared` and `embeddings` are what the report was
/// built from; `posts` gives each post's id and date (a post without one is named by its
/// position from 1). Deterministic.
pub fn posture<V: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[V],
    report: &Report,
    posts: &[PostMeta],
    threshold: f32,
) -> Posture {
    let vector = |e: usize| embeddings.get(e).map(AsRef::as_ref);
    let count = report.posts.len().min(prepared.posts.len());
    let meta = |i: usize| {
        posts.get(i).cloned().unwrap_or(PostMeta {
            id: (i + 1).to_string(),
            date: None,
        })
    };
    // Each post's point: its requirements' mean direction (its title's embedding only when it
    // has no requirement). Measured on fixtures/posture, adding the title lowered the adjusted
    // Rand index from 0.66 to 0.13: imported titles carry the company ("Backend Engineer ·
    // Ledgerly"), which pulls posts of one employer together across families.
    let mut points: Vec<Vec<f32>> = Vec::with_capacity(count);
    let mut apart: Vec<usize> = Vec::new();
    let mut clustered: Vec<usize> = Vec::new();
    for (i, post) in prepared.posts.iter().take(count).enumerate() {
        let content = mean_vector(post.requirements.iter().filter_map(|r| vector(r.embedding)));
        let title = post.title_embedding.and_then(vector).map(<[f32]>::to_vec);
        match content.or(title) {
            Some(point) => {
                points.push(point);
                clustered.push(i);
            }
            None => apart.push(i),
        }
    }
    let mut members: Vec<Vec<usize>> = average_linkage(&points, threshold)
        .into_iter()
        .map(|g| g.into_iter().map(|p| clustered[p]).collect())
        .collect();
    // A post with nothing to embed is a group of its own rather than lost.
    members.extend(apart.into_iter().map(|i| vec![i]));
    members.iter_mut().for_each(|g| g.sort_unstable());
    members.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));

    let titles: Vec<TitleWords> = report
        .posts
        .iter()
        .take(count)
        .map(|p| TitleWords::of(&p.title))
        .collect();
    let skills: Vec<HashMap<String, bool>> = report
        .posts
        .iter()
        .take(count)
        .map(|p| {
            let mut named: HashMap<String, bool> = HashMap::new();
            for skill in p.requirements.iter().flat_map(|r| &r.skills.skills) {
                *named.entry(skill.term.clone()).or_default() |= skill.resume_index.is_some();
            }
            named
        })
        .collect();
    let mut groups: Vec<Group> = members
        .iter()
        .map(|group| {
            let merged = merge_requirements(prepared, &vector, report, group);
            let skill_items = group_skills(&skills, group);
            let fits: Vec<f32> = group.iter().map(|&i| report.posts[i].fit).collect();
            let dates: Vec<Option<String>> = group
                .iter()
                .map(|&i| meta(i).date.as_deref().and_then(quarter_of))
                .collect();
            Group {
                label: label(&titles, &skills, group, count),
                posts: group.iter().map(|&i| meta(i).id).collect(),
                post_indices: group.clone(),
                requirements: listed(&merged, group.len())
                    .map(|m| GroupRequirement {
                        text: m.text.clone(),
                        share: m.posts.len() as f32 / group.len() as f32,
                        covered: m.status,
                    })
                    .collect(),
                skills: listed(&skill_items, group.len())
                    .map(|s| GroupSkill {
                        name: s.text.clone(),
                        share: s.posts.len() as f32 / group.len() as f32,
                        you_have: s.status == Coverage::Covered,
                    })
                    .collect(),
                coverage: group
                    .iter()
                    .map(|&i| report.posts[i].breakdown.weighted_coverage)
                    .sum::<f32>()
                    / group.len() as f32,
                standing: standing(&fits),
                trend: trend(group, &dates, &merged, &skill_items),
            }
        })
        .collect();
    let mut by_fit: Vec<usize> = (0..groups.len()).collect();
    by_fit.sort_by(|&a, &b| {
        groups[b]
            .standing
            .median_fit
            .total_cmp(&groups[a].standing.median_fit)
            .then(a.cmp(&b))
    });
    for (rank, &g) in by_fit.iter().enumerate() {
        groups[g].standing.rank = rank + 1;
    }
    Posture { groups }
}

/// A requirement or skill counted over a group's posts.
struct Item {
    /// The requirement as first written, or the skill's name.
    text: String,
    /// Positions in the group of the posts asking (ascending, distinct).
    posts: Vec<usize>,
    /// The person's status (for a skill: `Covered` when the resume names it).
    status: Coverage,
    /// The best similarity to the resume among the requirements merged (for the status).
    best_score: f32,
    /// The vector near-duplicates are compared with (the first requirement's).
    leader: Vec<f32>,
}

/// The items asked by most posts first (ties: first seen), at most [`LISTED`], and only those
/// asked by two posts or more unless the group has one post.
fn listed(items: &[Item], group_size: usize) -> impl Iterator<Item = &Item> {
    let mut order: Vec<&Item> = items
        .iter()
        .filter(|m| group_size == 1 || m.posts.len() >= 2)
        .collect();
    order.sort_by_key(|m| std::cmp::Reverse(m.posts.len()));
    order.into_iter().take(LISTED)
}

/// The group's requirements with near-duplicates merged: each requirement joins the first
/// earlier one whose leader it reaches [`SAME_REQUIREMENT`] with (one pass, in post order, so
/// deterministic and linear in the number of merged items).
fn merge_requirements<'a>(
    prepared: &Prepared,
    vector: &dyn Fn(usize) -> Option<&'a [f32]>,
    report: &Report,
    group: &[usize],
) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (position, &post) in group.iter().enumerate() {
        let asked = prepared.posts[post].requirements.iter();
        for (prepared_requirement, requirement) in asked.zip(&report.posts[post].requirements) {
            let Some(v) = vector(prepared_requirement.embedding) else {
                continue;
            };
            let same = items
                .iter_mut()
                .find(|m| crate::dot(&m.leader, v) >= SAME_REQUIREMENT);
            match same {
                Some(item) => {
                    if item.posts.last() != Some(&position) {
                        item.posts.push(position);
                    }
                    if requirement.best_score > item.best_score {
                        item.best_score = requirement.best_score;
                        item.status = requirement.status;
                    }
                }
                None => items.push(Item {
                    text: requirement.text.clone(),
                    posts: vec![position],
                    status: requirement.status,
                    best_score: requirement.best_score,
                    leader: v.to_vec(),
                }),
            }
        }
    }
    items
}

/// The skills the group's posts name, in first-seen order.
fn group_skills(skills: &[HashMap<String, bool>], group: &[usize]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (position, &post) in group.iter().enumerate() {
        let mut names: Vec<(&String, &bool)> = skills[post].iter().collect();
        names.sort();
        for (name, &have) in names {
            let status = if have {
                Coverage::Covered
            } else {
                Coverage::Missing
            };
            match items.iter_mut().find(|s| &s.text == name) {
                Some(item) => item.posts.push(position),
                None => items.push(Item {
                    text: name.clone(),
                    posts: vec![position],
                    status,
                    best_score: 0.0,
                    leader: Vec::new(),
                }),
            }
        }
    }
    items
}

/// Median, best and good fits of a group.
fn standing(fits: &[f32]) -> Standing {
    let mut sorted = fits.to_vec();
    sorted.sort_by(f32::total_cmp);
    let median = match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Standing {
        median_fit: median,
        best_fit: sorted.last().copied().unwrap_or(0.0),
        good_fits: fits.iter().filter(|&&f| f >= FitLabel::GOOD).count(),
        rank: 0,
    }
}

/// The latest quarter against the earlier ones, when at least two posts fall in each.
fn trend(
    group: &[usize],
    quarters: &[Option<String>],
    requirements: &[Item],
    skills: &[Item],
) -> Option<Trend> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for quarter in quarters.iter().flatten() {
        match counts.iter_mut().find(|(q, _)| q == quarter) {
            Some((_, n)) => *n += 1,
            None => counts.push((quarter.clone(), 1)),
        }
    }
    counts.sort();
    let (latest, latest_posts) = counts.last()?.clone();
    let earlier_posts: usize = counts.iter().map(|(_, n)| n).sum::<usize>() - latest_posts;
    if counts.len() < 2 || latest_posts < 2 || earlier_posts < 2 {
        return Some(Trend {
            quarters: counts,
            rising: Vec::new(),
            falling: Vec::new(),
        });
    }
    debug_assert_eq!(quarters.len(), group.len());
    let mut rising = Vec::new();
    let mut falling = Vec::new();
    for (item, skill) in requirements
        .iter()
        .map(|r| (r, false))
        .chain(skills.iter().map(|s| (s, true)))
    {
        if item.posts.len() < 2 {
            continue;
        }
        let share = |latest_quarter: bool| {
            let asking = item
                .posts
                .iter()
                .filter(|&&p| {
                    quarters[p]
                        .as_ref()
                        .is_some_and(|q| (q == &latest) == latest_quarter)
                })
                .count();
            asking as f32
                / if latest_quarter {
                    latest_posts
                } else {
                    earlier_posts
                } as f32
        };
        let change = Change {
            text: item.text.clone(),
            skill,
            earlier: share(false),
            latest: share(true),
        };
        if change.latest - change.earlier >= TREND_CHANGE {
            rising.push(change);
        } else if change.earlier - change.latest >= TREND_CHANGE {
            falling.push(change);
        }
    }
    let by_move = |a: &Change, b: &Change| {
        (b.latest - b.earlier)
            .abs()
            .total_cmp(&(a.latest - a.earlier).abs())
    };
    rising.sort_by(by_move);
    falling.sort_by(by_move);
    rising.truncate(TREND_LISTED);
    falling.truncate(TREND_LISTED);
    Some(Trend {
        quarters: counts,
        rising,
        falling,
    })
}

/// A post's title as the label reads it: the role without company, level or specialisation.
struct TitleWords {
    /// The role, level words removed, in the title's case ("Backend Engineer").
    role: String,
    /// Its content words, lower case.
    words: Vec<String>,
}

impl TitleWords {
    fn of(title: &str) -> Self {
        // "Title · Company" is how imported posts are shown; a dash, parenthesis, comma or bar
        // starts a specialisation ("Staff Frontend Engineer - Alarms & Intrusion").
        let title = title.split(" · ").next().unwrap_or_default();
        let cut = [" - ", " – ", " — ", " (", ",", " | ", ": "]
            .iter()
            .filter_map(|sep| title.find(sep))
            .min()
            .unwrap_or(title.len());
        let role: Vec<&str> = title[..cut]
            .split_whitespace()
            .filter(|w| {
                let bare: String = w
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_lowercase();
                !bare.is_empty() && !LEVEL_WORDS.contains(&bare.as_str())
            })
            .collect();
        let role = role.join(" ");
        TitleWords {
            words: content_words(&role)
                .into_iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect(),
            role,
        }
    }
}

/// A group's label: its most frequent role title (or, when no title repeats, its most
/// distinctive title words), then up to two skills frequent in it and rare elsewhere.
fn label(
    titles: &[TitleWords],
    skills: &[HashMap<String, bool>],
    group: &[usize],
    count: usize,
) -> String {
    let others: Vec<usize> = (0..count).filter(|i| !group.contains(i)).collect();
    let share = |posts: &[usize], has: &dyn Fn(usize) -> bool| {
        if posts.is_empty() {
            return 0.0;
        }
        posts.iter().filter(|&&p| has(p)).count() as f32 / posts.len() as f32
    };
    let mut roles: Vec<(String, usize)> = Vec::new();
    for &p in group {
        let role = &titles[p].role;
        if role.is_empty() {
            continue;
        }
        match roles
            .iter_mut()
            .find(|(r, _)| r.to_lowercase() == role.to_lowercase())
        {
            Some((_, n)) => *n += 1,
            None => roles.push((role.clone(), 1)),
        }
    }
    let top = roles.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let role = if top >= 2 || group.len() == 1 {
        roles
            .iter()
            .find(|(_, n)| *n == top)
            .map(|(r, _)| r.clone())
            .unwrap_or_default()
    } else {
        let mut words: Vec<String> = Vec::new();
        for &p in group {
            for w in &titles[p].words {
                if !words.contains(w) {
                    words.push(w.clone());
                }
            }
        }
        // Words in at least half of the titles, most distinctive first, then shown in the
        // order and case the titles write them.
        let picked = most_distinctive(
            words.clone(),
            |w| {
                let has = |p: usize| titles[p].words.iter().any(|x| x == w);
                let inside = share(group, &has);
                (
                    if inside >= 0.5 { inside } else { 0.0 },
                    share(&others, &has),
                    0.0,
                )
            },
            false,
            3,
        );
        let written = |w: &String| {
            group
                .iter()
                .flat_map(|&p| titles[p].role.split_whitespace())
                .find(|x| x.to_lowercase() == *w)
                .map_or_else(|| w.clone(), str::to_owned)
        };
        words
            .iter()
            .filter(|w| picked.contains(w))
            .map(written)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut names: Vec<String> = Vec::new();
    for &p in group {
        let mut own: Vec<&String> = skills[p].keys().collect();
        own.sort();
        for name in own {
            if !names.contains(name) && !role.to_lowercase().contains(&name.to_lowercase()) {
                names.push(name.clone());
            }
        }
    }
    let terms = most_distinctive(
        names,
        |name| {
            let has = |p: usize| skills[p].contains_key(name);
            let inside = share(group, &has);
            // A skill named by one post in four or fewer does not speak for the group.
            (
                if inside >= 0.3 { inside } else { 0.0 },
                share(&others, &has),
                0.0,
            )
        },
        false,
        2,
    );
    match (role.is_empty(), terms.is_empty()) {
        (false, false) => format!("{role} — {}", terms.join(", ")),
        (false, true) => role,
        (true, false) => terms.join(", "),
        (true, true) => "Other posts".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_report, prepare, PostText, Thresholds};

    /// A made-up "embedding": one axis per family word, so posts of a family are close.
    fn embed(text: &str) -> Vec<f32> {
        let axes = [
            "rust", "kafka", "api", "patient", "nurs", "ledger", "react", "css", "go", "backend",
        ];
        let lower = text.to_lowercase();
        let mut v: Vec<f32> = axes
            .iter()
            .map(|a| if lower.contains(a) { 1.0 } else { 0.0 })
            .collect();
        v.push(0.05);
        mean_vector([v.as_slice()]).unwrap_or_default()
    }

    fn post(title: &str, text: &str) -> PostText {
        PostText {
            title: Some(title.to_owned()),
            text: text.to_owned(),
        }
    }

    fn posture_of(posts: &[PostText], meta: &[PostMeta], resume: &str) -> (Report, Posture) {
        let prepared = prepare(resume, posts).unwrap_or_else(|e| panic!("{e:?}"));
        let embeddings: Vec<Vec<f32>> = prepared.texts_to_embed.iter().map(|t| embed(t)).collect();
        let report = build_report(
            &prepared,
            &embeddings,
            Thresholds::default(),
            &crate::WhitespacePieces,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let posture = posture(&prepared, &embeddings, &report, meta, GROUP_THRESHOLD);
        (report, posture)
    }

    const RESUME: &str = "Built Rust services behind a Kafka API for 40 teams.\n\
        Designed the public REST API of the payments platform.";

    fn posts() -> Vec<PostText> {
        vec![
            post(
                "Senior Backend Engineer · Acme",
                "Requirements:\n- 5+ years building Rust services.\n- Experience with Kafka streams.\n- Design a public API.",
            ),
            post(
                "Backend Engineer",
                "Requirements:\n- Strong Rust and Kafka experience.\n- You design an API for partners.",
            ),
            post(
                "Registered Nurse",
                "Requirements:\n- Current nursing licence.\n- Patient care on a busy ward.",
            ),
            post(
                "Backend Engineer II",
                "Requirements:\n- Rust in production.\n- Kafka or a similar log.\n- Own the API.",
            ),
            post(
                "Nurse Practitioner",
                "Requirements:\n- Patient assessment and nursing care plans.\n- Patient education.",
            ),
        ]
    }

    fn meta(dates: &[&str]) -> Vec<PostMeta> {
        dates
            .iter()
            .enumerate()
            .map(|(i, d)| PostMeta {
                id: format!("p{}", i + 1),
                date: (!d.is_empty()).then(|| (*d).to_owned()),
            })
            .collect()
    }

    #[test]
    fn posts_of_another_trade_form_their_own_group() {
        let (_, found) = posture_of(&posts(), &meta(&["", "", "", "", ""]), RESUME);
        let ids: Vec<Vec<&str>> = found
            .groups
            .iter()
            .map(|g| g.posts.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(ids, vec![vec!["p1", "p2", "p4"], vec!["p3", "p5"]]);
        assert!(
            found.groups[0].label.starts_with("Backend Engineer"),
            "{}",
            found.groups[0].label
        );
        assert!(
            found.groups[1].label.contains("Nurse"),
            "{}",
            found.groups[1].label
        );
        assert_eq!(found.groups[0].post_indices, vec![0, 1, 3]);
        // The engineer fits the backend group best and covers more of it.
        assert_eq!(found.groups[0].standing.rank, 1);
        assert_eq!(found.groups[1].standing.rank, 2);
        assert!(found.groups[0].coverage > found.groups[1].coverage);
        assert!((0.0..=1.0).contains(&found.groups[1].coverage));
        assert!(found.groups.iter().all(|g| g.trend.is_none()));
    }

    #[test]
    fn near_duplicate_requirements_are_merged_with_their_share() {
        let (_, found) = posture_of(&posts(), &meta(&["", "", "", "", ""]), RESUME);
        let backend = &found.groups[0];
        // Every backend post asks about an API; the made-up embedding makes them one.
        let api = backend
            .requirements
            .iter()
            .find(|r| r.text.to_lowercase().contains("api"));
        let api = api.unwrap_or_else(|| panic!("{:#?}", backend.requirements));
        assert!((api.share - 1.0).abs() < 1e-6, "{api:?}");
        assert_eq!(api.covered, Coverage::Covered);
        assert!(backend
            .requirements
            .iter()
            .all(|r| r.share <= 1.0 && r.share > 0.0));
        let rust = backend.skills.iter().find(|s| s.name == "Rust");
        let rust = rust.unwrap_or_else(|| panic!("{:#?}", backend.skills));
        assert!(rust.you_have && rust.share > 0.6, "{rust:?}");
    }

    #[test]
    fn dated_posts_show_what_rises() {
        let mut more = posts();
        more.push(post(
            "Backend Engineer",
            "Requirements:\n- Go services at scale.\n- Kafka consumers.",
        ));
        more.push(post(
            "Backend Engineer",
            "Requirements:\n- Go and Rust services.\n- Kafka.",
        ));
        let dates = [
            "2026-01-10",
            "2026-02-01",
            "",
            "2026-04-02",
            "",
            "2026-05-01",
            "2026-06-30",
        ];
        let (_, found) = posture_of(&more, &meta(&dates), RESUME);
        let backend = &found.groups[0];
        let trend = backend
            .trend
            .as_ref()
            .unwrap_or_else(|| panic!("{backend:#?}"));
        assert_eq!(
            trend.quarters,
            vec![("2026-Q1".to_owned(), 2), ("2026-Q2".to_owned(), 3)]
        );
        assert!(
            trend.rising.iter().any(|c| c.skill && c.text == "Go"),
            "{trend:#?}"
        );
    }

    #[test]
    fn quarters_from_dates() {
        assert_eq!(quarter_of("2026-03-15").as_deref(), Some("2026-Q1"));
        assert_eq!(quarter_of("2026-10").as_deref(), Some("2026-Q4"));
        assert_eq!(quarter_of("March 2026"), None);
        assert_eq!(quarter_of("2026"), None);
        assert_eq!(quarter_of(""), None);
    }

    #[test]
    fn titles_lose_company_level_and_specialisation() {
        assert_eq!(
            TitleWords::of("Staff Frontend Engineer - Alarms & Intrusion").role,
            "Frontend Engineer"
        );
        assert_eq!(
            TitleWords::of("Sr. Data Scientist · Acme").role,
            "Data Scientist"
        );
        assert_eq!(
            TitleWords::of("Senior Software Engineer (Python / Django)").role,
            "Software Engineer"
        );
    }

    #[test]
    fn nothing_in_nothing_out() {
        let (_, found) = posture_of(&posts()[..1], &[], RESUME);
        assert_eq!(found.groups.len(), 1);
        assert_eq!(found.groups[0].posts, vec!["1"]);
        assert_eq!(found.groups[0].standing.rank, 1);
    }
}
