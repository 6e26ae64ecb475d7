import { DAY_MS } from '../../domain/time.js';
import { UPCOMING_MILESTONES } from './ledger-notes.js';
import { NEEDS, OWN_OFFERS } from './offers-needs.js';
import type { Rng } from './random.js';
import { Story, workingDay } from './story.js';
import type { ArchetypeKey, Cast, World } from './world.js';

/** How likely a person of each archetype is to have told the user what they need. */
const NEED_ODDS: Partial<Record<ArchetypeKey, number>> = {
  'key-client': 0.5,
  prospect: 0.5,
  cooling: 0.3,
  peer: 0.3,
  advocate: 0.3,
  colleague: 0.2,
  occasional: 0.2,
  wishlist: 0.2,
  acquaintance: 0.1,
  social: 0.05,
  'invoice-client': 0.1,
};

/** The user's own offers, what contacts offer, and contacts' needs (worded so that some match). */
export function writeNeedsAndOffers(r: Rng, world: World): void {
  const plan = world.plan;
  for (const o of OWN_OFFERS)
    plan.offers.push({ uid: r.uid(), person: null, ...o, createdAt: workingDay(r, plan.now, r.between(200, 700)) });
  for (const c of world.cast) {
    if (!c.offer) continue;
    const s = new Story(plan, r, c.index);
    plan.offers.push({
      uid: r.uid(),
      person: c.index,
      ...c.offer,
      createdAt: s.day(r.between(3, Math.max(4, c.since ?? 30))),
    });
  }
  let next = r.int(0, NEEDS.length - 1);
  for (const c of world.cast) {
    if (!r.chance(NEED_ODDS[c.key] ?? 0)) continue;
    const text = NEEDS[next++ % NEEDS.length];
    if (text === undefined) continue;
    const s = new Story(plan, r, c.index);
    plan.needs.push({
      uid: r.uid(),
      person: c.index,
      text,
      unmet: r.chance(0.4),
      status: r.chance(0.12) ? 'met' : 'open',
      createdAt: s.day(r.between(2, Math.max(3, Math.min(c.since ?? 120, 300)))),
    });
  }
}

const CLOSE: readonly ArchetypeKey[] = ['key-client', 'advocate', 'peer', 'mentor', 'cooling'];

/**
 * Dates worth celebrating this week: a close contact's birthday in a few days and another's
 * milestone, as any network of a few hundred people has (so the focus list shows them at any date).
 */
export function writeUpcomingDates(r: Rng, world: World): void {
  const close = world.cast.filter((c) => CLOSE.includes(c.key));
  const pool: Cast[] = close.length > 0 ? close : world.cast;
  const birthday = pool[0];
  const person = birthday === undefined ? undefined : world.plan.people[birthday.index];
  if (person) {
    const md = new Date(world.plan.now + r.int(1, 5) * DAY_MS).toISOString().slice(5, 10);
    const year = md === '02-29' ? 1988 : r.int(1964, 1993);
    person.input.birthday = `${year}-${md}`;
  }
  const other = pool[1] ?? pool[0];
  if (other)
    new Story(world.plan, r, other.index).milestone(
      r.pick(UPCOMING_MILESTONES),
      world.plan.now + r.int(0, 6) * DAY_MS,
      false,
    );
}
