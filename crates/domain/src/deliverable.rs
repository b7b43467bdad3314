//! What the buyer's documents bring to a bid: files handed in for its deliverables (versions, one
//! final), the buyer's upload rules for the pack, and requirements proposed from the tender's
//! documents that wait for the consultant's answer.

use crate::error::{DomainError, Result};
use crate::text_enum;
use crate::time::Period;
use crate::MilestoneKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// How a deliverable's file version came in.
    FileOrigin {
        Upload => ("upload", "toegevoegd"),
        WorkingCopy => ("working_copy", "opgeslagen in de werkkopie"),
    }
);

/// One version of a deliverable's file, for one bid and one providing party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeliverableFile {
    pub id: Uuid,
    pub bid_id: Uuid,
    pub requirement_id: Uuid,
    pub party_id: Uuid,
    pub version: u32,
    pub sha256: String,
    pub original_name: String,
    #[ts(type = "number")]
    pub size: u64,
    /// The version the pack hands in; a deliverable is "gereed" only with one.
    pub is_final: bool,
    pub origin: FileOrigin,
    pub added_at: DateTime<Utc>,
}

text_enum!(
    /// How the buyer's portal takes the pack.
    Packaging {
        Zip => ("zip", "één zip-bestand"),
        Loose => ("loose", "losse bestanden"),
    }
);

/// The buyer's upload rules of a tender. Empty lists and `None` mean "no rule".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UploadRules {
    /// Allowed file extensions, lower case without the dot (`pdf`, `xlsx`); empty: any.
    pub extensions: Vec<String>,
    #[ts(type = "number | null")]
    pub max_file_bytes: Option<u64>,
    #[ts(type = "number | null")]
    pub max_upload_bytes: Option<u64>,
    /// The pack's name template for this tender (`{nr:02} {type} - {provider}.{ext}`); empty: the
    /// consultant's own.
    pub name_template: String,
    pub packaging: Packaging,
}

impl Default for UploadRules {
    fn default() -> Self {
        Self { extensions: vec![], max_file_bytes: None, max_upload_bytes: None, name_template: String::new(), packaging: Packaging::Zip }
    }
}

impl UploadRules {
    /// Checked and normalised input: extensions without dots, lower case, each once.
    pub fn cleaned(mut self) -> Result<Self> {
        let mut exts: Vec<String> = vec![];
        for raw in &self.extensions {
            let e = raw.trim().trim_start_matches('.').to_lowercase();
            if e.is_empty() {
                continue;
            }
            if !crate::text::is_extension(&e) {
                return Err(DomainError::invalid("bestandstypen", format!("'{raw}' is geen bestandstype (zoals pdf of xlsx)")));
            }
            if !exts.contains(&e) {
                exts.push(e);
            }
        }
        self.extensions = exts;
        if let (Some(file), Some(upload)) = (self.max_file_bytes, self.max_upload_bytes) {
            if file > upload {
                return Err(DomainError::invalid("maximale grootte per bestand", "is groter dan de maximale grootte per upload"));
            }
        }
        self.name_template = self.name_template.trim().to_string();
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// True when the buyer takes files of this extension (no list: any).
    pub fn allows(&self, ext: &str) -> bool {
        self.extensions.is_empty() || self.extensions.iter().any(|e| e == ext)
    }

    /// The rules one file of the pack breaks, each a blocker naming the file.
    pub fn file_breaks(&self, name: &str, ext: &str, size: u64) -> Vec<String> {
        let mut out = vec![];
        if !self.allows(ext) {
            out.push(format!("{name}: bestandstype .{ext} wordt niet aangenomen (alleen {})", self.extensions.join(", ")));
        }
        if let Some(max) = self.max_file_bytes.filter(|m| size > *m) {
            out.push(format!("{name}: {} is groter dan de toegestane {} per bestand", size_nl(size), size_nl(max)));
        }
        out
    }

    /// The blocker when the whole upload is larger than the buyer takes.
    pub fn upload_break(&self, total: u64) -> Option<String> {
        self.max_upload_bytes.filter(|m| total > *m).map(|max| {
            format!("het pakket is samen {}, meer dan de {} die de aanbestedende dienst per upload toestaat", size_nl(total), size_nl(max))
        })
    }

    /// The rules in one line, as the CLI and the tender detail show them.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "Geen uploadregels: elk bestandstype, geen maximale grootte, één zip-bestand".into();
        }
        let mut parts =
            vec![if self.extensions.is_empty() { "elk bestandstype".to_string() } else { format!("alleen {}", self.extensions.join(", ")) }];
        if let Some(m) = self.max_file_bytes {
            parts.push(format!("max. {} per bestand", size_nl(m)));
        }
        if let Some(m) = self.max_upload_bytes {
            parts.push(format!("max. {} per upload", size_nl(m)));
        }
        if !self.name_template.is_empty() {
            parts.push(format!("namen: {}", self.name_template));
        }
        parts.push(self.packaging.label().into());
        format!("Uploadregels: {}", parts.join("; "))
    }
}

/// The buyer's upload rules with their one-line summary, as the window shows them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UploadRulesView {
    pub rules: UploadRules,
    pub summary: String,
}

impl From<UploadRules> for UploadRulesView {
    fn from(rules: UploadRules) -> Self {
        Self { summary: rules.summary(), rules }
    }
}

/// A size as the consultant reads it: "12,5 MB", "830 kB".
pub fn size_nl(bytes: u64) -> String {
    const MB: f64 = 1_000_000.0;
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / MB).replace('.', ",")
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

text_enum!(
    /// What a proposal read from the buyer's documents would do.
    ProposalKind {
        Document => ("document", "document uit de catalogus"),
        Deliverable => ("deliverable", "op te stellen stuk"),
        Change => ("change", "wijziging van een eis"),
        Date => ("date", "wijziging van een datum"),
    }
);

text_enum!(
    /// When the buyer asks for a document: with the bid, only on request, of the winner after the
    /// award (before the contract starts), or during the contract (a contract obligation).
    ProposalAsked {
        WithBid => ("with_bid", "bij de inschrijving"),
        OnRequest => ("on_request", "alleen op verzoek"),
        AfterAward => ("after_award", "van de winnaar, na de gunning"),
        DuringContract => ("during_contract", "tijdens de overeenkomst"),
    }
);

// text_enum! builds the enum and takes no #[default] attribute.
#[allow(clippy::derivable_impls)]
impl Default for ProposalAsked {
    fn default() -> Self {
        Self::WithBid
    }
}

text_enum!(
    /// The consultant's answer to a proposal.
    ProposalStatus {
        Open => ("open", "nog beoordelen"),
        Accepted => ("accepted", "overgenomen"),
        Rejected => ("rejected", "afgewezen"),
    }
);

/// What the reader found in one sentence of a buyer's document, before it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalDraft {
    pub kind: ProposalKind,
    /// Catalogue code of a document (or of the document a change is about).
    pub type_code: Option<String>,
    /// Name of a deliverable (or of the deliverable a change is about).
    pub name: String,
    /// The tender's own maximum age.
    pub max_age: Option<Period>,
    /// Anything else the sentence fixes (an insured amount, an issue date, a refusal such as
    /// "een GVA volstaat niet").
    pub note: String,
    /// When the buyer asks it.
    #[serde(default)]
    pub asked: ProposalAsked,
    /// For whom, when not every bidder ("alleen nieuwe zorgaanbieders", "bij onderaanneming");
    /// empty when every bidder.
    #[serde(default)]
    pub condition: String,
    /// Where in the file: the table or heading it stands under; empty for running text.
    #[serde(default)]
    pub section: String,
    /// For a date change: which date and its new moment.
    pub milestone_kind: Option<MilestoneKind>,
    pub at: Option<DateTime<Utc>>,
    /// The sentence, as it stands in the document.
    pub quote: String,
    pub file_name: String,
    /// Page in a PDF; `None` in a DOCX or text file (no pages).
    pub page: Option<u32>,
    /// The other places the same finding was read (a table beside the text, the NvI after the
    /// leidraad): one proposal with all its sources.
    #[serde(default)]
    pub also_in: Vec<ProposalSource>,
}

/// One place a finding was read: the file, its page and the sentence or table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalSource {
    pub file_name: String,
    pub page: Option<u32>,
    pub quote: String,
}

impl ProposalDraft {
    /// Where this draft was read, as a source.
    pub fn source(&self) -> ProposalSource {
        ProposalSource { file_name: self.file_name.clone(), page: self.page, quote: self.quote.clone() }
    }

    /// Adds a place the same finding was read, once (not this draft's own place).
    pub fn add_source(&mut self, s: ProposalSource) {
        let own = s.file_name == self.file_name && s.page == self.page && s.quote == self.quote;
        if !own && !self.also_in.contains(&s) {
            self.also_in.push(s);
        }
    }
}

/// A stored proposal with the consultant's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub id: Uuid,
    pub tender_id: Uuid,
    #[serde(flatten)]
    #[ts(flatten)]
    pub draft: ProposalDraft,
    /// The catalogue name of `type_code`, for the screen.
    pub type_name: Option<String>,
    /// When it is asked, in words ("van de winnaar, na de gunning").
    pub asked_text: String,
    /// The maximum age in words ("6 maanden", "2 jaar").
    pub max_age_text: Option<String>,
    /// The requirement it changes, or the one it became.
    pub requirement_id: Option<Uuid>,
    pub status: ProposalStatus,
    /// For a document the catalogue does not know (asked by its name), the type it could
    /// become: accepting with [`ProposalEdit::as_new_type`] adds it to the catalogue.
    pub suggested_type: Option<crate::DocumentTypeInput>,
    /// That type in words ("verloopt niet; aanvragen duurt 1 week; uitgegeven door Inschrijver").
    pub suggested_type_text: Option<String>,
}

/// The consultant's edit of a proposal before accepting it; `None` keeps the proposal's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalEdit {
    pub type_code: Option<String>,
    pub name: Option<String>,
    /// A maximum age other than the proposed one.
    pub max_age: Option<Period>,
    /// Accept without a maximum age of the tender's own.
    #[serde(default)]
    pub no_max_age: bool,
    pub note: Option<String>,
    /// Accept a document asked by its name as a new catalogue type (the proposal's
    /// `suggested_type`, with the edited name and maximum age), so the requirement is judged by
    /// its validity and later tenders know it.
    #[serde(default)]
    pub as_new_type: bool,
}

/// A file size as people type it: "10MB", "1,5 MB", "500 kB", "2000000".
pub fn parse_size(field: &str, text: &str) -> Result<u64> {
    let t = text.trim().to_lowercase().replace(' ', "").replace(',', ".");
    let (number, factor) = if let Some(n) = t.strip_suffix("gb") {
        (n, 1e9)
    } else if let Some(n) = t.strip_suffix("mb") {
        (n, 1e6)
    } else if let Some(n) = t.strip_suffix("kb") {
        (n, 1e3)
    } else {
        (t.strip_suffix('b').unwrap_or(&t), 1.0)
    };
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 && n * factor < 1e13 => Ok((n * factor).round() as u64),
        _ => Err(DomainError::invalid(field, format!("'{text}' is geen grootte (bijvoorbeeld 10MB of 500kB)"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_typed() {
        assert_eq!(parse_size("x", "10MB").ok(), Some(10_000_000));
        assert_eq!(parse_size("x", "1,5 mb").ok(), Some(1_500_000));
        assert_eq!(parse_size("x", "500kB").ok(), Some(500_000));
        assert_eq!(parse_size("x", "2000").ok(), Some(2000));
        assert!(parse_size("x", "veel").is_err());
        assert!(parse_size("x", "-3MB").is_err());
    }

    #[test]
    fn rules_are_cleaned() {
        let r = UploadRules { extensions: vec![".PDF".into(), "pdf".into(), " xlsx".into()], ..UploadRules::default() }.cleaned();
        assert_eq!(r.ok().map(|r| r.extensions), Some(vec!["pdf".to_string(), "xlsx".to_string()]));
        assert!(UploadRules { extensions: vec!["p/df".into()], ..UploadRules::default() }.cleaned().is_err());
        let sizes = UploadRules { max_file_bytes: Some(10), max_upload_bytes: Some(5), ..UploadRules::default() };
        assert!(sizes.cleaned().is_err());
    }
}
