/**
 * BYSETPOS (RFC 5545 3.3.10), which ical.js applies only to monthly rules with BYDAY: a weekly rule
 * ("the Wednesday of each week's Monday, Wednesday, Friday") or a yearly one over several months
 * gave every candidate day, occurrences that do not exist. Here the rule is expanded without
 * BYSETPOS, COUNT and UNTIL, its candidates are grouped by the period FREQ names (a year, a month,
 * a week starting on WKST, a day), the positions are taken from each whole period, then UNTIL.
 * COUNT is left to the caller, which counts what this gives.
 */
import ICAL from 'ical.js';
import { byWeekNumber } from './ics-weekno.js';

type Time = ICAL.Time;

/** The iterator to walk for `rule` from `start`: ical.js's own, or one applying BYSETPOS when the rule has it. */
export function occurrences(rule: ICAL.Recur, start: Time, onStep: () => void): { next(): Time | null } {
  // (BYWEEKNO, which ical.js does not apply either: see ics-weekno.ts)
  const weekly = byWeekNumber(rule, start, (r, from) => occurrences(r, from, onStep));
  if (weekly) return weekly;
  const parts = rule.parts as Record<string, number[] | undefined>;
  const positions = parts.BYSETPOS;
  const period = PERIODS[rule.freq];
  if (!positions?.length || !period) return guarded(rule.iterator(start), onStep);
  const candidates = rule.clone();
  const candidateParts = candidates.parts as Record<string, number[] | undefined>;
  delete candidateParts.BYSETPOS;
  candidates.count = null;
  candidates.until = null;
  const until = rule.until;
  const weekStart = rule.wkst || ICAL.Time.MONDAY;
  // the positions count in the whole period DTSTART falls in, the days before it too (RFC 5545:
  // the set is the period's; what precedes DTSTART is then no instance)
  const it = guarded(candidates.iterator(periodStart(rule.freq, start, weekStart)), onStep);
  const ready: Time[] = [];
  let pending: Time[] = [];
  let current: number | undefined;
  let done = false;
  const flush = () => {
    const chosen = new Set<Time>();
    for (const p of positions) {
      const t = p > 0 ? pending[p - 1] : pending[pending.length + p];
      if (t) chosen.add(t);
    }
    ready.push(...[...chosen].sort((a, b) => a.compare(b)));
    pending = [];
  };
  /** the next chosen time, before DTSTART ones included; null at the end */
  const chosen = (): Time | null => {
    while (ready.length === 0 && !done) {
      const t = it.next();
      if (!t) {
        flush();
        done = true;
        break;
      }
      const key = period(t, weekStart);
      if (current !== undefined && key !== current) flush();
      current = key;
      pending.push(t.clone());
    }
    return ready.shift() ?? null;
  };
  return {
    next(): Time | null {
      let t = chosen();
      while (t && t.compare(start) < 0) t = chosen();
      if (t && until && t.compare(until) > 0) {
        ready.length = 0;
        done = true;
        return null;
      }
      return t;
    },
  };
}

/** A number for the period a time falls in, by FREQ: its year, month, week (from WKST) or day. */
const PERIODS: Record<string, ((t: Time, weekStart: number) => number) | undefined> = {
  YEARLY: (t) => t.year,
  MONTHLY: (t) => t.year * 12 + t.month,
  WEEKLY: (t, weekStart) => dayNumber(t) - ((t.dayOfWeek() - weekStart + 7) % 7),
  DAILY: (t) => dayNumber(t),
};

/** The first day of the period `start` falls in, at its time of day. */
function periodStart(freq: string, start: Time, weekStart: number): Time {
  const t = start.clone();
  if (freq === 'YEARLY') {
    t.month = 1;
    t.day = 1;
  } else if (freq === 'MONTHLY') t.day = 1;
  else if (freq === 'WEEKLY') t.adjust(-((t.dayOfWeek() - weekStart + 7) % 7), 0, 0, 0);
  return t;
}

function dayNumber(t: Time): number {
  return Math.floor(Date.UTC(t.year, t.month - 1, t.day) / 86_400_000);
}

function guarded(iterator: ICAL.RecurIterator, onStep: () => void): { next(): Time | null } {
  const check = iterator.check_contracting_rules.bind(iterator);
  iterator.check_contracting_rules = () => {
    onStep();
    return check();
  };
  return { next: () => iterator.next() ?? null };
}
