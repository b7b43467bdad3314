//! `document intake…` commands: providers' documents that arrived, read for type, party and
//! dates, waiting until the consultant confirms or throws them away.

use super::{short, Ctx};
use crate::output::{emit, CliError};
use tenderwacht_domain::{time::format_date_nl, time::parse_date, IntakeConfirm, IntakeItem, ReadFact};
use tenderwacht_store::Store;

fn fact<T>(f: &Option<ReadFact<T>>, show: impl Fn(&T) -> String) -> String {
    match f {
        Some(f) => format!("{} ({}; {}{})", show(&f.value), f.sure.label(), f.from, f.page.map(|p| format!(", pagina {p}")).unwrap_or_default()),
        None => "niet gevonden".into(),
    }
}

/// One waiting file as the consultant reads it.
pub fn describe(store: &Store, item: &IntakeItem) -> String {
    let type_name = |code: &String| store.document_type(code).map(|t| t.name).unwrap_or_else(|_| code.clone());
    let mut out = vec![
        format!("{}  {} — {}", short(&item.id), item.file_name, item.status.label()),
        format!("  soort:      {}", fact(&item.facts.type_code, type_name)),
        format!(
            "  aanbieder:  {}",
            match (&item.party_name, item.party_from.is_empty()) {
                (Some(n), _) => format!("{n} ({})", item.party_from),
                (None, false) => item.party_from.clone(),
                (None, true) => "niet gevonden: kies de aanbieder (--party)".into(),
            }
        ),
        format!("  afgegeven:  {}", fact(&item.facts.issued, |d| format_date_nl(*d))),
        format!("  geldig tot: {}", fact(&item.facts.expires, |d| format_date_nl(*d))),
    ];
    if !item.source.is_empty() {
        out.push(format!("  herkomst:   {}", item.source));
    }
    for n in &item.facts.notes {
        out.push(format!("  let op:     {n}"));
    }
    out.join("\n")
}

pub fn intake(ctx: &Ctx, store: &mut Store, files: Vec<std::path::PathBuf>) -> Result<(), CliError> {
    let outcomes = tenderwacht_reading::intake::take_in(store, &files)?;
    emit(ctx.json, &outcomes, || {
        let mut text = vec![];
        for o in &outcomes {
            match &o.item {
                Some(item) => {
                    text.push(describe(store, item));
                    if let Some(p) = &o.problem {
                        text.push(format!("  {p}"));
                    }
                }
                None => text.push(format!("{}: {}", o.file_name, o.problem.clone().unwrap_or_default())),
            }
        }
        let new = outcomes.iter().filter(|o| o.new).count();
        text.push(format!("\n{new} nieuw binnengekomen; niets opgeslagen. Bevestig met `document intake-confirm ID` (of --all-sure)."));
        text.join("\n")
    })
}

pub fn list(ctx: &Ctx, store: &Store, all: bool) -> Result<(), CliError> {
    let items = store.intake(all)?;
    emit(ctx.json, &items, || {
        if items.is_empty() {
            return "Er wacht niets in Binnengekomen.".into();
        }
        items.iter().map(|i| describe(store, i)).collect::<Vec<_>>().join("\n\n")
    })
}

pub struct ConfirmArgs {
    pub item: Option<String>,
    pub all_sure: bool,
    pub party: Option<String>,
    pub type_code: Option<String>,
    pub issued: Option<String>,
    pub expires: Option<String>,
    pub new_provider: Option<String>,
}

pub fn confirm(ctx: &Ctx, store: &mut Store, a: ConfirmArgs) -> Result<(), CliError> {
    let answer = IntakeConfirm {
        party_id: a.party.as_deref().map(|p| store.resolve_party(p, None)).transpose()?,
        type_code: a.type_code,
        issued: a.issued.as_deref().map(|t| parse_date("afgiftedatum", t)).transpose()?,
        expires: a.expires.as_deref().map(|t| parse_date("vervaldatum", t)).transpose()?,
        new_provider: a.new_provider,
    };
    let ids = match (a.item, a.all_sure) {
        (Some(key), false) => vec![store.resolve_intake(&key)?],
        (None, true) => store.intake(false)?.into_iter().filter(|i| i.party_id.is_some() && i.facts.all_sure()).map(|i| i.id).collect(),
        _ => return Err(tenderwacht_store::StoreError::invalid("bestand", "geef één binnengekomen bestand (id of naam) of --all-sure").into()),
    };
    let mut stored = vec![];
    for id in ids {
        stored.push(store.confirm_intake(id, &answer)?);
    }
    emit(ctx.json, &stored, || {
        if stored.is_empty() {
            return "Geen bestand zeker genoeg om in één keer op te slaan; bevestig ze een voor een.".into();
        }
        stored
            .iter()
            .map(|d| format!("Opgeslagen: {} ({}), afgegeven {}", d.type_name, d.original_name, format_date_nl(d.issue_date)))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

pub fn discard(ctx: &Ctx, store: &mut Store, item: &str) -> Result<(), CliError> {
    let id = store.resolve_intake(item)?;
    let name = store.intake_item(id)?.file_name;
    store.discard_intake(id)?;
    emit(ctx.json, &serde_json::json!({ "discarded": id }), || format!("Weggegooid: {name}"))
}
