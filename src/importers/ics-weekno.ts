/**
 * BYWEEKNO (RFC 5545 3.3.10), which ical.js does not apply: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"
 * gave every Monday of the year, and without BYDAY nothing at all. Here the rule is expanded
 * without BYWEEKNO, COUNT and UNTIL (every day of the year when it names no days, as
 * python-dateutil reads it), and the days of the weeks it names are kept: week 1 is the first
 * week, starting on WKST, with four days or more in the year, and a negative number counts from
 * the year's last week. UNTIL is applied here; COUNT is left to the caller, which counts what this
 * gives. Only yearly rules have week numbers.
 */
import ICAL from 'ical.js';

type Time = ICAL.Time;

const ALL_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The iterator applying BYWEEKNO to a yearly rule that has it; undefined for any other rule. */
export function byWeekNumber(
  rule: ICAL.Recur,
  start: Time,
  iterate: (rule: ICAL.Recur, start: Time) => { next(): Time | null },
): { next(): Time | null } | undefined {
  const parts = rule.parts as Record<string, (number | string)[] | undefined>;
  const weeks = parts.BYWEEKNO as number[] | undefined;
  if (rule.freq !== 'YEARLY' || !weeks?.length) return undefined;
  const candidates = rule.clone();
  const candidateParts = candidates.parts as Record<string, (number | string)[] | undefined>;
  delete candidateParts.BYWEEKNO;
  candidates.count = null;
  candidates.until = null;
  if (!['BYDAY', 'BYMONTHDAY', 'BYYEARDAY'].some((k) => candidateParts[k]?.length)) candidateParts.BYDAY = ALL_DAYS;
  const weekStart = rule.wkst || ICAL.Time.MONDAY;
  const until = rule.until;
  const it = iterate(candidates, start);
  return {
    next(): Time | null {
      for (let t = it.next(); t; t = it.next()) {
        if (until && t.compare(until) > 0) return null;
        if (inWeeks(t, weeks, weekStart)) return t;
      }
      return null;
    },
  };
}

/** Whether a day falls in one of the weeks named (numbered within the year its week belongs to). */
export function inWeeks(t: Time, weeks: readonly number[], weekStart: number): boolean {
  const day = Date.UTC(t.year, t.month - 1, t.day) / 86_400_000;
  let year = t.year;
  if (day < firstWeek(year, weekStart)) year--;
  else if (day >= firstWeek(year + 1, weekStart)) year++;
  const first = firstWeek(year, weekStart);
  const week = Math.floor((day - first) / 7) + 1;
  const count = (firstWeek(year + 1, weekStart) - first) / 7;
  return weeks.some((w) => (w > 0 ? w : count + w + 1) === week);
}

/** The day number of the first day of week 1: the week, starting on `weekStart` (1 Sunday … 7 Saturday), holding 4 January. */
function firstWeek(year: number, weekStart: number): number {
  const jan4 = Date.UTC(year, 0, 4) / 86_400_000;
  const dow = new Date(jan4 * 86_400_000).getUTCDay() + 1;
  return jan4 - ((dow - weekStart + 7) % 7);
}
