import type { Kysely } from 'kysely';
import type { ExchangeEvent, FoldEvent, InteractionEvent } from '../domain/fold-event.js';
import {
  CATEGORIES,
  CHANNELS,
  DEPTHS,
  type ExchangeDirection,
  isOneOf,
  ROLES,
  type Role,
} from '../domain/vocabulary.js';
import type { Store } from './database.js';
import { NOT_IN_PARENT } from './interaction.repository.js';
import { readIds } from './json-column.js';
import { preparedRaw } from './rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** exchanges columns, in this order */
const E_COLUMNS = 'person_id, at, id, direction, category, introduced_person_id';

type PRow = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number,
  string | null,
];
type ERow = [number, number, number, string, string, number | null];

/** The participation columns a fold event is made of, in the order participationEvent reads them. */
export const EVENT_COLUMNS = [
  'person_id',
  'at',
  'interaction_id',
  'channel',
  'role',
  'depth',
  'audience',
  'parent_at',
  'parent_role',
  'first_answer',
  'co_ids',
] as const;
/** the same columns for raw SQL */
const P_COLUMNS = EVENT_COLUMNS.join(', ');

export function participationEvent(r: PRow): InteractionEvent {
  return {
    kind: 'interaction',
    at: Number(r[1]),
    seq: Number(r[2]),
    channel: CHANNELS[r[3]] ?? 'email',
    role: ROLES[r[4]] ?? 'mutual',
    depth: DEPTHS[r[5]] ?? 'substantive',
    audience: Number(r[6]),
    reply:
      r[7] === null
        ? null
        : { parentAt: Number(r[7]), parentRole: parentRoleOf(r[8] ?? 2), firstAnswer: Number(r[9]) === 1 },
    coParticipants: r[10] === null ? NO_IDS : readIds(r[10]),
  };
}

/** A stored parent_role as the fold reads it: null for NOT_IN_PARENT (see there). */
function parentRoleOf(stored: number): Role | null {
  return stored === NOT_IN_PARENT ? null : (ROLES[stored] ?? 'mutual');
}

/** shared by every event without co-participants: one empty list instead of one per event */
const NO_IDS: readonly number[] = Object.freeze([]);

export function exchangeEvent(r: ERow): ExchangeEvent {
  return {
    kind: 'exchange',
    at: Number(r[1]),
    seq: Number(r[2]),
    direction: (r[3] === 'received' ? 'received' : 'given') satisfies ExchangeDirection,
    category: isOneOf(CATEGORIES, r[4]) ? r[4] : 'knowledge',
    introducedPersonId: r[5] === null ? null : Number(r[5]),
  };
}

export interface EventRange {
  /** the lowest and highest person id to read, inclusive */
  readonly fromPerson: number;
  readonly toPerson: number;
  /** only events at or before this instant */
  readonly upTo: number;
}

/**
 * Reads the fold events of every person whose id lies in the range, grouped by person, in
 * primary-key order. SQLite reads through prepared statements in raw mode (the covering
 * primary key of participations); other engines through the query builder.
 */
export async function readEventsByPerson(store: Store, db: Db, workspaceId: number, range: EventRange) {
  const byPerson = new Map<number, FoldEvent[]>();
  const push = (personId: number, e: FoldEvent) => {
    const list = byPerson.get(personId);
    if (list) list.push(e);
    else byPerson.set(personId, [e]);
  };
  const upTo = Number.isFinite(range.upTo) ? range.upTo : Number.MAX_SAFE_INTEGER;
  if (store.sqlite) {
    const p = store.sqlite.prepare(
      `SELECT ${P_COLUMNS} FROM participations WHERE workspace_id = ? AND person_id BETWEEN ? AND ? AND at <= ?`,
    );
    for (const r of p.raw(true).iterate(workspaceId, range.fromPerson, range.toPerson, upTo) as Iterable<PRow>)
      push(r[0], participationEvent(r));
    const e = store.sqlite.prepare(
      `SELECT ${E_COLUMNS} FROM exchanges WHERE workspace_id = ? AND person_id BETWEEN ? AND ? AND at <= ?`,
    );
    for (const r of e.raw(true).iterate(workspaceId, range.fromPerson, range.toPerson, upTo) as Iterable<ERow>)
      push(r[0], exchangeEvent(r));
    return byPerson;
  }
  const ps = await db
    .selectFrom('participations')
    .select(EVENT_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '>=', range.fromPerson)
    .where('person_id', '<=', range.toPerson)
    .where('at', '<=', upTo)
    .execute();
  for (const r of ps)
    push(
      Number(r.person_id),
      participationEvent([
        Number(r.person_id),
        r.at,
        r.interaction_id,
        r.channel,
        r.role,
        r.depth,
        r.audience,
        r.parent_at,
        r.parent_role,
        r.first_answer,
        r.co_ids,
      ]),
    );
  const es = await db
    .selectFrom('exchanges')
    .select(['person_id', 'at', 'id', 'direction', 'category', 'introduced_person_id'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '>=', range.fromPerson)
    .where('person_id', '<=', range.toPerson)
    .where('at', '<=', upTo)
    .execute();
  for (const r of es)
    push(
      Number(r.person_id),
      exchangeEvent([Number(r.person_id), r.at, Number(r.id), r.direction, r.category, r.introduced_person_id]),
    );
  return byPerson;
}

/**
 * The small codes of a participation packed into one integer by the database (channel, role,
 * depth, first answer, parent role + 1, audience): six columns fewer to hand over per row, which
 * is most of what reading a row costs. Null when a code lies outside its field (never written by
 * participationRows): that row is then read again as it is stored.
 */
const PACKED = `CASE WHEN channel = (channel & 15) AND role = (role & 15) AND depth = (depth & 15)
  AND first_answer = (first_answer & 1) AND audience = (audience & 1073741823)
  AND (parent_role IS NULL OR parent_role = (parent_role & 7))
  THEN channel | (role << 4) | (depth << 8) | (first_answer << 12) | (coalesce(parent_role + 1, 0) << 13) | (audience << 17) END`;
const PARTICIPATIONS_IN_ORDER = `SELECT person_id, at, interaction_id, ${PACKED}, parent_at, co_ids FROM participations WHERE workspace_id = ? AND person_id BETWEEN ? AND ? AND at <= ? ORDER BY person_id, at, interaction_id`;
const PARTICIPATION = `SELECT ${P_COLUMNS} FROM participations WHERE workspace_id = ? AND person_id = ? AND at = ? AND interaction_id = ?`;
type PackedRow = [number, number, number, number | null, number | null, string | null];

/** participationEvent of a row read with PACKED (the same event, field by field). */
function packedEvent(r: PackedRow, packed: number): InteractionEvent {
  const parentRole = (packed >> 13) & 15;
  return {
    kind: 'interaction',
    at: Number(r[1]),
    seq: Number(r[2]),
    channel: CHANNELS[packed & 15] ?? 'email',
    role: ROLES[(packed >> 4) & 15] ?? 'mutual',
    depth: DEPTHS[(packed >> 8) & 15] ?? 'substantive',
    audience: Math.floor(packed / 2 ** 17),
    reply:
      r[4] === null
        ? null
        : {
            parentAt: Number(r[4]),
            parentRole: parentRoleOf(parentRole === 0 ? 2 : parentRole - 1),
            firstAnswer: ((packed >> 12) & 1) === 1,
          },
    coParticipants: r[5] === null ? NO_IDS : readIds(r[5]),
  };
}
const EXCHANGES_IN_ORDER = `SELECT ${E_COLUMNS} FROM exchanges WHERE workspace_id = ? AND person_id BETWEEN ? AND ? AND at <= ? ORDER BY person_id, at, id`;

/**
 * SQLite only (returns false elsewhere): calls `visit` with every fold event of the people in
 * the range, person by person in id order, each person's events in fold order (compareEvents:
 * time, interactions before exchanges, then id). Participations come straight from their
 * primary key and are merged with the exchanges on the way, so a caller can fold the events as
 * they arrive, without holding or sorting them.
 */
export function visitEventsInFoldOrder(
  store: Store,
  workspaceId: number,
  range: EventRange,
  visit: (personId: number, event: FoldEvent) => void,
): boolean {
  const raw = store.sqlite;
  if (!raw) return false;
  const upTo = Number.isFinite(range.upTo) ? range.upTo : Number.MAX_SAFE_INTEGER;
  const args = [workspaceId, range.fromPerson, range.toPerson, upTo];
  const exchanges = preparedRaw(raw, EXCHANGES_IN_ORDER).all(...args) as ERow[];
  let x = 0;
  let next = exchanges[0];
  for (const r of preparedRaw(raw, PARTICIPATIONS_IN_ORDER).iterate(...args) as Iterable<PackedRow>) {
    const person = r[0];
    // exchanges at the same instant fold after the interactions
    while (next !== undefined && (next[0] < person || (next[0] === person && next[1] < r[1]))) {
      visit(next[0], exchangeEvent(next));
      next = exchanges[++x];
    }
    const packed = r[3];
    if (packed !== null) visit(person, packedEvent(r, packed));
    else
      visit(
        person,
        participationEvent(raw.prepare(PARTICIPATION).raw(true).get(workspaceId, person, r[1], r[2]) as PRow),
      );
  }
  for (; next !== undefined; next = exchanges[++x]) visit(next[0], exchangeEvent(next));
  return true;
}

export async function readPersonEvents(store: Store, db: Db, workspaceId: number, personId: number, upTo: number) {
  const map = await readEventsByPerson(store, db, workspaceId, { fromPerson: personId, toPerson: personId, upTo });
  return map.get(personId) ?? [];
}

/** The fold events one interaction produced, one per participant. */
export async function readInteractionEvents(db: Db, interactionId: number) {
  const rows = await db
    .selectFrom('participations')
    .select(EVENT_COLUMNS)
    .where('interaction_id', '=', interactionId)
    .execute();
  return rows.map((r) => ({
    personId: Number(r.person_id),
    event: participationEvent([
      Number(r.person_id),
      Number(r.at),
      Number(r.interaction_id),
      r.channel,
      r.role,
      r.depth,
      r.audience,
      r.parent_at === null ? null : Number(r.parent_at),
      r.parent_role,
      r.first_answer,
      r.co_ids,
    ]),
  }));
}

/**
 * The message each of a person's answers (up to `upTo`) answers: interaction id to the id of the
 * interaction it answers, for the contract's reply counts (see relationshipStats).
 */
export async function readReplyParents(
  db: Db,
  workspaceId: number,
  personId: number,
  upTo: number,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('participations as p')
    .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
    .select(['p.interaction_id', 'i.reply_to_id'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.person_id', '=', personId)
    .where('p.at', '<=', upTo)
    .where('p.parent_at', 'is not', null)
    .where('i.reply_to_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [Number(r.interaction_id), Number(r.reply_to_id)]));
}
