import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AWAITED_KEEP, type Awaited, noteAwaited, takeRun } from './follow-ups.js';

describe('takeRun', () => {
  it('answers a follow-up together with the messages it follows up, through every step', () => {
    // 10 asks, 20 follows it up, 30 follows 20 up; 15 is another matter
    const waiting: Awaited[] = [
      [10, null],
      [15, null],
      [20, 10],
      [30, 20],
    ];
    expect(takeRun(waiting, 30).sort()).toEqual([10, 20]);
    expect(waiting).toEqual([[15, null]]);
  });

  it('answers the follow-ups sent before an answer to the first message too', () => {
    const waiting: Awaited[] = [
      [10, null],
      [20, 10],
      [25, 10],
    ];
    expect(takeRun(waiting, 10).sort()).toEqual([20, 25]);
    expect(waiting).toEqual([]);
  });

  it('answers only the message itself when it follows nothing up and nothing follows it', () => {
    const waiting: Awaited[] = [
      [10, null],
      [20, null],
    ];
    expect(takeRun(waiting, 20)).toEqual([]);
    expect(waiting).toEqual([[10, null]]);
  });

  it('still finds the follow-ups of a message no longer waiting (answering one of theirs, or forgotten)', () => {
    const waiting: Awaited[] = [[20, 5]];
    expect(takeRun(waiting, 5)).toEqual([20]);
    expect(waiting).toEqual([]);
  });

  it('takes out exactly the run, and keeps the rest in order', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (entries, answered) => {
        const waiting: Awaited[] = entries.map(([at, up]) => [at, up]);
        const before = [...waiting];
        const others = takeRun(waiting, answered);
        const taken = new Set([answered, ...others]);
        expect(waiting).toEqual(before.filter(([at]) => !taken.has(at)));
        expect(others).not.toContain(answered);
        // nothing left is linked to what was taken
        for (const [at, up] of waiting) {
          expect(up !== null && taken.has(up)).toBe(false);
          expect(before.some(([t, u]) => taken.has(t) && u === at)).toBe(false);
        }
      }),
    );
  });
});

describe('noteAwaited', () => {
  it(`keeps the latest ${AWAITED_KEEP} messages`, () => {
    const waiting: Awaited[] = [];
    for (let at = 1; at <= AWAITED_KEEP + 5; at++) noteAwaited(waiting, at, null);
    expect(waiting).toHaveLength(AWAITED_KEEP);
    expect(waiting[0]).toEqual([6, null]);
  });
});
