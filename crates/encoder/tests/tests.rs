//! Native integration tests of the encoder against the sentence-transformers reference,
//! loading the real model files (fetch them with `scripts/fetch-model`).

// A test binary: a panic in a helper is a failed test (clippy.toml's allow-*-in-tests only
// covers `#[test]` functions and `#[cfg(test)]` code).
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::OnceLock;

use jobdelta_encoder::{cosine_similarity, Encoder, Error, ModelFiles, Precision, MAX_SEQ_LEN};
use support::{
    extra, max_abs_diff, reference, texts, token_mismatch, Agreement, ReferenceEntry, MIN_COSINE,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn model_dir() -> PathBuf {
    std::env::var_os("JOBDELTA_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/all-MiniLM-L6-v2")
        })
}

/// The three files of the model in `dir` (as scripts/fetch-model places them).
fn model_files(dir: &std::path::Path) -> ModelFiles {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/fetch-model first",
                dir.join(name).display()
            )
        })
    };
    ModelFiles {
        weights: read("model.safetensors"),
        tokenizer_json: read("tokenizer.json"),
        config_json: read("config.json"),
    }
}

fn encoder() -> &'static Encoder {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    ENCODER.get_or_init(|| Encoder::from_files(model_files(&model_dir())).expect("the model loads"))
}

#[test]
fn input_ids_and_tokens_match_the_reference_for_every_text() -> TestResult {
    let reference = reference();
    assert_eq!(reference.entries.len(), 129);
    for entry in &reference.entries {
        let got = encoder().tokenizer().tokenize(&entry.text)?;
        assert_eq!(token_mismatch(entry, &got), None);
    }
    Ok(())
}

#[test]
fn embeddings_match_the_reference_in_one_run() -> TestResult {
    let reference = reference();
    let got = encoder().embed(&texts(&reference.entries))?;
    let vectors: Vec<Vec<f32>> = got.iter().map(|e| e.vector.clone()).collect();
    let agreement = Agreement::of(&vectors, &reference.entries.iter().collect::<Vec<_>>());
    println!("sentence-transformers reference: {agreement}");
    agreement.check()?;
    for (embedding, entry) in got.iter().zip(&reference.entries) {
        assert_eq!(embedding.n_pieces, entry.n_tokens, "{:?}", entry.name);
        assert_eq!(embedding.vector.len(), 384);
    }
    Ok(())
}

/// CJK, RTL, emoji, accents, control characters, long texts and the 256 boundary.
#[test]
fn extra_texts_match_the_independent_reference() -> TestResult {
    let extra = extra();
    // The empty string is embedded by sentence-transformers, but we refuse it on purpose.
    let (empty, entries): (Vec<&ReferenceEntry>, Vec<&ReferenceEntry>) =
        extra.entries.iter().partition(|e| e.text.trim().is_empty());
    for entry in empty.iter().chain(&entries) {
        let got = encoder().tokenizer().tokenize(&entry.text)?;
        assert_eq!(token_mismatch(entry, &got), None);
    }
    let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
    let vectors: Vec<Vec<f32>> = encoder()
        .embed(&texts)?
        .into_iter()
        .map(|e| e.vector)
        .collect();
    let agreement = Agreement::of(&vectors, &entries);
    println!("independent reference, extra texts: {agreement}");
    agreement.check()?;
    assert!(
        entries.iter().any(|e| e.truncated),
        "the fixture covers truncated texts"
    );
    Ok(())
}

#[test]
fn the_763_piece_text_is_truncated_exactly_like_the_reference() -> TestResult {
    let reference = reference();
    let entry = reference
        .entries
        .iter()
        .find(|e| e.n_tokens_untruncated == 763)
        .ok_or("the reference has the 763-piece text")?;
    let tokenized = encoder().tokenizer().tokenize(&entry.text)?;
    assert_eq!(tokenized.ids.len(), MAX_SEQ_LEN);
    assert_eq!(tokenized.ids, entry.input_ids);
    assert_eq!(
        tokenized.ids.last(),
        Some(&102),
        "the last kept piece is [SEP]"
    );
    let embedding = &encoder().embed(&[entry.text.as_str()])?[0];
    assert_eq!(
        (embedding.n_pieces, embedding.n_pieces_untruncated),
        (256, 763)
    );
    let cosine = cosine_similarity(&embedding.vector, &entry.embedding);
    assert!(cosine >= MIN_COSINE, "cosine {cosine}");
    Ok(())
}

#[test]
fn texts_embedded_together_equal_texts_embedded_alone() -> TestResult {
    let reference = reference();
    let all = texts(&reference.entries);
    let together = encoder().embed(&all)?;
    let mut worst = 0f32;
    for (text, in_run) in all.iter().zip(&together) {
        let alone = &encoder().embed(&[*text])?[0];
        worst = worst.max(max_abs_diff(&alone.vector, &in_run.vector));
    }
    println!("max |together - alone| over all components: {worst:e}");
    // Scratch buffers are reused from text to text within a call: nothing may leak between
    // texts (sentence-transformers itself differs by 1.5e-7 between batch 32 and batch 1).
    assert!(worst < 1e-5, "another text changed a result by {worst}");
    Ok(())
}

#[test]
fn published_cosines_from_the_original_notes_are_reproduced() -> TestResult {
    let reference = reference();
    // Single words are stored as "term_spark" but published as "spark".
    let by_name = |name: &str| {
        let term = format!("term_{name}");
        reference
            .entries
            .iter()
            .find(|e| e.name == name || e.name == term)
    };
    let mut checked = 0;
    for check in &reference.published_checks {
        // Checks are named "a.b" (or "mode: a.b") after the entries they compare.
        let pair = check.name.rsplit(": ").next().unwrap_or(&check.name);
        let prefix = check.name.strip_suffix(pair).unwrap_or("");
        let Some((a, b)) = pair.split_once('.') else {
            continue;
        };
        let suffix = match prefix.trim_end_matches(": ") {
            "" => String::new(),
            "nltk" => "_nltk".into(),
            "nltk+spacy" => "_nltk_spacy".into(),
            other => format!("_{other}"),
        };
        let (Some(a), Some(b)) = (
            by_name(&format!("{a}{suffix}")),
            by_name(&format!("{b}{suffix}")),
        ) else {
            continue;
        };
        let got = encoder().embed(&[a.text.as_str(), b.text.as_str()])?;
        let cosine = cosine_similarity(&got[0].vector, &got[1].vector);
        assert!(
            (cosine - check.expected).abs() < 5e-5,
            "{}: got {cosine:.4}, published {:.4}",
            check.name,
            check.expected
        );
        checked += 1;
    }
    println!(
        "published checks reproduced: {checked}/{}",
        reference.published_checks.len()
    );
    assert!(
        checked >= 6,
        "only {checked} published checks could be matched to entries"
    );
    Ok(())
}

#[test]
fn empty_input_is_a_clear_error_not_a_panic() {
    let none: [&str; 0] = [];
    assert!(matches!(encoder().embed(&none), Err(Error::NoTexts)));
    match encoder().embed(&["fine", "  \n\t"]) {
        Err(err @ Error::EmptyText { index: 1 }) => {
            assert_eq!(
                err.to_string(),
                "text 1 is empty: remove it or write something in it"
            )
        }
        other => panic!("expected EmptyText at 1, got {other:?}"),
    }
}

#[test]
fn progress_reports_every_text_and_cancel_stops_the_run() -> TestResult {
    let reference = reference();
    let all = texts(&reference.entries);
    let mut reports = Vec::new();
    encoder().embed_with_progress(&all, |p| {
        reports.push(p);
        ControlFlow::Continue(())
    })?;
    let last = reports.last().ok_or("at least one progress report")?;
    assert_eq!((last.texts_done, last.texts_total), (all.len(), all.len()));
    assert_eq!(last.pieces_done, last.pieces_total);
    assert!(reports
        .windows(2)
        .all(|w| w[0].texts_done < w[1].texts_done));
    assert!(
        reports.len() > 1,
        "129 texts should give more than one report"
    );

    let mut calls = 0;
    let cancelled = encoder().embed_with_progress(&all, |_| {
        calls += 1;
        ControlFlow::Break(())
    });
    assert!(matches!(cancelled, Err(Error::Cancelled)));
    assert_eq!(calls, 1, "no text runs after a cancel");
    Ok(())
}

/// The browser app downloads the weights at half precision (`scripts/fetch-model` writes the
/// copy) and widens them to f32 on load: the embeddings must stay at parity with the
/// reference, and next to the f32 model's.
#[test]
fn half_precision_weights_stay_at_parity() -> TestResult {
    let dir = std::env::var_os("JOBDELTA_WEB_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/web/all-MiniLM-L6-v2")
        });
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| {
            format!(
                "{}: {e}; run scripts/fetch-model first",
                dir.join(name).display()
            )
        })
    };
    let half = Encoder::from_files(ModelFiles {
        weights: read("model.f16.safetensors")?,
        tokenizer_json: read("tokenizer.json")?,
        config_json: read("config.json")?,
    })?;
    assert!(half.weights_were_f16());
    assert!(!encoder().weights_were_f16());
    let reference = reference();
    let texts = texts(&reference.entries);
    let from_half = half.embed(&texts)?;
    let from_full = encoder().embed(&texts)?;
    let vectors: Vec<Vec<f32>> = from_half.iter().map(|e| e.vector.clone()).collect();
    let agreement = Agreement::of(&vectors, &reference.entries.iter().collect::<Vec<_>>());
    println!("f16 weights vs the sentence-transformers reference: {agreement}");
    // The parity bound is the cosine; single components move by up to a few 1e-4 with the
    // weights rounded to f16 (the f32 path is held to the tighter component bound too).
    assert!(
        agreement.min_cosine >= MIN_COSINE,
        "f16 parity lost: {agreement}"
    );
    let min_to_full = from_half
        .iter()
        .zip(&from_full)
        .map(|(h, f)| cosine_similarity(&h.vector, &f.vector))
        .fold(f32::INFINITY, f32::min);
    println!("f16 weights vs f32 weights: min cosine {min_to_full:.7}");
    assert!(min_to_full >= MIN_COSINE, "min cosine to f32 {min_to_full}");
    Ok(())
}

/// The int8 path (docs/quality.md): its vectors next to the sentence-transformers reference
/// (every reference and extra text) and to the f32 path's, min cosine printed and held to
/// 0.99 (the quality guard of the issue; the fit's AUC is the other half, `jobdelta eval
/// --precision int8`).
#[test]
fn int8_stays_close_to_the_reference() -> TestResult {
    let dir = model_dir();
    let read = |name: &str| std::fs::read(dir.join(name));
    let int8 = Encoder::from_files_at(
        ModelFiles {
            weights: read("model.safetensors")?,
            tokenizer_json: read("tokenizer.json")?,
            config_json: read("config.json")?,
        },
        Precision::Int8,
    )?;
    assert_eq!(int8.precision(), Precision::Int8);
    assert_eq!(encoder().precision(), Precision::F32);
    let reference = reference();
    let extra = extra();
    let entries: Vec<&ReferenceEntry> = reference
        .entries
        .iter()
        .chain(extra.entries.iter().filter(|e| !e.text.trim().is_empty()))
        .collect();
    let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
    let got = int8.embed(&texts)?;
    let vectors: Vec<Vec<f32>> = got.iter().map(|e| e.vector.clone()).collect();
    let agreement = Agreement::of(&vectors, &entries);
    println!(
        "int8 vs the sentence-transformers reference ({} texts): {agreement}",
        entries.len()
    );
    let full = encoder().embed(&texts)?;
    let cosines: Vec<f32> = got
        .iter()
        .zip(&full)
        .map(|(a, b)| cosine_similarity(&a.vector, &b.vector))
        .collect();
    let min = cosines.iter().copied().fold(f32::INFINITY, f32::min);
    let mean = cosines.iter().sum::<f32>() / cosines.len() as f32;
    println!("int8 vs f32: min cosine {min:.5}, mean {mean:.5}");
    assert!(
        agreement.min_cosine >= 0.99,
        "int8 below the 0.99 guard: {agreement}"
    );
    Ok(())
}

/// paraphrase-MiniLM-L3-v2, the second model of the registry, against its own ONNX export run
/// by onnxruntime (fixtures/reference/paraphrase-minilm-l3-v2-reference.json; made by
/// scripts/reference/make_paraphrase_l3_reference.py).
mod paraphrase_l3 {
    use super::*;
    use jobdelta_encoder::registry::PARAPHRASE_MINILM_L3_V2 as L3;
    use serde::Deserialize;

    const REFERENCE_JSON: &str =
        include_str!("../../../fixtures/reference/paraphrase-minilm-l3-v2-reference.json");

    #[derive(Deserialize)]
    struct Reference {
        settings: Settings,
        entries: Vec<ReferenceEntry>,
    }

    #[derive(Deserialize)]
    struct Settings {
        max_seq_length: usize,
        normalize: bool,
    }

    fn encoder() -> &'static Encoder {
        static ENCODER: OnceLock<Encoder> = OnceLock::new();
        ENCODER.get_or_init(|| {
            let dir = std::env::var_os("JOBDELTA_L3_MODEL_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                        .join("../../models")
                        .join(L3.dir)
                });
            Encoder::for_model(model_files(&dir), &L3, Precision::F32).expect("the model loads")
        })
    }

    fn reference() -> Reference {
        serde_json::from_str(REFERENCE_JSON).expect("the reference fixture is valid JSON")
    }

    #[test]
    fn registry_settings_are_the_references() {
        let settings = reference().settings;
        assert_eq!(
            (L3.max_seq_len, L3.normalize),
            (settings.max_seq_length, settings.normalize)
        );
    }

    #[test]
    fn tokens_match_the_reference_truncated_at_128() -> TestResult {
        let reference = reference();
        assert!(reference.entries.len() >= 150);
        assert!(reference.entries.iter().filter(|e| e.truncated).count() >= 5);
        for entry in &reference.entries {
            let got = encoder().tokenizer().tokenize(&entry.text)?;
            assert_eq!(token_mismatch(entry, &got), None);
            assert!(got.ids.len() <= 128);
        }
        Ok(())
    }

    /// The model's own output (mean pooled, not normalised) component by component, and
    /// jobdelta's unit vectors by direction.
    #[test]
    fn sentence_vectors_match_the_onnx_reference() -> TestResult {
        let reference = reference();
        // The reference embeds the empty string too; the encoder refuses it on purpose.
        let entries: Vec<&ReferenceEntry> = reference
            .entries
            .iter()
            .filter(|e| !e.text.trim().is_empty())
            .collect();
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        let raw = encoder().sentence_vectors(&texts)?;
        let mut worst = (f32::INFINITY, 0.0_f32);
        for (vector, entry) in raw.iter().zip(&entries) {
            let cosine = cosine_similarity(vector, &entry.embedding);
            let norm = entry.embedding.iter().map(|v| v * v).sum::<f32>().sqrt();
            // Relative to the vector's length (2.2 to 7.4: the model does not normalise).
            let diff = max_abs_diff(vector, &entry.embedding) / norm;
            assert!(
                cosine >= MIN_COSINE && diff <= 1e-5,
                "{}: cosine {cosine}, relative component diff {diff:e}",
                entry.name
            );
            assert!(
                norm > 1.5,
                "{}: the reference is not normalised",
                entry.name
            );
            worst = (worst.0.min(cosine), worst.1.max(diff));
        }
        println!(
            "paraphrase-MiniLM-L3-v2 vs onnxruntime: {} texts, min cosine {:.7}, max relative component diff {:e}",
            entries.len(),
            worst.0,
            worst.1
        );
        let embedded = encoder().embed(&texts)?;
        for ((embedding, vector), entry) in embedded.iter().zip(&raw).zip(&entries) {
            let length = embedding.vector.iter().map(|v| v * v).sum::<f32>().sqrt();
            assert!(
                (length - 1.0).abs() < 1e-5,
                "{}: |v| = {length}",
                entry.name
            );
            assert!(cosine_similarity(&embedding.vector, vector) > 0.999_999);
            assert_eq!(embedding.n_pieces, entry.n_tokens);
            assert_eq!(embedding.n_pieces_untruncated, entry.n_tokens_untruncated);
        }
        Ok(())
    }

    #[test]
    fn another_models_files_are_refused() {
        let err = Encoder::for_model(model_files(&model_dir()), &L3, Precision::F32)
            .err()
            .expect("all-MiniLM-L6-v2's six layers are not L3's three");
        assert!(err.to_string().contains("another model"), "{err}");
    }
}

/// all-mpnet-base-v2, the third model of the registry and its one MPNet, against the independent
/// numpy implementation of scripts/reference/make_mpnet_reference.py
/// (fixtures/reference/all-mpnet-base-v2-reference.json).
mod mpnet {
    use super::*;
    use jobdelta_encoder::registry::ALL_MPNET_BASE_V2 as MPNET;
    use serde::Deserialize;

    const REFERENCE_JSON: &str =
        include_str!("../../../fixtures/reference/all-mpnet-base-v2-reference.json");

    /// The bound of the issue for a reference in float64 numpy rather than the model's own
    /// torch; the measured agreement is printed and far tighter.
    const MIN_MPNET_COSINE: f32 = 0.9999;

    #[derive(Deserialize)]
    struct Reference {
        settings: Settings,
        entries: Vec<ReferenceEntry>,
    }

    #[derive(Deserialize)]
    struct Settings {
        max_seq_length: usize,
        normalize: bool,
    }

    fn model_dir() -> PathBuf {
        std::env::var_os("JOBDELTA_MPNET_MODEL_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../../models")
                    .join(MPNET.dir)
            })
    }

    /// The encoder, or `None` (printed) when the model is absent on purpose: only with
    /// JOBDELTA_SKIP_MPNET set, as scripts/fetch-model then leaves it out; otherwise a missing
    /// model fails the test.
    fn encoder() -> Option<&'static Encoder> {
        static ENCODER: OnceLock<Encoder> = OnceLock::new();
        let dir = model_dir();
        if !dir.exists() && std::env::var_os("JOBDELTA_SKIP_MPNET").is_some() {
            println!(
                "skipped: {} is absent and JOBDELTA_SKIP_MPNET is set",
                dir.display()
            );
            return None;
        }
        Some(ENCODER.get_or_init(|| {
            Encoder::for_model(model_files(&dir), &MPNET, Precision::F32).expect("the model loads")
        }))
    }

    fn reference() -> Reference {
        serde_json::from_str(REFERENCE_JSON).expect("the reference fixture is valid JSON")
    }

    #[test]
    fn registry_settings_are_the_references() {
        let settings = reference().settings;
        assert_eq!(
            (MPNET.max_seq_len, MPNET.normalize),
            (settings.max_seq_length, settings.normalize)
        );
    }

    #[test]
    fn tokens_match_the_reference_truncated_at_384() -> TestResult {
        let Some(encoder) = encoder() else {
            return Ok(());
        };
        let reference = reference();
        assert!(reference.entries.len() >= 150);
        assert!(reference.entries.iter().any(|e| e.truncated));
        for entry in &reference.entries {
            let got = encoder.tokenizer().tokenize(&entry.text)?;
            assert_eq!(token_mismatch(entry, &got), None);
            assert!(got.ids.len() <= 384);
            // RoBERTa-style specials: <s> = 0 first, </s> = 2 last.
            assert_eq!((got.ids.first(), got.ids.last()), (Some(&0), Some(&2)));
        }
        Ok(())
    }

    #[test]
    fn embeddings_match_the_numpy_reference() -> TestResult {
        let Some(encoder) = encoder() else {
            return Ok(());
        };
        let reference = reference();
        // The reference embeds the empty string too; the encoder refuses it on purpose.
        let entries: Vec<&ReferenceEntry> = reference
            .entries
            .iter()
            .filter(|e| !e.text.trim().is_empty())
            .collect();
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        let embedded = encoder.embed(&texts)?;
        let vectors: Vec<Vec<f32>> = embedded.iter().map(|e| e.vector.clone()).collect();
        let agreement = Agreement::of(&vectors, &entries);
        println!("all-mpnet-base-v2 vs the numpy reference: {agreement}");
        // The issue asks for 0.9999; the project's own bounds (cosine 0.99999, every
        // component within 1e-5) hold too.
        assert!(
            agreement.min_cosine >= MIN_MPNET_COSINE,
            "parity lost: {agreement}"
        );
        agreement.check()?;
        for (embedding, entry) in embedded.iter().zip(&entries) {
            assert_eq!(embedding.vector.len(), 768);
            assert_eq!(embedding.n_pieces, entry.n_tokens, "{}", entry.name);
            assert_eq!(embedding.n_pieces_untruncated, entry.n_tokens_untruncated);
        }
        // The model's pipeline normalises: its own vectors are jobdelta's.
        let raw = encoder.sentence_vectors(&texts[..3])?;
        for (vector, embedding) in raw.iter().zip(&embedded) {
            assert!(max_abs_diff(vector, &embedding.vector) < 1e-6);
        }
        Ok(())
    }

    #[test]
    fn another_models_files_are_refused() {
        let err = Encoder::for_model(model_files(&super::model_dir()), &MPNET, Precision::F32)
            .err()
            .expect("all-MiniLM-L6-v2's BERT is not all-mpnet-base-v2");
        assert!(err.to_string().contains("another model"), "{err}");
    }
}
