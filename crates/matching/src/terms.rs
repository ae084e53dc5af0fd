//! Skills and technologies the posts ask for that the resume never names.
//!
//! Embeddings say how close two sentences are; they do not say that "TensorFlow" is not
//! "PyTorch". This pass finds the skills ([`crate::sentence_skill_names`]: the skill-extractor
//! vocabulary, each post's hits judged by the context classifier, with the curated gazetteer
//! and its aliases on top) of the posts' requirement sentences, keeps those the resume never mentions (by canonical name:
//! "k8s" in the resume covers "Kubernetes" in a post), and, for each, points at the resume
//! sentences closest to the requirements that name it — with the term such a sentence names, so
//! a person reads "you wrote PyTorch; the post says TensorFlow". Pure: no model, embeddings in.

use std::collections::{HashMap, HashSet};

use jobdelta_text::{SectionKind, SentenceRole};
use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::skill_mentions::{sentence_skill_names, sentence_skill_names_unjudged};
use crate::skills::{check_named_skills, resume_skill_places, SkillCheck};
use crate::vector::dot;

/// Resume sentences kept as near matches of each missing term.
pub const NEAR_MATCHES_PER_TERM: usize = 2;

/// Terms and term gaps of the resume and the posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TermAnalysis {
    /// For each post (in the order given), the terms it asks for that the resume lacks,
    /// must-haves first, then the most asked-for across posts.
    pub per_post: Vec<Vec<MissingTerm>>,
    /// Terms the resume lacks, across all posts: asked as a must-have by most posts first.
    pub across_posts: Vec<TermGap>,
    /// Canonical terms the resume mentions, each once, in resume order.
    pub resume_terms: Vec<String>,
    /// For each resume sentence (as in [`Prepared::resume`]), the canonical terms it names.
    #[serde(default)]
    pub sentence_terms: Vec<Vec<String>>,
    /// For each post, for each of its requirements: the skills it names and where the resume
    /// names them. A term is missing only where a requirement naming it is not satisfied.
    #[serde(default)]
    pub requirement_skills: Vec<Vec<SkillCheck>>,
}

/// A term one post asks for that the resume never names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingTerm {
    /// Canonical name ("Kubernetes" for "k8s").
    pub term: String,
    /// The most important section of this post it appears in (Required > Preferred >
    /// Responsibilities > General).
    pub section: SectionKind,
    /// How many posts ask for it (this one included).
    pub posts_asking: usize,
    /// Resume sentences closest to the requirements that name it, best first.
    pub near_matches: Vec<NearMatch>,
}

/// A resume sentence close to a requirement that names a missing term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearMatch {
    /// A term the resume sentence names, preferably one the requirement does not
    /// ("PyTorch" near a "TensorFlow" requirement).
    pub resume_term: Option<String>,
    /// The resume sentence.
    pub resume_sentence: String,
    /// Its best cosine similarity to a requirement naming the term.
    pub score: f32,
}

/// A term the resume lacks, across the posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermGap {
    /// Canonical name.
    pub term: String,
    /// Posts that ask for it (indices, ascending).
    pub posts: Vec<usize>,
    /// How many of them list it among their must-haves.
    pub must_have_posts: usize,
}

/// Finds the terms of the resume, and the terms each post asks for that the resume lacks,
/// with their nearest resume sentences. `embeddings` holds one L2-normalised vector per
/// [`Prepared::texts_to_embed`] entry; a missing vector only leaves near matches out.
pub fn term_analysis<E: AsRef<[f32]>>(prepared: &Prepared, embeddings: &[E]) -> TermAnalysis {
    term_analysis_judging(prepared, embeddings, true)
}

/// [`term_analysis`], where `judge_in_context` says whether the embeddings are ones the skills
/// classifier can read (all-MiniLM-L6-v2's, [`jobdelta_skills::judges_vectors_of`]). When
/// not, no hit is judged in context: the skills are the curated names alone, as when the
/// classifier has no vector for a hit.
pub(crate) fn term_analysis_judging<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
    judge_in_context: bool,
) -> TermAnalysis {
    // The classifier reads a hit's context vector by its index; with none to read, it rejects.
    let no_vectors: [E; 0] = [];
    let context_vectors: &[E] = if judge_in_context {
        embeddings
    } else {
        &no_vectors
    };
    let resume_sentence_terms: Vec<Vec<String>> = prepared
        .resume
        .iter()
        .map(|s| sentence_skill_names(s, context_vectors))
        .collect();
    let requirement_terms: Vec<Vec<Vec<String>>> = prepared
        .posts
        .iter()
        .map(|post| {
            post.requirements
                .iter()
                .map(|r| sentence_skill_names(r, context_vectors))
                .collect()
        })
        .collect();
    let mut resume_terms = Vec::new();
    let mut shown = HashSet::new();
    for term in resume_sentence_terms.iter().flatten() {
        if shown.insert(term.clone()) {
            resume_terms.push(term.clone());
        }
    }
    // Whether the resume names a skill: every hit counts, judged or not.
    let resume_sentence_hits: Vec<Vec<String>> = prepared
        .resume
        .iter()
        .map(sentence_skill_names_unjudged)
        .collect();
    let in_resume: HashSet<String> = resume_sentence_hits.iter().flatten().cloned().collect();

    let places = resume_skill_places(&resume_sentence_hits);
    let requirement_skills: Vec<Vec<SkillCheck>> = prepared
        .posts
        .iter()
        .zip(&requirement_terms)
        .map(|(post, terms)| {
            post.requirements
                .iter()
                .zip(terms)
                .map(|(r, names)| check_named_skills(&r.text, names.clone(), &places))
                .collect()
        })
        .collect();

    // For each post: term -> (best section, its requirement sentences), in first-seen order;
    // only the terms a requirement still needs (an alternative the resume names answers the
    // others: "Java, C++ or Rust" with Java named asks for nothing more).
    let asked: Vec<Vec<Asked>> = prepared
        .posts
        .iter()
        .zip(&requirement_skills)
        .zip(&requirement_terms)
        .map(|((post, checks), names)| {
            let mut terms: Vec<Asked> = Vec::new();
            for (index, requirement) in post.requirements.iter().enumerate() {
                let satisfied = checks.get(index).and_then(SkillCheck::satisfied);
                for term in names.get(index).cloned().unwrap_or_default() {
                    if satisfied == Some(true) && !in_resume.contains(&term) {
                        continue;
                    }
                    match terms.iter_mut().find(|a| a.term == term) {
                        Some(entry) => {
                            if importance(requirement.section) < importance(entry.section) {
                                entry.section = requirement.section;
                            }
                            entry.requirements.push(index);
                        }
                        None => terms.push(Asked {
                            term,
                            section: requirement.section,
                            requirements: vec![index],
                        }),
                    }
                }
            }
            terms
        })
        .collect();

    let mut posts_asking: HashMap<&str, usize> = HashMap::new();
    for post in &asked {
        for entry in post {
            *posts_asking.entry(entry.term.as_str()).or_default() += 1;
        }
    }

    let vector = |i: usize| embeddings.get(i).map(AsRef::as_ref);
    let per_post = asked
        .iter()
        .zip(prepared.posts.iter().zip(&requirement_terms))
        .map(|(post_terms, (post, names))| {
            let mut missing: Vec<MissingTerm> = post_terms
                .iter()
                .filter(|entry| !in_resume.contains(&entry.term))
                .map(|entry| {
                    let requirement_terms: HashSet<String> = entry
                        .requirements
                        .iter()
                        .filter_map(|&r| names.get(r))
                        .flatten()
                        .cloned()
                        .collect();
                    let mut scored: Vec<(usize, f32)> = prepared
                        .resume
                        .iter()
                        .enumerate()
                        .filter(|(_, sentence)| speaks_to_skills(sentence.role))
                        .filter_map(|(i, sentence)| {
                            let resume_vector = vector(sentence.embedding)?;
                            entry
                                .requirements
                                .iter()
                                .filter_map(|&r| post.requirements.get(r))
                                .filter_map(|r| vector(r.embedding))
                                .map(|v| dot(v, resume_vector))
                                .filter(|s| s.is_finite())
                                .reduce(f32::max)
                                .map(|score| (i, score))
                        })
                        .collect();
                    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    let near_matches = scored
                        .into_iter()
                        .take(NEAR_MATCHES_PER_TERM)
                        .map(|(i, score)| {
                            let terms = &resume_sentence_terms[i];
                            let resume_term = terms
                                .iter()
                                .find(|t| !requirement_terms.contains(*t))
                                .or_else(|| terms.first())
                                .cloned();
                            NearMatch {
                                resume_term,
                                resume_sentence: prepared.resume[i].text.clone(),
                                score,
                            }
                        })
                        .collect();
                    MissingTerm {
                        term: entry.term.clone(),
                        section: entry.section,
                        posts_asking: posts_asking.get(entry.term.as_str()).copied().unwrap_or(1),
                        near_matches,
                    }
                })
                .collect();
            // Stable: ties keep the post's order.
            missing.sort_by(|a, b| {
                importance(a.section)
                    .cmp(&importance(b.section))
                    .then(b.posts_asking.cmp(&a.posts_asking))
            });
            missing
        })
        .collect();

    let mut across: Vec<TermGap> = Vec::new();
    for (post_index, post) in asked.iter().enumerate() {
        for entry in post.iter().filter(|e| !in_resume.contains(&e.term)) {
            let must_have = usize::from(entry.section == SectionKind::Required);
            match across.iter_mut().find(|g| g.term == entry.term) {
                Some(gap) => {
                    gap.posts.push(post_index);
                    gap.must_have_posts += must_have;
                }
                None => across.push(TermGap {
                    term: entry.term.clone(),
                    posts: vec![post_index],
                    must_have_posts: must_have,
                }),
            }
        }
    }
    across.sort_by(|a, b| {
        b.must_have_posts
            .cmp(&a.must_have_posts)
            .then(b.posts.len().cmp(&a.posts.len()))
    });

    TermAnalysis {
        per_post,
        across_posts: across,
        resume_terms,
        sentence_terms: resume_sentence_terms,
        requirement_skills,
    }
}

/// A term as one post asks for it.
struct Asked {
    term: String,
    section: SectionKind,
    /// Indices of the requirement sentences naming it.
    requirements: Vec<usize>,
}

/// Lower is more important: must-haves, nice-to-haves, responsibilities, general text.
/// Whether a resume line of this role can be offered as the closest thing to a missing term:
/// what someone did, their role lines and their skill lists — not their name, tagline,
/// contact or place lines, which a short resume otherwise offers ("Closest in your resume:
/// “Jane Doe” 0.12").
fn speaks_to_skills(role: SentenceRole) -> bool {
    matches!(
        role,
        SentenceRole::Statement | SentenceRole::Heading | SentenceRole::SkillList
    )
}

fn importance(section: SectionKind) -> u8 {
    match section {
        SectionKind::Required => 0,
        SectionKind::Preferred => 1,
        SectionKind::Responsibilities => 2,
        SectionKind::General => 3,
        SectionKind::About | SectionKind::Benefits | SectionKind::Legal => 4,
    }
}

/// The integration tests' toy embedding, shared by path (the library has no test-only API).
#[cfg(test)]
#[path = "../tests/support/mod.rs"]
mod toy;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::{prepare, PostText};

    /// Topics of the toy embedding: a sentence is the normalised indicator vector of the
    /// topics it contains, plus a small constant so no vector is zero.
    const TOPICS: &[&str] = &["deep learning", "cluster", "pipeline", "frontend"];

    fn toy_embedding(text: &str) -> Vec<f32> {
        toy::toy_embedding(TOPICS, text)
    }

    fn post(text: &str) -> PostText {
        PostText {
            title: None,
            text: text.to_owned(),
        }
    }

    const RESUME: &str = "Experience\n\
        - Trained deep learning models in PyTorch for image search.\n\
        - Ran Python data pipeline jobs on Airflow.\n\
        - Built a frontend in React.\n";

    const ML_POST: &str = "Machine Learning Engineer\n\n\
        Requirements\n\
        - Experience with TensorFlow for deep learning.\n\
        - Strong Python skills.\n\n\
        Nice to have\n\
        - Familiarity with k8s cluster operations.\n\n\
        Responsibilities\n\
        - Ship deep learning features with TensorFlow and Docker.\n";

    const DATA_POST: &str = "Data Engineer\n\n\
        Responsibilities\n\
        - Run Kubernetes cluster jobs and Docker images.\n\n\
        Requirements\n\
        - Build a pipeline with dbt and Snowflake.\n";

    fn analyze(posts: &[&str]) -> TermAnalysis {
        let posts: Vec<PostText> = posts.iter().map(|p| post(p)).collect();
        let prepared = prepare(RESUME, &posts).expect("valid inputs");
        let embeddings: Vec<Vec<f32>> = prepared
            .texts_to_embed
            .iter()
            .map(|t| toy_embedding(t))
            .collect();
        term_analysis(&prepared, &embeddings)
    }

    fn names(terms: &[MissingTerm]) -> Vec<(&str, SectionKind, usize)> {
        terms
            .iter()
            .map(|t| (t.term.as_str(), t.section, t.posts_asking))
            .collect()
    }

    #[test]
    fn resume_terms_are_canonical_and_unique() {
        let analysis = analyze(&[ML_POST]);
        assert_eq!(
            analysis.resume_terms,
            [
                "deep learning",
                "PyTorch",
                "Python",
                "data pipelines",
                "Airflow",
                "React"
            ]
        );
    }

    #[test]
    fn missing_terms_rank_must_haves_first_then_by_posts() {
        let analysis = analyze(&[ML_POST, DATA_POST]);
        assert_eq!(
            names(&analysis.per_post[0]),
            [
                ("TensorFlow", SectionKind::Required, 1),
                ("Kubernetes", SectionKind::Preferred, 2),
                ("Docker", SectionKind::Responsibilities, 2),
            ]
        );
        assert_eq!(
            names(&analysis.per_post[1]),
            [
                ("dbt", SectionKind::Required, 1),
                ("Snowflake", SectionKind::Required, 1),
                ("Kubernetes", SectionKind::Responsibilities, 2),
                ("Docker", SectionKind::Responsibilities, 2),
            ]
        );
    }

    #[test]
    fn near_matches_point_at_the_closest_resume_sentence_and_its_term() {
        let analysis = analyze(&[ML_POST]);
        let tensorflow = &analysis.per_post[0][0];
        assert_eq!(tensorflow.term, "TensorFlow");
        assert_eq!(tensorflow.near_matches.len(), NEAR_MATCHES_PER_TERM);
        let best = &tensorflow.near_matches[0];
        // "you wrote PyTorch; the post says TensorFlow"
        assert_eq!(best.resume_term.as_deref(), Some("PyTorch"));
        assert!(best.resume_sentence.starts_with("Trained deep learning"));
        assert!(best.score > tensorflow.near_matches[1].score);
        assert!((best.score - 1.0).abs() < 1e-5, "{}", best.score);
    }

    #[test]
    fn near_matches_never_offer_the_name_or_contact_lines() {
        // The name line is made the closest by the toy embedding (it names the topic); it is
        // still not offered: a person's name is no near match for a skill.
        let resume = "Deep Learning Pipeline Person\njane@example.com\n\nExperience\n\
            - Built a frontend in React.\n";
        let posts = [post(ML_POST)];
        let prepared = prepare(resume, &posts).expect("valid inputs");
        let embeddings: Vec<Vec<f32>> = prepared
            .texts_to_embed
            .iter()
            .map(|t| toy_embedding(t))
            .collect();
        let analysis = term_analysis(&prepared, &embeddings);
        let offered: Vec<&str> = analysis.per_post[0]
            .iter()
            .flat_map(|t| &t.near_matches)
            .map(|m| m.resume_sentence.as_str())
            .collect();
        assert!(!offered.is_empty());
        assert!(
            offered.iter().all(|s| *s == "Built a frontend in React."),
            "{offered:?}"
        );
    }

    #[test]
    fn near_match_falls_back_to_a_term_the_requirement_names_too() {
        let analysis = analyze(&["Requirements\n- Deep learning with TensorFlow and PyTorch.\n"]);
        let best = &analysis.per_post[0][0].near_matches[0];
        // Every term of the sentence is in the requirement: the first one is shown.
        assert_eq!(analysis.per_post[0][0].term, "TensorFlow");
        assert_eq!(best.resume_term.as_deref(), Some("deep learning"));
    }

    #[test]
    fn gaps_across_posts_rank_by_must_have_posts_then_posts() {
        let analysis = analyze(&[ML_POST, DATA_POST]);
        let gaps: Vec<(&str, &[usize], usize)> = analysis
            .across_posts
            .iter()
            .map(|g| (g.term.as_str(), g.posts.as_slice(), g.must_have_posts))
            .collect();
        assert_eq!(
            gaps,
            [
                ("TensorFlow", &[0][..], 1),
                ("dbt", &[1][..], 1),
                ("Snowflake", &[1][..], 1),
                ("Kubernetes", &[0, 1][..], 0),
                ("Docker", &[0, 1][..], 0),
            ]
        );
    }

    #[test]
    fn missing_embeddings_only_drop_near_matches() {
        let posts = [post(ML_POST)];
        let prepared = prepare(RESUME, &posts).expect("valid inputs");
        let analysis = term_analysis(&prepared, &Vec::<Vec<f32>>::new());
        assert_eq!(analysis.per_post[0].len(), 3);
        assert!(analysis.per_post[0]
            .iter()
            .all(|t| t.near_matches.is_empty()));
    }

    /// Another model's vectors are not read by the skills classifier: the skills are what no
    /// vectors give (the curated names alone), while near matches still use the vectors.
    #[test]
    fn another_models_vectors_are_not_judged_in_context() {
        let posts = [post(ML_POST)];
        let prepared = prepare(RESUME, &posts).expect("valid inputs");
        let same: Vec<Vec<f32>> = prepared
            .texts_to_embed
            .iter()
            .map(|_| vec![1.0, 0.0])
            .collect();
        let other_model = term_analysis_judging(&prepared, &same, false);
        let no_vectors = term_analysis(&prepared, &Vec::<Vec<f32>>::new());
        assert_eq!(other_model.resume_terms, no_vectors.resume_terms);
        assert_eq!(other_model.sentence_terms, no_vectors.sentence_terms);
        assert_eq!(
            other_model.requirement_skills,
            no_vectors.requirement_skills
        );
        assert!(other_model.per_post[0]
            .iter()
            .any(|t| !t.near_matches.is_empty()));
    }

    #[test]
    fn serializes_to_json() {
        let analysis = analyze(&[ML_POST]);
        let json = serde_json::to_string(&analysis).expect("serializable");
        assert!(json.contains("\"section\":\"required\""));
        let back: TermAnalysis = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, analysis);
    }
}
