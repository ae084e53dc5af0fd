//! Turning what the person pastes or drops into list entries: several posts pasted at once
//! (separated by a line `---`), files dropped on the page (text files, and tables of posts
//! read by [`jobdelta_import`]), and their titles. Pure, so it is tested natively; reading the
//! files themselves is in [`crate::files`].

use jobdelta_import::{decode, read_post_table, TableFormat};
use jobdelta_protocol::import;
use jobdelta_text::{infer_title, split_posts};

/// Text files larger than this are not read: a resume or job post is a few kilobytes, and a
/// multi-megabyte "text" file is almost always the wrong file.
pub const MAX_FILE_BYTES: f64 = 1_000_000.0;

/// Tables of posts larger than this are not read: 5,000 posts of 4 kB each are 20 MB, about
/// what a page keeps responsive (docs/benchmarks.md); a bigger export is better cut by date.
pub const MAX_TABLE_BYTES: f64 = 30_000_000.0;

/// A post about to be added to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// Its title (typed, inferred from its first line, from a file name, or "Post N").
    pub title: String,
    /// Its text.
    pub text: String,
    /// Its id and date in the table it came from, if it came from one.
    pub table: Option<jobdelta_matching::posture::PostMeta>,
}

/// A file that was read, as (file name, bytes): decoded here, so a Windows-1252 or UTF-16
/// file reads as what it says and a PDF is named, not shown as garbage.
pub type ReadFile = (String, Vec<u8>);

/// The text of a dropped text file, or why it cannot be read (naming the file).
fn text_of(name: &str, bytes: &[u8]) -> Result<String, String> {
    decode(bytes).map(|d| d.text).map_err(|e| {
        let hint = match e {
            jobdelta_import::DecodeError::Binary(_) => {
                " (for a PDF or Word document, copy its text and paste it)"
            }
            _ => "",
        };
        format!("{name} {e}{hint}")
    })
}

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
            NewPost {
                title,
                text: part,
                table: None,
            }
        })
        .collect()
}

/// Dropped files as posts: a text file is one post, titled from its first line or else its
/// file name; a table (CSV, TSV, JSON Lines, JSON) gives one post a row. Returns the posts,
/// a line per table saying what it imported, dropped and skipped, and the files not read
/// with the reason. `existing` posts are already listed (for "Post N" titles).
pub fn posts_from_files(files: Vec<ReadFile>, existing: usize) -> FilePosts {
    let mut read = FilePosts::default();
    for (name, bytes) in files {
        if TableFormat::of_file_name(&name).is_some() {
            match read_post_table(&name, &bytes) {
                Ok(table) => {
                    read.notes.push(table.summary(&name));
                    for post in table.posts {
                        let number = existing + read.posts.len() + 1;
                        let title = post
                            .display_title()
                            .or_else(|| infer_title(&post.text))
                            .unwrap_or_else(|| format!("Post {number}"));
                        read.posts.push(NewPost {
                            title,
                            text: post.text,
                            table: Some(jobdelta_matching::posture::PostMeta {
                                id: post.id,
                                date: post.date,
                            }),
                        });
                    }
                }
                Err(e) => read.skipped.push(e.to_string()),
            }
            continue;
        }
        let text = match text_of(&name, &bytes) {
            Ok(text) => text,
            Err(reason) => {
                read.skipped.push(reason);
                continue;
            }
        };
        if text.trim().is_empty() {
            read.skipped.push(format!("{name} is empty"));
            continue;
        }
        let title = infer_title(&text).unwrap_or_else(|| title_from_file_name(&name));
        read.posts.push(NewPost {
            title,
            text: text.trim().to_owned(),
            table: None,
        });
    }
    read
}

/// What dropped files gave the post list.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FilePosts {
    /// The posts, in file order.
    pub posts: Vec<NewPost>,
    /// One line per table read ("jobs.csv: 40 posts imported, 2 repeated rows dropped").
    pub notes: Vec<String>,
    /// Files not read, with the reason.
    pub skipped: Vec<String>,
}

/// The resume from dropped files: their texts one after the other (normally there is one),
/// and the files not read with the reason (a table of posts belongs on the posts).
pub fn resume_from_files(files: &[ReadFile]) -> (String, Vec<String>) {
    let mut texts = Vec::new();
    let mut skipped = Vec::new();
    for (name, bytes) in files {
        if TableFormat::of_file_name(name).is_some() {
            skipped.push(format!(
                "{name} is a table of posts: drop it on the posts, not the resume"
            ));
            continue;
        }
        match text_of(name, bytes) {
            Ok(text) if !text.trim().is_empty() => texts.push(text.trim().to_owned()),
            Ok(_) => {}
            Err(reason) => skipped.push(reason),
        }
    }
    (texts.join("\n\n"), skipped)
}

/// Whether a dropped file can be read, or why not (for the message listing skipped files):
/// text files up to [`MAX_FILE_BYTES`], tables of posts up to [`MAX_TABLE_BYTES`].
/// PDF and Word documents (by name) up to `MAX_DOCUMENT_BYTES`, read by the import worker
/// ([`crate::import_worker`]; a text file that is really a PDF is found by its bytes later).
pub fn check_file(name: &str, mime: &str, size: f64) -> Result<(), String> {
    if import::is_document(name, &[]) {
        return if size > import::MAX_DOCUMENT_BYTES as f64 {
            Err(import::too_large_message(name, size as u64))
        } else {
            Ok(())
        };
    }
    let lower = name.to_lowercase();
    let text_extension = [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let text_type = matches!(mime, "text/plain" | "text/markdown" | "text/x-markdown");
    let table = TableFormat::of_file_name(name).is_some();
    if !text_extension && !text_type && !table {
        return Err(format!(
            "{name} is not a .txt or .md file, a PDF or Word document (.pdf, .docx), nor a table of posts (.csv, .tsv, .jsonl, .json)"
        ));
    }
    let limit = if table {
        MAX_TABLE_BYTES
    } else {
        MAX_FILE_BYTES
    };
    if size > limit {
        return Err(format!(
            "{name} is {:.1} MB; {} over {:.0} MB are not read",
            size / 1e6,
            if table { "tables" } else { "text files" },
            limit / 1e6
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

/// The message listing files that were not read, if any (one full stop at the end, even when
/// a reason is a sentence of its own, as the import worker's are).
pub fn skipped_message(skipped: &[String]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let reasons: Vec<&str> = skipped
        .iter()
        .map(|reason| reason.trim_end_matches('.'))
        .collect();
    Some(format!("Not read: {}.", reasons.join("; ")))
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

    fn file(name: &str, text: &str) -> ReadFile {
        (name.to_owned(), text.as_bytes().to_vec())
    }

    #[test]
    fn dropped_files_are_titled_from_their_text_or_name() {
        let read = posts_from_files(
            vec![
                file("post-1.txt", "Machine Learning Engineer\n\nTrain models."),
                file("empty.md", " \n "),
                ("old.txt".into(), b"Ing\xE9nieur\n\nRust.".to_vec()),
                ("cv.txt".into(), b"%PDF-1.7 binary".to_vec()),
            ],
            0,
        );
        assert_eq!(
            titles(&read.posts),
            ["Machine Learning Engineer", "Ingénieur"]
        );
        assert_eq!(
            read.skipped,
            [
                "empty.md is empty",
                "cv.txt is a PDF document, not a text file (for a PDF or Word document, copy its text and paste it)"
            ]
        );
    }

    #[test]
    fn a_dropped_table_gives_a_post_per_row_and_says_so() {
        let read = posts_from_files(
            vec![
                file(
                    "jobs.csv",
                    "Job Title,Company,Job Description\nData Engineer,Acme,SQL.\n,,Only text here.\nX,Y,\n",
                ),
                file("bad.csv", "name,salary\nx,1\n"),
            ],
            3,
        );
        assert_eq!(titles(&read.posts), ["Data Engineer · Acme", "Post 5"]);
        assert_eq!(
            read.notes,
            ["jobs.csv: 2 posts imported, 1 skipped (row 3 has no text)"]
        );
        assert_eq!(read.skipped.len(), 1);
        assert!(read.skipped[0].starts_with("bad.csv has no column with the posts' text"));
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
            ("resume.pdf", "application/pdf", 10.0, true),
            ("Resume.DOCX", "", 2e6, true),
            ("scan.pdf", "application/pdf", 60e6, false),
            ("old.doc", "application/msword", 10.0, false),
            ("photo.png", "image/png", 10.0, false),
            ("huge.txt", "text/plain", 5e6, false),
            ("jobs.csv", "text/csv", 5e6, true),
            ("jobs.jsonl", "", 40e6, false),
        ];
        for (name, mime, size, ok) in cases {
            assert_eq!(check_file(name, mime, size).is_ok(), ok, "{name}");
        }
        assert!(check_file("scan.pdf", "", 60e6)
            .unwrap_err()
            .starts_with("scan.pdf is 57.2 MB"));
    }

    #[test]
    fn several_resume_files_are_joined() {
        let files = vec![
            file("a.txt", "First.\n"),
            file("b.txt", "  "),
            file("c.md", "Second."),
            file("posts.csv", "title,text\nA,B\n"),
        ];
        let (text, skipped) = resume_from_files(&files);
        assert_eq!(text, "First.\n\nSecond.");
        assert_eq!(
            skipped,
            ["posts.csv is a table of posts: drop it on the posts, not the resume"]
        );
    }

    #[test]
    fn skipped_files_are_listed() {
        assert_eq!(skipped_message(&[]), None);
        assert_eq!(
            skipped_message(&["a is empty".into(), "b is big".into()]).as_deref(),
            Some("Not read: a is empty; b is big.")
        );
        assert_eq!(
            skipped_message(&["cv.pdf could not be read. Your workspace is unchanged.".into()])
                .as_deref(),
            Some("Not read: cv.pdf could not be read. Your workspace is unchanged.")
        );
    }
}
