import { sql } from 'kysely';
import { monthDayRanges, yearlyOccurrence } from '../domain/calendar-day.js';
import { evaluate } from '../domain/evaluate.js';
import {
  buildFocusList,
  type Celebration,
  FOCUS_WINDOWS,
  type FocusItem,
  type FocusPerson,
  type NeedMatch,
} from '../domain/focus.js';
import { cadenceOf } from '../domain/person.js';
import { THRESHOLDS, TIER_CADENCE_DAYS, WINDOWS_DAYS } from '../domain/scoring-config.js';
import { analyze, inverseFrequency, matchTexts } from '../domain/text-match.js';
import { DAY_MS } from '../domain/time.js';
import { GOALS, isOneOf, TIERS } from '../domain/vocabulary.js';
import { unacknowledgedGiven } from '../store/exchange.repository.js';
import { birthdaysBetween, milestonesBetween } from '../store/milestone.repository.js';
import { needOfferCandidates, needsByIds, offersByIds, termFrequencies } from '../store/need-offer.repository.js';
import { peopleWithOpenStep } from '../store/next-step.repository.js';
import { selectRows } from '../store/rows.js';
import type { Context } from './context.js';
import { evaluateWithFlagsFor, inNetworkAt, isCurrent, personIdChunks } from './evaluation.js';
import { type BoundFacts, priorityBounds } from './focus-bound.js';
import { foldPersonAt } from './summaries.js';

const CANDIDATES = 500;

/**
 * The daily focus list as of ctx.now. Candidates come from indexed queries (everyone with a
 * cadence whose pattern calls for something, the latest meetings, dormant or one-sided patterns,
 * dates, unacknowledged value, needs sharing words with offers); they are evaluated in the order
 * of an upper bound on their priority, until nobody left can enter the list.
 */
export async function buildToday(ctx: Context, limit = 20): Promise<FocusItem[]> {
  const now = ctx.now;
  const db = ctx.store.db;
  const ranges = monthDayRanges(now, FOCUS_WINDOWS.celebrateBeforeDays, FOCUS_WINDOWS.celebrateAfterDays);
  const [milestones, birthdays, unacknowledged, matches] = await Promise.all([
    milestonesBetween(db, ctx.workspaceId, ranges, now),
    birthdaysBetween(db, ctx.workspaceId, ranges),
    unacknowledgedGiven(
      db,
      ctx.workspaceId,
      now - FOCUS_WINDOWS.followUpUntilDays * DAY_MS,
      now - FOCUS_WINDOWS.followUpAfterDays * DAY_MS,
      now,
      CANDIDATES,
    ),
    needMatches(ctx),
  ]);
  const celebrations: Celebration[] = [];
  const near = (md: string) =>
    yearlyOccurrence(md, now, FOCUS_WINDOWS.celebrateBeforeDays, FOCUS_WINDOWS.celebrateAfterDays);
  for (const m of milestones) {
    const on = m.yearly ? near(m.on.slice(5)) : Date.parse(`${m.on}T00:00:00Z`);
    const days = on === undefined ? Number.NaN : (on - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS;
    if (on !== undefined && days >= -FOCUS_WINDOWS.celebrateBeforeDays && days <= FOCUS_WINDOWS.celebrateAfterDays)
      celebrations.push({ personId: m.personId, text: m.text, on });
  }
  for (const b of birthdays) {
    const on = near(b.birthday.slice(-5));
    if (on !== undefined) celebrations.push({ personId: b.personId, text: 'birthday', on });
  }

  const { ids: candidates, current, facts: known } = await patternCandidates(ctx);
  const ids = new Set<number>([
    ...candidates,
    ...celebrations.map((c) => c.personId),
    ...unacknowledged.map((x) => x.personId),
    ...matches.flatMap((m) => [m.need.personId, ...(m.offer.personId === null ? [] : [m.offer.personId])]),
  ]);
  const people = new Map<number, FocusPerson>();
  const list = [...ids];
  const evaluateAll = async (batch: readonly number[]) => {
    for (let i = 0; i < batch.length; i += 500) {
      for (const e of await evaluateWithFlagsFor(ctx, batch.slice(i, i + 500), now)) {
        if (!inNetworkAt(e, now)) continue;
        people.set(e.person.id, {
          id: e.person.id,
          name: e.person.name,
          tier: e.person.tier,
          goal: e.person.goal,
          cadenceDays: cadenceOf(e.person, TIER_CADENCE_DAYS),
          wishlist: e.person.wishlist,
          summary: e.summary,
          evaluated: e.evaluated,
        });
      }
    }
  };
  if (!current) {
    await evaluateAll(list);
    const openSteps = await peopleWithOpenStep(db, ctx.workspaceId, list, now);
    const items = buildFocusList({ now, people, celebrations, matches, unacknowledged, openSteps });
    return withCooling(ctx, items.slice(0, limit), people);
  }
  // Evaluate the candidates in the order of an upper bound on their priority, and stop once the
  // next bound is below the last priority kept: nobody left can enter the list. Whoever could be
  // introduced to a person's need is evaluated with that person, so their introductions are final.
  // Only the people evaluated matter to the list, so only their open next steps are read.
  const openSteps = new Set<number>();
  const inputs = { now, celebrations, matches, unacknowledged, openSteps };
  const bounds = priorityBounds(inputs, known, list);
  const order = list.sort((a, b) => (bounds.get(b) ?? 0) - (bounds.get(a) ?? 0) || a - b);
  const introducers = new Map<number, number[]>();
  for (const m of matches) {
    if (m.offer.personId === null) continue;
    const others = introducers.get(m.need.personId);
    if (others) others.push(m.offer.personId);
    else introducers.set(m.need.personId, [m.offer.personId]);
  }
  const evaluated = new Set<number>();
  let next = 0;
  // each round evaluates twice as many as the last: few rounds however far down the list goes
  for (let size = LEADING_BATCH; ; size *= 2) {
    const batch: number[] = [];
    const take = (id: number) => {
      if (evaluated.has(id)) return;
      evaluated.add(id);
      batch.push(id);
    };
    for (; next < order.length && batch.length < size; next++) {
      const id = order[next] ?? 0;
      take(id);
      for (const other of introducers.get(id) ?? []) take(other);
    }
    await evaluateAll(batch);
    for (const id of await peopleWithOpenStep(db, ctx.workspaceId, batch, now)) openSteps.add(id);
    while (next < order.length && evaluated.has(order[next] ?? 0)) next++;
    const all = buildFocusList({ ...inputs, people });
    const kth = all[limit - 1]?.priority;
    const following = next < order.length ? (bounds.get(order[next] ?? 0) ?? 0) : undefined;
    if (following === undefined || (kth !== undefined && following < kth))
      return withCooling(ctx, all.slice(0, limit), people);
  }
}

/** people evaluated in the first round while looking for the leading actions */
const LEADING_BATCH = 100;

/**
 * People whose pattern may call for a check-in, a next step, a reconnection or a rebalance, and
 * whether the stored summaries are current (else everyone is a candidate), with what the
 * priority bounds need of everyone who has a cadence (read on the way).
 */
async function patternCandidates(
  ctx: Context,
): Promise<{ ids: number[]; current: boolean; facts: Map<number, BoundFacts> }> {
  const now = ctx.now;
  if (!(await isCurrent(ctx, now))) {
    // replaying the past: stored summaries hold later events, so every person is a candidate
    const all: number[] = [];
    for await (const ids of personIdChunks(ctx)) all.push(...ids);
    return { ids: all, current: false, facts: new Map<number, BoundFacts>() };
  }
  const db = ctx.store.db;
  const ws = ctx.workspaceId;
  const windowStart = now - WINDOWS_DAYS.classWindow * DAY_MS;
  const liveFrom = now - FOCUS_WINDOWS.agreeNextStepDays * DAY_MS;
  // everyone with a cadence: those with a tier, then those with only a cadence of their own (two
  // index ranges; the engine does not combine the two indexes for an OR; the second tests the
  // tier through an expression so that it reads people_cadence, not every untiered person)
  const withCadence = (tiered: boolean) =>
    db
      .selectFrom('people as p')
      .innerJoin('summaries as s', 's.person_id', 'p.id')
      .select([
        'p.id',
        'p.tier',
        'p.cadence_days',
        's.m1_at',
        's.live_at',
        's.u3_at',
        's.g2_at',
        's.them_init_at',
        'p.goal',
        's.stage',
      ])
      .where('p.workspace_id', '=', ws)
      .where((eb) =>
        tiered
          ? eb('p.tier', 'is not', null)
          : eb.and([eb(sql<string | null>`(p.tier || '')`, 'is', null), eb('p.cadence_days', 'is not', null)]),
      );
  const cadenced = await selectRows(ctx.store, withCadence(true).unionAll(withCadence(false)));
  const time = (t: unknown) => (t === null || t === undefined ? null : Number(t));
  const inWindow = (t: unknown) => t !== null && t !== undefined && Number(t) >= windowStart;
  const cadencedCandidates: number[] = [];
  const facts = new Map<number, BoundFacts>();
  for (const [id, tierText, cadenceDays, m1At, liveAt, u3At, g2At, themInitAt, goal, stage] of cadenced) {
    const tier = isOneOf(TIERS, tierText) ? tierText : null;
    const cadence = cadenceOf({ cadenceDays: time(cadenceDays), tier }, TIER_CADENCE_DAYS);
    const m1 = time(m1At);
    const live = time(liveAt);
    facts.set(Number(id), {
      tier,
      goal: isOneOf(GOALS, goal) ? goal : null,
      cadenceDays: cadence,
      m1At: m1,
      liveAt: live,
      stage: Number(stage ?? 0),
      u3At: time(u3At),
      g2At: time(g2At),
    });
    if (
      (cadence !== null && (m1 === null || m1 < now - cadence * DAY_MS)) ||
      // people with a cadence are few and weigh most: every one of them whose pattern may call
      // for a next step or a rebalance is a candidate, beyond the caps below
      (live !== null && live >= liveFrom) ||
      ((inWindow(u3At) || inWindow(g2At)) && !inWindow(themInitAt))
    )
      cadencedCandidates.push(Number(id));
  }
  // the latest meetings first: for everyone else, the most recent is the most urgent
  const recentLive = await db
    .selectFrom('summaries')
    .select('person_id')
    .where('workspace_id', '=', ws)
    .where('live_at', '>=', liveFrom)
    .orderBy('live_at', 'desc')
    .orderBy('person_id')
    .limit(CANDIDATES)
    .execute();
  // they initiated nothing in the window (never, or before it: two ranges of summaries_one_sided)
  const quiet = (never: boolean) =>
    db
      .selectFrom('summaries')
      .select('person_id')
      .where('workspace_id', '=', ws)
      .where('them_init_at', never ? 'is' : '<', never ? null : windowStart)
      .where((eb) => eb.or([eb('u3_at', '>=', windowStart), eb('g2_at', '>=', windowStart)]));
  const oneSided = await quiet(true).unionAll(quiet(false)).orderBy('person_id').limit(CANDIDATES).execute();
  const dormant = await db
    .selectFrom('summaries as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select('s.person_id')
    .where('s.workspace_id', '=', ws)
    .where('s.m1_at', '<', now - WINDOWS_DAYS.dormant * DAY_MS)
    .where((eb) => eb.or([eb('s.stage', '>=', 2), eb('p.tier', 'is not', null), eb('p.goal', 'is not', null)]))
    .orderBy('s.stage', 'desc')
    .orderBy('s.m1_at', 'desc')
    .limit(CANDIDATES)
    .execute();
  return {
    ids: [...cadencedCandidates, ...[...recentLive, ...oneSided, ...dormant].map((r) => Number(r.person_id))],
    current: true,
    facts,
  };
}

/** Needs that share words with the user's offers or other people's, scored by how rare the shared words are. */
async function needMatches(ctx: Context): Promise<NeedMatch[]> {
  const db = ctx.store.db;
  const pairs = await needOfferCandidates(ctx.store, ctx.workspaceId, ctx.now, CANDIDATES * 4);
  if (pairs.length === 0) return [];
  const [needs, offers] = await Promise.all([
    needsByIds(db, ctx.workspaceId, [...new Set(pairs.map((p) => p.needId))]),
    offersByIds(db, ctx.workspaceId, [...new Set(pairs.map((p) => p.offerId))]),
  ]);
  const needById = new Map(needs.map((n) => [n.id, { need: n, words: analyze(n.text) }]));
  const offerById = new Map(offers.map((o) => [o.id, { offer: o, words: analyze(o.text, o.tags) }]));
  const stems = [...needById.values()].flatMap((n) => n.words.map((w) => w.stem));
  const { freq, documents } = await termFrequencies(db, ctx.workspaceId, stems, ctx.now);
  const rarity = inverseFrequency(freq, documents);
  const matches: NeedMatch[] = [];
  for (const p of pairs) {
    const n = needById.get(p.needId);
    const o = offerById.get(p.offerId);
    if (!n || !o) continue;
    const m = matchTexts(n.words, o.words, rarity);
    if (m) matches.push({ need: n.need, offer: o.offer, words: m.words, score: m.score });
  }
  return matches;
}

/** Adds the cooling flag to the people shown, from their history 90 days ago. */
async function withCooling(ctx: Context, items: FocusItem[], people: Map<number, FocusPerson>): Promise<FocusItem[]> {
  const before = ctx.now - WINDOWS_DAYS.cooling * DAY_MS;
  const cooling = new Map<number, string>();
  // only check-ins and reconnections carry the note
  const noted = items.filter((i) => i.action === 'check-in' || i.action === 'reconnect');
  for (const id of new Set(noted.map((i) => i.personId))) {
    const p = people.get(id);
    if (!p) continue;
    // nothing since `before`: the summary then is the one held now
    const summary =
      p.summary.asOf === null || p.summary.asOf <= before ? p.summary : await foldPersonAt(ctx, id, before);
    const then = evaluate(summary, before).strength;
    if (p.evaluated.strength - then <= -THRESHOLDS.coolingDrop)
      cooling.set(id, `; cooling: strength ${then} ${WINDOWS_DAYS.cooling} days ago, ${p.evaluated.strength} now`);
  }
  return items.map((i) => {
    const note = cooling.get(i.personId);
    return note && (i.action === 'check-in' || i.action === 'reconnect') ? { ...i, reason: i.reason + note } : i;
  });
}
