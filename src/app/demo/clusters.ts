import { CONTACT_OFFERS } from './offers-needs.js';
import { EVENTS, ORGS } from './orgs.js';
import type { Rng } from './random.js';
import { type Account, type ArchetypeKey, type Cast, drawOccasions, type World } from './world.js';

const of = (world: World, ...keys: ArchetypeKey[]) => world.cast.filter((c) => keys.includes(c.key));

/**
 * Groups people before their histories are written: client accounts (a key contact with
 * colleagues and an assistant), teams of former colleagues sharing an era, the conferences
 * where acquaintances were met, and who can offer what to others.
 */
export function formClusters(r: Rng, world: World): void {
  formAccounts(r, world);
  formTeams(r, world);
  assignOccasions(r, world);
  assignOffers(r, world);
}

function formAccounts(r: Rng, world: World): void {
  const orgs = r.shuffle([...ORGS.company]);
  of(world, 'key-client').forEach((c, k) => {
    const account: Account = {
      org: orgs[k % orgs.length] ?? 'Northwind Analytics',
      since: r.between(240, 1000),
      key: c.index,
      members: [],
    };
    world.accounts.push(account);
    c.account = account;
  });
  if (world.accounts.length === 0) return;
  for (const c of of(world, 'colleague', 'admin')) {
    const account = r.pick(world.accounts);
    c.account = account;
    if (c.key === 'colleague') account.members.push(c.index);
  }
}

function formTeams(r: Rng, world: World): void {
  const formers = r.shuffle(of(world, 'dormant'));
  const orgs = [...ORGS.consultancy, ...ORGS.company.slice(0, 6)];
  while (formers.length > 0) {
    const to = r.between(390, 900);
    const team = { org: r.pick(orgs), from: to + r.between(150, 700), to, members: [] as number[] };
    for (const c of formers.splice(0, r.int(2, 5))) {
      c.team = team;
      team.members.push(c.index);
    }
    world.teams.push(team);
  }
}

function assignOccasions(r: Rng, world: World): void {
  const acquaintances = of(world, 'acquaintance');
  world.occasions.push(...drawOccasions(r, EVENTS, Math.max(2, Math.ceil(acquaintances.length / 5))));
  for (const c of acquaintances) {
    const occasion = r.pick(world.occasions);
    occasion.attendees.push(c.index);
    c.occasion = occasion;
  }
}

/** Contacts who can offer something to others: specialists among peers, advocates, old friends. */
function assignOffers(r: Rng, world: World): void {
  const holders: Cast[] = r.shuffle(of(world, 'peer', 'advocate', 'occasional', 'mentor'));
  const count = Math.min(holders.length, Math.max(CONTACT_OFFERS.length, Math.ceil(world.cast.length / 30)));
  holders.slice(0, count).forEach((c, k) => {
    const offer = CONTACT_OFFERS[k % CONTACT_OFFERS.length];
    if (offer) c.offer = offer;
  });
}
