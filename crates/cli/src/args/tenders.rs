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
    /// The buyer's upload rules for the pack; without options, shows them.
    UploadRules {
        tender: String,
        /// Allowed file types, comma-separated (pdf,docx,xlsx); "" for any.
        #[arg(long)]
        types: Option<String>,
        /// Largest file, e.g. 10MB or 500kB.
        #[arg(long)]
        max_file: Option<String>,
        /// Largest upload (all files together), e.g. 50MB.
        #[arg(long)]
        max_upload: Option<String>,
        /// Name template for this tender's packs, e.g. "{nr:02} {type} - {provider}.{ext}".
        #[arg(long)]
        names: Option<String>,
        /// The portal takes loose files (not one zip).
        #[arg(long, conflicts_with = "zip")]
        loose: bool,
        /// The portal takes one zip.
        #[arg(long)]
        zip: bool,
        /// Remove every rule.
        #[arg(long)]
        clear: bool,
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
    /// Verbeter een eis: maximale ouderdom, notitie, of de naam van een op te stellen stuk.
    Edit {
        tender: String,
        requirement: String,
        /// Maximale ouderdom, bijv. "3 maanden" of 6m.
        #[arg(long, conflicts_with = "no_max_age")]
        max_age: Option<String>,
        /// Geen eigen maximale ouderdom (de catalogus geldt).
        #[arg(long)]
        no_max_age: bool,
        #[arg(long)]
        note: Option<String>,
        /// Nieuwe naam (alleen voor een op te stellen stuk).
        #[arg(long)]
        name: Option<String>,
    },
    /// Read the tender's documents (or the given files: PDF, DOCX, text) and propose the
    /// requirements, deliverables and changes they state; nothing is added until accepted.
    Propose {
        tender: String,
        /// A file to read instead of the tender's downloaded documents (repeatable).
        #[arg(long = "file")]
        files: Vec<PathBuf>,
    },
    /// The proposals of a tender still to answer (with --all, answered ones too).
    Proposals {
        tender: String,
        #[arg(long)]
        all: bool,
    },
    /// Accept a proposal (id), optionally edited: it becomes a requirement, changes one, or moves a date.
    Accept {
        proposal: String,
        /// Catalogue code instead of the proposed one.
        #[arg(long = "type")]
        type_code: Option<String>,
        /// Deliverable name instead of the proposed one.
        #[arg(long)]
        name: Option<String>,
        /// Maximum age instead of the proposed one (e.g. 3m, 90d).
        #[arg(long, conflicts_with = "no_max_age")]
        max_age: Option<String>,
        /// Accept without a maximum age of the tender's own.
        #[arg(long)]
        no_max_age: bool,
        #[arg(long)]
        note: Option<String>,
    },
    /// Reject a proposal (id); read again later, it stays rejected.
    Reject {
        proposal: String,
    },
    /// Set the buyer's template of a deliverable: one of the tender's portal documents (id or title).
    Template {
        tender: String,
        requirement: String,
        #[arg(long, required_unless_present = "none")]
        document: Option<String>,
        /// Remove the template.
        #[arg(long)]
        none: bool,
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
    /// Attach a file to a deliverable of a bid as its next version (concept unless --final).
    Attach {
        bid: String,
        /// Deliverable name or requirement id.
        requirement: String,
        #[arg(long)]
        file: PathBuf,
        /// For a cooperative bid where members provide it: which member.
        #[arg(long)]
        member: Option<String>,
        /// This version is the one to hand in.
        #[arg(long)]
        r#final: bool,
        /// The file name to keep (default: the file's own).
        #[arg(long)]
        name: Option<String>,
    },
    /// The versions of a bid's deliverable files.
    Files {
        bid: String,
    },
    /// Mark a version final (or, with --concept, not final).
    Final {
        bid: String,
        requirement: String,
        #[arg(long)]
        version: u32,
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        concept: bool,
    },
    /// The bid's working copy of the buyer's template (made on first use); prints its path.
    WorkingCopy {
        bid: String,
        requirement: String,
        #[arg(long)]
        member: Option<String>,
    },
    /// Store working copies saved since last seen as new versions.
    Collect,
}
