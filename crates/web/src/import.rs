//! Turning what the person pastes or drops into list entries: several posts pasted at once
//! (separated by a line `---`), files dropped on the page, and their titles. Pure, so it is
//! tested natively; reading the files themselves is in [`crate::files`].

use jobdelta_text::{infer_title, split_posts};

/// Files larger than this are not read: a resume or job post is a few kilobytes, and a
/// multi-megabyte "text" file is almost always the wrong file.
pub const MAX_FILE_BYTES: f64 = 1_000_000.0;

/// A post about to be added to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// Its title (typed, inferred from its first line, from a file name, or "Post N").
    pub title: String,
    /// Its text.
    pub text: String,
}

/// A file that was read, as (file name, text).
pub type ReadFile = (String, String);

/// The posts in the "new post" box: one per part separated by a line `---`.
///
/// A typed title names the first post (with a single post, that is the post); the others are
/// named from their first line, or "Post N" where N is their position once added after
/// `existing` posts.
pub fn posts_from_paste(typed_title: &str, text: &str, existing: usize) -> Vec<NewPost> {
    let typed_title = typed_title.trim();
    split_posts(text)
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .enumerate()
        .map(|(i, part)| {
            let title = (i == 0 && !typed_title.is_empty())
                .then(|| typed_title.to_owned())
                .or_else(|| infer_title(&part))
                .unwrap_or_else(|| format!("Post {}", existing + i + 1));
            NewPost { title, text: part }
        })
        .collect()
}

/// One post per dropped file, titled from its first line or else its file name; empty files
/// are skipped with a message.
pub fn posts_from_files(files: Vec<ReadFile>) -> (Vec<NewPost>, Vec<String>) {
    let mut posts = Vec::new();
    let mut skipped = Vec::new();
    for (name, text) in files {
        if text.trim().is_empty() {
            skipped.push(format!("{name} is empty"));
            continue;
        }
        let title = infer_title(&text).unwrap_or_else(|| title_from_file_name(&name));
        posts.push(NewPost {
            title,
            text: text.trim().to_owned(),
        });
    }
    (posts, skipped)
}

/// The resume from dropped files: their texts one after the other (normally there is one).
pub fn resume_from_files(files: &[ReadFile]) -> String {
    files
        .iter()
        .map(|(_, text)| text.trim())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether a dropped file can be read, or why not (for the message listing skipped files).
pub fn check_file(name: &str, mime: &str, size: f64) -> Result<(), String> {
    let lower = name.to_lowercase();
    let text_extension = [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let text_type = matches!(mime, "text/plain" | "text/markdown" | "text/x-markdown");
    if !text_extension && !text_type {
        return Err(format!(
            "{name} is not a .txt or .md file (for a PDF or Word document, copy its text and paste it)"
        ));
    }
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{name} is {:.1} MB; text files over {:.0} MB are not read",
            size / 1e6,
            MAX_FILE_BYTES / 1e6
        ));
    }
    Ok(())
}

/// A title from a file name: no folder, no extension, `-` and `_` as spaces
/// ("senior-rust_engineer.md" → "senior rust engineer").
pub fn title_from_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    };
    let title = stem
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        name.to_owned()
    } else {
        title
    }
}

/// The message listing files that were not read, if any.
pub fn skipped_message(skipped: &[String]) -> Option<String> {
    match skipped {
        [] => None,
        [one] => Some(format!("Not read: {one}.")),
        many => Some(format!("Not read: {}.", many.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn titles(posts: &[NewPost]) -> Vec<&str> {
        posts.iter().map(|p| p.title.as_str()).collect()
    }

    #[test]
    fn one_pasted_post_takes_the_typed_title() {
        let posts = posts_from_paste("  Platform engineer ", "We build things.\nRust.", 2);
        assert_eq!(titles(&posts), ["Platform engineer"]);
        assert!(posts[0].text.contains("Rust."));
    }

    #[test]
    fn several_pasted_posts_become_several_entries() {
        let text = "Senior Data Engineer\n\nYou will build pipelines.\n---\n\
                    Staff Backend Engineer\n\nGo and Rust.\n---\n\n---\n";
        let posts = posts_from_paste("", text, 0);
        assert_eq!(posts.len(), 2, "{posts:?}");
        assert_eq!(
            titles(&posts),
            ["Senior Data Engineer", "Staff Backend Engineer"]
        );
        assert!(posts.iter().all(|p| !p.text.contains("---")));

        // A typed title names the first of them only.
        let posts = posts_from_paste("Mine", text, 0);
        assert_eq!(titles(&posts), ["Mine", "Staff Backend Engineer"]);
    }

    #[test]
    fn blank_pastes_add_nothing() {
        assert!(posts_from_paste("Title", "  \n\t", 0).is_empty());
        assert!(posts_from_paste("", "---\n---", 0).is_empty());
    }

    #[test]
    fn dropped_files_are_titled_from_their_text_or_name() {
        let (posts, skipped) = posts_from_files(vec![
            (
                "post-1.txt".into(),
                "Machine Learning Engineer\n\nTrain models.".into(),
            ),
            ("empty.md".into(), " \n ".into()),
        ]);
        assert_eq!(titles(&posts), ["Machine Learning Engineer"]);
        assert_eq!(skipped, ["empty.md is empty"]);
    }

    #[test]
    fn file_names_make_readable_titles() {
        let cases = [
            ("senior-rust_engineer.md", "senior rust engineer"),
            ("C:\\jobs\\acme  data.txt", "acme data"),
            ("notes", "notes"),
            (".md", ".md"),
            ("a.b.c.txt", "a.b.c"),
        ];
        for (name, expected) in cases {
            assert_eq!(title_from_file_name(name), expected, "{name}");
        }
    }

    #[test]
    fn only_small_text_files_are_read() {
        let cases = [
            ("resume.txt", "", 10.0, true),
            ("RESUME.MD", "", 10.0, true),
            ("resume", "text/plain", 10.0, true),
            ("resume.pdf", "application/pdf", 10.0, false),
            ("photo.png", "image/png", 10.0, false),
            ("huge.txt", "text/plain", 5e6, false),
        ];
        for (name, mime, size, ok) in cases {
            assert_eq!(check_file(name, mime, size).is_ok(), ok, "{name}");
        }
        assert!(check_file("cv.pdf", "", 1.0).unwrap_err().contains("paste"));
    }

    #[test]
    fn several_resume_files_are_joined() {
        let files = vec![
            ("a.txt".to_owned(), "First.\n".to_owned()),
            ("b.txt".to_owned(), "  ".to_owned()),
            ("c.md".to_owned(), "Second.".to_owned()),
        ];
        assert_eq!(resume_from_files(&files), "First.\n\nSecond.");
    }

    #[test]
    fn skipped_files_are_listed() {
        assert_eq!(skipped_message(&[]), None);
        assert_eq!(
            skipped_message(&["a is empty".into(), "b is big".into()]).as_deref(),
            Some("Not read: a is empty; b is big.")
        );
    }
}
