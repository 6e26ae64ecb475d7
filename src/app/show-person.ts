import { explainClass } from '../domain/classify.js';
import { type Layer, layerOf } from '../domain/dunbar.js';
import { type EvaluatedWithFlags, evaluate, evaluateWithFlags } from '../domain/evaluate.js';
import { foldAll } from '../domain/fold.js';
import type { Person } from '../domain/person.js';
import { cadenceOf, connectedSince, knownAt } from '../domain/person.js';
import {
  type Exchange,
  type Interaction,
  isOpenAt,
  type Milestone,
  type Need,
  type NextStep,
  type Offer,
} from '../domain/records.js';
import { TIER_CADENCE_DAYS, WINDOWS_DAYS } from '../domain/scoring-config.js';
import { type RelationshipStats, relationshipStats } from '../domain/stats.js';
import { DAY_MS, formatDate } from '../domain/time.js';
import type { Role } from '../domain/vocabulary.js';
import { exchangesOf } from '../store/exchange.repository.js';
import { readPersonEvents, readReplyParents } from '../store/fold-events.js';
import { interactionsOf } from '../store/interaction.repository.js';
import { milestonesOf } from '../store/milestone.repository.js';
import { needsOf, offersBy } from '../store/need-offer.repository.js';
import { nextStepsOf } from '../store/next-step.repository.js';
import { intensityKey } from '../store/summary.mapper.js';
import type { Context } from './context.js';
import { resolvePerson } from './people.js';
import { summariesAt } from './summaries.js';

export interface PersonDetail {
  readonly person: Person;
  readonly evaluated: EvaluatedWithFlags;
  readonly classReason: string;
  readonly cadenceDays: number | null;
  readonly stats: RelationshipStats;
  /** strength at the start of the cooling window */
  readonly strengthBefore: number;
  /** strength at the end of each of the last 12 months, oldest first, then now */
  readonly trend: { at: number; strength: number }[];
  readonly layer: Layer | null;
  readonly nextStep: NextStep | null;
  readonly nextSteps: NextStep[];
  readonly needs: Need[];
  readonly offers: Offer[];
  readonly exchanges: Exchange[];
  readonly milestones: Milestone[];
  /** the latest interactions, each with the person's role in it */
  readonly recent: (Interaction & { readonly role: Role })[];
  /**
   * On a past day replayed, someone who joined the network after it (nothing with them by then):
   * how they joined ("connected on LinkedIn on 2026-11-15"); people, today and portfolio leave them out.
   */
  readonly joinedLater?: string;
}

/** Everything about one relationship as of ctx.now, folded from its own events. */
export async function showPerson(
  ctx: Context,
  who: string,
  /** every interaction, not the latest 20 */
  opts: { all?: boolean } = {},
): Promise<PersonDetail> {
  const db = ctx.store.db;
  const now = ctx.now;
  const person = await resolvePerson(ctx, who);
  const events = await readPersonEvents(ctx.store, db, ctx.workspaceId, person.id, now);
  const summary = foldAll(events);
  const before = now - WINDOWS_DAYS.cooling * DAY_MS;
  const strengthAt = (t: number) => evaluate(foldAll(events.filter((e) => e.at <= t)), t, person).strength;
  const strengthBefore = strengthAt(before);
  const [storedSteps, needs, offers, storedExchanges, milestones, recent, parents] = await Promise.all([
    nextStepsOf(db, ctx.workspaceId, person.id),
    needsOf(db, ctx.workspaceId, person.id),
    offersBy(db, ctx.workspaceId, person.id),
    exchangesOf(db, ctx.workspaceId, person.id, now),
    milestonesOf(db, ctx.workspaceId, person.id, now),
    interactionsOf(db, ctx.workspaceId, person.id, now, opts.all ? undefined : 20),
    readReplyParents(db, ctx.workspaceId, person.id, now),
  ]);
  // as they stood at now (a past day replayed): what was done or acknowledged later was not yet
  const steps = storedSteps.map((step) => stepAsOf(step, now));
  const exchanges = storedExchanges.map((x) => exchangeAsOf(x, now));
  const open = steps.filter((s) => isOpenAt(s, now));
  const evaluated = evaluateWithFlags(summary, now, person, { hasOpenNextStep: open.length > 0, strengthBefore });
  const trend: { at: number; strength: number }[] = [];
  for (let m = 12; m >= 1; m--) {
    const at = now - m * 30 * DAY_MS;
    trend.push({ at, strength: strengthAt(at) });
  }
  trend.push({ at: now, strength: evaluated.strength });
  return {
    person,
    evaluated,
    ...(knownAt(person, events.length > 0, now) ? {} : { joinedLater: howJoined(person) }),
    classReason: explainClass(summary, now, evaluated.class),
    cadenceDays: cadenceOf(person, TIER_CADENCE_DAYS),
    stats: relationshipStats(events, parents, now),
    strengthBefore,
    trend,
    layer: await layer(ctx, person.id, intensityKey(summary), now),
    nextStep: open[0] ?? null,
    nextSteps: steps.filter((s) => s.createdAt <= now),
    needs: needs.filter((n) => n.createdAt <= now),
    offers: offers.filter((o) => o.createdAt <= now),
    exchanges,
    milestones,
    recent,
  };
}

/** How someone joined the network: connected on LinkedIn, or added (typed in or imported), whichever came first. */
function howJoined(person: Person): string {
  const connected = connectedSince(person);
  return connected !== undefined && connected < person.createdAt
    ? `connected on LinkedIn on ${formatDate(connected)}`
    : `added on ${formatDate(person.createdAt)}`;
}

/** A next step as it stood at `now`: one done after it was still open then. */
function stepAsOf(step: NextStep, now: number): NextStep {
  return step.doneAt !== null && step.doneAt > now ? { ...step, status: 'open', doneAt: null } : step;
}

/** Value given as it stood at `now`: acknowledged after it, it was not yet. */
function exchangeAsOf(x: Exchange, now: number): Exchange {
  return x.acknowledgedAt !== null && x.acknowledgedAt > now ? { ...x, acknowledgedAt: null } : x;
}

/**
 * Rank among the workspace's ties by long-run intensity at `now` (the key orders them at any time
 * after both their last events): stored summaries where they hold nothing later than `now`, the
 * others (a past day replayed, or events logged ahead) folded up to `now`.
 */
async function layer(ctx: Context, personId: number, key: number | null, now: number): Promise<Layer | null> {
  if (key === null) return null;
  const db = ctx.store.db;
  const row = await db
    .selectFrom('summaries')
    .select((eb) => eb.fn.countAll<number>().as('above'))
    .where('workspace_id', '=', ctx.workspaceId)
    .where('intensity_key', '>', key)
    .where('as_of', '<=', now)
    .where('person_id', '!=', personId)
    .executeTakeFirstOrThrow();
  const later = await db
    .selectFrom('summaries')
    .select('person_id')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('as_of', '>', now)
    .where('person_id', '!=', personId)
    .execute();
  let above = Number(row.above);
  if (later.length > 0)
    for (const s of (
      await summariesAt(
        ctx,
        later.map((r) => Number(r.person_id)),
        now,
      )
    ).values()) {
      const k = intensityKey(s);
      if (k !== null && k > key) above++;
    }
  return layerOf(above + 1);
}
