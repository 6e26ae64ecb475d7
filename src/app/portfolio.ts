import { type Portfolio, summarizePortfolio } from '../domain/portfolio.js';
import type { Context } from './context.js';
import { evaluatePeople, inNetworkAt, personIdChunks } from './evaluation.js';

/** How many relationships stand at each class and stage as of ctx.now (not a contact count). */
export async function buildPortfolio(ctx: Context): Promise<Portfolio> {
  const rows = [];
  for await (const ids of personIdChunks(ctx, 2000)) {
    for (const e of await evaluatePeople(ctx, ids, ctx.now))
      if (inNetworkAt(e, ctx.now))
        rows.push({ evaluated: e.evaluated, tier: e.person.tier, wishlist: e.person.wishlist });
  }
  return summarizePortfolio(rows);
}
