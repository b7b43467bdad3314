//! `bid` commands: who bids, and what is recorded per requirement.

use super::{short, Ctx};
use crate::args::BidCmd;
use crate::output::{emit, table, CliError};
use serde_json::json;
use tenderwacht_domain::{BidItemPatch, DeliverableState, PartyKind, ProvidedBy};
use tenderwacht_store::{Store, StoreError};

pub fn bid(ctx: &Ctx, store: &mut Store, cmd: BidCmd) -> Result<(), CliError> {
    match cmd {
        BidCmd::Add { tender, party, lot, note } => {
            let tid = store.resolve_tender(&tender)?;
            let pid = store.resolve_party(&party, None)?;
            let id = store.add_bid(tid, lot, pid, &note)?;
            let b = store.bid(id)?;
            emit(ctx.json, &b, || format!("Inschrijving toegevoegd: {} op {} ({})", b.party_name, b.tender_title, b.id))
        }
        BidCmd::List { tender, party } => {
            let tid = tender.map(|t| store.resolve_tender(&t)).transpose()?;
            let pid = party.map(|p| store.resolve_party(&p, None)).transpose()?;
            let list = store.bids(tid, pid)?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|b| {
                        vec![
                            short(&b.id),
                            b.tender_title.clone(),
                            b.lot_number.map(|n| n.to_string()).unwrap_or_default(),
                            b.party_name.clone(),
                            b.party_kind.label().into(),
                        ]
                    })
                    .collect();
                table(&["id", "aanbesteding", "perceel", "inschrijver", "soort"], &rows)
            })
        }
        BidCmd::Set { bid, requirement, member, document, newest, state, nvt, applicable, owner, note } => {
            let bid_id = store.resolve_bid(&bid)?;
            let b = store.bid(bid_id)?;
            let req = store.resolve_requirement(b.tender_id, &requirement)?;
            let member_id = match member {
                Some(m) if b.party_kind == PartyKind::Cooperative => Some(store.resolve_party(&m, Some(PartyKind::Provider))?),
                Some(_) => return Err(StoreError::invalid("lid", "alleen bij een inschrijving van een coöperatie").into()),
                None => None,
            };
            let patch = BidItemPatch {
                member_id,
                document_id: match (document, newest) {
                    (Some(d), _) => Some(Some(store.resolve_document(&d)?)),
                    (None, true) => Some(None),
                    (None, false) => None,
                },
                state: state.map(|s| DeliverableState::parse_field("status", &s)).transpose()?,
                not_applicable: if nvt {
                    Some(true)
                } else if applicable {
                    Some(false)
                } else {
                    None
                },
                owner,
                note,
            };
            store.set_bid_item(bid_id, req, &patch)?;
            emit(ctx.json, &json!({ "bid": bid_id, "requirement": req }), || "Inschrijving bijgewerkt".into())
        }
        BidCmd::ProvidedBy { bid, requirement, by } => {
            let bid_id = store.resolve_bid(&bid)?;
            let b = store.bid(bid_id)?;
            let req = store.resolve_requirement(b.tender_id, &requirement)?;
            let by = ProvidedBy::parse_field("aanlevering", &by)?;
            store.set_provided_by(bid_id, req, by)?;
            emit(ctx.json, &json!({ "bid": bid_id, "requirement": req, "provided_by": by }), || format!("Aanlevering: {}", by.label()))
        }
        BidCmd::Attach { bid, requirement, file, member, r#final, name } => {
            super::deliverables::attach(ctx, store, (&bid, &requirement, member), &file, r#final, name.as_deref())
        }
        BidCmd::Files { bid } => super::deliverables::files(ctx, store, &bid),
        BidCmd::Final { bid, requirement, version, member, concept } => {
            super::deliverables::mark_final(ctx, store, (&bid, &requirement, member), version, concept)
        }
        BidCmd::WorkingCopy { bid, requirement, member } => super::deliverables::working_copy(ctx, store, (&bid, &requirement, member)),
        BidCmd::Collect => super::deliverables::collect(ctx, store),
        BidCmd::Remove { bid } => {
            let id = store.resolve_bid(&bid)?;
            store.remove_bid(id)?;
            emit(ctx.json, &json!({ "removed": id }), || "Inschrijving verwijderd".into())
        }
    }
}
