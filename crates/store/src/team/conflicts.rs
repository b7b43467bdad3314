//! The team's conflict list: read with the names a consultant knows, and answered — accepted as
//! it is, or the losing value restored (a normal edit, so it travels to the others too).

use crate::error::{Result, StoreError};
use crate::{now_db, Store};
use rusqlite::{params, OptionalExtension};
use tenderwacht_domain::team::{hlc_moment, ConflictKind, TeamConflict};

/// A readable name for a row in the list, per table (the key itself when there is none).
fn label_sql(table: &str) -> Option<&'static str> {
    Some(match table {
        "party" => "SELECT name FROM party WHERE id = ?1",
        "tender" => "SELECT title FROM tender WHERE id = ?1",
        "document" => "SELECT original_name FROM document WHERE id = ?1",
        "document_type" => "SELECT name FROM document_type WHERE id = ?1",
        "milestone" => "SELECT t.title || ': ' || m.kind FROM milestone m JOIN tender t ON t.id = m.tender_id WHERE m.id = ?1",
        "requirement" => "SELECT t.title || ': ' || coalesce(nullif(r.name, ''), dt.name, '') FROM requirement r JOIN tender t ON t.id = r.tender_id LEFT JOIN document_type dt ON dt.id = r.type_id WHERE r.id = ?1",
        "bid" => "SELECT p.name || ' / ' || t.title FROM bid b JOIN party p ON p.id = b.party_id JOIN tender t ON t.id = b.tender_id WHERE b.id = ?1",
        "bid_item" => "SELECT p.name || ': ' || coalesce(nullif(r.name, ''), dt.name, '') FROM bid_item i JOIN party p ON p.id = i.party_id JOIN requirement r ON r.id = i.requirement_id LEFT JOIN document_type dt ON dt.id = r.type_id WHERE i.id = ?1",
        "lot" => "SELECT title FROM lot WHERE id = ?1",
        _ => return None,
    })
}

impl Store {
    /// The conflicts, newest first; `open_only` leaves out the ones already answered.
    pub fn team_conflicts(&self, open_only: bool) -> Result<Vec<TeamConflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.kind, c.table_name, c.row_key, c.column_name, c.kept_value, c.lost_value,
                    coalesce(d.name, c.device_id), c.won_hlc, r.resolution
             FROM team_conflict c
             LEFT JOIN team_device d ON d.device_id = c.device_id
             LEFT JOIN team_conflict_resolution r ON r.conflict_id = c.id
             WHERE (?1 = 0 OR r.resolution IS NULL)
               -- A procedure key's clash between two tenders the team merged is listed as the merge.
               AND NOT (c.table_name = 'tender_key' AND (c.lost_value IN (SELECT merged_id FROM tender_merge)
                                                         OR c.kept_value IN (SELECT merged_id FROM tender_merge)))
             ORDER BY c.won_hlc DESC, c.id",
        )?;
        let rows = stmt
            .query_map([open_only], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    crate::col_enum(r, 1, ConflictKind::parse)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut list = rows
            .into_iter()
            .map(|(id, kind, table, row_key, column, kept, lost, device, hlc, resolution)| {
                let first_key: Option<String> = serde_json::from_str::<Vec<String>>(&row_key).ok().and_then(|k| k.into_iter().next());
                let row_label = match (label_sql(&table), first_key) {
                    (Some(sql), Some(k)) => self.conn.query_row(sql, [k], |r| r.get::<_, String>(0)).optional()?.unwrap_or_else(|| row_key.clone()),
                    _ => row_key.clone(),
                };
                Ok(TeamConflict {
                    id,
                    kind,
                    label: kind.label().to_string(),
                    table,
                    row_key,
                    row_label,
                    column_label: tenderwacht_domain::team::column_label(&column).to_string(),
                    column,
                    kept_value: kept,
                    lost_value: lost,
                    won_device: device,
                    won_at: hlc_moment(hlc),
                    resolution,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        list.extend(self.tender_merges(open_only)?);
        list.sort_by(|a, b| b.won_at.cmp(&a.won_at).then_with(|| a.id.cmp(&b.id)));
        Ok(list)
    }

    /// Tenders of one procedure the team merged, as entries of the conflict list.
    fn tender_merges(&self, open_only: bool) -> Result<Vec<TeamConflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.into_id, t.title, m.details, m.merged_by, m.merged_at, r.resolution
             FROM tender_merge m JOIN tender t ON t.id = m.into_id
             LEFT JOIN team_conflict_resolution r ON r.conflict_id = m.id
             WHERE ?1 = 0 OR r.resolution IS NULL",
        )?;
        let rows = stmt
            .query_map([open_only], |r| {
                let kind = ConflictKind::Samengevoegd;
                Ok(TeamConflict {
                    id: r.get(0)?,
                    kind,
                    label: kind.label().to_string(),
                    table: "tender".into(),
                    row_key: serde_json::Value::from(vec![r.get::<_, String>(1)?]).to_string(),
                    row_label: r.get(2)?,
                    column: String::new(),
                    column_label: String::new(),
                    kept_value: Some(r.get(2)?),
                    lost_value: Some(r.get(3)?),
                    won_device: r.get(4)?,
                    won_at: crate::col_moment_opt(r, 5)?,
                    resolution: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Answers a conflict: `restore` puts the losing value back (an overwritten field) or the
    /// lost row (an edit or row removed elsewhere), as an edit of this laptop that travels;
    /// otherwise the outcome is accepted as it is.
    pub fn resolve_conflict(&mut self, id: &str, restore: bool) -> Result<()> {
        let c = self
            .team_conflicts(false)?
            .into_iter()
            .find(|c| c.id == id || (id.len() >= 6 && c.id.starts_with(id)))
            .ok_or_else(|| StoreError::NotFound { what: "conflict", key: id.to_string() })?;
        if restore {
            self.restore_conflict(&c)?;
        }
        self.conn.execute(
            "INSERT INTO team_conflict_resolution (conflict_id, resolution, resolved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (conflict_id) DO UPDATE SET resolution = excluded.resolution, resolved_at = excluded.resolved_at",
            params![c.id, if restore { "hersteld" } else { "geaccepteerd" }, now_db()],
        )?;
        Ok(())
    }

    fn restore_conflict(&mut self, c: &TeamConflict) -> Result<()> {
        if !tenderwacht_domain::team::SYNCED_TABLES.contains(&c.table.as_str()) {
            return Err(StoreError::invalid("conflict", "onbekende tabel"));
        }
        let key: Vec<String> = serde_json::from_str(&c.row_key).map_err(|_| StoreError::invalid("conflict", "onleesbare sleutel"))?;
        let pk_cols: Vec<String> = {
            let mut stmt = self.conn.prepare(&format!("SELECT name FROM pragma_table_info('{}') WHERE pk > 0 ORDER BY pk", c.table))?;
            let cols = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            cols
        };
        let cond = pk_cols.iter().enumerate().map(|(i, col)| format!("\"{col}\" = ?{}", i + 2)).collect::<Vec<_>>().join(" AND ");
        match c.kind {
            ConflictKind::Overschreven => {
                let sql = format!("UPDATE \"{}\" SET \"{}\" = ?1 WHERE {cond}", c.table, c.column);
                let values: Vec<Option<String>> = std::iter::once(c.lost_value.clone()).chain(key.into_iter().map(Some)).collect();
                self.write(|tx| Ok(tx.execute(&sql, rusqlite::params_from_iter(values.iter()))?))?;
            }
            ConflictKind::Vervallen | ConflictKind::Verwijderd => {
                let row: serde_json::Map<String, serde_json::Value> = c
                    .lost_value
                    .as_deref()
                    .and_then(|v| serde_json::from_str(v).ok())
                    .ok_or_else(|| StoreError::invalid("conflict", "geen gegevens om terug te zetten"))?;
                let mut cols: Vec<String> = pk_cols.clone();
                let mut values: Vec<String> = key;
                for (k, v) in &row {
                    if !cols.contains(k) {
                        cols.push(k.clone());
                        values.push(v.as_str().unwrap_or_default().to_string());
                    }
                }
                let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
                let set = cols.iter().skip(pk_cols.len()).map(|c| format!("\"{c}\" = excluded.\"{c}\"")).collect::<Vec<_>>().join(", ");
                let upsert = if set.is_empty() { "DO NOTHING".to_string() } else { format!("DO UPDATE SET {set}") };
                let sql = format!("INSERT INTO \"{}\" ({names}) VALUES ({marks}) ON CONFLICT DO {}", c.table, upsert.trim_start_matches("DO "));
                self.write(|tx| Ok(tx.execute(&sql, rusqlite::params_from_iter(values.iter()))?)).map_err(|e| match e {
                    StoreError::Sqlite(_) => StoreError::invalid("herstellen", "kan niet: waar deze rij bij hoorde bestaat niet meer"),
                    other => other,
                })?;
            }
            ConflictKind::Geweigerd => {
                return Err(StoreError::invalid("herstellen", "een geweigerde rij botst met bestaande gegevens; pas die eerst aan"))
            }
            ConflictKind::Samengevoegd => {
                return Err(StoreError::invalid(
                    "herstellen",
                    "een samenvoeging gaat niet met één klik terug; waren het toch twee procedures, zet dan de back-up van vóór de samenvoeging terug (Instellingen › Back-ups)",
                ))
            }
        }
        Ok(())
    }
}
