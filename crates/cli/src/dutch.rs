//! The CLI speaks Dutch from its help to its refusals: clap's own words (Usage, Options, Print
//! help, "unexpected argument") are replaced here, once, for every subcommand, and a mistyped
//! command line is answered in Dutch with where to look next.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// Dutch placeholders for the values options take (`--party <PARTIJ>`), by argument id.
fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "data_dir" | "folder" | "out" => "MAP",
        "tender" => "AANBESTEDING",
        "new_provider" => "NAAM",
        "provider" => "AANBIEDER",
        "party" => "PARTIJ",
        "cooperative" => "COÖPERATIE",
        "member" | "members" => "LID",
        "document" => "DOCUMENT",
        "requirement" => "EIS",
        "bid" => "INSCHRIJVING",
        "contract" => "CONTRACT",
        "file" | "files" => "BESTAND",
        "name" | "rename" => "NAAM",
        "note" => "NOTITIE",
        "today" | "issued" | "expires" | "start" | "end" | "on" | "date" => "DATUM",
        "closing" | "at" | "to" => "MOMENT",
        "max_age" | "within" | "notice" | "extension_length" | "days" | "ending_within" => "TERMIJN",
        "type_code" | "code" => "CODE",
        "title" => "TITEL",
        "buyer" => "OPDRACHTGEVER",
        "key" => "SLEUTEL",
        "device" => "LAPTOP",
        "url" => "ADRES",
        "kind" => "SOORT",
        "place" => "PLAATS",
        "municipalities" | "municipality" => "GEMEENTE",
        "domains" => "DOMEIN",
        "contact" => "NAAM",
        "email" => "E-MAIL",
        "phone" => "TELEFOON",
        "notes" => "NOTITIE",
        "kvk" => "KVK",
        "agb" => "AGB",
        "status" => "STATUS",
        "domain" => "DOMEIN",
        "lot" | "lots" => "PERCEEL",
        "active" | "northern_buyers" => "true|false",
        "after_change" | "yearly_before" => "TERMIJN",
        "agb_codes" => "AGB",
        "buyers" => "OPDRACHTGEVER",
        "city" => "PLAATS",
        "closing_from" | "closing_to" | "since" | "signed" | "from" => "DATUM",
        "definition" => "BESTAND",
        "deliverable" | "deliverables" => "STUK",
        "documents" | "types" => "DOCUMENTSOORT",
        "description" => "OMSCHRIJVING",
        "extensions" => "AANTAL",
        "issuer" => "UITGEVER",
        "keywords" => "ZOEKWOORD",
        "label" => "LABEL",
        "lead" => "TERMIJN",
        "legal_name" | "trade_names" => "NAAM",
        "limit" => "AANTAL",
        "links" => "ADRES",
        "max_file" | "max_upload" => "GROOTTE",
        "names" => "SJABLOON",
        "obligation" => "VERPLICHTING",
        "owner" => "WIE",
        "pdf" => "PDF",
        "procedure" => "PROCEDURE",
        "products" => "PRODUCT",
        "profile" => "PROFIEL",
        "quality_marks" => "KEURMERK",
        "region" => "REGIO",
        "rule" => "REGEL",
        "signatory" => "NAAM",
        "signatory_role" => "FUNCTIE",
        "source" => "BRON",
        "state" => "STAND",
        "street" => "STRAAT",
        "template" => "SJABLOON",
        "tenders" => "AANBESTEDING",
        "version" => "VERSIE",
        "vestiging" => "VESTIGINGSNUMMER",
        _ => return None,
    })
}

/// The explanation of an option that has none of its own, by argument id: the same words for
/// `--name` wherever it appears.
fn option_help(id: &str) -> Option<&'static str> {
    Some(match id {
        "name" => "Naam",
        "kvk" => "KvK-nummer (8 cijfers)",
        "agb" => "AGB-code (8 cijfers)",
        "place" => "Plaats",
        "contact" => "Contactpersoon",
        "email" => "E-mailadres",
        "phone" => "Telefoonnummer",
        "notes" | "note" => "Notitie",
        "street" => "Straat en huisnummer",
        "postcode" => "Postcode (1234 AB)",
        "city" => "Plaats van het adres",
        "signatory_role" => "Functie van wie tekent",
        "file" => "Het bestand",
        "yes" => "Echt verwijderen (zonder: alleen zeggen wat er mee verdwijnt)",
        "party" => "Aanbieder of coöperatie (naam, KvK-nummer of id)",
        "provider" => "Aanbieder (naam, KvK-nummer of id)",
        "tender" => "Aanbesteding (titel, deel ervan of id)",
        "all" => "Ook de oude of afgehandelde",
        "code" => "Catalogus-code (kort, bijv. vog)",
        "issuer" => "Wie het document afgeeft (bijv. Justis, KvK; \"Aanbieder\" als de aanbieder het zelf opstelt)",
        "rule" => "Geldigheid: until | max-age:6m | valid-for:1y | none",
        "lead" => "Tijd om een nieuwe te krijgen, bijv. \"5 dagen\"",
        "title" => "Titel",
        "buyer" => "Opdrachtgever",
        "region" => "Regio (provincie), bijv. Drenthe",
        "municipalities" | "municipality" => "Gemeente (herhaalbaar)",
        "nuts" => "NUTS-code (herhaalbaar)",
        "cpv" => "CPV-code (herhaalbaar)",
        "description" => "Omschrijving",
        "links" => "Link naar de publicatie (herhaalbaar)",
        "status" => "Status: volgen | inschrijven | ingediend | gegund | afgewezen | vervallen",
        "procedure" => "Procedure: openbaar | niet_openbaar | meervoudig_onderhands | lichte_regeling | open_house",
        "domain" => "Domein: jeugdwet | wmo",
        "limit" => "Hoeveel ten hoogste",
        "label" => "Omschrijving van de mijlpaal",
        "kind" => "Soort",
        "at" => "Moment in Nederlandse tijd, bijv. \"15-12-2026 12:00\"",
        "lot" => "Perceelnummer",
        "document" => "Document (id of titel)",
        "nvt" => "Markeer als niet van toepassing",
        "applicable" => "Weer van toepassing",
        "owner" => "Wie het oppakt",
        "version" => "Versienummer",
        "member" => "Lid van de coöperatie",
        "concept" => "Terug naar concept",
        "to" => "Einddatum",
        "url" => "Adres (https://…)",
        "off" => "Zet de bron uit",
        "keywords" => "Trefwoord (herhaalbaar)",
        "rename" => "Nieuwe naam",
        "out" => "Map of bestand om in te schrijven",
        "start" => "Begindatum (DD-MM-JJJJ)",
        "end" => "Einddatum (DD-MM-JJJJ)",
        "on" => "Datum (DD-MM-JJJJ)",
        "within" => "Termijn, bijv. \"6 maanden\"",
        "folder" => "De gedeelde map",
        "device" => "Naam van deze laptop",
        _ => return None,
    })
}

/// The explanation of a subcommand that has none of its own, by its name.
fn command_about(name: &str) -> Option<&'static str> {
    Some(match name {
        "add" => "Toevoegen",
        "list" => "Lijst tonen",
        "show" => "Tonen",
        "edit" => "Wijzigen",
        "remove" => "Verwijderen",
        "apply-template" => "Een sjabloon met eisen toepassen (wat de aanbesteding nog niet heeft)",
        _ => return None,
    })
}

/// Every (sub)command with Dutch headings, help and version flags, and value placeholders.
pub fn command(cmd: Command) -> Command {
    let cmd = match command_about(cmd.get_name()) {
        Some(about) if cmd.get_about().is_none() => cmd.about(about),
        _ => cmd,
    };
    let cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Toon deze hulp").global(false))
        .mut_args(|a| {
            let a = match option_help(a.get_id().as_str()) {
                Some(help) if a.get_help().is_none() => a.help(help),
                _ => a,
            };
            let a = match value_name(a.get_id().as_str()) {
                Some(v) if a.get_action().takes_values() => a.value_name(v),
                _ => a,
            };
            if a.is_positional() {
                a.help_heading("Argumenten")
            } else {
                a.help_heading("Opties")
            }
        });
    let cmd = if cmd.get_version().is_some() {
        cmd.disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("Toon het versienummer").help_heading("Opties"))
    } else {
        cmd
    };
    cmd.mut_subcommands(command)
}

/// Help and version as clap renders them, with the words clap writes itself made Dutch.
pub fn shown(e: &clap::Error) -> String {
    e.render()
        .to_string()
        .replace("[OPTIONS]", "[OPTIES]")
        .replace("[env: ", "[omgeving: ")
        .replace("[default: ", "[standaard: ")
        .replace("[possible values: ", "[mogelijk: ")
        .replace("[aliases: ", "[ook: ")
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// A command line clap refused, said in Dutch (help and version are shown as asked).
pub fn refusal(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let hint = |kind| context(e, kind).map(|s| format!(" Bedoelt u {}?", s.replace(", ", " of "))).unwrap_or_default();
    let line = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => format!("onbekende optie of waarde: {arg}.{}", hint(ContextKind::SuggestedArg)),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("onbekende opdracht: {sub}.{}", hint(ContextKind::SuggestedSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("dit moet u nog opgeven: {arg}"),
        ErrorKind::MissingSubcommand => "kies een opdracht".to_string(),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue).map(|v| format!("; kies uit: {v}")).unwrap_or_default();
            if value.is_empty() {
                format!("{arg} heeft een waarde nodig{valid}")
            } else {
                format!("'{value}' is geen geldige waarde voor {arg}{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("'{value}' is geen geldige waarde voor {arg}"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} gaat niet samen met {prior}")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("verkeerd aantal waarden bij {arg}"),
        ErrorKind::NoEquals => format!("schrijf {arg}=waarde"),
        _ => "de opdrachtregel klopt niet".to_string(),
    };
    let usage = context(e, ContextKind::Usage).map(|u| u.replace("Usage:", "Gebruik:").replace("[OPTIONS]", "[OPTIES]")).unwrap_or_default();
    Some(format!("fout: {line}\n{}\nMeer uitleg: tenderwacht-cli --help, of --help achter een opdracht.", usage.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn walk<'a>(cmd: &'a Command, path: String, out: &mut Vec<(String, &'a Command)>) {
        out.push((path.clone(), cmd));
        for sub in cmd.get_subcommands() {
            walk(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_help_is_dutch_and_every_command_and_option_is_explained() {
        let root = command(crate::args::Cli::command());
        let mut all = vec![];
        walk(&root, "tenderwacht-cli".into(), &mut all);
        let mut unexplained = vec![];
        for (path, cmd) in &all {
            if path != "tenderwacht-cli" && cmd.get_about().is_none() {
                unexplained.push(path.clone());
            }
            for arg in cmd.get_arguments() {
                if arg.get_help().is_none() && !arg.is_positional() {
                    unexplained.push(format!("{path} --{}", arg.get_id()));
                }
                // A placeholder clap made from the field's name is English ("<REGION>"), unless
                // the word is the same in Dutch.
                let default = arg.get_id().as_str().to_uppercase();
                let same_in_dutch =
                    ["CODE", "STATUS", "KVK", "AGB", "CONTRACT", "DOCUMENT", "ID", "POSTCODE", "PDF", "CPV", "NUTS", "PROCEDURE", "LABEL"];
                if arg.get_action().takes_values() && !arg.is_positional() && !same_in_dutch.contains(&default.as_str()) {
                    let named = arg.get_value_names().map(|v| v.iter().any(|n| n.as_str() != default)).unwrap_or(false);
                    if !named {
                        unexplained.push(format!("{path} --{} <{default}>", arg.get_id()));
                    }
                }
            }
            let help = Command::clone(cmd).render_help().to_string();
            for english in ["Usage:", "Options:", "Commands:", "Arguments:", "Print help", "Print version"] {
                assert!(!help.contains(english), "{path}: '{english}' in\n{help}");
            }
        }
        assert!(unexplained.is_empty(), "without a Dutch explanation: {unexplained:#?}");
    }

    #[test]
    fn a_mistyped_command_line_is_answered_in_dutch() {
        let root = || command(crate::args::Cli::command());
        let said = |args: &[&str]| refusal(&root().try_get_matches_from(args).unwrap_err()).unwrap_or_default();
        let unknown = said(&["tenderwacht-cli", "provider", "add", "--naam", "x"]);
        assert!(unknown.starts_with("fout: onbekende optie of waarde: --naam. Bedoelt u --name?"), "{unknown}");
        let sub = said(&["tenderwacht-cli", "provder"]);
        assert!(sub.starts_with("fout: onbekende opdracht: provder. Bedoelt u profile of provider?"), "{sub}");
        let missing = said(&["tenderwacht-cli", "bid", "add", "T"]);
        assert!(missing.starts_with("fout: dit moet u nog opgeven: --party"), "{missing}");
    }
}
