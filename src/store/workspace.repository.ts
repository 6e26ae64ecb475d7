import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** The local workspace of a single-user database: the first one, created on first use. */
export async function ensureLocalWorkspace(db: Db, now: number): Promise<number> {
  const row = await db.selectFrom('workspaces').select('id').orderBy('id').limit(1).executeTakeFirst();
  if (row) return Number(row.id);
  return createWorkspace(db, 'Local workspace', now);
}

export async function createWorkspace(db: Db, name: string, now: number): Promise<number> {
  const created = await db
    .insertInto('workspaces')
    .values({ name, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(created.id);
}

export async function getSetting(db: Db, workspaceId: number, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('workspace_settings')
    .select('value')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Db, workspaceId: number, key: string, value: string): Promise<void> {
  await db
    .insertInto('workspace_settings')
    .values({ workspace_id: workspaceId, key, value })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet({ value }))
    .execute();
}

export async function deleteSetting(db: Db, workspaceId: number, key: string): Promise<void> {
  await db.deleteFrom('workspace_settings').where('workspace_id', '=', workspaceId).where('key', '=', key).execute();
}

/**
 * The setting a migration leaves in each workspace whose stored summaries it made out of date (what
 * a summary folds changed): the next command folds them again (rescoreIfStale).
 */
export const SUMMARIES_STALE = 'summaries_stale';
