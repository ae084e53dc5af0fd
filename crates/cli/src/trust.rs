//! `jobdelta trust`: the report measured against a hand-labelled set (`fixtures/trust`).
//!
//! The set holds resumes, job posts and `labels.json` (its README gives the shape): the
//! verdict a recruiter gives each resume/post pair (fit / stretch / not qualified), the hard
//! requirements of each post and the facts of each resume. This command measures:
//!
//! 1. **Verdicts** — each resume is run through the same report as `jobdelta match` with the
//!    posts paired with it, and the report's fit label (strong/good → fit, some → stretch,
//!    weak → not qualified) is set against the recruiter's verdict: confusion matrix,
//!    agreement, weighted kappa, ROC-AUC of the fit, the worst disagreements.
//! 2. **Parsing** — hard requirements read from the posts and facts read from the resumes
//!    against the labels (see [`parsing`]).
//! 3. **Calibration** — what cosine a resume sentence reaches by chance against the
//!    requirements of posts of another trade, which is what the report's "matches nothing"
//!    threshold should sit above.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use jobdelta_encoder::Encoder;
use jobdelta_matching::metrics::roc_auc;
use jobdelta_matching::{prepare_for_model, FitLabel, PostText, Report, Thresholds, YearMonth};
use serde::{Deserialize, Serialize};

use crate::args::TrustArgs;
use crate::embedding_cache::EmbeddingCache;
use crate::{input, matching, model_dir};

mod parsing;

/// A recruiter's verdict, and the report's label mapped onto the same three steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Verdict {
    /// Would shortlist.
    Fit,
    /// Could apply, missing something soft.
    Stretch,
    /// Lacks a hard must-have.
    NotQualified,
}

impl Verdict {
    /// The three verdicts in order, the rows and columns of the confusion matrix.
    const ALL: [Verdict; 3] = [Verdict::Fit, Verdict::Stretch, Verdict::NotQualified];

    /// Position on the fit → not qualified scale.
    fn step(self) -> usize {
        match self {
            Verdict::Fit => 0,
            Verdict::Stretch => 1,
            Verdict::NotQualified => 2,
        }
    }

    /// The name used in labels.json.
    fn name(self) -> &'static str {
        match self {
            Verdict::Fit => "fit",
            Verdict::Stretch => "stretch",
            Verdict::NotQualified => "not_qualified",
        }
    }

    /// The report's label as a verdict: strong and good fit → fit, some fit → stretch, weak
    /// fit → not qualified (the mapping in fixtures/trust/README.md).
    fn of_label(label: FitLabel) -> Self {
        match label {
            FitLabel::Strong | FitLabel::Good => Verdict::Fit,
            FitLabel::Some => Verdict::Stretch,
            FitLabel::Weak => Verdict::NotQualified,
        }
    }
}

/// `labels.json`, the parts read here; the post and resume labels are read by [`parsing`].
#[derive(Deserialize)]
pub(crate) struct Labels {
    /// The month the resumes' "Present" means, "YYYY-MM".
    pub today: String,
    /// Per post id: its hard requirements.
    pub posts: BTreeMap<String, serde_json::Value>,
    /// Per resume id: its facts.
    pub resumes: BTreeMap<String, serde_json::Value>,
    /// The recruiter's verdicts.
    pairs: Vec<Pair>,
}

/// One labelled resume/post pair.
#[derive(Deserialize)]
struct Pair {
    resume: String,
    post: String,
    verdict: Verdict,
    why: String,
}

/// The labelled set as read from its folder.
pub(crate) struct TrustSet {
    /// The folder.
    pub dir: PathBuf,
    /// labels.json.
    pub labels: Labels,
    /// Resume texts by id.
    pub resumes: BTreeMap<String, String>,
    /// Post texts by id.
    pub posts: BTreeMap<String, String>,
}

impl TrustSet {
    /// Reads labels.json and every resume and post it names.
    fn read(dir: &Path) -> Result<Self> {
        let labels_path = dir.join("labels.json");
        let labels: Labels = serde_json::from_str(&input::read_text(&labels_path)?)
            .with_context(|| format!("{} is not a trust set's labels", labels_path.display()))?;
        if labels.pairs.is_empty() {
            bail!("{} has no pairs", labels_path.display());
        }
        let mut resumes = BTreeMap::new();
        let mut posts = BTreeMap::new();
        let resume_ids = labels
            .resumes
            .keys()
            .chain(labels.pairs.iter().map(|p| &p.resume));
        for id in resume_ids {
            if !resumes.contains_key(id) {
                let text = input::read_text(&dir.join("resumes").join(format!("{id}.txt")))?;
                resumes.insert(id.clone(), text);
            }
        }
        let post_ids = labels
            .posts
            .keys()
            .chain(labels.pairs.iter().map(|p| &p.post));
        for id in post_ids {
            if !posts.contains_key(id) {
                let text = input::read_text(&dir.join("posts").join(format!("{id}.txt")))?;
                posts.insert(id.clone(), text);
            }
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            labels,
            resumes,
            posts,
        })
    }

    /// Resume ids in the order their first pair appears.
    fn paired_resumes(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for pair in &self.labels.pairs {
            if !ids.contains(&pair.resume.as_str()) {
                ids.push(&pair.resume);
            }
        }
        ids
    }

    /// A post as the report takes it: the title is inferred from its first line, as
    /// `jobdelta match` does.
    fn post_text(&self, id: &str) -> PostText {
        PostText {
            title: None,
            text: self.posts.get(id).cloned().unwrap_or_default(),
        }
    }
}

/// The trades the calibration tells apart, by resume and post id of fixtures/trust.
///
/// The rule, written down before looking at any cosine: a trade is the work a person is
/// trained for. All software, data and machine-learning work is one trade ("tech": they
/// share tools and vocabulary, so a data analyst's SQL sentence may fairly match a backend
/// post); driving, nursing, accounting, teaching and civil engineering are one trade each. A
/// resume may belong to two trades (the teacher turned developer). A post is of *another
/// trade* for a resume when they share no trade; ids missing from the table are left out of
/// the calibration (and counted).
const TRADES: &[(&str, &[&str])] = &[
    // Resumes.
    ("student-cs", &["tech"]),
    ("new-grad-web", &["tech"]),
    ("mid-backend", &["tech"]),
    ("senior-data", &["tech"]),
    ("phd-ml", &["tech"]),
    ("career-changer", &["tech", "teaching"]),
    ("devops-mid", &["tech"]),
    ("security-cleared", &["tech"]),
    ("business-analyst", &["tech"]),
    ("cdl-driver", &["driving"]),
    ("registered-nurse", &["nursing"]),
    ("accountant", &["accounting"]),
    // Posts.
    ("principal-llm-scientist", &["tech"]),
    ("new-grad-swe", &["tech"]),
    ("senior-backend-python", &["tech"]),
    ("staff-data-engineer", &["tech"]),
    ("ml-engineer-mid", &["tech"]),
    ("fullstack-django-angular", &["tech"]),
    ("junior-frontend", &["tech"]),
    ("analytics-engineer", &["tech"]),
    ("data-analyst", &["tech"]),
    ("data-science-intern", &["tech"]),
    ("engineering-manager", &["tech"]),
    ("devops-sre", &["tech"]),
    ("cleared-software-engineer", &["tech"]),
    ("city-driver-cdl", &["driving"]),
    ("long-haul-driver", &["driving"]),
    ("icu-nurse", &["nursing"]),
    ("nurse-manager", &["nursing"]),
    ("staff-accountant", &["accounting"]),
    ("senior-accountant-cpa", &["accounting"]),
    ("high-school-math-teacher", &["teaching"]),
    ("civil-engineer-pe", &["civil engineering"]),
];

/// The trades of a resume or post id, if the table knows it.
fn trades_of(id: &str) -> Option<&'static [&'static str]> {
    TRADES.iter().find(|(key, _)| *key == id).map(|(_, t)| *t)
}

/// Whether two ids share a trade; `None` when either is not in the table.
fn same_trade(resume: &str, post: &str) -> Option<bool> {
    let (a, b) = (trades_of(resume)?, trades_of(post)?);
    Some(a.iter().any(|t| b.contains(t)))
}

/// Everything `jobdelta trust --json` prints.
#[derive(Serialize)]
struct TrustOutput {
    /// The set's folder, as given.
    set: String,
    /// The embedding model.
    model: String,
    verdicts: VerdictFigures,
    calibration: Calibration,
    parsing: parsing::ParsingFigures,
}

/// One pair, judged both ways.
#[derive(Debug, Clone, Serialize)]
struct PairResult {
    resume: String,
    post: String,
    /// The report's fit, 0–100.
    fit: f32,
    /// The report's label ("good fit").
    label: &'static str,
    /// That label as a verdict.
    jobdelta: Verdict,
    /// The recruiter's verdict.
    recruiter: Verdict,
    /// The recruiter's reason.
    why: String,
}

/// How the report's labels line up with the recruiter's verdicts.
#[derive(Serialize)]
struct VerdictFigures {
    pairs: usize,
    /// Rows and columns of `confusion`, in this order.
    order: [&'static str; 3],
    /// `confusion[recruiter][jobdelta]`: pairs with that recruiter verdict and that mapped
    /// report label.
    confusion: [[usize; 3]; 3],
    /// Share of pairs where the two agree.
    exact_agreement: f64,
    /// Share of pairs at most one step apart (fit ↔ stretch ↔ not qualified).
    within_one_step: f64,
    /// Cohen's kappa with linear weights (1 − distance / 2).
    weighted_kappa: Option<f64>,
    /// ROC-AUC of the fit for recruiter "fit" against the rest.
    auc_fit_vs_rest: Option<f64>,
    /// ROC-AUC of the fit, reversed, for recruiter "not qualified" against the rest.
    auc_not_qualified_vs_rest: Option<f64>,
    /// Largest change of a post's fit between the run with its resume's paired posts and the
    /// run with every post of the set: 0 shows the fit of a post does not depend on the others.
    max_fit_change_with_other_posts: f32,
    /// Recruiter says not qualified, the report says strong or good fit; highest fit first.
    not_qualified_called_fit: Vec<PairResult>,
    /// Recruiter says fit, the report says weak fit; lowest fit first.
    fit_called_weak: Vec<PairResult>,
    /// Every pair, in labels.json order.
    all: Vec<PairResult>,
}

/// What a resume sentence's best cosine reaches against the requirements of posts of another
/// trade (chance) and of its own trade.
#[derive(Serialize)]
struct Calibration {
    /// How trades were decided.
    rule: &'static str,
    /// Per resume sentence, its best cosine to any requirement of any post of another trade.
    other_trade: Distribution,
    /// Per resume sentence and post of another trade, its best cosine to that post's
    /// requirements: what one unrelated post reaches (the report's "matches nothing" looks at
    /// every post of a run, so the per-sentence maximum above is the figure it is set by).
    other_trade_per_post: Distribution,
    /// Per resume sentence, its best cosine to any requirement of any post of its own trade.
    same_trade: Distribution,
    /// The calibrated "matches nothing" threshold: the other-trade 95th percentile.
    threshold: f32,
    /// Today's threshold (the `partly` threshold).
    current_threshold: f32,
    /// Share of same-trade best cosines below the calibrated threshold.
    same_trade_below_threshold: f64,
    /// Share of same-trade best cosines below today's threshold.
    same_trade_below_current: f64,
    /// Share of other-trade best cosines at or above today's threshold.
    other_trade_at_or_above_current: f64,
    /// Labelled pairs across trades, and how many of them the recruiter called not qualified
    /// (a check of the trade table against the labels).
    cross_trade_pairs: usize,
    cross_trade_pairs_not_qualified: usize,
    /// The cross-trade pairs the recruiter did not call not qualified.
    cross_trade_not_not_qualified: Vec<String>,
    /// Resume or post ids the trade table does not know (left out).
    untagged: Vec<String>,
}

/// Percentiles of one set of cosines (linear interpolation between ranks).
#[derive(Serialize)]
struct Distribution {
    values: usize,
    median: f32,
    p90: f32,
    p95: f32,
    p99: f32,
    max: f32,
}

impl Distribution {
    fn of(values: &mut [f32]) -> Self {
        values.sort_by(f32::total_cmp);
        Distribution {
            values: values.len(),
            median: percentile(values, 50.0),
            p90: percentile(values, 90.0),
            p95: percentile(values, 95.0),
            p99: percentile(values, 99.0),
            max: values.last().copied().unwrap_or(f32::NAN),
        }
    }
}

/// The `p`th percentile of sorted values, interpolating linearly between ranks (numpy's
/// default); NaN for no values.
fn percentile(sorted: &[f32], p: f64) -> f32 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f32::NAN;
    };
    let rank = p / 100.0 * last as f64;
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    let fraction = (rank - low as f64) as f32;
    sorted[low] + (sorted[high] - sorted[low]) * fraction
}

/// Share of `part` in `whole` (0 for nothing).
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

pub fn run(args: &TrustArgs) -> Result<()> {
    let set = TrustSet::read(&args.set)?;
    // The parsing figures need no model: a bad label fails before minutes of embedding.
    let parsing = parsing::measure(&set)?;
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;

    let all_post_ids: Vec<&str> = set.posts.keys().map(String::as_str).collect();
    let all_posts: Vec<PostText> = all_post_ids.iter().map(|id| set.post_text(id)).collect();
    let mut results: BTreeMap<(String, String), (f32, FitLabel)> = BTreeMap::new();
    let today = YearMonth::parse(&set.labels.today).with_context(|| {
        format!(
            "\"today\" in labels.json should be \"YYYY-MM\", not {:?}",
            set.labels.today
        )
    })?;
    let mut max_fit_change = 0.0_f32;
    let mut samples = CosineSamples::default();
    for resume_id in set.paired_resumes() {
        let resume = set.resumes.get(resume_id).cloned().unwrap_or_default();
        let paired: Vec<&str> = set
            .labels
            .pairs
            .iter()
            .filter(|p| p.resume == resume_id)
            .map(|p| p.post.as_str())
            .collect();
        let posts: Vec<PostText> = paired.iter().map(|id| set.post_text(id)).collect();
        // The fit of a post depends on the resume and that post only: its three signals
        // (experience match over the post's own requirements, the resume's mean sentence
        // against the post's mean requirement, the title against the resume) are computed per
        // post in build_report, and rescore turns them into a fit on a fixed reference scale
        // (fit_of_score); only learning from marks (none here) and the rank mix posts. So one
        // run per resume with all its paired posts gives each pair the fit it would get alone.
        // `max_fit_change_with_other_posts` checks this against a run with every post.
        let report = report_of(&encoder, &mut cache, &resume, &posts, today)
            .with_context(|| format!("resume {resume_id}"))?;
        let everything = report_of(&encoder, &mut cache, &resume, &all_posts, today)
            .with_context(|| format!("resume {resume_id} with every post"))?;
        for (id, post) in paired.iter().zip(&report.posts) {
            let index = all_post_ids.iter().position(|p| p == id);
            if let Some(alone) = index.and_then(|i| everything.posts.get(i)) {
                max_fit_change = max_fit_change.max((alone.fit - post.fit).abs());
            }
            results.insert(
                (resume_id.to_owned(), (*id).to_owned()),
                (post.fit, post.label),
            );
        }
        samples.add(resume_id, &all_post_ids, &everything);
    }

    let output = TrustOutput {
        set: args.set.display().to_string(),
        model: encoder.model_id(),
        verdicts: verdict_figures(&set, &results, max_fit_change),
        calibration: calibration(&set, samples),
        parsing,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &output)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &output)?;
    }
    out.flush().context("cannot write to standard output")
}

/// The report `jobdelta match` prints for this resume and these posts (default thresholds,
/// no marks).
fn report_of(
    encoder: &Encoder,
    cache: &mut EmbeddingCache,
    resume: &str,
    posts: &[PostText],
    today: YearMonth,
) -> Result<Report> {
    // The set's own "today", so "Present" means what the labels mean, in any month.
    let prepared = prepare_for_model(resume, posts, today, &encoder.model_id())
        .map_err(|p| anyhow::anyhow!("{p}"))?;
    matching::report_of(encoder, cache, &prepared, Thresholds::default())
}

/// Best cosines of resume sentences to the requirements of posts, gathered over the set.
#[derive(Default)]
struct CosineSamples {
    /// Per resume sentence, its best cosine over every post of another trade.
    other_trade: Vec<f32>,
    /// Per resume sentence, its best cosine over every post of its own trade.
    same_trade: Vec<f32>,
    /// Per resume sentence and post of another trade, its best cosine to that post.
    other_trade_per_post: Vec<f32>,
    /// Ids the trade table does not know.
    untagged: Vec<String>,
}

impl CosineSamples {
    /// Adds the sentences of one resume, from a report over every post of the set (which
    /// holds, per post, each resume sentence's best cosine to that post's requirements).
    fn add(&mut self, resume_id: &str, post_ids: &[&str], report: &Report) {
        if trades_of(resume_id).is_none() {
            self.note(resume_id);
            return;
        }
        let sentences = report.resume.len();
        // Only statements can be "near nothing" (a contact or date line is never listed), so
        // only they calibrate the threshold.
        let statement: Vec<bool> = report
            .resume
            .iter()
            .map(|s| s.role.is_experience())
            .collect();
        let mut best_other = vec![f32::NEG_INFINITY; sentences];
        let mut best_same = vec![f32::NEG_INFINITY; sentences];
        for (post_id, post) in post_ids.iter().zip(&report.posts) {
            let best = match same_trade(resume_id, post_id) {
                Some(true) => &mut best_same,
                Some(false) => {
                    self.other_trade_per_post.extend(
                        post.experience_scores
                            .iter()
                            .zip(&statement)
                            .filter(|(s, &is_statement)| is_statement && s.is_finite())
                            .map(|(s, _)| s),
                    );
                    &mut best_other
                }
                None => {
                    self.note(post_id);
                    continue;
                }
            };
            for (b, &score) in best.iter_mut().zip(&post.experience_scores) {
                *b = b.max(score);
            }
        }
        let statements = |best: Vec<f32>| {
            best.into_iter()
                .zip(statement.clone())
                .filter(|(s, is_statement)| *is_statement && s.is_finite())
                .map(|(s, _)| s)
                .collect::<Vec<f32>>()
        };
        self.other_trade.extend(statements(best_other));
        self.same_trade.extend(statements(best_same));
    }

    fn note(&mut self, id: &str) {
        if !self.untagged.iter().any(|u| u == id) {
            self.untagged.push(id.to_owned());
        }
    }
}

fn verdict_figures(
    set: &TrustSet,
    results: &BTreeMap<(String, String), (f32, FitLabel)>,
    max_fit_change: f32,
) -> VerdictFigures {
    let all: Vec<PairResult> = set
        .labels
        .pairs
        .iter()
        .filter_map(|pair| {
            let &(fit, label) = results.get(&(pair.resume.clone(), pair.post.clone()))?;
            Some(PairResult {
                resume: pair.resume.clone(),
                post: pair.post.clone(),
                fit,
                label: label.label(),
                jobdelta: Verdict::of_label(label),
                recruiter: pair.verdict,
                why: pair.why.clone(),
            })
        })
        .collect();
    let mut confusion = [[0_usize; 3]; 3];
    for r in &all {
        confusion[r.recruiter.step()][r.jobdelta.step()] += 1;
    }
    let n = all.len();
    let exact = all.iter().filter(|r| r.recruiter == r.jobdelta).count();
    let near = all
        .iter()
        .filter(|r| r.recruiter.step().abs_diff(r.jobdelta.step()) <= 1)
        .count();
    let fits: Vec<f32> = all.iter().map(|r| r.fit).collect();
    let reversed: Vec<f32> = fits.iter().map(|f| -f).collect();
    let is = |v: Verdict| -> Vec<bool> { all.iter().map(|r| r.recruiter == v).collect() };
    let mut not_qualified_called_fit: Vec<PairResult> = all
        .iter()
        .filter(|r| r.recruiter == Verdict::NotQualified && r.jobdelta == Verdict::Fit)
        .cloned()
        .collect();
    not_qualified_called_fit.sort_by(|a, b| b.fit.total_cmp(&a.fit));
    let mut fit_called_weak: Vec<PairResult> = all
        .iter()
        .filter(|r| r.recruiter == Verdict::Fit && r.jobdelta == Verdict::NotQualified)
        .cloned()
        .collect();
    fit_called_weak.sort_by(|a, b| a.fit.total_cmp(&b.fit));
    VerdictFigures {
        pairs: n,
        order: Verdict::ALL.map(Verdict::name),
        confusion,
        exact_agreement: share(exact, n),
        within_one_step: share(near, n),
        weighted_kappa: weighted_kappa(&confusion),
        auc_fit_vs_rest: roc_auc(&fits, &is(Verdict::Fit)),
        auc_not_qualified_vs_rest: roc_auc(&reversed, &is(Verdict::NotQualified)),
        max_fit_change_with_other_posts: max_fit_change,
        not_qualified_called_fit,
        fit_called_weak,
        all,
    }
}

/// Cohen's kappa with linear weights for ordered categories: agreement weighted by
/// 1 − |i − j| / (k − 1), observed against what the two sides' marginals give by chance.
/// `None` when chance agreement is already perfect (a single category on both sides).
fn weighted_kappa<const K: usize>(confusion: &[[usize; K]; K]) -> Option<f64> {
    let n: usize = confusion.iter().flatten().sum();
    if n == 0 || K < 2 {
        return None;
    }
    let n = n as f64;
    let weight = |i: usize, j: usize| 1.0 - i.abs_diff(j) as f64 / (K - 1) as f64;
    let rows: Vec<f64> = confusion
        .iter()
        .map(|r| r.iter().sum::<usize>() as f64 / n)
        .collect();
    let columns: Vec<f64> = (0..K)
        .map(|j| confusion.iter().map(|r| r[j]).sum::<usize>() as f64 / n)
        .collect();
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..K {
        for j in 0..K {
            observed += weight(i, j) * confusion[i][j] as f64 / n;
            expected += weight(i, j) * rows[i] * columns[j];
        }
    }
    (expected < 1.0 - 1e-12).then(|| (observed - expected) / (1.0 - expected))
}

fn calibration(set: &TrustSet, samples: CosineSamples) -> Calibration {
    let CosineSamples {
        mut other_trade,
        same_trade: mut same_trade_scores,
        mut other_trade_per_post,
        untagged,
    } = samples;
    let current = Thresholds::default().partly;
    let other = Distribution::of(&mut other_trade);
    let same = Distribution::of(&mut same_trade_scores);
    let threshold = other.p95;
    let cross: Vec<&Pair> = set
        .labels
        .pairs
        .iter()
        .filter(|p| same_trade(&p.resume, &p.post) == Some(false))
        .collect();
    Calibration {
        rule: "one trade per kind of work (all software, data and ML work is one trade, \
               \"tech\"; driving, nursing, accounting, teaching, civil engineering one each); \
               a post is of another trade when it shares no trade with the resume",
        threshold,
        current_threshold: current,
        same_trade_below_threshold: share(
            same_trade_scores.iter().filter(|&&s| s < threshold).count(),
            same_trade_scores.len(),
        ),
        same_trade_below_current: share(
            same_trade_scores.iter().filter(|&&s| s < current).count(),
            same_trade_scores.len(),
        ),
        other_trade_at_or_above_current: share(
            other_trade.iter().filter(|&&s| s >= current).count(),
            other_trade.len(),
        ),
        other_trade: other,
        other_trade_per_post: Distribution::of(&mut other_trade_per_post),
        same_trade: same,
        cross_trade_not_not_qualified: cross
            .iter()
            .filter(|p| p.verdict != Verdict::NotQualified)
            .map(|p| format!("{} → {}: {}", p.resume, p.post, p.verdict.name()))
            .collect(),
        cross_trade_pairs: cross.len(),
        cross_trade_pairs_not_qualified: cross
            .iter()
            .filter(|p| p.verdict == Verdict::NotQualified)
            .count(),
        untagged,
    }
}

/// The figures as tables for a terminal.
fn write_text(out: &mut impl Write, o: &TrustOutput) -> Result<()> {
    let v = &o.verdicts;
    writeln!(
        out,
        "Trust set {}: {} labelled pairs (model {})\n",
        o.set, v.pairs, o.model
    )?;
    writeln!(
        out,
        "Verdicts — rows: recruiter, columns: jobdelta (strong/good fit → fit, some → stretch, weak → not_qualified)"
    )?;
    writeln!(
        out,
        "{:<15} {:>6} {:>8} {:>14} {:>6}",
        "", "fit", "stretch", "not_qualified", "total"
    )?;
    for (name, row) in v.order.iter().zip(&v.confusion) {
        writeln!(
            out,
            "{:<15} {:>6} {:>8} {:>14} {:>6}",
            name,
            row[0],
            row[1],
            row[2],
            row.iter().sum::<usize>()
        )?;
    }
    let optional = |x: Option<f64>| x.map_or("-".to_owned(), |x| format!("{x:.3}"));
    writeln!(
        out,
        "exact agreement {:.1} %, within one step {:.1} %, weighted kappa (linear) {}",
        100.0 * v.exact_agreement,
        100.0 * v.within_one_step,
        optional(v.weighted_kappa)
    )?;
    writeln!(
        out,
        "ROC-AUC of the fit: fit vs rest {}, not_qualified vs rest {}",
        optional(v.auc_fit_vs_rest),
        optional(v.auc_not_qualified_vs_rest)
    )?;
    writeln!(
        out,
        "fit with the paired posts vs with every post of the set: max change {:.4}",
        v.max_fit_change_with_other_posts
    )?;
    for (heading, list) in [
        (
            "Recruiter: not qualified; jobdelta: strong/good fit",
            &v.not_qualified_called_fit,
        ),
        ("Recruiter: fit; jobdelta: weak fit", &v.fit_called_weak),
    ] {
        writeln!(out, "\n{heading} ({})", list.len())?;
        for r in list {
            writeln!(
                out,
                "  {:>5.1} {:<10} {} → {}: {}",
                r.fit, r.label, r.resume, r.post, r.why
            )?;
        }
    }

    let c = &o.calibration;
    writeln!(
        out,
        "\nCalibration of \"matches nothing\" (a resume sentence's best cosine to the requirements of posts)"
    )?;
    writeln!(out, "trades: {}", c.rule)?;
    writeln!(
        out,
        "{:<13} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "posts", "sentences", "median", "p90", "p95", "p99", "max"
    )?;
    for (name, d) in [
        ("another trade", &c.other_trade),
        ("  one post", &c.other_trade_per_post),
        ("same trade", &c.same_trade),
    ] {
        writeln!(
            out,
            "{:<13} {:>9} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
            name, d.values, d.median, d.p90, d.p95, d.p99, d.max
        )?;
    }
    writeln!(
        out,
        "calibrated threshold (another trade, 95th percentile): {:.3} (today {:.2})",
        c.threshold, c.current_threshold
    )?;
    writeln!(
        out,
        "same-trade sentences below it: {:.1} % (below today's: {:.1} %); \
         other-trade sentences at or above today's: {:.1} %",
        100.0 * c.same_trade_below_threshold,
        100.0 * c.same_trade_below_current,
        100.0 * c.other_trade_at_or_above_current
    )?;
    writeln!(
        out,
        "labelled cross-trade pairs: {}, of which not_qualified: {}",
        c.cross_trade_pairs, c.cross_trade_pairs_not_qualified
    )?;
    for pair in &c.cross_trade_not_not_qualified {
        writeln!(out, "  not called not_qualified: {pair}")?;
    }
    if !c.untagged.is_empty() {
        writeln!(
            out,
            "left out (no trade in the table): {}",
            c.untagged.join(", ")
        )?;
    }
    parsing::write_text(out, &o.parsing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_kappa_matches_hand_computed_values() {
        // Perfect agreement.
        assert_eq!(
            weighted_kappa(&[[3, 0, 0], [0, 2, 0], [0, 0, 5]]),
            Some(1.0)
        );
        // Independent sides: observed equals chance.
        let independent = weighted_kappa(&[[1, 1, 2], [1, 1, 2], [2, 2, 4]]).unwrap_or(f64::NAN);
        assert!(independent.abs() < 1e-12, "{independent}");
        // Worked by hand: n = 10, rows 0.5/0.3/0.2, columns 0.4/0.4/0.2;
        // observed = (3 + 2 + 1 + 0.5 · (1 + 1 + 0 + 1)) / 10 = 0.75,
        // chance = (0.20 + 0.12 + 0.04) + 0.5 · (0.20 + 0.12 + 0.06 + 0.08) = 0.59,
        // kappa = 0.16 / 0.41.
        let kappa = weighted_kappa(&[[3, 1, 1], [1, 2, 0], [0, 1, 1]]).unwrap_or(f64::NAN);
        assert!((kappa - 16.0 / 41.0).abs() < 1e-12, "{kappa}");
        assert_eq!(weighted_kappa(&[[0; 3]; 3]), None);
        assert_eq!(weighted_kappa(&[[4, 0, 0], [0; 3], [0; 3]]), None);
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let values = [0.0, 1.0, 2.0, 3.0, 4.0];
        let cases = [(0.0, 0.0), (50.0, 2.0), (90.0, 3.6), (100.0, 4.0)];
        for (p, expected) in cases {
            assert!((percentile(&values, p) - expected).abs() < 1e-6, "{p}");
        }
        assert!(percentile(&[], 50.0).is_nan());
        assert_eq!(percentile(&[0.7], 95.0), 0.7);
    }

    #[test]
    fn labels_map_to_verdicts_and_trades_are_symmetric_in_the_table() {
        assert_eq!(Verdict::of_label(FitLabel::Strong), Verdict::Fit);
        assert_eq!(Verdict::of_label(FitLabel::Good), Verdict::Fit);
        assert_eq!(Verdict::of_label(FitLabel::Some), Verdict::Stretch);
        assert_eq!(Verdict::of_label(FitLabel::Weak), Verdict::NotQualified);
        assert_eq!(same_trade("cdl-driver", "long-haul-driver"), Some(true));
        assert_eq!(same_trade("cdl-driver", "new-grad-swe"), Some(false));
        assert_eq!(
            same_trade("career-changer", "high-school-math-teacher"),
            Some(true)
        );
        assert_eq!(same_trade("someone-else", "new-grad-swe"), None);
    }
}
