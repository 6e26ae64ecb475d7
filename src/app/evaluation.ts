import { type Evaluated, type EvaluatedWithFlags, evaluate, evaluateWithFlags } from '../domain/evaluate.js';
import { knownAt, type Person } from '../domain/person.js';
import type { Summary } from '../domain/summary.js';
import { peopleWithOpenStep } from '../store/next-step.repository.js';
import { findPeopleByIds } from '../store/person.repository.js';
import type { Context } from './context.js';
import { summariesAt } from './summaries.js';

export interface EvaluatedPerson {
  readonly person: Person;
  readonly summary: Summary;
  readonly evaluated: Evaluated;
}

export interface FlaggedPerson extends EvaluatedPerson {
  readonly evaluated: EvaluatedWithFlags;
}

type Db = Context['store']['db'];

/** The latest event time in the workspace: at or after it, stored summaries are valid as they are. */
export async function latestEventAt(ctx: Context, db: Db = ctx.store.db): Promise<number | null> {
  const row = await db
    .selectFrom('summaries')
    .select((eb) => eb.fn.max('as_of').as('latest'))
    .where('workspace_id', '=', ctx.workspaceId)
    .executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}

/** True when `now` is at or after every stored event, so the database can sort and filter on summaries. */
export async function isCurrent(ctx: Context, now: number): Promise<boolean> {
  const latest = await latestEventAt(ctx);
  return latest === null || latest <= now;
}

/** Evaluates these people as of `now`, in the order given. */
export async function evaluatePeople(ctx: Context, ids: readonly number[], now: number): Promise<EvaluatedPerson[]> {
  const [people, summaries] = await Promise.all([
    findPeopleByIds(ctx.store.db, ctx.workspaceId, ids),
    summariesAt(ctx, ids, now),
  ]);
  const out: EvaluatedPerson[] = [];
  for (const person of people) {
    const summary = summaries.get(person.id);
    if (!summary) continue;
    out.push({ person, summary, evaluated: evaluate(summary, now, person) });
  }
  return out;
}

/** Whether the person evaluated belonged to the network as of `now` (see knownAt): a replay leaves out those who came later. */
export function inNetworkAt(e: EvaluatedPerson, now: number): boolean {
  return knownAt(e.person, e.summary.asOf !== null, now);
}

/** Like evaluatePeople, with flags (all but cooling, which needs each history: see withCooling). */
export async function evaluateWithFlagsFor(
  ctx: Context,
  ids: readonly number[],
  now: number,
): Promise<FlaggedPerson[]> {
  const [base, open] = await Promise.all([
    evaluatePeople(ctx, ids, now),
    peopleWithOpenStep(ctx.store.db, ctx.workspaceId, ids, now),
  ]);
  return base.map((b) => ({
    ...b,
    evaluated: evaluateWithFlags(b.summary, now, b.person, { hasOpenNextStep: open.has(b.person.id) }),
  }));
}

/** Every person id of the workspace, in id order, in chunks. */
export async function* personIdChunks(ctx: Context, size = 1000): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await ctx.store.db
      .selectFrom('people')
      .select('id')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.id));
    after = ids[ids.length - 1] ?? after;
    yield ids;
  }
}
