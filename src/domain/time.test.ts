import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatInstant, parseCalendarDate, parseInstant, utc } from './time.js';

describe('parseInstant', () => {
  it('reads a date alone as 00:00 UTC, a time without offset as UTC, and an offset', () => {
    expect(parseInstant('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseInstant('2026-03-01T10:30')).toBe(Date.UTC(2026, 2, 1, 10, 30));
    expect(parseInstant('2026-03-01T10:30:00+02:00')).toBe(Date.UTC(2026, 2, 1, 8, 30));
    expect(parseInstant('2026-02-30')).toBeUndefined();
    expect(parseInstant('yesterday')).toBeUndefined();
  });

  it('reads the basic format and an offset in hours alone', () => {
    expect(parseInstant('20260314')).toBe(Date.UTC(2026, 2, 14));
    expect(parseInstant('20260314T0930')).toBe(Date.UTC(2026, 2, 14, 9, 30));
    expect(parseInstant('20260314T093015Z')).toBe(Date.UTC(2026, 2, 14, 9, 30, 15));
    expect(parseInstant('20260314T093000-0500')).toBe(Date.UTC(2026, 2, 14, 14, 30));
    expect(parseInstant('2026-03-14T09:30+01')).toBe(Date.UTC(2026, 2, 14, 8, 30));
    expect(parseInstant('2026-03-14T09:30:00,5Z')).toBe(Date.UTC(2026, 2, 14, 9, 30, 0, 500));
    expect(parseInstant('20260230')).toBeUndefined();
    expect(parseInstant('2026-0314')).toBeUndefined();
    expect(parseInstant('202603')).toBeUndefined();
  });

  it('keeps the years 0-99 as written, where Date.UTC would move them to the 1900s', () => {
    expect(formatInstant(parseInstant('0050-06-01T00:00:00Z') as number)).toBe('0050-06-01T00:00:00Z');
    expect(formatInstant(utc(99, 11, 31))).toBe('0099-12-31T00:00:00Z');
    expect(daysInMonth(4, 2)).toBe(29);
  });

  it('reads back every instant it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(1, 0, 1), max: utc(9999, 11, 31) }), (t) => {
        expect(parseInstant(formatInstant(t))).toBe(t);
      }),
    );
  });
});

describe('parseCalendarDate', () => {
  it('reads a date with or without dashes, and a yearly date without a year', () => {
    expect(parseCalendarDate('2026-03-14')).toEqual({ year: 2026, month: 3, day: 14 });
    expect(parseCalendarDate('20260314')).toEqual({ year: 2026, month: 3, day: 14 });
    expect(parseCalendarDate('--03-14')).toEqual({ year: null, month: 3, day: 14 });
    expect(parseCalendarDate('--0314')).toEqual({ year: null, month: 3, day: 14 });
    expect(parseCalendarDate('--0230')).toBeUndefined();
    expect(parseCalendarDate('2026-0314')).toBeUndefined();
  });
});
