//! Word lists the splitter leans on: abbreviations, words that open a new item, and
//! technical names whose inner capitals or dots must not be taken for a sentence boundary.
//!
//! They are small, hand-made from the shape of real job posts and resumes, and kept here so the
//! rules in `sentences` read as rules rather than as lists.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a, for the fixed word tables looked up for every word of a paste: several times
/// cheaper than the default SipHash on short words, and safe here because the tables are
/// built from constants (no input is ever inserted, so no input can make them degrade).
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A set of constant words hashed with [`WordHasher`].
pub(crate) type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// Abbreviations (lowercase, without their final dot) that are practically never the end of
/// a sentence: a capital after them starts a name or a list item, not a sentence.
const NEVER_FINAL: &str = "\
    e.g eg i.e ie vs cf viz approx incl excl esp dr mr mrs ms mx prof sr st mt no nos fig figs \
    vol pp pg ca min max est avg jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues \
    wed thu thur thurs fri govt gen col capt lt sgt rev hon a.k.a aka attn tel ref resp req \
    reqs dept univ assoc mgmt mgr eng sw";

/// Abbreviations that often do end a sentence ("… Python, Java, etc. We offer …"): a sentence
/// boundary after them is kept only when the next word clearly opens a sentence.
const SOMETIMES_FINAL: &str = "\
    etc inc ltd co corp llc plc jr u.s u.k u.s.a e.u a.m p.m ph.d m.s b.s b.a m.a m.sc b.sc \
    m.eng b.eng exp yrs yr hrs al wks mos";

/// Title-case words that, glued to the end of the previous item ("…React**Mastery** of…",
/// "…insurance**Dental**…"), start a new sentence or list item: function words, verbs that
/// open responsibilities, nouns and adjectives that open requirements, words of benefits lists
/// and section names. Words that often finish a product or company name ("Script", "Ops",
/// "Hub", "Flow", "Cloud", "Works") are left out.
const STARTERS: &str = "\
    about additionally after all also although an any are as at be because before both but by \
    each every for from have he here how if in it its many more most must my on once only our \
    please up she since so some that the their then there these they this those we what when \
    where whether while who why with you your act adapt advocate analyse analyze apply \
    architect articulate assist automate bring build building champion collaborate \
    collaborating communicate conduct contribute contributing coordinate create creating \
    cultivate debug define defining deliver delivering demonstrate deploy design designing \
    develop developing document drive driving engage enjoy ensure ensuring establish evaluate \
    execute explore extend facilitate familiarize follow grow help identify implement \
    implementing improve influence integrate invent investigate join lead leading learn \
    leverage maintain maintaining make manage managing mentor mentoring monitor optimize \
    orchestrate oversee own owning participate participating partner partnering perform plan \
    play prepare promote provide realize report represent research review scale serve set ship \
    solve spearhead stay support supporting take test track train translate troubleshoot \
    understand use utilize work working worked write writing developed designed implemented \
    led built created managed previously currently ability abilities adaptability advanced \
    attention background bachelor bachelors beneficial bonus certification certifications \
    clear comfort comfortable degree demonstrated desire detail education effective engaging \
    excellent exceptional experience expert expertise exposure extensive eye familiar \
    familiarity fluency fluent fundamental good great hands independent interest knowledge \
    knowledgeable master masters mastery minimum nice outstanding passion practical passionate \
    preferred preference previous primary prior proficiency proficient proven qualifications \
    required requirements responsibilities self significant skilled skills solid strong \
    superior willingness additional annual benefits bereavement catered challenging commuter \
    company compensation competitive comprehensive daily dental description disclaimer \
    employee equity exciting family fertility financial flexible free generous global health \
    healthcare hybrid insurance introduction job key leadership learning life location long \
    medical monthly occasional onsite opportunities opportunity overview paid parental \
    participation perks position professional referral remote retirement role salary short \
    stock summary training travel tuition unlimited vibrant vision weekly wellness";

/// Words that clearly open a sentence, for the few abbreviations that may end one
/// ("… based in the U.S. We offer …").
const OPENERS: &str = "\
    we you our your the this these that those it its they their he she in as if when while all \
    each please join apply what who why how there here at for with experience strong ability \
    must";

/// Capitalised words that open a sentence so plainly that, after a lowercase word and a
/// single space, they mark two items a scrape ran together ("… CS degree Your strongest …").
const HARD_OPENERS: &str = "\
    we you your our the this these they experience proficiency proficient bachelor bachelors \
    master masters minimum ability knowledge familiarity excellent strong must demonstrated \
    desire";

/// Names with an inner capital that must stay whole even where the second part is in
/// [`STARTERS`] or the first part is lowercase ("LinkedIn", "WeWork", "phpMyAdmin").
/// Compared case-insensitively, piece by piece.
const CAMEL_NAMES: &str = "\
    LinkedIn CheckIn LogIn SignIn PlugIn BuiltIn OptIn WalkIn EarnIn SpotOn AddOn SignOn LogOn \
    WeWork OneDrive TestDrive InVision HealthEquity BetterHelp ThoughtWorks SolidWorks \
    MathWorks phpMyAdmin GitHub GitLab JavaScript TypeScript CoffeeScript ActionScript DevOps \
    DevSecOps GitOps FinOps DataOps SecOps NetOps PyTorch TensorFlow NumPy SciPy SymPy PySpark \
    PyCharm PyPI MapReduce BigQuery BigTable DynamoDB MongoDB CockroachDB InfluxDB DuckDB \
    ClickHouse PostgreSQL MySQL NoSQL SQLite ElasticSearch OpenSearch CloudFormation \
    CloudFront CloudWatch SageMaker LangChain LlamaIndex HuggingFace FastAPI SpringBoot NestJS \
    NextJS NodeJS ReactJS VueJS AngularJS WebSocket WebSockets WebAssembly WebGL WebRTC OAuth \
    LaTeX HubSpot SalesForce ServiceNow NetSuite QuickBooks PowerPoint PowerShell PowerApps \
    SharePoint WordPress YouTube TikTok ByteDance OpenAI ChatGPT DeepMind DoorDash PayPal \
    MasterCard McKinsey McDonald MacBook iPhone iPad iCloud eBay jQuery JetBrains IntelliJ \
    CircleCI TravisCI ArgoCD OpenShift OpenStack VMware VirtualBox RabbitMQ ActiveMQ ZeroMQ \
    ZooKeeper NiFi HBase DeepSpeed CentOS FreeBSD OpenBSD RedHat ArcGIS GeoJSON TypeORM \
    SQLAlchemy SwiftUI UIKit CoreData ARKit CocoaPods RxJava RxSwift MLflow LightGBM CatBoost \
    XGBoost DataBricks SnowFlake AirFlow FiveTran MuleSoft OutSystems ColdFusion FinTech \
    EdTech HealthTech InsurTech PropTech AdTech MarTech RegTech BioTech CrowdStrike \
    SentinelOne CyberArk OneLogin DataDog PagerDuty NewRelic SendGrid TeamCity BitBucket \
    DocuSign SoundCloud DigitalOcean CloudFlare HashiCorp PlayStation GoDaddy ZipRecruiter \
    GlassDoor SmartRecruiters WorkDay CareerBuilder HackerRank LeetCode StackOverflow FedEx \
    BlackRock JPMorgan SpaceX StartUp MeetUp OfferUp PopUp SetUp SignUp BackUp MockUp FollowUp \
    LineUp MarkUp CareFirst NowSecure NetEase GliaCell TradeStation SoundScan CyberCoders";

/// First words of code identifiers ("useState", "getElementById", "onClick") that are not
/// glued sentences.
const CODE_PREFIXES: &str = "\
    use get set has add remove handle fetch init make with for foo inner outer class key max \
    min new old create update delete render load save read write parse from is to on my app \
    main test mock std async await node elem event data user item list map string int char \
    bool void self this super value default index count num str obj var let const func call \
    run start stop open close send post put find filter sort reduce apply bind emit dispatch \
    select query insert exec log print debug assert expect should will did can kube php web \
    net sql";

/// Words that cannot end a sentence: a line ending in one continues on the next line even if
/// that line starts with a capital ("… pursuing a Master's in\nComputer Science …").
const JOINING: &str = "\
    a an the and or nor of to in for with on at by from as into onto such including like than \
    via using across about our your their its my is are was were be that which who whose while \
    both either but per through within without between among under over toward towards whether \
    if when where because so this these those will can must should would could may might have \
    has had not also very more most less other any all each every some";

/// The set of whitespace-separated words of a list, built on first use.
fn set(cell: &'static OnceLock<WordSet>, words: &'static str) -> &'static WordSet {
    cell.get_or_init(|| words.split_whitespace().collect())
}

/// Whether `word` (lowercase, without its final dot) is an abbreviation that never ends a
/// sentence.
pub(crate) fn is_never_final(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, NEVER_FINAL).contains(word)
}

/// Whether `word` (lowercase, without its final dot) is an abbreviation that may end a
/// sentence.
pub(crate) fn is_sometimes_final(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, SOMETIMES_FINAL).contains(word)
}

/// Whether a Title-case word (given lowercase) usually opens a new item when glued on.
pub(crate) fn is_starter(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, STARTERS).contains(word)
}

/// Whether a word (lowercase) clearly opens a sentence.
pub(crate) fn is_opener(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, OPENERS).contains(word)
}

/// Whether a capitalised word (given lowercase) plainly opens a new sentence or item.
pub(crate) fn is_hard_opener(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, HARD_OPENERS).contains(word)
}

/// Whether a word (lowercase) starts code identifiers such as "useState".
pub(crate) fn is_code_prefix(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, CODE_PREFIXES).contains(word)
}

/// Whether a lowercase word is an article, conjunction or preposition that stays lowercase in
/// a title ("Perks and Benefits", "Bachelor of Science"); headings and name lines each add a
/// few words of their own.
pub(crate) fn is_title_small_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "to"
            | "in"
            | "for"
            | "on"
            | "at"
            | "with"
            | "by"
            | "from"
            | "vs"
            | "via"
    )
}

/// Whether a line ending in this word (lowercase) must continue on the next line.
pub(crate) fn is_joining(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    set(&CELL, JOINING).contains(word)
}

/// Whether the two camel-case pieces `left` and `right` (any case) are adjacent pieces of a
/// known name, e.g. ("Linked", "In") or ("java", "script").
pub(crate) fn is_camel_name_pair(left: &str, right: &str) -> bool {
    static PAIRS: OnceLock<HashSet<String>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        let mut pairs = HashSet::new();
        for name in CAMEL_NAMES.split_whitespace() {
            let pieces = camel_pieces(name);
            for pair in pieces.windows(2) {
                let [left, right] = pair else { continue };
                pairs.insert(format!("{}|{}", left.to_lowercase(), right.to_lowercase()));
            }
        }
        pairs
    });
    let key = format!("{}|{}", left.to_lowercase(), right.to_lowercase());
    pairs.contains(&key)
}

/// Splits a name at each lowercase→Title-case step: "DevSecOps" → ["Dev", "Sec", "Ops"].
fn camel_pieces(name: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let prev = chars[k - 1].1;
        let next_lower = chars.get(k + 1).is_some_and(|&(_, n)| n.is_lowercase());
        if c.is_uppercase() && next_lower && (prev.is_lowercase() || prev.is_uppercase()) {
            pieces.push(&name[start..i]);
            start = i;
        }
    }
    pieces.push(&name[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_pieces_split_at_title_case_steps() {
        assert_eq!(camel_pieces("DevSecOps"), ["Dev", "Sec", "Ops"]);
        assert_eq!(camel_pieces("LinkedIn"), ["Linked", "In"]);
        assert_eq!(camel_pieces("phpMyAdmin"), ["php", "My", "Admin"]);
        assert_eq!(camel_pieces("SQLAlchemy"), ["SQL", "Alchemy"]);
        assert_eq!(camel_pieces("Python"), ["Python"]);
    }

    #[test]
    fn known_names_are_recognized_case_insensitively() {
        assert!(is_camel_name_pair("Linked", "In"));
        assert!(is_camel_name_pair("java", "Script"));
        assert!(!is_camel_name_pair("React", "Mastery"));
    }

    #[test]
    fn lists_are_lowercase() {
        for list in [
            NEVER_FINAL,
            SOMETIMES_FINAL,
            STARTERS,
            OPENERS,
            CODE_PREFIXES,
            JOINING,
        ] {
            for word in list.split_whitespace() {
                assert_eq!(word, word.to_lowercase());
            }
        }
    }
}
