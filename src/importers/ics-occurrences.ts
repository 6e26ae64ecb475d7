/**
 * From the chosen versions to meeting occurrences: a single event is one occurrence, a series
 * gives its expanded slots, and overrides (RECURRENCE-ID) replace or cancel their slot while
 * keeping what they leave out from the master. Only occurrences in the window up to `now` are kept.
 */
import type { Context } from './ics-context.js';
import { cancelledAt, isAnswer, isCancelled } from './ics-itip.js';
import type { MeetingOccurrence } from './ics-meeting.js';
import { expandSeries, recurrenceIdEpoch, type Slot } from './ics-recurrence.js';
import type { Answer, Instant, Version } from './ics-version.js';

/** A changed occurrence of a series: a version with a RECURRENCE-ID. */
type Override = Version & { readonly recurrenceId: Instant };

const isOverride = (v: Version): v is Override => v.recurrenceId !== undefined;

/**
 * The changed occurrences read in their series' terms: a floating RECURRENCE-ID in the zone of
 * the series' DTSTART, a date one as that day's slot (see recurrenceIdEpoch). Read as UTC, or as
 * midnight, they named no slot, and the change was counted besides the slot it replaces.
 */
export function inSeriesTerms(versions: readonly Version[]): Version[] {
  const starts = new Map<string, Instant>();
  for (const v of versions)
    if (!v.recurrenceId && v.start && (!starts.has(v.uid) || !isAnswer(v))) starts.set(v.uid, v.start);
  return versions.map((v) => {
    const rid = v.recurrenceId;
    const start = starts.get(v.uid);
    if (!rid || !start) return v;
    let ms: number;
    try {
      ms = recurrenceIdEpoch(rid, start);
    } catch {
      return v;
    }
    return ms === rid.ms || !Number.isFinite(ms) ? v : { ...v, recurrenceId: { ...rid, ms } };
  });
}

export function emitOccurrences(chosen: readonly Version[], ctx: Context): MeetingOccurrence[] {
  const series = new Map<string, { master?: Version; overrides: Override[] }>();
  for (const v of chosen) {
    const s = series.get(v.uid) ?? { overrides: [] };
    if (isOverride(v)) s.overrides.push(v);
    else s.master = v;
    series.set(v.uid, s);
  }
  const out: MeetingOccurrence[] = [];
  for (const { master, overrides } of series.values()) {
    // cancelling the series (no RECURRENCE-ID) cancels every occurrence from the cancellation on
    // (its DTSTAMP; in an export, which is no message, its LAST-MODIFIED: see cancelledAt), changed
    // ones included: what happened before stays, as when the cancellation comes in a later file
    if (master && isCancelled(master)) {
      // (the CANCEL itself must say what the series was: its start and rule)
      const at = cancelledAt(master);
      const known = master.recurring && master.start && at > 0;
      const before = known ? masterOccurrences(master, overrides, true, ctx).filter((o) => o.start < at) : [];
      if (before.length === 0) ctx.skip('cancelled');
      // a changed occurrence of it: kept when it happened before the cancellation, else called off too
      for (const o of overrides) {
        const occurrence = overrideOccurrence(inherit(o, master), master.durationMs, ctx);
        if (known && typeof occurrence !== 'string' && occurrence.start < at) before.push(occurrence);
        else if (occurrence !== 'cancelled') ctx.skip('cancelled');
      }
      out.push(...before.map((o) => ({ ...o, status: undefined, method: undefined })));
      continue;
    }
    const slots = master?.recurring && master.start ? expandSeries(master, master.start, ctx) : undefined;
    const stale = staleOverrides(master, overrides, slots, ctx);
    // each changed occurrence is one meeting: read, or left out for why
    let changed = 0;
    for (const o of overrides) {
      if (stale.has(o)) {
        ctx.skip('superseded');
        continue;
      }
      const occurrence = overrideOccurrence(master ? inherit(o, master) : o, master?.durationMs ?? 0, ctx);
      if (occurrence === 'before_window') ctx.skip('occurrence_before_window');
      else if (occurrence === 'future') ctx.skip('future');
      else if (occurrence !== 'cancelled') {
        out.push(occurrence);
        changed++;
      }
    }
    if (master)
      out.push(
        ...masterOccurrences(
          master,
          stale.size > 0 ? overrides.filter((o) => !stale.has(o)) : overrides,
          changed > 0,
          ctx,
          slots,
        ),
      );
  }
  return out;
}

/**
 * Changed occurrences older than their series (a lower SEQUENCE) for a slot in the window that the
 * series no longer has: cut short by UNTIL or COUNT, that day taken out, the series moved. The
 * series changed after them; they are older versions, as they are when the series comes in a
 * later file. (Google keeps changed occurrences at a lower SEQUENCE than their series, for slots
 * the series has: those stand.)
 */
function staleOverrides(
  master: Version | undefined,
  overrides: readonly Override[],
  slots: readonly Slot[] | undefined,
  ctx: Context,
): ReadonlySet<Override> {
  if (!master || !slots) return NO_OVERRIDES;
  const older = overrides.filter(
    (o) => o.sequence < master.sequence && o.recurrenceId.ms >= ctx.windowStart && o.recurrenceId.ms <= ctx.now,
  );
  if (older.length === 0) return NO_OVERRIDES;
  const rids = new Set(slots.map((slot) => slot.rid));
  return new Set(older.filter((o) => !rids.has(o.recurrenceId.ms)));
}

const NO_OVERRIDES: ReadonlySet<Override> = new Set();

/**
 * The occurrences of a master in the window (its slots a changed occurrence does not replace).
 * A series with none there and no changed occurrence there either (`changedInWindow`) is counted
 * as one meeting left out, still to come or over before the window.
 */
function masterOccurrences(
  master: Version,
  overrides: readonly Version[],
  changedInWindow: boolean,
  ctx: Context,
  /** the series' slots, when expanded already */
  expanded?: Slot[],
): MeetingOccurrence[] {
  const start = master.start;
  if (!start) {
    // a guest's answer (REPLY) need not say when the meeting is: it is counted as an answer, not
    // as a meeting without a time
    if (!isAnswer(master))
      ctx.drop(master.source.where, 'no_start', 'the event has no DTSTART, so it has no time; skipped');
    return [];
  }
  if (!master.recurring) {
    if (start.ms > ctx.now) {
      ctx.skip('future');
      return [];
    }
    return [toOccurrence(master, { rid: start.ms, start: start.ms, end: start.ms + master.durationMs }, false)];
  }
  // an override replaces its slot, or removes it when cancelled; either way the master's is not used
  const replaced = new Set(overrides.map((o) => o.recurrenceId?.ms));
  const slots = expanded ?? expandSeries(master, start, ctx);
  // a changed occurrence whose RECURRENCE-ID names no slot in the window (up to the last one
  // expanded, should the rule be cut off) replaces nothing: it is counted besides the series
  const rids = new Set(slots.map((s) => s.rid));
  const last = slots.reduce((max, s) => Math.max(max, s.rid), Number.NEGATIVE_INFINITY);
  for (const o of overrides) {
    const rid = o.recurrenceId;
    if (!rid || rids.has(rid.ms) || rid.ms < ctx.windowStart || rid.ms > Math.min(ctx.now, last)) continue;
    ctx.issue(
      o.source.where,
      'unmatched_recurrence_id',
      `its RECURRENCE-ID (${new Date(rid.ms).toISOString()}) is no occurrence of its series; it was read as a meeting of its own`,
    );
  }
  // nothing in the window, changed occurrences included: a series still to come, or over long ago
  if (slots.length === 0 && !changedInWindow) ctx.skip(start.ms > ctx.now ? 'future' : 'before_window');
  // a change made for this and every later occurrence (RANGE=THISANDFUTURE), latest first
  const future = overrides
    .filter((o) => o.thisAndFuture && o.recurrenceId)
    .sort((a, b) => (b.recurrenceId?.ms ?? 0) - (a.recurrenceId?.ms ?? 0));
  const out: MeetingOccurrence[] = [];
  for (const slot of slots) {
    if (replaced.has(slot.rid)) continue;
    const from = future.find((o) => (o.recurrenceId?.ms ?? Number.POSITIVE_INFINITY) < slot.rid);
    if (!from) {
      out.push(toOccurrence(master, slot, true));
      continue;
    }
    if (isCancelled(from)) {
      ctx.skip('cancelled');
      continue;
    }
    // the slot moves as the change moved its first occurrence, and lasts as long
    const rid = from.recurrenceId?.ms ?? slot.rid;
    const begin = slot.rid + ((from.start?.ms ?? rid) - rid);
    if (begin > ctx.now) {
      ctx.skip('future');
      continue;
    }
    const length = from.start ? from.durationMs : master.durationMs;
    out.push(toOccurrence(inherit(from, master), { rid: slot.rid, start: begin, end: begin + length }, true));
  }
  return out;
}

/**
 * An override that leaves out the title, place or guests (Zimbra writes only what changed) keeps
 * the master's: it moves one occurrence of the same meeting, it does not empty it.
 */
function inherit<V extends Version>(o: V, master: Version): V {
  return {
    ...o,
    summary: o.summary ?? master.summary,
    location: o.location ?? master.location,
    organizer: o.organizer ?? master.organizer,
    attendees: o.listsAttendees ? o.attendees : master.attendees,
    invitesGroup: o.listsAttendees ? o.invitesGroup : master.invitesGroup,
    conferenceUrl: o.conferenceUrl ?? master.conferenceUrl,
  };
}

/**
 * A changed occurrence (RECURRENCE-ID), or why it gives none: `cancelled` (counted here), or
 * outside the window (`before_window`, `future`: for the caller to count).
 */
function overrideOccurrence(
  o: Override,
  masterDurationMs: number,
  ctx: Context,
): MeetingOccurrence | 'cancelled' | 'before_window' | 'future' {
  const rid = o.recurrenceId;
  if (isCancelled(o)) {
    ctx.skip('cancelled');
    return 'cancelled';
  }
  // an override without DTSTART changes something other than the time: the slot keeps the master's
  const start = o.start?.ms ?? rid.ms;
  if (start < ctx.windowStart) return 'before_window';
  if (start > ctx.now) return 'future';
  const duration = o.start ? o.durationMs : masterDurationMs;
  return toOccurrence(o, { rid: rid.ms, start, end: start + duration }, true);
}

/** How a later file names the same version: the UID, or UID@RECURRENCE-ID for a changed occurrence. */
function versionKey(v: Version): string {
  return v.recurrenceId ? `${v.uid}@${new Date(v.recurrenceId.ms).toISOString()}` : v.uid;
}

/**
 * What a file says about each event or changed occurrence it holds, for an import to compare
 * with what earlier files stored: its SEQUENCE, whether it is cancelled (a series from the
 * cancellation on, see cancelledAt: a CANCEL's DTSTAMP, an export's LAST-MODIFIED; anything else
 * whole), and who declined in it (a REPLY of the user's
 * declining takes the meeting out too).
 */
export interface IcsEvent {
  readonly key: string;
  readonly uid: string;
  /** a changed occurrence (RECURRENCE-ID), not a whole event or series */
  readonly occurrence: boolean;
  /** a changed occurrence's RECURRENCE-ID, epoch ms: the slot of its series it changes */
  readonly recurrenceAt?: number;
  readonly sequence: number;
  /**
   * when this version was last changed (LAST-MODIFIED), epoch ms; 0 when the file does not say.
   * An export's DTSTAMP is not it (the time of the export); an organizer's message without
   * LAST-MODIFIED (REQUEST, ADD, CANCEL) is dated by its DTSTAMP, the time it was sent, which
   * orders two messages of one SEQUENCE (RFC 5546 2.1.5) across files as within one.
   */
  readonly modified: number;
  /** cancelled: occurrences starting at or after this (epoch ms; 0 for all) are called off */
  readonly cancelledFrom?: number | undefined;
  /**
   * a cancellation of the whole event that does not say it recurs (RFC 5546 does not ask a CANCEL
   * for the RRULE): its DTSTAMP (see cancelledAt), from which a series stored from other files is called off
   */
  readonly cancelledSeriesFrom?: number | undefined;
  /** lower-case emails of attendees who declined or delegated */
  readonly declined: readonly string[];
  /** an attendee's answer (REPLY), which never replaces the organizer's version */
  readonly answer: boolean;
  /** guests' answers (REPLYs) the file holds to this version, each guest's latest */
  readonly answers?: readonly Answer[] | undefined;
}

/** The organizer's messages, dated by when they were sent (DTSTAMP). */
const SENT_METHODS: ReadonlySet<string> = new Set(['REQUEST', 'ADD', 'CANCEL']);

export function eventsOf(chosen: readonly Version[]): IcsEvent[] {
  return chosen.map((v) => ({
    key: versionKey(v),
    uid: v.uid,
    occurrence: v.recurrenceId !== undefined,
    ...(v.recurrenceId ? { recurrenceAt: v.recurrenceId.ms } : {}),
    sequence: v.sequence,
    modified: v.modified > 0 ? v.modified : SENT_METHODS.has(v.source.method ?? '') ? Math.max(0, v.stamp) : 0,
    ...(isCancelled(v) ? { cancelledFrom: v.recurring && !v.recurrenceId ? cancelledAt(v) : 0 } : {}),
    ...(isCancelled(v) && !v.recurring && !v.recurrenceId && cancelledAt(v) > 0
      ? { cancelledSeriesFrom: cancelledAt(v) }
      : {}),
    declined: v.attendees
      .filter((a) => a.email && (a.partstat === 'DECLINED' || a.partstat === 'DELEGATED'))
      .map((a) => (a.email as string).trim().toLowerCase()),
    answer: isAnswer(v),
    ...(v.replied && v.replied.length > 0 ? { answers: v.replied } : {}),
  }));
}

function toOccurrence(v: Version, slot: Slot, recurring: boolean): MeetingOccurrence {
  const allDay = v.start ? v.allDay : (v.recurrenceId?.time.isDate ?? false);
  return {
    where: v.source.where,
    externalId: recurring ? `${v.uid}@${new Date(slot.rid).toISOString()}` : v.uid,
    versionKey: versionKey(v),
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
    ...(v.invitesGroup ? { invitesGroup: true } : {}),
    status: v.status,
    method: v.source.method,
    allDay,
    conferenceUrl: v.conferenceUrl,
    ...(v.replied && v.replied.length > 0 ? { replied: v.replied } : {}),
  };
}
