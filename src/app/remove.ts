import type { Selectable } from 'kysely';
import type { Exchange, Interaction, Milestone, Need, NextStep, Offer } from '../domain/records.js';
import type { Removable } from '../domain/vocabulary.js';
import { toExchange } from '../store/exchange.repository.js';
import { settleAnswers, withParticipants } from '../store/interaction.repository.js';
import { toMilestone } from '../store/milestone.repository.js';
import { toNeed, toOffer } from '../store/need-offer.repository.js';
import { toNextStep } from '../store/next-step.repository.js';
import type { Database } from '../store/schema.js';
import type { Context } from './context.js';
import { AppError, invalid } from './errors.js';
import { rebuildSummaries } from './summaries.js';

type Db = Context['store']['db'];

export type Removed =
  | { kind: 'interaction'; record: Interaction }
  | { kind: 'exchange'; record: Exchange }
  | { kind: 'need'; record: Need }
  | { kind: 'offer'; record: Offer }
  | { kind: 'step'; record: NextStep }
  | { kind: 'milestone'; record: Milestone };

/**
 * Removes one record by id, in one transaction, and folds again the relationships it counted
 * in, so that every score reads as if it had never been recorded. An interaction or exchange
 * read from a file is refused: the next import of that file would store it again.
 */
export async function removeRecord(ctx: Context, kind: Removable, id: number): Promise<Removed> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const removed = await removeOne(ctx, trx, kind, id);
    // remembered, so that a JSON copy made before does not put it back
    await trx
      .insertInto('removed_records')
      .values({ workspace_id: ctx.workspaceId, kind, uid: removed.record.uid, removed_at: ctx.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return removed;
  });
}

async function removeOne(ctx: Context, trx: Db, kind: Removable, id: number): Promise<Removed> {
  switch (kind) {
    case 'interaction':
      return { kind, record: await removeInteraction(ctx, trx, id) };
    case 'exchange':
      return { kind, record: await removeExchange(ctx, trx, id) };
    case 'need': {
      const row = await takeRow(ctx, trx, 'needs', id, kind);
      await trx.deleteFrom('need_terms').where('need_id', '=', id).execute();
      await trx.deleteFrom('needs').where('id', '=', id).execute();
      return { kind, record: toNeed(row) };
    }
    case 'offer': {
      const row = await takeRow(ctx, trx, 'offers', id, kind);
      await trx.deleteFrom('offer_terms').where('offer_id', '=', id).execute();
      await trx.deleteFrom('offers').where('id', '=', id).execute();
      return { kind, record: toOffer(row) };
    }
    case 'step': {
      const row = await takeRow(ctx, trx, 'next_steps', id, 'next step');
      await trx.deleteFrom('next_steps').where('id', '=', id).execute();
      return { kind, record: toNextStep(row) };
    }
    case 'milestone': {
      const row = await takeRow(ctx, trx, 'milestones', id, kind);
      await trx.deleteFrom('milestones').where('id', '=', id).execute();
      return { kind, record: toMilestone(row) };
    }
  }
}

/** The row of one of the workspace's records, or a not_found error naming it as `what`. */
async function takeRow<T extends 'interactions' | 'exchanges' | 'needs' | 'offers' | 'next_steps' | 'milestones'>(
  ctx: Context,
  db: Db,
  table: T,
  id: number,
  what: string,
): Promise<Selectable<Database[T]>> {
  const row = await db
    .selectFrom(table as 'needs')
    .selectAll()
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(what, id);
  return row as unknown as Selectable<Database[T]>;
}

function notFound(what: string, id: number): AppError {
  return new AppError('not_found', `no ${what} with id ${id}`);
}

async function removeExchange(ctx: Context, db: Db, id: number): Promise<Exchange> {
  const row = await takeRow(ctx, db, 'exchanges', id, 'exchange');
  const source = /^([a-z]+):/.exec(row.uid)?.[1];
  if (source !== undefined)
    throw invalid(
      `exchange ${id} was imported (${source}); the next import of that file would store it again, so it stays`,
    );
  await db.deleteFrom('exchanges').where('id', '=', id).execute();
  await rebuildSummaries(ctx, db, [Number(row.person_id)]);
  return toExchange(row);
}

/**
 * Removes an interaction the user logged. A message answering it (demo data has such threads)
 * now answers nothing: it starts an exchange of its own, as it would have had the removed one
 * never been stored; the first answers to what it answered are marked again.
 */
async function removeInteraction(ctx: Context, db: Db, id: number): Promise<Interaction> {
  const row = await takeRow(ctx, db, 'interactions', id, 'interaction');
  if (row.external_id !== null)
    throw invalid(
      `interaction ${id} was imported (${row.source}); the next import of that file would store it again, so it stays`,
    );
  const [interaction] = await withParticipants(db, [row]);
  if (!interaction) throw notFound('interaction', id);
  const refold = new Set(interaction.participantIds);
  const answers = (await db.selectFrom('interactions').select('id').where('reply_to_id', '=', id).execute()).map((r) =>
    Number(r.id),
  );
  if (answers.length > 0) {
    await db.updateTable('interactions').set({ reply_to_id: null }).where('id', 'in', answers).execute();
    await db
      .updateTable('participations')
      .set({ parent_at: null, parent_role: null, first_answer: 0 })
      .where('interaction_id', 'in', answers)
      .execute();
    const people = await db
      .selectFrom('participations')
      .select('person_id')
      .where('interaction_id', 'in', answers)
      .execute();
    for (const p of people) refold.add(Number(p.person_id));
    // their own answers read what they answered as the user's or not: marked again
    for (const answer of answers) for (const c of await settleAnswers(db, answer)) refold.add(c.personId);
  }
  await db.deleteFrom('pending_participants').where('interaction_id', '=', id).execute();
  await db.deleteFrom('reply_keys').where('child_id', '=', id).execute();
  await db.deleteFrom('participations').where('interaction_id', '=', id).execute();
  await db.deleteFrom('interactions').where('id', '=', id).execute();
  if (row.reply_to_id !== null)
    for (const c of await settleAnswers(db, Number(row.reply_to_id))) refold.add(c.personId);
  await rebuildSummaries(ctx, db, [...refold]);
  return interaction;
}
