import { describe, expect, it } from 'vitest';
import { days, emailAnswered, exchange, hours, interaction, T0 } from '../../test/factories.js';
import { evaluate, evaluateWithFlags, NO_SETTINGS } from './evaluate.js';
import { foldAll } from './fold.js';
import type { FoldEvent } from './fold-event.js';

const now = T0;
const score = (events: FoldEvent[], at = now) => evaluate(foldAll(events), at);

/** Alex: emailed to send an invoice each quarter and for a yearly check-in call. */
function alex(): FoldEvent[] {
  const events: FoldEvent[] = [];
  for (let q = 0; q < 8; q++) events.push(...emailAnswered(now - days(720 - q * 91), hours(30), 'transactional'));
  events.push(interaction(now - days(300), 'call', 'out', { depth: 'transactional' }));
  events.push(interaction(now - days(60), 'call', 'out', { depth: 'transactional' }));
  return events;
}

/** Sam: met every few weeks, insights shared, wins celebrated, both sides reaching out. */
function sam(): FoldEvent[] {
  const events: FoldEvent[] = [];
  for (let d = 700; d > 0; d -= 21) {
    events.push(interaction(now - days(d), 'meeting', 'mutual'));
    events.push(interaction(now - days(d - 7), 'email', d % 2 ? 'in' : 'out'));
  }
  events.push(interaction(now - days(40), 'message', 'out', { depth: 'personal' }));
  events.push(exchange(now - days(200), 'given', 'knowledge'));
  events.push(exchange(now - days(90), 'received', 'knowledge'));
  return events;
}

describe('the essays’ cases', () => {
  it('calls a client emailed only to invoice and for a yearly check-in passive', () => {
    expect(score(alex()).class).toBe('passive');
  });

  it('calls a client met every few weeks, sharing insights and celebrating wins, active and stronger', () => {
    const s = score(sam());
    expect(s.class).toBe('active');
    expect(s.strength).toBeGreaterThan(score(alex()).strength + 20);
  });

  it('calls someone who never answers one-sided', () => {
    const events = [30, 60, 90, 120, 150].map((d) => interaction(now - days(d), 'email', 'out'));
    const s = evaluate(foldAll(events), now);
    expect(s.class).toBe('one-sided');
    expect(s.stage).toBe('connected');
  });

  it('calls a connection whose posts you like passive and only connected', () => {
    const events = [5, 20, 40, 80].map((d) => interaction(now - days(d), 'social', 'out'));
    const s = score(events);
    expect(s.class).toBe('passive');
    expect(s.stage).toBe('connected');
    expect(s.strength).toBe(0);
  });

  it('calls a relationship silent for over a year dormant', () => {
    const events = [400, 420, 500].map((d) => interaction(now - days(d), 'meeting', 'mutual'));
    expect(score(events).class).toBe('dormant');
    expect(score(events, now - days(100)).class).not.toBe('dormant');
  });

  it('makes a long, reciprocal relationship with a referral an advocate', () => {
    const events = [...sam(), exchange(now - days(30), 'received', 'access')];
    const s = score(events);
    expect(s.stage).toBe('advocate');
    expect(score(sam()).stage).toBe('trusted');
  });
});

describe('not enough data', () => {
  it('says so for a person never contacted, instead of flagging risk', () => {
    const s = evaluateWithFlags(foldAll([]), now, NO_SETTINGS, { hasOpenNextStep: false });
    expect(s.notEnoughData).toBe(true);
    expect(s.strength).toBe(0);
    expect(s.class).toBe('passive');
    expect(s.stage).toBe('connected');
    expect(s.flags).toEqual([]);
  });
});

describe('flags', () => {
  const flags = (events: FoldEvent[], hasOpenNextStep = true) =>
    evaluateWithFlags(foldAll(events), now, NO_SETTINGS, { hasOpenNextStep }).flags;

  it('flags two unanswered messages after seven days, not before', () => {
    const two = [interaction(now - days(12), 'email', 'out'), interaction(now - days(8), 'email', 'out')];
    expect(flags(two)).toContain('unanswered');
    const recent = [interaction(now - days(12), 'email', 'out'), interaction(now - days(3), 'email', 'out')];
    expect(flags(recent)).not.toContain('unanswered');
  });

  it('clears unanswered when they write back', () => {
    const events = [
      interaction(now - days(20), 'email', 'out'),
      interaction(now - days(15), 'email', 'out'),
      interaction(now - days(10), 'email', 'in'),
    ];
    expect(flags(events)).not.toContain('unanswered');
  });

  it('flags value given twice with none received in a year as one-sided', () => {
    const events = [exchange(now - days(100), 'given'), exchange(now - days(20), 'given')];
    expect(flags(events)).toContain('one-sided');
    expect(flags([...events, exchange(now - days(10), 'received')])).not.toContain('one-sided');
  });

  it('flags an active relationship without an open next step', () => {
    expect(flags(sam(), false)).toContain('no-next-step');
    expect(flags(sam(), true)).not.toContain('no-next-step');
  });

  it('flags only-transactional contact in the window', () => {
    expect(flags(alex())).toContain('transactional-only');
    expect(flags(sam())).not.toContain('transactional-only');
  });

  it('flags asking before giving, and receiving too much too fast', () => {
    const events = [
      interaction(now - days(50), 'meeting', 'mutual'),
      exchange(now - days(45), 'received', 'time'),
      exchange(now - days(40), 'received', 'access'),
    ];
    expect(flags(events)).toEqual(expect.arrayContaining(['asks-before-gives', 'too-fast']));
  });

  it('flags cooling when strength fell 15 points against 90 days ago', () => {
    const s = evaluateWithFlags(foldAll(sam()), now, NO_SETTINGS, { hasOpenNextStep: true, strengthBefore: 95 });
    expect(s.flags).toContain('cooling');
  });
});

describe('responsiveness', () => {
  it('rewards fast answers over slow ones', () => {
    const fast = [10, 40, 70].flatMap((d) => emailAnswered(now - days(d), hours(0.5)));
    const slow = [10, 40, 70].flatMap((d) => emailAnswered(now - days(d), days(5)));
    const r = (events: FoldEvent[]) => score(events).components.find((c) => c.key === 'responsiveness')?.value ?? 0;
    expect(r(fast)).toBe(1);
    expect(r(slow)).toBeCloseTo(0.4);
    expect(score(fast).components.find((c) => c.key === 'responsiveness')?.evidence).toMatch(
      /100% of the messages you started/,
    );
  });
});

describe('a follow-up of the user’s', () => {
  const responsiveness = (events: FoldEvent[], at = now) =>
    score(events, at).components.find((c) => c.key === 'responsiveness');

  it('when answered, answers the message it followed up too, each with its own delay', () => {
    const asked = now - days(20);
    const nudged = asked + days(4);
    const events = [
      interaction(asked, 'email', 'out'),
      interaction(nudged, 'email', 'out', { replyTo: { at: asked } }),
      interaction(nudged + hours(2), 'email', 'in', { replyTo: { at: nudged } }),
    ];
    // both answered: a share of 100%; one answered in 2 h (fast), one after 4 days (slow)
    expect(responsiveness(events)?.evidence).toMatch(/they answered 100% of the messages/);
    const direct = [
      interaction(asked, 'email', 'out'),
      interaction(nudged + hours(2), 'email', 'in', { replyTo: { at: asked } }),
    ];
    const nudgedOnly = [
      interaction(nudged, 'email', 'out'),
      interaction(nudged + hours(2), 'email', 'in', { replyTo: { at: nudged } }),
    ];
    const value = (e: FoldEvent[]) => responsiveness(e)?.value ?? 0;
    expect(value(events)).toBeGreaterThan(value(direct));
    expect(value(events)).toBeLessThan(value(nudgedOnly));
  });

  it('left unanswered, still counts against them with the message it followed up', () => {
    const asked = now - days(20);
    const events = [
      ...emailAnswered(now - days(60), hours(1)),
      interaction(asked, 'email', 'out'),
      interaction(asked + days(4), 'email', 'out', { replyTo: { at: asked } }),
    ];
    // one of three answered; recent messages weigh more, so the two unanswered bring it under a third
    expect(responsiveness(events)?.evidence).toMatch(/they answered 30% of the messages/);
  });

  it('answers nothing older than the run: an earlier, separate message stays unanswered', () => {
    const events = [
      interaction(now - days(30), 'email', 'out'),
      interaction(now - days(20), 'email', 'out'),
      interaction(now - days(16), 'email', 'out', { replyTo: { at: now - days(20) } }),
      interaction(now - days(15), 'email', 'in', { replyTo: { at: now - days(16) } }),
    ];
    // two of three answered (decayed: 68%); the one 30 days ago was not, though nothing came between
    expect(responsiveness(events)?.evidence).toMatch(/they answered 68% of the messages/);
  });
});

describe('a message of the user’s under a day old', () => {
  const fastAnswers = () => [10, 40, 70].flatMap((d) => emailAnswered(now - days(d), hours(0.5)));
  const responsiveness = (events: FoldEvent[], at: number) =>
    score(events, at).components.find((c) => c.key === 'responsiveness');

  it('does not count as unanswered until it is a day old', () => {
    const events = [...fastAnswers(), interaction(now - hours(2), 'email', 'out')];
    expect(responsiveness(events, now)?.value).toBe(1);
    expect(responsiveness(events, now)?.evidence).toMatch(
      /100% of the messages you started.*1 message of the last 24 h not counted until a day old/,
    );
    expect(responsiveness(events, now + hours(21))?.value).toBe(1);
    // a day old and still unanswered: it counts, and the share falls
    expect(responsiveness(events, now + hours(23))?.value).toBeLessThan(0.9);
    expect(responsiveness(events, now + hours(23))?.evidence).toMatch(/they answered 7\d% of the messages/);
  });

  it('counts in full once answered, however soon', () => {
    const answered = [...fastAnswers(), ...emailAnswered(now - hours(2), hours(1))];
    expect(responsiveness(answered, now)?.value).toBe(1);
    expect(responsiveness(answered, now)?.evidence).not.toMatch(/not counted/);
  });

  it('leaves the score as it was with nothing else to go on', () => {
    const alone = [interaction(now - hours(2), 'email', 'out')];
    expect(responsiveness(alone, now)?.value).toBe(0);
    expect(responsiveness(alone, now)?.evidence).toMatch(/awaited their answer for a day yet/);
  });

  it('does not make a relationship one-sided on the day the user writes', () => {
    // they answered one of the user's messages and started nothing; three more were written today
    const events = [
      ...emailAnswered(now - days(100), hours(3)),
      ...[10, 7, 3].map((h) => interaction(now - hours(h), 'email', 'out')),
    ];
    expect(score(events, now).class).toBe('passive');
    expect(score(events, now + days(2)).class).toBe('one-sided');
  });

  it('holds to it for forty messages in one day', () => {
    const burst = Array.from({ length: 40 }, (_, i) => interaction(now - hours(20) + i * hours(0.5), 'email', 'out'));
    expect(score(burst, now).class).toBe('passive');
    const events = [...fastAnswers(), ...burst];
    expect(responsiveness(events, now)?.value).toBe(1);
    expect(responsiveness(events, now)?.evidence).toMatch(/40 messages of the last 24 h not counted/);
  });

  it('does not make someone written to three times today, never before, one-sided until a day has passed', () => {
    const events = [10, 7, 3].map((h) => interaction(now - hours(h), 'email', 'out'));
    expect(score(events, now).class).toBe('passive');
    expect(score(events, now + days(2)).class).toBe('one-sided');
  });
});

describe('stage overrides', () => {
  it('shows the override and keeps the inferred stage', () => {
    const e = evaluate(foldAll(alex()), now, { ...NO_SETTINGS, stageOverride: 'trusted' });
    expect(e.stage).toBe('trusted');
    expect(e.stageInferred).toBe('acquainted');
    expect(e.stageOverridden).toBe(true);
  });
});
