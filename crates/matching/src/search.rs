//! Searching every post's requirements for the sentences closest to a query ("who asks for
//! Kubernetes?", "which posts want mentoring?"), over hundreds of posts at once.
//!
//! Brute force on purpose: the embeddings are unit vectors, so cosine is a dot product, and a
//! scan of 40,000 requirement vectors (1,000 posts) is 15 million multiply-adds — a few
//! milliseconds — with exact results and nothing to build or keep in sync. The best `limit`
//! are kept with a partial sort.

use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::vector::dot;

/// One requirement found by a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The post it belongs to (index in the analysis' posts).
    pub post: usize,
    /// Its index in that post's requirements (as in [`crate::PostReport::requirements`]).
    pub requirement: usize,
    /// The sentence.
    pub text: String,
    /// Cosine similarity to the query, in [-1, 1].
    pub similarity: f32,
}

/// Every requirement sentence of an analysis with its embedding, ready to search. `V` is how
/// the caller holds a vector (`Vec<f32>`, or a shared `Rc<[f32]>`: the index then costs no
/// second copy of 40,000 vectors).
#[derive(Debug, Clone)]
pub struct RequirementIndex<V> {
    /// (post, requirement, text) per entry of `vectors`.
    places: Vec<(usize, usize, String)>,
    /// One unit vector per requirement, all of one length.
    vectors: Vec<V>,
    dimension: usize,
}

impl<V> Default for RequirementIndex<V> {
    fn default() -> Self {
        Self {
            places: Vec::new(),
            vectors: Vec::new(),
            dimension: 0,
        }
    }
}

impl<V: AsRef<[f32]> + Clone> RequirementIndex<V> {
    /// The requirements of `prepared`'s posts with their vectors (`embeddings` indexed like
    /// [`Prepared::texts_to_embed`]); a requirement without a vector of the common length is
    /// left out.
    pub fn build(prepared: &Prepared, embeddings: &[V]) -> Self {
        let dimension = embeddings.first().map_or(0, |v| v.as_ref().len());
        let mut index = Self {
            dimension,
            ..Self::default()
        };
        for (post, prepared_post) in prepared.posts.iter().enumerate() {
            for (requirement, sentence) in prepared_post.requirements.iter().enumerate() {
                let Some(vector) = embeddings.get(sentence.embedding) else {
                    continue;
                };
                if vector.as_ref().len() != dimension {
                    continue;
                }
                index.vectors.push(vector.clone());
                index
                    .places
                    .push((post, requirement, sentence.text.clone()));
            }
        }
        index
    }

    /// Requirements in the index.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The `limit` requirements most similar to `query` (a unit vector), best first; ties keep
    /// the order of the posts. A query of the wrong length finds nothing.
    pub fn search(&self, query: &[f32], limit: usize) -> Vec<SearchHit> {
        if query.len() != self.dimension || self.dimension == 0 || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(usize, f32)> = self
            .vectors
            .iter()
            .map(|vector| dot(query, vector.as_ref()))
            .enumerate()
            .collect();
        let best_first =
            |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, best_first);
            scored.truncate(limit);
        }
        scored.sort_by(best_first);
        scored
            .into_iter()
            .map(|(row, similarity)| {
                let (post, requirement, text) = &self.places[row];
                SearchHit {
                    post: *post,
                    requirement: *requirement,
                    text: text.clone(),
                    similarity,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{prepare, PostText};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A toy embedding: one axis per topic word, normalised.
    fn embed(text: &str) -> Vec<f32> {
        let topics = ["rust", "kubernetes", "mentoring", "sales"];
        let mut v: Vec<f32> = topics
            .iter()
            .map(|t| {
                if text.to_lowercase().contains(t) {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        v.push(0.1);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    fn index() -> RequirementIndex<Vec<f32>> {
        let posts = vec![
            PostText {
                title: Some("Platform".into()),
                text: "Requirements:\n- Run Kubernetes clusters in production.\n- Write Rust services.".into(),
            },
            PostText {
                title: Some("Lead".into()),
                text: "Requirements:\n- Mentoring junior engineers every week.\n- Own Kubernetes upgrades end to end.".into(),
            },
        ];
        let prepared = prepare("I wrote Rust services for years.", &posts).unwrap_or_else(|e| {
            panic!("the toy inputs are valid: {e:?}");
        });
        let embeddings: Vec<Vec<f32>> = prepared.texts_to_embed.iter().map(|t| embed(t)).collect();
        RequirementIndex::build(&prepared, &embeddings)
    }

    #[test]
    fn the_closest_requirements_come_first_across_posts() {
        let index = index();
        assert_eq!(index.len(), 4);
        let hits = index.search(&embed("kubernetes"), 2);
        assert_eq!(hits.len(), 2);
        assert!(
            hits.iter().all(|h| h.text.contains("Kubernetes")),
            "{hits:?}"
        );
        // Equal scores: the first post's requirement first.
        assert_eq!((hits[0].post, hits[1].post), (0, 1));
        assert!(hits[0].similarity >= hits[1].similarity);
        let mentoring = index.search(&embed("mentoring"), 1);
        assert_eq!(mentoring[0].post, 1);
        assert_eq!(mentoring[0].requirement, 0);
    }

    #[test]
    fn a_limit_beyond_the_index_returns_everything_sorted() {
        let index = index();
        let hits = index.search(&embed("rust"), 100);
        assert_eq!(hits.len(), 4);
        assert!(hits.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        assert!(hits[0].text.contains("Rust"));
    }

    #[test]
    fn nothing_is_found_with_a_wrong_query_or_no_limit() {
        let index = index();
        assert!(index.search(&[1.0, 0.0], 5).is_empty());
        assert!(index.search(&embed("rust"), 0).is_empty());
        assert!(RequirementIndex::<Vec<f32>>::default()
            .search(&embed("rust"), 3)
            .is_empty());
    }
}
