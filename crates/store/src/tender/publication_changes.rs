//! What a later publication changes on a tender it joins: moved or added milestones, new portal
//! documents, an ended procedure — each applied and recorded as a change event in the caller's
//! transaction.

use crate::col_moment_opt;
use crate::error::Result;
use crate::tender::changes::ChangeKind;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use tenderwacht_domain::{ingest::Clean, publication::Notice, MilestoneKind, ProcedurePhase};
use uuid::Uuid;

/// Applies a later publication to an existing tender and records what changed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_changes(tx: &Connection, tender: Uuid, publication: Uuid, c: &Clean, n: &Notice, stale: bool, now: &str) -> Result<Vec<String>> {
    let mut lines = vec![];
    let sid = tender.to_string();
    for (kind, at) in &c.milestones {
        if *kind == MilestoneKind::Publicatie {
            continue;
        }
        let current: Option<(String, Option<DateTime<Utc>>)> = tx
            .prepare_cached("SELECT id, at_utc FROM milestone WHERE tender_id = ?1 AND kind = ?2 ORDER BY at_utc DESC LIMIT 1")?
            .query_row(params![sid, kind.as_str()], |r| Ok((r.get(0)?, col_moment_opt(r, 1)?)))
            .optional()?;
        let new_text = tenderwacht_domain::time::format_moment_nl(*at);
        match current {
            Some((_, Some(old))) if old == *at => {}
            Some(_) if stale => {}
            Some((mid, old)) => {
                tx.prepare_cached("UPDATE milestone SET at_utc = ?2 WHERE id = ?1")?.execute(params![mid, tenderwacht_domain::time::to_db(*at)])?;
                let old_text = old.map(tenderwacht_domain::time::format_moment_nl).unwrap_or_default();
                record(tx, tender, publication, ChangeKind::MilestoneMoved, kind.as_str(), Some(&old_text), Some(&new_text), now)?;
                lines.push(format!("{}: {old_text} -> {new_text}", kind.label()));
            }
            None => {
                let id = tenderwacht_domain::ids::keyed("milestone", &[&sid, kind.as_str(), &tenderwacht_domain::time::to_db(*at)]);
                crate::tender::milestones::insert_milestone(tx, id, tender, *kind, "", *at, &format!("uit {}", n.source_kind.label()))?;
                record(tx, tender, publication, ChangeKind::MilestoneAdded, kind.as_str(), None, Some(&new_text), now)?;
                lines.push(format!("{}: {new_text} (nieuw)", kind.label()));
            }
        }
    }
    for code in &c.cpv {
        tx.prepare_cached("INSERT OR IGNORE INTO tender_cpv (tender_id, code) VALUES (?1, ?2)")?.execute(params![sid, code])?;
    }
    for code in &c.nuts {
        tx.prepare_cached("INSERT OR IGNORE INTO tender_nuts (tender_id, code) VALUES (?1, ?2)")?.execute(params![sid, code])?;
    }
    if let Some(u) = &c.url {
        tx.prepare_cached("INSERT OR IGNORE INTO tender_link (tender_id, url, label) VALUES (?1, ?2, '')")?.execute(params![sid, u])?;
    }
    // Fill what the first publication lacked (a TenderNed list item has no description).
    tx.prepare_cached("UPDATE tender SET description = ?2 WHERE id = ?1 AND description = '' AND ?2 <> ''")?.execute(params![sid, c.description])?;
    if let Some(line) = advance_phase(tx, tender, publication, c.phase, now)? {
        lines.push(line);
    }
    if !lines.is_empty() {
        tx.prepare_cached("UPDATE tender SET updated_at = ?2 WHERE id = ?1")?.execute(params![sid, now])?;
    }
    Ok(lines)
}

/// Moves the tender's phase forward to what the notice signals (never back: an old announcement
/// read after the award leaves it awarded) and records the change; a cancelled procedure's own
/// status becomes "vervallen" while the consultancy had not handed anything in.
fn advance_phase(tx: &Connection, tender: Uuid, publication: Uuid, signal: Option<ProcedurePhase>, now: &str) -> Result<Option<String>> {
    let Some(signal) = signal else { return Ok(None) };
    let sid = tender.to_string();
    let stored: String = tx.prepare_cached("SELECT phase FROM tender WHERE id = ?1")?.query_row([&sid], |r| r.get(0))?;
    let current = ProcedurePhase::from_db("tender.phase", &stored)?;
    let next = current.advance(Some(signal));
    if next == current {
        return Ok(None);
    }
    tx.prepare_cached("UPDATE tender SET phase = ?2 WHERE id = ?1")?.execute(params![sid, next.as_str()])?;
    if next == ProcedurePhase::Ingetrokken {
        tx.prepare_cached(&format!(
            "UPDATE tender SET status = 'vervallen' WHERE id = ?1 AND status IN {}",
            tenderwacht_domain::CANCELLABLE_STATUSES_SQL
        ))?
        .execute([&sid])?;
    }
    // A tender first built from a rectification had no phase yet: the notice it corrects only
    // fills it in, which is not news.
    if current == ProcedurePhase::Onbekend {
        return Ok(None);
    }
    record(tx, tender, publication, ChangeKind::PhaseChanged, "fase", Some(current.label()), Some(next.label()), now)?;
    Ok(Some(format!("fase: {} -> {}", current.label(), next.label())))
}

/// Adds the notice's documents the tender does not have yet; returns their titles.
pub(crate) fn insert_documents(tx: &Connection, tender: Uuid, n: &Notice, c: &Clean, now: &str) -> Result<Vec<String>> {
    let mut added = vec![];
    for doc in &c.documents {
        let inserted = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tender_document (id, tender_id, source_kind, external_id, category, title, url, published_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                tenderwacht_domain::ids::keyed("tender_document", &[&tender.to_string(), n.source_kind.as_str(), &doc.external_id]).to_string(),
                tender.to_string(),
                n.source_kind.as_str(),
                doc.external_id,
                doc.category.as_str(),
                doc.title,
                doc.url,
                doc.published_at.map(tenderwacht_domain::time::to_db),
                now
            ])?;
        if inserted > 0 {
            added.push(doc.title.clone());
        }
    }
    Ok(added)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    tx: &Connection,
    tender: Uuid,
    publication: Uuid,
    kind: ChangeKind,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    now: &str,
) -> Result<()> {
    let pub_exists: bool =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM publication WHERE id = ?1)")?.query_row([publication.to_string()], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO change_event (id, tender_id, publication_id, kind, field, old_value, new_value, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        tenderwacht_domain::ids::new_id().to_string(),
        tender.to_string(),
        pub_exists.then(|| publication.to_string()),
        kind.as_str(),
        field,
        old,
        new,
        now
    ])?;
    Ok(())
}
