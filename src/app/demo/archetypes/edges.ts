import { stepText } from '../ledger-notes.js';
import { clientMeeting, insightOut, letterNote, outreachEmail, peerCatchUp, questionIn, socialNote } from '../notes.js';
import type { Story } from '../story.js';
import type { Cast } from '../world.js';
import { giveValue, liveChannel, receiveValue, rhythm, theyWrite, userWrites } from './common.js';

/**
 * Someone the user keeps writing to who never answers: 3–5 emails in the last half year, the
 * latest over a week old (one-sided, unanswered). Variant 0 was also given value twice.
 */
export function neverAnswers(s: Story, cast: Cast): void {
  const r = s.rng;
  const old = r.chance(0.5) ? r.between(250, 900) : null;
  if (old !== null)
    s.live(s.day(old), r.pick(['meeting', 'event'] as const), { note: 'Met briefly; promised to stay in touch.' });
  const days = [r.between(9, 40)];
  const count = r.int(3, 5);
  for (let d = days[0] ?? 9; days.length < count; ) {
    d += r.between(14, 40);
    if (d > 170) break;
    days.push(d);
  }
  days.reverse();
  cast.since = old ?? days[0] ?? null;
  for (const d of days) userWrites(s, d, { note: outreachEmail(r), answer: 0, hours: [0, 0] });
  if (cast.variant === 0) {
    giveValue(s, days[0] ?? 100, 0, 'knowledge');
    giveValue(s, days[1] ?? 60, 0, 'access');
  }
}

/** A connection whose posts the user likes (and who sometimes likes back): passive, connected. */
export function social(s: Story, cast: Cast): void {
  const r = s.rng;
  cast.since = null;
  if (r.chance(0.2)) return;
  for (const d of rhythm(r, r.between(60, 1100), 1, 30, 150)) {
    const direction = r.chance(0.7) ? 'out' : 'in';
    s.write(s.day(d), 'social', { note: socialNote(r, direction), direction });
  }
}

/**
 * A former colleague or client, close for a while and silent for over a year: dormant, with
 * engaged or trusted evidence on record (worth reconnecting).
 */
export function dormant(s: Story, cast: Cast): void {
  const r = s.rng;
  const to = (cast.team?.to ?? r.between(390, 900)) + r.between(0, 40);
  const from = Math.max(to + 120, (cast.team?.from ?? to + r.between(150, 700)) - r.between(0, 60));
  cast.since = from;
  for (const d of rhythm(r, from, to, 12, 45)) {
    const kind = r.weighted([
      ['live', 0.5],
      ['out', 0.25],
      ['in', 0.25],
    ] as const);
    if (kind === 'live') {
      const deep = r.chance(0.15);
      const channel = deep ? 'meeting' : liveChannel(r, 0.5, 0.3, 0.2);
      s.live(s.day(d), channel, {
        note: deep ? 'Lunch; talked about leaving to go independent.' : peerCatchUp(r, channel),
        depth: deep ? 'personal' : 'substantive',
        direction: r.weighted([
          ['mutual', 0.6],
          ['out', 0.2],
          ['in', 0.2],
        ]),
      });
    } else if (kind === 'out') userWrites(s, d, { note: insightOut(r), answer: 0.85, hours: [0.5, 30] });
    else theyWrite(s, d, { note: questionIn(r), answer: 0.9, hours: [0.5, 30] });
    if (r.chance(0.08)) giveValue(s, d, 0.8);
    if (r.chance(0.06)) receiveValue(s, d);
  }
  if (r.chance(0.2)) s.write(s.day(to - r.between(5, 20)), 'letter', { note: letterNote(r), depth: 'personal' });
  if (r.chance(0.4))
    for (const d of rhythm(r, to - r.between(30, 90), 1, 60, 200))
      s.write(s.day(d), 'social', { note: socialNote(r, 'out'), direction: 'out' });
}

/**
 * A close relationship that went quiet about three months ago: strong 90 days ago, much
 * weaker now (the cooling flag), overdue against its cadence.
 */
export function cooling(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(250, 800);
  const last = r.between(93, 101);
  cast.since = since;
  for (const d of rhythm(r, since, last + 8, 10, 25)) {
    if (r.chance(0.6))
      s.live(s.day(d), liveChannel(r, 0.4, 0.4, 0.2), {
        note: clientMeeting(r),
        direction: r.pick(['mutual', 'mutual', 'in'] as const),
      });
    else if (r.chance(0.5)) userWrites(s, d, { note: insightOut(r), answer: 0.9, hours: [0.5, 24] });
    else theyWrite(s, d, { note: questionIn(r), answer: 0.95, hours: [0.5, 24] });
    if (r.chance(0.12)) giveValue(s, d, 0.7);
    if (r.chance(0.08)) receiveValue(s, d);
  }
  s.live(s.day(last), 'video', { note: `${clientMeeting(r)} They mentioned a reorganisation coming.` });
  if (r.chance(0.4)) s.step(stepText(r, 'client'), s.day(last), r.int(7, 21), null);
}

/**
 * A vendor who showers the user with favours in the first weeks: value received twice within
 * 30 days of first contact (too fast), none ever given (asks before gives).
 */
export function eagerVendor(s: Story, cast: Cast): void {
  const r = s.rng;
  const first = r.between(25, 300);
  cast.since = first;
  theyWrite(s, first, {
    note: 'Loved your talk on churn; could we show you what we built for consultants?',
    answer: 1,
    hours: [2, 48],
    reply: 'Happy to take a look; send a couple of times.',
  });
  s.receive(s.day(first - r.between(2, 6)), 'talent', 'Ran a free audit of my client-reporting workflow');
  s.receive(
    s.day(first - r.between(8, Math.min(25, first - 1))),
    'access',
    'Introduced me to their head of partnerships',
  );
  s.live(s.day(first - r.between(5, Math.min(20, first - 1))), 'video', {
    note: 'Product demo: slick, not a fit yet.',
  });
  for (let k = r.int(1, 3); k > 0; k--)
    theyWrite(s, first - r.between(20, Math.min(60, first - 1)), {
      note: r.pick(['Checking in on the trial.', 'Special pricing ends Friday.', 'Invitation to our customer summit.']),
      answer: 0.5,
      hours: [4, 72],
      reply: r.pick(['Thanks, not right now; maybe after the summer.', 'Still evaluating, will let you know.']),
    });
  if (first > 45 && r.chance(0.3)) receiveValue(s, first - r.between(35, first - 5));
}

/** Someone the user wants to know: on the list with a goal, nothing exchanged yet. */
export function wishlist(_s: Story, cast: Cast): void {
  cast.since = null;
}
