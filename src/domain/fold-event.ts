import type { Category, Channel, Depth, ExchangeDirection, Role } from './vocabulary.js';

/**
 * What the scoring fold sees of one interaction, from one participant's side.
 * `seq` orders events that share a time (the interaction's id).
 */
export interface InteractionEvent {
  readonly kind: 'interaction';
  readonly seq: number;
  readonly at: number;
  readonly channel: Channel;
  readonly role: Role;
  readonly depth: Depth;
  /** people in the interaction besides the user (1 for a 1:1) */
  readonly audience: number;
  /** when this message answers another: that message's time and its role for this person */
  readonly reply: ReplyLink | null;
  /** ids of the other people present (at most a few), for people-in-common */
  readonly coParticipants: readonly number[];
}

export interface ReplyLink {
  readonly parentAt: number;
  /**
   * this person's role in the message answered; null when they were not in it (the message still
   * answers one, so it initiates nothing; one of the user's still awaits their answer)
   */
  readonly parentRole: Role | null;
  /** the first answer from this person to that message (later ones do not count again) */
  readonly firstAnswer: boolean;
}

export interface ExchangeEvent {
  readonly kind: 'exchange';
  readonly seq: number;
  readonly at: number;
  readonly direction: ExchangeDirection;
  readonly category: Category;
  /** for an introduction: the person introduced */
  readonly introducedPersonId: number | null;
}

export type FoldEvent = InteractionEvent | ExchangeEvent;

/** Interactions sort before exchanges at the same instant; then by id. */
export function kindRank(event: FoldEvent): 0 | 1 {
  return event.kind === 'interaction' ? 0 : 1;
}

/** The total order in which events are folded. */
export function compareEvents(a: FoldEvent, b: FoldEvent): number {
  return a.at - b.at || kindRank(a) - kindRank(b) || a.seq - b.seq;
}

export interface EventKey {
  readonly at: number;
  readonly kind: 0 | 1;
  readonly seq: number;
}

export function compareKeys(a: EventKey, b: EventKey): number {
  return a.at - b.at || a.kind - b.kind || a.seq - b.seq;
}
