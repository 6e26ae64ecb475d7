/**
 * A seeded generator of a realistic large workspace, and its loader through the app's own bulk
 * path. The workload is held in typed arrays (5,000,000 interactions fit in about 150 MB), in
 * time order, so the loader streams it to BulkLoader in chunks and the benchmark can insert the
 * very same rows again for its floor.
 *
 * Shape of the data (all drawn from one seeded generator, so a seed always gives the same rows):
 * - interactions per person are heavy-tailed (log-normal: a median of a dozen or so, a few ties
 *   with thousands); wishlist people have none;
 * - each history lies within the three years before `now`: most ties are still active, some are
 *   cooling, some dormant for a year or more;
 * - every channel, direction and depth; each person has a channel profile (email, messages,
 *   live meetings, networking) and a reciprocity (some ties are one-sided);
 * - email and message threads with reply links (their answers, the user's answers to theirs,
 *   several rounds), so responsiveness and first answers are exercised;
 * - group meetings, events and threads of 2 to 6 people drawn from the same organisation, and a
 *   few bulk mails (over 10 recipients);
 * - the value ledger (given and received, all categories, introductions, acknowledgements),
 *   needs, the user's and contacts' offers, next steps, milestones, birthdays, tiers, goals and
 *   cadences, so that `today` has real work.
 */

import { type BulkInteraction, BulkLoader } from '../src/app/bulk-load.js';
import type { Context } from '../src/app/context.js';
import { nameKey } from '../src/domain/person.js';
import { emptySummary } from '../src/domain/summary.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src/domain/time.js';
import {
  CATEGORIES,
  type Category,
  CHANNELS,
  type Channel,
  DEPTHS,
  type Depth,
  DIRECTIONS,
  type Direction,
  GOALS,
  type Goal,
  type Tier,
} from '../src/domain/vocabulary.js';
import { insertMilestone } from '../src/store/milestone.repository.js';
import { insertNeed, insertOffer } from '../src/store/need-offer.repository.js';
import { insertNextStep } from '../src/store/next-step.repository.js';
import { SUMMARY_COLUMNS, summaryToValues } from '../src/store/summary.mapper.js';

/** The generator's fixed "now": histories end here. */
export const BENCH_NOW = Date.UTC(2026, 5, 1, 12);

export interface GenerateOptions {
  readonly people: number;
  readonly interactions: number;
  readonly seed?: number;
  readonly now?: number;
  /** length of the history, in years */
  readonly years?: number;
}

export const FULL_SIZE = { people: 100_000, interactions: 5_000_000 } as const;
export const SMALL_SIZE = { people: 2_000, interactions: 100_000 } as const;

// ---------------------------------------------------------------------------------------------
// seeded randomness

/** sfc32: a small, fast, well-mixed 32-bit generator. */
export function rng(seed: number) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162;
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    normal,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    exponential: (mean: number) => -mean * Math.log(1 - next()),
  };
}
type Rng = ReturnType<typeof rng>;

function hash32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/**
 * A UUID-shaped id, unique per (kind, n) for n below 2^48 (n is its last 12 digits), the rest
 * seeded noise: as long as the app's random UUIDs, so indexes have their real size.
 */
export function seededUuid(seed: number, kind: number, n: number): string {
  const a = hash32(seed ^ hash32(kind * 0x9e3779b1 + n));
  const b = hash32(a ^ 0x5bd1e995);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${hex(8 + (kind & 3), 1)}${hex(hash32(b), 3)}-${hex(n, 12)}`;
}

const UID_KIND = { person: 1, interaction: 2, exchange: 3, other: 4 } as const;

// ---------------------------------------------------------------------------------------------
// vocabularies

const FIRST = [
  'Ada',
  'Aisha',
  'Alejandro',
  'Amara',
  'Anders',
  'Ana',
  'Arjun',
  'Beatriz',
  'Ben',
  'Camille',
  'Carlos',
  'Chen',
  'Chiara',
  'Chloé',
  'Daniel',
  'Dmitri',
  'Elena',
  'Emeka',
  'Emma',
  'Fatima',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jamal',
  'Jana',
  'Javier',
  'Jonas',
  'Julia',
  'Kenji',
  'Lars',
  'Laura',
  'Leila',
  'Liam',
  'Lucía',
  'Mads',
  'Maria',
  'Mateo',
  'Mei',
  'Miguel',
  'Nadia',
  'Nikhil',
  'Noah',
  'Olga',
  'Omar',
  'Paula',
  'Priya',
  'Rafael',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Søren',
  'Tariq',
  'Thomas',
  'Valentina',
  'Wei',
  'Yuki',
  'Zoë',
  'Zanele',
];
const LAST = [
  'Abbott',
  'Adeyemi',
  'Alvarez',
  'Andersen',
  'Bauer',
  'Becker',
  'Bianchi',
  'Brown',
  'Chen',
  'Costa',
  'Dubois',
  'Dvořák',
  'Eriksson',
  'Fernández',
  'Fischer',
  'García',
  'Gonzalez',
  'Gupta',
  'Haddad',
  'Hansen',
  'Hernández',
  'Ivanova',
  'Jensen',
  'Johnson',
  'Kaur',
  'Khan',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lee',
  'Li',
  'López',
  'Martin',
  'Martínez',
  'Meyer',
  'Moreau',
  'Müller',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Pereira',
  'Petrov',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Thompson',
  'Van Dijk',
  'Wagner',
  'Wang',
  'Weber',
  'Williams',
  'Wilson',
  'Wójcik',
  'Yamamoto',
  'Zhang',
  "O'Brien",
];
const ORG_WORDS = [
  'Acme',
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Wonka',
  'Gringotts',
  'Monarch',
  'Pied Piper',
  'Massive',
  'Dunder',
  'Blue Sun',
];
const ORG_KINDS = ['Labs', 'Capital', 'Partners', 'Logistics', 'Health', 'Systems', 'Foods', 'Energy', 'Media', 'Bank'];
const TITLES = [
  'CEO',
  'CTO',
  'CFO',
  'VP Sales',
  'Head of Marketing',
  'Product Manager',
  'Engineering Manager',
  'Founder',
  'Partner',
  'Principal',
  'Account Executive',
  'Recruiter',
  'Investor',
  'Designer',
  'Consultant',
  'Director of Ops',
];
const MET = [
  'SaaStr conference',
  'intro from a client',
  'LinkedIn',
  'university',
  'a previous job',
  'a meetup',
  'a podcast',
];
const TAGS = ['investor', 'client', 'prospect', 'alumni', 'speaker', 'advisor', 'press', 'vendor'];
const NOTES = [
  'Discussed the Q3 roadmap',
  'Catch-up over coffee',
  'They asked about pricing',
  'Shared the market report',
  'Talked about their hiring plans',
  'Follow-up on the proposal',
  'Quick sync on the pilot',
  'Lunch near their office',
  'Reviewed the contract draft',
  'They mentioned a new role',
  'Intro call',
  'Brainstormed the launch event',
];
/** topics needs and offers are written about: shared words make matches */
const TOPICS = [
  'senior data engineers',
  'seed round investors',
  'enterprise logistics buyers',
  'SaaS pricing strategy',
  'a fractional CFO',
  'GDPR compliance review',
  'Kubernetes migration',
  'brand redesign',
  'outbound sales playbook',
  'board members with healthcare experience',
  'supply chain analytics',
  'customer success hiring',
  'public speaking coaching',
  'Series A fundraising',
  'machine learning models for forecasting',
  'German market expansion',
  'retail partnerships',
  'product-led growth',
  'security audit for SOC 2',
  'podcast guests on leadership',
  'warehouse automation vendors',
  'mobile app developers',
  'employer branding',
  'B2B content marketing',
  'M&A advisory',
  'climate tech investors',
  'procurement in public sector',
];
/**
 * Needs and offers are short phrases built from a role or a skill, an industry and a place, in a
 * few ways of putting it: some words are common (hiring, introductions), most are not.
 */
const ROLES = [
  'Rust engineers',
  'data scientists',
  'a head of sales',
  'product designers',
  'a fractional CFO',
  'DevOps engineers',
  'account executives',
  'a VP of engineering',
  'growth marketers',
  'customer success managers',
  'a general counsel',
  'iOS developers',
  'an HR business partner',
  'solutions architects',
  'technical writers',
  'a chief of staff',
  'security engineers',
  'machine learning engineers',
  'a COO',
  'community managers',
  'copywriters',
  'recruiters',
  'board members',
  'QA engineers',
  'a controller',
  'brand strategists',
  'sales engineers',
  'a CTO',
  'UX researchers',
  'field marketers',
  'procurement leads',
  'clinical advisors',
  'supply chain analysts',
  'a head of people',
];
const SKILLS = [
  'pricing',
  'fundraising',
  'GDPR compliance',
  'a SOC 2 audit',
  'Kubernetes migration',
  'brand identity',
  'content strategy',
  'SEO',
  'cloud cost reduction',
  'an ERP rollout',
  'unit economics',
  'board governance',
  'M&A due diligence',
  'warehouse automation',
  'payments integration',
  'fraud detection',
  'tax structuring',
  'employer branding',
  'OKRs',
  'sales compensation',
  'channel partnerships',
  'public speaking',
  'podcast production',
  'community building',
  'clinical trials',
  'regulatory approval',
  'grant applications',
  'carbon accounting',
  'a data warehouse',
  'demand forecasting',
  'churn reduction',
  'customer onboarding',
  'localization',
  'an accessibility audit',
  'penetration testing',
  'incident response',
  'remote hiring',
  'sales playbooks',
  'investor updates',
  'a pricing page redesign',
  'patent filing',
  'export licensing',
  'franchise models',
  'subscription billing',
  'a Series A pitch deck',
  'market entry',
  'trade shows',
  'PR for a product launch',
  'a rebrand',
  'vendor negotiations',
  'freight costs',
  'an IPO readiness review',
  'leadership coaching',
];
const INDUSTRIES = [
  'fintech',
  'healthtech',
  'logistics',
  'retail',
  'insurance',
  'edtech',
  'biotech',
  'agritech',
  'proptech',
  'gaming',
  'media',
  'automotive',
  'energy',
  'telecom',
  'aerospace',
  'fashion',
  'hospitality',
  'legal tech',
  'cybersecurity',
  'robotics',
  'medtech',
  'food and beverage',
  'construction',
  'travel',
  'public sector',
  'nonprofit',
  'mining',
  'shipping',
  'pharma',
  'martech',
  'HR tech',
  'climate tech',
  'B2B SaaS',
  'e-commerce',
  'family offices',
];
const PLACES = [
  'Berlin',
  'London',
  'Paris',
  'Madrid',
  'Lisbon',
  'Amsterdam',
  'Stockholm',
  'Warsaw',
  'Singapore',
  'Tokyo',
  'São Paulo',
  'Toronto',
  'Austin',
  'Nairobi',
  'Dubai',
  'Sydney',
  'Zurich',
  'Milan',
  'Dublin',
  'Tallinn',
  'Copenhagen',
  'Munich',
  'Barcelona',
  'Seoul',
  'Bangalore',
  'Mexico City',
  'Cape Town',
  'Vienna',
  'Oslo',
  'Boston',
];
const NEED_TEMPLATES = [
  'hiring {role} in {place}',
  'hiring {role} for a {industry} team',
  'advice on {skill}',
  'help with {skill} for a {industry} product',
  'an introduction to {industry} investors in {place}',
  'first customers in {industry} for {skill}',
  'a mentor who has done {skill}',
  'a partner for {skill} in {place}',
  'speakers on {skill} for an event in {place}',
  'struggling with {skill}',
];
const OFFER_TEMPLATES = [
  'experience with {skill}',
  'help with {skill} in {industry}',
  'a network of {role} in {place}',
  'introductions to {industry} founders',
  'can review your {skill}',
  'workshops on {skill}',
  'knows {industry} buyers in {place}',
];
const phrase = (r: Rng, templates: readonly string[]) =>
  r
    .pick(templates)
    .replace('{role}', r.pick(ROLES))
    .replace('{skill}', r.pick(SKILLS))
    .replace('{industry}', r.pick(INDUSTRIES))
    .replace('{place}', r.pick(PLACES));
const MILESTONES = [
  'new role',
  'company anniversary',
  'closed a funding round',
  'product launch',
  'promotion to partner',
  'book published',
  'office opening',
];
const STEPS = [
  'send the proposal',
  'share the case study',
  'book a workshop',
  'introduce to our CTO',
  'follow up on pilot',
];

// ---------------------------------------------------------------------------------------------
// the workload

export interface PeopleColumns {
  readonly count: number;
  readonly name: string[];
  readonly email: string[];
  /** a second email for some; '' for none */
  readonly email2: string[];
  readonly org: (string | null)[];
  readonly orgIndex: Int32Array;
  readonly title: (string | null)[];
  readonly linkedin: (string | null)[];
  readonly phones: string[];
  readonly tags: string[];
  readonly met: (string | null)[];
  readonly birthday: (string | null)[];
  readonly wishlist: Uint8Array;
  readonly notes: (string | null)[];
  readonly tier: (Tier | null)[];
  readonly goal: (Goal | null)[];
  readonly cadence: (number | null)[];
  /** interactions this person starts (their history's size, before group and bulk mail) */
  readonly primaryCount: Int32Array;
}

/**
 * Interactions in load order (by time, then generation order). Codes index CHANNELS, DIRECTIONS
 * and DEPTHS. Participants: the primary person, then `coPeople[coStart[k] .. coStart[k+1])`.
 */
export interface InteractionColumns {
  readonly count: number;
  /** the generation index: the uid's number */
  readonly gen: Int32Array;
  readonly at: Float64Array;
  readonly person: Int32Array;
  readonly channel: Uint8Array;
  readonly direction: Uint8Array;
  readonly depth: Uint8Array;
  /** 0: none */
  readonly minutes: Uint16Array;
  /** 1 + index in NOTES; 0: no note */
  readonly note: Uint8Array;
  /** generation index of the message answered; -1: none */
  readonly replyTo: Int32Array;
  /** 1 when the primary person sent this (an incoming group message) */
  readonly fromPrimary: Uint8Array;
  readonly coStart: Int32Array;
  readonly coPeople: Int32Array;
}

export interface ExchangeRow {
  readonly person: number;
  readonly at: number;
  readonly direction: 'given' | 'received';
  readonly category: Category;
  readonly note: string;
  readonly impact: string | null;
  readonly acknowledgedAt: number | null;
  readonly introduced: number | null;
}

export interface Workload {
  readonly seed: number;
  readonly now: number;
  readonly people: PeopleColumns;
  readonly interactions: InteractionColumns;
  readonly exchanges: ExchangeRow[];
  readonly needs: { person: number; text: string; unmet: boolean; status: 'open' | 'met'; createdAt: number }[];
  readonly offers: { person: number | null; text: string; category: Category; tags: string[]; createdAt: number }[];
  readonly nextSteps: {
    person: number;
    text: string;
    due: number;
    status: 'open' | 'done';
    createdAt: number;
    doneAt: number | null;
  }[];
  readonly milestones: { person: number; text: string; on: string; yearly: boolean }[];
  /** participation rows the interactions make (one per person in each) */
  readonly participations: number;
}

const CH = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as Record<Channel, number>;
const DIR = Object.fromEntries(DIRECTIONS.map((d, i) => [d, i])) as Record<Direction, number>;
const DEP = Object.fromEntries(DEPTHS.map((d, i) => [d, i])) as Record<Depth, number>;

/** channel mixes: email-heavy, message-heavy, live-heavy, networking */
const PROFILES: { channels: Channel[]; weights: number[] }[] = [
  {
    channels: ['email', 'message', 'call', 'video', 'meeting', 'event', 'social', 'letter'],
    weights: [65, 10, 6, 6, 7, 2, 3, 1],
  },
  {
    channels: ['email', 'message', 'call', 'video', 'meeting', 'event', 'social', 'letter'],
    weights: [15, 60, 8, 5, 6, 2, 3, 1],
  },
  {
    channels: ['email', 'message', 'call', 'video', 'meeting', 'event', 'social', 'letter'],
    weights: [25, 10, 15, 15, 25, 5, 4, 1],
  },
  {
    channels: ['email', 'message', 'call', 'video', 'meeting', 'event', 'social', 'letter'],
    weights: [20, 10, 2, 2, 3, 15, 47, 1],
  },
];
const cumulative = (w: readonly number[]) => {
  let s = 0;
  return w.map((x) => (s += x));
};
const PROFILE_CUM = PROFILES.map((p) => cumulative(p.weights));
const PROFILE_PICK = cumulative([50, 20, 15, 15]);
/** probability that an interaction on this channel involves more than one person */
const GROUP_SHARE: Record<Channel, number> = {
  email: 0.06,
  message: 0.03,
  call: 0.05,
  video: 0.15,
  meeting: 0.2,
  event: 0.7,
  social: 0,
  letter: 0,
};

/** Generates the workload; deterministic for a given seed and size. */
export function generateWorkload(opts: GenerateOptions): Workload {
  const seed = opts.seed ?? 42;
  const now = opts.now ?? BENCH_NOW;
  const span = Math.round((opts.years ?? 3) * 365.25 * DAY_MS);
  const P = opts.people;
  const N = opts.interactions;
  if (P < 10) throw new RangeError('at least 10 people');
  if (N < P) throw new RangeError('at least as many interactions as people');
  if (N >= 2 ** 24) throw new RangeError('at most 16,777,215 interactions');
  const r = rng(seed);
  const t0 = now - span;

  // ---- people
  const orgCount = Math.max(3, Math.round(P / 15));
  const orgNames = Array.from({ length: orgCount }, (_, i) => `${r.pick(ORG_WORDS)} ${r.pick(ORG_KINDS)} ${i + 1}`);
  const orgCum = cumulative(Array.from({ length: orgCount }, (_, i) => 1 / (i + 1) ** 0.8));
  const people: PeopleColumns = {
    count: P,
    name: [],
    email: [],
    email2: [],
    org: [],
    orgIndex: new Int32Array(P),
    title: [],
    linkedin: [],
    phones: [],
    tags: [],
    met: [],
    birthday: [],
    wishlist: new Uint8Array(P),
    notes: [],
    tier: [],
    goal: [],
    cadence: [],
    primaryCount: new Int32Array(P),
  };
  const weight = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const name = `${first} ${last}`;
    const o = r.chance(0.85) ? weightedFast(r, orgCum) : -1;
    people.orgIndex[i] = o;
    const org = o < 0 ? null : (orgNames[o] ?? null);
    const local = nameKey(`${first}.${last}`)
      .replace(/[^a-z0-9.]/g, '')
      .replace(/\.+/g, '.');
    const domain = org === null ? 'mail.example' : `${nameKey(org).replace(/[^a-z0-9]/g, '')}.example`;
    people.name.push(name);
    people.email.push(`${local}.${i}@${domain}`);
    people.email2.push(r.chance(0.1) ? `${local}${i}@gmail.example` : '');
    people.org.push(org);
    people.title.push(r.chance(0.7) ? r.pick(TITLES) : null);
    people.linkedin.push(r.chance(0.4) ? `https://www.linkedin.com/in/${local.replace(/\./g, '-')}-${i}` : null);
    people.phones.push(JSON.stringify(r.chance(0.15) ? [`+1 555 ${String(r.int(1000000, 9999999))}`] : []));
    people.tags.push(JSON.stringify(r.chance(0.1) ? [r.pick(TAGS)] : []));
    people.met.push(r.chance(0.2) ? r.pick(MET) : null);
    people.birthday.push(
      r.chance(0.08)
        ? `${r.chance(0.6) ? String(r.int(1950, 2000)) : '-'}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`
        : null,
    );
    people.wishlist[i] = r.chance(0.003) ? 1 : 0;
    people.notes.push(r.chance(0.03) ? 'Prefers mornings; met through a mutual client' : null);
    people.tier.push(null);
    people.goal.push(r.chance(0.05) ? r.pick(GOALS) : null);
    people.cadence.push(null);
    weight[i] = people.wishlist[i] ? 0 : r.logNormal(1, 1.55);
  }
  // tiers: the most active ties and a few random ones (a few % of people)
  const byActivity = Array.from({ length: P }, (_, i) => i).sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0));
  for (let k = 0; k < P; k++) {
    const i = byActivity[k] ?? 0;
    const rank = k / P;
    let tier: Tier | null = null;
    if (rank < 0.002) tier = 'inner';
    else if (rank < 0.01) tier = r.chance(0.6) ? 'cultivate' : 'maintain';
    else if (r.chance(0.02)) tier = r.pick(['maintain', 'watch', 'watch', 'cultivate'] as const);
    people.tier[i] = tier;
    if (tier !== null && people.goal[i] === null && r.chance(0.5)) people.goal[i] = r.pick(GOALS);
    if (r.chance(0.003)) people.cadence[i] = r.pick([7, 21, 45, 60, 180]);
  }

  // interactions each person starts: weights scaled to N, remainders spread at random
  let total = 0;
  for (let i = 0; i < P; i++) total += weight[i] ?? 0;
  let assigned = 0;
  for (let i = 0; i < P; i++) {
    const c = people.wishlist[i] ? 0 : Math.max(1, Math.floor(((weight[i] ?? 0) * N) / total));
    people.primaryCount[i] = c;
    assigned += c;
  }
  while (assigned > N) {
    const i = r.int(0, P - 1);
    if ((people.primaryCount[i] ?? 0) > 1) {
      people.primaryCount[i] = (people.primaryCount[i] ?? 0) - 1;
      assigned--;
    }
  }
  while (assigned < N) {
    const i = byActivity[Math.floor(r.next() ** 2 * P)] ?? 0;
    if (people.wishlist[i]) continue;
    people.primaryCount[i] = (people.primaryCount[i] ?? 0) + 1;
    assigned++;
  }

  // organisation members, for group meetings and threads
  const orgStart = new Int32Array(orgCount + 1);
  for (let i = 0; i < P; i++) {
    const o = people.orgIndex[i] ?? -1;
    if (o >= 0) orgStart[o + 1] = (orgStart[o + 1] ?? 0) + 1;
  }
  for (let o = 0; o < orgCount; o++) orgStart[o + 1] = (orgStart[o + 1] ?? 0) + (orgStart[o] ?? 0);
  const orgMembers = new Int32Array(orgStart[orgCount] ?? 0);
  const fill = orgStart.slice(0, orgCount);
  for (let i = 0; i < P; i++) {
    const o = people.orgIndex[i] ?? -1;
    if (o < 0) continue;
    const at = fill[o] ?? 0;
    fill[o] = at + 1;
    orgMembers[at] = i;
  }
  const colleagues = (i: number, n: number): number[] => {
    const o = people.orgIndex[i] ?? -1;
    const from = o >= 0 ? (orgStart[o] ?? 0) : 0;
    const size = o >= 0 ? (orgStart[o + 1] ?? 0) - from : 0;
    const out: number[] = [];
    for (let tries = 0; out.length < n && tries < n * 4; tries++) {
      const j = size >= 3 && r.chance(0.8) ? (orgMembers[from + Math.floor(r.next() * size)] ?? 0) : r.int(0, P - 1);
      if (j !== i && !out.includes(j) && !people.wishlist[j]) out.push(j);
    }
    return out;
  };

  // ---- interactions, generated person by person (then sorted by time)
  const g = {
    at: new Float64Array(N),
    person: new Int32Array(N),
    channel: new Uint8Array(N),
    direction: new Uint8Array(N),
    depth: new Uint8Array(N),
    minutes: new Uint16Array(N),
    note: new Uint8Array(N),
    replyTo: new Int32Array(N).fill(-1),
    fromPrimary: new Uint8Array(N),
  };
  const coLists: (number[] | undefined)[] = new Array(N);
  let coTotal = 0;
  let k = 0;
  const exchanges: ExchangeRow[] = [];
  const start = new Float64Array(P);
  const end = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const c = people.primaryCount[i] ?? 0;
    if (c === 0) continue;
    // the history: busy ties are mostly live, one-off contacts mostly cooling or dormant
    const live = 0.25 + 0.6 * Math.min(1, Math.log10(1 + c) / 3);
    const s = r.next();
    let e =
      s < live
        ? now - r.exponential(4 * DAY_MS)
        : s < live + (1 - live) / 2
          ? now - r.int(30, 300) * DAY_MS
          : now - r.int(365, 1000) * DAY_MS;
    const length = c <= 3 ? r.exponential(30 * DAY_MS) : Math.min(span, r.int(90, 1100) * DAY_MS);
    let b = Math.max(t0, e - length);
    if (e <= b) e = Math.min(now, b + DAY_MS);
    if (e - b < HOUR_MS) b = e - HOUR_MS;
    start[i] = b;
    end[i] = e;
    const profile = weightedFast(r, PROFILE_PICK);
    const oneSided = r.chance(0.05);
    const pIn = oneSided ? 0 : 0.15 + 0.45 * r.next();
    const pReply = oneSided ? 0.08 : 0.35 + 0.6 * r.next();
    const personalBias = r.chance(0.12) ? 0.3 : 0.1;
    let left = c;
    while (left > 0) {
      const t = b + r.next() * (e - b);
      const channel = PROFILES[profile]?.channels[weightedFast(r, PROFILE_CUM[profile] ?? [])] ?? 'email';
      const group = r.chance(GROUP_SHARE[channel]);
      const bulk = channel === 'email' && r.chance(0.003);
      const co = bulk
        ? colleagues(i, r.int(11, 24))
        : group
          ? colleagues(i, r.int(1, channel === 'event' ? 5 : 4))
          : [];
      const depth: Depth =
        channel === 'social' || bulk
          ? 'transactional'
          : r.chance(personalBias)
            ? 'personal'
            : r.chance(0.28)
              ? 'transactional'
              : 'substantive';
      const emit = (at: number, direction: Direction, replyTo: number, fromPrimary: boolean) => {
        g.at[k] = at;
        g.person[k] = i;
        g.channel[k] = CH[channel];
        g.direction[k] = DIR[direction];
        g.depth[k] = DEP[depth];
        g.replyTo[k] = replyTo;
        g.fromPrimary[k] = fromPrimary ? 1 : 0;
        if (channel === 'meeting' || channel === 'call' || channel === 'video')
          g.minutes[k] = channel === 'meeting' ? r.int(30, 90) : r.int(15, 60);
        if (r.chance(0.08)) g.note[k] = 1 + r.int(0, NOTES.length - 1);
        if (co.length > 0) {
          coLists[k] = co;
          coTotal += co.length;
        }
        left--;
        return k++;
      };
      if (channel === 'email' || channel === 'message') {
        // a thread: the first message, then answers back and forth while they keep coming
        const theirs = !bulk && r.chance(pIn);
        let id = emit(t, theirs ? 'in' : 'out', -1, theirs && co.length > 0);
        let at = t;
        let fromThem = theirs;
        let p = fromThem ? 0.6 : pReply;
        for (let round = 0; round < 6 && left > 0 && !bulk && r.chance(p); round++) {
          const median = channel === 'email' ? 4 * HOUR_MS : 6 * MINUTE_MS;
          at += Math.max(1000, r.logNormal(median, 1.6));
          if (at > now) break;
          fromThem = !fromThem;
          id = emit(at, fromThem ? 'in' : 'out', id, fromThem && co.length > 0);
          p = (fromThem ? 0.6 : pReply) * 0.6;
        }
      } else if (channel === 'social') {
        emit(t, r.chance(0.5) ? 'out' : 'in', -1, false);
      } else if (channel === 'letter') {
        emit(t, r.chance(pIn) ? 'in' : 'out', -1, false);
      } else {
        const d = r.next();
        emit(t, d < 0.8 ? 'mutual' : d < 0.95 ? 'out' : 'in', -1, false);
      }
    }
    // the value ledger: about one exchange per 60 interactions, at least one for some
    const xs = Math.floor(c / 60 + r.next() * (c >= 3 ? 1.15 : 0.3));
    for (let x = 0; x < xs; x++) {
      const at = b + r.next() * (e - b);
      const given = r.chance(0.6);
      const category = r.pick(CATEGORIES);
      const introduced = given && category === 'access' && r.chance(0.6) ? (colleagues(i, 1)[0] ?? null) : null;
      const ack = given && r.chance(0.55) ? at + r.int(1, 30) * DAY_MS : null;
      exchanges.push({
        person: i,
        at: Math.round(at),
        direction: given ? 'given' : 'received',
        category,
        note: given ? `Shared ${r.pick(TOPICS)}` : `They helped with ${r.pick(TOPICS)}`,
        impact: given && r.chance(0.4) ? 'saves them a quarter of hiring time' : null,
        acknowledgedAt: ack !== null && ack <= now ? Math.round(ack) : null,
        introduced,
      });
    }
  }
  if (k !== N) throw new Error(`generated ${k} interactions, expected ${N}`);

  // ---- time order: seconds since t0 and the generation index, packed in one exact double
  const keys = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const sec = Math.floor(((g.at[j] ?? 0) - t0) / 1000);
    keys[j] = sec * 2 ** 24 + j;
  }
  keys.sort();
  const ic: InteractionColumns = {
    count: N,
    gen: new Int32Array(N),
    at: new Float64Array(N),
    person: new Int32Array(N),
    channel: new Uint8Array(N),
    direction: new Uint8Array(N),
    depth: new Uint8Array(N),
    minutes: new Uint16Array(N),
    note: new Uint8Array(N),
    replyTo: new Int32Array(N),
    fromPrimary: new Uint8Array(N),
    coStart: new Int32Array(N + 1),
    coPeople: new Int32Array(coTotal),
  };
  let co = 0;
  for (let pos = 0; pos < N; pos++) {
    const key = keys[pos] ?? 0;
    const j = key % 2 ** 24;
    const sec = (key - j) / 2 ** 24;
    ic.gen[pos] = j;
    ic.at[pos] = t0 + sec * 1000;
    ic.person[pos] = g.person[j] ?? 0;
    ic.channel[pos] = g.channel[j] ?? 0;
    ic.direction[pos] = g.direction[j] ?? 0;
    ic.depth[pos] = g.depth[j] ?? 0;
    ic.minutes[pos] = g.minutes[j] ?? 0;
    ic.note[pos] = g.note[j] ?? 0;
    ic.replyTo[pos] = g.replyTo[j] ?? -1;
    ic.fromPrimary[pos] = g.fromPrimary[j] ?? 0;
    ic.coStart[pos] = co;
    for (const p of coLists[j] ?? []) ic.coPeople[co++] = p;
  }
  ic.coStart[N] = co;

  // ---- needs, offers, next steps, milestones (a few % of people, the active ones more often)
  const needs: Workload['needs'] = [];
  const offers: Workload['offers'] = [];
  const nextSteps: Workload['nextSteps'] = [];
  const milestones: Workload['milestones'] = [];
  const ownOffers = 12;
  for (let o = 0; o < ownOffers; o++)
    offers.push({
      person: null,
      text: phrase(r, OFFER_TEMPLATES),
      category: r.pick(CATEGORIES),
      tags: r.chance(0.5) ? [r.pick(TAGS)] : [],
      createdAt: now - r.int(30, 700) * DAY_MS,
    });
  for (let i = 0; i < P; i++) {
    const active = (people.primaryCount[i] ?? 0) >= 20 || people.tier[i] !== null;
    // needs for about 1% of people, offers by about 0.5%: typed in by the user, mostly for the ties they tier
    const tiered = people.tier[i] !== null;
    if (r.chance(tiered ? 0.15 : active ? 0.012 : 0.002))
      needs.push({
        person: i,
        text: phrase(r, NEED_TEMPLATES),
        unmet: r.chance(0.4),
        status: r.chance(0.85) ? 'open' : 'met',
        createdAt: now - r.int(1, 400) * DAY_MS,
      });
    if (r.chance(tiered ? 0.05 : active ? 0.006 : 0.001))
      offers.push({
        person: i,
        text: phrase(r, OFFER_TEMPLATES),
        category: r.pick(CATEGORIES),
        tags: [],
        createdAt: now - r.int(1, 600) * DAY_MS,
      });
    if ((people.primaryCount[i] ?? 0) > 0 && r.chance(active ? 0.08 : 0.008)) {
      const createdAt = now - r.int(1, 60) * DAY_MS;
      const done = r.chance(0.3);
      nextSteps.push({
        person: i,
        text: r.pick(STEPS),
        due: now + r.int(-10, 30) * DAY_MS,
        status: done ? 'done' : 'open',
        createdAt,
        doneAt: done ? createdAt + r.int(0, Math.floor((now - createdAt) / DAY_MS)) * DAY_MS : null,
      });
    }
    if (r.chance(active ? 0.05 : 0.01)) {
      // some fall in the celebration window around now
      const on = r.chance(0.08) ? now + r.int(-2, 7) * DAY_MS : now - r.int(10, 700) * DAY_MS;
      milestones.push({
        person: i,
        text: r.pick(MILESTONES),
        on: new Date(on).toISOString().slice(0, 10),
        yearly: r.chance(0.3),
      });
    }
  }
  const participations = N + co;
  return { seed, now, people, interactions: ic, exchanges, needs, offers, nextSteps, milestones, participations };
}

function weightedFast(r: Rng, cum: readonly number[]): number {
  // binary search: organisations can be many
  const x = r.next() * (cum[cum.length - 1] ?? 1);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (cum[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The uid of the k-th generated interaction. */
export function interactionUid(w: Workload, gen: number): string {
  return seededUuid(w.seed, UID_KIND.interaction, gen);
}

export const NOTE_TEXTS = NOTES;

/** Where a generated interaction comes from, as an import would record it. */
export function sourceOf(w: Workload, gen: number, channel: Channel): { source: string; externalId: string | null } {
  const uid = interactionUid(w, gen);
  if (channel === 'email') return { source: 'mbox', externalId: `<${uid}@mail.bench.example>` };
  if ((channel === 'meeting' || channel === 'video' || channel === 'call') && (hash32(gen) & 1) === 0)
    return { source: 'ics', externalId: `${uid}@calendar.bench.example` };
  if (channel === 'message' && (hash32(gen) & 3) === 0) return { source: 'linkedin', externalId: `msg-${uid}` };
  return { source: 'rapport', externalId: null };
}

// ---------------------------------------------------------------------------------------------
// loading

export interface LoadReport {
  readonly ms: {
    people: number;
    interactions: number;
    exchanges: number;
    extras: number;
    finish: number;
    commit: number;
    total: number;
  };
  readonly counts: {
    people: number;
    interactions: number;
    duplicates: number;
    exchanges: number;
    needs: number;
    offers: number;
    nextSteps: number;
    milestones: number;
  };
  /** database id of each generated person */
  readonly personIds: Int32Array;
}

export type Progress = (phase: string, done: number, total: number) => void;

/** The columns insertPerson (src/store/person.repository.ts) writes, in this order. */
export const PEOPLE_COLUMNS = [
  'workspace_id',
  'uid',
  'name',
  'name_key',
  'org',
  'title',
  'linkedin',
  'phones',
  'tags',
  'met',
  'birthday',
  'wishlist',
  'notes',
  'tier',
  'goal',
  'cadence_days',
  'stage_override',
  'created_at',
  'updated_at',
] as const;

/**
 * Writes people as createPerson does (the person, their emails in order, an empty summary) with
 * prepared statements: 100,000 people through createPerson would spend most of their time in
 * per-row e-mail checks that generated, unique addresses do not need. generate.test.ts checks
 * that the rows equal createPerson's.
 */
export function insertPeopleRaw(
  ctx: Context,
  rows: Iterable<{
    uid: string;
    name: string;
    emails: readonly string[];
    values: Partial<Record<(typeof PEOPLE_COLUMNS)[number], unknown>>;
  }>,
): number[] {
  const raw = ctx.store.sqlite;
  if (!raw) throw new Error('the benchmark loads SQLite only');
  const person = raw.prepare(
    `INSERT INTO people (${PEOPLE_COLUMNS.join(', ')}) VALUES (${PEOPLE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const email = raw.prepare('INSERT INTO person_emails (workspace_id, person_id, email, position) VALUES (?, ?, ?, ?)');
  const summary = raw.prepare(
    `INSERT INTO summaries (${SUMMARY_COLUMNS.join(', ')}) VALUES (${SUMMARY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const empty = emptySummary();
  const ids: number[] = [];
  for (const p of rows) {
    const v = p.values;
    const id = Number(
      person.run(
        ctx.workspaceId,
        p.uid,
        p.name,
        nameKey(p.name),
        v.org ?? null,
        v.title ?? null,
        v.linkedin ?? null,
        v.phones ?? '[]',
        v.tags ?? '[]',
        v.met ?? null,
        v.birthday ?? null,
        v.wishlist ?? 0,
        v.notes ?? null,
        v.tier ?? null,
        v.goal ?? null,
        v.cadence_days ?? null,
        v.stage_override ?? null,
        ctx.now,
        ctx.now,
      ).lastInsertRowid,
    );
    for (const [position, e] of [...new Set(p.emails)].entries()) email.run(ctx.workspaceId, id, e, position);
    summary.run(...summaryToValues(ctx.workspaceId, id, empty));
    ids.push(id);
  }
  return ids;
}

const CHUNK = 20_000;

/**
 * Loads the workload in one transaction: people (prepared inserts, as createPerson writes them),
 * then interactions and exchanges through BulkLoader, the other records through the store's
 * own insert functions, then BulkLoader.finish (first answers and every summary).
 * `viaQueryBuilder` makes BulkLoader take its query-builder path (the one PostgreSQL uses).
 */
export async function loadWorkload(
  ctx: Context,
  w: Workload,
  onProgress?: Progress,
  options: { viaQueryBuilder?: boolean } = {},
): Promise<LoadReport> {
  const raw = ctx.store.sqlite;
  if (!raw) throw new Error('the benchmark loads SQLite only');
  const ms = { people: 0, interactions: 0, exchanges: 0, extras: 0, finish: 0, commit: 0, total: 0 };
  const P = w.people.count;
  const personIds = new Int32Array(P);
  const counts = {
    people: 0,
    interactions: 0,
    duplicates: 0,
    exchanges: 0,
    needs: 0,
    offers: 0,
    nextSteps: 0,
    milestones: 0,
  };
  const began = performance.now();
  let mark = began;
  const lap = () => {
    const t = performance.now();
    const d = t - mark;
    mark = t;
    return d;
  };
  let commitStart = 0;
  await ctx.store.db.transaction().execute(async (trx) => {
    const p = w.people;
    const ids = insertPeopleRaw(
      ctx,
      (function* () {
        for (let i = 0; i < P; i++) {
          if (i % 10_000 === 0) onProgress?.('people', i, P);
          yield {
            uid: seededUuid(w.seed, UID_KIND.person, i),
            name: p.name[i] ?? '',
            emails: [p.email[i] ?? '', ...(p.email2[i] ? [p.email2[i] ?? ''] : [])],
            values: {
              org: p.org[i] ?? null,
              title: p.title[i] ?? null,
              linkedin: p.linkedin[i] ?? null,
              phones: p.phones[i] ?? '[]',
              tags: p.tags[i] ?? '[]',
              met: p.met[i] ?? null,
              birthday: p.birthday[i] ?? null,
              wishlist: p.wishlist[i] ?? 0,
              notes: p.notes[i] ?? null,
              tier: p.tier[i] ?? null,
              goal: p.goal[i] ?? null,
              cadence_days: p.cadence[i] ?? null,
            },
          };
        }
      })(),
    );
    ids.forEach((id, i) => {
      personIds[i] = id;
    });
    counts.people = ids.length;
    onProgress?.('people', P, P);
    ms.people = lap();

    // the query builder's path, as on PostgreSQL (for tests comparing both paths)
    const loaderCtx = options.viaQueryBuilder ? { ...ctx, store: { ...ctx.store, sqlite: null } } : ctx;
    const loader = new BulkLoader(loaderCtx, trx);
    const ic = w.interactions;
    for (let from = 0; from < ic.count; from += CHUNK) {
      const to = Math.min(ic.count, from + CHUNK);
      const list: BulkInteraction[] = [];
      for (let pos = from; pos < to; pos++) list.push(bulkInteraction(w, pos, personIds));
      const c = await loader.interactions(list);
      counts.interactions += c.created;
      counts.duplicates += c.duplicates;
      onProgress?.('interactions', to, ic.count);
    }
    ms.interactions = lap();

    const xc = await loader.exchanges(
      w.exchanges.map((x, n) => ({
        uid: seededUuid(w.seed, UID_KIND.exchange, n),
        personId: personIds[x.person] ?? 0,
        direction: x.direction,
        category: x.category,
        note: x.note,
        impact: x.impact,
        acknowledgedAt: x.acknowledgedAt,
        at: x.at,
        introducedPersonId: x.introduced === null ? null : (personIds[x.introduced] ?? null),
      })),
    );
    counts.exchanges = xc.created;
    ms.exchanges = lap();

    let n = 0;
    const uid = () => seededUuid(w.seed, UID_KIND.other, n++);
    const pid = (i: number) => personIds[i] ?? 0;
    for (const x of w.needs) {
      await insertNeed(trx, ctx.workspaceId, {
        uid: uid(),
        personId: pid(x.person),
        text: x.text,
        unmet: x.unmet,
        status: x.status,
        createdAt: x.createdAt,
      });
      counts.needs++;
    }
    for (const o of w.offers) {
      await insertOffer(trx, ctx.workspaceId, {
        uid: uid(),
        personId: o.person === null ? null : pid(o.person),
        text: o.text,
        category: o.category,
        tags: o.tags,
        createdAt: o.createdAt,
      });
      counts.offers++;
    }
    for (const s of w.nextSteps) {
      await insertNextStep(trx, ctx.workspaceId, {
        uid: uid(),
        personId: pid(s.person),
        text: s.text,
        why: null,
        due: s.due,
        status: s.status,
        createdAt: s.createdAt,
        doneAt: s.doneAt,
      });
      counts.nextSteps++;
    }
    for (const m of w.milestones) {
      await insertMilestone(
        trx,
        ctx.workspaceId,
        { uid: uid(), personId: pid(m.person), text: m.text, on: m.on, yearly: m.yearly },
        ctx.now,
      );
      counts.milestones++;
    }
    ms.extras = lap();

    await loader.finish((done, total) => onProgress?.('summaries', done, total));
    ms.finish = lap();
    commitStart = performance.now();
  });
  ms.commit = performance.now() - commitStart;
  ms.total = performance.now() - began;
  return { ms, counts, personIds };
}

/** The k-th interaction of the load, as an import hands it to BulkLoader. */
export function bulkInteraction(w: Workload, pos: number, personIds: Int32Array): BulkInteraction {
  const ic = w.interactions;
  const gen = ic.gen[pos] ?? 0;
  const channel = CHANNELS[ic.channel[pos] ?? 0] ?? 'email';
  const primary = personIds[ic.person[pos] ?? 0] ?? 0;
  const participantIds = [primary];
  for (let c = ic.coStart[pos] ?? 0; c < (ic.coStart[pos + 1] ?? 0); c++)
    participantIds.push(personIds[ic.coPeople[c] ?? 0] ?? 0);
  const minutes = ic.minutes[pos] ?? 0;
  const note = ic.note[pos] ?? 0;
  const replyTo = ic.replyTo[pos] ?? -1;
  const { source, externalId } = sourceOf(w, gen, channel);
  return {
    uid: interactionUid(w, gen),
    at: ic.at[pos] ?? 0,
    channel,
    direction: DIRECTIONS[ic.direction[pos] ?? 0] ?? 'out',
    depth: DEPTHS[ic.depth[pos] ?? 0] ?? 'substantive',
    participantIds,
    fromPersonId: ic.fromPrimary[pos] ? primary : null,
    minutes: minutes === 0 ? null : minutes,
    note: note === 0 ? null : (NOTES[note - 1] ?? null),
    source,
    externalId,
    replyToUid: replyTo < 0 ? null : interactionUid(w, replyTo),
  };
}
