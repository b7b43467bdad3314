//! Dutch numbers, periods and dates as buyers write them: "zes maanden", "maximaal 3 maanden oud",
//! "vierentwintig maanden", "twee jaar", "15 januari 2027 om 12:00 uur".

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;
use tenderwacht_domain::time::Period;

const UNITS: &[(&str, u32)] =
    &[("een", 1), ("één", 1), ("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5), ("zes", 6), ("zeven", 7), ("acht", 8), ("negen", 9)];
const TEENS: &[(&str, u32)] = &[
    ("tien", 10),
    ("elf", 11),
    ("twaalf", 12),
    ("dertien", 13),
    ("veertien", 14),
    ("vijftien", 15),
    ("zestien", 16),
    ("zeventien", 17),
    ("achttien", 18),
    ("negentien", 19),
];
const TENS: &[(&str, u32)] =
    &[("twintig", 20), ("dertig", 30), ("veertig", 40), ("vijftig", 50), ("zestig", 60), ("zeventig", 70), ("tachtig", 80), ("negentig", 90)];

/// A number in digits or Dutch words ("zes", "één", "vierentwintig", "tweeëntwintig").
pub fn number(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let lookup = |table: &[(&str, u32)], s: &str| table.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
    if let Some(n) = lookup(UNITS, &w).or_else(|| lookup(TEENS, &w)).or_else(|| lookup(TENS, &w)) {
        return Some(n);
    }
    let plain = w.replace('ë', "e");
    for (tens, value) in TENS {
        if let Some(unit) = plain.strip_suffix(tens).and_then(|s| s.strip_suffix("en")) {
            let unit = if unit == "twe" {
                "twee"
            } else if unit == "drie" || unit == "drié" {
                "drie"
            } else {
                unit
            };
            if let Some(u) = lookup(UNITS, unit) {
                return Some(value + u);
            }
        }
    }
    None
}

/// The pattern of a number in words or digits, for use inside larger patterns.
pub const NUMBER: &str = r"(\d{1,3}|[a-zéë]+)";
/// The pattern of a unit of time, also in a compound ("kalendermaanden", "werkdagen").
pub const UNIT: &str = r"([a-z]{0,10}?(?:dagen|dag|weken|week|maanden|maand|jaren|jaar))\b";

/// A number and a unit of time as a period: weeks become days, years months. A compound counts
/// by its last part ("kalendermaanden" are months), but working days are no calendar period.
pub fn period(amount: &str, unit: &str) -> Option<Period> {
    let n = number(amount).filter(|n| (1..=120).contains(n))?;
    if unit.starts_with("werk") {
        return None;
    }
    let unit = ["dagen", "dag", "weken", "week", "maanden", "maand", "jaren", "jaar"].into_iter().find(|u| unit.ends_with(u))?;
    Some(match unit {
        "dag" | "dagen" => Period::days(n),
        "week" | "weken" => Period::days(n * 7),
        "maand" | "maanden" => Period::months(n),
        "jaar" | "jaren" => Period::months(n * 12),
        _ => return None,
    })
}

static AGE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"niet ouder (?:is |zijn |mag zijn |mogen zijn )?dan {NUMBER} {UNIT}"),
        format!(r"(?:maximaal|max\.?|ten hoogste|hoogstens|hooguit) {NUMBER} {UNIT} oud"),
        format!(r"(?:maximale )?ouderdom (?:van )?(?:maximaal |ten hoogste )?{NUMBER} {UNIT}"),
        format!(r"{NUMBER} {UNIT} (?:oud of jonger|of jonger)"),
    ]
    .iter()
    .filter_map(|p| Regex::new(p).ok())
    .collect()
});

static NEW_AGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:wordt|worden|gewijzigd in|gewijzigd naar|gewijzigd tot|bedraagt voortaan|is voortaan|naar) {NUMBER} {UNIT}")).ok()
});

/// The maximum age a (lower-case) sentence states, if any. In a change ("wordt drie maanden in
/// plaats van zes maanden") the new age wins.
pub fn max_age(lower: &str) -> Option<Period> {
    if let Some(re) = NEW_AGE.as_ref() {
        if let Some(p) = re.captures_iter(lower).find_map(|c| period(&c[1], &c[2])) {
            return Some(p);
        }
    }
    AGE.iter().flat_map(|re| re.captures_iter(lower)).find_map(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        let before = &lower[..start];
        let replaced = before.ends_with("in plaats van ") || before.ends_with("was ") || before.ends_with("voorheen ");
        if replaced {
            None
        } else {
            period(&c[1], &c[2])
        }
    })
}

const MONTHS: &[&str] = &["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2}) (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) (\d{4})(?:,? ?(?:om|tot|uiterlijk)? ?(\d{1,2})[:.](\d{2}) ?(?:uur)?)?")
        .ok()
});

/// A date written out ("15 januari 2027", optionally "om 12:00 uur") in a lower-case sentence,
/// with the time when one is given.
pub fn date(lower: &str) -> Option<(NaiveDate, Option<(u32, u32)>)> {
    let c = DATE.as_ref()?.captures(lower)?;
    let month = MONTHS.iter().position(|m| *m == &c[2])? as u32 + 1;
    let d = NaiveDate::from_ymd_opt(c[3].parse().ok()?, month, c[1].parse().ok()?)?;
    let time = match (c.get(4), c.get(5)) {
        (Some(h), Some(m)) => Some((h.as_str().parse().ok()?, m.as_str().parse().ok()?)).filter(|(h, m)| *h < 24 && *m < 60),
        _ => None,
    };
    Some((d, time))
}

static ISSUED_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:van na|afgegeven na|gedateerd na|daterend van na|opgemaakt na) (\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4})").ok()
});

/// "van na 1 januari 2026": the day after which the document must be issued.
pub fn issued_after(lower: &str) -> Option<(NaiveDate, String)> {
    let c = ISSUED_AFTER.as_ref()?.captures(lower)?;
    date(&c[1]).map(|(d, _)| (d, c[1].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_and_digits() {
        for (w, n) in [("zes", 6), ("één", 1), ("een", 1), ("3", 3), ("twaalf", 12), ("vierentwintig", 24), ("tweeëntwintig", 22), ("achttien", 18)]
        {
            assert_eq!(number(w), Some(n), "{w}");
        }
        assert_eq!(number("maanden"), None);
    }

    #[test]
    fn ages_as_buyers_write_them() {
        assert_eq!(max_age("een uittreksel dat niet ouder is dan zes maanden"), Some(Period::months(6)));
        assert_eq!(max_age("maximaal 3 maanden oud op de sluitingsdatum"), Some(Period::months(3)));
        assert_eq!(max_age("niet ouder dan twee jaar op de uiterste datum"), Some(Period::months(24)));
        assert_eq!(max_age("niet ouder dan vier weken"), Some(Period::days(28)));
        assert_eq!(max_age("de maximale ouderdom wordt drie maanden in plaats van zes maanden"), Some(Period::months(3)));
        assert_eq!(max_age("een geldig certificaat"), None);
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(date("wordt verschoven naar 15 januari 2027 om 12:00 uur"), NaiveDate::from_ymd_opt(2027, 1, 15).map(|d| (d, Some((12, 0)))));
        assert_eq!(date("op 3 maart 2027"), NaiveDate::from_ymd_opt(2027, 3, 3).map(|d| (d, None)));
        assert_eq!(date("op 31 februari 2027"), None);
        assert_eq!(issued_after("een vog van na 1 januari 2026"), NaiveDate::from_ymd_opt(2026, 1, 1).map(|d| (d, "1 januari 2026".to_string())));
    }
}
