import type { Kysely } from 'kysely';
import { mailboxKey, nameKey, sameMailboxHolder, storedMailbox } from '../domain/person.js';
import { emptySummary } from '../domain/summary.js';
import type { Store } from './database.js';
import {
  findPeopleIdsByNameKey,
  findPersonIdByKey,
  findPersonIdByLinkedin,
  findPersonIdByMailbox,
  insertPerson,
  MERGED_NAME,
  MERGED_PROFILE,
  NEXT_PERSON_ID_SQL,
  type NewPerson,
} from './person.repository.js';
import type { Database } from './schema.js';
import { summaryWriter } from './summary.repository.js';

type Db = Kysely<Database>;

/**
 * The few person queries an import makes for every new address, through prepared statements on
 * SQLite (a query-builder call costs about half a millisecond here, which thousands of new
 * correspondents in a mailbox turn into seconds), and through the query builder elsewhere.
 */
export function personBulk(store: Store, db: Db, workspaceId: number) {
  const summaries = summaryWriter(store, db, workspaceId);
  const raw = store.sqlite;
  if (!raw) {
    return {
      idByEmail: async (email: string) => {
        const row = await db
          .selectFrom('person_emails')
          .select('person_id')
          .where('workspace_id', '=', workspaceId)
          .where('email', '=', email)
          .executeTakeFirst();
        return row ? Number(row.person_id) : undefined;
      },
      idByMailbox: (email: string) => findPersonIdByMailbox(db, workspaceId, email),
      idByProfile: (url: string) => findPersonIdByLinkedin(db, workspaceId, url),
      idByRecordKey: (source: string, key: string) => findPersonIdByKey(db, workspaceId, source, key),
      keepRecordKey: async (source: string, key: string, personId: number) => {
        await db
          .insertInto('person_keys')
          .values({ workspace_id: workspaceId, source, record_key: key, person_id: personId })
          .onConflict((oc) => oc.columns(['workspace_id', 'source', 'record_key']).doUpdateSet({ person_id: personId }))
          .execute();
      },
      idsByNameKey: (key: string, limit: number) => findPeopleIdsByNameKey(db, workspaceId, key, limit),
      namesOfThreeWords: async () =>
        (
          await db
            .selectFrom('people')
            .select(['id', 'name_key'])
            .where('workspace_id', '=', workspaceId)
            .where('name_key', 'like', '% % %')
            .execute()
        ).map((r) => ({ id: Number(r.id), key: r.name_key })),
      create: async (p: NewPerson, now: number) => {
        const id = await insertPerson(db, workspaceId, p, now);
        await summaries.write(id, emptySummary());
        await summaries.flush();
        return id;
      },
    };
  }
  const byEmail = raw.prepare('SELECT person_id FROM person_emails WHERE workspace_id = ? AND email = ?').pluck(true);
  // two lookups, each through its own index (the mailbox's is partial: only spellings that differ)
  const byMailbox = raw.prepare(
    `SELECT person_id, email FROM person_emails WHERE workspace_id = ? AND mailbox = ?
     UNION ALL SELECT person_id, email FROM person_emails WHERE workspace_id = ? AND email = ?
     ORDER BY person_id LIMIT 50`,
  );
  const byProfile = raw
    .prepare('SELECT id FROM people WHERE workspace_id = ? AND linkedin = ? ORDER BY id LIMIT 1')
    .pluck(true);
  const byMergedProfile = raw
    .prepare('SELECT person_id FROM person_keys WHERE workspace_id = ? AND source = ? AND record_key = ?')
    .pluck(true);
  const byRecordKey = raw
    .prepare('SELECT person_id FROM person_keys WHERE workspace_id = ? AND source = ? AND record_key = ?')
    .pluck(true);
  const recordKey = raw.prepare(
    'INSERT OR REPLACE INTO person_keys (workspace_id, source, record_key, person_id) VALUES (?, ?, ?, ?)',
  );
  const byName = raw
    .prepare(
      `SELECT id FROM people WHERE workspace_id = ? AND name_key = ?
       UNION SELECT person_id FROM person_keys WHERE workspace_id = ? AND source = '${MERGED_NAME}' AND record_key = ?
       ORDER BY 1 LIMIT ?`,
    )
    .pluck(true);
  const byThreeWords = raw.prepare("SELECT id, name_key FROM people WHERE workspace_id = ? AND name_key LIKE '% % %'");
  const person = raw.prepare(
    `INSERT INTO people (id, workspace_id, uid, name, name_key, name_made, name_source, org, title, job_source, job_at, linkedin, phones, tags,
       met, birthday, wishlist, notes, tier, goal, cadence_days, stage_override, created_at, updated_at)
     VALUES (${NEXT_PERSON_ID_SQL}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const email = raw.prepare(
    'INSERT INTO person_emails (workspace_id, person_id, email, position, mailbox) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    idByEmail: async (e: string) => {
      const id = byEmail.get(workspaceId, e) as number | bigint | undefined;
      return id === undefined ? undefined : Number(id);
    },
    idByMailbox: async (e: string) => {
      const key = mailboxKey(e);
      const rows = byMailbox.all(workspaceId, key, workspaceId, key) as { person_id: number | bigint; email: string }[];
      const row = rows.find((r) => sameMailboxHolder(e, r.email));
      return row === undefined ? undefined : Number(row.person_id);
    },
    idByProfile: async (url: string) => {
      const id = (byProfile.get(workspaceId, url) ?? byMergedProfile.get(workspaceId, MERGED_PROFILE, url)) as
        | number
        | bigint
        | undefined;
      return id === undefined ? undefined : Number(id);
    },
    idByRecordKey: async (source: string, key: string) => {
      const id = byRecordKey.get(workspaceId, source, key) as number | bigint | undefined;
      return id === undefined ? undefined : Number(id);
    },
    keepRecordKey: async (source: string, key: string, personId: number) => {
      recordKey.run(workspaceId, source, key, personId);
    },
    idsByNameKey: async (key: string, limit: number) =>
      (byName.all(workspaceId, key, workspaceId, key, limit) as (number | bigint)[]).map(Number),
    /** the people whose name key has three words or more (a middle name) */
    namesOfThreeWords: async () =>
      (byThreeWords.all(workspaceId) as { id: number | bigint; name_key: string }[]).map((r) => ({
        id: Number(r.id),
        key: r.name_key,
      })),
    create: async (p: NewPerson, now: number) => {
      const result = person.run(
        workspaceId,
        p.uid,
        // one accent written as one character, as insertPerson stores it (the job too)
        p.name.normalize('NFC'),
        nameKey(p.name),
        p.nameMade ? 1 : 0,
        p.nameSource ?? null,
        p.org?.normalize('NFC') ?? null,
        p.title?.normalize('NFC') ?? null,
        p.jobSource ?? null,
        p.jobAt ?? null,
        p.linkedin ?? null,
        JSON.stringify(p.phones ?? []),
        JSON.stringify(p.tags ?? []),
        p.met ?? null,
        p.birthday ?? null,
        p.wishlist ? 1 : 0,
        p.notes ?? null,
        p.tier ?? null,
        p.goal ?? null,
        p.cadenceDays ?? null,
        p.stageOverride ?? null,
        p.createdAt ?? now,
        p.updatedAt ?? now,
      );
      const id = Number(result.lastInsertRowid);
      for (const [position, e] of [...new Set(p.emails)].entries())
        email.run(workspaceId, id, e, position, storedMailbox(e));
      await summaries.write(id, emptySummary());
      return id;
    },
  };
}
