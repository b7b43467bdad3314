//! Time in the consultant's terms: dates and moments are entered and shown in Europe/Amsterdam,
//! stored in UTC, and the calendar arithmetic the validity rules need (months clamp to month end)
//! lives here once.

use crate::error::{DomainError, Result};
use chrono::{DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The time zone every date in the domain is meant in.
pub const TZ: Tz = chrono_tz::Europe::Amsterdam;

/// Dates outside this range are typing errors, not tenders.
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

/// A length of time as the catalogue and tenders state it: whole days or calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PeriodUnit {
    Days,
    Months,
}

impl PeriodUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Days => "days",
            Self::Months => "months",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "days" => Some(Self::Days),
            "months" => Some(Self::Months),
            _ => None,
        }
    }
}

impl Period {
    pub fn days(amount: u32) -> Self {
        Self { amount, unit: PeriodUnit::Days }
    }

    pub fn months(amount: u32) -> Self {
        Self { amount, unit: PeriodUnit::Months }
    }

    /// Parses a period as a consultant writes it — "6 maanden", "drie maanden", "2 jaar",
    /// "14 dagen", "een week", "anderhalf jaar" — or in the short form `30d`, `8w` (56 days), `6m`,
    /// `2y` (24 months) of the command line.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let t = text.trim().to_lowercase();
        let bad = || DomainError::invalid(field, format!("'{}' is geen termijn; schrijf bijv. 14 dagen, 8 weken, 6 maanden of 2 jaar", text.trim()));
        if t == "anderhalf jaar" {
            return Ok(Self::months(18));
        }
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = if split == 0 {
            // A number in words: "drie maanden", "een jaar".
            let (word, rest) = t.split_once(char::is_whitespace).ok_or_else(bad)?;
            (number_word(word).ok_or_else(bad)?.to_string(), rest.trim().to_string())
        } else {
            (t[..split].to_string(), t[split..].trim().to_string())
        };
        let n: u32 = num.parse().map_err(|_| bad())?;
        if n == 0 || n > 1200 {
            return Err(bad());
        }
        match unit.as_str() {
            "d" | "dag" | "dagen" => Ok(Self::days(n)),
            "w" | "wk" | "week" | "weken" => Ok(Self::days(n * 7)),
            "m" | "mnd" | "maand" | "maanden" => Ok(Self::months(n)),
            "y" | "j" | "jr" | "jaar" | "jaren" => Ok(Self::months(n * 12)),
            _ => Err(bad()),
        }
    }

    /// `date + self`, months clamped to the end of the month (31 Aug + 6 months = 28/29 Feb).
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let r = match self.unit {
            PeriodUnit::Days => date.checked_add_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Months => date.checked_add_months(Months::new(self.amount)),
        };
        r.unwrap_or(NaiveDate::MAX)
    }

    /// `date - self`, with the same clamping.
    pub fn before(self, date: NaiveDate) -> NaiveDate {
        let r = match self.unit {
            PeriodUnit::Days => date.checked_sub_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Months => date.checked_sub_months(Months::new(self.amount)),
        };
        r.unwrap_or(NaiveDate::MIN)
    }

    /// Dutch wording: "6 maanden", "2 jaar", "8 weken", "1 dag".
    pub fn describe(self) -> String {
        let n = self.amount;
        match self.unit {
            PeriodUnit::Months if n.is_multiple_of(12) => format!("{} jaar", n / 12),
            PeriodUnit::Months if n == 1 => "1 maand".into(),
            PeriodUnit::Months => format!("{n} maanden"),
            PeriodUnit::Days if n.is_multiple_of(7) && n >= 14 => format!("{} weken", n / 7),
            PeriodUnit::Days if n == 7 => "1 week".into(),
            PeriodUnit::Days if n == 1 => "1 dag".into(),
            PeriodUnit::Days => format!("{n} dagen"),
        }
    }

    /// Compact form for storage and the CLI: `6m`, `56d`.
    pub fn compact(self) -> String {
        match self.unit {
            PeriodUnit::Days => format!("{}d", self.amount),
            PeriodUnit::Months => format!("{}m", self.amount),
        }
    }
}

/// Dutch number words up to twenty-four (periods are rarely longer in words).
fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 25] = [
        "nul",
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
        "twintig",
        "eenentwintig",
        "tweeëntwintig",
        "drieëntwintig",
        "vierentwintig",
    ];
    let w = crate::text::fold(word);
    WORDS.iter().position(|x| crate::text::fold(x) == w).and_then(|i| u32::try_from(i).ok())
}

fn check_year(field: &str, text: &str, d: NaiveDate) -> Result<NaiveDate> {
    if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(DomainError::invalid(field, format!("'{text}' ligt buiten {MIN_YEAR}–{MAX_YEAR}")))
    }
}

/// Parses a calendar date as `2026-12-15` or the Dutch `15-12-2026`.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .map_err(|_| DomainError::invalid(field, format!("'{text}' is geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ)")))?;
    check_year(field, text, d)
}

/// Parses a moment typed in Amsterdam local time (`2026-12-15 12:00`, `15-12-2026 12:00`, a bare
/// date meaning 00:00) or with an explicit offset (RFC 3339), and returns it in UTC.
/// A local time that does not exist (the spring-forward gap) is rejected; an ambiguous one (the
/// autumn hour that happens twice) takes the first occurrence, as Dutch portals do.
pub fn parse_moment(field: &str, text: &str) -> Result<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        let utc = dt.with_timezone(&Utc);
        check_year(field, text, utc.date_naive())?;
        return Ok(utc);
    }
    let formats = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y %H:%M"];
    let naive = formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| parse_date(field, t).ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
        .ok_or_else(|| DomainError::invalid(field, format!("'{text}' is geen geldig tijdstip (JJJJ-MM-DD UU:MM, Nederlandse tijd)")))?;
    check_year(field, text, naive.date())?;
    local_to_utc(field, naive)
}

/// Interprets a wall-clock time in Amsterdam.
pub fn local_to_utc(field: &str, naive: NaiveDateTime) -> Result<DateTime<Utc>> {
    match TZ.from_local_datetime(&naive) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => {
            Err(DomainError::invalid(field, format!("{naive} bestaat niet in Nederlandse tijd (zomertijd gaat in); kies een ander tijdstip")))
        }
    }
}

/// The Amsterdam calendar date of a UTC moment; validity is judged on this date.
pub fn local_date(moment: DateTime<Utc>) -> NaiveDate {
    moment.with_timezone(&TZ).date_naive()
}

/// The Amsterdam wall-clock time of a UTC moment (for formats that store local time, such as a
/// zip entry's date).
pub fn local_naive(moment: DateTime<Utc>) -> NaiveDateTime {
    moment.with_timezone(&TZ).naive_local()
}

/// The UTC moment at which an Amsterdam calendar day starts.
pub fn start_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match TZ.from_local_datetime(&midnight) {
        LocalResult::Single(dt) | LocalResult::Ambiguous(dt, _) => dt.with_timezone(&Utc),
        // Amsterdam never skips midnight, but fall back to UTC midnight rather than panic.
        LocalResult::None => Utc.from_utc_datetime(&midnight),
    }
}

/// Storage form of a moment: RFC 3339 in UTC with a `Z`, which sorts as text. Written digit by
/// digit: a sync stores several moments per publication and `format!` with six arguments was 4% of
/// it (measured on the ingest benchmark).
pub fn to_db(moment: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let year = moment.year();
    if !(0..=9999).contains(&year) {
        return format!("{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", moment.month(), moment.day(), moment.hour(), moment.minute(), moment.second());
    }
    let mut out = [0u8; 20];
    let mut put = |at: usize, value: u32, width: usize| {
        let mut v = value;
        for i in (0..width).rev() {
            out[at + i] = b'0' + u8::try_from(v % 10).unwrap_or(0);
            v /= 10;
        }
    };
    put(0, year.unsigned_abs(), 4);
    put(5, moment.month(), 2);
    put(8, moment.day(), 2);
    put(11, moment.hour(), 2);
    put(14, moment.minute(), 2);
    put(17, moment.second(), 2);
    for (at, sep) in [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')] {
        out[at] = sep;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Reads a stored moment. The store writes exactly `YYYY-MM-DDTHH:MM:SSZ`, which is parsed
/// directly (checklists and the agenda read thousands); anything else goes through RFC 3339.
pub fn moment_from_db(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() == 20 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z' {
        let date = date_from_db(&text[..10])?;
        let time = chrono::NaiveTime::from_hms_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?)?;
        return Some(date.and_time(time).and_utc());
    }
    DateTime::parse_from_rfc3339(text).ok().map(|d| d.with_timezone(&Utc))
}

/// Reads a stored `YYYY-MM-DD` date.
pub fn date_from_db(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(&b[0..4])?).ok()?, digits(&b[5..7])?, digits(&b[8..10])?)
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const MONTHS_NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/// "di 15 dec 2026"
pub fn format_date_nl(d: NaiveDate) -> String {
    let wd = DAYS_NL[d.weekday().num_days_from_monday() as usize];
    let mo = MONTHS_NL[d.month0() as usize];
    format!("{wd} {} {mo} {}", d.day(), d.year())
}

/// "di 15 dec 2026, 12:00" in Amsterdam time.
pub fn format_moment_nl(moment: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let local = moment.with_timezone(&TZ);
    format!("{}, {:02}:{:02}", format_date_nl(local.date_naive()), local.hour(), local.minute())
}

/// Today's date in Amsterdam, unless a fixed date was configured (for reproducible output).
pub fn today(fixed: Option<NaiveDate>) -> NaiveDate {
    fixed.unwrap_or_else(|| local_date(Utc::now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn storage_form_is_rfc3339_utc_for_every_year() {
        for text in ["2026-03-29T01:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2049-07-04T09:05:07Z"] {
            let moment = DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{e}")).with_timezone(&Utc);
            assert_eq!(to_db(moment), text);
            assert_eq!(to_db(moment), moment.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        let far = Utc.with_ymd_and_hms(10_000, 1, 2, 3, 4, 5).single().unwrap_or_else(|| panic!("date"));
        assert_eq!(to_db(far), "10000-01-02T03:04:05Z");
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(Period::months(6).after(d("2026-08-31")), d("2027-02-28"));
        assert_eq!(Period::months(6).after(d("2027-08-31")), d("2028-02-29"));
        assert_eq!(Period::months(1).after(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(Period::months(24).after(d("2024-02-29")), d("2026-02-28"));
    }

    #[test]
    fn period_parsing() {
        assert_eq!(Period::parse("f", "8w").unwrap(), Period::days(56));
        assert_eq!(Period::parse("f", "2y").unwrap(), Period::months(24));
        assert_eq!(Period::parse("f", " 6m ").unwrap(), Period::months(6));
        assert!(Period::parse("f", "6x").is_err());
        assert!(Period::parse("f", "0d").is_err());
        assert!(Period::parse("f", "m").is_err());
        // As the reader writes it, and read back in words.
        for (text, period) in [
            ("drie maanden", Period::months(3)),
            ("6 maanden", Period::months(6)),
            ("2 jaar", Period::months(24)),
            ("14 dagen", Period::days(14)),
            ("een week", Period::days(7)),
            ("Eén jaar", Period::months(12)),
            ("anderhalf jaar", Period::months(18)),
            ("1 maand", Period::months(1)),
        ] {
            assert_eq!(Period::parse("f", text).unwrap(), period, "{text}");
        }
        assert_eq!(Period::parse("f", "drie maanden").unwrap().describe(), "3 maanden");
        let e = Period::parse("termijn", "binnenkort").unwrap_err().to_string();
        assert!(e.contains("14 dagen, 8 weken, 6 maanden of 2 jaar") && !e.contains("30d"), "{e}");
        assert_eq!(Period::days(56).describe(), "8 weken");
        assert_eq!(Period::months(24).describe(), "2 jaar");
    }

    #[test]
    fn closing_noon_on_dst_days_keeps_its_local_date() {
        // 29 March 2026: clocks go forward at 02:00. 25 October 2026: back at 03:00.
        let spring = parse_moment("sluiting", "2026-03-29 12:00").unwrap();
        assert_eq!(to_db(spring), "2026-03-29T10:00:00Z");
        assert_eq!(local_date(spring), d("2026-03-29"));
        let autumn = parse_moment("sluiting", "2026-10-25 12:00").unwrap();
        assert_eq!(to_db(autumn), "2026-10-25T11:00:00Z");
        assert_eq!(local_date(autumn), d("2026-10-25"));
        // Just after local midnight is still the previous UTC day.
        let early = parse_moment("sluiting", "2026-07-01 00:30").unwrap();
        assert_eq!(local_date(early), d("2026-07-01"));
        assert_eq!(early.date_naive(), d("2026-06-30"));
    }

    #[test]
    fn nonexistent_and_ambiguous_local_times() {
        let gap = parse_moment("sluiting", "2026-03-29 02:30").unwrap_err();
        assert_eq!(gap.field(), Some("sluiting"));
        let twice = parse_moment("sluiting", "2026-10-25 02:30").unwrap();
        assert_eq!(to_db(twice), "2026-10-25T00:30:00Z");
    }

    #[test]
    fn bad_dates_name_the_field() {
        let e = parse_date("uitgiftedatum", "2026-02-30").unwrap_err();
        assert_eq!(e.field(), Some("uitgiftedatum"));
        assert!(parse_date("x", "1970-01-01").is_err());
        assert_eq!(parse_date("x", "15-12-2026").unwrap(), d("2026-12-15"));
        assert!(parse_moment("x", "morgen").is_err());
        assert_eq!(to_db(parse_moment("x", "2026-12-15T12:00:00+01:00").unwrap()), "2026-12-15T11:00:00Z");
    }

    #[test]
    fn stored_forms_round_trip() {
        let m = parse_moment("x", "2026-03-29 12:00").unwrap();
        assert_eq!(moment_from_db(&to_db(m)), Some(m));
        assert_eq!(moment_from_db("2026-03-29T12:00:00+02:00"), Some(m));
        assert_eq!(moment_from_db("2026-13-29T12:00:00Z"), None);
        assert_eq!(moment_from_db("garbage"), None);
        assert_eq!(date_from_db("2026-02-28"), Some(d("2026-02-28")));
        assert_eq!(date_from_db("2026-02-30"), None);
        assert_eq!(date_from_db("2026-2-3"), None);
        assert_eq!(date_from_db("20x6-02-03"), None);
    }

    #[test]
    fn dutch_formatting() {
        let m = parse_moment("x", "2026-12-15 12:00").unwrap();
        assert_eq!(format_moment_nl(m), "di 15 dec 2026, 12:00");
    }
}
