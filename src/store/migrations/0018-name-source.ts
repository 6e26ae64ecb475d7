import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Which import source gave a person's name ("vcard", "mbox"…), or NULL when the user did (or, for
 * people stored before, when it is not known). A name an import gave may be written out more
 * fully by a later contact record ("Kim" → "Kim Lee", domain/identity.ts, betterName); a name the
 * user set is never changed by an import.
 */
export function nameSource(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('people').addColumn('name_source', 'text').execute();
    },
  };
}
