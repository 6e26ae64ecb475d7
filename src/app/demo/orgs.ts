import { asciiWord } from './names.js';
import type { Rng } from './random.js';

/** Fictional organisations; their domains sit under the reserved example.com and example.org. */
export const ORGS = {
  company: [
    'Northwind Analytics',
    'Bluefjord Logistics',
    'Kestrelpay',
    'Lumenfield Health',
    'Tidewater Energy',
    'Quillstone Software',
    'Harbourlight Retail',
    'Copperleaf Insurance',
    'Meridian Freight Labs',
    'Sparrowhill Foods',
    'Alderpoint Robotics',
    'Brightmoor Learning',
    'Nordlys Energy',
    'Ravenscar Systems',
    'Greenhollow Mobility',
    'Solenne Cosmetics',
    'Velarion Fintech',
    'Oakmere Property',
    'Pinecrest Telecom',
    'Marlowe & Finch',
    'Ironbridge Manufacturing',
    'Cloudberry HR',
    'Starling Grove Media',
    'Fernvale Biotech',
    'Halcyon Travel',
    'Wrenfield Security',
    'Saltmarsh Outdoor',
    'Emberline Games',
  ],
  investor: [
    'Foxglove Ventures',
    'Northstar Seed Partners',
    'Blackthorn Capital',
    'Aurelia Growth',
    'Longshore Angels',
  ],
  consultancy: [
    'Brightline Consulting',
    'Keel & Compass Advisory',
    'Fieldnote Strategy',
    'Ashgrove Partners',
    'Tessellate Group',
  ],
  agency: ['Studio Marigold', 'Hollowpine Design', 'Signal & Noise Marketing', 'Paperkite Content'],
  recruiter: ['Talentbridge Search', 'Wayfinder Recruiting', 'Crestview Executive Search'],
  law: ['Lindqvist Aarons Law', 'Bramwell & Oduya', 'Castellan Tax Advisors'],
  vendor: ['Pipewright Software', 'Tallybird Analytics', 'Ledgerlark', 'Salesfjord', 'Nimbusdesk CRM'],
  nonprofit: ['Founders Circle Lisbon', 'Women in Revenue Network', 'Open Climate Collective', 'Nordic SaaS Guild'],
} as const;

export type OrgKind = keyof typeof ORGS;

export function orgDomain(org: string, kind: OrgKind): string {
  const slug = org
    .split(/\s+/)
    .map(asciiWord)
    .filter((w) => w && w !== 'and')
    .slice(0, 2)
    .join('-');
  return `${slug}.${kind === 'nonprofit' ? 'example.org' : 'example.com'}`;
}

export const TITLES = {
  executive: [
    'Chief Revenue Officer',
    'VP Customer Success',
    'Head of Revenue Operations',
    'Chief Operating Officer',
    'Director of Product',
    'Head of Growth',
    'Co-founder & CEO',
    'Chief Financial Officer',
    'Head of People',
    'VP Sales, EMEA',
  ],
  team: [
    'Customer Success Manager',
    'Product Manager',
    'Head of Finance',
    'Sales Director',
    'Data Lead',
    'Marketing Manager',
    'Operations Lead',
  ],
  admin: ['Executive Assistant to the CEO', 'Procurement Manager', 'Office Manager', 'Accounts Payable Lead'],
  investor: ['Partner', 'Principal', 'Venture Partner', 'Operating Partner'],
  peer: [
    'Independent consultant',
    'Fractional CMO',
    'Executive coach',
    'Principal Consultant',
    'Managing Director',
    'Founder',
  ],
  mentor: ['Board Chair', 'Former CEO, now board member', 'Operating Partner', 'Senior Advisor'],
  vendor: ['Account Executive', 'Partnerships Manager', 'Business Development Lead'],
} as const;

export type TitleKind = keyof typeof TITLES;

/** A fictional organisation of a kind, and a title fitting the person's role there. */
export function pickOrg(r: Rng, kind: OrgKind): string {
  return r.pick(ORGS[kind]);
}

export function pickTitle(r: Rng, kind: TitleKind): string {
  return r.pick(TITLES[kind]);
}

export const EVENTS = [
  'Nordic SaaS Summit, Copenhagen',
  'Revenue Ops Forum, Amsterdam',
  'Lisbon Founders Week',
  'Customer Success Days, Berlin',
  'Future of Work Meetup, London',
  'Climate Tech Breakfast, Stockholm',
  'Growth Leaders Dinner, Dublin',
  'B2B Pricing Conference, Barcelona',
] as const;
