//! What can be wrong with the texts given to the report, said so a person can fix it.

use serde::{Deserialize, Serialize};

/// Where a problem is, so the UI can show it next to the input concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemPlace {
    /// The resume / brag document.
    Resume,
    /// The job posts as a whole (e.g. none given).
    Posts,
    /// One job post, by its position in the list (0-based).
    Post {
        /// Position of the post in the list.
        index: usize,
    },
}

/// One problem with the inputs, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct InputProblem {
    /// Which input.
    pub place: ProblemPlace,
    /// What is wrong and what to do, for the person.
    pub message: String,
}

/// Every problem found in the inputs; the analysis starts only when there are none.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))]
pub struct InputProblems(pub Vec<InputProblem>);

/// The embeddings handed to [`crate::build_report`] do not fit the prepared texts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbeddingMismatch {
    /// Not one embedding per text to embed.
    #[error("expected {expected} embeddings (one per distinct sentence), got {got}")]
    Count {
        /// Texts to embed.
        expected: usize,
        /// Embeddings given.
        got: usize,
    },
    /// Embeddings of different lengths.
    #[error("embedding {index} has {got} dimensions where the first has {expected}")]
    Dimensions {
        /// Which embedding.
        index: usize,
        /// Length of the first embedding.
        expected: usize,
        /// Its length.
        got: usize,
    },
}
