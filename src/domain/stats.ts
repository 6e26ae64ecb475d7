import type { FoldEvent } from './fold-event.js';
import { isMeaningful } from './interaction-weight.js';
import { HOUR_MS } from './time.js';
import { WRITTEN_CHANNELS } from './vocabulary.js';

export interface RelationshipStats {
  readonly interactions: number;
  readonly inbound: number;
  readonly outbound: number;
  readonly mutual: number;
  readonly firstInteractionAt: number | null;
  readonly lastInteractionAt: number | null;
  /** their messages that answer a message of the user's to them */
  readonly replies: number;
  /** median delay of those answers, in hours; null without any */
  readonly replyLatencyMedianHours: number | null;
  /**
   * share of the user's messages to them that they answered within 24 h (the contract's count:
   * every written message of the user's, an answer to theirs too); null without any. Bulk mail
   * (over 10 recipients) is no message to them. (The score's responsiveness weighs only messages
   * that await an answer: see answersAwaitedMessage.)
   */
  readonly repliedWithin24hShare: number | null;
}

/** Counts by the contract's counting rules, from one relationship's events up to now. */
export function relationshipStats(events: readonly FoldEvent[]): RelationshipStats {
  let interactions = 0;
  let inbound = 0;
  let outbound = 0;
  let mutual = 0;
  let first: number | null = null;
  let last: number | null = null;
  let awaiting = 0;
  /** the user's messages answered within 24 h, by their time (an answer names its message's) */
  const answeredIn24h = new Set<number>();
  const bulkAt = new Set<number>();
  const delays: number[] = [];
  for (const e of events) {
    if (e.kind !== 'interaction') continue;
    interactions++;
    if (e.role === 'in') inbound++;
    else if (e.role === 'out') outbound++;
    else mutual++;
    if (first === null || e.at < first) first = e.at;
    if (last === null || e.at > last) last = e.at;
    const written = WRITTEN_CHANNELS.has(e.channel);
    if (written && e.role === 'out') {
      if (isMeaningful(e.channel, e.audience)) awaiting++;
      else bulkAt.add(e.at);
    }
    if (written && e.role === 'in' && e.reply !== null && e.reply.parentRole === 'out') {
      const delay = Math.max(0, e.at - e.reply.parentAt);
      delays.push(delay);
      if (delay <= 24 * HOUR_MS && !bulkAt.has(e.reply.parentAt)) answeredIn24h.add(e.reply.parentAt);
    }
  }
  return {
    interactions,
    inbound,
    outbound,
    mutual,
    firstInteractionAt: first,
    lastInteractionAt: last,
    replies: delays.length,
    replyLatencyMedianHours: delays.length === 0 ? null : round2(median(delays) / HOUR_MS),
    repliedWithin24hShare: awaiting === 0 ? null : round2(Math.min(1, answeredIn24h.size / awaiting)),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
