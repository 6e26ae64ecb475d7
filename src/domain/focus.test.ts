import { describe, expect, it } from 'vitest';
import { hours, interaction } from '../../test/factories.js';
import { evaluateWithFlags, NO_SETTINGS } from './evaluate.js';
import { buildFocusList, type FocusPerson } from './focus.js';
import { foldAll } from './fold.js';

/** The focus list of one person met once, at `met`, as of `now`. */
function afterMeeting(met: number, now: number) {
  const summary = foldAll([interaction(met, 'meeting', 'mutual')]);
  const person: FocusPerson = {
    id: 1,
    name: 'Kim',
    tier: null,
    goal: null,
    cadenceDays: null,
    wishlist: false,
    summary,
    evaluated: evaluateWithFlags(summary, now, NO_SETTINGS, { hasOpenNextStep: false, strengthBefore: 0 }),
  };
  return buildFocusList({
    now,
    people: new Map([[1, person]]),
    celebrations: [],
    matches: [],
    unacknowledged: [],
    openSteps: new Set(),
  });
}

describe('agreeing a next step after a meeting', () => {
  const midnight = Date.UTC(2024, 2, 11);

  it('says today only of the day it shows, not of the last 24 hours', () => {
    const late = afterMeeting(midnight - hours(9), midnight);
    expect(late.map((i) => i.reason)).toEqual([
      'you met or spoke 9 hours ago (2024-03-10) and no next step is agreed: propose one that serves them',
    ]);
    const morning = afterMeeting(midnight + hours(9), midnight + hours(17));
    expect(morning[0]?.reason).toMatch(/^you met or spoke today \(2024-03-11\)/);
  });
});
