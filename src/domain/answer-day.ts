import { decayFactor } from './decay.js';
import { HALF_LIFE_DAYS } from './scoring-config.js';
import type { Summary } from './summary.js';
import { DAY_MS, HOUR_MS } from './time.js';

/**
 * How long a message of the user's has to be answered before its silence counts: a message sent
 * an hour ago and not answered yet says nothing about them (DESIGN.md's responsiveness bands put
 * a normal answer within 24 h).
 */
export const ANSWER_DAY_MS = 24 * HOUR_MS;

/**
 * Most recent awaited messages a summary remembers (Summary.respRecent): more sent to one person
 * within one day than this (bulk mail is not awaited), and the oldest of them count at once.
 */
export const RECENT_AWAITED_KEEP = 256;

const H_RESP = HALF_LIFE_DAYS.responsiveness * DAY_MS;

/**
 * The user's awaited messages (Summary.respSent, decayed and valued at asOf) that have had their
 * day by `now`: one sent less than 24 h before `now` and not answered yet does not count yet. At
 * or after asOf + 24 h this is respSent itself.
 */
export function settledSent(s: Summary, now: number): number {
  if (s.respRecent.length === 0 || s.asOf === null) return s.respSent;
  let young = 0;
  for (const t of s.respRecent) if (t > now - ANSWER_DAY_MS) young += decayFactor(s.asOf - t, H_RESP);
  const settled = s.respSent - young;
  return settled > 1e-9 ? settled : 0;
}

/** How many of the user's unanswered messages are under a day old at `now`. */
export function youngUnanswered(s: Summary, now: number): number {
  let n = 0;
  for (const t of s.respRecent) if (t > now - ANSWER_DAY_MS) n++;
  return n;
}
