import type { Awaited } from './follow-ups.js';

/**
 * The incremental state of one relationship: everything the scoring needs, folded from its
 * events in time order. O(1) in size. Evaluating it at any `now` after its last event gives
 * strength, class, stage and flags without reading the events again.
 *
 * Timestamps are epoch ms or null (never). Decayed sums are valued at `asOf`.
 */
export interface Summary {
  /** key of the last folded event; null when nothing was folded */
  asOf: number | null;
  asOfKind: 0 | 1;
  asOfSeq: number;

  interactions: number;
  inbound: number;
  outbound: number;
  mutual: number;
  firstAt: number | null;
  lastAt: number | null;
  /** first meaningful interaction or exchange */
  firstContactAt: number | null;

  meaningful: number;
  /** the three latest meaningful interactions, latest first */
  m1At: number | null;
  m2At: number | null;
  m3At: number | null;

  twoWay: number;
  firstTwoWayAt: number | null;
  tw1At: number | null;
  tw2At: number | null;
  tw3At: number | null;

  /** latest meaningful interaction they initiated (direction in, or mutual; not a reply) */
  themInitAt: number | null;
  /** the three latest the user initiated */
  u1At: number | null;
  u2At: number | null;
  u3At: number | null;
  /** latest meaningful interaction that was substantive or personal */
  deepAt: number | null;
  /** latest meeting, call or video (live, two-way) */
  liveAt: number | null;
  /** latest interaction from them */
  inboundAt: number | null;

  /** decayed interaction weight, 30-day and 180-day half-lives */
  int30: number;
  int180: number;
  /** decayed initiation counts (180-day half-life) */
  initThem: number;
  initUser: number;

  /** decayed ledger (365-day half-life) and plain counts */
  given: number;
  received: number;
  givenCount: number;
  receivedCount: number;
  g1At: number | null;
  g2At: number | null;
  receivedAt: number | null;
  receivedAccess: boolean;
  /** received exchanges within the too-fast window after first contact */
  tooFastReceived: number;

  /** the user's messages to them, decayed (180 d), and how they were answered */
  respSent: number;
  respAnswered: number;
  respScore: number;
  respWithin24h: number;
  replies: number;
  /**
   * times of the user's awaited messages sent within 24 h before asOf and not answered yet, oldest
   * first (at most RECENT_AWAITED_KEEP): they do not count as unanswered until they are a day old
   * (see answer-day.ts)
   */
  respRecent: number[];
  /**
   * the user's awaited messages not answered yet, oldest first (at most AWAITED_KEEP), each with the
   * message of the user's it follows up: an answer to one answers its run (see follow-ups.ts)
   */
  respWaiting: Awaited[];

  /** the user's unanswered messages at the end of the history */
  pendingCount: number;
  pendingLastAt: number | null;

  /** people in common: ids seen beside this person (at most a few) */
  common: number[];

  /** inferred stage 0..4 and when each rung was reached */
  stage: number;
  acquaintedAt: number | null;
  engagedAt: number | null;
  trustedAt: number | null;
  advocateAt: number | null;
  /** evidence of personal depth for trusted */
  personal: boolean;
}

export function emptySummary(): Summary {
  return {
    asOf: null,
    asOfKind: 0,
    asOfSeq: 0,
    interactions: 0,
    inbound: 0,
    outbound: 0,
    mutual: 0,
    firstAt: null,
    lastAt: null,
    firstContactAt: null,
    meaningful: 0,
    m1At: null,
    m2At: null,
    m3At: null,
    twoWay: 0,
    firstTwoWayAt: null,
    tw1At: null,
    tw2At: null,
    tw3At: null,
    themInitAt: null,
    u1At: null,
    u2At: null,
    u3At: null,
    deepAt: null,
    liveAt: null,
    inboundAt: null,
    int30: 0,
    int180: 0,
    initThem: 0,
    initUser: 0,
    given: 0,
    received: 0,
    givenCount: 0,
    receivedCount: 0,
    g1At: null,
    g2At: null,
    receivedAt: null,
    receivedAccess: false,
    tooFastReceived: 0,
    respSent: 0,
    respAnswered: 0,
    respScore: 0,
    respWithin24h: 0,
    replies: 0,
    respRecent: [],
    respWaiting: [],
    pendingCount: 0,
    pendingLastAt: null,
    common: [],
    stage: 0,
    acquaintedAt: null,
    engagedAt: null,
    trustedAt: null,
    advocateAt: null,
    personal: false,
  };
}
