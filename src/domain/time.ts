/** Instants are epoch milliseconds (UTC). Parsing and formatting are pure; nothing here reads a clock. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** ISO 8601 extended format (2026-03-14T09:30:00+01:00); the offset may be given in hours alone. */
const EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** ISO 8601 basic format (20260314T093000Z), as calendars and file names write it. */
const BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?:\d{2})?)?)?$/i;

/**
 * Parses ISO 8601, extended or basic: a date alone is 00:00 UTC that day; a time without an
 * offset is UTC. Returns undefined for anything else, including impossible dates such as 2026-02-30.
 */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  const m = EXTENDED.exec(trimmed) ?? BASIC.exec(trimmed);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = utc(year, month - 1, day, hour, minute, second, ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2));
    const offM = Number(digits.slice(2, 4));
    if (offH > 23 || offM > 59) return undefined;
    t -= sign * (offH * HOUR_MS + offM * MINUTE_MS);
  }
  return t;
}

/** Parses a calendar date `YYYY-MM-DD` or `YYYYMMDD` (or `--MM-DD`, `--MMDD` for a yearly date without a year). */
export function parseCalendarDate(text: string): { year: number | null; month: number; day: number } | undefined {
  const m = /^(\d{4}|--)(?:-?(\d{2})-(\d{2})|(\d{2})(\d{2}))$/.exec(text.trim());
  if (!m) return undefined;
  const year = m[1] === '--' ? null : Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year ?? 2000, month)) return undefined;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

/** Date.UTC for every year: Date.UTC itself takes years 0-99 for 1900-1999. */
export function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** ISO 8601 UTC, without milliseconds when they are zero. */
export function formatInstant(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

export function formatDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}

/** "3 days", "1 day", "5 hours": a rounded, human span. */
export function describeSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return plural(Math.max(1, Math.round(abs / MINUTE_MS)), 'minute');
  if (abs < 2 * DAY_MS) return plural(Math.round(abs / HOUR_MS), 'hour');
  if (abs < 60 * DAY_MS) return plural(Math.round(abs / DAY_MS), 'day');
  if (abs < 730 * DAY_MS) return plural(Math.round(abs / (30.44 * DAY_MS)), 'month');
  return `${(abs / (365.25 * DAY_MS)).toFixed(1)} years`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
