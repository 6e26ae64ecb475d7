import { settledSent, youngUnanswered } from './answer-day.js';
import { THRESHOLDS, WINDOWS_DAYS } from './scoring-config.js';
import type { Summary } from './summary.js';
import { DAY_MS } from './time.js';
import type { RelationshipClass } from './vocabulary.js';

export function within(t: number | null, now: number, days: number): boolean {
  return t !== null && t >= now - days * DAY_MS && t <= now;
}

/**
 * Share of the user's messages they answered (recent ones count more; those under a day old and
 * unanswered not yet). With no message of the user's to answer, any two-way contact in the window
 * counts as engagement.
 */
export function answerShare(s: Summary, now: number): number {
  // a message sent under a day ago and not answered yet is not a message they failed to answer
  const sent = settledSent(s, now);
  if (sent > 0) return s.respAnswered / sent;
  // every message of the user's is under a day old: none has gone unanswered yet
  if (s.respSent > 0 && youngUnanswered(s, now) > 0) return 1;
  return within(s.tw1At, now, WINDOWS_DAYS.classWindow) ? 1 : 0;
}

/** First match wins: one-sided, active, dormant, passive. */
export function classify(s: Summary, now: number): RelationshipClass {
  const w = WINDOWS_DAYS.classWindow;
  const userDrives = within(s.u3At, now, w) || within(s.g2At, now, w);
  const theyInitiated = within(s.themInitAt, now, w);
  if (userDrives && !theyInitiated && answerShare(s, now) < THRESHOLDS.oneSidedAnswerShare) return 'one-sided';
  if (within(s.m3At, now, w) && theyInitiated && within(s.deepAt, now, w)) return 'active';
  if (s.m1At !== null && s.m1At < now - WINDOWS_DAYS.dormant * DAY_MS) return 'dormant';
  return 'passive';
}

/** Why the class is what it is, in a sentence. */
export function explainClass(s: Summary, now: number, cls: RelationshipClass): string {
  const w = WINDOWS_DAYS.classWindow;
  switch (cls) {
    case 'one-sided':
      return `in the last ${w} days you drove the contact, they started nothing and answered ${Math.round(100 * answerShare(s, now))}% of your messages`;
    case 'active':
      return `in the last ${w} days: 3 or more meaningful interactions, some started by them, some of substance`;
    case 'dormant':
      return `no meaningful interaction in the last ${WINDOWS_DAYS.dormant} days`;
    case 'passive':
      if (s.meaningful === 0) return 'no real exchange yet';
      if (!within(s.m3At, now, w)) return `fewer than 3 meaningful interactions in the last ${w} days`;
      if (!within(s.themInitAt, now, w)) return `they started nothing in the last ${w} days`;
      return `only transactional contact in the last ${w} days`;
  }
}
