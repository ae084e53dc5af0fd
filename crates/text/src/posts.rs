//! Pastes holding several job posts, and a title for each post.

use crate::html::strip_html;

/// Splits one paste holding many job posts on lines made only of three or more dashes
/// (`---`), dropping empty parts. Each part is trimmed.
pub fn split_posts(pasted: &str) -> Vec<String> {
    let mut posts = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in pasted.split_inclusive('\n') {
        let bare = line.trim();
        if bare.len() >= 3 && bare.bytes().all(|b| b == b'-') {
            push_post(&mut posts, &pasted[start..offset]);
            start = offset + line.len();
        }
        offset += line.len();
    }
    push_post(&mut posts, &pasted[start..]);
    posts
}

fn push_post(posts: &mut Vec<String>, part: &str) {
    let part = part.trim();
    if !part.is_empty() {
        posts.push(part.to_string());
    }
}

/// A title for a post from its first non-empty line (markdown `#`, bold, bullets and a
/// trailing ':' removed), `None` if that line is a long sentence (more than 12 words or 100
/// characters) rather than a title. HTML is read as its text.
pub fn infer_title(post: &str) -> Option<String> {
    let text = strip_html(post);
    let line = text.lines().map(str::trim).find(|l| has_alphanumeric(l))?;
    let mut title = line.trim_start_matches(['#', '>']).trim();
    title = crate::document::strip_bullet(title).trim();
    let title = crate::heading::clean_heading(title);
    if title.chars().count() > 100
        || title.split_whitespace().count() > 12
        || !has_alphanumeric(&title)
    {
        return None;
    }
    Some(title)
}

fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_split_on_dash_lines_only() {
        let paste = "First post\nline two\n---\n\n-----  \r\nSecond post - with a dash\n--\nstill second\n---";
        assert_eq!(
            split_posts(paste),
            [
                "First post\nline two",
                "Second post - with a dash\n--\nstill second"
            ]
        );
        assert!(split_posts("").is_empty());
        assert!(split_posts("---\n---\n").is_empty());
        assert_eq!(split_posts("only one"), ["only one"]);
    }

    #[test]
    fn titles_come_from_the_first_line() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Senior Data Engineer\nWe are hiring.", Some("Senior Data Engineer")),
            ("\n\n  ## Staff Engineer, Platform:\nbody", Some("Staff Engineer, Platform")),
            ("**Backend Developer**\n", Some("Backend Developer")),
            ("• ML Engineer (Remote)", Some("ML Engineer (Remote)")),
            ("<h1>Data Scientist</h1><p>Join us</p>", Some("Data Scientist")),
            (
                "We are a fast-growing startup looking for an engineer who loves building reliable systems.",
                None,
            ),
            ("", None),
            ("---\n***", None),
        ];
        for (post, expected) in cases {
            assert_eq!(infer_title(post).as_deref(), *expected, "{post:?}");
        }
    }
}
