import type { Evaluated } from './evaluate.js';
import { CLASSES, type RelationshipClass, STAGES, type Stage, TIERS, type Tier } from './vocabulary.js';

export interface Portfolio {
  readonly people: number;
  readonly byClass: Record<RelationshipClass, number>;
  readonly byStage: Record<Stage, number>;
  readonly byTier: Record<Tier | 'none', number>;
  /** people per strength band: [0,10), [10,20), … [90,100] */
  readonly strengthBands: number[];
  readonly notEnoughData: number;
  readonly wishlist: number;
}

export function summarizePortfolio(
  rows: Iterable<{ evaluated: Evaluated; tier: Tier | null; wishlist: boolean }>,
): Portfolio {
  const byClass = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<RelationshipClass, number>;
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const byTier = Object.fromEntries([...TIERS, 'none'].map((t) => [t, 0])) as Record<Tier | 'none', number>;
  const strengthBands = new Array<number>(10).fill(0);
  let people = 0;
  let notEnoughData = 0;
  let wishlist = 0;
  for (const { evaluated: e, tier, wishlist: w } of rows) {
    people++;
    byClass[e.class]++;
    byStage[e.stage]++;
    byTier[tier ?? 'none']++;
    const band = Math.min(9, Math.floor(e.strength / 10));
    strengthBands[band] = (strengthBands[band] ?? 0) + 1;
    if (e.notEnoughData) notEnoughData++;
    if (w) wishlist++;
  }
  return { people, byClass, byStage, byTier, strengthBands, notEnoughData, wishlist };
}
