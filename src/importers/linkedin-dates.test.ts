import { describe, expect, it } from 'vitest';
import { parseLinkedinDate } from './linkedin-dates.js';

describe('parseLinkedinDate', () => {
  it('reads the forms LinkedIn writes, as UTC', () => {
    expect(parseLinkedinDate('12 Mar 2024')).toBe(Date.UTC(2024, 2, 12));
    expect(parseLinkedinDate('5 Jan 2021')).toBe(Date.UTC(2021, 0, 5));
    expect(parseLinkedinDate('2023-05-01 14:22:10 UTC')).toBe(Date.UTC(2023, 4, 1, 14, 22, 10));
    expect(parseLinkedinDate('2023-12-03T14:05:00.000Z')).toBe(Date.UTC(2023, 11, 3, 14, 5, 0));
    expect(parseLinkedinDate('2023-12-03T15:05:00+01:00')).toBe(Date.UTC(2023, 11, 3, 14, 5, 0));
    expect(parseLinkedinDate('2023-12-03T09:05:00-0500')).toBe(Date.UTC(2023, 11, 3, 14, 5, 0));
    expect(parseLinkedinDate('2023-12-03T09:05:00+25:00')).toBeUndefined();
    expect(parseLinkedinDate('03/12/24, 10:15 AM')).toBe(Date.UTC(2024, 2, 12, 10, 15));
    expect(parseLinkedinDate('7/17/22, 12:05 AM')).toBe(Date.UTC(2022, 6, 17, 0, 5));
    expect(parseLinkedinDate('7/17/22, 12:05 PM')).toBe(Date.UTC(2022, 6, 17, 12, 5));
    expect(parseLinkedinDate('2024-03-12')).toBe(Date.UTC(2024, 2, 12));
  });

  it('refuses anything else, and impossible dates', () => {
    for (const bad of [
      '',
      'yesterday',
      '31 Feb 2024',
      '2024-13-01',
      '13/01/24, 10:00 AM',
      '1/1/24, 13:00 PM',
      '12 Foo 2024',
    ])
      expect(parseLinkedinDate(bad)).toBeUndefined();
  });

  it('reads slashes day first when told, and dots always day first', () => {
    expect(parseLinkedinDate('03/12/24, 10:15', 'dmy')).toBe(Date.UTC(2024, 11, 3, 10, 15));
    expect(parseLinkedinDate('13/01/2024', 'dmy')).toBe(Date.UTC(2024, 0, 13));
    expect(parseLinkedinDate('13.01.2024 09:30')).toBe(Date.UTC(2024, 0, 13, 9, 30));
    expect(parseLinkedinDate('01.13.2024')).toBeUndefined();
    expect(parseLinkedinDate('12/25/2023', 'dmy')).toBeUndefined();
    expect(parseLinkedinDate('3/12.2024')).toBeUndefined();
  });

  it('reads a date English-locale Excel wrote again (d-mmm-yy)', () => {
    expect(parseLinkedinDate('12-Mar-24')).toBe(Date.UTC(2024, 2, 12));
    expect(parseLinkedinDate('5-Jan-09')).toBe(Date.UTC(2009, 0, 5));
    expect(parseLinkedinDate('31-Feb-24')).toBeUndefined();
  });
});
