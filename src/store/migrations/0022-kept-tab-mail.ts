import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * Mail Gmail sorted into a tab (Updates, Promotions…) from someone the user had not written to
 * when it was imported, kept as the message's headers read: once a later import shows the user
 * writing to its sender, it is the user's mail and is stored, as it would have been had the
 * imports come the other way round.
 */
export function keptTabMail(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('kept_tab_mail')
        .addColumn('id', t.id, (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().notNull(),
        )
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('message_key', 'text', (c) => c.notNull())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('kept_tab_mail_key')
        .unique()
        .on('kept_tab_mail')
        .columns(['workspace_id', 'source', 'message_key'])
        .execute();
      await db.schema
        .createIndex('kept_tab_mail_sender')
        .on('kept_tab_mail')
        .columns(['workspace_id', 'sender'])
        .execute();
    },
  };
}
