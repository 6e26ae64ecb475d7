import { sql } from 'kysely';
import { BULK_RECIPIENTS } from '../../domain/scoring-config.js';
import { findPerson } from '../../store/person.repository.js';
import type { Context } from '../context.js';
import { ownsRecords, rewriteCommonIds } from '../duplicates.js';
import { rebuildSummaries } from '../summaries.js';

type Db = Context['store']['db'];

/** The audience of mail through a list: over the bulk threshold, whoever it names. */
const BULK = BULK_RECIPIENTS + 1;

/** A person an earlier message had made of a mailing list's address, taken out once the list was known. */
export interface ListTakenOut {
  readonly id: number;
  readonly name: string;
  /** the list's address */
  readonly address: string;
  /** interactions they were in, now without them (weighed as mail through a list) */
  readonly interactions: number;
  /** messages that involved nobody else, removed (as mail only to a list is left out) */
  readonly removed: number;
}

/**
 * Takes out the people made of a mailing list's address before mail showed it is one (the user's
 * reply-all to team@ read before any of team@'s list mail): people with no other address, profile
 * or phone, no address-book entry and nothing the user wrote about them. The interactions they
 * were in are then what an import that knew the list stores: weighed as mail through a list (its
 * members reached, bulk), without a sender when the list sent it, and removed when nobody else is
 * left in them. Everyone in them is folded again. The rest are left as they are.
 *
 * `posts`: List-Post addresses; `ids`: List-Id identifiers, which name the list's address with
 * its @ written as a dot (team.acme.example for team@acme.example).
 */
export async function takeOutLists(
  ctx: Context,
  db: Db,
  lists: { readonly posts: readonly string[]; readonly ids: readonly string[] },
): Promise<ListTakenOut[]> {
  const ws = ctx.workspaceId;
  const addresses = new Set(lists.posts);
  // each dot of an id may be the @ of its address
  for (const id of lists.ids)
    for (let i = id.indexOf('.'); i > 0; i = id.indexOf('.', i + 1))
      addresses.add(`${id.slice(0, i)}@${id.slice(i + 1)}`);
  if (addresses.size === 0) return [];
  const holders: { person_id: number | bigint; email: string }[] = [];
  const all = [...addresses];
  for (let i = 0; i < all.length; i += 500)
    holders.push(
      ...(await db
        .selectFrom('person_emails')
        .select(['person_id', 'email'])
        .where('workspace_id', '=', ws)
        .where('email', 'in', all.slice(i, i + 500))
        .execute()),
    );
  const out: ListTakenOut[] = [];
  for (const { person_id, email } of holders) {
    const id = Number(person_id);
    const person = await findPerson(db, ws, id);
    if (!person || out.some((t) => t.id === id)) continue;
    const key = await db
      .selectFrom('person_keys')
      .select('person_id')
      .where('workspace_id', '=', ws)
      .where('person_id', '=', id)
      .executeTakeFirst();
    // more than the list's address (a card in the address book, another address): a person the
    // user keeps, or a shared mailbox that also carries a list; left as it is
    if (
      key !== undefined ||
      person.emails.some((e) => e !== email) ||
      person.linkedin ||
      person.phones.length > 0 ||
      person.notes ||
      person.tier ||
      person.goal ||
      (await ownsRecords(db, ws, id))
    )
      continue;
    const interactionIds = (
      await db.selectFrom('participations').select('interaction_id').where('person_id', '=', id).execute()
    ).map((r) => Number(r.interaction_id));
    await db.deleteFrom('participations').where('person_id', '=', id).execute();
    const others = await rewriteCommonIds(db, interactionIds, id, undefined);
    const removed: number[] = [];
    for (let i = 0; i < interactionIds.length; i += 500) {
      const chunk = interactionIds.slice(i, i + 500);
      const left = new Set(
        (
          await db.selectFrom('participations').select('interaction_id').where('interaction_id', 'in', chunk).execute()
        ).map((r) => Number(r.interaction_id)),
      );
      removed.push(...chunk.filter((x) => !left.has(x)));
      // through the list, a message reached its members: bulk, nobody in common
      await db
        .updateTable('participations')
        .set({
          audience: sql<number>`case when audience > ${BULK} then audience else ${BULK} end`,
          co_ids: null,
        })
        .where('interaction_id', 'in', chunk)
        .execute();
    }
    for (let i = 0; i < removed.length; i += 500)
      await db
        .deleteFrom('interactions')
        .where('workspace_id', '=', ws)
        .where('id', 'in', removed.slice(i, i + 500))
        .execute();
    await db.deleteFrom('summaries').where('person_id', '=', id).execute();
    await db.deleteFrom('people').where('workspace_id', '=', ws).where('id', '=', id).execute();
    await rebuildSummaries(ctx, db, others);
    out.push({ id, name: person.name, address: email, interactions: interactionIds.length, removed: removed.length });
  }
  return out;
}
