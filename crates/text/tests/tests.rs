//! Integration tests of `jobdelta-text`: whole documents in the shapes people paste (scraped
//! LinkedIn posts, markdown, HTML source, PDF-extracted resumes, CJK/RTL text), table-driven.
//!
//! Every text here was written for these tests, imitating the *shape* of real posts and
//! resumes (glued headings, lost line breaks, bullets, boilerplate); none is copied from a
//! real posting.

use std::time::Instant;

use jobdelta_text::{
    boilerplate_section, classify_heading, content_words, infer_title, normalize_key,
    split_document, split_posts, strip_html, words, SectionKind, Sentence, SentenceRole,
    STOP_WORDS,
};
use SectionKind::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The (section, text) pairs of a document, for compact expectations.
fn split(text: &str) -> Vec<(SectionKind, String)> {
    split_document(text)
        .into_iter()
        .map(|s| (s.section, s.text))
        .collect()
}

fn owned(expected: &[(SectionKind, &str)]) -> Vec<(SectionKind, String)> {
    expected.iter().map(|&(k, t)| (k, t.to_string())).collect()
}

/// Checks what must hold for every sentence of every document.
fn assert_clean(sentences: &[Sentence]) {
    for s in sentences {
        let t = &s.text;
        assert!(!t.is_empty() && t.trim() == t, "untrimmed: {t:?}");
        assert!(
            !t.contains("  ") && !t.contains('\n') && !t.contains('\t'),
            "whitespace: {t:?}"
        );
        assert!(
            t.chars().any(char::is_alphanumeric),
            "no letters or digits: {t:?}"
        );
        assert!(!t.starts_with(['•', '▪', '◦']), "bullet left: {t:?}");
    }
}

/// A named document and the (section, sentence) pairs expected from it.
type DocumentCase = (
    &'static str,
    &'static str,
    &'static [(SectionKind, &'static str)],
);

#[test]
fn documents_split_into_sentences_with_sections() {
    let cases: &[DocumentCase] = &[
        (
            // Shape of a LinkedIn scrape as in the original notes: headings glued to the text
            // before and after, list items glued without spaces, wide gaps after headings.
            "linkedin scrape",
            "Staff Platform Engineer - Payments\n\
             Who We AreNorthwind is a payments platform for small shops. Founded in 2015, \
             Northwind serves 40,000+ merchants.About The Ledger TeamAs a member of the Ledger \
             team, you will own the systems that move money.\n\
             Your Day To Day      Build reliable services for our web app (React) and mobile \
             apps (React Native)Work closely with product and design on new featuresHelp \
             mentor other engineersContribute to the on-call rotation\n\
             Experience And Education      6+ years of backend experience, preferably \
             GoMastery of SQL: joins, indexes, query plans, etcStrong understanding of \
             distributed systems\n\
             Optional Skills      Interest in TypeScriptExperience with Kafka and Flink\n\
             Pay DisclosureAt Northwind, pay is based on location and level.",
            &[
                // The title line reads as a heading (General) and is not a sentence.
                (About, "Northwind is a payments platform for small shops."),
                (About, "Founded in 2015, Northwind serves 40,000+ merchants."),
                (About, "As a member of the Ledger team, you will own the systems that move money."),
                (
                    Responsibilities,
                    "Build reliable services for our web app (React) and mobile apps (React Native)",
                ),
                (Responsibilities, "Work closely with product and design on new features"),
                (Responsibilities, "Help mentor other engineers"),
                (Responsibilities, "Contribute to the on-call rotation"),
                (Required, "6+ years of backend experience, preferably Go"),
                (Required, "Mastery of SQL: joins, indexes, query plans, etc"),
                (Required, "Strong understanding of distributed systems"),
                (Preferred, "Interest in TypeScript"),
                (Preferred, "Experience with Kafka and Flink"),
                (Benefits, "At Northwind, pay is based on location and level."),
            ],
        ),
        (
            // Shape of a markdown post pasted from a README-style careers page.
            "markdown",
            "# Senior Rust Engineer\n\n\
             ## About us\n\
             We build developer tools for data teams.\n\n\
             ## What you'll do\n\
             - Design and ship a query engine in Rust.\n\
             - Review code and mentor two junior engineers.\n\n\
             ## Requirements\n\
             * 5+ years writing systems software (e.g. Rust, C++, Go).\n\
             * Experience with async I/O, i.e. Tokio or similar.\n\n\
             ### Nice to have\n\
             1. Contributions to open-source databases.\n\
             2) Familiarity with Apache Arrow.\n\n\
             **Benefits**\n\
             - Remote-first team across the EU.",
            &[
                (About, "We build developer tools for data teams."),
                (Responsibilities, "Design and ship a query engine in Rust."),
                (Responsibilities, "Review code and mentor two junior engineers."),
                (Required, "5+ years writing systems software (e.g. Rust, C++, Go)."),
                (Required, "Experience with async I/O, i.e. Tokio or similar."),
                (Preferred, "Contributions to open-source databases."),
                (Preferred, "Familiarity with Apache Arrow."),
                (Benefits, "Remote-first team across the EU."),
            ],
        ),
        (
            // Shape of a careers-page HTML source pasted by mistake: head, script, inline
            // handler attributes, entities, list items.
            "html paste",
            "<!DOCTYPE html><html><head><title>Jobs</title><style>li{color:red}</style>\
             </head><body><script>track('view')</script>\
             <h2>Qualifications</h2><ul><li>3+ years with Python &amp; SQL</li>\
             <li>Experience with <b>dbt</b> or Airflow</li></ul>\
             <img src=\"x.png\" onerror=\"alert('pwned')\">\
             <h2>Benefits</h2><p>We&#39;re fully remote&nbsp;&#x2014; work from anywhere.</p>\
             </body></html>",
            &[
                (Required, "3+ years with Python & SQL"),
                (Required, "Experience with dbt or Airflow"),
                (Benefits, "We're fully remote — work from anywhere."),
            ],
        ),
        (
            // Shape of a resume extracted from a PDF: lines wrapped mid-sentence, bullets,
            // job-title lines with dates, "Label: list" skill lines.
            "pdf resume",
            "Summary\n\
             Backend engineer with 6 years of experience building payment systems, currently\n\
             studying for a Master's in\n\
             Computer Science. Skilled in Go, Python and\n\
             PostgreSQL.\n\
             Technical Skills\n\
             Languages: Go, Python, C++, SQL\n\
             Experience\n\
             Senior Engineer, Acme Corp. Jan. 2021 – Present\n\
             • Cut p99 latency of the ledger API from 800 ms to 120 ms by batching writes\n\
             • Led the migration of 40 services to Kubernetes (EKS), with zero downtime\n\
             and no data loss",
            &[
                (
                    General,
                    "Backend engineer with 6 years of experience building payment systems, \
                     currently studying for a Master's in Computer Science.",
                ),
                (General, "Skilled in Go, Python and PostgreSQL."),
                (Required, "Languages: Go, Python, C++, SQL"),
                (Required, "Senior Engineer, Acme Corp. Jan. 2021 – Present"),
                (
                    Required,
                    "Cut p99 latency of the ledger API from 800 ms to 120 ms by batching writes",
                ),
                (
                    Required,
                    "Led the migration of 40 services to Kubernetes (EKS), with zero downtime \
                     and no data loss",
                ),
            ],
        ),
        (
            // Shape of a post whose boilerplate sits under the wrong heading, as scrapes that
            // lose their last headings produce.
            "boilerplate under requirements",
            "Requirements\n\
             - 4+ years of experience with React and TypeScript.\n\
             - Must be authorized to work in the U.S. without visa sponsorship.\n\
             The salary range for this role is $140,000 - $175,000 plus equity. \
             We offer a 401(k) with 4% match.\n\
             Acme is an equal opportunity employer. All qualified applicants will receive \
             consideration without regard to race, color, religion, sex, or national origin.\n\
             Apply now!",
            &[
                (Required, "4+ years of experience with React and TypeScript."),
                (Legal, "Must be authorized to work in the U.S. without visa sponsorship."),
                (
                    Benefits,
                    "The salary range for this role is $140,000 - $175,000 plus equity.",
                ),
                (Benefits, "We offer a 401(k) with 4% match."),
                (Legal, "Acme is an equal opportunity employer."),
                (
                    Legal,
                    "All qualified applicants will receive consideration without regard to \
                     race, color, religion, sex, or national origin.",
                ),
                (Legal, "Apply now!"),
            ],
        ),
        (
            // Shape of a short recruiter post with no headings at all.
            "no headings",
            "We're hiring a data engineer to build our warehouse on Snowflake. You will work \
             with analysts every day. Experience with Airflow is a plus.",
            &[
                (General, "We're hiring a data engineer to build our warehouse on Snowflake."),
                (General, "You will work with analysts every day."),
                (General, "Experience with Airflow is a plus."),
            ],
        ),
        (
            // Shape of posts with inline "Heading: content" lines, common in agency posts.
            "inline headings",
            "Requirements: Python, SQL\n\
             Nice to have: Rust\n\
             Salary: Competitive\n\
             Salary: $150k - $180k\n\
             Key Requirements:To be considered you must have the following:\n\
             Possess an active security clearance",
            &[
                (Required, "Python, SQL"),
                (Preferred, "Rust"),
                (Benefits, "Competitive"),
                (Benefits, "$150k - $180k"),
                (Required, "To be considered you must have the following:"),
                (Required, "Possess an active security clearance"),
            ],
        ),
        (
            // Shape of a benefits list of Title Case items without bullets (short lines are
            // list items, not headings).
            "title case list",
            "What We Offer\n\
             Competitive Base Salary\n\
             Unlimited PTO\n\
             Paid Parental Leave\n\
             Employee Stock Purchase Plan",
            &[
                (Benefits, "Competitive Base Salary"),
                (Benefits, "Unlimited PTO"),
                (Benefits, "Paid Parental Leave"),
                (Benefits, "Employee Stock Purchase Plan"),
            ],
        ),
        (
            // Shape of abbreviation-heavy prose from government-contractor posts.
            "abbreviations and versions",
            "Support a U.S. Government customer with Sr. and Jr. engineers from Acme Inc. \
             on-site. Build services in Python 3.11, .NET 8 and ASP.NET Core, e.g. REST APIs \
             on Node.js, Vue.js and next.js. Keep 99.9% uptime (approx. 5 incidents a year, \
             vs. 12 before).",
            &[
                (
                    General,
                    "Support a U.S. Government customer with Sr. and Jr. engineers from Acme \
                     Inc. on-site.",
                ),
                (
                    General,
                    "Build services in Python 3.11, .NET 8 and ASP.NET Core, e.g. REST APIs \
                     on Node.js, Vue.js and next.js.",
                ),
                (
                    General,
                    "Keep 99.9% uptime (approx. 5 incidents a year, vs. 12 before).",
                ),
            ],
        ),
        (
            // Shape of bilingual and emoji-decorated posts: CJK and RTL sentences, emoji
            // used as heading decorations and bullets.
            "cjk, rtl and emoji",
            "🚀 What you'll do\n\
             ✅ Build our mobile app in Flutter.\n\
             我们是一家金融科技公司。我们在上海和深圳都有办公室！\n\
             東京オフィスで働きます。\n\
             هل لديك خبرة في بايثون؟ نحن نبحث عن مهندسين.\n\
             אנחנו מחפשים מפתחים עם ניסיון ב-React.",
            &[
                (Responsibilities, "Build our mobile app in Flutter."),
                (Responsibilities, "我们是一家金融科技公司。"),
                (Responsibilities, "我们在上海和深圳都有办公室！"),
                (Responsibilities, "東京オフィスで働きます。"),
                (Responsibilities, "هل لديك خبرة في بايثون؟"),
                (Responsibilities, "نحن نبحث عن مهندسين."),
                (Responsibilities, "אנחנו מחפשים מפתחים עם ניסיון ב-React."),
            ],
        ),
        (
            // Shape of Windows and old-Mac line endings, tabs and a doubled line spacing as
            // in text exported from word processors.
            "line endings",
            "Responsibilities\r\n\r\n- Own the billing service end-to-end.\r\n- Write design\r\n\r\ndocs \
             for new features.\rQualifications\r\tBS in CS or equivalent.",
            &[
                (Responsibilities, "Own the billing service end-to-end."),
                (Responsibilities, "Write design docs for new features."),
                (Required, "BS in CS or equivalent."),
            ],
        ),
        (
            // Shape of a scrape that joined list items with double spaces and dashes.
            "double spaces and dashes",
            "Requirements\n\
             Must hold a CS degree  Your strongest language should be Java  Desire to learn \
             financial products\n\
             Responsibilities - What You'll Do- Build the pricing engine;- Deliver features \
             end-to-end",
            &[
                (Required, "Must hold a CS degree"),
                (Required, "Your strongest language should be Java"),
                (Required, "Desire to learn financial products"),
                (Responsibilities, "Build the pricing engine;"),
                (Responsibilities, "Deliver features end-to-end"),
            ],
        ),
    ];
    for (name, text, expected) in cases {
        let sentences = split_document(text);
        assert_clean(&sentences);
        assert_eq!(split(text), owned(expected), "case {name}");
    }
}

#[test]
fn sentences_remember_their_heading() {
    let sentences = split_document("Intro line here.\n## What You Will Do:\n- Ship things daily");
    let headings: Vec<Option<&str>> = sentences.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings, [None, Some("What You Will Do")]);
}

#[test]
fn prose_never_yields_fragments_under_three_words() {
    // Shape of dense prose with abbreviations, initials and numbering, where a naive splitter
    // leaves "Inc." or "No. 1" on their own.
    let text = "Acme Inc. is the No. 1 vendor. Dr. J. R. Smith leads R&D in the U.S. and \
        the U.K. today. We use Python 3.11 etc. in prod. Yes. Reach us at jobs@acme.io. \
        Skills in C. We also use Go.";
    for sentence in split_document(text) {
        let n = sentence.text.split_whitespace().count();
        assert!(n >= 3, "fragment {:?}", sentence.text);
    }
}

#[test]
fn sentences_serialize_with_snake_case_sections() -> TestResult {
    let sentence = Sentence {
        text: "Python, SQL".into(),
        section: Preferred,
        heading: Some("Nice to have".into()),
        role: SentenceRole::Statement,
    };
    let json = serde_json::to_string(&sentence)?;
    assert_eq!(
        json,
        r#"{"text":"Python, SQL","section":"preferred","heading":"Nice to have"}"#
    );
    let back: Sentence = serde_json::from_str(&json)?;
    assert_eq!(back, sentence);
    Ok(())
}

#[test]
fn headings_map_to_sections() {
    // The headings named in the crate's brief, in the spellings posts use.
    let cases: &[(&[&str], Option<SectionKind>)] = &[
        (
            &[
                "Requirements",
                "Minimum qualifications",
                "Basic Qualifications",
                "What you'll need",
                "What we're looking for",
                "Who you are",
                "Qualifications",
                "Must have",
                "Minimum Qualifications:",
                "## Requirements",
            ],
            Some(Required),
        ),
        (
            &[
                "Preferred qualifications",
                "Nice to have",
                "Bonus points",
                "Pluses",
            ],
            Some(Preferred),
        ),
        (
            &[
                "Responsibilities",
                "What you'll do",
                "What You Will Do",
                "The role",
                "Your impact",
                "Day to day",
            ],
            Some(Responsibilities),
        ),
        (
            &["About us", "About the company", "Who we are", "Our mission"],
            Some(About),
        ),
        (
            &[
                "Benefits",
                "Perks",
                "What we offer",
                "Compensation",
                "Salary",
                "Pay range",
            ],
            Some(Benefits),
        ),
        (
            &["Equal opportunity", "EEO", "Legal", "How to apply"],
            Some(Legal),
        ),
        (
            &[
                "Python",
                "Senior Software Engineer",
                "Unlimited PTO",
                "We are hiring now.",
            ],
            None,
        ),
    ];
    for (headings, expected) in cases {
        for heading in *headings {
            assert_eq!(classify_heading(heading), *expected, "{heading:?}");
        }
    }
}

#[test]
fn boilerplate_overrides_any_heading() {
    let cases: &[(&str, Option<SectionKind>)] = &[
        ("We are an Equal Opportunity Employer (EEO).", Some(Legal)),
        ("Pay range: $120,000 - $150,000 per year.", Some(Benefits)),
        (
            "We use cookies to improve your browsing experience.",
            Some(Legal),
        ),
        ("Design APIs used by millions of people.", None),
    ];
    for (sentence, expected) in cases {
        assert_eq!(boilerplate_section(sentence), *expected, "{sentence}");
    }
}

#[test]
fn pastes_split_into_posts_with_titles() {
    // Shape of several posts pasted one after another with markdown rules between them.
    let paste = "# Data Engineer\nBuild pipelines.\n\n---\n\n\
        **ML Engineer:**\nTrain models.\n-----\n   \n---\n\
        We are a small team looking for someone who loves building reliable backend systems.";
    let posts = split_posts(paste);
    assert_eq!(posts.len(), 3);
    let titles: Vec<Option<String>> = posts.iter().map(|p| infer_title(p)).collect();
    assert_eq!(
        titles,
        [
            Some("Data Engineer".to_string()),
            Some("ML Engineer".to_string()),
            None
        ]
    );
}

#[test]
fn html_becomes_plain_text() {
    let cases: &[(&str, &str)] = &[
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("<ul><li>A</li><li>B</li></ul>", "• A\n• B"),
        ("Line<br>break<br/>here", "Line\nbreak\nhere"),
        (
            "<div onclick=\"x()\">Hi &lt;you&gt; &#8212; &#x263A;</div>",
            "Hi <you> — ☺",
        ),
        ("<SCRIPT type=x>evil()</SCRIPT><P>ok</P>", "ok"),
        ("<!-- note --><span>kept</span>", "kept"),
        (
            "Plain text, a < b and c > d.",
            "Plain text, a < b and c > d.",
        ),
    ];
    for (html, text) in cases {
        assert_eq!(strip_html(html), *text, "{html:?}");
    }
}

#[test]
fn keys_ignore_typing_differences() {
    let groups: &[&[&str]] = &[
        &[
            "Experience with “Kubernetes” – 3+ years.",
            "experience with \"kubernetes\" - 3+ years",
            "  EXPERIENCE   WITH \"KUBERNETES\" — 3+ YEARS!!",
        ],
        &["Don’t panic", "don't panic.", "DON'T PANIC;"],
    ];
    for group in groups {
        let keys: Vec<String> = group.iter().map(|s| normalize_key(s)).collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}");
    }
    assert_ne!(normalize_key("C++ developer"), normalize_key("C developer"));
}

#[test]
fn words_keep_technical_names_whole() {
    let cases: &[(&str, &[&str])] = &[
        (
            "C++, C#, F#, .NET and ASP.NET",
            &["c++", "c#", "f#", ".net", "and", "asp.net"],
        ),
        (
            "Node.js, React.js, CI/CD, TCP/IP, A/B tests, k8s",
            &[
                "node.js", "react.js", "ci/cd", "tcp/ip", "a/b", "tests", "k8s",
            ],
        ),
        ("Python 3.11 on v2.0", &["python", "3.11", "on", "v2.0"]),
    ];
    for (sentence, expected) in cases {
        let found: Vec<String> = words(sentence).into_iter().map(|w| w.normalized).collect();
        assert_eq!(found, *expected, "{sentence}");
        for word in words(sentence) {
            assert!(sentence.is_char_boundary(word.range.start));
            assert!(sentence.is_char_boundary(word.range.end));
        }
    }
    assert_eq!(
        content_words("You will build the CI/CD pipeline and the CI/CD docs"),
        ["build", "ci/cd", "pipeline", "docs"]
    );
}

#[test]
fn stop_words_reproduce_the_reference_texts() {
    // The reference fixtures hold three sentences with NLTK stop words removed by the rule
    // "split on whitespace, drop words whose lowercase is in the list, re-join with spaces"
    // (fixtures/reference/minilm-l6-v2-reference.json, entries s1..s3 and s1_nltk..s3_nltk).
    assert_eq!(STOP_WORDS.len(), 179);
    let cases = [
        (
            "Took Databricks Spark cluster and pyspark to answer a question about a CDC Covid \
             dataset, what is the asymptomatic rate by age bin as well as hospitalization rate \
             by presence of prior medical conditions",
            "Took Databricks Spark cluster pyspark answer question CDC Covid dataset, \
             asymptomatic rate age bin well hospitalization rate presence prior medical \
             conditions",
        ),
        (
            "know your way around map reduce, hadoop, spark, flume, hive, impala, sparksql, \
             bigquery",
            "know way around map reduce, hadoop, spark, flume, hive, impala, sparksql, bigquery",
        ),
        (
            "experience working with scala/python/java on spark to build and deploy ml models \
             in production",
            "experience working scala/python/java spark build deploy ml models production",
        ),
    ];
    for (text, expected) in cases {
        let kept: Vec<&str> = text
            .split_whitespace()
            .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()))
            .collect();
        assert_eq!(kept.join(" "), expected);
    }
}

/// Fragments the fuzz test strings together, separated by '|': scripts, punctuation, line
/// breaks, markup, abbreviations and names the splitter has rules for.
const PIECES: &str = "\
    a|B|é|ß|İ|字|。|！|؟|א|ب|🙂|👩‍💻|\u{200D}|\u{FE0F}|\u{301}|.|..|...|!|?|:|;|,|(|)|[|]|\"|\
    '|’|-|—|--|---|•|·|*|#|##|1.|2)|a)| |  |   |\t|\n|\r\n|\r|\u{2028}|\u{A0}|<|>|&|\
    &amp;|&#|&#x1F600;|<p>|</p>|<li>|<script>|</script>|<!--|-->|<img onerror=\"|e.g.|\
    U.S.|Inc.|etc.|C++|.NET|Node.js|Requirements|Requirements:|Who We Are|About Us|\
    $120,000|401(k)|7+|years|Experience|with|and|the|LinkedIn|JavaScript|aB|Ab|AB|0|42|\
    3.11|–|…|3–5|. 3–5 years|skills.7+";

/// A small deterministic generator, so the fuzz test needs no extra crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn arbitrary_input_never_panics() {
    let pieces: Vec<&str> = PIECES.split('|').collect();
    let mut rng = Lcg(7);
    for _ in 0..3_000 {
        let len = rng.next() % 40;
        let text: String = (0..len)
            .map(|_| pieces[rng.next() % pieces.len()])
            .collect();
        let sentences = split_document(&text);
        assert_clean(&sentences);
        for post in split_posts(&text) {
            let _ = infer_title(&post);
        }
        let _ = strip_html(&text);
        let _ = normalize_key(&text);
        let _ = classify_heading(&text);
        let _ = content_words(&text);
        for word in words(&text) {
            assert!(
                text.is_char_boundary(word.range.start) && text.is_char_boundary(word.range.end)
            );
            assert!(word.range.start < word.range.end && word.range.end <= text.len());
        }
    }
}

#[test]
fn inputs_that_once_broke_invariants_are_fine() {
    // Found by a longer run of the fuzz loop above: a heading line ending in a full-width
    // colon followed by text.
    let inputs = [
        "!\u{200d}<-AB]\r：İ🙂 Node.js\u{2028}. 3–5 yearsWho We Are",
        "Job Description：Requirements\nPython",
        "Skills. 3–5 years of experience",
    ];
    for input in inputs {
        assert_clean(&split_document(input));
    }
    assert_eq!(
        split("Job Description：Requirements\nPython and SQL daily"),
        owned(&[(Required, "Python and SQL daily")])
    );
}

/// A long, realistic post: `sections` repetitions of headings with bullets and prose.
fn long_post(sections: usize) -> String {
    let mut post = String::from("Senior Backend Engineer\n");
    for i in 0..sections {
        post.push_str("Responsibilities\n");
        for j in 0..6 {
            post.push_str(&format!(
                "- Own service number {i}-{j} end-to-end, e.g. design, rollout and on-call.\n"
            ));
        }
        post.push_str("Requirements\n");
        for j in 0..6 {
            post.push_str(&format!(
                "• {j}+ years with Go, Python 3.11 or .NET; experience with Kafka etc.\n"
            ));
        }
        post.push_str("Benefits\nWe offer a 401(k) match and unlimited PTO. Apply now!\n");
        post.push_str(
            "Our team ships daily.We value craft.About The Platform TeamAs a member, \
            you will help.\n\n",
        );
    }
    post
}

#[test]
fn a_3000_line_post_splits_in_reasonable_time() {
    let post = long_post(3_000 / 17);
    let lines = post.lines().count();
    assert!(lines >= 3_000, "{lines} lines");
    let start = Instant::now();
    let sentences = split_document(&post);
    println!(
        "{lines} lines → {} sentences in {:?}",
        sentences.len(),
        start.elapsed()
    );
    assert_clean(&sentences);
    let count = |kind| sentences.iter().filter(|s| s.section == kind).count();
    let n = 3_000 / 17;
    assert_eq!(
        [
            count(Responsibilities),
            count(Required),
            count(Benefits),
            count(Legal),
            count(About)
        ],
        [6 * n, 6 * n, 3 * n, n, n]
    );
}

#[test]
fn a_megabyte_paste_splits_in_reasonable_time() {
    // Several pastes of the same shape, one without any line breaks (a scrape that lost
    // them all), one without any spaces.
    let long = long_post(1_000);
    assert!(long.len() > 1_000_000, "{} bytes", long.len());
    let one_line = long.replace('\n', " ");
    let no_spaces = "aB.cD)Ef(gh.IJ-kl…".repeat(60_000);
    for (name, text) in [
        ("post", &long),
        ("one line", &one_line),
        ("no spaces", &no_spaces),
    ] {
        let start = Instant::now();
        let sentences = split_document(text);
        println!(
            "{name}: {} bytes → {} sentences in {:?}",
            text.len(),
            sentences.len(),
            start.elapsed()
        );
        assert_clean(&sentences);
        assert!(!sentences.is_empty());
        assert!(sentences.iter().all(|s| s.text.len() <= 2_000));
        let _ = split_posts(text);
        let _ = words(text);
    }
}

/// A resume of the shapes people paste (headline, contact line, headings, dated role lines,
/// bullets, a skills line, prose wrapped at about 80 columns), repeated to `bytes`.
fn resume_like(bytes: usize) -> String {
    let one = "Jane Q. Doe\n\
        Senior Data Engineer | AWS | Spark\n\
        jane.doe@example.com | (555) 123-4567 | linkedin.com/in/janedoe | Richmond, VA\n\n\
        SUMMARY\n\
        Data engineer with eight years of experience designing batch and streaming\n\
        pipelines for retail and health care companies, currently exploring generative\n\
        AI and large language models for document search.\n\n\
        EXPERIENCE\n\
        Senior Data Engineer, Acme Corp — 2019–2023\n\
        • Built a Spark and Airflow platform that processes 4 TB of orders a day, cutting\n\
        nightly batch time from 6 hours to 50 minutes.\n\
        • Led a team of four engineers migrating 120 Hive tables to Delta Lake on S3.\n\
        Data Engineer, Globex — June 2015 – May 2019\n\
        - Wrote Python and SQL jobs feeding the finance data mart (Redshift, dbt).\n\n\
        SKILLS\n\
        Languages: Python, Scala, SQL, Java\n\
        Tools: Spark, Airflow, Kafka, dbt, Terraform, Docker\n\n\
        EDUCATION\n\
        Virginia Commonwealth University Richmond, VA\n\
        B.S. in Computer Science, 2015\n\n";
    let mut text = String::with_capacity(bytes + one.len());
    while text.len() < bytes {
        text.push_str(one);
    }
    text
}

/// CPU time of this thread so far (Linux), which other processes on a shared machine do not
/// inflate as they do wall-clock time; `None` elsewhere.
fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(nanos))
}

/// Wall-clock and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration, Option<std::time::Duration>) {
    let cpu = thread_cpu_time();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed();
    let cpu = cpu.zip(thread_cpu_time()).map(|(a, b)| b.saturating_sub(a));
    (out, wall, cpu)
}

/// Times the splitter and the HTML reader on 2 MB pastes (plain text, plain text with a few
/// inline tags, page source). Run with
/// `cargo test --release -p jobdelta-text --test tests -- --ignored --nocapture two_megabytes`.
#[test]
#[ignore = "a timing, run by hand"]
fn two_megabytes_split_and_strip_timings() {
    let plain = resume_like(2_000_000);
    let tagged = format!("<b>Highlights</b>\n{plain}");
    let html: String = plain
        .lines()
        .map(|line| format!("<p class=\"x\">{line} &amp; &eacute;</p>\n"))
        .collect();
    let wrapped = hard_wrap(&plain, 60);
    for (name, text) in [
        ("plain", &plain),
        ("inline tags", &tagged),
        ("html", &html),
        // Wrapped twice (the text is already wrapped near 80): not every line joins back.
        ("re-wrapped at 60", &wrapped),
    ] {
        let cpu =
            |time: Option<std::time::Duration>| time.map_or("n/a".into(), |t| format!("{t:.2?}"));
        let (stripped, strip_wall, strip_cpu) = timed(|| strip_html(text));
        let (sentences, split_wall, split_cpu) = timed(|| split_document(text));
        let (strip_cpu, split_cpu) = (cpu(strip_cpu), cpu(split_cpu));
        println!(
            "{name}: {} bytes: strip_html {strip_wall:.2?} (cpu {strip_cpu:.2?}, {} bytes out), \
             split_document {split_wall:.2?} (cpu {split_cpu:.2?}, {} sentences)",
            text.len(),
            stripped.len(),
            sentences.len()
        );
        assert!(!sentences.is_empty());
    }
}

/// Resumes of different people, typed one line per paragraph or bullet (no hard wraps), with
/// a name, a tagline and contact details at the top.
const RESUMES: &[(&str, &str)] = &[
    (
        "data engineer",
        "Jane Q. Doe\n\
         Senior Data Engineer | AWS | Spark\n\
         jane.doe@example.com | (555) 123-4567 | linkedin.com/in/janedoe | Richmond, VA\n\n\
         Summary\n\
         Data engineer with eight years of experience designing batch and streaming pipelines for retail and health care companies. I actively explore generative AI and large language models for document search.\n\n\
         Experience\n\
         Senior Data Engineer, Acme Corp — 2019–2023\n\
         • Built a Spark and Airflow platform that processes 4 TB of orders a day, cutting nightly batch time from 6 hours to 50 minutes.\n\
         • Led a team of four engineers migrating 120 Hive tables to Delta Lake on S3 with no downtime for analysts\n\
         Data Engineer, Globex — June 2015 – May 2019\n\
         - Wrote Python and SQL jobs feeding the finance data mart (Redshift, dbt), used by 300 analysts every morning.\n\n\
         Skills\n\
         Languages: Python, Scala, SQL, Java\n\
         Tools: Spark, Airflow, Kafka, dbt, Terraform, Docker\n\n\
         Education\n\
         Virginia Commonwealth University Richmond, VA\n\
         B.S. in Computer Science, 2015\n",
    ),
    (
        "registered nurse",
        "MARIA GONZALEZ, RN\n\
         Registered Nurse | ICU | BLS, ACLS\n\
         Email: maria.gonzalez@mail.com\n\
         Phone: 804-555-0142\n\n\
         PROFESSIONAL SUMMARY\n\
         Compassionate registered nurse with six years of intensive care experience in a 40-bed trauma unit, known for calm communication with families during the hardest days of their lives.\n\n\
         WORK EXPERIENCE\n\
         Staff Nurse, Riverside Regional Medical Center\n\
         March 2018 – Present\n\
         • Care for up to three critically ill adults per shift, including ventilated and post-surgical patients, and titrate vasoactive drips under protocol.\n\
         • Precepted twelve new graduate nurses through a twelve-week orientation program and rewrote the unit's sepsis checklist.\n\n\
         LICENSES AND CERTIFICATIONS\n\
         Certifications: BLS, ACLS, PALS\n\
         Registered Nurse, Commonwealth of Virginia\n",
    ),
    (
        "cdl driver",
        "Marcus Lee\n\
         Class A CDL Driver\n\
         Norfolk, VA\n\
         marcus.lee@mail.com\n\n\
         Experience\n\
         Regional Driver, Swift Transportation | 2017 - 2022\n\
         - Drove 480,000 accident-free miles across 14 states hauling refrigerated freight on tight delivery windows for grocery chains.\n\
         - Completed pre-trip and post-trip inspections and kept electronic logs in line with hours-of-service rules every single day.\n\
         Local Delivery Driver, Coastal Foods | 2014 - 2017\n\
         - Delivered to 25 restaurants a day and trained three new drivers on the route, the truck and the liftgate.\n\n\
         Licenses\n\
         Class A CDL with Hazmat and Tanker endorsements, clean driving record\n",
    ),
    (
        "cs student",
        "Priya Raman\n\
         Computer Science Student & Aspiring ML Engineer\n\
         priya.raman@university.edu | github.com/priyaraman\n\n\
         Education\n\
         Virginia Commonwealth University\n\
         B.S. in Computer Science, expected May 2027\n\
         Relevant coursework in data structures, algorithms, databases, machine learning and operating systems.\n\n\
         Projects\n\
         - Built a course-planning web app in React and Flask that 400 students used during registration week last spring.\n\
         - Trained a small convolutional network in PyTorch to classify plant diseases from leaf photos with 91% accuracy.\n\n\
         Skills\n\
         Python, Java, C++, JavaScript, SQL\n\
         React, Flask, PyTorch, Git, Linux\n",
    ),
];

/// (text, role) pairs of a document.
fn roles(text: &str) -> Vec<(String, SentenceRole)> {
    split_document(text)
        .into_iter()
        .map(|s| (s.text, s.role))
        .collect()
}

#[test]
fn resume_lines_get_roles() {
    use SentenceRole::*;
    let (_, resume) = RESUMES[0];
    let found = roles(resume);
    let expected: &[(&str, SentenceRole)] = &[
        ("Jane Q. Doe", Headline),
        ("Senior Data Engineer | AWS | Spark", Headline),
        (
            "jane.doe@example.com | (555) 123-4567 | linkedin.com/in/janedoe | Richmond, VA",
            Contact,
        ),
        (
            "Data engineer with eight years of experience designing batch and streaming \
             pipelines for retail and health care companies.",
            Statement,
        ),
        (
            "I actively explore generative AI and large language models for document search.",
            Statement,
        ),
        ("Senior Data Engineer, Acme Corp — 2019–2023", Heading),
        (
            "Built a Spark and Airflow platform that processes 4 TB of orders a day, cutting \
             nightly batch time from 6 hours to 50 minutes.",
            Statement,
        ),
        (
            "Led a team of four engineers migrating 120 Hive tables to Delta Lake on S3 with no \
             downtime for analysts",
            Statement,
        ),
        ("Data Engineer, Globex — June 2015 – May 2019", Heading),
        (
            "Wrote Python and SQL jobs feeding the finance data mart (Redshift, dbt), used by 300 \
             analysts every morning.",
            Statement,
        ),
        ("Languages: Python, Scala, SQL, Java", SkillList),
        // "Tools" is a known heading, read as such before its list.
        ("Spark, Airflow, Kafka, dbt, Terraform, Docker", SkillList),
        ("Virginia Commonwealth University Richmond, VA", Place),
        ("B.S. in Computer Science, 2015", Heading),
    ];
    let expected: Vec<(String, SentenceRole)> =
        expected.iter().map(|&(t, r)| (t.to_string(), r)).collect();
    assert_eq!(found, expected);
}

#[test]
fn posts_meta_lines_are_facts() {
    use SentenceRole::*;
    let post = "Senior Data Engineer\n\
        Location: Houston, TX\n\
        Job type: Full-time\n\
        Industry: Finance\n\
        Salary: $140,000 - $170,000\n\n\
        About the role\n\
        You will build the pipelines our traders rely on every morning.\n\
        Requirements\n\
        - 5+ years of experience with Python and SQL.";
    let found: Vec<(SectionKind, String, SentenceRole)> = split_document(post)
        .into_iter()
        .map(|s| (s.section, s.text, s.role))
        .collect();
    let expected = [
        // The title line is not followed by body text, so it is a sentence (which
        // jobdelta-matching drops as the post's title).
        (General, "Senior Data Engineer", Headline),
        (General, "Location: Houston, TX", Fact),
        (General, "Job type: Full-time", Fact),
        (General, "Industry: Finance", Fact),
        // "Salary" is a known heading: the value stays under Benefits, as before.
        (Benefits, "$140,000 - $170,000", Fact),
        (
            Responsibilities,
            "You will build the pipelines our traders rely on every morning.",
            Statement,
        ),
        (
            Required,
            "5+ years of experience with Python and SQL.",
            Statement,
        ),
    ];
    let expected: Vec<(SectionKind, String, SentenceRole)> = expected
        .iter()
        .map(|&(k, t, r)| (k, t.to_string(), r))
        .collect();
    assert_eq!(found, expected);
}

/// Wraps every line longer than `columns` at spaces, as a PDF or e-mail paste does.
fn hard_wrap(text: &str, columns: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut width = 0;
        for (i, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            if i > 0 && width + 1 + len > columns {
                out.push('\n');
                width = 0;
            } else if i > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += len;
        }
        out.push('\n');
    }
    out
}

/// (section, text, role) of every sentence.
fn full(text: &str) -> Vec<(SectionKind, String, SentenceRole)> {
    split_document(text)
        .into_iter()
        .map(|s| (s.section, s.text, s.role))
        .collect()
}

#[test]
fn hard_wrapped_resumes_split_as_typed() {
    for (name, resume) in RESUMES {
        for columns in [72, 80, 90] {
            let wrapped = hard_wrap(resume, columns);
            assert_ne!(&wrapped, resume, "{name}: nothing wrapped");
            assert_eq!(full(&wrapped), full(resume), "{name} wrapped at {columns}");
        }
    }
}

#[test]
fn a_pdf_wrap_before_a_capital_joins_the_sentence() {
    // Shape of a PDF paste: every line broken near the same width, whatever word follows.
    let text = "Summary\n\
        Machine learning engineer with four years of experience building search and\n\
        recommendation systems for online retailers. I actively explore generative\n\
        AI and large language models, and I mentor two junior engineers on evaluation\n\
        Python tooling and experiment tracking with MLflow in our platform team.\n";
    let sentences: Vec<String> = split_document(text).into_iter().map(|s| s.text).collect();
    assert_eq!(
        sentences,
        [
            "Machine learning engineer with four years of experience building search and \
             recommendation systems for online retailers.",
            "I actively explore generative AI and large language models, and I mentor two \
             junior engineers on evaluation Python tooling and experiment tracking with MLflow \
             in our platform team.",
        ]
    );
}

#[test]
fn a_students_pdf_paste_keeps_its_headline_and_its_sentences_whole() {
    use SentenceRole::*;
    // The top of a student's resume pasted from a PDF: a long tagline of titles, a contact
    // line wrapped after a separator, and a summary whose second sentence was cut on a
    // short line before an acronym.
    let resume = "NORA ADEYEMI\n\
        Robotics & Embedded Systems Design Enthusiast | Electrical Engineering Junior\n\
        nora.adeyemi@example.edu | (757) 555-0190 | linkedin.com/in/nora-adeyemi-example |\n\
        github.com/nadeyemi-example\n\
        SUMMARY\n\
        Third-year electrical engineering student who likes making small machines behave.\n\
        I mostly tinker with embedded\n\
        C and real-time operating systems through lab courses, a robotics club and weekend builds, and I\n\
        want a summer 2027 internship in firmware or controls.\n\
        EXPERIENCE\n\
        Lab Assistant Sept 2025 – Present\n\
        • Rebuilt the sensor bench for the controls lab so that twelve student teams could \
        calibrate their IMUs in one afternoon.\n";
    let found = roles(resume);
    // The name in capitals and the role line read as headings, which are not sentences.
    let expected: &[(&str, SentenceRole)] = &[
        (
            "Robotics & Embedded Systems Design Enthusiast | Electrical Engineering Junior",
            Headline,
        ),
        (
            "nora.adeyemi@example.edu | (757) 555-0190 | linkedin.com/in/nora-adeyemi-example |",
            Contact,
        ),
        ("github.com/nadeyemi-example", Contact),
        (
            "Third-year electrical engineering student who likes making small machines behave.",
            Statement,
        ),
        (
            "I mostly tinker with embedded C and real-time operating systems through lab \
             courses, a robotics club and weekend builds, and I want a summer 2027 internship \
             in firmware or controls.",
            Statement,
        ),
        (
            "Rebuilt the sensor bench for the controls lab so that twelve student teams could \
             calibrate their IMUs in one afternoon.",
            Statement,
        ),
    ];
    let expected: Vec<(String, SentenceRole)> =
        expected.iter().map(|&(t, r)| (t.to_string(), r)).collect();
    assert_eq!(found, expected);
}

#[test]
fn a_few_tags_in_plain_text_change_nothing_around_them() {
    for (name, resume) in RESUMES {
        let plain = full(resume);
        let lines: Vec<&str> = resume.lines().collect();
        // Before each heading-like line (after a blank), insert a bold or heading-tag line;
        // and wrap one word of each bullet in an inline tag.
        for fragment in [
            "<b>Highlights</b>",
            "<strong>Highlights</strong>",
            "<h3>Highlights</h3>",
        ] {
            let mut tagged = String::new();
            for (i, line) in lines.iter().enumerate() {
                if i == 0 {
                    tagged.push_str(fragment);
                    tagged.push('\n');
                }
                let line = line.replacen("Built", "<em>Built</em>", 1);
                tagged.push_str(&line);
                tagged.push('\n');
            }
            let found = full(&tagged);
            // The inserted line is a heading, so nothing is added; the sections of the top
            // block may differ only by the heading's name.
            let texts = |v: &[(SectionKind, String, SentenceRole)]| -> Vec<String> {
                v.iter().map(|(_, t, _)| t.clone()).collect()
            };
            assert_eq!(texts(&found), texts(&plain), "{name} with {fragment}");
            assert_eq!(found, plain, "{name} with {fragment}");
        }
        // Many tags, but still plain text: lines are kept.
        let mut tagged = String::new();
        for line in &lines {
            tagged.push_str(
                &line
                    .replace("Python", "<b>Python</b>")
                    .replace(" & ", " &amp; "),
            );
            tagged.push('\n');
        }
        assert_eq!(full(&tagged), plain, "{name} with inline tags");
    }
}

#[test]
fn html_entities_decode_in_full() {
    let cases: &[(&str, &str)] = &[
        ("<p>Caf&eacute; &amp; cr&egrave;che</p>", "Café & crèche"),
        (
            "<p>M&uuml;ller&nbsp;&mdash; Z&uuml;rich</p>",
            "Müller — Zürich",
        ),
        (
            "<p>&#233;t&#xE9; &#x2013; &frac12; &hellip;</p>",
            "été – ½ …",
        ),
        ("<p>&rarr; &check; &NotEqual; &bogus;</p>", "→ ✓ ≠ &bogus;"),
        ("<p>AT&amp;T R&amp;D</p>", "AT&T R&D"),
    ];
    for (html, text) in cases {
        assert_eq!(strip_html(html), *text, "{html:?}");
    }
}

/// A whole post in the shape people paste it: meta lines, a blurb with numbers that are not
/// requirements, must-haves, nice-to-haves, benefits and an EEO paragraph.
const PRINCIPAL_POST: &str = "Principal Machine Learning Scientist, Large Language Models\n\
Location: San Francisco, CA (Hybrid - 3 days a week in office)\n\
Job type: Full-time\n\
Salary: $250,000 - $320,000\n\
\n\
About us\n\
Founded 15 years ago, we are a team of 300 and have seen 5 years of growth in a row.\n\
\n\
What you'll do\n\
- Lead research on long-context language models.\n\
\n\
Minimum qualifications\n\
- PhD in Computer Science, Machine Learning, Statistics, or a related field.\n\
- 10+ years of experience in machine learning research or engineering.\n\
- Must be authorized to work in the US; we do not sponsor visas.\n\
\n\
Preferred qualifications\n\
- 3+ years leading research teams is a plus.\n\
\n\
Benefits\n\
- 401(k) with a 4% match and tuition support for a master's degree.\n\
\n\
We are an equal opportunity employer and value diversity regardless of citizenship status.\n";

const STUDENT_RESUME: &str = "Jamie Rivera\n\
ML & Data Science Enthusiast\n\
Richmond, VA | jamie@example.com\n\
\n\
EDUCATION\n\
State University Richmond, VA\n\
Bachelor of Science in Computer Science, Minor in Mathematics Expected May 2028\n\
\n\
EXPERIENCE\n\
Data Science Intern\n\
Riverbend Mutual Insurance Group    June 2026 – August 2026\n\
• Built a claims model in Python and SQL.\n\
\n\
PROJECTS\n\
Transformer from scratch (2025 – Present)\n\
• Implemented attention in PyTorch.\n";

#[test]
fn a_principal_phd_post_and_a_student_resume_are_read_as_people_read_them() -> TestResult {
    use jobdelta_text::{
        hard_requirements, resume_facts, DegreeLevel, HardRequirement as H, Seniority, WorkMode,
        YearMonth,
    };
    let found: Vec<(H, bool)> = hard_requirements(PRINCIPAL_POST, None)
        .into_iter()
        .map(|f| (f.requirement, f.required))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                H::Seniority {
                    level: Seniority::Principal
                },
                true
            ),
            (
                H::Experience {
                    years: 10,
                    skill: Some("machine learning".into())
                },
                true
            ),
            (
                H::Experience {
                    years: 3,
                    skill: Some("research teams".into())
                },
                false
            ),
            (
                H::Degree {
                    level: DegreeLevel::Phd,
                    field: Some("computer science".into()),
                    equivalent_experience: false
                },
                true
            ),
            (H::WorkAuthorization, true),
            (
                H::Location {
                    mode: WorkMode::Hybrid,
                    place: Some("san francisco, ca".into())
                },
                true
            ),
        ]
    );

    let facts = resume_facts(STUDENT_RESUME, YearMonth::new(2026, 12));
    assert_eq!(
        facts.roles.len(),
        1,
        "projects are not roles: {:#?}",
        facts.roles
    );
    assert_eq!(facts.roles[0].title, "Data Science Intern");
    assert_eq!(
        facts.roles[0].organization.as_deref(),
        Some("Riverbend Mutual Insurance Group")
    );
    assert!(facts.roles[0].internship);
    assert_eq!(facts.experience_years, 0.3);
    let degrees: Vec<(DegreeLevel, Option<&str>, bool)> = facts
        .degrees
        .iter()
        .map(|d| (d.level, d.field.as_deref(), d.in_progress))
        .collect();
    assert_eq!(
        degrees,
        [(DegreeLevel::Bachelor, Some("computer science"), true)]
    );
    assert_eq!(facts.seniority.map(|s| s.level), Some(Seniority::Intern));
    assert!(facts.header.contains("Richmond, VA"));
    Ok(())
}
