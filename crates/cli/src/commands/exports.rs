//! The CLI's export and backup verbs: packs, request lists, calendar, spreadsheet, digest, and
//! making, listing and restoring backups.

use super::{date_opt, Ctx};
use crate::args::{BackupCmd, ExportCmd};
use crate::output::{emit, table, CliError};
use chrono::Duration;
use serde_json::json;
use std::path::Path;
use tenderwacht_domain::PartyKind;
use tenderwacht_export::pack::PackOptions;
use tenderwacht_export::pack_plan::{self, PackFormat};
use tenderwacht_export::{backup, calendar, digest, pack, request, sheet, ExportError};
use tenderwacht_store::Store;

pub fn export(ctx: &Ctx, store: &Store, cmd: ExportCmd) -> Result<(), CliError> {
    match cmd {
        ExportCmd::Pack { bid, tender, out, folder, force, template } => {
            let options = PackOptions { template, format: if folder { PackFormat::Folder } else { PackFormat::Zip }, force };
            match (bid, tender) {
                (Some(b), None) => {
                    let bid = store.resolve_bid(&b)?;
                    // Teammates' files this pack holds come from the team folder first.
                    tenderwacht_team::fetch_for_packs(store, &[bid])?;
                    let plan = pack_plan::plan(store, bid, &options.template)?;
                    let result = pack::write(&plan, &out, &options)?;
                    emit(ctx.json, &result, || {
                        let mut s = format!("Pakket geschreven: {} ({} bestanden, {} bytes)", result.path.display(), result.files, result.bytes);
                        if !result.blockers.is_empty() {
                            s.push_str(&format!("\nLet op, in de index gemarkeerd:\n  {}", result.blockers.join("\n  ")));
                        }
                        s
                    })
                }
                (None, Some(t)) => {
                    let tender = store.resolve_tender(&t)?;
                    tenderwacht_team::fetch_for_packs(store, &store.bid_ids_of_tender(tender)?)?;
                    let results = tenderwacht_export::tender_packs::write_tender(store, tender, &out, &options, &mut |_, _, _| {})?;
                    let failed = results.iter().filter(|r| r.path.is_none()).count();
                    emit(ctx.json, &results, || {
                        results
                            .iter()
                            .map(|r| match (&r.path, &r.error) {
                                (Some(path), _) => format!("{}: {path}", r.bidder),
                                (None, e) => {
                                    let why: String = r.blockers.iter().map(|b| format!("\n  - {b}")).collect();
                                    format!("{}: NIET gemaakt — {}{why}", r.bidder, e.clone().unwrap_or_default())
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("\n")
                    })?;
                    if failed > 0 {
                        return Err(ExportError::Invalid(format!("{failed} van de {} pakketten niet gemaakt", results.len())).into());
                    }
                    Ok(())
                }
                _ => Err(ExportError::Invalid("geef een inschrijving of --tender".into()).into()),
            }
        }
        ExportCmd::Requests { provider, out } => {
            let lists = match provider {
                Some(p) => vec![request::for_party(store, store.resolve_party(&p, Some(PartyKind::Provider))?)?],
                None => request::for_all(store)?,
            };
            if let Some(dir) = out {
                let written = request::write_lists(&lists, &dir)?;
                return emit(ctx.json, &written, || format!("{} bestanden geschreven in {}", written.len(), dir.display()));
            }
            emit(ctx.json, &lists, || lists.iter().map(request::text).collect::<Vec<_>>().join("\n----\n\n"))
        }
        ExportCmd::Ics { provider, tender, days, out } => {
            let filter = calendar::CalendarFilter {
                party: provider.map(|p| store.resolve_party(&p, None)).transpose()?,
                tender: tender.map(|t| store.resolve_tender(&t)).transpose()?,
                days,
            };
            let text = calendar::export(store, &filter)?;
            let events = text.matches("BEGIN:VEVENT").count();
            let path = tenderwacht_export::atomic::write(&into_file(out, "tenderwacht.ics"), text.as_bytes())?;
            emit(ctx.json, &json!({ "path": path, "events": events }), || format!("{events} afspraken geschreven naar {}", path.display()))
        }
        ExportCmd::Xlsx { tenders, out } => {
            let ids = tenders.iter().map(|t| store.resolve_tender(t)).collect::<Result<Vec<_>, _>>()?;
            let path = sheet::export(store, &ids, &into_file(out, "tenderwacht.xlsx"))?;
            emit(ctx.json, &json!({ "path": path }), || format!("Spreadsheet geschreven: {}", path.display()))
        }
        ExportCmd::Digest { since, email } => {
            let since = match since {
                Some(s) => tenderwacht_domain::time::parse_date("--since", &s)?,
                None => store.today() - Duration::days(7),
            };
            let d = digest::collect(store, since)?;
            emit(ctx.json, &d, || if email { digest::email_text(&d) } else { digest::chat_text(&d) })
        }
    }
}

pub fn backup_cmd(ctx: &Ctx, store: Store, cmd: BackupCmd) -> Result<(), CliError> {
    match cmd {
        BackupCmd::Create { out } => {
            let target = out.unwrap_or_else(|| store.data_dir().join(backup::BACKUP_DIR).join(backup::manual_name(chrono::Utc::now())));
            let info = backup::create(&store, &target)?;
            emit(ctx.json, &info, || format!("Back-up gemaakt: {} ({} bytes)", info.path.display(), info.size))
        }
        BackupCmd::List => {
            let list = backup::list(store.data_dir())?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|b| {
                        vec![
                            b.name.clone(),
                            format!("{:.1} MB", b.size as f64 / 1e6),
                            date_opt(b.created_at.map(tenderwacht_domain::time::local_date)),
                        ]
                    })
                    .collect();
                table(&["back-up", "grootte", "datum"], &rows)
            })
        }
        BackupCmd::Kept => {
            let kept = tenderwacht_export::kept::list(store.data_dir())?;
            emit(ctx.json, &kept, || {
                let rows: Vec<Vec<String>> =
                    kept.iter().map(|k| vec![k.name.clone(), format!("{:.1} MB", k.size as f64 / 1e6), super::moment_opt(k.kept_at)]).collect();
                table(&["bewaarde database", "grootte", "apart gezet"], &rows)
            })
        }
        BackupCmd::Undo { name } => {
            let dir = store.data_dir().to_path_buf();
            drop(store);
            let report = tenderwacht_export::kept::restore(&dir, &name)?;
            emit(ctx.json, &report, || format!("Teruggezet: {name}. De database die er stond is bewaard in {}", report.previous.display()))
        }
        BackupCmd::Restore { file } => {
            let dir = store.data_dir().to_path_buf();
            // The store must be closed before its database is replaced.
            drop(store);
            let report = backup::restore(Path::new(&file), &dir)?;
            emit(ctx.json, &report, || {
                format!(
                    "Hersteld: back-up van {} ({} documentbestanden). De vorige database staat in {}",
                    tenderwacht_domain::time::format_moment_nl(report.created_at),
                    report.files,
                    report.previous.display()
                )
            })
        }
    }
}

/// `--out` names a file, or a folder to write the file of its default name into (on Windows a
/// rename onto a folder said "geen schrijfrechten", on Linux "is a directory").
fn into_file(out: std::path::PathBuf, default_name: &str) -> std::path::PathBuf {
    if out.is_dir() {
        out.join(default_name)
    } else {
        out
    }
}
