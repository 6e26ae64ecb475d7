import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * How far (epoch ms: the `now` of the import that last read it) a kept calendar series was
 * expanded: a slot of it at or before that time that was not stored is one the series does not
 * have (cut short, taken out, moved). A version kept before this release is given the `now` of the
 * latest import that stored one of its occurrences; NULL when none did (not known).
 */
export function eventExpandedTo(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_versions').addColumn('expanded_to', t.int64).execute();
      await backfillExpandedTo(db);
    },
  };
}

/**
 * The versions kept before migration 0036 (expanded_to NULL): expanded at least up to the `now` of
 * the latest import that stored one of their occurrences (interactions.created_at), a bound no
 * later than the truth. Those none of whose occurrences is stored stay NULL (not known).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
export async function backfillExpandedTo(db: Kysely<any>): Promise<void> {
  const versions = await db
    .selectFrom('event_versions')
    .select(['workspace_id', 'source', 'event_key'])
    .where('expanded_to', 'is', null)
    .execute();
  for (const v of versions) {
    const row = await db
      .selectFrom('interactions')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('workspace_id', '=', v.workspace_id)
      .where('source', '=', v.source)
      // its occurrences: UID@RECURRENCE-ID ("A" is the character after "@")
      .where('external_id', '>=', `${v.event_key}@`)
      .where('external_id', '<', `${v.event_key}A`)
      .executeTakeFirst();
    if (row?.at == null) continue;
    await db
      .updateTable('event_versions')
      .set({ expanded_to: Number(row.at) })
      .where('workspace_id', '=', v.workspace_id)
      .where('source', '=', v.source)
      .where('event_key', '=', v.event_key)
      .execute();
  }
}
