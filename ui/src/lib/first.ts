// The Overzicht's first answers, asked for as the window's script starts (main.ts imports this
// before it mounts the app), beside the store's counts instead of after them: the first paint
// then waits for one round trip less. Taken once; every later visit asks afresh.
import { api } from "./api";
import type { AgendaGroups } from "./bindings/AgendaGroups";
import type { ChangedTender } from "./bindings/ChangedTender";

/** Lines of each Overzicht group shown before "Alle … tonen". */
export const OVERVIEW_PAGE = 12;

let first: { groups: Promise<AgendaGroups>; changed: Promise<ChangedTender[]> } | null = {
  groups: api.agendaGroups(28, OVERVIEW_PAGE),
  changed: api.changedTenders(),
};
// An answer nobody took must not count as an unhandled rejection.
first.groups.catch(() => {});
first.changed.catch(() => {});

/** The answers asked at start, once; `null` after the first screen took them. */
export function firstAnswers() {
  const f = first;
  first = null;
  return f;
}
