import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Names are stored with each accent as one character (NFC) since this release: a name an earlier
 * one stored as a file wrote it (a Mac's vCard in NFD: "e" and a combining accent) is written so
 * too. The name's key is unchanged (it was always computed from the NFC form).
 */
export function namesNfc(_dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
  async function run(db: Kysely<any>): Promise<void> {
    // every name is read (a workspace holds thousands, not millions): SQL cannot tell NFD from NFC
    const rows: { id: number; name: string }[] = await db.selectFrom('people').select(['id', 'name']).execute();
    for (const r of rows) {
      const name = r.name.normalize('NFC');
      if (name !== r.name) await db.updateTable('people').set({ name }).where('id', '=', r.id).execute();
    }
  }
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      // one transaction (Kysely's migrator opens none on SQLite), as 0025
      if (db.isTransaction) await run(db);
      else await db.transaction().execute(run);
    },
  };
}
