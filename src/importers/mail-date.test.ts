import { describe, expect, it } from 'vitest';
import { parseMailDate } from './mail-date.js';

describe('parseMailDate', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['Mon, 14 May 2001 16:39:00 -0700 (PDT)', '2001-05-14T23:39:00Z'],
    ['Fri, 1 Dec 2000 08:00:00 -0800 (PST)', '2000-12-01T16:00:00Z'],
    ['14 May 2001 16:39:00 -0700', '2001-05-14T23:39:00Z'],
    ['Mon,14 May 2001 16:39:00 +0530', '2001-05-14T11:09:00Z'],
    ['Mon, 14 May 2001 16:39 +0000', '2001-05-14T16:39:00Z'],
    ['Tue, 3 Mar 2026 10.00.00 +0100', '2026-03-03T09:00:00Z'],
    ['Tue, 3 Mar 2026 10.00 +0100', '2026-03-03T09:00:00Z'],
    ['Mon, 14 May 01 16:39:00 PDT', '2001-05-14T23:39:00Z'],
    ['Fri, 14 May 99 16:39:00 EST', '1999-05-14T21:39:00Z'],
    ['Mon, 14 May 101 16:39:00 GMT', '2001-05-14T16:39:00Z'],
    ['Mon, 14 May 2001 16:39:00 UT', '2001-05-14T16:39:00Z'],
    ['Mon, 2 Mar 2026 11:00:00 GMT+0100', '2026-03-02T10:00:00Z'],
    ['Mon, 2 Mar 2026 11:00:00 UTC -05:00', '2026-03-02T16:00:00Z'],
    ['Mon, 14 May 2001 16:39:00 EDT', '2001-05-14T20:39:00Z'],
    ['Mon, 14 May 2001 16:39:00 CST', '2001-05-14T22:39:00Z'],
    ['Mon, 14 May 2001 16:39:00 MDT', '2001-05-14T22:39:00Z'],
    ['Mon, 14 May 2001 16:39:00 A', '2001-05-14T16:39:00Z'],
    ['Mon, 14 May 2001 16:39:00', '2001-05-14T16:39:00Z'],
    ['Monday, 14 May 2001 16:39:00 +0200', '2001-05-14T14:39:00Z'],
    ['Mon, 14-May-2001 16:39:00 -0700', '2001-05-14T23:39:00Z'],
    ['  mon, 14 MAY 2001 16:39:00 -07:00', '2001-05-14T23:39:00Z'],
    ['Mon, 14 Sept 2001 16:39:00 +0000', '2001-09-14T16:39:00Z'],
    ['Thu, 31 Dec 1998 23:59:60 +0000', '1999-01-01T00:00:00Z'],
    ['Mon May 14 16:39:00 2001', '2001-05-14T16:39:00Z'],
    ['Mon May 14 16:39:00 PDT 2001', '2001-05-14T23:39:00Z'],
    ['2001-05-14T16:39:00-07:00', '2001-05-14T23:39:00Z'],
    ['Tue, 03 Jun 2003 09:05:00 GMT-7', '2003-06-03T16:05:00Z'],
    ['Tue, 03 Jun 2003 09:05:00 GMT+1', '2003-06-03T08:05:00Z'],
    ['Tue, 3 Jun 2003 9:05:00 AM -0700', '2003-06-03T16:05:00Z'],
    ['Tue, 3 Jun 2003 9:05 p.m. -0700', '2003-06-04T04:05:00Z'],
    ['Tue, 3 Jun 2003 12:30:00 AM +0000', '2003-06-03T00:30:00Z'],
    ['Tue, 3 Jun 2003 21:05:00 PM -0700', '2003-06-04T04:05:00Z'],
    ['Tue, 3 Jun 2003 09:05:00 -700', '2003-06-03T16:05:00Z'],
    ['3 Jun 2003', '2003-06-03T00:00:00Z'],
    ['Mon, 15 Jan 2024 09:5:03 +0000', '2024-01-15T09:05:03Z'],
    ['Mon, 15 Jan 2024 09:05:3 +0000', '2024-01-15T09:05:03Z'],
    ['Mon, 15 Jan 2024 9:5 +0000', '2024-01-15T09:05:00Z'],
  ])('reads %s', (text, iso) => {
    expect(parseMailDate(text)).toBe(at(iso));
  });

  it.each([
    '',
    'yesterday',
    '1',
    'Mon, 31 Feb 2001 10:00:00 +0000',
    'Mon, 14 Foo 2001 16:39:00 +0000',
    'Mon, 14 May 2001 25:00:00 +0000',
    'Mon, 14 May 0099 10:00:00 +0000',
    'Mon, 14 May 2001 10:00:00 +0075',
    // a time that cannot be read is no midnight
    'Mon, 15 Jan 2024 09:055 +0000',
    'Mon, 15 Jan 2024 0905 +0000',
  ])('refuses %j', (text) => {
    expect(parseMailDate(text)).toBeUndefined();
  });
});

describe('parseMailDate on any machine', () => {
  const at = (iso: string) => Date.parse(iso);
  const cases: [string, string][] = [
    ['2024-03-04 10:00:00', '2024-03-04T10:00:00Z'],
    ['2024-03-04T10:00:00', '2024-03-04T10:00:00Z'],
    ['2024-03-04T10:00:00+01:00', '2024-03-04T09:00:00Z'],
    ['2024-03-04 10:00 -0500', '2024-03-04T15:00:00Z'],
    ['2024-03-04T10:00:00.250Z', '2024-03-04T10:00:00Z'],
    // day first with dots, as much of Europe writes it
    ['04.03.2024 10:00', '2024-03-04T10:00:00Z'],
    ['Mo., 04.03.2024 10:00:30 +0100', '2024-03-04T09:00:30Z'],
    ['4.3.24 9:05', '2024-03-04T09:05:00Z'],
    // what only Date.parse reads, without a zone: UTC too
    ['March 4, 2024 10:00:00', '2024-03-04T10:00:00Z'],
    ['March 4, 2024 10:00:00 GMT+0200', '2024-03-04T08:00:00Z'],
  ];

  for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo'])
    it(`reads a date without a zone as UTC, and a dotted date day first, with the machine in ${zone}`, () => {
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        for (const [text, iso] of cases) expect(parseMailDate(text), text).toBe(at(iso));
        expect(parseMailDate('31.02.2024 10:00')).toBeUndefined();
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    });
});
