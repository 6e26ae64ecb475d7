/**
 * iCalendar (.ics): calendar exports and iTIP invitations become meeting occurrences, one per
 * event or per occurrence of a recurring event. Pure: bytes and `now` in, occurrences and issues
 * out. Who the user is is applied afterwards by `meetingToInteraction`, so the parse does not
 * depend on it.
 *
 * ical.js reads the syntax, time zones and RRULEs. This module decides what an occurrence is:
 * which iTIP version of an event counts, which occurrences fall in the window, who is a person.
 *
 * This file is the entry point and runs the steps; each step is its own module: `ics-sources`
 * finds the VEVENTs, `ics-timezones` settles their zones, `ics-version` reads each into plain
 * values (people through `ics-people`), `ics-itip` picks the version that counts, `ics-occurrences`
 * turns the chosen ones into occurrences (series through `ics-recurrence`), and `ics-meeting`
 * holds the result's shape and `meetingToInteraction`. `ics-context` is what one parse shares.
 */
import { decodeBytes, looksBinary, mendFoldsInsideCharacters } from './decode.js';
import { Context, type IcsOptions, MEETING_SKIPS } from './ics-context.js';
import { isAnswer, isProposal, pickVersions } from './ics-itip.js';
import type { MeetingOccurrence } from './ics-meeting.js';
import { emitOccurrences, eventsOf, type IcsEvent, inSeriesTerms } from './ics-occurrences.js';
import { eachLogicalLine, isLine, type LogicalLine, mendLines, readSources } from './ics-sources.js';
import { readVersionSafely, type Version } from './ics-version.js';
import { NotThisFormat, type ParseIssue } from './records.js';

export { type IcsOptions, MEETING_SKIPS } from './ics-context.js';
export { declinedFrom, type MeetingOccurrence, meetingToInteraction, namesMe, ownNames } from './ics-meeting.js';
export type { IcsEvent } from './ics-occurrences.js';
export type { Attendee } from './ics-people.js';
export type { Answer } from './ics-version.js';

export interface IcsResult {
  readonly occurrences: MeetingOccurrence[];
  /** every event and changed occurrence the file holds, as chosen among its versions */
  readonly events: IcsEvent[];
  readonly issues: ParseIssue[];
  /** recurring events were expanded from here (epoch ms) to `now` */
  readonly windowStart: number;
  /** left out on purpose, by reason (see SkipReason): meetings (MEETING_SKIPS), and VEVENTs that make none */
  readonly skipped: Record<string, number>;
  /** the VEVENTs read, unreadable ones included */
  readonly vevents: number;
  /**
   * the meetings read: the occurrences, and those left out for a MEETING_SKIPS reason (a series
   * counts each occurrence in the window, or one when it has none there)
   */
  readonly meetings: number;
  /**
   * guests' answers (REPLY VEVENTs) taken in: they change who attends the meeting they answer (in
   * the file, stored, or imported later) instead of being one. One that gives a time also stands
   * for its meeting while no organizer's version is known: that meeting is among `meetings`.
   */
  readonly answers: number;
  /** the lower-case addresses every VEVENT read names as organizer or attendee (people only) */
  readonly named: ReadonlySet<string>;
}

/**
 * Reads a calendar, counting what each VEVENT became: meetings (a series: each occurrence in the
 * window, or one left out when it has none there), a guest's answer (`answers`; one that gives a
 * time also stands for its meeting), a VEVENT left out whole (`skipped`, for a reason not in
 * MEETING_SKIPS), or an unreadable one (a dropped issue). An import's records add up the same way:
 * meetings + answers + VEVENTs left out whole + unreadable ones.
 */
export function parseIcs(bytes: Uint8Array, opts: IcsOptions): IcsResult {
  if (looksBinary(bytes)) throw new NotThisFormat('not an iCalendar file: the bytes are binary, not text');
  const physical = mendLines(decodeBytes(mendFoldsInsideCharacters(bytes)).text.split(/\r\n|\r|\n/));
  if (!someLine(eachLogicalLine(physical), (l) => isLine(l, 'BEGIN:VCALENDAR'))) {
    throw new NotThisFormat('not an iCalendar file: no BEGIN:VCALENDAR line found');
  }
  const ctx = new Context(opts);
  const versions: Version[] = [];
  // a chunk's events are read into plain values before the next chunk is parsed (see readSources)
  let read = 0;
  for (const chunk of readSources(physical, ctx)) {
    for (const source of chunk) {
      const version = readVersionSafely(source, ctx);
      if (version) versions.push(version);
    }
    read += chunk.length;
    opts.onChunk?.(read);
  }
  const unreadable = ctx.dropped;
  // two events of one UID that nothing but their place tells apart (a merged file, a faulty
  // exporter): the later is kept, and the user told
  const chosen = pickVersions(
    versions,
    (lost, kept) =>
      ctx.issue(
        lost.source.where,
        'duplicate_uid',
        `the event has the UID of the one at ${kept.source.where.line === null ? kept.source.where.record : `line ${kept.source.where.line}`} and the same SEQUENCE, at another time; the later in the file was kept`,
      ),
    // a guest's answer is taken in (counted as one, never as a meeting without a time); a version
    // not chosen, or a new time proposed (COUNTER), is left out and counted by why. An answer
    // chosen for want of the organizer's version, with a time, is a meeting: counted as one
    (v, fate, chosen) => {
      if (fate === 'answer') {
        if (!chosen || v.start === undefined) ctx.answers++;
      } else ctx.skip(fate);
    },
  );
  // a new time proposed (COUNTER) with no invitation in the file is no meeting (counted above)
  // (changed occurrences named by their series' slots: see inSeriesTerms)
  const meetings = inSeriesTerms(chosen.filter((v) => !isProposal(v)));
  // a guest's answer to one occurrence of a series the file holds answers it (its answers are
  // taken in by the import), it does not replace it
  const series = new Set(meetings.filter((v) => !v.recurrenceId && !isAnswer(v)).map((v) => v.uid));
  const occurrences = emitOccurrences(
    meetings.filter((v) => !(isAnswer(v) && v.recurrenceId && series.has(v.uid))),
    ctx,
  );
  occurrences.sort((a, b) => a.start - b.start || compareText(a.externalId, b.externalId));
  let meetingsLeftOut = 0;
  for (const [reason, n] of Object.entries(ctx.skipped)) if (MEETING_SKIPS.has(reason)) meetingsLeftOut += n;
  return {
    occurrences,
    events: eventsOf(meetings),
    issues: ctx.sortedIssues(),
    windowStart: ctx.windowStart,
    skipped: ctx.skipped,
    vevents: versions.length + unreadable,
    meetings: occurrences.length + meetingsLeftOut,
    answers: ctx.answers,
    named: new Set(
      versions.flatMap((v) =>
        [v.organizer, ...v.attendees].flatMap((p) => (p?.email ? [p.email.trim().toLowerCase()] : [])),
      ),
    ),
  };
}

function someLine(lines: Iterable<LogicalLine>, test: (l: LogicalLine) => boolean): boolean {
  for (const l of lines) if (test(l)) return true;
  return false;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
