//! End-to-end tests of the `jobdelta` binary: the JSON Lines it prints agree with the
//! sentence-transformers reference, and bad input fails with one clear line.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde::Deserialize;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const REFERENCE_JSON: &str =
    include_str!("../../../fixtures/reference/minilm-l6-v2-reference.json");
const EXTRA_JSON: &str = include_str!("../../../fixtures/reference/extra-texts.json");

#[derive(Deserialize)]
struct Fixture {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    text: String,
    input_ids: Vec<u32>,
    n_tokens: usize,
    embedding: Vec<f32>,
}

/// Entries that survive the CLI's one-text-per-line input unchanged.
fn line_safe_entries() -> Result<Vec<Entry>, serde_json::Error> {
    let mut entries = serde_json::from_str::<Fixture>(REFERENCE_JSON)?.entries;
    entries.extend(serde_json::from_str::<Fixture>(EXTRA_JSON)?.entries);
    entries.retain(|e| !e.text.trim().is_empty() && !e.text.contains(['\n', '\r']));
    Ok(entries)
}

fn jobdelta(args: &[&str], stdin: &[u8]) -> std::io::Result<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobdelta"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin)?;
    }
    child.wait_with_output()
}

fn json_lines(output: &Output) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(std::str::from_utf8(&output.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?)
}

fn stdin_of(entries: &[Entry]) -> Vec<u8> {
    entries
        .iter()
        .map(|e| format!("{}\n", e.text))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn tokenize_prints_the_reference_ids() -> TestResult {
    let entries = line_safe_entries()?;
    let lines = json_lines(&jobdelta(&["tokenize", "-"], &stdin_of(&entries))?)?;
    assert_eq!(lines.len(), entries.len());
    for (line, entry) in lines.iter().zip(&entries) {
        assert_eq!(line["text"], entry.text.as_str());
        let ids: Vec<u32> = serde_json::from_value(line["ids"].clone())?;
        assert_eq!(ids, entry.input_ids, "{}", entry.name);
        assert_eq!(line["tokens"].as_array().map(Vec::len), Some(ids.len()));
    }
    Ok(())
}

#[test]
fn embed_prints_reference_embeddings() -> TestResult {
    let entries = line_safe_entries()?;
    let lines = json_lines(&jobdelta(&["embed", "-"], &stdin_of(&entries))?)?;
    assert_eq!(lines.len(), entries.len());
    let mut worst = f32::INFINITY;
    for (line, entry) in lines.iter().zip(&entries) {
        assert_eq!(line["text"], entry.text.as_str());
        assert_eq!(line["n_tokens"], entry.n_tokens, "{}", entry.name);
        let embedding: Vec<f32> = serde_json::from_value(line["embedding"].clone())?;
        assert_eq!(embedding.len(), 384);
        let cosine = jobdelta_encoder::cosine_similarity(&embedding, &entry.embedding);
        assert!(cosine >= 0.99999, "{}: cosine {cosine}", entry.name);
        worst = worst.min(cosine);
    }
    println!(
        "{} texts through `jobdelta embed`: min cosine {worst:.7}",
        entries.len()
    );
    Ok(())
}

#[test]
fn embed_reads_a_file_and_skips_blank_lines() -> TestResult {
    let path = std::env::temp_dir().join(format!("jobdelta-cli-test-{}.txt", std::process::id()));
    std::fs::write(&path, "first line\r\n\r\n   \nsecond line\n")?;
    let output = jobdelta(&["embed", path.to_str().ok_or("utf-8 temp path")?], b"");
    std::fs::remove_file(&path)?;
    let lines = json_lines(&output?)?;
    let texts: Vec<&str> = lines.iter().filter_map(|l| l["text"].as_str()).collect();
    assert_eq!(texts, ["first line", "second line"]);
    Ok(())
}

#[test]
fn bad_input_exits_non_zero_with_one_line() -> TestResult {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (
            &["embed", "/no/such/file.txt"],
            b"",
            "cannot read /no/such/file.txt",
        ),
        (&["embed", "-"], b"\n  \n", "has no text"),
        (&["tokenize", "-"], b"caf\xe9\n", "is not UTF-8 text"),
        (
            &["embed", "--model", "/no/such/model", "-"],
            b"hello\n",
            "run scripts/fetch-model",
        ),
    ];
    for (args, stdin, expected) in cases {
        let output = jobdelta(args, stdin)?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} should fail");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("jobdelta: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    }
    Ok(())
}
