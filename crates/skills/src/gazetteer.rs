//! The `skill-extractor` gazetteer and its matcher, a line-for-line port of the package's
//! `KeywordMatcher` (itself a port of FlashText's `extract_keywords`), so that the same text
//! gives the same spans: case-insensitive, longest match wins, no overlap, and a keyword must
//! end where a non-word character (outside `[A-Za-z0-9_]`) or the text ends.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The package's skills, one a line, as `scripts/skill-extractor/build.py` writes them.
const SKILLS_TXT: &str = include_str!("../data/skills.txt");

/// The trie's root node.
const ROOT: u32 = 0;

/// A trie of lowercased keywords, character by character.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// The keywords, lowercased, in the order given.
    keywords: Vec<String>,
    /// For each node, the keyword ending there.
    ends: Vec<Option<u32>>,
    /// Edges `(node, char) -> child`: one map for the whole trie is far smaller than one per
    /// node (≈ 560,000 nodes for the built-in list).
    edges: HashMap<(u32, char), u32>,
}

/// One keyword found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// The keyword, lowercased, as the gazetteer holds it.
    pub keyword: String,
    /// Where it is, in bytes of the original text (on character boundaries).
    pub range: Range<usize>,
}

/// One character of the lowercased text and the bytes of the original character it comes
/// from (a character may lowercase to more than one: "İ" → "i̇").
struct Lowered {
    ch: char,
    source: Range<usize>,
}

/// FlashText's word characters.
fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch == '_'
}

impl Gazetteer {
    /// The built-in gazetteer: the 30,957 skills of `skill-extractor` 0.2.0, built on first
    /// use.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| Gazetteer::new(SKILLS_TXT.lines()))
    }

    /// A gazetteer of the given keywords (matched lowercased; a repeated keyword is kept once).
    pub fn new<'a>(keywords: impl IntoIterator<Item = &'a str>) -> Gazetteer {
        let mut gazetteer = Gazetteer {
            keywords: Vec::new(),
            ends: vec![None],
            edges: HashMap::new(),
        };
        for keyword in keywords {
            gazetteer.add(keyword);
        }
        gazetteer
    }

    /// How many keywords it holds.
    pub fn len(&self) -> usize {
        self.keywords.len()
    }

    /// Whether it holds no keyword.
    pub fn is_empty(&self) -> bool {
        self.keywords.is_empty()
    }

    /// Whether `keyword` (any case) is one of its keywords.
    pub fn contains(&self, keyword: &str) -> bool {
        let mut node = ROOT;
        for ch in keyword.chars().flat_map(char::to_lowercase) {
            match self.child(node, ch) {
                Some(next) => node = next,
                None => return false,
            }
        }
        self.ends[node as usize].is_some()
    }

    fn add(&mut self, keyword: &str) {
        let lowered: String = keyword.chars().flat_map(char::to_lowercase).collect();
        let mut node = ROOT;
        for ch in lowered.chars() {
            node = match self.child(node, ch) {
                Some(next) => next,
                None => {
                    let next = self.ends.len() as u32;
                    self.ends.push(None);
                    self.edges.insert((node, ch), next);
                    next
                }
            };
        }
        // The package's trie keeps the last of equal keywords; they are equal once lowercased.
        if self.ends[node as usize].is_none() {
            self.ends[node as usize] = Some(self.keywords.len() as u32);
            self.keywords.push(lowered);
        }
    }

    fn child(&self, node: u32, ch: char) -> Option<u32> {
        self.edges.get(&(node, ch)).copied()
    }

    fn end(&self, node: u32) -> Option<u32> {
        self.ends.get(node as usize).copied().flatten()
    }

    /// The keywords in `text`, in text order, exactly as `KeywordMatcher.extract` finds them.
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let lowered: Vec<Lowered> = text
            .char_indices()
            .flat_map(|(at, ch)| {
                let source = at..at + ch.len_utf8();
                ch.to_lowercase().map(move |ch| Lowered {
                    ch,
                    source: source.clone(),
                })
            })
            .collect();
        self.find_spans(&lowered)
            .into_iter()
            .filter(|(_, start, end)| start < end)
            .map(|(keyword, start, end)| GazetteerMatch {
                keyword: self.keywords[keyword as usize].clone(),
                range: lowered[start].source.start..lowered[end - 1].source.end,
            })
            .collect()
    }

    /// The port itself, over lowercased characters: `(keyword, start, end)` in character
    /// indices, names and control flow as in the package's `matcher.py`.
    fn find_spans(&self, sentence: &[Lowered]) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        let n = sentence.len();
        let mut current = ROOT;
        let mut seq_start = 0;
        let mut seq_end = 0;
        let mut reset = false;
        let mut idx = 0;
        while idx < n {
            let ch = sentence[idx].ch;
            if !is_word_char(ch) {
                if self.end(current).is_some() || self.child(current, ch).is_some() {
                    let mut longest = None;
                    let mut longer_found = false;
                    if let Some(keyword) = self.end(current) {
                        longest = Some(keyword);
                        seq_end = idx;
                    }
                    if let Some(mut cont) = self.child(current, ch) {
                        let mut idy = idx + 1;
                        let mut broke = false;
                        while idy < n {
                            let inner = sentence[idy].ch;
                            if !is_word_char(inner) {
                                if let Some(keyword) = self.end(cont) {
                                    longest = Some(keyword);
                                    seq_end = idy;
                                    longer_found = true;
                                }
                            }
                            match self.child(cont, inner) {
                                Some(next) => cont = next,
                                None => {
                                    broke = true;
                                    break;
                                }
                            }
                            idy += 1;
                        }
                        if !broke {
                            if let Some(keyword) = self.end(cont) {
                                longest = Some(keyword);
                                seq_end = idy;
                                longer_found = true;
                            }
                        }
                        if longer_found {
                            idx = seq_end;
                        }
                    }
                    current = ROOT;
                    if let Some(keyword) = longest {
                        out.push((keyword, seq_start, idx));
                    }
                    reset = true;
                } else {
                    current = ROOT;
                    reset = true;
                }
            } else if let Some(next) = self.child(current, ch) {
                current = next;
            } else {
                current = ROOT;
                reset = true;
                let mut idy = idx + 1;
                while idy < n && is_word_char(sentence[idy].ch) {
                    idy += 1;
                }
                idx = idy;
            }
            if idx + 1 >= n {
                if let Some(keyword) = self.end(current) {
                    out.push((keyword, seq_start, n));
                }
            }
            idx += 1;
            if reset {
                reset = false;
                seq_start = idx;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(gazetteer: &Gazetteer, text: &str) -> Vec<(String, String)> {
        gazetteer
            .find(text)
            .into_iter()
            .map(|m| (m.keyword, text[m.range].to_owned()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(k, s)| ((*k).to_owned(), (*s).to_owned()))
            .collect()
    }

    #[test]
    fn the_builtin_list_is_the_packages() {
        let gazetteer = Gazetteer::builtin();
        assert_eq!(gazetteer.len(), 30_957);
        for keyword in [
            ".net",
            "python",
            "kubernetes",
            "go",
            "spark",
            "excel",
            "c++",
            "c#",
        ] {
            assert!(gazetteer.contains(keyword), "{keyword}");
        }
        // Single letters are not in it: "R" and "C" are never proposed.
        assert!(!gazetteer.contains("r") && !gazetteer.contains("c"));
        assert!(!gazetteer.contains("zzz not a skill"));
    }

    #[test]
    fn small_trie_table() {
        let gazetteer = Gazetteer::new(["Python", "python 3", "C++", ".net", "go", "asp.net"]);
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("I use Python.", &[("python", "Python")]),
            ("Python 3 and pythonic", &[("python 3", "Python 3")]),
            ("C++ and .NET", &[("c++", "C++"), (".net", ".NET")]),
            ("go go", &[("go", "go"), ("go", "go")]),
            ("gopher", &[]),
            ("ASP.NET", &[("asp.net", "ASP.NET")]),
            ("", &[]),
            ("Ärger go", &[("go", "go")]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(&gazetteer, text), pairs(expected), "{text:?}");
        }
    }
}
