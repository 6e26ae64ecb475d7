import { DAY_MS, daysInMonth } from './time.js';

/** Midnight UTC of the day holding `t`. */
export function startOfDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/**
 * The occurrence of a yearly month-day ("MM-DD") nearest to `now` within [now − before, now + after]
 * days, as midnight UTC; 29 February falls on the 28th in other years.
 */
export function yearlyOccurrence(md: string, now: number, before: number, after: number): number | undefined {
  const month = Number(md.slice(0, 2));
  const day = Number(md.slice(3, 5));
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  const today = startOfDay(now);
  const year = new Date(today).getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    const t = Date.UTC(y, month - 1, Math.min(day, daysInMonth(y, month)));
    const offset = Math.round((t - today) / DAY_MS);
    if (offset >= -before && offset <= after) return t;
  }
  return undefined;
}

/** The MM-DD ranges covering [now − before, now + after], split at the new year. */
export function monthDayRanges(now: number, before: number, after: number): [string, string][] {
  const md = (t: number) => new Date(t).toISOString().slice(5, 10);
  const from = startOfDay(now) - before * DAY_MS;
  const to = startOfDay(now) + after * DAY_MS;
  const a = md(from);
  const b = md(to);
  // 02-29 sorts between 02-28 and 03-01, so a range over late February finds it in any year
  return a <= b
    ? [[a, b]]
    : [
        [a, '12-31'],
        ['01-01', b],
      ];
}
