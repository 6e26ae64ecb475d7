import { nameKey } from '../domain/person.js';
import type { RelationshipClass, Stage } from '../domain/vocabulary.js';
import { BOUND_SLACK, strengthBoundSql } from '../store/strength-bound.js';
import type { Context } from './context.js';
import { type EvaluatedPerson, evaluatePeople, inNetworkAt, isCurrent, personIdChunks } from './evaluation.js';

export type PeopleSort = 'strength' | 'recent' | 'name';

export interface ListOptions {
  readonly class?: RelationshipClass | undefined;
  readonly stage?: Stage | undefined;
  readonly sort?: PeopleSort | undefined;
  /** no limit: everyone */
  readonly limit?: number | undefined;
}

/** The same orders the database uses for candidates, so that batches join up. */
const compare: Record<PeopleSort, (a: EvaluatedPerson, b: EvaluatedPerson) => number> = {
  strength: (a, b) => b.evaluated.strength - a.evaluated.strength || byName(a, b),
  // by last contact: the last meaningful interaction, as `today` counts it (bulk mail is none)
  recent: (a, b) => (b.summary.m1At ?? -1) - (a.summary.m1At ?? -1) || a.person.id - b.person.id,
  name: (a, b) => byName(a, b),
};

function byName(a: EvaluatedPerson, b: EvaluatedPerson): number {
  const ka = nameKey(a.person.name);
  const kb = nameKey(b.person.name);
  return ka < kb ? -1 : ka > kb ? 1 : a.person.id - b.person.id;
}

/**
 * People with their relationship as of ctx.now, filtered and sorted. With a limit and a current
 * workspace, the database orders candidates (by the strength as of each one's last event, or an
 * upper bound computed in SQL where that is missing; by last contact; or by name) and only the
 * leading ones are evaluated; otherwise everyone is.
 */
export async function listPeople(ctx: Context, opts: ListOptions = {}): Promise<EvaluatedPerson[]> {
  const sort = opts.sort ?? 'strength';
  const keep = (e: EvaluatedPerson) =>
    inNetworkAt(e, ctx.now) &&
    (opts.class === undefined || e.evaluated.class === opts.class) &&
    (opts.stage === undefined || e.evaluated.stage === opts.stage);
  if (opts.limit !== undefined && (await isCurrent(ctx, ctx.now))) return leading(ctx, sort, opts.limit, keep);
  const all: EvaluatedPerson[] = [];
  for await (const ids of personIdChunks(ctx))
    for (const e of await evaluatePeople(ctx, ids, ctx.now)) if (keep(e)) all.push(e);
  all.sort(compare[sort]);
  return opts.limit === undefined ? all : all.slice(0, opts.limit);
}

async function leading(
  ctx: Context,
  sort: PeopleSort,
  limit: number,
  keep: (e: EvaluatedPerson) => boolean,
): Promise<EvaluatedPerson[]> {
  if (limit <= 0) return [];
  const found: EvaluatedPerson[] = [];
  const batch = Math.max(100, limit * 2);
  const keyed = sort === 'strength' && (await strengthKeysComplete(ctx));
  for (let offset = 0; ; offset += batch) {
    const rows = await candidates(ctx, sort, batch, offset, keyed);
    const evaluated = await evaluatePeople(
      ctx,
      rows.map((r) => r.id),
      ctx.now,
    );
    for (const e of evaluated) if (keep(e)) found.push(e);
    found.sort(compare[sort]);
    if (rows.length < batch) break;
    if (found.length >= limit) {
      if (sort !== 'strength') break;
      // every row not yet read has a bound at most the last one read, and a strength below its bound
      const kth = found[limit - 1]?.evaluated.strength ?? 0;
      const lastBound = rows[rows.length - 1]?.bound ?? 0;
      if (lastBound < kth - BOUND_SLACK) break;
    }
  }
  return found.slice(0, limit);
}

/** True when every summary with events has its strength key (rows written before it existed have none until a rescore). */
async function strengthKeysComplete(ctx: Context): Promise<boolean> {
  const missing = await ctx.store.db
    .selectFrom('summaries')
    .select('person_id')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('strength_key', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return missing === undefined;
}

async function candidates(ctx: Context, sort: PeopleSort, limit: number, offset: number, keyed = false) {
  const db = ctx.store.db;
  if (sort === 'strength' && keyed) {
    // the strength as of each one's last event bounds their strength now (nothing happened since):
    // read the strongest first through the index, without computing anything per row
    const rows = await db
      .selectFrom('summaries')
      .select(['person_id', 'strength_key'])
      .where('workspace_id', '=', ctx.workspaceId)
      .orderBy('strength_key', 'desc')
      .orderBy('person_id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({ id: Number(r.person_id), bound: Number(r.strength_key) + BOUND_SLACK }));
  }
  if (sort === 'strength') {
    const bound = strengthBoundSql(ctx.store.dialect, ctx.now);
    const rows = await db
      .selectFrom('summaries')
      .select(['person_id'])
      .select(bound.as('bound'))
      .where('workspace_id', '=', ctx.workspaceId)
      .orderBy('bound', 'desc')
      .orderBy('person_id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({ id: Number(r.person_id), bound: Number(r.bound) }));
  }
  if (sort === 'recent') {
    const rows = await db
      .selectFrom('summaries')
      .select(['person_id'])
      .where('workspace_id', '=', ctx.workspaceId)
      .orderBy('m1_at', (ob) => ob.desc().nullsLast())
      .orderBy('person_id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({ id: Number(r.person_id), bound: 0 }));
  }
  const rows = await db
    .selectFrom('people')
    .select(['id'])
    .where('workspace_id', '=', ctx.workspaceId)
    .orderBy('name_key')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), bound: 0 }));
}
