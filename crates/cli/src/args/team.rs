//! `tenderwacht-cli team …`: sharing one store between the team's laptops through a shared folder.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Set up a team on this laptop (the first one); prints the team key for the others.
    Init {
        /// The shared folder (OneDrive, SharePoint, Syncthing, a network share).
        #[arg(long)]
        folder: PathBuf,
        /// The team's name, e.g. "Bureau Noord".
        #[arg(long)]
        name: String,
        /// This laptop's name as the others see it (default: the computer's name).
        #[arg(long)]
        device: Option<String>,
    },
    /// Join a team from this laptop: starts from what the first laptop has, then syncs.
    Join {
        #[arg(long)]
        folder: PathBuf,
        /// The team key printed by `team init`.
        #[arg(long)]
        key: String,
        #[arg(long)]
        device: Option<String>,
        /// Replace the data already in this laptop's data folder (make a backup first).
        #[arg(long = "vervang", alias = "replace")]
        replace: bool,
    },
    /// Send this laptop's changes and read the others'.
    Sync,
    /// Devices, what is waiting in and out, last sync per device.
    Status,
    /// Show the team key again (for a colleague who joins; give it only in person).
    Key,
    /// Values a concurrent edit overwrote, edits of rows removed elsewhere, refused rows.
    Conflicts(ConflictsArgs),
    /// Answer a conflict: accept the outcome or restore the losing value.
    Resolve {
        /// The conflict's id (or its first 6+ characters).
        id: String,
        /// Put the losing value back (an edit that reaches the others too).
        #[arg(long, conflicts_with = "accept")]
        restore: bool,
        /// Keep the outcome as it is.
        #[arg(long)]
        accept: bool,
    },
}

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// Include the conflicts already answered.
    #[arg(long)]
    pub all: bool,
}
