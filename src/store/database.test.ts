import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, StoreOpenError } from './database.js';

describe('StoreOpenError', () => {
  it('says a read-only database must be copied somewhere writable, with the error SQLite gives for one', () => {
    // a real read-only refusal: a database opened read-only asked to change its journal mode
    let cause: unknown;
    const dir = mkdtempSync(join(tmpdir(), 'rapport-ro-'));
    const file = join(dir, 'ro.db');
    const db = new BetterSqlite3(':memory:');
    db.exec('create table t (x)');
    db.exec(`vacuum into '${file}'`);
    db.close();
    const ro = new BetterSqlite3(file, { readonly: true });
    try {
      ro.pragma('journal_mode = WAL');
      ro.prepare('insert into t values (1)').run();
    } catch (error) {
      cause = error;
    } finally {
      ro.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect((cause as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(new StoreOpenError(file, cause).message).toBe(
      `cannot open the database ${file}: it is read-only here, and Rapport writes beside it even to read it (its journal): copy it to a folder you can write to`,
    );
  });

  it('passes on what SQLite says of other failures', () => {
    expect(new StoreOpenError('/x.db', new Error('disk I/O error')).message).toBe(
      'cannot open the database /x.db: disk I/O error',
    );
  });
});

describe('transactions', () => {
  it('take the write lock when they begin, so that another command waits for it instead of failing on its first write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-lock-'));
    const file = join(dir, 'lock.db');
    const store = await openSqliteStore(file);
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      let lockedOut: unknown;
      await store.db.transaction().execute(async (trx) => {
        // only a read so far: a deferred BEGIN would hold no lock yet
        await trx.selectFrom('workspaces').select('id').execute();
        try {
          other.prepare('begin immediate').run();
          other.prepare('rollback').run();
        } catch (error) {
          lockedOut = error;
        }
      });
      expect((lockedOut as { code?: string } | undefined)?.code).toBe('SQLITE_BUSY');
      // and released with the transaction
      other.prepare('begin immediate').run();
      other.prepare('rollback').run();
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
