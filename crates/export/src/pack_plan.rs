//! Planning a bid's pack: which file answers each requirement (the party's document or the
//! deliverable's final version), under which name, and what blocks it — a missing or invalid item,
//! a teammate's file not arrived, or a break of the buyer's upload rules.

use crate::error::Result;
use crate::names::{self, NameParts};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;
use tenderwacht_domain::checklist::{Checklist, ChecklistRow, ItemStatus};
use tenderwacht_domain::Packaging;
use tenderwacht_domain::UploadRules;
use tenderwacht_store::{ChecklistScope, Store};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PackFormat {
    Zip,
    Folder,
}

/// One line of the pack: a requirement for one party, with its file when it has one.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackEntry {
    pub nr: u32,
    pub requirement: String,
    pub party: String,
    pub status: ItemStatus,
    pub reason: String,
    pub valid_until: Option<NaiveDate>,
    /// Name inside the pack.
    pub file_name: Option<String>,
    pub sha256: Option<String>,
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) source: Option<PathBuf>,
    pub blocker: bool,
}

/// What a pack will hold, before anything is written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackPlan {
    pub bid_id: Uuid,
    pub tender_title: String,
    pub bidder: String,
    pub closing: Option<DateTime<Utc>>,
    pub name: String,
    pub entries: Vec<PackEntry>,
    pub blockers: Vec<String>,
    /// The buyer's upload rules the plan was checked against (empty: none).
    pub rules: UploadRules,
    /// The format the buyer asks (zip or loose files), overriding the consultant's choice.
    pub format: Option<PackFormat>,
    /// Which index files go in (a buyer that takes only PDF gets no text index).
    pub index_pdf: bool,
    pub index_txt: bool,
}

/// Plans the pack of a bid: numbering, names, statuses at closing, blockers. The buyer's upload
/// rules of the tender, when set, choose the name template and the format and add their own
/// blockers (a file type not taken, a file or the whole upload too large).
pub fn plan(store: &Store, bid: Uuid, template: &str) -> Result<PackPlan> {
    let b = store.bid(bid)?;
    plan_with(store, bid, template, &store.checklist(ChecklistScope::Tender(b.tender_id))?)
}

/// [`plan`] with the tender's checklist already loaded (a tender's packs load it once for all
/// their bids).
pub fn plan_with(store: &Store, bid: Uuid, template: &str, checklist: &Checklist) -> Result<PackPlan> {
    let b = store.bid(bid)?;
    let rules = store.upload_rules(b.tender_id)?;
    let template = if rules.name_template.is_empty() { template } else { rules.name_template.as_str() };
    let rows: Vec<&ChecklistRow> = checklist.rows.iter().filter(|r| r.bid_id == bid).collect();
    let closing = rows.first().and_then(|r| r.closing);
    let mut taken = HashSet::from(["00 index.pdf".to_string(), "00 index.txt".to_string()]);
    let mut entries = vec![];
    let mut blockers = vec![];
    for (i, r) in rows.iter().enumerate() {
        let nr = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let blocker = r.status.is_problem();
        if blocker {
            blockers.push(format!("{} ({}): {}", r.requirement_name, r.party_name, r.reason));
        }
        // The file of the row: the party's document, or the deliverable's final version.
        let file = match (r.document_id, r.file_id, r.status) {
            (_, _, ItemStatus::Nvt) => None,
            (Some(doc_id), _, _) => {
                let doc = store.document(doc_id)?;
                Some((doc.original_name, doc.type_name, doc.sha256, doc.size))
            }
            (None, Some(file_id), ItemStatus::Gereed) if r.file_final => {
                let f = store.deliverable_file(file_id)?;
                Some((f.original_name, r.requirement_name.clone(), f.sha256, f.size))
            }
            _ => None,
        };
        let (mut file_name, mut sha256, mut size, mut source) = (None, None, None, None);
        if let Some((original, type_name, sha, bytes)) = file {
            let ext = names::extension(&original);
            let parts = NameParts {
                nr: nr as usize,
                type_name: &type_name,
                provider: &r.party_name,
                ext: &ext,
                requirement: &r.requirement_name,
                tender: &r.tender_title,
            };
            let name = names::render(template, &parts)?;
            if store.blobs().exists(&sha) {
                let name = names::unique(name, &mut taken);
                blockers.extend(rules.file_breaks(&name, &ext, bytes));
                file_name = Some(name);
                source = Some(store.blobs().path_of(&sha));
                sha256 = Some(sha);
                size = Some(bytes);
            } else {
                // A teammate's file that has not arrived from the team folder yet.
                blockers.push(format!(
                    "{} ({}): bestand wordt nog opgehaald uit de teammap; synchroniseer en probeer opnieuw",
                    r.requirement_name, r.party_name
                ));
            }
        }
        entries.push(PackEntry {
            nr,
            requirement: r.requirement_name.clone(),
            party: r.party_name.clone(),
            status: r.status,
            reason: r.reason.clone(),
            valid_until: r.valid_until,
            file_name,
            sha256,
            size,
            source,
            blocker,
        });
    }
    let total: u64 = entries.iter().filter_map(|e| e.size).sum();
    blockers.extend(rules.upload_break(total));
    let format = (!rules.is_empty()).then_some(match rules.packaging {
        Packaging::Zip => PackFormat::Zip,
        Packaging::Loose => PackFormat::Folder,
    });
    let name = names::sanitize(&format!("{} - {}", b.tender_title, b.party_name));
    Ok(PackPlan {
        bid_id: bid,
        tender_title: b.tender_title,
        bidder: b.party_name,
        closing,
        name,
        entries,
        blockers,
        index_pdf: rules.allows("pdf"),
        index_txt: rules.allows("txt"),
        rules,
        format,
    })
}
