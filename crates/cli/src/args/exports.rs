//! The grammar of the export and backup verbs: what leaves Tenderwacht as files, and backups.

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// The submission pack of a bid, or of every bid of a tender (--tender).
    Pack {
        /// The bid (id fragment); or use --tender.
        bid: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Folder to write into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Write a folder instead of a zip.
        #[arg(long)]
        folder: bool,
        /// Export despite missing or invalid items (the index marks them).
        #[arg(long)]
        force: bool,
        /// File name template: {nr}, {nr:02}, {type}, {provider}, {requirement}, {tender}, {ext}.
        #[arg(long, default_value = "{nr:02} {type} - {provider}.{ext}")]
        template: String,
    },
    /// "Wat we nog van je nodig hebben" per provider (text on screen, or .txt and .pdf files with --out).
    Requests {
        /// One provider; default every provider that owes something.
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The agenda as an .ics calendar file.
    Ics {
        #[arg(long)]
        provider: Option<String>,
        #[arg(long)]
        tender: Option<String>,
        /// Days ahead (default 365).
        #[arg(long)]
        days: Option<u32>,
        #[arg(long, default_value = "tenderwacht.ics")]
        out: PathBuf,
    },
    /// The checklist matrix (a sheet per tender) and the tender list as .xlsx.
    Xlsx {
        /// Only these tenders (repeatable); default every tender with bids.
        #[arg(long = "tender")]
        tenders: Vec<String>,
        #[arg(long, default_value = "tenderwacht.xlsx")]
        out: PathBuf,
    },
    /// New and changed tenders since a date, for the group chat or (--email) an e-mail.
    Digest {
        /// YYYY-MM-DD (default: 7 days ago).
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        email: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Make a backup now (default into the data folder's backups/).
    Create {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The backups in the data folder, newest first.
    List,
    /// Restore a backup: every hash is checked first; the current database is kept aside.
    Restore { file: PathBuf },
}
