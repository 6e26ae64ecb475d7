import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type MigrationProvider,
  Migrator,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type { DialectName } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** An open database: the query builder, its engine, and for SQLite the raw handle for bulk work. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly sqlite: BetterSqlite3.Database | null;
  close(): Promise<void>;
}

export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot open the database ${path}: ${reason(cause)}`);
  }
}

function reason(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  // a file or folder the user may not write to (a backup on read-only media, another user's file)
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))
    return 'it is read-only here, and Rapport writes beside it even to read it (its journal): copy it to a folder you can write to';
  return cause instanceof Error ? cause.message : String(cause);
}

/** Whether a database holds nothing but its schema and the local workspace: no row anyone made. */
export function holdsNothing(raw: BetterSqlite3.Database): boolean {
  try {
    const tables = raw
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT IN ('workspaces', 'kysely_migration', 'kysely_migration_lock')`,
      )
      .pluck()
      .all() as string[];
    return tables.every((t) => raw.prepare(`SELECT EXISTS (SELECT 1 FROM "${t}")`).pluck().get() === 0);
  } catch {
    return false;
  }
}

/**
 * Whether what is committed in an SQLite file holds nothing (see holdsNothing), read through a
 * read-only connection of its own: another connection's open transaction is not seen.
 */
export function committedNothing(path: string): boolean {
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return holdsNothing(raw);
  } finally {
    raw.close();
  }
}

/** Opens (creating if needed) an SQLite file and brings its schema up to date. */
export async function openSqliteStore(path: string): Promise<Store> {
  let raw: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new BetterSqlite3(path);
    // another program's database is not changed in any way (not even its journal mode)
    if (isForeign(raw)) {
      raw.close();
      throw new Error(
        'it is the SQLite database of another program (none of its tables is Rapport’s); give --db a new file',
      );
    }
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new StoreOpenError(path, error);
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(raw) });
  const store: Store = {
    db,
    dialect: 'sqlite',
    sqlite: raw,
    close: () => db.destroy(),
  };
  const all = migrations('sqlite');
  const count = Object.keys(all).length;
  // a fast path for every command after the first: the schema version is kept in user_version
  if ((raw.pragma('user_version', { simple: true }) as number) < count) {
    await migrateBesideOthers(store);
    raw.pragma(`user_version = ${count}`);
  }
  return store;
}

/**
 * Every transaction here writes, and starts as BEGIN IMMEDIATE: it takes the write lock first,
 * waiting for another command's (busy_timeout). A deferred BEGIN reads first, and its first write
 * then fails at once with "database is busy" when another command wrote in between.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.raw });
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Tables, and none of Rapport's: a file that belongs to another program. */
function isForeign(raw: BetterSqlite3.Database): boolean {
  const names = (
    raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  return names.length > 0 && !names.includes('workspaces') && !names.includes('kysely_migration');
}

/**
 * Migrates, when two commands open a new database at once: SQLite has no lock for Kysely's
 * migrator, so the second may fail on what the first just created ("table already exists");
 * it then tries again, and finds the migrations done.
 */
async function migrateBesideOthers(store: Store): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(store);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((done) => setTimeout(done, 200 * attempt));
    }
  }
}

export async function migrate(store: Store): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(store.dialect) };
  const { error, results } = await new Migrator({ db: store.db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
