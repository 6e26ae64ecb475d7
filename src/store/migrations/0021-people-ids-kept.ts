import { type Kysely, sql } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * A person's id is never given to another: SQLite gives a new row the highest id plus one, so the
 * id of the person added last, once merged away or taken out, went to the next person added, and
 * a script's second `merge 1 2` merged someone else. The highest id ever deleted is kept in
 * `id_floors` (by a trigger, whatever deletes the row) and new people get an id above it
 * (PostgreSQL's identity columns never give an id twice: there the table stays empty).
 */
export function peopleIdsKept(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('id_floors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('floor', t.int64, (c) => c.notNull())
        .execute();
      if (dialect !== 'sqlite') return;
      await sql`CREATE TRIGGER people_id_floor AFTER DELETE ON people BEGIN
        INSERT INTO id_floors (name, floor) VALUES ('people', OLD.id)
          ON CONFLICT (name) DO UPDATE SET floor = max(floor, excluded.floor);
      END`.execute(db);
    },
  };
}
