/**
 * A meeting occurrence, the result of parsing an iCalendar file, and the interaction it is seen
 * from the user: who the counterparts are, which way it goes, and why some occurrences are none
 * (cancelled, declined by the user, all-day without guests, nobody else there).
 */
import { isOwnAddress, isRoleAddress, nameKey } from '../domain/person.js';
import type { Attendee, Organizer } from './ics-people.js';
import type { Answer } from './ics-version.js';
import type { ContactRef, InteractionRecord, Where } from './records.js';

export interface MeetingOccurrence {
  /** the line of the VEVENT's BEGIN, record `event N` (N counts every VEVENT in the file from 1) */
  readonly where: Where;
  /** `${UID}` for single events, `${UID}@${original start, ISO UTC}` for occurrences of recurring ones */
  readonly externalId: string;
  /**
   * The version it comes from as a later file names it: the UID for a single event or a series'
   * own occurrences, `${UID}@${RECURRENCE-ID, ISO UTC}` for a changed occurrence
   */
  readonly versionKey: string;
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
  readonly organizer?: Organizer | undefined;
  /** people only: rooms, resources and non-person addresses are already removed */
  readonly attendees: readonly Attendee[];
  /** a group or a mailing list is invited (see invitesGroup in ics-people.ts) */
  readonly invitesGroup?: boolean | undefined;
  /** upper case: CANCELLED, CONFIRMED, TENTATIVE */
  readonly status?: string | undefined;
  /** guests' answers (REPLYs) the file holds to its version, each guest's latest */
  readonly replied?: readonly Answer[] | undefined;
  /** the calendar's METHOD, upper case (REQUEST, REPLY, CANCEL, PUBLISH), if any */
  readonly method?: string | undefined;
  readonly allDay: boolean;
  /** a Zoom, Google Meet, Teams or Webex link found in LOCATION, DESCRIPTION or a conference property */
  readonly conferenceUrl?: string | undefined;
}

/** PARTSTATs of people who did not take part: they are not counterparts, and the user is not there. */
const NOT_ATTENDING = new Set(['DECLINED', 'DELEGATED']);

/**
 * The interaction a meeting occurrence is, seen from the user (`me`: lower-cased addresses), or
 * why it is none: `cancelled`, `declined` (by the user), `all_day` (no attendees: birthdays,
 * holidays, out of office), `not_invited` or `no_counterparts`.
 *
 * `not_invited`: a meeting that names attendees, none of them the user nor the organizer, with no
 * group or shared address the user may be in through, from a file that names the user elsewhere
 * but is someone else's calendar (`fileNamesMe`: the app decides, see namesMe and othersCalendar
 * in app/import/calendar.ts). A shared or team calendar holds colleagues' meetings; a file that
 * never names the user may be written for another address of theirs, and in the user's own
 * calendar a meeting may name only a distribution list they are on: those are kept.
 */
export function meetingToInteraction(
  o: MeetingOccurrence,
  me: ReadonlySet<string>,
  /** name keys (nameKey) the user goes by in the file (see ownNames): a guest without an address so named is the user */
  myNames: ReadonlySet<string> = new Set(),
  /** the file is someone else's calendar that names the user (one of `me`) in some meetings: see the doc above */
  fileNamesMe = false,
): InteractionRecord | { skip: string } {
  const isMe = (email: string | undefined) => email !== undefined && isOwnAddress(me, email.trim().toLowerCase());
  // an organizer the file names without an address is the user when named as the user is
  const organizerIsMe =
    isMe(o.organizer?.email) ||
    (!o.organizer?.email && o.organizer?.name !== undefined && myNames.has(nameKey(o.organizer.name)));
  if (o.status === 'CANCELLED' || o.method === 'CANCEL') return { skip: 'cancelled' };
  if (o.attendees.some((a) => isMe(a.email) && NOT_ATTENDING.has(a.partstat ?? ''))) {
    // the user's answer (REPLY) declining a whole series counts for nothing its occurrences from
    // the answer's DTSTAMP on: those before it happened (a CANCEL of the series is read so too)
    const from = o.recurrenceId !== undefined && o.versionKey === o.uid ? declinedFrom(o.replied, isMe) : undefined;
    if (from === undefined || o.start >= from) return { skip: 'declined' };
  }
  if (o.allDay && o.attendees.length === 0) return { skip: 'all_day' };
  if (fileNamesMe && o.attendees.length > 0 && !o.invitesGroup && !organizerIsMe) {
    const mine = (a: Attendee) =>
      isMe(a.email) ||
      (a.email !== undefined && isRoleAddress(a.email)) ||
      (!a.email && a.name !== undefined && myNames.has(nameKey(a.name)));
    if (!o.attendees.some(mine)) return { skip: 'not_invited' };
  }
  const counterparts = counterpartsOf(o, isMe, myNames);
  if (counterparts.length === 0) return { skip: 'no_counterparts' };
  const organizer = o.organizer?.email || namedOrganizer(o, isMe) ? o.organizer : undefined;
  const organizedByMe = organizerIsMe;
  const from =
    organizer && !organizedByMe
      ? counterparts.find((c) =>
          organizer.email
            ? c.email?.toLowerCase() === organizer.email.toLowerCase()
            : !c.email && c.name !== undefined && nameKey(c.name) === nameKey(organizer.name ?? ''),
        )
      : undefined;
  return {
    kind: 'interaction',
    where: o.where,
    externalId: o.externalId,
    at: o.start,
    channel: o.conferenceUrl ? 'video' : 'meeting',
    direction: organizedByMe ? 'out' : !organizer ? 'mutual' : 'in',
    depth: 'substantive',
    minutes: o.allDay ? undefined : o.minutes,
    note: o.summary,
    counterparts,
    from,
  };
}

/**
 * When the user declined in their own answer (a REPLY: its DTSTAMP, epoch ms), or undefined when
 * no answer of theirs with a time declines (the version itself says DECLINED: all of it is declined).
 */
export function declinedFrom(
  answers: readonly Answer[] | undefined,
  isMe: (email: string | undefined) => boolean,
): number | undefined {
  const mine = answers?.find((a) => isMe(a.email) && NOT_ATTENDING.has(a.partstat));
  return mine && mine.stamp > 0 ? mine.stamp : undefined;
}

/**
 * Whether a file's meetings name the user (one of `me`) as organizer or attendee anywhere: only
 * then is a meeting they are not named in someone else's (see meetingToInteraction).
 */
export function namesMe(addresses: Iterable<string>, me: ReadonlySet<string>): boolean {
  for (const address of addresses) if (isOwnAddress(me, address)) return true;
  return false;
}

/**
 * The names the user goes by in a calendar: the CNs given to their own addresses, as name keys.
 * A guest named without an address under one of them is the user (Outlook lists its owner so).
 */
export function ownNames(occurrences: readonly MeetingOccurrence[], me: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const o of occurrences)
    for (const p of [o.organizer, ...o.attendees])
      if (p?.email && p.name && isOwnAddress(me, p.email.trim().toLowerCase())) names.add(nameKey(p.name));
  return names;
}

/**
 * The organizer and the attendees other than the user, once each by lower-cased email. Left out:
 * whoever declined or delegated, NON-PARTICIPANT attendees (copied for information) and GROUP
 * addresses (mailing lists, not people). A guest without an address is a counterpart by name,
 * unless the user goes by that name or an attendee with an address has it.
 */
/**
 * The organizer given by name alone (no address: Outlook's invalid:nomail) is someone else only
 * when the meeting names the user by an address among its guests: an Outlook file that gives no
 * address for its owner writes their own meetings so too, and the owner is no counterpart.
 */
function namedOrganizer(o: MeetingOccurrence, isMe: (email: string | undefined) => boolean): boolean {
  return !o.organizer?.email && o.organizer?.name !== undefined && o.attendees.some((a) => isMe(a.email));
}

function counterpartsOf(
  o: MeetingOccurrence,
  isMe: (email: string | undefined) => boolean,
  myNames: ReadonlySet<string>,
): ContactRef[] {
  const byEmail = new Map<string, ContactRef>();
  // a guest's answer (REPLY) declining a whole series leaves it from the answer's DTSTAMP on: the
  // occurrences before it happened with them (as the user's own, see meetingToInteraction)
  const series = o.recurrenceId !== undefined && o.versionKey === o.uid;
  const declinedLater = (email: string) =>
    series && (declinedFrom(o.replied, (e) => e === email) ?? Number.NEGATIVE_INFINITY) > o.start;
  const absent = new Set(
    o.attendees
      .filter((a) => a.email && NOT_ATTENDING.has(a.partstat ?? ''))
      .map((a) => (a.email as string).toLowerCase())
      .filter((email) => !declinedLater(email)),
  );
  const consider = (email: string | undefined, name: string | undefined) => {
    if (!email || isMe(email)) return;
    const key = email.trim().toLowerCase();
    if (absent.has(key)) return;
    const known = byEmail.get(key);
    if (!known) byEmail.set(key, { email, name });
    else if (!known.name && name) byEmail.set(key, { ...known, name });
  };
  const taking = (a: Attendee) => a.role !== 'NON-PARTICIPANT' && a.cutype !== 'GROUP';
  consider(o.organizer?.email, o.organizer?.name);
  for (const a of o.attendees) if (taking(a)) consider(a.email, a.name);
  // guests without an address, by name: after the others, so one also listed with an address is not twice
  const named = new Set([o.organizer, ...o.attendees].flatMap((p) => (p?.email && p.name ? [nameKey(p.name)] : [])));
  const byName = new Map<string, ContactRef>();
  // the organizer named without an address first (they are in their meeting)
  const organizer: Attendee[] = namedOrganizer(o, isMe) ? [{ name: o.organizer?.name }] : [];
  for (const a of [...organizer, ...o.attendees]) {
    if (a.email || !a.name || !taking(a) || NOT_ATTENDING.has(a.partstat ?? '')) continue;
    const key = nameKey(a.name);
    if (!key || myNames.has(key) || named.has(key) || byName.has(key)) continue;
    byName.set(key, { name: a.name });
  }
  return [...byEmail.values(), ...byName.values()];
}
