// scripts/figures.py's measurements, kept out of the screens: the time to the first painted
// Overzicht, and the tender list's filters applied one after another, each timed from the
// request to the painted list. Does nothing unless the app was started in figures mode.
import { api } from "./api";

let paintedOnce = false;

/** The Overzicht painted: report it once; `then` runs in figures mode, 7 s later (after the
 *  start-up work: backup check at 3 s, notifications at 5 s). */
export function painted(then: () => void) {
  if (paintedOnce) return;
  paintedOnce = true;
  api.painted().catch(() => {});
  api.figuresMode().then((on) => {
    if (on) setTimeout(then, 7000);
  }, () => {});
}

/** The tender list's filter controls as the measurement drives them. */
export interface FilterControls {
  set(name: "region" | "domain" | "period" | "query", value: string): void;
  clear(): void;
  /** Loads the list now; resolves with the ms from request to painted list. */
  loadNow(): Promise<number>;
  rows(): number;
  lastRequestMs(): number;
}

export async function measureFilters(c: FilterControls) {
  const steps: [string, () => void][] = [
    ["filter_all", () => {}],
    ["filter_region", () => c.set("region", "Drenthe")],
    ["filter_domain", () => c.set("domain", "jeugdwet")],
    ["filter_period", () => c.set("period", "91")],
    ["filter_search", () => c.set("query", "jeugdhulp")],
    ["filter_clear", () => c.clear()],
  ];
  for (const [name, apply] of steps) {
    apply();
    const ms = await c.loadNow();
    await api.figure(name, ms);
    await api.figure(`${name}_rows`, c.rows());
    await api.figure(`${name}_request`, c.lastRequestMs());
  }
  await api.figure("done", 0);
}
