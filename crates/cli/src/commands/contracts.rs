//! `contract …`: register contracts (from a won bid or by hand), list and show them with their
//! obligations judged today, extend and end them, and see which procedures are coming.

use super::{date_opt, short, Ctx};
use crate::args::{ContractCmd, ObligationCmd};
use crate::output::{emit, fields, table, CliError};
use tenderwacht_domain::{
    time::{format_date_nl, parse_date, Period, PeriodUnit},
    CareDomain, ContractDocumentKind, ContractInput, ContractProduct, ObligationRule, TenderDomain,
};
use tenderwacht_store::{ContractFilter, Store, StoreError};

fn period(field: &str, text: Option<String>) -> Result<Option<Period>, CliError> {
    Ok(text.map(|t| Period::parse(field, &t)).transpose()?)
}

fn product_text(p: &ContractProduct) -> String {
    if p.code.is_empty() {
        p.name.clone()
    } else {
        format!("{} {}", p.code, p.name)
    }
}

fn care_domain(text: &str) -> Result<CareDomain, CliError> {
    Ok(CareDomain::parse_field("domein", text)?)
}

pub fn contract(ctx: &Ctx, store: &mut Store, cmd: ContractCmd) -> Result<(), CliError> {
    match cmd {
        ContractCmd::Add {
            party,
            buyer,
            municipalities,
            members,
            domain,
            start,
            end,
            extensions,
            extension_length,
            notice,
            tender,
            bid,
            title,
            products,
        } => {
            // From a bid: its party and tender; from a tender: its buyer and domain as defaults.
            let (bid_party, tender_id) = match (&bid, &tender) {
                (Some(b), _) => {
                    let b = store.bid(store.resolve_bid(b)?)?;
                    (Some(b.party_id), Some(b.tender_id))
                }
                (None, Some(t)) => (None, Some(store.resolve_tender(t)?)),
                _ => (None, None),
            };
            let t = tender_id.map(|t| store.tender(t)).transpose()?;
            let party_id = match (party, bid_party) {
                (Some(p), _) => store.resolve_party(&p, None)?,
                (None, Some(p)) => p,
                (None, None) => return Err(StoreError::invalid("partij", "geef --party of --bid").into()),
            };
            let domain = match (domain, t.as_ref().map(|t| t.domain)) {
                (Some(d), _) => care_domain(&d)?,
                (None, Some(TenderDomain::Jeugdwet)) => CareDomain::Jeugdwet,
                (None, Some(TenderDomain::Wmo)) => CareDomain::Wmo,
                _ => return Err(StoreError::invalid("domein", "geef --domain jeugdwet of wmo").into()),
            };
            let input = ContractInput {
                title: title.unwrap_or_default(),
                party_id,
                members: members.iter().map(|m| store.resolve_party(m, None)).collect::<Result<_, _>>()?,
                buyer: buyer.or_else(|| t.as_ref().map(|t| t.buyer.clone())).unwrap_or_default(),
                municipalities,
                domain,
                start: parse_date("--start", &start)?,
                end: parse_date("--end", &end)?,
                extensions,
                extension_length: period("--extension-length", extension_length)?,
                notice: period("--notice", notice)?,
                tender_id,
                products: products.iter().map(|p| ContractProduct::parse(p)).collect::<Result<_, _>>()?,
            };
            let id = store.add_contract(&input)?;
            let c = store.contract(id)?;
            emit(ctx.json, &c, || format!("Contract geregistreerd: {} ({}), loopt t/m {}", c.title, short(&c.id), format_date_nl(c.end)))
        }
        ContractCmd::List { ending_within, party, municipality, domain, all } => {
            let filter = ContractFilter {
                party: party.map(|p| store.resolve_party(&p, None)).transpose()?,
                municipality,
                domain: domain.map(|d| care_domain(&d)).transpose()?,
                ending_within: period("--ending-within", ending_within)?,
                include_ended: all,
            };
            let list = store.contracts(&filter)?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|c| {
                        vec![
                            short(&c.id),
                            c.title.clone(),
                            c.party_name.clone(),
                            c.buyer.clone(),
                            c.domain.label().to_string(),
                            format_date_nl(c.end),
                            format!("{}/{}", c.extensions_total - c.extensions_used, c.extensions_total),
                            c.state.label().to_string(),
                        ]
                    })
                    .collect();
                table(&["id", "contract", "partij", "opdrachtgever", "domein", "loopt t/m", "verlengingen over", "stand"], &rows)
            })
        }
        ContractCmd::Show { contract } => {
            let id = store.resolve_contract(&contract)?;
            let c = store.contract(id)?;
            let judged = store.contract_obligations(id)?;
            let value = serde_json::json!({ "contract": c, "obligations": judged });
            emit(ctx.json, &value, || {
                let notice = tenderwacht_domain::contract::notice_deadline(&c);
                let mut out = fields(&[
                    ("contract", c.title.clone()),
                    ("partij", c.party_name.clone()),
                    ("leden", c.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join(", ")),
                    ("opdrachtgever", c.buyer.clone()),
                    ("gemeenten", c.municipalities.join(", ")),
                    ("domein", c.domain.label().to_string()),
                    ("looptijd", format!("{} t/m {}", format_date_nl(c.start), format_date_nl(c.end))),
                    (
                        "verlengingen",
                        format!(
                            "{} van {} over{}",
                            c.extensions_total - c.extensions_used,
                            c.extensions_total,
                            c.extension_length.map(|p| format!(", elk {}", p.describe())).unwrap_or_default()
                        ),
                    ),
                    ("opzeggen uiterlijk", date_opt(notice)),
                    ("stand", c.state.label().to_string()),
                    ("producten", c.products.iter().map(product_text).collect::<Vec<_>>().join(", ")),
                    (
                        "documenten",
                        c.documents
                            .iter()
                            .map(|d| {
                                format!(
                                    "{} ({}{})",
                                    d.original_name,
                                    d.kind.label(),
                                    d.signed_on.map(|s| format!(", getekend {}", format_date_nl(s))).unwrap_or_default()
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]);
                let rows: Vec<Vec<String>> = judged
                    .iter()
                    .map(|o| {
                        vec![
                            o.type_name.clone(),
                            o.rule.clone(),
                            o.party_name.clone(),
                            o.judged.status.label().to_string(),
                            date_opt(o.judged.act_by),
                            o.judged.reason.clone(),
                        ]
                    })
                    .collect();
                out.push('\n');
                out.push_str(&table(&["verplichting", "wanneer", "partij", "status", "actie vóór", "reden"], &rows));
                out
            })
        }
        ContractCmd::Extend { contract } => {
            let c = store.extend_contract(store.resolve_contract(&contract)?)?;
            emit(ctx.json, &c, || {
                format!(
                    "Verlengd: {} loopt nu t/m {} ({} verlenging(en) over)",
                    c.title,
                    format_date_nl(c.end),
                    c.extensions_total - c.extensions_used
                )
            })
        }
        ContractCmd::End { contract, on } => {
            let on = on.map(|d| parse_date("--on", &d)).transpose()?;
            let c = store.end_contract(store.resolve_contract(&contract)?, on)?;
            emit(ctx.json, &c, || format!("Beëindigd: {} per {}", c.title, format_date_nl(c.end)))
        }
        ContractCmd::Document { contract, file, kind, signed } => {
            let cid = store.resolve_contract(&contract)?;
            let kind = ContractDocumentKind::parse_field("soort", &kind)?;
            let signed = signed.map(|d| parse_date("--signed", &d)).transpose()?;
            let d = store.add_contract_document(cid, kind, &file, None, signed)?;
            emit(ctx.json, &d, || format!("Opgeslagen bij het contract: {} ({})", d.original_name, d.kind.label()))
        }
        ContractCmd::Obligation(ObligationCmd::Change { contract, obligation, on }) => {
            let cid = store.resolve_contract(&contract)?;
            // The "after a change" obligation of that type (a contract may also want it valid throughout).
            let oid = match store
                .contract(cid)?
                .obligations
                .iter()
                .find(|o| o.type_code == obligation.trim().to_lowercase() && matches!(o.rule, ObligationRule::AfterChange { .. }))
            {
                Some(o) => o.id,
                None => store.resolve_obligation(cid, &obligation)?,
            };
            let on = on.map(|d| parse_date("--on", &d)).transpose()?.unwrap_or(store.today());
            store.report_change(oid, on)?;
            let judged: Vec<_> = store.contract_obligations(cid)?.into_iter().filter(|o| o.obligation_id == oid).collect();
            emit(ctx.json, &judged, || {
                judged
                    .iter()
                    .map(|o| format!("{} — {}: {} ({})", o.type_name, o.party_name, o.judged.status.label(), o.judged.reason))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        ContractCmd::Obligation(ObligationCmd::Add { contract, type_code, yearly_before, valid_throughout, after_change, note }) => {
            let rule = match (yearly_before, valid_throughout, after_change) {
                (None, false, Some(p)) => match Period::parse("--after-change", &p)? {
                    Period { amount, unit: PeriodUnit::Days } => ObligationRule::AfterChange { within_days: amount },
                    _ => return Err(StoreError::invalid("--after-change", "geef dagen of weken, bijv. 14d of 2w").into()),
                },
                (Some(md), false, None) => {
                    let (m, d) = md.split_once('-').ok_or_else(|| StoreError::invalid("--yearly-before", "gebruik MM-DD, bijv. 04-01"))?;
                    let bad = |_| StoreError::invalid("--yearly-before", "gebruik MM-DD, bijv. 04-01");
                    ObligationRule::YearlyBefore { month: m.parse().map_err(bad)?, day: d.parse().map_err(bad)? }
                }
                (None, true, None) => ObligationRule::ValidThroughout,
                _ => return Err(StoreError::invalid("verplichting", "kies --yearly-before MM-DD, --valid-throughout of --after-change 14d").into()),
            };
            let cid = store.resolve_contract(&contract)?;
            let id = store.add_obligation(cid, &type_code, rule, &note)?;
            emit(ctx.json, &serde_json::json!({ "id": id, "contract": cid, "rule": rule }), || {
                format!("Verplichting toegevoegd: {} {}", type_code, rule.describe())
            })
        }
        ContractCmd::Retenders { within } => {
            let list = store.expected_retenders(Period::parse("--within", &within)?)?;
            emit(ctx.json, &list, || list.iter().map(|r| format!("{} (nu bij {})", r.text, r.holders.join(", "))).collect::<Vec<_>>().join("\n"))
        }
    }
}
