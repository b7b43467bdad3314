//! "Wat we nog van je nodig hebben": per provider, everything missing or invalid at closing across
//! their bids and what their running contracts keep asking (the obligations that need action),
//! with the date it is needed by — as plain text to paste into an e-mail and as a PDF.

use crate::error::Result;
use crate::pdf::{self, Block, Row, Tone};
use chrono::NaiveDate;
use serde::Serialize;
use tenderwacht_domain::{
    checklist::ChecklistRow,
    time::{format_date_nl, format_moment_nl, local_date},
};
use tenderwacht_store::{ChecklistScope, Store};
use uuid::Uuid;

/// One thing a provider still owes.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RequestItem {
    pub tender: String,
    pub closing: Option<String>,
    pub requirement: String,
    pub status: String,
    pub reason: String,
    /// The last day it is of use: the "actie vóór" date, else the closing date.
    pub needed_by: Option<NaiveDate>,
    /// That day has passed (an item that can no longer be obtained in time, say): the list asks for
    /// it "zo snel mogelijk" instead of naming a date in the past.
    pub urgent: bool,
}

impl RequestItem {
    /// When to send it, in the list's words.
    pub fn when(&self) -> Option<String> {
        if self.urgent {
            return Some("zo snel mogelijk".into());
        }
        self.needed_by.map(|d| format!("graag vóór {}", format_date_nl(d)))
    }
}

/// A provider's request list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RequestList {
    pub party_id: Uuid,
    pub party_name: String,
    pub today: NaiveDate,
    pub items: Vec<RequestItem>,
}

fn item(r: &ChecklistRow, today: NaiveDate) -> RequestItem {
    let needed_by = r.act_by.or_else(|| r.closing.map(local_date));
    RequestItem {
        tender: r.tender_title.clone(),
        closing: r.closing.map(format_moment_nl),
        requirement: r.requirement_name.clone(),
        status: r.status.label().to_string(),
        reason: r.reason.clone(),
        needed_by,
        urgent: needed_by.is_some_and(|d| d < today),
    }
}

/// The request list of one provider (its own bids and its part in its cooperatives' bids).
pub fn for_party(store: &Store, party: Uuid) -> Result<RequestList> {
    let p = store.party(party)?;
    let checklist = store.checklist(ChecklistScope::Party(party))?;
    let mut items: Vec<RequestItem> =
        checklist.rows.iter().filter(|r| r.party_id == party && r.status.is_problem()).map(|r| item(r, checklist.today)).collect();
    // What its running contracts keep asking (an insurance lapsing during the contract, say).
    for o in store.obligations_needing_action(Some(party))?.iter().filter(|o| o.party_id == party) {
        let needed_by = o.judged.act_by.or(o.judged.due);
        items.push(RequestItem {
            tender: format!("Contract {}", o.contract_title),
            closing: None,
            requirement: o.type_name.clone(),
            status: o.judged.status.label().to_string(),
            reason: o.judged.reason.clone(),
            needed_by,
            urgent: needed_by.is_some_and(|d| d < checklist.today),
        });
    }
    items.sort_by(|a, b| (a.needed_by, &a.tender, &a.requirement).cmp(&(b.needed_by, &b.tender, &b.requirement)));
    Ok(RequestList { party_id: party, party_name: p.name, today: checklist.today, items })
}

/// Request lists of every active provider that owes something.
pub fn for_all(store: &Store) -> Result<Vec<RequestList>> {
    let mut out = vec![];
    for p in store.parties(Some(tenderwacht_domain::PartyKind::Provider))? {
        let list = for_party(store, p.id)?;
        if !list.items.is_empty() {
            out.push(list);
        }
    }
    Ok(out)
}

/// The text to paste into an e-mail.
/// Writes each list as `Nog nodig - <provider>.txt` and `.pdf` into `dir` (each file complete
/// under its final name only); returns the files written. Both shells call this.
pub fn write_lists(lists: &[RequestList], dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>> {
    let mut written = vec![];
    for l in lists {
        let base = tenderwacht_domain::text::safe_file_name(&format!("Nog nodig - {}", l.party_name));
        written.push(crate::atomic::write(&dir.join(format!("{base}.txt")), text(l).as_bytes())?);
        written.push(crate::atomic::write(&dir.join(format!("{base}.pdf")), &pdf(l))?);
    }
    Ok(written)
}

pub fn text(list: &RequestList) -> String {
    let mut out = format!("Wat we nog van je nodig hebben — {}\nStand van {}\n\n", list.party_name, format_date_nl(list.today));
    if list.items.is_empty() {
        out.push_str("Alles is binnen. Dank je wel!\n");
        return out;
    }
    let mut current = String::new();
    for i in &list.items {
        if i.tender != current {
            current = i.tender.clone();
            out.push_str(&format!("{}{}\n", i.tender, i.closing.as_ref().map(|c| format!(" (sluiting {c})")).unwrap_or_default()));
        }
        let by = i.when().map(|w| format!(" — {w}")).unwrap_or_default();
        out.push_str(&format!("  • {} ({}){by}\n    {}\n", i.requirement, i.status, i.reason));
    }
    out.push_str("\nStuur de stukken als PDF terug; bij vragen bellen we je graag.\n");
    out
}

/// The same list as a PDF.
pub fn pdf(list: &RequestList) -> Vec<u8> {
    let rows = list
        .items
        .iter()
        .map(|i| Row {
            cells: vec![
                format!("{}{}", i.tender, i.closing.as_ref().map(|c| format!("\nsluiting {c}")).unwrap_or_default()),
                format!("{}\n{}", i.requirement, i.reason),
                i.status.clone(),
                match (i.urgent, i.needed_by) {
                    (true, _) => "zo snel mogelijk".into(),
                    (false, Some(d)) => format_date_nl(d),
                    (false, None) => "—".into(),
                },
            ],
            tone: Some((2, if i.status.contains("ontbreekt") || i.status.contains("niet op tijd") { Tone::Red } else { Tone::Amber })),
        })
        .collect();
    let blocks = if list.items.is_empty() {
        vec![Block::Paragraph("Alles is binnen. Dank je wel!".into())]
    } else {
        vec![Block::Table {
            widths: vec![0.28, 0.40, 0.14, 0.18],
            header: vec!["Aanbesteding".into(), "Wat".into(), "Status".into(), "Graag vóór".into()],
            rows,
        }]
    };
    pdf::render(&pdf::Document {
        title: format!("Wat we nog van je nodig hebben — {}", list.party_name),
        subtitle: format!("Stand van {}", format_date_nl(list.today)),
        blocks,
    })
}
