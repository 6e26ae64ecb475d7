import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Migrations 0027 (the user's messages under a day old) and 0028 (answers to a message their
 * sender was not in) change what a summary folds: every workspace holding summaries is marked
 * (workspace setting `summaries_stale`, SUMMARIES_STALE in workspace.repository.ts), and the next
 * command folds its relationships again before it runs (src/app/rescore.ts, rescoreIfStale).
 */
export function scoresAfterUpgrade(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      // (WHERE true: SQLite reads ON CONFLICT after a bare SELECT as a join's)
      await sql`INSERT INTO workspace_settings (workspace_id, key, value)
        SELECT DISTINCT workspace_id, 'summaries_stale', 'migrations 0027 and 0028' FROM summaries WHERE true
        ON CONFLICT (workspace_id, key) DO NOTHING`.execute(db);
    },
  };
}
