import { type Kysely, sql } from 'kysely';
import { storedMailbox } from '../../domain/person.js';
import type { DialectName } from '../dialect.js';

/** The tables holding addresses that wait for a person, and the column each keeps them in. */
const WAITING = [
  { table: 'pending_addresses', column: 'email' },
  { table: 'pending_participants', column: 'email' },
  { table: 'kept_tab_mail', column: 'sender' },
] as const;

/**
 * The addresses that wait for someone to be known (bulk mail kept aside, the strangers a stored
 * message went to, Gmail-tab mail from someone the user had not written to) get the mailbox
 * they deliver to beside them, as person_emails has since 0024: so that a person stored later at
 * another spelling of the mailbox (rob.brown@gmail.com for robbrown@googlemail.com, ann@ for
 * ann+news@) releases them as the exact spelling would. Like 0024, this calls the app's function.
 */
export function pendingMailboxes(dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
  async function run(db: Kysely<any>): Promise<void> {
    for (const { table, column } of WAITING) {
      const columns =
        dialect === 'sqlite'
          ? await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)
          : await sql<{
              name: string;
            }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${table}`.execute(db);
      if (!columns.rows.some((c) => c.name === 'mailbox'))
        await db.schema.alterTable(table).addColumn('mailbox', 'text').execute();
      const rows: { address: string }[] = await db
        .selectFrom(table)
        .select(`${column} as address`)
        .distinct()
        // the only addresses whose mailbox can differ from them
        .where((eb) => eb.or([eb(column, 'like', '%+%'), eb(column, 'like', '%mail.com')]))
        .execute();
      for (const r of rows) {
        const mailbox = storedMailbox(r.address);
        if (mailbox !== null) await db.updateTable(table).set({ mailbox }).where(column, '=', r.address).execute();
      }
      await db.schema
        .createIndex(`${table}_mailbox`)
        .ifNotExists()
        .on(table)
        .columns(['workspace_id', 'mailbox'])
        .where('mailbox', 'is not', null)
        .execute();
    }
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
