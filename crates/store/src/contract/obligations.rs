//! Queries of `obligation`: what a contract keeps asking during its term, and each obligation of
//! each delivering party judged against today (for the contract, the agenda and the Overzicht).

use super::ContractFilter;
use crate::error::{Result, StoreError};
use crate::{col_date_opt, col_uuid, Store, TYPE_COLS_T};
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

pub(crate) const OBLIGATION_SELECT: &str = "SELECT o.contract_id, o.id, t.code, t.name, o.rule, o.month, o.day, o.note, o.within_days, o.changed_on
     FROM obligation o JOIN document_type t ON t.id = o.type_id";

/// What a cached judgement of the obligations depends on: the day, the party asked for, and the
/// data (another connection's commits bump `data_version`, this one's `total_changes`).
pub(crate) type ObligationKey = (Option<Uuid>, (NaiveDate, i64, u64));

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
        let (kind, month, day, within) = match rule {
            ObligationRule::YearlyBefore { month, day } => ("yearly_before", Some(month), Some(day), None),
            ObligationRule::ValidThroughout => ("valid_throughout", None, None, None),
            ObligationRule::AfterChange { within_days } => ("after_change", None, None, Some(within_days)),
        };
        let id = tenderwacht_domain::ids::keyed("obligation", &[&contract.to_string(), &t.code, kind]);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO obligation (id, contract_id, type_id, rule, month, day, within_days, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET month = excluded.month, day = excluded.day, within_days = excluded.within_days,
                    note = excluded.note",
                params![id.to_string(), contract.to_string(), t.id.to_string(), kind, month, day, within, note.trim()],
            )?;
            Ok(id)
        })
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
        self.judged_obligations(filter, None, false)
    }

    /// The obligations that need action today (for the agenda and the Overzicht). SQL narrows
    /// 20,000 obligations to the few that may need action (a generous superset: SQLite's month
    /// arithmetic overshoots month ends by up to three days, the slack is eight); each is then
    /// judged by the one rule in `core::contract`.
    ///
    /// The answer only changes with the day or the data, so it is kept until either changes (the
    /// Overzicht and the agenda ask often; judging 20,000 obligations takes ~35 ms).
    pub fn obligations_needing_action(&self, party: Option<Uuid>) -> Result<std::sync::Arc<[ObligationView]>> {
        let key = (party, self.data_stamp()?);
        if let Some((k, views)) = self.obligation_cache.borrow().as_ref() {
            if *k == key {
                return Ok(views.clone());
            }
        }
        let filter = ContractFilter { party, ..Default::default() };
        let views: std::sync::Arc<[ObligationView]> =
            self.judged_obligations(&filter, None, true)?.into_iter().filter(|o| o.judged.status.is_problem()).collect();
        *self.obligation_cache.borrow_mut() = Some((key, views.clone()));
        Ok(views)
    }

    /// One contract's obligations (the contract's detail), ended or not.
    pub fn contract_obligations(&self, contract: Uuid) -> Result<Vec<ObligationView>> {
        self.judged_obligations(&ContractFilter { include_ended: true, ..Default::default() }, Some(contract), false)
    }

    fn judged_obligations(&self, f: &ContractFilter, contract: Option<Uuid>, candidates_only: bool) -> Result<Vec<ObligationView>> {
        let today = self.today();
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH deliver AS (
                 SELECT m.contract_id, m.party_id FROM contract_member m
                 UNION ALL
                 SELECT c.id, c.party_id FROM contract c WHERE NOT EXISTS (SELECT 1 FROM contract_member m WHERE m.contract_id = c.id)),
             -- Per document type, once: a current document issued (or ending) before these dates
             -- may need action within the lead time (plus slack for SQLite's month arithmetic).
             limits AS (
                 SELECT id, date(?7, '+' || (lead_time_days + 8) || ' days') AS ends_before,
                        CASE WHEN rule = 'max_age' OR rule = 'valid_for'
                             THEN date(?7, '+' || (lead_time_days + 8) || ' days', '-' || rule_amount || ' ' || rule_unit) END AS issued_before
                 FROM document_type)
             SELECT o.id, c.id, c.title, p.id, p.name, {TYPE_COLS_T}, o.rule, o.month, o.day, d.issue_date, d.expiry_date,
                    o.within_days, o.changed_on
             FROM obligation o
             JOIN contract c ON c.id = o.contract_id
             JOIN deliver dl ON dl.contract_id = c.id
             JOIN party p ON p.id = dl.party_id
             JOIN document_type t ON t.id = o.type_id
             JOIN limits l ON l.id = o.type_id
             LEFT JOIN document d ON d.party_id = p.id AND d.type_id = o.type_id AND d.is_current = 1
             WHERE (?1 OR c.state = 'lopend') AND (?2 IS NULL OR c.id = ?2) AND (?3 IS NULL OR p.id = ?3 OR c.party_id = ?3)
               AND (?4 IS NULL OR c.domain = ?4)
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM contract_municipality cm WHERE cm.contract_id = c.id AND cm.municipality = ?5 COLLATE NOCASE))
               AND (NOT ?6 OR d.issue_date IS NULL OR d.issue_date > ?7
                    OR (o.rule = 'yearly_before' AND d.issue_date <=
                        (CAST(substr(?7, 1, 4) AS INTEGER) - (printf('%02d-%02d', o.month, o.day) >= substr(?7, 6))) || printf('-%02d-%02d', o.month, o.day))
                    OR (o.rule = 'after_change' AND o.changed_on <= ?7 AND d.issue_date < o.changed_on)
                    OR (o.rule = 'valid_throughout' AND (
                        (t.rule = 'until_printed' AND d.expiry_date < l.ends_before) OR d.issue_date < l.issued_before)))
             ORDER BY c.end_date, c.title, t.name, p.name"
        ))?;
        let rows = stmt.query_map(
            params![
                f.include_ended,
                contract.map(|c| c.to_string()),
                f.party.map(|p| p.to_string()),
                f.domain.map(|d| d.as_str()),
                f.municipality,
                candidates_only,
                today.to_string()
            ],
            |r| {
                let t = crate::read_type(r, 5)?;
                let rule = rule_from(r.get_ref(14)?.as_str()?, r.get(15)?, r.get(16)?, r.get(19)?);
                let changed_on = col_date_opt(r, 20)?;
                let issue = col_date_opt(r, 17)?;
                let doc = issue.map(|issue| Ok::<_, rusqlite::Error>(DocDates { issue, printed_expiry: col_date_opt(r, 18)? })).transpose()?;
                Ok(ObligationView {
                    obligation_id: col_uuid(r, 0)?,
                    contract_id: col_uuid(r, 1)?,
                    contract_title: r.get(2)?,
                    party_id: col_uuid(r, 3)?,
                    party_name: r.get(4)?,
                    rule: rule.describe(),
                    judged: judge_obligation(
                        tenderwacht_domain::contract::Obliged { name: &t.name, validity: t.rule, lead: t.lead_time, obtain: t.obtain() },
                        rule,
                        doc,
                        today,
                        changed_on,
                    ),
                    type_name: t.name,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
