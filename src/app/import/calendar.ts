import { isOwnAddress, normalizeEmail } from '../../domain/person.js';
import { looksBinary } from '../../importers/decode.js';
import {
  type Answer,
  type Attendee,
  declinedFrom,
  type IcsEvent,
  type IcsResult,
  type MeetingOccurrence,
  meetingToInteraction,
  namesMe,
  ownNames,
  parseIcs,
} from '../../importers/ics.js';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { readFileBytes } from '../file-text.js';
import type { ImportReport } from '../import-report.js';
import { parseOrRefuse } from './contacts.js';
import { breathe, collectGarbage } from './heap.js';
import type { Me } from './me.js';
import type { ImportOptions } from './options.js';
import { ImportSession, type StoredAnswer } from './session.js';

/** Meetings from any calendar file share one source: the same event (UID) never counts twice. */
export const CALENDAR_SOURCE = 'calendar';
/**
 * A calendar's text is read whole, its events a chunk at a time: ten years of a busy calendar take
 * a few tens of megabytes, and 60 MB (60,000 events) peaked at 630 MB; beyond this the text and
 * its lines alone would take more than a gigabyte.
 */
export const MAX_ICS_BYTES = 64 * 2 ** 20;
const GC_EVERY_EVENTS = 10_000;

/**
 * What the file changes in meetings stored by earlier files, before its own are stored: an event
 * cancelled (a series from the cancellation on) or declined by the user is taken out; a newer
 * version (higher SEQUENCE) replaces what was stored of it (its occurrences in the window, which
 * the file then stores anew); an older version changes nothing (its keys are returned, so its
 * occurrences are skipped). An attendee's answer never replaces the organizer's version.
 */
async function applyEventUpdates(
  s: ImportSession,
  parsed: IcsResult,
  me: ReadonlySet<string>,
  now: number,
): Promise<{ outdated: Set<string>; answersOnly: Set<string>; sameSeries: Map<string, number> }> {
  const outdated = new Set<string>();
  /** series of the same version as one kept before, by key: how far that one was expanded (see otherReading) */
  const sameSeries = new Map<string, number>();
  /** answers (REPLYs) the file would store as the meeting, for want of its organizer's version, kept from an earlier file */
  const answersOnly = new Set<string>();
  const versions = await s.eventVersions();
  const answers = await s.eventAnswers();
  const calledOff = await s.calledOffEvents();
  for (const ev of parsed.events) {
    const kept = versions.get(ev.key);
    const stored = kept?.sequence ?? 0;
    // the organizer's planned event, older than a CANCEL imported before that did not say whether
    // it recurs: its occurrences before the cancellation are stored (see the occurrences' check)
    if (!ev.answer && ev.cancelledFrom === undefined && ev.sequence < stored && calledOff.get(ev.key)?.how === 3)
      continue;
    // the same SEQUENCE changed later (a calendar edited without raising it) is a newer version,
    // changed earlier an older one; a change time on one side only: the one that has it is newer
    // if it is the file's (the stored version said nothing), else nothing is known; a version
    // kept before its change time was recorded (null) is neither
    const later =
      kept === undefined || kept.modified === null || ev.modified === 0
        ? 0
        : kept.modified === 0
          ? 1
          : Math.sign(ev.modified - kept.modified);
    if (ev.sequence < stored || (ev.sequence === stored && later < 0 && !ev.answer)) {
      outdated.add(ev.key);
      // the organizer's plan, older than a cancellation imported before that gave its rule but no
      // length: the meetings that cancellation kept (those before it) last as long as planned
      const off = calledOff.get(ev.key);
      if (!ev.answer && ev.cancelledFrom === undefined && off?.how === 1 && ev.sequence <= off.sequence) {
        const minutes = parsed.occurrences.find((o) => o.versionKey === ev.key && !o.allDay)?.minutes ?? 0;
        if (minutes > 0) await s.fillMinutes(await s.storedIds({ prefix: `${ev.uid}@` }), minutes);
      }
      continue;
    }
    // one occurrence called off by a version older than the series stored before this file (a
    // CANCEL sent before the organizer updated the series): the newer series decides
    const seriesBefore = ev.occurrence ? versions.get(ev.uid) : undefined;
    if (
      seriesBefore &&
      ev.sequence < seriesBefore.sequence &&
      (ev.cancelledFrom !== undefined || ev.declined.length > 0)
    ) {
      outdated.add(ev.key);
      continue;
    }
    // a changed occurrence older than the series stored before its file, for a slot in the window
    // that series has not though it was expanded past it (cut short, that day taken out, moved): an
    // older version, as it is when the series comes after it or in the same file (see staleOverrides)
    if (
      seriesBefore?.expandedTo != null &&
      !ev.answer &&
      ev.sequence < seriesBefore.sequence &&
      ev.recurrenceAt !== undefined &&
      ev.recurrenceAt >= parsed.windowStart &&
      ev.recurrenceAt <= Math.min(now, seriesBefore.expandedTo) &&
      (await s.storedIds({ key: ev.key })).length === 0
    ) {
      outdated.add(ev.key);
      continue;
    }
    const match = ev.occurrence ? { key: ev.key } : { prefix: `${ev.uid}@` };
    // a single meeting's one interaction (keyed by its UID), then a series' occurrences
    const ids = async (from?: number, singleFrom: number | null = from ?? null) => [
      ...(ev.occurrence ? [] : await s.storedIds({ key: ev.uid }, singleFrom ?? undefined)),
      ...(await s.storedIds(match, from)),
    ];
    // the user's own answer (a REPLY) older than one kept from an earlier file has had its say:
    // the newer answer wins whatever the order of the files, as for guests (see applyAnswers)
    const mine = ownAnswer(ev, me, answers);
    let lifted = false;
    const declined = ev.declined.some((email) => isOwnAddress(me, email)) && mine?.stale !== true;
    /** who was in the meetings the user's decline takes out */
    let declinedPeople: { email?: string; name: string }[] = [];
    if (mine && !mine.stale) {
      await s.keepEventAnswer(ev.key, mine.answer.email, mine.kept);
      const byGuest = answers.get(ev.key) ?? new Map<string, StoredAnswer>();
      byGuest.set(mine.answer.email, mine.kept);
      answers.set(ev.key, byGuest);
      // accepted (or tentative) since the user declined: no longer called off; the meeting comes
      // again from this file (its organizer's version, or the answer itself)
      if (!NOT_ATTENDING.has(mine.answer.partstat) && mine.before && NOT_ATTENDING.has(mine.before.partstat)) {
        await s.liftDecline(ev.key);
        lifted = true;
      }
    }
    // an answer to an event whose organizer's version an earlier file gave: the meeting is that
    // version's (a series' occurrences, or its single meeting), and this is only an answer, unless
    // it takes back the user's decline (the meeting then comes from it, as the answer says)
    if (ev.answer && kept !== undefined && !ev.occurrence && !lifted) answersOnly.add(ev.key);
    // the user's answer (REPLY) declining a whole event: a series is called off from the answer's
    // DTSTAMP on (what happened before stays, as for a CANCEL), a single meeting whole
    const declineFrom =
      declined && !ev.occurrence ? declinedFrom(ev.answers, (e) => e !== undefined && isOwnAddress(me, e)) : undefined;
    // a CANCEL that does not say the event recurs: a series stored from other files is called off
    // from the cancellation on, as when the CANCEL gives its rule (what happened before stays)
    const seriesFrom = ev.cancelledSeriesFrom;
    if (seriesFrom !== undefined) await s.removeInteractions(await ids(seriesFrom, null));
    else if (ev.cancelledFrom !== undefined) await s.removeInteractions(await ids(ev.cancelledFrom || undefined));
    else if (declined) {
      const gone = await ids(declineFrom, null);
      declinedPeople = await s.peopleIn(gone);
      await s.removeInteractions(gone);
    }
    // the series' occurrences in the window come again from this file; older ones stay, while a
    // single meeting comes again however old it is. A changed occurrence no file gave before (a
    // moved meeting, often without a higher SEQUENCE) replaces the one its series gave; a meeting
    // no organizer's version was kept of was stored from an answer (a REPLY), and the
    // organizer's replaces it
    else if (!ev.answer && (ev.sequence > stored || later > 0 || (ev.occurrence && kept === undefined)))
      await s.removeInteractions(await ids(parsed.windowStart, null));
    // a meeting stored from a guest's reply alone (keyed by its UID), and occurrences stored so
    // (with no version of their own kept: a guest answering one occurrence); those of a series
    // stored by their own versions stay
    else if (!ev.answer && kept === undefined && !ev.occurrence)
      await s.removeInteractions([
        ...(await s.storedIds({ key: ev.uid })),
        ...(await s.stored({ prefix: `${ev.uid}@` })).filter((o) => !versions.has(o.key)).map((o) => o.id),
      ]);
    if (!ev.answer && !ev.occurrence && kept?.expandedTo != null && ev.sequence === stored && later === 0)
      sameSeries.set(ev.key, kept.expandedTo);
    // a file that does not say when the version changed keeps the time known of the same version
    const modified = ev.sequence === stored && ev.modified === 0 ? (kept?.modified ?? 0) : ev.modified;
    if (!ev.answer && (ev.sequence !== stored || kept?.modified !== modified))
      await s.keepEventVersion(ev.key, ev.sequence, modified);
    if (!ev.answer && !ev.occurrence) await s.noteExpandedTo(ev.key, now);
    await applyAnswers(s, ev, answers, me, ev.sequence >= stored ? ids : undefined);
    // a meeting or one occurrence called off stays so against a version no newer, from any file
    // imported later; a series cancelled from a moment on (its CANCEL's DTSTAMP), from then on
    if (seriesFrom !== undefined) await s.callOffEvent(ev.key, ev.sequence, 3, seriesFrom);
    else if (ev.cancelledFrom !== undefined) await s.callOffEvent(ev.key, ev.sequence, 1, ev.cancelledFrom || null);
    else if (declined) {
      await s.callOffEvent(ev.key, ev.sequence, 2, declineFrom ?? null);
      await s.keepDeclinedWith(ev.key, declinedPeople);
    }
  }
  return { outdated, answersOnly, sameSeries };
}

/**
 * Whether a calendar's meetings with guests name the user (as organizer or guest) in fewer than
 * half of them: a calendar of someone else's that the user is in now and then.
 */
function othersCalendar(occurrences: readonly MeetingOccurrence[], me: ReadonlySet<string>): boolean {
  let withGuests = 0;
  let mine = 0;
  for (const o of occurrences) {
    if (o.attendees.length === 0) continue;
    withGuests++;
    if (isOwnAddress(me, o.organizer?.email ?? '') || o.attendees.some((a) => a.email && isOwnAddress(me, a.email)))
      mine++;
  }
  return mine * 2 < withGuests;
}

/** PARTSTATs of a guest who will not be there. */
const NOT_ATTENDING = new Set(['DECLINED', 'DELEGATED']);

/**
 * The user's own answer (a REPLY) a file holds to an event: the answer, as it would be kept, the
 * user's answer kept before (from an earlier file), and whether that one is newer (`stale`: a
 * higher SEQUENCE answered, or the same one answered at the same time or later).
 */
function ownAnswer(
  ev: IcsEvent,
  me: ReadonlySet<string>,
  kept: ReadonlyMap<string, ReadonlyMap<string, StoredAnswer>>,
): { answer: Answer; kept: StoredAnswer; before: StoredAnswer | undefined; stale: boolean } | undefined {
  const answer = ev.answers?.find((a) => isOwnAddress(me, a.email));
  if (!answer) return undefined;
  let before: StoredAnswer | undefined;
  for (const [email, a] of kept.get(ev.key) ?? [])
    if (
      isOwnAddress(me, email) &&
      (!before || a.sequence > before.sequence || (a.sequence === before.sequence && a.stamp > before.stamp))
    )
      before = a;
  const stale =
    before !== undefined &&
    (before.sequence > ev.sequence || (before.sequence === ev.sequence && before.stamp >= answer.stamp));
  return { answer, kept: { sequence: ev.sequence, stamp: answer.stamp, partstat: answer.partstat }, before, stale };
}

/**
 * Guests' answers (REPLYs) a file holds, kept when newer than those kept before (to a higher
 * SEQUENCE, or the same one later): meetings stored before follow them (`stored` gives their ids,
 * when the answers are to the version stored or a newer one), a guest who declined taken out and
 * one who accepted since put back; meetings of a file imported later take them in (see
 * withAnswers). The user's own answers are kept above (see ownAnswer).
 */
async function applyAnswers(
  s: ImportSession,
  ev: IcsEvent,
  kept: Map<string, Map<string, StoredAnswer>>,
  me: ReadonlySet<string>,
  stored: ((from?: number, singleFrom?: number | null) => Promise<number[]>) | undefined,
): Promise<void> {
  for (const a of ev.answers ?? []) {
    if (isOwnAddress(me, a.email)) continue;
    const before = kept.get(ev.key)?.get(a.email);
    if (before && (before.sequence > ev.sequence || (before.sequence === ev.sequence && before.stamp >= a.stamp)))
      continue;
    const answer = { sequence: ev.sequence, stamp: a.stamp, partstat: a.partstat };
    await s.keepEventAnswer(ev.key, a.email, answer);
    const byGuest = kept.get(ev.key) ?? new Map<string, StoredAnswer>();
    byGuest.set(a.email, answer);
    kept.set(ev.key, byGuest);
    const declines = NOT_ATTENDING.has(a.partstat);
    if (!stored || (!declines && !(before && NOT_ATTENDING.has(before.partstat)))) continue;
    // a guest declining a whole series leaves it from the answer on (the meetings before it
    // happened with them, as for the user's own decline); a single meeting or occurrence whole
    const from = declines && !ev.occurrence && a.stamp > 0 ? a.stamp : undefined;
    const later = await stored(from, null);
    await s.answerGuest(later, a.email, !declines, a.name);
    // …and they were at those before it, even when the organizer's file (a later export of it)
    // already shows them declined for the whole series
    if (from !== undefined) {
      const after = new Set(later);
      const before = (await stored(undefined, null)).filter((id) => !after.has(id));
      if (before.length > 0) await s.answerGuest(before, a.email, true, a.name);
    }
  }
}

/**
 * An occurrence with the guests' answers kept from earlier files, where they are to its version
 * or a newer one and later than any answer of the guest's in this file.
 */
function withAnswers(
  o: MeetingOccurrence,
  kept: Map<string, Map<string, StoredAnswer>>,
  me: ReadonlySet<string>,
): MeetingOccurrence {
  // answers to this occurrence (RECURRENCE-ID), else to its version, else to its series
  const own = kept.get(o.externalId) ?? (o.versionKey !== o.uid ? kept.get(o.versionKey) : undefined);
  const byGuest = own ?? kept.get(o.uid);
  if (!byGuest) return o;
  // an answer to a whole series declines the occurrences from its time on, not those before it
  const bySeries = own === undefined && o.externalId !== o.uid;
  let changed = false;
  const attendees = o.attendees.map((a) => {
    const email = a.email?.trim().toLowerCase();
    const answer = email === undefined ? undefined : byGuest.get(email);
    if (!answer || answer.sequence < o.sequence) return a;
    // a decline of the whole series: the occurrences before it had them (an organizer's later
    // export shows them declined for all)
    if (bySeries && NOT_ATTENDING.has(answer.partstat) && answer.stamp > 0 && o.start < answer.stamp) {
      if (!NOT_ATTENDING.has(a.partstat ?? '')) return a;
      changed = true;
      return { ...a, partstat: 'ACCEPTED' };
    }
    if (answer.partstat === a.partstat) return a;
    // the user's own decline kept is a call-off (from its time on, for a series): see applyEventUpdates
    if (isOwnAddress(me, email as string) && NOT_ATTENDING.has(answer.partstat)) return a;
    const here = o.replied?.find((r) => r.email === email);
    if (here && here.stamp >= answer.stamp) return a;
    changed = true;
    return { ...a, partstat: answer.partstat };
  });
  return changed ? { ...o, attendees } : o;
}

/**
 * Imports an iCalendar file: each meeting (each occurrence of a recurring one, up to now)
 * becomes an interaction with its attendees; the user is told apart by their addresses.
 */
export async function importCalendar(
  ctx: Context,
  file: string,
  report: ImportReport,
  opts: ImportOptions,
  me: Me,
  /** every file of the import: the user's address, when guessed, is the one in most meetings of them all */
  all: readonly string[] = [file],
): Promise<void> {
  const read = async (path: string) => {
    const bytes = await readFileBytes(path, MAX_ICS_BYTES);
    if (looksBinary(bytes))
      throw new AppError('file_rejected', `${path} is not an iCalendar file: it holds binary data`);
    // a calendar is read whole (a large one for half a minute): the stage is shown meanwhile
    opts.onProgress?.('reading', 0, bytes.length);
    // V8 lets the heap grow far past what a parse keeps (300 MB alive made 1.1 GB on a 60 MB
    // calendar): a full collection every GC_EVERY_EVENTS events keeps the headroom down
    let collected = 0;
    const onChunk = (events: number) => {
      if (events - collected < GC_EVERY_EVENTS) return;
      collected = events;
      collectGarbage();
    };
    const parsed = parseOrRefuse(path, () => parseIcs(bytes, { now: ctx.now, onChunk }));
    opts.onProgress?.('reading', bytes.length, bytes.length);
    // the file's text and lines are garbage now: let them go before the meetings are stored
    if (collected > 0) collectGarbage();
    // a Ctrl-C during the reading is acted on now, before anything is written
    await breathe();
    return parsed;
  };
  const parsed = await read(file);
  const addresses = await me.get(async () => {
    // the calendar's owner is in nearly every meeting, as organizer or attendee
    const counts = new Map<string, number>();
    for (const path of all) {
      // a file that cannot be read is refused when its own turn comes
      const other = path === file ? parsed : await read(path).catch(() => undefined);
      for (const o of other?.occurrences ?? []) {
        const seen = new Set<string>();
        if (o.organizer?.email) seen.add(normalizeEmail(o.organizer.email));
        for (const a of o.attendees) if (a.email) seen.add(normalizeEmail(a.email));
        for (const address of seen) counts.set(address, (counts.get(address) ?? 0) + 1);
      }
    }
    return counts;
  });
  await ImportSession.run(
    ctx,
    { file, source: CALENDAR_SOURCE, report, dryRun: opts.dryRun ?? false },
    async (s) => {
      for (const issue of parsed.issues) s.issue(issue);
      for (const [reason, n] of Object.entries(parsed.skipped)) s.skip(reason, n);
      report.events = (report.events ?? 0) + parsed.vevents;
      report.meetings = (report.meetings ?? 0) + parsed.meetings;
      s.answers(parsed.answers);
      const { outdated, answersOnly, sameSeries } = await applyEventUpdates(s, parsed, addresses, ctx.now);
      const versions = await s.eventVersions();
      const calledOff = await s.calledOffEvents();
      const answers = await s.eventAnswers();
      const declinedWith = await s.declinedWith();
      const myNames = ownNames(parsed.occurrences, addresses);
      // someone else's calendar (a colleague's, a team's): it names the user in some of its
      // meetings with guests, not in most; a meeting it names others in, never them, is not
      // theirs. In the user's own calendar a meeting may name only a distribution list they are on
      const fileNamesMe = namesMe(parsed.named, addresses) && othersCalendar(parsed.occurrences, addresses);
      let done = 0;
      let unanswered = 0;
      for (const o of parsed.occurrences) {
        if (outdated.has(o.versionKey)) {
          s.skip('outdated');
          continue;
        }
        if (answersOnly.has(o.versionKey)) {
          report.meetings = (report.meetings ?? 0) - 1;
          s.answers(1);
          continue;
        }
        // a meeting, or an occurrence of a series, that a version as new as this one called off
        // (an earlier file's CANCEL, or the user's REPLY declining it: a series from its DTSTAMP on, a single
        // meeting whole)
        const off = calledOff.get(o.externalId) ?? calledOff.get(o.versionKey);
        const single = o.recurrenceId === undefined;
        if (
          off !== undefined &&
          off.sequence >= o.sequence &&
          (off.from === null || o.start >= off.from || ((off.how === 2 || off.how === 3) && single))
        ) {
          // (a version older than the one called off is that: three versions of one cancelled meeting
          // are one meeting cancelled, not three)
          s.skip(off.sequence > o.sequence && single ? 'outdated' : off.how === 2 ? 'declined' : 'cancelled');
          // who would have been in it, should the user accept after all (see keepDeclinedWith)
          if (off.how === 2 && off.sequence <= o.sequence)
            await s.keepDeclinedWith(o.versionKey, peopleOf(o, addresses, myNames, fileNamesMe));
          continue;
        }
        // a slot of the series that a changed version of that occurrence, kept from another file
        // and no older, replaces (moved, perhaps beyond now): the change decides, as when both come
        // in one file; a newer series than the change brings the slot back
        const changed =
          o.recurrenceId !== undefined && o.versionKey !== o.externalId ? versions.get(o.externalId) : undefined;
        if (changed !== undefined && changed.sequence >= o.sequence) {
          s.skip('changed_occurrence');
          continue;
        }
        const back = declinedWith.get(o.versionKey);
        const r = meetingToInteraction(
          withAnswers(back ? withPeople(o, back) : o, answers, addresses),
          addresses,
          myNames,
          fileNamesMe,
        );
        if ('skip' in r) s.skip(r.skip);
        else if (await otherReading(s, o, sameSeries.get(o.versionKey), ctx.now - parsed.windowStart))
          s.skip('other_reading');
        else if ((await s.interaction(r)) !== undefined && unansweredByMe(o.attendees, addresses)) unanswered++;
        if (++done % 500 === 0) {
          opts.onProgress?.('meetings', done, parsed.occurrences.length);
          // a Ctrl-C is acted on between meetings: the file's transaction is dropped
          await breathe();
        }
      }
      opts.onProgress?.('meetings', done, parsed.occurrences.length);
      // people often go without answering (a weekly team meeting); the count lets the user judge
      if (unanswered > 0)
        s.issue({
          line: null,
          code: 'unanswered_invitations',
          message: `${unanswered === 1 ? '1 meeting' : `${unanswered} meetings`} you never answered (NEEDS-ACTION) ${unanswered === 1 ? 'was' : 'were'} counted as attended; decline them in your calendar to leave them out`,
        });
    },
    (done, total) => opts.onProgress?.('scoring', done, total),
  );
}

/**
 * A slot of a series whose version an earlier file gave, that the earlier reading did not store
 * though it expanded the series past it (`expandedTo`, within its window of `windowMs`): the same
 * meeting read at another time, not another meeting. Two calendars give one series' floating times
 * in different zones (one names its zone with X-WR-TIMEZONE, the other does not): each slot was
 * counted twice. What the earlier reading did not reach (after `expandedTo`) is new.
 */
async function otherReading(
  s: ImportSession,
  o: MeetingOccurrence,
  expandedTo: number | undefined,
  windowMs: number,
): Promise<boolean> {
  if (expandedTo === undefined || o.recurrenceId === undefined || o.versionKey !== o.uid) return false;
  if (o.recurrenceId > expandedTo || o.recurrenceId < expandedTo - windowMs) return false;
  if ((await s.storedIds({ key: o.externalId })).length > 0) return false;
  // …and the earlier reading stored some of it: a reading that stored none (someone else's
  // calendar, which leaves out what does not name the user) says nothing of where its slots are
  return (await s.storedIds({ prefix: `${o.uid}@` })).length > 0;
}

/**
 * The people a meeting would be stored with, were the user there: an invitation a decline kept
 * before leaves out, kept for an acceptance later (see keepDeclinedWith).
 */
function peopleOf(
  o: MeetingOccurrence,
  me: ReadonlySet<string>,
  myNames: Parameters<typeof meetingToInteraction>[2],
  fileNamesMe: boolean,
): { email?: string; name: string }[] {
  const attending = o.attendees.map((a) =>
    a.email && isOwnAddress(me, normalizeEmail(a.email)) ? { ...a, partstat: 'ACCEPTED' } : a,
  );
  const r = meetingToInteraction({ ...o, attendees: attending }, me, myNames, fileNamesMe);
  if ('skip' in r) return [];
  return r.counterparts.flatMap((c) => {
    const email = c.email ? normalizeEmail(c.email) : undefined;
    const name = c.name ?? email;
    if (name === undefined) return [];
    return [email ? { email, name } : { name }];
  });
}

/**
 * A meeting brought back by the user's acceptance from a REPLY, which names only them: the people
 * who were in it when they declined join it (see keepDeclinedWith).
 */
function withPeople(o: MeetingOccurrence, people: readonly { email?: string; name: string }[]): MeetingOccurrence {
  const organizer = o.organizer?.email?.toLowerCase();
  const emails = new Set(o.attendees.flatMap((a) => (a.email ? [a.email.toLowerCase()] : [])));
  const names = new Set(o.attendees.flatMap((a) => (!a.email && a.name ? [a.name] : [])));
  const added = people
    .filter((p) => (p.email ? !emails.has(p.email) && p.email !== organizer : !names.has(p.name)))
    .map((p) => ({ ...(p.email ? { email: p.email } : {}), name: p.name, partstat: 'ACCEPTED' }));
  return added.length === 0 ? o : { ...o, attendees: [...o.attendees, ...added] };
}

/**
 * The user is invited and says they have not answered: PARTSTAT=NEEDS-ACTION written out (an
 * attendee without one is left alone: many programs write none for the calendar's owner).
 */
function unansweredByMe(attendees: readonly Attendee[], me: ReadonlySet<string>): boolean {
  return attendees.some(
    (a) => a.email !== undefined && a.partstat === 'NEEDS-ACTION' && isOwnAddress(me, normalizeEmail(a.email)),
  );
}
