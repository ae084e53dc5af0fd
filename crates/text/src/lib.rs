//! Text handling for jobdelta, with no web or model dependency.
//!
//! Turns what people paste — resumes, brag documents, scraped job posts — into the sentences
//! the model embeds, each tagged with the section it came from:
//!
//! - [`split_document`] → [`Sentence`]s with a [`SectionKind`] (headings recognised by
//!   [`classify_heading`], boilerplate by [`boilerplate_section`]) and a [`SentenceRole`]
//!   (only statements can be evidence of experience; headlines, contact, role/date lines,
//!   skill lists, places and a post's "Location: …" meta lines and company-name line under
//!   its title are not); hard-wrapped PDF
//!   and e-mail pastes are read as the paragraphs they were;
//! - [`split_posts`] and [`infer_title`] for pastes holding several posts (the title from
//!   the first line, a "Job title:" line, or "We are hiring a …" in the first sentences);
//! - [`strip_html`] for pasted page source (entities decoded with the full WHATWG table),
//!   and for plain text with a few tags in it, whose lines are kept;
//! - [`normalize_key`] for de-duplication and caching;
//! - [`words`] / [`content_words`] for highlighting shared words, with the NLTK
//!   [`STOP_WORDS`];
//! - [`find_terms`] for skills and technology names (a gazetteer built from ESCO and a
//!   hand-written alias table; see [`gazetteer_attribution`]);
//! - [`hard_requirements`] for what a post asks that a person has or has not (years,
//!   degree, seniority, licences, clearance, work authorisation, location, age, travel), and
//!   [`resume_facts`] for the person's side (dated roles, degrees, licences, seniority);
//! - [`find_stories`] cuts a resume or brag document into [`Story`]s (roles, projects,
//!   accomplishments, paragraphs) with their sentences, source offsets and dates;
//! - [`Preprocessing`] modes (stop words removed, jargon only) whose effect a person can see.

#![warn(missing_docs)]

mod boilerplate;
mod dates;
mod document;
mod hard_requirements;
mod heading;
mod html;
mod lexicon;
mod normalize;
mod posts;
mod preprocess;
mod resume_facts;
mod role;
mod scan;
mod section;
mod sentences;
mod stopwords;
mod stories;
mod terms;
mod words;

pub use boilerplate::boilerplate_section;
pub use dates::YearMonth;
pub use document::{split_document, Sentence};
pub use hard_requirements::{
    hard_requirements, license_often_unlisted, title_seniority, ClearanceLevel, DegreeLevel,
    FoundRequirement, HardRequirement, Seniority, WorkMode,
};
pub use heading::classify_heading;
pub use html::strip_html;
pub use normalize::normalize_key;
pub use posts::{infer_title, split_posts};
pub use preprocess::{is_any_stop_word, Preprocessing};
pub use resume_facts::{
    latest_month, resume_facts, Degree, ResumeFacts, Role, SeniorityEstimate, SenioritySource,
    StatedYears,
};
pub use role::SentenceRole;
pub use section::SectionKind;
pub use stopwords::{is_stop_word, STOP_WORDS};
pub use stories::{date_label, find_stories, Story, StoryDate, StoryEnd, StorySentence};
pub use terms::{
    canonical_term, distinct_terms, find_terms, gazetteer_attribution, known_terms, TermMention,
};
pub use words::{content_words, words, Word};
