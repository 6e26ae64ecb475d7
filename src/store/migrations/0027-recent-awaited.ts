import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * A message of the user's counts as unanswered once it is a day old (answer-day.ts): each summary
 * keeps the times of those under a day old at its last event. Summaries stored before start with
 * none and follow at their next change or `rapport rescore`.
 */
export function recentAwaited(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('summaries')
        .addColumn('resp_recent', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  };
}
