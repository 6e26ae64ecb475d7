import { type Kysely, type Selectable, sql } from 'kysely';
import type { Milestone } from '../domain/records.js';
import { newId } from './id-floors.js';
import type { Database, MilestoneTable } from './schema.js';

type Db = Kysely<Database>;

export function toMilestone(r: Selectable<MilestoneTable>): Milestone {
  return {
    id: Number(r.id),
    uid: r.uid,
    personId: Number(r.person_id),
    text: r.text,
    on: r.on_date,
    yearly: r.yearly === 1,
  };
}

export async function insertMilestone(
  db: Db,
  workspaceId: number,
  m: Omit<Milestone, 'id'> & { id?: number | undefined },
  now: number,
) {
  const row = await db
    .insertInto('milestones')
    .values({
      ...(m.id !== undefined ? { id: m.id } : newId(db, 'milestones')),
      workspace_id: workspaceId,
      uid: m.uid,
      person_id: m.personId,
      text: m.text,
      on_date: m.on,
      md: m.on.slice(5),
      yearly: m.yearly ? 1 : 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A person's milestones recorded by `now` (a past day replayed does not know of later ones). */
export async function milestonesOf(db: Db, workspaceId: number, personId: number, now: number) {
  const rows = await db
    .selectFrom('milestones')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .where('created_at', '<=', now)
    .orderBy('md')
    .execute();
  return rows.map(toMilestone);
}

/** Milestones recorded by `now` whose month-day falls in any of the given MM-DD ranges (inclusive). */
export async function milestonesBetween(db: Db, workspaceId: number, ranges: readonly [string, string][], now: number) {
  const rows = await db
    .selectFrom('milestones')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '<=', now)
    .where((eb) => eb.or(ranges.map(([a, b]) => eb.and([eb('md', '>=', a), eb('md', '<=', b)]))))
    .execute();
  return rows.map(toMilestone);
}

/** People whose birthday's month-day falls in the ranges; birthdays are YYYY-MM-DD or --MM-DD. */
export async function birthdaysBetween(db: Db, workspaceId: number, ranges: readonly [string, string][]) {
  // the month-day compared in the database too (through the people_birthday index), so that
  // only the few birthdays in range are read back; the filter below stays the reference
  const md = sql<string>`substr(birthday, length(birthday) - 4)`;
  const rows = await db
    .selectFrom('people')
    .select(['id', 'birthday'])
    .where('workspace_id', '=', workspaceId)
    .where('birthday', 'is not', null)
    .where((eb) =>
      eb.or([
        eb(sql<number>`length(birthday)`, '<', 5),
        ...ranges.map(([a, b]) => eb.and([eb(md, '>=', a), eb(md, '<=', b)])),
      ]),
    )
    .execute();
  const inRange = (md: string) => ranges.some(([a, b]) => md >= a && md <= b);
  return rows
    .filter((r) => r.birthday !== null && inRange(r.birthday.slice(-5)))
    .map((r) => ({ personId: Number(r.id), birthday: r.birthday ?? '' }));
}
