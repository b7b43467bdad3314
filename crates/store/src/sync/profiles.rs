//! Queries of `search_profile`: what a sync keeps. The consultant edits profiles in the app (a
//! new keyword, another buyer), so every write is checked here the same way for app and CLI.

use crate::error::{Result, StoreError};
use crate::{col_uuid, Store};
use rusqlite::params;
use tenderwacht_domain as d;
use tenderwacht_domain::profile::SearchProfile;
use uuid::Uuid;

impl Store {
    pub fn profiles(&self) -> Result<Vec<SearchProfile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, cpv_prefixes, nuts, keywords, buyers, buyers_from_regions FROM search_profile WHERE active = 1 ORDER BY name",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                    let s: String = r.get(i)?;
                    Ok(serde_json::from_str(&s).unwrap_or_default())
                };
                Ok(SearchProfile {
                    id: Some(col_uuid(r, 0)?),
                    name: r.get(1)?,
                    cpv_prefixes: list(2)?,
                    nuts: list(3)?,
                    keywords: list(4)?,
                    buyers: list(5)?,
                    buyers_from_regions: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn profile(&self, name: &str) -> Result<SearchProfile> {
        self.profiles()?
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| StoreError::NotFound { what: "zoekprofiel", key: name.to_string() })
    }

    /// Adds a search profile; the name must be unique.
    pub fn add_profile(&mut self, profile: &SearchProfile) -> Result<Uuid> {
        let name = d::name("naam", &profile.name)?;
        if self.profile(&name).is_ok() {
            return Err(StoreError::Duplicate { what: "zoekprofiel", key: name });
        }
        let p = checked(profile)?;
        let tx = self.conn.transaction()?;
        let id = insert_profile(&tx, &p)?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a profile's name and lists; the next sync judges publications by them.
    pub fn update_profile(&mut self, id: Uuid, profile: &SearchProfile) -> Result<SearchProfile> {
        let p = checked(profile)?;
        if self.profile(&p.name).is_ok_and(|other| other.id != Some(id)) {
            return Err(StoreError::Duplicate { what: "zoekprofiel", key: p.name });
        }
        let changed = self.conn.execute(
            "UPDATE search_profile SET name = ?2, cpv_prefixes = ?3, nuts = ?4, keywords = ?5, buyers = ?6, buyers_from_regions = ?7
             WHERE id = ?1 AND active = 1",
            params![id.to_string(), p.name, json(&p.cpv_prefixes), json(&p.nuts), json(&p.keywords), json(&p.buyers), p.buyers_from_regions],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "zoekprofiel", key: id.to_string() });
        }
        Ok(SearchProfile { id: Some(id), ..p })
    }

    /// Removes a profile. The last one stays: without any profile a sync would keep every
    /// publication in the country.
    pub fn remove_profile(&mut self, id: Uuid) -> Result<()> {
        let tx = self.conn.transaction()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM search_profile WHERE active = 1", [], |r| r.get(0))?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM search_profile WHERE id = ?1 AND active = 1)", [id.to_string()], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound { what: "zoekprofiel", key: id.to_string() });
        }
        if count <= 1 {
            return Err(StoreError::invalid(
                "zoekprofiel",
                "het laatste zoekprofiel kan niet weg: zonder profiel bewaart een synchronisatie alle publicaties; pas het aan",
            ));
        }
        tx.execute("DELETE FROM search_profile WHERE id = ?1", [id.to_string()])?;
        tx.commit()?;
        Ok(())
    }
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// A profile as stored: name checked, list entries trimmed, empty and repeated ones dropped, CPV
/// beginnings as digits (a typed `85*` is `85`), NUTS codes checked; a subject (CPV or keyword)
/// is required, or the profile would match nothing.
fn checked(p: &SearchProfile) -> Result<SearchProfile> {
    let name = d::name("naam", &p.name)?;
    let clean = |v: &[String], strip: &[char]| -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for item in v {
            let t = item.trim().trim_end_matches(strip).trim().to_string();
            if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
                out.push(t);
            }
        }
        out
    };
    let cpv_prefixes = clean(&p.cpv_prefixes, &['*']);
    for c in &cpv_prefixes {
        if c.len() > 8 || !c.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(StoreError::invalid("cpv", format!("'{c}' is geen CPV-begin (1 tot 8 cijfers, bijvoorbeeld 85 of 8531)")));
        }
    }
    let mut nuts = vec![];
    for n in clean(&p.nuts, &[]) {
        nuts.push(d::nuts("nuts", &n)?);
    }
    let keywords = clean(&p.keywords, &[]);
    if cpv_prefixes.is_empty() && keywords.is_empty() {
        return Err(StoreError::invalid("cpv", "geef minstens één CPV-begin of trefwoord: anders past er niets bij het profiel"));
    }
    Ok(SearchProfile { id: p.id, name, cpv_prefixes, nuts, keywords, buyers: clean(&p.buyers, &[]), buyers_from_regions: p.buyers_from_regions })
}

pub(crate) fn insert_profile(tx: &rusqlite::Transaction, p: &SearchProfile) -> Result<Uuid> {
    let id = tenderwacht_domain::ids::new_id();
    tx.execute(
        "INSERT INTO search_profile (id, name, cpv_prefixes, nuts, keywords, buyers, buyers_from_regions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id.to_string(), p.name.trim(), json(&p.cpv_prefixes), json(&p.nuts), json(&p.keywords), json(&p.buyers), p.buyers_from_regions],
    )?;
    Ok(id)
}
