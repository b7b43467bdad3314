// What a consultant types in a date field, read the Dutch way whatever the operating system's
// language: "18-12-2026", "18-12", "9 feb", "9 februari 2027", "morgen", "vandaag", with an
// optional 24-hour time ("14:00", "14.00", "14u"). The window sends the result as ISO
// ("2026-12-18", "2026-12-18T14:00"); the store checks it again (a date outside 1990–2100, a
// local time that does not exist). Day-of-year input ("1 april", "1-4") is for yearly obligations.

export const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
export const WEEKDAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"];

export type Parsed = { ok: true; iso: string } | { ok: false; error: string };
export type DayOfYear = { ok: true; month: number; day: number } | { ok: false; error: string };

const pad = (n: number) => String(n).padStart(2, "0");

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function exists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A month from its Dutch name or abbreviation ("feb", "februari", "mrt", "sept"), 1-based. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  if (w === "mrt") return 3;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i >= 0 ? i + 1 : null;
}

function parseIso(text: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** The date part: relative words, d-m(-jjjj), d/m/jjjj, d.m.jjjj, "9 feb (2027)", or ISO. */
function datePart(text: string, today: string): [number, number, number] | string {
  const t = text.trim().toLowerCase();
  const [ty, tm, td] = parseIso(today) ?? [2026, 1, 1];
  const shift = (days: number): [number, number, number] => {
    const d = new Date(Date.UTC(ty, tm - 1, td + days));
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  };
  const relative: Record<string, number> = { vandaag: 0, morgen: 1, overmorgen: 2, gisteren: -1, eergisteren: -2 };
  if (t in relative) return shift(relative[t]);
  const iso = parseIso(t);
  if (iso) return iso;
  let m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : ty;
    return [year, Number(m[2]), Number(m[1])];
  }
  m = /^(\d{1,2})\s+([a-z.]+)(?:\s+(\d{4}))?$/.exec(t);
  if (m) {
    const month = monthOf(m[2]);
    if (!month) return `'${m[2]}' is geen maand`;
    return [m[3] ? Number(m[3]) : ty, month, Number(m[1])];
  }
  return "";
}

/** A date typed the Dutch way, as ISO (`2026-12-18`). */
export function parseDate(text: string, today: string): Parsed {
  const t = text.trim();
  if (!t) return { ok: false, error: "Vul een datum in." };
  const part = datePart(t, today);
  if (typeof part === "string") return { ok: false, error: part ? `${part}.` : `'${t}' is geen datum; typ bijv. 18-12-2026, 18-12 of 9 feb.` };
  const [y, m, d] = part;
  if (!exists(y, m, d)) return { ok: false, error: `${d}-${m}-${y} bestaat niet.` };
  if (y < 1990 || y > 2100) return { ok: false, error: `${y} ligt buiten 1990–2100.` };
  return { ok: true, iso: isoDate(y, m, d) };
}

/** A date and 24-hour time typed the Dutch way, as ISO local time (`2026-12-18T14:00`). A date
 *  without a time takes `defaultTime`. */
export function parseMoment(text: string, today: string, defaultTime = "12:00"): Parsed {
  const t = text.trim().replace(/\s+om\s+/i, " ").replace(/,/g, " ");
  if (!t) return { ok: false, error: "Vul een datum en tijd in." };
  // ISO as a native field writes it ("2026-12-18T14:00"), or a time at the end.
  const isoFull = /^(\d{4}-\d{1,2}-\d{1,2})[T ](\d{1,2})[:.](\d{2})$/.exec(t);
  let date = t;
  let time = defaultTime;
  if (isoFull) {
    date = isoFull[1];
    time = `${isoFull[2]}:${isoFull[3]}`;
  } else {
    const m = /^(.*\S)\s+(\d{1,2})(?:[:.](\d{2})|\s*u(?:ur)?)$/i.exec(t);
    if (m) {
      date = m[1];
      time = `${m[2]}:${m[3] ?? "00"}`;
    }
  }
  const [hh, mm] = time.split(":").map(Number);
  if (!(hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59)) return { ok: false, error: `'${time}' is geen tijd; typ bijv. 14:00.` };
  const d = parseDate(date, today);
  if (!d.ok) return d;
  return { ok: true, iso: `${d.iso}T${pad(hh)}:${pad(mm)}` };
}

/** A day of the year for a yearly obligation: "1 april", "1 apr", "1-4". */
export function parseDayOfYear(text: string): DayOfYear {
  const t = text.trim().toLowerCase();
  let m = /^(\d{1,2})\s+([a-z.]+)$/.exec(t);
  let month: number | null = null;
  let day = 0;
  if (m) {
    month = monthOf(m[2]);
    day = Number(m[1]);
    if (!month) return { ok: false, error: `'${m[2]}' is geen maand; typ bijv. 1 april.` };
  } else if ((m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(t))) {
    day = Number(m[1]);
    month = Number(m[2]);
  } else {
    return { ok: false, error: `'${text.trim()}' is geen dag van het jaar; typ bijv. 1 april.` };
  }
  // 29 February exists in a leap year: a yearly date may be on it.
  if (!exists(2028, month, day)) return { ok: false, error: `${day} ${MONTHS[month - 1] ?? month} bestaat niet.` };
  return { ok: true, month, day };
}

/** How a field shows an ISO date: `18-12-2026`; with a time `18-12-2026 14:00`. */
export function showDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[3]}-${m[2]}-${m[1]}${m[4] ? ` ${m[4]}` : ""}`;
}

/** "1 april" for a month and day. */
export function showDayOfYear(month: number, day: number): string {
  return `${day} ${MONTHS[month - 1] ?? month}`;
}

/** The weeks of a month for a calendar that starts on Monday: each cell a day of the month or null. */
export function monthGrid(year: number, month: number): (number | null)[][] {
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
