//! `checklist`, `agenda` and `info`: the read-only views a consultant asks for most.

use super::{date_opt, Ctx};
use crate::args::{AgendaArgs, ChecklistArgs};
use crate::output::{emit, fields, table, CliError};
use tenderwacht_domain::{
    agenda::AgendaFilter,
    time::{format_date_nl, parse_date, Period},
};
use tenderwacht_store::{ChecklistScope, Store};

pub fn checklist(ctx: &Ctx, store: &Store, a: ChecklistArgs) -> Result<(), CliError> {
    let scope = match (&a.tender, &a.provider) {
        (Some(t), _) => ChecklistScope::Tender(store.resolve_tender(t)?),
        (None, Some(p)) => ChecklistScope::Party(store.resolve_party(p, None)?),
        (None, None) => return Err(tenderwacht_store::StoreError::invalid("checklist", "geef --tender of --provider").into()),
    };
    let mut list = store.checklist(scope)?;
    if a.problems {
        list.rows.retain(|r| r.status.is_problem());
    }
    emit(ctx.json, &list, || {
        let rows: Vec<Vec<String>> = list
            .rows
            .iter()
            .map(|r| {
                let who = if r.party_id == r.bidder_id { r.party_name.clone() } else { format!("{} (via {})", r.party_name, r.bidder_name) };
                let tender = match r.lot_number {
                    Some(n) => format!("{} / perceel {n}", r.tender_title),
                    None => r.tender_title.clone(),
                };
                vec![tender, who, r.requirement_name.clone(), r.status.label().into(), date_opt(r.act_by), r.reason.clone()]
            })
            .collect();
        let counts: Vec<String> = list.counts.iter().map(|c| format!("{} {}", c.count, c.status.label())).collect();
        format!(
            "{}\nVandaag: {} — {}",
            table(&["aanbesteding", "aanbieder", "eis", "status", "actie vóór", "toelichting"], &rows),
            format_date_nl(list.today),
            counts.join(", ")
        )
    })
}

pub fn agenda(ctx: &Ctx, store: &Store, a: AgendaArgs) -> Result<(), CliError> {
    let today = store.today();
    let mut filter = AgendaFilter::around(today, a.days);
    if let Some(f) = &a.from {
        filter.from = parse_date("--from", f)?;
    }
    if let Some(t) = &a.to {
        filter.to = parse_date("--to", t)?;
    } else if a.from.is_some() {
        filter.to = Period::days(a.days).after(filter.from);
    }
    if filter.to < filter.from {
        return Err(tenderwacht_store::StoreError::invalid("--to", "ligt vóór --from").into());
    }
    filter.party = a.provider.as_deref().map(|p| store.resolve_party(p, None)).transpose()?;
    filter.tender = a.tender.as_deref().map(|t| store.resolve_tender(t)).transpose()?;
    filter.region = a.region;
    let items = store.agenda(&filter)?;
    emit(ctx.json, &items, || {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    format!("{}{}", format_date_nl(i.date), if i.overdue { " (verlopen)" } else { "" }),
                    i.kind.label().into(),
                    i.title.clone(),
                    i.detail.clone(),
                ]
            })
            .collect();
        format!(
            "Agenda {} t/m {}\n{}",
            format_date_nl(filter.from),
            format_date_nl(filter.to),
            table(&["datum", "soort", "wat", "toelichting"], &rows)
        )
    })
}

pub fn info(ctx: &Ctx, store: &Store) -> Result<(), CliError> {
    let info = store.info()?;
    emit(ctx.json, &info, || {
        fields(&[
            ("gegevensmap", info.data_dir.clone()),
            ("schemaversie", info.schema_version.to_string()),
            ("aanbieders", info.providers.to_string()),
            ("coöperaties", info.cooperatives.to_string()),
            ("aanbestedingen", info.tenders.to_string()),
            ("documenten", info.documents.to_string()),
            ("vandaag", format_date_nl(info.today)),
        ])
    })
}
