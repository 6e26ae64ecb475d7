import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import {
  type IcsResult,
  MEETING_SKIPS,
  type MeetingOccurrence,
  meetingToInteraction,
  ownNames,
  parseIcs,
} from './ics.js';
import type { InteractionRecord } from './records.js';
import { NotThisFormat } from './records.js';

/** Every test fixes `now`; 2026-11-20 puts the window of 3 years at [2023-11-20, 2026-11-20]. */
const NOW = Date.UTC(2026, 10, 20);
const ME = new Set(['me@example.com']);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Fixture builders: lines joined with CRLF, as calendar programs write them

function ics(...lines: (string | string[])[]): Uint8Array {
  return new TextEncoder().encode(`${lines.flat().join('\r\n')}\r\n`);
}

function calendar(body: (string | string[])[], method?: string): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport tests//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...body.flat(),
    'END:VCALENDAR',
  ];
}

function vevent(...props: string[]): string[] {
  return ['BEGIN:VEVENT', ...props, 'END:VEVENT'];
}

const BERLIN_RULES = [
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
];

function vtimezone(tzid: string, rules: string[] = BERLIN_RULES): string[] {
  return ['BEGIN:VTIMEZONE', `TZID:${tzid}`, ...rules, 'END:VTIMEZONE'];
}

function parse(bytes: Uint8Array, now = NOW, horizonYears?: number): IcsResult {
  return parseIcs(bytes, { now, horizonYears });
}

/** The days (YYYY-MM-DD) of the occurrences a series of this rule from this DTSTART gives by NOW. */
function seriesDays(rrule: string, dtstart: string): string[] {
  return starts(
    parse(ics(calendar([vevent('UID:s', `DTSTART:${dtstart}`, 'DURATION:PT1H', `RRULE:${rrule}`)])), NOW),
  ).map((t) => t.slice(0, 10));
}

function one(result: IcsResult): MeetingOccurrence {
  expect(result.occurrences).toHaveLength(1);
  const [o] = result.occurrences;
  if (!o) throw new Error('no occurrence');
  return o;
}

function interaction(o: MeetingOccurrence, me: ReadonlySet<string> = ME): InteractionRecord {
  const r = meetingToInteraction(o, me);
  if ('skip' in r) throw new Error(`skipped: ${r.skip}`);
  return r;
}

/** Runs of the random-input properties; ICS_FUZZ_RUNS=3000 searches longer within the 30 s test timeout. */
const FUZZ_RUNS = Number(process.env.ICS_FUZZ_RUNS ?? 200);

const iso = (ms: number) => new Date(ms).toISOString();
const starts = (r: IcsResult) => r.occurrences.map((o) => iso(o.start));
const emails = (r: InteractionRecord) => r.counterparts.map((c) => c.email);

// ---------------------------------------------------------------------------------------------
// Real files

/**
 * Expected counts, worked out by reading each file (VEVENT lines from `grep -n ^BEGIN:VEVENT`,
 * the README's VEVENT counts match). Occurrences of recurring events are counted in the window
 * [now − 3 years, now]; single events are kept whatever their age. The weekday counts were
 * checked independently with python-dateutil's rrule and the IANA zone of the same rules.
 */
const SAMPLES: {
  file: string;
  /** a date; `now` is its midnight UTC */
  now: string;
  occurrences: number;
  /** "event N@line" of the VEVENTs the occurrences come from */
  from: string[];
  issues: string[];
  why: string;
}[] = [
  {
    file: 'biweekly__outlook-2010.ics',
    now: '2026-11-20',
    occurrences: 1,
    from: ['event 1@21'],
    issues: [],
    why: 'one single meeting, 2013-06-10 12:00 "Eastern Standard Time" (defined in the file, EDT) = 16:00Z',
  },
  {
    file: 'ical4j__Standup.ics',
    now: '2026-11-20',
    occurrences: 784,
    from: ['event 1@22'],
    issues: [],
    why:
      'weekdays 09:30 Sydney since 2009 without end: Sydney dates Tue 2023-11-21 (2023-11-20T22:30Z) to ' +
      'Fri 2026-11-20 (2026-11-19T22:30Z) = 156 weeks and 4 weekdays = 784',
  },
  {
    file: 'ical4j__blankTzid.ics',
    now: '2026-11-20',
    occurrences: 1,
    from: ['event 1@18'],
    issues: ['unknown_timezone@18'],
    why: 'one single meeting with TZID= (blank): read as UTC, one issue',
  },
  {
    file: 'ical4j__calconnect.ics',
    now: '2026-11-20',
    occurrences: 0,
    from: [],
    issues: [],
    why: 'COUNT=5 daily in April 2005: long before the window',
  },
  {
    file: 'ical4j__calconnect.ics',
    now: '2006-01-01',
    occurrences: 5,
    from: ['event 1@21'],
    issues: [],
    why: '2005-04-11..15 09:00 Eastern (EDT) = 13:00Z, five days',
  },
  {
    file: 'ical4j__calconnect2.ics',
    now: '2006-01-01',
    occurrences: 5,
    from: ['event 1@21'],
    issues: [],
    why: 'five RDATE periods 2005-04-11..15 10:00-11:00 EDT; the first equals DTSTART and is counted once',
  },
  {
    file: 'ical4j__classify.ics',
    now: '2026-11-20',
    occurrences: 1,
    from: ['event 1@5'],
    issues: [],
    why: 'two versions of one UID: SEQUENCE 1 (event 1) beats SEQUENCE 0 (event 2)',
  },
  {
    file: 'ical4j__incoming.ics',
    now: '2026-11-20',
    occurrences: 1,
    from: ['event 2@29'],
    issues: [],
    why:
      'UID …777 is sent 5 times: events 1 and 2 have SEQUENCE 2, event 2 has the later DTSTAMP and wins ' +
      '(the CANCEL and the COUNTER have SEQUENCE 1, the obsolete request 0). UID …785 only has four ' +
      'REPLYs without DTSTART: guests’ answers, no meeting, and no meeting without a time either',
  },
  {
    file: 'ical4j__korganizer_sample.ics',
    now: '2026-11-20',
    occurrences: 0,
    from: [],
    issues: [],
    why: 'two monthly COUNT=12 series of 2003-2004',
  },
  {
    file: 'ical4j__korganizer_sample.ics',
    now: '2006-01-01',
    occurrences: 24,
    from: ['event 1@6', 'event 2@40'],
    issues: [],
    why:
      'COUNT=12 each; DTSTART does not fall on the rule (a Friday for BYDAY=2TH, a Sunday for 1SA) ' +
      'and counts as the first of the 12 (RFC 5545 3.3.10), then 11 rule dates',
  },
  {
    file: 'ical4j__multiple_calendars.ics',
    now: '2026-11-20',
    occurrences: 2,
    from: ['event 1@6', 'event 2@29'],
    issues: [],
    why: 'two VCALENDARs, two different UIDs, single events of 1997',
  },
  {
    file: 'icaljs__google_birthday.ics',
    now: '2026-11-20',
    occurrences: 0,
    from: [],
    issues: [],
    why: 'all dated 2012-2014',
  },
  {
    file: 'icaljs__google_birthday.ics',
    now: '2015-01-01',
    occurrences: 6,
    from: ['event 1@8', 'event 2@27', 'event 3@48', 'event 4@69'],
    issues: [],
    why:
      'event 1: DTSTART 2014-12-10 (COUNT=1) and RDATEs 2013-12-10, 2012-12-10 = 3; events 2-4: three ' +
      'RECURRENCE-ID instances of another UID without a master = 3',
  },
  {
    file: 'icaljs__multiple_rrules.ics',
    now: '2015-01-01',
    occurrences: 36,
    from: ['event 1@21'],
    issues: [],
    why:
      'two RRULEs until 2012-07-30: weekly on Mondays from 2012-03-26 (18) and every Sunday by month ' +
      'from 2012-04-01 (18)',
  },
  {
    file: 'icaljs__parserv2.ics',
    now: '2026-11-20',
    occurrences: 784,
    from: ['event 1@21'],
    issues: [],
    why: 'weekdays 10:30 Los Angeles without end: Mon 2023-11-20 to Thu 2026-11-19 = 156 weeks and 4 days',
  },
  {
    file: 'icaljs__parserv2.ics',
    now: '2015-01-01',
    occurrences: 602,
    from: ['event 1@21'],
    issues: [],
    why: 'the same from its DTSTART, Tue 2012-09-11, to Wed 2014-12-31',
  },
  {
    file: 'icaljs__recur_instances.ics',
    now: '2026-11-20',
    occurrences: 38,
    from: ['event 1@24'],
    issues: [],
    why: 'first Tuesdays 2023-12-05..2026-11-03 (36) and the RDATEs 2023-11-23 and 2023-11-25 (a PERIOD)',
  },
  {
    file: 'icaljs__recur_instances.ics',
    now: '2015-01-01',
    occurrences: 27,
    from: ['event 1@24', 'event 2@59', 'event 3@79'],
    issues: [],
    why:
      'first Tuesdays 2012-10..2014-12 (27) less 3 EXDATEs, plus RDATEs 2012-11-05, -10, -30; events 2 ' +
      'and 3 move the 2012-10-02 and 2012-11-05 occurrences without changing the count',
  },
];

describe.skipIf(skipWithoutSharedData('ics-samples', 'ics.test'))('parseIcs on the real samples', () => {
  const read = (file: string) => readFileSync(sharedPath(`ics-samples/${file}`));

  it.each(SAMPLES)(
    '$file, now $now: $occurrences occurrences ($why)',
    ({ file, now: day, occurrences, from, issues }) => {
      const now = Date.parse(`${day}T00:00:00Z`);
      const r = parseIcs(read(file), { now });
      expect(r.occurrences).toHaveLength(occurrences);
      const sources = new Set(r.occurrences.map((o) => `${o.where.record}@${o.where.line}`));
      expect([...sources].sort()).toEqual([...from].sort());
      expect(r.issues.map((i) => `${i.code}@${i.line}`)).toEqual(issues);
      for (const o of r.occurrences) expect(o.start).toBeLessThanOrEqual(now);
      expect(new Set(r.occurrences.map((o) => o.externalId)).size).toBe(occurrences);
    },
  );

  it('reads the Outlook invitation: unfolded UID and attendee, time zone, people', () => {
    const o = one(parse(read('biweekly__outlook-2010.ics')));
    expect(o.uid).toBe(
      '040000009200E00074C5B7101A82E00800000000C0383BE68041CE0100000000000000001000000070D00A2F625AC34BB6542DE0D19E67E1',
    );
    expect(o.externalId).toBe(o.uid);
    expect(iso(o.start)).toBe('2013-06-10T16:00:00.000Z');
    expect(o.minutes).toBe(60);
    expect(o.method).toBe('REQUEST');
    expect(o.organizer).toEqual({ email: 'bobsmith@example.com', name: 'Smith, Bob' });
    // the first ATTENDEE's address is folded with a TAB in the middle of "example"
    expect(o.attendees.map((a) => a.email)).toEqual(['johndoe@example.com', 'janedoe@example.com']);
    const r = interaction(o, new Set(['janedoe@example.com']));
    expect(r).toMatchObject({ channel: 'meeting', direction: 'in', depth: 'substantive', minutes: 60 });
    expect(r.note).toBe('Team Meeting');
    expect(emails(r)).toEqual(['bobsmith@example.com', 'johndoe@example.com']);
    expect(r.from?.email).toBe('bobsmith@example.com');
  });

  it('keeps the iTIP update, drops the room and the non-participant from the counterparts', () => {
    const o = one(parse(read('ical4j__incoming.ics')));
    expect(o.summary).toBe('Pool party');
    expect([iso(o.start), o.minutes]).toEqual(['1997-07-01T19:00:00.000Z', 30]);
    expect(o.attendees.map((a) => a.email)).toEqual([
      'A@example.com',
      'B@example.com',
      'C@example.com',
      'D@example.com',
      'E@example.com',
    ]);
    const r = interaction(o, new Set(['a@example.com']));
    expect(r.direction).toBe('in');
    expect(emails(r)).toEqual(['B@example.com', 'C@example.com', 'D@example.com']);
  });

  it('a moved occurrence keeps the original start in its id and the people of the series', () => {
    const r = parse(read('icaljs__recur_instances.ics'), Date.UTC(2015, 0, 1));
    const moved = r.occurrences.find((o) => o.where.record === 'event 3');
    expect(moved?.externalId).toBe('623c13c0-6c2b-45d6-a12b-c33ad61c4868@2012-11-05T18:00:00.000Z');
    expect(moved && iso(moved.start)).toBe('2012-11-07T04:00:00.000Z');
    expect(moved?.attendees).toHaveLength(3);
    expect(starts(r)).not.toContain('2012-12-04T18:00:00.000Z'); // EXDATE
  });

  /**
   * What each VEVENT of a sample became, worked out by reading the file (now 2026-11-20, the window
   * [2023-11-20, 2026-11-20]): meetings (each occurrence of a series in the window, a series with
   * none there once), guests' answers (REPLY), and VEVENTs left out whole, by reason. For every
   * file, meetings + answers + the VEVENT-level skips are what the import counts as records.
   */
  const ACCOUNTS: {
    file: string;
    events: number;
    meetings: number;
    answers: number;
    skipped: Record<string, number>;
    why: string;
  }[] = [
    { file: 'biweekly__outlook-2010.ics', events: 1, meetings: 1, answers: 0, skipped: {}, why: 'one meeting' },
    {
      file: 'ical4j__Standup.ics',
      events: 1,
      meetings: 784,
      answers: 0,
      skipped: {},
      why: 'one VEVENT, a weekday series: 784 occurrences in the window (see SAMPLES)',
    },
    { file: 'ical4j__blankTzid.ics', events: 1, meetings: 1, answers: 0, skipped: {}, why: 'one meeting' },
    {
      file: 'ical4j__calconnect.ics',
      events: 1,
      meetings: 1,
      answers: 0,
      skipped: { before_window: 1 },
      why: 'a series of April 2005: one meeting, left out as before the window',
    },
    {
      file: 'ical4j__calconnect2.ics',
      events: 1,
      meetings: 1,
      answers: 0,
      skipped: { before_window: 1 },
      why: 'RDATEs of April 2005: the same',
    },
    {
      file: 'ical4j__classify.ics',
      events: 2,
      meetings: 1,
      answers: 0,
      skipped: { superseded: 1 },
      why: 'two versions of one UID: SEQUENCE 1 is the meeting, SEQUENCE 0 an older version',
    },
    {
      file: 'ical4j__incoming.ics',
      events: 9,
      meetings: 1,
      answers: 4,
      skipped: { superseded: 2, superseded_cancellation: 1, proposal_not_taken: 1 },
      why:
        'UID …777: event 2 (REQUEST, SEQUENCE 2, the later DTSTAMP) is the meeting; events 1 (SEQUENCE 2, ' +
        'earlier DTSTAMP) and 3 (SEQUENCE 0) are older versions, event 8 a CANCEL of SEQUENCE 1 (older: the ' +
        'meeting stands), event 9 a COUNTER (the invitation decides). UID …785: events 4-7 are four REPLYs ' +
        'of four guests (B and X accept, C and Y decline), all taken in: 1 + 4 + 2 + 1 + 1 = 9',
    },
    {
      file: 'ical4j__korganizer_sample.ics',
      events: 2,
      meetings: 2,
      answers: 0,
      skipped: { before_window: 2 },
      why: 'two series of 2003-2004',
    },
    { file: 'ical4j__multiple_calendars.ics', events: 2, meetings: 2, answers: 0, skipped: {}, why: 'two meetings' },
    {
      file: 'icaljs__google_birthday.ics',
      events: 4,
      meetings: 4,
      answers: 0,
      skipped: { before_window: 1, occurrence_before_window: 3 },
      why: 'event 1 a series of 2012-2014; events 2-4 changed occurrences (2012, 2013, 2014) of a series not in the file',
    },
    {
      file: 'icaljs__multiple_rrules.ics',
      events: 1,
      meetings: 1,
      answers: 0,
      skipped: { before_window: 1 },
      why: 'two RRULEs ending in 2012',
    },
    {
      file: 'icaljs__parserv2.ics',
      events: 1,
      meetings: 784,
      answers: 0,
      skipped: {},
      why: 'one VEVENT, a weekday series: 784 occurrences',
    },
    {
      file: 'icaljs__recur_instances.ics',
      events: 3,
      meetings: 40,
      answers: 0,
      skipped: { occurrence_before_window: 2 },
      why: 'event 1 gives 38 occurrences (see SAMPLES); events 2 and 3 move occurrences of 2012, before the window',
    },
  ];

  it.each(ACCOUNTS)(
    '$file: $events VEVENTs are $meetings meetings, $answers answers and $skipped left out ($why)',
    ({ file, events, meetings, answers, skipped }) => {
      const r = parseIcs(read(file), { now: NOW });
      expect({ events: r.vevents, meetings: r.meetings, answers: r.answers, skipped: r.skipped }).toEqual({
        events,
        meetings,
        answers,
        skipped,
      });
      const leftOutMeetings = Object.entries(r.skipped)
        .filter(([reason]) => MEETING_SKIPS.has(reason))
        .reduce((n, [, k]) => n + k, 0);
      expect(r.meetings).toBe(r.occurrences.length + leftOutMeetings);
    },
  );

  it('ical4j__incoming.ics: the four REPLYs are answers taken in, not a meeting without DTSTART', () => {
    const r = parse(read('ical4j__incoming.ics'));
    expect(r.issues).toEqual([]);
    expect(r.answers).toBe(4);
    const answered = r.events.find((e) => e.uid === 'calsrv.example.com-873970198738785@example.com');
    expect(answered?.answer).toBe(true);
    expect(answered?.answers?.map((a) => `${a.email} ${a.partstat}`)).toEqual([
      'b@example.com ACCEPTED',
      'c@example.com DECLINED',
      'x@example.com ACCEPTED',
      'y@example.com DECLINED',
    ]);
  });

  it('birthdays of the Google export are all-day without people: skipped as all_day', () => {
    const r = parse(read('icaljs__google_birthday.ics'), Date.UTC(2015, 0, 1));
    for (const o of r.occurrences) {
      expect(o).toMatchObject({ allDay: true, minutes: 0, attendees: [] });
      expect(meetingToInteraction(o, ME)).toEqual({ skip: 'all_day' });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Who is who

describe('people and direction', () => {
  const meeting = (...props: string[]) =>
    one(
      parse(
        ics(
          calendar([
            vevent('UID:m1', 'DTSTART:20260105T100000Z', 'DTEND:20260105T110000Z', 'SUMMARY:Planning', ...props),
          ]),
        ),
      ),
    );

  it('the organizer decides the direction: out when the user organised, in when someone else did, mutual without one', () => {
    const guest = 'ATTENDEE;CN=Ann:mailto:ann@example.com';
    expect(interaction(meeting('ORGANIZER:mailto:me@example.com', guest)).direction).toBe('out');
    const theirs = interaction(meeting('ORGANIZER;CN=Ann:mailto:ann@example.com', 'ATTENDEE:mailto:me@example.com'));
    expect(theirs.direction).toBe('in');
    expect(theirs.from).toEqual({ email: 'ann@example.com', name: 'Ann' });
    const nobody = interaction(meeting(guest, 'ATTENDEE:mailto:me@example.com'));
    expect(nobody.direction).toBe('mutual');
    expect(nobody.from).toBeUndefined();
  });

  it('an organizer the file gives no address for (invalid:nomail, an Exchange X.500 path) is a counterpart by name, and the meeting is theirs', () => {
    for (const organizer of [
      'ORGANIZER;CN="Person, Boss":invalid:nomail',
      'ORGANIZER;CN="Person, Boss":MAILTO:/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=abc-boss',
    ]) {
      const alone = interaction(meeting(organizer, 'ATTENDEE;CN="Myself, Me";PARTSTAT=ACCEPTED:mailto:me@example.com'));
      expect([alone.direction, alone.counterparts, alone.from], organizer).toEqual([
        'in',
        [{ name: 'Person, Boss' }],
        { name: 'Person, Boss' },
      ]);
    }
    // also listed as a guest without an address: one counterpart
    const listed = interaction(
      meeting(
        'ORGANIZER;CN="Person, Boss":invalid:nomail',
        'ATTENDEE;CN="Person, Boss";PARTSTAT=ACCEPTED:invalid:nomail',
        'ATTENDEE:mailto:me@example.com',
      ),
    );
    expect([listed.direction, listed.counterparts]).toEqual(['in', [{ name: 'Person, Boss' }]]);
    // named as the user is in the file: the user's own meeting
    const mine = parse(
      ics(
        calendar([
          vevent(
            'UID:a',
            'DTSTART:20260105T100000Z',
            'ORGANIZER;CN=Me Myself:mailto:me@example.com',
            'ATTENDEE;CN=Ann:mailto:ann@example.com',
          ),
          vevent(
            'UID:b',
            'DTSTART:20260106T100000Z',
            'ORGANIZER;CN=Me Myself:invalid:nomail',
            'ATTENDEE;CN=Ann:mailto:ann@example.com',
          ),
        ]),
      ),
    );
    // an Outlook file that gives its owner no address: the organizer of a meeting the user is not
    // named in by address may be the user, and is no counterpart
    const owners = interaction(
      meeting('ORGANIZER;CN=Pat Owner:invalid:nomail', 'ATTENDEE;CN=Ann:mailto:ann@example.com'),
    );
    expect([owners.direction, owners.counterparts]).toEqual(['mutual', [{ email: 'ann@example.com', name: 'Ann' }]]);
    const names = ownNames(mine.occurrences, ME);
    expect(
      mine.occurrences.map((o) => meetingToInteraction(o, ME, names)).map((r) => 'direction' in r && r.direction),
    ).toEqual(['out', 'out']);
  });

  it('the user organising is out and has no from; counterparts are deduplicated by lower-cased email', () => {
    const r = interaction(
      meeting(
        'ORGANIZER:MAILTO:Me@Example.com',
        'ATTENDEE;CN=Ann:mailto:ann@example.com',
        'ATTENDEE:mailto:ANN@example.com',
        'ATTENDEE:mailto:me@example.com',
      ),
    );
    expect(r).toMatchObject({ direction: 'out', minutes: 60, note: 'Planning', externalId: 'm1' });
    expect(r.from).toBeUndefined();
    expect(r.counterparts).toEqual([{ email: 'ann@example.com', name: 'Ann' }]);
  });

  it('takes an address of the user’s with a +tag as the user’s', () => {
    const r = interaction(
      meeting(
        'ORGANIZER:mailto:ann@example.com',
        'ATTENDEE:mailto:ann@example.com',
        'ATTENDEE:mailto:me+cal@example.com',
      ),
    );
    expect(r).toMatchObject({ direction: 'in', counterparts: [{ email: 'ann@example.com' }] });
  });

  it('rooms and resources are not attendees', () => {
    const o = meeting(
      'ATTENDEE;CUTYPE=ROOM;CN=Big room:mailto:big@example.com',
      'ATTENDEE;CUTYPE=RESOURCE:mailto:projector@example.com',
      'ATTENDEE:mailto:room-4.12@example.com',
      'ATTENDEE:mailto:conf-room@example.com',
      'ATTENDEE:mailto:MeetingRoom2@example.com',
      'ATTENDEE;CUTYPE=INDIVIDUAL:mailto:ann@example.com',
    );
    expect(o.attendees.map((a) => a.email)).toEqual(['ann@example.com']);
  });

  it('rooms Outlook invites without CUTYPE are not attendees: the meeting names them as its place, or their name says room', () => {
    const o = meeting(
      'ATTENDEE;CN="Lopez, Maria":mailto:maria@fabrikam.com',
      'ATTENDEE;CN="Conf Room Rainier (12)":mailto:rainier@fabrikam.com',
      'ATTENDEE;CN="Zoom Room Lobby";ROLE=NON-PARTICIPANT:mailto:zoom-lobby@fabrikam.com',
      'ATTENDEE;CN=Fjord:mailto:fjord@fabrikam.com',
      'ATTENDEE;CN=Orca:mailto:bldg7-orca@fabrikam.com',
      'ATTENDEE;CN=Ann Roomer:mailto:ann@fabrikam.com',
      'LOCATION:Fjord; Zoom Room Lobby',
      'X-MICROSOFT-LOCATIONS:[{"DisplayName":"Building 7","LocationUri":"bldg7-orca@fabrikam.com"}]',
    );
    expect(o.attendees.map((a) => a.email)).toEqual(['maria@fabrikam.com', 'ann@fabrikam.com']);
  });

  it("no-reply senders, Google Groups, Google Calendar's own addresses and addresses without an @ are not people", () => {
    const o = meeting(
      'ORGANIZER;CN=Team:mailto:c_abc123@group.calendar.google.com',
      'ATTENDEE;CN=Team:mailto:team@googlegroups.com',
      'ATTENDEE:mailto:dev@lists.example.org',
      'ATTENDEE:mailto:noreply@example.com',
      'ATTENDEE:mailto:no-reply@example.com',
      'ATTENDEE:mailto:calendar-notification@google.com',
      'ATTENDEE:mailto:c_1888@resource.calendar.google.com',
      'ATTENDEE:mailto:x@group.v.calendar.google.com',
      'ATTENDEE:mailto:y@import.calendar.google.com',
      'ATTENDEE;CN=Unknown Organizer:mailto:unknownorganizer@calendar.google.com',
      'ATTENDEE;CN=Just a name:mailto:',
      'ATTENDEE;CN=Nameless:invalid:nomail',
      'ATTENDEE:MailTo:bob@example.com',
      'ATTENDEE:carol@example.com',
    );
    expect(o.organizer).toBeUndefined();
    // `mailto:` is stripped in any case, and a bare address is an address too; the two guests
    // without any address are kept by name
    expect(o.attendees.map((a) => a.email ?? a.name)).toEqual([
      'Just a name',
      'Nameless',
      'bob@example.com',
      'carol@example.com',
    ]);
    expect(interaction(o).direction).toBe('mutual');
  });

  it("a guest without an address (Outlook's invalid:nomail) is a counterpart by name", () => {
    const o = meeting(
      'ORGANIZER;CN=Me Myself:mailto:me@example.com',
      'ATTENDEE;CN=Me Myself;PARTSTAT=ACCEPTED:mailto:me@example.com',
      'ATTENDEE;CN=Anna Schmidt;PARTSTAT=NEEDS-ACTION:invalid:nomail',
      'ATTENDEE;CN=Anna  Schmidt:invalid:nomail',
      'ATTENDEE;CN=Bob Stone:invalid:nomail',
      'ATTENDEE;CN=Bob Stone:mailto:bob@example.com',
      'ATTENDEE;CN=Carl Declined;PARTSTAT=DECLINED:invalid:nomail',
      'ATTENDEE;CN=Dora Info;ROLE=NON-PARTICIPANT:invalid:nomail',
      'ATTENDEE;CN=Conference Room 3:invalid:nomail',
      'ATTENDEE;CN=someone@example.org:invalid:nomail',
      'ATTENDEE;CN=Me Myself:invalid:nomail',
    );
    const r = meetingToInteraction(o, ME, new Set(['me myself']));
    if ('skip' in r) throw new Error(r.skip);
    // once each; not the one also listed with an address, not whoever declined or was only copied,
    // not a room, not an address in the name, not the user under their own name
    expect(r.counterparts).toEqual([{ email: 'bob@example.com', name: 'Bob Stone' }, { name: 'Anna Schmidt' }]);
    expect(r.direction).toBe('out');
  });

  it("an address in the EMAIL parameter (iCloud writes urn:uuid: values) is the attendee's", () => {
    const o = meeting(
      'ORGANIZER;CN=Ann Lee;EMAIL=ann@example.com:urn:uuid:3b1a3c9e-1111-4c1d-9f00-000000000001',
      'ATTENDEE;CN=Bob Stone;EMAIL=bob@example.com;PARTSTAT=ACCEPTED:urn:uuid:3b1a3c9e-1111-4c1d-9f00-000000000002',
      'ATTENDEE;CN=Robot;EMAIL=noreply@example.com:urn:uuid:3b1a3c9e-1111-4c1d-9f00-000000000003',
    );
    expect(o.organizer).toEqual({ email: 'ann@example.com', name: 'Ann Lee' });
    expect(o.attendees.map((a) => a.email)).toEqual(['bob@example.com']);
  });

  it('the names the user goes by are those given to their own addresses', () => {
    const o = meeting('ORGANIZER;CN=Sam Roe:mailto:ME@example.com', 'ATTENDEE;CN=Ann Lee:mailto:ann@example.com');
    expect([...ownNames([o], ME)]).toEqual(['sam roe']);
  });

  it('an attendee who declined (or delegated) is not a counterpart', () => {
    const r = interaction(
      meeting(
        'ORGANIZER:mailto:me@example.com',
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com',
        'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com',
        'ATTENDEE;PARTSTAT=DELEGATED:mailto:cat@example.com',
        'ATTENDEE;PARTSTAT=TENTATIVE:mailto:dan@example.com',
      ),
    );
    expect(emails(r)).toEqual(['ann@example.com', 'dan@example.com']);
  });

  it('declined by the user: skipped as declined', () => {
    const o = meeting(
      'ORGANIZER:mailto:ann@example.com',
      'ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com',
      'ATTENDEE:mailto:bob@example.com',
    );
    expect(o.attendees[0]?.partstat).toBe('DECLINED');
    expect(meetingToInteraction(o, ME)).toEqual({ skip: 'declined' });
    // the parse itself does not know who the user is
    expect(interaction(o, new Set(['bob@example.com'])).direction).toBe('in');
  });

  it('nobody but the user: skipped as no_counterparts', () => {
    expect(meetingToInteraction(meeting('ORGANIZER:mailto:me@example.com'), ME)).toEqual({ skip: 'no_counterparts' });
    expect(meetingToInteraction(meeting(), ME)).toEqual({ skip: 'no_counterparts' });
  });

  it('a meeting of others, in a file that names the user elsewhere, is skipped as not_invited; one through a group or shared address is kept', () => {
    const others = ['ORGANIZER:mailto:alice@acme.com', 'ATTENDEE:mailto:bob@acme.com'];
    // the file names the user in another meeting: this one is someone else's (a shared calendar)
    expect(meetingToInteraction(meeting(...others), ME, new Set(), true)).toEqual({ skip: 'not_invited' });
    // a file that never names the user may be written for another of their addresses: kept
    expect(interaction(meeting(...others)).direction).toBe('in');
    // the user organizes, is a guest, is named without an address, or may be in through a group,
    // a mailing list or a shared address: kept
    const kept = [
      meeting('ORGANIZER:mailto:me@example.com', 'ATTENDEE:mailto:bob@acme.com'),
      meeting(...others, 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:Me@Example.com'),
      meeting(...others, 'ATTENDEE;CUTYPE=GROUP:mailto:eng@acme.com'),
      meeting(...others, 'ATTENDEE:mailto:eng-team@googlegroups.com'),
      meeting(...others, 'ATTENDEE;CN=All Staff:mailto:team@acme.com'),
    ];
    for (const o of kept) expect(meetingToInteraction(o, ME, new Set(), true)).not.toHaveProperty('skip');
    const byName = meeting(...others, 'ATTENDEE;CN=Pat Me:invalid:nomail');
    expect(meetingToInteraction(byName, ME, new Set(['pat me']), true)).not.toHaveProperty('skip');
    // no attendees at all: as before (the organizer's meeting in the user's calendar)
    expect(meetingToInteraction(meeting('ORGANIZER:mailto:alice@acme.com'), ME, new Set(), true)).not.toHaveProperty(
      'skip',
    );
  });

  it('names every address a file gives as organizer or attendee', () => {
    const r = parse(
      ics(
        calendar([
          vevent(
            'UID:a',
            'DTSTART:20260105T100000Z',
            'ORGANIZER:mailto:Alice@Acme.com',
            'ATTENDEE:mailto:bob@acme.com',
          ),
          vevent('UID:b', 'DTSTART:20300105T100000Z', 'ATTENDEE:mailto:me@example.com'),
        ]),
      ),
    );
    expect([...r.named].sort()).toEqual(['alice@acme.com', 'bob@acme.com', 'me@example.com']);
  });

  it('a Zoom, Meet, Teams or Webex link makes it a video call', () => {
    expect(interaction(meeting('ATTENDEE:mailto:ann@example.com')).channel).toBe('meeting');
    const links = [
      'LOCATION:https://us02web.zoom.us/j/123456789?pwd=abc',
      'DESCRIPTION:Join: https://meet.google.com/abc-defg-hij\\nSee you',
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting',
      'DESCRIPTION:https://acme.webex.com/acme/j.php?MTID=m1',
    ];
    for (const link of links) {
      const o = meeting('ATTENDEE:mailto:ann@example.com', link);
      expect(o.conferenceUrl).toMatch(/^https:\/\//);
      expect(interaction(o).channel).toBe('video');
    }
    expect(meeting('LOCATION:https://example.com/zoom.us').conferenceUrl).toBeUndefined();
  });

  it('a REPLY updates the PARTSTAT of that attendee in the invitation it answers', () => {
    const request = vevent(
      'UID:r1',
      'SEQUENCE:1',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260105T100000Z',
      'ORGANIZER:mailto:me@example.com',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:ann@example.com',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com',
    );
    const reply = vevent(
      'UID:r1',
      'SEQUENCE:1',
      'DTSTAMP:20260102T000000Z',
      'ORGANIZER:mailto:me@example.com',
      'ATTENDEE;PARTSTAT=DECLINED:mailto:ann@example.com',
    );
    const o = one(parse(ics(calendar([request], 'REQUEST'), calendar([reply], 'REPLY'))));
    expect(o.method).toBe('REQUEST');
    expect(o.attendees.map((a) => a.partstat)).toEqual(['DECLINED', 'NEEDS-ACTION']);
    expect(emails(interaction(o))).toEqual(['bob@example.com']);
  });
});

// ---------------------------------------------------------------------------------------------
// Versions, cancellations, recurrence

describe('which version and which occurrences count', () => {
  it('an iTIP REQUEST updated by a REQUEST with a higher SEQUENCE is counted once, at the later time', () => {
    const first = vevent(
      'UID:u1',
      'SEQUENCE:0',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260105T100000Z',
      'DTEND:20260105T110000Z',
    );
    const update = vevent(
      'UID:u1',
      'SEQUENCE:1',
      'DTSTAMP:20251201T000000Z',
      'DTSTART:20260106T140000Z',
      'DTEND:20260106T143000Z',
    );
    // the update comes first in the file and has the older DTSTAMP: SEQUENCE still decides
    const o = one(parse(ics(calendar([update], 'REQUEST'), calendar([first], 'REQUEST'))));
    expect([iso(o.start), o.minutes, o.sequence, o.externalId]).toEqual(['2026-01-06T14:00:00.000Z', 30, 1, 'u1']);
    expect(o.where).toEqual({ line: 5, record: 'event 1' });
  });

  it('same SEQUENCE: the later DTSTAMP wins, then the later in the file', () => {
    const at = (stamp: string, start: string) => vevent('UID:u2', 'SEQUENCE:3', `DTSTAMP:${stamp}`, `DTSTART:${start}`);
    const byStamp = parse(
      ics(calendar([at('20260102T000000Z', '20260107T100000Z'), at('20260101T000000Z', '20260108T100000Z')])),
    );
    expect(starts(byStamp)).toEqual(['2026-01-07T10:00:00.000Z']);
    const byOrder = parse(
      ics(calendar([at('20260101T000000Z', '20260107T100000Z'), at('20260101T000000Z', '20260108T100000Z')])),
    );
    expect(starts(byOrder)).toEqual(['2026-01-08T10:00:00.000Z']);
  });

  it('takes BYSETPOS positions in each whole period of a weekly, monthly or yearly rule, as RFC 5545 says (ical.js gives every candidate)', () => {
    const within = (list: string[], n: number) => list.slice(0, n);
    // the 2nd of each week's Monday, Wednesday and Friday: the Wednesday
    expect(within(seriesDays('FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3', '20260107T100000Z'), 5)).toEqual([
      '2026-01-07',
      '2026-01-14',
      '2026-01-21',
    ]);
    // every other week, the last of Tuesday and Thursday
    expect(within(seriesDays('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;BYSETPOS=-1;COUNT=3', '20260108T100000Z'), 5)).toEqual(
      ['2026-01-08', '2026-01-22', '2026-02-05'],
    );
    // the second of the 1st, 15th and 28th: the 15th, counted in the whole month DTSTART is in
    expect(within(seriesDays('FREQ=MONTHLY;BYMONTHDAY=1,15,28;BYSETPOS=2;COUNT=3', '20260115T100000Z'), 5)).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
    ]);
    // the last Monday of January and July together: July's, once a year
    expect(seriesDays('FREQ=YEARLY;BYMONTH=1,7;BYDAY=MO;BYSETPOS=-1;COUNT=2', '20250728T100000Z')).toEqual([
      '2025-07-28',
      '2026-07-27',
    ]);
    // what ical.js did right stays: the last working day of each month, up to UNTIL
    expect(
      seriesDays('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20260415T000000Z', '20260130T100000Z'),
    ).toEqual(['2026-01-30', '2026-02-27', '2026-03-31']);
  });

  it('takes the days of the weeks BYWEEKNO names in a yearly rule, counting weeks from WKST as python-dateutil does (ical.js gave every Monday)', () => {
    // dateutil: rrule(YEARLY, byweekno=20, byweekday=MO, dtstart=2024-05-13, count=3)
    expect(seriesDays('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3', '20240513T100000Z')).toEqual([
      '2024-05-13',
      '2025-05-12',
      '2026-05-11',
    ]);
    // the first and the last week of each year: week 1 of 2025 starts on 30 December 2024
    expect(seriesDays('FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO;COUNT=5', '20240101T100000Z')).toEqual([
      '2024-01-01',
      '2024-12-23',
      '2024-12-30',
      '2025-12-22',
      '2025-12-29',
    ]);
    // without BYDAY, every day of the week
    expect(seriesDays('FREQ=YEARLY;BYWEEKNO=20;COUNT=3', '20250512T100000Z')).toEqual([
      '2025-05-12',
      '2025-05-13',
      '2025-05-14',
    ]);
    // weeks starting on Sunday: week 1 of 2026 starts on 4 January
    expect(seriesDays('FREQ=YEARLY;BYWEEKNO=1;BYDAY=TH;WKST=SU;UNTIL=20260201T000000Z', '20240104T100000Z')).toEqual([
      '2024-01-04',
      '2025-01-02',
      '2026-01-08',
    ]);
  });

  it('a RECURRENCE-ID override moves one occurrence of the series', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:w1', 'DTSTART:20260105T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Sync'),
          vevent('UID:w1', 'RECURRENCE-ID:20260112T100000Z', 'DTSTART:20260113T150000Z', 'DTEND:20260113T153000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => [o.externalId, iso(o.start), o.minutes, o.summary])).toEqual([
      ['w1@2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z', 60, 'Sync'],
      ['w1@2026-01-12T10:00:00.000Z', '2026-01-13T15:00:00.000Z', 30, 'Sync'],
      ['w1@2026-01-19T10:00:00.000Z', '2026-01-19T10:00:00.000Z', 60, 'Sync'],
    ]);
    expect(r.occurrences[1]?.where).toEqual({ line: 11, record: 'event 2' });
    expect(r.occurrences[1]?.recurrenceId).toBe(Date.UTC(2026, 0, 12, 10));
  });

  it("a floating or date RECURRENCE-ID names the slot in the series' zone; one naming no slot is reported", () => {
    const series = vevent(
      'UID:ny',
      'DTSTART;TZID=America/New_York:20260504T100000',
      'DTEND;TZID=America/New_York:20260504T110000',
      'RRULE:FREQ=WEEKLY;COUNT=3',
    );
    const moved = (rid: string) =>
      vevent('UID:ny', rid, 'DTSTART;TZID=America/New_York:20260511T140000', 'DURATION:PT1H');
    const now = Date.UTC(2026, 5, 1);
    // 10:00 in New York on 11 May is 14:00Z; the change moves it to 14:00 there, 18:00Z
    const expected = ['2026-05-04T14:00:00.000Z', '2026-05-11T18:00:00.000Z', '2026-05-18T14:00:00.000Z'];
    for (const rid of [
      'RECURRENCE-ID;TZID=America/New_York:20260511T100000',
      'RECURRENCE-ID:20260511T100000',
      'RECURRENCE-ID;VALUE=DATE:20260511',
    ]) {
      const r = parse(ics(calendar([series, moved(rid)])), now);
      expect(starts(r), rid).toEqual(expected);
      expect(r.occurrences[1]?.externalId, rid).toBe('ny@2026-05-11T14:00:00.000Z');
      expect(
        r.events.map((e) => e.key),
        rid,
      ).toEqual(['ny', 'ny@2026-05-11T14:00:00.000Z']);
      expect(r.issues, rid).toEqual([]);
    }
    // a day the series has no slot on: counted as a meeting of its own, and said with its line
    const stray = parse(ics(calendar([series, moved('RECURRENCE-ID:20260512T100000')])), now);
    expect(stray.occurrences).toHaveLength(4);
    expect(stray.issues.map((i) => [i.line, i.code])).toEqual([[10, 'unmatched_recurrence_id']]);
  });

  it('a RECURRENCE-ID with RANGE=THISANDFUTURE moves that occurrence and every later one', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:w9', 'DTSTART:20260105T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=4', 'SUMMARY:Sync'),
          vevent(
            'UID:w9',
            'RECURRENCE-ID;RANGE=THISANDFUTURE:20260112T100000Z',
            'DTSTART:20260112T150000Z',
            'DTEND:20260112T153000Z',
            'SUMMARY:Sync (afternoons)',
          ),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => [o.externalId, iso(o.start), o.minutes, o.summary]).sort()).toEqual([
      ['w9@2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z', 60, 'Sync'],
      ['w9@2026-01-12T10:00:00.000Z', '2026-01-12T15:00:00.000Z', 30, 'Sync (afternoons)'],
      ['w9@2026-01-19T10:00:00.000Z', '2026-01-19T15:00:00.000Z', 30, 'Sync (afternoons)'],
      ['w9@2026-01-26T10:00:00.000Z', '2026-01-26T15:00:00.000Z', 30, 'Sync (afternoons)'],
    ]);
  });

  it('EXDATE removes an occurrence', () => {
    const r = parse(
      ics(
        calendar([
          vevent(
            'UID:w2',
            'DTSTART:20260105T100000Z',
            'RRULE:FREQ=WEEKLY;COUNT=4',
            'EXDATE:20260112T100000Z',
            // a date removes that day's occurrence whatever its time
            'EXDATE;VALUE=DATE:20260126',
          ),
        ]),
      ),
    );
    expect(starts(r)).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-19T10:00:00.000Z']);
  });

  it('a cancelled event, a cancelled occurrence and a METHOD:CANCEL remove what they cancel', () => {
    const series = vevent('UID:s', 'SEQUENCE:0', 'DTSTART:20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3');
    const cancelledOccurrence = vevent(
      'UID:s',
      'SEQUENCE:1',
      'RECURRENCE-ID:20260112T100000Z',
      'DTSTART:20260112T100000Z',
      'STATUS:CANCELLED',
    );
    const single = vevent('UID:c1', 'SEQUENCE:0', 'DTSTART:20260201T100000Z');
    const cancelSingle = vevent('UID:c1', 'SEQUENCE:1', 'DTSTAMP:20260120T000000Z'); // no DTSTART needed
    const statusCancelled = vevent('UID:c2', 'DTSTART:20260301T100000Z', 'STATUS:CANCELLED');
    const r = parse(
      ics(
        calendar([series, cancelledOccurrence, single, statusCancelled], 'REQUEST'),
        calendar([cancelSingle], 'CANCEL'),
      ),
    );
    expect(starts(r)).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-19T10:00:00.000Z']);
    expect(r.issues).toEqual([]);
    const seriesCancelled = parse(ics(calendar([series]), calendar([vevent('UID:s', 'SEQUENCE:2')], 'CANCEL')));
    expect(seriesCancelled.occurrences).toEqual([]);
  });

  it("a series cancelled in a calendar export keeps what happened before its LAST-MODIFIED, not before the export's DTSTAMP", () => {
    // DTSTAMP in an export is the time of the export; a CANCEL message's is when it was sent
    const cancelled = vevent(
      'UID:cx@google.com',
      'DTSTART:20250901T100000Z',
      'DTEND:20250901T110000Z',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'DTSTAMP:20260531T120000Z',
      'LAST-MODIFIED:20260110T090000Z',
      'SEQUENCE:2',
      'STATUS:CANCELLED',
    );
    const now = Date.UTC(2026, 5, 1);
    for (const method of [undefined, 'PUBLISH']) {
      const r = parse(ics(calendar([cancelled], method)), now);
      expect(r.occurrences, method).toHaveLength(19);
      expect(iso(r.occurrences.at(-1)?.start ?? 0)).toBe('2026-01-05T10:00:00.000Z');
      expect(r.events[0]?.cancelledFrom).toBe(Date.UTC(2026, 0, 10, 9));
    }
    const message = parse(ics(calendar([cancelled], 'CANCEL')), now);
    expect(message.occurrences).toHaveLength(39);
    expect(message.events[0]?.cancelledFrom).toBe(Date.UTC(2026, 4, 31, 12));
    // an export's DTSTAMP earlier than its LAST-MODIFIED is the earlier
    const early = parse(
      ics(calendar([cancelled.map((l) => (l.startsWith('DTSTAMP:') ? 'DTSTAMP:20251201T000000Z' : l))])),
      now,
    );
    expect(early.occurrences).toHaveLength(13);
  });

  it('meetingToInteraction skips what is cancelled', () => {
    const o = one(parse(ics(calendar([vevent('UID:x', 'DTSTART:20260105T100000Z', 'ATTENDEE:mailto:a@b.org')]))));
    expect(meetingToInteraction({ ...o, status: 'CANCELLED' }, ME)).toEqual({ skip: 'cancelled' });
    expect(meetingToInteraction({ ...o, method: 'CANCEL' }, ME)).toEqual({ skip: 'cancelled' });
  });

  it('events after now are not occurrences', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:past', 'DTSTART:20261119T100000Z'),
          vevent('UID:future', 'DTSTART:20261120T000001Z'),
          vevent('UID:now', 'DTSTART:20261120T000000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.externalId)).toEqual(['past', 'now']);
  });

  it('a weekly meeting counts occurrences up to now and no further back than 3 years', () => {
    const r = parse(ics(calendar([vevent('UID:wk', 'DTSTART:20150105T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO')])));
    // Mondays 09:00Z from 2023-11-20 (the window's first day, a Monday) to 2026-11-16: 157 weeks
    expect(r.occurrences).toHaveLength(157);
    expect(starts(r).at(0)).toBe('2023-11-20T09:00:00.000Z');
    expect(starts(r).at(-1)).toBe('2026-11-16T09:00:00.000Z');
    expect(r.occurrences.every((o) => o.externalId === `wk@${iso(o.start)}`)).toBe(true);
    expect(
      parse(ics(calendar([vevent('UID:wk', 'DTSTART:20150105T090000Z', 'RRULE:FREQ=WEEKLY')])), NOW, 1).occurrences,
    ).toHaveLength(52);
  });

  it('a later now adds only the new occurrences: the earlier ids are all still there', () => {
    const bytes = ics(calendar([vevent('UID:wk', 'DTSTART:20250106T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH')]));
    const before = parse(bytes, Date.UTC(2026, 0, 1));
    const after = parse(bytes, NOW);
    const later = new Set(after.occurrences.map((o) => o.externalId));
    expect(before.occurrences.every((o) => later.has(o.externalId))).toBe(true);
    const added = after.occurrences.filter((o) => !before.occurrences.some((b) => b.externalId === o.externalId));
    expect(added.every((o) => o.start > Date.UTC(2026, 0, 1))).toBe(true);
    expect(added.length).toBeGreaterThan(0);
  });

  it('re-import property: any series, any two nows — shared occurrences keep their id and data, new ones are after the first now', () => {
    const rules = ['FREQ=WEEKLY', 'FREQ=DAILY;BYDAY=MO,WE,FR', 'FREQ=MONTHLY;BYDAY=1TU', 'FREQ=DAILY;INTERVAL=3'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom('Z', 'berlin', 'floating'),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }),
        fc.integer({ min: 0, max: 900 * DAY }),
        (rule, daysBack, zone, now1, delta) => {
          const start = new Date(now1 - daysBack * DAY).toISOString().replace(/[-:]|\.\d+/g, '');
          const dtstart =
            zone === 'Z'
              ? `DTSTART:${start}`
              : zone === 'berlin'
                ? `DTSTART;TZID=Berlin:${start.slice(0, -1)}`
                : `DTSTART:${start.slice(0, -1)}`;
          const bytes = ics(
            calendar([vtimezone('Berlin'), vevent('UID:p', dtstart, 'DURATION:PT45M', `RRULE:${rule}`)]),
          );
          const now2 = now1 + delta;
          const a = parseIcs(bytes, { now: now1 });
          const b = parseIcs(bytes, { now: now2 });
          const windowStart2 = new Date(now2);
          windowStart2.setUTCFullYear(windowStart2.getUTCFullYear() - 3);
          const inB = new Map(b.occurrences.map((o) => [o.externalId, o]));
          for (const o of a.occurrences) {
            if (o.start >= windowStart2.getTime()) expect(inB.get(o.externalId)).toEqual(o);
          }
          const inA = new Set(a.occurrences.map((o) => o.externalId));
          for (const o of b.occurrences) if (!inA.has(o.externalId)) expect(o.start).toBeGreaterThan(now1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an override that moves an occurrence from the future into the past counts; one moved out does not', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:mv', 'DTSTART:20261102T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=4'),
          vevent('UID:mv', 'RECURRENCE-ID:20261123T100000Z', 'DTSTART:20261119T100000Z'),
          vevent('UID:mv', 'RECURRENCE-ID:20261109T100000Z', 'DTSTART:20261201T100000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.externalId)).toEqual([
      'mv@2026-11-02T10:00:00.000Z',
      'mv@2026-11-16T10:00:00.000Z',
      'mv@2026-11-23T10:00:00.000Z',
    ]);
  });

  it('all-day: without attendees skipped as all_day; with attendees kept, minutes 0', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:hol', 'DTSTART;VALUE=DATE:20260101', 'SUMMARY:New Year'),
          vevent(
            'UID:off',
            'DTSTART;VALUE=DATE:20260210',
            'DTEND;VALUE=DATE:20260212',
            'ATTENDEE:mailto:ann@example.com',
          ),
        ]),
      ),
    );
    const [holiday, offsite] = r.occurrences;
    expect(holiday).toMatchObject({ allDay: true, minutes: 0, start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 2) });
    expect(holiday && meetingToInteraction(holiday, ME)).toEqual({ skip: 'all_day' });
    expect(offsite).toMatchObject({ allDay: true, minutes: 0, end: Date.UTC(2026, 1, 12) });
    const record = offsite && interaction(offsite);
    expect(record?.minutes).toBeUndefined();
    expect(record?.at).toBe(Date.UTC(2026, 1, 10));
  });
});

// ---------------------------------------------------------------------------------------------
// Time zones

describe('time zones', () => {
  const at = (...lines: (string | string[])[]) => one(parse(ics(calendar(lines))));

  it('a VTIMEZONE in the file converts local times: Europe/Berlin 10:00 is 09:00Z in winter, 08:00Z in summer', () => {
    const winter = at(vtimezone('Europe/Berlin'), vevent('UID:b', 'DTSTART;TZID=Europe/Berlin:20260115T100000'));
    expect(iso(winter.start)).toBe('2026-01-15T09:00:00.000Z');
    const summer = at(vtimezone('Europe/Berlin'), vevent('UID:b', 'DTSTART;TZID=Europe/Berlin:20260715T100000'));
    expect(iso(summer.start)).toBe('2026-07-15T08:00:00.000Z');
  });

  it('a floating UNTIL is on DTSTART’s clock, with the zone’s VTIMEZONE in the file or without it', () => {
    const series = (uid: string) =>
      vevent(
        `UID:${uid}`,
        'DTSTART;TZID=America/Los_Angeles:20261004T170000',
        'DTEND;TZID=America/Los_Angeles:20261004T180000',
        'RRULE:FREQ=WEEKLY;UNTIL=20261025T170000',
      );
    const losAngeles = [
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:-0800',
      'TZOFFSETTO:-0700',
      'DTSTART:20070311T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:-0700',
      'TZOFFSETTO:-0800',
      'DTSTART:20071104T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
      'END:STANDARD',
    ];
    const four = [
      '2026-10-05T00:00:00.000Z',
      '2026-10-12T00:00:00.000Z',
      '2026-10-19T00:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
    ];
    expect(starts(parse(ics(calendar([vtimezone('America/Los_Angeles', losAngeles), series('with')]))))).toEqual(four);
    expect(starts(parse(ics(calendar([series('without')]))))).toEqual(four);
  });

  it('a date UNTIL of a series with times counts that whole day (against RFC 5545, as some exporters write it)', () => {
    const weekly = parse(
      ics(
        calendar([
          vtimezone('Europe/Berlin'),
          vevent(
            'UID:b1',
            'DTSTART;TZID=Europe/Berlin:20261005T100000',
            'DTEND;TZID=Europe/Berlin:20261005T110000',
            'RRULE:FREQ=WEEKLY;UNTIL=20261026',
          ),
        ]),
      ),
    );
    expect(starts(weekly)).toEqual([
      '2026-10-05T08:00:00.000Z',
      '2026-10-12T08:00:00.000Z',
      '2026-10-19T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
  });

  it('a time before the first rule of a VTIMEZONE with a known name is read by the system’s rules, not as UTC', () => {
    // Apple writes New York's rules from 2007 on; an event of 2006 is EST all the same
    const newYork = [
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:-0500',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'DTSTART:20070311T020000',
      'TZOFFSETTO:-0400',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:-0400',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
      'DTSTART:20071104T020000',
      'TZOFFSETTO:-0500',
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
    const old = one(
      parse(
        ics(
          calendar([
            newYork,
            vevent(
              'UID:ny',
              'DTSTART;TZID=America/New_York:20060110T090000',
              'DTEND;TZID=America/New_York:20060110T100000',
            ),
          ]),
        ),
        NOW,
        25,
      ),
    );
    expect([iso(old.start), old.minutes]).toEqual(['2006-01-10T14:00:00.000Z', 60]);
    const later = at(newYork, vevent('UID:ny2', 'DTSTART;TZID=America/New_York:20260110T090000'));
    expect(iso(later.start)).toBe('2026-01-10T14:00:00.000Z');
  });

  it('a DURATION in days is calendar days in the start’s zone: P1D over the autumn change lasts 25 hours', () => {
    const day = at(
      vtimezone('Europe/Berlin'),
      vevent('UID:d', 'DTSTART;TZID=Europe/Berlin:20261024T100000', 'DURATION:P1D'),
    );
    expect(day.minutes).toBe(25 * 60);
    const hours = at(vevent('UID:h', 'DTSTART:20261024T100000Z', 'DURATION:PT24H'));
    expect(hours.minutes).toBe(24 * 60);
  });

  it('the definition in the file is what counts, under any name', () => {
    const windowsName = at(
      vtimezone('W. Europe Standard Time'),
      vevent('UID:w', 'DTSTART;TZID="W. Europe Standard Time":20260115T100000'),
    );
    expect(iso(windowsName.start)).toBe('2026-01-15T09:00:00.000Z');
    const odd = at(
      vtimezone('Europe/Berlin', [
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0500',
        'TZOFFSETTO:+0500',
        'END:STANDARD',
      ]),
      vevent('UID:o', 'DTSTART;TZID=Europe/Berlin:20260115T100000'),
    );
    expect(iso(odd.start)).toBe('2026-01-15T05:00:00.000Z');
  });

  it('recurring occurrences follow the zone across daylight saving time', () => {
    const r = parse(
      ics(
        calendar([
          vtimezone('Europe/Berlin'),
          vevent('UID:dst', 'DTSTART;TZID=Europe/Berlin:20260323T100000', 'RRULE:FREQ=WEEKLY;COUNT=2'),
        ]),
      ),
    );
    expect(starts(r)).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });

  it('a time the clocks going back show twice is the first of the two, with or without a VTIMEZONE', () => {
    const r = parse(
      ics(
        calendar([
          vtimezone('Europe/Berlin'),
          vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20251026T023000', 'DTEND;TZID=Europe/Berlin:20251026T030000'),
          vevent('UID:b', 'DTSTART;TZID=America/New_York:20251102T013000'),
        ]),
      ),
    );
    // 02:30 CEST = 00:30Z, lasting 90 minutes (to 03:00 CET = 02:00Z); 01:30 EDT = 05:30Z
    expect(starts(r)).toEqual(['2025-10-26T00:30:00.000Z', '2025-11-02T05:30:00.000Z']);
    expect(r.occurrences[0]?.minutes).toBe(90);
  });

  it('a time the clocks going back show twice is the first of the two east of Greenwich too: by the system’s rules, or a VTIMEZONE under a name the system does not know', () => {
    const r = parse(
      ics(
        calendar([
          vtimezone('Office Time'),
          vevent('UID:berlin', 'DTSTART;TZID=Europe/Berlin:20261025T023000'),
          vevent('UID:office', 'DTSTART;TZID=Office Time:20261025T023000'),
          vevent('UID:office-2', 'DTSTART;TZID=Office Time:20261025T020000'),
          vevent('UID:office-3', 'DTSTART;TZID=Office Time:20261025T030000'),
          vevent('UID:sydney', 'DTSTART;TZID=Australia/Sydney:20260405T023000'),
          vevent('UID:ny', 'DTSTART;TZID=America/New_York:20261101T013000'),
        ]),
      ),
    );
    expect(r.issues).toEqual([]);
    // 02:30 CEST = 00:30Z (not 02:30 CET = 01:30Z); 02:00 CEST = 00:00Z; 03:00 is shown once, in
    // CET (02:00Z); 02:30 AEDT = 15:30Z the day before (not AEST, 16:30Z); 01:30 EDT = 05:30Z
    expect(r.occurrences.map((o) => [o.uid, iso(o.start)])).toEqual([
      ['sydney', '2026-04-04T15:30:00.000Z'],
      ['office-2', '2026-10-25T00:00:00.000Z'],
      ['berlin', '2026-10-25T00:30:00.000Z'],
      ['office', '2026-10-25T00:30:00.000Z'],
      ['office-3', '2026-10-25T02:00:00.000Z'],
      ['ny', '2026-11-01T05:30:00.000Z'],
    ]);
  });

  it('a time the clocks skip is read with the offset before the change, east and west of Greenwich, with or without a VTIMEZONE', () => {
    const gap = (zone: string, day: string, ...extra: string[][]) => [
      ...extra,
      vevent(`UID:${zone}`, `DTSTART;TZID=${zone}:${day}T023000`, `DTEND;TZID=${zone}:${day}T033000`),
    ];
    const r = parse(
      ics(
        calendar([
          ...gap('America/New_York', '20260308'),
          ...gap('Europe/Berlin', '20260329', vtimezone('Europe/Berlin')),
          ...gap('America/Chicago', '20260308'),
        ]),
      ),
    );
    // 02:30 does not exist on those days: read at -05:00 (07:30Z), -06:00 (08:30Z) and +01:00
    // (01:30Z); 03:30 does, in summer time, the same instant: no time at all
    expect(starts(r)).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-08T08:30:00.000Z', '2026-03-29T01:30:00.000Z']);
    expect(r.occurrences.map((o) => o.minutes)).toEqual([0, 0, 0]);
  });

  it('an unknown TZID is read as UTC, with one unknown_timezone issue per TZID', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:1', 'DTSTART;TZID=Atlantis Standard Time:20260105T100000'),
          vevent('UID:2', 'DTSTART;TZID=Atlantis Standard Time:20260106T100000'),
          vevent('UID:3', 'DTSTART;TZID=:20260107T100000'),
        ]),
      ),
    );
    expect(starts(r)).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-06T10:00:00.000Z', '2026-01-07T10:00:00.000Z']);
    expect(r.issues.map((i) => [i.code, i.line, i.record])).toEqual([
      ['unknown_timezone', 4, 'event 1'],
      ['unknown_timezone', 12, 'event 3'],
    ]);
    expect(r.issues[0]?.message).toContain('Atlantis Standard Time');
  });

  it('a zone the file defines with offsets that are no offsets is said to be unreadable, not missing', () => {
    const broken = [
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+99999',
      'TZOFFSETTO:abc',
      'END:STANDARD',
    ];
    const r = parse(
      ics(calendar([vtimezone('Office', broken), vevent('UID:1', 'DTSTART;TZID=Office:20260105T100000')])),
    );
    expect(starts(r)).toEqual(['2026-01-05T10:00:00.000Z']);
    expect(r.issues.map((i) => i.code)).toEqual(['unknown_timezone']);
    expect(r.issues[0]?.message).toContain('"Office" is defined in the file, but its VTIMEZONE cannot be read');
  });

  it('a zone one calendar of the file defines is used by another calendar of it that does not (a REPLY after its invitation)', () => {
    const first = calendar(
      [vtimezone('Office Time'), vevent('UID:a', 'DTSTART;TZID=Office Time:20260105T100000')],
      'REQUEST',
    );
    const second = calendar([vevent('UID:b', 'DTSTART;TZID=Office Time:20260705T100000')], 'REQUEST');
    // read in chunks (well formed), whole (a line outside the calendars), block by block (a bad line)
    for (const [label, bytes] of [
      ['chunks', ics(first, second)],
      ['whole', ics(first, 'stray text', second)],
      ['blocks', ics(first, second.slice(0, -2), 'DTEND;TZID=Office Time:not a time', ...second.slice(-2))],
    ] as const) {
      const r = parse(bytes);
      expect(starts(r), label).toEqual(['2026-01-05T09:00:00.000Z', '2026-07-05T08:00:00.000Z']);
      expect(
        r.issues.filter((i) => i.code === 'unknown_timezone'),
        label,
      ).toEqual([]);
    }
  });

  it('a Windows zone name without a VTIMEZONE (Outlook, Exchange) is read as its IANA zone, summer time too', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:1', 'DTSTART;TZID=W. Europe Standard Time:20260105T100000'),
          vevent('UID:2', 'DTSTART;TZID="W. Europe Standard Time":20260706T100000'),
          vevent('UID:3', 'DTSTART;TZID=Pacific Standard Time:20260105T100000'),
        ]),
      ),
    );
    expect(starts(r)).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-05T18:00:00.000Z', '2026-07-06T08:00:00.000Z']);
    expect(r.issues).toEqual([]);
  });

  it('an Outlook display name without a VTIMEZONE is read as the zone of its places, summer time too', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:1', 'DTSTART;TZID="(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":20260105T100000'),
          vevent(
            'UID:2',
            'DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260706T100000',
          ),
          vevent('UID:3', 'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20260706T100000'),
          vevent(
            'UID:4',
            'DTSTART;TZID="(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna":20260105T100000',
          ),
          vevent('UID:5', 'DTSTART;TZID="(UTC) Dublin, Edinburgh, Lisbon, London":20260706T100000'),
          vevent('UID:6', 'DTSTART;TZID="(UTC+10:00) Canberra, Melbourne, Sydney":20260105T100000'),
        ]),
      ),
    );
    // 10:00 IST = 04:30Z; 10:00 CEST = 08:00Z; 10:00 EDT = 14:00Z; 10:00 CET = 09:00Z; 10:00 BST = 09:00Z;
    // 10:00 AEDT (January is summer in Sydney) = 23:00Z the day before
    expect(starts(r)).toEqual([
      '2026-01-04T23:00:00.000Z',
      '2026-01-05T04:30:00.000Z',
      '2026-01-05T09:00:00.000Z',
      '2026-07-06T08:00:00.000Z',
      '2026-07-06T09:00:00.000Z',
      '2026-07-06T14:00:00.000Z',
    ]);
    expect(r.issues).toEqual([]);
  });

  it('an Outlook display name of places no zone is named after is read at its offset and reported', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:1', 'DTSTART;TZID="(UTC+05:30) Somewhere, Elsewhere":20260706T100000'),
          vevent('UID:2', 'DTSTART;TZID="(UTC-03:00) Nowhere":20260706T100000'),
          vevent('UID:3', 'DTSTART;TZID="(UTC+05:30) Somewhere, Elsewhere":20260707T100000'),
        ]),
      ),
    );
    expect(starts(r)).toEqual(['2026-07-06T04:30:00.000Z', '2026-07-06T13:00:00.000Z', '2026-07-07T04:30:00.000Z']);
    expect(r.issues.map((i) => i.code)).toEqual(['unknown_timezone', 'unknown_timezone']);
    expect(r.issues[0]?.message).toContain('read at the offset it gives (UTC+05:30)');
  });

  it('a zone named the way Lightning and Sunbird wrote it (/mozilla.org/…/Europe/Berlin) is its IANA zone', () => {
    const r = parse(
      ics(calendar([vevent('UID:m', 'DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20260715T100000')])),
    );
    expect(starts(r)).toEqual(['2026-07-15T08:00:00.000Z']);
    expect(r.issues).toEqual([]);
  });

  it('an IANA TZID without a VTIMEZONE is converted with the system time zone database, without an issue', () => {
    const r = parse(
      ics(
        calendar([
          vevent(
            'UID:ny',
            'DTSTART;TZID=America/New_York:20260115T100000',
            'DTEND;TZID=America/New_York:20260115T113000',
          ),
          vevent(
            'UID:ber',
            'DTSTART;TZID=Europe/Berlin:20260323T100000',
            'RRULE:FREQ=WEEKLY;COUNT=3',
            'EXDATE;TZID=Europe/Berlin:20260330T100000',
          ),
        ]),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.occurrences.map((o) => [iso(o.start), o.minutes])).toEqual([
      ['2026-01-15T15:00:00.000Z', 90],
      ['2026-03-23T09:00:00.000Z', 0],
      ['2026-04-06T08:00:00.000Z', 0],
    ]);
  });

  it('floating times are UTC', () => {
    expect(iso(at(vevent('UID:f', 'DTSTART:20260115T100000')).start)).toBe('2026-01-15T10:00:00.000Z');
  });

  it('floating times are in the calendar’s X-WR-TIMEZONE when it names one, series across summer time too', () => {
    const events = [
      vevent('UID:f', 'DTSTART:20260115T100000', 'DTEND:20260115T110000'),
      vevent('UID:s', 'DTSTART:20260323T100000', 'RRULE:FREQ=WEEKLY;COUNT=2'),
      vevent('UID:z', 'DTSTART:20260116T100000Z'),
      vevent('UID:t', 'DTSTART;TZID=America/New_York:20260117T100000'),
    ];
    const r = parse(ics(calendar(['X-WR-TIMEZONE:Europe/Paris', ...events])));
    expect(r.issues).toEqual([]);
    expect(r.occurrences.map((o) => [iso(o.start), o.minutes])).toEqual([
      ['2026-01-15T09:00:00.000Z', 60],
      ['2026-01-16T10:00:00.000Z', 0],
      ['2026-01-17T15:00:00.000Z', 0],
      ['2026-03-23T09:00:00.000Z', 0],
      ['2026-03-30T08:00:00.000Z', 0],
    ]);
    // the same when a bad line elsewhere makes the calendar be read event by event
    const broken = parse(
      ics(
        calendar([
          'X-WR-TIMEZONE:Europe/Paris',
          ...events,
          vevent('UID:b', 'DTSTART:20260201T100000', 'NO COLON HERE'),
        ]),
      ),
    );
    expect(broken.issues.map((i) => i.code)).toEqual(['bad_event']);
    expect(broken.occurrences.map((o) => iso(o.start))).toContain('2026-01-15T09:00:00.000Z');
    // a zone nobody knows is said once, and the times are read as UTC
    const unknown = parse(ics(calendar(['X-WR-TIMEZONE:Mars/Olympus', ...events.slice(0, 2)])));
    expect(unknown.issues.map((i) => i.code)).toEqual(['unknown_timezone']);
    expect(iso(unknown.occurrences[0]?.start ?? 0)).toBe('2026-01-15T10:00:00.000Z');
  });

  it('X-WR-TIMEZONE leaves a series written in UTC in UTC: each occurrence once, at its time, its UTC EXDATE and RECURRENCE-IDs matching', () => {
    const people = ['ORGANIZER:mailto:me@example.com', 'ATTENDEE:mailto:bob@example.com'];
    const r = parse(
      ics(
        calendar([
          'X-WR-TIMEZONE:Europe/Berlin',
          // Google writes a series in UTC with the calendar's zone beside it
          vevent(
            'UID:utc',
            'DTSTART:20261102T090000Z',
            'DTEND:20261102T093000Z',
            'RRULE:FREQ=WEEKLY;COUNT=5',
            'EXDATE:20261109T090000Z',
            ...people,
          ),
          vevent('UID:utc', 'RECURRENCE-ID:20261116T090000Z', 'DTSTART:20261116T140000Z', ...people),
          vevent('UID:utc', 'RECURRENCE-ID:20261123T090000Z', 'STATUS:CANCELLED', ...people),
          // a floating series is still in the calendar's zone, across the end of summer time
          vevent('UID:wall', 'DTSTART:20261019T090000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261102T080000Z'),
        ]),
      ),
      Date.UTC(2026, 11, 1),
    );
    expect(r.issues).toEqual([]);
    expect(r.occurrences.map((o) => [o.uid, iso(o.start)])).toEqual([
      ['wall', '2026-10-19T07:00:00.000Z'],
      ['wall', '2026-10-26T08:00:00.000Z'],
      ['utc', '2026-11-02T09:00:00.000Z'],
      ['utc', '2026-11-16T14:00:00.000Z'],
      ['utc', '2026-11-30T09:00:00.000Z'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Accounting: what every VEVENT became

describe('what every VEVENT of a file became', () => {
  const invite = (sequence: number, ...extra: string[]) =>
    vevent(
      'UID:m',
      `SEQUENCE:${sequence}`,
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260105T100000Z',
      'ORGANIZER:mailto:zed@example.com',
      'ATTENDEE:mailto:ann@example.com',
      'ATTENDEE:mailto:bob@example.com',
      ...extra,
    );
  const answer = (who: string, partstat: string, stamp: string, sequence = 0, ...extra: string[]) =>
    vevent(
      'UID:m',
      `SEQUENCE:${sequence}`,
      `DTSTAMP:${stamp}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
      ...extra,
    );
  const counts = (r: IcsResult) => ({
    events: r.vevents,
    meetings: r.meetings,
    answers: r.answers,
    skipped: r.skipped,
  });

  it('an invitation, its older version, a stale CANCEL, two answers, one answered again, and a COUNTER', () => {
    const r = parse(
      ics(
        calendar([invite(0)], 'REQUEST'),
        calendar([invite(2)], 'REQUEST'),
        calendar([vevent('UID:m', 'SEQUENCE:1', 'DTSTAMP:20260102T000000Z')], 'CANCEL'),
        calendar([answer('ann@example.com', 'ACCEPTED', '20260103T000000Z', 2)], 'REPLY'),
        calendar([answer('ann@example.com', 'DECLINED', '20260104T000000Z', 2)], 'REPLY'),
        calendar([answer('bob@example.com', 'ACCEPTED', '20260103T000000Z', 1)], 'REPLY'),
        calendar([invite(2, 'DTSTART:20260106T100000Z').filter((l) => l !== 'DTSTART:20260105T100000Z')], 'COUNTER'),
      ),
    );
    // 7 VEVENTs: the meeting (SEQUENCE 2); SEQUENCE 0 older; the CANCEL of SEQUENCE 1 older (the
    // meeting stands); Ann's decline taken in, her earlier accept replaced by it; Bob's answer to
    // SEQUENCE 1, older than the meeting; the COUNTER not taken: 1 + 1 + 1 + 1 + 1 + 1 + 1
    expect(counts(r)).toEqual({
      events: 7,
      meetings: 1,
      answers: 1,
      skipped: { superseded: 1, superseded_cancellation: 1, older_answer: 2, proposal_not_taken: 1 },
    });
    expect(one(r).attendees.map((a) => a.partstat)).toEqual(['DECLINED', undefined]);
  });

  it('a REPLY that gives a time is an answer and stands for its meeting; a COUNTER beside it never hides it', () => {
    const reply = answer('ann@example.com', 'ACCEPTED', '20260102T000000Z', 0, 'DTSTART:20260105T100000Z');
    const counter = vevent('UID:m', 'SEQUENCE:1', 'DTSTAMP:20260103T000000Z', 'DTSTART:20260106T100000Z');
    const r = parse(ics(calendar([reply], 'REPLY'), calendar([counter], 'COUNTER')));
    // 2 VEVENTs: the answer, counted as the meeting it stands for (no organizer's version being in
    // the file), not also as an answer, and a COUNTER with no invitation in the file
    expect(counts(r)).toEqual({ events: 2, meetings: 1, answers: 0, skipped: { proposal: 1 } });
    expect(r.events.map((e) => [e.answer, e.answers?.length])).toEqual([[true, 1]]);
  });

  it('a CANCEL that is the latest version cancels the meeting; the invitation it replaces is an older version', () => {
    const r = parse(
      ics(
        calendar([invite(0)], 'REQUEST'),
        calendar([vevent('UID:m', 'SEQUENCE:1', 'DTSTAMP:20260102T000000Z')], 'CANCEL'),
      ),
    );
    expect(counts(r)).toEqual({ events: 2, meetings: 1, answers: 0, skipped: { cancelled: 1, superseded: 1 } });
    expect(r.occurrences).toEqual([]);
  });

  it('changed occurrences outside the window are counted, not lost in silence', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:w', 'DTSTART:20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3'),
          vevent('UID:w', 'RECURRENCE-ID:20260112T100000Z', 'DTSTART:20270112T100000Z'),
          vevent('UID:gone', 'RECURRENCE-ID:20100112T100000Z', 'DTSTART:20100112T100000Z'),
        ]),
      ),
    );
    // the series gives 2 occurrences (the third is moved past now), the moved one is still to come,
    // and a changed occurrence of 2010 is before the window: 2 + 1 + 1
    expect(counts(r)).toEqual({
      events: 3,
      meetings: 4,
      answers: 0,
      skipped: { future: 1, occurrence_before_window: 1 },
    });
    expect(r.occurrences).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input

describe('a large file, read a chunk of events at a time', () => {
  /** what a parse found, without the functions and ical.js objects it holds */
  const found = (r: IcsResult) => ({
    occurrences: r.occurrences,
    events: r.events,
    issues: r.issues,
    skipped: r.skipped,
    vevents: r.vevents,
    meetings: r.meetings,
    answers: r.answers,
    named: r.named,
  });
  const inChunks = (bytes: Uint8Array, chunkEvents: number, now = NOW) =>
    found(parseIcs(bytes, { now, chunkEvents, maxRecurrenceSteps: 2_000 }));

  it('reads each event as a file read whole would: series, their changes and answers in other chunks, a bad line, two calendars', () => {
    const bytes = ics(
      calendar(
        [
          'X-WR-TIMEZONE:Europe/Berlin',
          vevent(
            'UID:weekly',
            'DTSTART;TZID=Office:20260105T100000',
            'DURATION:PT1H',
            'RRULE:FREQ=WEEKLY;COUNT=6',
            'EXDATE;TZID=Office:20260119T100000',
            'ORGANIZER:mailto:me@example.com',
            'ATTENDEE;CN=Ann:mailto:ann@example.com',
          ),
          vevent('UID:floating', 'DTSTART:20260106T100000', 'ATTENDEE:mailto:bob@example.com'),
          vevent('UID:broken', 'DTSTART:20260107T100000Z', 'this line has no colon'),
          vevent(
            'UID:weekly',
            'RECURRENCE-ID;TZID=Office:20260112T100000',
            'DTSTART;TZID=Office:20260113T150000',
            'DURATION:PT1H',
            'ATTENDEE;CN=Ann:mailto:ann@example.com',
          ),
          vevent('UID:moved', 'SEQUENCE:0', 'DTSTART:20260108T100000Z', 'ATTENDEE:mailto:cy@example.com'),
          vevent('UID:moved', 'SEQUENCE:1', 'DTSTART:20260109T100000Z', 'ATTENDEE:mailto:cy@example.com'),
          // the calendar's zones written after its events, as some exporters do; a name of its own
          // (as Outlook names them) is known only by its definition in the file
          vtimezone('Office'),
        ],
        'REQUEST',
      ),
      calendar(
        [
          vevent(
            'UID:moved',
            'SEQUENCE:1',
            'DTSTART:20260109T100000Z',
            'DTSTAMP:20260101T000000Z',
            'ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.com',
          ),
        ],
        'REPLY',
      ),
    );
    const whole = inChunks(bytes, 1000);
    for (const size of [1, 2, 3, 4]) expect(inChunks(bytes, size)).toEqual(whole);
    // what a file read whole finds, checked on its own: the series less its EXDATE and its moved
    // slot, the moved slot at its new time, the floating time in the calendar's zone, the later
    // SEQUENCE, the guest's answer taken in; the broken event is lost alone, with its line and number
    expect(whole.occurrences.map((o) => [o.uid, iso(o.start)])).toEqual([
      ['weekly', '2026-01-05T09:00:00.000Z'],
      ['floating', '2026-01-06T09:00:00.000Z'],
      ['moved', '2026-01-09T10:00:00.000Z'],
      ['weekly', '2026-01-13T14:00:00.000Z'],
      ['weekly', '2026-01-26T09:00:00.000Z'],
      ['weekly', '2026-02-02T09:00:00.000Z'],
      ['weekly', '2026-02-09T09:00:00.000Z'],
    ]);
    expect(whole.issues.map((i) => [i.code, i.line, i.record])).toEqual([['bad_event', 20, 'event 3']]);
    expect(whole.answers).toBe(1);
    expect(whole.vevents).toBe(7);
    expect(whole.occurrences.find((o) => o.uid === 'moved')?.attendees).toMatchObject([
      { email: 'cy@example.com', partstat: 'DECLINED' },
    ]);
  });

  it("takes a calendar's first METHOD and X-WR-TIMEZONE, whether its chunk is read whole or, for a bad line, event by event", () => {
    const event = (i: number) =>
      vevent(
        `UID:e${i}`,
        `DTSTART:2026060${i}T100000`,
        'ORGANIZER:mailto:me@example.com',
        'ATTENDEE:mailto:ann@example.com',
      );
    const file = (bad: boolean) =>
      ics(
        calendar(
          [
            'X-WR-TIMEZONE:America/New_York',
            'X-WR-TIMEZONE:Asia/Tokyo',
            'METHOD:REPLY',
            event(1),
            event(2),
            [...event(3).slice(0, -1), ...(bad ? ['THIS IS BAD'] : []), 'END:VEVENT'],
            event(4),
          ],
          'PUBLISH',
        ),
      );
    const good = inChunks(file(false), 2);
    const broken = inChunks(file(true), 2);
    // New York's 10:00, read as meetings the calendar publishes
    expect(good.occurrences.map((o) => iso(o.start))).toEqual([1, 2, 3, 4].map((d) => `2026-06-0${d}T14:00:00.000Z`));
    const seen = (r: typeof good) => r.occurrences.map((o) => [o.uid, o.start, o.method, o.attendees]);
    expect(seen(broken)).toEqual(seen(good).filter(([uid]) => uid !== 'e3'));
    expect(broken.issues.map((i) => [i.code, i.record])).toEqual([['bad_event', 'event 3']]);
    expect(inChunks(file(true), 10)).toEqual(broken);
  });

  it.skipIf(skipWithoutSharedData('ics-samples', 'ics.test'))(
    'the real samples read a chunk of one event at a time as they read whole',
    () => {
      for (const { file, now } of SAMPLES) {
        const bytes = readFileSync(sharedPath(`ics-samples/${file}`));
        const at = Date.parse(`${now}T00:00:00Z`);
        expect(inChunks(bytes, 1, at), file).toEqual(inChunks(bytes, 10_000, at));
      }
    },
  );

  it('any calendar reads the same whatever the size of its chunks', () => {
    const wellFormedEvent = fc.array(fc.constantFrom(...PROPERTIES), { maxLength: 10 }).map((p) => vevent(...p));
    const calendarOf = fc
      .tuple(
        fc.constantFrom([], ['METHOD:REQUEST'], ['METHOD:REPLY'], ['METHOD:CANCEL'], ['X-WR-TIMEZONE:Europe/Paris']),
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: wellFormedEvent },
            // a junk line breaks its chunk (each of its events is then read alone), or the whole file
            { weight: 1, arbitrary: randomEvent },
            { weight: 1, arbitrary: randomTimezone },
          ),
          { maxLength: 12 },
        ),
      )
      .map(([head, items]) => calendar([...head, ...items.flat()]));
    fc.assert(
      fc.property(
        fc.array(calendarOf, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 4 }),
        (cals, size) => {
          const bytes = ics(...cals.flat());
          expect(inChunks(bytes, size)).toEqual(inChunks(bytes, 10_000));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('bad input', () => {
  it('not iCalendar at all is refused with NotThisFormat', () => {
    const refuse = (bytes: Uint8Array) => expect(() => parse(bytes)).toThrow(NotThisFormat);
    refuse(ics('BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann', 'END:VCARD'));
    refuse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
    refuse(new Uint8Array());
    expect(() => parse(ics('hello'))).toThrow('not an iCalendar file: no BEGIN:VCALENDAR line found');
  });

  it('a VEVENT without DTSTART is reported as no_start and skipped', () => {
    const r = parse(ics(calendar([vevent('UID:a', 'SUMMARY:When?'), vevent('UID:b', 'DTSTART:20260105T100000Z')])));
    expect(r.occurrences.map((o) => o.uid)).toEqual(['b']);
    expect(r.issues).toMatchObject([{ code: 'no_start', line: 4, record: 'event 1' }]);
  });

  it('a meeting without DTSTART is no_start under REQUEST or PUBLISH too; a REPLY without one is an answer', () => {
    const noStart = vevent(
      'UID:a',
      'SEQUENCE:0',
      'ORGANIZER:mailto:zed@example.com',
      'ATTENDEE:mailto:ann@example.com',
    );
    for (const method of ['REQUEST', 'PUBLISH']) {
      const r = parse(ics(calendar([noStart], method)));
      expect(
        r.issues.map((i) => i.code),
        method,
      ).toEqual(['no_start']);
      expect([r.meetings, r.answers], method).toEqual([0, 0]);
    }
    const reply = vevent(
      'UID:a',
      'SEQUENCE:0',
      'ORGANIZER:mailto:zed@example.com',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com',
    );
    const r = parse(ics(calendar([reply], 'REPLY')));
    expect(r.issues).toEqual([]);
    expect([r.vevents, r.meetings, r.answers, r.skipped]).toEqual([1, 0, 1, {}]);
  });

  it('an event whose BEGIN:VEVENT line is damaged or missing is reported at its END:VEVENT line, not lost in silence', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:good1', 'DTSTART:20260115T100000Z'),
          ['EBEGIN:VEVENT', 'UID:lost', 'DTSTART:20260116T100000Z', 'END:VEVENT'],
          vevent('UID:good2', 'DTSTART:20260117T100000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.uid)).toEqual(['good1', 'good2']);
    expect(r.issues.map((i) => [i.code, i.line, i.dropped])).toEqual([['orphan_end', 11, true]]);
  });

  it('a broken VEVENT among good ones is reported as bad_event with its line; the others are read', () => {
    const r = parse(
      ics(
        calendar([
          vtimezone('Europe/Berlin'),
          vevent('UID:good1', 'DTSTART;TZID=Europe/Berlin:20260115T100000'),
          vevent('UID:broken', 'DTSTART:20260116T100000Z', 'this line has no colon'),
          vevent('UID:good2', 'DTSTART:20260117T100000Z', 'SUMMARY:still here'),
          vevent('UID:bad-date', 'DTSTART:garbage'),
        ]),
        'X-AFTER-THE-CALENDAR:ok',
      ),
    );
    // the whole-file parse fails on the line without a colon; each block is then read on its own,
    // with the calendar's VTIMEZONE, so good1 is still converted from Berlin time
    expect(r.occurrences.map((o) => [o.uid, iso(o.start), o.where.line])).toEqual([
      ['good1', '2026-01-15T09:00:00.000Z', 19],
      ['good2', '2026-01-17T10:00:00.000Z', 28],
    ]);
    expect(r.issues.map((i) => [i.code, i.line, i.record])).toEqual([
      ['bad_event', 23, 'event 2'],
      ['bad_event', 33, 'event 4'],
    ]);
    // the property is named, not the value as ical.js mangled it ("garb-ag-eT::")
    expect(r.issues[1]?.message).toBe('the event could not be read (its DTSTART is not a date or time); skipped');
  });

  it('a date or time that does not exist is reported, not rolled over into the next month', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:feb31', 'DTSTART:20260231T100000Z'),
          vevent('UID:apr31', 'DTSTART;TZID=Europe/Paris:20260431T100000'),
          vevent('UID:feb30', 'DTSTART;VALUE=DATE:20260230'),
          vevent('UID:h25', 'DTSTART:20260510T256000Z'),
          vevent('UID:m13', 'DTSTART:20261305T100000Z'),
          vevent('UID:ok', 'DTSTART:20240229T100000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.uid)).toEqual(['ok']);
    expect(r.issues.map((i) => [i.code, i.record, i.message])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [
        'bad_event',
        `event ${n}`,
        'the event could not be read (its DTSTART is not a date or time); skipped',
      ]),
    );
  });

  it('an unterminated VEVENT is a bad_event; the next one is read', () => {
    const r = parse(
      ics(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:open',
        'DTSTART:20260105T100000Z',
        'BEGIN:VEVENT',
        'UID:fine',
        'DTSTART:20260106T100000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    expect(r.occurrences.map((o) => [o.uid, o.where.record])).toEqual([['fine', 'event 2']]);
    expect(r.issues).toMatchObject([{ code: 'bad_event', line: 2, record: 'event 1' }]);
  });

  it('line numbers are those of the BEGIN lines, folded lines included', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:a', 'DESCRIPTION:folded', ' over', '\tthree lines', 'DTSTART:20260105T100000Z'),
          vevent('UID:b', 'DTSTART:20260106T100000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.where)).toEqual([
      { line: 4, record: 'event 1' },
      { line: 11, record: 'event 2' },
    ]);
  });

  it('a VEVENT outside the VCALENDAR is read too, with its line', () => {
    const r = parse(
      ics(calendar([vevent('UID:in', 'DTSTART:20260105T100000Z')]), vevent('UID:out', 'DTSTART:20260106T100000Z')),
    );
    expect(r.occurrences.map((o) => [o.uid, o.where.line, o.where.record])).toEqual([
      ['in', 4, 'event 1'],
      ['out', 9, 'event 2'],
    ]);
  });

  it('says what it holds of each event for a later import: sequence, cancellation, declines, answers', () => {
    const cancel = parse(
      ics(
        calendar(
          [
            vevent('UID:s', 'SEQUENCE:2', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261001T100000Z', 'RRULE:FREQ=WEEKLY'),
            vevent('UID:s', 'RECURRENCE-ID:20261008T100000Z', 'SEQUENCE:3', 'DTSTART:20261008T120000Z'),
          ],
          'CANCEL',
        ),
      ),
    );
    expect(cancel.events).toEqual([
      {
        key: 's',
        uid: 's',
        occurrence: false,
        sequence: 2,
        // no LAST-MODIFIED: an organizer's message is dated by when it was sent, its DTSTAMP
        modified: Date.UTC(2026, 10, 1),
        cancelledFrom: Date.UTC(2026, 10, 1),
        declined: [],
        answer: false,
      },
      {
        key: 's@2026-10-08T10:00:00.000Z',
        uid: 's',
        occurrence: true,
        recurrenceAt: Date.UTC(2026, 9, 8, 10),
        sequence: 3,
        modified: 0,
        cancelledFrom: 0,
        declined: [],
        answer: false,
      },
    ]);
    const reply = parse(
      ics(
        calendar(
          [vevent('UID:r', 'DTSTART:20261001T100000Z', 'ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.com')],
          'REPLY',
        ),
      ),
    );
    expect(reply.events).toEqual([
      {
        key: 'r',
        uid: 'r',
        occurrence: false,
        sequence: 0,
        modified: 0,
        declined: ['me@example.com'],
        answer: true,
        answers: [{ email: 'me@example.com', partstat: 'DECLINED', stamp: 0 }],
      },
    ]);
  });

  it('says when two events of one UID and SEQUENCE are at different times, keeping the later in the file', () => {
    const guest = 'ATTENDEE:mailto:ann@example.com';
    const r = parse(
      ics(
        calendar([
          vevent('UID:dup', 'SEQUENCE:0', 'DTSTART:20261103T100000Z', 'SUMMARY:first', guest),
          vevent('UID:dup', 'SEQUENCE:0', 'DTSTART:20261104T100000Z', 'SUMMARY:second', guest),
          vevent('UID:same', 'DTSTART:20261105T100000Z', guest),
          vevent('UID:same', 'DTSTART:20261105T100000Z', guest),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.summary ?? o.uid)).toEqual(['second', 'same']);
    // an exact copy says nothing
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [
        4,
        'duplicate_uid',
        'the event has the UID of the one at line 11 and the same SEQUENCE, at another time; the later in the file was kept',
      ],
    ]);
  });

  it('reports a DTEND that is no date, and keeps the meeting without a length', () => {
    const r = parse(ics(calendar([vevent('UID:e', 'DTSTART:20260303T100000Z', 'DTEND:notadate')])));
    expect(one(r).minutes).toBe(0);
    expect(r.issues).toMatchObject([{ code: 'bad_end', line: 4, record: 'event 1' }]);
  });

  it('counts what it leaves out on purpose: meetings still to come, series with nothing in the window', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:later', 'DTSTART:20270105T100000Z'),
          vevent('UID:old', 'DTSTART:20100105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=5'),
          vevent('UID:soon', 'DTSTART:20270105T100000Z', 'RRULE:FREQ=WEEKLY'),
          vevent('UID:now', 'DTSTART:20260105T100000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.uid)).toEqual(['now']);
    expect(r.skipped).toEqual({ future: 2, before_window: 1 });
  });

  it('counts cancelled meetings, a cancelled series once and a cancelled occurrence of a series once', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:off', 'DTSTART:20260105T100000Z', 'STATUS:CANCELLED'),
          vevent('UID:series', 'DTSTART:20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=4', 'STATUS:CANCELLED'),
          vevent('UID:weekly', 'DTSTART:20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3'),
          vevent('UID:weekly', 'RECURRENCE-ID:20260112T100000Z', 'DTSTART:20260112T100000Z', 'STATUS:CANCELLED'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => o.uid)).toEqual(['weekly', 'weekly']);
    expect(r.skipped).toEqual({ cancelled: 3 });
  });

  it('reports an event begun before the one above it ended, and reads both', () => {
    const r = parse(
      ics([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:outer',
        'DTSTART:20260301T100000Z',
        'BEGIN:VEVENT',
        'UID:inner',
        'DTSTART:20260302T100000Z',
        'END:VEVENT',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    expect(r.occurrences.map((o) => o.uid).sort()).toEqual(['inner', 'outer']);
    expect(r.issues).toMatchObject([{ code: 'unclosed_event', line: 3, record: 'event 1' }]);
  });

  it('reports a DURATION that is no duration, and an end before the start, and keeps both meetings', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:d', 'DTSTART:20260301T100000Z', 'DURATION:xyz'),
          vevent('UID:e', 'DTSTART:20260302T100000Z', 'DTEND:20260302T090000Z'),
        ]),
      ),
    );
    expect(r.occurrences.map((o) => [o.uid, o.minutes])).toEqual([
      ['d', 0],
      ['e', 0],
    ]);
    expect(r.issues.map((i) => [i.code, i.record])).toEqual([
      ['bad_end', 'event 1'],
      ['bad_end', 'event 2'],
    ]);
  });

  it('a calendar cut off before its END:VCALENDAR is reported at its BEGIN line; its complete events are read, the file read whole or block by block', () => {
    const whole = calendar([vevent('UID:a', 'DTSTART:20260105T100000Z'), vevent('UID:b', 'DTSTART:20260106T100000Z')]);
    const cut = (lines: string[]) => lines.slice(0, -1);
    const unclosed = (r: IcsResult) =>
      r.issues.filter((i) => i.code === 'unclosed_calendar').map((i) => [i.line, i.message]);
    const endsAt = (line: number) => [
      1,
      `the calendar has no END:VCALENDAR line: the file ends at line ${line} without it (it was cut off); its complete events were read`,
    ];
    // cut off right after an END:VEVENT: ical.js reads the rest whole, at any chunk size
    for (const chunkEvents of [1, 500]) {
      const r = parseIcs(ics(cut(whole)), { now: NOW, chunkEvents });
      expect(r.occurrences.map((o) => o.uid)).toEqual(['a', 'b']);
      expect(r.issues.map((i) => i.code)).toEqual(['unclosed_calendar']);
      expect(unclosed(r)).toEqual([endsAt(11)]);
    }
    // a bad line makes each event be read alone; cut off inside an event, that one is lost too
    const blocks = parse(ics(cut(whole).toSpliced(5, 0, 'NO COLON HERE')));
    expect(blocks.occurrences.map((o) => o.uid)).toEqual(['b']);
    expect(unclosed(blocks)).toEqual([endsAt(12)]);
    const inside = parse(ics(whole.slice(0, -3)));
    expect(inside.occurrences.map((o) => o.uid)).toEqual(['a']);
    expect(inside.issues.map((i) => [i.code, i.line])).toEqual([
      ['unclosed_calendar', 1],
      ['bad_event', 8],
    ]);
    // nothing but the first line
    const first = parse(new TextEncoder().encode('BEGIN:VCALENDAR\r\n'));
    expect([first.vevents, first.occurrences.length]).toEqual([0, 0]);
    expect(unclosed(first)).toEqual([endsAt(1)]);
    // a calendar left open when the next begins: said too, with the line the next begins at
    const merged = parse(ics(cut(whole), calendar([vevent('UID:c', 'DTSTART:20260107T100000Z')])));
    expect(merged.occurrences.map((o) => o.uid)).toEqual(['a', 'b', 'c']);
    expect(unclosed(merged)).toEqual([
      [
        1,
        'the calendar has no END:VCALENDAR line before the next one begins at line 12; its complete events were read',
      ],
    ]);
  });

  it('a line folded inside a UTF-8 character still reads as UTF-8, every line of the file', () => {
    const bytes = Buffer.from(
      ics(
        calendar([vevent('UID:fold', 'DTSTART:20260105T100000Z', 'SUMMARY:Besprechung mit JÜrgen', 'LOCATION:Café')]),
      ),
    );
    // fold between the two bytes of Ü (C3 9C), as a writer counting bytes does
    const at = bytes.indexOf(Buffer.from('Ü')) + 1;
    const cut = Buffer.concat([bytes.subarray(0, at), Buffer.from('\r\n '), bytes.subarray(at)]);
    const meeting = one(parse(cut));
    expect(meeting.summary).toBe('Besprechung mit JÜrgen');
    expect(meeting.location).toBe('Café');
  });

  it('a UTF-16 file with a BOM and bare CR line ends is read', () => {
    const text = calendar([vevent('UID:u16', 'DTSTART:20260105T100000Z', 'SUMMARY:Café')]).join('\r');
    const body = new Uint8Array(text.length * 2 + 2);
    body.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) body[2 + i * 2] = text.charCodeAt(i);
    expect(one(parse(body)).summary).toBe('Café');
  });

  it('a rule repeating every few seconds, minutes or hours is no meeting series: only DTSTART counts', () => {
    for (const [rule, every] of [
      ['FREQ=SECONDLY', 'every second'],
      ['FREQ=MINUTELY;INTERVAL=30', 'every 30 minutes'],
      ['FREQ=HOURLY;INTERVAL=6', 'every 6 hours'],
    ] as const) {
      const r = parse(ics(calendar([vevent('UID:s', 'DTSTART:20261119T200000Z', `RRULE:${rule}`)])));
      expect(r.occurrences.map((o) => o.start)).toEqual([Date.UTC(2026, 10, 19, 20)]);
      expect(r.issues).toMatchObject([{ code: 'implausible_recurrence', line: 4, record: 'event 1' }]);
      expect(r.issues[0]?.message).toContain(every);
    }
    // every 12 hours is still a series (a shift handover)
    const twice = parse(ics(calendar([vevent('UID:h', 'DTSTART:20261118T200000Z', 'RRULE:FREQ=HOURLY;INTERVAL=12')])));
    expect(twice.issues).toEqual([]);
    expect(twice.occurrences.length).toBeGreaterThan(1);
  });

  it('a series with more occurrences than meetings can have (4 a day) is cut off with recurrence_capped', () => {
    // three twice-daily rules in one event: six a day
    const rules = ['RRULE:FREQ=DAILY;BYHOUR=8,20', 'RRULE:FREQ=DAILY;BYHOUR=9,21', 'RRULE:FREQ=DAILY;BYHOUR=10,22'];
    const r = parse(ics(calendar([vevent('UID:many', 'DTSTART:20231120T080000Z', ...rules)])));
    // the window 2023-11-20..2026-11-20 has 1096 days: 4 × 1096 + 100 occurrences at most
    expect(r.occurrences).toHaveLength(4484);
    expect(r.issues).toMatchObject([{ code: 'recurrence_capped', line: 4 }]);
    expect(r.issues[0]?.message).toContain('4,484 occurrences');
  });

  it('several times a day through BYHOUR and BYMINUTE is no meeting series either', () => {
    const hours = Array.from({ length: 24 }, (_, h) => h).join(',');
    const r = parse(
      ics(calendar([vevent('UID:h', 'DTSTART:20261101T000000Z', `RRULE:FREQ=DAILY;BYHOUR=${hours};BYMINUTE=0,30`)])),
    );
    expect(r.occurrences).toHaveLength(1);
    expect(r.issues).toMatchObject([
      { code: 'implausible_recurrence', message: expect.stringContaining('48 times a day') },
    ]);
    const twice = parse(ics(calendar([vevent('UID:t', 'DTSTART:20261101T090000Z', 'RRULE:FREQ=DAILY;BYHOUR=9,17')])));
    expect(twice.issues).toEqual([]);
  });

  it('a daily rule since long ago is cut off by the step budget', () => {
    const r = parseIcs(ics(calendar([vevent('UID:s', 'DTSTART:19000101T000000Z', 'RRULE:FREQ=DAILY')])), {
      now: NOW,
      maxRecurrenceSteps: 20_000,
    });
    expect(r.occurrences).toEqual([]);
    expect(r.issues).toMatchObject([{ code: 'recurrence_capped', line: 4, record: 'event 1' }]);
  });

  it('keeps an event whose text runs onto lines of its own without the space of a folded line', () => {
    const r = parse(
      ics(
        calendar([
          vevent(
            'UID:broken',
            'DTSTART:20260105T100000Z',
            'DESCRIPTION:Agenda:',
            '- budget',
            'and the rest',
            'ATTENDEE;CN=Ann:mailto:ann@x.example',
          ),
        ]),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.occurrences.map((o) => [o.externalId, o.attendees.map((a) => a.email)])).toEqual([
      ['broken', ['ann@x.example']],
    ]);
  });

  it('a date that does not exist is no occurrence: 29 February in other years, 30 February', () => {
    const r = parse(
      ics(
        calendar([
          vevent('UID:leap', 'DTSTART:20160229T100000Z', 'RRULE:FREQ=YEARLY'),
          vevent('UID:feb30', 'DTSTART:20240130T100000Z', 'RRULE:FREQ=YEARLY;BYMONTH=1,2;BYMONTHDAY=30'),
          vevent('UID:m31', 'DTSTART:20260131T100000Z', 'RRULE:FREQ=MONTHLY'),
        ]),
      ),
    );
    const of = (uid: string) =>
      starts({ ...r, occurrences: r.occurrences.filter((o) => o.externalId.startsWith(uid)) });
    // the last three years before NOW (2026-11-20): only 2024 has a 29 February
    expect(of('leap')).toEqual(['2024-02-29T10:00:00.000Z']);
    expect(of('feb30')).toEqual(['2024-01-30T10:00:00.000Z', '2025-01-30T10:00:00.000Z', '2026-01-30T10:00:00.000Z']);
    expect(of('m31')).toEqual([
      '2026-01-31T10:00:00.000Z',
      '2026-03-31T10:00:00.000Z',
      '2026-05-31T10:00:00.000Z',
      '2026-07-31T10:00:00.000Z',
      '2026-08-31T10:00:00.000Z',
      '2026-10-31T10:00:00.000Z',
    ]);
  });

  it('a rule that can never match does not hang', () => {
    const r = parseIcs(
      ics(
        calendar([
          vevent('UID:feb30', 'DTSTART:20240101T100000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'),
          vevent('UID:ok', 'DTSTART:20260105T100000Z'),
        ]),
      ),
      { now: NOW, maxRecurrenceSteps: 20_000 },
    );
    expect(r.occurrences.map((o) => o.externalId)).toEqual(['feb30@2024-01-01T10:00:00.000Z', 'ok']);
    // no month it names has that day: nothing is missing, and nothing is said
    expect(r.issues).toEqual([]);
  });

  it('leaves out an EXDATE or RDATE it cannot read, says so, and still counts the series', () => {
    const r = parseIcs(
      ics(
        calendar([
          vevent(
            'UID:daily',
            'DTSTART:20261101T100000Z',
            'RRULE:FREQ=DAILY;COUNT=5',
            'EXDATE:garbage',
            'EXDATE:20261102T100000Z',
            'RDATE:nonsense',
          ),
        ]),
      ),
      { now: NOW },
    );
    expect(starts(r)).toEqual([
      '2026-11-01T10:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
      '2026-11-04T10:00:00.000Z',
      '2026-11-05T10:00:00.000Z',
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['bad_recurrence_date', 'bad_recurrence_date']);
  });

  it('reports an event dated before 1900 (year 0099 is no 1999), and keeps the others', () => {
    const r = parseIcs(
      ics(
        calendar([
          vevent('UID:y99', 'DTSTART:00991231T100000Z'),
          vevent('UID:y24', 'DTSTART;VALUE=DATE:00240315'),
          vevent('UID:ok', 'DTSTART:20260105T100000Z'),
        ]),
      ),
      { now: NOW },
    );
    expect(r.occurrences.map((o) => o.externalId)).toEqual(['ok']);
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ['bad_event', 'the event could not be read (it is dated in the year 0099, before 1900); skipped'],
      ['bad_event', 'the event could not be read (it is dated in the year 0024, before 1900); skipped'],
    ]);
  });

  it('reads the events of a file nested thousands deep down to 16 levels, and says so', () => {
    const good = vevent('UID:good', 'DTSTART:20260105T100000Z');
    for (const open of ['BEGIN:X', 'BEGIN:VEVENT']) {
      const close = open.replace('BEGIN', 'END');
      const deep = [...Array<string>(3000).fill(open), ...Array<string>(3000).fill(close)];
      const r = parseIcs(ics(calendar([deep, good])), { now: NOW });
      expect(r.occurrences.map((o) => o.externalId)).toContain('good');
      expect(r.issues[0]).toMatchObject({ line: 19, code: 'too_deep' });
    }
  });

  it('random bytes never throw anything but NotThisFormat', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expectNothingButNotThisFormat(() => parseIcs(bytes, { now: NOW }));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('random text containing BEGIN:VCALENDAR never throws anything but NotThisFormat', () => {
    fc.assert(
      fc.property(randomCalendar, (text) => {
        expectNothingButNotThisFormat(() => {
          const r = parseIcs(new TextEncoder().encode(text), { now: NOW, maxRecurrenceSteps: 2_000 });
          for (const o of r.occurrences) {
            expect(o.start).toBeLessThanOrEqual(NOW);
            expect(Number.isFinite(o.end) && o.end >= o.start && o.minutes >= 0).toBe(true);
            expect(typeof meetingToInteraction(o, ME)).toBe('object');
          }
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

/** Lines that shape a calendar, placed anywhere by the generator to break its structure. */
const STRUCTURE = [
  'BEGIN:VEVENT',
  'END:VEVENT',
  'BEGIN:VCALENDAR',
  'END:VCALENDAR',
  'BEGIN:VTIMEZONE',
  'END:VTIMEZONE',
  'BEGIN:STANDARD',
  'END:STANDARD',
  'BEGIN:VALARM',
  'END:VALARM',
  'METHOD:CANCEL',
  'METHOD:REPLY',
  'TZID:Europe/Berlin',
  'TZID:',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'RRULE:FREQ=SECONDLY',
  ' folded continuation',
  '\tfolded continuation',
  '',
];

/** Properties of random events: valid and broken values, with the hard cases. */
const PROPERTIES = [
  'UID:a',
  'UID:b',
  'UID:',
  'STATUS:CANCELLED',
  'SEQUENCE:2',
  'SEQUENCE:x',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260105T100000Z',
  'DTSTART:20250105T100000',
  'DTSTART:20240301T100000Z',
  'DTSTART;VALUE=DATE:20260101',
  'DTSTART;TZID=Europe/Berlin:20260105T100000',
  'DTSTART;TZID=America/New_York:20250105T100000',
  'DTSTART;TZID=Nowhere:20260105T100000',
  'DTSTART:garbage',
  'DTSTART:99991231T235959Z',
  'DTSTART:00010101T000000Z',
  'DTEND:20260105T110000Z',
  'DTEND:20200101T000000Z',
  'DURATION:PT1H',
  'DURATION:-P1D',
  'RECURRENCE-ID:20260112T100000Z',
  'RECURRENCE-ID;VALUE=DATE:20260112',
  'EXDATE:20260112T100000Z',
  'EXDATE;VALUE=DATE:20260119',
  'RDATE;VALUE=PERIOD:20260102T100000Z/20260102T120000Z',
  'RDATE:20251231',
  'RRULE:FREQ=WEEKLY',
  'RRULE:FREQ=DAILY;COUNT=3',
  'RRULE:FREQ=MONTHLY;BYDAY=1TU,-1FR',
  'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'RRULE:FREQ=HOURLY;INTERVAL=7',
  'RRULE:FREQ=SECONDLY',
  'RRULE:FREQ=MONTHLY;BYDAY=6MO',
  'RRULE:FREQ=FOO',
  'RRULE:',
  'ORGANIZER:mailto:me@example.com',
  'ORGANIZER;CN=Ann:mailto:ann@example.com',
  'ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com',
  'ATTENDEE;CN=Bob:mailto:bob@example.com',
  'ATTENDEE;CUTYPE=ROOM:mailto:room@example.com',
  'ATTENDEE;CN="unterminated:mailto:x@example.com',
  'ATTENDEE:mailto:',
  'LOCATION:https://zoom.us/j/1',
];

const junkLine = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `X-${s}:${s}`),
  fc.constantFrom(...STRUCTURE),
);
const randomEvent = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PROPERTIES) }, { weight: 1, arbitrary: junkLine }), {
    maxLength: 12,
  })
  .map((props) => vevent(...props));
const randomTimezone = fc.constantFrom(
  vtimezone('Europe/Berlin'),
  vtimezone('Nowhere', ['BEGIN:STANDARD', 'DTSTART:16010101T000000', 'TZOFFSETFROM:+0000', 'END:STANDARD']),
  vtimezone('Europe/Berlin', ['BEGIN:DAYLIGHT', ...BERLIN_RULES.slice(1, 4), 'RRULE:FREQ=SECONDLY', 'END:DAYLIGHT']),
);

/** Mostly well-formed calendars of random events, with lines out of place and junk around them. */
const randomCalendar = fc
  .tuple(
    fc.array(junkLine, { maxLength: 3 }),
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: randomEvent },
        { weight: 1, arbitrary: randomTimezone },
        { weight: 1, arbitrary: junkLine.map((l) => [l]) },
      ),
      { maxLength: 8 },
    ),
    fc.boolean(),
  )
  .map(([before, items, closed]) =>
    [...before, 'BEGIN:VCALENDAR', 'VERSION:2.0', ...items.flat(), ...(closed ? ['END:VCALENDAR'] : [])].join('\r\n'),
  );

function expectNothingButNotThisFormat(run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof NotThisFormat)) throw e;
  }
}
