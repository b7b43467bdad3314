//! Queries of `contract`, `contract_member`, `contract_municipality` and `obligation`: contracts
//! after the award, their extensions and end, and the obligations judged against today.

use super::{col_date, col_enum, col_period, col_uuid, col_uuid_opt, match_id_fragment, now_db, Store, TYPE_COLS_T};
use crate::checklist::DocDates;
use crate::contract::{expected_retender, extended_end, judge_obligation, ObligationStatus};
use crate::domain::{CareDomain, Contract, ContractInput, ContractState, Obligation, ObligationRule, PartyKind};
use crate::error::{CoreError, Result};
use crate::time::Period;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// What a cached judgement of the obligations depends on: the day, the party asked for, and the
/// data (another connection's commits bump `data_version`, this one's `total_changes`).
pub(super) type ObligationKey = (NaiveDate, Option<Uuid>, i64, u64);

/// Which contracts to list.
#[derive(Debug, Clone, Default)]
pub struct ContractFilter {
    pub party: Option<Uuid>,
    pub municipality: Option<String>,
    pub domain: Option<CareDomain>,
    /// Only those ending within this period from today.
    pub ending_within: Option<Period>,
    /// Also the ended ones.
    pub include_ended: bool,
}

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

/// A contract nearing its end with no extension left: a new procedure is to be expected.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExpectedRetender {
    pub contract_id: Uuid,
    pub text: String,
    pub buyer: String,
    pub domain: CareDomain,
    pub end: NaiveDate,
    /// The parties holding the contract: the likely bidders.
    pub holders: Vec<String>,
    /// A procedure of the same buyer and domain already in the store (from a sync): the new one.
    pub new_tender_id: Option<Uuid>,
    pub new_tender_title: Option<String>,
}

const CONTRACT_SELECT: &str = "SELECT c.id, c.title, c.party_id, p.name, c.buyer, c.domain, c.start_date, c.end_date, c.extensions_total,
        c.extensions_used, c.extension_amount, c.extension_unit, c.notice_amount, c.notice_unit, c.tender_id, c.state
     FROM contract c JOIN party p ON p.id = c.party_id";

impl Store {
    /// Registers a contract (checked first); a contract from a tender gets an id derived from
    /// tender and party, so two laptops registering the same award meet on one row.
    pub fn add_contract(&mut self, input: &ContractInput) -> Result<Uuid> {
        let party = self.party(input.party_id)?;
        let buyer = crate::domain::name("opdrachtgever", &input.buyer)?;
        if input.end < input.start {
            return Err(CoreError::invalid("einddatum", "ligt vóór de startdatum"));
        }
        if input.extensions > 0 && input.extension_length.is_none() {
            return Err(CoreError::invalid("verlengingen", "geef ook de duur van een verlenging (bijv. 12m)"));
        }
        if !input.members.is_empty() && party.kind != PartyKind::Cooperative {
            return Err(CoreError::invalid("leden", "alleen een coöperatie levert via leden"));
        }
        let title = match (input.title.trim(), input.tender_id) {
            (t, _) if !t.is_empty() => t.to_string(),
            (_, Some(t)) => self.tender(t)?.title,
            _ => format!("{buyer} {}", input.domain.label()),
        };
        let id = match input.tender_id {
            Some(t) => crate::ids::keyed("contract", &[&t.to_string(), &party.id.to_string()]),
            None => crate::ids::new_id(),
        };
        self.write(|tx| {
            let (ea, eu) = period_parts(input.extension_length);
            let (na, nu) = period_parts(input.notice);
            let n = tx.execute(
                "INSERT OR IGNORE INTO contract (id, title, party_id, buyer, domain, start_date, end_date, extensions_total, extension_amount,
                     extension_unit, notice_amount, notice_unit, tender_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    id.to_string(),
                    title,
                    party.id.to_string(),
                    buyer,
                    input.domain.as_str(),
                    input.start.to_string(),
                    input.end.to_string(),
                    input.extensions,
                    ea,
                    eu,
                    na,
                    nu,
                    input.tender_id.map(|t| t.to_string()),
                    now_db()
                ],
            )?;
            if n == 0 {
                return Err(CoreError::Duplicate { what: "contract", key: title.clone() });
            }
            for m in &input.members {
                tx.execute("INSERT OR IGNORE INTO contract_member (contract_id, party_id) VALUES (?1, ?2)", params![id.to_string(), m.to_string()])?;
            }
            for m in input.municipalities.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
                tx.execute("INSERT OR IGNORE INTO contract_municipality (contract_id, municipality) VALUES (?1, ?2)", params![id.to_string(), m])?;
            }
            Ok(id)
        })
    }

    pub fn contract(&self, id: Uuid) -> Result<Contract> {
        let mut stmt = self.conn.prepare_cached(&format!("{CONTRACT_SELECT} WHERE c.id = ?1"))?;
        let c = stmt
            .query_row([id.to_string()], read_contract)
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "contract", key: id.to_string() })?;
        self.complete(c)
    }

    /// Contracts by end date (soonest first).
    pub fn contracts(&self, f: &ContractFilter) -> Result<Vec<Contract>> {
        let horizon = f.ending_within.map(|p| p.after(self.today()).to_string());
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CONTRACT_SELECT}
             WHERE (?1 OR c.state = 'lopend') AND (?2 IS NULL OR c.party_id = ?2 OR EXISTS (SELECT 1 FROM contract_member m WHERE m.contract_id = c.id AND m.party_id = ?2))
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM contract_municipality m WHERE m.contract_id = c.id AND m.municipality = ?3 COLLATE NOCASE))
               AND (?4 IS NULL OR c.domain = ?4) AND (?5 IS NULL OR c.end_date <= ?5)
             ORDER BY c.end_date, c.title"
        ))?;
        let rows: Vec<Contract> = stmt
            .query_map(
                params![f.include_ended, f.party.map(|p| p.to_string()), f.municipality, f.domain.map(|d| d.as_str()), horizon],
                read_contract,
            )?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|c| self.complete(c)).collect()
    }

    fn complete(&self, mut c: Contract) -> Result<Contract> {
        let id = c.id.to_string();
        let mut stmt = self.conn.prepare_cached("SELECT party_id FROM contract_member WHERE contract_id = ?1")?;
        let members: Vec<Uuid> = stmt.query_map([&id], |r| col_uuid(r, 0))?.collect::<rusqlite::Result<_>>()?;
        c.members = members.into_iter().map(|m| self.party(m)).collect::<Result<_>>()?;
        let mut stmt = self.conn.prepare_cached("SELECT municipality FROM contract_municipality WHERE contract_id = ?1 ORDER BY municipality")?;
        c.municipalities = stmt.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.contract_id, t.code, t.name, o.rule, o.month, o.day, o.note FROM obligation o
             JOIN document_type t ON t.id = o.type_id WHERE o.contract_id = ?1 ORDER BY t.name",
        )?;
        c.obligations = stmt.query_map([&id], read_obligation)?.collect::<rusqlite::Result<_>>()?;
        Ok(c)
    }

    /// Finds a contract by id (or a unique fragment) or by title.
    pub fn resolve_contract(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, title FROM contract")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let folded = super::fold(key);
        let by_title: Vec<&(Uuid, String)> = rows.iter().filter(|(_, t)| super::fold(t).contains(&folded)).collect();
        match match_id_fragment("contract", key, rows.clone()) {
            Ok(id) => Ok(id),
            Err(_) if !by_title.is_empty() => super::pick_one("contract", key, by_title),
            Err(e) => Err(e),
        }
    }

    /// Uses one extension option: the end moves by the extension's length (clamped at month ends).
    pub fn extend_contract(&mut self, id: Uuid) -> Result<Contract> {
        let c = self.contract(id)?;
        let length = c.extension_length.ok_or_else(|| CoreError::invalid("verlenging", "dit contract heeft geen verlengingsopties"))?;
        if c.extensions_used >= c.extensions_total {
            return Err(CoreError::invalid("verlenging", format!("alle {} verlengingsopties zijn gebruikt", c.extensions_total)));
        }
        let end = extended_end(c.end, length);
        self.write(|tx| {
            tx.execute(
                "UPDATE contract SET end_date = ?2, extensions_used = extensions_used + 1 WHERE id = ?1",
                params![id.to_string(), end.to_string()],
            )?;
            Ok(())
        })?;
        self.contract(id)
    }

    /// Ends a contract (on `on`, default today, or its own end when that comes first).
    pub fn end_contract(&mut self, id: Uuid, on: Option<NaiveDate>) -> Result<Contract> {
        let c = self.contract(id)?;
        let end = on.unwrap_or(self.today()).min(c.end).max(c.start);
        self.write(|tx| {
            tx.execute("UPDATE contract SET state = 'beeindigd', end_date = ?2 WHERE id = ?1", params![id.to_string(), end.to_string()])?;
            Ok(())
        })?;
        self.contract(id)
    }

    /// Adds what the contract keeps asking (a catalogue document under a rule).
    pub fn add_obligation(&mut self, contract: Uuid, type_code: &str, rule: ObligationRule, note: &str) -> Result<Uuid> {
        self.contract(contract)?;
        let t = self.document_type(type_code)?;
        if let ObligationRule::YearlyBefore { month, day } = rule {
            if NaiveDate::from_ymd_opt(2028, month, day).is_none() {
                return Err(CoreError::invalid("datum", format!("{day}-{month} bestaat niet")));
            }
        }
        let (kind, month, day) = match rule {
            ObligationRule::YearlyBefore { month, day } => ("yearly_before", Some(month), Some(day)),
            ObligationRule::ValidThroughout => ("valid_throughout", None, None),
        };
        let id = crate::ids::keyed("obligation", &[&contract.to_string(), &t.code, kind]);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO obligation (id, contract_id, type_id, rule, month, day, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET month = excluded.month, day = excluded.day, note = excluded.note",
                params![id.to_string(), contract.to_string(), t.id.to_string(), kind, month, day, note.trim()],
            )?;
            Ok(id)
        })
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
    pub fn obligations_needing_action(&self, party: Option<Uuid>) -> Result<Vec<ObligationView>> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let key = (self.today(), party, data_version, self.conn.total_changes());
        if let Some((k, views)) = self.obligation_cache.borrow().as_ref() {
            if *k == key {
                return Ok(views.clone());
            }
        }
        let filter = ContractFilter { party, ..Default::default() };
        let views: Vec<ObligationView> = self.judged_obligations(&filter, None, true)?.into_iter().filter(|o| o.judged.status.is_problem()).collect();
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
             SELECT o.id, c.id, c.title, p.id, p.name, {TYPE_COLS_T}, o.rule, o.month, o.day, d.issue_date, d.expiry_date
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
                let t = super::read_type(r, 5)?;
                let rule = match (r.get_ref(14)?.as_str()?, r.get::<_, Option<u32>>(15)?, r.get::<_, Option<u32>>(16)?) {
                    ("yearly_before", Some(month), Some(day)) => ObligationRule::YearlyBefore { month, day },
                    _ => ObligationRule::ValidThroughout,
                };
                let issue = super::col_date_opt(r, 17)?;
                let doc = issue.map(|issue| Ok::<_, rusqlite::Error>(DocDates { issue, printed_expiry: super::col_date_opt(r, 18)? })).transpose()?;
                Ok(ObligationView {
                    obligation_id: col_uuid(r, 0)?,
                    contract_id: col_uuid(r, 1)?,
                    contract_title: r.get(2)?,
                    party_id: col_uuid(r, 3)?,
                    party_name: r.get(4)?,
                    rule: rule.describe(),
                    judged: judge_obligation(&t.name, rule, t.rule, t.lead_time, doc, today),
                    type_name: t.name,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Running contracts with no extension left that end within `horizon`: the next procedure.
    pub fn expected_retenders(&self, horizon: Period) -> Result<Vec<ExpectedRetender>> {
        let today = self.today();
        let mut out = vec![];
        for c in self.contracts(&ContractFilter::default())? {
            if let Some(text) = expected_retender(&c, today, horizon) {
                let mut holders = vec![c.party_name.clone()];
                holders.extend(c.members.iter().map(|m| m.name.clone()));
                let new: Option<(Uuid, String)> = self
                    .conn
                    .prepare_cached(
                        "SELECT id, title FROM tender WHERE buyer = ?1 COLLATE NOCASE AND (domain = ?2 OR domain = 'beide') AND id IS NOT ?3
                           AND status <> 'gegund' AND status <> 'afgewezen' AND status <> 'vervallen' ORDER BY created_at DESC LIMIT 1",
                    )?
                    .query_row(params![c.buyer, c.domain.as_str(), c.tender_id.map(|t| t.to_string())], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))
                    .optional()?;
                out.push(ExpectedRetender {
                    contract_id: c.id,
                    text,
                    buyer: c.buyer.clone(),
                    domain: c.domain,
                    end: c.end,
                    holders,
                    new_tender_id: new.as_ref().map(|n| n.0),
                    new_tender_title: new.map(|n| n.1),
                });
            }
        }
        Ok(out)
    }
}

fn period_parts(p: Option<Period>) -> (Option<u32>, Option<&'static str>) {
    match p {
        Some(p) => (Some(p.amount), Some(p.unit.as_str())),
        None => (None, None),
    }
}

fn read_contract(r: &rusqlite::Row) -> rusqlite::Result<Contract> {
    Ok(Contract {
        id: col_uuid(r, 0)?,
        title: r.get(1)?,
        party_id: col_uuid(r, 2)?,
        party_name: r.get(3)?,
        members: vec![],
        buyer: r.get(4)?,
        municipalities: vec![],
        domain: col_enum(r, 5, CareDomain::from_db)?,
        start: col_date(r, 6)?,
        end: col_date(r, 7)?,
        extensions_total: r.get(8)?,
        extensions_used: r.get(9)?,
        extension_length: col_period(r, 10, 11)?,
        notice: col_period(r, 12, 13)?,
        tender_id: col_uuid_opt(r, 14)?,
        state: col_enum(r, 15, ContractState::from_db)?,
        obligations: vec![],
    })
}

fn read_obligation(r: &rusqlite::Row) -> rusqlite::Result<Obligation> {
    let kind: String = r.get(4)?;
    let rule = match (kind.as_str(), r.get::<_, Option<u32>>(5)?, r.get::<_, Option<u32>>(6)?) {
        ("yearly_before", Some(month), Some(day)) => ObligationRule::YearlyBefore { month, day },
        _ => ObligationRule::ValidThroughout,
    };
    Ok(Obligation { id: col_uuid(r, 0)?, contract_id: col_uuid(r, 1)?, type_code: r.get(2)?, type_name: r.get(3)?, rule, note: r.get(7)? })
}
