//! Loads everything the checklist rules need for a set of bids in a handful of set queries (no
//! query per cell), and turns it into checklist rows. Used per tender, per provider and by the
//! agenda.

use crate::error::Result;
use crate::party::catalogue::{read_type, TYPE_COLS_T};
use crate::{col_date, col_date_opt, col_enum, col_moment_opt, col_uuid, col_uuid_opt, id_array, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use tenderwacht_domain::{
    checklist::{judge_row, needs_action, Checklist, ChecklistRow, DocDates, DocRow, ItemRow, ReqRow},
    time::local_date,
    DeliverableState, PartyKind, ProvidedBy, RequirementKind, CLOSING_KINDS_SQL,
};
use uuid::Uuid;

/// Which bids a checklist covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistScope {
    /// Every bid on a tender.
    Tender(Uuid),
    /// Every bid of a provider, plus its part in bids of its cooperatives.
    Party(Uuid),
}

struct BidRow {
    id: Uuid,
    tender_id: Uuid,
    tender_title: String,
    lot_id: Option<Uuid>,
    lot_number: Option<u32>,
    closing: Option<DateTime<Utc>>,
    party_id: Uuid,
    party_name: String,
    party_kind: PartyKind,
}

impl Store {
    /// The checklist of a tender's bids or of a provider's part in bids, judged at each tender's
    /// closing moment and at `today`.
    pub fn checklist(&self, scope: ChecklistScope) -> Result<Checklist> {
        let (filter, key) = match scope {
            ChecklistScope::Tender(t) => ("b.tender_id = ?1", t),
            ChecklistScope::Party(p) => {
                ("(b.party_id = ?1 OR b.party_id IN (SELECT cooperative_id FROM cooperative_member WHERE provider_id = ?1))", p)
            }
        };
        let bids = self.load_bids(filter, &key.to_string())?;
        let mut rows = self.checklist_rows(&bids, None)?;
        if let ChecklistScope::Party(p) = scope {
            rows.retain(|r| r.party_id == p);
        }
        Ok(Checklist::new(self.today(), rows))
    }

    /// Checklist rows of the bids on the given tenders that need action and whose "actie vóór"
    /// date can fall in `act_by` (inclusive): the agenda's action items. Rows outside the window
    /// are not judged at all.
    pub(crate) fn action_rows(&self, tenders: &[Uuid], act_by: (NaiveDate, NaiveDate)) -> Result<Vec<ChecklistRow>> {
        if tenders.is_empty() {
            return Ok(vec![]);
        }
        let bids = self.load_bids("b.tender_id IN (SELECT value FROM json_each(?1))", &id_array(tenders))?;
        self.checklist_rows(&bids, Some(act_by))
    }

    fn load_bids(&self, filter: &str, arg: &str) -> Result<Vec<BidRow>> {
        let sql = format!(
            "SELECT b.id, b.tender_id, t.title, b.lot_id, l.number,
                    (SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = b.tender_id AND m.kind IN {CLOSING_KINDS_SQL}),
                    b.party_id, p.name, p.kind
             FROM bid b JOIN tender t ON t.id = b.tender_id JOIN party p ON p.id = b.party_id LEFT JOIN lot l ON l.id = b.lot_id
             WHERE {filter} ORDER BY t.title, l.number, p.name"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([arg], |r| {
                Ok(BidRow {
                    id: col_uuid(r, 0)?,
                    tender_id: col_uuid(r, 1)?,
                    tender_title: r.get(2)?,
                    lot_id: col_uuid_opt(r, 3)?,
                    lot_number: r.get(4)?,
                    closing: col_moment_opt(r, 5)?,
                    party_id: col_uuid(r, 6)?,
                    party_name: r.get(7)?,
                    party_kind: col_enum(r, 8, PartyKind::from_db)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn checklist_rows(&self, bids: &[BidRow], act_by_window: Option<(NaiveDate, NaiveDate)>) -> Result<Vec<ChecklistRow>> {
        if bids.is_empty() {
            return Ok(vec![]);
        }
        let today = self.today();
        let tender_ids: HashSet<Uuid> = bids.iter().map(|b| b.tender_id).collect();
        let bid_ids = id_array(bids.iter().map(|b| &b.id));

        // Requirements of the tenders, with their catalogue type.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.id, r.tender_id, r.lot_id, r.kind, r.name, r.max_age_amount, r.max_age_unit, {TYPE_COLS_T}
             FROM requirement r LEFT JOIN document_type t ON t.id = r.type_id
             WHERE r.tender_id IN (SELECT value FROM json_each(?1)) ORDER BY r.position"
        ))?;
        let reqs: Vec<ReqRow> = stmt
            .query_map([id_array(tender_ids.iter())], |r| {
                let kind = col_enum(r, 3, RequirementKind::from_db)?;
                Ok(ReqRow {
                    id: col_uuid(r, 0)?,
                    tender_id: col_uuid(r, 1)?,
                    lot_id: col_uuid_opt(r, 2)?,
                    doc_type: if kind == RequirementKind::Document { Some(read_type(r, 7)?) } else { None },
                    name: r.get(4)?,
                    max_age: crate::col_period(r, 5, 6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut reqs_by_tender: HashMap<Uuid, Vec<&ReqRow>> = HashMap::new();
        for r in &reqs {
            reqs_by_tender.entry(r.tender_id).or_default().push(r);
        }

        // Who provides what in cooperative bids, and the members of bidding cooperatives.
        let mut scope: HashMap<(Uuid, Uuid), ProvidedBy> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT bid_id, requirement_id, provided_by FROM bid_requirement WHERE bid_id IN (SELECT value FROM json_each(?1))")?;
        for row in stmt.query_map([&bid_ids], |r| Ok((col_uuid(r, 0)?, col_uuid(r, 1)?, col_enum(r, 2, ProvidedBy::from_db)?)))? {
            let (b, q, by) = row?;
            scope.insert((b, q), by);
        }
        let coops: Vec<&Uuid> = bids.iter().filter(|b| b.party_kind == PartyKind::Cooperative).map(|b| &b.party_id).collect();
        let mut members: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
        if !coops.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.cooperative_id, p.id, p.name FROM cooperative_member m JOIN party p ON p.id = m.provider_id
                 WHERE m.cooperative_id IN (SELECT value FROM json_each(?1)) ORDER BY p.name",
            )?;
            for row in stmt.query_map([id_array(coops)], |r| Ok((col_uuid(r, 0)?, col_uuid(r, 1)?, r.get::<_, String>(2)?)))? {
                let (c, p, n) = row?;
                members.entry(c).or_default().push((p, n));
            }
        }

        // Recorded items.
        let mut items: HashMap<(Uuid, Uuid, Uuid), ItemRow> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT bid_id, requirement_id, party_id, document_id, state, not_applicable, owner, note
             FROM bid_item WHERE bid_id IN (SELECT value FROM json_each(?1))",
        )?;
        for row in stmt.query_map([&bid_ids], |r| {
            let state: Option<String> = r.get(4)?;
            Ok((
                (col_uuid(r, 0)?, col_uuid(r, 1)?, col_uuid(r, 2)?),
                ItemRow {
                    document_id: col_uuid_opt(r, 3)?,
                    state: state.as_deref().and_then(DeliverableState::parse),
                    not_applicable: r.get(5)?,
                    owner: r.get(6)?,
                    note: r.get(7)?,
                    files: vec![],
                },
            ))
        })? {
            let (k, v) = row?;
            items.insert(k, v);
        }
        // Deliverable files, in version order per cell (the agenda needs none: it lists documents).
        if act_by_window.is_none() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT bid_id, requirement_id, party_id, id, version, original_name, is_final FROM deliverable_file
                 WHERE bid_id IN (SELECT value FROM json_each(?1)) ORDER BY version",
            )?;
            for row in stmt.query_map([&bid_ids], |r| {
                Ok(((col_uuid(r, 0)?, col_uuid(r, 1)?, col_uuid(r, 2)?), (col_uuid(r, 3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            })? {
                let (k, f) = row?;
                items.entry(k).or_default().files.push(f);
            }
        }

        // The cells to judge: bid x requirement x providing party.
        struct Cell<'b> {
            bid: &'b BidRow,
            req: &'b ReqRow,
            closing: Option<NaiveDate>,
            party_id: Uuid,
            party_name: String,
        }
        let mut cells = Vec::new();
        for bid in bids {
            let closing = bid.closing.map(local_date);
            for req in reqs_by_tender.get(&bid.tender_id).map(Vec::as_slice).unwrap_or_default() {
                if req.lot_id.is_some() && req.lot_id != bid.lot_id {
                    continue;
                }
                if let Some((from, to)) = act_by_window {
                    // Only document requirements carry an act-by date: closing minus lead time.
                    let in_window = match (&req.doc_type, closing) {
                        (Some(t), Some(c)) => (from..=to).contains(&t.lead_time.before(c)),
                        _ => false,
                    };
                    if !in_window {
                        continue;
                    }
                }
                let by = scope.get(&(bid.id, req.id)).copied().unwrap_or(ProvidedBy::Bidder);
                match (bid.party_kind, by) {
                    (PartyKind::Cooperative, ProvidedBy::Members) => {
                        for (party_id, party_name) in members.get(&bid.party_id).map(Vec::as_slice).unwrap_or_default() {
                            cells.push(Cell { bid, req, closing, party_id: *party_id, party_name: party_name.clone() });
                        }
                    }
                    _ => cells.push(Cell { bid, req, closing, party_id: bid.party_id, party_name: bid.party_name.clone() }),
                }
            }
        }

        // Per needed party and type: the current (newest) document, followed by any older
        // document a bid item links explicitly.
        let needed: HashSet<(Uuid, Uuid)> = cells.iter().filter_map(|c| c.req.doc_type.as_ref().map(|t| (c.party_id, t.id))).collect();
        let mut docs: HashMap<(Uuid, Uuid), Vec<DocRow>> = HashMap::new();
        let read_doc = |r: &rusqlite::Row| -> rusqlite::Result<(Uuid, DocRow)> {
            Ok((
                col_uuid(r, 1)?,
                DocRow {
                    id: col_uuid(r, 0)?,
                    type_id: col_uuid(r, 2)?,
                    name: r.get(3)?,
                    dates: DocDates { issue: col_date(r, 4)?, printed_expiry: col_date_opt(r, 5)? },
                },
            ))
        };
        // The current documents of the parties involved, from the partial index; keep the
        // pairs needed.
        let parties: HashSet<Uuid> = needed.iter().map(|(p, _)| *p).collect();
        if !parties.is_empty() {
            let mut current = self.conn.prepare_cached(
                "SELECT id, party_id, type_id, original_name, issue_date, expiry_date FROM document
                 WHERE is_current = 1 AND party_id IN (SELECT value FROM json_each(?1))",
            )?;
            for row in current.query_map([id_array(parties.iter())], read_doc)? {
                let (p, doc) = row?;
                if needed.contains(&(p, doc.type_id)) {
                    docs.entry((p, doc.type_id)).or_default().push(doc);
                }
            }
        }
        let linked: HashSet<Uuid> = items.values().filter_map(|i| i.document_id).collect();
        if !linked.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, party_id, type_id, original_name, issue_date, expiry_date FROM document
                 WHERE id IN (SELECT value FROM json_each(?1))",
            )?;
            for row in stmt.query_map([id_array(linked.iter())], read_doc)? {
                let (party, doc) = row?;
                let list = docs.entry((party, doc.type_id)).or_default();
                if !list.iter().any(|d| d.id == doc.id) {
                    list.push(doc);
                }
            }
        }

        let mut out = Vec::with_capacity(cells.len());
        for Cell { bid, req, closing, party_id, party_name } in cells {
            let item = items.remove(&(bid.id, req.id, party_id)).unwrap_or_default();
            let type_id = req.doc_type.as_ref().map_or(Uuid::nil(), |t| t.id);
            let party_docs = docs.get(&(party_id, type_id));
            if act_by_window.is_some() && !needs_action(req, &item, party_docs, closing) {
                continue; // the agenda only lists what needs action; skip writing reasons for the rest
            }
            let judged = judge_row(req, &item, party_docs, closing, today);
            let file = if req.doc_type.is_none() && !item.not_applicable { item.shown_file().cloned() } else { None };
            out.push(ChecklistRow {
                bid_id: bid.id,
                tender_id: bid.tender_id,
                tender_title: bid.tender_title.clone(),
                lot_number: bid.lot_number,
                closing: bid.closing,
                bidder_id: bid.party_id,
                bidder_name: bid.party_name.clone(),
                party_id,
                party_name,
                requirement_id: req.id,
                requirement_name: req.doc_type.as_ref().map_or_else(|| req.name.clone(), |t| t.name.clone()),
                type_code: req.doc_type.as_ref().map(|t| t.code.clone()),
                status: judged.judgement.status,
                problem: judged.judgement.status.is_problem(),
                reason: judged.judgement.reason,
                act_by: judged.judgement.act_by,
                valid_until: judged.judgement.valid_until,
                document_id: judged.document.map(|d| d.0),
                document_name: judged.document.map(|d| d.1.to_string()),
                newer_document_id: judged.newer,
                file_id: file.as_ref().map(|f| f.0),
                file_version: file.as_ref().map(|f| f.1),
                file_final: file.as_ref().is_some_and(|f| f.3),
                file_name: file.map(|f| f.2),
                owner: item.owner,
                note: item.note,
            });
        }
        Ok(out)
    }
}
