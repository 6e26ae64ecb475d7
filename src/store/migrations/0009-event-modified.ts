import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * When the version of a calendar event an import kept was last changed (LAST-MODIFIED, epoch ms;
 * 0 when the file did not say): a later file with the same SEQUENCE and a later change replaces
 * it (calendars edited without raising SEQUENCE). Versions stored before are NULL: unknown, so the
 * next file only records its time and replaces nothing. (Frozen with its release: the rule lives
 * in app/import/calendar.ts.)
 */
export function eventModified(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_versions').addColumn('modified', t.int64).execute();
    },
  };
}
