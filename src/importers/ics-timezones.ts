/**
 * Time zones in iCalendar files: which VTIMEZONEs ical.js can be trusted with (the others are
 * removed from the tree), the fallback to the system's IANA database for a TZID the file does not
 * define, the one-per-file issue for a TZID nobody knows (read as UTC), and the conversion of
 * ical.js times to epoch ms under either kind of zone.
 */
import ICAL from 'ical.js';
import type { Context } from './ics-context.js';
import { paramOf, safely, textOf } from './ics-values.js';
import { displayNameZone, offsetLabel } from './outlook-zones.js';
import { ownString } from './own-string.js';
import type { Where } from './records.js';
import { WINDOWS_ZONES } from './windows-zones.js';

type Component = ICAL.Component;
type Property = ICAL.Property;
type Time = ICAL.Time;

const zonesOfRoot = new WeakMap<Component, ReadonlySet<string>>();

/**
 * The TZIDs a calendar defines with a VTIMEZONE ical.js can use. The others are removed from the
 * tree: ical.js resolves TZIDs by walking the VCALENDAR's VTIMEZONEs, fails on one without a TZID,
 * and would spin on an observance rule that is not yearly.
 */
export function usableZones(root: Component): ReadonlySet<string> {
  const known = zonesOfRoot.get(root);
  if (known) return known;
  const defined = new Set<string>();
  const unusable = new Set<string>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = safely(() => textOf(vtz, 'tzid'));
    if (tzid && !defined.has(tzid) && usableTimezone(vtz)) defined.add(tzid);
    else {
      if (tzid && !defined.has(tzid)) unusable.add(ownString(tzid));
      root.removeSubcomponent(vtz);
    }
  }
  zonesOfRoot.set(root, defined);
  if (unusable.size > 0) unusableOf.set(defined, unusable);
  return defined;
}

/** The TZIDs whose VTIMEZONE a calendar defines but ical.js cannot use, by the set of those it can. */
const unusableOf = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

function usableTimezone(vtz: Component): boolean {
  try {
    const observances = vtz.getAllSubcomponents().filter((c) => c.name === 'standard' || c.name === 'daylight');
    if (observances.length === 0) return false;
    for (const obs of observances) {
      if (!['dtstart', 'tzoffsetfrom', 'tzoffsetto'].every((name) => obs.hasProperty(name))) return false;
      if (!obs.getAllProperties('rrule').every((p) => isYearlyRule(p.getFirstValue()))) return false;
    }
    // expanding the zone once here surfaces any remaining problem before an event depends on it
    const zone = new ICAL.Timezone(vtz);
    return Number.isFinite(zone.utcOffset(ICAL.Time.fromData({ year: 2000, month: 1, day: 1, hour: 12 })));
  } catch {
    return false;
  }
}

/** Real VTIMEZONE rules are yearly with at most one time of day; anything else is not trusted. */
function isYearlyRule(value: unknown): boolean {
  if (!(value instanceof ICAL.Recur) || value.freq !== 'YEARLY') return false;
  const p = value.parts;
  return (
    !p.BYSETPOS && !p.BYWEEKNO && !p.BYYEARDAY && [p.BYHOUR, p.BYMINUTE, p.BYSECOND].every((v) => (v?.length ?? 0) <= 1)
  );
}

/** Properties whose values are times that a TZID applies to. */
const TIME_PROPERTIES = ['dtstart', 'dtend', 'due', 'recurrence-id', 'rdate', 'exdate'];

/**
 * TZIDs that the calendar does not define are removed from the event's properties, so that ical.js
 * reads those times as floating instead of consulting its process-wide zone registry. A name the
 * system's time zone database knows (Europe/Berlin without a VTIMEZONE) is still converted, by
 * Intl; any other name is read as UTC and reported once. Floating times (no TZID) are read in the
 * calendar's X-WR-TIMEZONE when it names one.
 */
export function resolveZones(
  comp: Component,
  zones: ReadonlySet<string>,
  where: Where,
  ctx: Context,
  calendarZone?: string,
): void {
  for (const name of TIME_PROPERTIES) {
    for (const prop of comp.getAllProperties(name)) {
      const tzid = paramOf(prop, 'tzid');
      if (tzid === undefined) {
        // a time without a zone is the calendar's own (X-WR-TIMEZONE), when it names one the
        // system knows; whole days are left as they are (see epochOf). A time in UTC (…Z) is no
        // floating time and gets no zone: a series begun in UTC is stepped in UTC (read in the
        // calendar's zone, its later occurrences moved by the zone's offset), and its UTC EXDATEs
        // and RECURRENCE-IDs name its occurrences
        if (calendarZone === undefined || isUtc(prop)) continue;
        const zone = systemZone(calendarZone);
        if (zone) systemZoneOf.set(prop, zone);
        else reportUnknownZone(calendarZone, where, ctx);
        continue;
      }
      if (zones.has(tzid)) {
        // a time before the zone's first transition (Apple writes New York's from 2007 on): the
        // file's rules say nothing of it, and ical.js would read it as UTC; a name the system
        // knows is read by its rules
        const time = beforeDefinedRules(comp, prop, tzid);
        const zone = time ? systemZone(tzid) : undefined;
        if (!time || !zone) continue;
        // read as a floating time in the system's zone (the value ical.js bound to the file's zone is replaced)
        const floating = time.clone();
        floating.zone = ICAL.Timezone.localTimezone;
        prop.removeParameter('tzid');
        prop.setValue(floating);
        systemZoneOf.set(prop, zone);
        continue;
      }
      prop.removeParameter('tzid');
      const zone = systemZone(tzid);
      if (zone) systemZoneOf.set(prop, zone);
      else reportUnknownZone(tzid, where, ctx, unusableOf.get(zones)?.has(tzid));
      if (zone) reportOffsetOnly(tzid, where, ctx);
    }
  }
}

/** Whether a property's (first) value is a time in UTC (…Z), which no calendar's zone applies to. */
function isUtc(prop: Property): boolean {
  const value = safely(() => prop.getFirstValue());
  const time = value instanceof ICAL.Period ? value.start : value;
  return time instanceof ICAL.Time && !time.isDate && time.zone === ICAL.Timezone.utcTimezone;
}

/**
 * The property's time when it is one time (DTSTART, DTEND, RECURRENCE-ID) earlier than every
 * observance of the calendar's VTIMEZONE of that TZID; else undefined.
 */
function beforeDefinedRules(comp: Component, prop: Property, tzid: string): Time | undefined {
  if (prop.name === 'rdate' || prop.name === 'exdate') return undefined;
  let root: Component = comp;
  while (root.parent) root = root.parent;
  const first = firstObservance(root, tzid);
  if (first === undefined) return undefined;
  const value = safely(() => prop.getFirstValue());
  if (!(value instanceof ICAL.Time) || value.isDate) return undefined;
  return wallClockOf(value) < first ? value : undefined;
}

const firstObservances = new WeakMap<Component, Map<string, number | undefined>>();

/**
 * The wall clock of the earliest observance of the calendar's VTIMEZONE of that TZID (undefined
 * when it defines none), worked out once per calendar: looking through the calendar's components
 * again for every time of every event made a file of 60,000 events take minutes.
 */
function firstObservance(root: Component, tzid: string): number | undefined {
  let byZone = firstObservances.get(root);
  if (!byZone) {
    byZone = new Map();
    firstObservances.set(root, byZone);
  }
  if (byZone.has(tzid)) return byZone.get(tzid);
  const vtz = root.getAllSubcomponents('vtimezone').find((v) => safely(() => textOf(v, 'tzid')) === tzid);
  let first: number | undefined;
  if (vtz) {
    first = Number.POSITIVE_INFINITY;
    for (const obs of vtz.getAllSubcomponents()) {
      const start = safely(() => obs.getFirstPropertyValue('dtstart'));
      if (start instanceof ICAL.Time) first = Math.min(first, wallClockOf(start));
    }
  }
  byZone.set(ownString(tzid), first);
  return first;
}

/**
 * One issue per TZID and file: the same missing zone in a thousand events is one problem.
 * `unreadable`: the file defines the zone, but its VTIMEZONE cannot be read (offsets that are no
 * offsets, a missing TZOFFSETTO, rules no zone has).
 */
function reportUnknownZone(tzid: string, where: Where, ctx: Context, unreadable = false): void {
  const what =
    tzid.trim() === ''
      ? 'an empty TZID names no time zone'
      : unreadable
        ? `the time zone "${tzid}" is defined in the file, but its VTIMEZONE cannot be read (offsets or rules that are not valid), and it is no known zone name`
        : `the time zone "${tzid}" is neither defined in the file nor a known zone name`;
  ctx.issueOnce(tzid, where, 'unknown_timezone', `${what}; its times were read as UTC and may be off by some hours`);
}

/** An Outlook display name none of whose places is a known zone's: read at the offset it gives. */
function reportOffsetOnly(tzid: string, where: Where, ctx: Context): void {
  const named = displayNameZone(tzid.trim().replace(/^"|"$/g, ''));
  if (!named || named.byPlace) return;
  ctx.issueOnce(
    tzid,
    where,
    'unknown_timezone',
    `the time zone "${tzid}" is neither defined in the file nor a known zone name; its times were read at the offset it gives (${offsetLabel(named.offsetMinutes)}), without daylight saving time`,
  );
}

/** The system zone of a property whose TZID was removed; kept beside the ical.js tree, not in it. */
export const systemZoneOf = new WeakMap<Property, Intl.DateTimeFormat>();

const systemZones = new Map<string, Intl.DateTimeFormat | undefined>();

function systemZone(tzid: string): Intl.DateTimeFormat | undefined {
  if (systemZones.has(tzid)) return systemZones.get(tzid);
  let zone: Intl.DateTimeFormat | undefined;
  try {
    // a Windows name ("Pacific Standard Time") is read as the IANA zone CLDR maps it to, an
    // Outlook display name ("(UTC+01:00) Amsterdam, Berlin, …") as the zone of its places or
    // its offset; a name none knows throws here
    // Lightning and Sunbird wrote their zones as /mozilla.org/20070129_1/Europe/Berlin
    const name = tzid
      .trim()
      .replace(/^"|"$/g, '')
      .replace(/^\/mozilla\.org\/[^/]+\//i, '');
    zone = name
      ? new Intl.DateTimeFormat('en-US', {
          timeZone: WINDOWS_ZONES[name] ?? displayNameZone(name)?.zone ?? name,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        })
      : undefined;
  } catch {
    zone = undefined;
  }
  // (a name of its own: the one given is cut out of a whole chunk of the file)
  systemZones.set(ownString(tzid), zone);
  return zone;
}

/** Further from a wall clock than any zone's offset from UTC: an instant surely before the one it shows. */
const BEFORE_ANY_OFFSET_MS = 14 * 3_600_000;

/**
 * The epoch of a wall-clock time (given as if it were UTC) in a zone: two passes settle DST edges.
 * The first pass takes the offset in force 14 hours before the wall clock read as UTC, earlier
 * than the instant sought in any zone: a time the clocks going back show twice (02:30 on the last
 * Sunday of October in Berlin) is then the first of the two, as RFC 5545 (3.3.5) says, east of
 * Greenwich too (the offset at the wall clock read as UTC is the one after the change there, and
 * gave the second). A time the clocks skip (02:30 when they spring forward from 02:00 to 03:00) is
 * read with the offset before the change, as RFC 5545 says too: an hour later than its digits.
 */
function wallClockToEpoch(wall: number, zone: Intl.DateTimeFormat): number {
  const before = offsetAt(wall - BEFORE_ANY_OFFSET_MS, zone);
  const after = offsetAt(wall - before, zone);
  const result = wall - after;
  if (!Number.isFinite(result)) return wall;
  // no instant shows this wall clock: the offsets on either side of the gap are the two read
  // (when they are the same, the result shows the wall clock: no third look-up)
  if (before !== after && result + offsetAt(result, zone) !== wall) return wall - Math.min(before, after);
  return result;
}

export function offsetAt(epoch: number, zone: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const p of zone.formatToParts(new Date(epoch))) parts[p.type] = Number(p.value);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
  asUtc.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, 0);
  return asUtc.getTime() - (epoch - (((epoch % 1000) + 1000) % 1000));
}

/** An ical.js time's fields read as if they were UTC. */
export function wallClockOf(t: Time): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second, 0);
  return d.getTime();
}

/** Epoch ms of an ical.js time. Dates and floating times are UTC unless a system zone applies. */
export function epochOf(t: Time, zone: Intl.DateTimeFormat | undefined): number {
  // JavaScript dates take years 0-99 for 1900-1999: a year so early is a slip, not a meeting
  if (t.year < 1900) throw new Error(`it is dated in the year ${String(t.year).padStart(4, '0')}, before 1900`);
  const ms = t.toUnixTime() * 1000;
  if (!Number.isFinite(ms)) throw new Error(`the time ${t.toString()} is out of range`);
  if (zone && !t.isDate && t.zone === ICAL.Timezone.localTimezone) return wallClockToEpoch(ms, zone);
  return t.isDate ? ms : firstOfRepeatedHour(t, ms);
}

/**
 * A time in a calendar's own VTIMEZONE that the clocks going back show twice (02:30 on the last
 * Sunday of October in Berlin): the first of the two, as RFC 5545 says (ical.js takes the second).
 * Told by the system's rules for the zone's name, where they agree with the file's at that time
 * (ical.js's own conversion back from UTC is off by the hour around the change).
 */
function firstOfRepeatedHour(t: Time, ms: number): number {
  const tzid = t.zone?.tzid;
  if (!tzid || t.zone === ICAL.Timezone.utcTimezone || t.zone === ICAL.Timezone.localTimezone) return ms;
  // clocks go back around midnight and in the small hours everywhere: meetings at other hours
  // are never shown twice (and are spared the look-up)
  if (t.hour > 3 && t.hour < 22) return ms;
  const zone = systemZone(tzid);
  if (!zone) return firstByFileRules(t, ms);
  const wall = wallClockOf(t);
  const local = (at: number) => at + offsetAt(at, zone);
  if (local(ms) !== wall) {
    // a time the clocks skip, by the system's rules too: read with the offset before the change
    // (ical.js takes the one after in zones west of Greenwich)
    const settled = wallClockToEpoch(wall, zone);
    return local(settled) !== wall && Math.abs(settled - ms) <= 3_600_000 ? settled : ms;
  }
  // a minute later must read a minute later too (not the instant of the change itself)
  for (const back of [3_600_000, 1_800_000])
    if (local(ms - back) === wall && local(ms - back + 60_000) === wall + 60_000) return ms - back;
  return ms;
}

/**
 * The same told by the file's VTIMEZONE alone, for a zone the system does not know by its name
 * ("Office Time"): ical.js reads a time shown twice with the offset after the change. The time is
 * shown twice when the offset some hours before is larger and still in force as many minutes
 * earlier on the clock as the clocks went back (02:30 is; 03:00 is not, 02:00 being after the change).
 */
function firstByFileRules(t: Time, ms: number): number {
  const zone = t.zone;
  if (!zone) return ms;
  const offsetWhenShifted = (seconds: number) => {
    const shifted = t.clone();
    shifted.adjust(0, 0, 0, seconds);
    return zone.utcOffset(shifted);
  };
  const now = zone.utcOffset(t);
  const before = offsetWhenShifted(-6 * 3600);
  if (!(before > now) || offsetWhenShifted(now - before) !== before) return ms;
  return ms - (before - now) * 1000;
}
