//! The words by which Dutch documents name the catalogue's document types and the deliverables
//! buyers ask, one list that every reader of text shares.

/// Catalogue codes and the phrasings that name them (lower case; the first match wins, so the
/// more specific come first).
pub const CATALOGUE: &[(&str, &str)] = &[
    ("gva", r"gedragsverklaring aanbested(?:en|ing)|\bgva\b"),
    (
        "vog-rp",
        r"\bvog[- ]?rp\b|(?:verklaring omtrent (?:het )?gedrag|\bvog)(?: voor| van)?(?: een| de)? rechtsperso(?:on|nen)|vog (?:voor )?(?:de )?organisatie",
    ),
    ("vog", r"verklaring(?:en)? omtrent (?:het )?gedrag|\bvog'?s?\b"),
    ("ubo", r"\bubo[- ]?(?:register|verklaring|uittreksel|registratie)|uiteindelijk belanghebbenden?|\bubo'?s?\b"),
    (
        "kvk",
        r"(?:uittreksel|afschrift) (?:uit |van )?(?:het |de )?(?:handelsregister|kamer van koophandel|kvk)|kvk[- ]?uittreksel|handelsregisteruittreksel|inschrijving (?:in|bij) (?:het |de )?(?:handelsregister|kamer van koophandel)|(?:handelsregister|kamer van koophandel|kvk)\b[^.;]{0,80}?\b(?:een |het )?(?:nieuwe?|gewijzigde?|actuele?|recente?) (?:afschrift|uittreksel)\b",
    ),
    ("uea", r"uniform europees aanbestedingsdocument|\buea\b"),
    ("eigen-verklaring", r"eigen verklaring"),
    ("hkz", r"\bhkz\b"),
    ("iso9001", r"\biso[ -]?9001"),
    ("kkljz", r"kwaliteit laat je zien"),
    ("bav", r"beroepsaansprakelijkheid"),
    ("avb", r"(?:^|[^a-z])(?:bedrijfs)?aansprakelijkheidsverzekering|\bavb\b"),
    ("wkkgz-geschillen", r"geschilleninstantie|geschillencommissie"),
    ("wkkgz-klachten", r"klachtenregeling"),
    ("meldcode", r"\bmeldcode"),
    ("privacy", r"privacyverklaring|privacyreglement"),
    ("jaarrekening", r"\bjaarrekening"),
    (
        "betalingsgedrag",
        r"verklaring (?:omtrent |inzake |over )?(?:het )?betalingsgedrag|verklaring betalingsgedrag|verklaring (?:van de belastingdienst )?(?:over|omtrent|inzake) (?:het )?betalingsgedrag",
    ),
    ("skj", r"\bskj\b|kwaliteitsregister jeugd"),
    ("big", r"\bbig[- ]?regist"),
    ("statuten", r"\bstatuten\b"),
    ("wtza", r"\bwtza\b|wet toetreding zorgaanbieders|toelatingsvergunning|\bwtzi\b"),
    ("machtiging", r"\bmachtiging|\bvolmacht"),
    (
        "combinatie",
        r"(?:verklaring|formulier) (?:van |inzake |voor )?(?:de )?(?:combinatie|onderaanneming|onderaannemers?|samenwerking)|samenwerkingsverklaring|combinatieverklaring|onderaannemersverklaring|combinatieovereenkomst",
    ),
];

/// Deliverables buyers ask by name, with the name the requirement gets.
pub const DELIVERABLES: &[(&str, &str)] = &[
    ("Plan van aanpak", r"plan van aanpak"),
    ("Prijzenblad", r"prijzenblad|prijsformulier|prijsopgave"),
    ("Inschrijvingsformulier", r"inschrijvings?formulier|inschrijfformulier|aanmeldformulier"),
    ("Kwaliteitsplan", r"kwaliteitsplan"),
    ("Implementatieplan", r"implementatieplan"),
    ("Referentieverklaring", r"referentieverklaring"),
];

/// The last parts of a Dutch compound that names a document ("bestuurs|verklaring",
/// "ondernemings|plan"), for a document the sentence asks though no list knows its name.
const DOCUMENT_ENDINGS: &[&str] = &[
    "verklaring",
    "plan",
    "formulier",
    "overzicht",
    "register",
    "certificaat",
    "rapport",
    "reglement",
    "begroting",
    "uittreksel",
    "afschrift",
    "verslag",
];

/// The document a sentence asks by a name no list knows: the compound word nearest before its
/// hand-in verb (`verb`, a match in `lower`), or just after it, whose last part names a document
/// ("... dient de ondertekende bestuursverklaring aan te leveren", "moeten een beknopt
/// ondernemingsplan aanleveren"). The word itself, with a capital.
pub fn asked_by_name(lower: &str, verb: std::ops::Range<usize>) -> Option<String> {
    let is_name = |w: &&str| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        DOCUMENT_ENDINGS.iter().any(|e| w.ends_with(e) && w.len() >= e.len() + 4) && w.chars().all(char::is_alphabetic)
    };
    let clean = |w: &str| tenderwacht_domain::text::capital(w.trim_matches(|c: char| !c.is_alphabetic()));
    let before = lower.get(verb.start.saturating_sub(70)..verb.start).or_else(|| lower.get(..verb.start))?;
    let clause_before = before.rsplit([',', ';', '.', ':']).next().unwrap_or(before);
    // The buyer's own act ("we behouden ons het recht voor geen budgetformulier in te dienen").
    let padded = format!(" {clause_before} ");
    if [" we ", " wij ", " ons ", " onze "].iter().any(|w| padded.contains(w)) {
        return None;
    }
    // Words apart by spaces or a slash ("kwaliteitsverslag/visitatieverslag": the first).
    let words = |t: &str| t.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
    if let Some(w) = words(clause_before).iter().rev().map(String::as_str).find(is_name) {
        let all = words(clause_before);
        // Of a pair joined by a slash, the first names it.
        let first = all.iter().position(|x| x == w).and_then(|i| {
            if i > 0 && clause_before.contains(&format!("{}/{w}", all[i - 1])) {
                Some(all[i - 1].clone())
            } else {
                None
            }
        });
        return Some(clean(first.as_deref().filter(|f| is_name(f)).unwrap_or(w)));
    }
    let after = lower.get(verb.end..).unwrap_or("");
    let clause_after = after.split([',', ';', '.', ':']).next().unwrap_or(after);
    words(clause_after).iter().take(6).map(String::as_str).find(is_name).map(clean)
}
