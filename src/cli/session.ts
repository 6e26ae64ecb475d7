import { existsSync, rmSync } from 'node:fs';
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
  // an empty --db (a script's unset variable) is a mistake, not a request for the default
  if (opts.db !== undefined && opts.db.trim() === '')
    throw new AppError('invalid_input', '--db is empty: give the database file (or leave --db out for the default)');
  if (opts.db) return resolve(home(opts.db));
  if (env.RAPPORT_DB) return resolve(home(env.RAPPORT_DB));
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'rapport', 'rapport.db');
}

/**
 * Opens the database, runs `fn` with a context at --now (or the clock), and closes it. With
 * `readOnlyRun` (a dry run), a database that does not exist yet is not created: the command runs
 * against an empty one in memory. A database this command created is removed again when the
 * command fails and leaves nothing in it (a refused import, a mistyped --db): no empty file is
 * left behind.
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
  const [{ openSqliteStore, holdsNothing, committedNothing }, { localContext }] = await Promise.all([
    import('../store/database.js'),
    import('../app/context.js'),
  ]);
  const created = fresh && !readOnlyRun;
  const store = await openSqliteStore(created ? path : fresh ? ':memory:' : path);
  // Ctrl-C or a kill ends the process before `finally` (main.ts): the file goes then if nothing
  // in it was committed, read through a connection of its own (this one's transaction is open)
  if (created) onInterrupt = () => committedNothing(path) && removeDatabase(path);
  let discard = false;
  try {
    const clock = Date.now();
    const ctx = await localContext(store, opts.now ?? clock, clock);
    if (!fresh && !readOnlyRun) await refoldAfterUpgrade(ctx);
    const result = await fn(ctx);
    if (created) out.note(`Created a new Rapport database at ${path}`);
    return result;
  } catch (error) {
    discard = created && store.sqlite !== null && holdsNothing(store.sqlite);
    if (created && !discard) out.note(`Created a new Rapport database at ${path}`);
    throw error;
  } finally {
    onInterrupt = undefined;
    await store.close();
    if (discard) removeDatabase(path);
  }
}

/**
 * Scores a migration left out of date (a release that changed what a relationship's summary
 * holds) are folded again before the command runs, with a progress bar, and the user is told.
 */
async function refoldAfterUpgrade(ctx: Context): Promise<void> {
  const { getSetting, SUMMARIES_STALE } = await import('../store/workspace.repository.js');
  if ((await getSetting(ctx.store.db, ctx.workspaceId, SUMMARIES_STALE)) === undefined) return;
  const [{ rescoreIfStale }, { progressBar }] = await Promise.all([
    import('../app/rescore.js'),
    import('./progress.js'),
  ]);
  const bar = progressBar('updating scores');
  const started = performance.now();
  const report = await rescoreIfStale(ctx, (done, total) => bar.update(done, total));
  bar.stop();
  if (report)
    out.note(
      `Scores brought up to date after an upgrade: ${report.people.toLocaleString('en')} ${report.people === 1 ? 'relationship' : 'relationships'} folded again from their events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
}

let onInterrupt: (() => void) | undefined;

/**
 * For an interruption (main.ts): removes the database the running command created when nothing
 * in it was committed yet, as a failed command's is (a first import stopped half-way leaves no
 * empty file behind; one that had finished a file keeps it).
 */
export function discardInterruptedDatabase(): void {
  try {
    onInterrupt?.();
  } catch {
    // the file stays: it holds nothing wrong, only nothing yet
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
