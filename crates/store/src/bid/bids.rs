//! Queries of `bid`, `bid_requirement` and `bid_item`: who bids on what, and what the consultant
//! recorded per requirement (linked document, deliverable state, n.v.t., owner, note).

use crate::error::{Result, StoreError};
use crate::{col_enum, col_uuid, now_db, pick_one, Store};
use rusqlite::{params, OptionalExtension};
use tenderwacht_domain::RequirementKind;
use tenderwacht_domain::{Bid, BidItemPatch, PartyKind, ProvidedBy};
use uuid::Uuid;

const BID_SELECT: &str = "SELECT b.id, b.tender_id, t.title, l.number, b.party_id, p.name, p.kind, b.note
     FROM bid b JOIN tender t ON t.id = b.tender_id JOIN party p ON p.id = b.party_id LEFT JOIN lot l ON l.id = b.lot_id";

fn read_bid(r: &rusqlite::Row) -> rusqlite::Result<Bid> {
    Ok(Bid {
        id: col_uuid(r, 0)?,
        tender_id: col_uuid(r, 1)?,
        tender_title: r.get(2)?,
        lot_number: r.get(3)?,
        party_id: col_uuid(r, 4)?,
        party_name: r.get(5)?,
        party_kind: col_enum(r, 6, PartyKind::from_db)?,
        note: r.get(7)?,
    })
}

impl Store {
    /// Registers a party's bid on a tender (and lot). A tender with lots needs the lot named.
    pub fn add_bid(&mut self, tender: Uuid, lot_number: Option<u32>, party: Uuid, note: &str) -> Result<Uuid> {
        let t = self.tender(tender)?;
        self.party(party)?;
        let lot_id = match lot_number {
            Some(n) => Some(self.lot_id(tender, n)?),
            None if !t.lots.is_empty() => {
                return Err(StoreError::invalid("perceel", format!("deze aanbesteding heeft {} percelen; kies er een", t.lots.len())))
            }
            None => None,
        };
        let id =
            tenderwacht_domain::ids::keyed("bid", &[&tender.to_string(), &lot_id.map(|l| l.to_string()).unwrap_or_default(), &party.to_string()]);
        let n = self.write(|tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO bid (id, tender_id, lot_id, party_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.to_string(), tender.to_string(), lot_id.map(|l| l.to_string()), party.to_string(), note.trim(), now_db()],
            )?)
        })?;
        if n == 0 {
            return Err(StoreError::Duplicate { what: "inschrijving", key: t.title });
        }
        Ok(id)
    }

    pub fn bid(&self, id: Uuid) -> Result<Bid> {
        let mut stmt = self.conn.prepare_cached(&format!("{BID_SELECT} WHERE b.id = ?1"))?;
        stmt.query_row([id.to_string()], read_bid).optional()?.ok_or_else(|| StoreError::NotFound { what: "inschrijving", key: id.to_string() })
    }

    /// Bids, optionally of one tender and/or one party.
    pub fn bids(&self, tender: Option<Uuid>, party: Option<Uuid>) -> Result<Vec<Bid>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{BID_SELECT} WHERE (?1 IS NULL OR b.tender_id = ?1) AND (?2 IS NULL OR b.party_id = ?2) ORDER BY t.title, l.number, p.name"
        ))?;
        let rows =
            stmt.query_map(params![tender.map(|t| t.to_string()), party.map(|p| p.to_string())], read_bid)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Tenders a party takes part in, itself or through one of its cooperatives.
    pub fn tenders_of_party(&self, party: Uuid) -> Result<std::collections::HashSet<Uuid>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT tender_id FROM bid WHERE party_id = ?1
                OR party_id IN (SELECT cooperative_id FROM cooperative_member WHERE provider_id = ?1)",
        )?;
        let set = stmt.query_map([party.to_string()], |r| col_uuid(r, 0))?.collect::<rusqlite::Result<_>>()?;
        Ok(set)
    }

    pub fn remove_bid(&mut self, id: Uuid) -> Result<()> {
        let n = self.write(|tx| Ok(tx.execute("DELETE FROM bid WHERE id = ?1", [id.to_string()])?))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "inschrijving", key: id.to_string() });
        }
        Ok(())
    }

    /// Finds a bid by id fragment.
    pub fn resolve_bid(&self, key: &str) -> Result<Uuid> {
        let k = key.trim().to_lowercase();
        if k.len() < 6 {
            return Err(StoreError::NotFound { what: "inschrijving", key: key.to_string() });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, p.name || ' / ' || t.title FROM bid b JOIN party p ON p.id = b.party_id JOIN tender t ON t.id = b.tender_id
             WHERE instr(b.id, ?1) > 0 LIMIT 6",
        )?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([k], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        pick_one("inschrijving", key, rows.iter().collect())
    }

    /// For a cooperative's bid: whether the cooperative or every member provides a requirement.
    pub fn set_provided_by(&mut self, bid: Uuid, requirement: Uuid, by: ProvidedBy) -> Result<()> {
        let b = self.bid(bid)?;
        if b.party_kind != PartyKind::Cooperative && by == ProvidedBy::Members {
            return Err(StoreError::invalid("aanlevering", "alleen bij een inschrijving van een coöperatie leveren leden aan"));
        }
        self.check_requirement_of(&b, requirement)?;
        self.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO bid_requirement (bid_id, requirement_id, provided_by) VALUES (?1, ?2, ?3)
             ON CONFLICT (bid_id, requirement_id) DO UPDATE SET provided_by = excluded.provided_by",
                params![bid.to_string(), requirement.to_string(), by.as_str()],
            )?)
        })?;
        Ok(())
    }

    /// The party that provides an item of a bid: the bidder, or the named member of the bidding
    /// cooperative.
    pub(crate) fn providing_party(&self, b: &Bid, member: Option<Uuid>) -> Result<Uuid> {
        let Some(member) = member else { return Ok(b.party_id) };
        let is_member: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM cooperative_member WHERE cooperative_id = ?1 AND provider_id = ?2)",
            params![b.party_id.to_string(), member.to_string()],
            |r| r.get(0),
        )?;
        if !is_member {
            return Err(StoreError::invalid("lid", "is geen lid van de inschrijvende coöperatie"));
        }
        Ok(member)
    }

    pub(crate) fn check_requirement_of(&self, bid: &Bid, requirement: Uuid) -> Result<()> {
        let ok: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM requirement WHERE id = ?1 AND tender_id = ?2",
                params![requirement.to_string(), bid.tender_id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        ok.map(|_| ()).ok_or_else(|| StoreError::invalid("eis", "hoort niet bij de aanbesteding van deze inschrijving"))
    }

    /// Records what is known of one requirement of a bid (for one member, in a cooperative bid
    /// where members provide it). Checks that a linked document belongs to the providing party
    /// and is of the required type.
    pub fn set_bid_item(&mut self, bid: Uuid, requirement: Uuid, patch: &BidItemPatch) -> Result<()> {
        let b = self.bid(bid)?;
        self.check_requirement_of(&b, requirement)?;
        let provider = self.providing_party(&b, patch.member_id)?;
        let (req_kind, req_type): (String, Option<String>) =
            self.conn.query_row("SELECT kind, type_id FROM requirement WHERE id = ?1", [requirement.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if let Some(Some(doc)) = patch.document_id {
            let (owner, doc_type): (String, String) = self
                .conn
                .query_row("SELECT party_id, type_id FROM document WHERE id = ?1", [doc.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| StoreError::NotFound { what: "document", key: doc.to_string() })?;
            if owner != provider.to_string() {
                return Err(StoreError::invalid("document", "hoort bij een andere aanbieder"));
            }
            if Some(doc_type) != req_type {
                return Err(StoreError::invalid("document", "is van een ander documenttype dan de eis vraagt"));
            }
        }
        if patch.state.is_some() && req_kind != RequirementKind::Deliverable.as_str() {
            return Err(StoreError::invalid("status", "open/bezig/aangeleverd geldt alleen voor op te stellen stukken"));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO bid_item (id, bid_id, requirement_id, party_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    tenderwacht_domain::ids::keyed("bid_item", &[&bid.to_string(), &requirement.to_string(), &provider.to_string()]).to_string(),
                    bid.to_string(),
                    requirement.to_string(),
                    provider.to_string(),
                    now_db()
                ],
            )?;
            let key = params![bid.to_string(), requirement.to_string(), provider.to_string()];
            let set = |sql: &str, value: &dyn rusqlite::ToSql| -> Result<()> {
                tx.execute(
                    &format!("UPDATE bid_item SET {sql} = ?4, updated_at = ?5 WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3"),
                    params![key[0], key[1], key[2], value, now_db()],
                )?;
                Ok(())
            };
            if let Some(doc) = patch.document_id {
                set("document_id", &doc.map(|d| d.to_string()))?;
            }
            if let Some(state) = patch.state {
                set("state", &state.as_str())?;
            }
            if let Some(na) = patch.not_applicable {
                set("not_applicable", &na)?;
            }
            if let Some(owner) = &patch.owner {
                set("owner", &owner.trim())?;
            }
            if let Some(note) = &patch.note {
                set("note", &note.trim())?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

impl Store {
    /// The stored files the packs of these bids can hold: the current and the linked documents of
    /// each bidder (a cooperative's members included) and every deliverable file of the bids. A
    /// teammate's laptop fetches exactly these from the team folder before making the packs.
    pub fn files_for_packs(&self, bids: &[Uuid]) -> Result<Vec<String>> {
        let ids = crate::id_array(bids.iter());
        let mut stmt = self.conn.prepare_cached(
            "WITH b AS (SELECT id, party_id FROM bid WHERE id IN (SELECT value FROM json_each(?1))),
                  p AS (SELECT party_id AS id FROM b
                        UNION SELECT m.provider_id FROM cooperative_member m JOIN b ON b.party_id = m.cooperative_id)
             SELECT d.sha256 FROM document d WHERE d.party_id IN (SELECT id FROM p) AND d.is_current = 1
             UNION SELECT d.sha256 FROM bid_item i JOIN document d ON d.id = i.document_id WHERE i.bid_id IN (SELECT id FROM b)
             UNION SELECT f.sha256 FROM deliverable_file f WHERE f.bid_id IN (SELECT id FROM b)
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([ids], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// The ids of a tender's bids.
    pub fn bid_ids_of_tender(&self, tender: Uuid) -> Result<Vec<Uuid>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM bid WHERE tender_id = ?1 ORDER BY created_at")?;
        let rows = stmt.query_map([tender.to_string()], |r| crate::col_uuid(r, 0))?.collect::<rusqlite::Result<Vec<Uuid>>>()?;
        Ok(rows)
    }
}
