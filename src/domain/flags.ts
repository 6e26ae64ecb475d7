import { within } from './classify.js';
import type { Evaluated } from './evaluate.js';
import { THRESHOLDS, WINDOWS_DAYS } from './scoring-config.js';
import { STAGE_INDEX } from './stage.js';
import type { Summary } from './summary.js';
import { DAY_MS } from './time.js';
import type { Flag } from './vocabulary.js';

export interface FlagContext {
  readonly hasOpenNextStep: boolean;
  /** strength as of `now` minus the cooling window, when known */
  readonly strengthBefore?: number | undefined;
}

/** The red flags of a relationship as of `now`, in a stable order. */
export function flagsFor(s: Summary, now: number, e: Evaluated, ctx: FlagContext): Flag[] {
  const flags: Flag[] = [];
  const stage = STAGE_INDEX[e.stage];
  if ((e.class === 'active' || (stage >= STAGE_INDEX.engaged && e.class !== 'dormant')) && !ctx.hasOpenNextStep)
    flags.push('no-next-step');
  if (
    s.pendingCount >= THRESHOLDS.unansweredMessages &&
    s.pendingLastAt !== null &&
    s.pendingLastAt <= now - WINDOWS_DAYS.unanswered * DAY_MS
  )
    flags.push('unanswered');
  if (within(s.g2At, now, WINDOWS_DAYS.ledger) && !within(s.receivedAt, now, WINDOWS_DAYS.ledger))
    flags.push('one-sided');
  if (ctx.strengthBefore !== undefined && e.strength - ctx.strengthBefore <= -THRESHOLDS.coolingDrop)
    flags.push('cooling');
  if (within(s.m1At, now, WINDOWS_DAYS.classWindow) && !within(s.deepAt, now, WINDOWS_DAYS.classWindow))
    flags.push('transactional-only');
  if (s.receivedCount > 0 && s.givenCount === 0) flags.push('asks-before-gives');
  if (s.tooFastReceived >= THRESHOLDS.tooFastReceived) flags.push('too-fast');
  return flags;
}

export const FLAG_MEANING: Record<Flag, string> = {
  'no-next-step': 'an active or engaged relationship with no open next step',
  unanswered: `your last ${THRESHOLDS.unansweredMessages} or more messages have gone unanswered for ${WINDOWS_DAYS.unanswered} days`,
  'one-sided': `you gave value at least ${THRESHOLDS.oneSidedFlagGiven} times and received none in ${WINDOWS_DAYS.ledger} days`,
  cooling: `strength down ${THRESHOLDS.coolingDrop} points or more against ${WINDOWS_DAYS.cooling} days ago`,
  'transactional-only': `every meaningful interaction in the last ${WINDOWS_DAYS.classWindow} days was transactional`,
  'asks-before-gives': 'you have received value from them and never given any',
  'too-fast': `value received ${THRESHOLDS.tooFastReceived} or more times within ${WINDOWS_DAYS.tooFast} days of first contact`,
};
