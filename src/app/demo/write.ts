import { insertMilestone } from '../../store/milestone.repository.js';
import { insertNeed, insertOffer } from '../../store/need-offer.repository.js';
import { insertNextStep } from '../../store/next-step.repository.js';
import { type BulkInteraction, BulkLoader } from '../bulk-load.js';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { createPerson } from '../people.js';
import type { Plan } from './plan.js';

type Db = Context['store']['db'];

export interface Written {
  people: number;
  interactions: number;
  exchanges: number;
  needs: number;
  offers: number;
  nextSteps: number;
  milestones: number;
}

/**
 * Writes a plan through the app's own paths, inside the caller's transaction: people with
 * createPerson, interactions and exchanges through the bulk loader (which settles reply
 * threads and folds every relationship), then needs, offers, next steps and milestones.
 */
export async function writePlan(
  ctx: Context,
  db: Db,
  plan: Plan,
  onProgress?: (done: number, total: number) => void,
): Promise<Written> {
  const total = 2 * plan.people.length + plan.interactions.length;
  const ids: number[] = [];
  for (const p of plan.people) {
    ids.push(await createPerson(ctx, db, p.input, p.uid, { createdAt: p.createdAt, updatedAt: ctx.now }));
    if (ids.length % 500 === 0) onProgress?.(ids.length, total);
  }
  const id = (index: number): number => {
    const found = ids[index];
    if (found === undefined) throw new AppError('internal', `demo person ${index} was not created`);
    return found;
  };
  const optional = (index: number | null) => (index === null ? null : id(index));

  const loader = new BulkLoader(ctx, db);
  const records: BulkInteraction[] = plan.interactions.map((i) => ({
    uid: i.uid,
    at: i.at,
    channel: i.channel,
    direction: i.direction,
    depth: i.depth,
    participantIds: i.people.map(id),
    fromPersonId: optional(i.from),
    minutes: i.minutes,
    note: i.note,
    source: 'demo',
    externalId: null,
    replyToUid: i.replyTo,
  }));
  const loaded = await loader.interactions(records, (done) => onProgress?.(ids.length + done, total));
  await loader.exchanges(
    plan.exchanges.map((x) => ({ ...x, personId: id(x.person), introducedPersonId: optional(x.introduced) })),
  );
  const base = ids.length + plan.interactions.length;
  await loader.finish((done) => onProgress?.(base + done, total));

  const ws = ctx.workspaceId;
  for (const n of plan.needs) await insertNeed(db, ws, { ...n, personId: id(n.person) });
  for (const o of plan.offers) await insertOffer(db, ws, { ...o, personId: optional(o.person) });
  for (const s of plan.steps)
    await insertNextStep(db, ws, { ...s, personId: id(s.person), status: s.doneAt === null ? 'open' : 'done' });
  for (const m of plan.milestones) await insertMilestone(db, ws, { ...m, personId: id(m.person) }, ctx.now);
  onProgress?.(total, total);
  return {
    people: ids.length,
    interactions: loaded.created,
    exchanges: plan.exchanges.length,
    needs: plan.needs.length,
    offers: plan.offers.length,
    nextSteps: plan.steps.length,
    milestones: plan.milestones.length,
  };
}
