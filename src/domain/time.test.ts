import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatInstant, parseInstant, utc } from './time.js';

describe('parseInstant', () => {
  it('reads a date alone as 00:00 UTC, a time without offset as UTC, and an offset', () => {
    expect(parseInstant('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseInstant('2026-03-01T10:30')).toBe(Date.UTC(2026, 2, 1, 10, 30));
    expect(parseInstant('2026-03-01T10:30:00+02:00')).toBe(Date.UTC(2026, 2, 1, 8, 30));
    expect(parseInstant('2026-02-30')).toBeUndefined();
    expect(parseInstant('yesterday')).toBeUndefined();
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
