import { type Kysely, sql } from 'kysely';
import type { Summary } from '../domain/summary.js';
import type { Store } from './database.js';
import type { Database } from './schema.js';
import { rowToSummary, SUMMARY_COLUMNS, summaryToRow, summaryToValues } from './summary.mapper.js';

type Db = Kysely<Database>;

export async function loadSummaries(db: Db, workspaceId: number, personIds: readonly number[]) {
  const map = new Map<number, Summary>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('summaries')
      .selectAll()
      // looked up by id: the unary plus keeps SQLite from scanning an index on workspace_id instead
      .where(sql<number>`+workspace_id`, '=', workspaceId)
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(Number(r.person_id), rowToSummary(r as unknown as Record<string, unknown>));
  }
  return map;
}

export async function saveSummary(db: Db, workspaceId: number, personId: number, s: Summary): Promise<void> {
  const row = summaryToRow(workspaceId, personId, s);
  const { person_id: _, workspace_id: __, ...rest } = row;
  await db
    .insertInto('summaries')
    .values(row)
    .onConflict((oc) => oc.column('person_id').doUpdateSet(rest))
    .execute();
}

/**
 * A writer for many summaries inside the caller's transaction: a prepared statement on SQLite,
 * batched upserts elsewhere.
 */
export function summaryWriter(store: Store, db: Db, workspaceId: number) {
  if (store.sqlite) {
    const placeholders = SUMMARY_COLUMNS.map(() => '?').join(',');
    // an upsert rather than INSERT OR REPLACE, which deletes the row and inserts it again with
    // every index entry; and only when something changed: a rescore that finds a summary as it
    // was (the usual case) leaves its row and its seven index entries alone
    const updates = SUMMARY_COLUMNS.filter((c) => c !== 'person_id').map((c) => `${c} = excluded.${c}`);
    const stored = SUMMARY_COLUMNS.map((c) => `summaries.${c}`).join(', ');
    const fresh = SUMMARY_COLUMNS.map((c) => `excluded.${c}`).join(', ');
    const stmt = store.sqlite.prepare(
      `INSERT INTO summaries (${SUMMARY_COLUMNS.join(',')}) VALUES (${placeholders})
       ON CONFLICT (person_id) DO UPDATE SET ${updates.join(', ')} WHERE (${stored}) IS NOT (${fresh})`,
    );
    return {
      write: async (personId: number, s: Summary) => {
        stmt.run(...summaryToValues(workspaceId, personId, s));
      },
      flush: async () => {},
    };
  }
  const pending: { personId: number; s: Summary }[] = [];
  const flush = async () => {
    for (const { personId, s } of pending.splice(0)) await saveSummary(db, workspaceId, personId, s);
  };
  return {
    write: async (personId: number, s: Summary) => {
      pending.push({ personId, s });
      if (pending.length >= 500) await flush();
    },
    flush,
  };
}
