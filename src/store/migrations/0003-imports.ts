import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * For importers: answers whose message is not stored yet (a reply in the Inbox export imported
 * before the Sent one), kept until that message arrives, whatever the order of files and
 * imports; and pairs of people the user said are different (hidden from `rapport duplicates`).
 */
export function imports(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('reply_keys')
        .addColumn('workspace_id', t.int64, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('parent_key', 'text', (c) => c.notNull())
        .addColumn('child_id', t.int64, (c) => c.notNull().references('interactions.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('reply_keys_pk', ['workspace_id', 'source', 'parent_key', 'child_id'])
        .execute();
      await db.schema.createIndex('reply_keys_child').on('reply_keys').column('child_id').execute();
      await db.schema
        .createTable('distinct_people')
        .addColumn('workspace_id', t.int64, (c) => c.notNull())
        .addColumn('person_a', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('person_b', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .addPrimaryKeyConstraint('distinct_people_pk', ['workspace_id', 'person_a', 'person_b'])
        .execute();
      await db.schema.createIndex('distinct_people_b').on('distinct_people').column('person_b').execute();
    },
  };
}
