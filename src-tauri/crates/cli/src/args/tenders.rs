//! The grammar of tenders and what hangs off them: milestones, requirements and bids.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TenderCmd {
    /// Add a tender.
    Add(TenderAdd),
    /// List tenders, soonest closing first.
    List {
        #[arg(long)]
        status: Option<String>,
        /// Only the tenders the consultancy follows (volgen, inschrijven, ingediend).
        #[arg(long)]
        followed: bool,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        domain: Option<String>,
        /// tenderned, ted, feed, html, or handmatig (typed in by hand).
        #[arg(long)]
        source: Option<String>,
        /// Closing on or after this date (YYYY-MM-DD).
        #[arg(long)]
        closing_from: Option<String>,
        /// Closing on or before this date.
        #[arg(long)]
        closing_to: Option<String>,
    },
    /// Show a tender with milestones, requirements and bids.
    Show { tender: String },
    /// Full-text search over title, buyer and description.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Import saved portal files: a file or a folder of eForms XML notices, TenderNed list pages or
    /// details, TED search responses and RSS/Atom feeds (CTM too). Prints a row per publication:
    /// kind, phase, title, buyer, closing, other deadlines, CPV, NUTS, lots, or why it was refused.
    Import {
        /// A file or a folder (every file in it).
        path: PathBuf,
        /// Read and report only; store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Mark a tender's changes as seen.
    Seen { tender: String },
    /// Change fields of a tender.
    Edit {
        tender: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        buyer: Option<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        procedure: Option<String>,
        #[arg(long)]
        domain: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        status: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct TenderAdd {
    #[arg(long)]
    pub title: String,
    #[arg(long, default_value = "")]
    pub buyer: String,
    #[arg(long, default_value = "")]
    pub region: String,
    #[arg(long = "municipality")]
    pub municipalities: Vec<String>,
    #[arg(long = "nuts")]
    pub nuts: Vec<String>,
    #[arg(long = "cpv")]
    pub cpv: Vec<String>,
    /// openbaar | niet_openbaar | meervoudig_onderhands | lichte_regeling | open_house
    #[arg(long, default_value = "onbekend")]
    pub procedure: String,
    /// jeugdwet | wmo | beide | overig
    #[arg(long, default_value = "overig")]
    pub domain: String,
    /// Lot title (repeatable; numbered 1, 2, ...).
    #[arg(long = "lot")]
    pub lots: Vec<String>,
    #[arg(long, default_value = "")]
    pub description: String,
    #[arg(long = "link")]
    pub links: Vec<String>,
    #[arg(long, default_value = "nieuw")]
    pub status: String,
    /// Closing moment in Dutch time, e.g. "2026-12-15 12:00".
    #[arg(long)]
    pub closing: Option<String>,
    /// Requirement template to start from.
    #[arg(long)]
    pub template: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCmd {
    Add {
        tender: String,
        /// publicatie | vragen_deadline | nota_van_inlichtingen | sluiting | voorlopige_gunning |
        /// einde_standstill | definitieve_gunning | start_contract | toetredingsmoment | custom
        #[arg(long)]
        kind: String,
        /// Moment in Dutch time, e.g. "2026-12-15 12:00".
        #[arg(long)]
        at: String,
        #[arg(long, default_value = "")]
        label: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    List {
        tender: String,
    },
    /// Move a milestone: by id, or by tender and kind when the tender has one of that kind.
    Move {
        milestone: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        at: String,
    },
    Remove {
        milestone: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RequirementCmd {
    Add {
        tender: String,
        /// Catalogue code of a document requirement.
        #[arg(long = "type", conflicts_with = "deliverable", required_unless_present = "deliverable")]
        type_code: Option<String>,
        /// Name of a tender-specific deliverable.
        #[arg(long)]
        deliverable: Option<String>,
        #[arg(long)]
        lot: Option<u32>,
        /// The tender's own maximum age (e.g. 3m), overriding the catalogue.
        #[arg(long)]
        max_age: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    List {
        tender: String,
    },
    ApplyTemplate {
        tender: String,
        template: String,
    },
    Remove {
        tender: String,
        requirement: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BidCmd {
    Add {
        tender: String,
        #[arg(long)]
        party: String,
        #[arg(long)]
        lot: Option<u32>,
        #[arg(long, default_value = "")]
        note: String,
    },
    List {
        #[arg(long)]
        tender: Option<String>,
        #[arg(long)]
        party: Option<String>,
    },
    /// Record a requirement of a bid: linked document, deliverable state, n.v.t., owner, note.
    Set {
        bid: String,
        /// Catalogue code, deliverable name or requirement id.
        requirement: String,
        /// For a cooperative bid where members provide it: which member.
        #[arg(long)]
        member: Option<String>,
        /// Link this document (id).
        #[arg(long, conflicts_with = "newest")]
        document: Option<String>,
        /// Use the newest document of the type again.
        #[arg(long)]
        newest: bool,
        /// open | bezig | aangeleverd
        #[arg(long)]
        state: Option<String>,
        #[arg(long, conflicts_with = "applicable")]
        nvt: bool,
        #[arg(long)]
        applicable: bool,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// For a cooperative bid: who provides a requirement (bidder or members).
    ProvidedBy {
        bid: String,
        requirement: String,
        by: String,
    },
    Remove {
        bid: String,
    },
}
