import { monthOf } from './months.js';
import type { ParseIssue } from './records.js';
import type { SlashOrder } from './slash-dates.js';

/** The date forms LinkedIn exports write, read as UTC, and the issue for a cell that holds none. */

/**
 * The date forms LinkedIn exports use, as epoch ms (UTC): `12 Mar 2024`, `2023-05-01 14:22:10 UTC`,
 * `03/12/24, 10:15 AM` (month first, unless `order` says the file writes the day first),
 * `2024-03-12`, and ISO 8601 (`2023-12-03T14:05:00.000Z`, `2023-12-03T15:05:00+01:00`); and as
 * Excel may save them again, `12.03.2024` (day first) and `12-Mar-24`. Anything else, or an impossible date, is
 * undefined.
 */
export function parseLinkedinDate(text: string, order: SlashOrder = 'mdy'): number | undefined {
  const s = text.trim();
  // …and as English-locale Excel saves it again, `12-Mar-24` (LinkedIn began in 2003: 20yy)
  let m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})$/.exec(s);
  if (m) return utc(fullYear(m[3] ?? ''), monthOf(m[2] ?? ''), Number(m[1]));
  // ISO 8601 as well (a file saved again by a script): fractions of a second, a numeric offset
  m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?\s*(?:UTC|GMT|Z|([+-])(\d{2}):?(\d{2}))?$/i.exec(
      s,
    );
  if (m) {
    const ms = utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    if (ms === undefined || !m[7]) return ms;
    const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000;
    return Number(m[8]) > 14 || Number(m[9]) > 59 ? undefined : m[7] === '+' ? ms - offset : ms + offset;
  }
  m = /^(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(s);
  if (m) {
    const year = fullYear(m[4] ?? '');
    const hour = twelveHour(Number(m[5] ?? 0), m[8]);
    // dots are written day first everywhere they are used (12.03.2024)
    const dayFirst = m[2] === '.' || order === 'dmy';
    const [month, day] = dayFirst ? [Number(m[3]), Number(m[1])] : [Number(m[1]), Number(m[3])];
    return utc(year, month, day, hour, Number(m[6] ?? 0), Number(m[7] ?? 0));
  }
  return undefined;
}

/** A year as written: two digits are 20yy. */
function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function twelveHour(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  const pm = ampm.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

/** Epoch ms, or undefined when a field is out of range (Date.UTC would roll 31 Feb into March). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | undefined {
  if (!(month >= 1 && month <= 12 && hour >= 0 && hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
}

export function badDate(where: { line: number; entry: string }, column: string, value: string): ParseIssue {
  return {
    ...where,
    code: 'bad_date',
    message: `${column} "${value}" is not a date; the row was skipped`,
    dropped: true,
  };
}
