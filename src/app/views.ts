import type { FocusItem } from '../domain/focus.js';
import type { Portfolio } from '../domain/portfolio.js';
import type { Exchange, Interaction, Milestone, Need, NextStep, Offer } from '../domain/records.js';
import { formatInstant } from '../domain/time.js';
import type { EvaluatedPerson } from './evaluation.js';
import type { Removed } from './remove.js';
import type { PersonDetail } from './show-person.js';

/**
 * The JSON shapes of the CLI contract (DESIGN.md), shared with the HTTP API. Fields may be
 * added; the contract's names never change. Times are ISO 8601 UTC.
 */
const iso = (t: number | null) => (t === null ? null : formatInstant(t));

export function personRowView(e: EvaluatedPerson) {
  const p = e.person;
  return {
    id: p.id,
    name: p.name,
    emails: p.emails,
    org: p.org,
    title: p.title,
    strength: e.evaluated.strength,
    class: e.evaluated.class,
    stage: e.evaluated.stage,
    lastInteractionAt: iso(e.summary.lastAt),
    /** the last meaningful interaction (bulk mail and likes are not contact): what `today` calls last contact */
    lastContactAt: iso(e.summary.m1At),
    tier: p.tier,
    goal: p.goal,
    notEnoughData: e.evaluated.notEnoughData,
  };
}

export function showView(d: PersonDetail) {
  const p = d.person;
  const e = d.evaluated;
  return {
    id: p.id,
    name: p.name,
    emails: p.emails,
    org: p.org,
    title: p.title,
    strength: e.strength,
    class: e.class,
    stage: e.stage,
    components: e.components.map((c) => ({
      key: c.key,
      value: c.value,
      weight: c.weight,
      contribution: c.contribution,
      evidence: c.evidence,
    })),
    flags: e.flags,
    stats: {
      interactions: d.stats.interactions,
      inbound: d.stats.inbound,
      outbound: d.stats.outbound,
      mutual: d.stats.mutual,
      firstInteractionAt: iso(d.stats.firstInteractionAt),
      lastInteractionAt: iso(d.stats.lastInteractionAt),
      replies: d.stats.replies,
      replyLatencyMedianHours: d.stats.replyLatencyMedianHours,
      repliedWithin24hShare: d.stats.repliedWithin24hShare,
      // beyond the contract: of replies, those to mail the user sent to more than 10 people
      repliesToBulk: d.stats.repliesToBulk,
    },
    nextStep: d.nextStep ? nextStepView(d.nextStep) : null,
    needs: d.needs.map(needView),
    exchanges: d.exchanges.map(exchangeView),
    // beyond the contract
    phones: p.phones,
    linkedin: p.linkedin,
    tags: p.tags,
    met: p.met,
    birthday: p.birthday,
    notes: p.notes,
    wishlist: p.wishlist,
    tier: p.tier,
    goal: p.goal,
    cadenceDays: d.cadenceDays,
    stageInferred: e.stageInferred,
    stageOverridden: e.stageOverridden,
    classReason: d.classReason,
    // false on a past day replayed before they joined the network (joinedLater says how, and when)
    inNetwork: d.joinedLater === undefined,
    joinedLater: d.joinedLater ?? null,
    notEnoughData: e.notEnoughData,
    twoWayInteractions: e.twoWay,
    strengthBefore: d.strengthBefore,
    trend: d.trend.map((t) => ({ at: iso(t.at), strength: t.strength })),
    layer: d.layer,
    nextSteps: d.nextSteps.map(nextStepView),
    offers: d.offers.map(offerView),
    milestones: d.milestones.map(milestoneView),
    // role: the person's part in it (out: the user's to them; in: theirs to the user; group: another's
    // message to the user they were among the recipients of; mutual: together)
    recentInteractions: d.recent.map((i) => ({ ...interactionView(i), role: i.role })),
  };
}

export function nextStepView(s: NextStep) {
  return {
    id: s.id,
    personId: s.personId,
    text: s.text,
    why: s.why,
    due: iso(s.due),
    status: s.status,
    doneAt: iso(s.doneAt),
  };
}

export function needView(n: Need) {
  return {
    id: n.id,
    personId: n.personId,
    text: n.text,
    unmet: n.unmet,
    status: n.status,
    createdAt: iso(n.createdAt),
  };
}

export function offerView(o: Offer) {
  return { id: o.id, personId: o.personId, text: o.text, category: o.category, tags: o.tags };
}

export function exchangeView(x: Exchange) {
  return {
    id: x.id,
    personId: x.personId,
    direction: x.direction,
    category: x.category,
    note: x.note,
    impact: x.impact,
    acknowledged: x.acknowledgedAt !== null,
    acknowledgedAt: iso(x.acknowledgedAt),
    at: iso(x.at),
    introducedPersonId: x.introducedPersonId,
  };
}

export function milestoneView(m: Milestone) {
  return { id: m.id, personId: m.personId, text: m.text, on: m.on, yearly: m.yearly };
}

export function interactionView(i: Interaction) {
  return {
    id: i.id,
    at: iso(i.at),
    channel: i.channel,
    direction: i.direction,
    depth: i.depth,
    people: i.participantIds,
    minutes: i.minutes,
    note: i.note,
    source: i.source,
    externalId: i.externalId,
    replyToId: i.replyToId,
  };
}

export function todayView(item: FocusItem) {
  return {
    personId: item.personId,
    name: item.name,
    action: item.action,
    reason: item.reason,
    priority: item.priority,
    ...(item.otherPersonId !== undefined ? { otherPersonId: item.otherPersonId } : {}),
  };
}

export function portfolioView(p: Portfolio) {
  return {
    people: p.people,
    byClass: p.byClass,
    byStage: p.byStage,
    byTier: p.byTier,
    strengthBands: p.strengthBands,
    notEnoughData: p.notEnoughData,
    wishlist: p.wishlist,
  };
}

/** What `remove` took away: its kind and the record as its own view shows it. */
export function removedView(r: Removed) {
  switch (r.kind) {
    case 'interaction':
      return { kind: r.kind, removed: interactionView(r.record) };
    case 'exchange':
      return { kind: r.kind, removed: exchangeView(r.record) };
    case 'need':
      return { kind: r.kind, removed: needView(r.record) };
    case 'offer':
      return { kind: r.kind, removed: offerView(r.record) };
    case 'step':
      return { kind: r.kind, removed: nextStepView(r.record) };
    case 'milestone':
      return { kind: r.kind, removed: milestoneView(r.record) };
  }
}
