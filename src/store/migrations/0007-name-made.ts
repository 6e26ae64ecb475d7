import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Whether a person's name was made by an import from an address or a profile URL ("Jsmith" from
 * jsmith@acme.com) rather than given by anyone: such a name gives way to the first real one a
 * later record brings (domain/identity.ts, betterName). People stored before are taken as named.
 */
export function nameMade(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('people')
        .addColumn('name_made', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
