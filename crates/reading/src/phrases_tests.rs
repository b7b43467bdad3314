//! The phrase reader's tests: Dutch sentences as buyers write them, and what each asks.

use crate::phrases::*;
use crate::text::Page;
use tenderwacht_domain::{time::Period, ProposalAsked};

fn codes(text: &str) -> Vec<(String, Option<Period>)> {
    let pages = [Page::text(Some(1), text)];
    find(&pages, "x.pdf", None).into_iter().map(|d| (d.type_code.unwrap_or(d.name), d.max_age)).collect()
}

/// A list its intro asks on request, each item a bullet without a verb, ages in compound
/// units ("kalendermaanden"); the list's own heading as an annex is no form to hand in.
#[test]
fn a_list_asked_on_request_gives_each_item_on_request() {
    let text = "Bijlage 1: Aan te leveren documenten/bewijsmiddelen\nDe inkopende organisatie kan de volgende documenten opvragen:\n• Een Gedragsverklaring Aanbesteden die maximaal 24 kalendermaanden oud is als de inkopende organisatie deze ontvangt.\n• Een verklaring van de Belastingdienst over betalingsgedrag die maximaal 6 kalendermaanden oud is.\n";
    let found: Vec<(String, Option<Period>, ProposalAsked)> =
        find(&[Page::text(Some(1), text)], "x.docx", None).into_iter().map(|d| (d.type_code.unwrap_or(d.name), d.max_age, d.asked)).collect();
    assert_eq!(
        found,
        [
            ("gva".to_string(), Some(Period::months(24)), ProposalAsked::OnRequest),
            ("betalingsgedrag".to_string(), Some(Period::months(6)), ProposalAsked::OnRequest)
        ]
    );
}

#[test]
fn the_other_catalogue_phrasings() {
    let c = |s: &str| codes(s).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
    assert_eq!(c("Begeleiders dienen geregistreerd te zijn in het Kwaliteitsregister Jeugd (SKJ)."), ["skj"]);
    assert_eq!(c("Zorgverleners moeten over een geldige BIG-registratie beschikken."), ["big"]);
    assert_eq!(c("Voeg de meest recente jaarrekening bij."), ["jaarrekening"]);
    assert_eq!(c("Inschrijver levert een ingevulde Eigen Verklaring aan."), ["eigen-verklaring"]);
    assert_eq!(c("Inschrijver beschikt over een beroepsaansprakelijkheidsverzekering."), ["bav"]);
    assert_eq!(c("U bent aangesloten bij een erkende geschilleninstantie; dit dient u aan te tonen."), ["wkkgz-geschillen"]);
    assert_eq!(codes("Een KvK-uittreksel van maximaal 3 maanden oud is vereist."), [("kvk".to_string(), Some(Period::months(3)))]);
}

#[test]
fn sentences_that_ask_nothing_propose_nothing() {
    assert!(codes("In hoofdstuk 4 leest u meer over de VOG en de KvK.").is_empty(), "no demand");
    assert!(codes("Een Gedragsverklaring Aanbesteden hoeft u niet bij te voegen.").is_empty(), "negated");
    assert!(codes("Bijlage 1: Programma van eisen (ter informatie).").is_empty(), "an annex to read, not to hand in");
}

/// A bullet that speaks of the document the bullet before named ("• Afschrift is niet ouder dan
/// 6 maanden") gives it its age; an answer that opens a list ("Antwoord: ... hebben wij
/// opgenomen:") is an answer, so its list counts.
#[test]
fn an_age_said_of_the_document_named_before_is_its_age_also_in_an_answer_list() {
    let text = "Vraag: Wat verwacht u van inschrijvers zolang het UBO-register niets verstrekt en het afschrift niet ouder dan een jaar is?\n\nAntwoord: In het 'Overzicht aan te leveren documenten' hebben wij opgenomen:\n• Afschrift van inschrijving UBO('s) in UBO-register dat beheerd wordt door de KvK.\n• Afschrift is niet ouder dan 6 maanden op het moment van inschrijving.\n";
    assert_eq!(codes(text), [("ubo".to_string(), Some(Period::months(6)))]);
    // Without a document before it, an age says nothing.
    assert!(codes("Dit is niet ouder dan 6 maanden.").is_empty());
}

/// The same document asked in the running text and again in a list further on is one finding
/// with both places.
#[test]
fn the_same_finding_twice_is_one_with_both_places() {
    let pages = [
        Page::text(Some(2), "De inschrijver levert een uittreksel van de Kamer van Koophandel, niet ouder dan zes maanden.\n"),
        Page::text(Some(9), "Samenvatting: een uittreksel van de Kamer van Koophandel (niet ouder dan zes maanden) dient te worden bijgevoegd.\n"),
    ];
    let found = find(&pages, "leidraad.pdf", None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].page, Some(2));
    assert_eq!(found[0].also_in.iter().map(|s| s.page).collect::<Vec<_>>(), [Some(9)]);
}

/// The KvK extract as an NvI names it: a new copy after a change in the register, or one sent
/// along ("stuurt … mee", the verb split around its object).
#[test]
fn a_new_copy_from_the_register_and_one_sent_along_are_the_kvk_extract() {
    let c = |s: &str| codes(s).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
    assert_eq!(c("Als er wijzigingen plaatsvinden in het Handelsregister van de KvK moet u dit melden aan het zorgkantoor en een nieuw afschrift aanleveren."), ["kvk"]);
    assert_eq!(c("Als u de nieuwe bestuurder gemeld heeft en u stuurt een gewijzigd uittreksel van de KvK mee met de inschrijving, zien wij u als bestaande aanbieder."), ["kvk"]);
    assert!(c("Wij sturen u de bevestiging van ontvangst mee met ons bericht.").is_empty());
    assert!(crate::meaning::changes("de sluitingsdatum is gewijzigd naar 22 januari 2027"));
    assert!(!crate::meaning::changes("u stuurt een gewijzigd uittreksel mee"));
}
