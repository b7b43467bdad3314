//! The team key and sealing: everything written to the shared folder is encrypted and
//! authenticated (XChaCha20-Poly1305, RustCrypto) with the team's 32-byte key, so a leaked share
//! link exposes nothing and a changed or foreign file is refused before anything is applied.

use crate::error::{Result, TeamError};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

/// Bytes of the random nonce at the start of every sealed body.
pub const NONCE_LEN: usize = 24;

/// The team's secret, shown to the consultant as 64 hex digits in groups of eight.
#[derive(Clone, PartialEq, Eq)]
pub struct TeamKey([u8; 32]);

impl std::fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamKey(…)")
    }
}

impl TeamKey {
    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// Reads a key as typed or pasted: hex digits, with or without dashes and spaces.
    pub fn parse(text: &str) -> Result<Self> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        let bytes = hex::decode(&digits).map_err(|_| TeamError::Key("alleen cijfers 0-9 en letters a-f, met of zonder streepjes".into()))?;
        let arr: [u8; 32] = bytes.try_into().map_err(|_| TeamError::Key("moet 64 tekens lang zijn (zonder streepjes)".into()))?;
        Ok(Self(arr))
    }

    /// The stored form (64 hex digits).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The form to print and read aloud: eight groups of eight.
    pub fn display(&self) -> String {
        self.to_hex().as_bytes().chunks(8).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
    }

    /// Encrypts `plain`, binding `header` (stored in the clear) to it.
    pub fn seal(&self, header: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher.encrypt(&nonce, Payload { msg: plain, aad: header }).map_err(|_| TeamError::Key("versleutelen mislukt".into()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts a sealed body; `None` when the key is wrong or anything was changed.
    pub fn open(&self, header: &[u8], body: &[u8]) -> Option<Vec<u8>> {
        let (nonce, sealed) = (body.get(..NONCE_LEN)?, body.get(NONCE_LEN..)?);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: header }).ok()
    }

    /// The folder name of a document file: keyed by the team key, so the share does not reveal
    /// which known file (by its public hash) the team holds.
    pub fn blob_name(&self, sha256: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.0);
        h.update(b"blob");
        h.update(sha256.as_bytes());
        hex::encode(h.finalize())
    }
}

/// Something that gives the key for a generation: one key (tried whatever a file says) or the
/// team's chain of keys.
pub trait Keys {
    fn for_epoch(&self, epoch: u32) -> Option<&TeamKey>;
    /// The newest generation known, when known.
    fn newest(&self) -> Option<u32> {
        None
    }
}

impl Keys for TeamKey {
    fn for_epoch(&self, _epoch: u32) -> Option<&TeamKey> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_body_opens_only_with_its_key_and_header() {
        let key = TeamKey::generate();
        let sealed = key.seal(b"header", b"changes").unwrap_or_default();
        assert_eq!(key.open(b"header", &sealed).as_deref(), Some(&b"changes"[..]));
        assert_eq!(key.open(b"other", &sealed), None, "the header is authenticated");
        assert_eq!(TeamKey::generate().open(b"header", &sealed), None, "a foreign key opens nothing");
        let mut tampered = sealed.clone();
        if let Some(b) = tampered.last_mut() {
            *b ^= 1;
        }
        assert_eq!(key.open(b"header", &tampered), None);
        let again = TeamKey::parse(&key.display()).map(|k| k == key).unwrap_or(false);
        assert!(again, "the printed form reads back");
        assert!(TeamKey::parse("abc").is_err());
    }
}
