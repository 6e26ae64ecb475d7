import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * When the user set a person's stage by hand (epoch ms): a day replayed before it (`--now`) shows
 * the stage the history gave then. NULL for the stages set before this release: the time is not
 * known, and they apply to every day, as they did.
 */
export function stageSetAt(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('people').addColumn('stage_set_at', t.int64).execute();
    },
  };
}
