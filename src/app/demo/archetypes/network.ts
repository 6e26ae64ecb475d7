import { stepText } from '../ledger-notes.js';
import { letterNote, PEER_TOPICS, peerCatchUp, peerMessage, personalMeeting, socialNote } from '../notes.js';
import type { Story } from '../story.js';
import type { Cast } from '../world.js';
import { giveValue, liveChannel, receiveValue, rhythm, theyWrite, userWrites } from './common.js';

/** Calls, coffees and messages every few weeks, both sides starting them. */
function twoWayRhythm(
  s: Story,
  days: readonly number[],
  live: number,
  personal: number,
  give: number,
  receive: number,
) {
  const r = s.rng;
  for (const d of days) {
    if (r.chance(live)) {
      const deep = r.chance(personal);
      const channel = liveChannel(r, 0.35, 0.35, 0.3);
      s.live(s.day(d), channel, {
        note: deep ? personalMeeting(r, channel) : peerCatchUp(r, channel),
        depth: deep ? 'personal' : 'substantive',
        direction: r.weighted([
          ['mutual', 0.5],
          ['out', 0.25],
          ['in', 0.25],
        ]),
      });
    } else if (r.chance(0.5)) {
      userWrites(s, d, { channel: 'message', note: peerMessage(r), answer: 0.9, hours: [0.05, 6] });
    } else {
      theyWrite(s, d, { channel: 'message', note: peerMessage(r), answer: 0.95, hours: [0.05, 4] });
    }
    if (r.chance(give)) giveValue(s, d, 0.7);
    if (r.chance(receive)) receiveValue(s, d);
  }
}

/**
 * Years of give and take, and once they referred a client or introduced the user to someone
 * who mattered: the advocate stage.
 */
export function advocate(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(500, 1100);
  cast.since = since;
  const days = rhythm(r, since, 1, 25, 60);
  twoWayRhythm(s, days, 0.7, 0.25, 0.2, 0.15);
  receiveValue(s, days[Math.floor(days.length * r.between(0.3, 0.8))] ?? since, 'access');
  if (r.chance(0.4)) s.write(s.day(r.between(30, since)), 'letter', { note: letterNote(r), depth: 'personal' });
  if (r.chance(0.6)) s.openStep(stepText(r, 'peer'), s.day(days[days.length - 1] ?? 1));
}

/** Fellow consultants, partners, friends in the trade: engaged or trusted, both sides giving. */
export function peer(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(90, 900);
  cast.since = since;
  const days = rhythm(r, since, 1, 20, 110);
  twoWayRhythm(s, days, 0.5, 0.15, 0.15, 0.12);
  if (r.chance(0.15)) s.write(s.day(r.between(10, since)), 'letter', { note: letterNote(r), depth: 'personal' });
  if (r.chance(0.5)) s.openStep(stepText(r, 'peer'), s.day(days[days.length - 1] ?? 1));
}

/** Someone senior the user keeps asking for advice and has never given anything back to. */
export function mentor(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(200, 1000);
  cast.since = since;
  for (const d of rhythm(r, since, 1, 45, 120)) {
    if (r.chance(0.5)) {
      userWrites(s, d, {
        note: `Asked for advice on ${r.pick(PEER_TOPICS)}.`,
        answer: 0.95,
        hours: [2, 72],
        reply: r.pick([
          'Long, generous answer with two examples.',
          'Short and sharp: do less, charge more.',
          'Suggested we talk it through by phone.',
        ]),
      });
    } else {
      const deep = r.chance(0.3);
      const channel = liveChannel(r, 0.4, 0.2, 0.4);
      s.live(s.day(d), channel, {
        note: deep ? personalMeeting(r, channel) : `Mentoring session on ${r.pick(PEER_TOPICS)}.`,
        depth: deep ? 'personal' : 'substantive',
        direction: r.pick(['mutual', 'out'] as const),
      });
    }
    if (r.chance(0.35)) receiveValue(s, d, r.chance(0.15) ? 'access' : undefined);
  }
}

/** An old colleague or friend, in touch two or three times a year. */
export function occasional(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(400, 1500);
  cast.since = since;
  for (const d of rhythm(r, since, 1, 100, 220)) {
    if (r.chance(0.2))
      s.live(s.day(d), 'call', { note: peerCatchUp(r, 'call'), depth: r.chance(0.4) ? 'personal' : 'substantive' });
    else if (r.chance(0.5))
      userWrites(s, d, {
        channel: r.pick(['email', 'message'] as const),
        note: peerMessage(r),
        answer: 0.85,
        hours: [1, 48],
      });
    else
      theyWrite(s, d, {
        channel: r.pick(['email', 'message'] as const),
        note: peerMessage(r),
        answer: 0.9,
        hours: [1, 48],
      });
  }
}

/** Met once at a conference (the event is written with the occasion), perhaps an email after. */
export function acquaintance(s: Story, cast: Cast): void {
  const r = s.rng;
  const met = cast.occasion?.daysAgo ?? r.between(25, 1000);
  const where = cast.occasion?.name ?? 'a meetup';
  cast.since = met;
  if (!cast.occasion) s.live(s.day(met), 'event', { note: `Chatted at ${where}.` });
  if (r.chance(0.45))
    userWrites(s, met - r.between(1, 5), {
      note: `Great to meet at ${where}; here is the article I mentioned.`,
      answer: 0.35,
      hours: [3, 72],
    });
  else if (r.chance(0.3))
    theyWrite(s, met - r.between(1, 6), {
      note: 'Nice to meet you; connecting here as promised.',
      answer: 0.8,
      hours: [2, 48],
    });
  if (met > 230 && r.chance(0.15))
    s.live(s.day(met - r.between(210, met - 5)), 'meeting', {
      note: 'Coffee: finally followed up on our conference chat.',
    });
  if (r.chance(0.3))
    for (const d of rhythm(r, met - r.between(10, 20), 1, 40, 200))
      s.write(s.day(d), 'social', { note: socialNote(r, 'out'), direction: 'out' });
}
