//! A small macro for the many closed vocabularies of the domain (status, procedure, milestone
//! kind...): each value has one storage word and one Dutch screen label, defined in one place.

/// Defines an enum with `as_str` (storage / CLI word), `label` (Dutch screen word), `parse`
/// (accepts the storage word, the label, and `-` for `_`), and `ALL`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($db:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $db),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Accepts the storage word or the Dutch label, case- and dash-insensitive.
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim().to_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| {
                    v.as_str() == t || v.label().to_lowercase().replace(['-', ' '], "_") == t
                })
            }

            /// Parses or names the field and the accepted words.
            pub fn parse_field(field: &str, text: &str) -> $crate::Result<Self> {
                Self::parse(text).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::DomainError::invalid(field, format!("'{}' onbekend; kies uit: {}", text, words.join(", ")))
                })
            }

            /// Reads a stored value.
            pub fn from_db(column: &'static str, text: &str) -> $crate::Result<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
                    .ok_or_else(|| $crate::DomainError::Corrupt { column, value: text.to_string() })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
