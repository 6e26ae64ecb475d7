import type { Category } from '../../domain/vocabulary.js';
import type { Rng } from './random.js';

type Given = { note: string; impact: string | null };

const GIVEN: Record<Category, readonly (readonly [string, string])[]> = {
  time: [
    ['Spent an afternoon on their hiring rubric', 'They hired the first candidate through it'],
    ['Sat in on two sales calls and debriefed', 'Their discovery calls got shorter and sharper'],
    ['Helped prepare their board meeting over a weekend', 'The board approved the plan as presented'],
    ['Ran a mock negotiation before their renewal talks', 'Renewed at a better price than last year'],
  ],
  talent: [
    ['Rewrote their pricing page', 'Trial-to-paid conversion up 18% in a month'],
    ['Facilitated their leadership offsite', 'A one-page strategy the team still uses'],
    ['Drafted the narrative for their investor update', 'Two investors asked to join the next round'],
    ['Built a churn-risk scorecard for their CS team', 'Saved three at-risk accounts in the first quarter'],
    ['Reviewed their sales hiring plan', 'They hired two account executives instead of one manager'],
  ],
  knowledge: [
    ['Shared churn benchmarks from similar companies', 'They reset their retention targets'],
    ['Sent a memo on usage-based pricing', 'They dropped the plan to change pricing mid-year'],
    ['Walked them through our discovery framework', 'Their team adopted it for every new account'],
    ['Sent the playbook we used for a Nordic launch', 'Cut their launch plan from six months to four'],
  ],
  access: [
    ['Introduced them to a seed investor I trust', 'A first meeting, then a term sheet'],
    [
      'Connected them with a head of customer success who solved the same problem',
      'They copied the escalation process',
    ],
    ['Recommended them as a speaker for a founders breakfast', 'Three inbound leads from the talk'],
  ],
  behavioral: [
    ['Talked them through a hard board meeting', 'They went in calm and kept the plan'],
    ['Encouraged them to take the CRO role', 'They took it'],
    ['Checked in after a difficult layoff week', 'They said it helped more than they expected'],
    ['Gave candid feedback on their pitch', 'A tighter pitch and a better second meeting'],
  ],
};

const RECEIVED: Record<Category, readonly string[]> = {
  time: [
    'Spent an hour reviewing my proposal',
    'Gave up a Saturday to test my workshop format',
    'Covered a client call for me at short notice',
  ],
  talent: [
    'Designed the slides for my conference talk',
    'Edited my article before publication',
    'Built a quick model for my pricing case',
  ],
  knowledge: [
    'Shared their vendor shortlist for CRM tools',
    'Gave me their retainer contract template',
    'Explained how their board reads a forecast',
    'Sent notes from an investor panel I missed',
  ],
  access: [
    'Referred a new client to me: now a six-month engagement',
    'Introduced me to the COO of a scale-up they advise',
    'Recommended me for a keynote at a customer success conference',
    'Put me forward for a board advisor role',
  ],
  behavioral: [
    'Wrote a public recommendation of my work',
    'Backed me in a tense steering group',
    'Talked me through going independent',
    'Sent a kind note after a rough project',
  ],
};

export function givenNote(r: Rng, category: Category): Given {
  const [note, impact] = r.pick(GIVEN[category]);
  return { note, impact: r.chance(0.7) ? impact : null };
}

export function receivedNote(r: Rng, category: Category): string {
  return r.pick(RECEIVED[category]);
}

export function introductionNote(otherName: string, reason: string): Given {
  return { note: `Introduced them to ${otherName} about ${reason}`, impact: `A first call with ${otherName}` };
}

type StepSeed = readonly [string, string | null];

const STEPS: Record<'client' | 'peer' | 'prospect', readonly StepSeed[]> = {
  client: [
    ['Send the revised proposal', 'They need it before the budget meeting'],
    ['Book the quarterly review', 'Keeps the renewal on track'],
    ['Share the churn benchmark deck', 'They asked for it for the board'],
    ['Draft the offsite agenda', 'Their CEO wants to see it first'],
    ['Send two case studies from similar clients', 'Helps them sell the plan internally'],
    ['Follow up on the pilot results', 'They want numbers for the next steering meeting'],
  ],
  peer: [
    ['Coffee when they are back in town', null],
    ['Send the draft of our joint article', 'They want it out before the conference'],
    ['Intro to a subcontractor for their project', 'They are short of capacity'],
    ['Review their workshop outline', 'Their first run is next month'],
  ],
  prospect: [
    ['Send a scoped proposal', 'They want to decide this quarter'],
    ['Book a call with their CFO', 'Budget sign-off sits with finance'],
    ['Share a reference client', 'They want to hear it from a peer'],
  ],
};

export function stepText(r: Rng, kind: keyof typeof STEPS): { text: string; why: string | null } {
  const [text, why] = r.pick(STEPS[kind]);
  return { text, why };
}

export const PAST_MILESTONES = [
  'Closed their Series A',
  'Promoted to VP',
  'Opened the Lisbon office',
  'Became CEO',
  'Published their first book',
  'Joined a new company',
] as const;

export const UPCOMING_MILESTONES = [
  'Launches their new platform',
  'Starts the new role',
  'Keynote at the customer success summit',
  'Company turns ten',
  'Last day before parental leave',
] as const;
