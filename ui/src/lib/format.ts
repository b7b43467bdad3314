// Dates as a Dutch consultant reads them: "di 15 dec 2026, 12:00", always in Europe/Amsterdam,
// whatever the laptop's own time zone is.

const DAYS = ["zo", "ma", "di", "wo", "do", "vr", "za"];
const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function local(utc: string): { y: number; m: number; d: number; time: string } {
  const p = Object.fromEntries(parts.formatToParts(new Date(utc)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), time: `${p.hour}:${p.minute}` };
}

/** "di 15 dec 2026" for a local calendar date "2026-12-15". */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "di 15 dec 2026, 12:00" for a UTC moment; without the time when it is Dutch midnight and
 * `dateOnlyAtMidnight` is set (a portal that publishes dates, not moments). */
export function formatMoment(utc: string, dateOnlyAtMidnight = false): string {
  const l = local(utc);
  const date = `${l.y}-${String(l.m).padStart(2, "0")}-${String(l.d).padStart(2, "0")}`;
  return dateOnlyAtMidnight && l.time === "00:00" ? formatDate(date) : `${formatDate(date)}, ${l.time}`;
}

/** "2026-12-15T12:00" for a UTC moment: what a datetime-local input shows, in Dutch time (the
 * core reads what comes back as Dutch time too). */
export function toMomentInput(utc: string): string {
  const l = local(utc);
  return `${l.y}-${String(l.m).padStart(2, "0")}-${String(l.d).padStart(2, "0")}T${l.time}`;
}

/** Whole days from `from` to `to` (local dates). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

