//! `jobdelta stories | ask | interview | pitch | interview-eval`: interview yourself on the
//! command line, with the same crate (`jobdelta-interview`) and so the same numbers as the app.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use jobdelta_interview::{group_by_story, Answer, Interview, PitchChoices, Plan, QuestionSource};
use jobdelta_matching::PostText;
use serde::{Deserialize, Serialize};

use crate::args::{AskArgs, InterviewArgs, InterviewEvalArgs, StoriesArgs};
use crate::embedding_cache::EmbeddingCache;
use crate::matching::{embed_with_progress, read_posts};
use crate::{input, model_dir};

/// One story of `jobdelta stories --json`.
#[derive(Serialize)]
struct StoryOut<'a> {
    id: usize,
    title: &'a str,
    section: Option<&'a str>,
    sentences: Vec<&'a str>,
    start: Option<String>,
    end: Option<String>,
}

/// `jobdelta stories`: no model, only the cut.
pub fn stories(args: &StoriesArgs) -> Result<()> {
    let text = input::read_text(&args.resume)?;
    let stories = jobdelta_text::find_stories(&text);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let rows: Vec<StoryOut<'_>> = stories
            .iter()
            .enumerate()
            .map(|(id, s)| StoryOut {
                id,
                title: &s.title,
                section: s.section.as_deref(),
                sentences: s.sentences.iter().map(|x| x.text.as_str()).collect(),
                start: s.start.map(|d| d.to_string()),
                end: s.end.map(|d| d.to_string()),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "stories": rows }))?;
        writeln!(out)?;
    } else {
        for (id, story) in stories.iter().enumerate() {
            let dates = story.date_label();
            writeln!(
                out,
                "{id:>3}  {}{}",
                story.title,
                if dates.is_empty() {
                    String::new()
                } else {
                    format!("  [{dates}]")
                }
            )?;
            for sentence in &story.sentences {
                let mark = if sentence.role.is_experience() {
                    "-"
                } else {
                    "·"
                };
                writeln!(out, "       {mark} {}", sentence.text)?;
            }
        }
    }
    out.flush().context("cannot write to standard output")
}

/// Reads the resume and posts, plans, and embeds everything the plan needs.
fn planned(
    resume: &Path,
    jobs: &[std::path::PathBuf],
    model: Option<&Path>,
    cache: Option<&Path>,
) -> Result<(
    Plan,
    Vec<Vec<f32>>,
    jobdelta_encoder::Encoder,
    EmbeddingCache,
)> {
    let text = input::read_text(resume)?;
    let posts: Vec<PostText> = if jobs.is_empty() {
        Vec::new()
    } else {
        read_posts(jobs, &[])?.posts
    };
    let plan = jobdelta_interview::plan(&text, &posts)
        .map_err(|e| anyhow!("{}: {e}", resume.display()))?;
    let encoder = model_dir::load_encoder(model)?;
    let mut cache = EmbeddingCache::open(cache)?;
    let embeddings = embed_with_progress(&encoder, &mut cache, &plan.texts_to_embed)?;
    Ok((plan, embeddings, encoder, cache))
}

/// What `jobdelta ask --json` prints.
#[derive(Serialize)]
struct AskOut<'a> {
    question: &'a str,
    answers: &'a [Answer],
}

/// `jobdelta ask`.
pub fn ask(args: &AskArgs) -> Result<()> {
    if args.question.trim().is_empty() {
        anyhow::bail!(
            "--question is empty: ask something, e.g. --question \"Tell me about a conflict\""
        );
    }
    let (plan, embeddings, encoder, mut cache) = planned(
        &args.resume,
        &args.jobs,
        args.model.model.as_deref(),
        args.cache.as_deref(),
    )?;
    let query = cache.embed(&encoder, std::slice::from_ref(&args.question), |_, _| {})?;
    let query = query.first().context("the question gave no embedding")?;
    let answers = plan.ask(&embeddings, query, args.top);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &AskOut {
                question: &args.question,
                answers: &answers,
            },
        )?;
        writeln!(out)?;
    } else {
        for group in group_by_story(&answers) {
            let dates = group.story.date_label();
            writeln!(
                out,
                "{}{}",
                group.story.title,
                if dates.is_empty() {
                    String::new()
                } else {
                    format!("  [{dates}]")
                }
            )?;
            for answer in &group.answers {
                writeln!(out, "  {:.3}  {}", answer.score, answer.text)?;
            }
        }
    }
    out.flush().context("cannot write to standard output")
}

/// `jobdelta interview`.
pub fn interview(args: &InterviewArgs) -> Result<()> {
    let (plan, embeddings, ..) = planned(
        &args.resume,
        &args.jobs,
        args.model.model.as_deref(),
        args.cache.as_deref(),
    )?;
    let interview = plan.interview(&embeddings);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({
                "questions": interview.questions,
                "posts": interview.posts.iter().map(|p| serde_json::json!({"title": p.title, "questions": p.questions})).collect::<Vec<_>>(),
                "story_use": interview.story_use,
            }),
        )?;
        writeln!(out)?;
    } else {
        write_interview(&mut out, &interview)?;
    }
    out.flush().context("cannot write to standard output")
}

fn write_interview(out: &mut impl Write, interview: &Interview) -> Result<()> {
    for (index, post) in interview.posts.iter().enumerate() {
        writeln!(out, "Post {}: {}", index + 1, post.title)?;
        for &q in &post.questions {
            write_question(out, &interview.questions[q])?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Common questions")?;
    for question in interview
        .questions
        .iter()
        .filter(|q| q.question.source == QuestionSource::Common)
    {
        write_question(out, question)?;
    }
    writeln!(out, "\nTo prepare (nothing answers well):")?;
    for question in interview.to_prepare() {
        writeln!(
            out,
            "  {:.2}  {}",
            question.strength, question.question.question
        )?;
    }
    Ok(())
}

fn write_question(
    out: &mut impl Write,
    question: &jobdelta_interview::QuestionAnswers,
) -> Result<()> {
    let mark = if question.answered { "✓" } else { "✗" };
    writeln!(
        out,
        "  {mark} {:.2}  {}",
        question.strength, question.question.question
    )?;
    if let Some(best) = question.best.first() {
        writeln!(out, "           {} — {}", best.story.title, best.text)?;
    }
    Ok(())
}

/// `jobdelta pitch`: the outline for the first post given, or for the person's field.
pub fn pitch(args: &InterviewArgs) -> Result<()> {
    let (plan, embeddings, ..) = planned(
        &args.resume,
        &args.jobs,
        args.model.model.as_deref(),
        args.cache.as_deref(),
    )?;
    let interview = plan.interview(&embeddings);
    let post = (!interview.posts.is_empty()).then_some(0);
    let outline = jobdelta_interview::pitch(&interview, post, &PitchChoices::default());
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"outline": outline, "words": outline.words(), "seconds": outline.seconds()}),
        )?;
        writeln!(out)?;
    } else {
        write!(out, "{}", outline.to_markdown())?;
    }
    out.flush().context("cannot write to standard output")
}

/// The labelled set of `interview-eval`.
#[derive(Deserialize)]
struct Labels {
    documents: Vec<LabelledDocument>,
}

#[derive(Deserialize)]
struct LabelledDocument {
    file: String,
    stories: Vec<LabelledStory>,
    questions: Vec<LabelledQuestion>,
}

#[derive(Deserialize, PartialEq)]
struct LabelledStory {
    title: String,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Deserialize)]
struct LabelledQuestion {
    question: String,
    /// Parts of the sentences that answer it.
    answers: Vec<String>,
}

/// Figures of one document.
#[derive(Serialize)]
struct DocumentScore {
    file: String,
    questions: usize,
    hit_at_1: f64,
    hit_at_3: f64,
    mrr: f64,
    stories_labelled: usize,
    stories_found: usize,
    stories_agreeing: usize,
}

/// `jobdelta interview-eval`: hit@1, hit@3 and MRR of `ask`, and story agreement.
pub fn evaluate(args: &InterviewEvalArgs) -> Result<()> {
    let labels: Labels = serde_json::from_str(&input::read_text(&args.set.join("labels.json"))?)
        .context("labels.json is not the expected format")?;
    let encoder = model_dir::load_encoder(args.model.model.as_deref())?;
    let mut cache = EmbeddingCache::open(None)?;
    let mut scores = Vec::new();
    for document in &labels.documents {
        let text = input::read_text(&args.set.join(&document.file))?;
        let plan =
            jobdelta_interview::plan(&text, &[]).map_err(|e| anyhow!("{}: {e}", document.file))?;
        let embeddings = cache.embed(&encoder, &plan.texts_to_embed, |_, _| {})?;
        let questions: Vec<String> = document
            .questions
            .iter()
            .map(|q| q.question.clone())
            .collect();
        let query_vectors = cache.embed(&encoder, &questions, |_, _| {})?;
        let (mut hit1, mut hit3, mut reciprocal) = (0.0, 0.0, 0.0);
        for (question, query) in document.questions.iter().zip(&query_vectors) {
            let answers = plan.ask(&embeddings, query, 10);
            let rank = answers.iter().position(|a| {
                question
                    .answers
                    .iter()
                    .any(|wanted| a.text.contains(wanted.as_str()))
            });
            if let Some(rank) = rank {
                reciprocal += 1.0 / (rank + 1) as f64;
                hit1 += f64::from(u8::from(rank == 0));
                hit3 += f64::from(u8::from(rank < 3));
            }
        }
        let n = document.questions.len().max(1) as f64;
        let found: Vec<LabelledStory> = plan
            .stories
            .iter()
            .map(|s| LabelledStory {
                title: s.title.clone(),
                start: s.start.map(|d| d.to_string()),
                end: s.end.map(|d| d.to_string()),
            })
            .collect();
        let agreeing = document
            .stories
            .iter()
            .filter(|s| found.contains(s))
            .count();
        scores.push(DocumentScore {
            file: document.file.clone(),
            questions: document.questions.len(),
            hit_at_1: hit1 / n,
            hit_at_3: hit3 / n,
            mrr: reciprocal / n,
            stories_labelled: document.stories.len(),
            stories_found: found.len(),
            stories_agreeing: agreeing,
        });
    }
    let total: usize = scores.iter().map(|s| s.questions).sum();
    let weighted = |f: fn(&DocumentScore) -> f64| {
        scores
            .iter()
            .map(|s| f(s) * s.questions as f64)
            .sum::<f64>()
            / total.max(1) as f64
    };
    let (hit1, hit3, mrr) = (
        weighted(|s| s.hit_at_1),
        weighted(|s| s.hit_at_3),
        weighted(|s| s.mrr),
    );
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"documents": scores, "questions": total, "hit_at_1": hit1, "hit_at_3": hit3, "mrr": mrr}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<24} {:>9} {:>6} {:>6} {:>6} {:>14}",
            "document", "questions", "hit@1", "hit@3", "MRR", "stories agree"
        )?;
        for s in &scores {
            writeln!(
                out,
                "{:<24} {:>9} {:>6.2} {:>6.2} {:>6.2} {:>8}/{} ({} found)",
                s.file,
                s.questions,
                s.hit_at_1,
                s.hit_at_3,
                s.mrr,
                s.stories_agreeing,
                s.stories_labelled,
                s.stories_found
            )?;
        }
        writeln!(
            out,
            "{:<24} {:>9} {:>6.2} {:>6.2} {:>6.2}",
            "all", total, hit1, hit3, mrr
        )?;
    }
    out.flush().context("cannot write to standard output")
}
