import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { history } from '../../test/arbitraries.js';
import { days } from '../../test/factories.js';
import { strengthOf } from '../domain/evaluate.js';
import { foldAll } from '../domain/fold.js';
import { emptySummary } from '../domain/summary.js';
import { strengthKey } from './summary.mapper.js';

describe('the stored strength key', () => {
  it('is the strength as of the last event', () => {
    fc.assert(
      fc.property(history, (events) => {
        const s = foldAll(events);
        expect(strengthKey(s)).toBeCloseTo(s.asOf === null ? 0 : strengthOf(s, s.asOf), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('is never below the strength at any later moment without new events', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: days(2000) }), (events, later) => {
        const s = foldAll(events);
        const at = (s.asOf ?? 0) + later;
        expect(strengthKey(s)).toBeGreaterThanOrEqual(strengthOf(s, at) - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('is 0 without events', () => {
    expect(strengthKey(emptySummary())).toBe(0);
  });
});
