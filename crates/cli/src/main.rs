//! `tenderwacht-cli`: every Tenderwacht operation without the desktop app, on the same data
//! folder, for scripts, support and tests.

/// The same allocator as the desktop app (see the workspace manifest for why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod commands;
mod dutch;
mod output;

use args::{Cli, Command};
use clap::{CommandFactory, FromArgMatches};
use output::CliError;
use tenderwacht_domain::time;
use tenderwacht_store::{datadir, Store};

fn run(cli: Cli) -> Result<(), CliError> {
    let today = cli.today.as_deref().map(|t| time::parse_date("--today", t)).transpose()?;
    let dir = datadir::resolve(cli.data_dir.as_deref())?;
    let ctx = commands::Ctx { json: cli.json };
    // Joining replaces the database file, so it runs before the store is opened here.
    if let Command::Team(args::TeamCmd::Join { folder, key, device, replace }) = &cli.command {
        return commands::team::join(&ctx, &dir, folder, key, device.as_deref(), *replace);
    }
    let mut store = Store::open(&dir)?;
    store.set_today(today);
    // Leaving may wipe the data folder, which needs the store closed first.
    if let Command::Team(args::TeamCmd::Leave { wipe, yes }) = cli.command {
        return commands::team::leave(&ctx, store, &dir, wipe, yes);
    }
    match cli.command {
        Command::Provider(c) => commands::parties::provider(&ctx, &mut store, c),
        Command::Cooperative(c) => commands::parties::cooperative(&ctx, &mut store, c),
        Command::Document(c) => commands::documents::document(&ctx, &mut store, c),
        Command::Catalogue(c) => commands::documents::catalogue(&ctx, &mut store, c),
        Command::Template(c) => commands::tenders::template(&ctx, &mut store, c),
        Command::Tender(c) => commands::tenders::tender(&ctx, &mut store, c),
        Command::Milestone(c) => commands::tenders::milestone(&ctx, &mut store, c),
        Command::Requirement(c) => commands::tenders::requirement(&ctx, &mut store, c),
        Command::Bid(c) => commands::bids::bid(&ctx, &mut store, c),
        Command::Checklist(a) => commands::reports::checklist(&ctx, &store, a),
        Command::Agenda(a) => commands::reports::agenda(&ctx, &store, a),
        Command::Sync(a) => commands::sources::sync(&ctx, &mut store, a),
        Command::Source(c) => commands::sources::source(&ctx, &mut store, c),
        Command::Profile(c) => commands::sources::profile(&ctx, &mut store, c),
        Command::Export(c) => commands::exports::export(&ctx, &store, c),
        Command::Backup(c) => commands::exports::backup_cmd(&ctx, store, c),
        Command::Contract(c) => commands::contracts::contract(&ctx, &mut store, c),
        Command::Team(c) => commands::team::team(&ctx, &mut store, c),
        Command::Info => commands::reports::info(&ctx, &store),
    }
}

fn main() {
    let parsed = dutch::command(Cli::command()).try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match dutch::refusal(&e) {
            Some(text) => {
                eprintln!("{text}");
                std::process::exit(2);
            }
            None => {
                let text = dutch::shown(&e);
                if e.use_stderr() {
                    eprint!("{text}");
                    std::process::exit(2);
                }
                print!("{text}");
                std::process::exit(0);
            }
        },
    };
    let json = cli.json;
    if let Err(e) = run(cli) {
        e.report(json);
        std::process::exit(e.exit_code());
    }
}
