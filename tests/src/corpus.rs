//! The corpus of real buyers' documents (issue 25): for each public document the facts a
//! consultant read from it by hand (`tests/fixtures/buyers/*.toml`), and the score of the reader's
//! proposals against them — recall and precision of documents with their maximum age, and of
//! dates. The documents themselves are found beside their facts or in `$TENDERWACHT_CORPUS`
//! (their terms do not let us commit most of them; each facts file says where it came from).

use chrono::NaiveDate;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tenderwacht_domain::time::{local_date, Period};
use tenderwacht_domain::{ProposalDraft, ProposalKind};

/// One document's facts, as read by hand.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The file's name as published.
    pub file: String,
    pub buyer: String,
    /// What the document is ("inkoopbeleid", "leidraad", "nota van inlichtingen").
    pub kind: String,
    /// The program that made it (the PDF's Producer/Creator, or "Word (DOCX)").
    pub producer: String,
    /// Where it was found.
    pub source: String,
    pub sha256: String,
    /// Why it is or is not in the repository.
    pub terms: String,
    pub pages: u32,
    /// The closing the tender has on the portal, as the reader gets it.
    pub closing: Option<NaiveDate>,
    #[serde(default)]
    pub document: Vec<DocumentFact>,
    #[serde(default)]
    pub date: Vec<DateFact>,
}

/// A document the buyer asks for (with the bid, later, or a change of its rule in an NvI).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFact {
    /// The catalogue code, when the document is a catalogue type.
    pub code: Option<String>,
    /// Otherwise words that a proposal's name holds (lower case, all of them); "|" between
    /// names the document is known by (the table row's label or the document in it).
    pub name: Option<String>,
    /// Its maximum age in the short form ("6m", "1y"); absent when the text gives none.
    pub max_age: Option<String>,
    /// When it is asked ("with_bid", "on_request", "after_award", "during_contract").
    pub asked: Option<String>,
    /// The words of the document that say so, for the person checking the facts.
    pub says: String,
}

/// A date the document fixes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateFact {
    pub at: NaiveDate,
    /// The milestone kind's code; absent for a step that is none of the named kinds (proposed
    /// as a custom milestone named by the step).
    pub kind: Option<String>,
    pub says: String,
}

/// The folder of the facts files.
pub fn facts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("buyers")
}

/// Every facts file, sorted by name.
pub fn load_all() -> Vec<(PathBuf, Facts)> {
    let mut paths: Vec<PathBuf> = crate::walk(&facts_dir()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let facts: Facts = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, facts)
        })
        .collect()
}

/// The document itself: beside the facts, or in `$TENDERWACHT_CORPUS`; `None` when absent or
/// when its bytes are not the ones the facts were read from.
pub fn locate(facts: &Facts) -> Option<PathBuf> {
    let mut places = vec![facts_dir().join(&facts.file)];
    if let Some(dir) = std::env::var_os("TENDERWACHT_CORPUS") {
        places.push(Path::new(&dir).join(&facts.file));
    }
    places.into_iter().find(|p| std::fs::read(p).is_ok_and(|bytes| sha256(&bytes) == facts.sha256))
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Found of wanted, and right of proposed.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Score {
    pub wanted: usize,
    pub found: usize,
    pub proposed: usize,
    pub right: usize,
}

impl Score {
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.wanted)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.right, self.proposed)
    }

    pub fn add(&mut self, other: Score) {
        self.wanted += other.wanted;
        self.found += other.found;
        self.proposed += other.proposed;
        self.right += other.right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The score of one document: documents with their age, dates, and the asked moment of the
/// documents found (right of found).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Report {
    pub documents: Score,
    pub dates: Score,
    pub asked_right: usize,
    pub asked_judged: usize,
}

fn period(fact: &Option<String>) -> Option<Period> {
    fact.as_deref().map(|s| Period::parse("max_age", s).unwrap_or_else(|e| panic!("max_age '{s}': {e}")))
}

fn same_document(fact: &DocumentFact, draft: &ProposalDraft) -> bool {
    let by_code = fact.code.is_some() && fact.code == draft.type_code;
    let name = draft.name.to_lowercase();
    let by_name = fact.name.as_deref().is_some_and(|names| names.split('|').any(|words| words.split_whitespace().all(|w| name.contains(w))));
    (by_code || by_name) && period(&fact.max_age) == draft.max_age
}

/// Scores the reader's proposals for one document against its facts.
pub fn score(facts: &Facts, drafts: &[ProposalDraft]) -> Report {
    let documents: Vec<&ProposalDraft> = drafts.iter().filter(|d| d.kind != ProposalKind::Date).collect();
    let dates: Vec<&ProposalDraft> = drafts.iter().filter(|d| d.kind == ProposalKind::Date).collect();
    let mut report = Report::default();
    report.documents.wanted = facts.document.len();
    report.documents.proposed = documents.len();
    for fact in &facts.document {
        if let Some(draft) = documents.iter().find(|d| same_document(fact, d)) {
            report.documents.found += 1;
            if let Some(asked) = &fact.asked {
                report.asked_judged += 1;
                report.asked_right += usize::from(draft.asked.as_str() == asked);
            }
        }
    }
    report.documents.right = documents.iter().filter(|d| facts.document.iter().any(|f| same_document(f, d))).count();
    let day = |d: &ProposalDraft| d.at.map(local_date);
    // A date of none of the named kinds is a step of the planning: a custom milestone.
    let kind_fits = |fact: &DateFact, d: &ProposalDraft| fact.kind.as_deref().unwrap_or("custom") == d.milestone_kind.map_or("", |k| k.as_str());
    report.dates.wanted = facts.date.len();
    report.dates.proposed = dates.len();
    report.dates.found = facts.date.iter().filter(|f| dates.iter().any(|d| day(d) == Some(f.at) && kind_fits(f, d))).count();
    report.dates.right = dates.iter().filter(|d| facts.date.iter().any(|f| day(d) == Some(f.at) && kind_fits(f, d))).count();
    report
}

/// The facts no proposal matches, and the document proposals no fact matches, in one line
/// each, for the person looking for what was missed.
pub fn missed(facts: &Facts, drafts: &[ProposalDraft]) -> Vec<String> {
    let documents: Vec<&ProposalDraft> = drafts.iter().filter(|d| d.kind != ProposalKind::Date).collect();
    let dates: Vec<&ProposalDraft> = drafts.iter().filter(|d| d.kind == ProposalKind::Date).collect();
    let day = |d: &ProposalDraft| d.at.map(local_date);
    let kind_fits = |fact: &DateFact, d: &ProposalDraft| fact.kind.as_deref().unwrap_or("custom") == d.milestone_kind.map_or("", |k| k.as_str());
    let mut out: Vec<String> = facts
        .document
        .iter()
        .filter(|f| !documents.iter().any(|d| same_document(f, d)))
        .map(|f| {
            format!(
                "document {} ≤ {} ({}): {}",
                f.code.as_deref().or(f.name.as_deref()).unwrap_or("?"),
                f.max_age.as_deref().unwrap_or("-"),
                f.asked.as_deref().unwrap_or("-"),
                f.says
            )
        })
        .collect();
    out.extend(documents.iter().filter(|d| !facts.document.iter().any(|f| same_document(f, d))).map(|d| format!("teveel: {}", describe(d))));
    out.extend(
        facts
            .date
            .iter()
            .filter(|f| !dates.iter().any(|d| day(d) == Some(f.at) && kind_fits(f, d)))
            .map(|f| format!("datum {} [{}]: {}", f.at.format("%d-%m-%Y"), f.kind.as_deref().unwrap_or("custom"), f.says)),
    );
    out.extend(
        dates.iter().filter(|d| !facts.date.iter().any(|f| day(d) == Some(f.at) && kind_fits(f, d))).map(|d| format!("teveel: {}", describe(d))),
    );
    out
}

/// What a proposal is, in one line, for the person comparing it with the facts.
pub fn describe(d: &ProposalDraft) -> String {
    let age = d.max_age.map(|p| format!(" ≤ {}", p.describe())).unwrap_or_default();
    let at = d.at.map(|a| format!(" {}", local_date(a).format("%d-%m-%Y"))).unwrap_or_default();
    let kind = d.milestone_kind.map(|k| format!(" [{}]", k.as_str())).unwrap_or_default();
    format!(
        "{} {}{}{}{}{} ({}) p.{}",
        d.kind.as_str(),
        d.type_code.as_deref().unwrap_or(&d.name),
        age,
        at,
        kind,
        if d.condition.is_empty() { String::new() } else { format!(" — {}", d.condition) },
        d.asked.as_str(),
        d.page.map(|p| p.to_string()).unwrap_or_default()
    )
}
