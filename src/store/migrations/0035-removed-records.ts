import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * What the user took back with `rapport remove`, by kind and uid: an import of a JSON copy made
 * before does not put it back (see app/remove.ts). Travels with the workspace's JSON export.
 */
export function removedRecords(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('removed_records')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('removed_at', t.int64, (c) => c.notNull())
        .addPrimaryKeyConstraint('removed_records_pk', ['workspace_id', 'kind', 'uid'])
        .execute();
    },
  };
}
