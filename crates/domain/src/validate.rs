//! Checks on what people type: KvK and AGB numbers, e-mail, CPV and NUTS codes. Each failure names
//! the field, so the CLI and the app can point at the wrong input.

use crate::error::{DomainError, Result};

/// A KvK number is exactly 8 digits; spaces and dots people paste along are dropped.
pub fn kvk(field: &str, text: &str) -> Result<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen KvK-nummer (precies 8 cijfers)")))
    }
}

/// An AGB code is 8 digits.
pub fn agb(field: &str, text: &str) -> Result<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(t.to_string()))
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen AGB-code (8 cijfers)")))
    }
}

pub fn email(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let ok = match t.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'),
        None => false,
    };
    if ok && !t.contains(char::is_whitespace) {
        Ok(t.to_string())
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen e-mailadres")))
    }
}

pub fn phone(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        Ok(t.to_string())
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen telefoonnummer")))
    }
}

/// A non-empty single-line name.
pub fn name(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(DomainError::invalid(field, "mag niet leeg zijn"));
    }
    if t.chars().count() > 300 {
        return Err(DomainError::invalid(field, "is langer dan 300 tekens"));
    }
    Ok(t.to_string())
}

/// A CPV code: 8 digits, optionally with its check digit (`85311300-5`), stored as the 8 digits.
pub fn cpv(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    let main = t.split_once('-').map_or(t, |(m, _)| m);
    if main.len() == 8 && main.chars().all(|c| c.is_ascii_digit()) {
        Ok(main.to_string())
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen CPV-code (8 cijfers)")))
    }
}

/// A Dutch NUTS code: `NL` plus up to three letters or digits (`NL1`, `NL11`, `NL112`).
pub fn nuts(field: &str, text: &str) -> Result<String> {
    let t = text.trim().to_uppercase();
    let ok = t.starts_with("NL") && (2..=5).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric());
    if ok {
        Ok(t)
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen Nederlandse NUTS-code (bijv. NL112)")))
    }
}

/// An http(s) link; an address typed without its scheme ("www.tenderned.nl/…") gets https://.
pub fn url(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let full = if lower.starts_with("https://") || lower.starts_with("http://") {
        t.to_string()
    } else if !t.contains("://") && t.split('/').next().is_some_and(|host| host.contains('.') && !host.starts_with('.') && !host.ends_with('.')) {
        format!("https://{t}")
    } else {
        t.to_string()
    };
    let l = full.to_ascii_lowercase();
    if (l.starts_with("https://") || l.starts_with("http://")) && full.len() > 8 && !full.contains(char::is_whitespace) {
        Ok(full)
    } else {
        Err(DomainError::invalid(field, format!("'{text}' is geen webadres (bijv. https://www.tenderned.nl)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_numbers() {
        assert_eq!(kvk("kvk", "1234 5678").unwrap(), "12345678");
        assert_eq!(kvk("kvk", "12.34.56.78").unwrap(), "12345678");
        assert_eq!(kvk("kvk", "1234567").unwrap_err().field(), Some("kvk"));
        assert!(kvk("kvk", "123456789").is_err());
        assert!(kvk("kvk", "1234567a").is_err());
        assert!(kvk("kvk", "").is_err());
    }

    #[test]
    fn a_refusal_reads_as_dutch_without_field_keys() {
        assert_eq!(kvk("kvk", "123").unwrap_err().to_string(), "'123' is geen KvK-nummer (precies 8 cijfers)");
        assert_eq!(name("naam", " ").unwrap_err().to_string(), "Naam: mag niet leeg zijn");
        assert_eq!(url("url", "ftp://x").unwrap_err().to_string(), "'ftp://x' is geen webadres (bijv. https://www.tenderned.nl)");
        assert_eq!(DomainError::invalid("rij 3: kvk", "'1' is geen KvK-nummer").to_string(), "rij 3: '1' is geen KvK-nummer");
        assert_eq!(DomainError::invalid("rij 3: email", "is leeg").to_string(), "rij 3: e-mailadres: is leeg");
    }

    #[test]
    fn codes() {
        assert_eq!(cpv("cpv", "85311300-5").unwrap(), "85311300");
        assert!(cpv("cpv", "8531130").is_err());
        assert_eq!(nuts("nuts", "nl112").unwrap(), "NL112");
        assert!(nuts("nuts", "DE123").is_err());
        assert!(email("e", "a@b").is_err());
        assert_eq!(email("e", " a@b.nl ").unwrap(), "a@b.nl");
        assert!(url("u", "javascript:alert(1)").is_err());
        assert_eq!(url("u", "www.tenderned.nl/aankondigingen").unwrap(), "https://www.tenderned.nl/aankondigingen");
        assert_eq!(url("u", "HTTP://example.nl").unwrap(), "HTTP://example.nl");
        assert!(url("u", "tenderned").is_err(), "no host, no link");
        assert!(url("u", "ftp://x.nl").is_err());
        assert_eq!(agb("agb", "").unwrap(), None);
    }
}
