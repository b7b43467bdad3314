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
        r"uittreksel (?:uit |van )?(?:het |de )?(?:handelsregister|kamer van koophandel|kvk)|kvk[- ]?uittreksel|handelsregisteruittreksel|inschrijving (?:in|bij) (?:het |de )?(?:handelsregister|kamer van koophandel)",
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
