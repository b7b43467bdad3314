//! `tenderwacht-cli provider facts …`: the facts forms ask of a provider, shown, set, or as a PDF.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct FactsArgs {
    pub provider: String,
    /// Statutaire naam.
    #[arg(long)]
    pub legal_name: Option<String>,
    /// Een handelsnaam (herhaalbaar; vervangt de lijst).
    #[arg(long = "trade-name")]
    pub trade_names: Vec<String>,
    /// Vestigingsnummer (12 cijfers).
    #[arg(long)]
    pub vestiging: Option<String>,
    #[arg(long)]
    pub street: Option<String>,
    #[arg(long)]
    pub postcode: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// Wie voor de aanbieder tekent.
    #[arg(long)]
    pub signatory: Option<String>,
    #[arg(long)]
    pub signatory_role: Option<String>,
    /// Een keurmerk (herhaalbaar; vervangt de lijst).
    #[arg(long = "quality-mark")]
    pub quality_marks: Vec<String>,
    /// Nog een AGB-code (8 cijfers; herhaalbaar; vervangt de lijst). De eerste staat bij `provider edit --agb`.
    #[arg(long = "agb")]
    pub agb_codes: Vec<String>,
    /// Schrijf ook het feitenblad (PDF, één pagina) hierheen.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
}
