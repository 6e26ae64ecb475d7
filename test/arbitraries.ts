import fc from 'fast-check';
import type { ExchangeEvent, FoldEvent, InteractionEvent } from '../src/domain/fold-event.js';
import { CATEGORIES, CHANNELS, DEPTHS, type Role, WRITTEN_CHANNELS } from '../src/domain/vocabulary.js';
import { days, T0 } from './factories.js';

const SPAN = days(900);

const rawInteraction = fc.record({
  offset: fc.integer({ min: 0, max: SPAN }),
  channel: fc.constantFrom(...CHANNELS),
  role: fc.constantFrom<Role>('out', 'in', 'mutual', 'group'),
  depth: fc.constantFrom(...DEPTHS),
  audience: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 }), fc.constant(15)),
  answer: fc.boolean(),
  delay: fc.integer({ min: 60_000, max: days(20) }),
  /** for a message of the user's: a follow-up of it this much later (which the answer, if any, answers) */
  followUp: fc.option(fc.integer({ min: 60_000, max: days(10) }), { nil: null }),
  co: fc.array(fc.integer({ min: 100, max: 130 }), { maxLength: 3 }),
});

const rawExchange = fc.record({
  offset: fc.integer({ min: 0, max: SPAN }),
  direction: fc.constantFrom<'given' | 'received'>('given', 'received'),
  category: fc.constantFrom(...CATEGORIES),
  introduced: fc.option(fc.integer({ min: 100, max: 130 }), { nil: null }),
});

/**
 * A random history of one relationship, ending at or before T0: interactions of every kind,
 * some of the user's messages followed up by another of theirs, some answered (first answers
 * linked to the message they answer, the follow-up where there is one),
 * and ledger entries. Every event has a distinct seq.
 */
export const history = fc
  .tuple(fc.array(rawInteraction, { maxLength: 40 }), fc.array(rawExchange, { maxLength: 8 }))
  .map(([interactions, exchanges]) => {
    const events: FoldEvent[] = [];
    let seq = 0;
    for (const r of interactions) {
      const at = T0 - SPAN + r.offset;
      const e: InteractionEvent = {
        kind: 'interaction',
        seq: ++seq,
        at,
        channel: r.channel,
        role: r.role,
        depth: r.depth,
        audience: r.audience,
        reply: null,
        coParticipants: r.audience > 1 && r.audience <= 10 ? r.co : [],
      };
      events.push(e);
      if (r.role !== 'out' || !WRITTEN_CHANNELS.has(r.channel)) continue;
      let asked = at;
      if (r.followUp !== null && at + r.followUp <= T0) {
        asked = at + r.followUp;
        events.push({ ...e, seq: ++seq, at: asked, reply: { parentAt: at, parentRole: 'out', firstAnswer: true } });
      }
      if (r.answer && asked + r.delay <= T0) {
        events.push({
          ...e,
          seq: ++seq,
          at: asked + r.delay,
          role: 'in',
          reply: { parentAt: asked, parentRole: 'out', firstAnswer: true },
        });
      }
    }
    for (const x of exchanges) {
      const e: ExchangeEvent = {
        kind: 'exchange',
        seq: ++seq,
        at: T0 - SPAN + x.offset,
        direction: x.direction,
        category: x.category,
        introducedPersonId: x.introduced,
      };
      events.push(e);
    }
    return events;
  });

/** A history and a permutation of it: the order in which its events arrive. */
export const historyInAnyOrder = history.chain((events) =>
  fc
    .shuffledSubarray(events, { minLength: events.length, maxLength: events.length })
    .map((arrival) => ({ events, arrival })),
);
