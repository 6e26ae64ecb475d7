import type { Store } from '../store/database.js';
import { ensureLocalWorkspace } from '../store/workspace.repository.js';
import { uuidV7Generator } from './uid.js';

/**
 * What every use case receives: the store, the workspace it works in, and "now", read once
 * per command or request (the --now flag replays any past moment).
 */
export interface Context {
  readonly store: Store;
  readonly workspaceId: number;
  readonly now: number;
  /**
   * The clock when the command started, whatever --now says: what can have happened by now (mail
   * dated after a replayed --now is real mail, stored and left out of that replay's numbers).
   */
  readonly clock: number;
  readonly newUid: () => string;
}

export async function localContext(store: Store, now: number, clock = now): Promise<Context> {
  const workspaceId = await ensureLocalWorkspace(store.db, now);
  return { store, workspaceId, now, clock, newUid: uuidV7Generator() };
}

/** The latest moment a record can be dated (a later one is a clock gone wrong): the clock, or --now when later. */
export function latestPossible(ctx: Context): number {
  return Math.max(ctx.now, ctx.clock);
}
