//! The report from prepared texts and hand-made embeddings: no model needed, so every number
//! below is known exactly.

mod support;

use jobdelta_matching::{
    build_model_report, build_report, fit_of_score, prepare, prepare_for_model, prepare_on,
    CheckStatus, Coverage, EmbeddingMismatch, FitLabel, PostText, Prepared, ProblemPlace, Report,
    SeenPieces, Thresholds, Verdict, WordPieces, LACKING_MAX_FIT, MAX_PIECES,
};
use jobdelta_text::{SectionKind, YearMonth};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Topics the toy embedding knows; a sentence's vector mixes the topics it mentions.
const TOPICS: [&str; 6] = ["rust", "python", "kubernetes", "team", "sql", "design"];

/// The toy embedding over [`TOPICS`] of every text `prepared` asks for.
fn embed(prepared: &Prepared) -> Vec<Vec<f32>> {
    prepared
        .texts_to_embed
        .iter()
        .map(|t| support::toy_embedding(&TOPICS, t))
        .collect()
}

/// A toy tokenizer: each lower-case word in chunks of three letters ("kubernetes" → "kub",
/// "##ern", "##ete", "##s"), so words of seven letters or more are "shattered".
struct Chunks;

impl WordPieces for Chunks {
    fn pieces(&self, text: &str) -> Vec<String> {
        text.split_whitespace()
            .flat_map(|word| {
                let chars: Vec<char> = word.to_lowercase().chars().collect();
                chars
                    .chunks(3)
                    .enumerate()
                    .map(|(i, c)| {
                        let piece: String = c.iter().collect();
                        if i == 0 {
                            piece
                        } else {
                            format!("##{piece}")
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn seen(&self, text: &str) -> SeenPieces {
        SeenPieces {
            n_pieces: self.pieces(text).len() + 2,
            cut_at: None,
        }
    }
}

fn post(text: &str) -> PostText {
    PostText {
        title: None,
        text: text.to_owned(),
    }
}

const RESUME: &str = "Experience\n\
- Built a Rust service that handles payments for two million users.\n\
- Led a team of five engineers through a rewrite.\n\
- Wrote Python scripts for reporting.\n";

const RUST_POST: &str = "Senior Rust Engineer\n\
\n\
Requirements:\n\
- Five years of Rust in production.\n\
- Experience leading a team of engineers.\n\
\n\
Nice to have:\n\
- Kubernetes operations experience.\n\
\n\
Benefits:\n\
- Unlimited paid time off and a generous health plan.\n";

const DATA_POST: &str = "Data Analyst\n\
\n\
Requirements:\n\
- Advanced SQL for analytics.\n\
- Kubernetes experience running data pipelines.\n\
- Strong design sense for dashboards.\n";

fn report() -> Result<Report, Box<dyn std::error::Error>> {
    report_of(&[post(DATA_POST), post(RUST_POST)])
}

/// The report of [`RESUME`] against `posts` with the toy embedding and default thresholds.
fn report_of(posts: &[PostText]) -> Result<Report, Box<dyn std::error::Error>> {
    report_with(RESUME, posts)
}

#[test]
fn the_post_the_resume_covers_ranks_first() -> TestResult {
    let report = report()?;
    assert_eq!(report.ranking, vec![1, 0]);
    let rust = &report.posts[1];
    assert_eq!(rust.title, "Senior Rust Engineer");
    assert_eq!(rust.rank, 1);
    assert_eq!(rust.percentile, Some(100.0));
    assert_eq!(report.posts[0].percentile, Some(0.0));
    assert!(rust.fit > report.posts[0].fit);
    assert!((0.0..=100.0).contains(&rust.fit));
    Ok(())
}

#[test]
fn requirements_carry_sections_statuses_and_evidence() -> TestResult {
    let report = report()?;
    let rust = &report.posts[1];
    let texts: Vec<(&str, SectionKind, Coverage)> = rust
        .requirements
        .iter()
        .map(|r| (r.text.as_str(), r.section, r.status))
        .collect();
    assert_eq!(
        texts,
        vec![
            (
                "Five years of Rust in production.",
                SectionKind::Required,
                Coverage::Covered
            ),
            (
                "Experience leading a team of engineers.",
                SectionKind::Required,
                Coverage::Covered
            ),
            (
                "Kubernetes operations experience.",
                SectionKind::Preferred,
                Coverage::Missing
            ),
        ]
    );
    let first = &rust.requirements[0];
    assert_eq!(first.evidence.len(), 3, "the best three resume sentences");
    assert!(first.evidence[0].resume_sentence.contains("Rust service"));
    assert!(first.evidence.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(first.best_score, first.evidence[0].score);
    assert!(first.evidence[0].shared_words.contains(&"rust".to_owned()));
    // The benefits line is not a requirement, but it is counted as ignored.
    assert_eq!(rust.ignored_sentences, 1);
    assert_eq!(rust.breakdown.must_haves, 2);
    assert_eq!(rust.breakdown.must_haves_covered, 2);
    Ok(())
}

#[test]
fn coverage_weighs_must_haves_more_than_nice_to_haves() -> TestResult {
    let report = report()?;
    let b = &report.posts[1].breakdown;
    // Two covered must-haves (weight 1 each) and one missing nice-to-have (0.4).
    assert!((b.weighted_coverage - 2.0 / 2.4).abs() < 1e-4, "{b:?}");
    assert_eq!(b.must_have_coverage, Some(1.0));
    assert_eq!(b.nice_to_have_coverage, Some(0.0));
    Ok(())
}

#[test]
fn experience_match_is_the_share_of_the_experience_a_post_asks_for() -> TestResult {
    let report = report()?;
    // The Rust post speaks to the Rust and the team sentences, not to the Python one.
    let rust = &report.posts[1];
    let em = rust.breakdown.experience_match;
    assert!((em - 2.0 / 3.0).abs() < 1e-5, "{em}");
    assert_eq!(rust.signals.experience_match, em);
    assert_eq!(rust.breakdown.sentences_used, 2);
    assert_eq!(rust.experience_scores.len(), report.resume.len());
    assert_eq!(report.posts[0].breakdown.experience_match, 0.0);
    Ok(())
}

#[test]
fn the_fit_combines_the_three_signals() -> TestResult {
    let report = report()?;
    for post in &report.posts {
        let signals = post.signals;
        assert!(
            signals.title_similarity.is_some(),
            "both posts have a title line"
        );
        assert_eq!(post.fit, fit_of_score(signals.zero_shot_score()));
        assert_eq!(post.fit, post.zero_shot_fit, "no marks yet");
    }
    let (data, rust) = (&report.posts[0].signals, &report.posts[1].signals);
    assert!(rust.overall_similarity > data.overall_similarity);
    // "Senior Rust Engineer" names a topic of the resume; "Data Analyst" none.
    assert!(rust.title_similarity > data.title_similarity);
    Ok(())
}

#[test]
fn resume_sentences_list_what_they_speak_to_and_what_matches_nothing() -> TestResult {
    let report = report()?;
    let rust_line = &report.resume[0];
    assert_eq!(rust_line.best[0].post_index, 1);
    assert_eq!(
        rust_line.best[0].requirement,
        "Five years of Rust in production."
    );
    assert!(!rust_line.matches_nothing);
    let python_line = &report.resume[2];
    assert!(python_line.matches_nothing, "no post asks for Python");
    assert_eq!(report.summary.unmatched_resume_sentences, 1);
    Ok(())
}

/// The summary's gaps, most important first, by requirement text.
fn top_gaps(report: &Report) -> Vec<&str> {
    report
        .summary
        .top_gaps
        .iter()
        .map(|g| g.requirement.as_str())
        .collect()
}

#[test]
fn gaps_put_must_haves_first_and_strongest_posts_follow_the_ranking() -> TestResult {
    let report = report()?;
    let gaps = top_gaps(&report);
    assert_eq!(gaps.len(), 4, "{gaps:?}");
    assert_eq!(gaps[3], "Kubernetes operations experience.");
    assert!(report.summary.top_gaps[..3]
        .iter()
        .all(|g| g.section == SectionKind::Required));
    assert_eq!(report.summary.strongest_posts, vec![1, 0]);
    assert_eq!(report.summary.must_haves, 5);
    assert_eq!(report.summary.must_haves_covered, 2);
    Ok(())
}

#[test]
fn new_thresholds_change_statuses_fit_and_rank_without_the_model() -> TestResult {
    let mut report = report()?;
    // The toy embedding puts sentences on unrelated topics at cosine ≈ 0.08.
    let before = report.posts[0].fit;
    assert_eq!(report.posts[0].breakdown.experience_match, 0.0);
    report.apply_thresholds(Thresholds {
        covered: 0.5,
        partly: 0.05,
    });
    assert!(report.posts[0].breakdown.experience_match > 0.0);
    assert!(report.posts[0].fit > before);
    assert!(report.posts[0]
        .requirements
        .iter()
        .all(|r| r.status == Coverage::Partly));
    assert_eq!(report.thresholds.partly, 0.05);
    // Back to the defaults gives back the same report.
    report.apply_thresholds(Thresholds::default());
    assert_eq!(report, self::report()?);
    Ok(())
}

#[test]
fn the_same_sentence_is_embedded_once() -> TestResult {
    let prepared = prepare(RESUME, &[post(RUST_POST), post(RUST_POST)])?;
    let requirements = prepared.posts[0].requirements.len();
    let contexts = |sentences: &[jobdelta_matching::PreparedSentence]| {
        sentences
            .iter()
            .flat_map(|s| s.skill_candidates.iter().filter_map(|c| c.embedding))
            .collect::<std::collections::BTreeSet<usize>>()
    };
    let skill_contexts =
        contexts(&prepared.resume).len() + contexts(&prepared.posts[0].requirements).len();
    assert!(skill_contexts > 0);
    // The title is embedded once too, and so is each skill's context.
    assert_eq!(
        prepared.texts_to_embed.len(),
        prepared.resume.len() + requirements + 1 + skill_contexts
    );
    assert_eq!(
        contexts(&prepared.posts[0].requirements),
        contexts(&prepared.posts[1].requirements)
    );
    assert_eq!(
        prepared.posts[0].title_embedding,
        prepared.posts[1].title_embedding
    );
    let report = build_report(&prepared, &embed(&prepared), Thresholds::default(), &Chunks)?;
    assert_eq!(report.posts[0].fit, report.posts[1].fit);
    // Ties keep the order given.
    assert_eq!(report.ranking, vec![0, 1]);
    Ok(())
}

/// With a model whose vectors the skills classifier does not read, the skill hits' contexts
/// are not embedded (they would never be read), and the report is the same as when they were.
#[test]
fn another_model_embeds_no_skill_contexts() -> TestResult {
    const OTHER_MODEL: &str = "sentence-transformers/paraphrase-MiniLM-L3-v2";
    let posts = [post(DATA_POST), post(RUST_POST)];
    let today = YearMonth::new(2026, 12);
    let with_contexts = prepare_on(RESUME, &posts, today)?;
    let without = prepare_for_model(RESUME, &posts, today, OTHER_MODEL)?;
    let sentences = without.texts_to_embed.len();
    assert!(with_contexts.texts_to_embed.len() > sentences);
    assert_eq!(
        with_contexts.texts_to_embed[..sentences],
        without.texts_to_embed[..]
    );
    assert_eq!(with_contexts.sentence_texts(), &without.texts_to_embed[..]);
    assert_eq!(without.sentence_texts(), &without.texts_to_embed[..]);
    let hits = |prepared: &Prepared| {
        prepared
            .resume
            .iter()
            .chain(prepared.posts.iter().flat_map(|p| &p.requirements))
            .flat_map(|s| &s.skill_candidates)
            .map(|c| (c.name.clone(), c.range.clone(), c.embedding.is_some()))
            .collect::<Vec<_>>()
    };
    let (judged, unjudged) = (hits(&with_contexts), hits(&without));
    assert!(!judged.is_empty());
    assert!(judged.iter().all(|(_, _, context)| *context));
    assert!(unjudged.iter().all(|(_, _, context)| !*context));
    let names = |hits: &[(String, std::ops::Range<usize>, bool)]| {
        hits.iter()
            .map(|(name, range, _)| (name.clone(), range.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&judged), names(&unjudged));

    let report = |prepared: &Prepared| {
        build_model_report(
            prepared,
            &embed(prepared),
            Thresholds::default(),
            &Chunks,
            OTHER_MODEL.to_owned(),
        )
    };
    assert_eq!(report(&with_contexts)?, report(&without)?);
    Ok(())
}

#[test]
fn bad_inputs_are_reported_per_input() {
    let cases: [(&str, Vec<PostText>, Vec<ProblemPlace>); 4] = [
        ("", vec![post(RUST_POST)], vec![ProblemPlace::Resume]),
        (
            " \n\t",
            vec![],
            vec![ProblemPlace::Resume, ProblemPlace::Posts],
        ),
        (
            RESUME,
            vec![post(RUST_POST), post("   ")],
            vec![ProblemPlace::Post { index: 1 }],
        ),
        (
            RESUME,
            vec![post(
                "Benefits:\n- Free lunch every day for the whole team.\n- A generous pension plan.",
            )],
            vec![ProblemPlace::Post { index: 0 }],
        ),
    ];
    for (resume, posts, expected) in cases {
        match prepare(resume, &posts) {
            Ok(_) => panic!("{resume:?} / {} posts should be refused", posts.len()),
            Err(problems) => {
                let places: Vec<ProblemPlace> = problems.0.iter().map(|p| p.place).collect();
                assert_eq!(places, expected, "{problems}");
                assert!(problems.0.iter().all(|p| p.message.len() > 20));
            }
        }
    }
}

#[test]
fn a_huge_paste_is_refused_with_a_hint_not_analyzed() {
    let huge: String = (0..3_000)
        .map(|i| format!("- Requirement number {i} about Rust systems.\n"))
        .collect();
    let Err(problems) = prepare(RESUME, &[post(&format!("Requirements:\n{huge}"))]) else {
        panic!("3,000 requirements should be refused");
    };
    assert!(problems.0[0].message.contains("---"), "{problems}");
}

#[test]
fn embeddings_that_do_not_fit_are_errors() -> TestResult {
    let prepared = prepare(RESUME, &[post(RUST_POST)])?;
    let mut embeddings = embed(&prepared);
    embeddings.pop();
    assert!(matches!(
        build_report(&prepared, &embeddings, Thresholds::default(), &Chunks),
        Err(EmbeddingMismatch::Count { .. })
    ));
    let mut embeddings = embed(&prepared);
    embeddings[1].push(0.0);
    assert!(matches!(
        build_report(&prepared, &embeddings, Thresholds::default(), &Chunks),
        Err(EmbeddingMismatch::Dimensions { index: 1, .. })
    ));
    Ok(())
}

#[test]
fn the_report_round_trips_through_json() -> TestResult {
    let report = report()?;
    let json = serde_json::to_string(&report)?;
    let back: Report = serde_json::from_str(&json)?;
    assert_eq!(back, report);
    for field in [
        "\"title\"",
        "\"fit\"",
        "\"rank\"",
        "\"requirements\"",
        "\"section\"",
        "\"status\"",
        "\"evidence\"",
        "\"resume_sentence\"",
        "\"score\"",
    ] {
        assert!(
            json.contains(field),
            "{field} is part of the documented schema"
        );
    }
    Ok(())
}

#[test]
fn missing_and_shattered_terms_are_listed_per_post() -> TestResult {
    let report = report()?;
    let rust = &report.posts[1];
    let missing: Vec<&str> = rust.missing_terms.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(missing, ["Kubernetes"]);
    assert_eq!(rust.missing_terms[0].section, SectionKind::Preferred);
    assert!(report.resume_terms.contains(&"Rust".to_owned()));
    assert!(report
        .term_gaps
        .iter()
        .any(|g| g.term == "Kubernetes" && g.posts == [0, 1]));
    let kubernetes = rust
        .unseen_terms
        .iter()
        .find(|t| t.term == "Kubernetes")
        .ok_or("Kubernetes is shattered by the toy tokenizer")?;
    assert_eq!(kubernetes.pieces, ["kub", "##ern", "##ete", "##s"]);
    assert!(!kubernetes.in_resume);
    let engineers = rust
        .unseen_terms
        .iter()
        .find(|t| t.term == "engineers")
        .ok_or("a long word of a requirement is checked too")?;
    assert!(engineers.in_resume);
    assert!(rust
        .unseen_terms
        .windows(2)
        .all(|w| w[0].pieces.len() >= w[1].pieces.len()));
    assert!(report.gazetteer_attribution.contains("ESCO"));
    assert!(report.gazetteer_attribution.contains("skill-extractor"));
    Ok(())
}

#[test]
fn every_resume_sentence_gets_feedback() -> TestResult {
    let resume = "Experience\n\
        - Wrote Rust code for the payments service.\n\
        - Shipped Rust code to production every week.\n\
        - Responsible for various tasks in order to help the team.\n";
    let prepared = prepare(resume, &[post(RUST_POST)])?;
    let mut report = build_report(&prepared, &embed(&prepared), Thresholds::default(), &Chunks)?;
    assert_eq!(report.sentence_feedback.len(), report.resume.len());
    let first = &report.sentence_feedback[0];
    assert_eq!(first.heading.as_deref(), Some("Experience"));
    assert!(!first.truncated && first.n_tokens < MAX_PIECES);
    assert_eq!(first.duplicates.len(), 1);
    assert_eq!(first.duplicates[0].index, 1);
    assert!(first.duplicates[0].score > 0.99);
    let fluffy = &report.sentence_feedback[2];
    assert_eq!(fluffy.density.verdict, Verdict::Fluffy);
    assert_eq!(
        fluffy.density.filler_phrases,
        ["responsible for", "various", "in order to"]
    );
    // The Rust sentences are the best evidence of the Rust requirement.
    let supported: usize = report
        .sentence_feedback
        .iter()
        .map(|f| f.supports_requirements)
        .sum();
    assert!(supported >= 1);
    report.apply_thresholds(Thresholds {
        covered: 1.0,
        partly: 1.0,
    });
    assert!(report
        .sentence_feedback
        .iter()
        .all(|f| f.supports_requirements == 0));
    Ok(())
}

/// Four posts: two about Rust, two about data; the person likes one of each kind's first.
fn four_posts() -> Result<Report, Box<dyn std::error::Error>> {
    let rust_two = RUST_POST.replace("Senior Rust Engineer", "Rust Platform Engineer");
    let data_two = DATA_POST.replace("Data Analyst", "Analytics Engineer");
    report_of(&[
        post(RUST_POST),
        post(DATA_POST),
        post(&rust_two),
        post(&data_two),
    ])
}

#[test]
fn marks_of_one_kind_only_do_not_change_the_ranking() -> TestResult {
    let mut report = four_posts()?;
    let before = report.ranking.clone();
    report.set_marks(&[Some(true), None, None]);
    assert!(report.learning.is_none());
    assert_eq!(report.ranking, before);
    assert_eq!(report.posts[0].mark, Some(true));
    assert!(report.posts.iter().all(|p| p.fit == p.zero_shot_fit));
    Ok(())
}

#[test]
fn marks_teach_the_ranking_what_the_person_likes() -> TestResult {
    let mut report = four_posts()?;
    // Zero-shot, the Rust posts rank above the data posts.
    assert!(report.posts[2].fit > report.posts[3].fit);
    // This person prefers data work: the data post is fit, the Rust post not.
    report.set_marks(&[Some(false), Some(true), None, None]);
    let learning = report
        .learning
        .clone()
        .ok_or("two marks of both kinds teach")?;
    assert_eq!((learning.marked_fit, learning.marked_not), (1, 1));
    assert_eq!(learning.features.len(), 5);
    assert!(learning.features.iter().all(|f| f.weight.is_finite()));
    // The unmarked posts follow the marks: the other data post gains, the other Rust one
    // loses (two marks only nudge: the prior counts like twenty).
    let gain = |p: &jobdelta_matching::PostReport| p.fit - p.zero_shot_fit;
    assert!(gain(&report.posts[3]) > 0.0, "{:?}", report.posts[3].fit);
    assert!(gain(&report.posts[2]) < 0.0, "{:?}", report.posts[2].fit);
    let like_marks = &learning.features[3];
    assert!(like_marks.weight > 0.0, "{like_marks:?}");
    // Marks survive new thresholds, and clearing them gives back the zero-shot report.
    report.apply_thresholds(Thresholds {
        covered: 0.6,
        partly: 0.3,
    });
    assert!(report.learning.is_some());
    report.apply_thresholds(Thresholds::default());
    report.set_marks(&[]);
    assert_eq!(report, four_posts()?);
    Ok(())
}

#[test]
fn the_same_marks_always_learn_the_same_weights() -> TestResult {
    let marks = [Some(true), Some(false), Some(true), None];
    let mut a = four_posts()?;
    let mut b = four_posts()?;
    a.set_marks(&marks);
    b.set_marks(&marks);
    assert_eq!(a.learning, b.learning);
    assert_eq!(a.ranking, b.ranking);
    Ok(())
}

/// The report of `resume` against `posts` with the toy embedding and default thresholds.
fn report_for(resume: &str, posts: &[&str]) -> Result<Report, Box<dyn std::error::Error>> {
    let posts: Vec<PostText> = posts.iter().map(|p| post(p)).collect();
    report_with(resume, &posts)
}

/// The report of `resume` against `posts` with the toy embedding and default thresholds.
fn report_with(resume: &str, posts: &[PostText]) -> Result<Report, Box<dyn std::error::Error>> {
    report_of_prepared(&prepare(resume, posts)?)
}

/// The report of prepared texts with the toy embedding and default thresholds.
fn report_of_prepared(prepared: &Prepared) -> Result<Report, Box<dyn std::error::Error>> {
    Ok(build_report(
        prepared,
        &embed(prepared),
        Thresholds::default(),
        &Chunks,
    )?)
}

#[test]
fn a_requirement_and_the_term_panel_never_contradict_each_other() -> TestResult {
    // The toy embedding puts "rust" requirements right on the Rust sentence, so by similarity
    // alone the Kubernetes-and-Rust line would be covered.
    let resume = "Experience\n- Built Rust services for payments.\n- Wrote Python tooling.\n";
    let post_text = "Platform Engineer\n\nRequirements:\n\
        - Rust and Kubernetes in production.\n\
        - Compiled languages such as Rust, Go or C++.\n\
        - Strong Python experience.\n";
    let report = report_for(resume, &[post_text])?;
    let post = &report.posts[0];
    let status = |prefix: &str| {
        post.requirements
            .iter()
            .find(|r| r.text.starts_with(prefix))
            .map(|r| r.status)
    };
    // Kubernetes is lacking: at most partly, and listed as missing.
    assert_eq!(status("Rust and Kubernetes"), Some(Coverage::Partly));
    let missing: Vec<&str> = post.missing_terms.iter().map(|t| t.term.as_str()).collect();
    assert!(missing.contains(&"Kubernetes"), "{missing:?}");
    // One alternative (Rust) is enough, and Go and C++ are then not missing.
    assert_eq!(status("Compiled languages"), Some(Coverage::Covered));
    assert!(
        !missing.contains(&"Go") && !missing.contains(&"C++"),
        "{missing:?}"
    );
    // Python is named, so its requirement is covered, with the place it was found.
    assert_eq!(status("Strong Python"), Some(Coverage::Covered));
    let python = post
        .requirements
        .iter()
        .flat_map(|r| &r.skills.skills)
        .find(|s| s.term == "Python")
        .and_then(|s| s.resume_index)
        .map(|i| report.resume[i].text.as_str());
    assert_eq!(python, Some("Wrote Python tooling."));
    assert_eq!(post.skills_named, 5, "Rust, Kubernetes, Go, C++, Python");
    Ok(())
}

#[test]
fn a_sentence_close_to_everything_does_not_lead_every_requirement() -> TestResult {
    let resume = "Experience\n- A summary of everything.\n- Shipped an API.\n\
        - Automated reports.\n- Tuned queries.\n- Ran reviews.\n";
    let post_text = "Engineer\n\nRequirements:\n- APIs.\n- Report automation.\n\
        - Query tuning.\n- Review culture.\n";
    let prepared = prepare(resume, &[post(post_text)])?;
    // Hand-made vectors: the summary is 0.80 from each requirement, each specific sentence
    // 0.78 from its own one, so by similarity alone the summary would lead all four.
    let axis = |i: usize, x: f32| {
        let mut v = vec![0.0_f32; 5];
        v[i] = x;
        v
    };
    let embeddings: Vec<Vec<f32>> = prepared
        .texts_to_embed
        .iter()
        .map(|t| match t.as_str() {
            "A summary of everything." => vec![0.8, 0.8, 0.8, 0.8, 0.0],
            "Shipped an API." => axis(0, 0.78),
            "Automated reports." => axis(1, 0.78),
            "Tuned queries." => axis(2, 0.78),
            "Ran reviews." => axis(3, 0.78),
            "APIs." => axis(0, 1.0),
            "Report automation." => axis(1, 1.0),
            "Query tuning." => axis(2, 1.0),
            "Review culture." => axis(3, 1.0),
            _ => axis(4, 1.0),
        })
        .collect();
    let report = build_report(&prepared, &embeddings, Thresholds::default(), &Chunks)?;
    let requirements = &report.posts[0].requirements;
    assert_eq!(requirements.len(), 4);
    let leads: Vec<&str> = requirements
        .iter()
        .filter_map(|r| r.evidence.first().map(|e| e.resume_sentence.as_str()))
        .collect();
    let summary_leads = leads.iter().filter(|s| s.starts_with("A summary")).count();
    assert!(summary_leads > 0 && summary_leads < 4, "{leads:?}");
    // The status still follows the closest sentence.
    for r in requirements {
        assert!((r.best_score - 0.8).abs() < 1e-6, "{}", r.text);
    }
    Ok(())
}

#[test]
fn attitude_filler_comes_last_among_the_gaps() -> TestResult {
    let resume = "Experience\n- Built Rust services.\n";
    let post_text = "Driver\n\nRequirements:\n- You take pride in your work.\n\
        - Advanced SQL reporting on fleet data.\n- Kubernetes operations.\n";
    let report = report_for(resume, &[post_text])?;
    let gaps = top_gaps(&report);
    assert_eq!(
        gaps.last(),
        Some(&"You take pride in your work."),
        "{gaps:?}"
    );
    assert!(gaps.len() >= 2, "{gaps:?}");
    Ok(())
}

#[test]
fn requirements_the_check_settles_are_not_gaps() -> TestResult {
    let resume = "Lee Park\n\nExperience\nSoftware Engineer, Initech    2015 – 2024\n\
        - Built Rust services for payments.\n\nEducation\nB.S. in Computer Science, State University, 2014\n";
    let post_text = "Backend Engineer\n\nRequirements:\n- 5+ years of professional experience.\n\
        - Must be authorized to work in the United States.\n\
        - A PhD in Computer Science.\n- Kubernetes operations at scale.\n";
    let report = report_for(resume, &[post_text])?;
    let post = &report.posts[0];
    let status = |kind: &str| {
        post.checks
            .iter()
            .find(|c| c.requirement.kind() == kind)
            .map(|c| c.status)
    };
    assert_eq!(
        status("experience"),
        Some(CheckStatus::Met),
        "{:#?}",
        post.checks
    );
    assert_eq!(status("work_authorization"), Some(CheckStatus::Unknown));
    assert_eq!(status("degree"), Some(CheckStatus::NotMet));
    let gaps: Vec<&str> = report
        .summary
        .top_gaps
        .iter()
        .map(|g| g.requirement.as_str())
        .collect();
    // Met and unknown are settled; the degree not met stays a gap, and so does the skill.
    assert!(
        !gaps
            .iter()
            .any(|g| g.contains("5+ years") || g.contains("authorized")),
        "{gaps:?}"
    );
    assert!(gaps.iter().any(|g| g.contains("PhD")), "{gaps:?}");
    assert!(gaps.iter().any(|g| g.contains("Kubernetes")), "{gaps:?}");
    Ok(())
}

#[test]
fn a_requirement_the_check_finds_not_met_is_never_covered() -> TestResult {
    let resume = "Lee Park\n\nExperience\nSoftware Engineer, Initech    2015 – 2024\n\
        - Built Rust services for payments.\n\nEducation\nB.S. in Computer Science, State University, 2014\n";
    // By similarity alone (the toy embedding puts it on the Rust sentence) it is covered.
    let post_text = "Compiler Engineer\n\nRequirements:\n\
        - A PhD in Computer Science with research on Rust compilers.\n- Rust in production.\n";
    let report = report_for(resume, &[post_text])?;
    let post = &report.posts[0];
    let status_of = |needle: &str| {
        post.requirements
            .iter()
            .find(|r| r.text.contains(needle))
            .map(|r| (r.status, r.best_score))
    };
    let (phd, phd_score) = status_of("PhD").ok_or("no PhD requirement")?;
    assert!(phd_score >= Thresholds::default().covered, "{phd_score}");
    assert_eq!(phd, Coverage::Partly);
    assert_eq!(
        status_of("in production").map(|s| s.0),
        Some(Coverage::Covered)
    );
    Ok(())
}

#[test]
fn meta_lines_are_facts_not_requirements() -> TestResult {
    let text = "Data Analyst\n\
        Location: Chesapeake, VA\n\
        Job type: Full-time\n\
        \n\
        Requirements:\n\
        - Advanced SQL for analytics.\n";
    let prepared = prepare(RESUME, &[post(text)])?;
    let post = &prepared.posts[0];
    let requirements: Vec<&str> = post.requirements.iter().map(|r| r.text.as_str()).collect();
    let facts: Vec<&str> = post.facts.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(requirements, ["Advanced SQL for analytics."]);
    assert_eq!(facts, ["Location: Chesapeake, VA", "Job type: Full-time"]);
    Ok(())
}

const STUDENT_RESUME: &str = "Jamie Rivera\n\
Machine learning enthusiast | Richmond, VA\n\
\n\
Education\n\
State University\n\
B.S. Computer Science, Expected May 2028\n\
\n\
Experience\n\
Data Science Intern, Riverbend Insurance    June 2026 – August 2026\n\
- Trained Python models on SQL data and wrote a design doc for the team.\n\
\n\
Projects\n\
- Built a Rust and Python recommender with a clean design.\n";

const PRINCIPAL_POST: &str = "Principal LLM ML Scientist\n\
\n\
Requirements:\n\
- PhD in Computer Science, Machine Learning or a related field.\n\
- 10+ years of experience training models in Python.\n\
- Deep SQL skills and a strong design sense.\n\
- Lead the team's research design.\n";

const SENIOR_RESUME: &str = "Dana Kim\n\
Houston, TX\n\
\n\
Experience\n\
Senior Software Engineer, Globex    Feb. 2019 – Present\n\
- Built a Rust service that handles payments for two million users.\n\
- Led a team of five engineers through a rewrite in Rust.\n\
Software Engineer, Initech    2014 – 2019\n\
- Wrote Python and SQL reporting for the team.\n\
\n\
Education\n\
B.S. in Computer Science, State University, 2014\n";

const SENIOR_RUST_POST: &str = "Senior Rust Engineer\n\
\n\
Requirements:\n\
- 5+ years of professional experience.\n\
- Bachelor's degree in Computer Science or equivalent experience.\n\
- Rust in production and experience leading a team of engineers.\n";

/// The report of `resume` against `posts` read in December 2026 (the resumes' dates, and
/// degrees still in progress, are counted up to then).
fn report_in_december_2026(
    resume: &str,
    posts: &[&str],
) -> Result<Report, Box<dyn std::error::Error>> {
    let posts: Vec<PostText> = posts.iter().map(|p| post(p)).collect();
    report_of_prepared(&prepare_on(resume, &posts, YearMonth::new(2026, 12))?)
}

/// The fit before the hard-requirement cap: what similarity alone says.
fn uncapped(report: &Report, post: usize) -> f32 {
    fit_of_score(report.posts[post].signals.zero_shot_score())
}

#[test]
fn a_student_is_no_strong_fit_for_a_principal_phd_post() -> TestResult {
    let report = report_in_december_2026(STUDENT_RESUME, &[PRINCIPAL_POST])?;
    let p = &report.posts[0];
    // Similarity alone calls it a good match: the texts share their topics.
    assert!(
        uncapped(&report, 0) >= FitLabel::GOOD,
        "uncapped {}",
        uncapped(&report, 0)
    );
    let cap = p.fit_cap.as_ref().ok_or("no cap")?;
    assert_eq!(cap.max_fit, LACKING_MAX_FIT);
    assert!(p.fit <= LACKING_MAX_FIT && p.zero_shot_fit <= LACKING_MAX_FIT);
    assert_eq!(p.label, FitLabel::Weak);
    assert!(cap.reason.contains("the post asks a PhD"), "{}", cap.reason);
    assert!(
        cap.reason.contains("in progress, expected 2028"),
        "{}",
        cap.reason
    );
    let not_met: Vec<String> = p
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::NotMet)
        .map(|c| c.evidence.clone())
        .collect();
    assert_eq!(not_met.len(), 3, "{not_met:#?}"); // principal, 10+ years of Python, PhD
    Ok(())
}

#[test]
fn a_senior_who_has_the_must_haves_is_not_capped() -> TestResult {
    let report = report_in_december_2026(SENIOR_RESUME, &[SENIOR_RUST_POST])?;
    let p = &report.posts[0];
    assert_eq!(p.fit_cap, None, "{:#?}", p.checks);
    assert_eq!(p.fit, uncapped(&report, 0));
    assert!(
        p.checks.iter().all(|c| c.status == CheckStatus::Met),
        "{:#?}",
        p.checks
    );
    Ok(())
}

#[test]
fn caps_survive_thresholds_marks_and_json() -> TestResult {
    let mut report = report_in_december_2026(STUDENT_RESUME, &[PRINCIPAL_POST, SENIOR_RUST_POST])?;
    report.set_marks(&[Some(true), Some(false)]);
    report.apply_thresholds(Thresholds {
        covered: 0.4,
        partly: 0.2,
    });
    assert!(report.posts[0].fit <= LACKING_MAX_FIT);
    let json = serde_json::to_string(&report)?;
    let back: Report = serde_json::from_str(&json)?;
    assert_eq!(back.posts[0].fit_cap, report.posts[0].fit_cap);
    assert_eq!(back.posts[0].checks, report.posts[0].checks);
    // A report saved before checks existed still reads.
    let mut old: serde_json::Value = serde_json::from_str(&json)?;
    for p in old["posts"].as_array_mut().ok_or("no posts")? {
        let p = p.as_object_mut().ok_or("not an object")?;
        p.remove("checks");
        p.remove("fit_cap");
    }
    let old: Report = serde_json::from_value(old)?;
    assert!(old.posts[0].checks.is_empty() && old.posts[0].fit_cap.is_none());
    Ok(())
}

#[test]
fn exports_hold_every_post_and_requirement_of_the_page() -> TestResult {
    use jobdelta_matching::export::{posts_csv, report_markdown, requirements_csv};
    let mut report = report()?;
    report.posts[0].title = "=HYPERLINK(\"http://x\") | Data".to_owned();
    let posts = posts_csv(&report);
    let mut reader = csv::Reader::from_reader(posts.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), report.posts.len());
    for (row, &index) in rows.iter().zip(&report.ranking) {
        let post = &report.posts[index];
        assert_eq!(row[0], post.rank.to_string());
        assert_eq!(row[2], format!("{:.1}", post.fit));
    }
    assert!(
        rows.iter()
            .any(|r| &r[1] == "'=HYPERLINK(\"http://x\") | Data"),
        "a formula title is defused: {posts}"
    );

    let requirements = requirements_csv(&report);
    let mut reader = csv::Reader::from_reader(requirements.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let total: usize = report.posts.iter().map(|p| p.requirements.len()).sum();
    assert_eq!(rows.len(), total);
    let first = &report.posts[report.ranking[0]].requirements[0];
    assert_eq!(&rows[0][3], first.text.as_str());
    assert_eq!(&rows[0][4], first.status.label());

    report.model = "test-model".to_owned();
    let markdown = report_markdown(&report);
    assert!(markdown.contains("by test-model"));
    for post in &report.posts {
        assert!(
            markdown.contains(&format!("## {}. ", post.rank)),
            "{markdown}"
        );
        for r in &post.requirements {
            assert!(markdown.contains(&r.text.replace('|', "\\|")), "{}", r.text);
        }
    }
    assert!(
        markdown.contains("=HYPERLINK(\"http://x\") \\| Data"),
        "pipes escaped in tables"
    );
    Ok(())
}
