//! Queries of `contract`, `contract_member`, `contract_municipality` and `contract_product`:
//! contracts after the award, their extensions and end, and the next procedure to expect. The
//! obligations are in `obligations`, the contract's own files in `contract_documents`.

use super::ContractFilter;
use crate::contract::contract_documents::CONTRACT_DOCUMENT_SELECT;
use crate::contract::obligations::OBLIGATION_SELECT;
use crate::error::{Result, StoreError};
use crate::{col_date, col_enum, col_period, col_uuid, col_uuid_opt, match_id_fragment, now_db, Store};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use tenderwacht_domain::{
    contract::{expected_retender, extended_end},
    time::Period,
    CareDomain, Contract, ContractInput, ContractProduct, ContractState, PartyKind,
};
use ts_rs::TS;
use uuid::Uuid;

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
        let buyer = tenderwacht_domain::name("opdrachtgever", &input.buyer)?;
        if input.end < input.start {
            return Err(StoreError::invalid("einddatum", "ligt vóór de startdatum"));
        }
        if input.extensions > 0 && input.extension_length.is_none() {
            return Err(StoreError::invalid("verlengingen", "geef ook de duur van een verlenging (bijv. 12m)"));
        }
        if !input.members.is_empty() && party.kind != PartyKind::Cooperative {
            return Err(StoreError::invalid("leden", "alleen een coöperatie levert via leden"));
        }
        let title = match (input.title.trim(), input.tender_id) {
            (t, _) if !t.is_empty() => t.to_string(),
            (_, Some(t)) => self.tender(t)?.title,
            _ => format!("{buyer} {}", input.domain.label()),
        };
        let id = match input.tender_id {
            Some(t) => tenderwacht_domain::ids::keyed("contract", &[&t.to_string(), &party.id.to_string()]),
            None => tenderwacht_domain::ids::new_id(),
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
                return Err(StoreError::Duplicate { what: "contract", key: title.clone() });
            }
            for m in &input.members {
                tx.execute("INSERT OR IGNORE INTO contract_member (contract_id, party_id) VALUES (?1, ?2)", params![id.to_string(), m.to_string()])?;
            }
            for m in input.municipalities.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
                tx.execute("INSERT OR IGNORE INTO contract_municipality (contract_id, municipality) VALUES (?1, ?2)", params![id.to_string(), m])?;
            }
            for p in &input.products {
                tx.execute(
                    "INSERT OR IGNORE INTO contract_product (contract_id, code, name) VALUES (?1, ?2, ?3)",
                    params![id.to_string(), p.code.trim(), p.name.trim()],
                )?;
            }
            if let Some(tender) = input.tender_id {
                super::obligations::obligations_from_proposals(tx, tender)?;
            }
            Ok(id)
        })
    }

    pub fn contract(&self, id: Uuid) -> Result<Contract> {
        let mut stmt = self.conn.prepare_cached(&format!("{CONTRACT_SELECT} WHERE c.id = ?1"))?;
        let c = stmt
            .query_row([id.to_string()], read_contract)
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "contract", key: id.to_string() })?;
        Ok(self.complete(vec![c])?.remove(0))
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
                params![
                    f.include_ended,
                    f.party.map(|p| p.to_string()),
                    f.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()),
                    f.domain.map(|d| d.as_str()),
                    horizon
                ],
                read_contract,
            )?
            .collect::<rusqlite::Result<_>>()?;
        self.complete(rows)
    }

    /// Fills in the members, municipalities, products, documents and obligations of contracts, a
    /// handful of set queries for the whole list (not a query per contract).
    fn complete(&self, mut list: Vec<Contract>) -> Result<Vec<Contract>> {
        if list.is_empty() {
            return Ok(list);
        }
        let ids = crate::id_array(list.iter().map(|c| &c.id));
        let at: std::collections::HashMap<Uuid, usize> = list.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut each = |sql: &str, f: &mut dyn FnMut(&mut Contract, &rusqlite::Row) -> rusqlite::Result<()>| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query([&ids])?;
            while let Some(r) = rows.next()? {
                if let Some(i) = at.get(&col_uuid(r, 0)?) {
                    f(&mut list[*i], r)?;
                }
            }
            Ok(())
        };
        let mut member_ids: Vec<(Uuid, Uuid)> = vec![];
        each("SELECT contract_id, party_id FROM contract_member WHERE contract_id IN (SELECT value FROM json_each(?1))", &mut |c, r| {
            member_ids.push((c.id, col_uuid(r, 1)?));
            Ok(())
        })?;
        each(
            "SELECT contract_id, municipality FROM contract_municipality WHERE contract_id IN (SELECT value FROM json_each(?1)) ORDER BY municipality",
            &mut |c, r| {
                c.municipalities.push(r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT contract_id, code, name FROM contract_product WHERE contract_id IN (SELECT value FROM json_each(?1)) ORDER BY code, name",
            &mut |c, r| {
                c.products.push(ContractProduct { code: r.get(1)?, name: r.get(2)? });
                Ok(())
            },
        )?;
        each(
            &format!("{CONTRACT_DOCUMENT_SELECT} WHERE contract_id IN (SELECT value FROM json_each(?1)) ORDER BY coalesce(signed_on, added_at)"),
            &mut |c, r| {
                c.documents.push(crate::contract::contract_documents::read_contract_document(r)?);
                Ok(())
            },
        )?;
        each(&format!("{OBLIGATION_SELECT} WHERE o.contract_id IN (SELECT value FROM json_each(?1)) ORDER BY t.name"), &mut |c, r| {
            c.obligations.push(crate::contract::obligations::read_obligation(r)?);
            Ok(())
        })?;
        if !member_ids.is_empty() {
            let parties = self.load_parties("WHERE id IN (SELECT value FROM json_each(?1))", &[&crate::id_array(member_ids.iter().map(|m| &m.1))])?;
            for (contract, member) in member_ids {
                if let (Some(i), Some(p)) = (at.get(&contract), parties.iter().find(|p| p.id == member)) {
                    list[*i].members.push(p.clone());
                }
            }
        }
        Ok(list)
    }

    /// Finds a contract by id (or a unique fragment) or by title.
    pub fn resolve_contract(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, title FROM contract")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let folded = crate::fold(key);
        let by_title: Vec<&(Uuid, String)> = rows.iter().filter(|(_, t)| crate::fold(t).contains(&folded)).collect();
        match match_id_fragment("contract", key, rows.clone()) {
            Ok(id) => Ok(id),
            Err(_) if !by_title.is_empty() => crate::pick_one("contract", key, by_title),
            Err(e) => Err(e),
        }
    }

    /// Uses one extension option: the end moves by the extension's length (clamped at month ends).
    pub fn extend_contract(&mut self, id: Uuid) -> Result<Contract> {
        let c = self.contract(id)?;
        let length = c.extension_length.ok_or_else(|| StoreError::invalid("verlenging", "dit contract heeft geen verlengingsopties"))?;
        if c.extensions_used >= c.extensions_total {
            return Err(StoreError::invalid("verlenging", format!("alle {} verlengingsopties zijn gebruikt", c.extensions_total)));
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
                    .prepare_cached(&format!(
                        "SELECT id, title FROM tender WHERE buyer = ?1 COLLATE NOCASE AND (domain = ?2 OR domain = 'beide') AND id IS NOT ?3
                           AND status NOT IN {} ORDER BY created_at DESC LIMIT 1",
                        tenderwacht_domain::ENDED_STATUSES_SQL
                    ))?
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
        products: vec![],
        documents: vec![],
    })
}
