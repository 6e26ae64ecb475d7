import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * An interaction's, exchange's, need's, offer's, next step's or milestone's id is never given to
 * another once it is removed (`rapport remove`), as migration 0021 did for people: a trigger keeps
 * the highest id deleted from each table in `id_floors`, and new rows take an id above it (see
 * store/id-floors.ts). PostgreSQL's identity columns never give an id twice.
 */
export function recordIdsKept(dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'sqlite') return;
      for (const table of ['interactions', 'exchanges', 'needs', 'offers', 'next_steps', 'milestones']) {
        await sql
          .raw(`CREATE TRIGGER ${table}_id_floor AFTER DELETE ON ${table} BEGIN
            INSERT INTO id_floors (name, floor) VALUES ('${table}', OLD.id)
              ON CONFLICT (name) DO UPDATE SET floor = max(floor, excluded.floor);
          END`)
          .execute(db);
      }
    },
  };
}
