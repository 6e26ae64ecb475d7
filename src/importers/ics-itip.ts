/**
 * iTIP (RFC 5546): which of the versions a file holds of each event counts. Versions are grouped
 * by UID and RECURRENCE-ID; the organizer's beats an attendee's, then SEQUENCE, DTSTAMP,
 * LAST-MODIFIED and file order decide; REPLYs update attendees' PARTSTAT in the winner; CANCEL or
 * STATUS:CANCELLED makes a version cancelled.
 */
import type { Answer, Version } from './ics-version.js';

/** Methods sent by attendees: they answer an invitation and never replace the organizer's version. */
const ATTENDEE_METHODS = new Set(['REPLY', 'COUNTER', 'REFRESH', 'DECLINECOUNTER']);

/**
 * What became of a version that is not the one chosen, or of a guest's answer: `answer`, a REPLY
 * taken in (see withReplies); the others are left out (see SkipReason in ics-context.ts).
 */
export type Fate =
  | 'answer'
  | 'older_answer'
  | 'empty_answer'
  | 'superseded'
  | 'superseded_cancellation'
  | 'proposal'
  | 'proposal_not_taken';

/**
 * One version per UID and RECURRENCE-ID: the organizer's over an attendee's, then the highest
 * SEQUENCE, then the later DTSTAMP, the later LAST-MODIFIED, the later in the file. Attendees'
 * replies to the chosen version then update their PARTSTAT in it. A new time proposed (COUNTER)
 * is chosen only when the group holds nothing else: it never hides a guest's answer.
 */
export function pickVersions(
  versions: readonly Version[],
  /** a version that lost to one no newer than it (the same SEQUENCE and stamps) starting at another time */
  onConflict?: (lost: Version, kept: Version) => void,
  /**
   * each guest's answer (REPLY), and each version not chosen: what became of it, so that every
   * VEVENT is accounted for (the chosen versions that are no answer are the caller's to count)
   */
  onFate?: (v: Version, fate: Fate, chosen: boolean) => void,
): Version[] {
  const groups = new Map<string, Version[]>();
  for (const v of versions) {
    const key = v.recurrenceId ? `${v.uid}\u0000${v.recurrenceId.ms}` : v.uid;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  return [...groups.values()].map((group) => {
    const candidates = group.some((v) => !isProposal(v)) ? group.filter((v) => !isProposal(v)) : group;
    const winner = candidates.reduce((best, v) => (outranks(v, best) ? v : best));
    for (const v of group)
      if (v !== winner && !isAnswer(v) && sameRank(v, winner) && v.start?.ms !== winner.start?.ms)
        onConflict?.(v, winner);
    const { answers, from } = latestAnswers(winner, group);
    if (onFate)
      for (const v of group) if (v !== winner || isAnswer(v)) onFate(v, fateOf(v, winner, from), v === winner);
    return withReplies(withSchedule(winner, group), answers);
  });
}

/** What became of `v` in its group, where `winner` was chosen and `from` holds the REPLYs taken in. */
function fateOf(v: Version, winner: Version, from: ReadonlySet<Version>): Fate {
  if (isProposal(v)) return isAnswer(winner) ? 'proposal' : 'proposal_not_taken';
  if (isAnswer(v)) {
    if (from.has(v)) return 'answer';
    return v.sequence < winner.sequence || v.attendees.some((a) => a.email && a.partstat)
      ? 'older_answer'
      : 'empty_answer';
  }
  return isCancelled(v) && !isCancelled(winner) ? 'superseded_cancellation' : 'superseded';
}

/**
 * A cancellation of the whole event calls off what the organizer's latest real version planned:
 * its start, rule and length, when the CANCEL leaves them out (RFC 5546 asks a CANCEL for neither
 * RRULE nor DTEND). Without them a cancelled series read as one meeting, and its occurrences
 * before the cancellation were lost or lasted no time.
 */
function withSchedule(winner: Version, group: readonly Version[]): Version {
  if (!isCancelled(winner) || winner.recurrenceId) return winner;
  const planned = group
    .filter((v) => v !== winner && !isCancelled(v) && !isAnswer(v) && v.start !== undefined)
    .reduce<Version | undefined>((best, v) => (best === undefined || outranks(v, best) ? v : best), undefined);
  if (planned === undefined) return winner;
  const sameStart = winner.start === undefined || winner.start.ms === planned.start?.ms;
  if (!sameStart || (winner.recurring && winner.durationMs > 0)) return winner;
  // the planned version, called off: its schedule (and the component its rule is read from),
  // the cancellation's SEQUENCE and stamps
  return {
    ...planned,
    sequence: winner.sequence,
    stamp: winner.stamp,
    modified: winner.modified,
    status: 'CANCELLED',
  };
}

/** Two versions only their place in the file tells apart. */
function sameRank(a: Version, b: Version): boolean {
  return a.sequence === b.sequence && a.stamp === b.stamp && a.modified === b.modified;
}

function outranks(a: Version, b: Version): boolean {
  const authority = (v: Version) => (ATTENDEE_METHODS.has(v.source.method ?? '') ? 0 : 1);
  return (
    (authority(a) - authority(b) ||
      a.sequence - b.sequence ||
      Math.sign(a.stamp - b.stamp) ||
      Math.sign(a.modified - b.modified) ||
      a.source.order - b.source.order) > 0
  );
}

/**
 * Each guest's latest answer among the REPLYs to the chosen version (or a newer one), and the
 * REPLYs they come from: a REPLY whose every answer a later one of the same guest replaces is
 * not among them.
 */
function latestAnswers(
  winner: Version,
  group: readonly Version[],
): { answers: Map<string, Answer>; from: Set<Version> } {
  const replies = group.filter((v) => v.source.method === 'REPLY' && v.sequence >= winner.sequence);
  const answers = new Map<string, Answer>();
  const by = new Map<string, Version>();
  for (const reply of [...replies].sort((a, b) => a.stamp - b.stamp || a.source.order - b.source.order)) {
    for (const a of reply.attendees)
      if (a.email && a.partstat) {
        const email = a.email.trim().toLowerCase();
        answers.set(email, {
          email,
          partstat: a.partstat.toUpperCase(),
          stamp: Math.max(0, reply.stamp),
          ...(a.name ? { name: a.name } : {}),
        });
        by.set(email, reply);
      }
  }
  return { answers, from: new Set(by.values()) };
}

function withReplies(winner: Version, answers: ReadonlyMap<string, Answer>): Version {
  if (answers.size === 0) return winner;
  const replied = [...answers.values()];
  if (winner.source.method === 'REPLY') return { ...winner, replied };
  const attendees = winner.attendees.map((a) => {
    const partstat = a.email ? answers.get(a.email.trim().toLowerCase())?.partstat : undefined;
    return partstat ? { ...a, partstat } : a;
  });
  return { ...winner, attendees, replied };
}

/** A version sent by an attendee (a REPLY): it answers the organizer's and never replaces it. */
export function isAnswer(v: Version): boolean {
  return ATTENDEE_METHODS.has(v.source.method ?? '');
}

/**
 * A version that only asks something of the organizer (a new time proposed, a refresh, a
 * proposal turned down): it states no meeting, so with no version of the organizer's it makes none.
 */
export function isProposal(v: Version): boolean {
  return PROPOSALS.has(v.source.method ?? '');
}

const PROPOSALS = new Set(['COUNTER', 'REFRESH', 'DECLINECOUNTER']);

/**
 * When a cancelled version was cancelled (epoch ms): an iTIP message's DTSTAMP (when the CANCEL was
 * sent), but in a calendar export (METHOD:PUBLISH or none) DTSTAMP is the time of the export (ADR
 * 0008), so the earlier of LAST-MODIFIED and DTSTAMP. -Infinity when the file says neither.
 */
export function cancelledAt(v: Version): number {
  const exported = v.source.method === undefined || v.source.method === 'PUBLISH';
  if (!exported || !(v.modified > 0)) return v.stamp;
  return v.stamp > 0 ? Math.min(v.modified, v.stamp) : v.modified;
}

export function isCancelled(v: Version): boolean {
  return v.status === 'CANCELLED' || v.source.method === 'CANCEL';
}
