import { storableText } from '../domain/clean-text.js';
import { parseInstant } from '../domain/time.js';
import { type Channel, type Depth, type Direction, LIVE_CHANNELS } from '../domain/vocabulary.js';
import { readInteractionEvents } from '../store/fold-events.js';
import { findInteractionIdByExternal, insertInteraction } from '../store/interaction.repository.js';
import type { Context } from './context.js';
import { AppError, happened, invalid } from './errors.js';
import { resolveOrCreate } from './people.js';
import { applyEvents } from './summaries.js';

/** The source of interactions the user logged (`rapport log`). */
export const LOGGED_SOURCE = 'rapport';

type Db = Context['store']['db'];

export interface LogInput {
  /** ids, emails or names; unknown emails create people */
  people: readonly string[];
  channel: Channel;
  direction?: Direction | undefined;
  depth?: Depth | undefined;
  at?: number | undefined;
  minutes?: number | undefined;
  note?: string | undefined;
}

/** Meetings, calls, video and events are mutual unless told; written and social contact is the user's. */
export function defaultDirection(channel: Channel): Direction {
  return LIVE_CHANNELS.has(channel) ? 'mutual' : 'out';
}

export interface Logged {
  id: number;
  participantIds: number[];
  createdPeople: number[];
}

/** Logs an interaction with one or more people, keeping their relationships' scores current. */
export async function logInteraction(ctx: Context, input: LogInput): Promise<Logged> {
  if (input.people.length === 0) throw invalid('name at least one person to log an interaction with');
  if (input.minutes !== undefined && (!Number.isFinite(input.minutes) || input.minutes < 0))
    throw invalid(`minutes must be a positive number, not ${input.minutes}`);
  happened(input.at, ctx.now, 'an interaction logged');
  return ctx.store.db.transaction().execute(async (trx) => {
    const participantIds: number[] = [];
    const createdPeople: number[] = [];
    for (const who of input.people) {
      const { id, created } = await resolveOrCreate(ctx, trx, who);
      if (created) createdPeople.push(id);
      if (!participantIds.includes(id)) participantIds.push(id);
    }
    const id = await recordInteraction(ctx, trx, {
      participantIds,
      channel: input.channel,
      direction: input.direction ?? defaultDirection(input.channel),
      depth: input.depth ?? 'substantive',
      at: input.at ?? ctx.now,
      minutes: input.minutes ?? null,
      note: storableText(input.note) ?? null,
      fromPersonId: null,
      source: LOGGED_SOURCE,
      externalId: null,
      replyToId: null,
    });
    if (id === undefined) throw new AppError('internal', 'the interaction was not stored');
    return { id, participantIds, createdPeople };
  });
}

export interface InteractionRecord {
  participantIds: readonly number[];
  channel: Channel;
  direction: Direction;
  depth: Depth;
  at: number;
  minutes: number | null;
  note: string | null;
  fromPersonId: number | null;
  source: string;
  externalId: string | null;
  replyToId: number | null;
  uid?: string;
}

/**
 * Stores one interaction and folds it into each participant's relationship, in the caller's
 * transaction. An interaction already stored under the same source and external id is not
 * stored again: returns undefined.
 */
export async function recordInteraction(ctx: Context, db: Db, r: InteractionRecord): Promise<number | undefined> {
  if (r.externalId !== null) {
    const existing = await findInteractionIdByExternal(db, ctx.workspaceId, r.source, r.externalId);
    if (existing !== undefined) return undefined;
  }
  const id = await insertInteraction(db, ctx.workspaceId, { ...r, uid: r.uid ?? ctx.newUid() }, ctx.now);
  await applyEvents(ctx, db, await readInteractionEvents(db, id));
  return id;
}

/** Parses a time given on the command line or in a request. */
export function parseTime(text: string, what = 'time'): number {
  const t = parseInstant(text);
  if (t === undefined)
    throw invalid(`"${text}" is not a valid ${what} (use ISO 8601, such as 2026-03-14 or 2026-03-14T09:30:00Z)`);
  return t;
}
