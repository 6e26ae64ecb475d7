import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { inWeeks } from './ics-weekno.js';

/** ISO 8601's week of a day, the textbook way: the week's Thursday decides its year. */
function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
}

const day = fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2150, 0, 1) / 86_400_000 }).map((n) => {
  const d = new Date(n * 86_400_000);
  return ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
});
const weeks = Array.from({ length: 53 }, (_, i) => i + 1);

describe('inWeeks', () => {
  it('puts each day in ISO 8601 week number with WKST=MO', () => {
    fc.assert(
      fc.property(day, (t) => {
        expect(weeks.filter((w) => inWeeks(t, [w], ICAL.Time.MONDAY))).toEqual([isoWeek(t.year, t.month, t.day)]);
      }),
    );
  });

  it('puts each day in exactly one week for any WKST, and a negative number names the same week from the end', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 7 }), (t, wkst) => {
        const positive = weeks.filter((w) => inWeeks(t, [w], wkst));
        expect(positive).toHaveLength(1);
        const negative = weeks.filter((w) => inWeeks(t, [-w], wkst));
        expect(negative).toHaveLength(1);
        // 52 or 53 weeks in the year the day's week belongs to
        expect([52, 53]).toContain((positive[0] as number) + (negative[0] as number) - 1);
      }),
    );
  });
});
