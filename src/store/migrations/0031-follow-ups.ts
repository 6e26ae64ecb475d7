import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * An answer to a follow-up of the user's answers the messages it follows up (src/domain/follow-ups.ts):
 * each summary keeps the user's messages still awaiting an answer, with the one each follows up.
 * The summaries stored before hold none, so every workspace holding summaries is marked to be
 * folded again by its next command (as migration 0030 does).
 */
export function followUps(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('summaries')
        .addColumn('resp_waiting', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      // (WHERE true: SQLite reads ON CONFLICT after a bare SELECT as a join's)
      await sql`INSERT INTO workspace_settings (workspace_id, key, value)
        SELECT DISTINCT workspace_id, 'summaries_stale', 'migration 0031' FROM summaries WHERE true
        ON CONFLICT (workspace_id, key) DO NOTHING`.execute(db);
    },
  };
}
