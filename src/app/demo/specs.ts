import type { Goal, Tier } from '../../domain/vocabulary.js';
import type { OrgKind, TitleKind } from './orgs.js';
import type { ArchetypeKey } from './world.js';

type Odds<T> = readonly (readonly [T, number])[];

/** What a person of each archetype looks like: where they work, their role, the user's tier and goal. */
export interface Spec {
  readonly org: OrgKind | 'personal';
  readonly title: TitleKind;
  readonly goal: Odds<Goal | null>;
  readonly tier: Odds<Tier | null>;
  readonly met: readonly string[];
  readonly tags: readonly string[];
}

const NONE = [[null, 1]] as const;
const INTRO = [
  'Referred by a former client',
  'Inbound from my newsletter',
  'Met at a founders breakfast',
  'Their CEO introduced us',
];

export const SPECS: Record<ArchetypeKey, Spec> = {
  'key-client': {
    org: 'company',
    title: 'executive',
    goal: [['client', 1]],
    tier: [
      ['inner', 0.6],
      ['cultivate', 0.4],
    ],
    met: INTRO,
    tags: ['client'],
  },
  'invoice-client': {
    org: 'company',
    title: 'executive',
    goal: [['client', 1]],
    tier: [
      ['maintain', 0.5],
      [null, 0.5],
    ],
    met: ['Tender in 2023', ...INTRO],
    tags: ['client', 'retainer'],
  },
  prospect: {
    org: 'company',
    title: 'executive',
    goal: [['client', 1]],
    tier: [
      ['cultivate', 0.4],
      [null, 0.6],
    ],
    met: INTRO,
    tags: ['prospect'],
  },
  colleague: {
    org: 'company',
    title: 'team',
    goal: [
      ['client', 0.1],
      [null, 0.9],
    ],
    tier: NONE,
    met: ['Through the client project'],
    tags: ['client-team'],
  },
  admin: { org: 'company', title: 'admin', goal: NONE, tier: NONE, met: ['Through the client project'], tags: [] },
  advocate: {
    org: 'consultancy',
    title: 'peer',
    goal: [
      ['referral-source', 0.4],
      ['partner', 0.3],
      ['peer', 0.15],
      ['friend', 0.15],
    ],
    tier: [
      ['inner', 0.4],
      ['cultivate', 0.5],
      [null, 0.1],
    ],
    met: [
      'Worked together at Brightline Consulting',
      'Former client who became a friend',
      'Met on a joint project in 2023',
    ],
    tags: ['network'],
  },
  peer: {
    org: 'personal',
    title: 'peer',
    goal: [
      ['peer', 0.25],
      ['partner', 0.15],
      ['friend', 0.1],
      ['resource', 0.1],
      [null, 0.4],
    ],
    tier: [
      ['cultivate', 0.3],
      ['maintain', 0.2],
      [null, 0.5],
    ],
    met: ['Mastermind group', 'Co-working space in Lisbon', 'Spoke on the same panel', 'Introduced by a mutual friend'],
    tags: ['peer'],
  },
  mentor: {
    org: 'investor',
    title: 'mentor',
    goal: [['mentor', 1]],
    tier: [
      ['cultivate', 0.4],
      ['maintain', 0.3],
      [null, 0.3],
    ],
    met: ['Their accelerator mentor day', 'Former boss', 'Introduced by a founder I advise'],
    tags: ['mentor'],
  },
  occasional: {
    org: 'company',
    title: 'executive',
    goal: [
      ['friend', 0.15],
      ['peer', 0.05],
      [null, 0.8],
    ],
    tier: [
      ['watch', 0.3],
      [null, 0.7],
    ],
    met: ['Former colleague', 'University friend', 'Neighbour in Berlin'],
    tags: ['alumni'],
  },
  acquaintance: {
    org: 'company',
    title: 'executive',
    goal: [
      ['resource', 0.05],
      ['peer', 0.05],
      [null, 0.9],
    ],
    tier: [
      ['watch', 0.1],
      [null, 0.9],
    ],
    met: [],
    tags: ['conference'],
  },
  social: {
    org: 'company',
    title: 'executive',
    goal: [
      ['resource', 0.03],
      [null, 0.97],
    ],
    tier: NONE,
    met: [
      'LinkedIn',
      'Connected on LinkedIn after a webinar',
      'Follows my newsletter',
      'Connected after a podcast episode',
    ],
    tags: ['linkedin'],
  },
  dormant: {
    org: 'consultancy',
    title: 'peer',
    goal: [
      ['peer', 0.1],
      ['friend', 0.05],
      ['referral-source', 0.1],
      ['partner', 0.05],
      [null, 0.7],
    ],
    tier: [
      ['maintain', 0.15],
      ['watch', 0.1],
      [null, 0.75],
    ],
    met: [],
    tags: ['alumni'],
  },
  'never-answers': {
    org: 'investor',
    title: 'investor',
    goal: [
      ['client', 0.4],
      ['partner', 0.2],
      ['mentor', 0.1],
      ['referral-source', 0.1],
      [null, 0.2],
    ],
    tier: [
      ['cultivate', 0.3],
      [null, 0.7],
    ],
    met: ['Cold email', 'Saw them speak at a conference', 'A friend suggested reaching out'],
    tags: ['outreach'],
  },
  cooling: {
    org: 'company',
    title: 'executive',
    goal: [
      ['client', 0.5],
      ['partner', 0.3],
      ['referral-source', 0.2],
    ],
    tier: [
      ['inner', 0.3],
      ['cultivate', 0.7],
    ],
    met: INTRO,
    tags: [],
  },
  'eager-vendor': {
    org: 'vendor',
    title: 'vendor',
    goal: [
      ['resource', 0.2],
      [null, 0.8],
    ],
    tier: NONE,
    met: ['They reached out after my talk'],
    tags: ['vendor'],
  },
  wishlist: {
    org: 'company',
    title: 'executive',
    goal: [
      ['client', 0.4],
      ['mentor', 0.2],
      ['partner', 0.2],
      ['referral-source', 0.2],
    ],
    tier: [
      ['cultivate', 0.4],
      ['watch', 0.3],
      [null, 0.3],
    ],
    met: [],
    tags: ['wishlist'],
  },
};
