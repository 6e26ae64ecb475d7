import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * When the organisation and title an import set were true as of (epoch ms): the date of the file
 * or record that gave them (a vCard's REV, the latest date in a LinkedIn export, a file's time).
 * An older file does not roll a newer job back. NULL when not known (set by the user, or before).
 */
export function jobAt(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('people').addColumn('job_at', t.int64).execute();
    },
  };
}
