//! `jobdelta match`: the match report on the command line, from the same crates as the app.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use jobdelta_encoder::Encoder;
use jobdelta_matching::posture::PostMeta;
use jobdelta_matching::{
    build_model_report, prepare_for_model, PostReport, PostText, Prepared, ProblemPlace, Report,
    Thresholds,
};
use jobdelta_text::YearMonth;

use crate::args::{MatchArgs, ReportInputs};
use crate::embedding_cache::EmbeddingCache;
use crate::{input, model_dir};

pub fn run(args: &MatchArgs) -> Result<()> {
    let prepared = prepare_files(
        &args.inputs,
        &args.titles,
        model_dir::model_spec(&args.model).id,
    )?;

    let thresholds = Thresholds {
        covered: args.covered,
        partly: args.partly,
    };
    if thresholds.sanitized() != thresholds {
        bail!("--partly must not exceed --covered, and both must be between 0 and 1");
    }
    let marks = marks_of(args, prepared.posts.len())?;
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let mut report = report_of(&encoder, &mut cache, &prepared, thresholds)?;
    report.set_marks(&marks);

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.output_format().export() {
        Some(format) => out.write_all(format.render(&report)?.as_bytes())?,
        None => write_text(&mut out, &report)?,
    }
    out.flush().context("cannot write to standard output")
}

/// Reads the resume and the posts (`--job` files, `--posts` tables, `--title` options) and
/// prepares them as the app does for the model `model_id` ([`prepare_for_model`]), or says
/// what is wrong with each input, naming its file.
pub(crate) fn prepare_files(
    inputs: &ReportInputs,
    titles: &[String],
    model_id: &str,
) -> Result<Prepared> {
    let mut posts = read_posts(&inputs.jobs, &inputs.posts)?;
    set_titles(&mut posts.posts, titles)?;
    prepare_resume(&inputs.resume, &posts, model_id)
}

/// Reads a resume and prepares it with posts already read for the model `model_id`, naming
/// the file of any input with a problem.
pub(crate) fn prepare_resume(
    resume_path: &Path,
    posts: &PostFiles,
    model_id: &str,
) -> Result<Prepared> {
    let resume = input::read_text(resume_path)?;
    prepare_for_model(&resume, &posts.posts, this_month()?, model_id).map_err(|problems| {
        let lines: Vec<String> = problems
            .0
            .iter()
            .map(|p| match p.place {
                ProblemPlace::Resume => format!("{}: {}", resume_path.display(), p.message),
                ProblemPlace::Post { index } => format!("{}: {}", posts.sources[index], p.message),
                ProblemPlace::Posts => p.message.clone(),
            })
            .collect();
        anyhow::anyhow!("{}", lines.join("\n  "))
    })
}

/// The current month (UTC), which "present" in the resume's dates means.
fn this_month() -> Result<YearMonth> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the system clock is before 1970")?;
    Ok(YearMonth::from_unix_seconds(
        i64::try_from(now.as_secs()).unwrap_or(i64::MAX),
    ))
}

/// Applies `--title N=TITLE` options.
fn set_titles(posts: &mut [PostText], titles: &[String]) -> Result<()> {
    let count = posts.len();
    for option in titles {
        let Some((number, title)) = option.split_once('=') else {
            bail!("--title {option}: expected N=TITLE, e.g. --title \"2=Data Engineer\"");
        };
        let post = number
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| posts.get_mut(i));
        let Some(post) = post else {
            bail!("--title {option}: there are {count} posts, numbered from 1");
        };
        post.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
    }
    Ok(())
}

/// The marks given with `--fit` and `--not-for-me`, one entry per post.
fn marks_of(args: &MatchArgs, posts: usize) -> Result<Vec<Option<bool>>> {
    let mut marks = vec![None; posts];
    for (numbers, liked, flag) in [
        (&args.fit, true, "--fit"),
        (&args.not_for_me, false, "--not-for-me"),
    ] {
        for &n in numbers {
            let Some(mark) = n.checked_sub(1).and_then(|i| marks.get_mut(i)) else {
                bail!("{flag} {n}: there are {posts} posts, numbered from 1");
            };
            if *mark == Some(!liked) {
                bail!("post {n} is marked both --fit and --not-for-me");
            }
            *mark = Some(liked);
        }
    }
    Ok(marks)
}

/// The posts of the `--job` files and `--posts` tables.
pub(crate) struct PostFiles {
    /// Every post, in file order.
    pub posts: Vec<PostText>,
    /// For each post, where it came from (for messages).
    pub sources: Vec<String>,
    /// For each post, its id (the table's `id` or row number; a `--job` post's position from
    /// 1 among all posts) and its date (tables only).
    pub meta: Vec<PostMeta>,
}

/// Reads every `--job` file (a file may hold several posts separated by `---` lines), then
/// every `--posts` table (saying on standard error what each imported, dropped or skipped).
pub(crate) fn read_posts(jobs: &[PathBuf], tables: &[PathBuf]) -> Result<PostFiles> {
    let mut posts = Vec::new();
    let mut sources = Vec::new();
    let mut meta = Vec::new();
    for path in jobs {
        let text = input::read_text(path)?;
        let parts = jobdelta_text::split_posts(&text);
        if parts.is_empty() {
            bail!(
                "{} is empty: it should hold a job post's text",
                path.display()
            );
        }
        let many = parts.len() > 1;
        for (i, part) in parts.into_iter().enumerate() {
            sources.push(if many {
                format!("{} (post {})", path.display(), i + 1)
            } else {
                path.display().to_string()
            });
            meta.push(PostMeta {
                id: (posts.len() + 1).to_string(),
                date: None,
            });
            posts.push(PostText {
                title: None,
                text: part,
            });
        }
    }
    for path in tables {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        let table = jobdelta_import::read_post_table(&name, &bytes)?;
        eprintln!("{}", table.summary(&name));
        for post in table.posts {
            sources.push(format!("{name} (id {})", post.id));
            let title = post.display_title();
            meta.push(PostMeta {
                id: post.id,
                date: post.date,
            });
            posts.push(PostText {
                title,
                text: post.text,
            });
        }
    }
    Ok(PostFiles {
        posts,
        sources,
        meta,
    })
}

/// The report of `prepared`, as the app builds it: its texts embedded (from the cache where
/// it has them), the model's tokenizer for the terms it shatters, and the model's name.
pub(crate) fn report_of(
    encoder: &Encoder,
    cache: &mut EmbeddingCache,
    prepared: &Prepared,
    thresholds: Thresholds,
) -> Result<Report> {
    Ok(embedded_report(encoder, cache, prepared, thresholds)?.0)
}

/// [`report_of`] with the embeddings it was built from (the posture groups posts by them).
pub(crate) fn embedded_report(
    encoder: &Encoder,
    cache: &mut EmbeddingCache,
    prepared: &Prepared,
    thresholds: Thresholds,
) -> Result<(Report, Vec<Vec<f32>>)> {
    let embeddings = embed_with_progress(encoder, cache, &prepared.texts_to_embed)?;
    let report = build_model_report(
        prepared,
        &embeddings,
        thresholds,
        encoder.tokenizer(),
        encoder.model_id(),
    )?;
    Ok((report, embeddings))
}

/// Embeds the texts, telling a person at a terminal how far it has got.
pub(crate) fn embed_with_progress(
    encoder: &Encoder,
    cache: &mut EmbeddingCache,
    texts: &[String],
) -> Result<Vec<Vec<f32>>> {
    let show = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let embedded = cache.embed(encoder, texts, |done, total| {
        if show {
            eprint!(
                "\rembedding sentences: {done}/{total} ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    })?;
    if show {
        eprintln!();
    }
    Ok(embedded)
}

/// The report for people reading a terminal.
fn write_text(out: &mut impl Write, report: &Report) -> Result<()> {
    let t = report.thresholds;
    writeln!(
        out,
        "Fit (0–100) = how many posts of a reference set this one beats, from three signals: \
         experience match (share of your resume sentences the post asks for: a sentence counts \
         fully when its best match reaches cosine {:.2}, partly from {:.2}), overall similarity, \
         title similarity. Coverage = how much of the post your resume covers, must-haves \
         weighing most. See docs/report.md.\n",
        t.covered, t.partly
    )?;
    if let Some(learning) = &report.learning {
        writeln!(
            out,
            "Learned from your marks ({} fit, {} not for me); weights before → after:",
            learning.marked_fit, learning.marked_not
        )?;
        for f in &learning.features {
            writeln!(out, "  {:<26} {:+.2} → {:+.2}", f.name, f.prior, f.weight)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Ranking")?;
    for &index in &report.ranking {
        let post = &report.posts[index];
        let b = &post.breakdown;
        writeln!(
            out,
            "{:>3}. {:>5.1}  {:<11} {}{}  (coverage {:.0} %: {} covered, {} partly, {} missing; must-haves {}/{})",
            post.rank,
            post.fit,
            post.label.label(),
            post.title,
            match post.mark {
                Some(true) => " [marked fit]",
                Some(false) => " [marked not for me]",
                None => "",
            },
            100.0 * b.weighted_coverage,
            b.covered,
            b.partly,
            b.missing,
            b.must_haves_covered,
            b.must_haves
        )?;
    }
    for &index in &report.ranking {
        let post = &report.posts[index];
        writeln!(
            out,
            "\n== {} — fit {:.1}, rank {}",
            post.title, post.fit, post.rank
        )?;
        write_checks(out, post)?;
        for r in &post.requirements {
            writeln!(
                out,
                "  [{:<11} {:.2}] ({}) {}",
                r.status.label(),
                r.best_score,
                r.section.label(),
                r.text
            )?;
            if let Some(best) = r.evidence.first() {
                writeln!(out, "      ← {:.2} {}", best.score, best.resume_sentence)?;
            }
        }
    }
    let s = &report.summary;
    writeln!(
        out,
        "\nMust-haves over all posts: {} covered, {} partly, of {}",
        s.must_haves_covered, s.must_haves_partly, s.must_haves
    )?;
    if !s.top_gaps.is_empty() {
        writeln!(out, "Top gaps:")?;
        for gap in &s.top_gaps {
            writeln!(
                out,
                "  - {} ({}, {} post(s), best {:.2})",
                gap.requirement,
                gap.section.label(),
                gap.posts.len(),
                gap.best_score
            )?;
        }
    }
    write_terms(out, report)?;
    write_sentence_feedback(out, report)
}

/// A post's hard requirements checked against the resume, and the cap they put on its fit.
fn write_checks(out: &mut impl Write, post: &PostReport) -> Result<()> {
    if post.checks.is_empty() {
        return Ok(());
    }
    writeln!(out, "  Requirements check")?;
    for c in &post.checks {
        writeln!(
            out,
            "    [{:<7}] {}: {} — {}",
            c.status.label(),
            c.importance_label(),
            c.requirement.label(),
            c.evidence
        )?;
    }
    if let Some(cap) = &post.fit_cap {
        writeln!(out, "    → {}", cap.reason)?;
    }
    Ok(())
}

/// "Missing terms" and "Terms the model barely sees", per post in rank order.
fn write_terms(out: &mut impl Write, report: &Report) -> Result<()> {
    writeln!(
        out,
        "\nMissing terms (skills a post names that your resume never mentions):"
    )?;
    for &index in &report.ranking {
        let post = &report.posts[index];
        let terms: Vec<String> = post
            .missing_terms
            .iter()
            .map(|t| format!("{} ({})", t.term, t.section.label()))
            .collect();
        writeln!(
            out,
            "  {}: {}",
            post.title,
            if terms.is_empty() {
                "none".to_owned()
            } else {
                terms.join(", ")
            }
        )?;
    }
    writeln!(
        out,
        "\nTerms the model barely sees (split into many word pieces, so it hardly recognises them):"
    )?;
    for &index in &report.ranking {
        let post = &report.posts[index];
        if post.unseen_terms.is_empty() {
            continue;
        }
        let terms: Vec<String> = post
            .unseen_terms
            .iter()
            .map(|t| {
                format!(
                    "{} [{}]{}",
                    t.term,
                    t.pieces.join(" "),
                    if t.in_resume { " (in your resume)" } else { "" }
                )
            })
            .collect();
        writeln!(out, "  {}: {}", post.title, terms.join(", "))?;
    }
    writeln!(out, "  ({})", report.gazetteer_attribution)?;
    Ok(())
}

/// "Your sentences: feedback": only the sentences with something to say.
fn write_sentence_feedback(out: &mut impl Write, report: &Report) -> Result<()> {
    writeln!(
        out,
        "\nYour sentences: feedback (the model reads at most {} word pieces per sentence):",
        jobdelta_matching::MAX_PIECES
    )?;
    let mut said = 0;
    for (index, f) in report.sentence_feedback.iter().enumerate() {
        let mut notes = Vec::new();
        if let Some(cut) = &f.cut_at {
            notes.push(format!(
                "{} word pieces: the model ignores the last {} words (from “{}”)",
                f.n_tokens, cut.unread_words, cut.unread_excerpt
            ));
        }
        if f.density.verdict == jobdelta_matching::Verdict::Fluffy {
            notes.push(format!(
                "fluffy: {:.0} % stop words{}",
                100.0 * f.density.stop_word_ratio,
                if f.density.filler_phrases.is_empty() {
                    String::new()
                } else {
                    format!(", filler: {}", f.density.filler_phrases.join(", "))
                }
            ));
        }
        for d in f.duplicates.iter().filter(|d| d.index > index) {
            notes.push(format!(
                "says nearly the same as “{}” ({:.2})",
                d.text, d.score
            ));
        }
        if notes.is_empty() {
            continue;
        }
        said += 1;
        writeln!(out, "  - {}", f.text)?;
        for note in notes {
            writeln!(out, "      {note}")?;
        }
    }
    if said == 0 {
        writeln!(
            out,
            "  nothing to flag: no sentence is cut, fluffy or a near-repeat."
        )?;
    }
    Ok(())
}
