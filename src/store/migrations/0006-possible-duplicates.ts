import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * Pairs of people an import found may be one person although their names differ: a contact
 * record with the email of one and the name of the other ("Ana García" by email, "Ana García
 * López" on LinkedIn). `rapport duplicates` lists them beside the people who share a name.
 */
export function possibleDuplicates(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('possible_duplicates')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('person_a', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('person_b', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .addPrimaryKeyConstraint('possible_duplicates_pk', ['workspace_id', 'person_a', 'person_b'])
        .execute();
      await db.schema.createIndex('possible_duplicates_b').on('possible_duplicates').column('person_b').execute();
    },
  };
}
