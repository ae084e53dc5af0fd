//! `jobdelta skills`: the skills a text names (`--text`), or how well each way of finding
//! them does on a hand-labelled set (`--labelled`, see fixtures/skills/README.md).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use jobdelta_encoder::Encoder;
use jobdelta_matching::{skill_candidates, skill_mentions, skill_name, SkillMention, SkillMethod};
use jobdelta_skills::{Candidate, Classifier};
use serde::{Deserialize, Serialize};

use crate::args::SkillsArgs;
use crate::embedding_cache::EmbeddingCache;
use crate::{input, model_dir};

/// One skill of `--text --json`.
#[derive(Serialize)]
struct SkillLine<'a> {
    name: &'a str,
    /// Byte offsets in the file's text (UTF-8).
    start: usize,
    end: usize,
    /// The classifier's probability; absent where it did not judge (curated names).
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f32>,
}

#[derive(Serialize)]
struct SkillsOutput<'a> {
    skills: Vec<SkillLine<'a>>,
}

/// One line of the labelled set.
#[derive(Deserialize)]
struct LabelledDocument {
    /// The document, relative to the labels file.
    file: PathBuf,
    /// "post" or "resume".
    kind: String,
    /// The skills it names, as written in it.
    skills: Vec<String>,
}

/// Counts for precision and recall over documents.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq)]
struct Counts {
    predicted: usize,
    predicted_right: usize,
    labelled: usize,
    labelled_found: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.predicted += other.predicted;
        self.predicted_right += other.predicted_right;
        self.labelled += other.labelled;
        self.labelled_found += other.labelled_found;
    }

    fn precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }

    fn recall(&self) -> f64 {
        ratio(self.labelled_found, self.labelled)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs `jobdelta skills`.
pub fn run(args: &SkillsArgs) -> Result<()> {
    let method: SkillMethod = args.method.into();
    if let Some(path) = &args.text {
        let text = input::read_text(path)?;
        let candidates = skill_candidates(&text);
        let probabilities = if method.needs_embeddings() {
            let encoder = model_dir::load_encoder(&args.model)?;
            let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
            Some(classify(&encoder, &mut cache, &candidates)?)
        } else {
            None
        };
        let mentions = skill_mentions(
            &text,
            method,
            &candidates,
            probabilities.as_deref(),
            args.threshold,
        );
        return print_mentions(&mentions, args.json);
    }
    let Some(labels) = &args.labeled else {
        bail!("give --text FILE or --labelled FILE");
    };
    evaluate(args, labels)
}

/// The classifier's probability for each candidate, from the embeddings of their contexts.
fn classify(
    encoder: &Encoder,
    cache: &mut EmbeddingCache,
    candidates: &[Candidate],
) -> Result<Vec<f32>> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let inputs: Vec<String> = candidates.iter().map(Candidate::model_input).collect();
    let vectors = cache.embed(encoder, &inputs, |_, _| {})?;
    let classifier = Classifier::builtin()?;
    vectors
        .iter()
        .map(|v| classifier.probability(v).map_err(Into::into))
        .collect()
}

fn print_mentions(mentions: &[SkillMention], json: bool) -> Result<()> {
    let lines: Vec<SkillLine> = mentions
        .iter()
        .map(|m| SkillLine {
            name: &m.name,
            start: m.range.start,
            end: m.range.end,
            probability: m.probability,
        })
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string(&SkillsOutput { skills: lines })?
        );
    } else {
        for line in lines {
            let p = line
                .probability
                .map_or("-".to_owned(), |p| format!("{p:.3}"));
            println!("{}\t{}..{}\t{p}", line.name, line.start, line.end);
        }
    }
    Ok(())
}

/// A name as compared: the alias table's canonical name, lowercase.
fn comparison_key(name: &str) -> String {
    skill_name(name, &name.to_lowercase()).to_lowercase()
}

/// Whether a found name and a labelled one are the same skill: equal, or one holds the other
/// as whole words ("communication skills" and "communication").
fn same_skill(a: &str, b: &str) -> bool {
    let padded = |s: &str| format!(" {} ", s.split_whitespace().collect::<Vec<_>>().join(" "));
    let (a, b) = (padded(a), padded(b));
    a == b || a.contains(&b) || b.contains(&a)
}

/// Precision and recall of the distinct names found in one document.
fn score_document(found: &[String], labelled: &[String]) -> Counts {
    let dedup = |names: &[String]| {
        let mut keys: Vec<String> = names.iter().map(|n| comparison_key(n)).collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let found = dedup(found);
    let labelled = dedup(labelled);
    Counts {
        predicted: found.len(),
        predicted_right: found
            .iter()
            .filter(|f| labelled.iter().any(|l| same_skill(f, l)))
            .count(),
        labelled: labelled.len(),
        labelled_found: labelled
            .iter()
            .filter(|l| found.iter().any(|f| same_skill(f, l)))
            .count(),
    }
}

/// One row of the quality table.
#[derive(Serialize)]
struct MethodScore {
    method: &'static str,
    posts: Counts,
    resumes: Counts,
    all: Counts,
}

fn evaluate(args: &SkillsArgs, labels: &Path) -> Result<()> {
    let folder = labels.parent().unwrap_or(Path::new("."));
    let mut documents = Vec::new();
    for (index, line) in input::read_lines(labels)?.iter().enumerate() {
        let doc: LabelledDocument = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", labels.display(), index + 1))?;
        let text = input::read_text(&folder.join(&doc.file))?;
        documents.push((doc, text));
    }
    if documents.is_empty() {
        bail!("{} labels no document", labels.display());
    }

    let candidates: Vec<Vec<Candidate>> = documents
        .iter()
        .map(|(_, text)| skill_candidates(text))
        .collect();
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let started = Instant::now();
    let mut probabilities = Vec::new();
    for c in &candidates {
        probabilities.push(classify(&encoder, &mut cache, c)?);
    }
    let seconds = started.elapsed().as_secs_f64();
    let posts = documents.iter().filter(|(d, _)| d.kind == "post").count();
    let post_candidates: usize = documents
        .iter()
        .zip(&candidates)
        .filter(|((d, _), _)| d.kind == "post")
        .map(|(_, c)| c.len())
        .sum();

    let mut rows = Vec::new();
    for method in SkillMethod::ALL {
        let mut row = MethodScore {
            method: method.label(),
            posts: Counts::default(),
            resumes: Counts::default(),
            all: Counts::default(),
        };
        for (((doc, text), c), p) in documents.iter().zip(&candidates).zip(&probabilities) {
            let mentions = skill_mentions(text, method, c, Some(p), args.threshold);
            let found: Vec<String> = mentions.iter().map(|m| m.name.clone()).collect();
            let counts = score_document(&found, &doc.skills);
            if args.errors {
                print_errors(method, doc, &found);
            }
            row.all.add(counts);
            if doc.kind == "post" {
                row.posts.add(counts);
            } else {
                row.resumes.add(counts);
            }
        }
        rows.push(row);
    }

    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "documents": documents.len(),
                "posts": posts,
                "candidates_per_post": ratio(post_candidates, posts),
                "classified_seconds": seconds,
                "methods": rows,
            })
        );
        return Ok(());
    }
    println!(
        "{} documents ({posts} posts), {} labelled skills; threshold {}",
        documents.len(),
        rows[0].all.labelled,
        args.threshold
    );
    println!("| method | precision | recall | F1 | posts F1 | resumes F1 |");
    println!("|---|---|---|---|---|---|");
    for row in &rows {
        println!(
            "| {} | {:.3} | {:.3} | **{:.3}** | {:.3} | {:.3} |",
            row.method,
            row.all.precision(),
            row.all.recall(),
            row.all.f1(),
            row.posts.f1(),
            row.resumes.f1()
        );
    }
    let total: usize = candidates.iter().map(Vec::len).sum();
    println!(
        "context check: {total} candidates ({:.1} per post) classified in {seconds:.1} s \
         (embedding included; cached ones are free)",
        ratio(post_candidates, posts)
    );
    Ok(())
}

/// `--errors`: what a method missed and what it found that is not labelled, per document.
fn print_errors(method: SkillMethod, doc: &LabelledDocument, found: &[String]) {
    let found_keys: Vec<String> = found.iter().map(|n| comparison_key(n)).collect();
    let label_keys: Vec<String> = doc.skills.iter().map(|n| comparison_key(n)).collect();
    let mut wrong: Vec<&String> = found_keys
        .iter()
        .filter(|f| !label_keys.iter().any(|l| same_skill(f, l)))
        .collect();
    wrong.sort();
    wrong.dedup();
    let missed: Vec<&String> = label_keys
        .iter()
        .filter(|l| !found_keys.iter().any(|f| same_skill(f, l)))
        .collect();
    println!(
        "{}\t{}\tfalse: {wrong:?}\tmissed: {missed:?}",
        method.label(),
        doc.file.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn names_compare_through_aliases_and_whole_words() {
        let cases = [
            ("k8s", "Kubernetes", true),
            ("communication skills", "communication", true),
            ("go", "Golang", true),
            ("java", "javascript", false),
            ("spark", "apache spark", true),
            ("excel", "accelerate", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(
                same_skill(&comparison_key(a), &comparison_key(b)),
                same,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn document_counts() {
        let counts = score_document(
            &strings(&["Python", "python", "joy", "k8s"]),
            &strings(&["Python", "Kubernetes", "SQL"]),
        );
        assert_eq!(
            counts,
            Counts {
                predicted: 3,
                predicted_right: 2,
                labelled: 3,
                labelled_found: 2
            }
        );
        assert!((counts.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
