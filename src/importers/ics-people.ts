/**
 * Who in an iCalendar event is a person: ATTENDEE and ORGANIZER read into addresses and names,
 * with rooms, resources, calendar robots, Google's group and resource calendars and addresses
 * that reach no one left out, attendees kept once each, and a CN that only repeats the address dropped.
 */
import type ICAL from 'ical.js';
import { cleanText, paramOf, upper } from './ics-values.js';
import { isListHostAddress } from './mail.js';

type Property = ICAL.Property;

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

/** The organizer of a meeting, when it is a person. */
export interface Organizer {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
}

export function readOrganizer(prop: Property | null): Organizer | undefined {
  const email = prop ? personEmail(prop.getFirstValue()) : undefined;
  if (!prop || !email) return undefined;
  return { email, name: nameOf(paramOf(prop, 'cn'), email) };
}

/** Attendees who are people, once each (by lower-cased email), in file order. */
export function readAttendees(props: readonly Property[]): Attendee[] {
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
  // a Google Group or mailing list invited as one guest: its members are the people
  if (isListHostAddress(email)) return undefined;
  return email;
}
