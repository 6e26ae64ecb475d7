import { ROLES } from '../../domain/vocabulary.js';
import type { MailLists } from '../../importers/mail.js';
import { getSetting, setSetting } from '../../store/workspace.repository.js';
import type { Context } from '../context.js';

type Db = Context['store']['db'];

/** The workspace setting that remembers the mailing lists mail imports have seen. */
const LISTS = 'mail.lists';
/** Lists remembered at most of each kind (the latest seen are kept). */
const MAX_LISTS = 5000;

/**
 * The mailing lists earlier mail imports saw (List-Post addresses and List-Id identifiers), so a
 * list's address in a later file, sent without list headers (a reply-all from the Sent folder),
 * is still known as a list and never made a person.
 */
export async function knownLists(ctx: Context, db: Db = ctx.store.db): Promise<MailLists> {
  const raw = await getSetting(db, ctx.workspaceId, LISTS);
  try {
    const v = raw ? (JSON.parse(raw) as Partial<MailLists>) : {};
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    return { posts: strings(v.posts), ids: strings(v.ids) };
  } catch {
    return { posts: [], ids: [] };
  }
}

/** Adds the lists a file showed to those remembered, in the caller's transaction. */
export async function rememberLists(ctx: Context, db: Db, lists: MailLists): Promise<void> {
  const known = await knownLists(ctx, db);
  const merged = {
    posts: [...new Set([...known.posts, ...lists.posts])].slice(-MAX_LISTS),
    ids: [...new Set([...known.ids, ...lists.ids])].slice(-MAX_LISTS),
  };
  if (merged.posts.length !== known.posts.length || merged.ids.length !== known.ids.length)
    await setSetting(db, ctx.workspaceId, LISTS, JSON.stringify(merged));
}

/** Addresses kept at most of those the user wrote to (see writtenToAddresses). */
const MAX_WRITTEN_TO = 100_000;

/**
 * The addresses of people the user wrote to before this import (any channel): mail Gmail sorted
 * into a tab from one of them is personal (see MailContext.writtenTo).
 */
export async function writtenToAddresses(ctx: Context, db: Db = ctx.store.db): Promise<string[]> {
  const rows = await db
    .selectFrom('person_emails as e')
    .select('e.email')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('participations as p')
          .select('p.person_id')
          .whereRef('p.person_id', '=', 'e.person_id')
          .where('p.workspace_id', '=', ctx.workspaceId)
          .where('p.role', '=', ROLES.indexOf('out')),
      ),
    )
    .limit(MAX_WRITTEN_TO)
    .execute();
  return rows.map((r) => r.email);
}
