import { within } from '../domain/classify.js';
import { type Celebration, FOCUS_WINDOWS, importance, type NeedMatch } from '../domain/focus.js';
import type { Exchange } from '../domain/records.js';
import { GOAL_PRIORITY, NO_GOAL_PRIORITY, NO_TIER_PRIORITY, WINDOWS_DAYS } from '../domain/scoring-config.js';
import { STAGE_INDEX, stageAt } from '../domain/stage.js';
import { DAY_MS } from '../domain/time.js';
import type { Goal, Tier } from '../domain/vocabulary.js';

/** What is known of a candidate before evaluating them: their settings and a few summary times. */
export interface BoundFacts {
  readonly tier: Tier | null;
  readonly goal: Goal | null;
  /** the effective cadence (override, else the tier's), or null */
  readonly cadenceDays: number | null;
  readonly m1At: number | null;
  readonly liveAt: number | null;
  /** the inferred stage index stored in the summary */
  readonly stage: number;
  readonly u3At: number | null;
  readonly g2At: number | null;
}

export interface BoundInputs {
  readonly now: number;
  readonly celebrations: readonly Celebration[];
  readonly matches: readonly NeedMatch[];
  readonly unacknowledged: readonly Exchange[];
  readonly openSteps: ReadonlySet<number>;
}

/** the most a person without a tier can weigh: no tier, the weightiest goal */
const UNTIERED = NO_TIER_PRIORITY * Math.max(NO_GOAL_PRIORITY, ...Object.values(GOAL_PRIORITY));

/**
 * For each candidate, a priority that no action buildFocusList (src/domain/focus.ts) gives them
 * can exceed, from what is known before evaluating them: the same formulas as focus.ts, taking
 * the most favourable class (check-ins and next steps as if not one-sided, reconnect whenever the
 * last meaningful contact is older than the dormant window, rebalance whenever the user drove the
 * contact lately, no next step agreed), plus a point for rounding. `facts` covers everyone with
 * a cadence (a tier or one of their own); the other candidates have neither, so no check-in, and
 * weigh at most a person without a tier with the weightiest goal. The focus list evaluates people
 * in the order of these bounds and stops once the next bound is below the last priority it keeps;
 * bench/generate.test.ts checks that a limited list equals the head of the full one.
 */
export function priorityBounds(
  inputs: BoundInputs,
  facts: ReadonlyMap<number, BoundFacts>,
  candidates: Iterable<number>,
): Map<number, number> {
  const now = inputs.now;
  const bounds = new Map<number, number>();
  const raise = (id: number, priority: number) => {
    const p = priority + 1;
    if (p > (bounds.get(id) ?? Number.NEGATIVE_INFINITY)) bounds.set(id, p);
  };
  const imp = (id: number) => {
    const f = facts.get(id);
    return f ? importance(f) : UNTIERED;
  };
  for (const id of candidates) {
    const f = facts.get(id);
    if (!f) {
      // a next step after a meeting today, a reconnection once advocate, or a rebalance
      raise(id, 100 * Math.max(0.5, UNTIERED) * 0.95);
      raise(id, 100 * UNTIERED * (0.3 + 0.1 * STAGE_INDEX.advocate));
      raise(id, 100 * UNTIERED * 0.55);
      continue;
    }
    raise(id, 0);
    const i = importance(f);
    if (f.cadenceDays !== null) {
      const since = f.m1At === null ? Number.POSITIVE_INFINITY : (now - f.m1At) / DAY_MS;
      if (since > f.cadenceDays) {
        const overdue = since - f.cadenceDays;
        raise(id, 100 * i * (0.5 + 0.5 * Math.min(1, overdue / f.cadenceDays)));
      }
    }
    if (f.liveAt !== null && !inputs.openSteps.has(id)) {
      const age = (now - f.liveAt) / DAY_MS;
      if (age >= 0 && age <= FOCUS_WINDOWS.agreeNextStepDays)
        raise(id, 100 * Math.max(0.5, i) * (0.95 - (0.35 * age) / FOCUS_WINDOWS.agreeNextStepDays));
    }
    const reached = STAGE_INDEX[stageAt(f.stage)];
    if (
      f.m1At !== null &&
      f.m1At < now - WINDOWS_DAYS.dormant * DAY_MS &&
      (reached >= STAGE_INDEX.engaged || f.tier !== null || f.goal !== null)
    )
      raise(id, 100 * i * (0.3 + 0.1 * reached));
    if (within(f.u3At, now, WINDOWS_DAYS.classWindow) || within(f.g2At, now, WINDOWS_DAYS.classWindow))
      raise(id, 100 * i * 0.55);
  }
  for (const c of inputs.celebrations) {
    const days = Math.round((c.on - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS);
    const urgency = days === 0 ? 1 : days > 0 ? 0.95 - 0.05 * days : 0.75 + 0.05 * days;
    raise(c.personId, 100 * Math.max(0.5, imp(c.personId)) * urgency);
  }
  for (const x of inputs.unacknowledged) {
    const age = (now - x.at) / DAY_MS;
    if (age < FOCUS_WINDOWS.followUpAfterDays || age > FOCUS_WINDOWS.followUpUntilDays) continue;
    raise(x.personId, 100 * imp(x.personId) * (0.7 - (0.2 * age) / FOCUS_WINDOWS.followUpUntilDays));
  }
  for (const m of inputs.matches) {
    const p = m.need.personId;
    const strength = Math.min(1, m.score / 3);
    if (m.offer.personId === null) raise(p, 100 * imp(p) * (0.55 + (m.need.unmet ? 0.25 : 0) + 0.2 * strength));
    else
      raise(p, 100 * (0.7 * imp(p) + 0.3 * imp(m.offer.personId)) * (0.5 + (m.need.unmet ? 0.2 : 0) + 0.2 * strength));
  }
  return bounds;
}
