//! `jobdelta eval`: how well the fit ranks posts the way a person labelled them.
//!
//! Reads a resume and a JSON Lines file of labelled posts (`title`, `text`, `label` 1 = fit,
//! 0 = not), scores every post exactly as `jobdelta match` and the app do, and prints ROC-AUC,
//! precision@10 and the score distributions — with the same figures for each signal of the fit
//! and for simple baselines computed from the same embeddings in the same run, so the
//! comparison is like for like. It then simulates a person marking 10, 25 and 50 posts
//! (5-fold cross-validation: marks drawn from four folds, AUC measured on the fifth).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use jobdelta_matching::metrics::{precision_at_k, roc_auc};
use jobdelta_matching::{
    build_model_report, dot, fit_cap, fit_of_score, mean_direction, prepare, prepare_for_model,
    rarity_weighted_skill_overlap, resume_month, CheckStatus, PostText, Prepared, Report,
    RequirementCheck, Shortfall, SkillCheck, Thresholds, SIGNAL_SCALES,
};
use jobdelta_text::HardRequirement;
use serde::{Deserialize, Serialize};

use crate::args::{EvalArgs, ModelArgs};
use crate::embedding_cache::EmbeddingCache;
use crate::model_dir;

/// One labelled post.
#[derive(Deserialize)]
struct LabeledPost {
    #[serde(default)]
    title: Option<String>,
    text: String,
    label: u8,
}

/// Figures for one way of scoring.
#[derive(Serialize)]
struct MethodResult {
    name: String,
    auc: Option<f64>,
    precision_at_10: Option<f64>,
    mean_fit: f64,
    mean_not_fit: f64,
}

#[derive(Serialize)]
struct EvalOutput {
    /// The embedding model (its cache id: `+int8` at int8).
    model: String,
    posts: usize,
    fit_labels: usize,
    skipped_posts: usize,
    /// The app's fit.
    #[serde(flatten)]
    app: MethodResult,
    /// The app's fit on two halves of the posts (odd and even lines): the fit has no
    /// parameter learned from these labels, so the halves show how much the figure wobbles.
    split_halves: Vec<MethodResult>,
    /// With `--ensemble-with B`: B's fit alone and the mean of the two fits, each on all posts
    /// and on both halves. The mean has no weight to tune, so the halves are a fair test.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ensemble: Vec<MethodResult>,
    /// Each signal the fit is made of, alone.
    signals: Vec<MethodResult>,
    baselines: Vec<MethodResult>,
    /// Learning from marks, cross-validated.
    learning: Vec<LearningResult>,
    /// For each fit label: posts with it and how many of them were labelled fit.
    labels: Vec<LabelRow>,
    /// For each kind of hard requirement that capped a fit: the posts it capped and how
    /// many of them the person labelled fit (a kind the person ignores shows up here).
    caps: Vec<CapRow>,
}

#[derive(Serialize)]
struct CapRow {
    /// The requirement kind ("seniority").
    kind: &'static str,
    /// How far short: "far" caps at weak, "near" at some fit.
    shortfall: Shortfall,
    posts: usize,
    #[serde(rename = "labelled_fit")]
    labeled_fit: usize,
}

/// Which must-haves capped which posts, against the labels: a post counts once per kind
/// and shortfall it fell short on.
fn by_cap(report: &jobdelta_matching::Report, labels: &[bool]) -> Vec<CapRow> {
    let mut rows = Vec::new();
    for shortfall in [Shortfall::Far, Shortfall::Near] {
        for kind in HardRequirement::KINDS {
            let capped: Vec<bool> = report
                .posts
                .iter()
                .zip(labels)
                .filter(|(p, _)| p.fit_cap.is_some())
                .filter(|(p, _)| {
                    p.checks.iter().any(|c| {
                        c.required
                            && c.status == CheckStatus::NotMet
                            && c.shortfall == Some(shortfall)
                            && c.requirement.kind() == kind
                    })
                })
                .map(|(_, &l)| l)
                .collect();
            if !capped.is_empty() {
                rows.push(CapRow {
                    kind,
                    shortfall,
                    posts: capped.len(),
                    labeled_fit: capped.iter().filter(|&&l| l).count(),
                });
            }
        }
    }
    rows
}

/// Learning from `marks` marked posts, averaged over the folds and repetitions.
#[derive(Serialize)]
struct LearningResult {
    marks: usize,
    /// Mean ROC-AUC of the learned fit on the held-out fold.
    auc: f64,
    /// Mean ROC-AUC of the zero-shot fit on the same held-out folds.
    zero_shot_auc: f64,
    /// Lowest and highest learned AUC over the runs.
    auc_min: f64,
    auc_max: f64,
    runs: usize,
}

/// Folds of the learning simulation.
const FOLDS: usize = 5;
/// Times the folds are redrawn.
const REPEATS: usize = 4;
/// Marks the simulation learns from.
const MARK_COUNTS: [usize; 5] = [10, 25, 50, 100, 200];

#[derive(Serialize)]
struct LabelRow {
    label: &'static str,
    posts: usize,
    /// Named as in the JSON output that docs/quality.md was made from.
    #[serde(rename = "labelled_fit")]
    labeled_fit: usize,
}

/// How the fit labels shown in the app line up with the person's labels.
fn by_label(report: &jobdelta_matching::Report, labels: &[bool]) -> Vec<LabelRow> {
    use jobdelta_matching::FitLabel;
    [
        FitLabel::Strong,
        FitLabel::Good,
        FitLabel::Some,
        FitLabel::Weak,
    ]
    .into_iter()
    .map(|label| {
        let posts: Vec<bool> = report
            .posts
            .iter()
            .zip(labels)
            .filter(|(p, _)| p.label == label)
            .map(|(_, &l)| l)
            .collect();
        LabelRow {
            label: label.label(),
            posts: posts.len(),
            labeled_fit: posts.iter().filter(|&&l| l).count(),
        }
    })
    .collect()
}

pub fn run(args: &EvalArgs) -> Result<()> {
    let resume = crate::input::read_text(&args.resume)?;
    let labeled = read_labeled(&args.labeled)?;
    // Posts the app would refuse (e.g. no requirement sentences) are left out and counted.
    let mut posts = Vec::new();
    let mut labels = Vec::new();
    let mut skipped = 0;
    for post in labeled {
        let text = PostText {
            title: post.title,
            text: post.text,
        };
        if prepare(&resume, std::slice::from_ref(&text)).is_ok() {
            posts.push(text);
            labels.push(post.label == 1);
        } else {
            skipped += 1;
        }
    }
    let prepared = prepare_model(&resume, &posts, model_dir::model_spec(&args.model).id)?;

    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let mut texts = prepared.texts_to_embed.clone();
    // Whole documents too, for the document-cosine baseline (the model reads their first
    // 256 word pieces, as it would for anyone embedding a whole post).
    texts.push(resume.clone());
    texts.extend(posts.iter().map(|p| p.text.clone()));
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let embeddings = cache.embed(&encoder, &texts, |done, total| {
        // Called once per batch of texts (crate::parallel), so rarely enough to print each.
        if show {
            eprint!("\rembedding: {done}/{total}");
        }
    })?;
    if show {
        eprintln!();
    }
    let sentence_vectors = &embeddings[..prepared.texts_to_embed.len()];
    let documents = &embeddings[prepared.texts_to_embed.len()..];

    let report = build_model_report(
        &prepared,
        sentence_vectors,
        Thresholds::default(),
        encoder.tokenizer(),
        encoder.model_id(),
    )?;
    let app_scores: Vec<f32> = report.posts.iter().map(|p| p.fit).collect();
    let app = method("fit (app)", &app_scores, &labels);
    let split_halves = halves("fit", &app_scores, &labels);
    let ensemble = match &args.ensemble_with {
        Some(other) => ensemble_rows(
            other,
            args,
            &mut cache,
            &resume,
            &posts,
            &app_scores,
            &labels,
        )?,
        None => Vec::new(),
    };
    let signal_columns: [Vec<f32>; 3] = [
        report
            .posts
            .iter()
            .map(|p| p.signals.experience_match)
            .collect(),
        report
            .posts
            .iter()
            .map(|p| p.signals.overall_similarity)
            .collect(),
        report
            .posts
            .iter()
            .map(|p| p.signals.title_similarity.unwrap_or(SIGNAL_SCALES[2].mean))
            .collect(),
    ];
    let signals = signal_columns
        .iter()
        .zip(SIGNAL_SCALES)
        .map(|(column, scale)| {
            let mut result = method(scale.name, column, &labels);
            let (mean, spread) = mean_and_spread(column);
            result.name = format!("{} (mean {mean:.4}, sd {spread:.4})", scale.name);
            result
        })
        .collect();
    let coverage: Vec<f32> = report
        .posts
        .iter()
        .map(|p| p.breakdown.weighted_coverage)
        .collect();
    // The same fit before the hard-requirement checks cap it: what the cap changes.
    let uncapped: Vec<f32> = report
        .posts
        .iter()
        .map(|p| fit_of_score(p.signals.zero_shot_score()))
        .collect();
    let mut baselines = vec![method(
        "fit without the hard-requirement cap",
        &uncapped,
        &labels,
    )];
    // The cap of one kind left out at a time: which kind of must-have costs or earns ranking.
    for kind in HardRequirement::KINDS {
        let asked = report
            .posts
            .iter()
            .any(|p| p.checks.iter().any(|c| c.requirement.kind() == kind));
        if !asked {
            continue;
        }
        let fits: Vec<f32> = report
            .posts
            .iter()
            .zip(&uncapped)
            .map(|(p, &fit)| {
                let others: Vec<RequirementCheck> = p
                    .checks
                    .iter()
                    .filter(|c| c.requirement.kind() != kind)
                    .cloned()
                    .collect();
                fit_cap(&others).map_or(fit, |cap| cap.apply(fit))
            })
            .collect();
        baselines.push(method(
            &format!("fit without the {kind} cap"),
            &fits,
            &labels,
        ));
    }
    baselines.extend([method(
        "requirement coverage (report's coverage)",
        &coverage,
        &labels,
    )]);
    baselines.extend(skill_overlap_candidates(&report, &labels));
    baselines.extend(baselines_of(
        &prepared,
        sentence_vectors,
        documents,
        &labels,
    ));
    let labels_by_fit = by_label(&report, &labels);
    let caps = by_cap(&report, &labels);
    let learning = simulate_learning(&report, &labels);

    let output = EvalOutput {
        model: encoder.model_id(),
        posts: posts.len(),
        fit_labels: labels.iter().filter(|&&l| l).count(),
        skipped_posts: skipped,
        app,
        split_halves,
        ensemble,
        signals,
        baselines,
        learning,
        labels: labels_by_fit,
        caps,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &output)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "model {}: {} posts ({} labelled fit), {} skipped as unusable",
            output.model, output.posts, output.fit_labels, output.skipped_posts
        )?;
        writeln!(
            out,
            "{:<52} {:>7} {:>7} {:>10} {:>10}",
            "method", "AUC", "P@10", "mean fit", "mean not"
        )?;
        let rows = std::iter::once(&output.app)
            .chain(&output.split_halves)
            .chain(&output.ensemble)
            .chain(&output.signals)
            .chain(&output.baselines);
        for m in rows {
            writeln!(
                out,
                "{:<52} {:>7} {:>7} {:>10.4} {:>10.4}",
                m.name,
                m.auc.map_or("-".into(), |a| format!("{a:.4}")),
                m.precision_at_10.map_or("-".into(), |a| format!("{a:.2}")),
                m.mean_fit,
                m.mean_not_fit
            )?;
        }
        writeln!(
            out,
            "\nlearning from marks ({FOLDS}-fold, {REPEATS} draws: marks from 4 folds, AUC on the 5th)"
        )?;
        writeln!(
            out,
            "{:>6} {:>12} {:>16} {:>16}",
            "marks", "learned AUC", "zero-shot AUC", "learned range"
        )?;
        for row in &output.learning {
            writeln!(
                out,
                "{:>6} {:>12.4} {:>16.4} {:>9.3}–{:.3}",
                row.marks, row.auc, row.zero_shot_auc, row.auc_min, row.auc_max
            )?;
        }
        writeln!(out, "\nfit label      posts  labelled fit")?;
        for row in &output.labels {
            writeln!(
                out,
                "{:<12} {:>7} {:>8} ({:.0} %)",
                row.label,
                row.posts,
                row.labeled_fit,
                100.0 * row.labeled_fit as f64 / row.posts.max(1) as f64
            )?;
        }
        writeln!(out, "\ncapped by               posts  labelled fit")?;
        for row in &output.caps {
            let shortfall = match row.shortfall {
                Shortfall::Far => "far",
                Shortfall::Near => "near",
            };
            writeln!(
                out,
                "{:<18} {:<4} {:>5} {:>8} ({:.0} %)",
                row.kind,
                shortfall,
                row.posts,
                row.labeled_fit,
                100.0 * row.labeled_fit as f64 / row.posts.max(1) as f64
            )?;
        }
    }
    Ok(())
}

/// The figures of `scores` on the odd and on the even lines of the labelled file.
fn halves(name: &str, scores: &[f32], labels: &[bool]) -> Vec<MethodResult> {
    ["odd", "even"]
        .into_iter()
        .enumerate()
        .map(|(half, which)| {
            let picked = |i: &usize| i % 2 == half;
            let half_scores: Vec<f32> = (0..labels.len())
                .filter(picked)
                .map(|i| scores[i])
                .collect();
            let half_labels: Vec<bool> = (0..labels.len())
                .filter(picked)
                .map(|i| labels[i])
                .collect();
            method(
                &format!("{name}, {which} lines"),
                &half_scores,
                &half_labels,
            )
        })
        .collect()
}

/// The resume and the posts prepared for the model `model_id`, with "present" in the resume's
/// dates its own last month, so the figures do not depend on the day they are measured.
fn prepare_model(resume: &str, posts: &[PostText], model_id: &str) -> Result<Prepared> {
    prepare_for_model(resume, posts, resume_month(resume), model_id)
        .map_err(|p| anyhow::anyhow!("{p}"))
}

/// The second model's fit and the mean of both models' fits, on all posts and on each half.
fn ensemble_rows(
    other: &Path,
    args: &EvalArgs,
    cache: &mut EmbeddingCache,
    resume: &str,
    posts: &[PostText],
    fits: &[f32],
    labels: &[bool],
) -> Result<Vec<MethodResult>> {
    let encoder = model_dir::load_encoder(&ModelArgs {
        model: Some(other.to_path_buf()),
        precision: args.model.precision,
    })?;
    let prepared = prepare_model(resume, posts, &encoder.model_id())?;
    let vectors = cache.embed(&encoder, &prepared.texts_to_embed, |_, _| {})?;
    let report = build_model_report(
        &prepared,
        &vectors,
        Thresholds::default(),
        encoder.tokenizer(),
        encoder.model_id(),
    )?;
    let other_fits: Vec<f32> = report.posts.iter().map(|p| p.fit).collect();
    let mean: Vec<f32> = fits
        .iter()
        .zip(&other_fits)
        .map(|(a, b)| (a + b) / 2.0)
        .collect();
    // The fits are placed against a reference set of posts scored with the default model, so
    // another model's fits sit lower or higher; the mean of the two rank positions among these
    // posts is free of that scale.
    let (ranks, other_ranks) = (rank_positions(fits), rank_positions(&other_fits));
    let rank_mean: Vec<f32> = ranks
        .iter()
        .zip(&other_ranks)
        .map(|(a, b)| (a + b) / 2.0)
        .collect();
    let mut rows = Vec::new();
    for (name, scores) in [
        (format!("fit, {}", encoder.model().name), &other_fits),
        ("ensemble: mean of the two fits".to_owned(), &mean),
        (
            "ensemble: mean of the two rank positions".to_owned(),
            &rank_mean,
        ),
    ] {
        rows.push(method(&name, scores, labels));
        rows.extend(halves(&name, scores, labels));
    }
    Ok(rows)
}

/// Each score's position among all of them, from 0 (lowest) to n − 1, ties at their mean.
fn rank_positions(scores: &[f32]) -> Vec<f32> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut ranks = vec![0.0; scores.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && scores[order[end]] == scores[order[start]] {
            end += 1;
        }
        let mean = (start + end - 1) as f32 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = mean;
        }
        start = end;
    }
    ranks
}

fn read_labeled(path: &Path) -> Result<Vec<LabeledPost>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut posts = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let post: LabeledPost = serde_json::from_str(&line).with_context(|| {
            format!(
                "{} line {}: expected {{\"title\", \"text\", \"label\": 0 or 1}}",
                path.display(),
                n + 1
            )
        })?;
        posts.push(post);
    }
    if posts.is_empty() {
        bail!("{} holds no labelled posts", path.display());
    }
    Ok(posts)
}

fn method(name: &str, scores: &[f32], labels: &[bool]) -> MethodResult {
    let mean = |want: bool| {
        let picked: Vec<f64> = scores
            .iter()
            .zip(labels)
            .filter(|(_, &l)| l == want)
            .map(|(&s, _)| f64::from(s))
            .collect();
        picked.iter().sum::<f64>() / picked.len().max(1) as f64
    };
    MethodResult {
        name: name.to_owned(),
        auc: roc_auc(scores, labels),
        precision_at_10: precision_at_k(scores, labels, 10),
        mean_fit: mean(true),
        mean_not_fit: mean(false),
    }
}

/// Skill overlap (weighted by rarity across the posts) as a candidate fourth signal of the
/// fit (issue 20): alone, and averaged with the three standardised signals — capped as the app
/// caps — on all posts and on each half, next to the same halves of the fit without it. The
/// fit adopts it only if it helps on both halves.
fn skill_overlap_candidates(report: &Report, labels: &[bool]) -> Vec<MethodResult> {
    let checks: Vec<Vec<SkillCheck>> = report
        .posts
        .iter()
        .map(|p| p.requirements.iter().map(|r| r.skills.clone()).collect())
        .collect();
    let overlap = rarity_weighted_skill_overlap(&checks);
    let known: Vec<f32> = overlap.iter().flatten().copied().collect();
    let (mean, spread) = mean_and_spread(&known);
    // A post naming no skill counts as average, as a post without a title does.
    let column: Vec<f32> = overlap
        .iter()
        .map(|o| o.map_or(mean as f32, |v| v))
        .collect();
    let standardized = |v: f32| ((f64::from(v) - mean) / spread.max(1e-9)) as f32;
    let with_skills: Vec<f32> = report
        .posts
        .iter()
        .zip(&column)
        .map(|(p, &v)| {
            let score = (3.0 * p.signals.zero_shot_score() + standardized(v)) / 4.0;
            let fit = fit_of_score(score);
            p.fit_cap.as_ref().map_or(fit, |cap| cap.apply(fit))
        })
        .collect();
    let fits: Vec<f32> = report.posts.iter().map(|p| p.fit).collect();
    let named = overlap.iter().filter(|o| o.is_some()).count();
    let mut rows = vec![
        method(
            &format!(
                "skill overlap, rarity-weighted, alone ({named} posts name skills; mean {mean:.3}, sd {spread:.3})"
            ),
            &column,
            labels,
        ),
        method("fit + skill overlap as a fourth signal", &with_skills, labels),
    ];
    for half in 0..2 {
        let picked = |scores: &[f32]| -> Vec<f32> {
            scores
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == half)
                .map(|(_, &s)| s)
                .collect()
        };
        let half_labels: Vec<bool> = labels
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == half)
            .map(|(_, &l)| l)
            .collect();
        let lines = if half == 0 { "odd lines" } else { "even lines" };
        rows.push(method(
            &format!("fit, {lines}"),
            &picked(&fits),
            &half_labels,
        ));
        rows.push(method(
            &format!("fit + skill overlap, {lines}"),
            &picked(&with_skills),
            &half_labels,
        ));
    }
    rows
}

/// The simple ways of scoring a post the issue lists, from the same embeddings.
fn baselines_of(
    prepared: &Prepared,
    sentences: &[Vec<f32>],
    documents: &[Vec<f32>],
    labels: &[bool],
) -> Vec<MethodResult> {
    let (resume_doc, post_docs) = documents
        .split_first()
        .map_or((&[][..], &[][..]), |(r, p)| (r.as_slice(), p));
    let resume_mean = mean_direction(
        prepared
            .resume
            .iter()
            .map(|s| sentences[s.embedding].as_slice()),
    );
    let mut whole = Vec::new();
    let mut means = Vec::new();
    let mut best_cover = Vec::new();
    let mut top10 = Vec::new();
    for (post, doc) in prepared.posts.iter().zip(post_docs) {
        whole.push(dot(resume_doc, doc));
        let post_mean = mean_direction(
            post.requirements
                .iter()
                .map(|r| sentences[r.embedding].as_slice()),
        );
        means.push(dot(&resume_mean, &post_mean));
        let mut covers: Vec<f32> = post
            .requirements
            .iter()
            .map(|r| {
                prepared
                    .resume
                    .iter()
                    .map(|s| dot(&sentences[r.embedding], &sentences[s.embedding]))
                    .fold(f32::NEG_INFINITY, f32::max)
            })
            .collect();
        best_cover.push(covers.iter().sum::<f32>() / covers.len().max(1) as f32);
        covers.sort_by(|a, b| b.total_cmp(a));
        let top = &covers[..covers.len().min(10)];
        top10.push(top.iter().sum::<f32>() / top.len().max(1) as f32);
    }
    vec![
        method("whole-document cosine", &whole, labels),
        method("cosine of mean sentence embeddings", &means, labels),
        method("mean best cover per requirement", &best_cover, labels),
        method("mean of 10 best-covered requirements", &top10, labels),
    ]
}

fn mean_and_spread(values: &[f32]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let variance = values
        .iter()
        .map(|&v| (f64::from(v) - mean).powi(2))
        .sum::<f64>()
        / n;
    (mean, variance.sqrt())
}

/// A person marking posts, simulated with the labels: for each fold, `marks` posts drawn at
/// random from the other folds are marked as labelled (redrawn until both kinds occur), the
/// report learns from them exactly as the app does, and the learned fit is scored on the
/// held-out fold against the zero-shot fit on the same posts. Deterministic (fixed seed).
fn simulate_learning(report: &Report, labels: &[bool]) -> Vec<LearningResult> {
    let n = labels.len();
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut results = Vec::new();
    for marks in MARK_COUNTS {
        let (mut learned, mut zero_shot) = (Vec::new(), Vec::new());
        for _ in 0..REPEATS {
            let order = random.permutation(n);
            for fold in 0..FOLDS {
                let held_out: Vec<usize> = order
                    .iter()
                    .enumerate()
                    .filter(|(position, _)| position % FOLDS == fold)
                    .map(|(_, &i)| i)
                    .collect();
                let pool: Vec<usize> = order
                    .iter()
                    .enumerate()
                    .filter(|(position, _)| position % FOLDS != fold)
                    .map(|(_, &i)| i)
                    .collect();
                if pool.len() < marks {
                    continue;
                }
                let marked = loop {
                    let mut drawn = pool.clone();
                    random.shuffle(&mut drawn);
                    drawn.truncate(marks);
                    let fits = drawn.iter().filter(|&&i| labels[i]).count();
                    if fits > 0 && fits < marks {
                        break drawn;
                    }
                };
                let mut person = vec![None; n];
                for &i in &marked {
                    person[i] = Some(labels[i]);
                }
                let mut taught = report.clone();
                taught.set_marks(&person);
                let held_labels: Vec<bool> = held_out.iter().map(|&i| labels[i]).collect();
                let score = |fit: &dyn Fn(usize) -> f32| -> Option<f64> {
                    let scores: Vec<f32> = held_out.iter().map(|&i| fit(i)).collect();
                    roc_auc(&scores, &held_labels)
                };
                if let (Some(a), Some(b)) = (
                    score(&|i| taught.posts[i].fit),
                    score(&|i| taught.posts[i].zero_shot_fit),
                ) {
                    learned.push(a);
                    zero_shot.push(b);
                }
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        results.push(LearningResult {
            marks,
            auc: mean(&learned),
            zero_shot_auc: mean(&zero_shot),
            auc_min: learned.iter().copied().fold(f64::INFINITY, f64::min),
            auc_max: learned.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            runs: learned.len(),
        });
    }
    results
}

/// A small deterministic random number generator (xorshift64), so every run draws the same
/// marks.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }

    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        self.shuffle(&mut order);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_positions_average_ties() {
        assert_eq!(
            rank_positions(&[0.5, 0.1, 0.9, 0.5]),
            vec![1.5, 0.0, 3.0, 1.5]
        );
        assert_eq!(rank_positions(&[]), Vec::<f32>::new());
    }
}
