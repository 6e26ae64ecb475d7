import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * For importers: which person each contact record of a source became (a vCard's UID, or a digest
 * of what the record says), so importing the same file again finds the same people even when
 * nothing else identifies them (no email, no profile, a name several people share); and the
 * latest SEQUENCE stored of each calendar event, so a later file's update replaces it and an
 * older one changes nothing.
 */
export function importKeys(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('person_keys')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('person_keys_pk', ['workspace_id', 'source', 'record_key'])
        .execute();
      await db.schema.createIndex('person_keys_person').on('person_keys').column('person_id').execute();
      await db.schema
        .createTable('event_versions')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_versions_pk', ['workspace_id', 'source', 'event_key'])
        .execute();
    },
  };
}
