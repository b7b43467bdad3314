//! Tenders (aanbestedingen) with their lots, milestones and requirements: what a buyer asks, and
//! when.

use crate::text_enum;
use crate::time::Period;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// The procurement procedure.
    Procedure {
        Openbaar => ("openbaar", "openbaar"),
        NietOpenbaar => ("niet_openbaar", "niet-openbaar"),
        MeervoudigOnderhands => ("meervoudig_onderhands", "meervoudig onderhands"),
        LichteRegeling => ("lichte_regeling", "lichte regeling / sociale en andere specifieke diensten"),
        OpenHouse => ("open_house", "Open House"),
        Onbekend => ("onbekend", "onbekend"),
    }
);

text_enum!(
    /// The legal domain a tender buys care under.
    TenderDomain {
        Jeugdwet => ("jeugdwet", "Jeugdwet"),
        Wmo => ("wmo", "Wmo"),
        Beide => ("beide", "Jeugdwet en Wmo"),
        Overig => ("overig", "overig"),
    }
);

text_enum!(
    /// Where the consultancy stands with a tender.
    TenderStatus {
        Nieuw => ("nieuw", "nieuw"),
        Volgen => ("volgen", "volgen"),
        Inschrijven => ("inschrijven", "inschrijven"),
        Ingediend => ("ingediend", "ingediend"),
        Gegund => ("gegund", "gegund"),
        Afgewezen => ("afgewezen", "afgewezen"),
        Vervallen => ("vervallen", "vervallen"),
    }
);

impl TenderStatus {
    /// Tenders the consultancy follows: their dates belong in the agenda, their checklists on the
    /// Checklist screen, their portal documents are downloaded (SQL: [`FOLLOWED_STATUSES_SQL`]).
    pub fn is_followed(self) -> bool {
        matches!(self, Self::Volgen | Self::Inschrijven | Self::Ingediend)
    }

    /// Followed tenders still being prepared (not yet handed in): their documents' act-by dates
    /// are actions (SQL: [`PREPARING_STATUSES_SQL`]).
    pub fn is_preparing(self) -> bool {
        matches!(self, Self::Volgen | Self::Inschrijven)
    }
}

impl TenderStatus {
    /// The consultancy's part in the procedure is over: awarded, refused or fallen away. Such a
    /// tender is never "new" in a digest and never the next procedure of a contract (SQL:
    /// [`ENDED_STATUSES_SQL`]).
    pub fn is_ended(self) -> bool {
        matches!(self, Self::Gegund | Self::Afgewezen | Self::Vervallen)
    }

    /// Statuses a cancellation of the procedure turns into `vervallen`: nothing handed in yet, so
    /// nothing to await (SQL: [`CANCELLABLE_STATUSES_SQL`]).
    pub fn falls_away_when_cancelled(self) -> bool {
        matches!(self, Self::Nieuw | Self::Volgen | Self::Inschrijven)
    }
}

/// [`TenderStatus::is_ended`] as an SQL list.
pub const ENDED_STATUSES_SQL: &str = "('gegund', 'afgewezen', 'vervallen')";
/// [`TenderStatus::falls_away_when_cancelled`] as an SQL list.
pub const CANCELLABLE_STATUSES_SQL: &str = "('nieuw', 'volgen', 'inschrijven')";

/// [`TenderStatus::is_followed`] as an SQL list.
pub const FOLLOWED_STATUSES_SQL: &str = crate::followed_statuses!();
/// [`TenderStatus::is_preparing`] as an SQL list.
pub const PREPARING_STATUSES_SQL: &str = crate::preparing_statuses!();

/// [`FOLLOWED_STATUSES_SQL`] as a literal, for `concat!` in statements written as constants.
#[macro_export]
macro_rules! followed_statuses {
    () => {
        "('volgen', 'inschrijven', 'ingediend')"
    };
}

/// [`TenderStatus::is_followed`] as OR-ed comparisons of a column, the form the partial index
/// `tender_followed` is written in (the planner matches it term by term).
#[macro_export]
macro_rules! followed_status_test {
    ($column:literal) => {
        concat!("(", $column, " = 'volgen' OR ", $column, " = 'inschrijven' OR ", $column, " = 'ingediend')")
    };
}

/// [`PREPARING_STATUSES_SQL`] as a literal, for `concat!`.
#[macro_export]
macro_rules! preparing_statuses {
    () => {
        "('volgen', 'inschrijven')"
    };
}

text_enum!(
    /// Kinds of dated moments in a procedure.
    MilestoneKind {
        Publicatie => ("publicatie", "publicatie"),
        VragenDeadline => ("vragen_deadline", "vragen-deadline"),
        NotaVanInlichtingen => ("nota_van_inlichtingen", "nota van inlichtingen"),
        Sluiting => ("sluiting", "sluiting"),
        SluitingAanmelding => ("sluiting_aanmelding", "sluiting aanmelding"),
        Interesse => ("interesse", "uiterste blijk van belangstelling"),
        VoorlopigeGunning => ("voorlopige_gunning", "voorlopige gunning"),
        EindeStandstill => ("einde_standstill", "einde standstill"),
        DefinitieveGunning => ("definitieve_gunning", "definitieve gunning"),
        StartContract => ("start_contract", "start contract"),
        Toetredingsmoment => ("toetredingsmoment", "toetredingsmoment"),
        Custom => ("custom", "overig"),
    }
);

impl MilestoneKind {
    /// The deadlines a bid faces: the tender submission, the request to participate (restricted
    /// procedures) and the expression of interest (a PIN used as call for competition). The
    /// checklist judges at the latest of these (see [`CLOSING_KINDS_SQL`]).
    pub const CLOSING: [MilestoneKind; 3] = [MilestoneKind::Sluiting, MilestoneKind::SluitingAanmelding, MilestoneKind::Interesse];

    pub fn is_closing(self) -> bool {
        Self::CLOSING.contains(&self)
    }
}

/// The milestone kinds of [`MilestoneKind::CLOSING`] as an SQL list, for every query that reads a
/// tender's closing (one rule: the latest deadline the bid faces).
pub const CLOSING_KINDS_SQL: &str = crate::closing_kinds!();

/// [`CLOSING_KINDS_SQL`] as a literal, for `concat!` in statements written as constants.
#[macro_export]
macro_rules! closing_kinds {
    () => {
        "('sluiting', 'sluiting_aanmelding', 'interesse')"
    };
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Lot {
    pub id: Uuid,
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceLink {
    pub url: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Tender {
    pub id: Uuid,
    pub title: String,
    pub buyer: String,
    pub region: String,
    pub municipalities: Vec<String>,
    pub nuts: Vec<String>,
    pub cpv: Vec<String>,
    pub procedure: Procedure,
    pub domain: TenderDomain,
    pub description: String,
    pub status: TenderStatus,
    /// Where the procedure stands as of now, from its notices ("gesloten" once the closing
    /// passed); apart from the consultancy's own `status`.
    pub phase: crate::ProcedurePhase,
    pub lots: Vec<Lot>,
    pub links: Vec<SourceLink>,
    /// The latest closing milestone, if any.
    pub closing: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Input for a new tender (and, with every field, for a full edit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TenderInput {
    pub title: String,
    #[serde(default)]
    pub buyer: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    pub nuts: Vec<String>,
    #[serde(default)]
    pub cpv: Vec<String>,
    pub procedure: Procedure,
    pub domain: TenderDomain,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_status")]
    pub status: TenderStatus,
    /// Lot titles, numbered from 1 in this order.
    #[serde(default)]
    pub lots: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
}

fn default_status() -> TenderStatus {
    TenderStatus::Nieuw
}

impl TenderInput {
    /// A tender with only what every tender needs; the rest empty, status "nieuw". Fill the other
    /// fields with struct update syntax (`TenderInput { buyer, ..TenderInput::new(...) }`).
    pub fn new(title: impl Into<String>, procedure: Procedure, domain: TenderDomain) -> Self {
        Self {
            title: title.into(),
            buyer: String::new(),
            region: String::new(),
            municipalities: vec![],
            nuts: vec![],
            cpv: vec![],
            procedure,
            domain,
            description: String::new(),
            status: default_status(),
            lots: vec![],
            links: vec![],
        }
    }
}

/// A partial edit of a tender's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TenderPatch {
    pub title: Option<String>,
    pub buyer: Option<String>,
    pub region: Option<String>,
    pub procedure: Option<Procedure>,
    pub domain: Option<TenderDomain>,
    pub description: Option<String>,
    pub status: Option<TenderStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Milestone {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub kind: MilestoneKind,
    /// For custom milestones: what it is.
    pub label: String,
    pub at: DateTime<Utc>,
    pub note: String,
}

text_enum!(
    /// A requirement is a catalogue document or a tender-specific deliverable.
    RequirementKind {
        Document => ("document", "document"),
        Deliverable => ("deliverable", "op te stellen stuk"),
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Requirement {
    pub id: Uuid,
    pub tender_id: Uuid,
    /// Only bids on this lot need it; `None` means every bid.
    pub lot_number: Option<u32>,
    pub kind: RequirementKind,
    pub type_id: Option<Uuid>,
    pub type_code: Option<String>,
    /// The deliverable's name, or the catalogue type's name for documents.
    pub name: String,
    /// The tender's own maximum age, overriding the catalogue rule.
    pub max_age: Option<Period>,
    /// The same in words ("6 maanden", "2 jaar"), so no screen words it again.
    pub max_age_text: Option<String>,
    pub note: String,
    pub position: i64,
    /// The buyer's form (a portal document of the tender) a deliverable is filled in from.
    pub template_document_id: Option<Uuid>,
    pub template_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequirementInput {
    pub lot_number: Option<u32>,
    /// Catalogue code for a document requirement; `None` for a deliverable.
    pub type_code: Option<String>,
    /// Name of a deliverable (ignored for documents).
    #[serde(default)]
    pub name: String,
    pub max_age: Option<Period>,
    #[serde(default)]
    pub note: String,
}

/// A correction of a requirement: its maximum age and note (and a deliverable's name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequirementEdit {
    /// A deliverable's new name; ignored for a catalogue document (its name is the type's).
    #[serde(default)]
    pub name: String,
    pub max_age: Option<Period>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequirementTemplate {
    pub id: Uuid,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateItem {
    pub kind: RequirementKind,
    pub type_code: Option<String>,
    pub name: String,
}

text_enum!(
    /// What a later publication changed on a tender.
    ChangeKind {
        MilestoneMoved => ("milestone_moved", "datum verschoven"),
        MilestoneAdded => ("milestone_added", "datum toegevoegd"),
        DocumentsAdded => ("documents_added", "nieuwe documenten"),
        PhaseChanged => ("phase_changed", "fase gewijzigd"),
        FieldChanged => ("field_changed", "gegeven gewijzigd"),
        Ended => ("ended", "procedure beëindigd"),
        // (`ended` was written before schema 6 when an award or cancellation arrived.)
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closing_kinds_are_one_list() {
        let words: Vec<String> = MilestoneKind::CLOSING.iter().map(|k| format!("'{}'", k.as_str())).collect();
        assert_eq!(CLOSING_KINDS_SQL, format!("({})", words.join(", ")));
    }

    #[test]
    fn the_followed_statuses_are_one_rule() {
        let list = |f: fn(TenderStatus) -> bool| {
            let words: Vec<String> = TenderStatus::ALL.iter().filter(|s| f(**s)).map(|s| format!("'{}'", s.as_str())).collect();
            format!("({})", words.join(", "))
        };
        assert_eq!(FOLLOWED_STATUSES_SQL, list(TenderStatus::is_followed));
        assert_eq!(PREPARING_STATUSES_SQL, list(TenderStatus::is_preparing));
        assert_eq!(ENDED_STATUSES_SQL, list(TenderStatus::is_ended));
        assert_eq!(CANCELLABLE_STATUSES_SQL, list(TenderStatus::falls_away_when_cancelled));
        let followed: Vec<String> = TenderStatus::ALL.iter().filter(|s| s.is_followed()).map(|s| format!("f.status = '{}'", s.as_str())).collect();
        assert_eq!(crate::followed_status_test!("f.status"), format!("({})", followed.join(" OR ")));
    }
}
