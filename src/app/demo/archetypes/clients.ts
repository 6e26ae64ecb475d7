import { DAY_MS } from '../../../domain/time.js';
import type { PersonInput } from '../../people.js';
import { PAST_MILESTONES, stepText } from '../ledger-notes.js';
import {
  adminMessage,
  adminReply,
  CLIENT_TOPICS,
  clientMeeting,
  insightOut,
  invoiceEmail,
  paidReply,
  personalMeeting,
  questionIn,
} from '../notes.js';
import type { Story } from '../story.js';
import type { Cast } from '../world.js';
import { giveValue, liveChannel, receiveValue, rhythm, theyWrite, userWrites } from './common.js';

/**
 * A client met every few weeks, with insights sent between meetings and wins shared: active,
 * trusted. Variant 0 has an open next step, 1 has none (the flag), 2 also referred the user
 * to another company (an advocate).
 */
export function keyClient(s: Story, cast: Cast, person: PersonInput): void {
  const r = s.rng;
  const since = cast.account?.since ?? r.between(240, 1000);
  cast.since = since;
  const meetings = rhythm(r, since, 1, 14, 35);
  const referral = cast.variant === 2 ? Math.floor(meetings.length / 2) : -1;
  meetings.forEach((d, k) => {
    const personal = k > 0 && r.chance(0.12);
    const channel = k === 0 ? 'meeting' : liveChannel(r, 0.4, 0.45, 0.15);
    s.live(s.day(d), channel, {
      note: k === 0 ? `Kick-off: ${r.pick(CLIENT_TOPICS)}.` : personal ? personalMeeting(r, channel) : clientMeeting(r),
      depth: personal ? 'personal' : 'substantive',
      direction: channel === 'call' ? r.pick(['in', 'out', 'mutual'] as const) : 'mutual',
    });
    const gap = d - (meetings[k + 1] ?? 0);
    if (gap > 2 && r.chance(0.8))
      userWrites(s, d - r.between(1, Math.min(4, gap - 1)), { note: insightOut(r), answer: 0.85, hours: [0.3, 30] });
    if (gap > 4 && r.chance(0.5))
      theyWrite(s, d - r.between(3, gap - 1), { note: questionIn(r), answer: 0.95, hours: [1, 20] });
    if (k > 0 && k % 3 === 0) giveValue(s, d, 0.6);
    if (r.chance(0.12)) receiveValue(s, d);
    if (k === referral) receiveValue(s, d, 'access');
  });
  const last = meetings[meetings.length - 1] ?? 1;
  for (const d of meetings.slice(-3, -1))
    s.step(stepText(r, 'client'), s.day(d), r.int(5, 14), s.day(d - r.between(2, 8)));
  if (cast.variant !== 1) s.openStep(stepText(r, 'client'), s.day(last));
  clientDates(s, since, person);
}

/** Colleagues on a client's team: group meetings (written with the account) and a few threads. */
export function colleague(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = cast.account ? Math.max(20, cast.account.since - r.between(0, 200)) : r.between(100, 800);
  cast.since = since;
  s.live(s.day(since), 'meeting', {
    note: `Met at the project kick-off: ${r.pick(CLIENT_TOPICS)}.`,
    with: cast.account ? [cast.account.key] : [],
  });
  for (const d of rhythm(r, since - r.between(10, 40), 3, 40, 120)) {
    if (r.chance(0.5)) theyWrite(s, d, { note: questionIn(r), answer: 0.9, hours: [1, 30] });
    else userWrites(s, d, { note: insightOut(r), answer: 0.7, hours: [2, 48] });
  }
}

/**
 * An assistant or procurement contact: only scheduling and paperwork, always started by them,
 * always answered. Passive, acquainted, transactional only.
 */
export function admin(s: Story, cast: Cast): void {
  const r = s.rng;
  const since = r.between(60, 700);
  cast.since = since;
  for (const d of rhythm(r, since, 2, 15, 60))
    theyWrite(s, d, {
      note: adminMessage(r),
      depth: 'transactional',
      channel: r.chance(0.4) ? 'message' : 'email',
      answer: 0.9,
      hours: [0.2, 8],
      reply: adminReply(r),
    });
}

/**
 * A client the user only emails to invoice, plus a yearly check-in call the user starts:
 * passive however long it lasts; transactional only when the last check-in is over 180 days old.
 */
export function invoiceClient(s: Story, cast: Cast, person: PersonInput): void {
  const r = s.rng;
  const since = r.between(400, 1100);
  cast.since = since;
  s.live(s.day(since), 'meeting', { note: 'Ran the kick-off workshop for the retainer.', direction: 'out' });
  for (const d of rhythm(r, since - r.between(20, 35), 1, 28, 33)) {
    const at = s.day(d);
    const sent = s.write(at, 'email', { note: invoiceEmail(r, at), depth: 'transactional', direction: 'out' });
    if (r.chance(d < 180 ? 0.9 : 0.75))
      s.answer(sent, r.between(2, 96), { note: paidReply(r), depth: 'transactional' });
  }
  for (let d = r.between(20, 360); d < since - 30; d += r.between(350, 380))
    s.live(s.day(d), 'call', {
      direction: 'out',
      note: `Yearly check-in: ${r.pick(['renewal looks likely', 'budget frozen until Q3', 'new CFO wants a review', 'happy, no changes'])}.`,
    });
  clientDates(s, since, person);
}

/**
 * A prospect: an intro, a discovery session, a working meeting; engaged, not yet trusted.
 * Variant 0 met the user days ago and has no next step yet; variant 1 received a proposal
 * weeks ago that nobody has acknowledged.
 */
export function prospect(s: Story, cast: Cast): void {
  const r = s.rng;
  const fresh = cast.variant === 0;
  const first = fresh ? r.between(20, 60) : r.between(60, 150);
  const proposal = r.between(16, 45);
  const last = fresh ? r.between(2, Math.min(12, first - 8)) : proposal + r.between(2, 7);
  const topic = r.pick(CLIENT_TOPICS);
  cast.since = first;
  if (r.chance(0.5)) {
    theyWrite(s, first, { note: `Asked whether I could help with ${topic}.`, answer: 1, hours: [1, 12] });
    s.live(s.day(first - r.between(2, 5)), 'call', { note: `Intro call about ${topic}.` });
  } else s.live(s.day(first), 'call', { note: `Intro call arranged by a former client: ${topic}.` });
  const middle = (first + last) / 2;
  s.live(s.day(middle), 'video', { note: `Discovery session: ${topic}; mapped who decides.` });
  userWrites(s, middle - 1, { note: `Recap of the discovery session on ${topic}.`, answer: 0.8, hours: [2, 40] });
  s.live(s.day(last), r.chance(0.5) ? 'meeting' : 'video', {
    note: fresh ? `Scoping workshop with their team on ${topic}.` : `Walked them through the proposal for ${topic}.`,
  });
  if (fresh) return;
  const sent = s.day(proposal);
  s.give(
    sent,
    'talent',
    {
      note: `Proposal for ${topic}, with a two-phase option`,
      impact: 'A first phase they can approve without the board',
    },
    null,
  );
  s.write(sent, 'email', { note: 'Proposal attached, with the two phases we discussed.', direction: 'out' });
  if (r.chance(0.6)) s.openStep(stepText(r, 'prospect'), s.day(last));
}

/** A past win and a work anniversary, for some clients. */
function clientDates(s: Story, since: number, person: PersonInput): void {
  const r = s.rng;
  if (r.chance(0.4)) s.milestone(r.pick(PAST_MILESTONES), s.day(r.between(20, since)), false);
  if (r.chance(0.3) && person.org)
    s.milestone(`Work anniversary at ${person.org}`, s.now - r.int(400, 3000) * DAY_MS, true);
}
