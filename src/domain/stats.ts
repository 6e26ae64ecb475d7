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
   * (over 10 recipients) is no message to them, and neither is one sent less than 24 h before now
   * and not answered yet: it has not had its day. An answer to a follow-up of the user's answers
   * the messages it follows up (follow-ups.ts), each within 24 h of its own time or not. (The
   * score's responsiveness weighs only messages that await an answer: see answersAwaitedMessage.)
   */
  readonly repliedWithin24hShare: number | null;
  /** of `replies`, those answering bulk mail of the user's: counted, but in no share (see above) */
  readonly repliesToBulk: number;
}

/**
 * Counts by the contract's counting rules, from one relationship's events up to now. `parentOf`
 * gives, by interaction id (an event's seq), the id of the message it answers: an answer counts
 * when that message is one of the user's to them among these events (so not one sent after now,
 * however its answer is dated), and each message answered counts once, whatever its time.
 */
export function relationshipStats(
  events: readonly FoldEvent[],
  parentOf: ReadonlyMap<number, number>,
  /** the time of the figures: a message of the user's younger than 24 h then is not yet late */
  now = Number.POSITIVE_INFINITY,
): RelationshipStats {
  let interactions = 0;
  let inbound = 0;
  let outbound = 0;
  let mutual = 0;
  let first: number | null = null;
  let last: number | null = null;
  /** the user's written messages to them, by id: true when one awaits an answer (not bulk) */
  const sent = new Map<number, boolean>();
  /** their times, by id */
  const sentAt = new Map<number, number>();
  /** the user's follow-ups: by id, the id of the user's message to them it answers (follow-ups.ts) */
  const follows = new Map<number, number>();
  /** those sent less than 24 h before now */
  const recent = new Set<number>();
  /** their answers to a message of the user's, to be matched to it once every message is seen */
  const answers: { parent: number | undefined; at: number; delay: number }[] = [];
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
      sent.set(e.seq, isMeaningful(e.channel, e.audience));
      sentAt.set(e.seq, e.at);
      if (e.at > now - 24 * HOUR_MS) recent.add(e.seq);
      const followed = e.reply?.parentRole === 'out' ? parentOf.get(e.seq) : undefined;
      if (followed !== undefined) follows.set(e.seq, followed);
    }
    if (written && e.role === 'in' && e.reply !== null && e.reply.parentRole === 'out')
      answers.push({ parent: parentOf.get(e.seq), at: e.at, delay: Math.max(0, e.at - e.reply.parentAt) });
  }
  const runOf = followUpRuns(sent, follows);
  const delays: number[] = [];
  const answeredIn24h = new Set<number>();
  let repliesToBulk = 0;
  for (const a of answers) {
    // the message it answers is no longer stored (its link was cleared): a reply still, to no message known
    if (a.parent !== undefined && !sent.has(a.parent)) continue;
    delays.push(a.delay);
    if (a.parent === undefined) continue;
    if (sent.get(a.parent) === false) repliesToBulk++;
    if (sent.get(a.parent) && a.delay <= 24 * HOUR_MS) answeredIn24h.add(a.parent);
    // an answer to one message of a run of follow-ups answers the others sent before it
    for (const id of runOf.get(a.parent) ?? []) {
      const at = sentAt.get(id);
      if (id !== a.parent && sent.get(id) && at !== undefined && at <= a.at && a.at - at <= 24 * HOUR_MS)
        answeredIn24h.add(id);
    }
  }
  let awaiting = 0;
  for (const [id, awaits] of sent) if (awaits && (!recent.has(id) || answeredIn24h.has(id))) awaiting++;
  return {
    interactions,
    inbound,
    outbound,
    mutual,
    firstInteractionAt: first,
    lastInteractionAt: last,
    replies: delays.length,
    replyLatencyMedianHours: delays.length === 0 ? null : round2(median(delays) / HOUR_MS),
    repliedWithin24hShare: awaiting === 0 ? null : round2(answeredIn24h.size / awaiting),
    repliesToBulk,
  };
}

/**
 * The runs of follow-ups among the user's messages (each message joined to the one it follows up):
 * by message id, the ids of its run; messages that follow nothing up and are not followed up are
 * in no run.
 */
function followUpRuns(sent: ReadonlyMap<number, boolean>, follows: ReadonlyMap<number, number>): Map<number, number[]> {
  const root = new Map<number, number>();
  const find = (id: number): number => {
    let r = id;
    for (let up = root.get(r); up !== undefined && up !== r; up = root.get(r)) r = up;
    root.set(id, r);
    return r;
  };
  for (const [id, up] of follows) {
    if (!sent.has(up)) continue;
    const a = find(id);
    const b = find(up);
    if (a !== b) root.set(a, b);
  }
  const members = new Map<number, number[]>();
  for (const id of root.keys()) {
    const r = find(id);
    const list = members.get(r);
    if (list) list.push(id);
    else members.set(r, [id]);
  }
  const runs = new Map<number, number[]>();
  for (const list of members.values()) for (const id of list) runs.set(id, list);
  return runs;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
