//! A document type to suggest for a document a buyer asks by a name the catalogue does not know
//! ("Financieel plan", "Bestuursverklaring", "Uittreksel BIG-register"): its code, validity rule,
//! lead time and issuer, guessed from the way Dutch names documents, for the consultant to accept
//! (the type joins the catalogue) or leave (the document stays a piece of this one tender).

use super::{DocumentTypeInput, ValidityRule};
use crate::text::fold;
use crate::time::Period;

/// Pieces the consultant writes for one tender's bid: never a catalogue type of their own.
const WRITTEN_FOR_THE_BID: &[&str] = &[
    "plan van aanpak",
    "prijzenblad",
    "prijsformulier",
    "prijsopgave",
    "inschrijvingsformulier",
    "inschrijfformulier",
    "aanmeldformulier",
    "implementatieplan",
    "referentieverklaring",
    "offerte",
    "inschrijving",
];

/// The kinds of document by the last part of their name: the rule when the buyer gives no age,
/// the lead time, and who issues it. The first whose word ends the name (or stands in it) wins.
struct Kind {
    words: &'static [&'static str],
    until_printed: bool,
    lead_days: u32,
    issuer: &'static str,
}

const KINDS: &[Kind] = &[
    Kind { words: &["accountantsverklaring", "accountantsrapport", "accountant"], until_printed: false, lead_days: 28, issuer: "Accountant" },
    Kind { words: &["polis", "verzekering", "verzekeringsbewijs"], until_printed: true, lead_days: 14, issuer: "Verzekeraar" },
    Kind {
        words: &["certificaat", "certificering", "keurmerk", "erkenning", "accreditatie"],
        until_printed: true,
        lead_days: 84,
        issuer: "Certificerende instelling",
    },
    Kind { words: &["vergunning", "toelating", "beschikking"], until_printed: false, lead_days: 91, issuer: "" },
    Kind { words: &["uittreksel", "afschrift", "registratie"], until_printed: false, lead_days: 2, issuer: "" },
    Kind { words: &["diploma", "getuigschrift"], until_printed: false, lead_days: 7, issuer: "" },
    Kind { words: &["jaarverslag", "verslag", "rapport", "rapportage", "begroting"], until_printed: false, lead_days: 28, issuer: "Inschrijver" },
    Kind {
        words: &[
            "verklaring",
            "plan",
            "beleid",
            "beleidsplan",
            "reglement",
            "protocol",
            "overzicht",
            "register",
            "formulier",
            "cv",
            "code",
            "procedure",
        ],
        until_printed: false,
        lead_days: 7,
        issuer: "Inschrijver",
    },
];

/// Whether a piece by this name is written for one tender's bid (a price sheet, a plan of
/// approach), so no catalogue type is suggested for it.
pub fn written_for_the_bid(name: &str) -> bool {
    let f = fold(name);
    WRITTEN_FOR_THE_BID.iter().any(|w| f == *w || f.starts_with(&format!("{w} ")) || f.ends_with(&format!(" {w}"))) || f.starts_with("bijlage")
}

/// The catalogue code a new type by this name gets: folded, letters and digits with dashes,
/// at most 40 characters ("Financieel plan" → "financieel-plan").
pub fn code_for(name: &str) -> String {
    let folded = fold(name);
    let mut code = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('-') && !code.is_empty() {
            code.push('-');
        }
    }
    let mut code: String = code.trim_end_matches('-').chars().take(40).collect();
    while code.ends_with('-') {
        code.pop();
    }
    code
}

/// The type to suggest for a document asked by `name` with the buyer's maximum age, if any, and
/// the note the reader gave it; `None` for a piece written for the bid — by its name, or a form the
/// buyer hands out as an annex (note "bijlage 4") — or a name with nothing to make a code of.
pub fn suggest_type(name: &str, max_age: Option<Period>, note: &str) -> Option<DocumentTypeInput> {
    let name = name.trim();
    if written_for_the_bid(name) || fold(note).starts_with("bijlage") {
        return None;
    }
    let code = code_for(name);
    if code.len() < 3 {
        return None;
    }
    let f = fold(name);
    let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let last = words.last().copied().unwrap_or("");
    let kind = KINDS
        .iter()
        .find(|k| k.words.iter().any(|w| last.ends_with(w)))
        .or_else(|| KINDS.iter().find(|k| k.words.iter().any(|w| words.iter().any(|x| x.ends_with(w)))));
    let rule = match (max_age, kind) {
        (Some(period), _) => ValidityRule::MaxAge { period },
        (None, Some(k)) if k.until_printed => ValidityRule::UntilPrinted,
        _ => ValidityRule::None,
    };
    Some(DocumentTypeInput {
        code,
        name: crate::text::capital(name),
        rule,
        lead_time: Period::days(kind.map_or(14, |k| k.lead_days)),
        issuer: kind.map_or("", |k| k.issuer).to_string(),
        note: "Toegevoegd uit de stukken van een aanbesteding: controleer geldigheid, doorlooptijd en uitgever.".into(),
        words: vec![],
    })
}

/// A type to be in words, for the consultant deciding whether to take it into the catalogue.
pub fn describe_type(t: &DocumentTypeInput) -> String {
    let mut words = vec![t.rule.describe(), format!("aanvragen duurt {}", t.lead_time.describe())];
    if !t.issuer.is_empty() {
        words.push(format!("uitgegeven door {}", t.issuer));
    }
    words.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_written_document_does_not_expire_and_takes_a_week() {
        let t = suggest_type("Financieel plan", None, "").unwrap();
        assert_eq!(t.code, "financieel-plan");
        assert_eq!(t.rule, ValidityRule::None);
        assert_eq!(t.lead_time, Period::days(7));
        assert_eq!(t.issuer, "Inschrijver");
        assert_eq!(describe_type(&t), "verloopt niet; aanvragen duurt 1 week; uitgegeven door Inschrijver");
        let t = suggest_type("Bestuursverklaring", None, "").unwrap();
        assert_eq!((t.code.as_str(), t.issuer.as_str()), ("bestuursverklaring", "Inschrijver"));
    }

    #[test]
    fn the_buyers_age_becomes_the_rule() {
        let t = suggest_type("Uittreksel BIG-register", Some(Period::months(3)), "").unwrap();
        assert_eq!(t.rule, ValidityRule::MaxAge { period: Period::months(3) });
        assert_eq!(t.code, "uittreksel-big-register");
    }

    #[test]
    fn certificates_and_policies_hold_until_their_printed_date() {
        assert_eq!(suggest_type("Keurmerk Zorg & Welzijn", None, "").unwrap().rule, ValidityRule::UntilPrinted);
        let polis = suggest_type("Polis ongevallenverzekering", None, "").unwrap();
        assert_eq!((polis.rule, polis.issuer.as_str()), (ValidityRule::UntilPrinted, "Verzekeraar"));
        assert_eq!(suggest_type("Accountantsverklaring", None, "").unwrap().issuer, "Accountant");
    }

    #[test]
    fn pieces_written_for_the_bid_get_no_type() {
        for name in ["Plan van aanpak", "Prijzenblad", "Inschrijvingsformulier", "Bijlage 3 zorgkantoren", "Offerte"] {
            assert!(suggest_type(name, None, "").is_none(), "{name}");
        }
        assert!(suggest_type("Ondernemingsplan", None, "").is_some());
        assert!(suggest_type("Verklaring onderaanneming", None, "bijlage 4").is_none(), "the buyer's own form");
    }

    #[test]
    fn codes_are_folded_and_bounded() {
        assert_eq!(code_for("Verklaring sociale & fiscale zaken"), "verklaring-sociale-fiscale-zaken");
        assert_eq!(code_for("Één  overzicht"), "een-overzicht");
        let long = code_for(&"zeer lange naam ".repeat(10));
        assert!(long.len() <= 40 && !long.ends_with('-'));
        assert!(suggest_type("§ !", None, "").is_none());
    }
}
