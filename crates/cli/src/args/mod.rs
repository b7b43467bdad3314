//! The command-line grammar of `tenderwacht-cli`: one subcommand per thing the consultant works
//! with, every option named in the domain's terms.

use clap::{Args, Parser, Subcommand};

mod contracts;
mod documents;
mod exports;
mod facts;
mod team;
mod tenders;
pub use contracts::{ContractCmd, ObligationCmd};
pub use documents::{CatalogueCmd, DocumentCmd};
pub use exports::{BackupCmd, ExportCmd};
pub use facts::FactsArgs;
use std::path::PathBuf;
pub use team::TeamCmd;
pub use tenders::{BidCmd, MilestoneCmd, RequirementCmd, TenderAdd, TenderCmd};

#[derive(Debug, Parser)]
#[command(name = "tenderwacht-cli", version, about = "Tenderwacht op de opdrachtregel: aanbieders, documenten, aanbestedingen, checklist en agenda.")]
pub struct Cli {
    /// Datamap (standaard: de datamap van het systeem, dezelfde als van de app).
    #[arg(long, global = true, env = "TENDERWACHT_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Geef JSON in plaats van tabellen (voor scripts).
    #[arg(long, global = true)]
    pub json: bool,
    /// Zet "vandaag" vast (DD-MM-JJJJ), zodat checklist en agenda herhaalbaar zijn.
    #[arg(long, global = true, env = "TENDERWACHT_TODAY")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Zorgaanbieders.
    #[command(subcommand)]
    Provider(ProviderCmd),
    /// Coöperaties en hun leden.
    #[command(subcommand)]
    Cooperative(CooperativeCmd),
    /// Documenten van aanbieders en coöperaties.
    #[command(subcommand)]
    Document(DocumentCmd),
    /// De catalogus van documentsoorten.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Sjablonen met eisen.
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Aanbestedingen.
    #[command(subcommand)]
    Tender(TenderCmd),
    /// Mijlpalen van een aanbesteding.
    #[command(subcommand)]
    Milestone(MilestoneCmd),
    /// Eisen van een aanbesteding.
    #[command(subcommand)]
    Requirement(RequirementCmd),
    /// Inschrijvingen.
    #[command(subcommand)]
    Bid(BidCmd),
    /// De checklist van een aanbesteding of aanbieder bij de sluiting.
    Checklist(ChecklistArgs),
    /// Alles wat eraan komt: mijlpalen, acties en verlopende documenten.
    Agenda(AgendaArgs),
    /// Haal nieuwe publicaties op van de portalen.
    Sync(SyncArgs),
    /// Bronnen (portalen en pagina's).
    #[command(subcommand)]
    Source(SourceCmd),
    /// Zoekprofielen: wat de synchronisatie bewaart.
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Bestanden voor anderen: indieningspakketten, verzoeklijsten, agenda, spreadsheet, overzichtsbericht.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Back-ups van de hele datamap (database en documenten).
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Contracten na de gunning: looptijd, verlengingen en verplichtingen.
    #[command(subcommand)]
    Contract(ContractCmd),
    /// Het team: deel deze gegevens met de andere laptops via een gedeelde map.
    #[command(subcommand)]
    Team(TeamCmd),
    /// Waar de datamap staat en wat erin zit.
    Info,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCmd {
    List,
    /// Voeg een profiel toe: een publicatie past als een CPV-begin of trefwoord past ÉN een NUTS-code
    /// of opdrachtgever past.
    Add {
        #[arg(long)]
        name: String,
        #[command(flatten)]
        lists: ProfileLists,
        /// Neem ook opdrachtgevers uit de drie noordelijke provincies aan (gemeenten en regio's).
        #[arg(long)]
        northern_buyers: bool,
    },
    /// Wijzig een profiel: een gegeven lijst vervangt die lijst; andere lijsten blijven.
    Set {
        /// De naam van het profiel.
        profile: String,
        #[arg(long)]
        rename: Option<String>,
        #[command(flatten)]
        lists: ProfileLists,
        /// Opdrachtgevers uit de drie noordelijke provincies aannemen: true of false.
        #[arg(long)]
        northern_buyers: Option<bool>,
    },
    /// Verwijder een profiel (het laatste blijft).
    Remove {
        profile: String,
    },
}

/// De lijsten van een profiel; elke optie herhaalbaar.
#[derive(Debug, Args)]
pub struct ProfileLists {
    /// Begin van een CPV-code, bijv. 85 of 853.
    #[arg(long = "cpv")]
    pub cpv: Vec<String>,
    /// NUTS-code, bijv. NL131.
    #[arg(long = "nuts")]
    pub nuts: Vec<String>,
    #[arg(long = "keyword")]
    pub keywords: Vec<String>,
    /// Naam van een opdrachtgever.
    #[arg(long = "buyer")]
    pub buyers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Alleen deze bron (standaard: elke actieve bron).
    #[arg(long)]
    pub source: Option<String>,
    /// Bewaar alleen wat bij dit zoekprofiel past (standaard: wat bij een actief profiel past).
    #[arg(long)]
    pub profile: Option<String>,
    /// Bewaar alles wat de bronnen geven, zonder profiel.
    #[arg(long, conflicts_with = "profile")]
    pub all: bool,
    /// Download de stukken van gevolgde aanbestedingen niet.
    #[arg(long)]
    pub no_documents: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourceCmd {
    /// De bronnen met hun laatste synchronisatie.
    List,
    /// Voeg een bron toe: --kind en --url, of een HTML-lijst uit een definitiebestand.
    Add {
        #[arg(long, required_unless_present = "definition")]
        name: Option<String>,
        /// tenderned | ted | feed | html
        #[arg(long, required_unless_present = "definition")]
        kind: Option<String>,
        #[arg(long, required_unless_present = "definition")]
        url: Option<String>,
        /// Een definitie van een HTML-lijst (TOML), bijv. assets/sources/gemeente-voorbeeld.toml.
        #[arg(long, conflicts_with_all = ["kind", "url"])]
        definition: Option<PathBuf>,
    },
    /// Lees één pagina van een bron en toon wat erin staat, zonder iets te bewaren.
    Test { source: String },
    /// Zet een bron aan of uit.
    Enable {
        source: String,
        #[arg(long)]
        off: bool,
    },
    /// Het laatste synchronisatierapport van elke bron.
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
    /// Gemeente waar de aanbieder werkt (herhaalbaar).
    #[arg(long = "municipality")]
    pub municipalities: Vec<String>,
    /// jeugdwet of wmo (herhaalbaar).
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
    /// Voeg een aanbieder toe (naam en KvK-nummer verplicht).
    Add(PartyFields),
    /// De aanbieders.
    List {
        /// Ook inactieve aanbieders.
        #[arg(long)]
        all: bool,
    },
    /// Toon een aanbieder met documenten, inschrijvingen en coöperaties.
    Show { provider: String },
    /// Wijzig gegevens van een aanbieder.
    Edit {
        provider: String,
        #[command(flatten)]
        fields: PartyFields,
        /// Actief (true) of inactief (false).
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
    /// De gegevens die formulieren vragen (statutaire en handelsnamen, vestiging, adres, tekenbevoegde, keurmerken):
    /// getoond, gewijzigd waar gegeven, en als feitenblad van één pagina geschreven (--pdf).
    Facts(FactsArgs),
    /// Importeer aanbieders uit een CSV- of XLSX-bestand (kolommen naam, kvk, agb, plaats, gemeenten, domeinen, ...).
    Import {
        file: PathBuf,
        /// Importeer de goede regels en sla de foute over.
        #[arg(long)]
        skip_invalid: bool,
        /// Controleer alleen het bestand; schrijf niets.
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
    /// Leden van een coöperatie.
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
pub enum TemplateCmd {
    List,
    Add {
        #[arg(long)]
        name: String,
        /// Catalogus-code (herhaalbaar).
        #[arg(long = "document")]
        documents: Vec<String>,
        /// Naam van een op te stellen stuk (herhaalbaar).
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
    /// Alleen regels waar iets moet gebeuren.
    #[arg(long)]
    pub problems: bool,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Aantal dagen vooruit (standaard 28).
    #[arg(long, default_value_t = 28)]
    pub days: u32,
    /// Begindatum (standaard: twee weken geleden, om te tonen wat te laat is).
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
