//! Answers: the person's own sentences closest to a question, with their story.

use std::ops::Range;

use jobdelta_text::{date_label, Story, StoryDate, StoryEnd};
use serde::{Deserialize, Serialize};

/// The story an answer comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRef {
    /// Its index in the stories.
    pub id: usize,
    /// Its title.
    pub title: String,
    /// When it started.
    pub start: Option<StoryDate>,
    /// When it ended, or "present".
    pub end: Option<StoryEnd>,
}

impl StoryRef {
    /// The reference to story `id`.
    pub fn of(id: usize, story: &Story) -> Self {
        StoryRef {
            id,
            title: story.title.clone(),
            start: story.start,
            end: story.end,
        }
    }

    /// Its dates for display ("2021-02 – present"), empty without dates.
    pub fn date_label(&self) -> String {
        date_label(self.start, self.end)
    }
}

/// One sentence answering a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The sentence, as the person wrote it.
    pub text: String,
    /// Cosine similarity to the question.
    pub score: f32,
    /// Its story.
    pub story: StoryRef,
    /// Byte range in the document, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Range<usize>>,
}

/// Answers of one story, for showing answers grouped by story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryAnswers {
    /// The story.
    pub story: StoryRef,
    /// Its answers, best first.
    pub answers: Vec<Answer>,
}

/// Groups answers (best first) by story, the story of the best answer first.
///
/// ```
/// use jobdelta_interview::{group_by_story, Answer, StoryRef};
///
/// let story = |id| StoryRef { id, title: format!("story {id}"), start: None, end: None };
/// let answer = |id, score| Answer { text: format!("{score}"), score, story: story(id), span: None };
/// let groups = group_by_story(&[answer(2, 0.7), answer(0, 0.6), answer(2, 0.5)]);
/// assert_eq!(groups.len(), 2);
/// assert_eq!(groups[0].story.id, 2);
/// assert_eq!(groups[0].answers.len(), 2);
/// ```
pub fn group_by_story(answers: &[Answer]) -> Vec<StoryAnswers> {
    let mut groups: Vec<StoryAnswers> = Vec::new();
    for answer in answers {
        match groups.iter_mut().find(|g| g.story.id == answer.story.id) {
            Some(group) => group.answers.push(answer.clone()),
            None => groups.push(StoryAnswers {
                story: answer.story.clone(),
                answers: vec![answer.clone()],
            }),
        }
    }
    groups
}
