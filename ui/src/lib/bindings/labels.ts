// Generated from the Rust enums by `cargo test` (tenderwacht_domain::labels). Do not edit.

export const tenderStatusLabels = {
  nieuw: "nieuw",
  volgen: "volgen",
  inschrijven: "inschrijven",
  ingediend: "ingediend",
  gegund: "gegund",
  afgewezen: "afgewezen",
  vervallen: "vervallen",
} as const;

export const milestoneKindLabels = {
  publicatie: "publicatie",
  vragen_deadline: "vragen-deadline",
  nota_van_inlichtingen: "nota van inlichtingen",
  sluiting: "sluiting",
  sluiting_aanmelding: "sluiting aanmelding",
  interesse: "uiterste blijk van belangstelling",
  voorlopige_gunning: "voorlopige gunning",
  einde_standstill: "einde standstill",
  definitieve_gunning: "definitieve gunning",
  start_contract: "start contract",
  toetredingsmoment: "toetredingsmoment",
  custom: "overig",
} as const;

export const procedureLabels = {
  openbaar: "openbaar",
  niet_openbaar: "niet-openbaar",
  meervoudig_onderhands: "meervoudig onderhands",
  lichte_regeling: "lichte regeling / sociale en andere specifieke diensten",
  open_house: "Open House",
  onbekend: "onbekend",
} as const;

export const procedurePhaseLabels = {
  onbekend: "onbekend",
  vooraankondiging: "vooraankondiging",
  open: "open",
  aanmelding: "aanmelding",
  gesloten: "gesloten",
  voornemen_tot_gunning: "voornemen tot gunning",
  gegund: "gegund",
  ingetrokken: "ingetrokken / vroegtijdig beëindigd",
} as const;

export const tenderDomainLabels = {
  jeugdwet: "Jeugdwet",
  wmo: "Wmo",
  beide: "Jeugdwet en Wmo",
  overig: "overig",
} as const;

export const careDomainLabels = {
  jeugdwet: "Jeugdwet",
  wmo: "Wmo",
} as const;

export const partyKindLabels = {
  provider: "aanbieder",
  cooperative: "coöperatie",
} as const;

export const deliverableStateLabels = {
  open: "open",
  bezig: "bezig",
  aangeleverd: "aangeleverd",
} as const;

export const itemStatusLabels = {
  gereed: "gereed",
  ontbreekt: "ontbreekt",
  verloopt_voor_sluiting: "verloopt vóór sluiting",
  te_oud_bij_sluiting: "te oud bij sluiting",
  niet_op_tijd: "niet op tijd aan te vragen",
  nvt: "n.v.t.",
  open: "open",
  bezig: "bezig",
  aangeleverd: "aangeleverd",
} as const;

export const itemStatusTones = {
  gereed: "green",
  ontbreekt: "red",
  verloopt_voor_sluiting: "amber",
  te_oud_bij_sluiting: "amber",
  niet_op_tijd: "red",
  nvt: "grey",
  open: "blue",
  bezig: "blue",
  aangeleverd: "blue",
} as const;

export const itemStatusProblems = {
  gereed: "false",
  ontbreekt: "true",
  verloopt_voor_sluiting: "true",
  te_oud_bij_sluiting: "true",
  niet_op_tijd: "true",
  nvt: "false",
  open: "true",
  bezig: "true",
  aangeleverd: "false",
} as const;

export const changeKindLabels = {
  milestone_moved: "datum verschoven",
  milestone_added: "datum toegevoegd",
  documents_added: "nieuwe documenten",
  phase_changed: "fase gewijzigd",
  field_changed: "gegeven gewijzigd",
  ended: "procedure beëindigd",
} as const;

export const documentCategoryLabels = {
  aankondiging: "aankondiging",
  nota_van_inlichtingen: "nota van inlichtingen",
  aanbestedingsstuk: "aanbestedingsstuk",
} as const;

export const sourceFilterLabels = {
  tenderned: "TenderNed",
  ted: "TED",
  feed: "Feed",
  html: "Website",
  handmatig: "Handmatig ingevoerd",
} as const;

export const provinces = [
  "Groningen",
  "Friesland",
  "Drenthe",
] as const;

export const conflictKindLabels = {
  overschreven: "overschreven door een latere wijziging",
  vervallen: "wijziging vervallen: de rij is elders verwijderd",
  geweigerd: "niet toegevoegd: botst met bestaande gegevens",
  verwijderd: "verwijderd: hoorde bij iets dat elders is verwijderd",
} as const;
