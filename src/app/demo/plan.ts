import type { Category, Channel, Depth, Direction, ExchangeDirection } from '../../domain/vocabulary.js';
import type { PersonInput } from '../people.js';

/**
 * The demo workspace before it is written: people are named by their index in `people`, and
 * interactions by their uid (replies point at their parent's uid), so the whole plan is made
 * in memory, deterministically, and written in one pass.
 */
export interface Plan {
  readonly now: number;
  readonly people: PlannedPerson[];
  readonly interactions: PlannedInteraction[];
  readonly exchanges: PlannedExchange[];
  readonly needs: PlannedNeed[];
  readonly offers: PlannedOffer[];
  readonly steps: PlannedStep[];
  readonly milestones: PlannedMilestone[];
}

export interface PlannedPerson {
  readonly uid: string;
  readonly input: PersonInput;
  /** when the user added them: their first contact, or some day before now */
  createdAt: number;
}

export interface PlannedInteraction {
  readonly uid: string;
  readonly at: number;
  readonly channel: Channel;
  readonly direction: Direction;
  readonly depth: Depth;
  readonly people: readonly number[];
  /** for a message that came in among several people: who sent it */
  readonly from: number | null;
  readonly minutes: number | null;
  readonly note: string;
  readonly replyTo: string | null;
}

export interface PlannedExchange {
  readonly uid: string;
  readonly person: number;
  readonly direction: ExchangeDirection;
  readonly category: Category;
  readonly note: string;
  readonly impact: string | null;
  readonly acknowledgedAt: number | null;
  readonly at: number;
  readonly introduced: number | null;
}

export interface PlannedNeed {
  readonly uid: string;
  readonly person: number;
  readonly text: string;
  readonly unmet: boolean;
  readonly status: 'open' | 'met';
  readonly createdAt: number;
}

export interface PlannedOffer {
  readonly uid: string;
  /** null: the user's own strength */
  readonly person: number | null;
  readonly text: string;
  readonly category: Category;
  readonly tags: readonly string[];
  readonly createdAt: number;
}

export interface PlannedStep {
  readonly uid: string;
  readonly person: number;
  readonly text: string;
  readonly why: string | null;
  readonly due: number;
  readonly createdAt: number;
  readonly doneAt: number | null;
}

export interface PlannedMilestone {
  readonly uid: string;
  readonly person: number;
  readonly text: string;
  /** YYYY-MM-DD */
  readonly on: string;
  readonly yearly: boolean;
}

export function emptyPlan(now: number): Plan {
  return { now, people: [], interactions: [], exchanges: [], needs: [], offers: [], steps: [], milestones: [] };
}
