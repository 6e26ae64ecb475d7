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
  readonly newUid: () => string;
}

export async function localContext(store: Store, now: number): Promise<Context> {
  const workspaceId = await ensureLocalWorkspace(store.db, now);
  return { store, workspaceId, now, newUid: uuidV7Generator() };
}
