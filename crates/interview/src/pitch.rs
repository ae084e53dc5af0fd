//! "Tell me about yourself": a 60–90-second outline, present → past → why this role, made of
//! the person's own sentences from their strongest stories for a post (or for their field).
//!
//! Nothing is written here: the outline picks stories and, in each, the sentences closest to
//! the post; the person reorders, swaps and pins, and exports the result.

use serde::{Deserialize, Serialize};

use crate::ask::StoryRef;
use crate::Interview;

/// Speaking pace the spoken time is estimated at.
pub const WORDS_PER_MINUTE: usize = 150;

/// The most words an outline proposes: 90 seconds at [`WORDS_PER_MINUTE`].
pub const MAX_WORDS: usize = 225;

/// Sentences taken from one story at most.
pub(crate) const SENTENCES_PER_STORY: usize = 2;

/// Stories of the past part at least (when there are enough stories).
const PAST_STORIES: usize = 2;

/// Stories of the past part at most, taken while the outline is under [`MIN_WORDS`].
const MAX_PAST_STORIES: usize = 4;

/// The fewest words an outline aims for: 60 seconds at [`WORDS_PER_MINUTE`].
pub const MIN_WORDS: usize = 150;

/// Which part of the outline an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PitchPart {
    /// What the person does now.
    Present,
    /// How they got here.
    Past,
    /// Why this role: their story closest to the post.
    WhyThisRole,
}

impl PitchPart {
    /// Its heading in the outline.
    pub fn label(self) -> &'static str {
        match self {
            PitchPart::Present => "Present",
            PitchPart::Past => "Past",
            PitchPart::WhyThisRole => "Why this role",
        }
    }
}

/// One story of the outline with the sentences taken from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineItem {
    /// Its part.
    pub part: PitchPart,
    /// The story.
    pub story: StoryRef,
    /// Its sentences, as written, in document order.
    pub sentences: Vec<String>,
    /// How well the story fits the post (or the field).
    pub fit: f32,
    /// Kept when the outline is rebuilt.
    pub pinned: bool,
}

/// The person's choices, kept across rebuilds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitchChoices {
    /// Stories that must be in the outline.
    pub pinned: Vec<usize>,
    /// Stories that must not.
    pub excluded: Vec<usize>,
}

/// A "Tell me about yourself" outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// The post it is for, or `None` for the person's field.
    pub post: Option<String>,
    /// The items, in speaking order.
    pub items: Vec<OutlineItem>,
}

impl Outline {
    /// Words in the outline.
    pub fn words(&self) -> usize {
        self.items
            .iter()
            .flat_map(|i| &i.sentences)
            .map(|s| s.split_whitespace().count())
            .sum()
    }

    /// Seconds to say it at [`WORDS_PER_MINUTE`], rounded.
    pub fn seconds(&self) -> usize {
        (self.words() * 60 + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE
    }

    /// Moves the item at `from` to `to` (both clamped); the part follows the new place.
    pub fn move_item(&mut self, from: usize, to: usize) {
        if from >= self.items.len() {
            return;
        }
        let item = self.items.remove(from);
        let to = to.min(self.items.len());
        self.items.insert(to, item);
    }

    /// Markdown: a heading per part, a bullet per sentence, the story and dates in italics.
    pub fn to_markdown(&self) -> String {
        let mut out = match &self.post {
            Some(post) => format!("# Tell me about yourself — {post}\n"),
            None => "# Tell me about yourself\n".to_owned(),
        };
        let mut part = None;
        for item in &self.items {
            if part != Some(item.part) {
                out.push_str(&format!("\n## {}\n\n", item.part.label()));
                part = Some(item.part);
            }
            let dates = item.story.date_label();
            if dates.is_empty() {
                out.push_str(&format!("*{}*\n\n", item.story.title));
            } else {
                out.push_str(&format!("*{} ({dates})*\n\n", item.story.title));
            }
            for sentence in &item.sentences {
                out.push_str(&format!("- {sentence}\n"));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "{} words, about {} seconds at {WORDS_PER_MINUTE} words a minute.\n",
            self.words(),
            self.seconds()
        ));
        out
    }

    /// Plain text: the sentences as paragraphs, one per story, to read aloud.
    pub fn to_plain_text(&self) -> String {
        let mut out: Vec<String> = self.items.iter().map(|i| i.sentences.join(" ")).collect();
        out.retain(|p| !p.is_empty());
        out.join("\n\n") + "\n"
    }
}

/// Proposes an outline for post `post` (index in [`Interview::posts`]), or for the person's
/// field (`None`: fit to the common questions): the best-fitting current story, up to
/// [`PAST_STORIES`] earlier ones in chronological order (more, up to [`MAX_PAST_STORIES`],
/// while it is under [`MIN_WORDS`]), and the best remaining one as why
/// this role; in each, its sentences closest to the post, the whole at most [`MAX_WORDS`].
/// Pinned stories are always in; excluded ones never.
pub fn pitch(interview: &Interview, post: Option<usize>, choices: &PitchChoices) -> Outline {
    let fits = match post.and_then(|p| interview.posts.get(p)) {
        Some(post) => &post.sentence_fit,
        None => &interview.general_fit,
    };
    let mut candidates: Vec<(usize, f32)> = interview
        .stories
        .iter()
        .enumerate()
        .filter(|(id, story)| story.has_statements() && !choices.excluded.contains(id))
        .map(|(id, _)| (id, interview.story_fit(post, id)))
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1));

    let stories = &interview.stories;
    let latest = |id: usize| {
        stories[id].end.map(|end| match end {
            jobdelta_text::StoryEnd::Present => (1, jobdelta_text::YearMonth::new(9999, 12)),
            jobdelta_text::StoryEnd::Date(date) => (0, date.last_month()),
        })
    };
    // Present: an ongoing story if any (the best-fitting one), else the most recent.
    let present = candidates
        .iter()
        .filter(|(id, _)| latest(*id).is_some_and(|(ongoing, _)| ongoing == 1))
        .map(|&(id, _)| id)
        .next()
        .or_else(|| {
            candidates
                .iter()
                .filter(|(id, _)| latest(*id).is_some())
                .max_by_key(|(id, _)| latest(*id))
                .map(|&(id, _)| id)
        })
        .or_else(|| candidates.first().map(|&(id, _)| id));
    let mut chosen: Vec<(PitchPart, usize)> = Vec::new();
    if let Some(id) = present {
        chosen.push((PitchPart::Present, id));
    }
    let used = |chosen: &[(PitchPart, usize)], id: usize| chosen.iter().any(|&(_, c)| c == id);
    // Why this role: the best-fitting story not used yet.
    if let Some(&(id, _)) = candidates.iter().find(|(id, _)| !used(&chosen, *id)) {
        chosen.push((PitchPart::WhyThisRole, id));
    }
    for &id in &choices.pinned {
        if id < stories.len() && !used(&chosen, id) && !choices.excluded.contains(&id) {
            chosen.push((PitchPart::Past, id));
        }
    }
    // A story's best sentences for the post (indices, in the story's order).
    let best_sentences = |id: usize| -> Vec<usize> {
        let fit_of = fits.get(id);
        let mut picked: Vec<(usize, f32)> = stories[id]
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role.is_experience())
            .map(|(i, _)| (i, fit_of.and_then(|f| f.get(i)).copied().unwrap_or(0.0)))
            .collect();
        picked.sort_by(|a, b| b.1.total_cmp(&a.1));
        picked.truncate(SENTENCES_PER_STORY);
        let mut picked: Vec<usize> = picked.into_iter().map(|(i, _)| i).collect();
        picked.sort_unstable();
        picked
    };
    // Words a story brings: its best sentences for the post.
    let words_of = |id: usize| -> usize {
        best_sentences(id)
            .into_iter()
            .map(|i| stories[id].sentences[i].text.split_whitespace().count())
            .sum()
    };
    let mut words: usize = chosen.iter().map(|&(_, id)| words_of(id)).sum();
    let mut past = chosen.iter().filter(|(p, _)| *p == PitchPart::Past).count();
    for &(id, _) in &candidates {
        let wanted = past < PAST_STORIES || (past < MAX_PAST_STORIES && words < MIN_WORDS);
        if !wanted {
            break;
        }
        if used(&chosen, id) {
            continue;
        }
        chosen.push((PitchPart::Past, id));
        words += words_of(id);
        past += 1;
    }
    let order = |part: PitchPart| match part {
        PitchPart::Present => 0,
        PitchPart::Past => 1,
        PitchPart::WhyThisRole => 2,
    };
    // Past stories in chronological order (undated last).
    chosen.sort_by_key(|&(part, id)| {
        (
            order(part),
            stories[id].start.map(|d| d.first_month()).is_none(),
            stories[id].start.map(|d| d.first_month()),
        )
    });
    let mut items: Vec<OutlineItem> = chosen
        .into_iter()
        .map(|(part, id)| {
            let story = &stories[id];
            OutlineItem {
                part,
                story: StoryRef::of(id, story),
                sentences: best_sentences(id)
                    .into_iter()
                    .map(|i| story.sentences[i].text.clone())
                    .collect(),
                fit: interview.story_fit(post, id),
                pinned: choices.pinned.contains(&id),
            }
        })
        .collect();
    // Over budget: drop the last sentence of the least-fitting unpinned story with two.
    let mut outline = Outline {
        post: post
            .and_then(|p| interview.posts.get(p))
            .map(|p| p.title.clone()),
        items: Vec::new(),
    };
    loop {
        outline.items.clone_from(&items);
        if outline.words() <= MAX_WORDS {
            break;
        }
        let Some(item) = items
            .iter_mut()
            .filter(|i| i.sentences.len() > 1)
            .min_by(|a, b| a.fit.total_cmp(&b.fit))
        else {
            break;
        };
        item.sentences.pop();
    }
    outline
}
