//! Measures the hard-requirement parser and the resume facts against a labelled set in the
//! shape of `fixtures/trust/` (see its README): precision and recall per kind, and the
//! resume facts' errors, with every miss listed so it can be looked at.
//!
//! `cargo run -p jobdelta-text --example measure_trust -- <folder with labels.json, posts/, resumes/>`

use std::collections::BTreeMap;
use std::path::Path;

use jobdelta_text::{hard_requirements, resume_facts, YearMonth};
use serde_json::Value;

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let folder = std::env::args()
        .nth(1)
        .ok_or("usage: measure_trust <fixtures/trust folder>")?;
    let folder = Path::new(&folder);
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("labels.json"))?)?;
    let today = labels["today"]
        .as_str()
        .and_then(YearMonth::parse)
        .ok_or("labels.json has no \"today\"")?;

    // kind -> (true positives, predicted, labelled)
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut required_right, mut matched) = (0, 0);
    let (mut attribute_right, mut attributes) = (0, 0);
    let posts = labels["posts"].as_object().ok_or("no posts")?;
    for (id, post) in posts {
        let text = std::fs::read_to_string(folder.join("posts").join(format!("{id}.txt")))?;
        let predicted: Vec<Value> = hard_requirements(&text, None)
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()?;
        let expected: Vec<Value> = post["hard_requirements"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut used = vec![false; predicted.len()];
        for e in &expected {
            let kind = e["kind"].as_str().unwrap_or("?").to_owned();
            counts.entry(kind.clone()).or_default().2 += 1;
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(i, p)| !used[*i] && same_item(p, e));
            match hit {
                Some((i, p)) => {
                    used[i] = true;
                    counts.entry(kind).or_default().0 += 1;
                    matched += 1;
                    if p["required"] == e["required"] {
                        required_right += 1;
                    } else {
                        println!("  required differs  {id}: {e}\n                    got {p}");
                    }
                    for key in [
                        "field",
                        "place",
                        "percent",
                        "equivalent_experience",
                        "skill",
                    ] {
                        if e.get(key).is_some() {
                            attributes += 1;
                            if same_attribute(&p[key], &e[key]) {
                                attribute_right += 1;
                            } else {
                                println!("  {key} differs  {id}: want {} got {}", e[key], p[key]);
                            }
                        }
                    }
                }
                None => println!("MISSED     {id}: {e}"),
            }
        }
        for (i, p) in predicted.iter().enumerate() {
            let kind = p["kind"].as_str().unwrap_or("?").to_owned();
            counts.entry(kind).or_default().1 += 1;
            if !used[i] {
                println!("EXTRA      {id}: {p}");
            }
        }
    }
    println!("\nposts: {} labelled", posts.len());
    println!(
        "{:<20} {:>9} {:>9} {:>6}",
        "kind", "precision", "recall", "n"
    );
    let (mut tp, mut pred, mut lab) = (0, 0, 0);
    for (kind, (t, p, l)) in &counts {
        println!(
            "{kind:<20} {:>9} {:>9} {l:>6}",
            ratio(*t, *p),
            ratio(*t, *l)
        );
        tp += t;
        pred += p;
        lab += l;
    }
    println!(
        "{:<20} {:>9} {:>9} {lab:>6}",
        "all",
        ratio(tp, pred),
        ratio(tp, lab)
    );
    println!(
        "required/preferred right on matched items: {}",
        ratio(required_right, matched)
    );
    println!(
        "attributes (field, place, percent, equivalent, skill) right: {}",
        ratio(attribute_right, attributes)
    );

    println!("\nresumes:");
    let resumes = labels["resumes"].as_object().ok_or("no resumes")?;
    let (mut abs_error, mut n) = (0.0_f32, 0);
    let (mut seniority_right, mut degree_tp, mut degree_pred, mut degree_lab) = (0, 0, 0, 0);
    let (mut license_tp, mut license_pred, mut license_lab) = (0, 0, 0);
    for (id, want) in resumes {
        let text = std::fs::read_to_string(folder.join("resumes").join(format!("{id}.txt")))?;
        let facts = resume_facts(&text, today);
        let want_years = want["experience_years"].as_f64().unwrap_or(0.0) as f32;
        abs_error += (facts.experience_years - want_years).abs();
        n += 1;
        let seniority = facts
            .seniority
            .as_ref()
            .map(|s| serde_json::to_value(s.level))
            .transpose()?;
        let seniority_ok = seniority.as_ref() == Some(&want["seniority"]);
        seniority_right += usize::from(seniority_ok);
        println!(
            "{id:<18} years {:>5.1} (want {want_years:>4.1})  seniority {} (want {}){}",
            facts.experience_years,
            seniority.map(|s| s.to_string()).unwrap_or_default(),
            want["seniority"],
            if seniority_ok { "" } else { "  <--" }
        );
        let got_degrees: Vec<(Value, bool)> = facts
            .degrees
            .iter()
            .map(|d| Ok::<_, serde_json::Error>((serde_json::to_value(d.level)?, d.in_progress)))
            .collect::<Result<_, _>>()?;
        let want_degrees: Vec<(Value, bool)> = want["degrees"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                (
                    d["level"].clone(),
                    d["in_progress"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        degree_pred += got_degrees.len();
        degree_lab += want_degrees.len();
        for d in &want_degrees {
            if got_degrees.contains(d) {
                degree_tp += 1;
            } else {
                println!("    degree missed {d:?}; got {got_degrees:?}");
            }
        }
        let want_licenses: Vec<&str> = want["licences"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        license_pred += facts.licenses.len();
        license_lab += want_licenses.len();
        for l in &want_licenses {
            if facts.licenses.iter().any(|g| same_name(g, l)) {
                license_tp += 1;
            } else {
                println!("    licence missed {l:?}; got {:?}", facts.licenses);
            }
        }
        for g in &facts.licenses {
            if !want_licenses.iter().any(|l| same_name(g, l)) {
                println!("    licence extra {g:?}");
            }
        }
    }
    println!(
        "experience years: mean absolute error {:.2} over {n} resumes",
        abs_error / n.max(1) as f32
    );
    println!("seniority right: {seniority_right}/{n}");
    println!(
        "degrees (level + in progress): precision {} recall {}",
        ratio(degree_tp, degree_pred),
        ratio(degree_tp, degree_lab)
    );
    println!(
        "licences: precision {} recall {}",
        ratio(license_tp, license_pred),
        ratio(license_tp, license_lab)
    );
    Ok(())
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.2}", a as f32 / b as f32)
    }
}

/// The same requirement: same kind and the value that decides a check (years, level, name,
/// mode); the rest (field, place, skill wording) is scored apart.
fn same_item(p: &Value, e: &Value) -> bool {
    if p["kind"] != e["kind"] {
        return false;
    }
    match e["kind"].as_str() {
        Some("experience") => {
            p["years"] == e["years"] && p["skill"].is_null() == e["skill"].is_null()
        }
        Some("degree") | Some("seniority") | Some("clearance") => p["level"] == e["level"],
        Some("licence") => same_name(
            p["name"].as_str().unwrap_or(""),
            e["name"].as_str().unwrap_or(""),
        ),
        Some("location") => p["mode"] == e["mode"],
        Some("min_age") => p["years"] == e["years"],
        _ => true,
    }
}

/// Names or skills that share their words, one within the other ("cdl" / "cdl class a").
fn same_name(a: &str, b: &str) -> bool {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    a == b || a.contains(&b) || b.contains(&a)
}

fn same_attribute(p: &Value, e: &Value) -> bool {
    match (p.as_str(), e.as_str()) {
        (Some(p), Some(e)) => same_name(p, e),
        _ => p == e,
    }
}
