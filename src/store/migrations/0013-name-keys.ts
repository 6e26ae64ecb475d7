import type { Kysely } from 'kysely';
import { nameKey } from '../../domain/person.js';
import type { DialectName } from '../dialect.js';

/**
 * Names are compared without apostrophes, hyphens, final dots or trailing credentials since this
 * release (domain/person.ts, nameKey): every stored key is computed again. Unlike the other
 * migrations this one calls the app's function, so that a database migrated later gets the keys
 * of the code that reads them (a later change to nameKey comes with its own migration like this).
 */
export function nameKeys(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      let after = 0;
      for (;;) {
        const rows: { id: number | bigint; name: string; name_key: string }[] = await db
          .selectFrom('people')
          .select(['id', 'name', 'name_key'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(5000)
          .execute();
        if (rows.length === 0) return;
        for (const r of rows) {
          const key = nameKey(r.name);
          if (key !== r.name_key)
            await db.updateTable('people').set({ name_key: key }).where('id', '=', r.id).execute();
        }
        after = Number(rows.at(-1)?.id);
      }
    },
  };
}
