//! `tender import FILE|FOLDER [--dry-run]`: saved portal files read as a sync reads them, shown as
//! a table per file (kind, phase, title, buyer, closing, other deadlines, CPV, NUTS, lots, or why
//! a publication was refused) with totals; without `--dry-run` every publication read is stored.
//! Also the conformance run over the official eForms examples.

use super::Ctx;
use crate::output::{emit, table, CliError};
use serde_json::json;
use std::path::Path;
use tenderwacht_sources::files::{read_path, Row};
use tenderwacht_sources::import::import;
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
    let out = import(store, read_path(path)?, dry_run)?;
    let value = json!({ "rows": out.rows, "totals": out.totals, "stored": out.stored });
    emit(ctx.json, &value, || {
        let mut s = human(&out.rows, &out.stored);
        s.push_str(&out.summary(dry_run));
        s
    })?;
    if out.totals.panics > 0 {
        return Err(CliError::Output(format!("{} bestand(en) lieten een lezer vastlopen", out.totals.panics)));
    }
    // An import that read nothing is the consultant's wrong file: say so with exit status 2.
    match out.nothing_read() {
        Some(reason) if !dry_run => Err(tenderwacht_store::StoreError::invalid("bestand", reason).into()),
        _ => Ok(()),
    }
}
