/**
 * What one iCalendar parse shares: its options, the window of time it reads, the issues it
 * reports, and the budgets (steps, time, occurrences) that bound recurrence expansion per event
 * and per file, so that a file full of pathological rules still finishes in bounded time and memory.
 */
import { ownString } from './own-string.js';
import type { ParseIssue, Where } from './records.js';

export interface IcsOptions {
  /** occurrences that start after this (epoch ms) are not read */
  readonly now: number;
  /** how far back from `now` recurring events are expanded; default 3 */
  readonly horizonYears?: number | undefined;
  /** iteration steps allowed per recurring event before it is cut off (`recurrence_capped`); default 100,000 */
  readonly maxRecurrenceSteps?: number | undefined;
  /** VEVENTs read by one ical.js parse (see readSources); default CHUNK_EVENTS (500) */
  readonly chunkEvents?: number | undefined;
  /** called after each chunk of events is read (see readSources), with the events read so far */
  readonly onChunk?: ((events: number) => void) | undefined;
}

const DEFAULT_HORIZON_YEARS = 3;
/**
 * VEVENTs read by one ical.js parse when a file is read in chunks: its tree of a chunk is a few
 * megabytes, and the parse of each costs the calendar's own lines and time zones once more.
 */
const CHUNK_EVENTS = 500;
const DEFAULT_MAX_RECURRENCE_STEPS = 100_000;
/** Whole-file limits, so that a file full of pathological rules still finishes in bounded memory. */
const FILE_STEP_FACTOR = 20;
const FILE_MAX_RECURRING_OCCURRENCES = 500_000;
/** More than this many occurrences a day on average is not a meeting series (FREQ=SECONDLY is not). */
const MAX_OCCURRENCES_PER_DAY = 4;
const EVENT_TIME_LIMIT_MS = 2_000;
const FILE_TIME_LIMIT_MS = 15_000;
export const DAY_MS = 86_400_000;

/**
 * Why a parse leaves something out. A meeting (MEETING_SKIPS): one still to come (`future`), a
 * series with nothing in the window (`before_window`), a changed occurrence outside it
 * (`occurrence_before_window`), a meeting or occurrence called off (`cancelled`). A VEVENT that is
 * no meeting of its own: a new time proposed with no invitation in the file (`proposal`) or
 * against the invitation in it (`proposal_not_taken`), a version a newer one of the same event in
 * the file replaces (`superseded`; a cancellation so replaced: `superseded_cancellation`), a
 * guest's answer to an older version or answered again later (`older_answer`), an answer that
 * names no guest's answer (`empty_answer`).
 */
export type SkipReason =
  | 'future'
  | 'before_window'
  | 'occurrence_before_window'
  | 'cancelled'
  | 'proposal'
  | 'proposal_not_taken'
  | 'superseded'
  | 'superseded_cancellation'
  | 'older_answer'
  | 'empty_answer';

/** The reasons that leave out a meeting (or an occurrence of one); the others leave out a VEVENT that makes none. */
export const MEETING_SKIPS: ReadonlySet<string> = new Set<SkipReason>([
  'future',
  'before_window',
  'occurrence_before_window',
  'cancelled',
]);

/** What one parse shares: the window, the issues, the recurrence budget. */
export class Context {
  readonly now: number;
  /** recurring events are expanded from here (inclusive) to `now` (inclusive) */
  readonly windowStart: number;
  readonly maxSteps: number;
  readonly chunkEvents: number;
  private fileSteps: number;
  private fileOccurrences = FILE_MAX_RECURRING_OCCURRENCES;
  private readonly fileDeadline = performance.now() + FILE_TIME_LIMIT_MS;
  private readonly issues: ParseIssue[] = [];
  private readonly reported = new Set<string>();
  /** events left out on purpose, by reason (see SkipReason) */
  readonly skipped: Record<string, number> = {};
  /** guests' answers (REPLY VEVENTs) taken in: they change who attends a meeting rather than being one */
  answers = 0;
  /** VEVENTs dropped as unreadable (each an issue, and a VEVENT read) */
  dropped = 0;
  private readonly texts = new Map<string, string>();

  constructor(opts: IcsOptions) {
    this.now = opts.now;
    const years = Math.max(0, Math.floor(opts.horizonYears ?? DEFAULT_HORIZON_YEARS));
    const start = new Date(opts.now);
    start.setUTCFullYear(start.getUTCFullYear() - years);
    this.windowStart = start.getTime();
    this.maxSteps = Math.max(1, Math.floor(opts.maxRecurrenceSteps ?? DEFAULT_MAX_RECURRENCE_STEPS));
    this.fileSteps = this.maxSteps * FILE_STEP_FACTOR;
    this.chunkEvents = Math.max(1, Math.floor(opts.chunkEvents ?? CHUNK_EVENTS));
  }

  issue(where: Where, code: string, message: string): void {
    this.issues.push({ ...where, code, message });
  }

  /** An event left out because it cannot be read: an issue, and a record of the report. */
  drop(where: Where, code: string, message: string): void {
    this.dropped++;
    this.issues.push({ ...where, code, message, dropped: true });
  }

  /**
   * The text as a string of its own, one per distinct text in the parse. What ical.js reads is cut
   * out of the text it parsed, and keeps all of it alive: the events kept from a calendar read in
   * chunks held on to every chunk's text (as much again as the file). Addresses and answers repeat
   * from one meeting to the next, and are kept once.
   */
  own<T extends string | undefined>(text: T): T {
    if (text === undefined) return text;
    let owned = this.texts.get(text);
    if (owned === undefined) {
      owned = ownString(text);
      this.texts.set(owned, owned);
    }
    return owned as T;
  }

  skip(reason: SkipReason): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  /** An issue reported once per `code` and `key` in the file, however often it is met. */
  issueOnce(key: string, where: Where, code: string, message: string): void {
    const id = `${code}\u0000${key}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.issue(where, code, message);
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
export class Budget {
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

export class RecurrenceCapped extends Error {}

/** A rule repeating more often than meetings do (every few seconds, minutes or hours): not expanded. */
export class ImplausibleSeries extends Error {}
