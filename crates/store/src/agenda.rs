//! The agenda's queries: milestones of followed tenders, act-by dates of their checklists and
//! documents that expire, in one date-ordered list (the types are `core::agenda`'s).

use crate::error::Result;
use crate::Store;
use chrono::NaiveDate;
use std::collections::HashSet;
use tenderwacht_domain::{
    agenda::{AgendaFilter, AgendaItem, AgendaKind},
    checklist::{valid_until, DocDates},
    time::{format_date_nl, local_date, start_of_local_day, Period},
    MilestoneKind, ValidityRule,
};
use uuid::Uuid;

/// What a kept agenda answers: the filter, and the day and data it was made from.
pub(crate) type AgendaKey = (AgendaFilter, (NaiveDate, i64, u64));

impl Store {
    /// Everything due in the filter's period, in date order.
    pub fn agenda(&self, f: &AgendaFilter) -> Result<Vec<AgendaItem>> {
        // The agenda only changes with the day or the data: the screens ask for it often (the
        // Overzicht, the Agenda tab, notifications), so the last answer is kept until either changes.
        let key = (f.clone(), self.data_stamp()?);
        if let Some((k, items)) = self.agenda_cache.borrow().as_ref() {
            if *k == key {
                return Ok(items.clone());
            }
        }
        let items = self.agenda_uncached(f)?;
        *self.agenda_cache.borrow_mut() = Some((key, items.clone()));
        Ok(items)
    }

    fn agenda_uncached(&self, f: &AgendaFilter) -> Result<Vec<AgendaItem>> {
        let today = self.today();
        let from_utc = tenderwacht_domain::time::to_db(start_of_local_day(f.from));
        let to_utc = tenderwacht_domain::time::to_db(start_of_local_day(Period::days(1).after(f.to)));
        let mut items = Vec::new();
        let party_tenders = match f.party {
            Some(p) => Some(self.tenders_of_party(p)?),
            None => None,
        };
        let tender_ok = |tender: Uuid, region: &str| {
            f.tender.is_none_or(|t| t == tender)
                && f.region.as_deref().is_none_or(|r| r.eq_ignore_ascii_case(region))
                && party_tenders.as_ref().is_none_or(|s: &HashSet<Uuid>| s.contains(&tender))
        };

        // Milestones of followed tenders.
        let mut stmt = self.conn.prepare_cached(
            // Drive from the covering date index and test "followed" before touching tender rows.
            concat!(
                "SELECT m.at_utc, m.kind, m.label, t.id, t.title, t.region FROM milestone m CROSS JOIN tender t ON t.id = m.tender_id
             WHERE m.at_utc >= ?1 AND m.at_utc < ?2
               AND EXISTS (SELECT 1 FROM tender f INDEXED BY tender_followed
                           WHERE f.id = m.tender_id AND ",
                tenderwacht_domain::followed_status_test!("f.status"),
                ")"
            ),
        )?;
        let rows = stmt.query_map([&from_utc, &to_utc], |r| {
            Ok((
                crate::col_moment(r, 0)?,
                crate::col_enum(r, 1, MilestoneKind::from_db)?,
                r.get::<_, String>(2)?,
                crate::col_uuid(r, 3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        for row in rows {
            let (at, kind, label, tid, title, region) = row?;
            if !tender_ok(tid, &region) {
                continue;
            }
            let date = local_date(at);
            let what = if kind == MilestoneKind::Custom && !label.is_empty() { label } else { kind.label().to_string() };
            items.push(AgendaItem {
                date,
                at: Some(at),
                kind: AgendaKind::Milestone,
                milestone_kind: Some(kind),
                title: format!("{what}: {title}"),
                detail: tenderwacht_domain::time::format_moment_nl(at),
                tender_id: Some(tid),
                tender_title: Some(title),
                party_id: None,
                party_name: None,
                status: None,
                overdue: date < today,
            });
        }

        // Action dates of followed tenders whose closing is still ahead and near enough: an act-by
        // date in the period means a closing at most the longest lead time after it.
        let max_lead: u32 = self.conn.query_row("SELECT coalesce(max(lead_time_days), 0) FROM document_type", [], |r| r.get(0))?;
        let horizon = tenderwacht_domain::time::to_db(start_of_local_day(Period::days(max_lead + 1).after(f.to)));
        let not_before = tenderwacht_domain::time::to_db(start_of_local_day(today.max(f.from)));
        let mut stmt = self.conn.prepare_cached(
            // Few tenders have bids: start from those.
            concat!(
                "SELECT t.id, t.region FROM (SELECT DISTINCT tender_id FROM bid) b CROSS JOIN tender t ON t.id = b.tender_id
             WHERE +t.status IN ",
                tenderwacht_domain::preparing_statuses!(),
                "
               AND (SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = t.id AND m.kind IN ",
                tenderwacht_domain::closing_kinds!(),
                ") BETWEEN ?1 AND ?2"
            ),
        )?;
        let candidates: Vec<Uuid> = stmt
            .query_map([&not_before, &horizon], |r| Ok((crate::col_uuid(r, 0)?, r.get::<_, String>(1)?)))?
            .filter_map(|row| match row {
                Ok((tid, region)) if tender_ok(tid, &region) => Some(Ok(tid)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        // A late action stays listed however long ago its date was, until it is done or marked
        // n.v.t. (its tender's closing is still ahead, or it would not be a candidate).
        // The catalogue, read once for the action titles and the expiries below.
        let types = self.document_types()?;
        let obtain: std::collections::HashMap<&str, tenderwacht_domain::Obtain> = types.iter().map(|t| (t.code.as_str(), t.obtain())).collect();
        for row in self.action_rows(&candidates, (NaiveDate::MIN, f.to))? {
            let Some(act_by) = row.act_by else { continue };
            if !row.status.is_problem() || act_by > f.to || (act_by < f.from && act_by >= today) {
                continue;
            }
            if f.party.is_some_and(|p| p != row.party_id && p != row.bidder_id) {
                continue;
            }
            items.push(AgendaItem {
                date: act_by,
                at: None,
                kind: AgendaKind::Action,
                milestone_kind: None,
                title: format!(
                    "{} {} voor {}",
                    row.requirement_name,
                    row.type_code.as_deref().and_then(|c| obtain.get(c)).map_or("aanvragen", |o| o.verb()),
                    row.party_name
                ),
                detail: row.reason,
                tender_id: Some(row.tender_id),
                tender_title: Some(row.tender_title),
                party_id: Some(row.party_id),
                party_name: Some(row.party_name),
                status: Some(row.status),
                overdue: act_by < today,
            });
        }

        // Current documents of active parties that expire in the period (not tender-bound, so left
        // out when filtering on a tender or region).
        if f.tender.is_none() && f.region.is_none() {
            self.push_expiries(f, today, &types, &mut items)?;
            self.push_contract_dates(f, today, &mut items, true)?;
        }

        items.sort_by(|a, b| (a.date, a.at, a.kind.as_str(), &a.title).cmp(&(b.date, b.at, b.kind.as_str(), &b.title)));
        Ok(items)
    }

    /// Contracts' ends and notice deadlines, and their obligations that need action, in the
    /// period (judged against today, not a closing).
    /// Contracts' ends and notice deadlines alone, in any period (the calendar holds every one,
    /// however far away: an extended contract's end must not drop out of it).
    pub fn contract_term_dates(&self, party: Option<Uuid>, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut items = vec![];
        let f = AgendaFilter { from, to, party, tender: None, region: None };
        self.push_contract_dates(&f, self.today(), &mut items, false)?;
        items.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
        Ok(items)
    }

    fn push_contract_dates(&self, f: &AgendaFilter, today: NaiveDate, items: &mut Vec<AgendaItem>, obligations: bool) -> Result<()> {
        let filter = crate::ContractFilter { party: f.party, ..Default::default() };
        let in_period = |d: NaiveDate| d >= f.from && d <= f.to;
        let line = |date: NaiveDate, kind: AgendaKind, title: String, detail: String, party: Option<(Uuid, String)>, status| AgendaItem {
            date,
            at: None,
            kind,
            milestone_kind: None,
            title,
            detail,
            tender_id: None,
            tender_title: None,
            party_id: party.as_ref().map(|p| p.0),
            party_name: party.map(|p| p.1),
            status,
            overdue: date < today,
        };
        // Ends and notice deadlines from the contract rows alone (no members or obligations needed).
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.title, c.party_id, p.name, c.end_date, c.extensions_total, c.extensions_used, c.notice_amount, c.notice_unit
             FROM contract c JOIN party p ON p.id = c.party_id
             WHERE c.state = 'lopend' AND c.end_date >= ?1
               -- Ends in the period, or a notice deadline that may be (a superset: SQLite's month
               -- arithmetic differs from the rule's by a few days; the rule decides below).
               AND (c.end_date <= ?3 OR (c.notice_amount IS NOT NULL
                    AND date(c.end_date, '-' || c.notice_amount || ' ' || c.notice_unit) BETWEEN date(?1, '-4 days') AND date(?3, '+4 days')))
               AND (?2 IS NULL OR c.party_id = ?2
                   OR EXISTS (SELECT 1 FROM contract_member m WHERE m.contract_id = c.id AND m.party_id = ?2))",
        )?;
        let rows = stmt.query_map(rusqlite::params![f.from.to_string(), filter.party.map(|p| p.to_string()), f.to.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                crate::col_uuid(r, 1)?,
                r.get::<_, String>(2)?,
                crate::col_date(r, 3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
                crate::col_period(r, 6, 7)?,
            ))
        })?;
        for row in rows {
            let (title, party_id, party_name, end, total, used, notice) = row?;
            if in_period(end) {
                let detail = if used < total { "verlenging mogelijk".to_string() } else { "geen verlenging meer: herinkoop verwacht".into() };
                items.push(line(end, AgendaKind::Contract, format!("contract {title} loopt af"), detail, Some((party_id, party_name.clone())), None));
            }
            if let Some(deadline) = notice.map(|n| n.before(end)).filter(|d| in_period(*d)) {
                items.push(line(
                    deadline,
                    AgendaKind::Contract,
                    format!("uiterlijk opzeggen of verlengen: {title}"),
                    format!("contract loopt t/m {}", format_date_nl(end)),
                    None,
                    None,
                ));
            }
        }
        if !obligations {
            return Ok(());
        }
        for o in self.obligations_needing_action(filter.party)?.iter() {
            if let Some(date) = o.judged.act_by.or(o.judged.due).filter(|d| in_period(*d) || *d < today) {
                // Its own date, even before the period: a lapsed obligation stays on the list.
                items.push(line(
                    date,
                    AgendaKind::Action,
                    format!("{} van {} ({})", o.type_name, o.party_name, o.contract_title),
                    o.judged.reason.clone(),
                    Some((o.party_id, o.party_name.clone())),
                    Some(o.judged.status),
                ));
            }
        }
        Ok(())
    }

    fn push_expiries(
        &self,
        f: &AgendaFilter,
        today: NaiveDate,
        types: &[tenderwacht_domain::DocumentType],
        items: &mut Vec<AgendaItem>,
    ) -> Result<()> {
        // Printed end dates come straight from the index; "valid for N months" types are
        // computed from the issue date, so their issue-date window is searched per type.
        let mut windows: Vec<(String, String, String, Option<String>)> = vec![("d.expiry_date".into(), f.from.to_string(), f.to.to_string(), None)];
        for t in types {
            if let ValidityRule::ValidFor { period } = t.rule {
                windows.push(("d.issue_date".into(), period.before(f.from).to_string(), period.before(f.to).to_string(), Some(t.id.to_string())));
            }
        }
        for (column, lo, hi, type_id) in windows {
            let sql = format!(
                "SELECT d.id, d.party_id, p.name, {}, d.issue_date, d.expiry_date, d.original_name
                 FROM document d JOIN party p ON p.id = d.party_id JOIN document_type t ON t.id = d.type_id
                 WHERE {column} BETWEEN ?1 AND ?2 AND p.active = 1 AND (?3 IS NULL AND t.rule <> 'valid_for' OR d.type_id = ?3)
                   AND (?4 IS NULL OR d.party_id = ?4)
                   AND d.is_current = 1",
                crate::TYPE_COLS_T
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params![lo, hi, type_id, f.party.map(|p| p.to_string())], |r| {
                Ok((crate::col_uuid(r, 1)?, r.get::<_, String>(2)?, crate::read_type(r, 3)?, crate::col_date(r, 13)?, crate::col_date_opt(r, 14)?))
            })?;
            for row in rows {
                let (party_id, party_name, doc_type, issue, printed) = row?;
                let Some(until) = valid_until(doc_type.rule, DocDates { issue, printed_expiry: printed }) else { continue };
                if until < f.from || until > f.to {
                    continue;
                }
                items.push(AgendaItem {
                    date: until,
                    at: None,
                    kind: AgendaKind::Expiry,
                    milestone_kind: None,
                    title: format!("{} van {party_name} verloopt", doc_type.name),
                    detail: format!("geldig t/m {}; {} duurt {}", format_date_nl(until), doc_type.obtain().verb(), doc_type.lead_time.describe()),
                    tender_id: None,
                    tender_title: None,
                    party_id: Some(party_id),
                    party_name: Some(party_name),
                    status: None,
                    overdue: until < today,
                });
            }
        }
        Ok(())
    }
}
