//! `contract …`: register contracts (from a won bid or by hand), list and show them with their
//! obligations judged today, extend and end them, and see which procedures are coming.

use super::{date_opt, short, Ctx};
use crate::args::{ContractCmd, ObligationCmd};
use crate::output::{emit, fields, table, CliError};
use tenderwacht_core::domain::{CareDomain, ContractInput, ObligationRule, TenderDomain};
use tenderwacht_core::store::ContractFilter;
use tenderwacht_core::time::{format_date_nl, parse_date, Period};
use tenderwacht_core::{CoreError, Store};

fn period(field: &str, text: Option<String>) -> Result<Option<Period>, CliError> {
    Ok(text.map(|t| Period::parse(field, &t)).transpose()?)
}

fn care_domain(text: &str) -> Result<CareDomain, CliError> {
    Ok(CareDomain::parse_field("domein", text)?)
}

pub fn contract(ctx: &Ctx, store: &mut Store, cmd: ContractCmd) -> Result<(), CliError> {
    match cmd {
        ContractCmd::Add { party, buyer, municipalities, members, domain, start, end, extensions, extension_length, notice, tender, bid, title } => {
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
                (None, None) => return Err(CoreError::invalid("partij", "geef --party of --bid").into()),
            };
            let domain = match (domain, t.as_ref().map(|t| t.domain)) {
                (Some(d), _) => care_domain(&d)?,
                (None, Some(TenderDomain::Jeugdwet)) => CareDomain::Jeugdwet,
                (None, Some(TenderDomain::Wmo)) => CareDomain::Wmo,
                _ => return Err(CoreError::invalid("domein", "geef --domain jeugdwet of wmo").into()),
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
            let judged: Vec<_> = store
                .obligation_views(&ContractFilter { include_ended: true, ..Default::default() })?
                .into_iter()
                .filter(|o| o.contract_id == id)
                .collect();
            let value = serde_json::json!({ "contract": c, "obligations": judged });
            emit(ctx.json, &value, || {
                let notice = tenderwacht_core::contract::notice_deadline(&c);
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
        ContractCmd::Obligation(ObligationCmd::Add { contract, type_code, yearly_before, valid_throughout, note }) => {
            let rule = match (yearly_before, valid_throughout) {
                (Some(md), false) => {
                    let (m, d) = md.split_once('-').ok_or_else(|| CoreError::invalid("--yearly-before", "gebruik MM-DD, bijv. 04-01"))?;
                    let bad = |_| CoreError::invalid("--yearly-before", "gebruik MM-DD, bijv. 04-01");
                    ObligationRule::YearlyBefore { month: m.parse().map_err(bad)?, day: d.parse().map_err(bad)? }
                }
                (None, true) => ObligationRule::ValidThroughout,
                _ => return Err(CoreError::invalid("verplichting", "kies --yearly-before MM-DD of --valid-throughout").into()),
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
