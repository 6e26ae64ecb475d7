/**
 * The VEVENTs of an iCalendar file as ical.js components, each with where it stands (line and
 * `event N`), its calendar's METHOD and usable time zones. Unfolds lines itself to keep line
 * numbers; when ical.js rejects the whole text, falls back to reading each VEVENT block alone so
 * that one bad line costs one event, not the file.
 */
import ICAL from 'ical.js';
import type { Context } from './ics-context.js';
import { usableZones } from './ics-timezones.js';
import { errorText, safely, textOf, upper } from './ics-values.js';
import { ownString } from './own-string.js';
import type { Where } from './records.js';

type Component = ICAL.Component;

/** A content line after unfolding, with the 1-based line where it starts and its physical span. */
export interface LogicalLine {
  text: string;
  readonly line: number;
  readonly from: number;
  to: number;
}

/** Unfolds continuation lines (starting with a space or tab) without losing where each line began. */
export function logicalLines(physical: readonly string[], first = 0, line = first + 1): LogicalLine[] {
  return [...eachLogicalLine(physical, first, physical.length, line)];
}

/**
 * The logical lines of `physical[from…to)` one at a time, each given once complete: a file's
 * lines are scanned without an object per line held for the whole file (a 60 MB calendar's took
 * 100 MB). `line` is the 1-based line of `physical[from]` in the file.
 */
export function* eachLogicalLine(
  physical: readonly string[],
  from = 0,
  to = physical.length,
  line = from + 1,
): Generator<LogicalLine, void, undefined> {
  let last: LogicalLine | undefined;
  for (let i = from; i < to; i++) {
    const raw = physical[i] as string;
    if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      last.text += raw.slice(1);
      last.to = i;
    } else {
      if (last) yield last;
      last = { text: raw, line: line + (i - from), from: i, to: i };
    }
  }
  if (last) yield last;
}

/** The start of a content line: a property name (or x-name), then its parameters or value (KOrganizer folds them onto the next line). */
const CONTENT_LINE = /^[A-Za-z0-9-]+(?:[;:]|\s*$)/;

/**
 * The physical lines with each one that is no content line (no `NAME:` or `NAME;` at its start,
 * not folded) after a text property (SUMMARY, DESCRIPTION, LOCATION, COMMENT) made a folded line
 * that continues that text on a new line (`\n`): a text with its line breaks written out
 * unescaped, as some exporters do, keeps its event instead of breaking it. Any other such line
 * is left as it is, and breaks its event (reported).
 */
export function mendLines(physical: readonly string[]): string[] {
  let property = '';
  return physical.map((raw) => {
    if (raw.startsWith(' ') || raw.startsWith('\t')) return raw;
    const name = CONTENT_LINE.exec(raw)?.[0];
    if (name !== undefined) {
      property = name.replace(/[;:\s]+$/, '').toUpperCase();
      return raw;
    }
    return raw !== '' && TEXT_PROPERTIES.has(property) ? ` \\n${raw}` : raw;
  });
}

const TEXT_PROPERTIES: ReadonlySet<string> = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'X-ALT-DESC']);

export function isLine(l: LogicalLine, expected: string): boolean {
  return l.text.trim().toUpperCase() === expected;
}

/** Where a VEVENT stands in the file, and what its calendar says of it: what a version keeps of its source. */
export interface Placement {
  readonly where: Where;
  /** position among the file's VEVENTs, for "later in the file wins" */
  readonly order: number;
  readonly method: string | undefined;
}

/** One VEVENT as it stands in the file, before iTIP versions are merged. */
export interface Source extends Placement {
  readonly comp: Component;
  /** TZIDs the VEVENT's calendar defines with a usable VTIMEZONE */
  readonly zones: ReadonlySet<string>;
  /** the calendar's own zone (X-WR-TIMEZONE, as Google and Apple write it): floating times are read in it */
  readonly calendarZone?: string | undefined;
  /**
   * the values of a property as the file writes them (unfolded), one per line, in file order: for
   * messages, as ical.js quotes a value it cannot read as it mangled it ("notadate" as "nota-da-teT::")
   */
  readonly written?: ((name: string) => string[]) | undefined;
}

/**
 * The values of the lines naming a property (any case) in the VEVENT that begins at `line`, up to
 * its END:VEVENT (or the next BEGIN:VEVENT), as the file writes them: after the first colon
 * outside quotes.
 */
function writtenValues(logical: readonly LogicalLine[], line: number | null): (name: string) => string[] {
  return (name) => {
    const begin = line === null ? -1 : indexOfLine(logical, line);
    const out: string[] = [];
    if (begin < 0) return out;
    for (let i = begin + 1; i < logical.length; i++) {
      const l = logical[i] as LogicalLine;
      if (isLine(l, 'END:VEVENT') || isLine(l, 'BEGIN:VEVENT')) break;
      const named = /^([A-Za-z0-9-]+)[;:]/.exec(l.text)?.[1];
      if (named?.toUpperCase() !== name.toUpperCase()) continue;
      let quoted = false;
      for (let k = named.length; k < l.text.length; k++) {
        const c = l.text[k];
        if (c === '"') quoted = !quoted;
        else if (c === ':' && !quoted) {
          out.push(l.text.slice(k + 1));
          break;
        }
      }
    }
    return out;
  };
}

/** The index of the logical line that starts at `line` (logical lines are in file order), or -1. */
function indexOfLine(logical: readonly LogicalLine[], line: number): number {
  let lo = 0;
  let hi = logical.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = (logical[mid] as LogicalLine).line;
    if (at === line) return mid;
    if (at < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function eventWhere(line: number | null, n: number): Where {
  return { line, record: `event ${n}` };
}

/**
 * The VEVENTs of the file, a chunk at a time. A well-formed file (its components nested as they
 * should be, its events right inside a VCALENDAR) is read `ctx.chunkEvents` events at a time, each
 * chunk inside its calendar's own lines and time zones: ical.js's tree of a whole 60 MB calendar
 * took 450 MB on its own. Once the caller asks for the next chunk, the events of the last one are
 * let go, but those with a rule or RDATE (a series, expanded later, which reads its times in its
 * calendar's zones). Any other file is read whole, as one chunk (see wholeSources).
 */
export function* readSources(physical: readonly string[], ctx: Context): Generator<Source[], void, undefined> {
  const calendars = wellFormed(eachLogicalLine(physical));
  if (!calendars) {
    yield wholeSources(physical, logicalLines(physical), ctx);
    return;
  }
  if (calendars.length > 1) {
    const lines = (b: Block) => physical.slice(b.from, b.to + 1);
    shareTimezones<CalendarLayout, Block>(
      calendars,
      (b) => tzidIn(lines(b).join('\n')),
      (cal) => cal.events.flatMap((b) => tzidParams(lines(b).join('\n'))),
    );
  }
  // what a series quotes as written, read from its own lines (no logical line of the file is kept)
  const writtenIn = (b: Block) => writtenValues(logicalLines(physical.slice(b.from, b.to + 1), 0, b.line), b.line);
  let n = 0;
  for (const cal of calendars) {
    const head = [
      ...cal.properties.flatMap((l) => physical.slice(l.from, l.to + 1)),
      ...cal.timezones.flatMap((b) => physical.slice(b.from, b.to + 1)),
    ];
    for (let at = 0; at < cal.events.length; at += ctx.chunkEvents) {
      const blocks = cal.events.slice(at, at + ctx.chunkEvents);
      const first = n;
      n += blocks.length;
      const eachAlone = () =>
        readEachBlock(
          {
            method: cal.method,
            zone: cal.zone,
            timezones: cal.timezones.map((b) => physical.slice(b.from, b.to + 1).join('\r\n')),
            events: blocks.map((b, i) => ({
              n: first + i + 1,
              line: b.line,
              text: physical.slice(b.from, b.to + 1).join('\r\n'),
            })),
          },
          (line) => writtenIn(blocks.find((b) => b.line === line) as Block),
          ctx,
        );
      const text = [
        'BEGIN:VCALENDAR',
        ...head,
        ...blocks.flatMap((b) => physical.slice(b.from, b.to + 1)),
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      let roots: Component[];
      try {
        roots = parseRoots(text);
      } catch {
        // one bad line: each event of the chunk is read alone, and only those that still fail are lost
        yield eachAlone();
        continue;
      }
      // the calendar's own lines and zones get strings of their own now, before the zones ical.js
      // makes of them (kept by every time read in them) take their names from the chunk's text
      for (const root of roots) ownCalendarStrings(root);
      const comps = roots.flatMap((root) => root.getAllSubcomponents('vevent'));
      if (comps.length !== blocks.length) {
        // ical.js saw other components than the scan did (a line it reads otherwise): each alone
        yield eachAlone();
        continue;
      }
      yield comps.map((comp, i) => {
        const line = (blocks[i] as Block).line;
        return {
          comp,
          where: eventWhere(line, first + i + 1),
          order: first + i,
          method: methodOf(comp),
          zones: usableZones(rootOf(comp)),
          calendarZone: calendarZoneOf(rootOf(comp)),
          written: writtenIn(blocks[i] as Block),
        };
      });
      for (const root of roots) letGoOfEvents(root);
    }
  }
}

/**
 * Takes the events out of a calendar read in chunks, but series (see readSources), and gives what
 * remains strings of its own: what ical.js reads is cut out of the chunk's text, and would keep it.
 */
function letGoOfEvents(root: Component): void {
  const kept = root.getAllSubcomponents('vevent').filter((c) => c.hasProperty('rrule') || c.hasProperty('rdate'));
  root.removeAllSubcomponents('vevent');
  for (const comp of kept) {
    root.addSubcomponent(comp);
    ownStrings(comp.jCal);
  }
  // ical.js keeps the zones it made by the TZIDs the events wrote: the same, under names of their own
  const cached = root as unknown as { _timezoneCache?: Map<string, unknown> | null };
  if (cached._timezoneCache)
    cached._timezoneCache = new Map([...cached._timezoneCache].map(([tzid, zone]) => [ownString(tzid), zone]));
}

/** A calendar's own properties and its components but events (its zones), with strings of their own. */
function ownCalendarStrings(root: Component): void {
  ownStrings(root.jCal[1] as unknown[]);
  for (const sub of root.jCal[2] as unknown[][]) if (sub[0] !== 'vevent') ownStrings(sub);
}

/** Replaces, in place, every string in a jCal tree (arrays, and parameters' objects) by a copy. */
function ownStrings(jcal: unknown[] | Record<string, unknown>): void {
  for (const [key, value] of Object.entries(jcal)) {
    if (typeof value === 'string') (jcal as Record<string, unknown>)[key] = ownString(value);
    else if (value !== null && typeof value === 'object') ownStrings(value as unknown[] | Record<string, unknown>);
  }
}

/** A run of physical lines: a component from its BEGIN line to its END line, or one logical line. */
interface Block {
  /** 1-based line of its first line */
  readonly line: number;
  readonly from: number;
  readonly to: number;
}

interface CalendarLayout {
  /** the calendar's own content lines (METHOD, X-WR-TIMEZONE…) */
  readonly properties: Block[];
  readonly timezones: Block[];
  readonly events: Block[];
  method: string | undefined;
  zone: string | undefined;
}

/**
 * The calendars of a file whose components all close in order, whose VEVENTs stand right inside
 * a VCALENDAR, and that holds nothing but blank lines outside its calendars; undefined for any
 * other file. Other components (VTODO, VJOURNAL…) are left out: they hold no meetings.
 */
function wellFormed(logical: Iterable<LogicalLine>): CalendarLayout[] | undefined {
  const calendars: CalendarLayout[] = [];
  const open: { name: string; start: LogicalLine }[] = [];
  let cal: CalendarLayout | undefined;
  for (const l of logical) {
    const t = l.text.trim().toUpperCase();
    const begin = /^BEGIN:(.+)$/.exec(t)?.[1];
    const end = begin === undefined ? /^END:(.+)$/.exec(t)?.[1] : undefined;
    if (begin !== undefined) {
      // calendars at the top only, events right inside a calendar, nothing nested too deep
      if ((open.length === 0) !== (begin === 'VCALENDAR')) return undefined;
      if (begin === 'VEVENT' && open.length !== 1) return undefined;
      if (open.length >= MAX_NESTING) return undefined;
      open.push({ name: begin, start: l });
      if (begin === 'VCALENDAR') {
        cal = { properties: [], timezones: [], events: [], method: undefined, zone: undefined };
        calendars.push(cal);
      }
    } else if (end !== undefined) {
      const top = open.pop();
      if (top?.name !== end) return undefined;
      const block = { line: top.start.line, from: top.start.from, to: l.to };
      if (open.length === 1 && cal) {
        if (end === 'VEVENT') cal.events.push(block);
        else if (end === 'VTIMEZONE') cal.timezones.push(block);
      }
    } else if (open.length === 0) {
      if (t !== '') return undefined;
    } else if (open.length === 1 && cal && t !== '') {
      cal.properties.push({ line: l.line, from: l.from, to: l.to });
      // the first of each, as ical.js reads a calendar whole (a chunk read event by event must agree)
      if (/^METHOD[;:]/.test(t)) cal.method ??= t.slice(t.indexOf(':') + 1).trim() || undefined;
      else if (/^X-WR-TIMEZONE[;:]/.test(t)) cal.zone ??= l.text.slice(l.text.indexOf(':') + 1).trim() || undefined;
    }
  }
  return open.length === 0 ? calendars : undefined;
}

/**
 * The VEVENTs of a file read whole. ical.js reads the whole text when it can; one bad content line
 * makes it reject everything, so then each VEVENT block is read on its own inside a VCALENDAR
 * made of its calendar's METHOD and time zones, and only the blocks that still fail are lost.
 */
function wholeSources(physical: readonly string[], logical: readonly LogicalLine[], ctx: Context): Source[] {
  reportOrphanEnds(logical, ctx);
  reportUnclosedCalendars(logical, ctx);
  const beginLines = logical.filter((l) => isLine(l, 'BEGIN:VEVENT')).map((l) => l.line);
  let roots: Component[];
  try {
    roots = parseRoots(physical.join('\r\n'));
  } catch {
    return readBlocks(physical, logical, ctx);
  }
  if (roots.length > 1) {
    const calendars = roots.map((root) => ({ root, timezones: root.getAllSubcomponents('vtimezone') }));
    shareTimezones<{ root: Component; timezones: Component[] }, Component>(
      calendars,
      (vtz) => safely(() => textOf(vtz, 'tzid')),
      (cal) => tzidParams(cal.root.toString()),
    );
    for (const { root, timezones } of calendars)
      for (const vtz of timezones)
        if (vtz.parent !== root) root.addSubcomponent(new ICAL.Component(structuredClone(vtz.toJSON())));
  }
  let tooDeep = false;
  const comps = roots.flatMap((root) =>
    vevents(root, () => {
      tooDeep = true;
    }),
  );
  if (tooDeep)
    ctx.issue(
      { line: firstTooDeep(logical) },
      'too_deep',
      `components are nested over ${MAX_NESTING} deep from this line: what lies deeper is not read`,
    );
  // ical.js keeps the text's order, so the k-th VEVENT is the k-th BEGIN:VEVENT line; if some odd
  // nesting breaks that, the record number still says which event it is.
  const lines = comps.length === beginLines.length ? beginLines : undefined;
  const sources = comps.map((comp, i) => ({
    comp,
    where: eventWhere(lines?.[i] ?? null, i + 1),
    order: i,
    method: methodOf(comp),
    zones: usableZones(rootOf(comp)),
    calendarZone: calendarZoneOf(rootOf(comp)),
    written: writtenValues(logical, lines?.[i] ?? null),
  }));
  // an event begun inside another: the outer one lacks its END:VEVENT; both are read as they stand
  for (const { comp } of sources)
    if (comp.parent?.name === 'vevent') {
      const outer = sources.find((s) => s.comp === comp.parent);
      if (outer)
        ctx.issue(
          outer.where,
          'unclosed_event',
          'the event has no END:VEVENT before the next one begins; read as it stands',
        );
    }
  return sources;
}

/**
 * An END:VEVENT that closes no event: the event's BEGIN line was damaged or lost (`EBEGIN:VEVENT`),
 * and what stood between the previous event and it is no event; said, with the line, as an event left out.
 */
function reportOrphanEnds(logical: readonly LogicalLine[], ctx: Context): void {
  let open = 0;
  for (const l of logical) {
    const t = l.text.trim().toUpperCase();
    if (t === 'BEGIN:VEVENT') open++;
    else if (t === 'END:VEVENT') {
      if (open > 0) open--;
      else
        ctx.drop(
          { line: l.line },
          'orphan_end',
          'END:VEVENT closes no event (its BEGIN:VEVENT line is missing or damaged): the lines before it are not read as an event; skipped',
        );
    } else if (t === 'END:VCALENDAR' || t === 'BEGIN:VCALENDAR') open = 0;
  }
}

/**
 * A VCALENDAR without its END:VCALENDAR line: the file ends first (it was cut off, as a download
 * or a copy stopped halfway), or another calendar begins. Said at its BEGIN:VCALENDAR line; the
 * complete events in it are still read. Only a file read whole can hold one: a file read in
 * chunks closes every calendar it opens (see wellFormed).
 */
function reportUnclosedCalendars(logical: readonly LogicalLine[], ctx: Context): void {
  let open: LogicalLine | undefined;
  let last: LogicalLine | undefined;
  for (const l of logical) {
    const t = l.text.trim().toUpperCase();
    if (t !== '') last = l;
    if (t === 'END:VCALENDAR') open = undefined;
    else if (t === 'BEGIN:VCALENDAR') {
      if (open)
        ctx.issue(
          { line: open.line },
          'unclosed_calendar',
          `the calendar has no END:VCALENDAR line before the next one begins at line ${l.line}; its complete events were read`,
        );
      open = l;
    }
  }
  if (open)
    ctx.issue(
      { line: open.line },
      'unclosed_calendar',
      `the calendar has no END:VCALENDAR line: the file ends at line ${last?.line ?? open.line} without it (it was cut off); its complete events were read`,
    );
}

function parseRoots(text: string): Component[] {
  const parsed: unknown = ICAL.parse(text);
  if (!Array.isArray(parsed)) return [];
  // one component comes back as its jCal array, several as an array of them
  const jcals: unknown[] = typeof parsed[0] === 'string' ? [parsed] : parsed;
  return jcals.filter((j): j is unknown[] => Array.isArray(j)).map((j) => new ICAL.Component(j));
}

/** Real calendars nest a few levels (VCALENDAR, VEVENT, VALARM); a file nested thousands deep is not one. */
const MAX_NESTING = 16;

/**
 * Every VEVENT from `root` down (itself included: a VEVENT can stand outside a VCALENDAR), in
 * document order, down to MAX_NESTING levels (`deeper` is called when there was more).
 */
function vevents(root: Component, deeper: () => void): Component[] {
  const out: Component[] = [];
  const stack: [Component, number][] = [[root, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [comp, depth] = next;
    if (comp.name === 'vevent') out.push(comp);
    if (depth >= MAX_NESTING) {
      if (comp.jCal[2].length > 0) deeper();
      continue;
    }
    const subs = comp.getAllSubcomponents();
    for (let i = subs.length - 1; i >= 0; i--) stack.push([subs[i] as Component, depth + 1]);
  }
  return out;
}

/** The line of the first BEGIN that opens a component deeper than MAX_NESTING. */
function firstTooDeep(logical: readonly LogicalLine[]): number | null {
  let depth = 0;
  for (const l of logical) {
    const t = l.text.trim().toUpperCase();
    if (t.startsWith('BEGIN:') && ++depth > MAX_NESTING) return l.line;
    if (t.startsWith('END:')) depth = Math.max(0, depth - 1);
  }
  return null;
}

function rootOf(comp: Component): Component {
  let c = comp;
  while (c.parent) c = c.parent;
  return c;
}

function calendarZoneOf(root: Component): string | undefined {
  return textOf(root, 'x-wr-timezone')?.trim() || undefined;
}

function methodOf(comp: Component): string | undefined {
  return upper(textOf(rootOf(comp), 'method'));
}

interface CalendarBlocks {
  method: string | undefined;
  zone: string | undefined;
  readonly timezones: string[];
  readonly events: { readonly n: number; readonly line: number; readonly text: string | undefined }[];
}

/** The fallback: VEVENT and VTIMEZONE blocks found by scanning lines, each read separately. */
function readBlocks(physical: readonly string[], logical: readonly LogicalLine[], ctx: Context): Source[] {
  const calendars = scanBlocks(physical, logical);
  if (calendars.length > 1)
    shareTimezones(calendars, tzidIn, (cal) => cal.events.flatMap((e) => tzidParams(e.text ?? '')));
  return calendars.flatMap((cal) => readEachBlock(cal, (line) => writtenValues(logical, line), ctx));
}

/** Text with its folded lines joined again (a line break then a space or tab continues a line). */
const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');

/** The TZIDs the content lines of a text name (`;TZID=Office Time:`, `;TZID="W. Europe":`). */
function tzidParams(text: string): string[] {
  return [...unfold(text).matchAll(/;TZID=("[^"]*"|[^;:\r\n]*)/gi)].map((m) =>
    (m[1] ?? '').replace(/^"|"$/g, '').trim(),
  );
}

/** The TZID a VTIMEZONE block's text gives. */
function tzidIn(text: string): string | undefined {
  return /^TZID(?:;[^:\r\n]*)?:([^\r\n]*)$/im.exec(unfold(text))?.[1]?.trim() || undefined;
}

/**
 * A VTIMEZONE one calendar of a file defines serves another calendar of the file that uses its
 * TZID without defining it (a REPLY sent in a second VCALENDAR, without the zones of the
 * invitation before it): the first definition in the file is added to that calendar's zones.
 */
function shareTimezones<C extends { timezones: Z[] }, Z>(
  calendars: readonly C[],
  tzidOf: (zone: Z) => string | undefined,
  usedIn: (cal: C) => readonly string[],
): void {
  const first = new Map<string, Z>();
  for (const cal of calendars)
    for (const zone of cal.timezones) {
      const tzid = tzidOf(zone);
      if (tzid !== undefined && !first.has(tzid)) first.set(tzid, zone);
    }
  if (first.size === 0) return;
  for (const cal of calendars) {
    const own = new Set(cal.timezones.map(tzidOf));
    for (const tzid of usedIn(cal)) {
      const zone = first.get(tzid);
      if (zone !== undefined && !own.has(tzid)) {
        cal.timezones.push(zone);
        own.add(tzid);
      }
    }
  }
}

/** Each VEVENT block of a calendar read on its own, inside its calendar's METHOD and usable time zones. */
function readEachBlock(
  cal: CalendarBlocks,
  /** the values as written of the event that begins at a line (see Source.written) */
  writtenAt: (line: number) => Source['written'],
  ctx: Context,
): Source[] {
  const sources: Source[] = [];
  const timezones = cal.timezones.filter((tz) => parsesAlone(wrapCalendar(undefined, [tz])));
  for (const ev of cal.events) {
    const where = eventWhere(ev.line, ev.n);
    if (ev.text === undefined) {
      ctx.drop(where, 'bad_event', 'the event has no END:VEVENT line; skipped');
      continue;
    }
    try {
      const found = parseRoots(wrapCalendar(cal.method, [...timezones, ev.text])).flatMap((r) =>
        vevents(r, () => {
          throw new Error(`components are nested over ${MAX_NESTING} deep`);
        }),
      );
      const comp = found[0];
      if (found.length !== 1 || !comp) throw new Error('the block does not hold exactly one event');
      sources.push({
        comp,
        where,
        order: ev.n - 1,
        method: methodOf(comp),
        zones: usableZones(rootOf(comp)),
        calendarZone: cal.zone,
        written: writtenAt(ev.line),
      });
    } catch (e) {
      ctx.drop(where, 'bad_event', `the event could not be read (${errorText(e)}); skipped`);
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
      cal = { method: undefined, zone: undefined, timezones: [], events: [] };
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
      // the first, as ical.js reads it when it reads the file whole
      current().method ??= t.slice(t.indexOf(':') + 1).trim() || undefined;
    } else if (!open && /^X-WR-TIMEZONE[;:]/.test(t)) {
      // the zone's name as written (Europe/Paris): not upper-cased
      current().zone ??= l.text.slice(l.text.indexOf(':') + 1).trim() || undefined;
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
