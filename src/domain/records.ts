import type { Category, Channel, Depth, Direction, ExchangeDirection } from './vocabulary.js';

/** Something that happened between the user and one or more people. */
export interface Interaction {
  readonly id: number;
  readonly uid: string;
  readonly at: number;
  readonly channel: Channel;
  readonly direction: Direction;
  readonly depth: Depth;
  readonly participantIds: readonly number[];
  /** for a message among several people that came in: who sent it */
  readonly fromPersonId: number | null;
  readonly minutes: number | null;
  readonly note: string | null;
  readonly source: string;
  readonly externalId: string | null;
  /** the interaction this message answers */
  readonly replyToId: number | null;
}

/** An entry of the value ledger. Introductions and referrals are `access`. */
export interface Exchange {
  readonly id: number;
  readonly uid: string;
  readonly personId: number;
  readonly direction: ExchangeDirection;
  readonly category: Category;
  readonly note: string;
  readonly impact: string | null;
  readonly acknowledgedAt: number | null;
  readonly at: number;
  /** for an introduction the user made: who the person was introduced to */
  readonly introducedPersonId: number | null;
}

export interface Need {
  readonly id: number;
  readonly uid: string;
  readonly personId: number;
  readonly text: string;
  /** others are not meeting this need: where the user's value is distinct */
  readonly unmet: boolean;
  readonly status: 'open' | 'met';
  readonly createdAt: number;
}

/** A strength the user (personId null) or a contact can offer others. */
export interface Offer {
  readonly id: number;
  readonly uid: string;
  readonly personId: number | null;
  readonly text: string;
  readonly category: Category;
  readonly tags: readonly string[];
  readonly createdAt: number;
}

export interface NextStep {
  readonly id: number;
  readonly uid: string;
  readonly personId: number;
  readonly text: string;
  /** its appeal to them */
  readonly why: string | null;
  readonly due: number;
  readonly status: 'open' | 'done';
  readonly createdAt: number;
  readonly doneAt: number | null;
}

export interface Milestone {
  readonly id: number;
  readonly uid: string;
  readonly personId: number;
  readonly text: string;
  /** YYYY-MM-DD */
  readonly on: string;
  readonly yearly: boolean;
}

/** A next step is open at `now` when it existed then and was not yet done. */
export function isOpenAt(step: NextStep, now: number): boolean {
  return step.createdAt <= now && (step.doneAt === null || step.doneAt > now);
}
