import type { ExchangeEvent, FoldEvent, InteractionEvent } from '../src/domain/fold-event.js';
import { DAY_MS, HOUR_MS } from '../src/domain/time.js';
import type { Category, Channel, Depth, Role } from '../src/domain/vocabulary.js';

/** A fixed "now" for tests: 2026-06-01T12:00:00Z. */
export const T0 = Date.UTC(2026, 5, 1, 12);
export const days = (n: number) => n * DAY_MS;
export const hours = (n: number) => n * HOUR_MS;

let seq = 0;

export function interaction(
  at: number,
  channel: Channel,
  role: Role,
  opts: {
    depth?: Depth;
    audience?: number;
    replyTo?: { at: number; role?: Role; firstAnswer?: boolean };
    coParticipants?: number[];
    seq?: number;
  } = {},
): InteractionEvent {
  return {
    kind: 'interaction',
    seq: opts.seq ?? ++seq,
    at,
    channel,
    role,
    depth: opts.depth ?? 'substantive',
    audience: opts.audience ?? 1,
    reply: opts.replyTo
      ? {
          parentAt: opts.replyTo.at,
          parentRole: opts.replyTo.role ?? 'out',
          firstAnswer: opts.replyTo.firstAnswer ?? true,
        }
      : null,
    coParticipants: opts.coParticipants ?? [],
  };
}

export function exchange(
  at: number,
  direction: 'given' | 'received',
  category: Category = 'knowledge',
  opts: { introducedPersonId?: number; seq?: number } = {},
): ExchangeEvent {
  return {
    kind: 'exchange',
    seq: opts.seq ?? ++seq,
    at,
    direction,
    category,
    introducedPersonId: opts.introducedPersonId ?? null,
  };
}

/** The user writes at `at`; they answer `after` later. */
export function emailAnswered(at: number, after: number, depth: Depth = 'substantive'): FoldEvent[] {
  return [
    interaction(at, 'email', 'out', { depth }),
    interaction(at + after, 'email', 'in', { depth, replyTo: { at } }),
  ];
}
