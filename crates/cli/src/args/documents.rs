//! The grammar of the `document` and `catalogue` commands: a party's documents (added, corrected,
//! removed, imported from a folder) and the catalogue of document types they are judged by.

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DocumentCmd {
    /// Bewaar een bestand als document van een aanbieder of coöperatie.
    Add {
        /// Aanbieder of coöperatie (naam, KvK-nummer of id).
        #[arg(long)]
        party: String,
        /// Catalogus-code, bijv. kvk, gva, hkz.
        #[arg(long = "type")]
        type_code: String,
        #[arg(long)]
        file: PathBuf,
        /// Afgiftedatum (DD-MM-JJJJ of JJJJ-MM-DD).
        #[arg(long)]
        issued: String,
        /// Vervaldatum die op het document staat.
        #[arg(long)]
        expires: Option<String>,
        /// Naam om te bewaren (standaard: de bestandsnaam).
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
    /// De documenten van een partij (de huidige; --all ook de oude).
    List {
        #[arg(long)]
        party: String,
        #[arg(long)]
        all: bool,
    },
    /// Importeer een mappenboom `<aanbieder>/<bestand>`: de soort volgt uit de bestandsnaam. Toont een
    /// voorbeeld; --commit schrijft.
    ImportFolder {
        folder: PathBuf,
        /// Schrijf de documenten (standaard: alleen een voorbeeld).
        #[arg(long)]
        commit: bool,
        /// Importeer de herkende bestanden en sla de rest over.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Neem binnengekomen documenten in: bestanden, een map of e-mails (.eml, .msg: elke bijlage). Soort,
    /// aanbieder en datums worden uit het bestand gelezen; er wordt niets opgeslagen tot je bevestigt.
    Intake {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Wat er binnengekomen is en wacht (--all: ook wat is opgeslagen of weggegooid).
    IntakeList {
        #[arg(long)]
        all: bool,
    },
    /// Sla een binnengekomen bestand op als document, zoals gelezen of met je verbeteringen;
    /// --all-sure slaat alle bestanden op waarvan soort, aanbieder en datum zeker genoeg zijn.
    IntakeConfirm {
        /// Binnengekomen bestand (id of bestandsnaam).
        item: Option<String>,
        /// Sla alle wachtende bestanden op waarvan soort, aanbieder en afgiftedatum zeker genoeg zijn gelezen.
        #[arg(long, conflicts_with_all = ["party", "type_code", "issued", "expires", "new_provider"])]
        all_sure: bool,
        /// Aanbieder of coöperatie (naam, KvK-nummer of id), als die niet (goed) gelezen is.
        #[arg(long, conflicts_with = "new_provider")]
        party: Option<String>,
        /// Staat de aanbieder nog niet in Tenderwacht: voeg hem toe onder deze naam (met het gelezen KvK-nummer).
        #[arg(long = "new-provider")]
        new_provider: Option<String>,
        /// Catalogus-code, bijv. kvk, gva, hkz.
        #[arg(long = "type")]
        type_code: Option<String>,
        /// Afgiftedatum (DD-MM-JJJJ).
        #[arg(long)]
        issued: Option<String>,
        /// Vervaldatum (DD-MM-JJJJ).
        #[arg(long)]
        expires: Option<String>,
    },
    /// Gooi een binnengekomen bestand weg (het wordt geen document).
    IntakeDiscard { item: String },
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
        /// Tijd om een nieuwe te krijgen, bijv. "5 dagen", "8 weken".
        #[arg(long, default_value = "0d")]
        lead: String,
        #[arg(long, default_value = "")]
        issuer: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Woorden waaraan een binnengekomen document van deze soort te herkennen is (herhaalbaar, of gescheiden door ;)
        #[arg(long = "word", value_name = "WOORDEN")]
        words: Vec<String>,
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
        /// Eigen herkenningswoorden erbij (herhaalbaar, of gescheiden door ;), bijv. "Keurmerk Zorg & Welzijn"
        #[arg(long = "word", value_name = "WOORDEN")]
        words: Vec<String>,
        /// Haal deze eigen herkenningswoorden weg (herhaalbaar)
        #[arg(long = "no-word", value_name = "WOORDEN")]
        no_words: Vec<String>,
    },
}
