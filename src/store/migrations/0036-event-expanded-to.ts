import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * How far (epoch ms: the `now` of the import that last read it) a kept calendar series was
 * expanded: a slot of it at or before that time that was not stored is one the series does not
 * have (cut short, taken out, moved). NULL for versions kept before this release: not known.
 */
export function eventExpandedTo(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_versions').addColumn('expanded_to', t.int64).execute();
    },
  };
}
