//! The import readers on the fixture tables (fixtures/import): a job board's CSV export and
//! the same rows as JSON Lines, read alike, in every encoding a spreadsheet saves.

use std::path::PathBuf;

use jobdelta_import::{read_post_table, PostTable, TextEncoding};

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/import")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name.to_owned(), bytes)
}

fn read(name: &str) -> PostTable {
    let (name, bytes) = fixture(name);
    read_post_table(&name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn csv_export_and_json_lines_give_the_same_posts() {
    let csv = read("posts.csv");
    let lines = read("posts.jsonl");
    assert_eq!(csv.posts, lines.posts);
    let ids: Vec<&str> = csv.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["fp-101", "nw-7", "lh-3", "ap-9"]);
    assert_eq!(
        csv.posts[2].display_title().as_deref(),
        Some("Registered Nurse · Lakeside Hospital")
    );
    assert!(
        csv.posts[2].text.starts_with("<p><strong>"),
        "HTML kept for the splitter"
    );
    assert_eq!(csv.posts[1].date.as_deref(), Some("2026-10-15"));
    assert_eq!((csv.duplicates, csv.skipped.len()), (1, 1));
    assert_eq!(csv.columns.text, "Job Description");
    assert_eq!(csv.columns.title.as_deref(), Some("Job Title"));
    assert_eq!(csv.columns.id.as_deref(), Some("Job ID"));
    assert_eq!(
        csv.summary("posts.csv"),
        "posts.csv: 4 posts imported, 1 repeated row dropped, 1 skipped (row 5 has no text)"
    );
}

#[test]
fn the_export_reads_alike_in_utf16_and_windows_1252() {
    let (_, bytes) = fixture("posts.csv");
    let text = String::from_utf8(bytes).unwrap();
    let expected = read("posts.csv").posts;

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let table = read_post_table("posts.csv", &utf16).unwrap();
    assert_eq!(
        (table.encoding, &table.posts),
        (TextEncoding::Utf16Le, &expected)
    );

    // The fixture's non-ASCII characters (€, ’, –) all exist in Windows-1252.
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '€' => 0x80,
            '’' => 0x92,
            '–' => 0x96,
            '—' => 0x97,
            c => u8::try_from(u32::from(c)).unwrap(),
        })
        .collect();
    let table = read_post_table("posts.csv", &cp1252).unwrap();
    assert_eq!(
        (table.encoding, &table.posts),
        (TextEncoding::Windows1252, &expected)
    );
}

#[test]
fn never_panics_on_cut_or_mangled_bytes() {
    let (_, bytes) = fixture("posts.csv");
    for end in (0..bytes.len()).step_by(7) {
        let _ = read_post_table("posts.csv", &bytes[..end]);
        let mut flipped = bytes.clone();
        flipped[end] ^= 0x80;
        let _ = read_post_table("posts.jsonl", &flipped);
    }
}
