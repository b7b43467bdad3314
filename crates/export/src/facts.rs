//! A provider's one-page fact sheet (PDF): the facts tender forms ask again and again, and the
//! documents that are valid today, to copy from or attach.

use crate::error::Result;
use crate::pdf::{self, Block, Row};
use std::path::{Path, PathBuf};
use tenderwacht_domain::{
    checklist::{valid_until, DocDates},
    time::format_date_nl,
};
use tenderwacht_store::Store;
use uuid::Uuid;

/// The fact sheet of a provider or cooperative, as PDF bytes.
pub fn fact_sheet(store: &Store, party: Uuid) -> Result<Vec<u8>> {
    let p = store.party(party)?;
    let f = store.provider_facts(party)?;
    let today = store.today();
    let address = [f.street.clone(), format!("{} {}", f.postcode, f.city).trim().to_string()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let signatory = match (f.signatory_name.as_str(), f.signatory_role.as_str()) {
        ("", _) => String::new(),
        (n, "") => n.to_string(),
        (n, r) => format!("{n} ({r})"),
    };
    let agb_codes: Vec<String> = p.agb.clone().into_iter().chain(f.agb_codes.iter().cloned()).collect();
    let facts = [
        ("Naam", p.name.clone()),
        ("Statutaire naam", f.legal_name.clone()),
        ("Handelsnamen", f.trade_names.join(", ")),
        ("KvK-nummer", p.kvk.clone()),
        ("Vestigingsnummer", f.vestiging.clone()),
        (if agb_codes.len() > 1 { "AGB-codes" } else { "AGB-code" }, agb_codes.join(", ")),
        ("Adres", address),
        ("Plaats", p.place.clone()),
        ("Contactpersoon", p.contact.clone()),
        ("E-mail", p.email.clone()),
        ("Telefoon", p.phone.clone()),
        ("Tekenbevoegde", signatory),
        ("Keurmerken", f.quality_marks.join(", ")),
        ("Domeinen", p.domains.iter().map(|d| d.label()).collect::<Vec<_>>().join(", ")),
        ("Gemeenten", p.municipalities.join(", ")),
    ];
    let rows: Vec<Row> = facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| Row { cells: vec![k.to_string(), v], tone: None }).collect();
    let types = store.document_types()?;
    let mut docs: Vec<Row> = vec![];
    for d in store.documents(party, true)? {
        let rule = types.iter().find(|t| t.id == d.type_id).map(|t| t.rule);
        let until = rule.and_then(|r| valid_until(r, DocDates { issue: d.issue_date, printed_expiry: d.expiry_date }));
        if until.is_some_and(|u| u < today) {
            continue;
        }
        docs.push(Row {
            cells: vec![d.type_name.clone(), format_date_nl(d.issue_date), until.map(format_date_nl).unwrap_or_else(|| "geen einddatum".into())],
            tone: None,
        });
    }
    let mut blocks = vec![Block::Table { widths: vec![0.3, 0.7], header: vec!["Gegeven".into(), "Waarde".into()], rows }];
    blocks.push(Block::Heading("Geldige documenten".into()));
    if docs.is_empty() {
        blocks.push(Block::Paragraph("Geen geldige documenten.".into()));
    } else {
        blocks.push(Block::Table {
            widths: vec![0.5, 0.25, 0.25],
            header: vec!["Document".into(), "Afgegeven".into(), "Geldig t/m".into()],
            rows: docs,
        });
    }
    Ok(pdf::render(&pdf::Document { title: format!("Feitenblad — {}", p.name), subtitle: format!("Stand van {}", format_date_nl(today)), blocks }))
}

/// Writes the fact sheet to `target` (atomically).
pub fn write_fact_sheet(store: &Store, party: Uuid, target: &Path) -> Result<PathBuf> {
    crate::atomic::write(target, &fact_sheet(store, party)?)
}

/// The providers' facts as a sheet of the spreadsheet export (one row per provider).
pub fn facts_sheet(store: &Store, sheet: &mut rust_xlsxwriter::Worksheet, progress: crate::progress::Progress<'_>) -> Result<()> {
    let xerr = |e: rust_xlsxwriter::XlsxError| crate::error::ExportError::Invalid(format!("Excel-bestand: {e}"));
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let headers = [
        "Naam",
        "Statutaire naam",
        "Handelsnamen",
        "KvK",
        "Vestigingsnummer",
        "AGB",
        "Adres",
        "Postcode",
        "Plaats",
        "Tekenbevoegde",
        "Functie",
        "Keurmerken",
        "E-mail",
        "Telefoon",
    ];
    // Widths and the frozen header first: the sheet is written row by row (constant memory), so
    // nothing may come back to an earlier row.
    for (i, w) in [30, 30, 26, 10, 16, 10, 26, 10, 16, 22, 16, 26, 26, 14].iter().enumerate() {
        sheet.set_column_width(u16::try_from(i).unwrap_or(0), *w).map_err(xerr)?;
    }
    sheet.set_freeze_panes(1, 1).map_err(xerr)?;
    for (i, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(i).unwrap_or(0), crate::cells::text(h), &bold).map_err(xerr)?;
    }
    // A thousand parties at a time, in name order: a million providers are never all in memory.
    let info = store.info()?;
    let total = usize::try_from(info.providers + info.cooperatives).unwrap_or(usize::MAX);
    let mut n = 0usize;
    let mut batch = store.active_parties_after(None, 1000)?;
    while !batch.is_empty() {
        for p in &batch {
            if n.is_multiple_of(1000) {
                progress("Aanbieders", n, total.max(n));
            }
            let row = u32::try_from(n + 1).unwrap_or(u32::MAX);
            n += 1;
            let f = store.provider_facts(p.id)?;
            let values = [
                p.name.clone(),
                f.legal_name,
                f.trade_names.join(", "),
                p.kvk.clone(),
                f.vestiging,
                p.agb.clone().into_iter().chain(f.agb_codes.iter().cloned()).collect::<Vec<_>>().join(", "),
                f.street,
                f.postcode,
                if f.city.is_empty() { p.place.clone() } else { f.city },
                f.signatory_name,
                f.signatory_role,
                f.quality_marks.join(", "),
                p.email.clone(),
                p.phone.clone(),
            ];
            for (i, v) in values.iter().enumerate() {
                sheet.write_string(row, u16::try_from(i).unwrap_or(0), crate::cells::text(v)).map_err(xerr)?;
            }
        }
        batch = store.active_parties_after(batch.last(), 1000)?;
    }
    Ok(())
}
