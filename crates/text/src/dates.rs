//! Months and the date ranges resumes write roles and degrees with.
//!
//! Resumes write dates every way people do: "Feb. 2021 – July 2023", "2018–2021",
//! "06/2019 - Present", "June 2024 – August 2024", "2019 – Present", "since 2022",
//! "Expected May 2028", "Summer 2024". [`find_date_range`] reads the first such range of a line;
//! the caller passes "today" in (no clock here: the core stays pure).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month: what resume dates are precise to. Serialised as `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// The month `month` (clamped to 1–12) of `year`.
    pub fn new(year: i32, month: u8) -> Self {
        YearMonth {
            year,
            month: month.clamp(1, 12),
        }
    }

    /// The month holding a Unix time (seconds since 1970-01-01 UTC), for callers with a clock.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        // Howard Hinnant's civil_from_days: exact for the proleptic Gregorian calendar.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        YearMonth::new(
            i32::try_from(year).unwrap_or(i32::MAX),
            u8::try_from(month).unwrap_or(1),
        )
    }

    /// Months since the start of year 0: differences of these are durations in months.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// Parses `"YYYY-MM"` (or `"YYYY"`, read as January).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = match text.split_once('-') {
            Some((year, month)) => (year, month.parse().ok()?),
            None => (text, 1),
        };
        (1..=12)
            .contains(&month)
            .then(|| Some(YearMonth::new(year.parse().ok()?, month)))?
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        YearMonth::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM month: {text:?}")))
    }
}

/// One end of a date range as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DatePoint {
    pub month: YearMonth,
    /// False for a bare year ("2018"), which is read as its January.
    pub month_known: bool,
}

/// A range found in a line: start, end (`None` for "present"), and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateRange {
    pub start: DatePoint,
    pub end: Option<DatePoint>,
    /// Byte range of the dates in the line (ASCII lowercasing keeps offsets).
    pub span: std::ops::Range<usize>,
}

/// A date-ish token of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Month(u8),
    Year(i32),
    /// "06/2019", "6-2019", "2019-06".
    Numeric(YearMonth),
    Present,
    Dash,
    Since,
    Other,
}

/// The first date range of a line ("Feb. 2021 – July 2023", "2019 – Present", "since 2022"),
/// or a single date ("Expected May 2028", "June 2024") as a range that starts and ends there.
pub(crate) fn find_date_range(line: &str) -> Option<DateRange> {
    let tokens = date_tokens(line);
    // Dates with their token positions.
    let mut k = 0;
    let mut single: Option<DateRange> = None;
    while k < tokens.len() {
        let Some((start, next)) = date_at(&tokens, k) else {
            k += 1;
            continue;
        };
        let since = k > 0 && tokens[k - 1].0 == Token::Since;
        let span_start = tokens[k].1.start;
        let mut j = next;
        if j < tokens.len() && tokens[j].0 == Token::Dash {
            j += 1;
            if j < tokens.len() && tokens[j].0 == Token::Present {
                return Some(DateRange {
                    start,
                    end: None,
                    span: span_start..tokens[j].1.end,
                });
            }
            if let Some((end, after)) = date_at(&tokens, j) {
                return Some(DateRange {
                    start,
                    end: Some(end),
                    span: span_start..tokens[after - 1].1.end,
                });
            }
        }
        if since {
            return Some(DateRange {
                start,
                end: None,
                span: tokens[k - 1].1.start..tokens[next - 1].1.end,
            });
        }
        single.get_or_insert(DateRange {
            start,
            end: Some(start),
            span: span_start..tokens[next - 1].1.end,
        });
        k = next;
    }
    // "June – August 2024": a month, a dash, then a full date.
    for k in 0..tokens.len() {
        if let Token::Month(month) = tokens[k].0 {
            if tokens.get(k + 1).map(|t| t.0) == Some(Token::Dash) {
                if let Some((end, after)) = date_at(&tokens, k + 2) {
                    return Some(DateRange {
                        start: DatePoint {
                            month: YearMonth::new(end.month.year, month),
                            month_known: true,
                        },
                        end: Some(end),
                        span: tokens[k].1.start..tokens[after - 1].1.end,
                    });
                }
            }
        }
    }
    single
}

/// The date starting at token `k` and the token index after it.
fn date_at(tokens: &[(Token, std::ops::Range<usize>)], k: usize) -> Option<(DatePoint, usize)> {
    match tokens.get(k)?.0 {
        Token::Month(month) => match tokens.get(k + 1)?.0 {
            Token::Year(year) => Some((
                DatePoint {
                    month: YearMonth::new(year, month),
                    month_known: true,
                },
                k + 2,
            )),
            _ => None,
        },
        Token::Year(year) => Some((
            DatePoint {
                month: YearMonth::new(year, 1),
                month_known: false,
            },
            k + 1,
        )),
        Token::Numeric(month) => Some((
            DatePoint {
                month,
                month_known: true,
            },
            k + 1,
        )),
        _ => None,
    }
}

/// Splits a line into date tokens, with byte ranges.
fn date_tokens(line: &str) -> Vec<(Token, std::ops::Range<usize>)> {
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'/') {
                i += 1;
            }
            // "2019-06" / "06-2019": a numeric month glued with a hyphen.
            if i + 1 < bytes.len()
                && bytes[i] == b'-'
                && bytes[start..i].iter().all(u8::is_ascii_digit)
                && bytes[i + 1].is_ascii_digit()
            {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                if let Some(month) = numeric_month(&lower[start..j]) {
                    tokens.push((Token::Numeric(month), start..j));
                    i = j;
                    continue;
                }
            }
            let word = lower[start..i].trim_end_matches('/');
            tokens.push((word_token(word), start..i));
        } else if matches!(c, b'-' | b'~') {
            tokens.push((Token::Dash, i..i + 1));
            i += 1;
        } else if c >= 0x80 {
            let ch = lower[i..].chars().next().unwrap_or(' ');
            if matches!(ch, '–' | '—' | '‒' | '−' | '→') {
                tokens.push((Token::Dash, i..i + ch.len_utf8()));
            } else if ch.is_alphanumeric() {
                tokens.push((Token::Other, i..i + ch.len_utf8()));
            }
            i += ch.len_utf8();
        } else {
            i += 1;
        }
    }
    tokens
}

fn word_token(word: &str) -> Token {
    if let Some(month) = month_of(word) {
        return Token::Month(month);
    }
    if let Some(month) = numeric_month(word) {
        return Token::Numeric(month);
    }
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(year) = word.parse::<i32>() {
            if (1950..=2100).contains(&year) {
                return Token::Year(year);
            }
        }
    }
    // "'21" is read by the caller as "21"; two-digit years are too ambiguous (ages, counts).
    match word {
        "present" | "current" | "now" | "today" | "ongoing" | "date" => Token::Present,
        "to" | "until" | "till" | "through" | "thru" => Token::Dash,
        "since" => Token::Since,
        _ => Token::Other,
    }
}

/// "06/2019", "6/2019", "2019/06", "06-2019", "2019-06".
fn numeric_month(word: &str) -> Option<YearMonth> {
    let (a, b) = word.split_once(['/', '-'])?;
    let (month, year) = if a.len() == 4 { (b, a) } else { (a, b) };
    if year.len() != 4 || month.is_empty() || month.len() > 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u8 = month.parse().ok()?;
    ((1..=12).contains(&month) && (1950..=2100).contains(&year))
        .then(|| YearMonth::new(year, month))
}

/// Whether a lowercase word names a month or a season of a term ("may", "sept", "fall").
pub(crate) fn is_month_word(word: &str) -> bool {
    month_of(word).is_some()
}

/// The month a (lowercase) word names: "feb", "february", "sept"; seasons read as their
/// first month of term ("spring" March, "summer" June, "fall"/"autumn" September, "winter"
/// January).
fn month_of(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word == "sept" {
        return Some(9);
    }
    if word.len() >= 3 {
        if let Some(i) = MONTHS.iter().position(|name| name.starts_with(word)) {
            return u8::try_from(i + 1).ok();
        }
    }
    match word {
        "spring" => Some(3),
        "summer" => Some(6),
        "fall" | "autumn" => Some(9),
        "winter" => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u8) -> YearMonth {
        YearMonth::new(year, month)
    }

    #[test]
    fn ranges_are_read_as_written() {
        // (line, start, end or None for present)
        let cases: &[(&str, YearMonth, Option<YearMonth>)] = &[
            ("Feb. 2021 – July 2023", ym(2021, 2), Some(ym(2023, 7))),
            (
                "Software Engineer, Acme  2018–2021",
                ym(2018, 1),
                Some(ym(2021, 1)),
            ),
            ("06/2019 - Present", ym(2019, 6), None),
            ("June 2024 – August 2024", ym(2024, 6), Some(ym(2024, 8))),
            ("2019 – Present", ym(2019, 1), None),
            ("Data analyst since 2022", ym(2022, 1), None),
            ("Expected May 2028", ym(2028, 5), Some(ym(2028, 5))),
            ("Jan 2020 to Dec 2021", ym(2020, 1), Some(ym(2021, 12))),
            ("June – August 2024", ym(2024, 6), Some(ym(2024, 8))),
            ("Sept 2015 - current", ym(2015, 9), None),
            ("2019-06 – 2021-03", ym(2019, 6), Some(ym(2021, 3))),
            ("Summer 2024", ym(2024, 6), Some(ym(2024, 6))),
        ];
        for (line, start, end) in cases {
            let range = find_date_range(line).unwrap_or_else(|| panic!("no range in {line:?}"));
            assert_eq!(range.start.month, *start, "{line}");
            assert_eq!(range.end.map(|e| e.month), *end, "{line}");
        }
    }

    #[test]
    fn lines_without_dates_have_no_range() {
        for line in [
            "Built a team of 10 engineers",
            "Managed 401k enrolment",
            "Increased revenue 25% in May",
            "Mayor's office volunteer",
        ] {
            assert_eq!(find_date_range(line), None, "{line}");
        }
    }

    #[test]
    fn months_from_unix_time() {
        assert_eq!(YearMonth::from_unix_seconds(0), ym(1970, 1));
        // 2026-12-03T07:00:00Z
        assert_eq!(YearMonth::from_unix_seconds(1_796_281_200), ym(2026, 12));
        // 2024-02-29T12:00:00Z
        assert_eq!(YearMonth::from_unix_seconds(1_709_208_000), ym(2024, 2));
    }

    #[test]
    fn year_months_round_trip_as_text() {
        assert_eq!(YearMonth::parse("2021-02"), Some(ym(2021, 2)));
        assert_eq!(YearMonth::parse("2021"), Some(ym(2021, 1)));
        assert_eq!(YearMonth::parse("2021-13"), None);
        assert_eq!(ym(2021, 2).to_string(), "2021-02");
    }
}
