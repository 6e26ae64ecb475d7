/**
 * Recurrence expansion: the slots of a recurring event that start in the window, from DTSTART,
 * RRULEs and RDATEs less EXDATEs, with floating dates read in DTSTART's zone. Every step counts
 * against the parse's budget, so a rule that never matches or runs too often is cut off and
 * reported (`recurrence_capped`) instead of hanging the import.
 */
import ICAL from 'ical.js';
import { type Budget, type Context, DAY_MS, ImplausibleSeries, RecurrenceCapped } from './ics-context.js';
import { occurrences } from './ics-setpos.js';
import { epochOf, offsetAt, systemZoneOf, wallClockOf } from './ics-timezones.js';
import { errorText } from './ics-values.js';
import type { Instant, Version } from './ics-version.js';

type Component = ICAL.Component;
type Property = ICAL.Property;
type Time = ICAL.Time;

/** A slot of a series: its original start (the RECURRENCE-ID it would have) and when it runs. */
export interface Slot {
  readonly rid: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The slots of a recurring event that start in [windowStart, now]: DTSTART, each RRULE's
 * occurrences and the RDATEs, less the EXDATEs. Iteration stops at `now`; a rule that needs more
 * steps than the budget to get there is cut off and reported.
 */
export function expandSeries(master: Version, dtstart: Instant, ctx: Context): Slot[] {
  const comp = master.series?.comp;
  if (!comp) return [];
  const slots = new Map<number, Slot>();
  const budget = ctx.budget();
  const limit = ctx.occurrenceLimit();
  let excluded: Exclusions = { instants: new Set(), dates: new Set() };
  const add = (time: Time, ms: number, endMs: number | undefined) => {
    if (ms < ctx.windowStart || ms > ctx.now || slots.has(ms) || isExcluded(excluded, time, ms)) return;
    if (slots.size >= limit) throw new RecurrenceCapped(`${limit.toLocaleString('en-US')} occurrences`);
    slots.set(ms, { rid: ms, start: ms, end: Math.max(ms, endMs ?? ms + master.durationMs) });
  };
  const progress = { reached: -Infinity };
  try {
    // one EXDATE or RDATE that cannot be read is left out, said (quoted as the file writes it,
    // else by ical.js's error), and the series still counts
    const unreadable = (name: string, index: number, e: unknown) => {
      const written = master.series?.written?.(name)[index]?.trim();
      const what = written ? quoted(written) : errorText(e);
      ctx.issue(
        master.source.where,
        'bad_recurrence_date',
        `one of its ${name} values could not be read (${what}); it was left out`,
      );
    };
    excluded = exclusions(comp, dtstart, (index, e) => unreadable('EXDATE', index, e));
    // RFC 5545 3.8.5: DTSTART is always the first instance of the set
    add(dtstart.time, dtstart.ms, undefined);
    // RDATEs first: they are few, and a rule cut off below must not take them along
    for (const [index, prop] of comp.getAllProperties('rdate').entries()) {
      let values: unknown[];
      try {
        values = prop.getValues();
      } catch (e) {
        unreadable('RDATE', index, e);
        continue;
      }
      for (const value of values) {
        const at = (t: Time) => seriesEpoch(t, prop, dtstart);
        if (value instanceof ICAL.Period) add(value.start, at(value.start), at(value.getEnd()));
        else if (value instanceof ICAL.Time) add(value, at(value), undefined);
      }
    }
    for (const prop of comp.getAllProperties('rrule')) {
      for (const rule of prop.getValues()) {
        if (rule instanceof ICAL.Recur) expandRule(rule, dtstart, { ctx, budget, add, progress });
      }
    }
  } catch (e) {
    reportExpansionFailure(e, master, progress.reached, ctx);
  } finally {
    ctx.spend(budget, slots.size);
  }
  return [...slots.values()];
}

function reportExpansionFailure(e: unknown, master: Version, reached: number, ctx: Context): void {
  const after = Number.isFinite(reached) ? `after ${new Date(reached).toISOString().slice(0, 10)}` : 'in the window';
  if (e instanceof ImplausibleSeries) {
    ctx.issue(
      master.source.where,
      'implausible_recurrence',
      `the event repeats ${e.message}, more often than any meeting series; only its first occurrence counts`,
    );
  } else if (e instanceof RecurrenceCapped) {
    ctx.issue(
      master.source.where,
      'recurrence_capped',
      `expanding the recurrence from its DTSTART stopped after ${e.message}; occurrences ${after} are missing`,
    );
  } else {
    ctx.issue(
      master.source.where,
      'bad_recurrence',
      `the recurrence could not be expanded (${errorText(e)}); occurrences ${after} may be missing`,
    );
  }
}

interface Expansion {
  readonly ctx: Context;
  readonly budget: Budget;
  readonly add: (time: Time, ms: number, endMs: number | undefined) => void;
  /** how far (wall clock) the rule iteration got, for the message when it is cut off */
  readonly progress: { reached: number };
}

/**
 * Walks one RRULE from DTSTART up to `now`. Each candidate ical.js examines counts against the
 * budget, including those its filters reject inside a single `next()`.
 */
/** Rules stepping in these units repeat less often than every 12 hours only with a large INTERVAL. */
const SUB_DAILY: Record<string, [number, string]> = {
  SECONDLY: [1000, 'second'],
  MINUTELY: [60_000, 'minute'],
  HOURLY: [3_600_000, 'hour'],
};
const MIN_SERIES_PERIOD_MS = 12 * 3_600_000;
/** More meetings a day than this in one series is no meeting series (a morning and an evening one are). */
const MAX_SERIES_PER_DAY = 2;

function expandRule(rule: ICAL.Recur, dtstart: Instant, { ctx, budget, add, progress }: Expansion): void {
  const unit = SUB_DAILY[rule.freq];
  const interval = rule.interval || 1;
  if (unit && unit[0] * interval < MIN_SERIES_PERIOD_MS)
    throw new ImplausibleSeries(`every ${interval === 1 ? unit[1] : `${interval} ${unit[1]}s`}`);
  // several times a day through BYHOUR, BYMINUTE or BYSECOND lists (a daily rule at every hour)
  const parts = rule.parts as Record<string, unknown[] | undefined>;
  const perDay = ['BYHOUR', 'BYMINUTE', 'BYSECOND'].reduce((n, name) => n * Math.max(1, parts[name]?.length ?? 0), 1);
  if (perDay > MAX_SERIES_PER_DAY) throw new ImplausibleSeries(`${perDay} times a day`);
  // days no month it names has (30 February, 31 April): the rule gives nothing, and says nothing
  if (neverMatches(parts as Record<string, number[] | undefined>)) return;
  // a series that ended before the window adds nothing there (a day of slack covers floating UNTILs)
  if (rule.until && epochOf(rule.until, dtstart.zone) < ctx.windowStart - DAY_MS) return;
  // ical.js steps on the wall clock anyway, but compares zoned times by converting them at every
  // step; iterating a floating copy (and UNTIL on the same wall clock) gives the same times faster
  const start = floating(dtstart.time);
  const wallRule = rule.clone();
  if (rule.until) wallRule.until = untilOnWallClock(rule.until, dtstart);
  // (BYSETPOS applied here where ical.js does not: see ics-setpos.ts)
  const iterator = occurrences(wallRule, start, () => budget.step());
  let allowed = rule.count ?? Infinity;
  let first = true;
  for (;;) {
    budget.step();
    const time = iterator.next();
    if (!time) return;
    // a date that does not exist (29 February in another year, 30 February) is no occurrence
    if (!onRealDate(rule, time, dtstart.time)) continue;
    // DTSTART counts as the first of COUNT even when the rule does not produce it (RFC 5545 3.3.10)
    if (first && time.compare(start) !== 0) allowed--;
    first = false;
    if (allowed-- <= 0) return;
    // the wall clock is within a day of UTC anywhere; converting only near the window keeps a
    // daily series begun decades ago cheap (a zone conversion costs more than a step)
    const wall = wallClockOf(time);
    progress.reached = Math.max(progress.reached, wall);
    if (wall > ctx.now + 2 * DAY_MS) return;
    if (wall < ctx.windowStart - 2 * DAY_MS) continue;
    const ms = inZoneOf(time, dtstart);
    if (ms > ctx.now) return;
    add(time, ms, undefined);
  }
}

/** Whether BYMONTH and BYMONTHDAY name only days none of those months has (in any year). */
function neverMatches(parts: Record<string, number[] | undefined>): boolean {
  const months = parts.BYMONTH;
  const days = parts.BYMONTHDAY;
  if (!months?.length || !days?.length) return false;
  // 2000 is a leap year: February's 29th exists
  return months.every((m) => days.every((d) => Math.abs(d) > ICAL.Time.daysInMonth(m, 2000)));
}

/**
 * Whether an occurrence ical.js gave falls on the day its rule names. For a day that does not
 * exist in a month or year (BYMONTHDAY=30 in February; a yearly series begun on 29 February) it
 * rolls over into the next month, where RFC 5545 (3.3.10) says such an instance is ignored.
 */
function onRealDate(rule: ICAL.Recur, time: Time, start: Time): boolean {
  const parts = rule.parts as Record<string, number[] | undefined>;
  const days = parts.BYMONTHDAY;
  if (days?.length) {
    const inMonth = ICAL.Time.daysInMonth(time.month, time.year);
    if (!days.some((d) => (d > 0 ? d : inMonth + d + 1) === time.day)) return false;
  }
  const months = parts.BYMONTH;
  if (months?.length && !months.includes(time.month)) return false;
  // a monthly or yearly rule that takes its day from DTSTART (no BYxxx naming days)
  const byDays = ['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS'].some((k) => parts[k]?.length);
  if (byDays) return true;
  if (rule.freq === 'MONTHLY') return time.day === start.day;
  if (rule.freq === 'YEARLY') return time.day === start.day && (months?.length ? true : time.month === start.month);
  return true;
}

interface Exclusions {
  readonly instants: ReadonlySet<number>;
  /** "YYYY-MM-DD" of EXDATEs given as dates: they remove that day's occurrence whatever its time */
  readonly dates: ReadonlySet<string>;
}

function exclusions(
  comp: Component,
  dtstart: Instant,
  /** the EXDATE line that cannot be read: its place among the event's EXDATEs */
  unreadable: (index: number, e: unknown) => void,
): Exclusions {
  const instants = new Set<number>();
  const dates = new Set<string>();
  for (const [index, prop] of comp.getAllProperties('exdate').entries()) {
    try {
      for (const value of prop.getValues()) {
        if (!(value instanceof ICAL.Time)) continue;
        if (value.isDate && !dtstart.time.isDate) dates.add(dayKey(value));
        else instants.add(seriesEpoch(value, prop, dtstart));
      }
    } catch (e) {
      unreadable(index, e);
    }
  }
  return { instants, dates };
}

/** A value as the file writes it, in quotes, cut short when long. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function isExcluded(ex: Exclusions, time: Time, ms: number): boolean {
  return ex.instants.has(ms) || (ex.dates.size > 0 && ex.dates.has(dayKey(time)));
}

function dayKey(t: Time): string {
  return `${t.year}-${t.month}-${t.day}`;
}

/**
 * Epoch of an RDATE or EXDATE. One written as floating while DTSTART has a zone is read in
 * DTSTART's zone: otherwise it could never match the occurrences it is meant to add or remove.
 */
function seriesEpoch(t: Time, prop: Property, dtstart: Instant): number {
  const own = systemZoneOf.get(prop);
  if (own || t.isDate || t.zone !== ICAL.Timezone.localTimezone) return epochOf(t, own);
  return inZoneOf(t, dtstart);
}

/**
 * Epoch of a changed occurrence's RECURRENCE-ID in its series: one written as floating while
 * DTSTART has a zone is read in DTSTART's zone, and one given as a date while DTSTART is a time
 * names that day's slot (DTSTART's time of day), as EXDATEs and RDATEs are read.
 */
export function recurrenceIdEpoch(rid: Instant, dtstart: Instant): number {
  if (dtstart.time.isDate) return rid.ms;
  if (rid.time.isDate) {
    const wall = dtstart.time.clone();
    wall.year = rid.time.year;
    wall.month = rid.time.month;
    wall.day = rid.time.day;
    return epochOf(wall, dtstart.zone);
  }
  if (rid.zone || rid.time.zone !== ICAL.Timezone.localTimezone) return rid.ms;
  return inZoneOf(rid.time, dtstart);
}

/** Epoch of a floating wall-clock time read in DTSTART's zone, whichever kind that zone is. */
function inZoneOf(wall: Time, dtstart: Instant): number {
  const zone = dtstart.time.zone;
  if (dtstart.zone || wall.isDate || zone === ICAL.Timezone.localTimezone || zone === ICAL.Timezone.utcTimezone) {
    return epochOf(wall, dtstart.zone);
  }
  const zoned = wall.clone();
  zoned.zone = zone;
  return epochOf(zoned, undefined);
}

function floating(t: Time): Time {
  const copy = t.clone();
  copy.zone = ICAL.Timezone.localTimezone;
  return copy;
}

/** UNTIL (usually UTC) as the wall-clock time in DTSTART's zone, to compare with floating occurrences. */
function untilOnWallClock(until: Time, dtstart: Instant): Time {
  const zone = dtstart.time.zone;
  // a date UNTIL of a series with times (against RFC 5545, which some exporters write): the whole
  // of that day, as other readers take it
  if (until.isDate)
    return dtstart.time.isDate
      ? until
      : ICAL.Time.fromData({ year: until.year, month: until.month, day: until.day, hour: 23, minute: 59, second: 59 });
  // a floating UNTIL is on DTSTART's wall clock already
  if (until.zone !== ICAL.Timezone.utcTimezone && dtstart.zone) return floating(until);
  if (dtstart.zone) {
    const ms = epochOf(until, undefined);
    const wall = new Date(ms + offsetAt(ms, dtstart.zone));
    return ICAL.Time.fromData({
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    });
  }
  if (zone === ICAL.Timezone.localTimezone || zone === ICAL.Timezone.utcTimezone) return until;
  return floating(until.zone === ICAL.Timezone.localTimezone ? until : until.convertToZone(zone));
}
