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

/**
 * The organizer: an address and a name, or a name alone when the file gives no address for them
 * (Outlook's `invalid:nomail`, an Exchange X.500 path), as a guest without one is named.
 */
export function readOrganizer(prop: Property | null): Organizer | undefined {
  const address = prop ? addressOf(prop) : undefined;
  if (!prop || address === undefined || address === NOT_A_PERSON) return undefined;
  if (address === NO_ADDRESS) {
    const name = guestName(paramOf(prop, 'cn'));
    return name === undefined ? undefined : { name };
  }
  return { email: address, name: nameOf(paramOf(prop, 'cn'), address) };
}

/** Where a meeting is: its LOCATION's parts and Outlook's X-MICROSOFT-LOCATIONS (names and room addresses), lower case. */
export interface Places {
  readonly names: ReadonlySet<string>;
  readonly addresses: ReadonlySet<string>;
}

export const NO_PLACES: Places = { names: new Set(), addresses: new Set() };

/**
 * The places a meeting names: LOCATION split at semicolons (Outlook joins several rooms so), and
 * the DisplayName and LocationUri of each entry of Outlook's X-MICROSOFT-LOCATIONS (JSON).
 */
export function placesOf(location: string | undefined, microsoft: string | undefined): Places {
  const names = new Set<string>();
  const addresses = new Set<string>();
  for (const part of (location ?? '').split(';')) {
    const name = part.trim().toLowerCase();
    if (name) names.add(name);
  }
  if (microsoft?.trim().startsWith('[')) {
    try {
      const list: unknown = JSON.parse(microsoft);
      if (Array.isArray(list))
        for (const entry of list) {
          if (typeof entry !== 'object' || entry === null) continue;
          const { DisplayName, LocationUri } = entry as { DisplayName?: unknown; LocationUri?: unknown };
          if (typeof DisplayName === 'string' && DisplayName.trim()) names.add(DisplayName.trim().toLowerCase());
          if (typeof LocationUri === 'string' && LocationUri.includes('@'))
            addresses.add(calAddress(LocationUri).toLowerCase());
        }
    } catch {
      // not JSON after all: the LOCATION alone
    }
  }
  return { names, addresses };
}

/**
 * Attendees who are people, once each (by lower-cased email), in file order. A guest named
 * without any address (Outlook writes `invalid:nomail` for a name it could not resolve) is kept
 * by name alone: a meeting with them still happened. Rooms are left out: CUTYPE=ROOM or RESOURCE,
 * and, as Outlook invites rooms without CUTYPE, an attendee the meeting names as its place
 * (LOCATION, X-MICROSOFT-LOCATIONS) or whose name says it is a room ("Conf Room Rainier (12)").
 */
export function readAttendees(props: readonly Property[], places: Places = NO_PLACES): Attendee[] {
  const seen = new Set<string>();
  const out: Attendee[] = [];
  for (const prop of props) {
    const cutype = upper(paramOf(prop, 'cutype'));
    if (cutype === 'ROOM' || cutype === 'RESOURCE') continue;
    if (isPlace(prop, places)) continue;
    const address = addressOf(prop);
    const answer = { partstat: upper(paramOf(prop, 'partstat')), role: upper(paramOf(prop, 'role')), cutype };
    if (address === NOT_A_PERSON) continue;
    if (address === NO_ADDRESS) {
      const name = guestName(paramOf(prop, 'cn'));
      if (!name || seen.has(`name:${name.toLowerCase()}`)) continue;
      seen.add(`name:${name.toLowerCase()}`);
      out.push({ name, ...answer });
      continue;
    }
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push({ email: address, name: nameOf(paramOf(prop, 'cn'), address), ...answer });
  }
  return out;
}

/**
 * The event invites a group: an ATTENDEE with CUTYPE=GROUP, or a mailing list's or Google
 * Group's address (left out of the attendees). Its members, the user perhaps, are not named.
 */
export function invitesGroup(props: readonly Property[]): boolean {
  return props.some((prop) => {
    if (upper(paramOf(prop, 'cutype')) === 'GROUP') return true;
    const value = prop.getFirstValue();
    const email = typeof value === 'string' ? calAddress(value) : '';
    return email.includes('@') && isListHostAddress(email);
  });
}

function isPlace(prop: Property, places: Places): boolean {
  const cn = cleanText(paramOf(prop, 'cn'))?.toLowerCase();
  if (cn !== undefined && (places.names.has(cn) || ROOM_NAME.test(cn))) return true;
  const value = prop.getFirstValue();
  const address = typeof value === 'string' ? calAddress(value).toLowerCase() : '';
  return address !== '' && places.addresses.has(address);
}

/** Names Exchange and Google give rooms: "Conf Room Rainier (12)", "Conference Room 3", "Zoom Room Lobby", "Boardroom". */
const ROOM_NAME =
  /(^|[\s/-])(conf(erence)?\.?[\s-]*room|meeting[\s-]*room|zoom[\s-]*room|teams[\s-]*room|board[\s-]*room|huddle[\s-]*room)s?([\s(/-]|$)/i;

/** A CN that only repeats the address (Google writes CN=the email) says nothing more. */
function nameOf(cn: string | undefined, email: string): string | undefined {
  const name = cleanText(cn);
  if (!name) return undefined;
  const bare = name.replace(/^mailto:/i, '');
  return bare.toLowerCase() === email.toLowerCase() ? undefined : name;
}

/** The name of a guest without an address, when it is one: not an address, a room or a robot. */
function guestName(cn: string | undefined): string | undefined {
  const name = cleanText(cn)?.replace(/\s+/g, ' ');
  if (!name || !/\p{L}/u.test(name) || /[@:<>]/.test(name)) return undefined;
  return isRoomOrRobot(name) ? undefined : name;
}

/**
 * Google Calendar's own addresses: rooms, group and imported calendars, and the placeholder
 * organizer of events imported from elsewhere (unknownorganizer@calendar.google.com).
 */
const NON_PERSON_DOMAINS = ['calendar.google.com'];
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

const NO_ADDRESS = Symbol('no address');
const NOT_A_PERSON = Symbol('not a person');

/**
 * The address of a person named by ATTENDEE or ORGANIZER: its `mailto:` value (any case), else
 * its EMAIL parameter (iCloud and CalDAV servers write `urn:uuid:…` values with the address
 * there); NO_ADDRESS when it has none at all, NOT_A_PERSON for a room, robot, list or
 * calendar address.
 */
function addressOf(prop: Property): string | typeof NO_ADDRESS | typeof NOT_A_PERSON {
  const value = prop.getFirstValue();
  const fromValue = typeof value === 'string' ? personEmail(value) : NO_ADDRESS;
  if (fromValue !== NO_ADDRESS) return fromValue;
  const param = paramOf(prop, 'email');
  return param ? personEmail(param) : NO_ADDRESS;
}

/** A local part or name squeezed ("conf-room-3", "Conference Room 3") that is a room's or a robot's. */
function isRoomOrRobot(text: string): boolean {
  const squeezed = text.toLowerCase().replace(/[-_.\s\d]+/g, '');
  return ROOM_LOCAL_PARTS.has(squeezed) || ROBOT_LOCAL_PARTS.has(squeezed);
}

/** A CAL-ADDRESS value without its `mailto:` (any case) and the spaces around. */
function calAddress(value: string): string {
  return value
    .trim()
    .replace(/^mailto:/i, '')
    .trim();
}

/** The address of a person from a CAL-ADDRESS value, `mailto:` (any case) removed. */
function personEmail(value: string): string | typeof NO_ADDRESS | typeof NOT_A_PERSON {
  const email = calAddress(value);
  const at = email.lastIndexOf('@');
  if (at < 0) return NO_ADDRESS;
  if (at === 0 || !/^[^\s@:<>",;]+@[^\s@:<>",;]+$/.test(email)) return NOT_A_PERSON;
  const local = email.slice(0, at).toLowerCase().split('+')[0] ?? '';
  const domain = email.slice(at + 1).toLowerCase();
  if (isRoomOrRobot(local)) return NOT_A_PERSON;
  // a domain without a dot (Google's "@virtual" birthday guest, "@localhost") reaches no one
  if (!domain.includes('.')) return NOT_A_PERSON;
  if (NON_PERSON_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return NOT_A_PERSON;
  // a Google Group or mailing list invited as one guest: its members are the people
  if (isListHostAddress(email)) return NOT_A_PERSON;
  return email;
}
