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

/** The database file the running command opened, for error messages that must name it. */
export let openedDatabase: string | undefined;

/** A leading ~ as the home folder: the shell leaves it alone in --db=~/x and in a quoted RAPPORT_DB. */
function home(path: string): string {
  return path.replace(/^~(?=$|[/\\])/, homedir());
}

/** --db, else RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db (~/.local/share/rapport/rapport.db). */
export function databasePath(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.db) return resolve(home(opts.db));
  if (env.RAPPORT_DB) return resolve(home(env.RAPPORT_DB));
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'rapport', 'rapport.db');
}

/**
 * Opens the database, runs `fn` with a context at --now (or the clock), and closes it. With
 * `readOnlyRun` (a dry run), a database that does not exist yet is not created: the command runs
 * against an empty one in memory.
 */
export async function withContext<T>(
  opts: GlobalOptions,
  fn: (ctx: Context) => Promise<T>,
  { readOnlyRun = false } = {},
): Promise<T> {
  if (process.env.DATABASE_URL && !opts.db && !process.env.RAPPORT_DB)
    throw new AppError(
      'invalid_input',
      'DATABASE_URL is set, but this version keeps its data in an SQLite file only; unset DATABASE_URL or pass --db FILE',
    );
  const path = databasePath(opts);
  openedDatabase = path;
  const fresh = !existsSync(path);
  const [{ openSqliteStore }, { localContext }] = await Promise.all([
    import('../store/database.js'),
    import('../app/context.js'),
  ]);
  const store = await openSqliteStore(fresh && readOnlyRun ? ':memory:' : path);
  if (fresh && !readOnlyRun) out.note(`Created a new Rapport database at ${path}`);
  try {
    const ctx = await localContext(store, opts.now ?? Date.now());
    return await fn(ctx);
  } finally {
    await store.close();
  }
}
