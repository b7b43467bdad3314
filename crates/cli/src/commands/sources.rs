//! `sync` and `source` commands: fetching from the portals with progress on stderr, and managing
//! the list of sources.

use super::{moment_opt, short, Ctx};
use crate::args::{ProfileCmd, SourceCmd, SyncArgs};
use crate::output::{emit, table, CliError};
use serde_json::json;
use tenderwacht_domain::publication::SourceKind;
use tenderwacht_sources::html::HtmlDefinition;
use tenderwacht_sources::sync::{Progress, SyncOptions, SyncReport};
use tenderwacht_sources::Syncer;
use tenderwacht_store::{Store, StoreError};

fn report_table(reports: &[SyncReport]) -> String {
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            vec![
                r.source.clone(),
                r.fetched.to_string(),
                r.new.to_string(),
                r.updated.to_string(),
                r.unchanged.to_string(),
                r.filtered.to_string(),
                r.rejected.len().to_string(),
                r.errors.len().to_string(),
                r.documents_downloaded.to_string(),
            ]
        })
        .collect();
    let mut out = table(&["bron", "opgehaald", "nieuw", "gewijzigd", "ongewijzigd", "buiten profiel", "geweigerd", "fouten", "documenten"], &rows);
    for r in reports {
        for c in &r.changes {
            out.push_str(&format!("wijziging  {} {}: {}\n", r.source, c.item, c.message));
        }
        for l in &r.rejected {
            out.push_str(&format!("geweigerd  {} {}: {}\n", r.source, l.item, l.message));
        }
        for e in &r.errors {
            out.push_str(&format!("fout       {}: {e}\n", r.source));
        }
        for w in &r.warnings {
            out.push_str(&format!("let op     {} {}: {}\n", r.source, w.item, w.message));
        }
    }
    out
}

fn show_progress(p: &Progress) {
    match p.total {
        Some(t) => eprintln!("{}: {} {}/{}", p.source, p.stage, p.done, t),
        // Without a total, a listing counts pages (from 0) and a streamed write counts items.
        None if p.stage == "lijst" => eprintln!("{}: {} pagina {}", p.source, p.stage, p.done + 1),
        None => eprintln!("{}: {} {} verwerkt", p.source, p.stage, p.done),
    }
}

pub fn sync(ctx: &Ctx, store: &mut Store, a: SyncArgs) -> Result<(), CliError> {
    let profiles = if a.all {
        vec![]
    } else {
        match &a.profile {
            Some(p) => vec![store.profile(p)?],
            None => store.profiles()?,
        }
    };
    let options = SyncOptions { download_documents: !a.no_documents, ..Default::default() };
    let started = chrono::Utc::now();
    let mut syncer = Syncer::new(store, profiles, options)?;
    let reports = syncer.sync_all(a.source.as_deref(), &mut |p| {
        if !ctx.json {
            show_progress(p);
        }
    })?;
    drop(syncer);
    // New documents (a leidraad, a nota van inlichtingen) are read for proposals right away.
    let proposed = tenderwacht_reading::propose::propose_downloaded_since(store, started)?;
    let added: usize = proposed.iter().map(|(_, o)| o.report.added.len()).sum();
    emit(ctx.json, &reports, || {
        let mut text = report_table(&reports);
        if added > 0 {
            text.push_str(&format!("\n{added} voorstel(len) uit nieuwe stukken; bekijk ze met `requirement proposals`"));
        }
        text
    })
}

pub fn source(ctx: &Ctx, store: &mut Store, cmd: SourceCmd) -> Result<(), CliError> {
    match cmd {
        SourceCmd::List => {
            let list = store.sources()?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|s| {
                        vec![
                            short(&s.id),
                            s.name.clone(),
                            s.kind.label().into(),
                            s.base_url.clone(),
                            if s.enabled { "aan".into() } else { "uit".into() },
                            moment_opt(s.last_sync_at),
                        ]
                    })
                    .collect();
                table(&["id", "naam", "soort", "adres", "actief", "laatste sync"], &rows)
            })
        }
        SourceCmd::Add { name, kind, url, definition } => {
            let id = match definition {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| StoreError::io(&path, e))?;
                    let def = HtmlDefinition::parse(&text)?;
                    let config = serde_json::to_value(&def).map_err(|e| CliError::Output(e.to_string()))?;
                    store.add_source(name.as_deref().unwrap_or(&def.name), SourceKind::Html, &def.url, &config)?
                }
                None => {
                    let kind = SourceKind::parse_field("soort", kind.as_deref().unwrap_or_default())?;
                    if kind == SourceKind::Html {
                        return Err(StoreError::invalid("soort", "een HTML-bron heeft een beschrijving nodig (--definition)").into());
                    }
                    store.add_source(name.as_deref().unwrap_or_default(), kind, url.as_deref().unwrap_or_default(), &json!({}))?
                }
            };
            let s = store.sources()?.into_iter().find(|s| s.id == id);
            emit(ctx.json, &s, || format!("Bron toegevoegd: {}", s.as_ref().map(|s| s.name.as_str()).unwrap_or_default()))
        }
        SourceCmd::Test { source } => {
            // The real fetching and parsing of one page into a throw-away store; nothing kept.
            let original = store.source(&source)?;
            let found = tenderwacht_sources::preview::preview(
                &original.name,
                original.kind,
                &original.base_url,
                &original.config,
                SyncOptions::default(),
                &store.profiles()?,
                &mut |p| {
                    if !ctx.json {
                        show_progress(p)
                    }
                },
            )?;
            let value = json!({ "report": found.report, "tenders": found.tenders, "outside": found.outside });
            emit(ctx.json, &value, || {
                let rows: Vec<Vec<String>> = found
                    .tenders
                    .iter()
                    .zip(&found.outside)
                    .map(|(t, o)| vec![t.title.clone(), t.buyer.clone(), moment_opt(t.closing), o.clone().unwrap_or_else(|| "bewaard".into())])
                    .collect();
                format!(
                    "{}\n{}",
                    report_table(std::slice::from_ref(&found.report)),
                    table(&["titel", "opdrachtgever", "sluiting", "zoekprofiel"], &rows)
                )
            })
        }
        SourceCmd::Enable { source, off } => {
            let s = store.source(&source)?;
            store.update_source(s.id, None, Some(!off))?;
            emit(ctx.json, &json!({ "source": s.name, "enabled": !off }), || format!("Bron {} staat {}", s.name, if off { "uit" } else { "aan" }))
        }
        SourceCmd::Reports => {
            let reports = store.last_sync_reports()?;
            emit(ctx.json, &reports, || {
                let parsed: Vec<SyncReport> = reports.iter().filter_map(|r| serde_json::from_value(r.report.clone()).ok()).collect();
                report_table(&parsed)
            })
        }
    }
}

pub fn profile(ctx: &Ctx, store: &mut Store, cmd: ProfileCmd) -> Result<(), CliError> {
    match cmd {
        ProfileCmd::List => {
            let list = store.profiles()?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|p| {
                        let mut buyers = p.buyers.clone();
                        if p.buyers_from_regions {
                            buyers.push("gemeenten en inkoopregio's van het noorden".into());
                        }
                        vec![p.name.clone(), p.cpv_prefixes.join(" "), p.nuts.join(" "), p.keywords.join(", "), buyers.join("; ")]
                    })
                    .collect();
                table(&["profiel", "CPV", "NUTS", "trefwoorden", "opdrachtgevers"], &rows)
            })
        }
        ProfileCmd::Add { name, lists, northern_buyers } => {
            let p = tenderwacht_domain::profile::SearchProfile {
                id: None,
                name,
                cpv_prefixes: lists.cpv,
                nuts: lists.nuts,
                keywords: lists.keywords,
                buyers: lists.buyers,
                buyers_from_regions: northern_buyers,
            };
            store.add_profile(&p)?;
            let saved = store.profile(&p.name)?;
            emit(ctx.json, &saved, || format!("Zoekprofiel opgeslagen: {}", saved.name))
        }
        ProfileCmd::Set { profile, rename, lists, northern_buyers } => {
            let current = store.profile(&profile)?;
            let id = current.id.ok_or_else(|| StoreError::NotFound { what: "zoekprofiel", key: profile.clone() })?;
            let keep = |given: Vec<String>, now: &[String]| if given.is_empty() { now.to_vec() } else { given };
            let changed = tenderwacht_domain::profile::SearchProfile {
                id: Some(id),
                name: rename.unwrap_or_else(|| current.name.clone()),
                cpv_prefixes: keep(lists.cpv, &current.cpv_prefixes),
                nuts: keep(lists.nuts, &current.nuts),
                keywords: keep(lists.keywords, &current.keywords),
                buyers: keep(lists.buyers, &current.buyers),
                buyers_from_regions: northern_buyers.unwrap_or(current.buyers_from_regions),
            };
            let saved = store.update_profile(id, &changed)?;
            emit(ctx.json, &saved, || format!("Zoekprofiel bijgewerkt: {}", saved.name))
        }
        ProfileCmd::Remove { profile } => {
            let current = store.profile(&profile)?;
            let id = current.id.ok_or_else(|| StoreError::NotFound { what: "zoekprofiel", key: profile.clone() })?;
            store.remove_profile(id)?;
            emit(ctx.json, &serde_json::json!({ "removed": current.name }), || format!("Zoekprofiel verwijderd: {}", current.name))
        }
    }
}
