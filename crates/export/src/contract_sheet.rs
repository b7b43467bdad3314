//! The contracts in the spreadsheet export: one sheet per domain (Jeugdwet, Wmo), a row per
//! obligation of each delivering party with its status today, and the contract's term beside it.

use crate::error::{ExportError, Result};
use rust_xlsxwriter::{Format, Worksheet};
use tenderwacht_domain::{time::format_date_nl, CareDomain};
use tenderwacht_store::{ContractFilter, Store};

fn xerr(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::Invalid(format!("Excel-bestand: {e}"))
}

/// Writes the contracts of `domain` (running ones) to `sheet`; false when there are none.
pub fn contract_sheet(store: &Store, sheet: &mut Worksheet, domain: CareDomain) -> Result<bool> {
    let filter = ContractFilter { domain: Some(domain), ..Default::default() };
    let contracts = store.contracts(&filter)?;
    if contracts.is_empty() {
        return Ok(false);
    }
    let obligations = store.obligation_views(&filter)?;
    let mut by_contract: std::collections::HashMap<uuid::Uuid, Vec<&tenderwacht_store::ObligationView>> = std::collections::HashMap::new();
    for o in &obligations {
        by_contract.entry(o.contract_id).or_default().push(o);
    }
    let bold = Format::new().set_bold();
    let headers = [
        "Contract",
        "Partij",
        "Opdrachtgever",
        "Gemeenten",
        "Producten",
        "Start",
        "Einde",
        "Verlengingen over",
        "Opzeggen uiterlijk",
        "Verplichting",
        "Wanneer",
        "Voor",
        "Status",
        "Actie vóór",
        "Toelichting",
    ];
    for (i, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(i).unwrap_or(0), crate::cells::text(h), &bold).map_err(xerr)?;
    }
    let mut row = 1u32;
    for c in &contracts {
        let own: &[&tenderwacht_store::ObligationView] = by_contract.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        let term = [
            c.title.clone(),
            c.party_name.clone(),
            c.buyer.clone(),
            c.municipalities.join(", "),
            c.products
                .iter()
                .map(|p| if p.code.is_empty() { p.name.clone() } else { format!("{} {}", p.code, p.name) })
                .collect::<Vec<_>>()
                .join(", "),
            format_date_nl(c.start),
            format_date_nl(c.end),
            format!("{} van {}", c.extensions_total - c.extensions_used, c.extensions_total),
            tenderwacht_domain::contract::notice_deadline(c).map(format_date_nl).unwrap_or_default(),
        ];
        let lines = own.len().max(1);
        for k in 0..lines {
            for (i, v) in term.iter().enumerate() {
                sheet.write_string(row, u16::try_from(i).unwrap_or(0), crate::cells::text(v)).map_err(xerr)?;
            }
            if let Some(o) = own.get(k) {
                let tone = o.judged.status.tone();
                let status = Format::new().set_background_color(crate::cells::fill(tone));
                let values = [o.type_name.clone(), o.rule.clone(), o.party_name.clone()];
                for (i, v) in values.iter().enumerate() {
                    sheet.write_string(row, u16::try_from(9 + i).unwrap_or(0), crate::cells::text(v)).map_err(xerr)?;
                }
                sheet.write_string_with_format(row, 12, crate::cells::text(o.judged.status.label()), &status).map_err(xerr)?;
                sheet.write_string(row, 13, o.judged.act_by.map(format_date_nl).unwrap_or_default()).map_err(xerr)?;
                sheet.write_string(row, 14, crate::cells::text(&o.judged.reason)).map_err(xerr)?;
            }
            row += 1;
        }
    }
    for (i, w) in [34, 28, 24, 24, 30, 16, 16, 12, 16, 34, 24, 24, 16, 16, 60].iter().enumerate() {
        sheet.set_column_width(u16::try_from(i).unwrap_or(0), *w).map_err(xerr)?;
    }
    sheet.autofilter(0, 0, row.saturating_sub(1), 14).map_err(xerr)?;
    sheet.set_freeze_panes(1, 1).map_err(xerr)?;
    Ok(true)
}
