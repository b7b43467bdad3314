//! Queries of the `party`, `party_municipality`, `party_domain` and `cooperative_member` tables:
//! providers and cooperatives, and who is a member of which cooperative.

use crate::error::{Result, StoreError};
use crate::{col_enum, col_uuid, fold, match_id_fragment, now_db, pick_one, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;
use tenderwacht_domain::{self as d, CareDomain, Party, PartyInput, PartyKind, PartyPatch};
use uuid::Uuid;

/// A provider or cooperative with its document library (history included), bids and memberships.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PartyDetail {
    pub party: Party,
    pub documents: Vec<d::Document>,
    pub bids: Vec<d::Bid>,
    pub cooperatives: Vec<Party>,
    pub members: Vec<Party>,
}

const PARTY_COLS: &str = "id, kind, name, kvk, agb, place, contact, email, phone, notes, active";

/// Refuses a KvK number another party already has, naming that party.
fn check_kvk_free(tx: &Transaction, kvk: &str, except: Option<Uuid>) -> Result<()> {
    let other: Option<(String, String)> =
        tx.query_row("SELECT id, name FROM party WHERE kvk = ?1", [kvk], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    match other {
        Some((id, name)) if except.is_none_or(|ex| id != ex.to_string()) => {
            Err(StoreError::Taken { field: "kvk", message: format!("KvK-nummer {kvk} hoort al bij {name}") })
        }
        _ => Ok(()),
    }
}

pub(crate) fn insert_party(tx: &Transaction, kind: PartyKind, input: &PartyInput) -> Result<Uuid> {
    let c = input.clean()?;
    check_kvk_free(tx, &c.kvk, None)?;
    let id = tenderwacht_domain::ids::keyed("party", &[&c.kvk]);
    let now = now_db();
    tx.execute(
        "INSERT INTO party (id, kind, name, kvk, agb, place, contact, email, phone, notes, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11)",
        params![id.to_string(), kind.as_str(), c.name, c.kvk, c.agb, c.place, c.contact, c.email, c.phone, c.notes, now],
    )?;
    write_lists(tx, id, &c.municipalities, &c.domains)?;
    Ok(id)
}

fn write_lists(tx: &Transaction, id: Uuid, municipalities: &[String], domains: &[CareDomain]) -> Result<()> {
    let sid = id.to_string();
    tx.execute("DELETE FROM party_municipality WHERE party_id = ?1", [&sid])?;
    tx.execute("DELETE FROM party_domain WHERE party_id = ?1", [&sid])?;
    let mut m = tx.prepare_cached("INSERT OR IGNORE INTO party_municipality (party_id, municipality) VALUES (?1, ?2)")?;
    for name in municipalities {
        m.execute(params![sid, name])?;
    }
    let mut dm = tx.prepare_cached("INSERT OR IGNORE INTO party_domain (party_id, domain) VALUES (?1, ?2)")?;
    for dom in domains {
        dm.execute(params![sid, dom.as_str()])?;
    }
    Ok(())
}

impl Store {
    /// Adds a provider; validates every field first and writes nothing on error.
    pub fn add_provider(&mut self, input: &PartyInput) -> Result<Uuid> {
        self.add_party(PartyKind::Provider, input)
    }

    /// Adds a cooperative (its own KvK; bids as one legal party for its members).
    pub fn add_cooperative(&mut self, input: &PartyInput) -> Result<Uuid> {
        self.add_party(PartyKind::Cooperative, input)
    }

    fn add_party(&mut self, kind: PartyKind, input: &PartyInput) -> Result<Uuid> {
        self.write(|tx| {
            let id = insert_party(tx, kind, input)?;
            Ok(id)
        })
    }

    /// Adds many providers in one transaction: all or nothing.
    pub fn add_providers(&mut self, inputs: &[PartyInput]) -> Result<Vec<Uuid>> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(inputs.len());
            for (i, input) in inputs.iter().enumerate() {
                let id = insert_party(tx, PartyKind::Provider, input).map_err(|e| match e {
                    StoreError::Domain(tenderwacht_domain::DomainError::Invalid { field, message }) => {
                        StoreError::invalid(format!("rij {}: {field}", i + 1), message)
                    }
                    other => other,
                })?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Applies a partial edit.
    pub fn edit_party(&mut self, id: Uuid, patch: &PartyPatch) -> Result<Party> {
        let current = self.party(id)?;
        let merged = PartyInput {
            name: patch.name.clone().unwrap_or(current.name),
            kvk: patch.kvk.clone().unwrap_or(current.kvk),
            agb: patch.agb.clone().unwrap_or(current.agb.unwrap_or_default()),
            place: patch.place.clone().unwrap_or(current.place),
            municipalities: patch.municipalities.clone().unwrap_or(current.municipalities),
            domains: patch.domains.clone().unwrap_or(current.domains),
            contact: patch.contact.clone().unwrap_or(current.contact),
            email: patch.email.clone().unwrap_or(current.email),
            phone: patch.phone.clone().unwrap_or(current.phone),
            notes: patch.notes.clone().unwrap_or(current.notes),
        };
        let c = merged.clean()?;
        let active = patch.active.unwrap_or(current.active);
        self.write(|tx| {
            check_kvk_free(tx, &c.kvk, Some(id))?;
            tx.execute(
                "UPDATE party SET name=?2, kvk=?3, agb=?4, place=?5, contact=?6, email=?7, phone=?8, notes=?9, active=?10,
             updated_at=?11 WHERE id=?1",
                params![id.to_string(), c.name, c.kvk, c.agb, c.place, c.contact, c.email, c.phone, c.notes, active, now_db()],
            )?;
            write_lists(tx, id, &c.municipalities, &c.domains)?;
            Ok(())
        })?;
        self.party(id)
    }

    pub fn party(&self, id: Uuid) -> Result<Party> {
        let mut list = self.load_parties("WHERE id = ?1", &[&id.to_string()])?;
        list.pop().ok_or_else(|| StoreError::NotFound { what: "aanbieder of coöperatie", key: id.to_string() })
    }

    /// Parties of a kind (or all), by name.
    pub fn parties(&self, kind: Option<PartyKind>) -> Result<Vec<Party>> {
        match kind {
            Some(k) => self.load_parties("WHERE kind = ?1", &[&k.as_str()]),
            None => self.load_parties("", &[]),
        }
    }

    /// Active parties in name order (case aside, then id), at most `limit` after `after` (the last
    /// party of the batch before): an export of a million providers holds one batch at a time.
    pub fn active_parties_after(&self, after: Option<&Party>, limit: usize) -> Result<Vec<Party>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Two statements, not one with "?1 IS NULL OR …": the OR would make every batch walk the
        // index from its start (a million providers: quadratic).
        let mut batch = match after {
            None => self.load_parties(
                "WHERE id IN (SELECT id FROM party INDEXED BY party_name_id WHERE active = 1 ORDER BY name COLLATE NOCASE, id LIMIT ?1)",
                &[&limit],
            )?,
            Some(p) => self.load_parties(
                // The first term starts the index range (SQLite does not start one from the row
                // value alone), the row value then leaves out what the last batch had.
                "WHERE id IN (SELECT id FROM party INDEXED BY party_name_id
                 WHERE name COLLATE NOCASE >= ?1 AND (name COLLATE NOCASE, id) > (?1, ?2) AND active = 1
                 ORDER BY name COLLATE NOCASE, id LIMIT ?3)",
                &[&p.name, &p.id.to_string(), &limit],
            )?,
        };
        // The same order as the index (NOCASE folds ASCII letters only), so the last is the key.
        batch.sort_by_key(|p| (p.name.to_ascii_lowercase(), p.id.to_string()));
        Ok(batch)
    }

    pub(crate) fn load_parties(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Party>> {
        let sql = format!("SELECT {PARTY_COLS} FROM party {filter} ORDER BY name COLLATE NOCASE");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut parties: Vec<Party> = stmt
            .query_map(args, |r| {
                Ok(Party {
                    id: col_uuid(r, 0)?,
                    kind: col_enum(r, 1, PartyKind::from_db)?,
                    name: r.get(2)?,
                    kvk: r.get(3)?,
                    agb: r.get(4)?,
                    place: r.get(5)?,
                    municipalities: vec![],
                    domains: vec![],
                    contact: r.get(6)?,
                    email: r.get(7)?,
                    phone: r.get(8)?,
                    notes: r.get(9)?,
                    active: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<Uuid, usize> = parties.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        // The lists of these parties only (one party asked for read every party's lists, sorted:
        // exporting 100,000 providers asked that 100,000 times).
        let mut m = self.conn.prepare_cached(&format!(
            "SELECT party_id, municipality FROM party_municipality WHERE party_id IN (SELECT id FROM party {filter}) ORDER BY municipality"
        ))?;
        for row in m.query_map(args, |r| Ok((col_uuid(r, 0)?, r.get::<_, String>(1)?)))? {
            let (pid, name) = row?;
            if let Some(&i) = index.get(&pid) {
                parties[i].municipalities.push(name);
            }
        }
        let mut dm = self.conn.prepare_cached(&format!(
            "SELECT party_id, domain FROM party_domain WHERE party_id IN (SELECT id FROM party {filter}) ORDER BY domain"
        ))?;
        for row in dm.query_map(args, |r| Ok((col_uuid(r, 0)?, col_enum(r, 1, CareDomain::from_db)?)))? {
            let (pid, dom) = row?;
            if let Some(&i) = index.get(&pid) {
                parties[i].domains.push(dom);
            }
        }
        Ok(parties)
    }

    /// Finds a party by id (or a unique fragment), KvK number, or name (exact, then unique part,
    /// diacritics and case ignored).
    pub fn resolve_party(&self, key: &str, kind: Option<PartyKind>) -> Result<Uuid> {
        let what = match kind {
            Some(PartyKind::Provider) => "aanbieder",
            Some(PartyKind::Cooperative) => "coöperatie",
            None => "aanbieder of coöperatie",
        };
        let mut stmt = self.conn.prepare_cached("SELECT id, name, kvk, kind FROM party")?;
        let rows: Vec<(Uuid, String, String, PartyKind)> = stmt
            .query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?, r.get(2)?, col_enum(r, 3, PartyKind::from_db)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let rows: Vec<_> = rows.into_iter().filter(|r| kind.is_none_or(|k| k == r.3)).collect();
        let k = key.trim();
        if let Some(r) = rows.iter().find(|r| r.2 == k) {
            return Ok(r.0);
        }
        let folded = fold(k);
        let named: Vec<(Uuid, String)> = rows.iter().map(|r| (r.0, r.1.clone())).collect();
        let exact: Vec<&(Uuid, String)> = named.iter().filter(|(_, n)| fold(n) == folded).collect();
        if !exact.is_empty() {
            return pick_one(what, key, exact);
        }
        if let Ok(id) = match_id_fragment(what, key, named.clone()) {
            return Ok(id);
        }
        if folded.len() >= 3 {
            let part: Vec<&(Uuid, String)> = named.iter().filter(|(_, n)| fold(n).contains(&folded)).collect();
            return pick_one(what, key, part);
        }
        Err(StoreError::NotFound { what, key: key.to_string() })
    }

    /// Makes a provider a member of a cooperative.
    pub fn add_member(&mut self, cooperative: Uuid, provider: Uuid) -> Result<()> {
        self.write(|tx| {
            let kind_of = |id: Uuid| -> Result<PartyKind> {
                tx.query_row("SELECT kind FROM party WHERE id = ?1", [id.to_string()], |r| col_enum(r, 0, PartyKind::from_db))
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound { what: "partij", key: id.to_string() })
            };
            if kind_of(cooperative)? != PartyKind::Cooperative {
                return Err(StoreError::invalid("coöperatie", "is geen coöperatie"));
            }
            if kind_of(provider)? != PartyKind::Provider {
                return Err(StoreError::invalid("lid", "alleen aanbieders kunnen lid zijn"));
            }
            let n = tx.execute(
                "INSERT OR IGNORE INTO cooperative_member (cooperative_id, provider_id, joined_at) VALUES (?1, ?2, ?3)",
                params![cooperative.to_string(), provider.to_string(), now_db()],
            )?;
            if n == 0 {
                return Err(StoreError::Duplicate { what: "lidmaatschap", key: provider.to_string() });
            }
            Ok(())
        })?;
        Ok(())
    }

    pub fn remove_member(&mut self, cooperative: Uuid, provider: Uuid) -> Result<()> {
        let n = self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM cooperative_member WHERE cooperative_id = ?1 AND provider_id = ?2",
                params![cooperative.to_string(), provider.to_string()],
            )?)
        })?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "lidmaatschap", key: provider.to_string() });
        }
        Ok(())
    }

    /// Member providers of a cooperative, by name.
    pub fn members(&self, cooperative: Uuid) -> Result<Vec<Party>> {
        self.load_parties("WHERE id IN (SELECT provider_id FROM cooperative_member WHERE cooperative_id = ?1)", &[&cooperative.to_string()])
    }

    /// A party with everything its detail screen shows.
    pub fn party_detail(&self, id: Uuid) -> Result<PartyDetail> {
        let party = self.party(id)?;
        let (cooperatives, members) = match party.kind {
            PartyKind::Provider => (self.cooperatives_of(id)?, vec![]),
            PartyKind::Cooperative => (vec![], self.members(id)?),
        };
        Ok(PartyDetail { documents: self.documents(id, false)?, bids: self.bids(None, Some(id))?, cooperatives, members, party })
    }

    /// Cooperatives a provider belongs to.
    pub fn cooperatives_of(&self, provider: Uuid) -> Result<Vec<Party>> {
        self.load_parties("WHERE id IN (SELECT cooperative_id FROM cooperative_member WHERE provider_id = ?1)", &[&provider.to_string()])
    }
}
