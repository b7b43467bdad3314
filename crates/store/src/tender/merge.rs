//! One procedure, one tender, across laptops. When two laptops took the same procedure from two
//! portals (TenderNed on one, TED on another at a care farm), both tenders claimed the key that
//! ties publications of one procedure together (the fingerprint, the ContractFolderID): applying
//! settles the key on one and lists the clash. Here the two become one: lots, requirements and
//! bids that are the same are joined (their checklist and files go along), everything else moves,
//! and the merge is kept in `tender_merge`, which travels, so every laptop lists it.

use crate::error::Result;
use crate::{col_uuid, now_db, Store};
use rusqlite::{params, Transaction};
use uuid::Uuid;

/// Two tenders of one procedure, and the laptop whose change met the clash last: that laptop
/// merges (every laptop holds the same list, so exactly one does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateTender {
    /// The tender that stays (the smaller id: the same on every laptop).
    pub keep: Uuid,
    /// The tender merged into it.
    pub merge: Uuid,
    pub by_device: String,
}

impl Store {
    /// Tenders of one procedure the team holds twice: from the clashes of a procedure key
    /// between two existing tenders.
    pub fn duplicate_tenders(&self) -> Result<Vec<DuplicateTender>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.kept_value, c.lost_value, c.device_id FROM team_conflict c
             WHERE c.table_name = 'tender_key' AND c.column_name = 'tender_id' AND c.kept_value != c.lost_value
               AND EXISTS (SELECT 1 FROM tender WHERE id = c.kept_value) AND EXISTS (SELECT 1 FROM tender WHERE id = c.lost_value)
             ORDER BY c.won_hlc DESC, c.device_id DESC, c.seq DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, col_uuid(r, 1)?, r.get::<_, String>(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: Vec<DuplicateTender> = vec![];
        for (a, b, device) in rows {
            let (keep, merge) = if a.to_string() < b.to_string() { (a, b) } else { (b, a) };
            if !out.iter().any(|d| d.merge == merge || d.keep == merge) {
                out.push(DuplicateTender { keep, merge, by_device: device });
            }
        }
        Ok(out)
    }

    /// Merges tender `merge` into `keep` in one write (it travels to the others): the same lot,
    /// requirement or bid on both becomes one (what pointed at the merged one points at the kept
    /// one; where both had a row, the kept one's stays), the rest moves over, a milestone the kept
    /// tender already has of the same kind (or label) is dropped. Returns what moved, in words.
    pub fn merge_tenders(&mut self, keep: Uuid, merge: Uuid, by: &str) -> Result<String> {
        let (keep, merge) = (keep.to_string(), merge.to_string());
        // Two writes: every reference moves first, the merged rows go after. Another laptop applies
        // a write table by table, so a delete in the same write could cascade away rows before their
        // move arrived there.
        let (details, joined) = self.write(|tx| {
            let title: String = tx.query_row("SELECT title FROM tender WHERE id = ?1", [&merge], |r| r.get(0))?;
            let count = |table: &str| -> rusqlite::Result<i64> { tx.query_row(&format!("SELECT count(*) FROM {table} WHERE tender_id = ?1"), [&merge], |r| r.get(0)) };
            let (bids, requirements, milestones, documents) = (count("bid")?, count("requirement")?, count("milestone")?, count("tender_document")?);
            let mut joined: Vec<(&'static str, String)> = vec![];
            for (table, same) in [
                ("lot", "k.number = d.number"),
                ("requirement", "k.lot_id IS d.lot_id AND k.kind = d.kind AND k.type_id IS d.type_id AND (d.type_id IS NOT NULL OR k.name = d.name)"),
                ("bid", "coalesce(k.lot_id, '') = coalesce(d.lot_id, '') AND k.party_id = d.party_id"),
            ] {
                let pairs: Vec<(String, String)> = {
                    let sql = format!("SELECT d.id, k.id FROM {table} d JOIN {table} k ON k.tender_id = ?1 AND {same} WHERE d.tender_id = ?2");
                    let mut stmt = tx.prepare(&sql)?;
                    let rows = stmt.query_map(params![keep, merge], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
                    rows
                };
                for (from, to) in pairs {
                    repoint(tx, table, &from, &to)?;
                    joined.push((table, from));
                }
            }
            // Nothing points at a milestone: the merged tender's of a kind the kept one has go now.
            tx.execute(
                "DELETE FROM milestone WHERE tender_id = ?2 AND EXISTS (
                     SELECT 1 FROM milestone k WHERE k.tender_id = ?1 AND k.kind = milestone.kind AND (k.kind != 'custom' OR k.label = milestone.label))",
                params![keep, merge],
            )?;
            repoint(tx, "tender", &merge, &keep)?;
            let details = format!(
                "{title}: {bids} inschrijving(en), {requirements} eis(en), {milestones} mijlpaal/mijlpalen en {documents} portaaldocument(en) samengevoegd"
            );
            Ok(((title, details), joined))
        })?;
        let (title, details) = details;
        self.write(|tx| {
            for (table, id) in &joined {
                tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            }
            tx.execute("DELETE FROM tender WHERE id = ?1", [&merge])?;
            let id = tenderwacht_domain::ids::keyed("tender_merge", &[&keep, &merge]).to_string();
            tx.execute(
                "INSERT OR IGNORE INTO tender_merge (id, into_id, merged_id, merged_title, details, merged_by, merged_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, keep, merge, title, details, by, now_db()],
            )?;
            Ok(())
        })?;
        Ok(details)
    }
}

/// Points every reference to `table` row `from` at `to`; a reference that would then clash with
/// one the kept row already has stays behind (and goes when `from` is deleted).
fn repoint(tx: &Transaction, table: &str, from: &str, to: &str) -> Result<()> {
    let refs: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = ?1 AND m.name != 'tender_merge'",
        )?;
        let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    for (child, column) in refs {
        tx.execute(&format!("UPDATE OR IGNORE \"{child}\" SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"), params![to, from])?;
    }
    Ok(())
}
