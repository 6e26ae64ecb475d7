import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * The tables whose ids are never given twice (migrations 0021 and 0033). SQLite gives a new row
 * the highest id left plus one, so once the row added last was removed its id went to the next
 * one, and a script's second `remove interaction 500` removed another. A trigger keeps the highest
 * id deleted from each in `id_floors`; new rows take an id above it. PostgreSQL's identity columns
 * never give an id twice: there the floors stay empty.
 */
export const FLOORED_TABLES = [
  'people',
  'interactions',
  'exchanges',
  'needs',
  'offers',
  'next_steps',
  'milestones',
] as const;
export type FlooredTable = (typeof FLOORED_TABLES)[number];

/** SQL for a new row's id in `table` on SQLite: above every id given before, a deleted row's too. */
export function nextIdSql(table: FlooredTable): string {
  return `max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT floor FROM id_floors WHERE name = '${table}'), 0)) + 1`;
}

export function isSqlite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The `id` value to insert a row of `table` with: computed above the floor on SQLite, the database's own elsewhere. */
export function newId(db: Kysely<Database>, table: FlooredTable): { id?: RawBuilder<number> } {
  return isSqlite(db) ? { id: sql<number>`(${sql.raw(nextIdSql(table))})` } : {};
}
