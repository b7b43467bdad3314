//! Queries of `obligation`: what a contract keeps asking during its term, and each obligation of
//! each delivering party judged against today (for the contract, the agenda and the Overzicht).

use super::ContractFilter;
use crate::error::{Result, StoreError};
use crate::{col_date_opt, col_uuid, Store};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use tenderwacht_domain::{
    checklist::DocDates,
    contract::{judge_obligation, ObligationStatus},
    Obligation, ObligationRule,
};
use ts_rs::TS;
use uuid::Uuid;

/// Writes an obligation in a running transaction; its id derives from contract, type and rule, so
/// the same obligation added twice (or on two laptops) meets on one row.
pub(crate) fn insert_obligation(
    tx: &rusqlite::Connection,
    contract: Uuid,
    type_id: Uuid,
    type_code: &str,
    rule: ObligationRule,
    note: &str,
) -> Result<Uuid> {
    let (kind, month, day, within) = match rule {
        ObligationRule::YearlyBefore { month, day } => ("yearly_before", Some(month), Some(day), None),
        ObligationRule::ValidThroughout => ("valid_throughout", None, None, None),
        ObligationRule::AfterChange { within_days } => ("after_change", None, None, Some(within_days)),
    };
    let id = tenderwacht_domain::ids::keyed("obligation", &[&contract.to_string(), type_code, kind]);
    tx.execute(
        "INSERT INTO obligation (id, contract_id, type_id, rule, month, day, within_days, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET month = excluded.month, day = excluded.day, within_days = excluded.within_days,
            note = excluded.note",
        params![id.to_string(), contract.to_string(), type_id.to_string(), kind, month, day, within, note.trim()],
    )?;
    Ok(id)
}

/// Makes each accepted "during the contract" document of a tender (read from the buyer's
/// documents: "uiterlijk 6 maanden na ingangsdatum van de overeenkomst") an obligation "valid
/// throughout" of each contract won from that tender; run when either side comes into being.
pub(crate) fn obligations_from_proposals(tx: &rusqlite::Connection, tender: Uuid) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, t.id, t.code, p.quote FROM requirement_proposal p
           JOIN document_type t ON t.id = p.type_id
           JOIN contract c ON c.tender_id = p.tender_id
         WHERE p.tender_id = ?1 AND p.status = 'accepted' AND p.kind = 'document' AND p.asked = 'during_contract'",
    )?;
    let rows: Vec<(Uuid, Uuid, String, String)> =
        stmt.query_map([tender.to_string()], |r| Ok((col_uuid(r, 0)?, col_uuid(r, 1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
    for (contract, type_id, code, quote) in &rows {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM obligation WHERE contract_id = ?1 AND type_id = ?2)",
            params![contract.to_string(), type_id.to_string()],
            |r| r.get(0),
        )?;
        if !exists {
            let note: String = format!("uit de stukken: {}", quote.chars().take(200).collect::<String>());
            insert_obligation(tx, *contract, *type_id, code, ObligationRule::ValidThroughout, &note)?;
        }
    }
    Ok(rows.len())
}

pub(crate) const OBLIGATION_SELECT: &str = "SELECT o.contract_id, o.id, t.code, t.name, o.rule, o.month, o.day, o.note, o.within_days, o.changed_on
     FROM obligation o JOIN document_type t ON t.id = o.type_id";

/// What a cached judgement of the obligations depends on: the day, the party asked for, and the
/// data (another connection's commits bump `data_version`, this one's `total_changes`).
pub(crate) type ObligationKey = (Option<Uuid>, (NaiveDate, i64, u64));

/// The obligations' rows as read, for a party (or all), kept until the data changes.
pub(crate) type ObligationRows = ((Option<Uuid>, i64, u64), std::sync::Arc<[ObligationRow]>);

/// One obligation of one delivering party, judged today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ObligationView {
    pub contract_id: Uuid,
    pub contract_title: String,
    pub obligation_id: Uuid,
    pub party_id: Uuid,
    pub party_name: String,
    pub type_name: String,
    pub rule: String,
    pub judged: ObligationStatus,
}

impl Store {
    /// Adds what the contract keeps asking (a catalogue document under a rule).
    pub fn add_obligation(&mut self, contract: Uuid, type_code: &str, rule: ObligationRule, note: &str) -> Result<Uuid> {
        self.contract(contract)?;
        let t = self.document_type(type_code)?;
        if let ObligationRule::YearlyBefore { month, day } = rule {
            if NaiveDate::from_ymd_opt(2028, month, day).is_none() {
                return Err(StoreError::invalid("datum", format!("{day}-{month} bestaat niet")));
            }
        }
        if matches!(rule, ObligationRule::AfterChange { within_days: 0 }) {
            return Err(StoreError::invalid("binnen", "geef een aantal dagen (bijv. 14)"));
        }
        self.write(|tx| insert_obligation(tx, contract, t.id, &t.code, rule, note))
    }

    /// Records the day a change happened for an "after a change" obligation (new staff, a new
    /// location): from then on a fresh document is due within its days.
    pub fn report_change(&mut self, obligation: Uuid, on: NaiveDate) -> Result<()> {
        if on > self.today() {
            return Err(StoreError::invalid("wijziging", "ligt in de toekomst"));
        }
        let n = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE obligation SET changed_on = ?2 WHERE id = ?1 AND rule = 'after_change'",
                params![obligation.to_string(), on.to_string()],
            )?)
        })?;
        if n == 0 {
            return Err(StoreError::invalid("verplichting", "geen verplichting 'binnen een termijn na een wijziging'"));
        }
        Ok(())
    }

    /// Finds an obligation by id fragment, or by the catalogue code within a contract.
    pub fn resolve_obligation(&self, contract: Uuid, key: &str) -> Result<Uuid> {
        let c = self.contract(contract)?;
        let k = key.trim().to_lowercase();
        let hits: Vec<(Uuid, String)> = c
            .obligations
            .iter()
            .filter(|o| o.type_code == k || (k.len() >= 6 && o.id.to_string().contains(&k)))
            .map(|o| (o.id, o.type_name.clone()))
            .collect();
        crate::pick_one("verplichting", key, hits.iter().collect())
    }

    /// Every running contract's obligations, per delivering party (the contract's party, or the
    /// members a cooperative delivers through), judged against today.
    pub fn obligation_views(&self, filter: &ContractFilter) -> Result<Vec<ObligationView>> {
        self.judged_obligations(filter, None)
    }

    /// The obligations that need action today (for the agenda and the Overzicht): every row
    /// judged by the one rule in `domain::contract`.
    ///
    /// The answer only changes with the day or the data, so it is kept until either changes (the
    /// Overzicht and the agenda ask often); the rows are kept until the data changes.
    pub fn obligations_needing_action(&self, party: Option<Uuid>) -> Result<std::sync::Arc<[ObligationView]>> {
        let key = (party, self.data_stamp()?);
        if let Some((k, views)) = self.obligation_cache.borrow().as_ref() {
            if *k == key {
                return Ok(views.clone());
            }
        }
        // The rows only change with the data, not the day: a new day judges the kept rows again
        // in memory (20,000 in a few milliseconds) instead of reading them again.
        let (_, version, changes) = key.1;
        let data_key = (party, version, changes);
        let kept = self.obligation_rows_cache.borrow().as_ref().filter(|(k, _)| *k == data_key).map(|(_, rows)| rows.clone());
        let rows = match kept {
            Some(rows) => rows,
            None => {
                let filter = ContractFilter { party, ..Default::default() };
                let rows: std::sync::Arc<[ObligationRow]> = self.obligation_rows(&filter, None)?.into();
                *self.obligation_rows_cache.borrow_mut() = Some((data_key, rows.clone()));
                rows
            }
        };
        let today = self.today();
        // Judged without words; only what needs action is worded.
        let views: std::sync::Arc<[ObligationView]> = rows
            .iter()
            .filter_map(|row| {
                let v = tenderwacht_domain::contract::obligation_verdict(row.kind(), row.rule, row.doc, today, row.changed_on);
                v.status
                    .is_problem()
                    .then(|| row.view(ObligationStatus { status: v.status, due: v.due, act_by: v.act_by, reason: v.why.text(row.kind()) }))
            })
            .collect();
        *self.obligation_cache.borrow_mut() = Some((key, views.clone()));
        Ok(views)
    }

    /// One contract's obligations (the contract's detail), ended or not.
    pub fn contract_obligations(&self, contract: Uuid) -> Result<Vec<ObligationView>> {
        self.judged_obligations(&ContractFilter { include_ended: true, ..Default::default() }, Some(contract))
    }

    fn judged_obligations(&self, f: &ContractFilter, contract: Option<Uuid>) -> Result<Vec<ObligationView>> {
        let today = self.today();
        Ok(self.obligation_rows(f, contract)?.iter().map(|row| row.view(row.judge(today))).collect())
    }

    /// Every obligation of every delivering party of the contracts the filter selects, read but
    /// not judged.
    fn obligation_rows(&self, f: &ContractFilter, contract: Option<Uuid>) -> Result<Vec<ObligationRow>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH deliver AS (
                 SELECT m.contract_id, m.party_id FROM contract_member m
                 UNION ALL
                 SELECT c.id, c.party_id FROM contract c WHERE NOT EXISTS (SELECT 1 FROM contract_member m WHERE m.contract_id = c.id))
             SELECT o.id, c.id, c.title, p.id, p.name, o.type_id, c.end_date, o.rule, o.month, o.day, d.issue_date, d.expiry_date,
                    o.within_days, o.changed_on
             FROM obligation o
             JOIN contract c ON c.id = o.contract_id
             JOIN deliver dl ON dl.contract_id = c.id
             JOIN party p ON p.id = dl.party_id
             LEFT JOIN document d ON d.party_id = p.id AND d.type_id = o.type_id AND d.is_current = 1
             WHERE (?1 OR c.state = 'lopend') AND (?2 IS NULL OR c.id = ?2) AND (?3 IS NULL OR p.id = ?3 OR c.party_id = ?3)
               AND (?4 IS NULL OR c.domain = ?4)
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM contract_municipality cm WHERE cm.contract_id = c.id AND cm.municipality = ?5 COLLATE NOCASE))",
        )?;
        // The catalogue is small: read once, not per row (20,000 rows each parsing their type).
        let types: std::collections::HashMap<Uuid, tenderwacht_domain::DocumentType> =
            self.document_types()?.into_iter().map(|t| (t.id, t)).collect();
        let rows = stmt.query_map(
            params![f.include_ended, contract.map(|c| c.to_string()), f.party.map(|p| p.to_string()), f.domain.map(|d| d.as_str()), f.municipality,],
            |r| {
                let type_id = col_uuid(r, 5)?;
                let t = types.get(&type_id).ok_or(rusqlite::Error::InvalidColumnType(5, "type_id".into(), rusqlite::types::Type::Text))?;
                let rule = rule_from(r.get_ref(7)?.as_str()?, r.get(8)?, r.get(9)?, r.get(12)?);
                let changed_on = col_date_opt(r, 13)?;
                let issue = col_date_opt(r, 10)?;
                let doc = issue.map(|issue| Ok::<_, rusqlite::Error>(DocDates { issue, printed_expiry: col_date_opt(r, 11)? })).transpose()?;
                Ok(ObligationRow {
                    obligation_id: col_uuid(r, 0)?,
                    contract_id: col_uuid(r, 1)?,
                    contract_title: r.get(2)?,
                    party_id: col_uuid(r, 3)?,
                    party_name: r.get(4)?,
                    contract_end: crate::col_date(r, 6)?,
                    validity: t.rule,
                    lead: t.lead_time,
                    obtain: t.obtain(),
                    type_name: t.name.clone(),
                    rule,
                    doc,
                    changed_on,
                })
            },
        )?;
        // In the order the screens list them: by the contract's end, title, type and party (sorted
        // here, not by SQLite, which sorted every row with its strings in a temporary tree).
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_by(|a, b| {
            (a.contract_end, &a.contract_title, &a.type_name, &a.party_name).cmp(&(b.contract_end, &b.contract_title, &b.type_name, &b.party_name))
        });
        Ok(rows)
    }
}

/// One obligation of one delivering party as stored, before it is judged on a day.
#[derive(Debug, Clone)]
pub(crate) struct ObligationRow {
    obligation_id: Uuid,
    contract_id: Uuid,
    contract_title: String,
    contract_end: NaiveDate,
    party_id: Uuid,
    party_name: String,
    type_name: String,
    validity: tenderwacht_domain::ValidityRule,
    lead: tenderwacht_domain::time::Period,
    obtain: tenderwacht_domain::Obtain,
    rule: ObligationRule,
    doc: Option<DocDates>,
    changed_on: Option<NaiveDate>,
}

impl ObligationRow {
    /// The one rule of `domain::contract`, on `today`.
    fn judge(&self, today: NaiveDate) -> ObligationStatus {
        judge_obligation(self.kind(), self.rule, self.doc, today, self.changed_on)
    }

    fn kind(&self) -> tenderwacht_domain::contract::Obliged<'_> {
        tenderwacht_domain::contract::Obliged { name: &self.type_name, validity: self.validity, lead: self.lead, obtain: self.obtain }
    }

    fn view(&self, judged: ObligationStatus) -> ObligationView {
        ObligationView {
            contract_id: self.contract_id,
            contract_title: self.contract_title.clone(),
            obligation_id: self.obligation_id,
            party_id: self.party_id,
            party_name: self.party_name.clone(),
            type_name: self.type_name.clone(),
            rule: self.rule.describe(),
            judged,
        }
    }
}

/// An obligation's rule from its stored columns.
fn rule_from(kind: &str, month: Option<u32>, day: Option<u32>, within_days: Option<u32>) -> ObligationRule {
    match (kind, month, day, within_days) {
        ("yearly_before", Some(month), Some(day), _) => ObligationRule::YearlyBefore { month, day },
        ("after_change", _, _, Some(within_days)) => ObligationRule::AfterChange { within_days },
        _ => ObligationRule::ValidThroughout,
    }
}

/// An obligation from [`OBLIGATION_SELECT`].
pub(crate) fn read_obligation(r: &rusqlite::Row) -> rusqlite::Result<Obligation> {
    let kind: String = r.get(4)?;
    Ok(Obligation {
        contract_id: col_uuid(r, 0)?,
        id: col_uuid(r, 1)?,
        type_code: r.get(2)?,
        type_name: r.get(3)?,
        rule: rule_from(&kind, r.get(5)?, r.get(6)?, r.get(8)?),
        note: r.get(7)?,
        changed_on: col_date_opt(r, 9)?,
    })
}
