//! `team …`: set up, join, sync and inspect the team's shared store; answer conflicts.

use super::{moment_opt, Ctx};
use crate::args::TeamCmd;
use crate::output::{emit, fields, table, CliError};
use std::path::Path;
use tenderwacht_store::Store;
use tenderwacht_team::{SyncReport, TeamKey};

pub fn join(ctx: &Ctx, data_dir: &Path, folder: &Path, key: &str, device: Option<&str>, replace: bool) -> Result<(), CliError> {
    let key = TeamKey::parse(key)?;
    let device = device.map(str::to_string).unwrap_or_else(tenderwacht_team::default_device_name);
    let report = tenderwacht_team::join(data_dir, folder, &key, &device, replace)?;
    emit(ctx.json, &report, || format!("Aangesloten als '{device}'.\n{}", sync_lines(&report)))
}

pub fn team(ctx: &Ctx, store: &mut Store, cmd: TeamCmd) -> Result<(), CliError> {
    match cmd {
        TeamCmd::Init { folder, name, device } => {
            let device = device.unwrap_or_else(tenderwacht_team::default_device_name);
            let key = tenderwacht_team::init(store, &folder, &name, &device)?;
            let value = serde_json::json!({ "team": name, "device": device, "key": key.display() });
            emit(ctx.json, &value, || {
                format!(
                    "Team '{name}' opgezet in {}.\nTeamsleutel (geef deze alleen aan uw collega's, bijvoorbeeld mondeling):\n\n  {}\n\nOp een andere laptop: tenderwacht-cli team join --folder <gedeelde map> --key <sleutel>",
                    folder.display(),
                    key.display()
                )
            })
        }
        TeamCmd::Join { .. } => Err(CliError::Output("team join draait zonder geopende gegevensmap".into())),
        TeamCmd::Sync => {
            let report = tenderwacht_team::sync(store)?;
            emit(ctx.json, &report, || sync_lines(&report))
        }
        TeamCmd::Key => {
            let key = tenderwacht_team::key(store)?.display();
            emit(ctx.json, &serde_json::json!({ "key": key }), || {
                format!("Teamsleutel (geef deze alleen aan uw collega's, bijvoorbeeld mondeling):\n\n  {key}\n")
            })
        }
        TeamCmd::Status => {
            let s = tenderwacht_team::status(store)?;
            emit(ctx.json, &s, || {
                let mut out = fields(&[
                    ("team", s.team_name.clone()),
                    ("deze laptop", s.device_name.clone()),
                    ("gedeelde map", format!("{}{}", s.folder, if s.reachable { "" } else { " (niet bereikbaar)" })),
                    ("laatste synchronisatie", moment_opt(s.last_sync_at)),
                    ("nog te versturen", s.outgoing.to_string()),
                    ("open conflicten", s.open_conflicts.to_string()),
                    ("verwijderd na", s.erasure.clone()),
                    (
                        "teamsleutel",
                        if s.key_warning.is_some() { "in de database van deze laptop" } else { "in de sleutelbos van het systeem" }.to_string(),
                    ),
                ]);
                if let Some(w) = &s.key_warning {
                    out.push_str(&format!("\nLet op: {w}\n"));
                }
                let rows: Vec<Vec<String>> = s
                    .devices
                    .iter()
                    .map(|d| {
                        vec![
                            format!("{}{}", d.name, if d.is_self { " (deze)" } else { "" }),
                            d.last_seq.to_string(),
                            d.schema_version.to_string(),
                            moment_opt(d.last_seen_at),
                            match (d.removed_at, d.left_at) {
                                (Some(at), _) => format!("uit het team gehaald op {}", moment_opt(Some(at))),
                                (None, Some(at)) => {
                                    format!("heeft het team verlaten op {}; haal hem uit het team om de sleutel te vernieuwen", moment_opt(Some(at)))
                                }
                                _ => String::new(),
                            },
                        ]
                    })
                    .collect();
                out.push('\n');
                out.push_str(&table(&["laptop", "wijzigingen", "schema", "laatst gezien", "stand"], &rows));
                if !s.waiting.is_empty() {
                    out.push_str("\nWachtende bestanden:\n");
                    out.push_str(&table(
                        &["bestand", "reden"],
                        &s.waiting.iter().map(|w| vec![w.name.clone(), w.reason.clone()]).collect::<Vec<_>>(),
                    ));
                }
                out
            })
        }
        TeamCmd::RemoveDevice { device, yes } => {
            let d = tenderwacht_team::find_device(store, &device)?;
            if !yes {
                return Err(refusal(format!(
                    "{} wordt uit het team gehaald: er komt een nieuwe teamsleutel zonder die laptop, die u daarna aan de collega's geeft die blijven; herhaal met --yes om dat te doen",
                    d.name
                )));
            }
            let key = tenderwacht_team::renew_key(store, std::slice::from_ref(&d))?;
            renewed(ctx, &key, Some(&d.name))
        }
        TeamCmd::RotateKey { yes } => {
            if !yes {
                return Err(refusal(
                    "er komt een nieuwe teamsleutel, die elke collega daarna invoert (team enter-key); herhaal met --yes om dat te doen".into(),
                ));
            }
            let key = tenderwacht_team::renew_key(store, &[])?;
            renewed(ctx, &key, None)
        }
        TeamCmd::EnterKey { key } => {
            let report = tenderwacht_team::enter_key(store, &TeamKey::parse(&key)?)?;
            emit(ctx.json, &report, || format!("Nieuwe teamsleutel ingevoerd.\n{}", sync_lines(&report)))
        }
        TeamCmd::Leave { .. } => Err(CliError::Output("team leave draait met de gegevensmap gesloten".into())),
        TeamCmd::Conflicts(a) => {
            let list = store.team_conflicts(!a.all)?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.get(..8).unwrap_or_default().to_string(),
                            format!("{} {}", c.row_label, c.column_label).trim().to_string(),
                            c.label.clone(),
                            c.lost_value.clone().unwrap_or_else(|| "—".into()),
                            c.kept_value.clone().unwrap_or_else(|| "—".into()),
                            format!("{}, {}", c.won_device, moment_opt(c.won_at)),
                            c.resolution.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                table(&["id", "wat", "soort", "verloren waarde", "bewaarde waarde", "door, wanneer", "antwoord"], &rows)
            })
        }
        TeamCmd::Resolve { id, restore, accept } => {
            if !restore && !accept {
                return Err(CliError::Core(tenderwacht_store::StoreError::invalid(
                    "antwoord",
                    "kies --accept (zo laten) of --restore (verloren waarde terugzetten)",
                )));
            }
            store.resolve_conflict(&id, restore)?;
            let value = serde_json::json!({ "id": id, "resolution": if restore { "hersteld" } else { "geaccepteerd" } });
            emit(ctx.json, &value, || {
                if restore {
                    "Verloren waarde teruggezet; gaat bij de volgende synchronisatie naar de anderen.".into()
                } else {
                    "Geaccepteerd.".into()
                }
            })
        }
    }
}

fn refusal(message: String) -> CliError {
    CliError::Core(tenderwacht_store::StoreError::invalid("bevestiging", message))
}

fn renewed(ctx: &Ctx, key: &TeamKey, removed: Option<&str>) -> Result<(), CliError> {
    let value = serde_json::json!({ "key": key.display(), "removed": removed });
    emit(ctx.json, &value, || {
        let what = removed.map(|n| format!("{n} is uit het team gehaald. ")).unwrap_or_default();
        format!(
            "{what}Nieuwe teamsleutel (geef hem alleen persoonlijk aan de collega's die blijven; zij voeren hem in met team enter-key):\n\n  {}\n\nWat met de oude sleutel is verzegeld na dit moment, neemt het team niet meer aan.",
            key.display()
        )
    })
}

/// `team leave`: a last round, the key off this laptop, and with --wis the data too.
pub fn leave(ctx: &Ctx, mut store: Store, dir: &Path, wipe: bool, yes: bool) -> Result<(), CliError> {
    let m = store.membership()?.ok_or(tenderwacht_team::TeamError::NotInTeam)?;
    if !yes {
        let unsent = store.unexported_count()?;
        let data = if wipe { "alle gegevens van Tenderwacht op deze laptop worden gewist" } else { "de gegevens blijven op deze laptop" };
        let waiting =
            if unsent > 0 { format!(" ({unsent} wijzigingen gaan eerst naar het team als de gedeelde map bereikbaar is)") } else { String::new() };
        return Err(refusal(format!("deze laptop verlaat team '{}'{waiting}; {data}; herhaal met --yes om dat te doen", m.team_name)));
    }
    let report = tenderwacht_team::leave(&mut store)?;
    drop(store);
    let wiped = if wipe { tenderwacht_store::datadir::wipe(dir)? } else { 0 };
    let value = serde_json::json!({ "team": m.team_name, "told_team": report.told_team, "unsent": report.unsent, "wiped": wipe });
    emit(ctx.json, &value, || {
        let mut out = format!("Deze laptop heeft team '{}' verlaten.", m.team_name);
        if !report.told_team {
            out.push_str(" De gedeelde map was niet bereikbaar: het team hoort het pas als een collega deze laptop verwijdert.");
        }
        if report.unsent > 0 {
            out.push_str(&format!(" {} wijzigingen van deze laptop hebben het team niet bereikt.", report.unsent));
        }
        out.push_str(if wipe { " De gegevens op deze laptop zijn gewist." } else { " De gegevens staan nog op deze laptop." });
        if wipe && wiped == 0 {
            out.push_str(" (Er stond niets meer.)");
        }
        out.push_str(" Vraag een collega de laptop uit het team te halen (team remove-device) als hij niet meer te vertrouwen is.");
        out
    })
}

fn sync_lines(r: &SyncReport) -> String {
    let mut out = format!(
        "Verstuurd: {} wijzigingen, {} bestanden. Ontvangen en verwerkt: {} wijzigingen{}. Conflicten: {}.",
        r.sent,
        r.files_sent,
        r.applied,
        if r.replayed > 0 { format!(" ({} opnieuw afgespeeld om de volgorde te houden)", r.replayed) } else { String::new() },
        r.conflicts
    );
    for w in &r.waiting {
        out.push_str(&format!("\nWacht: {} — {}", w.name, w.reason));
    }
    out
}
