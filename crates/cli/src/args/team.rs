//! `tenderwacht-cli team …`: sharing one store between the team's laptops through a shared folder.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Zet een team op deze laptop op (de eerste); toont de teamsleutel voor de anderen.
    Init {
        /// De gedeelde map (OneDrive, SharePoint, Syncthing, een netwerkmap).
        #[arg(long)]
        folder: PathBuf,
        /// De naam van het team, bijv. "Bureau Noord".
        #[arg(long)]
        name: String,
        /// De naam van deze laptop zoals de anderen hem zien (standaard: de computernaam).
        #[arg(long)]
        device: Option<String>,
    },
    /// Sluit deze laptop aan bij een team: begint met wat de eerste laptop heeft en synchroniseert dan.
    Join {
        #[arg(long)]
        folder: PathBuf,
        /// De teamsleutel die `team init` gaf.
        #[arg(long)]
        key: String,
        #[arg(long)]
        device: Option<String>,
        /// Vervang de gegevens die al in de datamap van deze laptop staan (maak eerst een back-up).
        #[arg(long = "vervang", alias = "replace")]
        replace: bool,
    },
    /// Stuur de wijzigingen van deze laptop en lees die van de anderen.
    Sync,
    /// Laptops, wat er klaarstaat om te versturen en te ontvangen, de laatste synchronisatie per laptop.
    Status,
    /// Toon de teamsleutel opnieuw (voor een collega die aansluit; geef hem alleen persoonlijk).
    Key,
    /// Waarden die een gelijktijdige wijziging overschreef, wijzigingen van elders verwijderde regels, geweigerde regels.
    Conflicts(ConflictsArgs),
    /// Beantwoord een conflict: neem de uitkomst aan of zet de verloren waarde terug.
    Resolve {
        /// Het id van het conflict (of de eerste 6 of meer tekens).
        id: String,
        /// Zet de verloren waarde terug (een wijziging die ook de anderen bereikt).
        #[arg(long, conflicts_with = "accept")]
        restore: bool,
        /// Laat de uitkomst zoals hij is.
        #[arg(long)]
        accept: bool,
    },
}

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// Ook de conflicten die al beantwoord zijn.
    #[arg(long)]
    pub all: bool,
}
