import { ANSWER_DAY_MS, RECENT_AWAITED_KEEP } from './answer-day.js';
import { decayFactor } from './decay.js';
import type { EventKey, ExchangeEvent, FoldEvent, InteractionEvent } from './fold-event.js';
import { compareEvents, compareKeys, kindRank } from './fold-event.js';
import { noteAwaited, takeRun } from './follow-ups.js';
import { interactionWeight, isMeaningful } from './interaction-weight.js';
import { replyScore } from './reply-band.js';
import { HALF_LIFE_DAYS, STRUCTURAL_KEEP, THRESHOLDS, WINDOWS_DAYS } from './scoring-config.js';
import { STAGE_INDEX } from './stage.js';
import { emptySummary, type Summary } from './summary.js';
import { DAY_MS, HOUR_MS } from './time.js';
import { LIVE_CHANNELS, WRITTEN_CHANNELS } from './vocabulary.js';

const H30 = HALF_LIFE_DAYS.intensityShort * DAY_MS;
const H180 = HALF_LIFE_DAYS.intensityLong * DAY_MS;
const H_INIT = HALF_LIFE_DAYS.initiation * DAY_MS;
const H_RESP = HALF_LIFE_DAYS.responsiveness * DAY_MS;
const H_SVC = HALF_LIFE_DAYS.services * DAY_MS;

/** The key of the last event folded into a summary. */
export function summaryKey(s: Summary): EventKey | null {
  return s.asOf === null ? null : { at: s.asOf, kind: s.asOfKind, seq: s.asOfSeq };
}

/** True when `event` comes after everything already folded, so it can be folded in place. */
export function canAppend(s: Summary, event: FoldEvent): boolean {
  const key = summaryKey(s);
  return key === null || compareKeys({ at: event.at, kind: kindRank(event), seq: event.seq }, key) > 0;
}

/** Folds events (in any order) into a fresh summary: the full rescore of one relationship. */
export function foldAll(events: readonly FoldEvent[]): Summary {
  const s = emptySummary();
  for (const e of [...events].sort(compareEvents)) foldEvent(s, e);
  return s;
}

/**
 * Folds one event into the summary, in place. The event must come after everything already
 * folded (see canAppend); an earlier one means the relationship is folded again from its events.
 */
export function foldEvent(s: Summary, e: FoldEvent): void {
  advance(s, e.at);
  s.asOf = e.at;
  s.asOfKind = kindRank(e);
  s.asOfSeq = e.seq;
  if (e.kind === 'interaction') foldInteraction(s, e);
  else foldExchange(s, e);
  climbStages(s, e.at);
}

/** Ages every decayed sum from asOf to t. */
function advance(s: Summary, t: number): void {
  if (s.asOf === null || t <= s.asOf) return;
  const dt = t - s.asOf;
  const f30 = decayFactor(dt, H30);
  const f180 = decayFactor(dt, H180);
  const fInit = decayFactor(dt, H_INIT);
  const fResp = decayFactor(dt, H_RESP);
  const fSvc = decayFactor(dt, H_SVC);
  s.int30 *= f30;
  s.int180 *= f180;
  s.initThem *= fInit;
  s.initUser *= fInit;
  s.respSent *= fResp;
  s.respAnswered *= fResp;
  s.respScore *= fResp;
  s.respWithin24h *= fResp;
  s.given *= fSvc;
  s.received *= fSvc;
  // a message a day old has had its chance of an answer: from now on it counts in full
  if (s.respRecent.length > 0 && s.respRecent[0] !== undefined && s.respRecent[0] <= t - ANSWER_DAY_MS)
    s.respRecent = s.respRecent.filter((at) => at > t - ANSWER_DAY_MS);
}

function foldInteraction(s: Summary, e: InteractionEvent): void {
  const t = e.at;
  s.interactions++;
  if (e.role === 'out') s.outbound++;
  else if (e.role === 'in') s.inbound++;
  else s.mutual++;
  if (s.firstAt === null) s.firstAt = t;
  s.lastAt = t;

  const live = LIVE_CHANNELS.has(e.channel);
  const written = WRITTEN_CHANNELS.has(e.channel);
  const meaningful = isMeaningful(e.channel, e.audience);
  const isReply = written && e.reply !== null;
  if (e.role === 'in') s.inboundAt = t;

  if (meaningful) {
    s.meaningful++;
    s.m3At = s.m2At;
    s.m2At = s.m1At;
    s.m1At = t;
    if (s.firstContactAt === null) s.firstContactAt = t;
    const w = interactionWeight(e.channel, e.depth, e.audience);
    s.int30 += w;
    s.int180 += w;
    if (e.depth !== 'transactional') s.deepAt = t;
    if (live && e.channel !== 'event' && e.role !== 'group') s.liveAt = t;
    if ((live && e.channel !== 'event' && e.audience === 1) || e.depth === 'personal') s.personal = true;
    for (const id of e.coParticipants) addCommon(s, id);

    if (!isReply) {
      if (e.role === 'out' || e.role === 'mutual') {
        s.u3At = s.u2At;
        s.u2At = s.u1At;
        s.u1At = t;
        s.initUser += 1;
      }
      if (e.role === 'in' || e.role === 'mutual') {
        s.themInitAt = t;
        s.initThem += 1;
      }
    }

    if (live || (written && (e.role === 'in' || e.role === 'mutual'))) markTwoWay(s, t);
    if (live || e.role === 'in' || e.role === 'mutual') {
      s.pendingCount = 0;
      s.pendingLastAt = null;
    }
    if (written && e.role === 'out') foldUserMessage(s, e);
  }

  if (written && e.role === 'in' && e.reply !== null && e.reply.parentRole === 'out') foldTheirAnswer(s, e);
}

/**
 * A message of the user's that does not itself answer one of theirs waits for an answer (one
 * answering a message they were not in does too).
 */
function foldUserMessage(s: Summary, e: InteractionEvent): void {
  if (e.reply !== null && e.reply.parentRole !== 'out' && e.reply.parentRole !== null) return;
  s.respSent += 1;
  noteAwaited(s.respWaiting, e.at, e.reply?.parentRole === 'out' ? e.reply.parentAt : null);
  s.respRecent.push(e.at);
  if (s.respRecent.length > RECENT_AWAITED_KEEP) s.respRecent.shift();
  s.pendingCount++;
  s.pendingLastAt = e.at;
}

function foldTheirAnswer(s: Summary, e: InteractionEvent): void {
  const reply = e.reply;
  if (reply === null) return;
  s.replies++;
  if (!reply.firstAnswer) return;
  // the follow-ups of the message answered, and what it follows up, are answered with it
  const alsoAnswered = takeRun(s.respWaiting, reply.parentAt);
  creditAnswer(s, e, reply.parentAt);
  for (const at of alsoAnswered) creditAnswer(s, e, at);
  // the user's message became two-way when it was answered (its follow-ups are not more contact)
  markTwoWay(s, reply.parentAt);
}

/** Their answer `e` to the user's message sent at `sentAt`, in the responsiveness sums. */
function creditAnswer(s: Summary, e: InteractionEvent, sentAt: number): void {
  const young = s.respRecent.indexOf(sentAt);
  if (young >= 0) s.respRecent.splice(young, 1);
  const delay = Math.max(0, e.at - sentAt);
  // valued as of the message it answers, so the ratio to respSent stays consistent
  const f = decayFactor(delay, H_RESP);
  s.respAnswered += f;
  s.respScore += replyScore(e.channel, delay) * f;
  if (delay <= 24 * HOUR_MS) s.respWithin24h += f;
}

function markTwoWay(s: Summary, t: number): void {
  s.twoWay++;
  if (s.firstTwoWayAt === null || t < s.firstTwoWayAt) s.firstTwoWayAt = t;
  if (s.tw1At === null || t >= s.tw1At) {
    s.tw3At = s.tw2At;
    s.tw2At = s.tw1At;
    s.tw1At = t;
  } else if (s.tw2At === null || t >= s.tw2At) {
    s.tw3At = s.tw2At;
    s.tw2At = t;
  } else if (s.tw3At === null || t > s.tw3At) {
    s.tw3At = t;
  }
}

function addCommon(s: Summary, id: number): void {
  if (s.common.length >= STRUCTURAL_KEEP || s.common.includes(id)) return;
  s.common.push(id);
}

function foldExchange(s: Summary, e: ExchangeEvent): void {
  const t = e.at;
  if (s.firstContactAt === null) s.firstContactAt = t;
  if (e.direction === 'given') {
    s.givenCount++;
    s.given += 1;
    s.g2At = s.g1At;
    s.g1At = t;
    if (e.introducedPersonId !== null) addCommon(s, e.introducedPersonId);
  } else {
    s.receivedCount++;
    s.received += 1;
    s.receivedAt = t;
    if (e.category === 'access') s.receivedAccess = true;
    if (t <= s.firstContactAt + WINDOWS_DAYS.tooFast * DAY_MS) s.tooFastReceived++;
  }
}

/** Stage evidence accumulates: each rung is checked as events arrive and, once reached, kept. */
function climbStages(s: Summary, t: number): void {
  if (s.stage < STAGE_INDEX.acquainted && s.twoWay >= 1) {
    s.stage = STAGE_INDEX.acquainted;
    s.acquaintedAt = t;
  }
  if (s.stage === STAGE_INDEX.acquainted) {
    const from = t - WINDOWS_DAYS.engagedSpan * DAY_MS;
    // the summary keeps the three latest two-way times: the third is the threshold's evidence
    if (
      s.twoWay >= THRESHOLDS.engagedTwoWay &&
      s.tw3At !== null &&
      s.tw3At >= from &&
      s.themInitAt !== null &&
      s.themInitAt >= from &&
      s.u1At !== null &&
      s.u1At >= from
    ) {
      s.stage = STAGE_INDEX.engaged;
      s.engagedAt = t;
    }
  }
  if (s.stage === STAGE_INDEX.engaged) {
    const span = s.tw1At !== null && s.firstTwoWayAt !== null ? s.tw1At - s.firstTwoWayAt : 0;
    const depth = s.personal || s.givenCount + s.receivedCount > 0;
    if (span >= WINDOWS_DAYS.trustedSpan * DAY_MS && depth) {
      s.stage = STAGE_INDEX.trusted;
      s.trustedAt = t;
    }
  }
  if (s.stage === STAGE_INDEX.trusted && s.receivedAccess) {
    s.stage = STAGE_INDEX.advocate;
    s.advocateAt = t;
  }
}
