//! `jobdelta stories | ask | interview | pitch | interview-eval`: interview yourself on the
//! command line, with the same crate (`jobdelta-interview`) and so the same numbers as the app.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use jobdelta_interview::{
    group_by_story, story_themes, Answer, Interview, InterviewError, PitchChoices, Plan,
    QuestionSource, Theme,
};
use jobdelta_matching::PostText;
use jobdelta_text::Story;
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
    /// Its themes' ids (one, or none for a story without statements).
    themes: Vec<usize>,
}

/// The stories and their themes: themes need the model (the stories' sentence embeddings)
/// unless `--no-themes`; a document without any statement has stories but no themes.
fn stories_and_themes(args: &StoriesArgs, text: &str) -> Result<(Vec<Story>, Vec<Theme>)> {
    if args.no_themes {
        return Ok((jobdelta_text::find_stories(text), Vec::new()));
    }
    let plan = match jobdelta_interview::plan(text, &[]) {
        Ok(plan) => plan,
        Err(InterviewError::NothingToAsk) => {
            return Ok((jobdelta_text::find_stories(text), Vec::new()))
        }
        Err(e) => return Err(anyhow!("{}: {e}", args.resume.display())),
    };
    let encoder = model_dir::load_encoder(&args.model)
        .context("themes need the model; --no-themes prints the stories without it")?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let embeddings = embed_with_progress(&encoder, &mut cache, &plan.texts_to_embed)?;
    let themes = plan.themes(&embeddings, args.theme_threshold);
    Ok((plan.stories, themes))
}

/// `jobdelta stories`: the cut, and the themes (with the model).
pub fn stories(args: &StoriesArgs) -> Result<()> {
    let text = input::read_text(&args.resume)?;
    let (stories, themes) = stories_and_themes(args, &text)?;
    let theme_of = story_themes(&themes, stories.len());
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
                themes: theme_of[id].into_iter().collect(),
            })
            .collect();
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "stories": rows, "themes": themes }),
        )?;
        writeln!(out)?;
    } else {
        for (id, story) in stories.iter().enumerate() {
            let dates = story.date_label();
            let theme = theme_of[id]
                .and_then(|t| themes.get(t))
                .map(|t| format!("  ({}: {})", t.id, t.label))
                .unwrap_or_default();
            writeln!(
                out,
                "{id:>3}  {}{}{theme}",
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
        if !themes.is_empty() {
            writeln!(out, "\nThemes")?;
            for theme in &themes {
                writeln!(out, "{:>3}  {}  {:?}", theme.id, theme.label, theme.stories)?;
            }
        }
    }
    out.flush().context("cannot write to standard output")
}

/// Reads the resume and posts, plans, and embeds everything the plan needs.
fn planned(
    resume: &Path,
    jobs: &[std::path::PathBuf],
    model: &crate::args::ModelArgs,
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

/// The interview of `jobdelta interview` and `jobdelta pitch`: planned and embedded.
fn interviewed(args: &InterviewArgs) -> Result<jobdelta_interview::Interview> {
    let (plan, embeddings, ..) =
        planned(&args.resume, &args.jobs, &args.model, args.cache.as_deref())?;
    Ok(plan.interview(&embeddings))
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
    let (plan, embeddings, encoder, mut cache) =
        planned(&args.resume, &args.jobs, &args.model, args.cache.as_deref())?;
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
    let interview = interviewed(args)?;
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
    let interview = interviewed(args)?;
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
    /// Stories that belong together, by title; every labelled story with statements in one.
    #[serde(default)]
    themes: Vec<Vec<String>>,
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
    themes: Option<ThemeScore>,
}

/// Agreement of the themes found with the hand-marked ones, over the labelled stories that
/// the cut finds with statements.
#[derive(Serialize)]
struct ThemeScore {
    /// Stories scored.
    stories: usize,
    /// Hand-marked themes among them.
    labelled: usize,
    /// Themes found among them.
    found: usize,
    /// Adjusted Rand index (1 = the same grouping, about 0 = chance).
    ari: f64,
    /// Of the pairs put in one theme, the share that the labels put together (None: no pair).
    pair_precision: Option<f64>,
    /// Of the pairs the labels put together, the share put in one theme (None: no pair).
    pair_recall: Option<f64>,
    /// Pairs of stories put together by both, by the themes found, by the labels.
    pairs: [usize; 3],
    /// The themes found, as labels with their stories' titles.
    found_themes: Vec<(String, Vec<String>)>,
}

/// Scores `found` (a theme per story, `None` when it has none) against `labelled` (titles).
fn score_themes(
    stories: &[Story],
    found: &[Theme],
    labelled: &[Vec<String>],
) -> Option<ThemeScore> {
    if labelled.is_empty() {
        return None;
    }
    let theme_of = story_themes(found, stories.len());
    // (labelled theme, found theme) of each labelled story the cut finds with a theme.
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (label, titles) in labelled.iter().enumerate() {
        for title in titles {
            let story = stories.iter().position(|s| &s.title == title);
            if let Some(theme) = story.and_then(|s| theme_of[s]) {
                items.push((label, theme));
            }
        }
    }
    let agreement = jobdelta_matching::metrics::pair_agreement(&items);
    let count = |f: fn(&(usize, usize)) -> usize| {
        let mut seen: Vec<usize> = items.iter().map(f).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    Some(ThemeScore {
        stories: items.len(),
        labelled: count(|i| i.0),
        found: count(|i| i.1),
        ari: agreement.ari,
        pair_precision: agreement.precision(),
        pair_recall: agreement.recall(),
        pairs: [
            agreement.together_both,
            agreement.together_found,
            agreement.together_labelled,
        ],
        found_themes: found
            .iter()
            .map(|t| {
                (
                    t.label.clone(),
                    t.stories
                        .iter()
                        .map(|&s| stories[s].title.clone())
                        .collect(),
                )
            })
            .collect(),
    })
}

/// `jobdelta interview-eval`: hit@1, hit@3 and MRR of `ask`, story agreement, and the themes'
/// agreement with the hand-marked ones.
pub fn evaluate(args: &InterviewEvalArgs) -> Result<()> {
    let labels: Labels = serde_json::from_str(&input::read_text(&args.set.join("labels.json"))?)
        .context("labels.json is not the expected format")?;
    let encoder = model_dir::load_encoder(&args.model)?;
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
        let themes = plan.themes(&embeddings, args.theme_threshold);
        let theme_score = score_themes(&plan.stories, &themes, &document.themes);
        scores.push(DocumentScore {
            file: document.file.clone(),
            questions: document.questions.len(),
            hit_at_1: hit1 / n,
            hit_at_3: hit3 / n,
            mrr: reciprocal / n,
            stories_labelled: document.stories.len(),
            stories_found: found.len(),
            stories_agreeing: agreeing,
            themes: theme_score,
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
            &serde_json::json!({"documents": scores, "questions": total, "hit_at_1": hit1, "hit_at_3": hit3, "mrr": mrr, "theme_threshold": args.theme_threshold}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<24} {:>9} {:>6} {:>6} {:>6} {:>14}",
            "document", "questions", "hit@1", "hit@3", "MRR", "stories agree"
        )?;
        for s in &scores {
            if s.questions == 0 {
                writeln!(
                    out,
                    "{:<24} {:>9} {:>6} {:>6} {:>6} {:>8}/{} ({} found)",
                    s.file,
                    0,
                    "–",
                    "–",
                    "–",
                    s.stories_agreeing,
                    s.stories_labelled,
                    s.stories_found
                )?;
                continue;
            }
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
        let optional = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
        writeln!(
            out,
            "\nThemes (threshold {:.2})\n{:<24} {:>7} {:>8} {:>5} {:>5} {:>10} {:>7}",
            args.theme_threshold,
            "document",
            "stories",
            "labelled",
            "found",
            "ARI",
            "precision",
            "recall"
        )?;
        for s in &scores {
            let Some(t) = &s.themes else { continue };
            writeln!(
                out,
                "{:<24} {:>7} {:>8} {:>5} {:>5.2} {:>10} {:>7}",
                s.file,
                t.stories,
                t.labelled,
                t.found,
                t.ari,
                optional(t.pair_precision),
                optional(t.pair_recall)
            )?;
            for (label, titles) in &t.found_themes {
                writeln!(out, "    {label}: {}", titles.join(" | "))?;
            }
        }
        let pooled = scores
            .iter()
            .filter_map(|s| s.themes.as_ref())
            .fold([0; 3], |sum, t| {
                [
                    sum[0] + t.pairs[0],
                    sum[1] + t.pairs[1],
                    sum[2] + t.pairs[2],
                ]
            });
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        writeln!(
            out,
            "{:<24} {:>7} {:>8} {:>5} {:>5} {:>10} {:>7}   (pairs pooled)",
            "all",
            "",
            "",
            "",
            "",
            optional(ratio(pooled[0], pooled[1])),
            optional(ratio(pooled[0], pooled[2]))
        )?;
    }
    out.flush().context("cannot write to standard output")
}
