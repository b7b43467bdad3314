//! TenderNed's codes read into the domain's words: the kind of publication (`typePublicatie`:
//! VAK, AAO, AGO, REC, MAC, VBE, AAW — the API's own list), refined by the eForms form code
//! (`publicatiecode`, EF25 is an intention to award, not an award) and the early-termination flags
//! (`isVroegtijdigeBeeindiging` on a list item, `isVroegtijdigBeeindigd` on a detail); and the
//! procedure. A code not in these lists is a report line, so a change at the portal shows at once.

use tenderwacht_domain::{publication::NoticeKind, Procedure};

/// The publication kind from `typePublicatie` (code and description), `publicatiecode` and the
/// early-termination flag; an unknown type adds a note.
pub fn notice_kind(type_code: &str, type_label: &str, form_code: &str, ended_early: bool, notes: &mut Vec<String>) -> NoticeKind {
    if ended_early {
        return NoticeKind::Cancellation;
    }
    let form = form_code.trim().to_uppercase();
    match type_code.trim().to_uppercase().as_str() {
        "VAK" | "MAC" => NoticeKind::PriorInformation,
        "AAO" => NoticeKind::Announcement,
        // An award type with the VEAT form is an intention to award: no winner yet.
        "AGO" if form == "EF25" => NoticeKind::Intention,
        "AGO" => NoticeKind::Award,
        "REC" => NoticeKind::Change,
        "VBE" => NoticeKind::Cancellation,
        "AAW" => NoticeKind::Modification,
        "" => by_label(type_label, notes),
        other => {
            notes.push(format!("onbekende publicatiesoort {other} ({})", type_label.trim()));
            by_label(type_label, &mut vec![])
        }
    }
}

/// The kind from a description alone (an HTML listing's type column, a type without code).
pub fn by_label(label: &str, notes: &mut Vec<String>) -> NoticeKind {
    let l = label.to_lowercase();
    if l.contains("rectificatie") || l.contains("wijziging") {
        NoticeKind::Change
    } else if l.contains("vroegtijdige beëindiging") || l.contains("intrekking") || l.contains("ingetrokken") {
        NoticeKind::Cancellation
    } else if l.contains("voornemen") {
        NoticeKind::Intention
    } else if l.contains("gegunde") || l.contains("gunning") {
        NoticeKind::Award
    } else if l.contains("vooraankondiging") || l.contains("marktconsultatie") {
        NoticeKind::PriorInformation
    } else if l.contains("aankondiging") {
        NoticeKind::Announcement
    } else {
        if !l.trim().is_empty() {
            notes.push(format!("onbekende publicatiesoort '{}'", label.trim()));
        }
        NoticeKind::Other
    }
}

/// The procedure from TenderNed's code and description; unknown ones stay "onbekend".
pub fn procedure(code: &str, label: &str) -> Procedure {
    let l = format!("{} {}", code.to_lowercase(), label.to_lowercase());
    if l.contains("open house") || l.contains("toelating") {
        Procedure::OpenHouse
    } else if l.contains("sociale en andere specifieke") || l.contains("lichte") || l.contains("sad") {
        Procedure::LichteRegeling
    } else if ["niet-openbaar", "niet openbaar", "niet-openbare", "niet openbare"].iter().any(|w| l.contains(w)) {
        Procedure::NietOpenbaar
    } else if l.contains("meervoudig") || l.contains("onderhands") {
        Procedure::MeervoudigOnderhands
    } else if l.contains("openbaar") || l.contains("openbare") {
        Procedure::Openbaar
    } else {
        Procedure::Onbekend
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apis_own_codes() {
        let mut notes = vec![];
        let k = |t: &str, f: &str, ended: bool, notes: &mut Vec<String>| notice_kind(t, "", f, ended, notes);
        assert_eq!(k("VAK", "", false, &mut notes), NoticeKind::PriorInformation);
        assert_eq!(k("AAO", "EF16", false, &mut notes), NoticeKind::Announcement);
        assert_eq!(k("AGO", "EF29", false, &mut notes), NoticeKind::Award);
        assert_eq!(k("AGO", "EF25", false, &mut notes), NoticeKind::Intention, "VEAT");
        assert_eq!(k("REC", "", false, &mut notes), NoticeKind::Change);
        assert_eq!(k("MAC", "", false, &mut notes), NoticeKind::PriorInformation);
        assert_eq!(k("VBE", "", false, &mut notes), NoticeKind::Cancellation);
        assert_eq!(k("AAW", "", false, &mut notes), NoticeKind::Modification);
        assert_eq!(k("AAO", "", true, &mut notes), NoticeKind::Cancellation, "the flag wins");
        assert!(notes.is_empty());
        assert_eq!(notice_kind("XYZ", "iets nieuws", "", false, &mut notes), NoticeKind::Other);
        assert_eq!(notes, vec!["onbekende publicatiesoort XYZ (iets nieuws)".to_string()]);
        assert_eq!(procedure("SAD", "Sociale en andere specifieke diensten"), Procedure::LichteRegeling);
        assert_eq!(procedure("NOP", "Niet-openbaar"), Procedure::NietOpenbaar);
        assert_eq!(procedure("OPE", "Openbaar"), Procedure::Openbaar);
        assert_eq!(procedure("", "02 - Openbare procedure"), Procedure::Openbaar, "CTM's processTemplate");
        assert_eq!(procedure("", "01 - Niet-openbare procedure"), Procedure::NietOpenbaar);
        assert_eq!(procedure("?", "Onbekende procedure 2031"), Procedure::Onbekend);
    }
}
