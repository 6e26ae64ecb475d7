import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Who set a person's organisation and title: the import source whose file gave them ("vcard",
 * "linkedin"…), or NULL when the user did (or, for people stored before, when it is not known).
 * A newer file of the same source, or LinkedIn (a profile is where people keep their job), may
 * change what an import set; what the user set is never changed by an import.
 */
export function jobSource(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('people').addColumn('job_source', 'text').execute();
    },
  };
}
