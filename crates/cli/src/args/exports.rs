//! The grammar of the export and backup verbs: what leaves Tenderwacht as files, and backups.

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Het indieningspakket van een inschrijving, of van elke inschrijving van een aanbesteding (--tender).
    Pack {
        /// De inschrijving (deel van het id); of gebruik --tender.
        bid: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Map om in te schrijven.
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Schrijf een map in plaats van een zip.
        #[arg(long)]
        folder: bool,
        /// Ook maken als er stukken ontbreken of ongeldig zijn (de index markeert ze).
        #[arg(long)]
        force: bool,
        /// Sjabloon voor bestandsnamen: {nr}, {nr:02}, {type}, {provider}, {requirement}, {tender}, {ext}.
        #[arg(long, default_value = "{nr:02} {type} - {provider}.{ext}")]
        template: String,
    },
    /// "Wat we nog van je nodig hebben", de brief aan elke aanbieder: tekst op het scherm, of .txt- en .pdf-bestanden met --out.
    Requests {
        /// Eén aanbieder; standaard elke aanbieder die nog iets moet aanleveren.
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// De agenda als .ics-agendabestand.
    Ics {
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Aantal dagen vooruit (standaard 365).
        #[arg(long)]
        days: Option<u32>,
        #[arg(long, default_value = "tenderwacht.ics")]
        out: PathBuf,
    },
    /// De checklist (een blad per aanbesteding) en de lijst aanbestedingen als .xlsx.
    Xlsx {
        /// Alleen deze aanbestedingen (herhaalbaar); standaard elke aanbesteding met inschrijvingen.
        #[arg(long = "tender")]
        tenders: Vec<String>,
        #[arg(long, default_value = "tenderwacht.xlsx")]
        out: PathBuf,
    },
    /// Nieuwe en gewijzigde aanbestedingen sinds een datum, voor de groepsapp of (--email) een e-mail.
    Digest {
        /// DD-MM-JJJJ (standaard: 7 dagen geleden).
        #[arg(long)]
        since: Option<String>,
        /// Schrijf het als e-mail (onderwerp, aanhef en links) in plaats van als kort bericht voor de groepschat.
        #[arg(long)]
        email: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Maak nu een back-up (standaard in backups/ van de datamap).
    Create {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// De back-ups in de datamap, nieuwste eerst.
    List,
    /// Zet een back-up terug: eerst wordt alles gecontroleerd; de huidige database wordt apart bewaard.
    Restore { file: PathBuf },
    /// De databases die een herstel apart zette (voor-herstel-…), nieuwste eerst.
    Kept,
    /// Zet een apart gezette database terug (maakt een herstel ongedaan); de huidige wordt op zijn beurt bewaard.
    Undo {
        /// De map, bijv. voor-herstel-20261203-153012.
        name: String,
    },
}
