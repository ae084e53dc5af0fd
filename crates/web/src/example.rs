//! The example workspace offered on a first visit ("Try it with an example"): a resume and
//! three job posts written for the purpose (`fixtures/example/`), so a newcomer can see a
//! report before pasting their own texts. Not evaluation data.

use crate::import::{title_from_file_name, NewPost};

/// The example resume (Markdown).
pub const RESUME: &str = include_str!("../../../fixtures/example/resume.md");

/// The example posts, as (file name, text).
const POSTS: [(&str, &str); 3] = [
    (
        "post-1-platform-engineer.txt",
        include_str!("../../../fixtures/example/post-1-platform-engineer.txt"),
    ),
    (
        "post-2-data-engineer.txt",
        include_str!("../../../fixtures/example/post-2-data-engineer.txt"),
    ),
    (
        "post-3-frontend-developer.txt",
        include_str!("../../../fixtures/example/post-3-frontend-developer.txt"),
    ),
];

/// The example posts, titled from their first line (as a pasted post is).
pub fn posts() -> Vec<NewPost> {
    POSTS
        .iter()
        .map(|(name, text)| NewPost {
            title: text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map_or_else(|| title_from_file_name(name), str::to_owned),
            text: text.trim().to_owned(),
            table: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_matching::{prepare, PostText};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_example_is_a_resume_and_three_posts_the_worker_accepts() {
        let posts = posts();
        let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Senior Platform Engineer",
                "Data Engineer",
                "Frontend Developer (React)"
            ]
        );
        let texts: Vec<PostText> = posts
            .iter()
            .map(|p| PostText {
                title: Some(p.title.clone()),
                text: p.text.clone(),
            })
            .collect();
        let prepared = prepare(RESUME, &texts).map_err(|e| format!("{e:?}"));
        let prepared = prepared.as_ref().map(|p| (p.resume.len(), p.posts.len()));
        assert!(
            matches!(prepared, Ok((resume, 3)) if resume >= 15),
            "{prepared:?}"
        );
    }
}
