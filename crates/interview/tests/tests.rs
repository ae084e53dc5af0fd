//! Integration tests of jobdelta-interview: the story cut against the hand-marked fixtures,
//! and ask / question bank / outline on a bag-of-words stand-in for the model (so they run
//! without the model files and say exactly why a sentence wins).

use std::collections::HashSet;

use jobdelta_interview::{
    pitch, plan, InterviewError, PitchChoices, PitchPart, Plan, QuestionSource,
};
use jobdelta_matching::PostText;
use serde::Deserialize;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

#[derive(Deserialize)]
struct Labels {
    documents: Vec<Document>,
}

#[derive(Deserialize)]
struct Document {
    file: String,
    stories: Vec<LabelledStory>,
}

#[derive(Deserialize)]
struct LabelledStory {
    title: String,
    start: Option<String>,
    end: Option<String>,
}

fn fixture(name: &str) -> Result<String> {
    Ok(std::fs::read_to_string(format!(
        "{}/../../fixtures/interview/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))?)
}

/// Words of a text, lowercase, without a few glue words.
fn bag(text: &str) -> Vec<String> {
    const GLUE: &[&str] = &[
        "a", "the", "to", "of", "and", "i", "you", "me", "about", "tell", "with", "your", "in",
        "for", "time", "what", "how", "did", "have", "do", "is", "on", "we", "our", "my",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !GLUE.contains(&w.as_str()))
        .collect()
}

/// A unit bag-of-words vector over 256 hashed dimensions: shared words, high cosine.
fn embed(text: &str) -> Vec<f32> {
    let mut vector = vec![0.0_f32; 256];
    for word in bag(text) {
        let hash = word.bytes().fold(2_166_136_261_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16_777_619)
        });
        vector[(hash % 256) as usize] += 1.0;
    }
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    vector.iter().map(|x| x / norm).collect()
}

fn embedded(plan: &Plan) -> Vec<Vec<f32>> {
    plan.texts_to_embed.iter().map(|t| embed(t)).collect()
}

#[test]
fn stories_agree_with_the_hand_marked_fixtures() -> Result {
    let labels: Labels = serde_json::from_str(&fixture("labels.json")?)?;
    for document in labels.documents {
        let text = fixture(&document.file)?;
        let stories = jobdelta_text::find_stories(&text);
        let got: Vec<(String, Option<String>, Option<String>)> = stories
            .iter()
            .map(|s| {
                (
                    s.title.clone(),
                    s.start.map(|d| d.to_string()),
                    s.end.map(|d| d.to_string()),
                )
            })
            .collect();
        let want: Vec<(String, Option<String>, Option<String>)> = document
            .stories
            .iter()
            .map(|s| (s.title.clone(), s.start.clone(), s.end.clone()))
            .collect();
        assert_eq!(got, want, "{}", document.file);
    }
    Ok(())
}

#[test]
fn ask_answers_with_sentences_and_their_stories() -> Result {
    let plan = plan(&fixture("brag-markdown.md")?, &[])?;
    let embeddings = embedded(&plan);
    let answers = plan.ask(&embeddings, &embed("Kafka migration consumer lag"), 3);
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0].story.title, "Kafka migration");
    assert!(answers.windows(2).all(|w| w[0].score >= w[1].score));
    let text = fixture("brag-markdown.md")?;
    let span = answers[0].span.clone().ok_or("no span")?;
    assert!(text[span].contains("Kafka") || text.contains(&answers[0].text));
    Ok(())
}

#[test]
fn the_bank_scores_every_question_and_posts_add_theirs() -> Result {
    let post = PostText {
        title: Some("Platform engineer".into()),
        text: "Requirements\n- Kubernetes in production\n- Terraform\n- Experience with Haskell compilers\n".into(),
    };
    let plan = plan(&fixture("resume-bulleted.txt")?, &[post])?;
    let interview = plan.interview(&embedded(&plan));
    let common = interview
        .questions
        .iter()
        .filter(|q| q.question.source == QuestionSource::Common)
        .count();
    assert!(common >= 45);
    let post_questions: Vec<&str> = interview.posts[0]
        .questions
        .iter()
        .map(|&i| interview.questions[i].question.question.as_str())
        .collect();
    assert_eq!(
        post_questions,
        [
            "Tell me about your experience with Kubernetes.",
            "Tell me about your experience with Terraform.",
            "Tell me about your experience with Haskell.",
        ]
    );
    let kubernetes = &interview.questions[interview.posts[0].questions[0]];
    assert_eq!(
        kubernetes.best[0].story.title,
        "Northwind Payments, Senior Platform Engineer"
    );
    let haskell = &interview.questions[interview.posts[0].questions[2]];
    assert!(haskell.strength < kubernetes.strength);
    // Best stories are distinct, best first.
    for question in &interview.questions {
        let ids: HashSet<usize> = question.best.iter().map(|a| a.story.id).collect();
        assert_eq!(ids.len(), question.best.len());
        assert!(question.best.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(
            question.answered,
            question.strength >= jobdelta_interview::ANSWERED
        );
    }
    let prepare = interview.to_prepare();
    assert!(prepare.windows(2).all(|w| w[0].strength <= w[1].strength));
    // The skills line and the contact block are no stories to tell; numbers are noticed.
    let fabrikam = interview
        .stories
        .iter()
        .position(|s| s.title.starts_with("Fabrikam"))
        .ok_or("no Fabrikam")?;
    assert_eq!(
        interview.story_use[fabrikam].missing,
        ["a result (what changed because of it)"]
    );
    let northwind = interview
        .stories
        .iter()
        .position(|s| s.title.starts_with("Northwind"))
        .ok_or("no Northwind")?;
    assert!(interview.story_use[northwind].missing.is_empty());
    for (id, usage) in interview.story_use.iter().enumerate() {
        let answering = interview
            .questions
            .iter()
            .filter(|q| {
                q.best
                    .iter()
                    .any(|a| a.story.id == id && a.score >= jobdelta_interview::ANSWERED)
            })
            .count();
        assert_eq!(usage.questions, answering, "story {id}");
    }
    Ok(())
}

#[test]
fn the_outline_goes_present_past_why_within_ninety_seconds() -> Result {
    let post = PostText {
        title: Some("Platform engineer".into()),
        text: "Requirements\n- Run Kubernetes for many services\n- Terraform modules for AWS\n- Mentor engineers\n".into(),
    };
    let plan = plan(&fixture("resume-bulleted.txt")?, &[post])?;
    let interview = plan.interview(&embedded(&plan));
    let outline = pitch(&interview, Some(0), &PitchChoices::default());
    let parts: Vec<PitchPart> = outline.items.iter().map(|i| i.part).collect();
    assert_eq!(parts.first(), Some(&PitchPart::Present));
    assert_eq!(parts.last(), Some(&PitchPart::WhyThisRole));
    assert_eq!(
        outline.items[0].story.title,
        "Northwind Payments, Senior Platform Engineer"
    );
    assert!(outline.words() <= jobdelta_interview::MAX_WORDS);
    // Under a minute only when every story with statements is in (at most 1 + 1 + 4).
    let storied = interview
        .stories
        .iter()
        .filter(|s| s.has_statements())
        .count();
    assert!(
        outline.words() >= jobdelta_interview::MIN_WORDS || outline.items.len() == storied.min(6),
        "{} words from {} stories",
        outline.words(),
        outline.items.len()
    );
    assert_eq!(outline.seconds(), (outline.words() * 60 + 75) / 150);
    // Every sentence is one of the person's own.
    let text = fixture("resume-bulleted.txt")?;
    for sentence in outline.items.iter().flat_map(|i| &i.sentences) {
        assert!(text.contains(sentence.trim_end_matches('.')), "{sentence}");
    }
    // Past stories are chronological.
    let past: Vec<_> = outline
        .items
        .iter()
        .filter(|i| i.part == PitchPart::Past)
        .collect();
    let starts: Vec<_> = past
        .iter()
        .map(|i| i.story.start.map(|d| d.first_month()))
        .collect();
    let dated = starts.iter().take_while(|s| s.is_some()).count();
    assert!(
        starts[dated..].iter().all(Option::is_none),
        "undated last: {starts:?}"
    );
    assert!(
        starts[..dated].windows(2).all(|w| w[0] <= w[1]),
        "{starts:?}"
    );
    // Excluding a story removes it; pinning one brings it in.
    let first = outline.items[0].story.id;
    let fabrikam = interview
        .stories
        .iter()
        .position(|s| s.title.starts_with("Fabrikam"))
        .ok_or("no Fabrikam")?;
    let choices = PitchChoices {
        pinned: vec![fabrikam],
        excluded: vec![first],
    };
    let changed = pitch(&interview, Some(0), &choices);
    assert!(changed.items.iter().all(|i| i.story.id != first));
    assert!(changed
        .items
        .iter()
        .any(|i| i.story.id == fabrikam && i.pinned));
    let markdown = changed.to_markdown();
    assert!(markdown.starts_with("# Tell me about yourself — Platform engineer"));
    assert!(markdown.contains("## Present"));
    let mut moved = changed.clone();
    moved.move_item(0, 99);
    assert_eq!(moved.items.last(), changed.items.first());
    assert_eq!(
        moved.to_plain_text().split("\n\n").count(),
        changed.items.len()
    );
    Ok(())
}

#[test]
fn bad_documents_give_clear_errors_or_sensible_results() -> Result {
    assert_eq!(plan("", &[]).err(), Some(InterviewError::NothingToAsk));
    assert_eq!(
        plan("jane@example.com | 555-123-4567", &[]).err(),
        Some(InterviewError::NothingToAsk)
    );
    let one_line = plan("Built the billing system in Go.", &[])?;
    assert_eq!(one_line.stories.len(), 1);
    let long = "Built the thing and shipped it to customers who used it daily. ".repeat(400);
    let long_plan = plan(&long, &[])?;
    let interview = long_plan.interview(&embedded(&long_plan));
    assert_eq!(interview.stories.len(), long_plan.stories.len());
    let outline = pitch(&interview, None, &PitchChoices::default());
    assert!(outline.words() <= jobdelta_interview::MAX_WORDS);
    Ok(())
}
