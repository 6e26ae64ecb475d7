/**
 * One version of one VEVENT read into plain values: UID, SEQUENCE and stamps for iTIP, start,
 * RECURRENCE-ID and length as epoch ms, people, status and a conference link. A file can hold
 * several versions of the same event or occurrence; choosing among them is `ics-itip.ts`'s job.
 */
import ICAL from 'ical.js';
import { type Context, DAY_MS } from './ics-context.js';
import { type Attendee, invitesGroup, type Organizer, placesOf, readAttendees, readOrganizer } from './ics-people.js';
import type { Placement, Source } from './ics-sources.js';
import { epochOf, resolveZones, systemZoneOf } from './ics-timezones.js';
import { cleanText, errorText, paramOf, safely, textOf, upper } from './ics-values.js';
import { ownString } from './own-string.js';

type Component = ICAL.Component;
type Time = ICAL.Time;

export interface Instant {
  readonly time: Time;
  readonly ms: number;
  readonly zone: Intl.DateTimeFormat | undefined;
}

/** A VEVENT read into plain values: one version of one event (or of one occurrence). */
export interface Version {
  readonly source: Placement;
  /**
   * a series (RRULE or RDATE): its VEVENT and its values as written, for expanding it; the VEVENT of
   * any other version is not kept once read (a large file's would take hundreds of megabytes)
   */
  readonly series?: Pick<Source, 'comp' | 'written'> | undefined;
  readonly uid: string;
  readonly sequence: number;
  readonly stamp: number;
  readonly modified: number;
  readonly recurrenceId: Instant | undefined;
  /** RECURRENCE-ID;RANGE=THISANDFUTURE: the change applies to this occurrence and every later one */
  readonly thisAndFuture: boolean;
  readonly start: Instant | undefined;
  readonly durationMs: number;
  readonly allDay: boolean;
  readonly recurring: boolean;
  readonly summary: string | undefined;
  readonly location: string | undefined;
  readonly organizer: Organizer | undefined;
  readonly attendees: readonly Attendee[];
  /** the VEVENT has ATTENDEE lines (people or not) */
  readonly listsAttendees: boolean;
  /** an attendee is a group or a mailing list (see invitesGroup): the user may be in it unnamed */
  readonly invitesGroup: boolean;
  readonly status: string | undefined;
  readonly conferenceUrl: string | undefined;
  /** guests' answers (REPLYs) this version took in, each guest's latest (see ics-itip.ts withReplies) */
  readonly replied?: readonly Answer[] | undefined;
}

/** A guest's answer to an invitation: their PARTSTAT in a REPLY, and the REPLY's DTSTAMP. */
export interface Answer {
  /** lower case */
  readonly email: string;
  /** upper case: ACCEPTED, DECLINED, TENTATIVE, DELEGATED… */
  readonly partstat: string;
  /** DTSTAMP of the REPLY, epoch ms; 0 when it has none */
  readonly stamp: number;
  /** the guest's name as the REPLY gives it (CN) */
  readonly name?: string | undefined;
}

/**
 * A jCal date or date-time ("2026-02-28", "2026-02-28T10:00:00Z") that names a real day and time,
 * or a PERIOD whose start does; other shapes are left to ical.js.
 */
function isRealDateTime(value: unknown): boolean {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(text);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hh = 0, mm = 0, ss = 0] = m.slice(1).map((x) => Number(x ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hh <= 23 && mm <= 59 && ss <= 60;
}

export function readVersionSafely(source: Source, ctx: Context): Version | undefined {
  try {
    return readVersion(source, ctx);
  } catch (e) {
    ctx.drop(source.where, 'bad_event', `the event could not be read (${errorText(e)}); skipped`);
    return undefined;
  }
}

function readVersion(source: Source, ctx: Context): Version {
  const { comp } = source;
  resolveZones(comp, source.zones, source.where, ctx, source.calendarZone);
  const instant = (name: string): Instant | undefined => {
    const prop = comp.getFirstProperty(name);
    if (!prop) return undefined;
    // ical.js reads the value when asked and throws on nonsense, quoting it as it mangled it
    // ("garbage" as "garb-ag-eT::"): the sentence names the property instead
    const notTime = () => new Error(`its ${name.toUpperCase()} is not a date or time`);
    // ical.js rolls impossible dates over (20260231 becomes 3 March): they are refused first
    if (!isRealDateTime(prop.jCal[3])) throw notTime();
    let value: unknown;
    try {
      value = prop.getFirstValue();
    } catch {
      throw notTime();
    }
    const time = value instanceof ICAL.Period ? value.start : value;
    if (!(time instanceof ICAL.Time)) throw notTime();
    const zone = systemZoneOf.get(prop);
    // the zone ical.js made for the time is named as the event's TZID was written, cut out of the
    // text it parsed: kept by every time read in it, that name would keep the whole text
    if (time.zone?.tzid) time.zone.tzid = ctx.own(time.zone.tzid);
    return { time, ms: epochOf(time, zone), zone };
  };
  const start = instant('dtstart');
  const readEnd = () => {
    try {
      return instant('dtend');
    } catch {
      ctx.issue(source.where, 'bad_end', 'its DTEND is not a date or time; the meeting is read without a length');
      return undefined;
    }
  };
  // every text kept is a string of its own (see Context.own)
  const own = <T extends string | undefined>(text: T) => ctx.own(text);
  const person = <P extends Organizer & Attendee>(p: P): P => ({
    ...p,
    ...(p.email === undefined ? {} : { email: own(p.email) }),
    ...(p.name === undefined ? {} : { name: own(p.name) }),
    ...(p.partstat === undefined ? {} : { partstat: own(p.partstat) }),
    ...(p.role === undefined ? {} : { role: own(p.role) }),
    ...(p.cutype === undefined ? {} : { cutype: own(p.cutype) }),
  });
  const summary = own(cleanText(textOf(comp, 'summary')));
  const location = own(cleanText(textOf(comp, 'location')));
  const recurring = comp.hasProperty('rrule') || comp.hasProperty('rdate');
  const organizer = readOrganizer(comp.getFirstProperty('organizer'));
  return {
    source: { where: source.where, order: source.order, method: own(source.method) },
    series: recurring ? { comp, written: keepWritten(source.written) } : undefined,
    uid: own(cleanText(textOf(comp, 'uid'))) ?? missingUid(start, summary, source),
    sequence: integerOf(comp, 'sequence'),
    stamp: stampOf(comp, 'dtstamp'),
    modified: stampOf(comp, 'last-modified'),
    recurrenceId: instant('recurrence-id'),
    thisAndFuture: rangeOf(comp.getFirstProperty('recurrence-id')) === 'THISANDFUTURE',
    start,
    // an unreadable DTEND costs the length, not the meeting
    durationMs: start
      ? durationOf(comp, start, readEnd(), (message) => ctx.issue(source.where, 'bad_end', message))
      : 0,
    allDay: start?.time.isDate ?? false,
    recurring,
    summary,
    location,
    organizer: organizer && person(organizer),
    attendees: readAttendees(
      comp.getAllProperties('attendee'),
      placesOf(location, textOf(comp, 'x-microsoft-locations')),
    ).map(person),
    listsAttendees: comp.hasProperty('attendee'),
    invitesGroup: invitesGroup(comp.getAllProperties('attendee')),
    status: own(upper(textOf(comp, 'status'))),
    conferenceUrl: own(conferenceUrlOf(comp, location)),
  };
}

/** The properties a series quotes as written when one of their values cannot be read (see expandSeries). */
const QUOTED_PROPERTIES = ['RDATE', 'EXDATE'];

/**
 * A series' RDATE and EXDATE values as written, copied out of the file's text: the lines they come
 * from hold on to the whole text, which must go once the file is read.
 */
function keepWritten(written: Source['written']): Source['written'] {
  return written ? lookUp(copiedValues(written)) : undefined;
}

function copiedValues(written: NonNullable<Source['written']>): Map<string, string[]> {
  return new Map(QUOTED_PROPERTIES.map((name) => [name, written(name).map(ownString)]));
}

/** (a closure of its own: one made beside `written` would keep it, and with it the file's lines) */
function lookUp(kept: ReadonlyMap<string, string[]>): NonNullable<Source['written']> {
  return (name) => kept.get(name.toUpperCase()) ?? [];
}

/** RFC 5545 requires a UID; without one, an id from the start and title stays stable across re-imports. */
function missingUid(start: Instant | undefined, summary: string | undefined, source: Placement): string {
  if (!start) return `no-uid:${source.where.record ?? source.order}`;
  return `no-uid:${new Date(start.ms).toISOString()}:${hash(summary ?? '')}`;
}

/** The length from DTEND, else DURATION; an unreadable or negative one is reported and read as none. */
function durationOf(
  comp: Component,
  start: Instant,
  end: Instant | undefined,
  report: (message: string) => void,
): number {
  if (end) {
    if (end.ms >= start.ms) return end.ms - start.ms;
    report('it ends (DTEND) before it starts; the meeting is read without a length');
    return 0;
  }
  let duration: unknown;
  try {
    duration = comp.getFirstPropertyValue('duration');
  } catch {
    report('its DURATION is not a duration; the meeting is read without a length');
    return 0;
  }
  if (duration instanceof ICAL.Duration) {
    // days and weeks are calendar days in the start's zone (RFC 5545 3.3.6): P1D across a change
    // of clocks lasts 23 or 25 hours
    if ((duration.days || duration.weeks) && !start.time.isDate && !duration.isNegative) {
      const end = start.time.clone();
      end.addDuration(duration);
      const ms = safely(() => epochOf(end, start.zone));
      if (ms !== undefined && Number.isFinite(ms)) return Math.max(0, ms - start.ms);
    }
    return Math.max(0, duration.toSeconds() * 1000);
  }
  // RFC 5545 3.6.1: without DTEND or DURATION a dated event lasts the day, a timed one no time
  return start.time.isDate ? DAY_MS : 0;
}

function rangeOf(prop: ICAL.Property | null): string | undefined {
  return prop ? upper(paramOf(prop, 'range')) : undefined;
}

function stampOf(comp: Component, name: string): number {
  const value = safely(() => comp.getFirstPropertyValue(name));
  return value instanceof ICAL.Time && Number.isFinite(value.toUnixTime()) ? value.toUnixTime() * 1000 : -Infinity;
}

function integerOf(comp: Component, name: string): number {
  const value: unknown = safely(() => comp.getFirstPropertyValue(name));
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) ? n : 0;
}

const CONFERENCE_URL =
  /https?:\/\/(?:[\w-]+\.)*(?:zoom\.us|zoomgov\.com|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com)(?![\w-]|\.[\w-])(?:[/?#][^\s<>"'\\]*)?/i;
const CONFERENCE_PROPERTIES = [
  'description',
  'x-google-conference',
  'x-microsoft-skypeteamsmeetingurl',
  'x-microsoft-onlinemeetingconflink',
  'conference',
  'url',
];

function conferenceUrlOf(comp: Component, location: string | undefined): string | undefined {
  for (const text of [location, ...CONFERENCE_PROPERTIES.map((name) => safely(() => textOf(comp, name)))]) {
    const match = text ? CONFERENCE_URL.exec(text) : null;
    if (match) return match[0];
  }
  return undefined;
}

/** FNV-1a, for ids that must be stable, not secret. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
