// Dutch screen words for the domain's stored values (the glossary in the README and the Rust enums).
import type { ItemStatus } from "./bindings/ItemStatus";
import type { MilestoneKind } from "./bindings/MilestoneKind";
import type { Procedure } from "./bindings/Procedure";
import type { ProcedurePhase } from "./bindings/ProcedurePhase";
import type { TenderStatus } from "./bindings/TenderStatus";

export const statusLabel: Record<TenderStatus, string> = {
  nieuw: "nieuw",
  volgen: "volgen",
  inschrijven: "inschrijven",
  ingediend: "ingediend",
  gegund: "gegund",
  afgewezen: "afgewezen",
  vervallen: "vervallen",
};

export const milestoneLabel: Record<MilestoneKind, string> = {
  publicatie: "Publicatie",
  vragen_deadline: "Vragen-deadline",
  nota_van_inlichtingen: "Nota van inlichtingen",
  sluiting: "Sluiting",
  sluiting_aanmelding: "Sluiting aanmelding",
  interesse: "Uiterste blijk van belangstelling",
  voorlopige_gunning: "Voorlopige gunning",
  einde_standstill: "Einde standstill",
  definitieve_gunning: "Definitieve gunning",
  start_contract: "Start contract",
  toetredingsmoment: "Toetredingsmoment",
  custom: "Overig",
};

export const procedureLabel: Record<Procedure, string> = {
  openbaar: "Openbaar",
  niet_openbaar: "Niet-openbaar",
  meervoudig_onderhands: "Meervoudig onderhands",
  lichte_regeling: "Lichte regeling (sociale en andere specifieke diensten)",
  open_house: "Open House",
  onbekend: "Onbekend",
};

/** Where the procedure stands, from the buyer's notices (not the consultancy's own status). */
export const phaseLabel: Record<ProcedurePhase, string> = {
  onbekend: "onbekend",
  vooraankondiging: "vooraankondiging",
  open: "open",
  aanmelding: "aanmelding",
  gesloten: "gesloten",
  voornemen_tot_gunning: "voornemen tot gunning",
  gegund: "gegund",
  ingetrokken: "ingetrokken",
};

export const changeLabel: Record<string, string> = {
  milestone_moved: "Datum verschoven",
  milestone_added: "Datum toegevoegd",
  documents_added: "Nieuwe documenten",
  ended: "Procedure beëindigd",
  phase_changed: "Fase gewijzigd",
  field_changed: "Gewijzigd",
};

export const documentCategoryLabel: Record<string, string> = {
  aankondiging: "Aankondiging",
  nota_van_inlichtingen: "Nota van inlichtingen",
  aanbestedingsstuk: "Aanbestedingsstuk",
};

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Checklist statuses: the word and its colour family (never colour alone). */
export const itemStatus: Record<ItemStatus, { label: string; tone: "green" | "amber" | "red" | "grey" | "blue" }> = {
  gereed: { label: "gereed", tone: "green" },
  ontbreekt: { label: "ontbreekt", tone: "red" },
  verloopt_voor_sluiting: { label: "verloopt vóór sluiting", tone: "amber" },
  te_oud_bij_sluiting: { label: "te oud bij sluiting", tone: "amber" },
  niet_op_tijd: { label: "niet op tijd aan te vragen", tone: "red" },
  nvt: { label: "n.v.t.", tone: "grey" },
  open: { label: "open", tone: "blue" },
  bezig: { label: "bezig", tone: "blue" },
  aangeleverd: { label: "aangeleverd", tone: "blue" },
};
