import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * For lists and the daily focus list on large workspaces (see bench/RESULTS.md): the strength
 * as of each summary's last event, an upper bound of its strength at any later moment, indexed
 * so that the strongest are read first; and indexes for the focus list's candidate queries,
 * which read ranges of them instead of scanning every person or summary. Rows written before
 * keep a null strength_key until the next rescore (lists then fall back to scanning).
 */
export function listsAndFocus(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('summaries').addColumn('strength_key', t.real).execute();
      await db.schema
        .createIndex('summaries_strength')
        .on('summaries')
        .columns(['workspace_id', 'strength_key'])
        .execute();
      // people with a cadence of their own (with people_tier: everyone who has a cadence)
      await db.schema.createIndex('people_cadence').on('people').columns(['workspace_id', 'cadence_days']).execute();
      // birthdays, read whole (month-days are compared after reading)
      await db.schema.createIndex('people_birthday').on('people').columns(['workspace_id', 'birthday']).execute();
      // the latest meetings, calls and videos (agree a next step)
      await db.schema.createIndex('summaries_live').on('summaries').columns(['workspace_id', 'live_at']).execute();
      // one-sided patterns: they initiated nothing lately (the other two columns answer from the index)
      await db.schema
        .createIndex('summaries_one_sided')
        .on('summaries')
        .columns(['workspace_id', 'them_init_at', 'u3_at', 'g2_at'])
        .execute();
    },
  };
}
