import type { Kysely } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/**
 * The answers guests sent to a calendar event (iTIP REPLY), each guest's latest: a file with a
 * guest's decline imported before or after the invitation leaves that guest out of the meeting
 * either way. (Frozen with its release: the rule lives in app/import/calendar.ts.)
 */
export function eventAnswers(dialect: DialectName) {
  const t = columnTypes(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('event_answers')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('stamp', t.int64, (c) => c.notNull())
        .addColumn('partstat', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_answers_pk', ['workspace_id', 'source', 'event_key', 'email'])
        .execute();
    },
  };
}
