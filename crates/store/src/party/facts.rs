//! Queries of `party_facts`: the facts forms ask of a provider, read and replaced as a whole.

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::{params, OptionalExtension, Transaction};
use tenderwacht_domain::{PartyInput, PartyKind, ProviderFacts};
use uuid::Uuid;

impl Store {
    /// The provider's facts (empty ones when none were entered).
    pub fn provider_facts(&self, party: Uuid) -> Result<ProviderFacts> {
        self.party(party)?;
        let facts = self
            .conn
            .prepare_cached(
                "SELECT legal_name, trade_names, vestiging, street, postcode, city, signatory_name, signatory_role, quality_marks, agb_codes
                 FROM party_facts WHERE party_id = ?1",
            )?
            .query_row([party.to_string()], |r| {
                let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
                Ok(ProviderFacts {
                    legal_name: r.get(0)?,
                    trade_names: list(r.get(1)?),
                    vestiging: r.get(2)?,
                    street: r.get(3)?,
                    postcode: r.get(4)?,
                    city: r.get(5)?,
                    signatory_name: r.get(6)?,
                    signatory_role: r.get(7)?,
                    quality_marks: list(r.get(8)?),
                    agb_codes: list(r.get(9)?),
                })
            })
            .optional()?;
        Ok(facts.unwrap_or_default())
    }

    /// Replaces the provider's facts with these (checked first).
    pub fn set_provider_facts(&mut self, party: Uuid, facts: &ProviderFacts) -> Result<ProviderFacts> {
        self.party(party)?;
        let f = facts.cleaned()?;
        self.write(|tx| insert_facts(tx, party, &f))?;
        Ok(f)
    }

    /// Adds providers with the facts an import brought (already checked), in one transaction.
    pub fn add_providers_with_facts(&mut self, rows: &[(PartyInput, Option<ProviderFacts>)]) -> Result<Vec<Uuid>> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(rows.len());
            for (i, (input, facts)) in rows.iter().enumerate() {
                let id = crate::party::parties::insert_party(tx, PartyKind::Provider, input).map_err(|e| match e {
                    StoreError::Domain(tenderwacht_domain::DomainError::Invalid { field, message }) => {
                        StoreError::invalid(format!("rij {}: {field}", i + 1), message)
                    }
                    other => other,
                })?;
                if let Some(f) = facts {
                    insert_facts(tx, id, f)?;
                }
                ids.push(id);
            }
            Ok(ids)
        })
    }
}

/// Writes a provider's (checked) facts inside the caller's transaction.
fn insert_facts(tx: &Transaction, party: Uuid, f: &ProviderFacts) -> Result<()> {
    let json = |v: &[String]| serde_json::Value::from(v.to_vec()).to_string();
    tx.execute(
        "INSERT INTO party_facts (party_id, legal_name, trade_names, vestiging, street, postcode, city, signatory_name, signatory_role, quality_marks,
             agb_codes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (party_id) DO UPDATE SET legal_name = excluded.legal_name, trade_names = excluded.trade_names,
             vestiging = excluded.vestiging, street = excluded.street, postcode = excluded.postcode, city = excluded.city,
             signatory_name = excluded.signatory_name, signatory_role = excluded.signatory_role, quality_marks = excluded.quality_marks,
             agb_codes = excluded.agb_codes",
        params![
            party.to_string(),
            f.legal_name,
            json(&f.trade_names),
            f.vestiging,
            f.street,
            f.postcode,
            f.city,
            f.signatory_name,
            f.signatory_role,
            json(&f.quality_marks),
            json(&f.agb_codes)
        ],
    )?;
    Ok(())
}
