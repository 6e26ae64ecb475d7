import { DAY_MS } from '../../domain/time.js';
import { HISTORIES } from './archetypes/index.js';
import { formClusters } from './clusters.js';
import { deal } from './deck.js';
import { writeNeedsAndOffers, writeUpcomingDates } from './extras.js';
import { writeGroups } from './groups.js';
import { NameDrawer } from './names.js';
import { emptyPlan, type Plan } from './plan.js';
import { profileFor } from './profile.js';
import { Rng } from './random.js';
import { Story, workingDay } from './story.js';
import type { Cast, World } from './world.js';

/**
 * The whole demo workspace, in memory: `people` people dealt into archetypes, each with a
 * history relative to `now`. Every part draws from its own generator derived from the seed,
 * so the same seed and `now` always give the same plan.
 */
export function planDemo(seed: string, people: number, now: number): Plan {
  const plan = emptyPlan(now);
  const cast: Cast[] = deal(Rng.of(seed, 'deck'), people).map((d, index) => ({ index, ...d, since: null }));
  const world: World = { seed, plan, cast, accounts: [], teams: [], occasions: [] };
  formClusters(Rng.of(seed, 'clusters'), world);
  const names = new NameDrawer(Rng.of(seed, 'names'));
  const emails = new Set<string>();
  for (const c of cast) {
    const r = Rng.of(seed, `person:${c.index}`);
    const input = profileFor(r, c, names, emails, now);
    plan.people.push({ uid: r.uid(), input, createdAt: now });
    HISTORIES[c.key](new Story(plan, r, c.index), c, input);
  }
  writeGroups(Rng.of(seed, 'groups'), world);
  writeNeedsAndOffers(Rng.of(seed, 'needs'), world);
  writeUpcomingDates(Rng.of(seed, 'dates'), world);
  settleCreatedAt(Rng.of(seed, 'added'), plan);
  return plan;
}

/** People were added to Rapport when first in touch; the others some time ago. */
function settleCreatedAt(r: Rng, plan: Plan): void {
  const first = new Map<number, number>();
  const seen = (person: number, at: number) => {
    const t = first.get(person);
    if (t === undefined || at < t) first.set(person, at);
  };
  for (const i of plan.interactions) for (const p of i.people) seen(p, i.at);
  for (const x of plan.exchanges) seen(x.person, x.at);
  plan.people.forEach((p, index) => {
    p.createdAt = first.get(index) ?? Math.min(workingDay(r, plan.now, r.between(5, 400)), plan.now - DAY_MS);
  });
}
