import { domainToUnicode } from 'node:url';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Stored emails with an internationalised domain written in ASCII (xn--…) are rewritten in
 * Unicode, as emails are now normalised, so that both spellings find the same person. Where
 * two people hold the address in its two spellings, both are left as they are (`rapport
 * duplicates` lists them when their names agree).
 */
export function unicodeEmailDomains(_dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      const rows = await db
        .selectFrom('person_emails')
        .select(['workspace_id', 'email'])
        .where('email', 'like', '%xn--%')
        .execute();
      for (const r of rows) {
        const email = String(r.email);
        const at = email.lastIndexOf('@');
        const unicode = at < 0 ? '' : domainToUnicode(email.slice(at + 1));
        if (!unicode) continue;
        const next = (email.slice(0, at + 1) + unicode).normalize('NFC');
        if (next === email) continue;
        const taken = await db
          .selectFrom('person_emails')
          .select('email')
          .where('workspace_id', '=', r.workspace_id)
          .where('email', '=', next)
          .executeTakeFirst();
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
