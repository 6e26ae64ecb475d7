import { BULK_RECIPIENTS, CHANNEL_WEIGHTS, DEPTH_FACTORS } from './scoring-config.js';
import { type Channel, type Depth, WRITTEN_CHANNELS } from './vocabulary.js';

/** A written message to more than BULK_RECIPIENTS people (a newsletter, an all-hands mail). */
export function isBulk(channel: Channel, audience: number): boolean {
  return WRITTEN_CHANNELS.has(channel) && audience > BULK_RECIPIENTS;
}

/** Likes and follows never count as effort, and bulk mail is not a relationship. */
export function isMeaningful(channel: Channel, audience: number): boolean {
  return channel !== 'social' && !isBulk(channel, audience);
}

/** channel weight × depth factor × 1/√n for n people besides the user; bulk mail weighs nothing. */
export function interactionWeight(channel: Channel, depth: Depth, audience: number): number {
  if (!isMeaningful(channel, audience)) return 0;
  return (CHANNEL_WEIGHTS[channel] * DEPTH_FACTORS[depth]) / Math.sqrt(Math.max(1, audience));
}
