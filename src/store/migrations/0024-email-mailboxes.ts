import { type Kysely, sql } from 'kysely';
import { storedMailbox } from '../../domain/person.js';
import type { DialectName } from '../dialect.js';

/**
 * Each stored address gets the mailbox it delivers to beside it when that differs from the
 * address (storedMailbox: a +tag dropped; Gmail's dots dropped, googlemail.com read as gmail.com),
 * so that an import finds Rob at robbrown@googlemail.com when he is stored as rob.brown@gmail.com.
 * Two people an earlier release made of two spellings of one mailbox are not merged: the pair is
 * put before the user in `rapport duplicates`. Like 0013, this calls the app's function.
 */
export function emailMailboxes(dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
  async function run(db: Kysely<any>): Promise<void> {
    const columns =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`SELECT name FROM pragma_table_info('person_emails')`.execute(db)
        : await sql<{
            name: string;
          }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'person_emails'`.execute(db);
    if (!columns.rows.some((c) => c.name === 'mailbox'))
      await db.schema.alterTable('person_emails').addColumn('mailbox', 'text').execute();
    const rows: { workspace_id: number | bigint; person_id: number | bigint; email: string }[] = await db
      .selectFrom('person_emails')
      .select(['workspace_id', 'person_id', 'email'])
      // the only addresses whose mailbox can differ from them
      .where((eb) => eb.or([eb('email', 'like', '%+%'), eb('email', 'like', '%mail.com')]))
      .execute();
    // each mailbox's holders, by workspace: the first spelling met for each person
    const holders = new Map<string, Map<number, string>>();
    const hold = (ws: number, key: string, person: number, email: string) => {
      const k = `${ws}\u0000${key}`;
      const map = holders.get(k) ?? new Map<number, string>();
      if (!map.has(person)) map.set(person, email);
      holders.set(k, map);
    };
    /** mailboxes a +tag spelling reaches, whose plain spelling the query above may not have read */
    const tagged = new Set<string>();
    for (const r of rows) {
      const ws = Number(r.workspace_id);
      const mailbox = storedMailbox(r.email);
      if (mailbox !== null && r.email.includes('+')) tagged.add(`${ws}\u0000${mailbox}`);
      hold(ws, mailbox ?? r.email, Number(r.person_id), r.email);
      if (mailbox === null) continue;
      await db
        .updateTable('person_emails')
        .set({ mailbox })
        .where('workspace_id', '=', r.workspace_id)
        .where('email', '=', r.email)
        .execute();
    }
    // the plain spelling of a +tag address, whatever its domain, holds the same mailbox
    for (const k of tagged) {
      const ws = Number(k.slice(0, k.indexOf('\u0000')));
      const key = k.slice(k.indexOf('\u0000') + 1);
      const plain = await db
        .selectFrom('person_emails')
        .select('person_id')
        .where('workspace_id', '=', ws)
        .where('email', '=', key)
        .executeTakeFirst();
      if (plain) hold(ws, key, Number(plain.person_id), key);
    }
    const now = Date.now();
    for (const [k, map] of holders) {
      if (map.size < 2) continue;
      const ws = Number(k.slice(0, k.indexOf('\u0000')));
      const people = [...map].sort((a, b) => a[0] - b[0]);
      const [first, firstEmail] = people[0] as [number, string];
      for (const [other, otherEmail] of people.slice(1))
        await db
          .insertInto('possible_duplicates')
          .values({
            workspace_id: ws,
            person_a: first,
            person_b: other,
            reason: `two spellings of one mailbox (${firstEmail} and ${otherEmail})`,
            created_at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
    await db.schema
      .createIndex('person_emails_mailbox')
      .ifNotExists()
      .on('person_emails')
      .columns(['workspace_id', 'mailbox'])
      .where('mailbox', 'is not', null)
      .execute();
  }
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
    async up(db: Kysely<any>): Promise<void> {
      // one transaction (Kysely's migrator opens none on SQLite): a first open killed half-way
      // leaves the file as it was, and the next open runs it whole
      if (db.isTransaction) await run(db);
      else await db.transaction().execute(run);
    },
  };
}
