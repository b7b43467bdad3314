//! The grammar of tenders and what hangs off them: milestones, requirements and bids.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TenderCmd {
    /// Voeg een aanbesteding toe.
    Add(TenderAdd),
    /// De aanbestedingen, eerst sluitende eerst.
    List {
        #[arg(long)]
        status: Option<String>,
        /// Alleen de aanbestedingen die het bureau volgt (volgen, inschrijven, ingediend).
        #[arg(long)]
        followed: bool,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        domain: Option<String>,
        /// tenderned, ted, feed, html of handmatig (met de hand ingevoerd).
        #[arg(long)]
        source: Option<String>,
        /// Sluiting op of na deze datum (DD-MM-JJJJ).
        #[arg(long)]
        closing_from: Option<String>,
        /// Sluiting op of vóór deze datum.
        #[arg(long)]
        closing_to: Option<String>,
    },
    /// Toon een aanbesteding met mijlpalen, eisen en inschrijvingen.
    Show { tender: String },
    /// Zoek in titel, opdrachtgever en omschrijving.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Importeer bewaarde portaalbestanden: een bestand of map met eForms-XML, TenderNed-lijsten of
    /// -details, TED-zoekresultaten en RSS/Atom-feeds (ook CTM). Toont een regel per publicatie:
    /// soort, fase, titel, opdrachtgever, sluiting, andere termijnen, CPV, NUTS, percelen, of waarom ze geweigerd werd.
    Import {
        /// Een bestand of een map (elk bestand erin).
        path: PathBuf,
        /// Alleen lezen en melden; niets bewaren.
        #[arg(long)]
        dry_run: bool,
    },
    /// Markeer de wijzigingen van een aanbesteding als gezien.
    Seen { tender: String },
    /// Wijzig gegevens van een aanbesteding.
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
    /// De uploadregels van de opdrachtgever voor het pakket; zonder opties worden ze getoond.
    UploadRules {
        tender: String,
        /// Toegestane bestandstypen, met komma's (pdf,docx,xlsx); "" voor alle.
        #[arg(long)]
        types: Option<String>,
        /// Grootste bestand, bijv. 10MB of 500kB.
        #[arg(long)]
        max_file: Option<String>,
        /// Grootste upload (alle bestanden samen), bijv. 50MB.
        #[arg(long)]
        max_upload: Option<String>,
        /// Naamsjabloon voor de pakketten van deze aanbesteding, bijv. "{nr:02} {type} - {provider}.{ext}".
        #[arg(long)]
        names: Option<String>,
        /// Het portaal neemt losse bestanden (geen zip).
        #[arg(long, conflicts_with = "zip")]
        loose: bool,
        /// Het portaal neemt één zip.
        #[arg(long)]
        zip: bool,
        /// Verwijder alle regels.
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
    /// Titel van een perceel (herhaalbaar; genummerd 1, 2, ...).
    #[arg(long = "lot")]
    pub lots: Vec<String>,
    #[arg(long, default_value = "")]
    pub description: String,
    #[arg(long = "link")]
    pub links: Vec<String>,
    #[arg(long, default_value = "nieuw")]
    pub status: String,
    /// Sluitingsmoment in Nederlandse tijd, bijv. "15-12-2026 12:00".
    #[arg(long)]
    pub closing: Option<String>,
    /// Sjabloon met eisen om mee te beginnen.
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
        /// Moment in Nederlandse tijd, bijv. "15-12-2026 12:00".
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
    /// Verplaats een mijlpaal: op id, of op aanbesteding en soort als er één van die soort is.
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
        /// Catalogus-code van een gevraagd document.
        #[arg(long = "type", conflicts_with = "deliverable", required_unless_present = "deliverable")]
        type_code: Option<String>,
        /// Naam van een op te stellen stuk voor deze aanbesteding.
        #[arg(long)]
        deliverable: Option<String>,
        #[arg(long)]
        lot: Option<u32>,
        /// De eigen maximale ouderdom van de aanbesteding (bijv. "3 maanden"), in plaats van de catalogus.
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
    /// Lees de stukken van de aanbesteding (of de gegeven bestanden: PDF, DOCX, tekst) en stel de
    /// eisen, op te stellen stukken en wijzigingen voor die erin staan; niets wordt toegevoegd vóór het is overgenomen.
    Propose {
        tender: String,
        /// Een bestand om te lezen in plaats van de gedownloade stukken (herhaalbaar).
        #[arg(long = "file")]
        files: Vec<PathBuf>,
    },
    /// De voorstellen van een aanbesteding die nog beoordeeld moeten worden (met --all ook de beoordeelde).
    Proposals {
        tender: String,
        #[arg(long)]
        all: bool,
    },
    /// Neem een voorstel over (id), eventueel aangepast: het wordt een eis, wijzigt er een of verplaatst een datum.
    Accept {
        proposal: String,
        /// Catalogus-code in plaats van de voorgestelde.
        #[arg(long = "type")]
        type_code: Option<String>,
        /// Naam van het stuk in plaats van de voorgestelde.
        #[arg(long)]
        name: Option<String>,
        /// Maximale ouderdom in plaats van de voorgestelde (bijv. "3 maanden").
        #[arg(long, conflicts_with = "no_max_age")]
        max_age: Option<String>,
        /// Overnemen zonder eigen maximale ouderdom.
        #[arg(long)]
        no_max_age: bool,
        #[arg(long)]
        note: Option<String>,
        /// Een stuk dat de catalogus niet kent opnemen als nieuwe documentsoort, met de voorgestelde geldigheid, doorlooptijd en uitgever.
        #[arg(long)]
        new_type: bool,
    },
    /// Wijs een voorstel af (id); later opnieuw gelezen blijft het afgewezen.
    Reject {
        proposal: String,
    },
    /// Kies het sjabloon van de opdrachtgever voor een op te stellen stuk: een van de stukken van de aanbesteding (id of titel).
    Template {
        tender: String,
        requirement: String,
        #[arg(long, required_unless_present = "none")]
        document: Option<String>,
        /// Verwijder het sjabloon.
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
    /// Leg een eis van een inschrijving vast: gekoppeld document, voortgang, n.v.t., eigenaar, notitie.
    Set {
        bid: String,
        /// Catalogus-code, naam van het stuk of id van de eis.
        requirement: String,
        /// Bij een inschrijving van een coöperatie waarbij de leden leveren: welk lid.
        #[arg(long)]
        member: Option<String>,
        /// Koppel dit document (id).
        #[arg(long, conflicts_with = "newest")]
        document: Option<String>,
        /// Gebruik weer het nieuwste document van de soort.
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
    /// Bij een inschrijving van een coöperatie: wie een eis levert (de inschrijver of de leden).
    ProvidedBy {
        bid: String,
        requirement: String,
        by: String,
    },
    Remove {
        bid: String,
    },
    /// Voeg een bestand toe aan een op te stellen stuk als volgende versie (concept, tenzij --final).
    Attach {
        bid: String,
        /// Naam van het stuk of id van de eis.
        requirement: String,
        #[arg(long)]
        file: PathBuf,
        /// Bij een inschrijving van een coöperatie waarbij de leden leveren: welk lid.
        #[arg(long)]
        member: Option<String>,
        /// Dit is de versie om in te dienen.
        #[arg(long)]
        r#final: bool,
        /// De bestandsnaam om te bewaren (standaard: de eigen naam).
        #[arg(long)]
        name: Option<String>,
    },
    /// De versies van de opgestelde stukken van een inschrijving.
    Files {
        bid: String,
    },
    /// Maak een versie definitief (of, met --concept, weer concept).
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
    /// De werkkopie van het sjabloon van de opdrachtgever (gemaakt bij het eerste gebruik); toont het pad.
    WorkingCopy {
        bid: String,
        requirement: String,
        #[arg(long)]
        member: Option<String>,
    },
    /// Bewaar werkkopieën die sinds de vorige keer zijn opgeslagen als nieuwe versies.
    Collect,
}
