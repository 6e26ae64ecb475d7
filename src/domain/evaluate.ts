import { classify } from './classify.js';
import { type ComponentValue, componentValues } from './components.js';
import { type FlagContext, flagsFor } from './flags.js';
import { THRESHOLDS } from './scoring-config.js';
import { stageAt } from './stage.js';
import { type Component, rawStrength, weighComponents } from './strength.js';
import type { Summary } from './summary.js';
import type { Flag, Goal, RelationshipClass, Stage, Tier } from './vocabulary.js';

/** The user's side of a relationship: what they decided, not what happened. */
export interface RelationshipSettings {
  readonly tier: Tier | null;
  readonly goal: Goal | null;
  /** overrides the tier's cadence */
  readonly cadenceDays: number | null;
  readonly stageOverride: Stage | null;
  /** when the override was set: before then, the stage the history gives (null: always) */
  readonly stageSetAt?: number | null;
}

export const NO_SETTINGS: RelationshipSettings = { tier: null, goal: null, cadenceDays: null, stageOverride: null };

export interface Evaluated {
  /** 0..100, one decimal */
  readonly strength: number;
  readonly components: Component[];
  readonly class: RelationshipClass;
  /** the stage shown: the override when there is one */
  readonly stage: Stage;
  readonly stageInferred: Stage;
  readonly stageOverridden: boolean;
  /** fewer than 3 two-way interactions: the strength rests on little evidence */
  readonly notEnoughData: boolean;
  readonly twoWay: number;
}

export interface EvaluatedWithFlags extends Evaluated {
  readonly flags: Flag[];
}

/**
 * Evaluates a relationship as of `now`. The summary must hold only events up to `now`
 * (fold the events again, up to `now`, to look at an earlier moment).
 */
export function evaluate(s: Summary, now: number, settings: RelationshipSettings = NO_SETTINGS): Evaluated {
  if (s.asOf !== null && s.asOf > now) throw new RangeError('summary holds events after now');
  const { strength, components } = weighComponents(componentValues(s, now));
  const stageInferred = stageAt(s.stage);
  const setAt = settings.stageSetAt ?? null;
  const override = setAt !== null && setAt > now ? null : settings.stageOverride;
  return {
    strength,
    components,
    class: classify(s, now),
    stage: override ?? stageInferred,
    stageInferred,
    stageOverridden: override !== null && override !== stageInferred,
    notEnoughData: s.twoWay < THRESHOLDS.enoughTwoWay,
    twoWay: s.twoWay,
  };
}

export function evaluateWithFlags(
  s: Summary,
  now: number,
  settings: RelationshipSettings,
  ctx: FlagContext,
): EvaluatedWithFlags {
  const e = evaluate(s, now, settings);
  return { ...e, flags: flagsFor(s, now, e, ctx) };
}

/** Strength alone, unrounded: for ranking and bounds. */
export function strengthOf(s: Summary, now: number): number {
  const values: ComponentValue[] = componentValues(s, now);
  return rawStrength(values);
}
