/** The closed vocabularies of the product. Names here are part of the CLI and HTTP contracts. */

export const CHANNELS = ['meeting', 'call', 'video', 'email', 'message', 'event', 'social', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['out', 'in', 'mutual'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DEPTHS = ['transactional', 'substantive', 'personal'] as const;
export type Depth = (typeof DEPTHS)[number];

export const TIERS = ['inner', 'cultivate', 'maintain', 'watch'] as const;
export type Tier = (typeof TIERS)[number];

export const GOALS = ['client', 'partner', 'referral-source', 'mentor', 'resource', 'peer', 'friend'] as const;
export type Goal = (typeof GOALS)[number];

export const STAGES = ['connected', 'acquainted', 'engaged', 'trusted', 'advocate'] as const;
export type Stage = (typeof STAGES)[number];

export const CLASSES = ['active', 'passive', 'one-sided', 'dormant'] as const;
export type RelationshipClass = (typeof CLASSES)[number];

export const FLAGS = [
  'no-next-step',
  'unanswered',
  'one-sided',
  'cooling',
  'transactional-only',
  'asks-before-gives',
  'too-fast',
] as const;
export type Flag = (typeof FLAGS)[number];

export const CATEGORIES = ['time', 'talent', 'knowledge', 'access', 'behavioral'] as const;
export type Category = (typeof CATEGORIES)[number];

export const EXCHANGE_DIRECTIONS = ['given', 'received'] as const;
export type ExchangeDirection = (typeof EXCHANGE_DIRECTIONS)[number];

export const ACTIONS = [
  'check-in',
  'celebrate',
  'offer-value',
  'introduce',
  'agree-next-step',
  'follow-up-impact',
  'reconnect',
  'rebalance',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How an interaction looks from one participant's side.
 * `group`: a message sent by another participant that this person only received alongside
 * the user; it is counted as `mutual` in the stats and initiates nothing.
 */
export const ROLES = ['out', 'in', 'mutual', 'group'] as const;
export type Role = (typeof ROLES)[number];

/** What `rapport remove` takes away: something the user recorded by mistake. */
export const REMOVABLE = ['interaction', 'exchange', 'need', 'offer', 'step', 'milestone'] as const;
export type Removable = (typeof REMOVABLE)[number];

/** Channels where both sides are present at once: always two-way. */
export const LIVE_CHANNELS: ReadonlySet<Channel> = new Set(['meeting', 'call', 'video', 'event']);
/** Channels made of written messages: two-way when they come from the person or are answered. */
export const WRITTEN_CHANNELS: ReadonlySet<Channel> = new Set(['email', 'message', 'letter']);

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
