import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Bulk mail awaits no answer: an answer to a message of the user's sent to over 10 people is no
 * longer anyone's first answer (it counted toward responsiveness while the message itself did
 * not count as awaiting one). Clears the marks stored before; the summaries of the people
 * concerned follow at their next change or `rapport rescore`. (Frozen with its release: channel
 * codes 3, 4 and 7 are email, message and letter; the rule lives in domain/participation.ts.)
 */
export function bulkAnswers(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      await sql`UPDATE participations SET first_answer = 0
        WHERE first_answer = 1 AND EXISTS (
          SELECT 1 FROM interactions i
          INNER JOIN participations pp ON pp.interaction_id = i.reply_to_id AND pp.person_id = participations.person_id
          WHERE i.id = participations.interaction_id AND pp.audience > 10 AND pp.channel IN (3, 4, 7))`.execute(db);
    },
  };
}
