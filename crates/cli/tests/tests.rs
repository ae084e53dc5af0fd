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

/// Both engines on every model candle-transformers has a network for (each at its own length:
/// the long line is cut at 256 word pieces for all-MiniLM-L6-v2, 128 for
/// paraphrase-MiniLM-L3-v2); all-mpnet-base-v2 is refused with a message saying why.
#[test]
fn embed_engines_fast_and_candle_agree() -> TestResult {
    let long = "Designed and operated Kafka pipelines in Rust for payments. ".repeat(40);
    let stdin = format!(
        "Senior Rust engineer, WebAssembly and SIMD\n\
         Five years of Kubernetes on AWS; on-call for payments\n\
         Fluent in German and French\n\
         a\n{long}\n"
    );
    let stdin = stdin.as_bytes();
    for (model, pieces) in [("all-MiniLM-L6-v2", 256), ("paraphrase-MiniLM-L3-v2", 128)] {
        let fast = json_lines(&jobdelta(
            &["embed", "--model", model, "--engine", "fast", "-"],
            stdin,
        )?)?;
        let default = json_lines(&jobdelta(&["embed", "--model", model, "-"], stdin)?)?;
        let candle = json_lines(&jobdelta(
            &["embed", "--model", model, "--engine", "candle", "-"],
            stdin,
        )?)?;
        assert_eq!(fast, default, "fast is the default engine");
        assert_eq!(fast.len(), 5);
        assert_eq!(candle.len(), fast.len());
        assert_eq!(
            candle[4]["n_tokens"], pieces,
            "{model} reads {pieces} word pieces"
        );
        for (fast, candle) in fast.iter().zip(&candle) {
            assert_eq!(fast["text"], candle["text"]);
            assert_eq!(fast["n_tokens"], candle["n_tokens"]);
            assert_eq!(fast["n_tokens_untruncated"], candle["n_tokens_untruncated"]);
            let fast: Vec<f32> = serde_json::from_value(fast["embedding"].clone())?;
            let candle: Vec<f32> = serde_json::from_value(candle["embedding"].clone())?;
            assert_eq!(candle.len(), 384);
            let cosine = jobdelta_encoder::cosine_similarity(&fast, &candle);
            assert!(cosine >= 0.99999, "{model}: cosine {cosine}");
        }
    }
    let mpnet = jobdelta(
        &[
            "embed",
            "--model",
            "all-mpnet-base-v2",
            "--engine",
            "candle",
            "-",
        ],
        b"a\n",
    )?;
    assert!(!mpnet.status.success());
    let message = String::from_utf8_lossy(&mpnet.stderr);
    assert!(
        message.contains("--engine candle cannot run all-mpnet-base-v2: candle-transformers has no mpnet network"),
        "{message}"
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
        (
            &["embed", "--model", "no-such-model", "-"],
            b"hello\n",
            "is neither a model (all-MiniLM-L6-v2, paraphrase-MiniLM-L3-v2",
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

/// The report fixtures, relative to this crate.
fn report_fixture(name: &str) -> String {
    format!(
        "{}/../../fixtures/report/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn match_json(extra: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let resume = report_fixture("resume.md");
    let rust = report_fixture("post-rust-backend.txt");
    let data = report_fixture("post-data-engineer.txt");
    let ios = report_fixture("post-ios.md");
    let mut args = vec![
        "match", "--resume", &resume, "--job", &ios, "--job", &data, "--job", &rust, "--json",
    ];
    args.extend_from_slice(extra);
    let output = jobdelta(&args, b"")?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout)?)
}

#[test]
fn match_ranks_the_posts_a_backend_engineer_fits_first() -> TestResult {
    let report = match_json(&[])?;
    assert_eq!(report["model"], "sentence-transformers/all-MiniLM-L6-v2");
    let posts = report["posts"].as_array().ok_or("posts")?;
    let titles: Vec<&str> = posts.iter().filter_map(|p| p["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "iOS Developer",
            "Data Engineer at Northwind Analytics",
            "Senior Backend Engineer (Rust)"
        ]
    );
    let ranking: Vec<u64> = report["ranking"]
        .as_array()
        .ok_or("ranking")?
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    println!(
        "fits: {:?}",
        posts.iter().map(|p| p["fit"].clone()).collect::<Vec<_>>()
    );
    assert_eq!(ranking[0], 2, "the Rust backend post fits best");
    assert_eq!(ranking[2], 0, "the iOS post fits worst");
    for post in posts {
        let fit = post["fit"].as_f64().ok_or("fit")?;
        assert!((0.0..=100.0).contains(&fit));
        let requirements = post["requirements"].as_array().ok_or("requirements")?;
        assert!(!requirements.is_empty());
        for r in requirements {
            assert!(["required", "preferred", "responsibilities", "general"]
                .contains(&r["section"].as_str().ok_or("section")?));
            assert!(
                ["covered", "partly", "missing"].contains(&r["status"].as_str().ok_or("status")?)
            );
            let evidence = r["evidence"].as_array().ok_or("evidence")?;
            assert_eq!(evidence.len(), 3);
            assert!(evidence[0]["resume_sentence"].is_string());
            assert!(evidence[0]["score"].is_number());
        }
    }
    // Boilerplate never becomes a requirement.
    let rust = &posts[2];
    let texts: Vec<&str> = rust["requirements"]
        .as_array()
        .ok_or("requirements")?
        .iter()
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("equal opportunity") && !t.contains("€90,000")),
        "{texts:?}"
    );
    assert!(rust["ignored_sentences"].as_u64() >= Some(3));
    assert!(report["resume"].as_array().ok_or("resume")?.len() >= 8);
    Ok(())
}

#[test]
fn match_lists_missing_terms_and_sentence_feedback() -> TestResult {
    let report = match_json(&[])?;
    let rust = &report["posts"][2];
    let missing = rust["missing_terms"].as_array().ok_or("missing_terms")?;
    let kafka = missing
        .iter()
        .find(|t| t["term"] == "Kafka")
        .ok_or("the resume never mentions Kafka")?;
    assert_eq!(kafka["section"], "preferred");
    let near = kafka["near_matches"].as_array().ok_or("near_matches")?;
    assert!(!near.is_empty());
    assert!(near[0]["resume_sentence"].is_string() && near[0]["score"].is_number());
    // The resume names these: they are never missing.
    for named in ["Rust", "PostgreSQL", "Kubernetes"] {
        assert!(missing.iter().all(|t| t["term"] != named), "{named}");
    }
    assert!(rust["unseen_terms"].is_array());
    assert!(report["term_gaps"]
        .as_array()
        .ok_or("term_gaps")?
        .iter()
        .any(|g| g["term"] == "Kafka"));
    assert!(report["gazetteer_attribution"]
        .as_str()
        .is_some_and(|a| a.contains("ESCO") && a.contains("skill-extractor")));
    let resume = report["resume"].as_array().ok_or("resume")?;
    let feedback = report["sentence_feedback"]
        .as_array()
        .ok_or("sentence_feedback")?;
    assert_eq!(feedback.len(), resume.len());
    for (f, r) in feedback.iter().zip(resume) {
        assert_eq!(f["text"], r["text"]);
        assert!(f["n_tokens"].as_u64() > Some(2));
        assert_eq!(f["truncated"], false);
        assert!(
            ["dense", "ok", "fluffy"].contains(&f["density"]["verdict"].as_str().ok_or("verdict")?)
        );
        assert!(f["density"]["stop_word_ratio"].is_number());
        assert!(f["duplicates"].is_array());
    }
    Ok(())
}

#[test]
fn match_finds_shattered_terms_and_cut_sentences() -> TestResult {
    let dir = std::env::temp_dir().join(format!("jobdelta-terms-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let post = dir.join("post.txt");
    std::fs::write(
        &post,
        "Machine Learning Engineer\n\nRequirements\n\
         - Experience training models with XGBoost and PyTorch.\n\
         - Strong Python skills.\n",
    )?;
    let long: String = (0..300).map(|i| format!("system{i} ")).collect();
    let resume = dir.join("resume.txt");
    std::fs::write(
        &resume,
        format!(
            "Experience\n- Trained PyTorch models for ranking.\n- Built {long}\n\
             - Responsible for various tasks in order to help the team.\n"
        ),
    )?;
    let (resume, post) = (resume.display().to_string(), post.display().to_string());
    let output = jobdelta(
        &["match", "--resume", &resume, "--job", &post, "--json"],
        b"",
    )?;
    std::fs::remove_dir_all(&dir)?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout)?;
    let unseen = report["posts"][0]["unseen_terms"]
        .as_array()
        .ok_or("unseen_terms")?;
    let pieces = |term: &str| -> Option<Vec<String>> {
        let entry = unseen.iter().find(|t| t["term"] == term)?;
        serde_json::from_value(entry["pieces"].clone()).ok()
    };
    assert_eq!(
        pieces("XGBoost"),
        Some(vec![
            "x".into(),
            "##gb".into(),
            "##oo".into(),
            "##st".into()
        ]),
        "{unseen:?}"
    );
    assert_eq!(
        pieces("PyTorch"),
        Some(vec![
            "p".into(),
            "##yt".into(),
            "##or".into(),
            "##ch".into()
        ]),
        "{unseen:?}"
    );
    let in_resume = |term: &str| {
        unseen
            .iter()
            .find(|t| t["term"] == term)
            .map(|t| t["in_resume"].clone())
    };
    assert_eq!(in_resume("PyTorch"), Some(Value::Bool(true)));
    assert_eq!(in_resume("XGBoost"), Some(Value::Bool(false)));

    let feedback = report["sentence_feedback"]
        .as_array()
        .ok_or("sentence_feedback")?;
    let cut = feedback
        .iter()
        .find(|f| f["truncated"] == true)
        .ok_or("the 300-word sentence is cut")?;
    assert!(cut["n_tokens"].as_u64() > Some(256));
    assert!(cut["cut_at"]["unread_words"].as_u64() > Some(0));
    assert!(cut["cut_at"]["unread_excerpt"]
        .as_str()
        .is_some_and(|e| e.starts_with("system")));
    let fluffy = feedback
        .iter()
        .find(|f| {
            f["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Responsible"))
        })
        .ok_or("fluffy sentence")?;
    assert_eq!(fluffy["density"]["verdict"], "fluffy");
    Ok(())
}

#[test]
fn match_thresholds_change_statuses_and_bad_ones_are_refused() -> TestResult {
    let strict = match_json(&["--covered", "0.95", "--partly", "0.9"])?;
    let covered = strict["posts"]
        .as_array()
        .ok_or("posts")?
        .iter()
        .flat_map(|p| p["requirements"].as_array().cloned().unwrap_or_default())
        .filter(|r| r["status"] == "covered")
        .count();
    assert_eq!(covered, 0, "nothing is a near-copy of the resume");

    let resume = report_fixture("resume.md");
    let rust = report_fixture("post-rust-backend.txt");
    let output = jobdelta(
        &[
            "match",
            "--resume",
            &resume,
            "--job",
            &rust,
            "--covered",
            "0.3",
            "--partly",
            "0.6",
        ],
        b"",
    )?;
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--partly"));
    Ok(())
}

#[test]
fn match_says_which_input_is_unusable() -> TestResult {
    let dir = std::env::temp_dir().join(format!("jobdelta-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let empty_resume = dir.join("empty.txt");
    std::fs::write(&empty_resume, " \n")?;
    let benefits_only = dir.join("benefits.txt");
    std::fs::write(
        &benefits_only,
        "Benefits:\n- Free lunch.\n- Health insurance.\n",
    )?;
    let rust = report_fixture("post-rust-backend.txt");
    let resume = report_fixture("resume.md");
    let cases = [
        (
            vec![
                "--resume",
                empty_resume.to_str().ok_or("path")?,
                "--job",
                &rust,
            ],
            "resume is empty",
        ),
        (
            vec![
                "--resume",
                &resume,
                "--job",
                benefits_only.to_str().ok_or("path")?,
            ],
            "benefits.txt",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["match"];
        all.extend(args);
        let output = jobdelta(&all, b"")?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(stderr.contains(expected), "{stderr}");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn preprocessing_modes_reproduce_the_reference_cosines() -> TestResult {
    let reference: Value = serde_json::from_str(REFERENCE_JSON)?;
    let entries = reference["entries"].as_array().ok_or("entries")?;
    let text_of = |name: &str| -> Result<String, Box<dyn std::error::Error>> {
        Ok(entries
            .iter()
            .find(|e| e["name"] == name)
            .and_then(|e| e["text"].as_str())
            .ok_or(format!("no reference entry {name}"))?
            .to_owned())
    };
    let originals: Vec<String> = ["s1", "s2", "s3"]
        .iter()
        .map(|n| text_of(n))
        .collect::<Result<_, _>>()?;
    let stdin = originals.join("\n").into_bytes();
    let cases = [
        ("none", "cosine_matrix_s1_s2_s3", None),
        (
            "nltk-stop-words",
            "cosine_matrix_s1_s2_s3_nltk",
            Some("_nltk"),
        ),
        (
            "nltk-spacy-stop-words",
            "cosine_matrix_s1_s2_s3_nltk_spacy",
            Some("_nltk_spacy"),
        ),
    ];
    for (mode, matrix_key, suffix) in cases {
        let lines = json_lines(&jobdelta(&["embed", "--preprocess", mode, "-"], &stdin)?)?;
        let matrix = &reference[matrix_key];
        let matrix = matrix.get("matrix").unwrap_or(matrix);
        let vectors: Vec<Vec<f64>> = lines
            .iter()
            .map(|l| {
                l["embedding"]
                    .as_array()
                    .map(|v| v.iter().filter_map(Value::as_f64).collect())
                    .unwrap_or_default()
            })
            .collect();
        for i in 0..3 {
            if let Some(suffix) = suffix {
                assert_eq!(
                    lines[i]["preprocessed"].as_str(),
                    Some(text_of(&format!("s{}{suffix}", i + 1))?.as_str()),
                    "{mode}: the preprocessed text is the reference's"
                );
            }
            for j in 0..3 {
                let cosine: f64 = vectors[i].iter().zip(&vectors[j]).map(|(a, b)| a * b).sum();
                let expected = matrix[i][j].as_f64().ok_or("matrix value")?;
                assert!(
                    (cosine - expected).abs() < 2e-5,
                    "{mode} s{}·s{}: {cosine} vs reference {expected}",
                    i + 1,
                    j + 1
                );
            }
        }
    }
    Ok(())
}

#[test]
fn match_learns_from_marks_given_on_the_command_line() -> TestResult {
    let unmarked = match_json(&[])?;
    assert!(unmarked["learning"].is_null());
    assert!(
        unmarked["posts"][0].get("vectors").is_none(),
        "vectors stay out of the JSON"
    );
    // This person wants data work, not the Rust backend job.
    let marked = match_json(&["--fit", "2", "--not-for-me", "3"])?;
    let learning = &marked["learning"];
    assert_eq!(learning["marked_fit"], 1);
    assert_eq!(learning["marked_not"], 1);
    assert_eq!(learning["features"].as_array().ok_or("features")?.len(), 5);
    let posts = marked["posts"].as_array().ok_or("posts")?;
    assert_eq!(posts[1]["mark"], true);
    assert_eq!(posts[2]["mark"], false);
    assert!(posts[0]["mark"].is_null());
    let fit = |p: &Value, key: &str| p[key].as_f64().unwrap_or(f64::NAN);
    // The zero-shot fit is kept; the learned fit moves with the marks.
    assert_eq!(
        fit(&posts[1], "zero_shot_fit"),
        fit(&unmarked["posts"][1], "fit")
    );
    assert!(fit(&posts[1], "fit") > fit(&posts[1], "zero_shot_fit"));
    // A post capped by a hard requirement it lacks stays at its cap, marked or not.
    match posts[2]["fit_cap"]["max_fit"].as_f64() {
        None => assert!(fit(&posts[2], "fit") < fit(&posts[2], "zero_shot_fit")),
        Some(cap) => {
            assert!(fit(&posts[2], "fit") <= fit(&posts[2], "zero_shot_fit"));
            assert!(fit(&posts[2], "fit") <= cap);
        }
    }

    let resume = report_fixture("resume.md");
    let rust = report_fixture("post-rust-backend.txt");
    for (args, expected) in [
        (vec!["--fit", "4"], "--fit 4: there are 1 posts"),
        (vec!["--fit", "1", "--not-for-me", "1"], "marked both"),
    ] {
        let mut all = vec!["match", "--resume", &resume, "--job", &rust];
        all.extend(args);
        let output = jobdelta(&all, b"")?;
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
    Ok(())
}

#[test]
fn trust_measures_a_labeled_set() -> TestResult {
    let set = format!("{}/tests/data/trust", env!("CARGO_MANIFEST_DIR"));
    let output = jobdelta(&["trust", "--set", &set, "--json"], b"")?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let figures: Value = serde_json::from_slice(&output.stdout)?;
    let verdicts = &figures["verdicts"];
    assert_eq!(verdicts["pairs"], 4);
    assert_eq!(
        verdicts["order"],
        serde_json::json!(["fit", "stretch", "not_qualified"])
    );
    let confusion: Vec<Vec<u64>> = serde_json::from_value(verdicts["confusion"].clone())?;
    assert_eq!(confusion.len(), 3);
    assert!(confusion.iter().all(|row| row.len() == 3));
    assert_eq!(confusion.iter().flatten().sum::<u64>(), 4);
    // Rows are the recruiter's verdicts: two fit, two not qualified.
    let rows: Vec<u64> = confusion.iter().map(|row| row.iter().sum()).collect();
    assert_eq!(rows, [2, 0, 2]);
    let all = verdicts["all"].as_array().ok_or("all")?;
    assert_eq!(all.len(), 4);
    let agreeing = all
        .iter()
        .filter(|p| p["jobdelta"] == p["recruiter"])
        .count();
    let exact = verdicts["exact_agreement"].as_f64().ok_or("exact")?;
    assert!((exact - agreeing as f64 / 4.0).abs() < 1e-9);
    for p in all {
        let fit = p["fit"].as_f64().ok_or("fit")?;
        assert!((0.0..=100.0).contains(&fit));
    }
    // Each resume ran with its paired posts and again with every post: same fits.
    assert!(verdicts["max_fit_change_with_other_posts"].as_f64() < Some(1e-4));
    for key in ["auc_fit_vs_rest", "auc_not_qualified_vs_rest"] {
        let auc = verdicts[key].as_f64().ok_or(key)?;
        assert!((0.0..=1.0).contains(&auc), "{key}: {auc}");
    }
    // A driver against a backend post and back: cross-trade pairs, both not qualified.
    let calibration = &figures["calibration"];
    assert_eq!(calibration["cross_trade_pairs"], 2);
    assert_eq!(calibration["cross_trade_pairs_not_qualified"], 2);
    let other = &calibration["other_trade"];
    assert!(other["values"].as_u64() > Some(5));
    assert_eq!(calibration["threshold"], other["p95"]);
    let p90 = other["p90"].as_f64().ok_or("p90")?;
    let p99 = other["p99"].as_f64().ok_or("p99")?;
    let threshold = calibration["threshold"].as_f64().ok_or("threshold")?;
    assert!(p90 <= threshold && threshold <= p99);
    // Parsing: one row per kind plus the total, counted against the 8 labelled items.
    let kinds = figures["parsing"]["requirements"]
        .as_array()
        .ok_or("requirements")?;
    assert_eq!(kinds.len(), 10);
    assert_eq!(kinds[9]["kind"], "all");
    assert_eq!(kinds[9]["labelled"], 8);
    let missed = figures["parsing"]["missed"].as_array().ok_or("missed")?;
    assert_eq!(kinds[9]["matched"].as_u64(), Some(8 - missed.len() as u64));
    let resumes = &figures["parsing"]["resumes"];
    assert_eq!(resumes["resumes"], 2);
    assert_eq!(resumes["degrees_labelled"], 2);
    assert_eq!(resumes["per_resume"].as_array().map(Vec::len), Some(2));
    Ok(())
}

#[test]
fn map_places_every_resume_sentence_and_requirement() -> TestResult {
    let report = match_json(&[])?;
    let resume = report_fixture("resume.md");
    let rust = report_fixture("post-rust-backend.txt");
    let data = report_fixture("post-data-engineer.txt");
    let ios = report_fixture("post-ios.md");
    let svg = std::env::temp_dir().join(format!("jobdelta-map-test-{}.svg", std::process::id()));
    let svg_arg = svg.to_string_lossy().into_owned();
    let output = jobdelta(
        &[
            "map", "--resume", &resume, "--job", &ios, "--job", &data, "--job", &rust, "--json",
            "--svg", &svg_arg,
        ],
        b"",
    )?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let map: Value = serde_json::from_slice(&output.stdout)?;
    let points = map["points"].as_array().ok_or("points")?;
    // The same sentences the match report lists: its resume, then each post's requirements.
    let resume_count = report["resume"].as_array().ok_or("resume")?.len();
    let mut expected: Vec<(Option<u64>, &str)> = vec![];
    for s in report["resume"].as_array().ok_or("resume")? {
        expected.push((None, s["text"].as_str().ok_or("text")?));
    }
    for (i, post) in report["posts"]
        .as_array()
        .ok_or("posts")?
        .iter()
        .enumerate()
    {
        for r in post["requirements"].as_array().ok_or("requirements")? {
            expected.push((Some(i as u64), r["text"].as_str().ok_or("text")?));
        }
    }
    let found: Vec<(Option<u64>, &str)> = points
        .iter()
        .map(|p| (p["post"].as_u64(), p["text"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(found, expected);
    for (i, p) in points.iter().enumerate() {
        let kind = if i < resume_count {
            "resume"
        } else {
            "requirement"
        };
        assert_eq!(p["kind"], kind, "{p}");
        assert!(p["x"].as_f64().is_some_and(f64::is_finite), "{p}");
        assert!(p["y"].as_f64().is_some_and(f64::is_finite), "{p}");
    }
    assert!(map["method"].as_str().is_some_and(|m| m.contains("t-SNE")));
    // 31 points: k = 10 is a third of them, so the figure says little here (docs/quality.md
    // has it on real posts); it must still be a trustworthiness.
    let trust = map["trustworthiness"].as_f64().ok_or("trustworthiness")?;
    assert!((0.5..=1.0).contains(&trust), "{trust}");
    let picture = std::fs::read_to_string(&svg)?;
    std::fs::remove_file(&svg)?;
    // One dot per point plus the legend's two.
    assert_eq!(picture.matches("<circle").count(), points.len() + 2);

    // Same points with the PCA layout alone.
    let output = jobdelta(
        &[
            "map", "--resume", &resume, "--job", &ios, "--job", &data, "--job", &rust, "--json",
            "--method", "pca",
        ],
        b"",
    )?;
    let pca: Value = serde_json::from_slice(&output.stdout)?;
    assert!(pca["method"].as_str().is_some_and(|m| m.starts_with("PCA")));
    assert_eq!(pca["points"].as_array().map(Vec::len), Some(points.len()));
    assert_ne!(pca["points"][0]["x"], map["points"][0]["x"]);
    Ok(())
}

/// `jobdelta skills --text FILE [--method M] --json`, parsed: (name, surface) per skill.
fn skills_of(
    text: &str,
    method: &str,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let path = std::env::temp_dir().join(format!(
        "jobdelta-skills-{}-{method}.txt",
        std::process::id()
    ));
    std::fs::write(&path, text)?;
    let output = jobdelta(
        &[
            "skills",
            "--text",
            path.to_str().ok_or("path")?,
            "--method",
            method,
            "--json",
        ],
        b"",
    )?;
    std::fs::remove_file(&path)?;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout)?;
    let mut found = Vec::new();
    for skill in value["skills"].as_array().ok_or("skills")? {
        let start = skill["start"].as_u64().ok_or("start")? as usize;
        let end = skill["end"].as_u64().ok_or("end")? as usize;
        let surface = text.get(start..end).ok_or("span off the text")?;
        found.push((
            skill["name"].as_str().ok_or("name")?.to_owned(),
            surface.to_owned(),
        ));
    }
    Ok(found)
}

#[test]
fn skills_are_judged_in_context() -> TestResult {
    let text = "Our go to market team is growing fast and we are hiring across every region this \
                year, from sales to support to finance and legal, in all of our offices.\n\
                Requirements: five years of backend development in Golang and PostgreSQL, with \
                Kubernetes in production.\n";
    let judged = skills_of(text, "context-curated")?;
    let every_hit = skills_of(text, "vocabulary")?;
    // Aliases on top: "Golang" is Go, whichever list found it.
    for (name, surface) in [
        ("Go", "Golang"),
        ("PostgreSQL", "PostgreSQL"),
        ("Kubernetes", "Kubernetes"),
    ] {
        let pair = (name.to_owned(), surface.to_owned());
        assert!(
            judged.contains(&pair) && every_hit.contains(&pair),
            "{name}: {judged:?}"
        );
    }
    // The vocabulary alone takes the "go" of "go to market" and plain words; the classifier
    // rejects them.
    for plain in ["go", "finance", "legal"] {
        assert!(
            every_hit.iter().any(|(_, s)| s == plain),
            "{plain}: {every_hit:?}"
        );
        assert!(
            judged.iter().all(|(_, s)| s != plain),
            "{plain}: {judged:?}"
        );
    }
    Ok(())
}

#[test]
fn progress_shows_what_a_new_resume_version_covers() -> TestResult {
    // The new version adds an iOS accomplishment: the iOS post's fit rises, its Swift
    // requirement is newly covered, and nothing the old version covered is lost.
    let old = report_fixture("resume.md");
    let new = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("resume-with-ios.md");
    std::fs::write(
        &new,
        std::fs::read_to_string(&old)?.replace(
            "## Education",
            "- Built and shipped three iOS apps in Swift and SwiftUI to the App Store over four years.\n\n## Education",
        ),
    )?;
    let new = new.to_string_lossy().into_owned();
    let ios = report_fixture("post-ios.md");
    let rust = report_fixture("post-rust-backend.txt");
    let output = jobdelta(
        &[
            "progress", "--resume", &old, "--resume", &new, "--job", &ios, "--job", &rust, "--json",
        ],
        b"",
    )?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout)?;
    let versions = json["versions"].as_array().ok_or("versions")?;
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["label"], "resume.md");
    assert_eq!(versions[1]["label"], "resume-with-ios.md");
    let fit_of = |version: &Value, title: &str| -> Option<f64> {
        version["posts"]
            .as_array()?
            .iter()
            .find(|p| p["title"] == title)?["fit"]
            .as_f64()
    };
    let (before, after) = (
        fit_of(&versions[0], "iOS Developer").ok_or("iOS fit before")?,
        fit_of(&versions[1], "iOS Developer").ok_or("iOS fit after")?,
    );
    assert!(after > before, "iOS fit {before} -> {after}");
    let changes = json["changes"].as_array().ok_or("changes")?;
    let ios_change = changes
        .iter()
        .find(|c| c["title"] == "iOS Developer")
        .ok_or("a change for the iOS post")?;
    assert_eq!(ios_change["from"], "resume.md");
    assert_eq!(ios_change["to"], "resume-with-ios.md");
    let newly: Vec<&str> = ios_change["newly_covered"]
        .as_array()
        .ok_or("newly_covered")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(newly.iter().any(|r| r.contains("Swift")), "{newly:?}");
    assert!(changes
        .iter()
        .all(|c| c["no_longer_covered"].as_array().is_some_and(Vec::is_empty)));

    // One version is not progress: the command says what it needs.
    let output = jobdelta(&["progress", "--resume", &old, "--job", &ios], b"")?;
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least two versions"));
    Ok(())
}

fn interview_fixture(name: &str) -> String {
    format!(
        "{}/../../fixtures/interview/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `stories --json` carries the themes both ways round (each theme's stories, each story's
/// theme), consistently; `--no-themes` needs no model; without a model it says what to do.
#[test]
fn stories_json_carries_themes() -> TestResult {
    let brag = interview_fixture("brag-teacher.md");
    let output = jobdelta(&["stories", "--resume", &brag, "--json"], b"")?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout)?;
    let stories = json["stories"].as_array().ok_or("stories")?;
    let themes = json["themes"].as_array().ok_or("themes")?;
    assert!(!themes.is_empty() && themes.len() < stories.len());
    for (index, theme) in themes.iter().enumerate() {
        assert_eq!(theme["id"], index);
        assert!(!theme["label"].as_str().ok_or("label")?.is_empty());
        for story in theme["stories"].as_array().ok_or("theme stories")? {
            let story = story.as_u64().ok_or("story id")? as usize;
            assert_eq!(stories[story]["themes"], serde_json::json!([index]));
        }
    }
    // Every story of this document has statements, so every one has a theme.
    assert!(stories
        .iter()
        .all(|s| s["themes"].as_array().is_some_and(|t| t.len() == 1)));

    let plain = jobdelta(
        &["stories", "--resume", &brag, "--json", "--no-themes"],
        b"",
    )?;
    let plain: Value = serde_json::from_slice(&plain.stdout)?;
    assert_eq!(plain["themes"], serde_json::json!([]));
    assert_eq!(
        plain["stories"].as_array().map(Vec::len),
        Some(stories.len())
    );

    let nowhere = std::env::temp_dir().join("jobdelta-no-model-here");
    let refused = jobdelta(
        &[
            "stories",
            "--resume",
            &brag,
            "--model",
            &nowhere.to_string_lossy(),
        ],
        b"",
    )?;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--no-themes"));
    Ok(())
}

fn posture_fixture(name: &str) -> String {
    format!(
        "{}/../../fixtures/posture/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `posture --json` groups the 48 posts of fixtures/posture into families named by the table's
/// ids, keeps every non-technical post out of the technical families, and gives each family
/// requirements and skills with shares in (0, 1], a coverage in [0, 1] and a standing;
/// `--labelled` prints the agreement with the hand-marked families.
#[test]
fn posture_groups_posts_into_families() -> TestResult {
    let (resume, posts, labels) = (
        posture_fixture("resume.md"),
        posture_fixture("posts.jsonl"),
        posture_fixture("labels.tsv"),
    );
    let output = jobdelta(
        &["posture", "--resume", &resume, "--posts", &posts, "--json"],
        b"",
    )?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout)?;
    let groups = json["groups"].as_array().ok_or("groups")?;
    let technical: std::collections::HashMap<String, bool> = std::fs::read_to_string(&labels)?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Some((cells.first()?.to_string(), *cells.get(2)? == "yes"))
        })
        .collect();
    let mut seen = 0;
    for group in groups {
        let ids: Vec<&str> = group["posts"]
            .as_array()
            .ok_or("posts")?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        seen += ids.len();
        let kinds: std::collections::HashSet<bool> = ids
            .iter()
            .filter_map(|id| technical.get(*id).copied())
            .collect();
        assert_eq!(kinds.len(), 1, "a group mixes trades: {group}");
        assert!(!group["label"].as_str().unwrap_or_default().is_empty());
        let coverage = group["coverage"].as_f64().ok_or("coverage")?;
        assert!((0.0..=1.0).contains(&coverage), "{coverage}");
        for item in group["requirements"]
            .as_array()
            .ok_or("requirements")?
            .iter()
            .chain(group["skills"].as_array().ok_or("skills")?)
        {
            let share = item["share"].as_f64().ok_or("share")?;
            assert!(share > 0.0 && share <= 1.0, "{item}");
        }
        assert!(group["standing"]["rank"].as_u64().is_some_and(|r| r >= 1));
    }
    assert_eq!(seen, 48);
    let nurses = groups
        .iter()
        .find(|g| {
            g["posts"]
                .as_array()
                .is_some_and(|p| p.iter().any(|id| id == "p39"))
        })
        .ok_or("the first nurse's group")?;
    assert!(
        nurses["label"]
            .as_str()
            .unwrap_or_default()
            .contains("Nurse"),
        "{nurses}"
    );

    let output = jobdelta(
        &[
            "posture",
            "--resume",
            &resume,
            "--posts",
            &posts,
            "--labelled",
            &labels,
        ],
        b"",
    )?;
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("ARI") && text.contains("(default)"), "{text}");
    Ok(())
}

const L3_REFERENCE_JSON: &str =
    include_str!("../../../fixtures/reference/paraphrase-minilm-l3-v2-reference.json");

#[test]
fn models_lists_the_registry_and_what_is_installed() -> TestResult {
    let output = jobdelta(&["models", "--json"], b"")?;
    let models: Vec<Value> = serde_json::from_slice(&output.stdout)?;
    let names: Vec<&str> = models.iter().filter_map(|m| m["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "all-MiniLM-L6-v2",
            "paraphrase-MiniLM-L3-v2",
            "all-mpnet-base-v2"
        ]
    );
    // The tests run on installed models (scripts/fetch-model installs all three; it leaves
    // all-mpnet-base-v2 out only when JOBDELTA_SKIP_MPNET is set).
    let skip_mpnet = std::env::var_os("JOBDELTA_SKIP_MPNET").is_some();
    assert!(
        models
            .iter()
            .all(|m| m["installed"] == true || (skip_mpnet && m["name"] == "all-mpnet-base-v2")),
        "{models:?}"
    );
    assert_eq!(models[0]["default"], true);
    assert_eq!(
        (models[1]["max_seq_len"].as_u64(), &models[1]["normalize"]),
        (Some(128), &Value::Bool(false))
    );
    assert_eq!(
        (
            models[2]["architecture"].as_str(),
            models[2]["layers"].as_u64(),
            models[2]["dim"].as_u64(),
            models[2]["max_seq_len"].as_u64()
        ),
        (Some("mpnet"), Some(12), Some(768), Some(384))
    );
    let table = String::from_utf8(jobdelta(&["models"], b"")?.stdout)?;
    assert!(table.contains("all-MiniLM-L6-v2 (default)") && table.contains("Apache-2.0"));
    Ok(())
}

/// `--model NAME` embeds with that model: unit vectors along the ONNX reference's.
#[test]
fn embed_with_the_second_model_matches_its_reference() -> TestResult {
    let mut entries = serde_json::from_str::<Fixture>(L3_REFERENCE_JSON)?.entries;
    entries.retain(|e| !e.text.trim().is_empty() && !e.text.contains(['\n', '\r']));
    let output = jobdelta(
        &["embed", "--model", "paraphrase-MiniLM-L3-v2", "-"],
        &stdin_of(&entries),
    )?;
    let lines = json_lines(&output)?;
    assert_eq!(lines.len(), entries.len());
    for (line, entry) in lines.iter().zip(&entries) {
        let vector: Vec<f32> = serde_json::from_value(line["embedding"].clone())?;
        let cosine = jobdelta_encoder::cosine_similarity(&vector, &entry.embedding);
        assert!(cosine >= 0.99999, "{}: cosine {cosine}", entry.name);
        assert_eq!(line["n_tokens"].as_u64(), Some(entry.n_tokens as u64));
        let length = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
        assert!(
            (length - 1.0).abs() < 1e-5,
            "{}: |v| = {length}",
            entry.name
        );
    }
    Ok(())
}

const MPNET_REFERENCE_JSON: &str =
    include_str!("../../../fixtures/reference/all-mpnet-base-v2-reference.json");

/// `--model models/web/all-mpnet-base-v2` reads the browser's split copy (f16 weights in 24 MiB
/// parts, joined and sha256-checked) and embeds like the reference: the app's MPNet numbers can
/// be checked against the CLI's.
#[test]
fn embed_reads_the_split_browser_copy_of_mpnet() -> TestResult {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/web/all-mpnet-base-v2");
    if !dir.join("model.f16.safetensors.part-000").is_file() {
        assert!(
            std::env::var_os("JOBDELTA_SKIP_MPNET").is_some(),
            "{} has no browser copy of all-mpnet-base-v2: run scripts/fetch-model (or set JOBDELTA_SKIP_MPNET=1 to skip)",
            dir.display()
        );
        eprintln!("skipped: JOBDELTA_SKIP_MPNET is set and all-mpnet-base-v2's browser copy is not installed");
        return Ok(());
    }
    let mut entries = serde_json::from_str::<Fixture>(MPNET_REFERENCE_JSON)?.entries;
    entries.retain(|e| !e.text.trim().is_empty() && !e.text.contains(['\n', '\r']));
    entries.truncate(24);
    let model = dir.to_str().ok_or("utf-8 model path")?;
    let output = jobdelta(
        &["embed", "--model", model, "--precision", "f32", "-"],
        &stdin_of(&entries),
    )?;
    let lines = json_lines(&output)?;
    assert_eq!(lines.len(), entries.len());
    let mut worst = 1.0_f32;
    for (line, entry) in lines.iter().zip(&entries) {
        let vector: Vec<f32> = serde_json::from_value(line["embedding"].clone())?;
        assert_eq!(vector.len(), 768);
        assert_eq!(line["n_tokens"].as_u64(), Some(entry.n_tokens as u64));
        worst = worst.min(jobdelta_encoder::cosine_similarity(
            &vector,
            &entry.embedding,
        ));
    }
    // f16 weights hold the f32 file's parity bound (measured: min cosine 0.9999987 on these
    // 24 texts).
    assert!(worst >= 0.9999, "min cosine {worst}");
    eprintln!("all-mpnet-base-v2's split browser copy vs the reference: min cosine {worst:.7}");
    Ok(())
}

#[test]
fn compare_two_models_on_the_same_posts() -> TestResult {
    let resume = report_fixture("resume.md");
    let rust = report_fixture("post-rust-backend.txt");
    let data = report_fixture("post-data-engineer.txt");
    let ios = report_fixture("post-ios.md");
    let output = jobdelta(
        &[
            "compare",
            "--model",
            "all-MiniLM-L6-v2",
            "--model",
            "paraphrase-MiniLM-L3-v2",
            "--resume",
            &resume,
            "--job",
            &ios,
            "--job",
            &data,
            "--job",
            &rust,
            "--json",
        ],
        b"",
    )?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let c: Value = serde_json::from_slice(&output.stdout)?;
    assert_eq!(c["posts"], 3);
    let tau = c["kendall_tau"].as_f64().ok_or("τ is defined")?;
    assert!((-1.0..=1.0).contains(&tau), "{tau}");
    assert_eq!(c["sides"][0]["model"], "all-MiniLM-L6-v2");
    assert_eq!(c["sides"][1]["model"], "paraphrase-MiniLM-L3-v2");
    let requirements = c["requirements"].as_u64().ok_or("a count")?;
    let changed = c["changed"].as_array().ok_or("a list")?;
    assert!(requirements > 0 && changed.len() as u64 <= requirements);
    assert!(changed.iter().all(|x| x["first"] != x["second"]));
    // Both read the same vocabulary, so they shatter the same words.
    assert_eq!(
        c["sides"][0]["shattered_resume_words"],
        c["sides"][1]["shattered_resume_words"]
    );
    // The report names the model it was computed with.
    let report = match_json(&["--model", "paraphrase-MiniLM-L3-v2"])?;
    assert_eq!(
        report["model"],
        "sentence-transformers/paraphrase-MiniLM-L3-v2"
    );
    let same = jobdelta(
        &[
            "compare",
            "--model",
            "all-MiniLM-L6-v2",
            "--model",
            "all-MiniLM-L6-v2",
            "--resume",
            &resume,
            "--job",
            &rust,
        ],
        b"",
    )?;
    assert!(!same.status.success());
    Ok(())
}

/// The sentence feedback marks a sentence cut where the chosen model stops reading: 150 word
/// pieces fit all-MiniLM-L6-v2's 256 but not paraphrase-MiniLM-L3-v2's 128.
#[test]
fn feedback_cuts_sentences_at_the_chosen_models_length() -> TestResult {
    let dir = std::env::temp_dir().join(format!("jobdelta-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let resume = dir.join("resume.txt");
    let long = "reliable data pipelines ".repeat(50);
    std::fs::write(
        &resume,
        format!("Experience\n- Trained PyTorch models for ranking.\n- Built {long}\n"),
    )?;
    let resume = resume.display().to_string();
    let post = report_fixture("post-data-engineer.txt");
    let mut truncated = Vec::new();
    for model in ["all-MiniLM-L6-v2", "paraphrase-MiniLM-L3-v2"] {
        let output = jobdelta(
            &[
                "match", "--model", model, "--resume", &resume, "--job", &post, "--json",
            ],
            b"",
        )?;
        assert!(
            output.status.success(),
            "stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report: Value = serde_json::from_slice(&output.stdout)?;
        let feedback = report["sentence_feedback"]
            .as_array()
            .ok_or("sentence_feedback")?;
        let long = feedback
            .iter()
            .find(|f| f["text"].as_str().is_some_and(|t| t.starts_with("Built")))
            .ok_or("the long sentence has feedback")?;
        assert!(long["n_tokens"].as_u64() > Some(128) && long["n_tokens"].as_u64() < Some(256));
        truncated.push((long["truncated"].clone(), long["cut_at"].is_null()));
    }
    std::fs::remove_dir_all(&dir)?;
    assert_eq!(
        truncated,
        [(Value::Bool(false), true), (Value::Bool(true), false)]
    );
    Ok(())
}

/// A resume kept as a PDF (printed by Chromium, two columns) reads as its text in every
/// command (here `stories`, which needs no model); a ZIP that is no Word document is refused
/// with a line naming the file and the problem.
#[test]
fn a_resume_as_pdf_or_docx() -> TestResult {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/documents");
    let pdf = format!("{folder}/two-column.pdf");
    let output = jobdelta(&["stories", "--resume", &pdf, "--json", "--no-themes"], b"")?;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout)?;
    let sentences: Vec<&str> = json["stories"]
        .as_array()
        .ok_or("stories")?
        .iter()
        .flat_map(|s| s["sentences"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert!(
        sentences.contains(
            &"Migrated 120 nightly batch jobs from cron scripts to Airflow, cutting failed runs by 70%."
        ),
        "{sentences:?}"
    );

    let not_docx = std::env::temp_dir().join("jobdelta-test-not-a-docx.docx");
    std::fs::write(&not_docx, b"PK\x03\x04 not really a zip")?;
    let refused = jobdelta(
        &[
            "stories",
            "--resume",
            &not_docx.to_string_lossy(),
            "--no-themes",
        ],
        b"",
    )?;
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("jobdelta-test-not-a-docx.docx is a damaged Word document"),
        "{message}"
    );
    Ok(())
}
