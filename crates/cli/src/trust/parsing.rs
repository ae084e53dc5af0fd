//! Hard-requirement parsing and resume facts against the trust set's labels.
//!
//! Posts: [`jobdelta_text::hard_requirements`] against `labels.json` → `posts`, matched item
//! by item within a kind on the item's key value (years and skill for experience, level for
//! degree, seniority and clearance, the licence's name, the location's mode, the minimum
//! age; work authorisation and travel match any item of their kind). Matching is one to one
//! and runs twice: first on identical keys, then loosely (a skill or licence name one
//! containing the other, or a licence sharing at least half of the longer name's words), so
//! a loose match never takes an item that has an exact partner. Precision, recall and F1 per
//! kind; on matched items, how often the must-have flag (`required`) agrees.
//!
//! Resumes: [`jobdelta_text::resume_facts`] against `labels.json` → `resumes`: years of
//! experience (absolute error), degrees (level, one to one; whether still in progress),
//! seniority, licences.

use std::io::Write;

use anyhow::{Context, Result};
use jobdelta_text::{
    hard_requirements, resume_facts, DegreeLevel, FoundRequirement, HardRequirement, Seniority,
    YearMonth,
};
use serde::{Deserialize, Serialize};

use super::TrustSet;

/// A post's labels.
#[derive(Deserialize)]
struct PostLabels {
    hard_requirements: Vec<FoundRequirement>,
}

/// A resume's labels (the fields measured here).
#[derive(Deserialize)]
struct ResumeLabels {
    experience_years: f32,
    #[serde(default)]
    degrees: Vec<DegreeLabel>,
    #[serde(default, rename = "licences")]
    licenses: Vec<String>,
    seniority: Option<Seniority>,
}

/// A labelled degree.
#[derive(Deserialize)]
struct DegreeLabel {
    level: DegreeLevel,
    in_progress: bool,
}

/// Everything measured here.
#[derive(Serialize)]
pub(crate) struct ParsingFigures {
    /// Per kind, then all kinds together (`"all"`).
    requirements: Vec<KindFigures>,
    /// Labelled requirements the parser did not find.
    missed: Vec<PostItem>,
    /// Requirements the parser found that no label matches.
    extra: Vec<PostItem>,
    /// Matched requirements whose must-have flag differs.
    required_flag_wrong: Vec<PostItem>,
    resumes: ResumeFigures,
}

/// Precision and recall of one kind.
#[derive(Serialize)]
struct KindFigures {
    kind: &'static str,
    #[serde(rename = "labelled")]
    labeled: usize,
    found: usize,
    matched: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    /// Of the matched items, how many have the labelled `required` flag.
    required_agrees: usize,
}

/// One requirement of one post.
#[derive(Serialize)]
struct PostItem {
    post: String,
    #[serde(flatten)]
    item: FoundRequirement,
}

/// Resume facts against their labels.
#[derive(Serialize)]
struct ResumeFigures {
    resumes: usize,
    /// Mean and largest absolute error of `experience_years`.
    experience_years_mean_error: f64,
    experience_years_max_error: f64,
    experience_years_within_half_a_year: usize,
    experience_years_within_one_year: usize,
    /// Labelled degrees whose level was found (one to one), of all labelled degrees.
    #[serde(rename = "degrees_labelled")]
    degrees_labeled: usize,
    degrees_matched: usize,
    /// Degrees found that no label has.
    degrees_extra: usize,
    /// Matched degrees whose in-progress flag agrees.
    in_progress_agrees: usize,
    /// Resumes whose seniority level was found as labelled, of resumes with a label.
    #[serde(rename = "seniority_labelled")]
    seniority_labeled: usize,
    seniority_agrees: usize,
    #[serde(rename = "licences_labelled")]
    licenses_labeled: usize,
    #[serde(rename = "licences_found")]
    licenses_found: usize,
    #[serde(rename = "licences_matched")]
    licenses_matched: usize,
    per_resume: Vec<ResumeRow>,
}

/// One resume's facts, labelled and found.
#[derive(Serialize)]
struct ResumeRow {
    resume: String,
    experience_years: f32,
    found_experience_years: f32,
    degrees: Vec<DegreeLevel>,
    found_degrees: Vec<(DegreeLevel, bool)>,
    degrees_matched: usize,
    in_progress_agrees: usize,
    seniority: Option<Seniority>,
    found_seniority: Option<Seniority>,
    #[serde(rename = "licences")]
    licenses: Vec<String>,
    #[serde(rename = "found_licences")]
    found_licenses: Vec<String>,
}

/// Reads the set's labels and measures the parsers on its texts (no model needed).
pub(crate) fn measure(set: &TrustSet) -> Result<ParsingFigures> {
    let labels_file = set.dir.join("labels.json");
    let mut counts = vec![Counts::default(); HardRequirement::KINDS.len()];
    let (mut missed, mut extra, mut required_flag_wrong) = (Vec::new(), Vec::new(), Vec::new());
    for (id, value) in &set.labels.posts {
        let labels: PostLabels = serde_json::from_value(value.clone()).with_context(|| {
            format!(
                "{}: post {id}'s hard_requirements do not fit the vocabulary",
                labels_file.display()
            )
        })?;
        let text = set.posts.get(id).map_or("", String::as_str);
        let found = hard_requirements(text, None);
        let gold: Vec<&HardRequirement> = labels
            .hard_requirements
            .iter()
            .map(|f| &f.requirement)
            .collect();
        let parsed: Vec<&HardRequirement> = found.iter().map(|f| &f.requirement).collect();
        let pairs = match_one_to_one(&gold, &parsed, |g, f, loose| {
            requirements_match(g, f, loose)
        });
        for (g, item) in labels.hard_requirements.iter().enumerate() {
            let c = &mut counts[kind_index(&item.requirement)];
            c.labeled += 1;
            match pairs.iter().find(|(a, _)| *a == g) {
                Some(&(_, p)) => {
                    c.matched += 1;
                    if found[p].required == item.required {
                        c.required_agrees += 1;
                    } else {
                        required_flag_wrong.push(PostItem {
                            post: id.clone(),
                            item: found[p].clone(),
                        });
                    }
                }
                None => missed.push(PostItem {
                    post: id.clone(),
                    item: item.clone(),
                }),
            }
        }
        for (p, item) in found.iter().enumerate() {
            counts[kind_index(&item.requirement)].found += 1;
            if !pairs.iter().any(|&(_, b)| b == p) {
                extra.push(PostItem {
                    post: id.clone(),
                    item: item.clone(),
                });
            }
        }
    }
    let mut requirements: Vec<KindFigures> = HardRequirement::KINDS
        .iter()
        .zip(&counts)
        .map(|(kind, c)| c.figures(kind))
        .collect();
    let total = counts.iter().fold(Counts::default(), |a, c| a.plus(c));
    requirements.push(total.figures("all"));
    Ok(ParsingFigures {
        requirements,
        missed,
        extra,
        required_flag_wrong,
        resumes: measure_resumes(set)?,
    })
}

/// Tallies of one kind.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    labeled: usize,
    found: usize,
    matched: usize,
    required_agrees: usize,
}

impl Counts {
    fn plus(self, other: &Counts) -> Counts {
        Counts {
            labeled: self.labeled + other.labeled,
            found: self.found + other.found,
            matched: self.matched + other.matched,
            required_agrees: self.required_agrees + other.required_agrees,
        }
    }

    fn figures(&self, kind: &'static str) -> KindFigures {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        let precision = ratio(self.matched, self.found);
        let recall = ratio(self.matched, self.labeled);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        KindFigures {
            kind,
            labeled: self.labeled,
            found: self.found,
            matched: self.matched,
            precision,
            recall,
            f1,
            required_agrees: self.required_agrees,
        }
    }
}

fn kind_index(requirement: &HardRequirement) -> usize {
    HardRequirement::KINDS
        .iter()
        .position(|&k| k == requirement.kind())
        .unwrap_or(0)
}

/// Whether a found requirement matches a labelled one on its key value; `loose` also accepts
/// skills and licence names that only resemble each other.
fn requirements_match(gold: &HardRequirement, found: &HardRequirement, loose: bool) -> bool {
    use HardRequirement as H;
    match (gold, found) {
        (
            H::Experience {
                years: a,
                skill: skill_a,
            },
            H::Experience {
                years: b,
                skill: skill_b,
            },
        ) => {
            a == b
                && match (skill_a, skill_b) {
                    (None, None) => true,
                    (Some(x), Some(y)) => {
                        x.to_lowercase() == y.to_lowercase() || (loose && contains_either(x, y))
                    }
                    _ => false,
                }
        }
        (H::Degree { level: a, .. }, H::Degree { level: b, .. }) => a == b,
        (H::Seniority { level: a }, H::Seniority { level: b }) => a == b,
        (H::License { name: a }, H::License { name: b }) => names_match(a, b, loose),
        (H::Clearance { level: a }, H::Clearance { level: b }) => a == b,
        (H::WorkAuthorization, H::WorkAuthorization) => true,
        (H::Location { mode: a, .. }, H::Location { mode: b, .. }) => a == b,
        (H::MinAge { years: a }, H::MinAge { years: b }) => a == b,
        (H::Travel { .. }, H::Travel { .. }) => true,
        _ => false,
    }
}

/// Licence names: identical (ignoring case), or loosely one containing the other or sharing
/// at least half of the longer name's words.
fn names_match(a: &str, b: &str, loose: bool) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    if !loose {
        return false;
    }
    if contains_either(&a, &b) {
        return true;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '+')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (wa, wb) = (words(&a), words(&b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let longer = wa.len().max(wb.len());
    longer > 0 && 2 * shared >= longer
}

/// One lower-cased text contains the other.
fn contains_either(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Pairs (gold index, found index), one to one: exact matches first, then loose ones, each
/// gold item taking the first free found item in order.
fn match_one_to_one<G, F>(
    gold: &[G],
    found: &[F],
    matches: impl Fn(&G, &F, bool) -> bool,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for loose in [false, true] {
        for (g, gold_item) in gold.iter().enumerate() {
            if pairs.iter().any(|&(a, _)| a == g) {
                continue;
            }
            let free = found.iter().enumerate().find(|&(f, found_item)| {
                !pairs.iter().any(|&(_, b)| b == f) && matches(gold_item, found_item, loose)
            });
            if let Some((f, _)) = free {
                pairs.push((g, f));
            }
        }
    }
    pairs
}

fn measure_resumes(set: &TrustSet) -> Result<ResumeFigures> {
    let labels_file = set.dir.join("labels.json");
    let today = YearMonth::parse(&set.labels.today).with_context(|| {
        format!(
            "{}: \"today\" should be a month \"YYYY-MM\", not {:?}",
            labels_file.display(),
            set.labels.today
        )
    })?;
    let mut rows = Vec::new();
    for (id, value) in &set.labels.resumes {
        let labels: ResumeLabels = serde_json::from_value(value.clone()).with_context(|| {
            format!(
                "{}: resume {id}'s facts do not fit the vocabulary",
                labels_file.display()
            )
        })?;
        let facts = resume_facts(set.resumes.get(id).map_or("", String::as_str), today);
        let degree_pairs = match_one_to_one(&labels.degrees, &facts.degrees, |g, f, _| {
            g.level == f.level
        });
        let in_progress_agrees = degree_pairs
            .iter()
            .filter(|&&(g, f)| labels.degrees[g].in_progress == facts.degrees[f].in_progress)
            .count();
        rows.push(ResumeRow {
            resume: id.clone(),
            experience_years: labels.experience_years,
            found_experience_years: facts.experience_years,
            degrees: labels.degrees.iter().map(|d| d.level).collect(),
            found_degrees: facts
                .degrees
                .iter()
                .map(|d| (d.level, d.in_progress))
                .collect(),
            degrees_matched: degree_pairs.len(),
            in_progress_agrees,
            seniority: labels.seniority,
            found_seniority: facts.seniority.as_ref().map(|s| s.level),
            licenses: labels.licenses,
            found_licenses: facts.licenses,
        });
    }
    let errors: Vec<f64> = rows
        .iter()
        .map(|r| f64::from((r.found_experience_years - r.experience_years).abs()))
        .collect();
    let licenses_matched = rows
        .iter()
        .map(|r| {
            match_one_to_one(&r.licenses, &r.found_licenses, |a, b, loose| {
                names_match(a, b, loose)
            })
            .len()
        })
        .sum();
    Ok(ResumeFigures {
        resumes: rows.len(),
        experience_years_mean_error: errors.iter().sum::<f64>() / errors.len().max(1) as f64,
        experience_years_max_error: errors.iter().copied().fold(0.0, f64::max),
        experience_years_within_half_a_year: errors.iter().filter(|&&e| e <= 0.5).count(),
        experience_years_within_one_year: errors.iter().filter(|&&e| e <= 1.0).count(),
        degrees_labeled: rows.iter().map(|r| r.degrees.len()).sum(),
        degrees_matched: rows.iter().map(|r| r.degrees_matched).sum(),
        degrees_extra: rows
            .iter()
            .map(|r| r.found_degrees.len() - r.degrees_matched)
            .sum(),
        in_progress_agrees: rows.iter().map(|r| r.in_progress_agrees).sum(),
        seniority_labeled: rows.iter().filter(|r| r.seniority.is_some()).count(),
        seniority_agrees: rows
            .iter()
            .filter(|r| r.seniority.is_some() && r.seniority == r.found_seniority)
            .count(),
        licenses_labeled: rows.iter().map(|r| r.licenses.len()).sum(),
        licenses_found: rows.iter().map(|r| r.found_licenses.len()).sum(),
        licenses_matched,
        per_resume: rows,
    })
}

/// The figures as tables for a terminal.
pub(crate) fn write_text(out: &mut impl Write, p: &ParsingFigures) -> Result<()> {
    let optional = |x: Option<f64>| x.map_or("-".to_owned(), |x| format!("{x:.2}"));
    writeln!(out, "\nHard requirements of the posts (parsed vs labelled)")?;
    writeln!(
        out,
        "{:<19} {:>8} {:>6} {:>8} {:>9} {:>7} {:>5} {:>9}",
        "kind", "labelled", "found", "matched", "precision", "recall", "F1", "required"
    )?;
    for k in &p.requirements {
        writeln!(
            out,
            "{:<19} {:>8} {:>6} {:>8} {:>9} {:>7} {:>5} {:>5}/{:<3}",
            k.kind,
            k.labeled,
            k.found,
            k.matched,
            optional(k.precision),
            optional(k.recall),
            optional(k.f1),
            k.required_agrees,
            k.matched
        )?;
    }
    for (heading, items) in [
        ("missed (labelled, not found)", &p.missed),
        ("extra (found, not labelled)", &p.extra),
        ("must-have flag differs (as found)", &p.required_flag_wrong),
    ] {
        writeln!(out, "{heading}: {}", items.len())?;
        for i in items {
            let item = i.requirement_only();
            writeln!(out, "  {}: {item} ← {:?}", i.post, i.item.source)?;
        }
    }
    let r = &p.resumes;
    writeln!(out, "\nResume facts ({} resumes)", r.resumes)?;
    writeln!(
        out,
        "experience years: mean error {:.2}, max {:.2}; within 0.5 y {}, within 1 y {}",
        r.experience_years_mean_error,
        r.experience_years_max_error,
        r.experience_years_within_half_a_year,
        r.experience_years_within_one_year
    )?;
    writeln!(
        out,
        "degree level: {}/{} labelled found ({} extra found); in progress right on {}/{} matched",
        r.degrees_matched,
        r.degrees_labeled,
        r.degrees_extra,
        r.in_progress_agrees,
        r.degrees_matched
    )?;
    writeln!(
        out,
        "seniority: {}/{}; licences: {} matched of {} labelled, {} found",
        r.seniority_agrees,
        r.seniority_labeled,
        r.licenses_matched,
        r.licenses_labeled,
        r.licenses_found
    )?;
    writeln!(
        out,
        "{:<18} {:>6} {:>6} {:>6}  {:<24} {:<24}",
        "resume", "years", "found", "error", "seniority (label/found)", "degrees (label/found)"
    )?;
    for row in &r.per_resume {
        let name = |s: Option<Seniority>| s.map_or("-", Seniority::label);
        writeln!(
            out,
            "{:<18} {:>6.1} {:>6.1} {:>6.1}  {:<24} {}/{}",
            row.resume,
            row.experience_years,
            row.found_experience_years,
            (row.found_experience_years - row.experience_years).abs(),
            format!("{} / {}", name(row.seniority), name(row.found_seniority)),
            row.degrees_matched,
            row.degrees.len()
        )?;
    }
    Ok(())
}

impl PostItem {
    /// The requirement without its source, for a one-line listing.
    fn requirement_only(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.item).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.remove("source");
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_text::ClearanceLevel;

    fn experience(years: u32, skill: Option<&str>) -> HardRequirement {
        HardRequirement::Experience {
            years,
            skill: skill.map(str::to_owned),
        }
    }

    fn license(name: &str) -> HardRequirement {
        HardRequirement::License {
            name: name.to_owned(),
        }
    }

    #[test]
    fn requirements_match_on_their_key_values() {
        let cases = [
            (experience(5, None), experience(5, None), false, true),
            (experience(5, None), experience(3, None), true, false),
            (
                experience(5, None),
                experience(5, Some("python")),
                true,
                false,
            ),
            (
                experience(3, Some("python")),
                experience(3, Some("Python development")),
                false,
                false,
            ),
            (
                experience(3, Some("python")),
                experience(3, Some("Python development")),
                true,
                true,
            ),
            (license("cdl class a"), license("CDL Class A"), false, true),
            (license("rn"), license("rn license"), true, true),
            (
                license("certified kubernetes administrator"),
                license("kubernetes administrator cka"),
                true,
                true,
            ),
            (license("cpa"), license("pe"), true, false),
            (
                HardRequirement::Clearance {
                    level: ClearanceLevel::Secret,
                },
                HardRequirement::Clearance {
                    level: ClearanceLevel::TsSci,
                },
                true,
                false,
            ),
            (
                HardRequirement::Travel { percent: Some(25) },
                HardRequirement::Travel { percent: None },
                false,
                true,
            ),
            (
                HardRequirement::WorkAuthorization,
                HardRequirement::Travel { percent: None },
                true,
                false,
            ),
        ];
        for (gold, found, loose, expected) in cases {
            assert_eq!(
                requirements_match(&gold, &found, loose),
                expected,
                "{gold:?} vs {found:?} (loose {loose})"
            );
        }
    }

    #[test]
    fn exact_partners_are_matched_before_loose_ones() {
        let gold = [
            license("aws certified data engineer"),
            license("aws certified solutions architect"),
        ];
        let found = [
            license("aws certified solutions architect"),
            license("aws certified data engineer"),
        ];
        let pairs = match_one_to_one(&gold, &found, requirements_match);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
        // One found item serves one label only.
        let pairs = match_one_to_one(
            &gold[..1],
            &[license("aws certified data engineer"); 1],
            requirements_match,
        );
        assert_eq!(pairs.len(), 1);
        let pairs = match_one_to_one(&gold, &found[..1], requirements_match);
        assert_eq!(pairs, vec![(1, 0)]);
    }
}
