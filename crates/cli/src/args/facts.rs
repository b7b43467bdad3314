//! `tenderwacht-cli provider facts …`: the facts forms ask of a provider, shown, set, or as a PDF.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct FactsArgs {
    pub provider: String,
    /// Statutaire naam.
    #[arg(long)]
    pub legal_name: Option<String>,
    /// A trade name (repeat; replaces the list).
    #[arg(long = "trade-name")]
    pub trade_names: Vec<String>,
    /// Vestigingsnummer (12 digits).
    #[arg(long)]
    pub vestiging: Option<String>,
    #[arg(long)]
    pub street: Option<String>,
    #[arg(long)]
    pub postcode: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// Who signs for the provider.
    #[arg(long)]
    pub signatory: Option<String>,
    #[arg(long)]
    pub signatory_role: Option<String>,
    /// A quality mark held (repeat; replaces the list).
    #[arg(long = "quality-mark")]
    pub quality_marks: Vec<String>,
    /// Another AGB code (8 digits; repeat; replaces the list). The main one is `provider set --agb`.
    #[arg(long = "agb")]
    pub agb_codes: Vec<String>,
    /// Also write the one-page fact sheet (PDF) here.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
}
