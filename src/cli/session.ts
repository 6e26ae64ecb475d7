import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Context } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { out } from './output.js';

export interface GlobalOptions {
  db?: string;
  now?: number;
}

/** --db, else RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db (~/.local/share/rapport/rapport.db). */
export function databasePath(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.db) return resolve(opts.db);
  if (env.RAPPORT_DB) return resolve(env.RAPPORT_DB);
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'rapport', 'rapport.db');
}

/** Opens the database, runs `fn` with a context at --now (or the clock), and closes it. */
export async function withContext<T>(opts: GlobalOptions, fn: (ctx: Context) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL && !opts.db && !process.env.RAPPORT_DB)
    throw new AppError(
      'invalid_input',
      'DATABASE_URL is set, but this version keeps its data in an SQLite file only; unset DATABASE_URL or pass --db FILE',
    );
  const path = databasePath(opts);
  const fresh = !existsSync(path);
  const [{ openSqliteStore }, { localContext }] = await Promise.all([
    import('../store/database.js'),
    import('../app/context.js'),
  ]);
  const store = await openSqliteStore(path);
  if (fresh) out.note(`Created a new Rapport database at ${path}`);
  try {
    const ctx = await localContext(store, opts.now ?? Date.now());
    return await fn(ctx);
  } finally {
    await store.close();
  }
}
