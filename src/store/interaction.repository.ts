import type { Kysely, Selectable } from 'kysely';
import { isBulk } from '../domain/interaction-weight.js';
import { answersAwaitedMessage, participantRole } from '../domain/participation.js';
import type { Interaction } from '../domain/records.js';
import { STRUCTURAL_KEEP } from '../domain/scoring-config.js';
import {
  CHANNELS,
  type Channel,
  DEPTHS,
  type Depth,
  DIRECTIONS,
  type Direction,
  isOneOf,
  ROLES,
  type Role,
} from '../domain/vocabulary.js';
import { newId } from './id-floors.js';
import type { Database, InteractionTable, ParticipationTable } from './schema.js';

type Db = Kysely<Database>;

export interface NewInteraction {
  /** the id to take (a copy restored into a new database keeps its ids); the next one when absent */
  id?: number | undefined;
  uid: string;
  at: number;
  channel: Channel;
  direction: Direction;
  depth: Depth;
  participantIds: readonly number[];
  fromPersonId: number | null;
  minutes: number | null;
  note: string | null;
  source: string;
  externalId: string | null;
  replyToId: number | null;
  /**
   * How many people the interaction involved besides the user, when more than it links: bulk
   * mail whose unknown recipients were not added as people still weighs as bulk.
   */
  audience?: number | undefined;
}

export const code = {
  channel: (c: Channel) => CHANNELS.indexOf(c),
  role: (r: Role) => ROLES.indexOf(r),
  depth: (d: Depth) => DEPTHS.indexOf(d),
};

/** Inserts an interaction and one participation row per person; returns its id. */
export async function insertInteraction(db: Db, workspaceId: number, i: NewInteraction, now: number): Promise<number> {
  const row = await db
    .insertInto('interactions')
    .values({
      ...(i.id !== undefined ? { id: i.id } : newId(db, 'interactions')),
      workspace_id: workspaceId,
      uid: i.uid,
      at: i.at,
      channel: i.channel,
      direction: i.direction,
      depth: i.depth,
      from_person_id: i.fromPersonId,
      minutes: i.minutes,
      note: i.note,
      source: i.source,
      external_id: i.externalId,
      reply_to_id: i.replyToId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const parents = i.replyToId === null ? new Map() : await parentParticipations(db, i.replyToId);
  const rows = participationRows(workspaceId, id, i, parents, i.replyToId === null ? 'nothing' : 'stored');
  if (rows.length > 0) await db.insertInto('participations').values(rows).execute();
  return id;
}

export interface ParentParticipation {
  readonly at: number;
  readonly role: Role;
  /** this person's role in the message the parent itself answered */
  readonly grandparentRole: Role | null;
  /** the parent was bulk mail (see isBulk): it awaited no answer */
  readonly bulk: boolean;
}

/** What a participation row says of its message as a parent: bulk mail awaits no answer. */
export function isBulkRow(channel: number, audience: number): boolean {
  return isBulk(CHANNELS[channel] ?? 'meeting', audience);
}

/**
 * parent_role of a person who was not in the stored message theirs answers (beside ROLES' codes):
 * the answer initiates nothing for them, as DESIGN.md says of every answer, and is no answer to
 * the user (V answering the user's note to W, forwarded to V); a message of the user's answering
 * one they were not in still awaits their answer (domain/fold.ts). Its parent_at is the answer's
 * own time.
 */
export const NOT_IN_PARENT = 4;

/**
 * What a message answering one not stored (answersUnknown) takes for everyone's part in that
 * message: someone else's message (role mutual) at the answer's own time, so that the answer
 * initiates nothing, awaits no answer and has no delay (domain/fold.ts).
 */
const UNKNOWN_PARENT = 2;

/** What an interaction answers: no message, a stored one (`parents` gives who was in it), or one not stored. */
export type Answered = 'nothing' | 'stored' | 'unknown';

/**
 * The participation rows of one interaction: each person's role, the audience, the people in
 * common, and what the message answers as seen by that person (see Answered, NOT_IN_PARENT).
 * `first_answer` starts at 0; settleAnswers sets it once the whole thread is known.
 */
export function participationRows(
  workspaceId: number,
  interactionId: number,
  i: Pick<NewInteraction, 'at' | 'channel' | 'direction' | 'depth' | 'participantIds' | 'fromPersonId' | 'audience'>,
  parents: ReadonlyMap<number, ParentParticipation>,
  answered: Answered,
): ParticipationTable[] {
  const people = [...new Set(i.participantIds)];
  const audience = Math.max(people.length, i.audience ?? 0);
  const bulk = isBulk(i.channel, audience);
  return people.map((personId) => {
    const role = participantRole(i.direction, i.fromPersonId, personId);
    const parent = parents.get(personId);
    const [parentAt, parentRole] = parent
      ? [parent.at, code.role(parent.role)]
      : answered === 'stored'
        ? [i.at, NOT_IN_PARENT]
        : answered === 'unknown'
          ? [i.at, UNKNOWN_PARENT]
          : [null, null];
    const others = bulk || audience < 2 ? [] : people.filter((p) => p !== personId).slice(0, STRUCTURAL_KEEP);
    return {
      workspace_id: workspaceId,
      person_id: personId,
      at: i.at,
      interaction_id: interactionId,
      channel: code.channel(i.channel),
      role: code.role(role),
      depth: code.depth(i.depth),
      audience,
      parent_at: parentAt,
      parent_role: parentRole,
      first_answer: 0,
      co_ids: others.length > 0 ? JSON.stringify(others) : null,
    };
  });
}

/** For each person in a message: when it was, their role in it, and their role in what it answered. */
export async function parentParticipations(db: Db, parentId: number): Promise<Map<number, ParentParticipation>> {
  const rows = await db
    .selectFrom('participations as p')
    .select(['p.person_id', 'p.at', 'p.role', 'p.parent_role', 'p.channel', 'p.audience'])
    .where('p.interaction_id', '=', parentId)
    .execute();
  const map = new Map<number, ParentParticipation>();
  for (const r of rows) {
    map.set(Number(r.person_id), {
      at: Number(r.at),
      role: ROLES[r.role] ?? 'mutual',
      grandparentRole: r.parent_role === null ? null : (ROLES[r.parent_role] ?? null),
      bulk: isBulkRow(r.channel, r.audience),
    });
  }
  return map;
}

/** One answer to a message, from one participant's side, with their roles in that message and in what it answered. */
export interface AnswerRow {
  person_id: number;
  interaction_id: number;
  role: number;
  first_answer: number;
  parent_role: number | null;
  grand_role: number | null;
  parent_channel: number | null;
  parent_audience: number | null;
}

/**
 * The answers to one message, one row per participant, ordered by person, time and id: what
 * settleAnswers reads (the SQL is repeated for SQLite's prepared statement in BulkLoader).
 */
export const ANSWERS_SQL = `SELECT p.person_id, p.interaction_id, p.role, p.first_answer, pp.role AS parent_role, pp.parent_role AS grand_role,
    pp.channel AS parent_channel, pp.audience AS parent_audience
  FROM interactions i
  INNER JOIN participations p ON p.interaction_id = i.id
  LEFT JOIN participations pp ON pp.person_id = p.person_id AND pp.interaction_id = ?
  WHERE i.reply_to_id = ?
  ORDER BY p.person_id, p.at, p.interaction_id`;

/**
 * Among the answers to one message (rows ordered by person, time, id), each person's first
 * answer to a message of the user's that awaited one; returns the rows whose mark must change.
 */
export function answerChanges(
  rows: readonly AnswerRow[],
): { personId: number; interactionId: number; first: boolean }[] {
  const changed: { personId: number; interactionId: number; first: boolean }[] = [];
  const answered = new Set<number>();
  for (const r of rows) {
    const personId = Number(r.person_id);
    const role = ROLES[r.role] ?? 'mutual';
    const parentRole = r.parent_role === null ? null : (ROLES[r.parent_role] ?? null);
    const grand = r.grand_role === null ? null : (ROLES[r.grand_role] ?? null);
    const bulk =
      r.parent_channel !== null && r.parent_audience !== null && isBulkRow(r.parent_channel, r.parent_audience);
    const first = !answered.has(personId) && answersAwaitedMessage(role, parentRole, grand, bulk);
    if (first) answered.add(personId);
    if ((r.first_answer === 1) !== first) changed.push({ personId, interactionId: Number(r.interaction_id), first });
  }
  return changed;
}

/**
 * Marks, among the answers to one message, each person's first answer to a message of the
 * user's that awaited one (first by time, then id), whatever order they were stored in.
 * Returns the rows whose mark changed.
 */
export async function settleAnswers(db: Db, parentId: number) {
  const rows = await db
    .selectFrom('interactions as i')
    .innerJoin('participations as p', 'p.interaction_id', 'i.id')
    .leftJoin('participations as pp', (j) =>
      j.onRef('pp.person_id', '=', 'p.person_id').on('pp.interaction_id', '=', parentId),
    )
    .select([
      'p.person_id',
      'p.interaction_id',
      'p.role',
      'p.first_answer',
      'pp.role as parent_role',
      'pp.parent_role as grand_role',
      'pp.channel as parent_channel',
      'pp.audience as parent_audience',
    ])
    .where('i.reply_to_id', '=', parentId)
    .orderBy('p.person_id')
    .orderBy('p.at')
    .orderBy('p.interaction_id')
    .execute();
  const changed = answerChanges(rows);
  for (const { personId, interactionId, first } of changed) {
    await db
      .updateTable('participations')
      .set({ first_answer: first ? 1 : 0 })
      .where('interaction_id', '=', interactionId)
      .where('person_id', '=', personId)
      .execute();
  }
  return changed.map(({ personId, interactionId }) => ({ personId, interactionId }));
}

export async function findInteractionIdByExternal(db: Db, workspaceId: number, source: string, externalId: string) {
  const row = await db
    .selectFrom('interactions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

export async function findInteractionIdByUid(db: Db, workspaceId: number, uid: string) {
  const row = await db
    .selectFrom('interactions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('uid', '=', uid)
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

/** A person's interactions up to `upTo`, newest first. */
/** A person's interactions, latest first, each with the person's role in it (see Role). */
export async function interactionsOf(
  db: Db,
  workspaceId: number,
  personId: number,
  upTo: number,
  limit?: number,
): Promise<(Interaction & { readonly role: Role })[]> {
  let q = db
    .selectFrom('participations as p')
    .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
    .selectAll('i')
    .select('p.role as person_role')
    .where('p.workspace_id', '=', workspaceId)
    .where('p.person_id', '=', personId)
    .where('p.at', '<=', upTo)
    .orderBy('p.at', 'desc')
    .orderBy('p.interaction_id', 'desc');
  if (limit !== undefined) q = q.limit(limit);
  const rows = await q.execute();
  const interactions = await withParticipants(db, rows);
  return interactions.map((i, k) => ({ ...i, role: ROLES[Number(rows[k]?.person_role)] ?? 'mutual' }));
}

type InteractionRow = Selectable<InteractionTable>;

export async function withParticipants(db: Db, rows: readonly InteractionRow[]): Promise<Interaction[]> {
  const ids = rows.map((r) => Number(r.id));
  const participants = new Map<number, number[]>();
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500);
    const ps = await db
      .selectFrom('participations')
      .select(['interaction_id', 'person_id'])
      .where('interaction_id', 'in', chunk)
      .orderBy('interaction_id')
      .orderBy('person_id')
      .execute();
    for (const p of ps) {
      const id = Number(p.interaction_id);
      const list = participants.get(id);
      if (list) list.push(Number(p.person_id));
      else participants.set(id, [Number(p.person_id)]);
    }
  }
  return rows.map((r) => toInteraction(r, participants.get(Number(r.id)) ?? []));
}

export function toInteraction(r: InteractionRow, participantIds: readonly number[]): Interaction {
  return {
    id: Number(r.id),
    uid: r.uid,
    at: Number(r.at),
    channel: isOneOf(CHANNELS, r.channel) ? r.channel : 'email',
    direction: isOneOf(DIRECTIONS, r.direction) ? r.direction : 'mutual',
    depth: isOneOf(DEPTHS, r.depth) ? r.depth : 'substantive',
    participantIds,
    fromPersonId: r.from_person_id === null ? null : Number(r.from_person_id),
    minutes: r.minutes === null ? null : Number(r.minutes),
    note: r.note,
    source: r.source,
    externalId: r.external_id,
    replyToId: r.reply_to_id === null ? null : Number(r.reply_to_id),
  };
}
