//! Spreadsheets: the checklist matrix (a sheet per tender: requirements down, parties across, each
//! cell its status word on its status colour, the reason as a cell note) and the tender list.
//! Written with rust_xlsxwriter; files appear atomically.

use crate::cells::fill;
use crate::error::{ExportError, Result};
use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, Worksheet};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use tenderwacht_domain::{time::format_moment_nl, CareDomain};
use tenderwacht_store::{ChecklistScope, Store, TenderFilter};
use uuid::Uuid;

fn xerr(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::format("xlsx", e)
}

/// A sheet name Excel accepts (max 31 characters, none of `[]:*?/\`), unique in the workbook.
pub fn sheet_name(title: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    // Cut to 28 characters, then trimmed again: a cut may leave an apostrophe or a space at the
    // end, which Excel refuses in a sheet name.
    let cut: String = clean.chars().take(28).collect();
    let cut = cut.trim().trim_end_matches('\'').trim_end().to_string();
    let base: String = if cut.is_empty() { "Aanbesteding".into() } else { cut };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{} {n}", base.chars().take(26).collect::<String>());
        n += 1;
    }
    name
}

fn checklist_sheet(store: &Store, sheet: &mut Worksheet, tender: Uuid) -> Result<()> {
    let checklist = store.checklist(ChecklistScope::Tender(tender))?;
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    // Columns: one per party (in first-seen order); rows: one per requirement.
    let mut parties: Vec<(Uuid, String)> = vec![];
    let mut reqs: Vec<(Uuid, String)> = vec![];
    let mut cells: BTreeMap<(usize, usize), (&str, &str, String)> = BTreeMap::new();
    for r in &checklist.rows {
        let p = parties.iter().position(|(id, _)| *id == r.party_id).unwrap_or_else(|| {
            parties.push((r.party_id, r.party_name.clone()));
            parties.len() - 1
        });
        let q = reqs.iter().position(|(id, _)| *id == r.requirement_id).unwrap_or_else(|| {
            reqs.push((r.requirement_id, r.requirement_name.clone()));
            reqs.len() - 1
        });
        cells.insert((q, p), (r.status.label(), r.status.tone(), r.reason.clone()));
    }
    let title = checklist.rows.first().map(|r| r.tender_title.clone()).unwrap_or_else(|| store.tender(tender).map(|t| t.title).unwrap_or_default());
    let closing = checklist.rows.first().and_then(|r| r.closing).map(format_moment_nl).unwrap_or_else(|| "geen sluiting bekend".into());
    sheet.write_string_with_format(0, 0, crate::cells::text(&title), &bold).map_err(xerr)?;
    sheet.write_string(1, 0, format!("Sluiting: {closing}")).map_err(xerr)?;
    sheet.write_string_with_format(3, 0, crate::cells::text("Eis"), &head).map_err(xerr)?;
    sheet.set_column_width(0, 38).map_err(xerr)?;
    for (i, (_, name)) in parties.iter().enumerate() {
        let col = u16::try_from(i + 1).unwrap_or(u16::MAX);
        sheet.write_string_with_format(3, col, crate::cells::text(name), &head).map_err(xerr)?;
        sheet.set_column_width(col, 22).map_err(xerr)?;
    }
    for (i, (_, name)) in reqs.iter().enumerate() {
        sheet.write_string(u32::try_from(i + 4).unwrap_or(u32::MAX), 0, crate::cells::text(name)).map_err(xerr)?;
    }
    for ((q, p), (label, tone, reason)) in &cells {
        let (row, col) = (u32::try_from(q + 4).unwrap_or(u32::MAX), u16::try_from(p + 1).unwrap_or(u16::MAX));
        let format = Format::new().set_background_color(fill(tone)).set_align(FormatAlign::Center);
        sheet.write_string_with_format(row, col, crate::cells::text(label), &format).map_err(xerr)?;
        if !reason.is_empty() {
            sheet.insert_note(row, col, &Note::new(reason).add_author_prefix(false)).map_err(xerr)?;
        }
    }
    sheet.set_freeze_panes(4, 1).map_err(xerr)?;
    Ok(())
}

fn tender_sheet(store: &Store, sheet: &mut Worksheet, tenders: &[tenderwacht_domain::Tender]) -> Result<()> {
    let bold = Format::new().set_bold();
    let headers = ["Aanbesteding", "Opdrachtgever", "Regio", "Procedure", "Domein", "Status", "Sluiting"];
    for (i, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(i).unwrap_or(0), crate::cells::text(h), &bold).map_err(xerr)?;
    }
    for (n, t) in tenders.iter().enumerate() {
        let row = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let values = [
            t.title.clone(),
            t.buyer.clone(),
            t.region.clone(),
            t.procedure.label().to_string(),
            t.domain.label().to_string(),
            t.status.label().to_string(),
            t.closing.map(format_moment_nl).unwrap_or_default(),
        ];
        for (i, v) in values.iter().enumerate() {
            sheet.write_string(row, u16::try_from(i).unwrap_or(0), crate::cells::text(v)).map_err(xerr)?;
        }
    }
    for (i, w) in [50, 32, 14, 20, 10, 12, 24].iter().enumerate() {
        sheet.set_column_width(u16::try_from(i).unwrap_or(0), *w).map_err(xerr)?;
    }
    sheet.autofilter(0, 0, u32::try_from(tenders.len()).unwrap_or(0), 6).map_err(xerr)?;
    sheet.set_freeze_panes(1, 0).map_err(xerr)?;
    let _ = store;
    Ok(())
}

/// The checklist of the given tenders (all tenders with bids when empty) plus the tender list.
pub fn export(store: &Store, tenders: &[Uuid], target: &Path) -> Result<std::path::PathBuf> {
    export_with(store, tenders, target, &mut |_, _, _| {})
}

/// As [`export`], saying how far it is: a step per sheet, the providers' sheet every 1,000
/// rows, and the saving. The workbook is written straight into its file (a million providers'
/// rows are not held in memory twice).
pub fn export_with(store: &Store, tenders: &[Uuid], target: &Path, progress: crate::progress::Progress<'_>) -> Result<std::path::PathBuf> {
    let all = store.tenders(&TenderFilter::default())?;
    let with_bids: Vec<Uuid> = if tenders.is_empty() {
        let mut ids: Vec<Uuid> = vec![];
        for b in store.bids(None, None)? {
            if !ids.contains(&b.tender_id) {
                ids.push(b.tender_id);
            }
        }
        ids
    } else {
        tenders.to_vec()
    };
    let mut book = Workbook::new();
    let mut taken = HashSet::new();
    progress("Aanbestedingen", 0, all.len());
    {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name("Aanbestedingen", &mut taken)).map_err(xerr)?;
        tender_sheet(store, sheet, &all)?;
    }
    let checklists = with_bids.len();
    for (n, t) in with_bids.into_iter().enumerate() {
        let title = store.tender(t)?.title;
        progress(&format!("Checklist {title}"), n, checklists);
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&title, &mut taken)).map_err(xerr)?;
        checklist_sheet(store, sheet, t)?;
    }
    // The providers' facts forms ask (names, numbers, address, signatory, quality marks): one row
    // per provider, a million of them after a large import, written to a temporary file as they
    // come rather than held in memory.
    {
        let sheet = book.add_worksheet_with_constant_memory();
        sheet.set_name(sheet_name("Aanbieders", &mut taken)).map_err(xerr)?;
        crate::facts::facts_sheet(store, sheet, progress)?;
    }
    progress("Contracten", 0, 0);
    // Contracts and their obligations, a sheet per domain (only domains that have contracts).
    for (domain, name) in [(CareDomain::Jeugdwet, "Contracten Jeugdwet"), (CareDomain::Wmo, "Contracten Wmo")] {
        let mut sheet = Worksheet::new();
        if crate::contract_sheet::contract_sheet(store, &mut sheet, domain)? {
            sheet.set_name(sheet_name(name, &mut taken)).map_err(xerr)?;
            book.push_worksheet(sheet);
        }
    }
    progress("Opslaan", 0, 0);
    let mut out = crate::atomic::AtomicFile::create(target)?;
    book.save_to_writer(out.file()).map_err(xerr)?;
    let path = out.commit()?;
    progress("Klaar", 1, 1);
    Ok(path)
}
