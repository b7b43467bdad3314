//! `tenderwacht-cli contract …`: contracts after the award and what they keep asking.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ContractCmd {
    /// Register a contract: from a won bid (--bid) or a tender (--tender), or by hand.
    Add {
        /// The contracting party: a provider or a cooperative (name, KvK or id).
        #[arg(long)]
        party: Option<String>,
        /// The buyer (default: the tender's).
        #[arg(long)]
        buyer: Option<String>,
        /// Municipalities the contract covers (repeat).
        #[arg(long = "municipality")]
        municipalities: Vec<String>,
        /// Members of a cooperative who deliver under it (repeat).
        #[arg(long = "member")]
        members: Vec<String>,
        /// jeugdwet or wmo (default: the tender's).
        #[arg(long)]
        domain: Option<String>,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        /// Number of extension options.
        #[arg(long, default_value_t = 0)]
        extensions: u32,
        /// Length of one extension, e.g. 12m.
        #[arg(long)]
        extension_length: Option<String>,
        /// Notice period, e.g. 3m.
        #[arg(long)]
        notice: Option<String>,
        #[arg(long, conflicts_with = "bid")]
        tender: Option<String>,
        /// A bid (its party and tender).
        #[arg(long)]
        bid: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// A lot or product it covers, with the buyer's code: "45A04: Begeleiding individueel" (repeat).
        #[arg(long = "product")]
        products: Vec<String>,
    },
    /// Store one of the contract's own files: the signed agreement, an addendum.
    Document {
        contract: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// overeenkomst | addendum | overig
        #[arg(long, default_value = "overeenkomst")]
        kind: String,
        /// The day it was signed (YYYY-MM-DD).
        #[arg(long)]
        signed: Option<String>,
    },
    /// Running contracts by end date.
    List {
        /// Only those ending within this period, e.g. 6m.
        #[arg(long)]
        ending_within: Option<String>,
        #[arg(long)]
        party: Option<String>,
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        domain: Option<String>,
        /// Also the ended ones.
        #[arg(long)]
        all: bool,
    },
    /// One contract with its obligations judged today.
    Show { contract: String },
    /// Use one extension option.
    Extend { contract: String },
    /// End a contract (today, or --on YYYY-MM-DD).
    End {
        contract: String,
        #[arg(long)]
        on: Option<String>,
    },
    /// What a contract keeps asking.
    #[command(subcommand)]
    Obligation(ObligationCmd),
    /// Contracts with no extension left that end within the horizon: the next procedure.
    Retenders {
        #[arg(long, default_value = "12m")]
        within: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ObligationCmd {
    /// Add an obligation: a catalogue document, yearly before a day or valid throughout.
    Add {
        contract: String,
        /// Catalogue code of the document type.
        #[arg(long = "type")]
        type_code: String,
        /// Every year before this day, MM-DD (e.g. 04-01).
        #[arg(long, conflicts_with = "valid_throughout")]
        yearly_before: Option<String>,
        /// The document must be valid during the whole term.
        #[arg(long, conflicts_with = "after_change")]
        valid_throughout: bool,
        /// A fresh document within this many days after a reported change (e.g. 14d or 2w).
        #[arg(long)]
        after_change: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Report a change (new staff, a new location) for an "after a change" obligation.
    Change {
        contract: String,
        /// The obligation's catalogue code (or id).
        #[arg(long = "type")]
        obligation: String,
        /// The day of the change (default today).
        #[arg(long)]
        on: Option<String>,
    },
}
