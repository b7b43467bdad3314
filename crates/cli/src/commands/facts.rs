//! `provider facts`: show a provider's facts, change the ones given, and write the fact sheet.

use super::Ctx;
use crate::args::FactsArgs;
use crate::output::{emit, fields, CliError};
use tenderwacht_store::Store;

pub fn facts(ctx: &Ctx, store: &mut Store, a: FactsArgs) -> Result<(), CliError> {
    let id = store.resolve_party(&a.provider, None)?;
    let mut f = store.provider_facts(id)?;
    let given = a.legal_name.is_some()
        || !a.trade_names.is_empty()
        || a.vestiging.is_some()
        || a.street.is_some()
        || a.postcode.is_some()
        || a.city.is_some()
        || a.signatory.is_some()
        || a.signatory_role.is_some()
        || !a.quality_marks.is_empty()
        || !a.agb_codes.is_empty();
    if given {
        let set = |target: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *target = v;
            }
        };
        set(&mut f.legal_name, a.legal_name);
        set(&mut f.vestiging, a.vestiging);
        set(&mut f.street, a.street);
        set(&mut f.postcode, a.postcode);
        set(&mut f.city, a.city);
        set(&mut f.signatory_name, a.signatory);
        set(&mut f.signatory_role, a.signatory_role);
        if !a.trade_names.is_empty() {
            f.trade_names = a.trade_names;
        }
        if !a.quality_marks.is_empty() {
            f.quality_marks = a.quality_marks;
        }
        if !a.agb_codes.is_empty() {
            f.agb_codes = a.agb_codes;
        }
        f = store.set_provider_facts(id, &f)?;
    }
    let written = a.pdf.map(|p| tenderwacht_export::facts::write_fact_sheet(store, id, &p)).transpose()?;
    let value = serde_json::json!({ "facts": f, "pdf": written });
    emit(ctx.json, &value, || {
        let mut out = fields(&[
            ("statutaire naam", f.legal_name.clone()),
            ("handelsnamen", f.trade_names.join(", ")),
            ("vestigingsnummer", f.vestiging.clone()),
            ("adres", format!("{} {} {}", f.street, f.postcode, f.city).trim().to_string()),
            (
                "tekenbevoegde",
                format!("{} {}", f.signatory_name, if f.signatory_role.is_empty() { String::new() } else { format!("({})", f.signatory_role) })
                    .trim()
                    .to_string(),
            ),
            ("keurmerken", f.quality_marks.join(", ")),
            ("AGB-codes", f.agb_codes.join(", ")),
        ]);
        if let Some(p) = &written {
            out.push_str(&format!("Feitenblad geschreven: {}\n", p.display()));
        }
        if out.is_empty() {
            out = "Nog geen gegevens; geef bijv. --legal-name, --vestiging, --signatory.".into();
        }
        out
    })
}
