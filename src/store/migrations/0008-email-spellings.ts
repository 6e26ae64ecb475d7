import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Stored emails written as a link (`mailto:ann@x.org`) or with their domain's final dot
 * (`ann@x.org.`) are rewritten as the address itself, as emails are now normalised, so that
 * both spellings find the same person. A spelling whose person holds the plain address too goes;
 * where another person holds it, the spelling is left as it is.
 */
export function emailSpellings(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      const rows = await db
        .selectFrom('person_emails')
        .select(['workspace_id', 'person_id', 'email'])
        .where((eb) => eb.or([eb('email', 'like', 'mailto:%'), eb('email', 'like', '%.')]))
        .execute();
      for (const r of rows) {
        const email = String(r.email);
        const next = email.replace(/^mailto:/, '').replace(/(@[^@]*[^.@])\.+$/, '$1');
        if (next === email) continue;
        const taken = await db
          .selectFrom('person_emails')
          .select('person_id')
          .where('workspace_id', '=', r.workspace_id)
          .where('email', '=', next)
          .executeTakeFirst();
        const mine = taken !== undefined && Number(taken.person_id) === Number(r.person_id);
        if (mine)
          // the same person holds the plain address too: this spelling says nothing more
          await db
            .deleteFrom('person_emails')
            .where('workspace_id', '=', r.workspace_id)
            .where('email', '=', email)
            .execute();
        if (taken) continue;
        await db
          .updateTable('person_emails')
          .set({ email: next })
          .where('workspace_id', '=', r.workspace_id)
          .where('email', '=', email)
          .execute();
      }
    },
  };
}
