import type { Channel } from '../../domain/vocabulary.js';
import type { Rng } from './random.js';

/** What the user's work is about: the topics of client and peer conversations. */
export const CLIENT_TOPICS = [
  'the onboarding redesign',
  'the Q3 pipeline review',
  'pricing for the enterprise tier',
  'the churn dashboard',
  'renewal terms',
  'the Nordic expansion',
  'the customer success hiring plan',
  'board prep',
  'the move to usage-based billing',
  'their sales playbook',
  'the partner programme',
  'forecast accuracy',
  'the self-serve trial',
  'the account-management handbook',
  'the quarterly business review format',
] as const;

export const PEER_TOPICS = [
  'freelance day rates',
  'a tricky client situation',
  'conference talk proposals',
  'a joint workshop idea',
  'their new newsletter',
  'AI tools for research interviews',
  'pricing retainers',
  'co-writing an article on churn',
  'finding good subcontractors',
  'whether to niche down',
  'a book they recommended',
  'the state of the SaaS market',
] as const;

export const PERSONAL = [
  'their kids starting school',
  'marathon training',
  'a sailing trip in the archipelago',
  'the renovation of their new flat',
  'a family wedding in Porto',
  'their sabbatical plans',
  'learning Portuguese',
  'a hiking week in the Dolomites',
  'their parents moving in',
  'the new puppy',
] as const;

export const WINS = [
  'closing their Series A',
  'passing 1M in ARR',
  'the launch in Germany',
  'signing their largest customer yet',
  'net revenue retention above 110%',
  'the new VP Sales starting',
  'a record renewal quarter',
  'winning the regional innovation award',
  'cutting onboarding time in half',
  'the product launch going smoothly',
] as const;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
const AGREED = [
  'a two-week pilot with the mid-market team',
  'a short memo before the board meeting',
  'a workshop with their account managers',
  'revisiting the numbers in a month',
  'a one-page plan for the next quarter',
  'interviewing five churned customers',
  'dropping the legacy plan',
] as const;

export function clientMeeting(r: Rng): string {
  const topic = r.pick(CLIENT_TOPICS);
  return r.pick([
    `Steering meeting on ${topic}; agreed on ${r.pick(AGREED)}.`,
    `Reviewed ${topic}. They want a first draft by ${r.pick(WEEKDAYS)}.`,
    `Working session on ${topic} with their leadership team.`,
    `Quarterly review: celebrated ${r.pick(WINS)}; next up is ${topic}.`,
    `Walked through ${topic}; shared what worked for a similar client.`,
    `Check-in on ${topic}. Good energy, a couple of open questions on budget.`,
  ]);
}

/** A conversation that turned personal; over a meal or a walk when it was a meeting. */
export function personalMeeting(r: Rng, channel: Channel): string {
  const personal = r.pick(PERSONAL);
  return channel === 'meeting'
    ? r.pick([
        `Lunch near their office: mostly ${personal}, a little ${r.pick(CLIENT_TOPICS)}.`,
        `Dinner after the workshop; talked about ${personal}.`,
        `Coffee walk. They opened up about ${personal}.`,
      ])
    : r.pick([
        `Long call about ${personal} and what they want from the next year.`,
        `Started on work, ended up talking about ${personal}.`,
      ]);
}

export function insightOut(r: Rng, topics: readonly string[] = CLIENT_TOPICS): string {
  const topic = r.pick(topics);
  return r.pick([
    `Sent my notes on ${topic}.`,
    `Shared a benchmark relevant to ${topic}.`,
    `Follow-up on ${topic} with two options to choose from.`,
    `Article that made me think of ${topic}.`,
    `Summary of our session on ${topic}, with next steps.`,
  ]);
}

export function questionIn(r: Rng, topics: readonly string[] = CLIENT_TOPICS): string {
  const topic = r.pick(topics);
  return r.pick([
    `Question about ${topic}.`,
    `Asked for a quick view on ${topic}.`,
    `Shared news: ${r.pick(WINS)}.`,
    `Wants to bring ${topic} forward; can we talk this week?`,
    `Forwarded a board question on ${topic}.`,
  ]);
}

export function thanks(r: Rng): string {
  return r.pick([
    'Thanks, really useful; sharing it with the team.',
    'Great, that settles it for us.',
    `Sounds good, ${r.pick(WEEKDAYS)} works.`,
    'Appreciated. Two follow-up questions inline.',
    'Perfect timing, we discussed exactly this yesterday.',
    'Thanks! Will come back after our planning week.',
  ]);
}

export function answerNote(r: Rng): string {
  return r.pick([
    'Answered their question with a short memo.',
    'Replied with two options and a recommendation.',
    'Sent the numbers they asked for.',
    `Replied: happy to talk on ${r.pick(WEEKDAYS)}.`,
  ]);
}

export function peerCatchUp(r: Rng, channel: Channel): string {
  const topic = r.pick(PEER_TOPICS);
  return r.pick([
    `Catch-up on ${topic}.`,
    `Traded notes on ${topic}.`,
    `Compared experiences with ${topic}; they had a sharp take.`,
    `Brainstormed ${topic}; might turn into something.`,
    channel === 'meeting' ? `Coffee: ${topic}, and ${r.pick(PERSONAL)}.` : `Quick call about ${topic}.`,
  ]);
}

export function peerMessage(r: Rng): string {
  return r.pick([
    `Quick question about ${r.pick(PEER_TOPICS)}.`,
    `Congrats on ${r.pick(WINS)}!`,
    `Voice note about ${r.pick(PEER_TOPICS)}.`,
    'Are you going to the summit this year?',
    `Link: a good thread on ${r.pick(PEER_TOPICS)}.`,
    'Free for a coffee next week?',
  ]);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function invoiceEmail(r: Rng, at: number): string {
  const month = MONTHS[new Date(at).getUTCMonth()] ?? 'monthly';
  return r.pick([
    `Invoice ${new Date(at).getUTCFullYear()}-${String(r.int(10, 250)).padStart(3, '0')} for the ${month} retainer.`,
    `Monthly invoice and timesheet for ${month}.`,
    `Reminder: the ${month} invoice is due on Friday.`,
  ]);
}

export function paidReply(r: Rng): string {
  return r.pick(['Received, thanks. Paid.', 'Forwarded to accounts payable.', 'Thanks, approved.', 'Paid today.']);
}

export function adminMessage(r: Rng): string {
  return r.pick([
    `Can we move ${r.pick(WEEKDAYS)}'s call to 3 pm?`,
    'Sending the PO number for the workshop.',
    'Visitor badge is ready at reception.',
    'Could you resend the invoice with our new VAT number?',
    'Room booked for the offsite; details attached.',
    'The CEO needs to reschedule; two new slots below.',
  ]);
}

export function adminReply(r: Rng): string {
  return r.pick(['Works for me, thanks.', 'Done, resent.', 'Thanks, noted.', 'Perfect, see you there.']);
}

export function outreachEmail(r: Rng): string {
  return r.pick([
    `Thought this benchmark on ${r.pick(CLIENT_TOPICS)} might be useful.`,
    'Congratulations on the new role; would love to compare notes.',
    `Short idea for ${r.pick(CLIENT_TOPICS)}; 15 minutes?`,
    'Following up on my last note; happy to send a summary instead of a call.',
    'Sharing our churn report; no strings attached.',
    'Would you be open to a quick intro call this month?',
  ]);
}

export function socialNote(r: Rng, direction: 'out' | 'in'): string {
  const topic = r.pick([...PEER_TOPICS, ...CLIENT_TOPICS]);
  return direction === 'out'
    ? r.pick([
        `Liked their post on ${topic}.`,
        `Commented on their post about ${topic}.`,
        'Congratulated them on the work anniversary.',
        `Reshared their article on ${topic}.`,
      ])
    : r.pick([
        `They liked my post on ${topic}.`,
        'They viewed my profile.',
        `They commented on my post about ${topic}.`,
      ]);
}

export function letterNote(r: Rng): string {
  return r.pick([
    'Handwritten thank-you card.',
    'Sent a copy of "The Mom Test" with a note.',
    'Holiday card with a short personal note.',
    'Congratulations card for the new office.',
  ]);
}
