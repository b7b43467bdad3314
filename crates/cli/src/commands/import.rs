//! `tender import FILE|FOLDER [--dry-run]`: saved portal files read as a sync reads them, shown as
//! a table per file (kind, phase, title, buyer, closing, other deadlines, CPV, NUTS, lots, or why
//! a publication was refused) with totals; without `--dry-run` every publication read is stored.
//! Also the conformance run over the official eForms examples.

use super::Ctx;
use crate::output::{emit, table, CliError};
use serde_json::json;
use std::path::Path;
use tenderwacht_sources::files::{read_path, rows, Row};
use tenderwacht_store::Store;

/// One table cell: whitespace collapsed (a title may hold line breaks), bounded.
fn cut(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn human(rows: &[Row], stored: &[(String, String)]) -> String {
    let mut by_file: Vec<(&str, Vec<&Row>)> = vec![];
    for r in rows {
        match by_file.last_mut() {
            Some((f, list)) if *f == r.file => list.push(r),
            _ => by_file.push((&r.file, vec![r])),
        }
    }
    let mut out = String::new();
    for (file, list) in by_file {
        out.push_str(&format!("== {file} ({})\n", list[0].kind));
        let body: Vec<Vec<String>> = list
            .iter()
            .map(|r| match &r.refused {
                Some(reason) => vec![
                    r.notice.clone(),
                    "GEWEIGERD".into(),
                    cut(reason, 120),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                None => vec![
                    r.notice.clone(),
                    r.phase.clone(),
                    cut(&r.title, 50),
                    cut(&r.buyer, 30),
                    r.closing.clone(),
                    cut(&r.other_deadlines.join("; "), 60),
                    cut(&r.cpv.join(" "), 30),
                    r.nuts.join(" "),
                    if r.lots > 0 { r.lots.to_string() } else { String::new() },
                    cut(&r.notes.iter().cloned().chain(r.winners.iter().map(|w| format!("winnaar: {w}"))).collect::<Vec<_>>().join("; "), 80),
                ],
            })
            .collect();
        out.push_str(&table(
            &["soort", "fase", "titel", "opdrachtgever", "sluiting", "andere termijnen", "CPV", "NUTS", "percelen", "opmerkingen"],
            &body,
        ));
        out.push('\n');
    }
    for (status, title) in stored {
        out.push_str(&format!("{status}: {title}\n"));
    }
    out
}

pub fn run(ctx: &Ctx, store: &mut Store, path: &Path, dry_run: bool) -> Result<(), CliError> {
    let readings = read_path(path)?;
    let all: Vec<Row> = readings.iter().flat_map(rows).collect();
    let files = readings.len();
    let read: usize = readings.iter().map(|r| r.notices.len()).sum();
    let refused = all.iter().filter(|r| r.refused.is_some()).count();
    let panics = all.iter().filter(|r| r.refused.as_deref().is_some_and(|m| m.starts_with("PANIC"))).count();
    let mut stored = vec![];
    if !dry_run {
        let regions = tenderwacht_domain::regions::Regions::default_regions()?;
        let notices: Vec<_> = readings.into_iter().flat_map(|r| r.notices).collect();
        for (n, out) in notices.iter().zip(store.ingest_batch(None, &notices, &regions)?) {
            match out {
                Ok(o) => stored.push((o.status.label().to_string(), n.title.clone())),
                Err(e) => stored.push(("geweigerd".into(), format!("{}: {e}", n.external_id))),
            }
        }
    }
    let totals = json!({ "files": files, "read": read, "refused": refused, "panics": panics, "stored": stored.len() });
    let value = json!({ "rows": all, "totals": totals, "stored": stored });
    emit(ctx.json, &value, || {
        let mut s = human(&all, &stored);
        s.push_str(&format!(
            "{files} bestand(en): {read} publicatie(s) gelezen, {refused} geweigerd{}{}",
            if panics > 0 { format!(", {panics} lieten de lezer vastlopen") } else { String::new() },
            if dry_run { " (proefrun: niets opgeslagen)".to_string() } else { format!(", {} verwerkt", stored.len()) }
        ));
        s
    })?;
    if panics > 0 {
        return Err(CliError::Output(format!("{panics} bestand(en) lieten een lezer vastlopen")));
    }
    // An import that read nothing is the consultant's wrong file: say so with exit status 2.
    if !dry_run && read == 0 {
        let reason = all.iter().find_map(|r| r.refused.clone()).unwrap_or_else(|| "geen publicatie gevonden".into());
        return Err(tenderwacht_store::StoreError::invalid("bestand", reason).into());
    }
    Ok(())
}
