import type { Category, Depth } from '../../../domain/vocabulary.js';
import { givenNote, receivedNote } from '../ledger-notes.js';
import { answerNote, thanks } from '../notes.js';
import type { PlannedInteraction } from '../plan.js';
import type { Rng } from '../random.js';
import type { LiveChannel, Story } from '../story.js';

/** Days before now, from `from` down to above `to`, every `gapMin`–`gapMax` days. */
export function rhythm(r: Rng, from: number, to: number, gapMin: number, gapMax: number): number[] {
  const days: number[] = [];
  for (let d = from; d > to; d -= r.between(gapMin, gapMax)) days.push(d);
  return days;
}

export function liveChannel(r: Rng, meeting: number, video: number, call: number): LiveChannel {
  return r.weighted([
    ['meeting', meeting],
    ['video', video],
    ['call', call],
  ]);
}

interface Thread {
  readonly note: string;
  readonly depth?: Depth;
  readonly channel?: 'email' | 'message';
  /** the chance of an answer, and its delay in hours */
  readonly answer: number;
  readonly hours: readonly [number, number];
  readonly reply?: string;
}

/** The user writes on day `d`; they may answer. Returns the user's message. */
export function userWrites(s: Story, d: number, t: Thread): PlannedInteraction | undefined {
  const depth = t.depth ?? 'substantive';
  const sent = s.write(s.day(d), t.channel ?? 'email', { note: t.note, depth, direction: 'out' });
  if (s.rng.chance(t.answer))
    s.answer(sent, s.rng.between(t.hours[0], t.hours[1]), { note: t.reply ?? thanks(s.rng), depth });
  return sent;
}

/** They write on day `d`; the user may answer. Returns their message. */
export function theyWrite(s: Story, d: number, t: Thread): PlannedInteraction | undefined {
  const depth = t.depth ?? 'substantive';
  const sent = s.write(s.day(d), t.channel ?? 'email', { note: t.note, depth, direction: 'in' });
  if (s.rng.chance(t.answer))
    s.respond(sent, s.rng.between(t.hours[0], t.hours[1]), { note: t.reply ?? answerNote(s.rng), depth });
  return sent;
}

const GIVE_ODDS: readonly (readonly [Category, number])[] = [
  ['knowledge', 0.35],
  ['talent', 0.25],
  ['time', 0.15],
  ['behavioral', 0.15],
  ['access', 0.1],
];
const RECEIVE_ODDS: readonly (readonly [Category, number])[] = [
  ['knowledge', 0.3],
  ['behavioral', 0.3],
  ['time', 0.15],
  ['talent', 0.15],
  ['access', 0.1],
];

/** The user gives something of value on day `d`; acknowledged with probability `ack`. */
export function giveValue(s: Story, d: number, ack: number, category?: Category) {
  const c = category ?? s.rng.weighted(GIVE_ODDS);
  s.give(s.day(d), c, givenNote(s.rng, c), s.rng.chance(ack) ? s.rng.between(1, 25) : null);
}

/** They give the user something of value on day `d` (never `access` unless asked for). */
export function receiveValue(s: Story, d: number, category?: Category) {
  const c = category ?? s.rng.weighted(RECEIVE_ODDS.filter(([k]) => k !== 'access'));
  s.receive(s.day(d), c, receivedNote(s.rng, c));
}
