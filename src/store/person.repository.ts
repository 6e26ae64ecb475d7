import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { isCjkName, mailboxKey, nameKey, type Person, sameMailboxHolder, storedMailbox } from '../domain/person.js';
import { GOALS, type Goal, isOneOf, STAGES, type Stage, TIERS, type Tier } from '../domain/vocabulary.js';
import { newId, nextIdSql } from './id-floors.js';
import { readList } from './json-column.js';
import type { Database, PersonTable } from './schema.js';

type Db = Kysely<Database>;
type PersonRow = Selectable<PersonTable>;

export interface NewPerson {
  /** the id to take (a copy restored from an export keeps its ids); the next one when absent */
  id?: number;
  uid: string;
  name: string;
  /** the name was made from an address or profile URL by an import, nobody gave it */
  nameMade?: boolean;
  /** the import source that gave the name; null (the default) when the user did (see migration 0018) */
  nameSource?: string | null;
  emails: readonly string[];
  phones?: readonly string[];
  org?: string | null;
  title?: string | null;
  /** the import source that gives org and title; null (the default) when the user does (see migration 0010) */
  jobSource?: string | null;
  /** when the import's job was true as of, epoch ms (see migration 0016) */
  jobAt?: number | null;
  linkedin?: string | null;
  tags?: readonly string[];
  met?: string | null;
  birthday?: string | null;
  wishlist?: boolean;
  notes?: string | null;
  tier?: Tier | null;
  goal?: Goal | null;
  cadenceDays?: number | null;
  stageOverride?: Stage | null;
  stageSetAt?: number | null;
  /** when restoring an export: the original times */
  createdAt?: number;
  updatedAt?: number;
}

export type PersonPatch = Partial<Omit<NewPerson, 'id' | 'uid' | 'nameMade' | 'createdAt' | 'updatedAt'>>;

export function toPerson(row: PersonRow, emails: readonly string[]): Person {
  return {
    id: Number(row.id),
    uid: row.uid,
    name: row.name,
    emails,
    phones: readList(row.phones),
    org: row.org,
    title: row.title,
    linkedin: row.linkedin,
    tags: readList(row.tags),
    met: row.met,
    birthday: row.birthday,
    wishlist: row.wishlist === 1,
    notes: row.notes,
    tier: isOneOf(TIERS, row.tier) ? row.tier : null,
    goal: isOneOf(GOALS, row.goal) ? row.goal : null,
    cadenceDays: row.cadence_days === null ? null : Number(row.cadence_days),
    stageOverride: isOneOf(STAGES, row.stage_override) ? row.stage_override : null,
    stageSetAt: row.stage_set_at === null || row.stage_set_at === undefined ? null : Number(row.stage_set_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * A new person's id on SQLite: above every id given before, a deleted person's too (SQLite would
 * give the highest id left plus one; see migration 0021).
 */
export const NEXT_PERSON_ID_SQL = nextIdSql('people');

export async function insertPerson(db: Db, workspaceId: number, p: NewPerson, now: number): Promise<number> {
  const row = await db
    .insertInto('people')
    .values({
      ...(p.id !== undefined ? { id: p.id } : newId(db, 'people')),
      workspace_id: workspaceId,
      uid: p.uid,
      // one accent written as one character (NFC), however the source wrote it (a Mac's NFD); the job too
      name: p.name.normalize('NFC'),
      name_key: nameKey(p.name),
      name_made: p.nameMade ? 1 : 0,
      name_source: p.nameSource ?? null,
      org: p.org?.normalize('NFC') ?? null,
      title: p.title?.normalize('NFC') ?? null,
      job_source: p.jobSource ?? null,
      job_at: p.jobAt ?? null,
      linkedin: p.linkedin ?? null,
      phones: JSON.stringify(p.phones ?? []),
      tags: JSON.stringify(p.tags ?? []),
      met: p.met ?? null,
      birthday: p.birthday ?? null,
      wishlist: p.wishlist ? 1 : 0,
      notes: p.notes ?? null,
      tier: p.tier ?? null,
      goal: p.goal ?? null,
      cadence_days: p.cadenceDays ?? null,
      stage_override: p.stageOverride ?? null,
      stage_set_at: p.stageOverride ? (p.stageSetAt ?? null) : null,
      created_at: p.createdAt ?? now,
      updated_at: p.updatedAt ?? now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await setEmails(db, workspaceId, id, p.emails);
  return id;
}

export async function updatePerson(db: Db, workspaceId: number, id: number, patch: PersonPatch, now: number) {
  const values: Updateable<PersonTable> = { updated_at: now };
  if (patch.name !== undefined) {
    values.name = patch.name.normalize('NFC');
    values.name_key = nameKey(patch.name);
    // a name set is a name given, whoever sets it
    values.name_made = 0;
    // the user's, unless an import says it gives it
    values.name_source = patch.nameSource ?? null;
  }
  if (patch.org !== undefined) values.org = patch.org?.normalize('NFC') ?? null;
  if (patch.title !== undefined) values.title = patch.title?.normalize('NFC') ?? null;
  // an organisation or title set is the user's, unless an import says it gives them
  if (patch.org !== undefined || patch.title !== undefined) {
    values.job_source = patch.jobSource ?? null;
    values.job_at = patch.jobAt ?? null;
  }
  if (patch.linkedin !== undefined) values.linkedin = patch.linkedin;
  if (patch.phones !== undefined) values.phones = JSON.stringify(patch.phones);
  if (patch.tags !== undefined) values.tags = JSON.stringify(patch.tags);
  if (patch.met !== undefined) values.met = patch.met;
  if (patch.birthday !== undefined) values.birthday = patch.birthday;
  if (patch.wishlist !== undefined) values.wishlist = patch.wishlist ? 1 : 0;
  if (patch.notes !== undefined) values.notes = patch.notes;
  if (patch.tier !== undefined) values.tier = patch.tier;
  if (patch.goal !== undefined) values.goal = patch.goal;
  if (patch.cadenceDays !== undefined) values.cadence_days = patch.cadenceDays;
  if (patch.stageOverride !== undefined) {
    values.stage_override = patch.stageOverride;
    values.stage_set_at = patch.stageOverride === null ? null : (patch.stageSetAt ?? null);
  }
  await db.updateTable('people').set(values).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  if (patch.emails !== undefined) await setEmails(db, workspaceId, id, patch.emails);
}

/** Replaces a person's emails (already normalised and free of other people's). */
export async function setEmails(db: Db, workspaceId: number, personId: number, emails: readonly string[]) {
  await db.deleteFrom('person_emails').where('person_id', '=', personId).execute();
  const unique = [...new Set(emails)];
  if (unique.length === 0) return;
  await db
    .insertInto('person_emails')
    .values(
      unique.map((email, position) => ({
        workspace_id: workspaceId,
        person_id: personId,
        email,
        position,
        mailbox: storedMailbox(email),
      })),
    )
    .execute();
}

export async function findPeopleByIds(db: Db, workspaceId: number, ids: readonly number[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const people: Person[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('people')
      .selectAll()
      // the unary plus keeps SQLite from scanning the workspace through an index on workspace_id
      // instead of looking the ids up (it cannot tell that one workspace holds nearly every row)
      .where(sql<number>`+workspace_id`, '=', workspaceId)
      .where('id', 'in', chunk)
      .execute();
    const emails = await emailsOf(db, chunk);
    for (const row of rows) people.push(toPerson(row, emails.get(Number(row.id)) ?? []));
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return people.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

export async function findPerson(db: Db, workspaceId: number, id: number): Promise<Person | undefined> {
  return (await findPeopleByIds(db, workspaceId, [id]))[0];
}

export async function emailsOf(db: Db, personIds: readonly number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (personIds.length === 0) return map;
  const rows = await db
    .selectFrom('person_emails')
    .select(['person_id', 'email'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const id = Number(r.person_id);
    const list = map.get(id);
    if (list) list.push(r.email);
    else map.set(id, [r.email]);
  }
  return map;
}

export async function findPersonIdByEmail(db: Db, workspaceId: number, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('person_emails')
    .select('person_id')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? Number(row.person_id) : undefined;
}

/**
 * The person holding another spelling of an address's mailbox (storedMailbox: a +tag, Gmail's dots
 * or googlemail.com), when no one holds the address as written; the first stored when several do.
 */
export async function findPersonIdByMailbox(db: Db, workspaceId: number, email: string): Promise<number | undefined> {
  const key = mailboxKey(email);
  // two queries, each through its own index (an OR of the two scans the workspace)
  const [tagged, plain] = await Promise.all([
    db
      .selectFrom('person_emails')
      .select(['person_id', 'email'])
      .where('workspace_id', '=', workspaceId)
      .where('mailbox', '=', key)
      .orderBy('person_id')
      .limit(50)
      .execute(),
    db
      .selectFrom('person_emails')
      .select(['person_id', 'email'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', key)
      .execute(),
  ]);
  const ids = [...tagged, ...plain].filter((r) => sameMailboxHolder(email, r.email)).map((r) => Number(r.person_id));
  return ids.length > 0 ? Math.min(...ids) : undefined;
}

/** People whose name matches exactly (by name key), then those whose words all start with the query's words. */
export async function findPeopleByName(db: Db, workspaceId: number, query: string, limit = 20) {
  const key = nameKey(query);
  const exact = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', key)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (exact.length > 0) return { exact: true, people: exact.map((r) => ({ id: Number(r.id), name: r.name })) };
  // a Chinese, Japanese or Korean name's key holds its characters in code-point order (see
  // nameKey): each character of the query is looked for anywhere in it
  const cjk = isCjkName(query);
  const words = cjk ? [...key] : key.split(' ').filter(Boolean);
  if (words.length === 0) return { exact: false, people: [] };
  let q = db.selectFrom('people').select(['id', 'name', 'name_key']).where('workspace_id', '=', workspaceId);
  for (const w of words) {
    const escaped = w.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = cjk
      ? q.where('name_key', 'like', `%${escaped}%`)
      : q.where((eb) => eb.or([eb('name_key', 'like', `${escaped}%`), eb('name_key', 'like', `% ${escaped}%`)]));
  }
  const rows = await q.orderBy('name_key').limit(limit).execute();
  return { exact: false, people: rows.map((r) => ({ id: Number(r.id), name: r.name })) };
}

export async function countPeople(db: Db, workspaceId: number): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person a merged-away person became, by what they were known by (a MERGED_ source and its key). */
export function findMergedInto(
  db: Db,
  workspaceId: number,
  source: typeof MERGED_ID | typeof MERGED_UID | typeof MERGED_NAME,
  key: string,
): Promise<number | undefined> {
  return findPersonIdByKey(db, workspaceId, source, key);
}

/** The person a person_keys row of a source gives a key to (a contact record's, a merged-away person's…). */
export async function findPersonIdByKey(
  db: Db,
  workspaceId: number,
  source: string,
  key: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('person_keys')
    .select('person_id')
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('record_key', '=', key)
    .executeTakeFirst();
  return row ? Number(row.person_id) : undefined;
}

/** The person of a uid, or the one the person of that uid was merged into (see MERGED_UID). */
export async function findPersonIdByUid(db: Db, workspaceId: number, uid: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('uid', '=', uid)
    .executeTakeFirst();
  return row ? Number(row.id) : findMergedInto(db, workspaceId, MERGED_UID, uid);
}

/**
 * What a person merged into another was known by, kept as person_keys rows of these sources so that
 * a later file still finds them: the merged-away person's uid (a copy exported before the merge,
 * a card Rapport wrote), their LinkedIn profile (when the kept person has another) and their name
 * key (when it differs from the kept person's). A contact record's profile that differs from the
 * one stored for the person its address found is kept as MERGED_PROFILE too.
 */
export const MERGED_UID = 'merged:uid';
/** the merged-away person's id, so that a command naming it says whom they became */
export const MERGED_ID = 'merged:id';
export const MERGED_PROFILE = 'merged:profile';
export const MERGED_NAME = 'merged:name';

export async function findPersonIdByLinkedin(db: Db, workspaceId: number, url: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('linkedin', '=', url)
    .orderBy('id')
    .executeTakeFirst();
  return row ? Number(row.id) : findPersonIdByKey(db, workspaceId, MERGED_PROFILE, url);
}

/** The people stored under a name key, or merged with someone who was (see MERGED_NAME), by id. */
export async function findPeopleIdsByNameKey(db: Db, workspaceId: number, key: string, limit: number) {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', key)
    .union(
      db
        .selectFrom('person_keys')
        .select('person_id as id')
        .where('workspace_id', '=', workspaceId)
        .where('source', '=', MERGED_NAME)
        .where('record_key', '=', key),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
