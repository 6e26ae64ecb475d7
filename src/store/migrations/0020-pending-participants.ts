import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * Addresses a stored message went to that were nobody then (the strangers among bulk mail's
 * recipients, a shared address): once a later file or import makes one of them a person, they
 * join the message, so that who is in it does not depend on the order files come in.
 */
export function pendingParticipants(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('pending_participants')
        .addColumn('workspace_id', t.int64, (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('interaction_id', t.int64, (c) => c.notNull().references('interactions.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('pending_participants_pk', ['workspace_id', 'email', 'interaction_id'])
        .execute();
      await db.schema
        .createIndex('pending_participants_interaction')
        .on('pending_participants')
        .column('interaction_id')
        .execute();
    },
  };
}
