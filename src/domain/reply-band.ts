import { MESSAGE_BAND_DIVISOR, REPLY_BAND_SCORES, REPLY_BANDS_HOURS } from './scoring-config.js';
import { HOUR_MS } from './time.js';
import type { Channel } from './vocabulary.js';

export type ReplyBand = keyof typeof REPLY_BAND_SCORES;

/** Email-like bands: fast ≤ 1 h, normal ≤ 24 h, slow ≤ 7 d; messages answer about 12× faster. */
export function replyBand(channel: Channel, delayMs: number): ReplyBand {
  const hours = (delayMs / HOUR_MS) * (channel === 'message' ? MESSAGE_BAND_DIVISOR : 1);
  if (hours <= REPLY_BANDS_HOURS.fast) return 'fast';
  if (hours <= REPLY_BANDS_HOURS.normal) return 'normal';
  if (hours <= REPLY_BANDS_HOURS.slow) return 'slow';
  return 'late';
}

export function replyScore(channel: Channel, delayMs: number): number {
  return REPLY_BAND_SCORES[replyBand(channel, delayMs)];
}
