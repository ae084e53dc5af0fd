//! Themes: the stories of a document grouped by meaning, each group named by its most
//! distinctive skills and words.
//!
//! A story's vector is the normalised mean of its statements' embeddings (the embeddings the
//! interview plan has already, so themes cost no model call). Stories are grouped by
//! agglomerative clustering with average linkage over cosine similarity
//! ([`jobdelta_matching::cluster`], which the posture's groups of posts use too), stopped at
//! [`THEME_THRESHOLD`]: two groups join while the mean cosine between their stories reaches
//! it. Deterministic: the result depends only on the input. A story may be a theme of its own; a story without statements (a contact block, a
//! skills list) has none.
//!
//! A theme is labelled by the names [`jobdelta_text::find_terms`] finds in its stories (skills,
//! tools) that are frequent in the theme and rare in the other stories, then by content words
//! chosen the same way (title words first, as a heading names what the story is about).

use std::collections::HashMap;

use jobdelta_matching::cluster::{average_linkage, most_distinctive};
use jobdelta_text::{content_words, find_terms, Story};
use serde::{Deserialize, Serialize};

/// Two groups of stories join while the mean cosine between their stories reaches this.
///
/// Set by reading the groups at 0.3, 0.35, 0.4, 0.45 and 0.5 on a resume outside the labelled
/// set (the shared evaluation resume, nine stories; `fixtures/report` and `fixtures/skills`
/// resumes have one or two stories with statements and say nothing), before the hand-marked
/// themes of `fixtures/interview` were scored: up to 0.35 every software story falls into one
/// theme, at 0.4 and 0.45 each role joins the project done in it, at 0.5 the summary parts from
/// the role it sums up. See docs/quality.md.
pub const THEME_THRESHOLD: f32 = 0.4;

/// Names in a theme's label, at most.
const LABEL_NAMES: usize = 3;

/// A group of stories about the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Its index among the themes (themes ordered by their first story).
    pub id: usize,
    /// Its most distinctive skills or words, comma separated ("Kafka, migration").
    pub label: String,
    /// Its stories' ids (indices in the stories), in source order.
    pub stories: Vec<usize>,
}

/// The theme of each story: `Some(theme id)`, `None` for a story without statements.
pub fn story_themes(themes: &[Theme], stories: usize) -> Vec<Option<usize>> {
    let mut of = vec![None; stories];
    for theme in themes {
        for &story in &theme.stories {
            if let Some(slot) = of.get_mut(story) {
                *slot = Some(theme.id);
            }
        }
    }
    of
}

/// Groups `stories` into themes. `vectors[i]` is story `i`'s vector (normalised), `None` for a
/// story without statements; vectors of different widths or with non-finite values are
/// treated as unrelated to everything.
pub fn themes(stories: &[Story], vectors: &[Option<Vec<f32>>], threshold: f32) -> Vec<Theme> {
    let members: Vec<usize> = (0..stories.len())
        .filter(|&i| vectors.get(i).is_some_and(Option::is_some))
        .collect();
    let points: Vec<&[f32]> = members
        .iter()
        .filter_map(|&i| vectors[i].as_deref())
        .collect();
    let groups = average_linkage(&points, threshold);
    let mut themes: Vec<Theme> = groups
        .into_iter()
        .map(|group| Theme {
            id: 0,
            label: String::new(),
            stories: group.into_iter().map(|p| members[p]).collect(),
        })
        .collect();
    themes.sort_by_key(|t| t.stories.first().copied());
    let texts: Vec<StoryText> = stories.iter().map(StoryText::of).collect();
    for (id, theme) in themes.iter_mut().enumerate() {
        theme.id = id;
        theme.label = label(&texts, &members, &theme.stories, stories);
    }
    themes
}

/// The names a story mentions, for labelling.
struct StoryText {
    /// Canonical names of the skills and tools it mentions.
    terms: Vec<String>,
    /// Content words of its title.
    title_words: Vec<String>,
    /// Content words of its statements, with how often each occurs.
    words: HashMap<String, usize>,
}

impl StoryText {
    fn of(story: &Story) -> Self {
        let mut text = story.title.clone();
        let mut words: HashMap<String, usize> = HashMap::new();
        for sentence in story.statements() {
            text.push_str(". ");
            text.push_str(&sentence.text);
            for word in content_words(&sentence.text) {
                *words.entry(word).or_default() += 1;
            }
        }
        let mut terms: Vec<String> = Vec::new();
        for mention in find_terms(&text) {
            if !terms.contains(&mention.canonical) {
                terms.push(mention.canonical);
            }
        }
        // Title words count only when the story's statements use them too: a header line is
        // often the person's or the employer's name, which says nothing of the theme.
        let title_words = content_words(&story.title)
            .into_iter()
            .filter(|w| words.contains_key(w))
            .collect();
        StoryText {
            terms,
            title_words,
            words,
        }
    }
}

/// Irregular past tenses resumes open with ("Ran the on-call rotation", "Led…"): like the
/// "-ed" verbs, they say what was done, not what about, so they never name a theme.
const IRREGULAR_PAST: &[&str] = &[
    "ran",
    "led",
    "built",
    "made",
    "wrote",
    "grew",
    "took",
    "drove",
    "won",
    "taught",
    "brought",
    "began",
    "chose",
    "found",
    "gave",
    "held",
    "kept",
    "knew",
    "left",
    "lost",
    "met",
    "paid",
    "put",
    "read",
    "rode",
    "rose",
    "sent",
    "set",
    "shut",
    "sold",
    "spent",
    "spoke",
    "stood",
    "struck",
    "swam",
    "thought",
    "told",
    "understood",
    "went",
    "became",
    "bought",
    "caught",
    "cut",
    "did",
    "drew",
    "fed",
    "felt",
    "fought",
    "flew",
    "got",
    "had",
    "heard",
    "hid",
    "hit",
    "hung",
    "let",
    "lit",
    "meant",
    "oversaw",
    "overcame",
    "rebuilt",
    "rewrote",
    "saw",
    "shot",
    "showed",
    "sat",
    "slept",
    "split",
    "spun",
    "stole",
    "swept",
    "threw",
    "undertook",
    "woke",
    "wound",
    "withdrew",
];

/// Whether `word` (lowercase) is a past-tense verb: "-ed" or one of [`IRREGULAR_PAST`].
fn past_tense(word: &str) -> bool {
    word.ends_with("ed") || IRREGULAR_PAST.contains(&word)
}

/// A word fit for a label: letters, three or more of them (no numbers, no "ms").
fn labelling_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// The label of the theme made of `chosen`, among the stories with statements (`members`).
fn label(texts: &[StoryText], members: &[usize], chosen: &[usize], stories: &[Story]) -> String {
    let others: Vec<usize> = members
        .iter()
        .copied()
        .filter(|m| !chosen.contains(m))
        .collect();
    let share = |group: &[usize], has: &dyn Fn(&StoryText) -> bool| -> f32 {
        if group.is_empty() {
            return 0.0;
        }
        group.iter().filter(|&&s| has(&texts[s])).count() as f32 / group.len() as f32
    };
    // Candidates in first-seen order, so ties keep the order the person wrote them in.
    let mut names: Vec<String> = Vec::new();
    for &s in chosen {
        for term in &texts[s].terms {
            if !names.contains(term) {
                names.push(term.clone());
            }
        }
    }
    let mut label = most_distinctive(
        names,
        |name| {
            let has = |t: &StoryText| t.terms.iter().any(|x| x == name);
            (share(chosen, &has), share(&others, &has), 0.0)
        },
        true,
        LABEL_NAMES,
    );
    if label.len() < LABEL_NAMES {
        let taken: Vec<String> = label.iter().map(|n| n.to_lowercase()).collect();
        let mut words: Vec<String> = Vec::new();
        for &s in chosen {
            let text = &texts[s];
            let mut own: Vec<&String> = text.title_words.iter().collect();
            let mut body: Vec<&String> = text.words.keys().collect();
            body.sort_by_key(|w| first_use(&stories[s], w));
            own.extend(body);
            for word in own {
                if labelling_word(word)
                    && !past_tense(word)
                    && !words.contains(word)
                    && !taken.iter().any(|t| t.split(' ').any(|part| part == word))
                {
                    words.push(word.clone());
                }
            }
        }
        let score_word = |word: &str| {
            let has = |t: &StoryText| {
                t.words.contains_key(word) || t.title_words.iter().any(|w| w == word)
            };
            let in_titles = chosen
                .iter()
                .filter(|&&s| texts[s].title_words.iter().any(|w| w == word))
                .count() as f32;
            let uses: usize = chosen
                .iter()
                .map(|&s| texts[s].words.get(word).copied().unwrap_or(0))
                .sum();
            (
                share(chosen, &has),
                share(&others, &has),
                in_titles * 10.0 + uses as f32,
            )
        };
        let mut extra = most_distinctive(words.clone(), score_word, true, LABEL_NAMES);
        if label.is_empty() && extra.is_empty() {
            // Nothing is in most of the theme's stories: its most frequent distinctive words.
            extra = most_distinctive(words, score_word, false, LABEL_NAMES);
        }
        label.extend(extra.into_iter().take(LABEL_NAMES - label.len()));
    }
    if label.is_empty() {
        return chosen
            .first()
            .and_then(|&s| stories.get(s))
            .map(|s| s.title.clone())
            .unwrap_or_default();
    }
    label.join(", ")
}

/// Byte offset of the first statement of `story` holding `word` (for a stable order).
fn first_use(story: &Story, word: &str) -> usize {
    let mut offset = 0;
    for sentence in story.statements() {
        if let Some(at) = sentence.text.to_lowercase().find(word) {
            return offset + at;
        }
        offset += sentence.text.len() + 1;
    }
    usize::MAX
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_matching::cluster::mean_vector;
    use jobdelta_text::find_stories;

    fn unit(v: &[f32]) -> Option<Vec<f32>> {
        mean_vector([v])
    }

    const DOC: &str = "\
### Kafka migration
Led the move of order events from RabbitMQ to Kafka for 14 services.

### Kafka consumers
Tuned the Kafka consumers of the billing services; lag fell to 2 seconds.

### Hiring loop
Redesigned our interview loop and hiring rubric with two engineers.

Skills
Kafka, Rust, Python
";

    #[test]
    fn themes_are_labelled_by_what_sets_them_apart() {
        let stories = find_stories(DOC);
        assert_eq!(stories.len(), 4, "{stories:#?}");
        let vectors = vec![
            unit(&[1.0, 0.1]),
            unit(&[1.0, 0.0]),
            unit(&[0.0, 1.0]),
            None,
        ];
        let found = themes(&stories, &vectors, 0.5);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].stories, vec![0, 1]);
        assert_eq!(found[0].id, 0);
        assert!(found[0].label.starts_with("Kafka"), "{}", found[0].label);
        assert!(!found[0].label.contains("RabbitMQ"), "{}", found[0].label);
        assert_eq!(found[1].stories, vec![2]);
        assert!(found[1].label.contains("interview"), "{}", found[1].label);
        assert_eq!(
            story_themes(&found, stories.len()),
            vec![Some(0), Some(0), Some(1), None]
        );
    }

    #[test]
    fn irregular_past_tenses_are_verbs_too() {
        for verb in ["ran", "led", "built", "redesigned", "oversaw"] {
            assert!(past_tense(verb), "{verb}");
        }
        for noun in ["services", "kafka", "loop"] {
            assert!(!past_tense(noun), "{noun}");
        }
    }

    #[test]
    fn no_vectors_no_themes() {
        let stories = find_stories(DOC);
        assert!(themes(&stories, &[], 0.5).is_empty());
        assert!(themes(&[], &[], 0.5).is_empty());
    }

    #[test]
    fn labels_never_are_numbers_or_short_words() {
        for word in ["14", "ms", "p99", "2024"] {
            assert!(!labelling_word(word), "{word}");
        }
        for word in ["kafka", "hiring", "cut-over"] {
            assert!(labelling_word(word), "{word}");
        }
    }
}
