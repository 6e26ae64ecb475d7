/**
 * Follow-ups ("bumps"): a message of the user's that answers one of their own to the same person
 * asks the same thing again. When the person answers any message of such a run, every message of
 * the run sent before that answer and not answered yet was answered by it, each with its own
 * delay: "they answered my third nudge after nine days", not "they ignored two of my messages".
 */

/**
 * A message of the user's still awaiting the person's answer: its time, and the time of the
 * message of the user's to them that it follows up (the one it answers), or null.
 */
export type Awaited = readonly [at: number, follows: number | null];

/**
 * Most awaited messages a summary remembers (Summary.respWaiting); an answer to an older one than
 * these is still credited to itself, just not to the run it belonged to.
 */
export const AWAITED_KEEP = 32;

/** Adds a message of the user's that awaits an answer, dropping the oldest beyond AWAITED_KEEP. */
export function noteAwaited(waiting: Awaited[], at: number, follows: number | null): void {
  waiting.push([at, follows]);
  if (waiting.length > AWAITED_KEEP) waiting.splice(0, waiting.length - AWAITED_KEEP);
}

/**
 * Takes out of `waiting` the run of follow-ups that `answeredAt` belongs to (the messages it follows
 * up, and those following it up, through any number of steps), the answered message itself
 * included, and returns the times of the others: the messages its answer also answers.
 */
export function takeRun(waiting: Awaited[], answeredAt: number): number[] {
  // the times linked to the answer: an entry joins when its time or the one it follows up is one
  // (messages are known by their time: two sent at the same instant are taken together)
  const linked = new Set<number>([answeredAt]);
  const joined = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    waiting.forEach(([at, up], i) => {
      if (joined.has(i) || !(linked.has(at) || (up !== null && linked.has(up)))) return;
      joined.add(i);
      linked.add(at);
      if (up !== null) linked.add(up);
      grew = true;
    });
  }
  const others: number[] = [];
  let kept = 0;
  waiting.forEach((entry, i) => {
    if (!joined.has(i)) waiting[kept++] = entry;
    else if (entry[0] !== answeredAt) others.push(entry[0]);
  });
  waiting.length = kept;
  return others;
}
