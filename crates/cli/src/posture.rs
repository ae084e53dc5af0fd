//! `jobdelta posture`: many posts grouped into role families, per family what it asks for,
//! your coverage, what is rising or falling and where you stand
//! (`jobdelta_matching::posture`); with `--labelled`, the groups measured against a family
//! marked per post.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use jobdelta_matching::metrics::{pair_agreement, purity};
use jobdelta_matching::posture::{posture, Posture, GROUP_THRESHOLD};
use jobdelta_matching::{Coverage, ProblemPlace, Thresholds};

use crate::args::PostureArgs;
use crate::embedding_cache::EmbeddingCache;
use crate::matching::{embedded_report, prepare_resume, read_posts, PostFiles};
use crate::{input, model_dir};

/// Thresholds the `--labelled` measurement shows besides the one asked for.
const SWEEP: [f32; 8] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];

pub fn run(args: &PostureArgs) -> Result<()> {
    if !(-1.0..=1.0).contains(&args.threshold) {
        bail!("--threshold is a cosine, between -1 and 1");
    }
    let mut posts = read_posts(&args.jobs, &args.posts)?;
    drop_unusable_posts(&args.resume, &mut posts)?;
    let prepared = prepare_resume(&args.resume, &posts, model_dir::model_spec(&args.model).id)?;
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let started = Instant::now();
    let (report, embeddings) =
        embedded_report(&encoder, &mut cache, &prepared, Thresholds::default())?;
    let embedded = started.elapsed();
    let grouped_at = Instant::now();
    let output = posture(&prepared, &embeddings, &report, &posts.meta, args.threshold);
    eprintln!(
        "{} posts in {} groups: report (embedding included) {:.1} s, grouping {:.2} s",
        report.posts.len(),
        output.groups.len(),
        embedded.as_secs_f64(),
        grouped_at.elapsed().as_secs_f64()
    );

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(labels) = &args.labelled {
        let labels = read_labels(labels)?;
        writeln!(
            out,
            "threshold  groups  ARI    purity  pair precision  pair recall  non-technical posts in a group with technical ones"
        )?;
        let mut thresholds = SWEEP.to_vec();
        if !thresholds.contains(&args.threshold) {
            thresholds.push(args.threshold);
            thresholds.sort_by(f32::total_cmp);
        }
        for threshold in thresholds {
            let found = if threshold == args.threshold {
                output.clone()
            } else {
                posture(&prepared, &embeddings, &report, &posts.meta, threshold)
            };
            let score = score(&found, &labels)?;
            writeln!(
                out,
                "{:>9.2}  {:>6}  {:.3}  {:.3}   {:>14}  {:>11}  {} of {}{}",
                threshold,
                found.groups.len(),
                score.ari,
                score.purity,
                score.precision.map_or("-".into(), |p| format!("{p:.3}")),
                score.recall.map_or("-".into(), |r| format!("{r:.3}")),
                score.mixed_non_technical,
                score.non_technical,
                if threshold == GROUP_THRESHOLD {
                    "  (default)"
                } else {
                    ""
                }
            )?;
        }
        writeln!(out, "\nGroups at {:.2}:", args.threshold)?;
        for group in &output.groups {
            let families: Vec<&str> = group
                .posts
                .iter()
                .map(|id| labels.get(id).map_or("?", |(f, _)| f.as_str()))
                .collect();
            writeln!(out, "  {} [{}]", group.label, families.join(" "))?;
        }
    } else if args.json {
        serde_json::to_writer_pretty(&mut out, &output)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &output, &report.posts)?;
    }
    out.flush().context("cannot write to standard output")
}

/// Leaves out, saying so on standard error, the posts that cannot be matched (no sentence
/// describing the job): across hundreds of posts a few such are expected, and the groups of
/// the others still stand. A problem with the resume is still an error.
fn drop_unusable_posts(resume_path: &Path, posts: &mut PostFiles) -> Result<()> {
    let resume = input::read_text(resume_path)?;
    let Err(problems) = jobdelta_matching::prepare(&resume, &posts.posts) else {
        return Ok(());
    };
    let mut unusable: Vec<usize> = problems
        .0
        .iter()
        .filter_map(|p| match p.place {
            ProblemPlace::Post { index } => Some(index),
            _ => None,
        })
        .collect();
    unusable.sort_unstable();
    unusable.dedup();
    for &index in unusable.iter().rev() {
        eprintln!("left out {}: nothing in it to match", posts.sources[index]);
        posts.posts.remove(index);
        posts.sources.remove(index);
        posts.meta.remove(index);
    }
    Ok(())
}

/// Per post id: (family, technical).
type Labels = HashMap<String, (String, bool)>;

/// Reads `id<TAB>family<TAB>technical` lines (a header line starting `id` is skipped).
fn read_labels(path: &Path) -> Result<Labels> {
    let text = input::read_text(path)?;
    let mut labels = Labels::new();
    for (number, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if line.trim().is_empty() || (number == 0 && cells[0] == "id") {
            continue;
        }
        let [id, family, technical] = cells[..] else {
            bail!(
                "{} line {}: expected id, family and technical (yes/no) separated by tabs",
                path.display(),
                number + 1
            );
        };
        labels.insert(id.to_owned(), (family.to_owned(), technical == "yes"));
    }
    Ok(labels)
}

/// How the groups agree with the labels.
struct Score {
    ari: f64,
    purity: f64,
    precision: Option<f64>,
    recall: Option<f64>,
    /// Non-technical posts whose group holds a technical post.
    mixed_non_technical: usize,
    non_technical: usize,
}

fn score(found: &Posture, labels: &Labels) -> Result<Score> {
    let mut families: Vec<&str> = labels.values().map(|(f, _)| f.as_str()).collect();
    families.sort_unstable();
    families.dedup();
    let mut items = Vec::new();
    let mut mixed_non_technical = 0;
    let mut non_technical = 0;
    for (g, group) in found.groups.iter().enumerate() {
        let technical = |id: &String| labels.get(id).is_some_and(|(_, t)| *t);
        let has_technical = group.posts.iter().any(technical);
        for id in &group.posts {
            let Some((family, is_technical)) = labels.get(id) else {
                bail!("post {id} has no label");
            };
            let family = families.iter().position(|f| f == family).unwrap_or(0);
            items.push((family, g));
            if !is_technical {
                non_technical += 1;
                mixed_non_technical += usize::from(has_technical);
            }
        }
    }
    let agreement = pair_agreement(&items);
    Ok(Score {
        ari: agreement.ari,
        purity: purity(&items).unwrap_or(0.0),
        precision: agreement.precision(),
        recall: agreement.recall(),
        mixed_non_technical,
        non_technical,
    })
}

/// Each group: label, posts, coverage and standing, requirements and skills, trend.
fn write_text(
    out: &mut impl Write,
    output: &Posture,
    posts: &[jobdelta_matching::PostReport],
) -> Result<()> {
    for group in &output.groups {
        let s = &group.standing;
        writeln!(
            out,
            "== {} — {} post(s), your coverage {:.0} %, median fit {:.0} (best {:.0}, {} good), rank {} of {}",
            group.label,
            group.posts.len(),
            100.0 * group.coverage,
            s.median_fit,
            s.best_fit,
            s.good_fits,
            s.rank,
            output.groups.len()
        )?;
        let titles: Vec<String> = group
            .post_indices
            .iter()
            .zip(&group.posts)
            .map(|(&i, id)| format!("{id} {}", posts[i].title))
            .collect();
        writeln!(out, "  posts: {}", titles.join("; "))?;
        if !group.requirements.is_empty() {
            writeln!(out, "  requirements (share of posts asking, yours):")?;
        }
        for r in &group.requirements {
            let mark = match r.covered {
                Coverage::Covered => "✓",
                Coverage::Partly => "~",
                Coverage::Missing => "✗",
            };
            writeln!(out, "    {:>3.0} % {mark} {}", 100.0 * r.share, r.text)?;
        }
        if !group.skills.is_empty() {
            let skills: Vec<String> = group
                .skills
                .iter()
                .map(|k| {
                    format!(
                        "{} {:.0} %{}",
                        k.name,
                        100.0 * k.share,
                        if k.you_have { " ✓" } else { "" }
                    )
                })
                .collect();
            writeln!(out, "  skills: {}", skills.join(", "))?;
        }
        if let Some(trend) = &group.trend {
            let quarters: Vec<String> = trend
                .quarters
                .iter()
                .map(|(q, n)| format!("{q}: {n}"))
                .collect();
            writeln!(out, "  posts per quarter: {}", quarters.join(", "))?;
            for (word, changes) in [("rising", &trend.rising), ("falling", &trend.falling)] {
                for c in changes {
                    writeln!(
                        out,
                        "  {word}: {} {} ({:.0} % → {:.0} %)",
                        if c.skill { "skill" } else { "requirement" },
                        c.text,
                        100.0 * c.earlier,
                        100.0 * c.latest
                    )?;
                }
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
