//! Tables of job posts: the CSV or TSV a job board or a spreadsheet exports, JSON Lines
//! (`{"id", "title", "company", "date", "text"}` a line) or a JSON array of the same objects.
//!
//! Columns are recognised by name, tolerant of case, spacing, punctuation, order and extra
//! columns (`Job Title`, `job_title` and `position` are all the title; `Job Description`,
//! `description` and `text` the text; see [`FIELD_NAMES`]). A row without text is skipped and
//! said; a row repeating an earlier one (same title, company and text, ignoring case and
//! spacing) is dropped and counted. Whatever goes wrong is said with the file's name and the
//! row or line, so a person can find it.

use std::collections::HashSet;

use crate::decode::{decode, DecodeError, TextEncoding};

/// A post read from a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPost {
    /// Its `id` column, or else its row number among the data rows (1 = the first row under
    /// the header; a JSON Lines file counts its lines).
    pub id: String,
    /// Its title, if the table has one.
    pub title: Option<String>,
    /// The company, if the table has one.
    pub company: Option<String>,
    /// The date it was posted, as written.
    pub date: Option<String>,
    /// The post's text (plain text, Markdown or HTML, as the board exported it).
    pub text: String,
}

impl ImportedPost {
    /// The title shown in a list: "Title · Company", or the one the table has.
    pub fn display_title(&self) -> Option<String> {
        match (&self.title, &self.company) {
            (Some(title), Some(company)) => Some(format!("{title} · {company}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        }
    }
}

/// The kinds of table read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma- (or semicolon-) separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// One JSON object a line.
    JsonLines,
    /// One JSON array of objects.
    JsonArray,
}

impl TableFormat {
    /// The format a file name's extension says (`.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`,
    /// `.json`), or `None` for a file that is not a table.
    ///
    /// ```
    /// use jobdelta_import::TableFormat;
    /// assert_eq!(TableFormat::of_file_name("Jobs Export.CSV"), Some(TableFormat::Csv));
    /// assert_eq!(TableFormat::of_file_name("posts.jsonl"), Some(TableFormat::JsonLines));
    /// assert_eq!(TableFormat::of_file_name("resume.txt"), None);
    /// ```
    pub fn of_file_name(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        let extension = lower.rsplit_once('.')?.1;
        match extension {
            "csv" => Some(Self::Csv),
            "tsv" | "tab" => Some(Self::Tsv),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            "json" => Some(Self::JsonArray),
            _ => None,
        }
    }
}

/// A row (or line) that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The data row (1 = the first under the header) or, in JSON Lines, the line.
    pub row: usize,
    /// Why it was skipped.
    pub reason: String,
}

/// Everything read from one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTable {
    /// The posts, in file order, without repeats.
    pub posts: Vec<ImportedPost>,
    /// Rows dropped because they repeat an earlier one.
    pub duplicates: usize,
    /// Rows not imported, with the reason.
    pub skipped: Vec<SkippedRow>,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
    /// The column (or key) each field came from, as written in the file: id, title, company,
    /// date, text.
    pub columns: FieldColumns,
}

impl PostTable {
    /// One line for the person: what was imported, what was dropped or skipped (the first few
    /// rows named).
    pub fn summary(&self, file: &str) -> String {
        let mut line = format!(
            "{file}: {} post{} imported",
            self.posts.len(),
            plural(self.posts.len())
        );
        if self.duplicates > 0 {
            line.push_str(&format!(
                ", {} repeated row{} dropped",
                self.duplicates,
                plural(self.duplicates)
            ));
        }
        if !self.skipped.is_empty() {
            let shown: Vec<String> = self
                .skipped
                .iter()
                .take(3)
                .map(|s| format!("row {} {}", s.row, s.reason))
                .collect();
            let more = self.skipped.len().saturating_sub(shown.len());
            line.push_str(&format!(
                ", {} skipped ({}{})",
                self.skipped.len(),
                shown.join("; "),
                if more > 0 {
                    format!("; {more} more")
                } else {
                    String::new()
                }
            ));
        }
        line
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Which column each field was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldColumns {
    /// The id column, if any.
    pub id: Option<String>,
    /// The title column, if any.
    pub title: Option<String>,
    /// The company column, if any.
    pub company: Option<String>,
    /// The date column, if any.
    pub date: Option<String>,
    /// The text column (always found, or the table is refused).
    pub text: String,
}

/// Why a table could not be read at all (rows that fail alone are [`SkippedRow`]s).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing in the file.
    #[error("{file} is empty")]
    Empty {
        /// The file's name.
        file: String,
    },
    /// Not text, or text broken beyond reading.
    #[error("{file} {source}")]
    NotText {
        /// The file's name.
        file: String,
        /// What the bytes are.
        source: DecodeError,
    },
    /// No column holds the posts' text.
    #[error(
        "{file} has no column with the posts' text: name one `description`, `job description` \
         or `text` (its columns: {columns})"
    )]
    NoTextColumn {
        /// The file's name.
        file: String,
        /// The columns it has, comma-separated.
        columns: String,
    },
    /// A CSV whose header row cannot be read.
    #[error("{file}: its first row cannot be read as a header ({message})")]
    BadHeader {
        /// The file's name.
        file: String,
        /// The reader's words.
        message: String,
    },
    /// A JSON file that is not an array of objects.
    #[error("{file} is not JSON Lines or a JSON array of posts: {message}")]
    BadJson {
        /// The file's name.
        file: String,
        /// The parser's words.
        message: String,
    },
    /// Rows, but none with text.
    #[error("{file} holds no post with text ({skipped} row{} skipped)", plural(*skipped))]
    NoPosts {
        /// The file's name.
        file: String,
        /// How many rows were skipped.
        skipped: usize,
    },
}

/// The field names recognised, after lower-casing and dropping everything but letters and
/// digits, in order of preference within each field.
pub const FIELD_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Text,
        &[
            "text",
            "description",
            "jobdescription",
            "fulldescription",
            "descriptiontext",
            "posttext",
            "jobtext",
            "body",
            "content",
            "jobdetails",
            "details",
            "postingtext",
            "jobposting",
        ],
    ),
    (
        Field::Title,
        &[
            "title",
            "jobtitle",
            "position",
            "positiontitle",
            "positionname",
            "role",
            "jobname",
            "postingtitle",
        ],
    ),
    (
        Field::Company,
        &[
            "company",
            "companyname",
            "employer",
            "employername",
            "organization",
            "organisation",
            "hiringorganization",
        ],
    ),
    (
        Field::Date,
        &[
            "date",
            "dateposted",
            "posted",
            "postedat",
            "posteddate",
            "postingdate",
            "publishedat",
            "published",
            "datecreated",
            "createdat",
            "created",
            "listeddate",
        ],
    ),
    (
        Field::Id,
        &["id", "jobid", "postid", "postingid", "jobpostingid", "uuid"],
    ),
];

/// The fields of a post that a table may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The post's id.
    Id,
    /// Its title.
    Title,
    /// The company.
    Company,
    /// The date posted.
    Date,
    /// Its text.
    Text,
}

/// A header as compared: lower case, letters and digits only ("Job Title" → "jobtitle").
fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each field, the index of the header that names it best (earliest name in
/// [`FIELD_NAMES`], then leftmost column).
fn recognise_columns(headers: &[String]) -> [Option<usize>; 5] {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut found = [None; 5];
    let mut taken = HashSet::new();
    for (slot, (_, names)) in found.iter_mut().zip(FIELD_NAMES) {
        *slot = names.iter().find_map(|name| {
            normalized
                .iter()
                .enumerate()
                .find(|(i, h)| h == name && !taken.contains(i))
                .map(|(i, _)| i)
        });
        if let Some(i) = *slot {
            taken.insert(i);
        }
    }
    found
}

/// Reads a table of posts from a file's bytes; `name` is the file's name (its extension
/// chooses the format, [`TableFormat::of_file_name`]; anything else is read as CSV).
///
/// ```
/// let csv = "Job Title,Company,Job Description\nRust engineer,Acme,\"Build, test\nand ship.\"\n";
/// let table = jobdelta_import::read_post_table("jobs.csv", csv.as_bytes())?;
/// assert_eq!(table.posts[0].display_title().as_deref(), Some("Rust engineer · Acme"));
/// assert_eq!(table.posts[0].text, "Build, test\nand ship.");
/// assert_eq!(table.posts[0].id, "1");
/// # Ok::<(), jobdelta_import::ImportError>(())
/// ```
pub fn read_post_table(name: &str, bytes: &[u8]) -> Result<PostTable, ImportError> {
    let file = || name.to_owned();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file() });
    }
    let decoded = decode(bytes).map_err(|source| ImportError::NotText {
        file: file(),
        source,
    })?;
    let format = TableFormat::of_file_name(name).unwrap_or(TableFormat::Csv);
    let rows = match format {
        TableFormat::Csv | TableFormat::Tsv => delimited_rows(name, &decoded.text, format)?,
        TableFormat::JsonLines | TableFormat::JsonArray => json_rows(name, &decoded.text)?,
    };
    let RawRows {
        headers,
        rows,
        mut skipped,
    } = rows;
    let columns = recognise_columns(&headers);
    let [text_column, title_column, company_column, date_column, id_column] = columns;
    let Some(text_column) = text_column else {
        return Err(ImportError::NoTextColumn {
            file: file(),
            columns: headers.join(", "),
        });
    };
    let cell = |row: &[String], column: Option<usize>| {
        column
            .and_then(|c| row.get(c))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut posts = Vec::new();
    let mut seen = HashSet::new();
    let mut duplicates = 0;
    for (number, row) in rows {
        let Some(text) = cell(&row, Some(text_column)) else {
            skipped.push(SkippedRow {
                row: number,
                reason: "has no text".to_owned(),
            });
            continue;
        };
        let post = ImportedPost {
            id: cell(&row, id_column).unwrap_or_else(|| number.to_string()),
            title: cell(&row, title_column),
            company: cell(&row, company_column),
            date: cell(&row, date_column),
            text,
        };
        let key = [&post.title, &post.company, &Some(post.text.clone())]
            .map(|v| squash(v.as_deref().unwrap_or_default()));
        if !seen.insert(key) {
            duplicates += 1;
            continue;
        }
        posts.push(post);
    }
    if posts.is_empty() {
        return Err(ImportError::NoPosts {
            file: file(),
            skipped: skipped.len(),
        });
    }
    let header = |column: Option<usize>| column.and_then(|c| headers.get(c)).cloned();
    Ok(PostTable {
        posts,
        duplicates,
        skipped,
        encoding: decoded.encoding,
        columns: FieldColumns {
            id: header(id_column),
            title: header(title_column),
            company: header(company_column),
            date: header(date_column),
            text: headers.get(text_column).cloned().unwrap_or_default(),
        },
    })
}

/// Lower case with runs of white space as one space: what makes two rows the same post.
fn squash(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table before its columns are recognised.
struct RawRows {
    headers: Vec<String>,
    /// (row number, cells).
    rows: Vec<(usize, Vec<String>)>,
    skipped: Vec<SkippedRow>,
}

/// The delimiter of a CSV: comma, or semicolon where the header has more of them outside
/// quotes (European spreadsheets save "CSV" with semicolons), or tab for TSV.
fn delimiter_of(text: &str, format: TableFormat) -> u8 {
    if format == TableFormat::Tsv {
        return b'\t';
    }
    let header = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The rows of a CSV or TSV (quoted cells may hold delimiters and newlines; rows may be
/// ragged).
fn delimited_rows(name: &str, text: &str, format: TableFormat) -> Result<RawRows, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text, format))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::BadHeader {
            file: name.to_owned(),
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(record) => rows.push((i + 1, record.iter().map(str::to_owned).collect())),
            Err(e) => skipped.push(SkippedRow {
                row: i + 1,
                reason: format!("cannot be read ({e})"),
            }),
        }
    }
    Ok(RawRows {
        headers,
        rows,
        skipped,
    })
}

/// The rows of JSON Lines or a JSON array: each object's keys become columns (first seen,
/// first listed).
fn json_rows(name: &str, text: &str) -> Result<RawRows, ImportError> {
    let trimmed = text.trim_start();
    let mut objects: Vec<(usize, Result<serde_json::Value, String>)> = Vec::new();
    if trimmed.starts_with('[') {
        let value: serde_json::Value =
            serde_json::from_str(trimmed).map_err(|e| ImportError::BadJson {
                file: name.to_owned(),
                message: e.to_string(),
            })?;
        let serde_json::Value::Array(items) = value else {
            return Err(ImportError::BadJson {
                file: name.to_owned(),
                message: "expected an array".to_owned(),
            });
        };
        objects.extend(items.into_iter().enumerate().map(|(i, v)| (i + 1, Ok(v))));
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            objects.push((
                i + 1,
                serde_json::from_str(line).map_err(|e| format!("is not JSON ({e})")),
            ));
        }
    }
    let mut headers: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (number, object) in objects {
        let map = match object {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                skipped.push(SkippedRow {
                    row: number,
                    reason: "is not a JSON object".to_owned(),
                });
                continue;
            }
            Err(reason) => {
                skipped.push(SkippedRow {
                    row: number,
                    reason,
                });
                continue;
            }
        };
        let mut cells = vec![String::new(); headers.len()];
        for (key, value) in map {
            let column = match headers.iter().position(|h| *h == key) {
                Some(c) => c,
                None => {
                    headers.push(key);
                    cells.push(String::new());
                    headers.len() - 1
                }
            };
            cells[column] = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
        }
        rows.push((number, cells));
    }
    if rows.is_empty()
        && !skipped.is_empty()
        && skipped.iter().all(|s| s.reason.starts_with("is not JSON"))
    {
        return Err(ImportError::BadJson {
            file: name.to_owned(),
            message: format!("line {} {}", skipped[0].row, skipped[0].reason),
        });
    }
    Ok(RawRows {
        headers,
        rows,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(table: &PostTable) -> Vec<String> {
        table
            .posts
            .iter()
            .map(|p| p.display_title().unwrap_or_default())
            .collect()
    }

    #[test]
    fn recognises_the_usual_columns_in_any_order_and_case() {
        let cases: &[(&str, &str)] = &[
            ("title,company,date,description", "title"),
            (
                "Job Title,Company Name,Date Posted,Job Description",
                "Job Title",
            ),
            ("JOB_DESCRIPTION,extra,POSITION,employer", "POSITION"),
            ("id,text,title", "title"),
        ];
        for (header, title) in cases {
            let headers: Vec<String> = header.split(',').map(str::to_owned).collect();
            let found = recognise_columns(&headers);
            let title_index = found[1].unwrap();
            assert_eq!(headers[title_index], *title, "{header}");
            assert!(found[0].is_some(), "{header}: a text column");
        }
        // "description" and "text" both present: "text" is preferred.
        let headers: Vec<String> = ["description", "text"].map(str::to_owned).to_vec();
        assert_eq!(recognise_columns(&headers)[0], Some(1));
    }

    #[test]
    fn reads_csv_with_quotes_newlines_ragged_rows_and_extras() {
        let csv = "\u{feff}Date Posted,Job Title,Company,Job Description,Salary\n\
                   2026-01-05,Data Engineer,Acme,\"Spark, Kafka\n\nand \"\"SQL\"\".\",100k\n\
                   2026-02-01,Analyst,,Excel\n";
        let table = read_post_table("export.csv", csv.as_bytes()).unwrap();
        assert_eq!(titles(&table), ["Data Engineer · Acme", "Analyst"]);
        assert_eq!(table.posts[0].text, "Spark, Kafka\n\nand \"SQL\".");
        assert_eq!(table.posts[0].date.as_deref(), Some("2026-01-05"));
        assert_eq!(table.posts[1].id, "2");
        assert_eq!(table.columns.text, "Job Description");
        assert_eq!(table.columns.id, None);
    }

    #[test]
    fn reads_semicolons_tabs_and_json() {
        let semicolons = "title;text\nA;one, two\nB;three\n";
        assert_eq!(
            titles(&read_post_table("x.csv", semicolons.as_bytes()).unwrap()),
            ["A", "B"]
        );
        let tabs = "title\ttext\nA\tone\n";
        assert_eq!(
            titles(&read_post_table("x.tsv", tabs.as_bytes()).unwrap()),
            ["A"]
        );
        let lines = "{\"id\": 7, \"title\": \"A\", \"company\": \"C\", \"date\": \"2026-03\", \"text\": \"one\"}\n\n\
                     {\"id\": \"x9\", \"title\": \"B\", \"text\": \"two\"}\n";
        let table = read_post_table("posts.jsonl", lines.as_bytes()).unwrap();
        assert_eq!(titles(&table), ["A · C", "B"]);
        assert_eq!(
            table
                .posts
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            ["7", "x9"]
        );
        let array = r#"[{"title": "A", "description": "one"}]"#;
        assert_eq!(
            read_post_table("posts.json", array.as_bytes())
                .unwrap()
                .posts[0]
                .text,
            "one"
        );
    }

    #[test]
    fn drops_repeats_and_skips_rows_without_text() {
        let csv = "title,text\nA,Rust  work\na,rust work\nB,\n,only text\n";
        let table = read_post_table("x.csv", csv.as_bytes()).unwrap();
        assert_eq!(titles(&table), ["A", ""]);
        assert_eq!(table.duplicates, 1);
        assert_eq!(
            table.skipped,
            [SkippedRow {
                row: 3,
                reason: "has no text".to_owned()
            }]
        );
        assert_eq!(
            table.summary("x.csv"),
            "x.csv: 2 posts imported, 1 repeated row dropped, 1 skipped (row 3 has no text)"
        );
        let lines = "{\"text\": \"ok\"}\nnot json\n[1]\n";
        let table = read_post_table("x.jsonl", lines.as_bytes()).unwrap();
        assert_eq!(table.posts.len(), 1);
        assert_eq!(table.skipped.len(), 2);
        assert_eq!(table.skipped[0].row, 2);
    }

    #[test]
    fn says_what_is_wrong_with_the_file() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("a.csv", b"  \n", "a.csv is empty"),
            (
                "a.csv",
                b"name,salary\nx,1\n",
                "a.csv has no column with the posts' text: name one `description`, `job description` or `text` (its columns: name, salary)",
            ),
            ("a.csv", b"%PDF-1.4 xx", "a.csv is a PDF document, not a text file"),
            ("a.csv", b"title,text\nA,\n", "a.csv holds no post with text (1 row skipped)"),
            ("a.jsonl", b"nope\n", "a.jsonl is not JSON Lines or a JSON array of posts: line 1 is not JSON (expected ident at line 1 column 2)"),
            ("a.json", b"[1, 2", "a.json is not JSON Lines or a JSON array of posts: EOF while parsing a list at line 1 column 5"),
        ];
        for (name, bytes, message) in cases {
            assert_eq!(
                read_post_table(name, bytes).unwrap_err().to_string(),
                *message
            );
        }
    }

    #[test]
    fn reads_utf16_and_latin1_tables() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "title\ttext\nDéveloppeur\tRust\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let table = read_post_table("excel.csv", &utf16).unwrap();
        assert_eq!(titles(&table), ["Développeur"]);
        assert_eq!(table.encoding, TextEncoding::Utf16Le);
        let latin1 = b"title,text\nD\xE9veloppeur,Rust\n";
        let table = read_post_table("old.csv", latin1).unwrap();
        assert_eq!(titles(&table), ["Développeur"]);
        assert_eq!(table.encoding, TextEncoding::Windows1252);
    }
}
