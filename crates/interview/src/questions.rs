//! The question bank: common interview questions, written here, and the questions a post's
//! must-haves imply ("Tell me about your experience with Kafka").

use jobdelta_matching::PreparedPost;
use jobdelta_text::{find_terms, SectionKind};
use serde::{Deserialize, Serialize};

/// What a common question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Working with people who disagree.
    Conflict,
    /// A mistake, a failed project, a missed deadline.
    Failure,
    /// Leading, mentoring, influencing.
    Leadership,
    /// Unclear goals, changing requirements.
    Ambiguity,
    /// Results, numbers, what changed.
    Impact,
    /// A hard technical problem, debugging, design.
    Technical,
    /// Working with others, communication.
    Teamwork,
    /// Learning something new, growth.
    Learning,
    /// Priorities, pressure, deadlines.
    Pressure,
    /// Customers and users.
    Customer,
}

impl Topic {
    /// Its name for the page and the CLI.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Conflict => "conflict",
            Topic::Failure => "failure",
            Topic::Leadership => "leadership",
            Topic::Ambiguity => "ambiguity",
            Topic::Impact => "impact",
            Topic::Technical => "technical",
            Topic::Teamwork => "teamwork",
            Topic::Learning => "learning",
            Topic::Pressure => "pressure",
            Topic::Customer => "customer",
        }
    }
}

/// The common questions, by topic: behavioural questions most interviews ask in some form.
pub const COMMON_QUESTIONS: &[(Topic, &str)] = {
    use Topic::*;
    &[
        (
            Conflict,
            "Tell me about a time you disagreed with a colleague and how you resolved it.",
        ),
        (
            Conflict,
            "Describe a conflict within your team and what you did about it.",
        ),
        (
            Conflict,
            "Tell me about a time you pushed back on a decision from your manager.",
        ),
        (Conflict, "How did you handle a difficult stakeholder?"),
        (
            Conflict,
            "Tell me about a time you had to say no to a request.",
        ),
        (Failure, "Tell me about a time you failed."),
        (
            Failure,
            "Describe a project that did not go as planned and what you learned.",
        ),
        (
            Failure,
            "Tell me about a mistake you made in production and how you fixed it.",
        ),
        (Failure, "Tell me about a time you missed a deadline."),
        (
            Failure,
            "What is a decision you regret, and what would you do differently?",
        ),
        (
            Leadership,
            "Tell me about a time you led a project from start to finish.",
        ),
        (
            Leadership,
            "Describe a time you mentored or coached someone.",
        ),
        (
            Leadership,
            "Tell me about a time you influenced a team without formal authority.",
        ),
        (Leadership, "How have you helped someone on your team grow?"),
        (
            Leadership,
            "Tell me about a time you took ownership of something nobody owned.",
        ),
        (
            Ambiguity,
            "Tell me about a time you worked with unclear requirements.",
        ),
        (
            Ambiguity,
            "Describe a situation where the goals changed halfway through.",
        ),
        (
            Ambiguity,
            "Tell me about a time you had to make a decision without all the data.",
        ),
        (
            Ambiguity,
            "How did you start a project nobody had done before?",
        ),
        (
            Ambiguity,
            "Tell me about a time you had to learn a new domain quickly.",
        ),
        (Impact, "What is the accomplishment you are most proud of?"),
        (
            Impact,
            "Tell me about a time you improved a process or a system measurably.",
        ),
        (Impact, "Describe a project that saved money or time."),
        (
            Impact,
            "Tell me about a time you increased revenue, usage or performance.",
        ),
        (
            Impact,
            "What is the biggest impact you have had on a team or company?",
        ),
        (
            Technical,
            "Tell me about the hardest technical problem you solved.",
        ),
        (Technical, "Describe a difficult bug you tracked down."),
        (
            Technical,
            "Tell me about a system you designed and the trade-offs you made.",
        ),
        (
            Technical,
            "Describe a time you improved the reliability of a service.",
        ),
        (
            Technical,
            "Tell me about a migration or a large refactoring you led.",
        ),
        (
            Technical,
            "How did you handle an outage or a major incident?",
        ),
        (Technical, "Tell me about a time you made something faster."),
        (
            Teamwork,
            "Tell me about a time you worked across teams to deliver something.",
        ),
        (
            Teamwork,
            "Describe how you explained a technical topic to a non-technical audience.",
        ),
        (
            Teamwork,
            "Tell me about a time you helped a teammate who was struggling.",
        ),
        (Teamwork, "How did you onboard into a new team?"),
        (
            Teamwork,
            "Tell me about a time you gave difficult feedback.",
        ),
        (
            Learning,
            "Tell me about a time you learned a new technology for a project.",
        ),
        (
            Learning,
            "Describe feedback you received and what you changed because of it.",
        ),
        (Learning, "How do you keep your skills up to date?"),
        (
            Learning,
            "Tell me about a time you taught others something.",
        ),
        (
            Pressure,
            "Tell me about a time you worked under a tight deadline.",
        ),
        (Pressure, "How do you prioritise when everything is urgent?"),
        (
            Pressure,
            "Describe a time you had to balance several projects at once.",
        ),
        (
            Pressure,
            "Tell me about a time you had to cut scope to ship.",
        ),
        (
            Customer,
            "Tell me about a time you went beyond what a customer or user expected.",
        ),
        (
            Customer,
            "Describe a time you used data or user feedback to change a product.",
        ),
        (
            Customer,
            "Tell me about a time you dealt with an unhappy customer.",
        ),
        (
            Customer,
            "How have you made a product easier for its users?",
        ),
        (
            Customer,
            "Tell me about something you built that people actually used.",
        ),
    ]
};

/// Must-haves turned into questions per post, at most.
pub const MAX_POST_QUESTIONS: usize = 8;

/// Where a question comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionSource {
    /// The common bank.
    Common,
    /// A post's must-have.
    Post,
}

/// One question to answer, with the text the model compares stories with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The question as shown.
    pub question: String,
    /// Common, or from a post.
    pub source: QuestionSource,
    /// The topic of a common question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Topic>,
    /// The post it comes from (index in the posts given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<usize>,
    /// The post's must-have it was derived from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// What is embedded: the question, or for a post's question its requirement (the
    /// sentence the interviewer has in mind, closer to the person's own words).
    pub probe: String,
}

/// The common questions as [`Question`]s.
pub fn common_questions() -> Vec<Question> {
    COMMON_QUESTIONS
        .iter()
        .map(|&(topic, text)| Question {
            question: text.to_owned(),
            source: QuestionSource::Common,
            topic: Some(topic),
            post: None,
            requirement: None,
            probe: text.to_owned(),
        })
        .collect()
}

/// The questions a post's must-haves imply, at most [`MAX_POST_QUESTIONS`]: its required
/// sentences (or, when it marks none, its first requirements), each asked about the skills it
/// names ("Tell me about your experience with Kafka and Kubernetes.") or, naming none, about
/// a time the person did it.
///
/// ```
/// use jobdelta_interview::post_question;
///
/// assert_eq!(
///     post_question("5+ years running Kafka in production"),
///     "Tell me about your experience with Kafka."
/// );
/// assert_eq!(
///     post_question("You enjoy mentoring junior engineers."),
///     "Tell me about a time you showed this: “You enjoy mentoring junior engineers.”"
/// );
/// ```
pub fn post_questions(post_index: usize, post: &PreparedPost) -> Vec<Question> {
    let required: Vec<&str> = post
        .requirements
        .iter()
        .filter(|r| r.section == SectionKind::Required)
        .map(|r| r.text.as_str())
        .collect();
    let chosen: Vec<&str> = if required.is_empty() {
        post.requirements.iter().map(|r| r.text.as_str()).collect()
    } else {
        required
    };
    let mut questions: Vec<Question> = Vec::new();
    for requirement in chosen {
        let question = post_question(requirement);
        if questions.iter().any(|q| q.question == question) {
            continue;
        }
        questions.push(Question {
            question,
            source: QuestionSource::Post,
            topic: None,
            post: Some(post_index),
            requirement: Some(requirement.to_owned()),
            probe: requirement.to_owned(),
        });
        if questions.len() == MAX_POST_QUESTIONS {
            break;
        }
    }
    questions
}

/// The question one must-have implies.
pub fn post_question(requirement: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    for term in find_terms(requirement) {
        if !names.contains(&term.canonical) {
            names.push(term.canonical);
        }
    }
    match names.as_slice() {
        [] => format!(
            "Tell me about a time you showed this: “{}”",
            requirement.trim()
        ),
        [one] => format!("Tell me about your experience with {one}."),
        [first, second, ..] => format!("Tell me about your experience with {first} and {second}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_has_about_fifty_distinct_questions_over_every_topic() {
        let questions = common_questions();
        assert!((45..=60).contains(&questions.len()), "{}", questions.len());
        let mut texts: Vec<&str> = questions.iter().map(|q| q.question.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), questions.len());
        for topic in [
            Topic::Conflict,
            Topic::Failure,
            Topic::Leadership,
            Topic::Ambiguity,
            Topic::Impact,
            Topic::Technical,
        ] {
            assert!(
                questions.iter().filter(|q| q.topic == Some(topic)).count() >= 5,
                "{}",
                topic.label()
            );
        }
    }

    #[test]
    fn must_haves_become_questions_about_their_skills() {
        let cases = [
            (
                "Experience with Kafka and Kubernetes",
                "Tell me about your experience with Kafka and Kubernetes.",
            ),
            ("Strong SQL", "Tell me about your experience with SQL."),
            (
                "Excellent written communication",
                "Tell me about a time you showed this: “Excellent written communication”",
            ),
        ];
        for (requirement, question) in cases {
            assert_eq!(post_question(requirement), question, "{requirement}");
        }
    }

    #[test]
    fn posts_give_their_required_sentences_first_and_no_duplicates() -> Result<(), String> {
        let prepared = jobdelta_matching::prepare(
            "Built a Rust service.",
            &[jobdelta_matching::PostText {
                title: Some("Backend".into()),
                text: "About us\nWe sell shoes.\n\nRequirements\n- Kafka in production\n- Kafka at scale\n- PostgreSQL\n\nNice to have\n- Go\n".into(),
            }],
        )
        .map_err(|e| format!("{e:?}"))?;
        let questions = post_questions(0, &prepared.posts[0]);
        let texts: Vec<&str> = questions.iter().map(|q| q.question.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Tell me about your experience with Kafka.",
                "Tell me about your experience with PostgreSQL."
            ]
        );
        assert_eq!(questions[0].probe, "Kafka in production");
        Ok(())
    }
}
