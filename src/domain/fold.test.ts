import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { history, historyInAnyOrder } from '../../test/arbitraries.js';
import { days, interaction, T0 } from '../../test/factories.js';
import { evaluate } from './evaluate.js';
import { canAppend, foldAll, foldEvent } from './fold.js';
import type { FoldEvent } from './fold-event.js';
import { emptySummary, type Summary } from './summary.js';

/** What the store does as events arrive: fold in place when later than all, else fold everything again. */
function arriveIncrementally(arrival: readonly FoldEvent[]): Summary {
  let s = emptySummary();
  const seen: FoldEvent[] = [];
  for (const e of arrival) {
    seen.push(e);
    if (canAppend(s, e)) foldEvent(s, e);
    else s = foldAll(seen);
  }
  return s;
}

const lastEvent = (events: readonly FoldEvent[]) => events.reduce((m, e) => Math.max(m, e.at), T0 - days(1000));

describe('strength', () => {
  it('stays within 0..100 and every component within 0..1', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: days(800) }), (events, later) => {
        const e = evaluate(foldAll(events), lastEvent(events) + later);
        expect(e.strength).toBeGreaterThanOrEqual(0);
        expect(e.strength).toBeLessThanOrEqual(100);
        for (const c of e.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('never rises as time passes without new events', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: days(400) }),
        fc.integer({ min: 0, max: days(400) }),
        (events, a, b) => {
          const s = foldAll(events);
          const t1 = lastEvent(events) + Math.min(a, b);
          const t2 = lastEvent(events) + Math.max(a, b);
          const e1 = evaluate(s, t1);
          const e2 = evaluate(s, t2);
          expect(e2.strength).toBeLessThanOrEqual(e1.strength);
          e2.components.forEach((c, i) => {
            expect(c.value).toBeLessThanOrEqual((e1.components[i]?.value ?? 0) + 1e-12);
          });
        },
      ),
    );
  });

  it('is the exact sum of the contributions shown', () => {
    fc.assert(
      fc.property(history, (events) => {
        const e = evaluate(foldAll(events), T0);
        const tenths = e.components.reduce((sum, c) => sum + Math.round(c.contribution * 10), 0);
        expect(tenths).toBe(Math.round(e.strength * 10));
      }),
    );
  });
});

describe('events in any order', () => {
  it('give the same summary as a full fold, whatever the order of arrival', () => {
    fc.assert(
      fc.property(historyInAnyOrder, ({ events, arrival }) => {
        expect(arriveIncrementally(arrival)).toEqual(foldAll(events));
      }),
    );
  });

  it('never move the last contact backwards when a back-dated note arrives', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: days(700) }), (events, back) => {
        const s = foldAll(events);
        const before = { lastAt: s.lastAt, tw1At: s.tw1At, m1At: s.m1At };
        const note = interaction(lastEvent(events) - back, 'meeting', 'mutual', { seq: 10_000 });
        const after = foldAll([...events, note]);
        for (const key of ['lastAt', 'tw1At', 'm1At'] as const) {
          if (before[key] !== null) expect(after[key]).toBeGreaterThanOrEqual(before[key] ?? 0);
        }
        // evidence only accumulates: an extra event never lowers the stage reached
        expect(after.stage).toBeGreaterThanOrEqual(s.stage);
      }),
    );
  });
});

describe('a person never contacted', () => {
  it('says not enough data, and looks neither at risk nor dormant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: days(5000) }), (t) => {
        const e = evaluate(emptySummary(), T0 + t);
        expect(e.notEnoughData).toBe(true);
        expect(e.class).toBe('passive');
        expect(e.stage).toBe('connected');
        expect(e.strength).toBe(0);
      }),
    );
  });
});
