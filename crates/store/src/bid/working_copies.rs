//! Working copies of the buyer's templates: each bid gets its own copy of a deliverable's template
//! (a Prijzenblad.xlsx, an inschrijvingsformulier.docx) in the data folder, opened in the
//! system's program; a save there is picked up and stored as the next version, so nobody uploads
//! it again by hand.

use crate::bid::deliverables::{insert_version, DeliverableCell};
use crate::error::{Result, StoreError};
use crate::{col_uuid, now_db, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tenderwacht_domain::{
    text::{published_extension, safe_file_name},
    DeliverableFile, FileOrigin,
};
use ts_rs::TS;
use uuid::Uuid;

/// The folder in the data folder that holds the working copies.
pub const WORKING_COPY_DIR: &str = "werkkopieën";

/// One working copy on this laptop.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkingCopy {
    pub bid_id: Uuid,
    pub requirement_id: Uuid,
    pub party_id: Uuid,
    pub path: String,
    /// Whether the file is still there (someone may have moved it).
    pub present: bool,
}

fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = vec![0u8; 4096];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    head.truncate(n);
    head
}

impl Store {
    /// The extension of a stored file the buyer published (from its title or address, else its
    /// first bytes), for a copy the system's program can open.
    pub fn published_extension(&self, sha256: &str, title: &str, url: &str) -> String {
        published_extension(title, url, &read_head(&self.blobs.path_of(sha256)))
    }

    /// The bid's working copy of a deliverable's template, made on first use: a copy of the newest
    /// version when there is one, else of the buyer's template. Returns its path.
    pub fn open_working_copy(&mut self, cell: DeliverableCell) -> Result<PathBuf> {
        let key = params![cell.bid.to_string(), cell.requirement.to_string(), cell.party.to_string()];
        let existing: Option<String> = self
            .conn
            .query_row("SELECT path FROM working_copy WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3", key, |r| r.get(0))
            .optional()?;
        if let Some(path) = existing.map(PathBuf::from).filter(|p| p.is_file()) {
            return Ok(path);
        }
        let (req_name, template): (String, Option<(String, String, Option<String>)>) = self.conn.query_row(
            "SELECT r.name, d.title, d.url, d.sha256 FROM requirement r LEFT JOIN tender_document d ON d.id = r.template_document_id
             WHERE r.id = ?1",
            [cell.requirement.to_string()],
            |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.map(|t| (t, r.get(2).unwrap_or_default(), r.get(3).unwrap_or_default())))),
        )?;
        let Some((title, url, template_sha)) = template else {
            return Err(StoreError::invalid(
                "sjabloon",
                format!("{req_name} heeft geen sjabloon van de aanbestedende dienst; kies eerst een aanbestedingsstuk als sjabloon"),
            ));
        };
        let latest: Option<String> = self
            .conn
            .query_row(
                "SELECT sha256 FROM deliverable_file WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3 ORDER BY version DESC LIMIT 1",
                key,
                |r| r.get(0),
            )
            .optional()?;
        let Some(source_sha) = latest.or(template_sha) else {
            return Err(StoreError::invalid("sjabloon", format!("{title} is nog niet gedownload; download de stukken van de aanbesteding eerst")));
        };
        let source = self.blobs.path_of(&source_sha);
        if !source.is_file() {
            return Err(StoreError::invalid(
                "sjabloon",
                format!("{title}: bestand wordt nog opgehaald uit de teammap; synchroniseer en probeer opnieuw"),
            ));
        }
        let ext = self.published_extension(&source_sha, &title, &url);
        let (tender_title, party_name): (String, String) = self.conn.query_row(
            "SELECT t.title, p.name FROM bid b JOIN tender t ON t.id = b.tender_id JOIN party p ON p.id = ?2 WHERE b.id = ?1",
            params![cell.bid.to_string(), cell.party.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let stem = title.rsplit_once('.').filter(|(_, e)| e.eq_ignore_ascii_case(&ext)).map_or(title.as_str(), |(s, _)| s);
        let dir = self.data_dir.join(WORKING_COPY_DIR).join(safe_file_name(&tender_title)).join(safe_file_name(&party_name));
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let target = dir.join(format!("{}.{ext}", safe_file_name(stem)));
        std::fs::copy(&source, &target).map_err(|e| StoreError::io(&target, e))?;
        let path = target.to_string_lossy().into_owned();
        self.conn.execute(
            "INSERT INTO working_copy (bid_id, requirement_id, party_id, path, seen_sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (bid_id, requirement_id, party_id) DO UPDATE SET path = excluded.path, seen_sha256 = excluded.seen_sha256",
            params![cell.bid.to_string(), cell.requirement.to_string(), cell.party.to_string(), path, source_sha, now_db()],
        )?;
        Ok(target)
    }

    /// The files a working copy is made from (the buyer's template and the newest version), so a
    /// shell can fetch a teammate's from the team folder first.
    pub fn working_copy_blobs(&self, cell: DeliverableCell) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.sha256 FROM requirement r JOIN tender_document d ON d.id = r.template_document_id WHERE r.id = ?2 AND d.sha256 IS NOT NULL
             UNION ALL
             SELECT * FROM (SELECT sha256 FROM deliverable_file WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3 ORDER BY version DESC LIMIT 1)",
        )?;
        let rows = stmt
            .query_map(params![cell.bid.to_string(), cell.requirement.to_string(), cell.party.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The working copies on this laptop.
    pub fn working_copies(&self) -> Result<Vec<WorkingCopy>> {
        let mut stmt = self.conn.prepare_cached("SELECT bid_id, requirement_id, party_id, path FROM working_copy ORDER BY path")?;
        let rows = stmt
            .query_map([], |r| {
                let path: String = r.get(3)?;
                Ok(WorkingCopy {
                    bid_id: col_uuid(r, 0)?,
                    requirement_id: col_uuid(r, 1)?,
                    party_id: col_uuid(r, 2)?,
                    present: Path::new(&path).is_file(),
                    path,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Stores every working copy saved since it was last seen as the next version of its
    /// deliverable (not final: the consultant marks the final one). Returns the new versions.
    pub fn collect_working_copies(&mut self) -> Result<Vec<DeliverableFile>> {
        let mut added = vec![];
        for copy in self.working_copies()? {
            if !copy.present {
                continue;
            }
            let path = PathBuf::from(&copy.path);
            if !std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
                continue; // being written (zero bytes) or gone: look again next time
            }
            let seen: String = self.conn.query_row(
                "SELECT seen_sha256 FROM working_copy WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3",
                params![copy.bid_id.to_string(), copy.requirement_id.to_string(), copy.party_id.to_string()],
                |r| r.get(0),
            )?;
            let blob = match self.blobs.put_file(&path) {
                Ok(blob) => blob,
                // Held open by Word or Excel without sharing (Windows): this copy waits for the
                // next look, after the program lets go; the other copies are collected now.
                Err(StoreError::Io { source, .. }) if locked_elsewhere(&source) => continue,
                Err(e) => return Err(e),
            };
            if blob.sha256 == seen {
                continue;
            }
            let cell = DeliverableCell { bid: copy.bid_id, requirement: copy.requirement_id, party: copy.party_id };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "werkkopie".into());
            let id = self.write(|tx| {
                let id = insert_version(tx, cell, &blob.sha256, blob.size, &name, false, FileOrigin::WorkingCopy)?;
                tx.execute(
                    "UPDATE working_copy SET seen_sha256 = ?4 WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3",
                    params![copy.bid_id.to_string(), copy.requirement_id.to_string(), copy.party_id.to_string(), blob.sha256],
                )?;
                Ok(id)
            })?;
            added.push(self.deliverable_file(id)?);
        }
        Ok(added)
    }
}

/// A file another program holds open without sharing it (Windows' sharing and lock violations,
/// ERROR_SHARING_VIOLATION 32 and ERROR_LOCK_VIOLATION 33); Unix locks do not stop a reader.
fn locked_elsewhere(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}
