import { storableLine } from '../domain/clean-text.js';
import type { Need, Offer } from '../domain/records.js';
import type { Category } from '../domain/vocabulary.js';
import { insertNeed, insertOffer, offersBy } from '../store/need-offer.repository.js';
import type { Context } from './context.js';
import { invalid } from './errors.js';
import { resolvePerson } from './people.js';

/** What a person struggles with or wants off their plate; `unmet`: others are not meeting it. */
export async function addNeed(ctx: Context, who: string, text: string, unmet: boolean): Promise<Need> {
  const clean = storableLine(text) ?? '';
  if (!clean) throw invalid('describe the need');
  return ctx.store.db.transaction().execute(async (trx) => {
    const person = await resolvePerson(ctx, who, trx);
    const need = {
      uid: ctx.newUid(),
      personId: person.id,
      text: clean,
      unmet,
      status: 'open' as const,
      createdAt: ctx.now,
    };
    const id = await insertNeed(trx, ctx.workspaceId, need);
    return { id, ...need };
  });
}

/** The user's own strength (no `by`), or what a contact can offer others. */
export async function addOffer(
  ctx: Context,
  input: { text: string; category: Category; tags?: readonly string[] | undefined; by?: string | undefined },
): Promise<Offer> {
  const text = storableLine(input.text) ?? '';
  if (!text) throw invalid('describe the offer');
  const tags = [...new Set((input.tags ?? []).flatMap((t) => storableLine(t) ?? []))];
  return ctx.store.db.transaction().execute(async (trx) => {
    const person = input.by !== undefined ? await resolvePerson(ctx, input.by, trx) : undefined;
    const offer = {
      uid: ctx.newUid(),
      personId: person?.id ?? null,
      text,
      category: input.category,
      tags,
      createdAt: ctx.now,
    };
    const id = await insertOffer(trx, ctx.workspaceId, offer);
    return { id, ...offer };
  });
}

/** The user's own offers (what they can give), as of now, oldest first. */
export async function ownOffers(ctx: Context): Promise<Offer[]> {
  return (await offersBy(ctx.store.db, ctx.workspaceId, null)).filter((o) => o.createdAt <= ctx.now);
}
