import { answerShare } from './classify.js';
import type { EvaluatedWithFlags } from './evaluate.js';
import type { Exchange, Need, Offer } from './records.js';
import { GOAL_PRIORITY, NO_GOAL_PRIORITY, NO_TIER_PRIORITY, TIER_PRIORITY, WINDOWS_DAYS } from './scoring-config.js';
import { STAGE_INDEX } from './stage.js';
import type { Summary } from './summary.js';
import { DAY_MS, describeSpan, formatDate } from './time.js';
import type { Action, Goal, Tier } from './vocabulary.js';

export interface FocusPerson {
  readonly id: number;
  readonly name: string;
  readonly tier: Tier | null;
  readonly goal: Goal | null;
  /** the effective cadence in days, or null for none */
  readonly cadenceDays: number | null;
  readonly wishlist: boolean;
  readonly summary: Summary;
  readonly evaluated: EvaluatedWithFlags;
}

export interface Celebration {
  readonly personId: number;
  readonly text: string;
  /** midnight UTC of the day it falls on */
  readonly on: number;
}

export interface NeedMatch {
  readonly need: Need;
  readonly offer: Offer;
  /** the shared words, as the need wrote them */
  readonly words: readonly string[];
  readonly score: number;
}

export interface FocusInputs {
  readonly now: number;
  readonly people: ReadonlyMap<number, FocusPerson>;
  readonly celebrations: readonly Celebration[];
  readonly matches: readonly NeedMatch[];
  readonly unacknowledged: readonly Exchange[];
  /** people with a next step open at `now` */
  readonly openSteps: ReadonlySet<number>;
}

export interface FocusItem {
  readonly personId: number;
  readonly name: string;
  readonly action: Action;
  readonly reason: string;
  /** 0..100 */
  readonly priority: number;
  readonly otherPersonId?: number;
}

/** The window in which a recent meeting or call asks for a next step, and how old a gift must be to follow up. */
export const FOCUS_WINDOWS = {
  agreeNextStepDays: 14,
  followUpAfterDays: 14,
  followUpUntilDays: 180,
  celebrateBeforeDays: 2,
  celebrateAfterDays: 7,
} as const;

/** How much a relationship matters to the user's goals: tier × goal, in [0.25, 1]. */
export function importance(p: Pick<FocusPerson, 'tier' | 'goal'>): number {
  const tier = p.tier === null ? NO_TIER_PRIORITY : TIER_PRIORITY[p.tier];
  const goal = p.goal === null ? NO_GOAL_PRIORITY : GOAL_PRIORITY[p.goal];
  return tier * goal;
}

const pct = (x: number) => Math.round(Math.max(0, Math.min(100, x)));
const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;

/** Every action worth taking today, highest priority first. */
export function buildFocusList(inputs: FocusInputs): FocusItem[] {
  const items: FocusItem[] = [];
  for (const p of inputs.people.values()) {
    const checkIn = checkInFor(p, inputs.now);
    if (checkIn) items.push(checkIn);
    const step = agreeNextStepFor(p, inputs);
    if (step) items.push(step);
    const other = reconnectFor(p, inputs.now) ?? rebalanceFor(p, inputs.now);
    if (other) items.push(other);
  }
  items.push(...celebrations(inputs), ...followUps(inputs), ...valueMatches(inputs));
  return items.sort(
    (a, b) => b.priority - a.priority || a.name.localeCompare(b.name) || a.action.localeCompare(b.action),
  );
}

function checkInFor(p: FocusPerson, now: number): FocusItem | undefined {
  if (p.cadenceDays === null || p.evaluated.class === 'one-sided') return undefined;
  const last = p.summary.m1At;
  const since = last === null ? Number.POSITIVE_INFINITY : (now - last) / DAY_MS;
  if (since <= p.cadenceDays) return undefined;
  const overdue = since - p.cadenceDays;
  const urgency = 0.5 + 0.5 * Math.min(1, overdue / p.cadenceDays);
  const cadence = `${p.tier ? `${p.tier} cadence` : 'cadence'} is ${p.cadenceDays} days`;
  const reason =
    last === null
      ? `no contact yet and your ${cadence}: reach out with something useful to them`
      : `last contact ${describeSpan(now - last)} ago (${formatDate(last)}); your ${cadence}, so ${Math.round(overdue)} days overdue: check in, share an insight or ask how things are going`;
  return { personId: p.id, name: p.name, action: 'check-in', reason, priority: pct(100 * importance(p) * urgency) };
}

function agreeNextStepFor(p: FocusPerson, inputs: FocusInputs): FocusItem | undefined {
  const live = p.summary.liveAt;
  if (live === null || inputs.openSteps.has(p.id) || p.evaluated.class === 'one-sided') return undefined;
  const age = (inputs.now - live) / DAY_MS;
  if (age > FOCUS_WINDOWS.agreeNextStepDays || age < 0) return undefined;
  const urgency = 0.95 - (0.35 * age) / FOCUS_WINDOWS.agreeNextStepDays;
  // today is the date shown beside it (UTC), not the last 24 hours: a meeting late yesterday is 9 hours ago
  const when =
    Math.floor(live / DAY_MS) === Math.floor(inputs.now / DAY_MS) ? 'today' : `${describeSpan(inputs.now - live)} ago`;
  return {
    personId: p.id,
    name: p.name,
    action: 'agree-next-step',
    reason: `you met or spoke ${when} (${formatDate(live)}) and no next step is agreed: propose one that serves them`,
    priority: pct(100 * Math.max(0.5, importance(p)) * urgency),
  };
}

function reconnectFor(p: FocusPerson, now: number): FocusItem | undefined {
  const e = p.evaluated;
  const reached = STAGE_INDEX[e.stageInferred];
  if (e.class !== 'dormant' || (reached < STAGE_INDEX.engaged && p.tier === null && p.goal === null)) return undefined;
  const last = p.summary.m1At;
  if (last === null) return undefined;
  const urgency = 0.3 + 0.1 * reached;
  return {
    personId: p.id,
    name: p.name,
    action: 'reconnect',
    reason: `once ${e.stageInferred}, silent for ${describeSpan(now - last)} (last ${formatDate(last)}): revive it with news or a question that matters to them`,
    priority: pct(100 * importance(p) * urgency),
  };
}

function rebalanceFor(p: FocusPerson, now: number): FocusItem | undefined {
  if (p.evaluated.class !== 'one-sided') return undefined;
  const s = p.summary;
  // the share the class was decided on
  const share = Math.round(100 * answerShare(s, now));
  const gave = s.givenCount > 0 ? ` and gave value ${s.givenCount} ${s.givenCount === 1 ? 'time' : 'times'}` : '';
  return {
    personId: p.id,
    name: p.name,
    action: 'rebalance',
    reason: `you keep reaching out${gave}; in ${WINDOWS_DAYS.classWindow} days they started nothing and answered ${share}% of your messages: pause, or ask plainly what would be useful to them`,
    priority: pct(100 * importance(p) * 0.55),
  };
}

function celebrations(inputs: FocusInputs): FocusItem[] {
  const items: FocusItem[] = [];
  for (const c of inputs.celebrations) {
    const p = inputs.people.get(c.personId);
    if (!p) continue;
    const days = Math.round((c.on - Math.floor(inputs.now / DAY_MS) * DAY_MS) / DAY_MS);
    const when =
      days === 0
        ? 'today'
        : days > 0
          ? `in ${days} ${days === 1 ? 'day' : 'days'}`
          : `${-days} ${days === -1 ? 'day' : 'days'} ago`;
    const urgency = days === 0 ? 1 : days > 0 ? 0.95 - 0.05 * days : 0.75 + 0.05 * days;
    items.push({
      personId: p.id,
      name: p.name,
      action: 'celebrate',
      reason: `${c.text} ${when} (${formatDate(c.on)}): a personal note counts`,
      priority: pct(100 * Math.max(0.5, importance(p)) * urgency),
    });
  }
  return items;
}

function followUps(inputs: FocusInputs): FocusItem[] {
  const items: FocusItem[] = [];
  const seen = new Set<number>();
  for (const x of inputs.unacknowledged) {
    const p = inputs.people.get(x.personId);
    const age = (inputs.now - x.at) / DAY_MS;
    if (!p || seen.has(p.id) || age < FOCUS_WINDOWS.followUpAfterDays || age > FOCUS_WINDOWS.followUpUntilDays)
      continue;
    seen.add(p.id);
    const impact = x.impact ? ` (the impact you hoped for: ${x.impact})` : '';
    items.push({
      personId: p.id,
      name: p.name,
      action: 'follow-up-impact',
      reason: `you gave ${x.category} ${describeSpan(inputs.now - x.at)} ago (${formatDate(x.at)}), ${quote(x.note)}${impact}, and they have not acknowledged it: ask how it turned out`,
      priority: pct(100 * importance(p) * (0.7 - (0.2 * age) / FOCUS_WINDOWS.followUpUntilDays)),
    });
  }
  return items;
}

/** offer-value (the user's offer meets a need) and introduce (another person's offer meets it). */
function valueMatches(inputs: FocusInputs): FocusItem[] {
  const best = new Map<string, NeedMatch>();
  for (const m of inputs.matches) {
    const own = m.offer.personId === null;
    if (!own) {
      const other = inputs.people.get(m.offer.personId ?? -1);
      if (!other || STAGE_INDEX[other.evaluated.stage] < STAGE_INDEX.acquainted) continue;
    }
    const key = `${m.need.id}:${own ? 'own' : 'other'}`;
    const current = best.get(key);
    if (!current || m.score > current.score) best.set(key, m);
  }
  const items: FocusItem[] = [];
  for (const m of best.values()) {
    const p = inputs.people.get(m.need.personId);
    if (!p) continue;
    const unmet = m.need.unmet ? ' (not met by others)' : '';
    const matched = `matched: ${m.words.join(', ')}`;
    const strength = Math.min(1, m.score / 3);
    if (m.offer.personId === null) {
      items.push({
        personId: p.id,
        name: p.name,
        action: 'offer-value',
        reason: `needs ${quote(m.need.text)}${unmet}; you offer ${quote(m.offer.text)} (${matched})`,
        priority: pct(100 * importance(p) * (0.55 + (m.need.unmet ? 0.25 : 0) + 0.2 * strength)),
      });
    } else {
      const other = inputs.people.get(m.offer.personId);
      if (!other) continue;
      items.push({
        personId: p.id,
        name: p.name,
        action: 'introduce',
        reason: `needs ${quote(m.need.text)}${unmet}; ${other.name} offers ${quote(m.offer.text)} (${matched}): introduce them`,
        priority: pct(
          100 * (0.7 * importance(p) + 0.3 * importance(other)) * (0.5 + (m.need.unmet ? 0.2 : 0) + 0.2 * strength),
        ),
        otherPersonId: other.id,
      });
    }
  }
  return items;
}
