//! `tenderwacht-cli contract …`: contracts after the award and what they keep asking.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ContractCmd {
    /// Leg een contract vast: uit een gewonnen inschrijving (--bid), een aanbesteding (--tender) of met de hand.
    Add {
        /// De contractpartij: een aanbieder of coöperatie (naam, KvK-nummer of id).
        #[arg(long)]
        party: Option<String>,
        /// De opdrachtgever (standaard: die van de aanbesteding).
        #[arg(long)]
        buyer: Option<String>,
        /// Gemeente waarvoor het contract geldt (herhaalbaar).
        #[arg(long = "municipality")]
        municipalities: Vec<String>,
        /// Lid van de coöperatie dat onder het contract levert (herhaalbaar).
        #[arg(long = "member")]
        members: Vec<String>,
        /// jeugdwet of wmo (standaard: dat van de aanbesteding).
        #[arg(long)]
        domain: Option<String>,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        /// Aantal verlengingsopties.
        #[arg(long, default_value_t = 0)]
        extensions: u32,
        /// Duur van één verlenging, bijv. "12 maanden".
        #[arg(long)]
        extension_length: Option<String>,
        /// Opzegtermijn, bijv. "3 maanden".
        #[arg(long)]
        notice: Option<String>,
        #[arg(long, conflicts_with = "bid")]
        tender: Option<String>,
        /// Een inschrijving (haar partij en aanbesteding).
        #[arg(long)]
        bid: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// Een perceel of product met de code van de opdrachtgever: "45A04: Begeleiding individueel" (herhaalbaar).
        #[arg(long = "product")]
        products: Vec<String>,
    },
    /// Bewaar een eigen bestand van het contract: de getekende overeenkomst, een addendum.
    Document {
        contract: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// overeenkomst | addendum | overig
        #[arg(long, default_value = "overeenkomst")]
        kind: String,
        /// De dag van ondertekening (DD-MM-JJJJ).
        #[arg(long)]
        signed: Option<String>,
    },
    /// Lopende contracten, op einddatum.
    List {
        /// Alleen die binnen deze termijn aflopen, bijv. "6 maanden".
        #[arg(long)]
        ending_within: Option<String>,
        #[arg(long)]
        party: Option<String>,
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        domain: Option<String>,
        /// Ook de beëindigde.
        #[arg(long)]
        all: bool,
    },
    /// Eén contract met zijn verplichtingen, beoordeeld op vandaag.
    Show { contract: String },
    /// Gebruik één verlengingsoptie.
    Extend { contract: String },
    /// Beëindig een contract (vandaag, of --on DD-MM-JJJJ).
    End {
        contract: String,
        #[arg(long)]
        on: Option<String>,
    },
    /// Wat een contract blijft vragen.
    #[command(subcommand)]
    Obligation(ObligationCmd),
    /// Contracten zonder verlenging die binnen de termijn aflopen: de volgende aanbesteding.
    Retenders {
        #[arg(long, default_value = "12m")]
        within: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ObligationCmd {
    /// Voeg een verplichting toe: een catalogusdocument, jaarlijks vóór een dag of de hele looptijd geldig.
    Add {
        contract: String,
        /// Catalogus-code van het documenttype.
        #[arg(long = "type")]
        type_code: String,
        /// Elk jaar vóór deze dag, bijv. "1 april".
        #[arg(long, conflicts_with = "valid_throughout")]
        yearly_before: Option<String>,
        /// Het document moet de hele looptijd geldig zijn.
        #[arg(long, conflicts_with = "after_change")]
        valid_throughout: bool,
        /// Een nieuw document binnen deze termijn na een gemelde wijziging (bijv. "14 dagen").
        #[arg(long)]
        after_change: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Meld een wijziging (nieuwe medewerker, nieuwe locatie) voor een verplichting "na een wijziging".
    Change {
        contract: String,
        /// De catalogus-code van de verplichting (of haar id).
        #[arg(long = "type")]
        obligation: String,
        /// De dag van de wijziging (standaard vandaag).
        #[arg(long)]
        on: Option<String>,
    },
}
