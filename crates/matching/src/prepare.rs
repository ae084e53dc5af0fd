//! From pasted texts to the sentences the model embeds.
//!
//! Each distinct sentence is embedded once however often it appears (the same requirement in
//! many posts of one company, a line repeated in the resume), so preparation returns the list
//! of distinct texts and, for every sentence, the index of its embedding in that list.

use std::collections::HashMap;

use jobdelta_text::{
    hard_requirements, infer_title, latest_month, normalize_key, resume_facts, split_document,
    strip_html, FoundRequirement, ResumeFacts, SectionKind, Sentence, SentenceRole, YearMonth,
};
use serde::{Deserialize, Serialize};

use crate::error::{InputProblem, InputProblems, ProblemPlace};
use crate::skill_mentions::{skill_candidates, REPORT_SKILL_METHOD};

/// Sentences the resume may hold; far beyond any real resume or brag document, and what a
/// browser embeds in a few minutes.
pub const MAX_RESUME_SENTENCES: usize = 2_000;

/// Sentences one post may hold; a paste over this is almost always several posts at once.
pub const MAX_POST_SENTENCES: usize = 1_000;

/// One job post as the person gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostText {
    /// The title they typed, if any (otherwise inferred from the first line).
    pub title: Option<String>,
    /// The post's text (plain text, Markdown or pasted HTML).
    pub text: String,
}

/// A sentence ready for the report, pointing at its embedding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedSentence {
    /// The sentence as shown to the person.
    pub text: String,
    /// The section it was found in.
    pub section: SectionKind,
    /// The heading above it, as written.
    pub heading: Option<String>,
    /// What it is: a statement, or a headline, contact, role/date, skill list or place line.
    #[serde(default, skip_serializing_if = "SentenceRole::is_statement")]
    pub role: SentenceRole,
    /// Index of its embedding in [`Prepared::texts_to_embed`].
    pub embedding: usize,
    /// The skill vocabulary's hits in it ([`crate::REPORT_SKILL_METHOD`]), each with the
    /// embedding of its context when the method judges hits by context.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skill_candidates: Vec<SkillCandidate>,
}

/// A hit of the skill vocabulary in a sentence, waiting for the classifier's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillCandidate {
    /// The vocabulary's name (lowercase).
    pub name: String,
    /// Where it is, in bytes of the sentence.
    pub range: std::ops::Range<usize>,
    /// Index of the embedding of its context ([`jobdelta_skills::Candidate::model_input`])
    /// in [`Prepared::texts_to_embed`], when it is to be judged by it ([`prepare_for_model`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<usize>,
}

/// One post, split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedPost {
    /// Its title (typed, inferred or "Post N").
    pub title: String,
    /// Index of the title's embedding in [`Prepared::texts_to_embed`]; `None` when the post
    /// has no title of its own (only the "Post N" placeholder), which says nothing about it.
    #[serde(default)]
    pub title_embedding: Option<usize>,
    /// Sentences that describe the person wanted (requirements, responsibilities, general text).
    pub requirements: Vec<PreparedSentence>,
    /// Sentences left out of the match: company blurb, benefits, legal boilerplate.
    pub ignored: Vec<Sentence>,
    /// The post's meta lines ("Location: Houston, TX", "Job type: Full-time"), left out of the
    /// requirements whatever their section.
    #[serde(default)]
    pub facts: Vec<Sentence>,
    /// What the post demands that a person has or has not (years, degree, licences, …).
    #[serde(default)]
    pub hard_requirements: Vec<FoundRequirement>,
}

/// The inputs, split into sentences, with the distinct texts to embed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    /// The resume's sentences, duplicates removed.
    pub resume: Vec<PreparedSentence>,
    /// The posts, in the order given.
    pub posts: Vec<PreparedPost>,
    /// Every distinct sentence, in first-seen order (resume first): embed these, in this order.
    pub texts_to_embed: Vec<String>,
    /// What the resume says about the person's hard requirements (roles, degrees, licences).
    pub resume_facts: ResumeFacts,
}

impl Prepared {
    /// The texts of the sentences and the posts' titles: [`Prepared::texts_to_embed`] without
    /// the skill hits' contexts, which are listed after them. For a caller that reads no
    /// skills (`jobdelta map`); every sentence's and title's `embedding` indexes into it.
    pub fn sentence_texts(&self) -> &[String] {
        let requirements = self.posts.iter().flat_map(|p| &p.requirements);
        let end = self
            .resume
            .iter()
            .chain(requirements)
            .map(|s| s.embedding + 1)
            .chain(
                self.posts
                    .iter()
                    .filter_map(|p| p.title_embedding.map(|i| i + 1)),
            )
            .max()
            .unwrap_or(0);
        self.texts_to_embed
            .get(..end)
            .unwrap_or(&self.texts_to_embed)
    }
}

/// [`prepare_on`] without a clock (tests, fuzzing): a role "to present" ends in the last month
/// the resume itself names, so the result depends on the texts alone. Callers with a clock
/// (the CLI, the worker) use [`prepare_on`] with today's month.
pub fn prepare(resume: &str, posts: &[PostText]) -> Result<Prepared, InputProblems> {
    prepare_on(resume, posts, resume_month(resume))
}

/// What "present" means in the resume's dates without a clock: the last month the resume
/// itself names. For [`prepare`], and for measurements that must not depend on the day they
/// run (`jobdelta eval`).
pub fn resume_month(resume: &str) -> YearMonth {
    latest_month(resume).unwrap_or(YearMonth::new(2000, 1))
}

/// Splits the resume and the posts into sentences, lists what to embed and reads the hard
/// requirements of each post and the person's facts (`today` is what "present" means in the
/// resume's dates), or says what is wrong with each input that cannot be analysed.
///
/// The texts are for the skills classifier's own model ([`jobdelta_skills::CLASSIFIER_MODEL_ID`]):
/// they include each skill hit's context. [`prepare_for_model`] prepares for any model.
pub fn prepare_on(
    resume: &str,
    posts: &[PostText],
    today: YearMonth,
) -> Result<Prepared, InputProblems> {
    prepare_for_model(resume, posts, today, jobdelta_skills::CLASSIFIER_MODEL_ID)
}

/// [`prepare_on`] for the model reported as `model_id` (`Encoder::model_id`): the skill hits'
/// contexts are listed to embed only when the skills classifier reads that model's vectors
/// ([`jobdelta_skills::judges_vectors_of`]). With another model they would be embedded and
/// never read, and they are most of the texts: on the shared evaluation's resume and 278
/// posts, 16,625 texts with them and 5,356 without.
pub fn prepare_for_model(
    resume: &str,
    posts: &[PostText],
    today: YearMonth,
    model_id: &str,
) -> Result<Prepared, InputProblems> {
    let contexts =
        REPORT_SKILL_METHOD.needs_embeddings() && jobdelta_skills::judges_vectors_of(model_id);
    let mut problems = Vec::new();
    let mut texts = TextIndex::default();
    let resume_text = resume;

    let resume_sentences = sentences_of(resume);
    if resume.trim().is_empty() {
        problems.push(problem(
            ProblemPlace::Resume,
            "Your resume is empty: paste it, or drop a .txt or .md file on it.",
        ));
    } else if resume_sentences.is_empty() {
        problems.push(problem(
            ProblemPlace::Resume,
            "No sentences found in your resume: it holds no words the model can read.",
        ));
    } else if resume_sentences.len() > MAX_RESUME_SENTENCES {
        problems.push(problem(
            ProblemPlace::Resume,
            format!(
                "Your resume has {} sentences; jobdelta reads at most {MAX_RESUME_SENTENCES}. \
                 Keep the accomplishments you want matched.",
                resume_sentences.len()
            ),
        ));
    }
    let mut resume: Vec<PreparedSentence> = dedup(resume_sentences)
        .into_iter()
        .map(|s| texts.prepared(s))
        .collect();

    if posts.is_empty() {
        problems.push(problem(
            ProblemPlace::Posts,
            "Add at least one job post to compare your resume with.",
        ));
    }
    let mut prepared_posts = Vec::with_capacity(posts.len());
    for (index, post) in posts.iter().enumerate() {
        let place = ProblemPlace::Post { index };
        let title = post_title(post, index);
        let own_title = has_own_title(post);
        let mut sentences = sentences_of(&post.text);
        drop_title_line(&mut sentences, &post.text);
        let (facts, sentences): (Vec<_>, Vec<_>) = sentences
            .into_iter()
            .partition(|s| s.role == SentenceRole::Fact);
        let (requirements, ignored): (Vec<_>, Vec<_>) = sentences
            .into_iter()
            .partition(|s| s.section.is_requirement());
        if post.text.trim().is_empty() {
            problems.push(problem(
                place,
                format!("“{title}” is empty: paste the job post's text."),
            ));
        } else if requirements.is_empty() {
            problems.push(problem(
                place,
                format!(
                    "“{title}” has no sentences that describe the job or the person wanted \
                     ({} sentences were company, benefits or legal text). Paste the whole post.",
                    ignored.len()
                ),
            ));
        } else if requirements.len() > MAX_POST_SENTENCES {
            problems.push(problem(
                place,
                format!(
                    "“{title}” has {} sentences; a post may have at most {MAX_POST_SENTENCES}. \
                     If it is several posts pasted together, separate them with a line “---”.",
                    requirements.len()
                ),
            ));
        }
        let requirements: Vec<PreparedSentence> = dedup(requirements)
            .into_iter()
            .map(|s| texts.prepared(s))
            .collect();
        let title_embedding = own_title.then(|| texts.add(&title));
        let hard_requirements = hard_requirements(&post.text, own_title.then_some(title.as_str()));
        prepared_posts.push(PreparedPost {
            title,
            title_embedding,
            requirements,
            ignored,
            facts,
            hard_requirements,
        });
    }

    // The skills' contexts go after every sentence, so no sentence's embedding index moves.
    if REPORT_SKILL_METHOD.uses_vocabulary() {
        add_skill_candidates(&mut resume, &mut texts, contexts);
        for post in &mut prepared_posts {
            add_skill_candidates(&mut post.requirements, &mut texts, contexts);
        }
    }

    if problems.is_empty() {
        Ok(Prepared {
            resume,
            posts: prepared_posts,
            texts_to_embed: texts.texts,
            resume_facts: resume_facts(resume_text, today),
        })
    } else {
        Err(InputProblems(problems))
    }
}

/// Finds the skill vocabulary's hits in a document's sentences, read as one text (a hit's
/// context runs over its neighbours, as the classifier was trained on whole posts), and lists
/// the contexts to embed when `contexts` says they will be judged.
fn add_skill_candidates(sentences: &mut [PreparedSentence], texts: &mut TextIndex, contexts: bool) {
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(sentences.len());
    for sentence in sentences.iter() {
        starts.push(joined.len());
        joined.push_str(&sentence.text);
        joined.push('\n');
    }
    for candidate in skill_candidates(&joined) {
        // The sentence holding it: a hit never spans the line break between two sentences.
        let index = starts
            .partition_point(|&start| start <= candidate.range.start)
            .saturating_sub(1);
        let (Some(sentence), Some(&start)) = (sentences.get_mut(index), starts.get(index)) else {
            continue;
        };
        let range = candidate.range.start - start..candidate.range.end - start;
        if range.end > sentence.text.len() {
            continue;
        }
        let embedding = contexts.then(|| texts.add(&candidate.model_input()));
        sentence.skill_candidates.push(SkillCandidate {
            name: candidate.name,
            range,
            embedding,
        });
    }
}

/// The title a post is shown under.
fn post_title(post: &PostText, index: usize) -> String {
    post.title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .or_else(|| infer_title(&strip_html(&post.text)))
        .unwrap_or_else(|| format!("Post {}", index + 1))
}

/// Whether the post names itself (typed title or a first line that reads as one).
fn has_own_title(post: &PostText) -> bool {
    post.title.as_deref().is_some_and(|t| !t.trim().is_empty())
        || infer_title(&strip_html(&post.text)).is_some()
}

/// A post's first line is usually its title ("Senior Rust Engineer"), which names the job but
/// asks nothing of the person: it is not a requirement.
fn drop_title_line(sentences: &mut Vec<Sentence>, text: &str) {
    let Some(title) = infer_title(&strip_html(text)) else {
        return;
    };
    if sentences
        .first()
        .is_some_and(|first| normalize_key(&first.text) == normalize_key(&title))
    {
        sentences.remove(0);
    }
}

fn sentences_of(text: &str) -> Vec<Sentence> {
    split_document(&strip_html(text))
}

/// Keeps the first of sentences that differ only in case, spacing or punctuation variants.
fn dedup(sentences: Vec<Sentence>) -> Vec<Sentence> {
    let mut seen = std::collections::HashSet::new();
    sentences
        .into_iter()
        .filter(|s| seen.insert(normalize_key(&s.text)))
        .collect()
}

fn problem(place: ProblemPlace, message: impl Into<String>) -> InputProblem {
    InputProblem {
        place,
        message: message.into(),
    }
}

/// Distinct texts in first-seen order.
#[derive(Default)]
struct TextIndex {
    texts: Vec<String>,
    index: HashMap<String, usize>,
}

impl TextIndex {
    /// The index of `text`'s embedding, listing it if it is new.
    fn add(&mut self, text: &str) -> usize {
        let next = self.texts.len();
        let embedding = *self.index.entry(text.to_owned()).or_insert(next);
        if embedding == next {
            self.texts.push(text.to_owned());
        }
        embedding
    }

    fn prepared(&mut self, sentence: Sentence) -> PreparedSentence {
        let embedding = self.add(&sentence.text);
        PreparedSentence {
            text: sentence.text,
            section: sentence.section,
            heading: sentence.heading,
            role: sentence.role,
            embedding,
            skill_candidates: Vec::new(),
        }
    }
}
