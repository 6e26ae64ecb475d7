/**
 * iCalendar (.ics): calendar exports and iTIP invitations become meeting occurrences, one per
 * event or per occurrence of a recurring event. Pure: bytes and `now` in, occurrences and issues
 * out. Who the user is is applied afterwards by `meetingToInteraction`, so the parse does not
 * depend on it.
 *
 * ical.js reads the syntax, time zones and RRULEs. This module decides what an occurrence is:
 * which iTIP version of an event counts, which occurrences fall in the window, who is a person.
 */
import ICAL from 'ical.js';
import { decodeBytes, looksBinary } from './decode.js';
import { type ContactRef, type InteractionRecord, NotThisFormat, type ParseIssue, type Where } from './records.js';

type Component = ICAL.Component;
type Property = ICAL.Property;
type Time = ICAL.Time;

// ---------------------------------------------------------------------------------------------
// Public shapes

export interface Attendee {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
  /** upper case: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, DELEGATED */
  readonly partstat?: string | undefined;
  /** upper case: CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT */
  readonly role?: string | undefined;
  /** upper case: INDIVIDUAL, GROUP, ROOM, RESOURCE, UNKNOWN */
  readonly cutype?: string | undefined;
}

export interface MeetingOccurrence {
  /** the line of the VEVENT's BEGIN, record `event N` (N counts every VEVENT in the file from 1) */
  readonly where: Where;
  /** `${UID}` for single events, `${UID}@${original start, ISO UTC}` for occurrences of recurring ones */
  readonly externalId: string;
  readonly uid: string;
  readonly sequence: number;
  /** for occurrences of recurring events: the original start (RECURRENCE-ID), epoch ms */
  readonly recurrenceId?: number | undefined;
  /** epoch ms UTC; all-day events start at midnight UTC of their date */
  readonly start: number;
  readonly end: number;
  /** whole minutes between start and end; 0 for all-day events */
  readonly minutes: number;
  readonly summary?: string | undefined;
  readonly location?: string | undefined;
  /** absent when the file names none, or only a non-person address */
  readonly organizer?: { readonly email?: string | undefined; readonly name?: string | undefined } | undefined;
  /** people only: rooms, resources and non-person addresses are already removed */
  readonly attendees: readonly Attendee[];
  /** upper case: CANCELLED, CONFIRMED, TENTATIVE */
  readonly status?: string | undefined;
  /** the calendar's METHOD, upper case (REQUEST, REPLY, CANCEL, PUBLISH), if any */
  readonly method?: string | undefined;
  readonly allDay: boolean;
  /** a Zoom, Google Meet, Teams or Webex link found in LOCATION, DESCRIPTION or a conference property */
  readonly conferenceUrl?: string | undefined;
}

export interface IcsOptions {
  /** occurrences that start after this (epoch ms) are not read */
  readonly now: number;
  /** how far back from `now` recurring events are expanded; default 3 */
  readonly horizonYears?: number | undefined;
  /** iteration steps allowed per recurring event before it is cut off (`recurrence_capped`); default 100,000 */
  readonly maxRecurrenceSteps?: number | undefined;
}

export interface IcsResult {
  readonly occurrences: MeetingOccurrence[];
  readonly issues: ParseIssue[];
}

const DEFAULT_HORIZON_YEARS = 3;
const DEFAULT_MAX_RECURRENCE_STEPS = 100_000;
/** Whole-file limits, so that a file full of pathological rules still finishes in bounded memory. */
const FILE_STEP_FACTOR = 20;
const FILE_MAX_RECURRING_OCCURRENCES = 500_000;
/** More than this many occurrences a day on average is not a meeting series (FREQ=SECONDLY is not). */
const MAX_OCCURRENCES_PER_DAY = 4;
const EVENT_TIME_LIMIT_MS = 2_000;
const FILE_TIME_LIMIT_MS = 15_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// parseIcs

export function parseIcs(bytes: Uint8Array, opts: IcsOptions): IcsResult {
  if (looksBinary(bytes)) throw new NotThisFormat('not an iCalendar file: the bytes are binary, not text');
  const physical = decodeBytes(bytes).text.split(/\r\n|\r|\n/);
  const logical = logicalLines(physical);
  if (!logical.some((l) => isLine(l, 'BEGIN:VCALENDAR'))) {
    throw new NotThisFormat('not an iCalendar file: no BEGIN:VCALENDAR line found');
  }
  const ctx = new Context(opts);
  const versions: Version[] = [];
  for (const source of readSources(physical, logical, ctx)) {
    const version = readVersionSafely(source, ctx);
    if (version) versions.push(version);
  }
  const occurrences = emitOccurrences(pickVersions(versions), ctx);
  occurrences.sort((a, b) => a.start - b.start || compareText(a.externalId, b.externalId));
  return { occurrences, issues: ctx.sortedIssues() };
}

/** What one parse shares: the window, the issues, the recurrence budget. */
class Context {
  readonly now: number;
  /** recurring events are expanded from here (inclusive) to `now` (inclusive) */
  readonly windowStart: number;
  readonly maxSteps: number;
  private fileSteps: number;
  private fileOccurrences = FILE_MAX_RECURRING_OCCURRENCES;
  private readonly fileDeadline = performance.now() + FILE_TIME_LIMIT_MS;
  private readonly issues: ParseIssue[] = [];
  private readonly reportedZones = new Set<string>();

  constructor(opts: IcsOptions) {
    this.now = opts.now;
    const years = Math.max(0, Math.floor(opts.horizonYears ?? DEFAULT_HORIZON_YEARS));
    const start = new Date(opts.now);
    start.setUTCFullYear(start.getUTCFullYear() - years);
    this.windowStart = start.getTime();
    this.maxSteps = Math.max(1, Math.floor(opts.maxRecurrenceSteps ?? DEFAULT_MAX_RECURRENCE_STEPS));
    this.fileSteps = this.maxSteps * FILE_STEP_FACTOR;
  }

  issue(where: Where, code: string, message: string): void {
    this.issues.push({ ...where, code, message });
  }

  /** One issue per TZID and file: the same missing zone in a thousand events is one problem. */
  unknownZone(tzid: string, where: Where): void {
    if (this.reportedZones.has(tzid)) return;
    this.reportedZones.add(tzid);
    const what =
      tzid.trim() === ''
        ? 'an empty TZID names no time zone'
        : `the time zone "${tzid}" is neither defined in the file nor a known zone name`;
    this.issue(where, 'unknown_timezone', `${what}; its times were read as UTC and may be off by some hours`);
  }

  budget(): Budget {
    return new Budget(
      Math.min(this.maxSteps, this.fileSteps),
      Math.min(performance.now() + EVENT_TIME_LIMIT_MS, this.fileDeadline),
    );
  }

  /** How many occurrences the next series may have. */
  occurrenceLimit(): number {
    const perSeries = Math.ceil((MAX_OCCURRENCES_PER_DAY * (this.now - this.windowStart)) / DAY_MS) + 100;
    return Math.max(0, Math.min(perSeries, this.fileOccurrences));
  }

  spend(budget: Budget, occurrences: number): void {
    this.fileSteps = Math.max(0, this.fileSteps - budget.used);
    this.fileOccurrences = Math.max(0, this.fileOccurrences - occurrences);
  }

  sortedIssues(): ParseIssue[] {
    // stable: issues of one line stay in the order they were found
    return this.issues
      .map((issue, i) => ({ issue, i }))
      .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.i - b.i)
      .map(({ issue }) => issue);
  }
}

/**
 * Bounds the work of one recurrence expansion. ical.js iterators step from DTSTART one candidate
 * at a time, and a rule whose filters never match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) loops
 * forever inside a single `next()`; counting candidates (and, as a last resort, time) stops both.
 */
class Budget {
  used = 0;
  constructor(
    private readonly maxSteps: number,
    private readonly deadline: number,
  ) {}

  step(): void {
    this.used++;
    if (this.used > this.maxSteps) throw new RecurrenceCapped(`${this.maxSteps.toLocaleString('en-US')} steps`);
    if ((this.used & 1023) === 0 && performance.now() > this.deadline) throw new RecurrenceCapped('its time limit');
  }
}

class RecurrenceCapped extends Error {}

// ---------------------------------------------------------------------------------------------
// Lines and VEVENT sources

/** A content line after unfolding, with the 1-based line where it starts and its physical span. */
interface LogicalLine {
  text: string;
  readonly line: number;
  readonly from: number;
  to: number;
}

/** Unfolds continuation lines (starting with a space or tab) without losing where each line began. */
function logicalLines(physical: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] as string;
    const last = out[out.length - 1];
    if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      last.text += raw.slice(1);
      last.to = i;
    } else {
      out.push({ text: raw, line: i + 1, from: i, to: i });
    }
  }
  return out;
}

function isLine(l: LogicalLine, expected: string): boolean {
  return l.text.trim().toUpperCase() === expected;
}

/** One VEVENT as it stands in the file, before iTIP versions are merged. */
interface Source {
  readonly comp: Component;
  readonly where: Where;
  /** position among the file's VEVENTs, for "later in the file wins" */
  readonly order: number;
  readonly method: string | undefined;
  /** TZIDs the VEVENT's calendar defines with a usable VTIMEZONE */
  readonly zones: ReadonlySet<string>;
}

function eventWhere(line: number | null, n: number): Where {
  return { line, record: `event ${n}` };
}

/**
 * The VEVENTs of the file. ical.js reads the whole text when it can; one bad content line makes
 * it reject everything, so then each VEVENT block is read on its own inside a VCALENDAR made of
 * its calendar's METHOD and time zones, and only the blocks that still fail are lost.
 */
function readSources(physical: readonly string[], logical: readonly LogicalLine[], ctx: Context): Source[] {
  const beginLines = logical.filter((l) => isLine(l, 'BEGIN:VEVENT')).map((l) => l.line);
  let roots: Component[];
  try {
    roots = parseRoots(physical.join('\r\n'));
  } catch {
    return readBlocks(physical, logical, ctx);
  }
  const comps = roots.flatMap((root) => vevents(root));
  // ical.js keeps the text's order, so the k-th VEVENT is the k-th BEGIN:VEVENT line; if some odd
  // nesting breaks that, the record number still says which event it is.
  const lines = comps.length === beginLines.length ? beginLines : undefined;
  return comps.map((comp, i) => ({
    comp,
    where: eventWhere(lines?.[i] ?? null, i + 1),
    order: i,
    method: methodOf(comp),
    zones: usableZones(rootOf(comp)),
  }));
}

function parseRoots(text: string): Component[] {
  const parsed: unknown = ICAL.parse(text);
  if (!Array.isArray(parsed)) return [];
  // one component comes back as its jCal array, several as an array of them
  const jcals: unknown[] = typeof parsed[0] === 'string' ? [parsed] : parsed;
  return jcals.filter((j): j is unknown[] => Array.isArray(j)).map((j) => new ICAL.Component(j));
}

/** Every VEVENT from `comp` down (itself included: a VEVENT can stand outside a VCALENDAR), in document order. */
function vevents(comp: Component): Component[] {
  const nested = comp.getAllSubcomponents().flatMap((sub) => vevents(sub));
  return comp.name === 'vevent' ? [comp, ...nested] : nested;
}

function rootOf(comp: Component): Component {
  let c = comp;
  while (c.parent) c = c.parent;
  return c;
}

function methodOf(comp: Component): string | undefined {
  return upper(textOf(rootOf(comp), 'method'));
}

interface CalendarBlocks {
  method: string | undefined;
  readonly timezones: string[];
  readonly events: { readonly n: number; readonly line: number; readonly text: string | undefined }[];
}

/** The fallback: VEVENT and VTIMEZONE blocks found by scanning lines, each read separately. */
function readBlocks(physical: readonly string[], logical: readonly LogicalLine[], ctx: Context): Source[] {
  const calendars = scanBlocks(physical, logical);
  const sources: Source[] = [];
  for (const cal of calendars) {
    const timezones = cal.timezones.filter((tz) => parsesAlone(wrapCalendar(undefined, [tz])));
    for (const ev of cal.events) {
      const where = eventWhere(ev.line, ev.n);
      if (ev.text === undefined) {
        ctx.issue(where, 'bad_event', 'the event has no END:VEVENT line; skipped');
        continue;
      }
      try {
        const found = parseRoots(wrapCalendar(cal.method, [...timezones, ev.text])).flatMap((r) => vevents(r));
        const comp = found[0];
        if (found.length !== 1 || !comp) throw new Error('the block does not hold exactly one event');
        sources.push({ comp, where, order: ev.n - 1, method: methodOf(comp), zones: usableZones(rootOf(comp)) });
      } catch (e) {
        ctx.issue(where, 'bad_event', `the event could not be read (${errorText(e)}); skipped`);
      }
    }
  }
  return sources;
}

function scanBlocks(physical: readonly string[], logical: readonly LogicalLine[]): CalendarBlocks[] {
  const calendars: CalendarBlocks[] = [];
  let cal: CalendarBlocks | undefined;
  let open: { kind: 'VEVENT' | 'VTIMEZONE'; start: LogicalLine; n: number } | undefined;
  let n = 0;
  const current = (): CalendarBlocks => {
    if (!cal) {
      cal = { method: undefined, timezones: [], events: [] };
      calendars.push(cal);
    }
    return cal;
  };
  const closeUnterminated = () => {
    if (open?.kind === 'VEVENT') current().events.push({ n: open.n, line: open.start.line, text: undefined });
    open = undefined;
  };
  for (const l of logical) {
    const t = l.text.trim().toUpperCase();
    if (t === 'BEGIN:VCALENDAR' || t === 'END:VCALENDAR') {
      closeUnterminated();
      cal = undefined;
      if (t === 'BEGIN:VCALENDAR') current();
    } else if (t === 'BEGIN:VEVENT' || t === 'BEGIN:VTIMEZONE') {
      closeUnterminated();
      const kind = t === 'BEGIN:VEVENT' ? 'VEVENT' : 'VTIMEZONE';
      open = { kind, start: l, n: kind === 'VEVENT' ? ++n : 0 };
    } else if (open && t === `END:${open.kind}`) {
      const text = physical.slice(open.start.from, l.to + 1).join('\r\n');
      if (open.kind === 'VEVENT') current().events.push({ n: open.n, line: open.start.line, text });
      else current().timezones.push(text);
      open = undefined;
    } else if (!open && /^METHOD[;:]/.test(t)) {
      current().method = t.slice(t.indexOf(':') + 1).trim() || undefined;
    }
  }
  closeUnterminated();
  return calendars;
}

function wrapCalendar(method: string | undefined, blocks: readonly string[]): string {
  const head = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rapport//ics fallback//EN'];
  if (method) head.push(`METHOD:${method}`);
  return [...head, ...blocks, 'END:VCALENDAR', ''].join('\r\n');
}

function parsesAlone(text: string): boolean {
  try {
    parseRoots(text);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Time zones

const zonesOfRoot = new WeakMap<Component, ReadonlySet<string>>();

/**
 * The TZIDs a calendar defines with a VTIMEZONE ical.js can use. The others are removed from the
 * tree: ical.js resolves TZIDs by walking the VCALENDAR's VTIMEZONEs, fails on one without a TZID,
 * and would spin on an observance rule that is not yearly.
 */
function usableZones(root: Component): ReadonlySet<string> {
  const known = zonesOfRoot.get(root);
  if (known) return known;
  const defined = new Set<string>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = safely(() => textOf(vtz, 'tzid'));
    if (tzid && !defined.has(tzid) && usableTimezone(vtz)) defined.add(tzid);
    else root.removeSubcomponent(vtz);
  }
  zonesOfRoot.set(root, defined);
  return defined;
}

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
 * Intl; any other name is read as UTC and reported once.
 */
function resolveZones(source: Source, ctx: Context): void {
  for (const name of TIME_PROPERTIES) {
    for (const prop of source.comp.getAllProperties(name)) {
      const tzid = paramOf(prop, 'tzid');
      if (tzid === undefined || source.zones.has(tzid)) continue;
      prop.removeParameter('tzid');
      const zone = systemZone(tzid);
      if (zone) systemZoneOf.set(prop, zone);
      else ctx.unknownZone(tzid, source.where);
    }
  }
}

/** The system zone of a property whose TZID was removed; kept beside the ical.js tree, not in it. */
const systemZoneOf = new WeakMap<Property, Intl.DateTimeFormat>();

const systemZones = new Map<string, Intl.DateTimeFormat | undefined>();

function systemZone(tzid: string): Intl.DateTimeFormat | undefined {
  if (systemZones.has(tzid)) return systemZones.get(tzid);
  let zone: Intl.DateTimeFormat | undefined;
  try {
    // a Windows name ("Pacific Standard Time") throws here; an IANA name does not
    zone = tzid.trim()
      ? new Intl.DateTimeFormat('en-US', {
          timeZone: tzid.trim(),
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
  systemZones.set(tzid, zone);
  return zone;
}

/** The epoch of a wall-clock time (given as if it were UTC) in a zone: two passes settle DST edges. */
function wallClockToEpoch(wall: number, zone: Intl.DateTimeFormat): number {
  const first = wall - offsetAt(wall, zone);
  const result = wall - offsetAt(first, zone);
  return Number.isFinite(result) ? result : wall;
}

function offsetAt(epoch: number, zone: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const p of zone.formatToParts(new Date(epoch))) parts[p.type] = Number(p.value);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
  asUtc.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, 0);
  return asUtc.getTime() - (epoch - (((epoch % 1000) + 1000) % 1000));
}

/** An ical.js time's fields read as if they were UTC. */
function wallClockOf(t: Time): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second, 0);
  return d.getTime();
}

/** Epoch ms of an ical.js time. Dates and floating times are UTC unless a system zone applies. */
function epochOf(t: Time, zone: Intl.DateTimeFormat | undefined): number {
  const ms = t.toUnixTime() * 1000;
  if (!Number.isFinite(ms)) throw new Error(`the time ${t.toString()} is out of range`);
  return zone && !t.isDate && t.zone === ICAL.Timezone.localTimezone ? wallClockToEpoch(ms, zone) : ms;
}

// ---------------------------------------------------------------------------------------------
// One VEVENT version

interface Instant {
  readonly time: Time;
  readonly ms: number;
  readonly zone: Intl.DateTimeFormat | undefined;
}

/** A VEVENT read into plain values: one version of one event (or of one occurrence). */
interface Version {
  readonly source: Source;
  readonly uid: string;
  readonly sequence: number;
  readonly stamp: number;
  readonly modified: number;
  readonly recurrenceId: Instant | undefined;
  readonly start: Instant | undefined;
  readonly durationMs: number;
  readonly allDay: boolean;
  readonly recurring: boolean;
  readonly summary: string | undefined;
  readonly location: string | undefined;
  readonly organizer: MeetingOccurrence['organizer'];
  readonly attendees: readonly Attendee[];
  /** the VEVENT has ATTENDEE lines (people or not) */
  readonly listsAttendees: boolean;
  readonly status: string | undefined;
  readonly conferenceUrl: string | undefined;
}

function readVersionSafely(source: Source, ctx: Context): Version | undefined {
  try {
    return readVersion(source, ctx);
  } catch (e) {
    ctx.issue(source.where, 'bad_event', `the event could not be read (${errorText(e)}); skipped`);
    return undefined;
  }
}

function readVersion(source: Source, ctx: Context): Version {
  const { comp } = source;
  resolveZones(source, ctx);
  const instant = (name: string): Instant | undefined => {
    const prop = comp.getFirstProperty(name);
    if (!prop) return undefined;
    const value = prop.getFirstValue();
    const time = value instanceof ICAL.Period ? value.start : value;
    if (!(time instanceof ICAL.Time)) throw new Error(`its ${name.toUpperCase()} is not a date or time`);
    const zone = systemZoneOf.get(prop);
    return { time, ms: epochOf(time, zone), zone };
  };
  const start = instant('dtstart');
  const summary = cleanText(textOf(comp, 'summary'));
  const location = cleanText(textOf(comp, 'location'));
  return {
    source,
    uid: cleanText(textOf(comp, 'uid')) ?? missingUid(start, summary, source),
    sequence: integerOf(comp, 'sequence'),
    stamp: stampOf(comp, 'dtstamp'),
    modified: stampOf(comp, 'last-modified'),
    recurrenceId: instant('recurrence-id'),
    start,
    // an unreadable DTEND costs the length, not the meeting
    durationMs: start
      ? durationOf(
          comp,
          start,
          safely(() => instant('dtend')),
        )
      : 0,
    allDay: start?.time.isDate ?? false,
    recurring: comp.hasProperty('rrule') || comp.hasProperty('rdate'),
    summary,
    location,
    organizer: readOrganizer(comp.getFirstProperty('organizer')),
    attendees: readAttendees(comp.getAllProperties('attendee')),
    listsAttendees: comp.hasProperty('attendee'),
    status: upper(textOf(comp, 'status')),
    conferenceUrl: conferenceUrlOf(comp, location),
  };
}

/** RFC 5545 requires a UID; without one, an id from the start and title stays stable across re-imports. */
function missingUid(start: Instant | undefined, summary: string | undefined, source: Source): string {
  if (!start) return `no-uid:${source.where.record ?? source.order}`;
  return `no-uid:${new Date(start.ms).toISOString()}:${hash(summary ?? '')}`;
}

function durationOf(comp: Component, start: Instant, end: Instant | undefined): number {
  if (end) return Math.max(0, end.ms - start.ms);
  const duration = comp.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return Math.max(0, duration.toSeconds() * 1000);
  // RFC 5545 3.6.1: without DTEND or DURATION a dated event lasts the day, a timed one no time
  return start.time.isDate ? DAY_MS : 0;
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

function readOrganizer(prop: Property | null): MeetingOccurrence['organizer'] {
  const email = prop ? personEmail(prop.getFirstValue()) : undefined;
  if (!prop || !email) return undefined;
  return { email, name: nameOf(paramOf(prop, 'cn'), email) };
}

/** Attendees who are people, once each (by lower-cased email), in file order. */
function readAttendees(props: readonly Property[]): Attendee[] {
  const seen = new Set<string>();
  const out: Attendee[] = [];
  for (const prop of props) {
    const cutype = upper(paramOf(prop, 'cutype'));
    if (cutype === 'ROOM' || cutype === 'RESOURCE') continue;
    const email = personEmail(prop.getFirstValue());
    if (!email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    out.push({
      email,
      name: nameOf(paramOf(prop, 'cn'), email),
      partstat: upper(paramOf(prop, 'partstat')),
      role: upper(paramOf(prop, 'role')),
      cutype,
    });
  }
  return out;
}

/** A CN that only repeats the address (Google writes CN=the email) says nothing more. */
function nameOf(cn: string | undefined, email: string): string | undefined {
  const name = cleanText(cn);
  if (!name) return undefined;
  const bare = name.replace(/^mailto:/i, '');
  return bare.toLowerCase() === email.toLowerCase() ? undefined : name;
}

// ---------------------------------------------------------------------------------------------
// Who is a person

const NON_PERSON_DOMAINS = [
  'resource.calendar.google.com',
  'group.calendar.google.com',
  'group.v.calendar.google.com',
  'import.calendar.google.com',
];
/** Local parts, lower-cased with separators and digits removed ("conf-room-3" → "confroom"). */
const ROOM_LOCAL_PARTS = new Set([
  'room',
  'rooms',
  'confroom',
  'conferenceroom',
  'meetingroom',
  'meetingrooms',
  'boardroom',
]);
const ROBOT_LOCAL_PARTS = new Set([
  'noreply',
  'donotreply',
  'calendarnotification',
  'calendarnotifications',
  'notification',
  'notifications',
]);

/** The address of a person from a CAL-ADDRESS value, `mailto:` (any case) removed; else undefined. */
function personEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value
    .trim()
    .replace(/^mailto:/i, '')
    .trim();
  const at = email.lastIndexOf('@');
  if (at <= 0 || !/^[^\s@:<>",;]+@[^\s@:<>",;]+$/.test(email)) return undefined;
  const local = email.slice(0, at).toLowerCase().split('+')[0] ?? '';
  const domain = email.slice(at + 1).toLowerCase();
  const squeezed = local.replace(/[-_.\d]+/g, '');
  if (ROOM_LOCAL_PARTS.has(squeezed) || ROBOT_LOCAL_PARTS.has(squeezed)) return undefined;
  // a domain without a dot (Google's "@virtual" birthday guest, "@localhost") reaches no one
  if (!domain.includes('.')) return undefined;
  if (NON_PERSON_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return undefined;
  return email;
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

// ---------------------------------------------------------------------------------------------
// iTIP: which version of each event counts

/** Methods sent by attendees: they answer an invitation and never replace the organizer's version. */
const ATTENDEE_METHODS = new Set(['REPLY', 'COUNTER', 'REFRESH', 'DECLINECOUNTER']);

/**
 * One version per UID and RECURRENCE-ID: the organizer's over an attendee's, then the highest
 * SEQUENCE, then the later DTSTAMP, the later LAST-MODIFIED, the later in the file. Attendees'
 * replies to the chosen version then update their PARTSTAT in it.
 */
function pickVersions(versions: readonly Version[]): Version[] {
  const groups = new Map<string, Version[]>();
  for (const v of versions) {
    const key = v.recurrenceId ? `${v.uid}\u0000${v.recurrenceId.ms}` : v.uid;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  return [...groups.values()].map((group) => {
    const winner = group.reduce((best, v) => (outranks(v, best) ? v : best));
    return withReplies(winner, group);
  });
}

function outranks(a: Version, b: Version): boolean {
  const authority = (v: Version) => (ATTENDEE_METHODS.has(v.source.method ?? '') ? 0 : 1);
  return (
    (authority(a) - authority(b) ||
      a.sequence - b.sequence ||
      Math.sign(a.stamp - b.stamp) ||
      Math.sign(a.modified - b.modified) ||
      a.source.order - b.source.order) > 0
  );
}

function withReplies(winner: Version, group: readonly Version[]): Version {
  if (winner.source.method === 'REPLY') return winner;
  const replies = group.filter((v) => v.source.method === 'REPLY' && v.sequence >= winner.sequence);
  if (replies.length === 0) return winner;
  const answers = new Map<string, string>();
  for (const reply of [...replies].sort((a, b) => a.stamp - b.stamp || a.source.order - b.source.order)) {
    for (const a of reply.attendees) if (a.email && a.partstat) answers.set(a.email.toLowerCase(), a.partstat);
  }
  const attendees = winner.attendees.map((a) => {
    const partstat = a.email ? answers.get(a.email.toLowerCase()) : undefined;
    return partstat ? { ...a, partstat } : a;
  });
  return { ...winner, attendees };
}

function isCancelled(v: Version): boolean {
  return v.status === 'CANCELLED' || v.source.method === 'CANCEL';
}

// ---------------------------------------------------------------------------------------------
// Occurrences

/** A slot of a series: its original start (the RECURRENCE-ID it would have) and when it runs. */
interface Slot {
  readonly rid: number;
  readonly start: number;
  readonly end: number;
}

function emitOccurrences(chosen: readonly Version[], ctx: Context): MeetingOccurrence[] {
  const series = new Map<string, { master?: Version; overrides: Version[] }>();
  for (const v of chosen) {
    const s = series.get(v.uid) ?? { overrides: [] };
    if (v.recurrenceId) s.overrides.push(v);
    else s.master = v;
    series.set(v.uid, s);
  }
  const out: MeetingOccurrence[] = [];
  for (const { master, overrides } of series.values()) {
    // cancelling the series (no RECURRENCE-ID) cancels every occurrence, changed ones included
    if (master && isCancelled(master)) continue;
    if (master) out.push(...masterOccurrences(master, overrides, ctx));
    for (const o of overrides) {
      const occurrence = overrideOccurrence(master ? inherit(o, master) : o, master?.durationMs ?? 0, ctx);
      if (occurrence) out.push(occurrence);
    }
  }
  return out;
}

function masterOccurrences(master: Version, overrides: readonly Version[], ctx: Context): MeetingOccurrence[] {
  const start = master.start;
  if (!start) {
    ctx.issue(master.source.where, 'no_start', 'the event has no DTSTART, so it has no time; skipped');
    return [];
  }
  if (!master.recurring) {
    if (start.ms > ctx.now) return [];
    return [toOccurrence(master, { rid: start.ms, start: start.ms, end: start.ms + master.durationMs }, false)];
  }
  // an override replaces its slot, or removes it when cancelled; either way the master's is not used
  const replaced = new Set(overrides.map((o) => o.recurrenceId?.ms));
  return expandSeries(master, start, ctx)
    .filter((slot) => !replaced.has(slot.rid))
    .map((slot) => toOccurrence(master, slot, true));
}

/**
 * An override that leaves out the title, place or guests (Zimbra writes only what changed) keeps
 * the master's: it moves one occurrence of the same meeting, it does not empty it.
 */
function inherit(o: Version, master: Version): Version {
  return {
    ...o,
    summary: o.summary ?? master.summary,
    location: o.location ?? master.location,
    organizer: o.organizer ?? master.organizer,
    attendees: o.listsAttendees ? o.attendees : master.attendees,
    conferenceUrl: o.conferenceUrl ?? master.conferenceUrl,
  };
}

function overrideOccurrence(o: Version, masterDurationMs: number, ctx: Context): MeetingOccurrence | undefined {
  const rid = o.recurrenceId;
  if (!rid || isCancelled(o)) return undefined;
  // an override without DTSTART changes something other than the time: the slot keeps the master's
  const start = o.start?.ms ?? rid.ms;
  if (start < ctx.windowStart || start > ctx.now) return undefined;
  const duration = o.start ? o.durationMs : masterDurationMs;
  return toOccurrence(o, { rid: rid.ms, start, end: start + duration }, true);
}

/**
 * The slots of a recurring event that start in [windowStart, now]: DTSTART, each RRULE's
 * occurrences and the RDATEs, less the EXDATEs. Iteration stops at `now`; a rule that needs more
 * steps than the budget to get there is cut off and reported.
 */
function expandSeries(master: Version, dtstart: Instant, ctx: Context): Slot[] {
  const { comp } = master.source;
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
    excluded = exclusions(comp, dtstart);
    // RFC 5545 3.8.5: DTSTART is always the first instance of the set
    add(dtstart.time, dtstart.ms, undefined);
    // RDATEs first: they are few, and a rule cut off below must not take them along
    for (const prop of comp.getAllProperties('rdate')) {
      for (const value of prop.getValues()) {
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
  if (e instanceof RecurrenceCapped) {
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
function expandRule(rule: ICAL.Recur, dtstart: Instant, { ctx, budget, add, progress }: Expansion): void {
  // a series that ended before the window adds nothing there (a day of slack covers floating UNTILs)
  if (rule.until && epochOf(rule.until, dtstart.zone) < ctx.windowStart - DAY_MS) return;
  // ical.js steps on the wall clock anyway, but compares zoned times by converting them at every
  // step; iterating a floating copy (and UNTIL on the same wall clock) gives the same times faster
  const start = floating(dtstart.time);
  const wallRule = rule.clone();
  if (rule.until) wallRule.until = untilOnWallClock(rule.until, dtstart);
  const iterator = wallRule.iterator(start);
  const check = iterator.check_contracting_rules.bind(iterator);
  iterator.check_contracting_rules = () => {
    budget.step();
    return check();
  };
  let allowed = rule.count ?? Infinity;
  let first = true;
  for (;;) {
    budget.step();
    const time = iterator.next();
    if (!time) return;
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

interface Exclusions {
  readonly instants: ReadonlySet<number>;
  /** "YYYY-MM-DD" of EXDATEs given as dates: they remove that day's occurrence whatever its time */
  readonly dates: ReadonlySet<string>;
}

function exclusions(comp: Component, dtstart: Instant): Exclusions {
  const instants = new Set<number>();
  const dates = new Set<string>();
  for (const prop of comp.getAllProperties('exdate')) {
    for (const value of prop.getValues()) {
      if (!(value instanceof ICAL.Time)) continue;
      if (value.isDate && !dtstart.time.isDate) dates.add(dayKey(value));
      else instants.add(seriesEpoch(value, prop, dtstart));
    }
  }
  return { instants, dates };
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
  if (until.isDate) return until;
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

function toOccurrence(v: Version, slot: Slot, recurring: boolean): MeetingOccurrence {
  const allDay = v.start ? v.allDay : (v.recurrenceId?.time.isDate ?? false);
  return {
    where: v.source.where,
    externalId: recurring ? `${v.uid}@${new Date(slot.rid).toISOString()}` : v.uid,
    uid: v.uid,
    sequence: v.sequence,
    recurrenceId: recurring ? slot.rid : undefined,
    start: slot.start,
    end: slot.end,
    minutes: allDay ? 0 : Math.round((slot.end - slot.start) / 60_000),
    summary: v.summary,
    location: v.location,
    organizer: v.organizer,
    attendees: v.attendees,
    status: v.status,
    method: v.source.method,
    allDay,
    conferenceUrl: v.conferenceUrl,
  };
}

// ---------------------------------------------------------------------------------------------
// meetingToInteraction

/** PARTSTATs of people who did not take part: they are not counterparts, and the user is not there. */
const NOT_ATTENDING = new Set(['DECLINED', 'DELEGATED']);

/**
 * The interaction a meeting occurrence is, seen from the user (`me`: lower-cased addresses), or
 * why it is none: `cancelled`, `declined` (by the user), `all_day` (no attendees: birthdays,
 * holidays, out of office) or `no_counterparts`.
 */
export function meetingToInteraction(
  o: MeetingOccurrence,
  me: ReadonlySet<string>,
): InteractionRecord | { skip: string } {
  const isMe = (email: string | undefined) => email !== undefined && me.has(email.trim().toLowerCase());
  if (o.status === 'CANCELLED' || o.method === 'CANCEL') return { skip: 'cancelled' };
  if (o.attendees.some((a) => isMe(a.email) && NOT_ATTENDING.has(a.partstat ?? ''))) return { skip: 'declined' };
  if (o.allDay && o.attendees.length === 0) return { skip: 'all_day' };
  const counterparts = counterpartsOf(o, isMe);
  if (counterparts.length === 0) return { skip: 'no_counterparts' };
  const organizer = o.organizer?.email ? o.organizer : undefined;
  const organizedByMe = isMe(organizer?.email);
  const from =
    organizer && !organizedByMe
      ? counterparts.find((c) => c.email?.toLowerCase() === organizer.email?.toLowerCase())
      : undefined;
  return {
    kind: 'interaction',
    where: o.where,
    externalId: o.externalId,
    at: o.start,
    channel: o.conferenceUrl ? 'video' : 'meeting',
    direction: !organizer ? 'mutual' : organizedByMe ? 'out' : 'in',
    depth: 'substantive',
    minutes: o.allDay ? undefined : o.minutes,
    note: o.summary,
    counterparts,
    from,
  };
}

/**
 * The organizer and the attendees other than the user, once each by lower-cased email. Left out:
 * whoever declined or delegated, NON-PARTICIPANT attendees (copied for information) and GROUP
 * addresses (mailing lists, not people).
 */
function counterpartsOf(o: MeetingOccurrence, isMe: (email: string | undefined) => boolean): ContactRef[] {
  const byEmail = new Map<string, ContactRef>();
  const absent = new Set(
    o.attendees
      .filter((a) => a.email && NOT_ATTENDING.has(a.partstat ?? ''))
      .map((a) => (a.email as string).toLowerCase()),
  );
  const consider = (email: string | undefined, name: string | undefined) => {
    if (!email || isMe(email)) return;
    const key = email.trim().toLowerCase();
    if (absent.has(key)) return;
    const known = byEmail.get(key);
    if (!known) byEmail.set(key, { email, name });
    else if (!known.name && name) byEmail.set(key, { ...known, name });
  };
  consider(o.organizer?.email, o.organizer?.name);
  for (const a of o.attendees) {
    if (a.role === 'NON-PARTICIPANT' || a.cutype === 'GROUP') continue;
    consider(a.email, a.name);
  }
  return [...byEmail.values()];
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function textOf(comp: Component, name: string): string | undefined {
  const value: unknown = comp.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}

function paramOf(prop: Property, name: string): string | undefined {
  const value: unknown = prop.getParameter(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string');
  return undefined;
}

function cleanText(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function upper(s: string | undefined): string | undefined {
  return cleanText(s)?.toUpperCase();
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
