import { type Kysely, type Selectable, sql } from 'kysely';
import type { Exchange } from '../domain/records.js';
import { CATEGORIES, type Category, type ExchangeDirection, isOneOf } from '../domain/vocabulary.js';
import { newId } from './id-floors.js';
import type { Database, ExchangeTable } from './schema.js';

type Db = Kysely<Database>;

export interface NewExchange {
  /** the id to take (a copy restored into a new database keeps its ids); the next one when absent */
  id?: number | undefined;
  uid: string;
  personId: number;
  direction: ExchangeDirection;
  category: Category;
  note: string;
  impact: string | null;
  acknowledgedAt: number | null;
  at: number;
  introducedPersonId: number | null;
}

export function toExchange(r: Selectable<ExchangeTable>): Exchange {
  return {
    id: Number(r.id),
    uid: r.uid,
    personId: Number(r.person_id),
    direction: r.direction === 'received' ? 'received' : 'given',
    category: isOneOf(CATEGORIES, r.category) ? r.category : 'knowledge',
    note: r.note,
    impact: r.impact,
    acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    at: Number(r.at),
    introducedPersonId: r.introduced_person_id === null ? null : Number(r.introduced_person_id),
  };
}

export async function insertExchange(db: Db, workspaceId: number, e: NewExchange, now: number): Promise<number> {
  const row = await db
    .insertInto('exchanges')
    .values({
      ...(e.id !== undefined ? { id: e.id } : newId(db, 'exchanges')),
      workspace_id: workspaceId,
      uid: e.uid,
      person_id: e.personId,
      direction: e.direction,
      category: e.category,
      note: e.note,
      impact: e.impact,
      acknowledged_at: e.acknowledgedAt,
      at: e.at,
      introduced_person_id: e.introducedPersonId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findExchange(db: Db, workspaceId: number, id: number): Promise<Exchange | undefined> {
  const row = await db
    .selectFrom('exchanges')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toExchange(row) : undefined;
}

export async function acknowledgeExchange(db: Db, workspaceId: number, id: number, at: number) {
  await db
    .updateTable('exchanges')
    .set({ acknowledged_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function exchangesOf(db: Db, workspaceId: number, personId: number, upTo: number) {
  const rows = await db
    .selectFrom('exchanges')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .where('at', '<=', upTo)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toExchange);
}

/** Value given between `from` and `to` whose impact they have not acknowledged by `now`. */
export async function unacknowledgedGiven(
  db: Db,
  workspaceId: number,
  from: number,
  to: number,
  now: number,
  limit: number,
) {
  // ids and times first, from the index alone, then only the rows kept
  // not acknowledged, or only after `now`: two ranges of exchanges_open
  const open = (never: boolean) =>
    db
      .selectFrom('exchanges')
      .select(['id', 'at'])
      .where('workspace_id', '=', workspaceId)
      .where('direction', '=', 'given')
      .where('acknowledged_at', never ? 'is' : '>', never ? null : now)
      .where('at', '>=', from)
      .where('at', '<=', to);
  const keys = await open(true).unionAll(open(false)).orderBy('at', 'desc').limit(limit).execute();
  if (keys.length === 0) return [];
  const byId = new Map<number, Exchange>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('exchanges')
      .selectAll()
      .where(sql<number>`+workspace_id`, '=', workspaceId)
      .where(
        'id',
        'in',
        keys.slice(i, i + 500).map((k) => k.id),
      )
      .execute();
    for (const r of rows) byId.set(Number(r.id), toExchange(r));
  }
  return keys.flatMap((k) => byId.get(Number(k.id)) ?? []);
}
