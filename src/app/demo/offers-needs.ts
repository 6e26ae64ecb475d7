import type { Category } from '../../domain/vocabulary.js';
import type { OrgKind } from './orgs.js';

export interface OfferSeed {
  readonly text: string;
  readonly category: Category;
  readonly tags: readonly string[];
}

/** The user's own strengths: a consultant's offer, across the five categories. */
export const OWN_OFFERS: readonly OfferSeed[] = [
  { text: 'Pricing and packaging reviews for B2B SaaS', category: 'knowledge', tags: ['pricing', 'packaging', 'saas'] },
  {
    text: 'Workshop facilitation for leadership offsites and strategy days',
    category: 'talent',
    tags: ['facilitation', 'workshops', 'strategy'],
  },
  {
    text: 'Churn and retention benchmarks from forty client projects',
    category: 'knowledge',
    tags: ['churn', 'retention', 'benchmarks'],
  },
  {
    text: 'Introductions to seed investors and angel networks in Europe',
    category: 'access',
    tags: ['fundraising', 'investors', 'angels'],
  },
  { text: 'A monthly sounding-board hour for first-time founders', category: 'time', tags: ['mentoring', 'founders'] },
  {
    text: 'Candid feedback on a pitch deck or a hard decision, and encouragement through it',
    category: 'behavioral',
    tags: ['feedback', 'pitch', 'decisions'],
  },
  {
    text: 'Warm introductions to heads of customer success at mid-market software companies',
    category: 'access',
    tags: ['customer success', 'introductions'],
  },
];

/** A contact's offer, with the title and kind of organisation of someone who offers it. */
export interface ContactOfferSeed extends OfferSeed {
  readonly title: string;
  readonly org: OrgKind | 'personal';
}

/** What contacts can offer others: the other side of an introduction. */
export const CONTACT_OFFERS: readonly ContactOfferSeed[] = [
  {
    text: 'Recruiting for senior data engineering and analytics roles',
    category: 'access',
    tags: ['recruiting', 'hiring', 'data'],
    title: 'Talent Partner',
    org: 'recruiter',
  },
  {
    text: 'Brand identity and website redesign',
    category: 'talent',
    tags: ['design', 'branding', 'rebrand'],
    title: 'Brand Designer',
    org: 'agency',
  },
  {
    text: 'Employment contracts and labour law in Germany and the Nordics',
    category: 'knowledge',
    tags: ['legal', 'employment'],
    title: 'Employment Lawyer',
    org: 'law',
  },
  {
    text: 'Cross-border tax and setting up a subsidiary',
    category: 'knowledge',
    tags: ['tax', 'subsidiary', 'accounting'],
    title: 'Tax Advisor',
    org: 'law',
  },
  {
    text: 'Growth marketing audits: paid acquisition, SEO and lifecycle email',
    category: 'talent',
    tags: ['marketing', 'seo'],
    title: 'Growth Marketer',
    org: 'agency',
  },
  {
    text: 'Sales coaching for founder-led teams moving upmarket to enterprise deals',
    category: 'talent',
    tags: ['sales', 'coaching'],
    title: 'Sales Coach',
    org: 'personal',
  },
  {
    text: 'Cloud cost reviews and platform architecture on AWS',
    category: 'knowledge',
    tags: ['cloud', 'aws', 'architecture'],
    title: 'Cloud Architect',
    org: 'personal',
  },
  {
    text: 'Angel cheques and advice for climate and energy startups',
    category: 'access',
    tags: ['angel', 'climate', 'energy'],
    title: 'Angel investor',
    org: 'investor',
  },
  {
    text: 'Mentoring for people moving into product management',
    category: 'time',
    tags: ['product', 'career'],
    title: 'VP Product',
    org: 'company',
  },
  {
    text: 'Spare desks and meeting rooms in our Lisbon office',
    category: 'access',
    tags: ['office', 'lisbon', 'coworking'],
    title: 'Community Lead',
    org: 'nonprofit',
  },
];

/**
 * Needs contacts have, worded as a user would note them. Most share words with an offer above
 * (the matcher pairs them); a few match nothing, as in life.
 */
export const NEEDS: readonly string[] = [
  'Rethinking pricing and packaging before the Series A',
  'Hiring a head of data engineering',
  'Planning a leadership offsite in the spring; needs a facilitator',
  'Rebrand and a new website before the launch',
  'Churn in mid-market accounts keeps climbing',
  'Setting up a German subsidiary: contracts and tax',
  'Raising a seed round; wants introductions to angel investors',
  'Paid acquisition costs doubled this year',
  'First-time founder who wants a sounding board for hard decisions',
  'Founder-led sales stalls on enterprise deals',
  'AWS bill out of control; the architecture needs a second opinion',
  'Looking for climate-focused angel investors',
  'Moving from consulting into product management',
  'Needs desks for a small team in Lisbon over the summer',
  'Losing good customer success staff; retention is a worry',
  'Preparing a pitch deck for the next investor update',
  'Wants to learn to sail this summer',
  'Looking for a Japanese translator for a distribution contract',
];
