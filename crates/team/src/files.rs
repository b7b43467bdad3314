//! One file in the shared folder: a magic line, a header in the clear (format, kind, team,
//! schema, device, sequence, clock, length and hash of the body) and the body, compressed and
//! sealed with the team key with the header bound to it. Files are written once under a
//! temporary name and renamed; a reader checks length and hash before it decrypts, so a partial
//! upload, a zero-byte placeholder or a changed file is never half applied.

use crate::crypt::{Keys, TeamKey};
use crate::error::{Result, TeamError};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &[u8] = b"TWTEAM1\n";

/// The largest team file read at all: the folder is read like the internet (a document file of
/// a provider is megabytes; a snapshot of a consultancy's store tens of megabytes).
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// The most a sealed body may unpack to, and how far beyond its packed size: changes and
/// snapshots compress 3–10×, documents hardly; a body of zeros that claims more is refused.
pub const MAX_PLAIN_BYTES: u64 = 1 << 30;
pub const MAX_RATIO: u64 = 200;
/// The file format this version writes and reads (a newer one waits until the app is updated).
pub const FORMAT: u32 = 1;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Team,
    Device,
    Changes,
    Snapshot,
    Blob,
    /// A renewal of the team key (`keys/<generation>.twt`), sealed with the new key.
    Renewal,
}

/// The clear-text header, authenticated with the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub kind: FileKind,
    pub team_id: String,
    pub schema_version: i64,
    /// The shape of the synced tables the writer had (`core::team::sync_schema`).
    pub sync_schema: i64,
    pub device_id: String,
    pub device_name: String,
    /// For a change file: its first and last entry (`seq..=last_seq`) and the newest clock.
    pub seq: i64,
    #[serde(default)]
    pub last_seq: i64,
    pub hlc: i64,
    /// Bytes of the sealed body.
    pub length: u64,
    /// SHA-256 of the sealed body, hex.
    pub sha256: String,
    /// The generation of the team key the body is sealed with. Absent (and so 1) in files of
    /// the team's first key, so files written before keys could be renewed read as written.
    #[serde(default = "first_epoch", skip_serializing_if = "is_first_epoch")]
    pub epoch: u32,
}

fn first_epoch() -> u32 {
    1
}

fn is_first_epoch(e: &u32) -> bool {
    *e == 1
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Not complete yet (placeholder, upload under way): tried again on the next sync.
    Waiting(String),
    /// Never applicable as it is (foreign, tampered, wrong name): kept out, with the reason.
    Refused(String),
}

impl Unread {
    pub fn reason(&self) -> &str {
        match self {
            Self::Waiting(r) | Self::Refused(r) => r,
        }
    }
}

/// Writes `plain` sealed under `header` (length and hash are filled in) to `path`, atomically.
/// Refuses to write through a symbolic link: the file's folder and the one above it (the
/// laptop's own `changes/<device>` or `files/<xx>`) must be real folders inside the shared one.
pub fn write(path: &Path, key: &TeamKey, mut header: Header, plain: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        for d in [Some(dir), dir.parent()].into_iter().flatten() {
            if std::fs::symlink_metadata(d).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(TeamError::File {
                    name: d.display().to_string(),
                    reason: "is een koppeling (symlink) naar elders; Tenderwacht schrijft niet buiten de gedeelde map".into(),
                });
            }
        }
    }
    let mut enc = DeflateEncoder::new(Vec::with_capacity(plain.len() / 2 + 64), flate2::Compression::default());
    enc.write_all(plain).map_err(|e| TeamError::io(path, &e))?;
    let packed = enc.finish().map_err(|e| TeamError::io(path, &e))?;
    // The header is sealed without its own length and hash (they describe the sealed body).
    header.length = 0;
    header.sha256 = String::new();
    let aad = serde_json::to_vec(&header).map_err(|e| TeamError::File { name: path.display().to_string(), reason: e.to_string() })?;
    let body = key.seal(&aad, &packed)?;
    header.length = body.len() as u64;
    header.sha256 = hex::encode(Sha256::digest(&body));
    let line = serde_json::to_vec(&header).map_err(|e| TeamError::File { name: path.display().to_string(), reason: e.to_string() })?;
    let dir = path.parent().ok_or_else(|| TeamError::File { name: path.display().to_string(), reason: "geen map".into() })?;
    std::fs::create_dir_all(dir).map_err(|e| TeamError::io(dir, &e))?;
    let mut tmp = tempfile::Builder::new().prefix(".tw-").suffix(".tmp").tempfile_in(dir).map_err(|e| TeamError::io(dir, &e))?;
    let f = tmp.as_file_mut();
    for part in [MAGIC, &line, b"\n", &body] {
        f.write_all(part).map_err(|e| TeamError::io(path, &e))?;
    }
    f.sync_all().map_err(|e| TeamError::io(path, &e))?;
    tmp.persist(path).map_err(|e| TeamError::io(path, &e.error))?;
    Ok(())
}

/// Reads a file: its header and plain content, or why not. Only a regular file is read (no
/// symbolic link, FIFO or device), and only up to [`MAX_FILE_BYTES`].
pub fn read<K: Keys + ?Sized>(path: &Path, key: &K) -> std::result::Result<(Header, Vec<u8>), Unread> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(Unread::Waiting(format!("nog niet te lezen: {}", tenderwacht_store::error::describe_io(&e)))),
    };
    if !meta.file_type().is_file() {
        return Err(Unread::Refused("geen gewoon bestand (een koppeling, pijp of apparaat): overgeslagen".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Unread::Refused(format!("te groot ({} MB) voor een teambestand", meta.len() >> 20)));
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(Unread::Waiting(format!("nog niet te lezen: {}", tenderwacht_store::error::describe_io(&e))));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unread::Refused("groeide tijdens het lezen voorbij de grens".into()));
    }
    parse(&bytes, key)
}

/// The clear-text header of a file, without opening its body (which generation of the key the
/// folder's newest files are sealed with); `None` when it has none.
pub fn read_header(path: &Path) -> Option<Header> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path).ok()?.take(64 * 1024).read_to_end(&mut head).ok()?;
    let rest = head.strip_prefix(MAGIC)?;
    let nl = rest.iter().position(|b| *b == b'\n')?;
    serde_json::from_slice(&rest[..nl]).ok()
}

/// Reads the bytes of a file; see [`read`].
pub fn parse<K: Keys + ?Sized>(bytes: &[u8], keys: &K) -> std::result::Result<(Header, Vec<u8>), Unread> {
    if bytes.is_empty() {
        return Err(Unread::Waiting("nog niet binnen (leeg bestand: de map haalt het nog op)".into()));
    }
    if bytes.len() < MAGIC.len() {
        return Err(Unread::Waiting("onvolledig (wordt nog gesynchroniseerd)".into()));
    }
    if !bytes.starts_with(MAGIC) {
        return Err(Unread::Refused("geen Tenderwacht-teambestand".into()));
    }
    let rest = &bytes[MAGIC.len()..];
    let Some(nl) = rest.iter().position(|b| *b == b'\n') else { return Err(Unread::Waiting("onvolledig (kop nog niet binnen)".into())) };
    let header: Header = serde_json::from_slice(&rest[..nl]).map_err(|_| Unread::Refused("kop onleesbaar".into()))?;
    if header.format > FORMAT {
        return Err(Unread::Waiting(format!("geschreven in een nieuwer formaat ({}); werk Tenderwacht bij", header.format)));
    }
    let body = &rest[nl + 1..];
    let expected = usize::try_from(header.length).unwrap_or(usize::MAX);
    if body.len() < expected {
        return Err(Unread::Waiting(format!("onvolledig: {} van {} bytes binnen", body.len(), header.length)));
    }
    if body.len() > expected {
        return Err(Unread::Refused(format!("langer dan aangekondigd ({} in plaats van {} bytes)", body.len(), header.length)));
    }
    if hex::encode(Sha256::digest(body)) != header.sha256 {
        return Err(Unread::Waiting("inhoud nog onvolledig of beschadigd (controlegetal klopt niet)".into()));
    }
    let Some(key) = keys.for_epoch(header.epoch) else {
        return Err(if keys.newest().is_some_and(|n| header.epoch > n) {
            Unread::Waiting("verzegeld met een nieuwere teamsleutel: voer eerst de nieuwe sleutel in".into())
        } else {
            Unread::Refused("geweigerd: verzegeld met een teamsleutel die deze laptop niet kent".into())
        });
    };
    let mut aad_header = header.clone();
    aad_header.length = 0;
    aad_header.sha256 = String::new();
    let aad = serde_json::to_vec(&aad_header).map_err(|_| Unread::Refused("kop onleesbaar".into()))?;
    let packed = key
        .open(&aad, body)
        .ok_or_else(|| Unread::Refused("geweigerd: niet te ontsleutelen met de teamsleutel (gewijzigd of van een ander team)".into()))?;
    // Unpacking stops at a ceiling: even a file sealed with the right key (an insider, a bug)
    // cannot make this laptop unpack gigabytes.
    let ceiling = MAX_PLAIN_BYTES.min((packed.len() as u64).saturating_mul(MAX_RATIO).max(1 << 20));
    let mut plain = vec![];
    DeflateDecoder::new(&packed[..]).take(ceiling + 1).read_to_end(&mut plain).map_err(|_| Unread::Refused("inhoud onleesbaar".into()))?;
    if plain.len() as u64 > ceiling {
        return Err(Unread::Refused(format!("dijt uit tot meer dan {} MB: geweigerd", ceiling >> 20)));
    }
    Ok((header, plain))
}

/// The body of a change file: its entries one after another, each as sequence, clock, schema
/// version (8 bytes each, little-endian), changeset length (4 bytes) and the changeset.
pub fn encode_entries(entries: &[tenderwacht_domain::team::Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.iter().map(|e| 28 + e.changeset.len()).sum());
    for e in entries {
        out.extend_from_slice(&e.seq.to_le_bytes());
        out.extend_from_slice(&e.hlc.to_le_bytes());
        out.extend_from_slice(&e.schema_version.to_le_bytes());
        out.extend_from_slice(&u32::try_from(e.changeset.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&e.changeset);
    }
    out
}

/// Reads a change file's body back; `None` when it is not well formed.
pub fn decode_entries(device: &str, mut body: &[u8]) -> Option<Vec<tenderwacht_domain::team::Entry>> {
    let mut out = vec![];
    let take8 = |b: &mut &[u8]| -> Option<i64> {
        let (head, rest) = b.split_at_checked(8)?;
        *b = rest;
        Some(i64::from_le_bytes(head.try_into().ok()?))
    };
    while !body.is_empty() {
        let (seq, hlc, schema_version) = (take8(&mut body)?, take8(&mut body)?, take8(&mut body)?);
        let (len, rest) = body.split_at_checked(4)?;
        let len = usize::try_from(u32::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (changeset, rest) = rest.split_at_checked(len)?;
        body = rest;
        out.push(tenderwacht_domain::team::Entry { device_id: device.to_string(), seq, hlc, schema_version, changeset: changeset.to_vec() });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            format: FORMAT,
            kind: FileKind::Changes,
            team_id: "t".into(),
            schema_version: 7,
            sync_schema: 7,
            device_id: "d".into(),
            device_name: "Laptop".into(),
            seq: 1,
            last_seq: 1,
            hlc: 5,
            length: 0,
            sha256: String::new(),
            epoch: 1,
        }
    }

    #[test]
    fn partial_placeholder_tampered_and_foreign_files_are_told_apart() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| TeamError::io("tmp", &e))?;
        let key = TeamKey::generate();
        let path = dir.path().join("0000000001.twc");
        write(&path, &key, header(), b"changes")?;
        let bytes = std::fs::read(&path).map_err(|e| TeamError::io(&path, &e))?;
        let (h, plain) = parse(&bytes, &key).map_err(|u| TeamError::File { name: "x".into(), reason: u.reason().into() })?;
        assert_eq!((h.seq, plain.as_slice()), (1, &b"changes"[..]));
        assert!(matches!(parse(&[], &key), Err(Unread::Waiting(_))), "zero-byte placeholder waits");
        assert!(matches!(parse(&bytes[..bytes.len() - 3], &key), Err(Unread::Waiting(_))), "partial upload waits");
        let mut tampered = bytes.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(matches!(parse(&tampered, &key), Err(Unread::Waiting(_))), "a hash mismatch is never applied");
        assert!(matches!(parse(&bytes, &TeamKey::generate()), Err(Unread::Refused(_))), "a foreign key is refused");
        let header_end = bytes.iter().skip(MAGIC.len()).position(|b| *b == b'\n').unwrap_or(0) + MAGIC.len();
        let forged_header = String::from_utf8_lossy(&bytes[..header_end]).replacen("\"seq\":1", "\"seq\":2", 1);
        let forged = [forged_header.as_bytes(), &bytes[header_end..]].concat();
        assert!(matches!(parse(&forged, &key), Err(Unread::Refused(_))), "a changed header is refused");
        assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 1, "no temporary file left");
        Ok(())
    }
}
