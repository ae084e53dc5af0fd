//! Parity with the Python package: `parity.json` holds what `skill-extractor` 0.2.0's own code
//! (`KeywordMatcher.extract`, `SkillExtractor.candidates`, `MLP.predict_proba`, run with numpy)
//! gives on a few texts and on six fixed vectors; this crate must give the same.

use jobdelta_skills::{candidates, Classifier, Gazetteer, EMBEDDING_WIDTH};
use serde::Deserialize;

#[derive(Deserialize)]
struct Parity {
    texts: Vec<TextCase>,
    mlp: Vec<VectorCase>,
}

#[derive(Deserialize)]
struct TextCase {
    text: String,
    candidates: Vec<ExpectedCandidate>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpectedCandidate {
    name: String,
    start: usize,
    end: usize,
    context: String,
}

#[derive(Deserialize)]
struct VectorCase {
    k: u32,
    probability: f32,
}

fn parity() -> Result<Parity, serde_json::Error> {
    serde_json::from_str(include_str!("parity.json"))
}

#[test]
fn candidates_match_the_python_package() -> Result<(), serde_json::Error> {
    for case in parity()?.texts {
        let got: Vec<ExpectedCandidate> = candidates(Gazetteer::builtin(), &case.text)
            .into_iter()
            .map(|c| ExpectedCandidate {
                name: c.name,
                start: c.range.start,
                end: c.range.end,
                context: c.context,
            })
            .collect();
        assert_eq!(got, case.candidates, "{:?}", case.text);
    }
    Ok(())
}

/// The vector `parity.py` builds: sin(k (i + 1) 0.37) + 0.1 k, L2-normalised.
fn fixed_vector(k: u32) -> Vec<f32> {
    let raw: Vec<f32> = (0..EMBEDDING_WIDTH)
        .map(|i| (f64::from(k) * (i as f64 + 1.0) * 0.37).sin() as f32 + 0.1 * k as f32)
        .collect();
    let norm = raw.iter().map(|x| x * x).sum::<f32>().sqrt();
    raw.into_iter().map(|x| x / norm).collect()
}

#[test]
fn probabilities_match_the_python_package() -> Result<(), Box<dyn std::error::Error>> {
    let classifier = Classifier::builtin()?;
    let mut seen_both_sides = (false, false);
    for case in parity()?.mlp {
        let p = classifier.probability(&fixed_vector(case.k))?;
        assert!(
            (p - case.probability).abs() < 1e-5,
            "k = {}: {p} vs {}",
            case.k,
            case.probability
        );
        seen_both_sides.0 |= p >= jobdelta_skills::THRESHOLD;
        seen_both_sides.1 |= p < jobdelta_skills::THRESHOLD;
    }
    assert_eq!(seen_both_sides, (true, true));
    Ok(())
}

#[test]
fn offsets_are_in_the_original_text_where_lowercase_is_longer() {
    // "İ" lowercases to two characters; the package's offsets then drift by one (they index
    // its lowercased copy), ours stay on the original text.
    let text = "İstanbul: food safety";
    let found = Gazetteer::builtin().find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], "food safety");
}
