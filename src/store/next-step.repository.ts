import type { Kysely, Selectable } from 'kysely';
import type { NextStep } from '../domain/records.js';
import { newId } from './id-floors.js';
import type { Database, NextStepTable } from './schema.js';

type Db = Kysely<Database>;

export function toNextStep(r: Selectable<NextStepTable>): NextStep {
  return {
    id: Number(r.id),
    uid: r.uid,
    personId: Number(r.person_id),
    text: r.text,
    why: r.why,
    due: Number(r.due),
    status: r.status === 'done' ? 'done' : 'open',
    createdAt: Number(r.created_at),
    doneAt: r.done_at === null ? null : Number(r.done_at),
  };
}

export async function insertNextStep(
  db: Db,
  workspaceId: number,
  s: Omit<NextStep, 'id'> & { id?: number | undefined },
): Promise<number> {
  const row = await db
    .insertInto('next_steps')
    .values({
      ...(s.id !== undefined ? { id: s.id } : newId(db, 'next_steps')),
      workspace_id: workspaceId,
      uid: s.uid,
      person_id: s.personId,
      text: s.text,
      why: s.why,
      due: s.due,
      status: s.status,
      created_at: s.createdAt,
      done_at: s.doneAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findNextStep(db: Db, workspaceId: number, id: number) {
  const row = await db
    .selectFrom('next_steps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toNextStep(row) : undefined;
}

export async function completeNextStep(db: Db, workspaceId: number, id: number, at: number) {
  await db
    .updateTable('next_steps')
    .set({ status: 'done', done_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function nextStepsOf(db: Db, workspaceId: number, personId: number) {
  const rows = await db
    .selectFrom('next_steps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .orderBy('due')
    .orderBy('id')
    .execute();
  return rows.map(toNextStep);
}

/** Of these people, those with a next step open at `now`. */
export async function peopleWithOpenStep(db: Db, workspaceId: number, personIds: readonly number[], now: number) {
  const open = new Set<number>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('next_steps')
      .select('person_id')
      .distinct()
      .where('workspace_id', '=', workspaceId)
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .where('created_at', '<=', now)
      .where((eb) => eb.or([eb('done_at', 'is', null), eb('done_at', '>', now)]))
      .execute();
    for (const r of rows) open.add(Number(r.person_id));
  }
  return open;
}
