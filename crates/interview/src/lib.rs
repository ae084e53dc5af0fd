//! Interview yourself: question a resume or brag document, see which interview questions it
//! answers and how strongly, and arrange a "Tell me about yourself" from its own sentences.
//!
//! The flow mirrors `jobdelta-matching`, so the CLI and the browser compute the same numbers:
//!
//! 1. [`plan`] cuts the document into stories ([`jobdelta_text::find_stories`]), gathers the
//!    question bank (the common questions and each post's must-haves, [`questions`]) and lists
//!    the distinct texts to embed ([`Plan::texts_to_embed`]);
//! 2. the caller embeds them (natively, or in the Web Worker);
//! 3. [`Plan::ask`] answers a question with the closest statements and their stories,
//!    [`Plan::interview`] scores every question of the bank and every story against every
//!    post ([`Interview`]), and [`pitch`] arranges an [`Outline`] from that.
//!
//! Nothing is generated: every line shown is one of the person's sentences, with its story,
//! dates and where it is in the source.

#![warn(missing_docs)]

mod ask;
mod pitch;
pub mod questions;
pub mod themes;

use std::collections::HashMap;

use jobdelta_matching::{dot, prepare, PostText};
use jobdelta_text::{find_stories, normalize_key, Story};
use serde::{Deserialize, Serialize};

pub use ask::{group_by_story, Answer, StoryAnswers, StoryRef};
pub use pitch::{
    pitch, Outline, OutlineItem, PitchChoices, PitchPart, MAX_WORDS, MIN_WORDS, WORDS_PER_MINUTE,
};
pub use questions::{
    common_questions, post_question, post_questions, Question, QuestionSource, Topic,
};
pub use themes::{story_themes, Theme, THEME_THRESHOLD};

/// A question whose best answer reaches this cosine is answered (the story speaks to it);
/// below it, it is one "to prepare".
pub const ANSWERED: f32 = 0.45;

/// A best answer from this cosine is a strong one.
pub const STRONG: f32 = 0.6;

/// Stories listed per question.
pub const BEST_PER_QUESTION: usize = 3;

/// Why an interview could not be planned; each a sentence the person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterviewError {
    /// The document holds no statement to answer with.
    #[error(
        "the brag document has no sentence saying what you did; add a few lines about your work"
    )]
    NothingToAsk,
    /// The posts could not be read.
    #[error("the posts could not be read: {0}")]
    Posts(String),
}

/// A document cut into stories, the question bank, and the texts to embed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The stories, in source order; a story's id is its index here.
    pub stories: Vec<Story>,
    /// The posts' titles, in the order given.
    pub post_titles: Vec<String>,
    /// The common questions, then each post's.
    pub questions: Vec<Question>,
    /// Every distinct text to embed, in first-seen order: embed these, in this order.
    pub texts_to_embed: Vec<String>,
    /// Per story, per sentence: its embedding's index, for statements only.
    sentence_embeddings: Vec<Vec<Option<usize>>>,
    /// Per question: its probe's embedding.
    question_embeddings: Vec<usize>,
    /// Per post: its requirements' embeddings.
    requirement_embeddings: Vec<Vec<usize>>,
}

/// Cuts `resume` into stories and gathers the questions of the common bank and of `posts`.
pub fn plan(resume: &str, posts: &[PostText]) -> Result<Plan, InterviewError> {
    let stories = find_stories(resume);
    let mut texts = Texts::default();
    let sentence_embeddings: Vec<Vec<Option<usize>>> = stories
        .iter()
        .map(|story| {
            story
                .sentences
                .iter()
                .map(|s| s.role.is_experience().then(|| texts.add(&s.text)))
                .collect()
        })
        .collect();
    if sentence_embeddings.iter().flatten().all(Option::is_none) {
        return Err(InterviewError::NothingToAsk);
    }
    let mut questions = common_questions();
    let mut post_titles = Vec::new();
    let mut requirement_embeddings = Vec::new();
    if !posts.is_empty() {
        let prepared = prepare(resume, posts).map_err(|problems| {
            InterviewError::Posts(
                problems
                    .0
                    .iter()
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        for (index, post) in prepared.posts.iter().enumerate() {
            post_titles.push(post.title.clone());
            questions.extend(post_questions(index, post));
            requirement_embeddings.push(
                post.requirements
                    .iter()
                    .map(|r| texts.add(&r.text))
                    .collect(),
            );
        }
    }
    let question_embeddings = questions.iter().map(|q| texts.add(&q.probe)).collect();
    Ok(Plan {
        stories,
        post_titles,
        questions,
        texts_to_embed: texts.list,
        sentence_embeddings,
        question_embeddings,
        requirement_embeddings,
    })
}

/// Distinct texts, by their normalised key.
#[derive(Default)]
struct Texts {
    list: Vec<String>,
    seen: HashMap<String, usize>,
}

impl Texts {
    fn add(&mut self, text: &str) -> usize {
        let key = normalize_key(text);
        if let Some(&index) = self.seen.get(&key) {
            return index;
        }
        self.list.push(text.to_owned());
        self.seen.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// How well the stories answer one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionAnswers {
    /// The question.
    #[serde(flatten)]
    pub question: Question,
    /// The best sentence of each of the best stories (at most [`BEST_PER_QUESTION`]), best first.
    pub best: Vec<Answer>,
    /// The best answer's score (0 when nothing answers).
    pub strength: f32,
    /// Whether the best answer reaches [`ANSWERED`]; if not, it is one to prepare.
    pub answered: bool,
}

/// One post's interview: its questions and how well each story fits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostInterview {
    /// The post's title.
    pub title: String,
    /// Indices in [`Interview::questions`] of the questions it likely asks.
    pub questions: Vec<usize>,
    /// Per story, per sentence: its closest requirement's cosine (0 for non-statements).
    pub sentence_fit: Vec<Vec<f32>>,
}

/// What a story is worth for the interviews, and what it lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryUse {
    /// Questions it answers (among the best stories, at [`ANSWERED`] or above).
    pub questions: usize,
    /// Posts whose questions it answers.
    pub posts: usize,
    /// What a good story has that this one does not ("a number", "a result").
    pub missing: Vec<String>,
}

/// Every question of the bank answered, every story scored against every post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    /// The stories, as in [`Plan::stories`].
    pub stories: Vec<Story>,
    /// The common questions, then each post's, with their best stories.
    pub questions: Vec<QuestionAnswers>,
    /// Per post.
    pub posts: Vec<PostInterview>,
    /// Per story.
    pub story_use: Vec<StoryUse>,
    /// Per story, per sentence: its closest common question's cosine, the fit for "my field"
    /// when no post is chosen.
    pub general_fit: Vec<Vec<f32>>,
    /// The stories grouped by meaning ([`Plan::themes`]); absent from older messages.
    #[serde(default)]
    pub themes: Vec<Theme>,
}

impl Interview {
    /// How well story `story` fits post `post` (index in [`Interview::posts`]), or the
    /// person's field (`None`: the common questions): the mean of its two best sentences'
    /// fits, 0 without statements. The pitch
    /// picks stories by it; the pictures' stories × posts heatmap shows it.
    pub fn story_fit(&self, post: Option<usize>, story: usize) -> f32 {
        let fits = match post.and_then(|p| self.posts.get(p)) {
            Some(post) => &post.sentence_fit,
            None => &self.general_fit,
        };
        let mut best: Vec<f32> = fits.get(story).cloned().unwrap_or_default();
        best.retain(|f| *f > 0.0);
        best.sort_by(|a, b| b.total_cmp(a));
        best.truncate(pitch::SENTENCES_PER_STORY);
        if best.is_empty() {
            0.0
        } else {
            best.iter().sum::<f32>() / best.len() as f32
        }
    }

    /// The questions nothing answers well, weakest first: what to prepare.
    pub fn to_prepare(&self) -> Vec<&QuestionAnswers> {
        let mut weak: Vec<&QuestionAnswers> =
            self.questions.iter().filter(|q| !q.answered).collect();
        weak.sort_by(|a, b| a.strength.total_cmp(&b.strength));
        weak
    }
}

impl Plan {
    /// Answers `query` (its embedding) with the `top` closest statements, best first.
    /// `embeddings` is indexed like [`Plan::texts_to_embed`].
    pub fn ask<V: AsRef<[f32]>>(&self, embeddings: &[V], query: &[f32], top: usize) -> Vec<Answer> {
        let mut scored = self.score_statements(embeddings, query);
        scored.sort_by(|a, b| b.2.total_cmp(&a.2));
        scored.truncate(top);
        scored
            .into_iter()
            .map(|(story, sentence, score)| self.answer(story, sentence, score))
            .collect()
    }

    /// (story, sentence, cosine) of every statement.
    fn score_statements<V: AsRef<[f32]>>(
        &self,
        embeddings: &[V],
        query: &[f32],
    ) -> Vec<(usize, usize, f32)> {
        let mut scored = Vec::new();
        for (story, sentences) in self.sentence_embeddings.iter().enumerate() {
            for (sentence, embedding) in sentences.iter().enumerate() {
                let Some(vector) = embedding.and_then(|e| embeddings.get(e)) else {
                    continue;
                };
                let score = dot(vector.as_ref(), query);
                if score.is_finite() {
                    scored.push((story, sentence, score));
                }
            }
        }
        scored
    }

    fn answer(&self, story: usize, sentence: usize, score: f32) -> Answer {
        let found = &self.stories[story].sentences[sentence];
        Answer {
            text: found.text.clone(),
            score,
            story: StoryRef::of(story, &self.stories[story]),
            span: found.span.clone(),
        }
    }

    /// Scores the whole question bank and every story against every post.
    pub fn interview<V: AsRef<[f32]>>(&self, embeddings: &[V]) -> Interview {
        let questions: Vec<QuestionAnswers> = self
            .questions
            .iter()
            .zip(&self.question_embeddings)
            .map(|(question, &embedding)| {
                let best = match embeddings.get(embedding) {
                    Some(vector) => self.best_stories(embeddings, vector.as_ref()),
                    None => Vec::new(),
                };
                let strength = best.first().map_or(0.0, |a| a.score);
                QuestionAnswers {
                    question: question.clone(),
                    best,
                    strength,
                    answered: strength >= ANSWERED,
                }
            })
            .collect();
        let posts: Vec<PostInterview> = self
            .post_titles
            .iter()
            .enumerate()
            .map(|(index, title)| PostInterview {
                title: title.clone(),
                questions: questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.question.post == Some(index))
                    .map(|(i, _)| i)
                    .collect(),
                sentence_fit: self.sentence_fit(embeddings, &self.requirement_embeddings[index]),
            })
            .collect();
        let common: Vec<usize> = self
            .questions
            .iter()
            .zip(&self.question_embeddings)
            .filter(|(q, _)| q.source == QuestionSource::Common)
            .map(|(_, &e)| e)
            .collect();
        let general_fit = self.sentence_fit(embeddings, &common);
        let story_use = self
            .stories
            .iter()
            .enumerate()
            .map(|(id, story)| {
                let answering = questions.iter().filter(|q| {
                    q.best
                        .iter()
                        .any(|a| a.story.id == id && a.score >= ANSWERED)
                });
                let mut posts: Vec<usize> =
                    answering.clone().filter_map(|q| q.question.post).collect();
                posts.dedup();
                StoryUse {
                    questions: answering.count(),
                    posts: posts.len(),
                    missing: missing_parts(story),
                }
            })
            .collect();
        Interview {
            stories: self.stories.clone(),
            questions,
            posts,
            story_use,
            general_fit,
            themes: self.themes(embeddings, THEME_THRESHOLD),
        }
    }

    /// Per story: the normalised mean of its statements' embeddings, `None` without any.
    pub fn story_vectors<V: AsRef<[f32]>>(&self, embeddings: &[V]) -> Vec<Option<Vec<f32>>> {
        self.sentence_embeddings
            .iter()
            .map(|sentences| {
                jobdelta_matching::cluster::mean_vector(
                    sentences
                        .iter()
                        .filter_map(|e| e.and_then(|e| embeddings.get(e)))
                        .map(AsRef::as_ref),
                )
            })
            .collect()
    }

    /// The stories grouped by meaning at `threshold` (see [`themes`]; [`THEME_THRESHOLD`] is
    /// what the app and the CLI use).
    pub fn themes<V: AsRef<[f32]>>(&self, embeddings: &[V], threshold: f32) -> Vec<Theme> {
        themes::themes(&self.stories, &self.story_vectors(embeddings), threshold)
    }

    /// The best sentence of each story, for the [`BEST_PER_QUESTION`] best stories.
    fn best_stories<V: AsRef<[f32]>>(&self, embeddings: &[V], query: &[f32]) -> Vec<Answer> {
        let mut best_per_story: Vec<Option<(usize, f32)>> = vec![None; self.stories.len()];
        for (story, sentence, score) in self.score_statements(embeddings, query) {
            if best_per_story[story].is_none_or(|(_, s)| score > s) {
                best_per_story[story] = Some((sentence, score));
            }
        }
        let mut best: Vec<(usize, usize, f32)> = best_per_story
            .into_iter()
            .enumerate()
            .filter_map(|(story, b)| b.map(|(sentence, score)| (story, sentence, score)))
            .collect();
        best.sort_by(|a, b| b.2.total_cmp(&a.2));
        best.truncate(BEST_PER_QUESTION);
        best.into_iter()
            .map(|(story, sentence, score)| self.answer(story, sentence, score))
            .collect()
    }

    /// Per story, per sentence: the best cosine with any of `targets` (0 for non-statements).
    fn sentence_fit<V: AsRef<[f32]>>(&self, embeddings: &[V], targets: &[usize]) -> Vec<Vec<f32>> {
        let target_vectors: Vec<&[f32]> = targets
            .iter()
            .filter_map(|&t| embeddings.get(t))
            .map(AsRef::as_ref)
            .collect();
        self.sentence_embeddings
            .iter()
            .map(|sentences| {
                sentences
                    .iter()
                    .map(|embedding| {
                        let Some(vector) = embedding.and_then(|e| embeddings.get(e)) else {
                            return 0.0;
                        };
                        target_vectors
                            .iter()
                            .map(|t| dot(vector.as_ref(), t))
                            .filter(|s| s.is_finite())
                            .fold(0.0, f32::max)
                    })
                    .collect()
            })
            .collect()
    }
}

/// Words that say a statement reports a result.
const RESULT_WORDS: &[&str] = &[
    "cut",
    "reduced",
    "reducing",
    "increased",
    "improved",
    "saved",
    "grew",
    "doubled",
    "halved",
    "fell",
    "rose",
    "dropped",
    "raised",
    "won",
    "shipped",
    "launched",
    "delivered",
    "promoted",
    "went",
    "caught",
    "zero",
    "faster",
    "fewer",
    "more",
    "less",
    "now",
    "resulted",
    "led to",
    "published",
    "co-authored",
    "finish",
    "finished",
    "adopted",
    "used",
];

/// What a story lacks to be a good interview answer: a number, a result.
fn missing_parts(story: &Story) -> Vec<String> {
    if !story.has_statements() {
        return Vec::new();
    }
    let statements: Vec<String> = story.statements().map(|s| s.text.to_lowercase()).collect();
    let mut missing = Vec::new();
    if !statements
        .iter()
        .any(|s| s.chars().any(|c| c.is_ascii_digit()))
    {
        missing.push("a number (how much, how many, how fast)".to_owned());
    }
    let has_result = statements.iter().any(|s| {
        s.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| RESULT_WORDS.contains(&w))
    });
    if !has_result {
        missing.push("a result (what changed because of it)".to_owned());
    }
    missing
}
