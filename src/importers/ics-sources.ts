/**
 * The VEVENTs of an iCalendar file as ical.js components, each with where it stands (line and
 * `event N`), its calendar's METHOD and usable time zones. Unfolds lines itself to keep line
 * numbers; when ical.js rejects the whole text, falls back to reading each VEVENT block alone so
 * that one bad line costs one event, not the file.
 */
import ICAL from 'ical.js';
import type { Context } from './ics-context.js';
import { usableZones } from './ics-timezones.js';
import { errorText, textOf, upper } from './ics-values.js';
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
export function logicalLines(physical: readonly string[]): LogicalLine[] {
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

/** One VEVENT as it stands in the file, before iTIP versions are merged. */
export interface Source {
  readonly comp: Component;
  readonly where: Where;
  /** position among the file's VEVENTs, for "later in the file wins" */
  readonly order: number;
  readonly method: string | undefined;
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
    const begin = line === null ? -1 : logical.findIndex((l) => l.line === line);
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

function eventWhere(line: number | null, n: number): Where {
  return { line, record: `event ${n}` };
}

/**
 * The VEVENTs of the file. ical.js reads the whole text when it can; one bad content line makes
 * it reject everything, so then each VEVENT block is read on its own inside a VCALENDAR made of
 * its calendar's METHOD and time zones, and only the blocks that still fail are lost.
 */
export function readSources(physical: readonly string[], logical: readonly LogicalLine[], ctx: Context): Source[] {
  reportOrphanEnds(logical, ctx);
  const beginLines = logical.filter((l) => isLine(l, 'BEGIN:VEVENT')).map((l) => l.line);
  let roots: Component[];
  try {
    roots = parseRoots(physical.join('\r\n'));
  } catch {
    return readBlocks(physical, logical, ctx);
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
  const sources: Source[] = [];
  for (const cal of calendars) {
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
          written: writtenValues(logical, ev.line),
        });
      } catch (e) {
        ctx.drop(where, 'bad_event', `the event could not be read (${errorText(e)}); skipped`);
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
      current().method = t.slice(t.indexOf(':') + 1).trim() || undefined;
    } else if (!open && /^X-WR-TIMEZONE[;:]/.test(t)) {
      // the zone's name as written (Europe/Paris): not upper-cased
      current().zone = l.text.slice(l.text.indexOf(':') + 1).trim() || undefined;
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
