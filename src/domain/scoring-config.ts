import type { Category, Channel, Depth, Goal, Tier } from './vocabulary.js';

/**
 * Every weight, half-life and threshold of the scoring model, in one place.
 * docs/SCORING.md gives the reason for each; change both together.
 */

/** Component weights; they sum to 1, so strength = 100 × Σ weight × value. */
export const COMPONENT_WEIGHTS = {
  recency: 0.25,
  intensity: 0.25,
  duration: 0.15,
  reciprocity: 0.15,
  services: 0.1,
  responsiveness: 0.05,
  structural: 0.05,
} as const;
export type ComponentKey = keyof typeof COMPONENT_WEIGHTS;
export const COMPONENT_KEYS = Object.keys(COMPONENT_WEIGHTS) as ComponentKey[];

export const HALF_LIFE_DAYS = {
  /** recency: halves every 30 days since the last two-way interaction */
  recency: 30,
  /** intensity has a short and a long memory */
  intensityShort: 30,
  intensityLong: 180,
  /** who initiates, and how the person answers, fade over half a year */
  initiation: 180,
  responsiveness: 180,
  /** the value ledger fades over a year */
  services: 365,
} as const;

export const CHANNEL_WEIGHTS: Record<Channel, number> = {
  email: 1,
  message: 0.3,
  call: 2,
  video: 2,
  meeting: 3,
  event: 1,
  letter: 1.5,
  social: 0,
};

export const DEPTH_FACTORS: Record<Depth, number> = {
  transactional: 0.5,
  substantive: 1,
  personal: 1.5,
};

/** A written message to more than this many people is bulk: it weighs nothing and means nothing. */
export const BULK_RECIPIENTS = 10;

/**
 * Intensity: x = ½·I₃₀/K₃₀ + ½·I₁₈₀/K₁₈₀, where K is the average level each decayed sum holds
 * for one substantive 1:1 meeting a month (weight 3 every 30 days: K = 3·h/(30·ln 2)).
 * intensity = 1 − 2^(−x / INTENSITY_SCALE): one meeting a month gives 0.5 at scale 1.
 */
export const MONTHLY_MEETING_LEVEL = {
  short: (3 * HALF_LIFE_DAYS.intensityShort) / (30 * Math.LN2),
  long: (3 * HALF_LIFE_DAYS.intensityLong) / (30 * Math.LN2),
} as const;
export const INTENSITY_SCALE = 1;

/** duration is log(1 + days)/log(1 + 730): full at two years of two-way contact */
export const DURATION_FULL_DAYS = 730;

/** structural: full with this many people in common */
export const STRUCTURAL_FULL = 5;
/** at most this many co-participant ids are kept per relationship (the component saturates before) */
export const STRUCTURAL_KEEP = 10;

/** Reply bands: the score a reply earns by its delay, for email-like channels (hours). */
export const REPLY_BANDS_HOURS = { fast: 1, normal: 24, slow: 24 * 7 } as const;
export const REPLY_BAND_SCORES = { fast: 1, normal: 0.8, slow: 0.4, late: 0.15 } as const;
/** messages and SMS are answered about 12 times faster than email */
export const MESSAGE_BAND_DIVISOR = 12;

export const WINDOWS_DAYS = {
  /** the class looks at the last 180 days */
  classWindow: 180,
  /** no meaningful interaction for this long: dormant */
  dormant: 365,
  /** engaged: 3 two-way interactions, both sides initiating, within this span */
  engagedSpan: 180,
  /** trusted: two-way contact spanning at least this long */
  trustedSpan: 180,
  /** unanswered: the user's last messages have waited this long */
  unanswered: 7,
  /** one-sided flag and its ledger window */
  ledger: 365,
  /** too-fast: received value this soon after first contact */
  tooFast: 30,
  /** cooling: strength compared with this many days ago */
  cooling: 90,
} as const;

export const THRESHOLDS = {
  /** class active: meaningful interactions in the window */
  activeInteractions: 3,
  /** class one-sided: the user's initiations, or value given, in the window */
  oneSidedInitiations: 3,
  oneSidedGiven: 2,
  /** class one-sided: they answered under this share of the user's messages */
  oneSidedAnswerShare: 0.25,
  /** stage engaged: two-way interactions within the span */
  engagedTwoWay: 3,
  /** flag unanswered: this many of the user's last messages */
  unansweredMessages: 2,
  /** flag one-sided: value given at least this often with none received */
  oneSidedFlagGiven: 2,
  /** flag too-fast: received exchanges within the too-fast window */
  tooFastReceived: 2,
  /** flag cooling: strength down by this many points */
  coolingDrop: 15,
  /** below this many two-way interactions the strength is shown with "not enough data" */
  enoughTwoWay: 3,
} as const;

export const TIER_CADENCE_DAYS: Record<Tier, number> = {
  inner: 14,
  cultivate: 30,
  maintain: 90,
  watch: 365,
};

/** How much a relationship's tier and goal weigh in the focus list's priorities. */
export const TIER_PRIORITY: Record<Tier, number> = { inner: 1, cultivate: 0.8, maintain: 0.6, watch: 0.4 };
export const NO_TIER_PRIORITY = 0.35;
export const GOAL_PRIORITY: Record<Goal, number> = {
  client: 1,
  'referral-source': 0.95,
  partner: 0.9,
  mentor: 0.85,
  resource: 0.75,
  peer: 0.7,
  friend: 0.7,
};
export const NO_GOAL_PRIORITY = 0.7;

export const CATEGORY_LABELS: Record<Category, string> = {
  time: 'time',
  talent: 'talent',
  knowledge: 'knowledge',
  access: 'access to people',
  behavioral: 'behavioral support',
};

export const DAY = 86_400_000;
export function halfLifeMs(days: number): number {
  return days * DAY;
}

/**
 * How late a message may come and still be an answer when nothing but its place says so (the
 * same subject in mail, the same conversation on LinkedIn): reply effects fade within about three
 * weeks (Perry & Wolfe 2013), and a message after a longer silence starts an exchange anew.
 */
export const REPLY_WINDOW_DAYS = 21;
