import type { ContactOfferSeed } from './offers-needs.js';
import type { Plan } from './plan.js';
import type { Rng } from './random.js';

/** The kinds of relationship the demo is made of (see archetypes.ts for what each one is). */
export const ARCHETYPE_KEYS = [
  'key-client',
  'social',
  'never-answers',
  'dormant',
  'acquaintance',
  'prospect',
  'advocate',
  'cooling',
  'peer',
  'admin',
  'eager-vendor',
  'mentor',
  'invoice-client',
  'wishlist',
  'occasional',
  'colleague',
] as const;
export type ArchetypeKey = (typeof ARCHETYPE_KEYS)[number];

/** A client company: the key contact, colleagues who join group meetings, an assistant. */
export interface Account {
  readonly org: string;
  /** days before now the engagement began */
  readonly since: number;
  readonly key: number;
  readonly members: number[];
}

/** Former colleagues: an organisation and the era (days before now) the user worked with them. */
export interface Team {
  readonly org: string;
  readonly from: number;
  readonly to: number;
  readonly members: number[];
}

/** A conference or meetup where the user met several people at once. */
export interface Occasion {
  readonly name: string;
  readonly daysAgo: number;
  readonly attendees: number[];
}

/** One person's place in the demo, decided before their history is written. */
export interface Cast {
  readonly index: number;
  readonly key: ArchetypeKey;
  /** the n-th person of this archetype, modulo its variants: each variant covers a case */
  readonly variant: number;
  account?: Account;
  team?: Team;
  /** the conference where they met the user */
  occasion?: Occasion;
  /** what they can offer others (for introductions) */
  offer?: ContactOfferSeed;
  /** days before now of their first meaningful contact; null without any */
  since: number | null;
}

/** Everything shared between people while the plan is made. */
export interface World {
  readonly seed: string;
  readonly plan: Plan;
  readonly cast: Cast[];
  readonly accounts: Account[];
  readonly teams: Team[];
  readonly occasions: Occasion[];
}

/** Draws `count` conference occasions spread over the last three years. */
export function drawOccasions(r: Rng, names: readonly string[], count: number): Occasion[] {
  const occasions: Occasion[] = [];
  for (let i = 0; i < count; i++)
    occasions.push({ name: r.pick(names), daysAgo: Math.round(r.between(25, 1050)), attendees: [] });
  return occasions.sort((a, b) => b.daysAgo - a.daysAgo);
}
