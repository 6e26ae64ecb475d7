import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from './fold-event.js';
import { relationshipStats } from './stats.js';
import { HOUR_MS } from './time.js';
import type { Channel, Role } from './vocabulary.js';

const T0 = Date.UTC(2026, 0, 5, 9);
let seq = 0;
/** by event seq: the seq of the message it answers (what the store reads from reply_to_id) */
const parents = new Map<number, number>();

function message(
  at: number,
  role: Role,
  opts: { audience?: number; answers?: InteractionEvent; firstAnswer?: boolean; channel?: Channel } = {},
): InteractionEvent {
  const id = ++seq;
  if (opts.answers) parents.set(id, opts.answers.seq);
  return {
    kind: 'interaction',
    seq: id,
    at,
    channel: opts.channel ?? 'email',
    role,
    depth: 'substantive',
    audience: opts.audience ?? 1,
    reply: opts.answers
      ? { parentAt: opts.answers.at, parentRole: opts.answers.role, firstAnswer: opts.firstAnswer ?? true }
      : null,
    coParticipants: [],
  };
}

const stats = (events: InteractionEvent[]) => relationshipStats(events, parents);

describe('relationshipStats', () => {
  it('counts by direction and answers the user’s messages within 24 hours', () => {
    const first = message(T0, 'out');
    const second = message(T0 + 48 * HOUR_MS, 'out');
    const s = stats([
      first,
      message(T0 + 2 * HOUR_MS, 'in', { answers: first }),
      second,
      message(T0 + 100 * HOUR_MS, 'in', { answers: second }),
      message(T0 + 200 * HOUR_MS, 'mutual', { channel: 'meeting' }),
    ]);
    expect(s).toMatchObject({ interactions: 5, inbound: 2, outbound: 2, mutual: 1, replies: 2 });
    // 2 h and 52 h: the median of two is their mean
    expect(s.replyLatencyMedianHours).toBe(27);
    expect(s.repliedWithin24hShare).toBe(0.5);
    expect(s.firstInteractionAt).toBe(T0);
    expect(s.lastInteractionAt).toBe(T0 + 200 * HOUR_MS);
  });

  it('counts an answer to bulk mail among the replies and says so, leaving it out of the share', () => {
    const direct = message(T0, 'out');
    const bulk = message(T0 + 48 * HOUR_MS, 'out', { audience: 11 });
    const s = stats([direct, bulk, message(T0 + 49 * HOUR_MS, 'in', { answers: bulk, firstAnswer: false })]);
    expect(s).toMatchObject({ replies: 1, repliesToBulk: 1, replyLatencyMedianHours: 1, repliedWithin24hShare: 0 });
    expect(stats([direct, message(T0 + HOUR_MS, 'in', { answers: direct })]).repliesToBulk).toBe(0);
  });

  it('does not count a message sent less than 24 h before now against them until its day is over', () => {
    const first = message(T0, 'out');
    const answer = message(T0 + 2 * HOUR_MS, 'in', { answers: first });
    const latest = message(T0 + 96 * HOUR_MS, 'out');
    const events = [first, answer, latest];
    // an hour after the latest: not yet late
    expect(relationshipStats(events, parents, T0 + 97 * HOUR_MS).repliedWithin24hShare).toBe(1);
    // its day over, unanswered: late
    expect(relationshipStats(events, parents, T0 + 121 * HOUR_MS).repliedWithin24hShare).toBe(0.5);
    // answered within the hour: counted at once
    const quick = message(T0 + 96.5 * HOUR_MS, 'in', { answers: latest });
    expect(relationshipStats([...events, quick], parents, T0 + 97 * HOUR_MS).repliedWithin24hShare).toBe(1);
  });

  it('counts a message answered within 24 h through its follow-up, and not one answered later', () => {
    const first = message(T0, 'out');
    const nudge = message(T0 + 3 * HOUR_MS, 'out', { answers: first });
    const answer = message(T0 + 20 * HOUR_MS, 'in', { answers: nudge });
    expect(stats([first, nudge, answer])).toMatchObject({
      replies: 1,
      replyLatencyMedianHours: 17,
      repliedWithin24hShare: 1,
    });
    const late = message(T0 + 50 * HOUR_MS, 'out');
    const lateNudge = message(T0 + 70 * HOUR_MS, 'out', { answers: late });
    const lateAnswer = message(T0 + 80 * HOUR_MS, 'in', { answers: lateNudge });
    // the nudge is answered in 10 h, the message it follows up after 30 h
    expect(stats([first, nudge, answer, late, lateNudge, lateAnswer]).repliedWithin24hShare).toBe(0.75);
  });

  it('does not count the user’s bulk mail (over 10 recipients) as awaiting their answer', () => {
    const oneToOne = message(T0, 'out');
    const answered = message(T0 + HOUR_MS, 'in', { answers: oneToOne });
    const newsletters = [1, 2, 3].map((week) => message(T0 + week * 168 * HOUR_MS, 'out', { audience: 40 }));
    const unanswered = message(T0 + 500 * HOUR_MS, 'out');
    // an answer to a newsletter answers no message to them
    const toNewsletter = message(T0 + 169 * HOUR_MS, 'in', { answers: newsletters[0] as InteractionEvent });
    const s = stats([oneToOne, answered, ...newsletters, toNewsletter, unanswered].sort((a, b) => a.at - b.at));
    expect(s.outbound).toBe(5);
    expect(s.repliedWithin24hShare).toBe(0.5);
  });

  it('counts mail to ten people as awaiting an answer, and has no share when nothing awaits one', () => {
    expect(stats([message(T0, 'out', { audience: 10 })]).repliedWithin24hShare).toBe(0);
    expect(stats([message(T0, 'out', { audience: 11 })]).repliedWithin24hShare).toBeNull();
    expect(stats([message(T0, 'in')]).repliedWithin24hShare).toBeNull();
  });

  it('counts every message of the user’s to them, an answer to theirs too, as the contract says', () => {
    // they write, the user answers, they answer the answer within the hour: three times
    const events = [0, 1, 2].flatMap((k) => {
      const t = T0 + k * 72 * HOUR_MS;
      const theirs = message(t, 'in');
      const ours = message(t + HOUR_MS, 'out', { answers: theirs, firstAnswer: false });
      return [theirs, ours, message(t + 90 * 60_000, 'in', { answers: ours, firstAnswer: false })];
    });
    const s = stats(events);
    expect([s.replies, s.repliedWithin24hShare]).toEqual([3, 1]);
  });

  it('counts a later answer to the same message as a reply but not again toward the share', () => {
    const ours = message(T0, 'out');
    const s = stats([
      ours,
      message(T0 + HOUR_MS, 'in', { answers: ours }),
      message(T0 + 2 * HOUR_MS, 'in', { answers: ours, firstAnswer: false }),
    ]);
    expect(s.replies).toBe(2);
    expect(s.repliedWithin24hShare).toBe(1);
  });

  it('counts two messages of the user’s sent in the same second, each answered, as two answered', () => {
    const alpha = message(T0, 'out');
    const beta = message(T0, 'out');
    const s = stats([
      alpha,
      beta,
      message(T0 + HOUR_MS, 'in', { answers: alpha }),
      message(T0 + 2 * HOUR_MS, 'in', { answers: beta }),
    ]);
    expect([s.replies, s.replyLatencyMedianHours, s.repliedWithin24hShare]).toEqual([2, 1.5, 1]);
  });

  it('counts an answer to a message sent in the same second as bulk mail toward the share', () => {
    const newsletter = message(T0, 'out', { audience: 12 });
    const personal = message(T0, 'out');
    const s = stats([newsletter, personal, message(T0 + HOUR_MS, 'in', { answers: personal })]);
    expect([s.replies, s.repliedWithin24hShare]).toEqual([1, 1]);
  });

  it('counts no answer to a message not among the events (sent after now), however the answer is dated', () => {
    const unanswered = message(T0, 'out');
    const later = message(T0 + 24 * HOUR_MS, 'out');
    // dated half an hour before the message it answers (a wrong clock); now falls between the two
    const skewed = message(T0 + 23.5 * HOUR_MS, 'in', { answers: later });
    const s = stats([unanswered, skewed]);
    expect([s.inbound, s.outbound, s.replies, s.replyLatencyMedianHours, s.repliedWithin24hShare]).toEqual([
      1,
      1,
      0,
      null,
      0,
    ]);
  });

  it('gives a share of the messages that await an answer, each counted once, whatever the times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ hour: fc.integer({ min: 0, max: 6 }), audience: fc.constantFrom(1, 3, 12) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.record({ to: fc.nat(), after: fc.integer({ min: -2, max: 30 }) }), { maxLength: 12 }),
        (sent, answered) => {
          const ours = sent.map((m) => message(T0 + m.hour * HOUR_MS, 'out', { audience: m.audience }));
          const theirs = answered.map((a) => {
            const to = ours[a.to % ours.length] as InteractionEvent;
            return message(to.at + a.after * HOUR_MS, 'in', { answers: to });
          });
          const s = stats([...ours, ...theirs].sort((a, b) => a.at - b.at || a.seq - b.seq));
          const awaiting = ours.filter((m) => m.audience <= 10);
          const within = new Set(
            answered.filter((a) => a.after <= 24).map((a) => ours[a.to % ours.length] as InteractionEvent),
          );
          const expected = awaiting.filter((m) => within.has(m)).length;
          expect(s.replies).toBe(answered.length);
          expect(s.repliedWithin24hShare).toBe(
            awaiting.length === 0 ? null : Math.round((expected / awaiting.length) * 100) / 100,
          );
        },
      ),
    );
  });
});
