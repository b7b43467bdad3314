//! Applying the team's changesets so every laptop ends with the same data: all entries in one
//! order (hybrid clock, device, sequence); a late entry is slotted in by undoing the later ones
//! (the inverse of what they did here), applying it and replaying them. A conflict is settled
//! the same way everywhere (the later entry wins the field) and kept with the losing value.

use crate::error::Result;
use crate::{now_db, Store};
use rusqlite::hooks::Action;
use rusqlite::session::{invert_strm, ChangesetItem, ConflictAction, ConflictType, Session};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, Transaction};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tenderwacht_domain::team::{is_bookkeeping, ConflictKind, Entry, SYNCED_TABLES};

/// What one round of applying did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ApplyOutcome {
    /// New entries applied.
    pub applied: usize,
    /// Entries undone and replayed to slot late ones in before them.
    pub replayed: usize,
    /// Conflicts met (overwritten, dropped or refused values), all kept in the list.
    pub conflicts: usize,
}

/// Column names and primary-key positions of a synced table.
#[derive(Debug, Clone)]
struct TableInfo {
    columns: Vec<String>,
    pk: Vec<usize>,
}

type Tables = Arc<HashMap<String, TableInfo>>;

/// A conflict as the handler meets it, before it is stored.
#[derive(Debug, Clone)]
struct RawConflict {
    kind: ConflictKind,
    table: String,
    row_key: String,
    column: String,
    kept: Option<String>,
    lost: Option<String>,
}

/// A field the later entry wins where its insert met an existing row (REPLACE would delete the
/// row first and cascade to its children, so the fields are set afterwards instead).
#[derive(Debug, Clone)]
struct FieldWin {
    table: String,
    pk: Vec<Value>,
    column: String,
    value: Value,
}

#[derive(Debug, Default)]
struct Collected {
    conflicts: Vec<RawConflict>,
    field_wins: Vec<FieldWin>,
    foreign_keys: bool,
}

impl Store {
    /// Applies entries from other laptops (those already in the log are skipped), in one
    /// transaction: a crash leaves the store as it was and the files are applied again.
    pub fn apply_entries(&mut self, incoming: Vec<Entry>) -> Result<ApplyOutcome> {
        let tx = self.conn.transaction()?;
        let mut new: Vec<Entry> = vec![];
        let mut seen = std::collections::HashSet::new();
        for e in incoming {
            let known: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM team_entry WHERE device_id = ?1 AND seq = ?2)
                         OR ?2 <= coalesce((SELECT floor FROM team_device WHERE device_id = ?1), 0)",
                )?
                .query_row(params![e.device_id, e.seq], |r| r.get(0))?;
            // A file delivered twice (a cloud's copy) brings an entry twice: it counts once.
            if !known && seen.insert((e.device_id.clone(), e.seq)) {
                new.push(e);
            }
        }
        let Some(first) = new.iter().map(Entry::key).min() else { return Ok(ApplyOutcome::default()) };
        let tables = Arc::new(table_infos(&tx)?);
        let later: Vec<(Entry, Vec<u8>)> = {
            let mut stmt = tx.prepare(
                "SELECT device_id, seq, hlc, schema_version, changeset, coalesce(effective, changeset) FROM team_entry
                 WHERE (hlc, device_id, seq) > (?1, ?2, ?3) ORDER BY hlc DESC, device_id DESC, seq DESC",
            )?;
            let rows = stmt.query_map(params![first.0, first.1, first.2], |r| {
                Ok((Entry { device_id: r.get(0)?, seq: r.get(1)?, hlc: r.get(2)?, schema_version: r.get(3)?, changeset: r.get(4)? }, r.get(5)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (e, effective) in &later {
            undo(&tx, effective)?;
            tx.execute("DELETE FROM team_conflict WHERE device_id = ?1 AND seq = ?2", params![e.device_id, e.seq])?;
        }
        let mut all: Vec<(Entry, bool)> = later.into_iter().map(|(e, _)| (e, false)).chain(new.iter().cloned().map(|e| (e, true))).collect();
        all.sort_by_key(|(e, _)| e.key());
        let mut outcome = ApplyOutcome { applied: new.len(), replayed: all.len() - new.len(), conflicts: 0 };
        let now = now_db();
        // Runs of one device's entries go in one go where they meet no conflict; `run_end` is
        // where the current run stops, `clean` whether it went in so.
        let (mut run_end, mut clean) = (0, false);
        for (i, (e, is_new)) in all.iter().enumerate() {
            if i >= run_end {
                (run_end, clean) = clean_run(&tx, &all[i..])?;
                run_end += i;
            }
            let (effective, conflicts) = if clean { (e.changeset.clone(), vec![]) } else { apply_one(&tx, &tables, e)? };
            // What an entry did here is stored only where it differs from the entry itself.
            let effective = (effective != e.changeset).then_some(effective);
            if *is_new {
                tx.prepare_cached(
                    "INSERT INTO team_entry (device_id, seq, hlc, schema_version, changeset, effective, exported, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
                )?
                .execute(params![e.device_id, e.seq, e.hlc, e.schema_version, e.changeset, effective, now])?;
            } else {
                tx.prepare_cached("UPDATE team_entry SET effective = ?3 WHERE device_id = ?1 AND seq = ?2")?.execute(params![
                    e.device_id,
                    e.seq,
                    effective
                ])?;
            }
            outcome.conflicts += conflicts.len();
            store_conflicts(&tx, e, &conflicts)?;
        }
        let newest = new.iter().map(|e| e.hlc).max().unwrap_or(0);
        tx.execute("UPDATE team_self SET hlc = max(hlc, ?1)", [newest])?;
        derive_local(&tx)?;
        tx.commit()?;
        Ok(outcome)
    }
}

/// Reads column names and primary keys of the synced tables once per round.
fn table_infos(tx: &Transaction) -> Result<HashMap<String, TableInfo>> {
    let mut out = HashMap::new();
    for table in SYNCED_TABLES {
        let mut stmt = tx.prepare(&format!("SELECT name, pk FROM pragma_table_info('{table}') ORDER BY cid"))?;
        let cols: Vec<(String, i64)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut pk: Vec<(i64, usize)> = cols.iter().enumerate().filter(|(_, (_, p))| *p > 0).map(|(i, (_, p))| (*p, i)).collect();
        pk.sort_unstable();
        out.insert(
            (*table).to_string(),
            TableInfo { columns: cols.into_iter().map(|(n, _)| n).collect(), pk: pk.into_iter().map(|(_, i)| i).collect() },
        );
    }
    Ok(out)
}

/// Reverts what an entry did here. Everything after it is undone first, so the rows are as the
/// entry left them, but for the columns each laptop derives after a round (`derive_local`): a
/// data conflict is therefore forced (those columns are derived again at the end).
fn undo(tx: &Transaction, effective: &[u8]) -> Result<()> {
    if effective.is_empty() {
        return Ok(());
    }
    let mut inverse = vec![];
    invert_strm(&mut &effective[..], &mut inverse)?;
    tx.apply_strm(&mut &inverse[..], None::<fn(&str) -> bool>, |kind, _| match kind {
        ConflictType::SQLITE_CHANGESET_DATA => ConflictAction::SQLITE_CHANGESET_REPLACE,
        _ => ConflictAction::SQLITE_CHANGESET_OMIT,
    })?;
    Ok(())
}

/// Applies the run of consecutive entries of one device that `rest` starts with (a first join,
/// a long holiday: mostly one laptop's edits in a row) in one go, combined, when it meets no
/// conflict. A run that meets one is rolled back by SQLite and its entries are applied
/// one by one. Combining is safe only within one device's run: its entries were made in
/// that order on one store, so a conflict of the combined run is a conflict of the first entry
/// that touched the row, and two devices' concurrent edits are never merged into one. Returns
/// the run's length and whether it went in.
fn clean_run(tx: &Transaction, rest: &[(Entry, bool)]) -> Result<(usize, bool)> {
    let Some((first, _)) = rest.first() else { return Ok((0, false)) };
    let len = rest.iter().position(|(e, _)| e.device_id != first.device_id).unwrap_or(rest.len());
    if len < 2 {
        return Ok((len, false));
    }
    let mut group = rusqlite::session::Changegroup::new()?;
    for (e, _) in &rest[..len] {
        group.add_stream(&mut &e.changeset[..])?;
    }
    let mut combined = vec![];
    group.output_strm(&mut combined)?;
    Ok((len, apply_clean(tx, &combined)?))
}

/// Applies a changeset that meets no conflict; `false` (and nothing applied) at the first one.
fn apply_clean(tx: &Transaction, changeset: &[u8]) -> Result<bool> {
    let met = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = met.clone();
    let outcome = tx.apply_strm(&mut &changeset[..], Some(|t: &str| SYNCED_TABLES.contains(&t)), move |_, _| {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        ConflictAction::SQLITE_CHANGESET_ABORT
    });
    match outcome {
        Ok(()) => Ok(true),
        Err(_) if met.load(std::sync::atomic::Ordering::Relaxed) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// Applies one entry, returning what it did here (for a later undo) and the conflicts it met.
/// Most entries meet no conflict: they are applied as they are, and what they did here is the
/// changeset itself. At the first conflict SQLite rolls that attempt back and the entry is
/// applied again under a session that records what it really did.
fn apply_one(tx: &Transaction, tables: &Tables, e: &Entry) -> Result<(Vec<u8>, Vec<RawConflict>)> {
    if apply_clean(tx, &e.changeset)? {
        return Ok((e.changeset.clone(), vec![]));
    }
    apply_recorded(tx, tables, e)
}

/// Applies one entry that meets conflicts: each settled by [`handle`], what it did recorded.
fn apply_recorded(tx: &Transaction, tables: &Tables, e: &Entry) -> Result<(Vec<u8>, Vec<RawConflict>)> {
    let collected = Arc::new(Mutex::new(Collected::default()));
    let mut session = Session::new(tx)?;
    for table in SYNCED_TABLES {
        session.attach(Some(*table))?;
    }
    {
        let (state, infos) = (collected.clone(), tables.clone());
        tx.apply_strm(&mut &e.changeset[..], Some(|t: &str| SYNCED_TABLES.contains(&t)), move |kind, item| handle(&state, &infos, kind, &item))?;
    }
    let mut c = std::mem::take(&mut *collected.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    for win in &c.field_wins {
        let info = &tables[&win.table];
        let cond = info.pk.iter().enumerate().map(|(i, p)| format!("\"{}\" = ?{}", info.columns[*p], i + 2)).collect::<Vec<_>>().join(" AND ");
        let sql = format!("UPDATE \"{}\" SET \"{}\" = ?1 WHERE {cond}", win.table, win.column);
        tx.execute(&sql, params_from_iter(std::iter::once(&win.value).chain(win.pk.iter())))?;
    }
    if c.foreign_keys {
        remove_orphans(tx, tables, &mut c.conflicts)?;
    }
    let mut effective = vec![];
    if !session.is_empty() {
        session.changeset_strm(&mut effective)?;
    }
    drop(session);
    Ok((effective, c.conflicts))
}

fn text(v: Option<ValueRef>) -> Option<String> {
    match v? {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Some(format!("x'{}'", hex::encode(b))),
    }
}

/// The row's values by column name, as one readable JSON object.
fn row_json(info: &TableInfo, get: impl Fn(usize) -> Option<String>) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        info.columns.iter().enumerate().filter_map(|(i, name)| get(i).map(|v| (name.clone(), serde_json::Value::String(v)))).collect();
    serde_json::Value::Object(map).to_string()
}

/// Settles one conflict the same way on every laptop: the entry being applied is later, so it
/// wins a field; what it overwrites or cannot apply is collected for the conflict list.
fn handle(state: &Mutex<Collected>, tables: &HashMap<String, TableInfo>, kind: ConflictType, item: &ChangesetItem) -> ConflictAction {
    use ConflictAction::{SQLITE_CHANGESET_OMIT as OMIT, SQLITE_CHANGESET_REPLACE as REPLACE};
    let mut st = state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        st.foreign_keys = true;
        return OMIT;
    }
    let Ok(op) = item.op() else { return OMIT };
    let table = op.table_name().to_string();
    let Some(info) = tables.get(&table) else { return OMIT };
    let code = op.code();
    let new = |i: usize| item.new_value(i).ok();
    let old = |i: usize| item.old_value(i).ok();
    let pk: Vec<Value> = info.pk.iter().map(|&i| new(i).or_else(|| old(i)).map(owned).unwrap_or(Value::Null)).collect();
    let row_key = serde_json::Value::from(pk.iter().map(|v| text(Some(v.into())).unwrap_or_default()).collect::<Vec<_>>()).to_string();
    let mut push = |kind: ConflictKind, column: &str, kept: Option<String>, lost: Option<String>| {
        st.conflicts.push(RawConflict { kind, table: table.clone(), row_key: row_key.clone(), column: column.to_string(), kept, lost });
    };
    match (kind, code) {
        (ConflictType::SQLITE_CHANGESET_DATA, Action::SQLITE_UPDATE) => {
            for (i, name) in info.columns.iter().enumerate() {
                let (Some(n), Ok(cur)) = (new(i), item.conflict(i)) else { continue };
                if cur != n && Some(cur) != old(i) && !is_bookkeeping(&table, name) {
                    push(ConflictKind::Overschreven, name, text(Some(n)), text(Some(cur)));
                }
            }
            REPLACE
        }
        (ConflictType::SQLITE_CHANGESET_DATA, Action::SQLITE_DELETE) => {
            let current = row_json(info, |i| text(item.conflict(i).ok()));
            push(ConflictKind::Vervallen, "", None, Some(current));
            REPLACE
        }
        (ConflictType::SQLITE_CHANGESET_NOTFOUND, Action::SQLITE_UPDATE) => {
            let edit = row_json(info, |i| if info.pk.contains(&i) { None } else { text(new(i)) });
            push(ConflictKind::Vervallen, "", None, Some(edit));
            OMIT
        }
        (ConflictType::SQLITE_CHANGESET_CONFLICT, Action::SQLITE_INSERT) => {
            let mut wins = vec![];
            for (i, name) in info.columns.iter().enumerate() {
                let (Some(n), Ok(cur)) = (new(i), item.conflict(i)) else { continue };
                if cur != n && !info.pk.contains(&i) {
                    if !is_bookkeeping(&table, name) {
                        push(ConflictKind::Overschreven, name, text(Some(n)), text(Some(cur)));
                    }
                    wins.push(FieldWin { table: table.clone(), pk: pk.clone(), column: name.clone(), value: owned(n) });
                }
            }
            st.field_wins.extend(wins);
            OMIT
        }
        (ConflictType::SQLITE_CHANGESET_CONSTRAINT, _) => {
            let row = row_json(info, |i| text(new(i).or_else(|| old(i))));
            push(ConflictKind::Geweigerd, "", None, Some(row));
            OMIT
        }
        _ => OMIT,
    }
}

/// After an entry left rows pointing at something deleted elsewhere: such rows go (or their
/// reference is cleared, where the schema says SET NULL), each kept in the conflict list.
fn remove_orphans(tx: &Transaction, tables: &Tables, conflicts: &mut Vec<RawConflict>) -> Result<()> {
    // The apply's own deferral ended; violations removed now must count against it.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for table in SYNCED_TABLES {
        let info = &tables[*table];
        let mut stmt = tx.prepare(&format!("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))?;
        let fks: Vec<(String, String, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
        for (parent, from, to, on_delete) in fks {
            let orphan = format!("\"{from}\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"{parent}\" p WHERE p.\"{to}\" = \"{table}\".\"{from}\")");
            let cols = info.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            let mut select = tx.prepare(&format!("SELECT {cols} FROM \"{table}\" WHERE {orphan}"))?;
            let rows: Vec<Vec<Option<String>>> = select
                .query_map([], |r| (0..info.columns.len()).map(|i| r.get_ref(i).map(|v| text(Some(v)))).collect::<rusqlite::Result<Vec<_>>>())?
                .collect::<rusqlite::Result<_>>()?;
            for row in &rows {
                let key = serde_json::Value::from(info.pk.iter().map(|&i| row[i].clone().unwrap_or_default()).collect::<Vec<_>>()).to_string();
                conflicts.push(RawConflict {
                    kind: ConflictKind::Verwijderd,
                    table: (*table).to_string(),
                    row_key: key,
                    column: from.clone(),
                    kept: None,
                    lost: Some(row_json(info, |i| row[i].clone())),
                });
            }
            if !rows.is_empty() {
                let fix = if on_delete.eq_ignore_ascii_case("SET NULL") {
                    format!("UPDATE \"{table}\" SET \"{from}\" = NULL WHERE {orphan}")
                } else {
                    format!("DELETE FROM \"{table}\" WHERE {orphan}")
                };
                tx.execute(&fix, [])?;
            }
        }
    }
    tx.pragma_update(None, "defer_foreign_keys", false)?;
    Ok(())
}

fn store_conflicts(tx: &Transaction, e: &Entry, conflicts: &[RawConflict]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO team_conflict (id, device_id, seq, kind, table_name, row_key, column_name, kept_value, lost_value, won_hlc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for c in conflicts {
        let id =
            tenderwacht_domain::ids::keyed("team_conflict", &[&e.device_id, &e.seq.to_string(), &c.table, &c.row_key, &c.column, c.kind.as_str()]);
        stmt.execute(params![id.to_string(), e.device_id, e.seq, c.kind.as_str(), c.table, c.row_key, c.column, c.kept, c.lost, e.hlc])?;
    }
    Ok(())
}

/// Recomputes what each laptop derives itself after rows arrived: the current document of each
/// party and type (two offline uploads would otherwise both be "current"), and the search index.
fn derive_local(tx: &Transaction) -> Result<()> {
    tx.execute(
        "UPDATE document SET is_current = (id = (
             SELECT n.id FROM document n WHERE n.party_id = document.party_id AND n.type_id = document.type_id
             ORDER BY n.issue_date DESC, n.created_at DESC, n.id DESC LIMIT 1))
         WHERE is_current != (id = (
             SELECT n.id FROM document n WHERE n.party_id = document.party_id AND n.type_id = document.type_id
             ORDER BY n.issue_date DESC, n.created_at DESC, n.id DESC LIMIT 1))",
        [],
    )?;
    tx.execute("INSERT INTO tender_fts (tender_fts) VALUES ('rebuild')", [])?;
    Ok(())
}

fn owned(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
