import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Context, localContext } from '../src/app/context.js';
import { openSqliteStore, type Store } from '../src/store/database.js';

export interface TestDatabase {
  store: Store;
  ctx: Context;
  path: string;
  /** a context at another moment */
  at(now: number): Context;
  close(): Promise<void>;
}

/** A real SQLite file in a fresh temporary folder, removed on close. */
export async function openTestDatabase(now: number): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const path = join(dir, 'rapport.db');
  const store = await openSqliteStore(path);
  const ctx = await localContext(store, now);
  return {
    store,
    ctx,
    path,
    at: (t: number) => ({ ...ctx, now: t }),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
