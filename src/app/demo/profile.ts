import { DAY_MS } from '../../domain/time.js';
import type { PersonInput } from '../people.js';
import { asciiWord, type NameDrawer } from './names.js';
import { type OrgKind, orgDomain, pickOrg, pickTitle } from './orgs.js';
import type { Rng } from './random.js';
import { SPECS, type Spec } from './specs.js';
import type { Cast } from './world.js';

/** A person's details: name, emails on fictional domains, organisation, title, tier and goal. */
export function profileFor(r: Rng, cast: Cast, names: NameDrawer, emails: Set<string>, now: number): PersonInput {
  const spec = SPECS[cast.key];
  const name = names.next();
  const orgKind = cast.offer?.org ?? spec.org;
  const org = cast.account?.org ?? cast.team?.org ?? (orgKind === 'personal' ? null : pickOrg(r, orgKind));
  const title = cast.offer?.title ?? pickTitle(r, spec.title);
  const tier = r.weighted(spec.tier);
  const input: PersonInput = {
    name: name.full,
    emails: emailsFor(r, cast, name, org, orgKind, emails),
    org: org ?? (r.chance(0.5) ? 'Independent' : null),
    title,
    tags: [...spec.tags],
    met: metText(r, cast, spec, now),
    wishlist: cast.key === 'wishlist',
    goal: r.weighted(spec.goal),
    tier,
    cadenceDays: tier !== null && r.chance(0.1) ? r.pick([21, 45, 60, 120]) : null,
  };
  if (r.chance(0.35)) input.phones = [phone(r)];
  if (cast.key !== 'wishlist' && r.chance(0.3)) input.birthday = birthday(r, now);
  if (r.chance(0.15)) input.notes = r.pick(PERSON_NOTES);
  if (cast.key === 'wishlist') input.notes = `Want to meet: ${r.pick(WISHLIST_WHY)}`;
  return input;
}

function metText(r: Rng, cast: Cast, spec: Spec, now: number): string | null {
  if (cast.occasion)
    return `${cast.occasion.name} (${new Date(now - cast.occasion.daysAgo * DAY_MS).getUTCFullYear()})`;
  if (cast.team) return `Worked together at ${cast.team.org}`;
  return spec.met.length > 0 ? r.pick(spec.met) : null;
}

function emailsFor(
  r: Rng,
  cast: Cast,
  name: { first: string; last: string },
  org: string | null,
  kind: OrgKind | 'personal',
  used: Set<string>,
): string[] {
  if ((cast.key === 'social' || cast.key === 'wishlist') && r.chance(0.4)) return [];
  const first = asciiWord(name.first);
  const last = asciiWord(name.last);
  const domain = org === null || kind === 'personal' ? 'example.net' : orgDomain(org, kind);
  const local = r.weighted([
    [`${first}.${last}`, 0.65],
    [`${first}`, domain === 'example.net' ? 0 : 0.15],
    [`${first.charAt(0)}${last}`, 0.2],
  ]);
  const list = [unique(`${local}@${domain}`, used)];
  if (domain !== 'example.net' && r.chance(0.1)) list.push(unique(`${first}.${last}@example.net`, used));
  return list;
}

function unique(email: string, used: Set<string>): string {
  let candidate = email;
  for (let k = 2; used.has(candidate); k++) candidate = email.replace('@', `${k}@`);
  used.add(candidate);
  return candidate;
}

function phone(r: Rng): string {
  return r.chance(0.5)
    ? `+1 555 01${String(r.int(0, 99)).padStart(2, '0')}`
    : `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}`;
}

/** A birthday some decades back; a few without the year. */
function birthday(r: Rng, now: number): string {
  const date = new Date(now - r.int(27 * 365, 62 * 365) * DAY_MS).toISOString().slice(0, 10);
  return r.chance(0.15) ? `--${date.slice(5)}` : date;
}

const PERSON_NOTES = [
  'Prefers calls before 10 am.',
  'Decision maker for the customer success budget.',
  'Runs marathons; ask about the next race.',
  'Two kids; avoid Friday afternoons.',
  'Writes a good newsletter on B2B pricing.',
  'Fluent in Portuguese and German.',
];

const WISHLIST_WHY = [
  'runs the best customer success team in the Nordics.',
  'wrote the pricing essay everyone shares.',
  'angel investor in three of my clients.',
  'their company is expanding into Germany next year.',
  'heard them speak on founder-led sales; sharp.',
];
