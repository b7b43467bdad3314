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
    /// Haal een laptop uit het team (gestolen, verloren, van een vertrokken collega): maakt een nieuwe teamsleutel
    /// zonder die laptop; geef de nieuwe sleutel aan de collega's die blijven (team enter-key). Zonder --yes
    /// zegt het alleen wat er gebeurt.
    RemoveDevice {
        /// De naam van de laptop zoals team status hem toont, of de eerste tekens van zijn id.
        device: String,
        /// Echt doen.
        #[arg(long)]
        yes: bool,
    },
    /// Maak een nieuwe teamsleutel (bijvoorbeeld als de sleutel bij de verkeerde persoon is beland); de
    /// collega's voeren hem in met team enter-key. Zonder --yes zegt het alleen wat er gebeurt.
    RotateKey {
        /// Echt doen.
        #[arg(long)]
        yes: bool,
    },
    /// Voer de nieuwe teamsleutel in die een collega maakte (na team remove-device of team rotate-key); wat deze
    /// laptop intussen wijzigde gaat mee.
    EnterKey {
        /// De nieuwe teamsleutel.
        key: String,
    },
    /// Laat deze laptop het team verlaten: een laatste synchronisatie, de sleutel gaat van deze laptop, de gegevens
    /// blijven (met --wis gaan ook die weg). Zonder --yes zegt het alleen wat er gebeurt.
    Leave {
        /// Verwijder ook alle gegevens van Tenderwacht op deze laptop (documenten, back-ups, werkkopieën).
        #[arg(long = "wis")]
        wipe: bool,
        /// Echt doen.
        #[arg(long)]
        yes: bool,
    },
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
