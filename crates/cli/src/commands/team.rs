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
                        ]
                    })
                    .collect();
                out.push('\n');
                out.push_str(&table(&["laptop", "wijzigingen", "schema", "laatst gezien"], &rows));
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
