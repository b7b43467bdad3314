//! The one rule for a zip directory from outside (a DOCX from a buyer, an XLSX of providers),
//! judged before anything is unpacked: how many parts, how much they unpack to together, and no
//! part that unpacks far beyond what text does. Each reader lists the directory with its own zip
//! crate and words the refusal for its file.

/// The limits of one kind of archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveLimits {
    pub entries: usize,
    pub unpacked_bytes: u64,
    /// Unpacked size over packed size above which a part over 1 MB is refused.
    pub ratio: u64,
}

/// Why a zip directory is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveRefusal {
    TooManyParts { parts: usize, limit: usize },
    Inflates { part: String, unpacked_mb: u64 },
    TooLarge { unpacked_mb: u64, limit_mb: u64 },
}

/// A part smaller than this is never refused for its ratio (a run of spaces compresses well).
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Judges a directory from its number of parts and each part's (name, packed, unpacked) sizes as
/// stated; `parts` may fail (a damaged directory), which is the caller's error.
pub fn judge<E>(
    count: usize,
    parts: impl IntoIterator<Item = Result<(String, u64, u64), E>>,
    limits: ArchiveLimits,
) -> Result<Result<(), ArchiveRefusal>, E> {
    if count > limits.entries {
        return Ok(Err(ArchiveRefusal::TooManyParts { parts: count, limit: limits.entries }));
    }
    let mut total: u64 = 0;
    for part in parts {
        let (name, packed, unpacked) = part?;
        total = total.saturating_add(unpacked);
        if unpacked > RATIO_FLOOR && unpacked / packed.max(1) > limits.ratio {
            return Ok(Err(ArchiveRefusal::Inflates { part: name, unpacked_mb: unpacked / (1024 * 1024) }));
        }
    }
    if total > limits.unpacked_bytes {
        return Ok(Err(ArchiveRefusal::TooLarge { unpacked_mb: total / (1024 * 1024), limit_mb: limits.unpacked_bytes / (1024 * 1024) }));
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ArchiveLimits = ArchiveLimits { entries: 3, unpacked_bytes: 10 << 20, ratio: 100 };

    fn parts(list: &[(&str, u64, u64)]) -> Vec<Result<(String, u64, u64), ()>> {
        list.iter().map(|(n, p, u)| Ok((n.to_string(), *p, *u))).collect()
    }

    #[test]
    fn parts_ratio_and_total_are_judged_before_unpacking() {
        assert_eq!(judge(2, parts(&[("word/document.xml", 1000, 50_000)]), LIMITS), Ok(Ok(())));
        assert_eq!(judge(4, parts(&[]), LIMITS), Ok(Err(ArchiveRefusal::TooManyParts { parts: 4, limit: 3 })));
        assert_eq!(
            judge(1, parts(&[("bom.xml", 1000, 8 << 20)]), LIMITS),
            Ok(Err(ArchiveRefusal::Inflates { part: "bom.xml".into(), unpacked_mb: 8 }))
        );
        // Small parts that compress well are fine; together they may still be too much.
        assert_eq!(
            judge(2, parts(&[("a", 1, 500_000), ("b", 6 << 20, 11 << 20)]), LIMITS),
            Ok(Err(ArchiveRefusal::TooLarge { unpacked_mb: 11, limit_mb: 10 }))
        );
        assert_eq!(judge(1, vec![Err::<(String, u64, u64), _>("kapot")], LIMITS), Err("kapot"));
    }
}
