//! `jobdelta map`: every resume sentence and every requirement on one 2-D map (JSON and an SVG
//! picture), with how far the picture keeps each sentence's nearest neighbours.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use jobdelta_map::{pca_2d, project, trustworthiness, MapOptions};
use jobdelta_matching::Prepared;
use serde::Serialize;

use crate::args::{MapArgs, MapMethodArg};
use crate::embedding_cache::EmbeddingCache;
use crate::matching::{embed_with_progress, prepare_files};
use crate::model_dir;

/// The neighbourhood the trustworthiness is measured at (issue 16: k = 10, as scikit-learn).
const TRUST_K: usize = 10;

/// What a point on the map is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    /// A sentence of the resume.
    Resume,
    /// A requirement sentence of a post.
    Requirement,
}

/// One sentence on the map.
#[derive(Debug, Serialize)]
struct Point {
    x: f32,
    y: f32,
    kind: Kind,
    text: String,
    /// The post a requirement comes from (0-based, in `--job` order); `null` for the resume.
    post: Option<usize>,
}

/// The JSON printed by `jobdelta map --json`.
#[derive(Serialize)]
struct MapOutput<'a> {
    points: &'a [Point],
    method: &'a str,
    /// At k = 10; `null` when there are too few points (scikit-learn needs more than 2 k).
    trustworthiness: Option<f64>,
}

/// One sentence to place: what it is, where it comes from, and its vector.
struct Placed<'a> {
    kind: Kind,
    text: &'a str,
    post: Option<usize>,
    vector: &'a [f32],
}

pub fn run(args: &MapArgs) -> Result<()> {
    let prepared = prepare_files(&args.inputs, &[], model_dir::model_spec(&args.model).id)?;
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    // The map places sentences only: the skill hits' contexts are not embedded for it.
    let embeddings = embed_with_progress(&encoder, &mut cache, prepared.sentence_texts())?;
    let placed = sentences_of(&prepared, &embeddings)?;
    let vectors: Vec<Vec<f32>> = placed.iter().map(|p| p.vector.to_vec()).collect();

    let started = std::time::Instant::now();
    let (layout, method) = match args.method {
        MapMethodArg::Tsne => (
            project(&vectors, &MapOptions::default())?,
            jobdelta_map::METHOD,
        ),
        MapMethodArg::TsneUnrefined => (
            project(
                &vectors,
                &MapOptions {
                    refine: None,
                    ..MapOptions::default()
                },
            )?,
            jobdelta_map::METHOD_UNREFINED,
        ),
        MapMethodArg::Pca => (pca_2d(&vectors)?, "PCA (two principal components)"),
    };
    let seconds = started.elapsed().as_secs_f64();
    let trust = if vectors.len() > 2 * TRUST_K {
        Some(trustworthiness(&vectors, &layout, TRUST_K)?)
    } else {
        None
    };
    let points: Vec<Point> = placed
        .iter()
        .zip(&layout)
        .map(|(p, xy)| Point {
            x: xy[0],
            y: xy[1],
            kind: p.kind,
            text: p.text.to_owned(),
            post: p.post,
        })
        .collect();

    if let Some(path) = &args.svg {
        let titles: Vec<&str> = prepared.posts.iter().map(|p| p.title.as_str()).collect();
        std::fs::write(path, svg(&points, &titles, method, trust))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &MapOutput {
                points: &points,
                method,
                trustworthiness: trust,
            },
        )?;
        writeln!(out)?;
    } else {
        let resume = points.iter().filter(|p| p.kind == Kind::Resume).count();
        writeln!(
            out,
            "{} points ({resume} resume sentences, {} requirements of {} posts) laid out by {method} in {seconds:.2} s",
            points.len(),
            points.len() - resume,
            prepared.posts.len()
        )?;
        match trust {
            Some(t) => writeln!(
                out,
                "trustworthiness at k = {TRUST_K}: {t:.3} (1 = every map neighbour is a true neighbour)"
            )?,
            None => writeln!(
                out,
                "trustworthiness at k = {TRUST_K}: not measured, it needs more than {} points",
                2 * TRUST_K
            )?,
        }
        if let Some(path) = &args.svg {
            writeln!(out, "picture: {}", path.display())?;
        }
    }
    out.flush().context("cannot write to standard output")
}

/// The resume's sentences, then each post's requirements, with their embeddings.
fn sentences_of<'a>(prepared: &'a Prepared, embeddings: &'a [Vec<f32>]) -> Result<Vec<Placed<'a>>> {
    let vector = |index: usize| {
        embeddings
            .get(index)
            .map(Vec::as_slice)
            .context("a sentence has no embedding")
    };
    let mut placed = Vec::new();
    for s in &prepared.resume {
        placed.push(Placed {
            kind: Kind::Resume,
            text: &s.text,
            post: None,
            vector: vector(s.embedding)?,
        });
    }
    for (index, post) in prepared.posts.iter().enumerate() {
        for s in &post.requirements {
            placed.push(Placed {
                kind: Kind::Requirement,
                text: &s.text,
                post: Some(index),
                vector: vector(s.embedding)?,
            });
        }
    }
    Ok(placed)
}

/// Side of the square picture, and the margin kept free around the points (pixels; the top
/// one holds the legend).
const SIZE: f32 = 800.0;
const MARGIN: f32 = 60.0;
/// Colours of the two kinds (colour-blind safe: Okabe-Ito blue and orange).
const RESUME_COLOUR: &str = "#0072B2";
const REQUIREMENT_COLOUR: &str = "#E69F00";

/// The map as a static SVG picture: one dot per point, coloured by kind, its text and source as
/// the hover title, a legend, and the method and trustworthiness in a caption.
fn svg(points: &[Point], post_titles: &[&str], method: &str, trust: Option<f64>) -> String {
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in points {
        min_x = min_x.min(p.x);
        max_x = max_x.max(p.x);
        min_y = min_y.min(p.y);
        max_y = max_y.max(p.y);
    }
    // One scale for both axes: distances on a map mean the same across and down.
    let span = (max_x - min_x).max(max_y - min_y);
    let scale = if span > 0.0 {
        (SIZE - 2.0 * MARGIN) / span
    } else {
        1.0
    };
    // The narrower axis is centred in the square.
    let offset_x = (SIZE - 2.0 * MARGIN - (max_x - min_x) * scale) / 2.0;
    let offset_y = (SIZE - 2.0 * MARGIN - (max_y - min_y) * scale) / 2.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {h}" width="{SIZE}" height="{h}" font-family="sans-serif" font-size="13">"#,
        h = SIZE + 30.0
    );
    let _ = writeln!(
        out,
        "<title>jobdelta embedding map: {} sentences</title>",
        points.len()
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    for p in points {
        let cx = MARGIN + offset_x + (p.x - min_x) * scale;
        // SVG's y grows downwards; the map's upwards.
        let cy = SIZE - MARGIN - offset_y - (p.y - min_y) * scale;
        let (colour, source) = match (p.kind, p.post) {
            (Kind::Resume, _) => (RESUME_COLOUR, "Resume".to_owned()),
            (Kind::Requirement, Some(i)) => (
                REQUIREMENT_COLOUR,
                format!(
                    "Post {}: {}",
                    i + 1,
                    post_titles.get(i).copied().unwrap_or("")
                ),
            ),
            (Kind::Requirement, None) => (REQUIREMENT_COLOUR, "Post".to_owned()),
        };
        let _ = writeln!(
            out,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="4" fill="{colour}" fill-opacity="0.8"><title>{} — {}</title></circle>"#,
            escape(&source),
            escape(&p.text)
        );
    }
    for (row, (colour, label)) in [
        (RESUME_COLOUR, "resume sentence"),
        (REQUIREMENT_COLOUR, "requirement of a post"),
    ]
    .iter()
    .enumerate()
    {
        let y = 20.0 + 20.0 * row as f32;
        let _ = writeln!(
            out,
            r#"<circle cx="20" cy="{y}" r="5" fill="{colour}"/><text x="32" y="{}">{label}</text>"#,
            y + 4.0
        );
    }
    let trust = trust.map_or("not measured (too few points)".to_owned(), |t| {
        format!("{t:.3}")
    });
    let _ = writeln!(
        out,
        r#"<text x="20" y="{}">{} · trustworthiness at k = {TRUST_K}: {trust}</text>"#,
        SIZE + 15.0,
        escape(method)
    );
    out.push_str("</svg>\n");
    out
}

/// Text made safe inside an SVG element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f32, y: f32, kind: Kind, text: &str, post: Option<usize>) -> Point {
        Point {
            x,
            y,
            kind,
            text: text.to_owned(),
            post,
        }
    }

    #[test]
    fn svg_draws_each_point_with_its_text_and_source() {
        let points = [
            point(0.0, 0.0, Kind::Resume, "Built <fast> APIs & tools", None),
            point(1.0, 2.0, Kind::Requirement, "5+ years of \"Rust\"", Some(1)),
            point(-1.0, 1.0, Kind::Requirement, "SQL", Some(0)),
        ];
        let picture = svg(&points, &["iOS", "Backend"], "t-SNE", Some(0.934));
        // Three dots plus the two legend dots.
        assert_eq!(picture.matches("<circle").count(), 5);
        assert!(picture.contains("<title>Resume — Built &lt;fast&gt; APIs &amp; tools</title>"));
        assert!(picture.contains("<title>Post 2: Backend — 5+ years of &quot;Rust&quot;</title>"));
        assert!(picture.contains("trustworthiness at k = 10: 0.934"));
        assert!(picture.contains(RESUME_COLOUR) && picture.contains(REQUIREMENT_COLOUR));
        // The highest point (y = 2) is drawn at the top margin, the leftmost at the left one.
        assert!(picture.contains(r#"cy="60.0""#), "{picture}");
        assert!(picture.contains(r#"cx="60.0""#), "{picture}");
        assert!(picture.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn svg_centres_the_narrower_axis() {
        // A flat row of points: x fills the width, y sits in the middle of the square.
        let points = [
            point(0.0, 5.0, Kind::Resume, "a", None),
            point(4.0, 5.0, Kind::Resume, "b", None),
        ];
        let picture = svg(&points, &[], "PCA", None);
        assert!(picture.contains(r#"cx="60.0" cy="400.0""#), "{picture}");
        assert!(picture.contains(r#"cx="740.0" cy="400.0""#), "{picture}");
    }

    #[test]
    fn svg_of_one_point_stays_finite() {
        let picture = svg(
            &[point(3.0, 3.0, Kind::Resume, "alone", None)],
            &[],
            "PCA",
            None,
        );
        assert!(!picture.contains("NaN") && !picture.contains("inf"));
        assert!(picture.contains("not measured"));
    }
}
