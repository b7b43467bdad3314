//! Where a procedure stands (fase), derived from the buyer's notices and apart from the
//! consultancy's own status: announced, open, requests to participate, closed, intention to award,
//! awarded, ended early. One rule, used by the ingest, the list, the detail, the digest and the
//! Overzicht.

use crate::text_enum;
use chrono::{DateTime, Utc};

text_enum!(
    /// The phase of a procedure as its notices tell it.
    ProcedurePhase {
        Onbekend => ("onbekend", "onbekend"),
        Vooraankondiging => ("vooraankondiging", "vooraankondiging"),
        Open => ("open", "open"),
        Aanmelding => ("aanmelding", "aanmelding"),
        Gesloten => ("gesloten", "gesloten"),
        VoornemenTotGunning => ("voornemen_tot_gunning", "voornemen tot gunning"),
        Gegund => ("gegund", "gegund"),
        Ingetrokken => ("ingetrokken", "ingetrokken / vroegtijdig beëindigd"),
    }
);

impl ProcedurePhase {
    /// Order in a procedure's life: a later notice moves the phase forward, never back (an old
    /// announcement read after the award leaves it awarded). "Gesloten" is never stored: it is
    /// [`Self::at`] of an open phase after the closing.
    fn rank(self) -> u8 {
        match self {
            Self::Onbekend => 0,
            Self::Vooraankondiging => 1,
            Self::Aanmelding => 2,
            Self::Open => 3,
            Self::Gesloten => 4,
            Self::VoornemenTotGunning => 5,
            Self::Gegund => 6,
            Self::Ingetrokken => 7,
        }
    }

    /// The stored phase after a notice that signals `next` (none for a rectification).
    pub fn advance(self, next: Option<ProcedurePhase>) -> ProcedurePhase {
        match next {
            Some(n) if n.rank() > self.rank() => n,
            _ => self,
        }
    }

    /// The phase shown at `now`: an open procedure (or one taking requests to participate) whose
    /// closing has passed is "gesloten".
    pub fn at(self, closing: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ProcedurePhase {
        match (self, closing) {
            (Self::Open | Self::Aanmelding, Some(c)) if c < now => Self::Gesloten,
            (p, _) => p,
        }
    }

    /// Whether the procedure is over: a tender first seen in this phase is not a new tender to
    /// consider.
    pub fn is_ended(self) -> bool {
        matches!(self, Self::VoornemenTotGunning | Self::Gegund | Self::Ingetrokken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_move_forward_only_and_close_with_the_closing() {
        use ProcedurePhase as P;
        assert_eq!(P::Onbekend.advance(Some(P::Open)), P::Open);
        assert_eq!(P::Gegund.advance(Some(P::Open)), P::Gegund, "an old announcement after the award");
        assert_eq!(P::Aanmelding.advance(Some(P::Open)), P::Open, "second round");
        assert_eq!(P::Open.advance(None), P::Open, "a rectification keeps the phase");
        let now = crate::time::parse_moment("x", "2026-11-28 12:00").unwrap_or_else(|e| panic!("{e}"));
        let past = crate::time::parse_moment("x", "2026-11-01 12:00").ok();
        assert_eq!(P::Open.at(past, now), P::Gesloten);
        assert_eq!(P::Gegund.at(past, now), P::Gegund);
        assert_eq!(P::Open.at(None, now), P::Open);
    }
}
