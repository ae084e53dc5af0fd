//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jobdelta_matching::export::Format;
use jobdelta_text::Preprocessing;

/// jobdelta: see how your experience covers the jobs you want — this CLI exposes the engine.
#[derive(Debug, Parser)]
#[command(name = "jobdelta", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Embed each line of INPUT; prints JSON Lines {"text", "n_tokens", "embedding"}.
    Embed(EmbedArgs),
    /// Tokenise each line of INPUT; prints JSON Lines {"text", "tokens", "ids"}.
    Tokenize(TextsArgs),
    /// Measure embedding speed on a corpus (one sentence per line).
    Bench(BenchArgs),
    /// Match a resume against job posts: fit and rank per post, each requirement with its
    /// evidence, each resume sentence with the requirements it speaks to.
    Match(MatchArgs),
    /// Match several versions of a resume (oldest first) against the same posts: per post the
    /// fit and requirements covered under each, and what each version newly covers or no
    /// longer covers.
    Progress(ProgressArgs),
    /// Group many posts into role families: per family what it asks for and how often, your
    /// coverage, what is rising or falling by quarter, where you stand; or, with --labelled,
    /// how well the groups agree with a family marked per post.
    Posture(PostureArgs),
    /// Lay every resume sentence and every requirement out on a 2-D map (t-SNE), with how far
    /// the picture keeps each sentence's neighbours (trustworthiness at k = 10).
    Map(MapArgs),
    /// Measure how well the fit ranks labelled posts (ROC-AUC, precision@10, baselines).
    Eval(EvalArgs),
    /// Measure the report against a hand-labelled set (fixtures/trust): recruiter verdicts,
    /// hard-requirement parsing, resume facts, and the "matches nothing" threshold.
    Trust(TrustArgs),
    /// Cut a resume or brag document into stories (roles, projects, accomplishments) with
    /// their sentences, dates and themes (themes need the model; --no-themes skips them).
    Stories(StoriesArgs),
    /// Ask your resume or brag document a question: its closest sentences with their story.
    Ask(AskArgs),
    /// The interview questions (common ones and each post's must-haves) with your best
    /// stories for each, and the ones to prepare.
    Interview(InterviewArgs),
    /// A "Tell me about yourself" outline from your own sentences, for a post or your field.
    Pitch(InterviewArgs),
    /// Measure `ask`, the story cut and the themes on a labelled set (fixtures/interview):
    /// hit@3, MRR, story agreement, themes' ARI and pairwise precision/recall.
    InterviewEval(InterviewEvalArgs),
    /// The skills a text names ({"skills": [{"name", "start", "end", "probability"}]} with
    /// --json), or precision/recall of each way of finding them on a labelled set.
    Skills(SkillsArgs),
    /// The models jobdelta can run, whether each is installed, and its settings, sizes and
    /// licence (--model NAME picks one in every command that embeds).
    Models(ModelsArgs),
    /// The same resume and posts analysed by two models: ranking agreement (Kendall τ),
    /// requirements whose status differs, resume words each tokenizer shatters, time, size.
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The resume or brag document (plain text, Markdown, HTML, PDF with a text layer, DOCX).
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Only the cut into stories, without the model: no themes ("themes": [] everywhere).
    #[arg(long)]
    pub no_themes: bool,
    /// Stories join a theme while their mean cosine reaches this.
    #[arg(long, value_name = "COSINE", default_value_t = jobdelta_interview::THEME_THRESHOLD)]
    pub theme_threshold: f32,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The resume or brag document.
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// Job posts whose must-haves join the question bank (not needed to ask).
    #[arg(long = "job", value_name = "FILE")]
    pub jobs: Vec<PathBuf>,
    /// The question.
    #[arg(long, value_name = "TEXT")]
    pub question: String,
    /// How many sentences to answer with.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InterviewArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The resume or brag document.
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// A job post; repeat for several (a file may hold many separated by `---` lines).
    #[arg(long = "job", value_name = "FILE")]
    pub jobs: Vec<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InterviewEvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The labelled set: a folder with labels.json and the documents it names.
    #[arg(long, value_name = "DIR", default_value = "fixtures/interview")]
    pub set: PathBuf,
    /// The theme threshold to score (to see how the agreement moves with it).
    #[arg(long, value_name = "COSINE", default_value_t = jobdelta_interview::THEME_THRESHOLD)]
    pub theme_threshold: f32,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ModelArgs {
    /// A model by name (`jobdelta models` lists them: all-MiniLM-L6-v2,
    /// paraphrase-MiniLM-L3-v2, all-mpnet-base-v2), or a folder holding model.safetensors (or the browser copy's
    /// model.f16.safetensors), tokenizer.json and config.json (a folder named like a model
    /// holds that model, any other all-MiniLM-L6-v2)
    /// [default: $JOBDELTA_MODEL_DIR, else models/all-MiniLM-L6-v2 as placed by scripts/fetch-model]
    #[arg(long, value_name = "NAME|DIR")]
    pub model: Option<PathBuf>,
    /// The arithmetic of the dense layers: f32 (the reference) or int8 (quantised; its
    /// embeddings are cached apart from f32 ones; docs/quality.md has what it costs).
    #[arg(long, value_enum, default_value_t = PrecisionArg::F32)]
    pub precision: PrecisionArg,
}

/// `--precision` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrecisionArg {
    /// f32 weights and activations.
    F32,
    /// int8 weights and activations, i32 sums.
    Int8,
}

impl PrecisionArg {
    /// The encoder's precision.
    pub fn precision(self) -> jobdelta_encoder::Precision {
        match self {
            PrecisionArg::F32 => jobdelta_encoder::Precision::F32,
            PrecisionArg::Int8 => jobdelta_encoder::Precision::Int8,
        }
    }
}

#[derive(Debug, Args)]
pub struct TextsArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Preprocess each text before embedding or tokenising it (see docs/report.md).
    #[arg(long, value_enum, default_value_t = PreprocessArg::None)]
    pub preprocess: PreprocessArg,
    /// File with one text per line, or `-` for standard input; blank lines are skipped.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
}

/// Which implementation of the BERT forward pass embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    /// The encoder's own forward pass (what the browser app runs).
    Fast,
    /// candle-transformers' BERT, the reference implementation (native only).
    Candle,
}

#[derive(Debug, Args)]
pub struct EmbedArgs {
    #[command(flatten)]
    pub texts: TextsArgs,
    /// The forward pass to embed with; both print the same format.
    #[arg(long, value_enum, default_value_t = Engine::Fast)]
    pub engine: Engine,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The forward pass to measure (the stage profile is the fast engine's only).
    #[arg(long, value_enum, default_value_t = Engine::Fast)]
    pub engine: Engine,
    /// Corpus, one sentence per line [default: fixtures/bench/sentences.txt]
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Timed runs per configuration (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}

/// The texts a report or a map is made of: one resume and the posts.
#[derive(Debug, Args)]
pub struct ReportInputs {
    /// The resume or brag document (plain text, Markdown, HTML, PDF with a text layer, DOCX).
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// A job post; repeat for several. A file may hold many posts separated by lines `---`.
    #[arg(long = "job", value_name = "FILE", required_unless_present = "posts")]
    pub jobs: Vec<PathBuf>,
    /// A table of posts: CSV or TSV with a `description` / `Job Description` / `text` column
    /// (and optionally title, company, date, id), JSON Lines or a JSON array of
    /// {"id", "title", "company", "date", "text"}; repeat for several. Its posts follow the
    /// `--job` posts.
    #[arg(long = "posts", value_name = "FILE")]
    pub posts: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub inputs: ReportInputs,
    /// Print the whole report as one JSON object (schema: docs/report.md); the same as
    /// `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// How to print the report: for a terminal, or as one of the app's downloads, the same
    /// bytes (Markdown; CSV with one row per post; CSV with one row per requirement; JSON).
    /// CSV cells a spreadsheet would run as a formula get a leading `'`.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
    /// Cosine from which a requirement counts as covered.
    #[arg(long, default_value_t = jobdelta_matching::Thresholds::default().covered)]
    pub covered: f32,
    /// Cosine from which a requirement counts as partly covered.
    #[arg(long, default_value_t = jobdelta_matching::Thresholds::default().partly)]
    pub partly: f32,
    /// Give post N (1 = the first post given) a title, as typed in the app (otherwise it is
    /// taken from the post's first line); repeat for several.
    #[arg(long = "title", value_name = "N=TITLE")]
    pub titles: Vec<String>,
    /// Mark post N (1 = the first post given) as a fit; repeat for several. With at least one
    /// post marked each way, the ranking learns from the marks as the app does.
    #[arg(long = "fit", value_name = "N")]
    pub fit: Vec<usize>,
    /// Mark post N as not for you; repeat for several.
    #[arg(long = "not-for-me", value_name = "N")]
    pub not_for_me: Vec<usize>,
}

impl MatchArgs {
    /// The format asked for (`--json` is `--format json`; text by default).
    pub fn output_format(&self) -> ReportFormat {
        match (self.json, self.format) {
            (true, _) => ReportFormat::Json,
            (false, Some(format)) => format,
            (false, None) => ReportFormat::Text,
        }
    }
}

/// `--format` values of `jobdelta match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people at a terminal.
    Text,
    /// The report as Markdown (what the app's "Markdown" download holds).
    Markdown,
    /// One row per post, in rank order (the app's "CSV: posts").
    Csv,
    /// One row per requirement of every post, posts in rank order (the app's "CSV:
    /// requirements").
    RequirementsCsv,
    /// The whole report as one JSON object (docs/report.md; the app's "JSON").
    Json,
}

impl ReportFormat {
    /// The export this format prints (`jobdelta_matching::export`, the bytes the app's
    /// downloads hold), or `None` for the terminal's text.
    pub fn export(self) -> Option<Format> {
        match self {
            ReportFormat::Text => None,
            ReportFormat::Markdown => Some(Format::Markdown),
            ReportFormat::Csv => Some(Format::PostsCsv),
            ReportFormat::RequirementsCsv => Some(Format::RequirementsCsv),
            ReportFormat::Json => Some(Format::Json),
        }
    }
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// A version of the resume; give two or more, oldest first. Each is labelled by its file
    /// name.
    #[arg(long = "resume", value_name = "FILE", required = true, num_args = 1)]
    pub resumes: Vec<PathBuf>,
    /// A job post; repeat for several (as `match --job`).
    #[arg(long = "job", value_name = "FILE", required_unless_present = "posts")]
    pub jobs: Vec<PathBuf>,
    /// A table of posts (as `match --posts`).
    #[arg(long = "posts", value_name = "FILE")]
    pub posts: Vec<PathBuf>,
    /// Print one JSON object: {"versions": [{"label", "posts": [{"title", "fit", "covered"}]}],
    /// "changes": [{"title", "from", "to", "newly_covered", "no_longer_covered"}]}.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PostureArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The resume.
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// A job post; repeat for several (as `match --job`).
    #[arg(long = "job", value_name = "FILE", required_unless_present = "posts")]
    pub jobs: Vec<PathBuf>,
    /// A table of posts (as `match --posts`); groups name posts by its `id` column or row number.
    #[arg(long = "posts", value_name = "FILE")]
    pub posts: Vec<PathBuf>,
    /// Print one JSON object: {"groups": [{"label", "posts": [id], "requirements": [{"text",
    /// "share", "covered"}], "skills": [{"name", "share", "you_have"}], "coverage", "standing",
    /// "trend"}]}.
    #[arg(long)]
    pub json: bool,
    /// Posts join a group while their mean cosine reaches this.
    #[arg(long, value_name = "COSINE", default_value_t = jobdelta_matching::posture::GROUP_THRESHOLD)]
    pub threshold: f32,
    /// Measure the groups against a family marked per post (TSV: id, family, technical
    /// yes/no): adjusted Rand index, purity, non-technical posts kept apart, at several
    /// thresholds.
    #[arg(long, value_name = "FILE")]
    pub labelled: Option<PathBuf>,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub inputs: ReportInputs,
    /// Print the points, method and trustworthiness as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also draw the map as an SVG picture in this file.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
    /// How to lay the points out: t-SNE, or its PCA start alone (for comparison).
    #[arg(long, value_enum, default_value_t = MapMethodArg::Tsne)]
    pub method: MapMethodArg,
}

/// `--method` values of `jobdelta map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapMethodArg {
    /// Barnes-Hut t-SNE from a PCA start, refined for trust (keeps neighbours, few intruders).
    Tsne,
    /// Barnes-Hut t-SNE from a PCA start alone, without the refinement (for comparison).
    TsneUnrefined,
    /// The two principal components alone (keeps the largest spreads).
    Pca,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The resume the posts were labelled against.
    #[arg(long, value_name = "FILE")]
    pub resume: PathBuf,
    /// JSON Lines of labelled posts: {"title", "text", "label": 1 fit / 0 not fit}.
    #[arg(long = "labelled", alias = "labeled", value_name = "FILE")]
    pub labeled: PathBuf,
    /// Also score with this second model (NAME|DIR, as --model) and add rows for its fit and
    /// for the mean of the two models' fits (an ensemble), on all posts and on both halves.
    #[arg(long, value_name = "NAME|DIR")]
    pub ensemble_with: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TrustArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// The labelled set: a folder with labels.json, resumes/<id>.txt and posts/<id>.txt.
    #[arg(long, value_name = "DIR")]
    pub set: PathBuf,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SkillsArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// A text (resume or post) whose skills to list.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "labeled",
        required_unless_present = "labeled"
    )]
    pub text: Option<PathBuf>,
    /// JSON Lines of hand-labelled documents {"file", "kind", "skills"} (fixtures/skills):
    /// precision, recall and F1 of every method.
    #[arg(long = "labelled", alias = "labeled", value_name = "FILE")]
    pub labeled: Option<PathBuf>,
    /// How to find skills (for --text).
    #[arg(long, value_enum, default_value_t = SkillMethodArg::ContextCurated)]
    pub method: SkillMethodArg,
    /// The classifier's probability from which a hit is a skill.
    #[arg(long, default_value_t = jobdelta_skills::THRESHOLD)]
    pub threshold: f32,
    /// Print JSON instead of lines or a table.
    #[arg(long)]
    pub json: bool,
    /// With --labelled: also print, per method and document, the names it found that are not
    /// labelled and the labelled ones it missed.
    #[arg(long)]
    pub errors: bool,
    /// Keep embeddings in this file and reuse them on later runs.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}

/// `--method` values of `jobdelta skills`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SkillMethodArg {
    /// The hand-made gazetteer (~460 names with case and list rules).
    Curated,
    /// skill-extractor's 30,957-skill vocabulary, every hit.
    Vocabulary,
    /// The vocabulary's hits its context classifier accepts.
    Context,
    /// The vocabulary plus the curated names it lacks.
    VocabularyCurated,
    /// The classifier-accepted hits plus the curated names they lack.
    ContextCurated,
}

impl From<SkillMethodArg> for jobdelta_matching::SkillMethod {
    fn from(arg: SkillMethodArg) -> Self {
        use jobdelta_matching::SkillMethod;
        match arg {
            SkillMethodArg::Curated => SkillMethod::Curated,
            SkillMethodArg::Vocabulary => SkillMethod::Vocabulary,
            SkillMethodArg::Context => SkillMethod::Context,
            SkillMethodArg::VocabularyCurated => SkillMethod::VocabularyAndCurated,
            SkillMethodArg::ContextCurated => SkillMethod::ContextAndCurated,
        }
    }
}

/// `--preprocess` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PreprocessArg {
    /// The text as written.
    None,
    /// Without NLTK English stop words.
    NltkStopWords,
    /// Without NLTK and spaCy English stop words.
    NltkSpacyStopWords,
    /// Only words that look like technical terms.
    JargonOnly,
}

impl From<PreprocessArg> for Preprocessing {
    fn from(arg: PreprocessArg) -> Self {
        match arg {
            PreprocessArg::None => Preprocessing::None,
            PreprocessArg::NltkStopWords => Preprocessing::NltkStopWords,
            PreprocessArg::NltkSpacyStopWords => Preprocessing::NltkSpacyStopWords,
            PreprocessArg::JargonOnly => Preprocessing::JargonOnly,
        }
    }
}

#[derive(Debug, Args)]
pub struct ModelsArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// A model (NAME|DIR, as in other commands); give it twice: --model A --model B.
    #[arg(long = "model", value_name = "NAME|DIR", required = true)]
    pub models: Vec<PathBuf>,
    /// The arithmetic of the dense layers, for both models.
    #[arg(long, value_enum, default_value_t = PrecisionArg::F32)]
    pub precision: PrecisionArg,
    #[command(flatten)]
    pub inputs: ReportInputs,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Keep embeddings in this file and reuse them (each model's under its own key); the
    /// times shown then count only what was not cached.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
}
