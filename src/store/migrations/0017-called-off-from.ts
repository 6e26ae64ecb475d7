import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * A recurring series cancelled from a moment on (the CANCEL's DTSTAMP: what happened before it
 * stays): the moment, epoch ms, beside `called_off`; NULL for an event called off whole. A
 * version of the series no newer, imported later, brings back none of the occurrences after it.
 */
export function calledOffFrom(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_versions').addColumn('called_off_from', t.int64).execute();
    },
  };
}
