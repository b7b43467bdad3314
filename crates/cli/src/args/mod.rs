//! The command-line grammar of `tenderwacht-cli`: one subcommand per thing the consultant works
//! with, every option named in the domain's terms.

use clap::{Args, Parser, Subcommand};

mod contracts;
mod exports;
mod facts;
mod team;
mod tenders;
pub use contracts::{ContractCmd, ObligationCmd};
pub use exports::{BackupCmd, ExportCmd};
pub use facts::FactsArgs;
use std::path::PathBuf;
pub use team::TeamCmd;
pub use tenders::{BidCmd, MilestoneCmd, RequirementCmd, TenderAdd, TenderCmd};

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
    /// Contracts after the award: their term, extensions and obligations.
    #[command(subcommand)]
    Contract(ContractCmd),
    /// The team: share this store with the other laptops through a shared folder.
    #[command(subcommand)]
    Team(TeamCmd),
    /// Where the data folder is and what it holds.
    Info,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCmd {
    List,
    /// Add a profile: a publication matches when a CPV prefix or keyword matches AND a NUTS code
    /// or buyer matches.
    Add {
        #[arg(long)]
        name: String,
        #[command(flatten)]
        lists: ProfileLists,
        /// Also accept buyers of the three northern provinces (municipalities and regional bodies).
        #[arg(long)]
        northern_buyers: bool,
    },
    /// Change a profile: each list given replaces that list; lists not given stay.
    Set {
        /// The profile's name.
        profile: String,
        #[arg(long)]
        rename: Option<String>,
        #[command(flatten)]
        lists: ProfileLists,
        /// Accept buyers of the three northern provinces: true or false.
        #[arg(long)]
        northern_buyers: Option<bool>,
    },
    /// Remove a profile (the last one stays).
    Remove {
        profile: String,
    },
}

/// A profile's lists, each option repeatable.
#[derive(Debug, Args)]
pub struct ProfileLists {
    /// CPV prefix, e.g. 85 or 853.
    #[arg(long = "cpv")]
    pub cpv: Vec<String>,
    /// NUTS code, e.g. NL131.
    #[arg(long = "nuts")]
    pub nuts: Vec<String>,
    #[arg(long = "keyword")]
    pub keywords: Vec<String>,
    /// Buyer name.
    #[arg(long = "buyer")]
    pub buyers: Vec<String>,
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
    /// Verwijder een aanbieder met zijn documenten, inschrijvingen en lidmaatschappen. Zonder
    /// --yes zegt het alleen wat er mee verdwijnt; een aanbieder met contracten blijft.
    Remove {
        provider: String,
        /// Echt verwijderen.
        #[arg(long)]
        yes: bool,
    },
    /// The facts forms ask (legal and trade names, vestiging, address, signatory, quality marks):
    /// shown, changed where given, and written as a one-page fact sheet (--pdf).
    Facts(FactsArgs),
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
    Show {
        cooperative: String,
    },
    /// Members of a cooperative.
    #[command(subcommand)]
    Member(MemberCmd),
    /// Verwijder een coöperatie (zonder --yes: alleen zeggen wat er mee verdwijnt).
    Remove {
        cooperative: String,
        #[arg(long)]
        yes: bool,
    },
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
    /// Verbeter de gegevens van een document (het bestand blijft; een nieuw bestand is een nieuw document).
    Edit {
        /// Document (id of een deel ervan).
        document: String,
        /// Catalogus-code, bijv. kvk, gva, hkz.
        #[arg(long = "type")]
        type_code: Option<String>,
        /// Afgiftedatum (DD-MM-JJJJ of JJJJ-MM-DD).
        #[arg(long)]
        issued: Option<String>,
        /// Vervaldatum die op het document staat.
        #[arg(long, conflicts_with = "no_expiry")]
        expires: Option<String>,
        /// Geen vervaldatum.
        #[arg(long)]
        no_expiry: bool,
        /// Naam van het document.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Verwijder een document (zonder --yes: alleen zeggen wat er mee verdwijnt).
    Remove {
        document: String,
        #[arg(long)]
        yes: bool,
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
