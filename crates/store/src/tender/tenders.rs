//! Queries of `tender` and its side tables (`lot`, `tender_link`, `tender_municipality`,
//! `tender_nuts`, `tender_cpv`).

use crate::error::{Result, StoreError};
use crate::{col_enum, col_moment, col_moment_opt, col_uuid, fold, now_db, pick_one, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use tenderwacht_domain::{self as d, Lot, Procedure, SourceLink, Tender, TenderDomain, TenderInput, TenderPatch, TenderStatus};
use uuid::Uuid;

/// Filter for the tender list; the window sends it as is (generated type, dates YYYY-MM-DD).
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TenderFilter {
    pub status: Option<TenderStatus>,
    /// Only tenders the consultancy follows ([`TenderStatus::is_followed`]).
    #[serde(default)]
    pub followed: bool,
    pub region: Option<String>,
    pub domain: Option<TenderDomain>,
    /// Words that must all occur (as word prefixes) in title, buyer or description.
    pub query: Option<String>,
    /// A portal (`tenderned`, `ted`, `feed`, `html`), or `handmatig` for tenders typed in by hand.
    pub source: Option<String>,
    /// Closing on or after / on or before these Amsterdam dates.
    pub closing_from: Option<chrono::NaiveDate>,
    pub closing_to: Option<chrono::NaiveDate>,
    /// At most this many (the caller's choice, not the window's).
    #[serde(skip)]
    pub limit: Option<usize>,
}

struct CleanTender {
    title: String,
    municipalities: Vec<String>,
    nuts: Vec<String>,
    cpv: Vec<String>,
    lots: Vec<String>,
    links: Vec<String>,
}

fn sorted_unique(mut v: Vec<String>) -> Vec<String> {
    v.retain(|s| !s.is_empty());
    v.sort();
    v.dedup();
    v
}

fn clean(input: &TenderInput) -> Result<CleanTender> {
    let title = d::name("titel", &input.title)?;
    let nuts = input.nuts.iter().map(|n| d::nuts("nuts", n)).collect::<d::Result<Vec<_>>>()?;
    let cpv = input.cpv.iter().map(|c| d::cpv("cpv", c)).collect::<d::Result<Vec<_>>>()?;
    let links = input.links.iter().map(|u| d::url("link", u)).collect::<d::Result<Vec<_>>>()?;
    let lots = input.lots.iter().map(|l| d::name("perceel", l)).collect::<d::Result<Vec<_>>>()?;
    Ok(CleanTender {
        title,
        municipalities: sorted_unique(input.municipalities.iter().map(|m| m.trim().to_string()).collect()),
        nuts: sorted_unique(nuts),
        cpv: sorted_unique(cpv),
        lots,
        links: sorted_unique(links),
    })
}

/// Inserts a tender inside the caller's transaction (or savepoint).
pub(crate) fn insert_tender(tx: &Connection, input: &TenderInput) -> Result<Uuid> {
    let c = clean(input)?;
    let id = tenderwacht_domain::ids::new_id();
    let sid = id.to_string();
    let now = now_db();
    tx.prepare_cached(
        "INSERT INTO tender (id, title, buyer, region, procedure, domain, description, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        sid,
        c.title,
        input.buyer.trim(),
        input.region.trim(),
        input.procedure.as_str(),
        input.domain.as_str(),
        input.description.trim(),
        input.status.as_str(),
        now
    ])?;
    // Values bound directly: an INSERT ... SELECT would open a statement journal, and every
    // statement journal makes FTS5 flush its pending index to disk (measured: 7% of a sync).
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO tender_fts (rowid, title, buyer, description) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
        rowid,
        c.title,
        input.buyer.trim(),
        input.description.trim()
    ])?;
    for (table, col, values) in
        [("tender_municipality", "municipality", &c.municipalities), ("tender_nuts", "code", &c.nuts), ("tender_cpv", "code", &c.cpv)]
    {
        let mut stmt = tx.prepare_cached(&format!("INSERT INTO {table} (tender_id, {col}) VALUES (?1, ?2)"))?;
        for v in values {
            stmt.execute(params![sid, v])?;
        }
    }
    let mut link = tx.prepare_cached("INSERT INTO tender_link (tender_id, url, label) VALUES (?1, ?2, '')")?;
    for url in &c.links {
        link.execute(params![sid, url])?;
    }
    let mut lot = tx.prepare_cached("INSERT INTO lot (id, tender_id, number, title) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, title) in c.lots.iter().enumerate() {
        lot.execute(params![tenderwacht_domain::ids::keyed("lot", &[&sid, &(i + 1).to_string()]).to_string(), sid, i as i64 + 1, title])?;
    }
    Ok(id)
}

/// The tender's own columns, in [`read_tender`]'s order (its closing comes after them).
macro_rules! tender_columns {
    () => {
        "t.id, t.title, t.buyer, t.region, t.procedure, t.domain, t.description, t.status, t.created_at, t.updated_at, t.phase"
    };
}
const TENDER_COLUMNS: &str = tender_columns!();

const TENDER_SELECT: &str = concat!(
    "SELECT ",
    tender_columns!(),
    ", (SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = t.id AND m.kind IN ",
    tenderwacht_domain::closing_kinds!(),
    ") AS closing FROM tender t"
);

/// A tender's closing milestone that no later one (or, at the same moment, a later id) overrides:
/// exactly one row per tender with a closing date, at its latest closing.
const LATEST_CLOSING: &str = concat!(
    "m.kind IN ",
    tenderwacht_domain::closing_kinds!(),
    " AND NOT EXISTS (SELECT 1 FROM milestone m2
        WHERE m2.tender_id = m.tender_id AND m2.kind IN ",
    tenderwacht_domain::closing_kinds!(),
    " AND (m2.at_utc > m.at_utc OR (m2.at_utc = m.at_utc AND m2.id > m.id)))"
);

fn read_tender(r: &rusqlite::Row) -> rusqlite::Result<Tender> {
    Ok(Tender {
        id: col_uuid(r, 0)?,
        title: r.get(1)?,
        buyer: r.get(2)?,
        region: r.get(3)?,
        municipalities: vec![],
        nuts: vec![],
        cpv: vec![],
        procedure: col_enum(r, 4, Procedure::from_db)?,
        domain: col_enum(r, 5, TenderDomain::from_db)?,
        description: r.get(6)?,
        status: col_enum(r, 7, TenderStatus::from_db)?,
        phase: col_enum(r, 10, tenderwacht_domain::ProcedurePhase::from_db)?.at(col_moment_opt(r, 11)?, chrono::Utc::now()),
        lots: vec![],
        links: vec![],
        closing: col_moment_opt(r, 11)?,
        created_at: col_moment(r, 8)?,
        updated_at: col_moment(r, 9)?,
    })
}

impl Store {
    /// Creates a tender with its lots and codes in one transaction.
    pub fn add_tender(&mut self, input: &TenderInput) -> Result<Uuid> {
        self.write(|tx| {
            let id = insert_tender(tx, input)?;
            Ok(id)
        })
    }

    /// Creates a tender, its closing milestone and the requirements of a template, all in one
    /// transaction: either all of it is stored or none.
    pub fn create_tender(&mut self, input: &TenderInput, closing: Option<DateTime<Utc>>, template: Option<&str>) -> Result<Uuid> {
        let tpl = template.map(|t| self.requirement_template(t)).transpose()?;
        self.write(|tx| {
            let id = insert_tender(tx, input)?;
            if let Some(at) = closing {
                crate::tender::milestones::insert_milestone(
                    tx,
                    tenderwacht_domain::ids::new_id(),
                    id,
                    tenderwacht_domain::MilestoneKind::Sluiting,
                    "",
                    at,
                    "",
                )?;
            }
            if let Some(tpl) = &tpl {
                crate::tender::requirements::insert_template_items(tx, id, tpl)?;
            }
            Ok(id)
        })
    }

    /// A tender with all its side data.
    pub fn tender(&self, id: Uuid) -> Result<Tender> {
        let mut stmt = self.conn.prepare_cached(&format!("{TENDER_SELECT} WHERE t.id = ?1"))?;
        let mut t = stmt
            .query_map([id.to_string()], read_tender)?
            .next()
            .transpose()?
            .ok_or_else(|| StoreError::NotFound { what: "aanbesteding", key: id.to_string() })?;
        let sid = id.to_string();
        let list = |sql: &str| -> Result<Vec<String>> {
            let mut s = self.conn.prepare_cached(sql)?;
            let v = s.query_map([&sid], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(v)
        };
        t.municipalities = list("SELECT municipality FROM tender_municipality WHERE tender_id = ?1 ORDER BY 1")?;
        t.nuts = list("SELECT code FROM tender_nuts WHERE tender_id = ?1 ORDER BY 1")?;
        t.cpv = list("SELECT code FROM tender_cpv WHERE tender_id = ?1 ORDER BY 1")?;
        let mut links = self.conn.prepare_cached("SELECT url, label FROM tender_link WHERE tender_id = ?1 ORDER BY url")?;
        t.links = links.query_map([&sid], |r| Ok(SourceLink { url: r.get(0)?, label: r.get(1)? }))?.collect::<rusqlite::Result<_>>()?;
        t.lots = self.lots(id)?;
        Ok(t)
    }

    pub fn lots(&self, tender: Uuid) -> Result<Vec<Lot>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, number, title FROM lot WHERE tender_id = ?1 ORDER BY number")?;
        let lots = stmt
            .query_map([tender.to_string()], |r| Ok(Lot { id: col_uuid(r, 0)?, number: r.get(1)?, title: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lots)
    }

    /// The lot id of a tender's lot number, or a clear error.
    pub fn lot_id(&self, tender: Uuid, number: u32) -> Result<Uuid> {
        self.lots(tender)?
            .into_iter()
            .find(|l| l.number == number)
            .map(|l| l.id)
            .ok_or_else(|| StoreError::invalid("perceel", format!("aanbesteding heeft geen perceel {number}")))
    }

    /// Tenders, soonest closing first (those without a closing date last, by title; equal
    /// closings by title). Side lists are not loaded here; use [`Store::tender`] for one tender's
    /// full record.
    ///
    /// Open tenders first by closing, then those without a closing date, then the closed ones,
    /// most recently closed first. Two plans, because the list is read on every keystroke: without a search, status or source
    /// filter most tenders match, so the closing dates are walked in index order and reading stops
    /// at the limit (20,000 tenders: 30 -> 3 ms); with one of those the matches are few, so they
    /// are found first and sorted after.
    pub fn tenders(&self, filter: &TenderFilter) -> Result<Vec<Tender>> {
        let mut clauses = vec![];
        let mut args: Vec<String> = vec![];
        let mut arg = |v: String| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(s) = filter.status {
            clauses.push(format!("t.status = {}", arg(s.as_str().to_string())));
        }
        if filter.followed {
            clauses.push(tenderwacht_domain::followed_status_test!("t.status").to_string());
        }
        if let Some(r) = filter.region.as_deref().filter(|r| !r.is_empty()) {
            clauses.push(format!("t.region = {} COLLATE NOCASE", arg(r.to_string())));
        }
        if let Some(dm) = filter.domain {
            clauses.push(format!("t.domain = {}", arg(dm.as_str().to_string())));
        }
        let mut searched = false;
        if let Some(q) = filter.query.as_deref() {
            match crate::tender::search::fts_query(q) {
                Some(m) => {
                    searched = true;
                    clauses.push(format!("t.rowid IN (SELECT rowid FROM tender_fts WHERE tender_fts MATCH {})", arg(m)));
                }
                None if q.trim().is_empty() => {}
                None => return Ok(vec![]),
            }
        }
        let by_source = !matches!(filter.source.as_deref(), None | Some(""));
        match filter.source.as_deref() {
            None | Some("") => {}
            Some(tenderwacht_domain::publication::HAND_MADE_SOURCE) => {
                clauses.push("NOT EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = t.id)".into())
            }
            Some(src) => {
                clauses.push(format!("EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = t.id AND p.source_kind = {})", arg(src.to_string())))
            }
        }
        let mut closing = vec![];
        if let Some(from) = filter.closing_from {
            closing.push(format!(">= {}", arg(tenderwacht_domain::time::to_db(tenderwacht_domain::time::start_of_local_day(from)))));
        }
        if let Some(to) = filter.closing_to {
            let end = to.succ_opt().unwrap_or(to);
            closing.push(format!("< {}", arg(tenderwacht_domain::time::to_db(tenderwacht_domain::time::start_of_local_day(end)))));
        }
        let limit = |n: Option<usize>| n.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let query = |sql: &str, args: &[String]| -> Result<Vec<Tender>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), read_tender)?.collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };

        // The order a consultant reads: still open first (soonest closing first), then those
        // without a closing date, then the closed ones (most recently closed first).
        let now = tenderwacht_domain::time::to_db(chrono::Utc::now());
        if filter.status.is_some() || searched || by_source {
            let filter_sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
            let outer: Vec<String> = closing.iter().map(|c| format!("closing {c}")).collect();
            let outer_sql = if outer.is_empty() { String::new() } else { format!(" WHERE {}", outer.join(" AND ")) };
            let now = arg(now);
            let sql = format!(
                "SELECT * FROM ({TENDER_SELECT}{filter_sql}){outer_sql}
                 ORDER BY CASE WHEN closing >= {now} THEN 0 WHEN closing IS NULL THEN 1 ELSE 2 END,
                          CASE WHEN closing >= {now} THEN closing END, closing DESC, title{}",
                limit(filter.limit)
            );
            return query(&sql, &args);
        }
        let and = |extra: &[String]| clauses.iter().chain(extra).map(|c| format!(" AND {c}")).collect::<String>();
        let at: Vec<String> = closing.iter().map(|c| format!("m.at_utc {c}")).collect();
        // Each part walks the closing index in its own direction and stops at the limit.
        let mut with_now = args.clone();
        with_now.push(now);
        let now_arg = format!("?{}", with_now.len());
        let open = format!(
            "SELECT {TENDER_COLUMNS}, m.at_utc FROM milestone m JOIN tender t ON t.id = m.tender_id
             WHERE {LATEST_CLOSING}{} AND m.at_utc >= {now_arg} ORDER BY m.at_utc, t.title{}",
            and(&at),
            limit(filter.limit)
        );
        let mut list = query(&open, &with_now)?;
        // Tenders without a closing date next; a closing filter leaves them out.
        let rest = |list: &Vec<Tender>| filter.limit.map(|n| n.saturating_sub(list.len()));
        if closing.is_empty() && rest(&list) != Some(0) {
            let sql = format!(
                "SELECT {TENDER_COLUMNS}, NULL FROM tender t
                 WHERE NOT EXISTS (SELECT 1 FROM milestone m WHERE m.tender_id = t.id AND m.kind IN {}){} ORDER BY t.title{}",
                tenderwacht_domain::CLOSING_KINDS_SQL,
                and(&[]),
                limit(rest(&list))
            );
            list.extend(query(&sql, &args)?);
        }
        if rest(&list) != Some(0) {
            let closed = format!(
                "SELECT {TENDER_COLUMNS}, m.at_utc FROM milestone m JOIN tender t ON t.id = m.tender_id
                 WHERE {LATEST_CLOSING}{} AND m.at_utc < {now_arg} ORDER BY m.at_utc DESC, t.title{}",
                and(&at),
                limit(rest(&list))
            );
            list.extend(query(&closed, &with_now)?);
        }
        Ok(list)
    }

    pub fn edit_tender(&mut self, id: Uuid, patch: &TenderPatch) -> Result<Tender> {
        let cur = self.tender(id)?;
        let title = match &patch.title {
            Some(t) => d::name("titel", t)?,
            None => cur.title,
        };
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE tender SET title=?2, buyer=?3, region=?4, procedure=?5, domain=?6, description=?7, status=?8, updated_at=?9
             WHERE id=?1",
            )?
            .execute(params![
                id.to_string(),
                title,
                patch.buyer.as_deref().unwrap_or(&cur.buyer).trim(),
                patch.region.as_deref().unwrap_or(&cur.region).trim(),
                patch.procedure.unwrap_or(cur.procedure).as_str(),
                patch.domain.unwrap_or(cur.domain).as_str(),
                patch.description.as_deref().unwrap_or(&cur.description).trim(),
                patch.status.unwrap_or(cur.status).as_str(),
                now_db()
            ])?;
            Ok(())
        })?;
        self.tender(id)
    }

    /// Finds a tender by id (or unique fragment) or title (exact, then unique part).
    pub fn resolve_tender(&self, key: &str) -> Result<Uuid> {
        let k = key.trim();
        if let Ok(u) = Uuid::parse_str(k) {
            return self.tender(u).map(|t| t.id);
        }
        if k.len() >= 6 && k.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            let mut stmt = self.conn.prepare_cached("SELECT id, title FROM tender WHERE instr(id, ?1) > 0 LIMIT 6")?;
            let rows: Vec<(Uuid, String)> =
                stmt.query_map([k.to_lowercase()], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            if !rows.is_empty() {
                return pick_one("aanbesteding", key, rows.iter().collect());
            }
        }
        let folded = fold(k);
        let mut stmt = self.conn.prepare_cached("SELECT id, title FROM tender")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let exact: Vec<&(Uuid, String)> = rows.iter().filter(|(_, t)| fold(t) == folded).collect();
        if !exact.is_empty() {
            return pick_one("aanbesteding", key, exact);
        }
        let part: Vec<&(Uuid, String)> = rows.iter().filter(|(_, t)| fold(t).contains(&folded)).collect();
        pick_one("aanbesteding", key, part)
    }
}
