import { describe, expect, it } from 'vitest';
import type { InteractionEvent, ReplyLink } from './fold-event.js';
import { relationshipStats } from './stats.js';
import { HOUR_MS } from './time.js';
import type { Channel, Role } from './vocabulary.js';

const T0 = Date.UTC(2026, 0, 5, 9);
let seq = 0;

function message(
  at: number,
  role: Role,
  opts: { audience?: number; reply?: ReplyLink | null; channel?: Channel } = {},
): InteractionEvent {
  return {
    kind: 'interaction',
    seq: ++seq,
    at,
    channel: opts.channel ?? 'email',
    role,
    depth: 'substantive',
    audience: opts.audience ?? 1,
    reply: opts.reply ?? null,
    coParticipants: [],
  };
}

const answer = (parentAt: number, firstAnswer = true): ReplyLink => ({ parentAt, parentRole: 'out', firstAnswer });

describe('relationshipStats', () => {
  it('counts by direction and answers the user’s messages within 24 hours', () => {
    const s = relationshipStats([
      message(T0, 'out'),
      message(T0 + 2 * HOUR_MS, 'in', { reply: answer(T0) }),
      message(T0 + 48 * HOUR_MS, 'out'),
      message(T0 + 100 * HOUR_MS, 'in', { reply: answer(T0 + 48 * HOUR_MS) }),
      message(T0 + 200 * HOUR_MS, 'mutual', { channel: 'meeting' }),
    ]);
    expect(s).toMatchObject({ interactions: 5, inbound: 2, outbound: 2, mutual: 1, replies: 2 });
    // 2 h and 52 h: the median of two is their mean
    expect(s.replyLatencyMedianHours).toBe(27);
    expect(s.repliedWithin24hShare).toBe(0.5);
    expect(s.firstInteractionAt).toBe(T0);
    expect(s.lastInteractionAt).toBe(T0 + 200 * HOUR_MS);
  });

  it('does not count the user’s bulk mail (over 10 recipients) as awaiting their answer', () => {
    const oneToOne = message(T0, 'out');
    const answered = message(T0 + HOUR_MS, 'in', { reply: answer(T0) });
    const newsletters = [1, 2, 3].map((week) => message(T0 + week * 168 * HOUR_MS, 'out', { audience: 40 }));
    const unanswered = message(T0 + 500 * HOUR_MS, 'out');
    // an answer to a newsletter answers no message to them
    const toNewsletter = message(T0 + 169 * HOUR_MS, 'in', { reply: answer(T0 + 168 * HOUR_MS) });
    const s = relationshipStats(
      [oneToOne, answered, ...newsletters, toNewsletter, unanswered].sort((a, b) => a.at - b.at),
    );
    expect(s.outbound).toBe(5);
    expect(s.repliedWithin24hShare).toBe(0.5);
  });

  it('counts mail to ten people as awaiting an answer, and has no share when nothing awaits one', () => {
    expect(relationshipStats([message(T0, 'out', { audience: 10 })]).repliedWithin24hShare).toBe(0);
    expect(relationshipStats([message(T0, 'out', { audience: 11 })]).repliedWithin24hShare).toBeNull();
    expect(relationshipStats([message(T0, 'in')]).repliedWithin24hShare).toBeNull();
  });

  it('counts every message of the user’s to them, an answer to theirs too, as the contract says', () => {
    // they write, the user answers, they answer the answer within the hour: three times
    const events = [0, 1, 2].flatMap((k) => {
      const t = T0 + k * 72 * HOUR_MS;
      return [
        message(t, 'in'),
        message(t + HOUR_MS, 'out', { reply: { parentAt: t, parentRole: 'in', firstAnswer: false } }),
        message(t + 90 * 60_000, 'in', { reply: answer(t + HOUR_MS, false) }),
      ];
    });
    const s = relationshipStats(events);
    expect([s.replies, s.repliedWithin24hShare]).toEqual([3, 1]);
  });

  it('counts a later answer to the same message as a reply but not again toward the share', () => {
    const s = relationshipStats([
      message(T0, 'out'),
      message(T0 + HOUR_MS, 'in', { reply: answer(T0) }),
      message(T0 + 2 * HOUR_MS, 'in', { reply: answer(T0, false) }),
    ]);
    expect(s.replies).toBe(2);
    expect(s.repliedWithin24hShare).toBe(1);
  });
});
