import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IcsResult, parseIcs } from '../src/importers/ics.js';
import { openTestDatabase } from '../test/store.js';
import { type CalendarStats, fold, writeCalendar } from './calendar-generate.js';
import { MAIL_END } from './mail-generate.js';

/** The calendar generator at a small size (the benchmark's owner and "now"), so CI exercises it and the importer on it. */
const OWNER = 'robin.carter@example.com';
const OPTS = { events: 1_500, seed: 7, owner: OWNER, people: 300, end: MAIL_END };

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

describe('the calendar generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-calendar-generate-'));
  const file = join(dir, 'a.ics');
  let stats: CalendarStats;
  let raw: string;
  /** the content lines, unfolded */
  let text: string;
  let parsed: IcsResult;

  beforeAll(async () => {
    stats = await writeCalendar(file, OPTS);
    raw = readFileSync(file, 'utf8');
    text = raw.replace(/\r\n[ \t]/g, '');
    parsed = parseIcs(readFileSync(file), { now: OPTS.end });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic for a seed, and another seed gives another file', async () => {
    const again = join(dir, 'b.ics');
    expect(await writeCalendar(again, OPTS)).toEqual(stats);
    expect(digest(again)).toBe(digest(file));
    const other = join(dir, 'c.ics');
    await writeCalendar(other, { ...OPTS, seed: 8 });
    expect(digest(other)).not.toBe(digest(file));
  });

  it('writes RFC 5545 lines: CRLF, folded at 75 octets, never inside a character', () => {
    expect(statSync(file).size).toBe(stats.bytes);
    expect(raw.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(count(raw, /[^\r]\n/g)).toBe(0);
    const lines = raw.split('\r\n');
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    // long lines were folded (descriptions, attendees), and no fold split a UTF-8 character
    expect(count(raw, /\r\n /g)).toBeGreaterThan(stats.vevents);
    expect(raw).not.toContain('\uFFFD');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = fold(long);
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(count(folded, /\r\n /g)).toBe(1);
    expect(folded.replace(/\r\n /g, '')).toBe(`${long}\r\n`);
  });

  it('returns the counts that are in the file', () => {
    expect(count(text, /^BEGIN:VEVENT$/gm)).toBe(OPTS.events);
    expect(stats.vevents).toBe(OPTS.events);
    expect(count(text, /^RRULE:FREQ=(WEEKLY|MONTHLY);.*(COUNT|UNTIL)=/gm)).toBe(stats.series);
    // (the VTIMEZONEs' own rules are yearly)
    expect(count(text, /^RRULE:FREQ=(?!YEARLY)/gm)).toBe(stats.series);
    expect(count(text, /^RECURRENCE-ID;TZID=/gm)).toBe(stats.overrides);
    expect(count(text, /^EXDATE;TZID=/gm)).toBe(stats.exdates);
    expect(count(text, /^STATUS:CANCELLED$/gm)).toBe(stats.cancelled);
    expect(count(text, /^BEGIN:VALARM$/gm)).toBe(stats.alarms);
    expect(count(text, /^ATTENDEE;CUTYPE=ROOM;/gm)).toBe(stats.rooms);
    expect(count(text, /^DTSTART;VALUE=DATE:/gm)).toBe(stats.allDay);
    // the events written twice: a UID with no RECURRENCE-ID in two VEVENTs, SEQUENCE 0 then higher
    const uids = new Map<string, string[]>();
    for (const block of text.split('BEGIN:VEVENT').slice(1)) {
      if (/^RECURRENCE-ID/m.test(block)) continue;
      const uid = /^UID:(.*)$/m.exec(block)?.[1] ?? '';
      uids.set(uid, [...(uids.get(uid) ?? []), /^SEQUENCE:(\d+)$/m.exec(block)?.[1] ?? '']);
    }
    const twice = [...uids.values()].filter((s) => s.length === 2);
    expect(twice.length).toBe(stats.updates);
    for (const [older, newer] of twice) {
      expect(older).toBe('0');
      expect(Number(newer)).toBeGreaterThan(0);
    }
    expect(uids.size).toBe(stats.singles + stats.series);
    // the people named, the owner and rooms aside
    const named = new Set(
      [...text.matchAll(/^(?:ATTENDEE;CUTYPE=INDIVIDUAL|ORGANIZER)[^\n]*:mailto:(\S+)$/gm)].map((m) => m[1]),
    );
    named.delete(OWNER);
    expect(named.size).toBe(stats.attendees);
  });

  it('has the shape the benchmark relies on', () => {
    expect(text).toMatch(/^X-WR-TIMEZONE:America\/New_York$/m);
    for (const tzid of ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo']) {
      expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${tzid}\r\n`);
      expect(text).toMatch(new RegExp(`^DTSTART;TZID=${tzid}:\\d{8}T\\d{6}$`, 'm'));
    }
    expect(text).toMatch(/^DTSTART:\d{8}T\d{6}Z$/m);
    expect(text).toMatch(/^DESCRIPTION:.*\\,.*\\n/m);
    expect(text).toMatch(
      /^ATTENDEE;[^:]*PARTSTAT=DECLINED;[^:]*CN=Robin Carter;[^:]*:mailto:robin\.carter@example\.com$/m,
    );
    expect(text).toMatch(/^ATTENDEE;[^:]*CN="[^"]+, [^"]+"/m);
    expect(stats.series / stats.vevents).toBeGreaterThan(0.015);
    expect(stats.series / stats.vevents).toBeLessThan(0.05);
    for (const k of [
      'overrides',
      'exdates',
      'updates',
      'cancelled',
      'declined',
      'allDay',
      'personal',
      'future',
    ] as const)
      expect(stats[k]).toBeGreaterThan(0);
    // guests: 1–8 a meeting besides the owner
    for (const block of text.split('BEGIN:VEVENT').slice(1)) {
      const guests = count(block, /^ATTENDEE;CUTYPE=INDIVIDUAL;.*:mailto:(?!robin\.carter@)/gm);
      if (/^ORGANIZER/m.test(block)) {
        expect(guests).toBeGreaterThanOrEqual(1);
        expect(guests).toBeLessThanOrEqual(8);
      } else expect(guests).toBe(0);
    }
  });

  // Expected numbers: each is the generator's own count (what it wrote), set against what parseIcs
  // says it read, with the benchmark's "now" and parseIcs's default window of three years.
  it('parses with parseIcs with no issues, as many events, series, cancelled and declined as it wrote', () => {
    expect(parsed.issues).toEqual([]);
    // every VEVENT is read
    expect(parsed.vevents).toBe(stats.vevents);
    // one event per UID and RECURRENCE-ID: both versions of an update make one, the older superseded
    expect(parsed.events.length).toBe(stats.singles + stats.series + stats.overrides);
    expect(parsed.skipped.superseded ?? 0).toBe(stats.updates);
    // only single events are cancelled (STATUS:CANCELLED, each counted once)
    expect(parsed.skipped.cancelled ?? 0).toBe(stats.cancelled);
    // declined: the events (and changed occurrences, which list the same guests) naming the owner DECLINED
    expect(parsed.events.filter((e) => e.declined.includes(OWNER)).length).toBe(stats.declined);
    // future: no series starts after now, no occurrence is moved past it, nothing starts within two
    // days of it, so what starts after it is the single events the generator counted
    expect(parsed.skipped.future ?? 0).toBe(stats.future);
    // each single event that is neither cancelled nor to come is one occurrence, whatever the window
    expect(parsed.occurrences.filter((o) => o.recurrenceId === undefined).length).toBe(
      stats.singles - stats.cancelled - stats.future,
    );
    // a series gives occurrences in the window (its first and last slots are never excluded or
    // moved), or is counted once as over before it (before_window)
    const seriesInWindow = new Set(parsed.occurrences.filter((o) => o.recurrenceId !== undefined).map((o) => o.uid));
    expect(seriesInWindow.size + (parsed.skipped.before_window ?? 0)).toBe(stats.series);
    expect(seriesInWindow.size).toBeGreaterThan(0);
    expect(parsed.skipped.before_window ?? 0).toBeGreaterThan(0);
  });

  it('imports into a fresh database, and again with nothing new', async () => {
    const { importFiles } = await import('../src/app/import/index.js');
    const t = await openTestDatabase(OPTS.end);
    try {
      const report = await importFiles(t.ctx, 'ics', [file], { me: [OWNER] });
      expect(report.issues.filter((i) => i.code !== 'unanswered_invitations')).toEqual([]);
      expect(report.events).toBe(stats.vevents);
      expect(report.meetings).toBe(parsed.meetings);
      // the owner's declined meetings are left out as such
      expect(report.skipped.declined ?? 0).toBeGreaterThan(0);
      expect(report.interactions.created).toBeGreaterThan(parsed.occurrences.length * 0.7);
      const again = await importFiles(t.ctx, 'ics', [file], { me: [OWNER] });
      expect(again.interactions.created).toBe(0);
      expect(again.people.created).toBe(0);
      expect(again.interactions.duplicates).toBe(report.interactions.created);
    } finally {
      await t.close();
    }
  });
});
