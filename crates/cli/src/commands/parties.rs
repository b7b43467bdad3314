//! `provider` and `cooperative` commands.

use super::{short, Ctx};
use crate::args::{CooperativeCmd, MemberCmd, PartyFields, ProviderCmd};
use crate::output::{emit, fields, table, CliError};
use serde_json::json;
use tenderwacht_domain::{CareDomain, Party, PartyInput, PartyKind, PartyPatch};
use tenderwacht_store::{Store, StoreError};

fn domains(list: &[String]) -> Result<Vec<CareDomain>, tenderwacht_domain::DomainError> {
    list.iter().map(|d| CareDomain::parse_field("domein", d)).collect()
}

fn input(f: PartyFields) -> Result<PartyInput, StoreError> {
    Ok(PartyInput {
        name: f.name.ok_or_else(|| StoreError::invalid("naam", "verplicht (--name)"))?,
        kvk: f.kvk.ok_or_else(|| StoreError::invalid("kvk", "verplicht (--kvk)"))?,
        agb: f.agb.unwrap_or_default(),
        place: f.place.unwrap_or_default(),
        domains: domains(&f.domains)?,
        municipalities: f.municipalities,
        contact: f.contact.unwrap_or_default(),
        email: f.email.unwrap_or_default(),
        phone: f.phone.unwrap_or_default(),
        notes: f.notes.unwrap_or_default(),
    })
}

fn patch(f: PartyFields, active: Option<bool>) -> Result<PartyPatch, StoreError> {
    Ok(PartyPatch {
        domains: if f.domains.is_empty() { None } else { Some(domains(&f.domains)?) },
        municipalities: if f.municipalities.is_empty() { None } else { Some(f.municipalities) },
        name: f.name,
        kvk: f.kvk,
        agb: f.agb,
        place: f.place,
        contact: f.contact,
        email: f.email,
        phone: f.phone,
        notes: f.notes,
        active,
    })
}

fn party_table(parties: &[Party]) -> String {
    let rows: Vec<Vec<String>> = parties
        .iter()
        .map(|p| {
            vec![
                short(&p.id),
                p.name.clone(),
                p.kvk.clone(),
                p.place.clone(),
                p.domains.iter().map(|d| d.label()).collect::<Vec<_>>().join(", "),
                if p.active { String::new() } else { "inactief".into() },
            ]
        })
        .collect();
    table(&["id", "naam", "kvk", "plaats", "domeinen", ""], &rows)
}

fn party_fields(p: &Party) -> String {
    fields(&[
        ("id", p.id.to_string()),
        ("soort", p.kind.label().to_string()),
        ("naam", p.name.clone()),
        ("kvk", p.kvk.clone()),
        ("agb", p.agb.clone().unwrap_or_default()),
        ("plaats", p.place.clone()),
        ("gemeenten", p.municipalities.join(", ")),
        ("domeinen", p.domains.iter().map(|d| d.label()).collect::<Vec<_>>().join(", ")),
        ("contactpersoon", p.contact.clone()),
        ("e-mail", p.email.clone()),
        ("telefoon", p.phone.clone()),
        ("notities", p.notes.clone()),
        ("actief", if p.active { "ja".into() } else { "nee".into() }),
    ])
}

fn show(ctx: &Ctx, store: &Store, p: &Party) -> Result<(), CliError> {
    let docs = store.documents(p.id, true)?;
    let bids = store.bids(None, Some(p.id))?;
    let (coops, members) = match p.kind {
        PartyKind::Provider => (store.cooperatives_of(p.id)?, vec![]),
        PartyKind::Cooperative => (vec![], store.members(p.id)?),
    };
    let value = json!({ "party": p, "documents": docs, "bids": bids, "cooperatives": coops, "members": members });
    emit(ctx.json, &value, || {
        let mut out = party_fields(p);
        if !members.is_empty() {
            out.push_str(&format!("\nLeden:\n{}", party_table(&members)));
        }
        if !coops.is_empty() {
            out.push_str(&format!("\nCoöperaties: {}\n", coops.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")));
        }
        out.push_str(&format!("\nDocumenten:\n{}", super::documents::doc_table(&docs)));
        let rows: Vec<Vec<String>> =
            bids.iter().map(|b| vec![short(&b.id), b.tender_title.clone(), b.lot_number.map(|n| n.to_string()).unwrap_or_default()]).collect();
        out.push_str(&format!("\nInschrijvingen:\n{}", table(&["id", "aanbesteding", "perceel"], &rows)));
        out
    })
}

pub fn provider(ctx: &Ctx, store: &mut Store, cmd: ProviderCmd) -> Result<(), CliError> {
    match cmd {
        ProviderCmd::Add(f) => {
            let id = store.add_provider(&input(f)?)?;
            let p = store.party(id)?;
            emit(ctx.json, &p, || format!("Aanbieder toegevoegd: {} ({})", p.name, p.id))
        }
        ProviderCmd::List { all } => {
            let list: Vec<Party> = store.parties(Some(PartyKind::Provider))?.into_iter().filter(|p| all || p.active).collect();
            emit(ctx.json, &list, || party_table(&list))
        }
        ProviderCmd::Show { provider } => {
            let p = store.party(store.resolve_party(&provider, Some(PartyKind::Provider))?)?;
            show(ctx, store, &p)
        }
        ProviderCmd::Edit { provider, fields, active } => {
            let id = store.resolve_party(&provider, Some(PartyKind::Provider))?;
            let p = store.edit_party(id, &patch(fields, active)?)?;
            emit(ctx.json, &p, || format!("Aanbieder bijgewerkt: {}", p.name))
        }
        ProviderCmd::Remove { provider, yes } => {
            let id = store.resolve_party(&provider, Some(PartyKind::Provider))?;
            let (name, impact) = (store.party(id)?.name, store.party_removal(id)?);
            super::removal(ctx, &name, impact, yes, || Ok(store.remove_party(id)?))
        }
        ProviderCmd::Facts(a) => super::facts::facts(ctx, store, a),
        ProviderCmd::Import { file, skip_invalid, dry_run } => {
            let import = tenderwacht_export::import::providers_file(&file)?;
            if dry_run {
                let value = json!({ "valid": import.rows.len(), "errors": import.errors });
                return emit(ctx.json, &value, || {
                    let mut out = format!("{} geldige regel(s), {} fout(en)\n", import.rows.len(), import.errors.len());
                    for e in &import.errors {
                        out.push_str(&format!("regel {}: {}\n", e.line, e.message));
                    }
                    out
                });
            }
            let ids = store.import_providers(&import, skip_invalid)?;
            let value = json!({ "imported": ids.len(), "skipped": import.errors });
            emit(ctx.json, &value, || {
                let mut out = format!("{} aanbieder(s) geïmporteerd\n", ids.len());
                for e in &import.errors {
                    out.push_str(&format!("overgeslagen, regel {}: {}\n", e.line, e.message));
                }
                out
            })
        }
    }
}

pub fn cooperative(ctx: &Ctx, store: &mut Store, cmd: CooperativeCmd) -> Result<(), CliError> {
    match cmd {
        CooperativeCmd::Add(f) => {
            let id = store.add_cooperative(&input(f)?)?;
            let p = store.party(id)?;
            emit(ctx.json, &p, || format!("Coöperatie toegevoegd: {} ({})", p.name, p.id))
        }
        CooperativeCmd::List => {
            let list = store.parties(Some(PartyKind::Cooperative))?;
            emit(ctx.json, &list, || party_table(&list))
        }
        CooperativeCmd::Show { cooperative } => {
            let p = store.party(store.resolve_party(&cooperative, Some(PartyKind::Cooperative))?)?;
            show(ctx, store, &p)
        }
        CooperativeCmd::Remove { cooperative, yes } => {
            let id = store.resolve_party(&cooperative, Some(PartyKind::Cooperative))?;
            let (name, impact) = (store.party(id)?.name, store.party_removal(id)?);
            super::removal(ctx, &name, impact, yes, || Ok(store.remove_party(id)?))
        }
        CooperativeCmd::Member(m) => {
            let (coop, prov, add) = match m {
                MemberCmd::Add { cooperative, provider } => (cooperative, provider, true),
                MemberCmd::Remove { cooperative, provider } => (cooperative, provider, false),
            };
            let c = store.resolve_party(&coop, Some(PartyKind::Cooperative))?;
            let p = store.resolve_party(&prov, Some(PartyKind::Provider))?;
            if add {
                store.add_member(c, p)?;
            } else {
                store.remove_member(c, p)?;
            }
            let members = store.members(c)?;
            emit(ctx.json, &members, || format!("Leden van de coöperatie:\n{}", party_table(&members)))
        }
    }
}
