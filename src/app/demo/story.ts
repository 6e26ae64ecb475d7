import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../domain/time.js';
import type { Category, Channel, Depth, Direction } from '../../domain/vocabulary.js';
import type { Plan, PlannedInteraction } from './plan.js';
import type { Rng } from './random.js';

export type LiveChannel = Extract<Channel, 'meeting' | 'call' | 'video' | 'event'>;
export type WrittenChannel = Extract<Channel, 'email' | 'message' | 'letter' | 'social'>;

/** What an interaction needs besides its time and channel. */
export interface Said {
  readonly note: string;
  readonly direction?: Direction;
  readonly depth?: Depth;
  readonly minutes?: number;
  /** others present besides this story's person */
  readonly with?: readonly number[];
}

/**
 * An instant in working hours (UTC) on the day `daysAgo` days before `now`, so within a day
 * of exactly that; never after `now`.
 */
export function workingDay(r: Rng, now: number, daysAgo: number): number {
  const start = Math.floor((now - daysAgo * DAY_MS) / DAY_MS) * DAY_MS;
  const t = start + Math.round((8 + 10 * r.next()) * 60) * MINUTE_MS;
  const earlier = now - r.int(10, 120) * MINUTE_MS;
  return t < now - 10 * MINUTE_MS ? t : earlier;
}

/**
 * Writes one person's history into the plan, in days before `now`. Times fall in working hours
 * and never after `now`; an answer that would come after `now` has simply not come yet.
 */
export class Story {
  constructor(
    private readonly plan: Plan,
    readonly rng: Rng,
    readonly person: number,
  ) {}

  get now(): number {
    return this.plan.now;
  }

  /** An instant in working hours on the day `daysAgo` days before now (see workingDay). */
  day(daysAgo: number): number {
    return workingDay(this.rng, this.now, daysAgo);
  }

  /** Days before now of an instant. */
  ago(t: number): number {
    return (this.now - t) / DAY_MS;
  }

  /** A meeting, call, video call or event: two-way by nature. */
  live(at: number, channel: LiveChannel, said: Said): PlannedInteraction {
    const minutes = said.minutes ?? (channel === 'call' ? this.rng.int(2, 9) * 5 : this.rng.int(5, 18) * 5);
    return this.push({
      uid: this.rng.uid(),
      at,
      channel,
      direction: said.direction ?? 'mutual',
      depth: said.depth ?? 'substantive',
      people: [this.person, ...(said.with ?? [])],
      from: null,
      minutes: channel === 'event' ? null : minutes,
      note: said.note,
      replyTo: null,
    });
  }

  /** A written message (or a like) from the user (`out`) or from them (`in`). */
  write(
    at: number,
    channel: WrittenChannel,
    said: Said & { replyTo?: PlannedInteraction },
  ): PlannedInteraction | undefined {
    // the uid is drawn either way, so that what follows does not depend on the time of day of now
    const uid = this.rng.uid();
    const t = Math.round(at / MINUTE_MS) * MINUTE_MS;
    if (t >= this.now) return undefined;
    const direction = said.direction ?? 'out';
    return this.push({
      uid,
      at: t,
      channel,
      direction,
      depth: said.depth ?? 'substantive',
      people: [this.person, ...(said.with ?? [])],
      from: direction === 'in' && said.with && said.with.length > 0 ? this.person : null,
      minutes: null,
      note: said.note,
      replyTo: said.replyTo?.uid ?? null,
    });
  }

  /** Their answer to a message, `hours` later (on the same channel). */
  answer(parent: PlannedInteraction | undefined, hours: number, said: Said): PlannedInteraction | undefined {
    if (!parent) return this.skip();
    const channel = parent.channel === 'message' ? 'message' : 'email';
    return this.write(parent.at + hours * HOUR_MS, channel, { ...said, direction: 'in', replyTo: parent });
  }

  /** The user's answer to one of their messages, `hours` later. */
  respond(parent: PlannedInteraction | undefined, hours: number, said: Said): PlannedInteraction | undefined {
    if (!parent) return this.skip();
    const channel = parent.channel === 'message' ? 'message' : 'email';
    return this.write(parent.at + hours * HOUR_MS, channel, { ...said, direction: 'out', replyTo: parent });
  }

  /** Value the user gave; acknowledged `ackDays` later (when that is before now), or never (null). */
  give(
    at: number,
    category: Category,
    what: { note: string; impact: string | null },
    ackDays: number | null,
    introduced: number | null = null,
  ) {
    const ack = ackDays === null ? null : Math.round((at + ackDays * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    this.plan.exchanges.push({
      uid: this.rng.uid(),
      person: this.person,
      direction: 'given',
      category,
      note: what.note,
      impact: what.impact,
      acknowledgedAt: ack !== null && ack < this.now ? ack : null,
      at: Math.min(at, this.now - MINUTE_MS),
      introduced,
    });
  }

  /** Value the user received from them. */
  receive(at: number, category: Category, note: string) {
    this.plan.exchanges.push({
      uid: this.rng.uid(),
      person: this.person,
      direction: 'received',
      category,
      note,
      impact: null,
      acknowledgedAt: null,
      at: Math.min(at, this.now - MINUTE_MS),
      introduced: null,
    });
  }

  /** A next step agreed at `createdAt`, due `dueDays` later; done at `doneAt`, or still open (null). */
  step(step: { text: string; why: string | null }, createdAt: number, dueDays: number, doneAt: number | null) {
    this.plan.steps.push({
      uid: this.rng.uid(),
      person: this.person,
      text: step.text,
      why: step.why,
      due: Math.floor((createdAt + dueDays * DAY_MS) / DAY_MS) * DAY_MS + 17 * HOUR_MS,
      createdAt: Math.min(createdAt, this.now - MINUTE_MS),
      doneAt: doneAt !== null && doneAt < this.now ? doneAt : null,
    });
  }

  /** A next step agreed at `createdAt` and still open: due a few days either side of now, mostly ahead. */
  openStep(step: { text: string; why: string | null }, createdAt: number) {
    this.step(step, createdAt, Math.max(2, this.ago(createdAt) + this.rng.between(-4, 21)), null);
  }

  /** A date to celebrate, on the day holding `at`. */
  milestone(text: string, at: number, yearly: boolean) {
    this.plan.milestones.push({
      uid: this.rng.uid(),
      person: this.person,
      text,
      on: new Date(at).toISOString().slice(0, 10),
      yearly,
    });
  }

  /** An answer to a message that was never sent: draws what writing it would have drawn. */
  private skip(): undefined {
    this.rng.uid();
    return undefined;
  }

  private push(i: PlannedInteraction): PlannedInteraction {
    this.plan.interactions.push(i);
    return i;
  }
}
