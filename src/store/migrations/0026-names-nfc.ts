import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Names, organisations and titles are stored with each accent as one character (NFC) since this
 * release: those an earlier one stored as a file wrote them (a Mac's vCard in NFD: "e" and a
 * combining accent) are written so too. The name's key is unchanged (it was always computed from
 * the NFC form).
 */
export function namesNfc(_dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
  async function run(db: Kysely<any>): Promise<void> {
    // every name is read (a workspace holds thousands, not millions): SQL cannot tell NFD from NFC
    const rows: { id: number; name: string; org: string | null; title: string | null }[] = await db
      .selectFrom('people')
      .select(['id', 'name', 'org', 'title'])
      .execute();
    for (const r of rows) {
      const nfc = {
        name: r.name.normalize('NFC'),
        org: r.org?.normalize('NFC') ?? null,
        title: r.title?.normalize('NFC') ?? null,
      };
      if (nfc.name !== r.name || nfc.org !== r.org || nfc.title !== r.title)
        await db.updateTable('people').set(nfc).where('id', '=', r.id).execute();
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
