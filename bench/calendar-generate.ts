/**
 * A seeded generator of a large, realistic calendar export for the import benchmark
 * (bench/import-run.ts): what Google Calendar's "Export" gives for a busy account, ten years of
 * it. It streams to disk and a seed always gives the same bytes; 60,000 VEVENTs make about
 * 60 MB (57 MiB, under the 64 MiB an ics import reads: MAX_ICS_BYTES in src/app/import/calendar.ts).
 *
 * Shape of the calendar:
 * - a VCALENDAR with PRODID, METHOD:PUBLISH, X-WR-CALNAME (the owner) and X-WR-TIMEZONE
 *   (America/New_York), and VTIMEZONE blocks for America/New_York, Europe/Berlin and Asia/Tokyo
 *   (yearly DST rules, as Google writes them); CRLF line ends, lines folded at 75 octets (never
 *   inside a UTF-8 character), TEXT values escaped (`\,` `\;` `\n` `\\`);
 * - VEVENTs roughly in time order over `years` (10) up to `end` and a month past it (meetings
 *   still to come), on working days and hours in the event's zone: single events written in UTC
 *   (…Z, as Google writes them) or with a TZID, series always with a TZID;
 * - meetings with 1–8 guests drawn with a Zipf-like skew from `people` (3,000) named people
 *   (CN, quoted when the name holds a comma), colleagues at the owner's domain and outsiders; the
 *   owner organizes about 40% and is an ATTENDEE of each (ACCEPTED mostly, some TENTATIVE,
 *   NEEDS-ACTION, or DECLINED); some book a room (an ATTENDEE with CUTYPE=ROOM and LOCATION);
 * - DESCRIPTIONs (agendas with commas, semicolons and line breaks, Google Meet's block of text
 *   with X-GOOGLE-CONFERENCE, Zoom links), long enough to be folded; VALARMs (DISPLAY, some EMAIL);
 * - personal events without guests, all-day events (holidays, vacations over several days, a
 *   few offsites with guests), cancelled meetings (STATUS:CANCELLED);
 * - series (about 3% of the VEVENTs): weekly (some every two weeks) or monthly RRULEs ending by
 *   COUNT or UNTIL, some with EXDATEs, some with changed occurrences written as VEVENTs of their
 *   own (RECURRENCE-ID, SEQUENCE raised, moved by an hour or a day);
 * - a few iTIP updates: the same UID twice, SEQUENCE 0 and then a higher SEQUENCE further down the
 *   file with the meeting moved (what a merged export or an invitation update gives).
 *
 * No event starts within two days of `end`, so that which side of "now" each one falls on does
 * not depend on how a reader converts zones or whole days (`future` counts those after it).
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import {
  asciiOf,
  COMPANY_SUFFIX,
  COMPANY_TLD,
  COMPANY_WORDS,
  distinctName,
  drawZipf,
  FREE_MAIL,
  type Rng,
  Sink,
  seeded,
  sentence,
  zipfTable,
} from './mail-generate.js';

export interface CalendarOptions {
  /** VEVENTs written (series, their changed occurrences and both versions of an update included) */
  readonly events: number;
  readonly seed: number;
  /** the calendar's owner (X-WR-CALNAME, and an ATTENDEE of every meeting) */
  readonly owner: string;
  /** distinct people the guests are drawn from */
  readonly people: number;
  /** the benchmark's "now" (epoch ms): the calendar covers `years` before it and a month after */
  readonly end: number;
  /** default 10 */
  readonly years?: number;
}

export interface CalendarStats {
  /** bytes written */
  bytes: number;
  /** VEVENT blocks written */
  vevents: number;
  /** events without RRULE or RECURRENCE-ID, each counted once whatever its versions (cancelled ones included) */
  singles: number;
  /** recurring events (VEVENTs with an RRULE) */
  series: number;
  /** changed occurrences of series, each a VEVENT with a RECURRENCE-ID */
  overrides: number;
  /** EXDATE lines (one date each) */
  exdates: number;
  /** single events written twice: SEQUENCE 0, then a higher SEQUENCE further down */
  updates: number;
  /** single events with STATUS:CANCELLED */
  cancelled: number;
  /** events and changed occurrences (each counted once whatever its versions) the owner declined */
  declined: number;
  /** all-day single events */
  allDay: number;
  /** timed single events without guests */
  personal: number;
  /** single events, not cancelled, that start after `end` */
  future: number;
  /** VEVENTs that book a room (an ATTENDEE with CUTYPE=ROOM) */
  rooms: number;
  /** VALARM blocks */
  alarms: number;
  /** distinct addresses named as ORGANIZER or ATTENDEE, the owner and rooms aside */
  attendees: number;
}

// ---------------------------------------------------------------------------------------------
// time: wall clocks are "naive" epoch ms (the local date and time read as if UTC)

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The day (naive ms, midnight) of the nth weekday (0: Sunday) of a month; n = -1: the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + 7 * (n - 1)) * DAY;
  }
  const last = Date.UTC(year, month + 1, 0);
  return last - ((new Date(last).getUTCDay() - weekday + 7) % 7) * DAY;
}

interface Zone {
  readonly tzid: string;
  /** the zone's offset from UTC, in minutes, at a wall-clock time (never near a transition here) */
  readonly offset: (naive: number) => number;
  readonly vtimezone: readonly string[];
}

const NEW_YORK: Zone = {
  tzid: 'America/New_York',
  offset: (naive) => {
    const y = new Date(naive).getUTCFullYear();
    const from = nthWeekday(y, 2, 0, 2) + 2 * HOUR;
    const to = nthWeekday(y, 10, 0, 1) + 2 * HOUR;
    return naive >= from && naive < to ? -240 : -300;
  },
  vtimezone: [
    'BEGIN:VTIMEZONE',
    'TZID:America/New_York',
    'X-LIC-LOCATION:America/New_York',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'TZNAME:EDT',
    'DTSTART:19700308T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'TZNAME:EST',
    'DTSTART:19701101T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ],
};
const BERLIN: Zone = {
  tzid: 'Europe/Berlin',
  offset: (naive) => {
    const y = new Date(naive).getUTCFullYear();
    const from = nthWeekday(y, 2, 0, -1) + 2 * HOUR;
    const to = nthWeekday(y, 9, 0, -1) + 3 * HOUR;
    return naive >= from && naive < to ? 120 : 60;
  },
  vtimezone: [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'X-LIC-LOCATION:Europe/Berlin',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ],
};
const TOKYO: Zone = {
  tzid: 'Asia/Tokyo',
  offset: () => 540,
  vtimezone: [
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Tokyo',
    'X-LIC-LOCATION:Asia/Tokyo',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0900',
    'TZOFFSETTO:+0900',
    'TZNAME:JST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ],
};
/** the calendar's own zone (X-WR-TIMEZONE) first */
const ZONES = [NEW_YORK, BERLIN, TOKYO] as const;

const toUtc = (zone: Zone, naive: number) => naive - zone.offset(naive) * MINUTE;
const toWall = (zone: Zone, utc: number) => utc + zone.offset(utc + zone.offset(utc) * MINUTE) * MINUTE;

const pad2 = (n: number) => String(n).padStart(2, '0');
/** `20240110T150000` from naive ms */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}
const utcStamp = (ms: number) => `${stamp(ms)}Z`;
const dateOnly = (ms: number) => stamp(ms).slice(0, 8);
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

// ---------------------------------------------------------------------------------------------
// text

/** RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped. */
const escapeText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value, quoted when it holds a colon, semicolon or comma. */
const param = (value: string) => (/[:;,]/.test(value) ? `"${value}"` : value);

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** One content line folded at 75 octets (RFC 5545 3.1), never inside a character, with CRLF. */
export function fold(line: string): string {
  if (line.length <= 75 && Buffer.byteLength(line) <= 75) return `${line}\r\n`;
  let out = '';
  let start = 0;
  let size = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i) ?? 0;
    const units = cp > 0xffff ? 2 : 1;
    const n = utf8Length(cp);
    if (size + n > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      size = 0;
      // a continuation line's leading space is one of its 75 octets
      limit = 74;
    }
    size += n;
    i += units;
  }
  return `${out}${line.slice(start)}\r\n`;
}

const MEETINGS = [
  'Weekly sync',
  'Team standup',
  'Project kickoff',
  'Q{q} planning',
  'Budget review, Q{q}',
  'Design review; API v{n}',
  'Roadmap review',
  'Customer call: {co}',
  'Intro: {co} / {owner}',
  'Interview: Senior Engineer',
  'Interview: Product Manager (onsite)',
  'Coffee chat',
  'Lunch',
  'Board prep',
  'Retro',
  'Sprint planning',
  'Hiring committee',
  'Quarterly business review – {co}',
  'Partnership discussion',
  'Contract review with {co}',
  'Offsite planning',
  'Catch-up',
  'Demo day rehearsal',
  'Office hours',
  'All hands',
  'Brainstorm: pricing, packaging',
  'Café & roadmap',
  'Über-Planung Q{q}',
];
const PERSONAL = [
  'Focus time',
  'Dentist',
  'Gym',
  'Pick up kids',
  'Flight to Berlin',
  'Flight home',
  'Doctor appointment',
  'Block: deep work',
  'Commute',
  'Call mom',
  'Haircut',
  'Lunch',
  'Review inbox',
  'Yoga',
];
const ALL_DAY = ['Holiday', 'Out of office', 'Vacation', 'Conference', 'Public holiday', 'Working from Lisbon'];
const OFFSITES = ['Team offsite', 'Company retreat', 'Leadership summit', 'Hackathon'];
const ROOMS = [
  ['HQ-2-Everest (12) [TV]', 'everest'],
  ['HQ-2-K2 (4)', 'k2'],
  ['HQ-3-Lisbon (8) [VC]', 'lisbon'],
  ['HQ-3-Kyoto (6)', 'kyoto'],
  ['HQ-4-Boardroom (20) [VC]', 'boardroom'],
  ['HQ-4-Phone booth 1 (1)', 'booth1'],
  ['Berlin-1-Spree (10)', 'spree'],
  ['Berlin-2-Tiergarten (4)', 'tiergarten'],
  ['Tokyo-5-Fuji (8)', 'fuji'],
] as const;
const PLACES = [
  'Café Central, 12 Main St',
  'Blue Bottle Coffee',
  'Their office',
  'Zoom',
  'Google Meet',
  'Phone',
  'Microsoft Teams Meeting',
];
const DURATIONS = [15, 25, 30, 30, 30, 45, 50, 60, 60, 60, 90, 120];
const MEET_RULE = '-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-';

// ---------------------------------------------------------------------------------------------
// people

interface Person {
  address: string;
  name: string;
}

function makePeople(r: Rng, count: number, ownerDomain: string, owner: string): Person[] {
  const domains: string[] = [];
  for (let i = 0; i < 150; i++) domains.push(`${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_SUFFIX)}${r.pick(COMPANY_TLD)}`);
  const used = new Set<string>([owner]);
  const names = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const [first, last] = distinctName(r, names);
    // colleagues at the owner's domain, then outsiders
    const roll = r.next();
    const domain =
      roll < 0.4
        ? ownerDomain
        : roll < 0.6
          ? r.pick(FREE_MAIL)
          : (domains[Math.floor(r.next() ** 1.5 * domains.length)] ?? 'example.org');
    const f = asciiOf(first);
    const l = asciiOf(last);
    let local = domain === ownerDomain || r.chance(0.6) ? `${f}.${l}` : `${f[0]}${l}`;
    for (let n = 2; used.has(`${local}@${domain}`); n++) local = `${f}.${l}${n}`;
    used.add(`${local}@${domain}`);
    // some clients write the name "Last, First" (quoted, for its comma)
    people.push({ address: `${local}@${domain}`, name: r.chance(0.1) ? `${last}, ${first}` : `${first} ${last}` });
  }
  return people;
}

// ---------------------------------------------------------------------------------------------
// events

/** -1: the owner */
interface Guest {
  who: number;
  partstat: string;
}

interface Event {
  uid: string;
  /** undefined: a single event written in UTC */
  zone: Zone | undefined;
  /** wall clock in `zone` (naive ms), or UTC; an all-day event's first day */
  start: number;
  end: number;
  allDay: boolean;
  summary: string;
  location: string;
  description: string;
  conference: string;
  /** -1: the owner; undefined: no organizer written (an event without guests) */
  organizer: number | undefined;
  guests: Guest[];
  room: (typeof ROOMS)[number] | undefined;
  rrule: string;
  exdates: number[];
  /** a changed occurrence: its slot's wall clock */
  recurrenceId: number | undefined;
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  created: number;
  modified: number;
  alarms: number;
  transparent: boolean;
}

/**
 * Writes a Google Calendar-like export of `opts.events` VEVENTs to `path`, streaming, and returns
 * what it wrote.
 */
export async function writeCalendar(path: string, opts: CalendarOptions): Promise<CalendarStats> {
  const r = seeded(opts.seed);
  const owner = opts.owner.toLowerCase();
  const ownerDomain = owner.slice(owner.indexOf('@') + 1);
  const ownerName = owner
    .slice(0, owner.indexOf('@'))
    .split(/[._]/)
    .map((w) => `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}`)
    .join(' ');
  const people = makePeople(r, Math.max(1, opts.people), ownerDomain, owner);
  const zipf = zipfTable(people.length, 0.9);
  const years = opts.years ?? 10;
  const first = opts.end - Math.round(years * 365.25 * DAY);
  const last = opts.end + 30 * DAY;
  const span = last - first;
  const exportedAt = opts.end;

  const stats: CalendarStats = {
    bytes: 0,
    vevents: 0,
    singles: 0,
    series: 0,
    overrides: 0,
    exdates: 0,
    updates: 0,
    cancelled: 0,
    declined: 0,
    allDay: 0,
    personal: 0,
    future: 0,
    rooms: 0,
    alarms: 0,
    attendees: 0,
  };
  const named = new Set<number>();

  const out = createWriteStream(path);
  const sink = new Sink(out);
  const line = (text: string) => sink.push(fold(text));

  const uidOf = (n: number) => {
    const alphabet = 'abcdefghijklmnopqrstuv0123456789';
    let id = '';
    for (let i = 0; i < 20; i++) id += alphabet[Math.floor(r.next() * 32)];
    return `${id}${n.toString(32).padStart(6, '0')}@google.com`;
  };
  const cn = (who: number) => (who === -1 ? ownerName : (people[who] as Person).name);
  const addressOf = (who: number) => (who === -1 ? owner : (people[who] as Person).address);
  const fill = (text: string) =>
    text
      .replace('{q}', String(r.int(1, 4)))
      .replace('{n}', String(r.int(2, 5)))
      .replace(
        '{co}',
        r.pick(COMPANY_WORDS).replace(/^./, (c) => c.toUpperCase()),
      )
      .replace('{owner}', ownerName.split(' ')[0] ?? ownerName);

  function description(conference: string): string {
    const parts: string[] = [];
    const roll = r.next();
    if (roll < 0.25) {
      const items = r.int(2, 5);
      const agenda = ['Agenda:'];
      for (let i = 0; i < items; i++) agenda.push(`${i + 1}. ${sentence(r)}`);
      parts.push(agenda.join('\n'));
    } else if (roll < 0.4) parts.push(`${sentence(r)} ${sentence(r)}\n\nNotes, links; and the doc: ${sentence(r)}`);
    else if (roll < 0.47)
      parts.push(
        `${ownerName.split(' ')[0]} is inviting you to a scheduled Zoom meeting.\n\nJoin Zoom Meeting\nhttps://zoom.us/j/${r.int(100_000_000, 999_999_999)}${r.int(10, 99)}?pwd=${r.u32().toString(36)}${r.u32().toString(36)}\n\nMeeting ID: ${r.int(100, 999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)}\nPasscode: ${r.int(100_000, 999_999)}`,
      );
    if (conference)
      parts.push(
        `${MEET_RULE}\nJoin with Google Meet: ${conference}\n\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\n\nPlease do not edit this section.\n${MEET_RULE}`,
      );
    return parts.join('\n\n');
  }

  const meetCode = () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = (n: number) => {
      let w = '';
      for (let i = 0; i < n; i++) w += letters[Math.floor(r.next() * 26)];
      return w;
    };
    return `https://meet.google.com/${word(3)}-${word(4)}-${word(3)}`;
  };

  /** The owner's answer to someone else's meeting. */
  const ownerAnswer = () => {
    const roll = r.next();
    return roll < 0.08 ? 'DECLINED' : roll < 0.13 ? 'TENTATIVE' : roll < 0.17 ? 'NEEDS-ACTION' : 'ACCEPTED';
  };

  /** A meeting with guests at a wall-clock time in `zone`. */
  function meeting(n: number, zone: Zone | undefined, wallZone: Zone, wall: number, minutes: number): Event {
    const count = r.chance(0.5) ? 1 : r.chance(0.6) ? r.int(2, 3) : r.int(4, 8);
    const guests: Guest[] = [];
    const seen = new Set<number>();
    for (let tries = 0; guests.length < count && tries < count * 4; tries++) {
      const p = drawZipf(r, zipf);
      if (seen.has(p)) continue;
      seen.add(p);
      const roll = r.next();
      guests.push({
        who: p,
        partstat: roll < 0.7 ? 'ACCEPTED' : roll < 0.8 ? 'TENTATIVE' : roll < 0.9 ? 'NEEDS-ACTION' : 'DECLINED',
      });
    }
    const byOwner = r.chance(0.4);
    const organizer = byOwner ? -1 : (guests[0]?.who ?? -1);
    if (organizer !== -1 && guests[0]) guests[0].partstat = 'ACCEPTED';
    guests.unshift({ who: -1, partstat: byOwner ? 'ACCEPTED' : ownerAnswer() });
    const room = r.chance(0.12) ? r.pick(ROOMS) : undefined;
    const conference = room === undefined && r.chance(0.2) ? meetCode() : '';
    const utc = toUtc(wallZone, wall);
    const created = utc - r.int(1, 40) * DAY - r.int(0, 23) * HOUR;
    return {
      uid: uidOf(n),
      zone,
      start: zone ? wall : utc,
      end: (zone ? wall : utc) + minutes * MINUTE,
      allDay: false,
      summary: fill(r.pick(MEETINGS)),
      location: room ? room[0] : conference ? '' : r.chance(0.3) ? r.pick(PLACES) : '',
      description: description(conference),
      conference,
      organizer,
      guests,
      room,
      rrule: '',
      exdates: [],
      recurrenceId: undefined,
      sequence: 0,
      status: 'CONFIRMED',
      created,
      modified: Math.min(exportedAt - HOUR, created + r.int(0, 72) * HOUR),
      alarms: r.chance(0.6) ? (r.chance(0.15) ? 2 : 1) : 0,
      transparent: false,
    };
  }

  function write(e: Event): void {
    stats.vevents++;
    line('BEGIN:VEVENT');
    if (e.allDay) {
      line(`DTSTART;VALUE=DATE:${dateOnly(e.start)}`);
      line(`DTEND;VALUE=DATE:${dateOnly(e.end)}`);
    } else if (e.zone) {
      line(`DTSTART;TZID=${e.zone.tzid}:${stamp(e.start)}`);
      line(`DTEND;TZID=${e.zone.tzid}:${stamp(e.end)}`);
    } else {
      line(`DTSTART:${utcStamp(e.start)}`);
      line(`DTEND:${utcStamp(e.end)}`);
    }
    if (e.rrule) line(`RRULE:${e.rrule}`);
    for (const x of e.exdates) line(`EXDATE;TZID=${e.zone?.tzid ?? 'UTC'}:${stamp(x)}`);
    stats.exdates += e.exdates.length;
    line(`DTSTAMP:${utcStamp(exportedAt)}`);
    if (e.organizer !== undefined) line(`ORGANIZER;CN=${param(cn(e.organizer))}:mailto:${addressOf(e.organizer)}`);
    line(`UID:${e.uid}`);
    if (e.recurrenceId !== undefined) line(`RECURRENCE-ID;TZID=${e.zone?.tzid ?? 'UTC'}:${stamp(e.recurrenceId)}`);
    for (const g of e.guests) {
      if (g.who !== -1) named.add(g.who);
      line(
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${g.partstat};${g.partstat === 'NEEDS-ACTION' ? 'RSVP=TRUE;' : ''}CN=${param(cn(g.who))};X-NUM-GUESTS=0:mailto:${addressOf(g.who)}`,
      );
    }
    if (e.organizer !== undefined && e.organizer !== -1) named.add(e.organizer);
    if (e.room) {
      stats.rooms++;
      line(
        `ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=${param(e.room[0])};X-NUM-GUESTS=0:mailto:c_188${e.room[1]}${'0'.repeat(12 - e.room[1].length)}@resource.calendar.google.com`,
      );
    }
    if (e.conference) line(`X-GOOGLE-CONFERENCE:${e.conference}`);
    line(`CREATED:${utcStamp(e.created)}`);
    line(`DESCRIPTION:${escapeText(e.description)}`);
    line(`LAST-MODIFIED:${utcStamp(e.modified)}`);
    line(`LOCATION:${escapeText(e.location)}`);
    line(`SEQUENCE:${e.sequence}`);
    line(`STATUS:${e.status}`);
    line(`SUMMARY:${escapeText(e.summary)}`);
    line(`TRANSP:${e.transparent ? 'TRANSPARENT' : 'OPAQUE'}`);
    for (let a = 0; a < e.alarms; a++) {
      stats.alarms++;
      line('BEGIN:VALARM');
      if (a === 1 && r.chance(0.5)) {
        line('ACTION:EMAIL');
        line('DESCRIPTION:This is an event reminder');
        line('SUMMARY:Alarm notification');
        line(`ATTENDEE:mailto:${owner}`);
        line('TRIGGER:-P1D');
      } else {
        line('ACTION:DISPLAY');
        line('DESCRIPTION:This is an event reminder');
        line(`TRIGGER:-P0DT0H${r.pick([5, 10, 10, 15, 30])}M0S`);
      }
      line('END:VALARM');
    }
    line('END:VEVENT');
    if (e.guests[0]?.who === -1 && e.guests[0].partstat === 'DECLINED') declinedKeys.add(keyOf(e));
  }
  const declinedKeys = new Set<string>();
  const keyOf = (e: Event) => (e.recurrenceId === undefined ? e.uid : `${e.uid}@${e.recurrenceId}`);

  /** A working-day wall clock near `t` (UTC) in `zone`, clear of the two days around `end`. */
  function workingTime(t: number, zone: Zone): number {
    let day = Math.floor(toWall(zone, t) / DAY) * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0) day += DAY;
    else if (weekday === 6) day += 2 * DAY;
    let wall = day + r.int(8 * 4, 17 * 4) * 15 * MINUTE;
    if (Math.abs(toUtc(zone, wall) - opts.end) < 2 * DAY) wall += 4 * DAY;
    return wall;
  }

  // the newer versions of updated meetings, written further down the file
  const pending: { at: number; event: Event }[] = [];
  const total = Math.max(0, Math.floor(opts.events));
  try {
    const zoneLines = ZONES.flatMap((z) => z.vtimezone);
    for (const l of [
      'BEGIN:VCALENDAR',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${owner}`,
      `X-WR-TIMEZONE:${NEW_YORK.tzid}`,
      ...zoneLines,
    ])
      line(l);

    for (let n = 0; stats.vevents + pending.length < total || pending.length > 0; n++) {
      if (sink.full) await sink.flush();
      // newer versions that are due (all of them once the count is reached)
      while (pending.length > 0 && ((pending[0]?.at ?? 0) <= stats.vevents || stats.vevents + pending.length >= total))
        write((pending.shift() as { event: Event }).event);
      const left = total - stats.vevents - pending.length;
      if (left <= 0) continue;
      const t = first + (span * stats.vevents) / Math.max(1, total) + r.int(0, 12) * HOUR;
      const zone = r.chance(0.7) ? NEW_YORK : r.chance(0.65) ? BERLIN : TOKYO;
      const roll = r.next();

      if (roll < 0.03 && t < opts.end - 60 * DAY) {
        // a series, and its changed occurrences after it
        const wall = workingTime(t, zone);
        const e = meeting(n, zone, zone, wall, r.pick([15, 25, 30, 30, 45, 60]));
        e.description = r.chance(0.5) ? e.description : '';
        if (r.chance(0.15)) e.sequence = r.int(1, 3);
        const monthly = r.chance(0.3);
        const interval = !monthly && r.chance(0.2) ? 2 : 1;
        const count = monthly ? r.int(3, 18) : r.int(4, 40);
        // monthly on the same day: one of the first 28, so that every month has it
        const start = monthly
          ? Date.UTC(
              new Date(wall).getUTCFullYear(),
              new Date(wall).getUTCMonth(),
              Math.min(28, new Date(wall).getUTCDate()),
            ) +
            (wall % DAY)
          : wall;
        e.start = start;
        e.end = start + (e.end - wall);
        const slots: number[] = [];
        for (let k = 0; k < count; k++) {
          const d = new Date(start);
          slots.push(
            monthly
              ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes())
              : start + k * 7 * interval * DAY,
          );
        }
        const lastSlot = slots[slots.length - 1] ?? start;
        const ending = r.chance(0.5)
          ? `COUNT=${count}`
          : // UNTIL in UTC (the DTSTART has a TZID): the end of the last meeting's day
            `UNTIL=${utcStamp(toUtc(zone, Math.floor(lastSlot / DAY) * DAY + DAY - 1000))}`;
        e.rrule = monthly
          ? `FREQ=MONTHLY;WKST=SU;${ending};BYMONTHDAY=${new Date(start).getUTCDate()}`
          : `FREQ=WEEKLY;WKST=SU;${ending};${interval > 1 ? `INTERVAL=${interval};` : ''}BYDAY=${BYDAY[new Date(start).getUTCDay()]}`;
        // changed slots: neither the first nor the last, a week clear of now
        const middle = slots.slice(1, -1).filter((s) => toUtc(zone, s) < opts.end - 7 * DAY);
        const taken = new Set<number>();
        const drawSlot = () => {
          for (let tries = 0; tries < 10; tries++) {
            const s = middle[Math.floor(r.next() * middle.length)];
            if (s !== undefined && !taken.has(s)) {
              taken.add(s);
              return s;
            }
          }
          return undefined;
        };
        if (middle.length >= 3 && r.chance(0.25))
          for (let k = r.int(1, 2); k > 0; k--) {
            const s = drawSlot();
            if (s !== undefined) e.exdates.push(s);
          }
        e.exdates.sort((a, b) => a - b);
        const changes: Event[] = [];
        if (middle.length >= 3 && r.chance(0.35))
          for (let k = Math.min(r.int(1, 3), left - 1); k > 0; k--) {
            const s = drawSlot();
            if (s === undefined) continue;
            const moved = s + r.pick([HOUR, -HOUR, 2 * HOUR, DAY]);
            changes.push({
              ...e,
              start: moved,
              end: moved + (e.end - e.start),
              rrule: '',
              exdates: [],
              recurrenceId: s,
              sequence: e.sequence + 1,
              summary: r.chance(0.3) ? `${e.summary} (moved)` : e.summary,
              created: e.created,
              modified: Math.min(exportedAt - HOUR, toUtc(zone, s) - r.int(1, 6) * DAY),
              alarms: e.alarms > 0 ? 1 : 0,
            });
          }
        stats.series++;
        write(e);
        for (const c of changes.sort((a, b) => (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0))) {
          stats.overrides++;
          write(c);
        }
        continue;
      }

      stats.singles++;
      if (roll < 0.08) {
        // a whole day or several: mostly without guests (a holiday, a vacation), a few offsites
        let day = Math.floor(toWall(NEW_YORK, t) / DAY) * DAY;
        if (Math.abs(day - opts.end) < 2 * DAY) day += 4 * DAY;
        const days = r.chance(0.7) ? 1 : r.int(2, 7);
        const offsite = r.chance(0.2);
        const e = offsite
          ? meeting(n, undefined, NEW_YORK, day + 9 * HOUR, 60)
          : meeting(n, undefined, NEW_YORK, day, 60);
        if (!offsite) {
          e.guests = [];
          e.organizer = undefined;
          e.room = undefined;
          e.conference = '';
          e.description = r.chance(0.2) ? sentence(r) : '';
          e.location = '';
        }
        e.allDay = true;
        e.start = day;
        e.end = day + days * DAY;
        e.summary = offsite ? r.pick(OFFSITES) : r.pick(ALL_DAY);
        e.transparent = !offsite;
        e.alarms = 0;
        stats.allDay++;
        if (day > opts.end) stats.future++;
        write(e);
        continue;
      }
      // written in UTC half the time (as Google writes single events), else in its zone
      const inZone = r.chance(0.5) ? zone : undefined;
      const wall = workingTime(t, zone);
      if (roll < 0.2) {
        // a personal event: no guests, no organizer
        const e = meeting(n, inZone, zone, wall, r.pick([30, 60, 60, 90, 120]));
        e.guests = [];
        e.organizer = undefined;
        e.room = undefined;
        e.conference = '';
        e.description = r.chance(0.15) ? sentence(r) : '';
        e.summary = r.pick(PERSONAL);
        e.location = r.chance(0.2) ? r.pick(PLACES) : '';
        stats.personal++;
        if (toUtc(zone, wall) > opts.end) stats.future++;
        write(e);
        continue;
      }
      const e = meeting(n, inZone, zone, wall, r.pick(DURATIONS));
      if (roll < 0.215) {
        e.status = 'CANCELLED';
        e.sequence = r.int(1, 2);
        stats.cancelled++;
        write(e);
        continue;
      }
      if (toUtc(zone, wall) > opts.end) stats.future++;
      if (roll < 0.2175 && left >= 2) {
        // an update: this version now, a newer one (moved by a day, SEQUENCE raised) further down
        const older = { ...e, start: e.start - DAY, end: e.end - DAY, modified: e.created };
        const wasFuture = toUtc(zone, wall - DAY) > opts.end;
        if (wasFuture !== toUtc(zone, wall) > opts.end) throw new Error('an update moved across now');
        stats.updates++;
        write(older);
        e.sequence = r.int(1, 3);
        e.modified = Math.min(exportedAt - HOUR, e.created + r.int(1, 10) * DAY);
        pending.push({ at: stats.vevents + r.int(10, 400), event: e });
        pending.sort((a, b) => a.at - b.at);
        continue;
      }
      write(e);
    }
    line('END:VCALENDAR');
    await sink.flush();
  } finally {
    out.end();
    await finished(out);
  }
  stats.bytes = sink.bytes;
  stats.declined = declinedKeys.size;
  stats.attendees = named.size;
  return stats;
}
