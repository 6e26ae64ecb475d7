import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * A message that answers another initiates nothing (DESIGN.md), also for someone who was not in
 * the message it answers (V answering the user's note to W, forwarded to V): each such person's
 * part in it now says so (parent_role 4, not in it, at the answer's own time; see NOT_IN_PARENT
 * in interaction.repository.ts). The summaries of the people concerned follow at their next
 * change or `rapport rescore`.
 */
export function answersUnseen(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await sql`UPDATE participations SET parent_at = at, parent_role = 4
        WHERE parent_at IS NULL
          AND interaction_id IN (SELECT id FROM interactions WHERE reply_to_id IS NOT NULL)`.execute(db);
    },
  };
}
