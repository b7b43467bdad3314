//! The Dutch words of every closed vocabulary, written once (in the Rust enums) and handed to
//! the front end as a generated TypeScript file (`ui/src/lib/bindings/labels.ts`, rewritten by
//! `cargo test` like the type bindings), so a screen never types a label again.

use crate::checklist::ItemStatus;
use crate::publication::DocumentCategory;
use crate::team::ConflictKind;
use crate::ChangeKind;
use crate::{CareDomain, DeliverableState, MilestoneKind, PartyKind, Procedure, ProcedurePhase, TenderDomain, TenderStatus};

fn map(name: &str, pairs: impl IntoIterator<Item = (&'static str, String)>) -> String {
    let body: Vec<String> = pairs.into_iter().map(|(k, v)| format!("  {k}: {},", serde_json::Value::String(v))).collect();
    format!("export const {name} = {{\n{}\n}} as const;\n", body.join("\n"))
}

fn list(name: &str, items: Vec<String>) -> String {
    let body: Vec<String> = items.into_iter().map(|v| format!("  {},", serde_json::Value::String(v))).collect();
    format!("export const {name} = [\n{}\n] as const;\n", body.join("\n"))
}

macro_rules! labels_of {
    ($name:literal, $ty:ty) => {
        map($name, <$ty>::ALL.iter().map(|v| (v.as_str(), v.label().to_string())))
    };
}

/// The generated module's text.
pub fn typescript() -> String {
    let mut out = String::from("// Generated from the Rust enums by `cargo test` (tenderwacht_domain::labels). Do not edit.\n\n");
    for part in [
        labels_of!("tenderStatusLabels", TenderStatus),
        labels_of!("milestoneKindLabels", MilestoneKind),
        labels_of!("procedureLabels", Procedure),
        labels_of!("procedurePhaseLabels", ProcedurePhase),
        labels_of!("tenderDomainLabels", TenderDomain),
        labels_of!("careDomainLabels", CareDomain),
        labels_of!("partyKindLabels", PartyKind),
        labels_of!("deliverableStateLabels", DeliverableState),
        labels_of!("itemStatusLabels", ItemStatus),
        map("itemStatusTones", ItemStatus::ALL.iter().map(|v| (v.as_str(), v.tone().to_string()))),
        map("itemStatusProblems", ItemStatus::ALL.iter().map(|v| (v.as_str(), if v.is_problem() { "true" } else { "false" }.to_string()))),
        labels_of!("changeKindLabels", ChangeKind),
        labels_of!("documentCategoryLabels", DocumentCategory),
        map("sourceFilterLabels", crate::publication::TENDER_SOURCE_FILTERS.iter().map(|(k, v)| (*k, v.to_string()))),
        list("provinces", crate::regions::Regions::default_regions().map(|r| r.provinces().to_vec()).unwrap_or_default()),
        map(
            "conflictKindLabels",
            [ConflictKind::Overschreven, ConflictKind::Vervallen, ConflictKind::Geweigerd, ConflictKind::Verwijderd]
                .iter()
                .map(|k| (k.as_str(), k.label().to_string())),
        ),
    ] {
        out.push_str(&part);
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    /// Writes the module next to the type bindings (the test command fails when it is stale).
    #[test]
    fn export_labels_ts() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| "../../ui/src/lib/bindings".into());
        let dir = if dir.is_absolute() { dir } else { std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir) };
        let text = super::typescript();
        assert!(text.contains("sluiting_aanmelding: \"sluiting aanmelding\""));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("labels.ts"), text).unwrap_or_else(|e| panic!("{e}"));
    }
}
