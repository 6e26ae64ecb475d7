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
