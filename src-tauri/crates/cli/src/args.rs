//! The command-line grammar of `tenderwacht-cli`: one subcommand per thing the consultant works
//! with, every option named in the domain's terms.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "tenderwacht-cli", version, about = "Tenderwacht op de opdrachtregel: aanbieders, documenten, aanbestedingen, checklist en agenda.")]
pub struct Cli {
    /// Data folder (default: the platform's app-data folder, shared with the desktop app).
    #[arg(long, global = true, env = "TENDERWACHT_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print JSON instead of tables (for scripts).
    #[arg(long, global = true)]
    pub json: bool,
    /// Fix "today" (YYYY-MM-DD) so checklists and agendas are reproducible.
    #[arg(long, global = true, env = "TENDERWACHT_TODAY")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Care providers (aanbieders).
    #[command(subcommand)]
    Provider(ProviderCmd),
    /// Cooperatives (coöperaties) and their members.
    #[command(subcommand)]
    Cooperative(CooperativeCmd),
    /// Documents of providers and cooperatives.
    #[command(subcommand)]
    Document(DocumentCmd),
    /// The document-type catalogue.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Requirement templates.
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Tenders (aanbestedingen).
    #[command(subcommand)]
    Tender(TenderCmd),
    /// Milestones (mijlpalen) of a tender.
    #[command(subcommand)]
    Milestone(MilestoneCmd),
    /// Requirements (eisen) of a tender.
    #[command(subcommand)]
    Requirement(RequirementCmd),
    /// Bids (inschrijvingen).
    #[command(subcommand)]
    Bid(BidCmd),
    /// The checklist of a tender or a provider at closing.
    Checklist(ChecklistArgs),
    /// Everything due: milestones, actions and expiring documents.
    Agenda(AgendaArgs),
    /// Fetch new publications from the portals into the store.
    Sync(SyncArgs),
    /// Portal sources.
    #[command(subcommand)]
    Source(SourceCmd),
    /// Search profiles: what the sync keeps.
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Files for others: submission packs, request lists, calendar, spreadsheet, digest.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Backups of the whole data folder (database and document files).
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Where the data folder is and what it holds.
    Info,
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// The submission pack of a bid, or of every bid of a tender (--tender).
    Pack {
        /// The bid (id fragment); or use --tender.
        bid: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Folder to write into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Write a folder instead of a zip.
        #[arg(long)]
        folder: bool,
        /// Export despite missing or invalid items (the index marks them).
        #[arg(long)]
        force: bool,
        /// File name template: {nr}, {nr:02}, {type}, {provider}, {requirement}, {tender}, {ext}.
        #[arg(long, default_value = "{nr:02} {type} - {provider}.{ext}")]
        template: String,
    },
    /// "Wat we nog van je nodig hebben" per provider (text on screen, or .txt and .pdf files with --out).
    Requests {
        /// One provider; default every provider that owes something.
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The agenda as an .ics calendar file.
    Ics {
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Days ahead (default 365).
        #[arg(long)]
        days: Option<u32>,
        #[arg(long, default_value = "tenderwacht.ics")]
        out: PathBuf,
    },
    /// The checklist matrix (a sheet per tender) and the tender list as .xlsx.
    Xlsx {
        /// Only these tenders (repeatable); default every tender with bids.
        #[arg(long = "tender")]
        tenders: Vec<String>,
        #[arg(long, default_value = "tenderwacht.xlsx")]
        out: PathBuf,
    },
    /// New and changed tenders since a date, for the group chat or (--email) an e-mail.
    Digest {
        /// YYYY-MM-DD (default: 7 days ago).
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        email: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Make a backup now (default into the data folder's backups/).
    Create {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The backups in the data folder, newest first.
    List,
    /// Restore a backup: every hash is checked first; the current database is kept aside.
    Restore { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCmd {
    List,
    /// Add a profile: a publication matches when a CPV prefix or keyword matches AND a NUTS code
    /// or buyer matches.
    Add {
        #[arg(long)]
        name: String,
        /// CPV prefix, e.g. 85 or 853 (repeatable).
        #[arg(long = "cpv")]
        cpv: Vec<String>,
        /// NUTS code, e.g. NL131 (repeatable).
        #[arg(long = "nuts")]
        nuts: Vec<String>,
        #[arg(long = "keyword")]
        keywords: Vec<String>,
        /// Buyer name (repeatable).
        #[arg(long = "buyer")]
        buyers: Vec<String>,
        /// Also accept buyers of the three northern provinces (municipalities and regional bodies).
        #[arg(long)]
        northern_buyers: bool,
    },
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only this source (default: every enabled source).
    #[arg(long)]
    pub source: Option<String>,
    /// Keep only what this search profile matches (default: what any active profile matches).
    #[arg(long)]
    pub profile: Option<String>,
    /// Keep everything the sources return, without a profile.
    #[arg(long, conflicts_with = "profile")]
    pub all: bool,
    /// Do not download the documents of followed tenders.
    #[arg(long)]
    pub no_documents: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourceCmd {
    /// List sources with their last sync.
    List,
    /// Add a source: --kind and --url, or an HTML listing from a definition file.
    Add {
        #[arg(long, required_unless_present = "definition")]
        name: Option<String>,
        /// tenderned | ted | feed | html
        #[arg(long, required_unless_present = "definition")]
        kind: Option<String>,
        #[arg(long, required_unless_present = "definition")]
        url: Option<String>,
        /// An HTML listing definition (TOML), e.g. assets/sources/gemeente-voorbeeld.toml.
        #[arg(long, conflicts_with_all = ["kind", "url"])]
        definition: Option<PathBuf>,
    },
    /// Read one page of a source and show what it finds, without storing anything.
    Test { source: String },
    /// Switch a source on or off.
    Enable {
        source: String,
        #[arg(long)]
        off: bool,
    },
    /// The last sync report of every source.
    Reports,
}

#[derive(Debug, Args, Default)]
pub struct PartyFields {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub kvk: Option<String>,
    #[arg(long)]
    pub agb: Option<String>,
    #[arg(long)]
    pub place: Option<String>,
    /// Municipality served (repeatable).
    #[arg(long = "municipality")]
    pub municipalities: Vec<String>,
    /// jeugdwet or wmo (repeatable).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProviderCmd {
    /// Add a provider (name and KvK number required).
    Add(PartyFields),
    /// List providers.
    List {
        /// Include inactive providers.
        #[arg(long)]
        all: bool,
    },
    /// Show a provider with documents, bids and cooperatives.
    Show { provider: String },
    /// Change fields of a provider.
    Edit {
        provider: String,
        #[command(flatten)]
        fields: PartyFields,
        /// Mark active (true) or inactive (false).
        #[arg(long)]
        active: Option<bool>,
    },
    /// Import providers from a CSV or XLSX file (columns naam, kvk, agb, plaats, gemeenten, domeinen, ...).
    Import {
        file: PathBuf,
        /// Import the valid rows and skip the invalid ones.
        #[arg(long)]
        skip_invalid: bool,
        /// Only check the file; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CooperativeCmd {
    Add(PartyFields),
    List,
    Show { cooperative: String },
    /// Members of a cooperative.
    #[command(subcommand)]
    Member(MemberCmd),
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    Add { cooperative: String, provider: String },
    Remove { cooperative: String, provider: String },
}

#[derive(Debug, Subcommand)]
pub enum DocumentCmd {
    /// Store a file as a document of a provider or cooperative.
    Add {
        /// Provider or cooperative (name, KvK number or id).
        #[arg(long)]
        party: String,
        /// Catalogue code, e.g. kvk, gva, hkz.
        #[arg(long = "type")]
        type_code: String,
        #[arg(long)]
        file: PathBuf,
        /// Issue date (YYYY-MM-DD or DD-MM-YYYY).
        #[arg(long)]
        issued: String,
        /// End date printed on the document.
        #[arg(long)]
        expires: Option<String>,
        /// Name to keep (default: the file name).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List a party's documents (current ones; --all for history).
    List {
        #[arg(long)]
        party: String,
        #[arg(long)]
        all: bool,
    },
    /// Import a folder tree `<provider>/<file>`: the type is guessed from the file name. Shows a
    /// preview; --commit writes.
    ImportFolder {
        folder: PathBuf,
        /// Write the documents (default: preview only).
        #[arg(long)]
        commit: bool,
        /// Import the recognised files and skip the rest.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCmd {
    List,
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// until | max-age:6m | valid-for:1y | none
        #[arg(long)]
        rule: String,
        /// Time to obtain a new one: 5d, 8w, 2m.
        #[arg(long, default_value = "0d")]
        lead: String,
        #[arg(long, default_value = "")]
        issuer: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    Edit {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        rule: Option<String>,
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCmd {
    List,
    Add {
        #[arg(long)]
        name: String,
        /// Catalogue code (repeatable).
        #[arg(long = "document")]
        documents: Vec<String>,
        /// Deliverable name (repeatable).
        #[arg(long = "deliverable")]
        deliverables: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TenderCmd {
    /// Add a tender.
    Add(TenderAdd),
    /// List tenders, soonest closing first.
    List {
        #[arg(long)]
        status: Option<String>,
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
    /// Import a publication file: an eForms XML notice or a TenderNed JSON detail.
    Import { file: PathBuf },
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
    List { tender: String },
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
    Remove { milestone: String },
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
    List { tender: String },
    ApplyTemplate { tender: String, template: String },
    Remove { tender: String, requirement: String },
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
    ProvidedBy { bid: String, requirement: String, by: String },
    Remove { bid: String },
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[arg(long, conflicts_with = "provider", required_unless_present = "provider")]
    pub tender: Option<String>,
    #[arg(long)]
    pub provider: Option<String>,
    /// Only rows that need action.
    #[arg(long)]
    pub problems: bool,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Days ahead of today (default 28).
    #[arg(long, default_value_t = 28)]
    pub days: u32,
    /// Start date (default: two weeks ago, to show what is overdue).
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub provider: Option<String>,
    #[arg(long)]
    pub tender: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
}
