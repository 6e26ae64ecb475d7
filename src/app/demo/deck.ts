import type { Rng } from './random.js';
import { ARCHETYPE_KEYS, type ArchetypeKey } from './world.js';

/**
 * How common each archetype is in a consultant's network of a few hundred people, and how many
 * variants it has (each variant guarantees a case the demo must show, such as a prospect who
 * just met the user and has no next step yet).
 */
export const MIX: Record<ArchetypeKey, { readonly share: number; readonly variants: number }> = {
  'key-client': { share: 5, variants: 3 },
  social: { share: 21, variants: 1 },
  'never-answers': { share: 4, variants: 2 },
  dormant: { share: 10, variants: 1 },
  acquaintance: { share: 18, variants: 1 },
  prospect: { share: 5, variants: 2 },
  advocate: { share: 4, variants: 1 },
  cooling: { share: 3, variants: 1 },
  peer: { share: 9, variants: 1 },
  admin: { share: 3, variants: 1 },
  'eager-vendor': { share: 2, variants: 1 },
  mentor: { share: 3, variants: 1 },
  'invoice-client': { share: 4, variants: 1 },
  wishlist: { share: 3, variants: 1 },
  occasional: { share: 3, variants: 1 },
  colleague: { share: 4, variants: 1 },
};

export interface Dealt {
  readonly key: ArchetypeKey;
  readonly variant: number;
}

/**
 * The archetypes of `n` people: first one of every variant of every archetype (in ARCHETYPE_KEYS
 * order, so a small demo keeps the most telling ones), then random draws by share; shuffled.
 */
export function deal(r: Rng, n: number): Dealt[] {
  const keys: ArchetypeKey[] = [];
  const rounds = Math.max(...ARCHETYPE_KEYS.map((k) => MIX[k].variants));
  for (let round = 0; round < rounds; round++)
    for (const key of ARCHETYPE_KEYS) if (round < MIX[key].variants) keys.push(key);
  keys.splice(n);
  const weights = ARCHETYPE_KEYS.map((k) => [k, MIX[k].share] as const);
  while (keys.length < n) keys.push(r.weighted(weights));
  const seen = new Map<ArchetypeKey, number>();
  const dealt = keys.map((key) => {
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return { key, variant: k % MIX[key].variants };
  });
  return r.shuffle(dealt);
}
