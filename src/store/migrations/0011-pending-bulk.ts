import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * Bulk messages (over 10 people) that went to nobody the user knew when they were imported,
 * kept aside with the addresses they went to: once a later file or import makes one of those
 * people known, the message is stored, so that what an import keeps does not depend on the order
 * files come in, and a re-import of the same file still changes nothing.
 */
export function pendingBulk(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('pending_interactions')
        .addColumn('id', t.id, (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().notNull(),
        )
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('pending_interactions_key')
        .unique()
        .on('pending_interactions')
        .columns(['workspace_id', 'source', 'external_id'])
        .execute();
      await db.schema
        .createTable('pending_addresses')
        .addColumn('workspace_id', t.int64, (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('pending_id', t.int64, (c) => c.notNull().references('pending_interactions.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('pending_addresses_pk', ['workspace_id', 'email', 'pending_id'])
        .execute();
      await db.schema.createIndex('pending_addresses_pending').on('pending_addresses').column('pending_id').execute();
    },
  };
}
