import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonCopy } from '../../../test/copies.js';
import { sharedPath, skipWithoutSharedData } from '../../../test/shared-data.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { backfillExpandedTo } from '../../store/migrations/0036-event-expanded-to.js';
import { loadSummaries } from '../../store/summary.repository.js';
import { exportWorkspace } from '../export.js';
import { addPerson, editPerson } from '../people.js';
import { rescore } from '../rescore.js';
import { showPerson } from '../show-person.js';
import { importFiles } from './index.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const ME = 'me@example.com';

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await openTestDatabase(NOW);
  dir = mkdtempSync(join(tmpdir(), 'rapport-ics-'));
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** Imports one calendar file of these VEVENT lines (each event a list of lines) with a METHOD. */
async function importEvents(method: string | undefined, ...events: string[][]) {
  return importEventsAt(t.ctx.now, method, ...events);
}

/** importEvents with another `now`. */
async function importEventsAt(now: number, method: string | undefined, ...events: string[][]) {
  const file = join(dir, `${++files}.ics`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport tests//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
  ];
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return importFiles({ ...t.ctx, now }, 'ics', [file], { me: [ME] });
}

const meetingsWith = async (email: string) => (await showPerson(t.ctx, email)).stats.interactions;

/** The summaries kept through the imports equal what a full rescore computes. */
async function expectSummariesMatchRescore() {
  const ids = (await t.store.db.selectFrom('people').select('id').execute()).map((r) => Number(r.id));
  const kept = await loadSummaries(t.store.db, t.ctx.workspaceId, ids);
  await rescore(t.ctx);
  expect(await loadSummaries(t.store.db, t.ctx.workspaceId, ids)).toEqual(kept);
}

const review = (sequence: number, start: string, ...attendees: string[]) => [
  'UID:review@x',
  `SEQUENCE:${sequence}`,
  'DTSTAMP:20260201T000000Z',
  `DTSTART:${start}`,
  'DURATION:PT1H',
  'SUMMARY:Deal review',
  'ORGANIZER;CN=Zed:mailto:zed@z.example',
  ...['zed@z.example', ME, ...attendees].map((a) => `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${a}`),
];

/** A weekly meeting of the user's with Tom from 7 September 2026, as a version of this SEQUENCE with these lines added. */
const weeklyWithTom = (uid: string, sequence: number, ...extra: string[]) => [
  `UID:${uid}`,
  `SEQUENCE:${sequence}`,
  'DTSTAMP:20260901T000000Z',
  'DTSTART:20260907T090000Z',
  'DURATION:PT1H',
  `ORGANIZER:mailto:${ME}`,
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:tom@t.example',
  ...extra,
];

describe('a later calendar file about meetings stored before', () => {
  it('replaces a meeting with its newer version: moved, with a guest added', async () => {
    await importEvents('REQUEST', review(0, '20260301T100000Z'));
    const update = await importEvents('REQUEST', review(1, '20260302T100000Z', 'amy@a.example'));
    expect(update.interactions).toEqual({ created: 1, duplicates: 0, removed: 1 });
    expect(await meetingsWith('zed@z.example')).toBe(1);
    expect(await meetingsWith('amy@a.example')).toBe(1);
    const stored = await t.store.db.selectFrom('interactions').select('at').execute();
    expect(stored.map((r) => Number(r.at))).toEqual([Date.UTC(2026, 2, 2, 10)]);
    // the older version arriving late changes nothing
    const late = await importEvents('REQUEST', review(0, '20260301T100000Z'));
    expect(late.interactions).toEqual({ created: 0, duplicates: 0 });
    expect(late.skipped).toEqual({ outdated: 1 });
    expect(await meetingsWith('amy@a.example')).toBe(1);
  });

  it("joins the guests a guest's copy leaves out to the same version from the organizer's calendar, in either order, series too", async () => {
    const copy = (...guests: string[]) => [
      ...review(0, '20260301T100000Z', ...guests).filter((l) => !l.startsWith('DTSTART')),
      'DTSTART:20260302T100000Z',
      'RRULE:FREQ=WEEKLY;COUNT=3',
    ];
    const audiences = async () =>
      (
        await t.store.db
          .selectFrom('participations')
          .select(['interaction_id', 'audience'])
          .distinct()
          .orderBy('interaction_id')
          .execute()
      ).map((r) => Number(r.audience));
    const results: unknown[] = [];
    for (const order of [
      [[], ['gil@g.example', 'hal@h.example']],
      [['gil@g.example', 'hal@h.example'], []],
    ]) {
      await t.close();
      t = await openTestDatabase(NOW);
      let last: Awaited<ReturnType<typeof importEvents>> | undefined;
      for (const guests of order) last = await importEvents('REQUEST', copy(...guests));
      results.push([
        last?.copiesJoined,
        await meetingsWith('zed@z.example'),
        await meetingsWith('gil@g.example'),
        await meetingsWith('hal@h.example'),
        await audiences(),
      ]);
      await expectSummariesMatchRescore();
    }
    expect(results).toEqual([
      [{ people: 2, meetings: 3 }, 3, 3, 3, [3, 3, 3]],
      [undefined, 3, 3, 3, [3, 3, 3]],
    ]);
    // the report of the copy that added them says so; importing either again adds nobody
    const again = await importEvents('REQUEST', copy('gil@g.example', 'hal@h.example'));
    expect([again.interactions, again.copiesJoined]).toEqual([{ created: 0, duplicates: 3 }, undefined]);
  });

  it('leaves out a changed occurrence older than its series for a slot the series no longer has, in every order and in one file', async () => {
    const weekly = (sequence: number, ...extra: string[]) => weeklyWithTom('cut@x', sequence, ...extra);
    // the series, the 19 October meeting moved to the 20th, then the series cut short after 5 October
    const versions = [
      weekly(0, 'RRULE:FREQ=WEEKLY'),
      weekly(1, 'RECURRENCE-ID:20261019T090000Z').map((l) =>
        l.startsWith('DTSTART') ? 'DTSTART:20261020T090000Z' : l,
      ),
      weekly(2, 'RRULE:FREQ=WEEKLY;UNTIL=20261005T235959Z'),
    ];
    const counts: number[] = [];
    for (const order of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0], [-1]]) {
      await t.close();
      t = await openTestDatabase(NOW);
      if (order[0] === -1) await importEvents('REQUEST', versions[2] as string[], versions[1] as string[]);
      else for (const k of order) await importEvents('REQUEST', versions[k] as string[]);
      counts.push(await meetingsWith('tom@t.example'));
    }
    // 7, 14, 21 and 28 September and 5 October
    expect(counts).toEqual([5, 5, 5, 5, 5, 5, 5]);
  });

  it('counts once a series two calendars read in different zones (floating times, one with X-WR-TIMEZONE), and adds what a later now brings', async () => {
    const write = (name: string, zone: boolean) => {
      const file = join(dir, name);
      const lines = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Rapport tests//EN',
        ...(zone ? ['X-WR-TIMEZONE:America/New_York'] : []),
        'BEGIN:VEVENT',
        ...weeklyWithTom('floating@x', 0, 'RRULE:FREQ=WEEKLY;COUNT=12').map((l) =>
          l.startsWith('DTSTART') ? 'DTSTART:20261014T090000' : l,
        ),
        'END:VEVENT',
        'END:VCALENDAR',
      ];
      writeFileSync(file, `${lines.join('\r\n')}\r\n`);
      return file;
    };
    const google = write('google.ics', true);
    const apple = write('apple.ics', false);
    const counts: number[] = [];
    for (const order of [
      [google, apple],
      [apple, google],
    ]) {
      await t.close();
      t = await openTestDatabase(NOW);
      // 14 October to 4 November by the first, then 14 October to 25 November
      await importFiles({ ...t.ctx, now: Date.UTC(2026, 10, 5) }, 'ics', [order[0] as string], { me: [ME] });
      await importFiles(t.ctx, 'ics', [order[1] as string], { me: [ME] });
      counts.push(await meetingsWith('tom@t.example'));
    }
    expect(counts).toEqual([7, 7]);
  });

  it('takes a series kept before migration 0036 as expanded up to the latest import that stored some of it', async () => {
    const weekly = (sequence: number, ...extra: string[]) => weeklyWithTom('upgraded@x', sequence, ...extra);
    await importEvents('REQUEST', weekly(2, 'RRULE:FREQ=WEEKLY;UNTIL=20261005T235959Z'));
    // as a release before 0036 left it
    await t.store.db.updateTable('event_versions').set({ expanded_to: null }).execute();
    await backfillExpandedTo(t.store.db);
    const kept = await t.store.db.selectFrom('event_versions').select(['event_key', 'expanded_to']).execute();
    expect(kept.map((v) => [v.event_key, Number(v.expanded_to)])).toEqual([['upgraded@x', NOW]]);
    // an older change of 19 October, which the series cut short on 5 October no longer has
    const moved = weekly(1, 'RECURRENCE-ID:20261019T090000Z').map((l) =>
      l.startsWith('DTSTART') ? 'DTSTART:20261020T090000Z' : l,
    );
    expect((await importEvents('REQUEST', moved)).skipped).toEqual({ outdated: 1 });
    expect(await meetingsWith('tom@t.example')).toBe(5);
  });

  it('keeps a changed occurrence of a slot its newer series has but an earlier import had not reached yet', async () => {
    const weekly = (sequence: number, ...extra: string[]) => weeklyWithTom('later@x', sequence, ...extra);
    // the series read on 1 October, then (on 30 November) the 19 October meeting moved to the 20th
    await importEventsAt(Date.UTC(2026, 9, 1), 'REQUEST', weekly(2, 'RRULE:FREQ=WEEKLY'));
    const moved = weekly(1, 'RECURRENCE-ID:20261019T090000Z').map((l) =>
      l.startsWith('DTSTART') ? 'DTSTART:20261020T090000Z' : l,
    );
    expect((await importEvents('REQUEST', moved)).interactions.created).toBe(1);
    await importEvents('REQUEST', weekly(2, 'RRULE:FREQ=WEEKLY'));
    const at = (await t.store.db.selectFrom('interactions').select('at').orderBy('at').execute()).map((r) =>
      new Date(Number(r.at)).toISOString().slice(0, 10),
    );
    expect(at).toContain('2026-10-20');
    expect(at).not.toContain('2026-10-19');
    // 7 September to 30 November, weekly
    expect(at).toHaveLength(13);
  });

  it('counts the older versions of a meeting cancelled since as older versions, not as more cancelled meetings', async () => {
    await importEvents('REQUEST', review(0, '20260301T100000Z'));
    await importEvents('REQUEST', review(1, '20260302T100000Z'));
    const cancel = [...review(2, '20260302T100000Z'), 'STATUS:CANCELLED'];
    await importEvents('CANCEL', cancel);
    expect(await t.store.db.selectFrom('interactions').select('id').execute()).toEqual([]);
    // the three files again: one meeting cancelled, two versions older than the one stored
    const first = await importEvents('REQUEST', review(0, '20260301T100000Z'));
    const second = await importEvents('REQUEST', review(1, '20260302T100000Z'));
    const third = await importEvents('CANCEL', cancel);
    expect([first.skipped, second.skipped, third.skipped]).toEqual([
      { outdated: 1 },
      { outdated: 1 },
      { cancelled: 1 },
    ]);
  });

  /** The stored meetings as [start, attendees' emails]: what a set of files gave, in any order. */
  async function storedMeetings() {
    const rows = await t.store.db
      .selectFrom('interactions as i')
      .innerJoin('participations as p', 'p.interaction_id', 'i.id')
      .innerJoin('people as pe', 'pe.id', 'p.person_id')
      .select(['i.at', 'pe.name'])
      .orderBy('i.at')
      .orderBy('pe.name')
      .execute();
    return rows.map((r) => `${new Date(Number(r.at)).toISOString()} ${r.name}`);
  }

  /** Imports these calendars (each with its METHOD and one event) as one file into a fresh database. */
  async function inOneFile(calendars: [string, string[]][]) {
    await t.close();
    t = await openTestDatabase(NOW);
    const lines = calendars.flatMap(([method, event]) => [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `METHOD:${method}`,
      'BEGIN:VEVENT',
      ...event,
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    const file = join(dir, 'one.ics');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    await importFiles(t.ctx, 'ics', [file], { me: [ME] });
  }

  /** Imports the files in each order into a fresh database; every order must store the same. */
  async function inEveryOrder(files: [string | undefined, string[]][], expected: string[]) {
    for (const order of [files, [...files].reverse()]) {
      await t.close();
      t = await openTestDatabase(NOW);
      for (const [method, lines] of order) await importEvents(method, lines);
      expect(await storedMeetings(), order.map(([m]) => m).join(' then ')).toEqual(expected);
    }
  }

  it('a new time proposed (COUNTER) is no meeting: the invitation decides, in either order', async () => {
    const counter = [
      'UID:plan@x',
      'SEQUENCE:0',
      'DTSTAMP:20260302T000000Z',
      'DTSTART:20260312T090000Z',
      'DURATION:PT1H',
      'SUMMARY:New Time Proposed: Plan',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Quinn Q;PARTSTAT=NEEDS-ACTION:mailto:quinn@q.example',
    ];
    const request = [
      'UID:plan@x',
      'SEQUENCE:0',
      'DTSTAMP:20260301T000000Z',
      'DTSTART:20260311T140000Z',
      'DURATION:PT1H',
      'SUMMARY:Plan',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Pam P:mailto:pam@p.example',
      'ATTENDEE;CN=Quinn Q:mailto:quinn@q.example',
    ];
    await inEveryOrder(
      [
        ['COUNTER', counter],
        ['REQUEST', request],
      ],
      ['2026-03-11T14:00:00.000Z Pam P', '2026-03-11T14:00:00.000Z Quinn Q'],
    );
    await t.close();
    t = await openTestDatabase(NOW);
    expect((await importEvents('COUNTER', counter)).skipped).toEqual({ proposal: 1 });
  });

  it('a newer version of a single meeting older than three years replaces it, in either order', async () => {
    await inEveryOrder(
      [
        ['REQUEST', review(0, '20210510T100000Z')],
        ['REQUEST', review(1, '20210511T140000Z', 'amy@a.example')],
      ],
      ['2021-05-11T14:00:00.000Z Amy', '2021-05-11T14:00:00.000Z Zed'],
    );
  });

  it("the user's reply declining, or a cancel of the same SEQUENCE, imported before the invitation keeps it out", async () => {
    const decline = [
      'UID:review@x',
      'SEQUENCE:1',
      'DTSTAMP:20260202T130000Z',
      'DTSTART:20260302T100000Z',
      'ORGANIZER;CN=Zed:mailto:zed@z.example',
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
    ];
    await inEveryOrder(
      [
        ['REPLY', decline],
        ['REQUEST', review(1, '20260302T100000Z')],
      ],
      [],
    );
    const cancel = ['UID:review@x', 'SEQUENCE:1', 'DTSTAMP:20260203T000000Z', 'DTSTART:20260302T100000Z'];
    await inEveryOrder(
      [
        ['CANCEL', cancel],
        ['REQUEST', review(1, '20260302T100000Z')],
      ],
      [],
    );
    // a version raised since (moved again) brings it back, in either order
    await inEveryOrder(
      [
        ['CANCEL', cancel],
        ['REQUEST', review(2, '20260303T100000Z')],
      ],
      ['2026-03-03T10:00:00.000Z Zed'],
    );
  });

  it("the user's newest answer decides, whichever order the invitation and their replies come in", async () => {
    const version = (stamp: string, partstat: string) => [
      'UID:one-meeting@x',
      'SEQUENCE:0',
      `DTSTAMP:${stamp}`,
      'DTSTART:20260510T100000Z',
      'DTEND:20260510T110000Z',
      'ORGANIZER;CN=Alice:mailto:alice@a.example',
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${ME}`,
    ];
    const permutations = <T>(xs: T[]): T[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations(xs.filter((_, j) => j !== i)).map((p) => [x, ...p]));
    const orders = async (files: [string, string[]][], expected: string[]) => {
      for (const order of permutations(files)) {
        await t.close();
        t = await openTestDatabase(NOW);
        for (const [method, lines] of order) await importEvents(method, lines);
        expect(await storedMeetings(), order.map(([, l]) => l[2]).join(' then ')).toEqual(expected);
      }
      await inOneFile(files);
      expect(await storedMeetings(), 'in one file').toEqual(expected);
    };
    // declined on 2 April, accepted again on 3 April: the meeting counts
    await orders(
      [
        ['REQUEST', version('20260401T000000Z', 'NEEDS-ACTION')],
        ['REPLY', version('20260402T000000Z', 'DECLINED')],
        ['REPLY', version('20260403T000000Z', 'ACCEPTED')],
      ],
      ['2026-05-10T10:00:00.000Z Alice'],
    );
    // accepted on 2 April, declined on 3 April: it does not
    await orders(
      [
        ['REQUEST', version('20260401T000000Z', 'NEEDS-ACTION')],
        ['REPLY', version('20260402T000000Z', 'ACCEPTED')],
        ['REPLY', version('20260403T000000Z', 'DECLINED')],
      ],
      [],
    );
  });

  it("the user's acceptance after their decline brings the meeting back with the invitation's guests, in every order", async () => {
    const version = (method: string, stamp: string, partstat: string) => [
      'UID:guests-back@x',
      'SEQUENCE:0',
      `DTSTAMP:${stamp}`,
      'DTSTART:20260510T100000Z',
      'DTEND:20260510T110000Z',
      'ORGANIZER;CN=Vic:mailto:vic@v.example',
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${ME}`,
      // a REPLY names only the one who answers
      ...(method === 'REQUEST'
        ? [
            'ATTENDEE;CN=Wes;PARTSTAT=ACCEPTED:mailto:wes@w.example',
            'ATTENDEE;CN=Xena Guest;PARTSTAT=ACCEPTED:invalid:nomail',
          ]
        : []),
    ];
    const files: [string, string[]][] = [
      ['REQUEST', version('REQUEST', '20260401T000000Z', 'NEEDS-ACTION')],
      ['REPLY', version('REPLY', '20260402T000000Z', 'DECLINED')],
      ['REPLY', version('REPLY', '20260403T000000Z', 'ACCEPTED')],
    ];
    const permutations = <T>(xs: T[]): T[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations(xs.filter((_, j) => j !== i)).map((p) => [x, ...p]));
    const at = '2026-05-10T10:00:00.000Z';
    for (const order of permutations(files)) {
      await t.close();
      t = await openTestDatabase(NOW);
      for (const [method, lines] of order) await importEvents(method, lines);
      expect(await storedMeetings(), order.map(([, l]) => l[2]).join(' then ')).toEqual([
        `${at} Vic`,
        `${at} Wes`,
        `${at} Xena Guest`,
      ]);
    }
    // declined in a workspace copied since (rapport export, import json), then accepted there
    await t.close();
    t = await openTestDatabase(NOW);
    for (const [method, lines] of files.slice(0, 2)) await importEvents(method, lines);
    const copy = await jsonCopy(t);
    await t.close();
    t = copy;
    await importEvents('REPLY', files[2]?.[1] as string[]);
    expect(await storedMeetings()).toEqual([`${at} Vic`, `${at} Wes`, `${at} Xena Guest`]);
    // a workspace that declined before migration 0037 (nobody kept) takes who was there from a
    // copy of the same version, then the acceptance
    await t.close();
    t = await openTestDatabase(NOW);
    for (const [method, lines] of files.slice(0, 2)) await importEvents(method, lines);
    let text = '';
    await exportWorkspace(t.ctx, 'json', async (chunk) => {
      text += chunk;
    });
    await t.store.db.updateTable('event_versions').set({ declined_with: null, expanded_to: null }).execute();
    writeFileSync(join(dir, 'copy.json'), text);
    await importFiles(t.ctx, 'json', [join(dir, 'copy.json')]);
    const kept = await t.store.db.selectFrom('event_versions').select(['declined_with', 'expanded_to']).execute();
    expect(kept.map((v) => [JSON.parse(v.declined_with ?? '[]').length, v.expanded_to !== null])).toEqual([[3, true]]);
    await importEvents('REPLY', files[2]?.[1] as string[]);
    expect(await storedMeetings()).toEqual([`${at} Vic`, `${at} Wes`, `${at} Xena Guest`]);
  });

  it("a guest's reply declining, in a file of its own, leaves them out whichever file comes first", async () => {
    const mine = (...guests: string[]) => [
      'UID:plan@x',
      'SEQUENCE:0',
      'DTSTAMP:20260301T000000Z',
      'DTSTART:20260311T140000Z',
      'DURATION:PT1H',
      `ORGANIZER:mailto:${ME}`,
      ...guests.map((g) => `ATTENDEE;CN=${g[0]?.toUpperCase()}:mailto:${g}@g.example`),
    ];
    const reply = (partstat: string, stamp: string) => [
      'UID:plan@x',
      'SEQUENCE:0',
      `DTSTAMP:${stamp}`,
      'DTSTART:20260311T140000Z',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat};CN=Quinn Adams:mailto:quinn@g.example`,
    ];
    await inEveryOrder(
      [
        ['REQUEST', mine('pam', 'quinn')],
        ['REPLY', reply('DECLINED', '20260302T000000Z')],
      ],
      ['2026-03-11T14:00:00.000Z P'],
    );
    // a later answer accepting puts them back (made a person then, if the decline came first); an
    // earlier one changes nothing
    for (const order of [
      [0, 1, 2],
      [1, 0, 2],
      [2, 1, 0],
    ]) {
      const files: [string, string[]][] = [
        ['REQUEST', mine('pam', 'quinn')],
        ['REPLY', reply('DECLINED', '20260302T000000Z')],
        ['REPLY', reply('ACCEPTED', '20260303T000000Z')],
      ];
      await t.close();
      t = await openTestDatabase(NOW);
      for (const k of order) await importEvents(files[k]?.[0], files[k]?.[1] ?? []);
      const stored = await storedMeetings();
      expect(
        stored.map((m) => m.slice(0, 26)),
        order.join(),
      ).toEqual(['2026-03-11T14:00:00.000Z P', '2026-03-11T14:00:00.000Z Q']);
      // made a person by the answer, under the name it gives, in every order: one the request alone
      // had made was taken out with the decline
      const quinn = await t.store.db
        .selectFrom('person_emails as e')
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .select('p.name')
        .where('e.email', '=', 'quinn@g.example')
        .executeTakeFirstOrThrow();
      expect(quinn.name, order.join()).toBe('Quinn Adams');
    }
    // the only guest declining leaves no meeting
    await inEveryOrder(
      [
        ['REQUEST', mine('quinn')],
        ['REPLY', reply('DECLINED', '20260302T000000Z')],
      ],
      [],
    );
    await expectSummariesMatchRescore();
  });

  it("a guest's answer to one occurrence of a series, and a moved occurrence, hold whichever file comes first", async () => {
    const series = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20260201T000000Z',
      'DTSTART:20260302T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Alice:mailto:alice@g.example',
      'ATTENDEE;CN=Bob:mailto:bob@g.example',
    ];
    const declineOne = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20260202T000000Z',
      'RECURRENCE-ID:20260309T090000Z',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@g.example',
    ];
    const expected = [
      '2026-03-02T09:00:00.000Z Alice',
      '2026-03-02T09:00:00.000Z Bob',
      '2026-03-09T09:00:00.000Z Alice',
      '2026-03-16T09:00:00.000Z Alice',
      '2026-03-16T09:00:00.000Z Bob',
    ];
    await inEveryOrder(
      [
        ['REQUEST', series],
        ['REPLY', declineOne],
      ],
      expected,
    );
    // in one file, the answer answers the occurrence; it does not replace it
    await inOneFile([
      ['REQUEST', series],
      ['REPLY', declineOne],
    ]);
    expect(await storedMeetings()).toEqual(expected);
    // an occurrence moved (a higher SEQUENCE, a guest added) stays moved when its series comes after
    const moved = [
      'UID:weekly@x',
      'SEQUENCE:1',
      'DTSTAMP:20260203T000000Z',
      'RECURRENCE-ID:20260309T090000Z',
      'DTSTART:20260309T130000Z',
      'DURATION:PT1H',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Alice:mailto:alice@g.example',
      'ATTENDEE;CN=Eve:mailto:eve@g.example',
    ];
    await inEveryOrder(
      [
        ['REQUEST', series],
        ['REQUEST', moved],
      ],
      [
        '2026-03-02T09:00:00.000Z Alice',
        '2026-03-02T09:00:00.000Z Bob',
        '2026-03-09T13:00:00.000Z Alice',
        '2026-03-09T13:00:00.000Z Eve',
        '2026-03-16T09:00:00.000Z Alice',
        '2026-03-16T09:00:00.000Z Bob',
      ],
    );
  });

  it('an occurrence moved beyond now by another file keeps its slot empty on re-imports of the series, and comes when it happens', async () => {
    // weekly on Mondays from Nov 9 (NOW is Monday Nov 30, 12:00); the Nov 23 meeting moved to Wednesday Dec 2
    const series = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20261101T000000Z',
      'DTSTART:20261109T100000Z',
      'DURATION:PT30M',
      'RRULE:FREQ=WEEKLY;COUNT=5',
      'SUMMARY:Weekly',
      'ORGANIZER:mailto:wes@w.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    const move = [
      'UID:weekly@x',
      'SEQUENCE:1',
      'DTSTAMP:20261120T000000Z',
      'RECURRENCE-ID:20261123T100000Z',
      'DTSTART:20261202T100000Z',
      'DURATION:PT30M',
      'SUMMARY:Weekly (moved)',
      'ORGANIZER:mailto:wes@w.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    const mondays = ['2026-11-09T10:00:00.000Z Wes', '2026-11-16T10:00:00.000Z Wes', '2026-11-30T10:00:00.000Z Wes'];
    const later = async (event: string[], at: number) => {
      const file = join(dir, `${++files}.ics`);
      writeFileSync(
        file,
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'METHOD:REQUEST',
          'BEGIN:VEVENT',
          ...event,
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      return importFiles(t.at(at), 'ics', [file], { me: [ME] });
    };
    for (const order of [
      [series, move],
      [move, series],
    ]) {
      await t.close();
      t = await openTestDatabase(NOW);
      for (const event of order) await importEvents('REQUEST', event);
      const again = await importEvents('REQUEST', series);
      expect(again.interactions.created, order[0] === series ? 'series first' : 'move first').toBe(0);
      expect(await storedMeetings()).toEqual(mondays);
      // once the moved meeting has happened, the change stores it
      expect((await later(move, Date.UTC(2026, 11, 3))).interactions.created).toBe(1);
      expect(await storedMeetings()).toEqual([...mondays, '2026-12-02T10:00:00.000Z Wes']);
    }
    // a newer series than the change brings its slot back
    const newer = series.map((l) => (l === 'SEQUENCE:0' ? 'SEQUENCE:2' : l));
    await later(newer, Date.UTC(2026, 11, 3));
    expect(await storedMeetings()).toEqual([...mondays.slice(0, 2), '2026-11-23T10:00:00.000Z Wes', mondays[2]]);
  });

  it("a guest's decline of one occurrence imported before the series gives the series' meeting, without them", async () => {
    const series = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20261101T000000Z',
      'DTSTART:20261116T100000Z',
      'DURATION:PT30M',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      'SUMMARY:Weekly',
      'ORGANIZER;CN=Wes:mailto:wes@w.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      'ATTENDEE;CN=Xia;PARTSTAT=ACCEPTED:mailto:xia@x.example',
    ];
    const decline = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20261110T000000Z',
      'RECURRENCE-ID:20261116T100000Z',
      'DTSTART:20261116T100000Z',
      'ORGANIZER:mailto:wes@w.example',
      'ATTENDEE;CN=Xia;PARTSTAT=DECLINED:mailto:xia@x.example',
    ];
    await inEveryOrder(
      [
        ['REQUEST', series],
        ['REPLY', decline],
      ],
      ['2026-11-16T10:00:00.000Z Wes', '2026-11-23T10:00:00.000Z Wes', '2026-11-23T10:00:00.000Z Xia'],
    );
    const meetings = await t.store.db.selectFrom('interactions').select(['minutes', 'note']).orderBy('at').execute();
    expect(meetings.map((m) => [Number(m.minutes), m.note])).toEqual([
      [30, 'Weekly'],
      [30, 'Weekly'],
    ]);
  });

  it('a series cancelled part way keeps what happened before, in every order, in one file, and on re-imports', async () => {
    const series = [
      'UID:daily@x',
      'SEQUENCE:0',
      'DTSTAMP:20260320T000000Z',
      'DTSTART:20260401T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=3',
      'ORGANIZER;CN=Carol:mailto:carol@c.example',
      `ATTENDEE:mailto:${ME}`,
    ];
    const cancel = [
      'UID:daily@x',
      'SEQUENCE:0',
      'DTSTAMP:20260402T000000Z',
      'DTSTART:20260401T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=3',
      'STATUS:CANCELLED',
      'ORGANIZER;CN=Carol:mailto:carol@c.example',
      `ATTENDEE:mailto:${ME}`,
    ];
    const kept = ['2026-04-01T09:00:00.000Z Carol'];
    await inEveryOrder(
      [
        ['REQUEST', series],
        ['CANCEL', cancel],
      ],
      kept,
    );
    // imported again, either file: nothing changes (the invitation, sent before the cancellation, is older)
    const again = await importEvents('REQUEST', series);
    expect([again.interactions, again.skipped]).toEqual([{ created: 0, duplicates: 0 }, { outdated: 3 }]);
    await importEvents('CANCEL', cancel);
    expect(await storedMeetings()).toEqual(kept);
    await inOneFile([
      ['REQUEST', series],
      ['CANCEL', cancel],
    ]);
    expect(await storedMeetings()).toEqual(kept);
    // a CANCEL without the rule and the length (RFC 5546 asks for neither), of a higher SEQUENCE:
    // the same meeting kept, as long as planned, in either order, in one file, and on re-imports
    const bare = [
      'UID:daily@x',
      'SEQUENCE:1',
      'DTSTAMP:20260402T000000Z',
      'DTSTART:20260401T090000Z',
      'ORGANIZER;CN=Carol:mailto:carol@c.example',
      `ATTENDEE:mailto:${ME}`,
    ];
    const files: [string, string[]][] = [
      ['REQUEST', series],
      ['CANCEL', bare],
    ];
    await inEveryOrder(files, kept);
    await importEvents('REQUEST', series);
    await importEvents('CANCEL', bare);
    expect(await storedMeetings()).toEqual(kept);
    const minutes = async () =>
      (await t.store.db.selectFrom('interactions').select('minutes').execute()).map((r) => Number(r.minutes));
    expect(await minutes()).toEqual([60]);
    await inOneFile(files);
    expect([await storedMeetings(), await minutes()]).toEqual([kept, [60]]);
    // one that gives the rule but not the length: the meeting before it lasts as planned, in either order
    const ruled: [string, string[]][] = [
      ['REQUEST', series],
      ['CANCEL', [...bare, 'RRULE:FREQ=DAILY;COUNT=3']],
    ];
    // (inEveryOrder runs both orders and leaves the database of the second: each is checked once last)
    for (const order of [ruled, [...ruled].reverse()]) {
      await inEveryOrder(order, kept);
      expect(await minutes(), order[0]?.[0]).toEqual([60]);
    }
  });

  it('a guest declining a whole series in a reply leaves it from the answer on, keeping the meetings before, in every order and in one file', async () => {
    const series = [
      'UID:sync@x',
      'SEQUENCE:0',
      'DTSTAMP:20260320T000000Z',
      'DTSTART:20260401T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=4',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Erin;PARTSTAT=ACCEPTED:mailto:erin@e.example',
      'ATTENDEE;CN=Gus;PARTSTAT=ACCEPTED:mailto:gus@g.example',
    ];
    // Erin's answer to the whole series, sent on 3 April
    const decline = [
      'UID:sync@x',
      'SEQUENCE:0',
      'DTSTAMP:20260403T000000Z',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;CN=Erin;PARTSTAT=DECLINED:mailto:erin@e.example',
    ];
    const expected = [
      '2026-04-01T09:00:00.000Z Erin',
      '2026-04-01T09:00:00.000Z Gus',
      '2026-04-02T09:00:00.000Z Erin',
      '2026-04-02T09:00:00.000Z Gus',
      '2026-04-03T09:00:00.000Z Gus',
      '2026-04-04T09:00:00.000Z Gus',
    ];
    const files: [string, string[]][] = [
      ['REQUEST', series],
      ['REPLY', decline],
    ];
    await inEveryOrder(files, expected);
    await inOneFile(files);
    expect(await storedMeetings()).toEqual(expected);
    // the series first: Erin stays, with the two meetings before her answer
    await t.close();
    t = await openTestDatabase(NOW);
    await importEvents('REQUEST', series);
    const late = await importEvents('REPLY', decline);
    expect(late.people.removed ?? 0).toBe(0);
    expect(await storedMeetings()).toEqual(expected);
    await expectSummariesMatchRescore();
    // the organizer's later export shows her declined for the whole series: her answer still dates it
    const exported = series.map((line) => line.replace('CN=Erin;PARTSTAT=ACCEPTED', 'CN=Erin;PARTSTAT=DECLINED'));
    const later: [string, string[]][] = [
      ['REQUEST', exported],
      ['REPLY', decline],
    ];
    await inEveryOrder(later, expected);
  });

  it('a series the user declines in a reply keeps what happened before the answer, in every order, in one file, and on re-imports', async () => {
    const series = [
      'UID:standup@x',
      'SEQUENCE:0',
      'DTSTAMP:20260320T000000Z',
      'DTSTART:20260401T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=4',
      'ORGANIZER;CN=Carol:mailto:carol@c.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    // a REPLY gives no rule: it answers the whole series, sent on 3 April
    const decline = [
      'UID:standup@x',
      'SEQUENCE:0',
      'DTSTAMP:20260403T000000Z',
      'DTSTART:20260401T090000Z',
      'ORGANIZER:mailto:carol@c.example',
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
    ];
    const kept = ['2026-04-01T09:00:00.000Z Carol', '2026-04-02T09:00:00.000Z Carol'];
    const files: [string, string[]][] = [
      ['REQUEST', series],
      ['REPLY', decline],
    ];
    await inEveryOrder(files, kept);
    const afterSeries = await importEvents('REPLY', decline);
    expect([afterSeries.interactions.removed ?? 0, afterSeries.people.removed ?? 0]).toEqual([0, 0]);
    await importEvents('REQUEST', series);
    expect(await storedMeetings()).toEqual(kept);
    await inOneFile(files);
    expect(await storedMeetings()).toEqual(kept);
    // the series first, then the decline: two meetings taken out, Carol stays
    await t.close();
    t = await openTestDatabase(NOW);
    await importEvents('REQUEST', series);
    const late = await importEvents('REPLY', decline);
    expect([late.interactions.removed, late.people.removed ?? 0]).toEqual([2, 0]);
    expect(await storedMeetings()).toEqual(kept);
  });

  it('a cancel of one occurrence older than the series stored decides nothing, in either order and on re-imports', async () => {
    const series = (sequence: number) => [
      'UID:daily@x',
      `SEQUENCE:${sequence}`,
      `DTSTAMP:2026032${sequence}T000000Z`,
      'DTSTART:20260401T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=3',
      'ORGANIZER;CN=Carol:mailto:carol@c.example',
      `ATTENDEE:mailto:${ME}`,
    ];
    const cancelOne = ['UID:daily@x', 'SEQUENCE:0', 'DTSTAMP:20260321T000000Z', 'RECURRENCE-ID:20260402T090000Z'];
    const all = ['2026-04-01T09:00:00.000Z Carol', '2026-04-02T09:00:00.000Z Carol', '2026-04-03T09:00:00.000Z Carol'];
    await inEveryOrder(
      [
        ['CANCEL', cancelOne],
        ['REQUEST', series(1)],
      ],
      all,
    );
    // imported again, each file changes nothing
    expect((await importEvents('CANCEL', cancelOne)).interactions).toEqual({ created: 0, duplicates: 0 });
    expect((await importEvents('REQUEST', series(1))).interactions).toEqual({ created: 0, duplicates: 3 });
    expect(await storedMeetings()).toEqual(all);
  });

  it("a meeting first known by a guest's reply takes the invitation's time and guests when it comes", async () => {
    const reply = [
      'UID:review@x',
      'SEQUENCE:0',
      'DTSTAMP:20260202T000000Z',
      'DTSTART:20260301T100000Z',
      'ORGANIZER;CN=Zed:mailto:zed@z.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    await inEveryOrder(
      [
        ['REPLY', reply],
        ['REQUEST', review(0, '20260301T100000Z', 'amy@a.example')],
      ],
      ['2026-03-01T10:00:00.000Z Amy', '2026-03-01T10:00:00.000Z Zed'],
    );
  });

  it('takes out a meeting cancelled later, and one the user declined in a reply, with the people only it had made', async () => {
    await addPerson(t.ctx, { name: 'Ann Known', emails: ['ann@a.example'] });
    await importEvents('REQUEST', review(0, '20260301T100000Z', 'ann@a.example', 'bo@b.example'));
    await importEvents('REQUEST', [
      'UID:other@x',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260305T100000Z',
      'DURATION:PT1H',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@b.example',
    ]);
    const cancel = await importEvents('CANCEL', review(1, '20260301T100000Z', 'ann@a.example', 'bo@b.example'));
    expect(cancel.interactions.removed).toBe(1);
    // the organizer was in that meeting alone: as if the cancel had come with the invitation;
    // the user's own contact and a guest of another meeting stay
    expect(cancel.people.removed).toBe(1);
    await expect(showPerson(t.ctx, 'zed@z.example')).rejects.toThrow('no person matches');
    expect(await meetingsWith('ann@a.example')).toBe(0);
    expect(await meetingsWith('bo@b.example')).toBe(1);
    const oneFile = await openTestDatabase(NOW);
    const both = join(dir, 'both.ics');
    writeFileSync(
      both,
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rapport tests//EN']
        .concat(['BEGIN:VEVENT', ...review(0, '20260301T100000Z'), 'END:VEVENT'])
        .concat(['BEGIN:VEVENT', ...review(1, '20260301T100000Z'), 'STATUS:CANCELLED', 'END:VEVENT'])
        .concat(['END:VCALENDAR', ''])
        .join('\r\n'),
    );
    const single = await importFiles(oneFile.ctx, 'ics', [both], { me: [ME] });
    expect([single.people.created, single.interactions.created]).toEqual([0, 0]);
    await oneFile.close();

    const lunch = ['UID:lunch@x', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260110T120000Z', 'DURATION:PT1H'];
    await importEvents('REQUEST', [
      ...lunch,
      'ORGANIZER:mailto:ivo@i.example',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ivo@i.example',
      `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
    ]);
    expect(await meetingsWith('ivo@i.example')).toBe(1);
    const reply = await importEvents('REPLY', [
      ...lunch,
      'ORGANIZER:mailto:ivo@i.example',
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
    ]);
    expect([reply.interactions.removed, reply.people.removed]).toEqual([1, 1]);
    await expect(showPerson(t.ctx, 'ivo@i.example')).rejects.toThrow('no person matches');
    await expectSummariesMatchRescore();
  });

  it('keeps the people a cancelled meeting had made once the user gave them a job, a title or another address', async () => {
    const guests = ['al@a.example', 'bea@b.example', 'cy@c.example', 'dee@d.example'];
    await importEvents('REQUEST', review(0, '20260301T100000Z', ...guests));
    const id = async (email: string) => (await showPerson(t.ctx, email)).person.id;
    await editPerson(t.ctx, await id('al@a.example'), { org: 'Acme' });
    await editPerson(t.ctx, await id('bea@b.example'), { title: 'CTO' });
    await editPerson(t.ctx, await id('cy@c.example'), { emails: ['cy@c.example', 'cy@home.example'] });
    const cancel = await importEvents('CANCEL', review(1, '20260301T100000Z', ...guests));
    // the organizer and the guest the user gave nothing go, as if the cancel had come with the invitation
    expect([cancel.interactions.removed, cancel.people.removed]).toEqual([1, 2]);
    expect((await showPerson(t.ctx, 'al@a.example')).person.org).toBe('Acme');
    expect((await showPerson(t.ctx, 'bea@b.example')).person.title).toBe('CTO');
    expect((await showPerson(t.ctx, 'cy@home.example')).person.emails).toEqual(['cy@c.example', 'cy@home.example']);
    await expect(showPerson(t.ctx, 'dee@d.example')).rejects.toThrow('no person matches');
    await expectSummariesMatchRescore();
  });

  it('moves a weekly series without counting it twice, and a series cancelled later keeps what happened before', async () => {
    const weekly = (sequence: number, start: string, stamp = '20261001T000000Z') => [
      'UID:weekly@x',
      `SEQUENCE:${sequence}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${start}`,
      'DURATION:PT30M',
      'RRULE:FREQ=WEEKLY;COUNT=8',
      'ORGANIZER:mailto:bea@b.example',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bea@b.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    await importEvents(undefined, weekly(0, '20261001T100000Z'));
    expect(await meetingsWith('bea@b.example')).toBe(8);
    const moved = await importEvents(undefined, weekly(1, '20261001T110000Z'));
    expect(moved.interactions).toEqual({ created: 8, duplicates: 0, removed: 8 });
    expect(await meetingsWith('bea@b.example')).toBe(8);
    // cancelled on 2026-11-01: the five weekly meetings before then happened
    const cancelled = await importEvents('CANCEL', weekly(2, '20261001T110000Z', '20261101T000000Z'));
    expect(cancelled.interactions.removed).toBe(3);
    expect(await meetingsWith('bea@b.example')).toBe(5);
    await expectSummariesMatchRescore();
  });

  it('changes nothing when the same file is imported again', async () => {
    await importEvents('REQUEST', review(0, '20260301T100000Z'));
    await importEvents('REQUEST', review(1, '20260302T100000Z', 'amy@a.example'));
    const again = await importEvents('REQUEST', review(1, '20260302T100000Z', 'amy@a.example'));
    expect(again.interactions).toEqual({ created: 0, duplicates: 1 });
    // Zed and Amy, known from the meeting found stored
    expect(again.people).toEqual({ created: 0, matched: 2 });
  });
});

describe('the user’s address guessed from calendars', () => {
  it('is the one in most meetings of every file of the import, whichever comes first', async () => {
    const file = (name: string, events: string[][]) => {
      const path = join(dir, name);
      const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rapport tests//EN'];
      for (const e of events) lines.push('BEGIN:VEVENT', ...e, 'END:VEVENT');
      writeFileSync(path, `${[...lines, 'END:VCALENDAR'].join('\r\n')}\r\n`);
      return path;
    };
    const meeting = (uid: string, day: number, ...people: string[]) => [
      `UID:${uid}`,
      `DTSTART:202603${String(day).padStart(2, '0')}T100000Z`,
      'DURATION:PT1H',
      ...people.map((p) => `ATTENDEE:mailto:${p}`),
    ];
    // Bob is in all of the first file's meetings (3), the user in 2 of them and in all 4 of the second's
    const first = file('bob.ics', [
      meeting('a', 2, 'bob@b.example', ME),
      meeting('b', 3, 'bob@b.example', ME),
      meeting('c', 4, 'bob@b.example', 'cy@c.example'),
    ]);
    const second = file(
      'more.ics',
      [5, 6, 7, 8].map((d) => meeting(`d${d}`, d, ME, `p${d}@p.example`)),
    );
    const report = await importFiles(t.ctx, 'ics', [first, second]);
    expect(report.me).toEqual({ addresses: [ME], guessed: true });
  });
});

describe('a calendar edited without raising SEQUENCE', () => {
  const lunch = (start: string, modified?: string) => [
    'UID:lunch@x',
    'SEQUENCE:0',
    'DTSTAMP:20261125T000000Z',
    ...(modified ? [`LAST-MODIFIED:${modified}`] : []),
    `DTSTART:${start}`,
    'DURATION:PT1H',
    'ORGANIZER:mailto:moe@m.example',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  ];
  const times = async () =>
    (await t.store.db.selectFrom('interactions').select('at').execute()).map((r) =>
      new Date(Number(r.at)).toISOString(),
    );

  it('replaces a version with one changed later, and keeps it against one changed earlier', async () => {
    await importEvents(undefined, lunch('20261105T100000Z'));
    const moved = await importEvents(undefined, lunch('20261106T120000Z', '20261103T000000Z'));
    expect(moved.interactions).toEqual({ created: 1, duplicates: 0, removed: 1 });
    expect(await times()).toEqual(['2026-11-06T12:00:00.000Z']);
    // a later export of the same calendar (a new DTSTAMP, the same change) changes nothing
    const again = await importEvents(undefined, [...lunch('20261106T120000Z', '20261103T000000Z'), 'X-DUMMY:1']);
    expect(again.interactions).toEqual({ created: 0, duplicates: 1 });
    // the version from before the change, arriving late, is outdated
    const stale = await importEvents(undefined, lunch('20261105T100000Z', '20261101T000000Z'));
    expect(stale.skipped).toEqual({ outdated: 1 });
    expect(await times()).toEqual(['2026-11-06T12:00:00.000Z']);
    await expectSummariesMatchRescore();
  });

  it('takes of two invitations of one SEQUENCE without LAST-MODIFIED the one sent later, in either order', async () => {
    const sent = (stamp: string, start: string) => [
      ...lunch(start).map((l) => (l.startsWith('DTSTAMP') ? `DTSTAMP:${stamp}` : l)),
    ];
    for (const order of [
      ['20261101T000000Z', '20261102T000000Z'],
      ['20261102T000000Z', '20261101T000000Z'],
    ]) {
      await t.close();
      t = await openTestDatabase(NOW);
      for (const stamp of order)
        await importEvents(
          'REQUEST',
          sent(stamp, stamp === '20261102T000000Z' ? '20261107T100000Z' : '20261105T100000Z'),
        );
      expect(await times(), order.join(' then ')).toEqual(['2026-11-07T10:00:00.000Z']);
    }
  });

  it('a file that does not say when the event changed, or a re-sent invitation, changes nothing', async () => {
    await importEvents(undefined, lunch('20261105T100000Z', '20261103T000000Z'));
    // no LAST-MODIFIED: nothing says it is newer or older
    const silent = await importEvents(undefined, lunch('20261105T100000Z'));
    expect(silent.interactions).toEqual({ created: 0, duplicates: 1 });
    expect(silent.skipped).toEqual({});
    // the same invitation sent again later (a new DTSTAMP, the same change)
    const resent = await importEvents('REQUEST', [...lunch('20261105T100000Z', '20261103T000000Z'), 'X-RESENT:1']);
    expect(resent.interactions).toEqual({ created: 0, duplicates: 1 });
    // the time known is kept: an older change arriving later is still outdated
    const stale = await importEvents(undefined, lunch('20261104T100000Z', '20261102T000000Z'));
    expect(stale.skipped).toEqual({ outdated: 1 });
    expect(await times()).toEqual(['2026-11-05T10:00:00.000Z']);
  });
});

describe('guests named without an address (Outlook writes invalid:nomail)', () => {
  const weeklyWith = (...guests: string[]) => [
    'UID:sync@x',
    'DTSTART:20261001T090000Z',
    'DURATION:PT30M',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    `ORGANIZER;CN=Sam Roe:mailto:${ME}`,
    `ATTENDEE;CN=Sam Roe;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ...guests.map((g) => `ATTENDEE;CN=${g};PARTSTAT=NEEDS-ACTION:invalid:nomail`),
  ];

  it('are one person each across a series, matched to the one contact of that name', async () => {
    const anna = await addPerson(t.ctx, { name: 'Anna Schmidt', emails: ['anna@s.example'] });
    const report = await importEvents(undefined, weeklyWith('Anna Schmidt', 'Kim', 'Sam Roe'));
    expect(report.interactions.created).toBe(4);
    // Kim is new (once, not once per meeting); Anna is the contact; Sam Roe is the user
    expect(report.people).toEqual({ created: 1, matched: 1 });
    expect((await showPerson(t.ctx, String(anna.id))).stats.interactions).toBe(4);
    expect((await showPerson(t.ctx, 'Kim')).stats.interactions).toBe(4);
    const names = await t.store.db.selectFrom('people').select('name').orderBy('name').execute();
    expect(names.map((r) => r.name)).toEqual(['Anna Schmidt', 'Kim']);
    await expectSummariesMatchRescore();
  });

  it('counts meetings the user never answered, and says so', async () => {
    const invited = (uid: string, partstat: string) => [
      `UID:${uid}`,
      'DTSTART:20261002T090000Z',
      'DURATION:PT30M',
      'ORGANIZER:mailto:zed@z.example',
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${ME}`,
    ];
    const report = await importEvents(
      undefined,
      invited('a', 'NEEDS-ACTION'),
      invited('b', 'ACCEPTED'),
      invited('c', 'NEEDS-ACTION'),
    );
    expect(report.interactions.created).toBe(3);
    expect(report.issues.map((i) => [i.code, i.message])).toEqual([
      [
        'unanswered_invitations',
        '2 meetings you never answered (NEEDS-ACTION) were counted as attended; decline them in your calendar to leave them out',
      ],
    ]);
  });

  it('a calendar file cut off before END:VCALENDAR says so, with the file and line, and imports the complete events before the cut', async () => {
    const file = join(dir, 'cut.ics');
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:cut@x',
      'DTSTART:20261102T090000Z',
      'DURATION:PT30M',
      `ORGANIZER:mailto:${ME}`,
      'ATTENDEE:mailto:bob@b.example',
      'END:VEVENT',
    ];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const report = await importFiles(t.ctx, 'ics', [file], { me: [ME] });
    expect(report.interactions.created).toBe(1);
    expect(report.issues.map((i) => ({ file: i.file, line: i.line, code: i.code }))).toEqual([
      { file, line: 1, code: 'unclosed_calendar' },
    ]);
    expect(report.issues[0]?.message).toContain('no END:VCALENDAR');
  });

  it('a name two people share is a new person, listed as a candidate duplicate, never a guess', async () => {
    await addPerson(t.ctx, { name: 'Anna Schmidt', emails: ['anna@s.example'] });
    await addPerson(t.ctx, { name: 'Anna Schmidt', emails: ['anna@t.example'] });
    const report = await importEvents(undefined, weeklyWith('Anna Schmidt'));
    expect(report.people.created).toBe(1);
    expect(await meetingsWith('anna@s.example')).toBe(0);
    expect(await meetingsWith('anna@t.example')).toBe(0);
    // one pair with each namesake
    expect(report.candidates.map((c) => c.name)).toEqual(['Anna Schmidt', 'Anna Schmidt']);
  });
});

describe('who in a meeting is not made a person', () => {
  it('a room Outlook invites without CUTYPE, and a distribution list, are not people; the guests are', async () => {
    const report = await importEvents('REQUEST', [
      'UID:planning@x',
      'DTSTAMP:20260601T080000Z',
      'DTSTART:20260610T140000Z',
      'DURATION:PT1H',
      'SUMMARY:Planning',
      'ORGANIZER;CN="Nguyen, Tam":mailto:tam@fabrikam.com',
      'ATTENDEE;CN="Lopez, Maria":mailto:maria@fabrikam.com',
      `ATTENDEE;CN=Me:mailto:${ME}`,
      'ATTENDEE;CN="Conf Room Rainier (12)":mailto:confroomrainier@fabrikam.com',
      'ATTENDEE;CN="All Staff":mailto:allstaff@fabrikam.com',
      'LOCATION:Conf Room Rainier (12)',
    ]);
    expect(report.people.created).toBe(2);
    const names = (await t.store.db.selectFrom('people').select('name').orderBy('name').execute()).map((r) => r.name);
    expect(names).toEqual(['Maria Lopez', 'Tam Nguyen']);
    expect([report.skipped, report.notAdded]).toEqual([{}, { role_addresses: 1 }]);
  });
});

describe('meetings the user is not in', () => {
  const others = [
    'UID:colleagues@x',
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260510T100000Z',
    'DURATION:PT1H',
    'ORGANIZER;CN=Alice:mailto:alice@acme.com',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@acme.com',
  ];
  const mine = [
    'UID:mine@x',
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260511T100000Z',
    'DURATION:PT1H',
    'ORGANIZER;CN=Alice:mailto:alice@acme.com',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  ];

  const another = (n: number, attendee = 'carl@acme.com') => [
    `UID:more-${n}@x`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:202605${12 + n}T100000Z`,
    'DURATION:PT1H',
    'ORGANIZER;CN=Alice:mailto:alice@acme.com',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${attendee}`,
  ];

  it('are skipped, and counted, in a calendar that names the user in fewer than half of its meetings (a shared or team calendar)', async () => {
    const report = await importEvents(undefined, others, mine, another(1));
    expect(report.interactions.created).toBe(1);
    expect(report.skipped).toEqual({ not_invited: 2 });
    await expect(showPerson(t.ctx, 'bob@acme.com')).rejects.toThrow('no person matches');
    expect(await meetingsWith('alice@acme.com')).toBe(1);
  });

  it('are kept in the user’s own calendar, which names them in most meetings (the others invited a list they are on)', async () => {
    const report = await importEvents(undefined, others, mine, another(1, ME));
    expect([report.interactions.created, report.skipped]).toEqual([3, {}]);
    expect(await meetingsWith('bob@acme.com')).toBe(1);
  });

  it('are kept from a calendar that never names the user (it may be written for another of their addresses)', async () => {
    const report = await importEvents(undefined, others);
    expect([report.interactions.created, report.skipped]).toEqual([1, {}]);
    expect(await meetingsWith('bob@acme.com')).toBe(1);
  });
});

describe('one occurrence of a series called off, and the series from another file', () => {
  const series = (sequence: number, until?: string) => [
    'UID:weekly@x',
    `SEQUENCE:${sequence}`,
    'DTSTAMP:20261001T000000Z',
    'DTSTART:20261005T100000Z',
    'DURATION:PT1H',
    `RRULE:FREQ=WEEKLY;BYDAY=MO${until ? `;UNTIL=${until}` : ''}`,
    'SUMMARY:Weekly',
    'ORGANIZER;CN=Olaf:mailto:olaf@o.example',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:petra@o.example',
  ];
  const cancelOne = [
    'UID:weekly@x',
    'SEQUENCE:2',
    'DTSTAMP:20261015T000000Z',
    'RECURRENCE-ID:20261026T100000Z',
    'DTSTART:20261026T100000Z',
    'STATUS:CANCELLED',
    'ORGANIZER;CN=Olaf:mailto:olaf@o.example',
  ];
  const declineOne = [
    'UID:weekly@x',
    'SEQUENCE:0',
    'DTSTAMP:20261015T000000Z',
    'RECURRENCE-ID:20261019T100000Z',
    'DTSTART:20261019T100000Z',
    'ORGANIZER;CN=Olaf:mailto:olaf@o.example',
    `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
  ];
  const stored = async () =>
    (await t.store.db.selectFrom('interactions').select('at').orderBy('at').execute()).map((r) =>
      new Date(Number(r.at)).toISOString().slice(0, 10),
    );

  it('gives the same meetings whichever file comes first: an older series does not bring a cancelled occurrence back', async () => {
    await importEvents('CANCEL', cancelOne);
    await importEvents('REQUEST', series(1, '20261101T000000Z'));
    const cancelFirst = await stored();
    expect(cancelFirst).toEqual(['2026-10-05', '2026-10-12', '2026-10-19']);
    // the other order, in a workspace of its own
    await t.store.db.deleteFrom('interactions').execute();
    await t.store.db.deleteFrom('event_versions').execute();
    await importEvents('REQUEST', series(1, '20261101T000000Z'));
    await importEvents('CANCEL', cancelOne);
    expect(await stored()).toEqual(cancelFirst);
    // again: nothing changes
    const again = await importEvents('REQUEST', series(1, '20261101T000000Z'));
    expect(again.interactions.created).toBe(0);
    await expectSummariesMatchRescore();
  });

  it('moves an occurrence that a later file changes, without a higher SEQUENCE, and changes nothing again', async () => {
    await importEvents('REQUEST', series(0, '20261101T000000Z'));
    const moved = [
      'UID:weekly@x',
      'SEQUENCE:0',
      'DTSTAMP:20261012T000000Z',
      'LAST-MODIFIED:20261012T000000Z',
      'RECURRENCE-ID:20261019T100000Z',
      'DTSTART:20261020T150000Z',
      'DURATION:PT1H',
      'ORGANIZER;CN=Olaf:mailto:olaf@o.example',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    ];
    await importEvents('REQUEST', series(0, '20261101T000000Z'), moved);
    expect(await stored()).toEqual(['2026-10-05', '2026-10-12', '2026-10-20', '2026-10-26']);
    const again = await importEvents('REQUEST', series(0, '20261101T000000Z'), moved);
    expect(again.interactions.created).toBe(0);
  });

  it('keeps an occurrence the user declined out when the series arrives after the answer, until a newer series', async () => {
    await importEvents('REPLY', declineOne);
    await importEvents('REQUEST', series(0, '20261101T000000Z'));
    expect(await stored()).toEqual(['2026-10-05', '2026-10-12', '2026-10-26']);
    // the organizer changed the whole series since: its occurrences are what it says
    await importEvents('REQUEST', series(3, '20261101T000000Z'));
    expect(await stored()).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
  });
});

describe.skipIf(skipWithoutSharedData('ics-samples', 'calendar.db.test'))('what a calendar import reports', () => {
  const INCOMING = sharedPath('ics-samples/ical4j__incoming.ics');
  const MULTIPLE = sharedPath('ics-samples/ical4j__multiple_calendars.ics');
  const REPLIED = 'calsrv.example.com-873970198738785@example.com';

  /** records, as a calendar's report adds them up: meetings (created, already there, skipped), answers, VEVENTs left out. */
  const addedUp = (r: Awaited<ReturnType<typeof importFiles>>) =>
    r.interactions.created +
    r.interactions.duplicates +
    Object.values(r.skipped).reduce((n, k) => n + k, 0) +
    (r.answers ?? 0) +
    r.issues.filter((i) => i.code === 'no_start' || i.code === 'bad_event').length;

  it('ical4j__incoming.ics: 9 VEVENTs are 1 meeting, 4 guests’ answers taken in and 4 versions left out', async () => {
    // read by hand: UID …777 is sent 5 times. Event 2 (REQUEST, SEQUENCE 2, DTSTAMP 19:30) is the
    // meeting, "Pool party"; event 1 (SEQUENCE 2, DTSTAMP 19:00) and event 3 (SEQUENCE 0) are older
    // versions; event 8 is a CANCEL of SEQUENCE 1, older than the meeting (it stands); event 9 a
    // COUNTER (SEQUENCE 1) to it, not taken. UID …785 has only events 4-7: four REPLYs, of B and X
    // (ACCEPTED) and C and Y (DECLINED), without DTSTART. 1 + 4 + 2 + 1 + 1 = 9.
    const report = await importFiles(t.ctx, 'ics', [INCOMING], {});
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({
      records: 9,
      events: 9,
      meetings: 1,
      answers: 4,
      interactions: { created: 1, duplicates: 0 },
      skipped: { superseded: 2, superseded_cancellation: 1, proposal_not_taken: 1 },
    });
    expect(Object.keys(report.skipped)).toHaveLength(3);
    expect(addedUp(report)).toBe(report.records);
    // the answers were taken in: kept for the meeting they answer, which a later file brings
    const kept = await t.store.db
      .selectFrom('event_answers')
      .select(['email', 'partstat'])
      .where('event_key', '=', REPLIED)
      .orderBy('email')
      .execute();
    expect(kept.map((a) => `${a.email} ${a.partstat}`)).toEqual([
      'b@example.com ACCEPTED',
      'c@example.com DECLINED',
      'x@example.com ACCEPTED',
      'y@example.com DECLINED',
    ]);
    // …and used: the Phone Conference (UID …785) is stored without C, who declined it
    const later = await importFiles(t.ctx, 'ics', [MULTIPLE], {});
    expect(later).toMatchObject({ records: 2, events: 2, meetings: 2, answers: 0 });
    const phone = await t.store.db
      .selectFrom('interactions as i')
      .innerJoin('participations as p', 'p.interaction_id', 'i.id')
      .innerJoin('person_emails as e', 'e.person_id', 'p.person_id')
      .select('e.email')
      .where('i.external_id', '=', REPLIED)
      .orderBy('e.email')
      .execute();
    expect(phone.map((r) => r.email)).not.toContain('c@example.com');
    expect(phone.map((r) => r.email)).toContain('b@example.com');
    // imported again: the meeting is there already, the rest is read the same
    const again = await importFiles(t.ctx, 'ics', [INCOMING], {});
    expect(again).toMatchObject({ records: 9, meetings: 1, answers: 4, interactions: { created: 0, duplicates: 1 } });
    expect(addedUp(again)).toBe(again.records);
  });

  it('every sample adds up: records = interactions created + already there + skipped + answers + unreadable', async () => {
    for (const file of readdirSync(sharedPath('ics-samples')).filter((f) => f.endsWith('.ics'))) {
      await t.close();
      t = await openTestDatabase(NOW);
      const report = await importFiles(t.ctx, 'ics', [sharedPath(`ics-samples/${file}`)], {});
      expect(addedUp(report), file).toBe(report.records);
      // and the meetings are those created, already there or skipped as meetings
      expect(report.meetings, file).toBe(
        report.records -
          (report.answers ?? 0) -
          ['superseded', 'superseded_cancellation', 'proposal', 'proposal_not_taken', 'older_answer', 'empty_answer']
            .map((reason) => report.skipped[reason] ?? 0)
            .reduce((n, k) => n + k, 0),
      );
    }
  });
});

describe('the user’s answer to a series in a file of its own', () => {
  const series = [
    'UID:weekly@x',
    'SEQUENCE:0',
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260105T100000Z',
    'DTEND:20260105T110000Z',
    'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10',
    'ORGANIZER;CN=Alice:mailto:alice@a.example',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
  ];
  // a REPLY carries neither the rule nor an end: only the answer
  const accept = [
    'UID:weekly@x',
    'SEQUENCE:0',
    'DTSTAMP:20260102T000000Z',
    'DTSTART:20260105T100000Z',
    'ORGANIZER:mailto:alice@a.example',
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
  ];

  it('adds no meeting of its own after the series, and the series takes its place before it', async () => {
    await importEvents('REQUEST', series);
    const answer = await importEvents('REPLY', accept);
    expect([answer.interactions.created, answer.answers, answer.meetings]).toEqual([0, 1, 0]);
    expect(await meetingsWith('alice@a.example')).toBe(10);
  });

  it('gives the series alone whichever file comes first', async () => {
    await importEvents('REPLY', accept);
    await importEvents('REQUEST', series);
    expect(await meetingsWith('alice@a.example')).toBe(10);
    await expectSummariesMatchRescore();
  });
});

describe('a long calendar import', () => {
  it('shows a reading stage first, and lets other work (a Ctrl-C) run between its meetings', async () => {
    const file = join(dir, 'long.ics');
    const events = Array.from({ length: 1500 }, (_, i) => [
      'BEGIN:VEVENT',
      `UID:long-${i}@x`,
      'DTSTAMP:20240101T000000Z',
      `DTSTART:2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}T100000Z`,
      'DTEND:20241231T235900Z',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:p${i % 40}@x.example`,
      'END:VEVENT',
    ]);
    writeFileSync(file, `${['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flat(), 'END:VCALENDAR'].join('\r\n')}\r\n`);
    // a chain of macrotasks, as a signal's handler is one: it advances only when the import yields
    let ticks = 0;
    let stop = false;
    const tick = () => {
      if (stop) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const stages: string[] = [];
    const ticksAt: number[] = [];
    try {
      await importFiles(t.ctx, 'ics', [file], {
        me: [ME],
        onProgress: (stage) => {
          if (stages.at(-1) !== stage) stages.push(stage);
          if (stage === 'meetings') ticksAt.push(ticks);
        },
      });
    } finally {
      stop = true;
    }
    expect(stages.slice(0, 2)).toEqual(['reading', 'meetings']);
    // reports at 500, 1000, 1500 and the end: other work ran between the first and the last
    expect(ticksAt.length).toBeGreaterThanOrEqual(3);
    expect((ticksAt.at(-1) ?? 0) - (ticksAt[0] ?? 0)).toBeGreaterThanOrEqual(2);
  });
});
