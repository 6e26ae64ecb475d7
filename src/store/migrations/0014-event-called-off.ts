import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Whether the version kept of one occurrence of a series calls it off: 1 cancelled, 2 declined by
 * the user, 0 not. A version of the whole series from another file, no newer than that, does not
 * bring the occurrence back (files imported in any order give the same meetings). Versions stored
 * before are 0. (Frozen with its release: the rule lives in app/import/calendar.ts.)
 */
export function eventCalledOff(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('event_versions')
        .addColumn('called_off', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
