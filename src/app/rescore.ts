import { countPeople } from '../store/person.repository.js';
import { deleteSetting, getSetting, SUMMARIES_STALE } from '../store/workspace.repository.js';
import type { Context } from './context.js';
import { personIdChunks } from './evaluation.js';
import { rebuildSummaries } from './summaries.js';

export interface RescoreReport {
  people: number;
  events: number;
}

/**
 * Rebuilds every relationship summary from the raw events, in one transaction: reads the
 * events in primary-key order one block of people at a time (bounded memory), folds them and
 * writes the summaries. The result equals what the incremental path keeps.
 */
export async function rescore(
  ctx: Context,
  onProgress?: (done: number, total: number) => void,
): Promise<RescoreReport> {
  const total = await countPeople(ctx.store.db, ctx.workspaceId);
  return ctx.store.db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for await (const chunk of personIdChunks({ ...ctx, store: { ...ctx.store, db: trx } }, 10_000)) ids.push(...chunk);
    const events = await rebuildSummaries(ctx, trx, ids, (done) => onProgress?.(done, total));
    return { people: ids.length, events };
  });
}

/**
 * Folds every relationship again when a migration left the workspace's summaries out of date
 * (SUMMARIES_STALE), and clears the mark; undefined when nothing was to do. A command interrupted
 * meanwhile leaves the mark, and the next one folds again.
 */
export async function rescoreIfStale(
  ctx: Context,
  onProgress?: (done: number, total: number) => void,
): Promise<RescoreReport | undefined> {
  if ((await getSetting(ctx.store.db, ctx.workspaceId, SUMMARIES_STALE)) === undefined) return undefined;
  const report = await rescore(ctx, onProgress);
  await deleteSetting(ctx.store.db, ctx.workspaceId, SUMMARIES_STALE);
  return report;
}
