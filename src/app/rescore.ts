import { countPeople } from '../store/person.repository.js';
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
