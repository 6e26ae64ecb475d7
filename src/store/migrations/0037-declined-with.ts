import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Who was in a meeting the user declined (JSON: [{ email?, name }]), kept with its call-off: an
 * acceptance later, from a REPLY that names only the user, brings the meeting back with them.
 * NULL: nobody kept (a decline from before this release, or no meeting stored then).
 */
export function declinedWith(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_versions').addColumn('declined_with', 'text').execute();
    },
  };
}
