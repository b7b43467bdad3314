//! Reading fields of a portal's JSON leniently, from the raw text: a text may come as a string or
//! a number, a code as an object (`code`, `omschrijving`) or a plain string, and anything else
//! counts as missing — never an error, never a panic. Fields stay unparsed until asked for, so a
//! sync reads the few it needs from thousands of items without building JSON trees.

use serde_json::value::RawValue;

/// A text field: a JSON string (unescaped) or a number as written; anything else is missing.
pub(crate) fn text(raw: Option<&RawValue>) -> Option<String> {
    let s = raw?.get();
    match s.as_bytes().first()? {
        b'"' => serde_json::from_str::<String>(s).ok(),
        b'-' | b'0'..=b'9' => Some(s.to_string()),
        _ => None,
    }
}

/// A field of a JSON object, when `raw` is an object that has it (the others are skipped without
/// being built).
pub(crate) fn member<'a>(raw: Option<&'a RawValue>, key: &str) -> Option<&'a RawValue> {
    let raw = raw?;
    if !raw.get().starts_with('{') {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    serde::de::DeserializeSeed::deserialize(Find(key), &mut de).ok().flatten()
}

/// Looks for one key in a JSON object; the last one wins, as with a parsed map.
struct Find<'k>(&'k str);

impl<'de> serde::de::DeserializeSeed<'de> for Find<'_> {
    type Value = Option<&'de RawValue>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Find<'_> {
    type Value = Option<&'de RawValue>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.0 {
                found = Some(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// The entries of a JSON array (nothing when it is not one).
pub(crate) fn entries(raw: Option<&RawValue>) -> Vec<&RawValue> {
    raw.filter(|r| r.get().starts_with('[')).and_then(|r| serde_json::from_str(r.get()).ok()).unwrap_or_default()
}

/// A code field: an object with `code` and `omschrijving` (read in one pass), or a plain string
/// that serves as both.
pub(crate) fn code_and_label(raw: Option<&RawValue>) -> (String, String) {
    #[derive(serde::Deserialize)]
    struct CodeLabel<'a> {
        #[serde(borrow, default)]
        code: Option<&'a RawValue>,
        #[serde(borrow, default)]
        omschrijving: Option<&'a RawValue>,
    }
    match raw.map(|r| r.get().as_bytes().first()) {
        Some(Some(b'{')) => match raw.and_then(|r| serde_json::from_str::<CodeLabel>(r.get()).ok()) {
            Some(c) => (text(c.code).unwrap_or_default(), text(c.omschrijving).unwrap_or_default()),
            // A key given twice: the lenient way, last one wins.
            None => (text(member(raw, "code")).unwrap_or_default(), text(member(raw, "omschrijving")).unwrap_or_default()),
        },
        Some(Some(b'"')) => {
            let s = text(raw).unwrap_or_default();
            (s.clone(), s)
        }
        _ => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Box<RawValue> {
        RawValue::from_string(s.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn odd_shapes_are_missing_not_errors() {
        assert_eq!(text(Some(&raw(r#""Jeugdhulp \u00e9""#))).as_deref(), Some("Jeugdhulp é"));
        assert_eq!(text(Some(&raw("400123"))).as_deref(), Some("400123"));
        assert_eq!(text(Some(&raw("null"))), None);
        assert_eq!(text(Some(&raw("[1]"))), None);
        let obj = raw(r#"{"code":"AAO","omschrijving":"Aankondiging","code":"REC"}"#);
        assert_eq!(member(Some(&obj), "code").map(RawValue::get), Some(r#""REC""#), "the last one wins");
        assert!(member(Some(&raw("[]")), "code").is_none());
        assert_eq!(code_and_label(Some(&raw(r#""OPE""#))), ("OPE".to_string(), "OPE".to_string()));
        assert_eq!(code_and_label(Some(&raw(r#"{"code":7}"#))), ("7".to_string(), String::new()));
        assert_eq!(code_and_label(Some(&raw("true"))), (String::new(), String::new()));
        assert_eq!(entries(Some(&raw(r#"[{"code":"85000000"},"85311300"]"#))).len(), 2);
        assert!(entries(Some(&raw(r#"{"a":1}"#))).is_empty());
    }
}
