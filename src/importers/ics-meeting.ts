/**
 * A meeting occurrence, the result of parsing an iCalendar file, and the interaction it is seen
 * from the user: who the counterparts are, which way it goes, and why some occurrences are none
 * (cancelled, declined by the user, all-day without guests, nobody else there).
 */
import { isOwnAddress } from '../domain/person.js';
import type { Attendee, Organizer } from './ics-people.js';
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
  /** upper case: CANCELLED, CONFIRMED, TENTATIVE */
  readonly status?: string | undefined;
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
 * holidays, out of office) or `no_counterparts`.
 */
export function meetingToInteraction(
  o: MeetingOccurrence,
  me: ReadonlySet<string>,
): InteractionRecord | { skip: string } {
  const isMe = (email: string | undefined) => email !== undefined && isOwnAddress(me, email.trim().toLowerCase());
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
