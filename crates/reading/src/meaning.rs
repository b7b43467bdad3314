//! What a sentence means beyond the document it names: when the buyer asks it (with the bid, on
//! request, of the winner after the award, during the contract), for whom ("alleen nieuwe
//! zorgaanbieders", "bij onderaanneming"), whether it asks nothing ("hoeven niet te worden
//! aangeleverd"), and whether a document is named only to be refused ("een GVA volstaat niet").
//! The phrasings are those of public buyers' documents and DOMAIN.md's timing words.

use regex::Regex;
use std::sync::LazyLock;
use tenderwacht_domain::ProposalAsked;

fn re(p: &str) -> Regex {
    // The patterns are constants of this file, covered by its tests.
    #[allow(clippy::expect_used)]
    Regex::new(p).expect("a valid pattern")
}

static AFTER_AWARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"winnende inschrijver|\bwinnaar|aan wie (?:voorlopig )?(?:is |wordt )?gegund|(?:na|bij) (?:de )?(?:voorlopige |voorgenomen )?gunning|voorafgaand aan (?:de )?(?:definitieve )?gunning|v[oó]{1,2}r (?:de )?(?:definitieve )?gunning|v[oó]{1,2}r(?:afgaand aan)? (?:de )?(?:ondertekening|contractering)|(?:v[oó]{1,2}r|bij) (?:de )?(?:aanvang|start) (?:van )?(?:de )?(?:zorg|overeenkomst|dienstverlening|opdracht|levering)|v[oó]{1,2}r aanvang|bij aanvang|op (?:het )?moment van (?:de )?zorglevering|voordat (?:de )?(?:zorg|levering|dienstverlening) start",
    )
});
static DURING_CONTRACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:dagen|weken|maanden|jaar) na (?:de )?(?:ingangsdatum|ingang|start|aanvang)(?: van)?(?: de)? (?:overeenkomst|contract)|(?:tijdens|gedurende) (?:de )?(?:looptijd|duur) van de overeenkomst|gedurende de looptijd|jaarlijks (?:aan te leveren|toe te sturen|overleggen|aanleveren)|na ingangsdatum van de overeenkomst",
    )
});
static ON_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bop (?:eerste )?(?:verzoek|aanvraag)\b|desgevraagd|desgewenst|kunnen (?:worden |nader )?(?:op)?gevraagd|(?:kan|kunnen) (?:de aanbesteder|de gemeente|wij|opdrachtgever) [^.;]{0,40}opvragen|\b(?:kan|kunnen)\b[^.;]{0,60}\bopvragen\b|wordt (?:mogelijk )?(?:nader )?opgevraagd|worden (?:mogelijk )?(?:nader )?opgevraagd|steekproef",
    )
});

static CHANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:gewijzigd|wijzigt|aangepast|vervangen|verschoven|verplaatst|verlengd|komt te luiden|in plaats van)\b"));

/// Whether a (lower-case) sentence says something changes ("wordt verschoven naar", "de maximale
/// ouderdom wordt gewijzigd", "in plaats van"); "een gewijzigd uittreksel", "uw gewijzigde
/// statuten" is an amended document, not a change.
pub fn changes(lower: &str) -> bool {
    static AMENDED: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:een|uw) gewijzigde?\b"));
    CHANGE.is_match(&AMENDED.replace_all(lower, " "))
}

/// When a (lower-case) sentence asks its document. "binnen 7 dagen na een verzoek" of the
/// winner is after the award, not merely on request.
pub fn asked(lower: &str) -> ProposalAsked {
    if DURING_CONTRACT.is_match(lower) {
        ProposalAsked::DuringContract
    } else if AFTER_AWARD.is_match(lower) {
        ProposalAsked::AfterAward
    } else if ON_REQUEST.is_match(lower) {
        ProposalAsked::OnRequest
    } else {
        ProposalAsked::WithBid
    }
}

/// For whom, in words, when the sentence narrows it; empty when every bidder.
pub fn condition(lower: &str) -> String {
    static CONDITIONS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            (r"niet (?:zelfstandig )?(?:teken|handelings)?bevoegd|niet (?:volledig )?bevoegd", "als de ondertekenaar niet tekenbevoegd is"),
            (r"nieuwe (?:zorg)?aanbieders?|nieuwe inschrijvers?|(?:nog )?geen (?:lopende |bestaande )?(?:overeenkomst|contract)", "alleen nieuwe zorgaanbieders"),
            (r"(?:ieder|elk|iedere|elke) (?:lid|deelnemer|combinant|partij) (?:van|in|binnen) (?:de |een )?combinatie|iedere combinant|elke combinant", "van ieder lid van de combinatie"),
            (r"\bcombinatie\b|gezamenlijk inschrijv|samenwerkingsverband", "bij inschrijving als combinatie"),
            (r"onderaannem|onderaanneming|derden inschakel", "bij onderaanneming"),
            (r"(?:alleen |uitsluitend )?(?:indien|wanneer|als|voor zover) (?:dit |het )?van toepassing|indien relevant|indien aanwezig", "indien van toepassing"),
        ]
        .into_iter()
        .map(|(p, w)| (re(p), w))
        .collect()
    });
    let mut words: Vec<&str> = vec![];
    for (pattern, word) in CONDITIONS.iter() {
        // "ieder lid van de combinatie" already says "combinatie".
        if pattern.is_match(lower) && !(word.starts_with("bij inschrijving als") && words.iter().any(|w| w.contains("combinatie"))) {
            words.push(word);
        }
    }
    words.join("; ")
}

/// A sentence (or clause) that says a document is not needed.
pub fn negated(lower: &str) -> bool {
    static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\bniet (?:gevraagd|vereist|verplicht|nodig|van toepassing|meer nodig|meesturen|bijvoegen)\b|\bhoeft (?:u )?(?:geen|niet)\b|\bhoeven (?:u )?(?:geen|niet)\b|\bvervalt\b|\bniet (?:te worden |worden |meer )?(?:aangeleverd|meegestuurd|bijgevoegd|ingediend|overgelegd|ge[uü]pload)\b|\b(?:levert|stuurt|voegt) (?:u |inschrijver )?geen\b|\bgeen [a-z-]+ (?:aan te leveren|mee te sturen|bij te voegen|in te dienen)\b",
        )
    });
    NEGATION.is_match(lower)
}

/// Whether the text right after a named document refuses it ("... en/of een GVA volstaat niet",
/// "wordt niet geaccepteerd", "geldt niet als").
pub fn refuses(after: &str) -> bool {
    static REFUSAL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^[^;.]{0,40}?\b(?:volstaat|volstaan|voldoet|voldoen) niet\b|^[^;.]{0,40}?\b(?:is|zijn|wordt|worden|geldt|gelden|telt|tellen) niet (?:voldoende|toereikend|geaccepteerd|geldig|toegestaan|als (?:vervanging|bewijs))\b|^[^;.]{0,40}?\bniet (?:voldoende|toereikend)\b",
        )
    });
    REFUSAL.is_match(after)
}

/// Whether the words between two named documents join them as one ("... voor natuurlijke
/// personen en/of een ..."), so what is said of the second holds for the first.
pub fn joined_to_next(between: &str) -> bool {
    static JOINED: LazyLock<Regex> = LazyLock::new(|| re(r"^[^,;.]{0,40}?\b(?:en/of|of|noch)\s+(?:een |de |het )?[^,;.]{0,12}$"));
    JOINED.is_match(between)
}

/// A question, not a requirement: an NvI's question, or any sentence ending in a question mark.
/// Whether a sentence speaks of the document named just before it without naming it ("•
/// Afschrift is niet ouder dan 6 maanden", "Deze mag niet ouder zijn dan een jaar"), so what it
/// says (an age) is that document's.
pub fn refers_back(lower: &str) -> bool {
    let t = lower.trim_start_matches(|c: char| !c.is_alphanumeric()).trim_start();
    [
        "afschrift ",
        "het afschrift ",
        "uittreksel ",
        "het uittreksel ",
        "deze ",
        "dit ",
        "het document ",
        "de verklaring ",
        "het bewijs ",
        "niet ouder ",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

pub fn is_question(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    sentence.trim_end().ends_with('?') || lower.starts_with("vraag ") || lower.starts_with("vraag:") || lower.starts_with("vraag nr")
}

/// Whether a sentence opens an NvI's answer ("Antwoord:", "Antwoord 12:").
pub fn is_answer(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    lower.starts_with("antwoord") || lower.starts_with("reactie aanbesteder") || lower.starts_with("reactie opdrachtgever")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_a_document_is_asked() {
        assert_eq!(asked("de winnende inschrijver levert binnen 7 dagen na een verzoek van de aanbesteder een vog aan"), ProposalAsked::AfterAward);
        assert_eq!(asked("de bewijsstukken kunnen desgewenst worden opgevraagd"), ProposalAsked::OnRequest);
        assert_eq!(asked("het certificaat is uiterlijk 6 maanden na ingangsdatum van de overeenkomst behaald"), ProposalAsked::DuringContract);
        assert_eq!(asked("voeg bij de inschrijving een kvk-uittreksel toe"), ProposalAsked::WithBid);
        assert_eq!(asked("de vog moet voor aanvang van de zorg in bezit zijn"), ProposalAsked::AfterAward);
    }

    #[test]
    fn for_whom() {
        assert_eq!(condition("alleen voor nieuwe zorgaanbieders: een vog rp"), "alleen nieuwe zorgaanbieders");
        assert_eq!(condition("indien u niet tekenbevoegd bent, voegt u een machtiging toe"), "als de ondertekenaar niet tekenbevoegd is");
        assert_eq!(
            condition("bij een combinatie of onderaanneming levert ieder lid van de combinatie een uittreksel"),
            "van ieder lid van de combinatie; bij onderaanneming"
        );
        assert_eq!(condition("alleen indien van toepassing"), "indien van toepassing");
        assert_eq!(condition("een uittreksel van de kvk"), "");
    }

    #[test]
    fn nothing_asked_refused_and_questions() {
        assert!(negated("aanvullende documenten hoeven niet te worden aangeleverd"));
        assert!(negated("de jaarrekening hoeft u niet mee te sturen"));
        assert!(!negated("een uittreksel dat niet ouder is dan zes maanden"));
        assert!(refuses(" (gva) volstaat niet"));
        assert!(refuses(" wordt niet geaccepteerd"));
        assert!(!refuses(" dat niet ouder is dan zes maanden"));
        assert!(is_question("Moet het KvK-uittreksel niet ouder zijn dan zes maanden?"));
        assert!(is_question("Vraag 12: is een digitale VOG toegestaan"));
        assert!(is_answer("Antwoord: ja, een digitale VOG volstaat."));
    }
}

/// Where a sentence stands and what its place says: the page, the table or heading, and for a row
/// of a document table that it asks its document without saying so, and when (its marked column).
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub page: Option<u32>,
    pub section: String,
    pub implicit_demand: bool,
    pub asked: Option<ProposalAsked>,
    /// The row's own name in a document table ("Bestuursverklaring 2024", "Organogram"): the
    /// document asked, by that name, when the row names no catalogue document or deliverable.
    pub label: Option<String>,
    /// A row of a table that lists no documents: a date in it is a step of the procedure's
    /// planning, named by the row, even when it is none of the known milestones.
    pub dated_row: bool,
}
