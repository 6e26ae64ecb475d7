import { type Kysely, sql } from 'kysely';
import { storedMailbox } from '../../domain/person.js';
import type { DialectName } from '../dialect.js';

/**
 * Stored emails holding an invisible format character (a zero-width space pasted from a web page,
 * a direction mark) are rewritten without it, as emails are now normalised, so that the address
 * finds its person. A spelling whose person holds the plain address too goes; where another
 * person holds it, both are left as they are and the pair is put before the user in
 * `rapport duplicates`. Like 0024, this calls the app's function (storedMailbox).
 */
export function invisibleEmailCharacters(dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      // only an address with a character beyond ASCII can hold one
      const beyondAscii = dialect === 'postgres' ? sql<boolean>`email ~ '[^ -~]'` : sql<boolean>`email GLOB '*[^ -~]*'`;
      const rows = await db
        .selectFrom('person_emails')
        .select(['workspace_id', 'person_id', 'email'])
        .where(beyondAscii)
        .execute();
      const now = Date.now();
      for (const r of rows) {
        const email = String(r.email);
        const next = email.replace(/\p{Cf}/gu, '').trim();
        if (next === email || next === '') continue;
        const taken = await db
          .selectFrom('person_emails')
          .select('person_id')
          .where('workspace_id', '=', r.workspace_id)
          .where('email', '=', next)
          .executeTakeFirst();
        if (taken === undefined) {
          await db
            .updateTable('person_emails')
            .set({ email: next, mailbox: storedMailbox(next) })
            .where('workspace_id', '=', r.workspace_id)
            .where('email', '=', email)
            .execute();
        } else if (Number(taken.person_id) === Number(r.person_id)) {
          // the same person holds the plain address too: this spelling says nothing more
          await db
            .deleteFrom('person_emails')
            .where('workspace_id', '=', r.workspace_id)
            .where('email', '=', email)
            .execute();
        } else {
          const [a, b] = [Number(taken.person_id), Number(r.person_id)].sort((x, y) => x - y);
          await db
            .insertInto('possible_duplicates')
            .values({
              workspace_id: r.workspace_id,
              person_a: a,
              person_b: b,
              reason: `one address, once stored with an invisible character (${next})`,
              created_at: now,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      }
    },
  };
}
