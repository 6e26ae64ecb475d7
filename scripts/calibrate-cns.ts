/**
 * Calibrates the strength score on real data: the Copenhagen Networks Study (Sapiezynski et al.
 * 2019), 28 days of calls and SMS among students. Question asked of the score: ranking every pair
 * in contact in days 0–14 by its strength as of day 14, how well does it predict that the pair is
 * in contact again in days 14–28 (tie persistence)? Measured as an AUC (ties count half) and
 * compared with the plain interaction count, the data set's own baseline (README: AUC 0.758).
 *
 * Run: npm run calibrate [-- <data folder>]. The data stay where they are (never copied into the project).
 * The run exits non-zero when the data do not reproduce the README's figures or strength ranks below
 * the count. Result with the scoring-config defaults: strength 0.766 against the count's 0.758,
 * so the defaults stand (the what-ifs table shows how little the nearby choices move it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentValues, intensityLevels } from '../src/domain/components.js';
import { decayFactor } from '../src/domain/decay.js';
import { strengthOf } from '../src/domain/evaluate.js';
import { foldAll } from '../src/domain/fold.js';
import type { FoldEvent, InteractionEvent } from '../src/domain/fold-event.js';
import {
  CHANNEL_WEIGHTS,
  COMPONENT_KEYS,
  COMPONENT_WEIGHTS,
  type ComponentKey,
  HALF_LIFE_DAYS,
  INTENSITY_SCALE,
} from '../src/domain/scoring-config.js';
import type { Summary } from '../src/domain/summary.js';
import { DAY_MS, formatInstant, HOUR_MS } from '../src/domain/time.js';
import type { Depth, Role } from '../src/domain/vocabulary.js';
import { sharedPath } from '../test/shared-data.js';

/** `../shared/data/copenhagen-cns` beside the checkout, or under RAPPORT_SHARED_DATA. */
export const CNS_DIR = sharedPath('copenhagen-cns');

/** Study second 0 as an instant: any fixed date would do, only differences matter. */
export const BASE = Date.UTC(2026, 0, 5);
export const SPLIT_DAY = 14;
const SPLIT_S = SPLIT_DAY * 86_400;
/** Scores are taken as of day 14: only the first half of the study is folded. */
export const NOW = BASE + SPLIT_DAY * DAY_MS;
/** An SMS answers the other side's previous SMS when it comes within this delay. */
export const REPLY_WINDOW_MS = HOUR_MS;

export interface Call {
  readonly t: number;
  readonly caller: number;
  readonly callee: number;
  /** seconds; -1 = missed */
  readonly duration: number;
}
export interface Sms {
  readonly t: number;
  readonly sender: number;
  readonly recipient: number;
}

/**
 * Reads a numeric CSV by splitting lines and commas. These files hold only integers, with no
 * quoting and no embedded commas, so a CSV parser (csv-parse is not a dependency) buys nothing
 * here; anything that is not an integer row of the expected width is an error, not skipped.
 */
export function readIntegerCsv(path: string, width: number): number[][] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const rows: number[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    const row = line.split(',').map(Number);
    if (row.length !== width || !row.every(Number.isInteger))
      throw new Error(`${path}:${i + 1}: not ${width} integers`);
    rows.push(row);
  }
  return rows;
}

export function readCns(dir: string): { calls: Call[]; sms: Sms[] } {
  const calls = readIntegerCsv(join(dir, 'calls.csv'), 4).map(([t = 0, caller = 0, callee = 0, duration = 0]) => ({
    t,
    caller,
    callee,
    duration,
  }));
  const sms = readIntegerCsv(join(dir, 'sms.csv'), 3).map(([t = 0, sender = 0, recipient = 0]) => ({
    t,
    sender,
    recipient,
  }));
  return { calls, sms };
}

export function hasCns(dir: string): boolean {
  return existsSync(join(dir, 'calls.csv')) && existsSync(join(dir, 'sms.csv'));
}

/**
 * How calls become fold events. `answered` (duration > 0) is always a substantive 1:1 call.
 * - `zero`: duration 0 (580 of 3,600). The README counts them as answered ("calls answered or SMS"),
 *   so they always count for the pair set, the label and the plain count. For the score they are
 *   calls too by default (the call connected; the domain weighs no call by its length); the
 *   what-ifs below score them as transactional calls or drop them (AUC 0.765 and 0.760).
 * - `missed`: duration -1 (366). An attempt, not an interaction: nothing was exchanged and the
 *   domain has no "attempt" event, so by default they are dropped; the variant `message` keeps
 *   them as an unanswered written attempt by the caller.
 */
export interface CallPolicy {
  readonly zero: 'call' | 'transactional' | 'drop';
  readonly missed: 'drop' | 'message';
}
export const DEFAULT_POLICY: CallPolicy = { zero: 'call', missed: 'drop' };

export interface Dyad {
  /** the lower user id: "the user" */
  readonly user: number;
  /** the higher one: the person */
  readonly person: number;
  /** the relationship from the user's side, days 0–14 */
  readonly events: FoldEvent[];
  /** answered calls (duration ≥ 0) and SMS in days 0–14: the README's plain count */
  count: number;
  /** study second of the latest contact before day 14 */
  lastT: number;
  /** the same contacts decayed with a 7-day half-life to day 14 (README: AUC 0.745) */
  decayed7: number;
  /** in contact again (answered call or SMS) in days 14–28 */
  again: boolean;
}

const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
const at = (t: number) => BASE + t * 1000;

function call(seq: number, t: number, role: Role, depth: Depth): InteractionEvent {
  return {
    kind: 'interaction',
    seq,
    at: at(t),
    channel: 'call',
    role,
    depth,
    audience: 1,
    reply: null,
    coParticipants: [],
  };
}

/** Builds every pair with an answered call or SMS in days 0–14, with its events from the lower id's side. */
export function buildDyads(calls: readonly Call[], sms: readonly Sms[], policy: CallPolicy = DEFAULT_POLICY): Dyad[] {
  const dyads = new Map<string, Dyad>();
  const contacts: { t: number; a: number; b: number }[] = [
    ...calls.filter((c) => c.duration >= 0).map((c) => ({ t: c.t, a: c.caller, b: c.callee })),
    ...sms.map((m) => ({ t: m.t, a: m.sender, b: m.recipient })),
  ];
  for (const c of contacts) {
    if (c.t >= SPLIT_S || c.a === c.b) continue;
    const k = key(c.a, c.b);
    let d = dyads.get(k);
    if (!d) {
      d = {
        user: Math.min(c.a, c.b),
        person: Math.max(c.a, c.b),
        events: [],
        count: 0,
        lastT: c.t,
        decayed7: 0,
        again: false,
      };
      dyads.set(k, d);
    }
    d.count++;
    d.lastT = Math.max(d.lastT, c.t);
    d.decayed7 += 2 ** (-(SPLIT_S - c.t) / (7 * 86_400));
  }
  for (const c of contacts) {
    const d = c.t >= SPLIT_S ? dyads.get(key(c.a, c.b)) : undefined;
    if (d) d.again = true;
  }

  calls.forEach((c, i) => {
    const d = c.t < SPLIT_S ? dyads.get(key(c.caller, c.callee)) : undefined;
    if (!d) return;
    const role: Role = c.caller === d.user ? 'out' : 'in';
    if (c.duration > 0) d.events.push(call(i, c.t, role, 'substantive'));
    else if (c.duration === 0 && policy.zero !== 'drop')
      d.events.push(call(i, c.t, role, policy.zero === 'call' ? 'substantive' : 'transactional'));
    else if (c.duration < 0 && policy.missed === 'message')
      d.events.push({ ...call(i, c.t, role, 'substantive'), channel: 'message' });
  });

  // SMS, in time order per pair: a message answers the other side's latest message when it comes
  // within the reply window; only the first answer to a message is its firstAnswer
  const last = new Map<string, { at: number; role: Role; answered: boolean }>();
  const ordered = sms.map((m, i) => ({ m, seq: calls.length + i })).sort((x, y) => x.m.t - y.m.t || x.seq - y.seq);
  for (const { m, seq } of ordered) {
    const d = m.t < SPLIT_S ? dyads.get(key(m.sender, m.recipient)) : undefined;
    if (!d) continue;
    const role: Role = m.sender === d.user ? 'out' : 'in';
    const other = last.get(`${d.user}-${d.person}-${role === 'out' ? 'in' : 'out'}`);
    let reply: InteractionEvent['reply'] = null;
    if (other && at(m.t) - other.at <= REPLY_WINDOW_MS) {
      reply = { parentAt: other.at, parentRole: other.role, firstAnswer: !other.answered };
      other.answered = true;
    }
    d.events.push({
      kind: 'interaction',
      seq,
      at: at(m.t),
      channel: 'message',
      role,
      depth: 'substantive',
      audience: 1,
      reply,
      coParticipants: [],
    });
    last.set(`${d.user}-${d.person}-${role}`, { at: at(m.t), role, answered: false });
  }
  return [...dyads.values()];
}

/**
 * Area under the ROC curve of `score` for the positives: the chance that a random positive
 * outranks a random negative, ties counting half (Mann–Whitney with mid-ranks).
 */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => ({ s, p: positive[i] === true })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]?.s === order[i]?.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.p) {
        rankSum += midRank;
        pos++;
      }
    }
    i = j;
  }
  const neg = order.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Scored {
  readonly dyad: Dyad;
  readonly summary: Summary;
  readonly strength: number;
  readonly components: Record<ComponentKey, number>;
  /** intensity levels of the calls alone and of the SMS alone (the levels are linear in the weights) */
  readonly callLevels: { short: number; long: number };
  readonly messageLevels: { short: number; long: number };
}

export function scoreDyads(dyads: readonly Dyad[]): Scored[] {
  return dyads.map((dyad) => {
    const summary = foldAll(dyad.events);
    const components = Object.fromEntries(componentValues(summary, NOW).map((c) => [c.key, c.value])) as Record<
      ComponentKey,
      number
    >;
    const only = (channel: string) =>
      intensityLevels(foldAll(dyad.events.filter((e) => e.kind === 'interaction' && e.channel === channel)), NOW);
    return {
      dyad,
      summary,
      strength: strengthOf(summary, NOW),
      components,
      callLevels: only('call'),
      messageLevels: only('message'),
    };
  });
}

/**
 * A what-if: strength recomputed from the domain's component values with some defaults changed,
 * to explore the scoring-config without editing it. Empty overrides give strengthOf exactly.
 */
export interface Variant {
  readonly name: string;
  readonly policy?: CallPolicy;
  readonly weights?: Record<ComponentKey, number>;
  readonly intensityScale?: number;
  /** channel weight of a message (SMS); the default is CHANNEL_WEIGHTS.message */
  readonly messageWeight?: number;
  readonly recencyHalfLifeDays?: number;
}

export function variantStrength(s: Scored, v: Variant): number {
  const values = { ...s.components };
  if (v.intensityScale !== undefined || v.messageWeight !== undefined) {
    const f = (v.messageWeight ?? CHANNEL_WEIGHTS.message) / CHANNEL_WEIGHTS.message;
    const short = s.callLevels.short + f * s.messageLevels.short;
    const long = s.callLevels.long + f * s.messageLevels.long;
    values.intensity = 1 - 2 ** (-(0.5 * short + 0.5 * long) / (v.intensityScale ?? INTENSITY_SCALE));
  }
  if (v.recencyHalfLifeDays !== undefined && s.summary.tw1At !== null)
    values.recency = decayFactor(NOW - s.summary.tw1At, v.recencyHalfLifeDays * DAY_MS);
  const w = v.weights ?? COMPONENT_WEIGHTS;
  let sum = 0;
  for (const k of COMPONENT_KEYS) sum += 100 * w[k] * Math.min(1, Math.max(0, values[k]));
  return Math.min(100, Math.max(0, sum));
}

export interface AucRow {
  readonly name: string;
  readonly auc: number;
  readonly note: string;
}

export interface Calibration {
  readonly calls: number;
  readonly sms: number;
  readonly pairs: number;
  readonly again: number;
  readonly countAuc: number;
  readonly strengthAuc: number;
  readonly rows: AucRow[];
  readonly variants: AucRow[];
}

const W = COMPONENT_WEIGHTS;
/** What-ifs tried against the defaults (each changes one thing; weights always sum to 1). */
export const VARIANTS: readonly (Variant & { readonly note: string })[] = [
  { name: 'defaults, recomputed', note: 'must equal strength: checks the what-if arithmetic' },
  { name: '0-s calls transactional', policy: { zero: 'transactional', missed: 'drop' }, note: 'call weight 1' },
  { name: '0-s calls dropped', policy: { zero: 'drop', missed: 'drop' }, note: 'still in the pair set and label' },
  { name: 'missed calls as messages', policy: { zero: 'call', missed: 'message' }, note: 'an unanswered attempt' },
  { name: 'message weight 0.1', messageWeight: 0.1, note: `default ${CHANNEL_WEIGHTS.message}` },
  { name: 'message weight 1', messageWeight: 1, note: 'as much as a 1:1 email' },
  { name: 'message weight 2', messageWeight: 2, note: 'as much as a call: every contact counts the same' },
  { name: 'INTENSITY_SCALE 0.25', intensityScale: 0.25, note: 'saturates 4× sooner' },
  { name: 'INTENSITY_SCALE 0.5', intensityScale: 0.5, note: `default ${INTENSITY_SCALE}` },
  { name: 'INTENSITY_SCALE 2', intensityScale: 2, note: 'saturates later' },
  { name: 'recency half-life 7 d', recencyHalfLifeDays: 7, note: `default ${HALF_LIFE_DAYS.recency} d` },
  { name: 'recency half-life 90 d', recencyHalfLifeDays: 90, note: 'nearly flat over 14 days' },
  {
    name: 'recency 0.15, intensity 0.35',
    weights: { ...W, recency: 0.15, intensity: 0.35 },
    note: 'weight moved from recency to intensity',
  },
  {
    name: 'recency 0.35, intensity 0.15',
    weights: { ...W, recency: 0.35, intensity: 0.15 },
    note: 'weight moved from intensity to recency',
  },
  {
    name: 'duration 0.25, reciprocity 0.05',
    weights: { ...W, duration: 0.25, reciprocity: 0.05 },
    note: 'weight moved from reciprocity to duration',
  },
  {
    name: 'no responsiveness',
    weights: { ...W, responsiveness: 0, reciprocity: W.reciprocity + W.responsiveness },
    note: 'its 0.05 moved to reciprocity',
  },
];

/** The calibration: reads the files, reproduces the README's figures, scores every pair. */
export function calibrate(dir: string = CNS_DIR, variants = VARIANTS): Calibration {
  const { calls, sms } = readCns(dir);
  const byPolicy = new Map<CallPolicy, { dyads: Dyad[]; scored: Scored[] }>();
  const run = (policy: CallPolicy) => {
    let r = byPolicy.get(policy);
    if (!r) {
      const dyads = buildDyads(calls, sms, policy);
      r = { dyads, scored: scoreDyads(dyads) };
      byPolicy.set(policy, r);
    }
    return r;
  };
  const { dyads, scored } = run(DEFAULT_POLICY);
  const label = dyads.map((d) => d.again);
  const of = (f: (s: Scored) => number, list = scored) =>
    auc(
      list.map(f),
      list.map((s) => s.dyad.again),
    );
  const countAuc = of((s) => s.dyad.count);
  const strengthAuc = of((s) => s.strength);
  const rows: AucRow[] = [
    { name: 'strength', auc: strengthAuc, note: 'strengthOf as of day 14, scoring-config defaults' },
    { name: 'plain count', auc: countAuc, note: 'answered calls + SMS in days 0–14 (README 0.758)' },
    { name: '7-day decayed count', auc: of((s) => s.dyad.decayed7), note: 'README 0.745' },
    { name: 'days since last contact', auc: of((s) => s.dyad.lastT), note: 'more recent ranks higher (README 0.625)' },
    ...COMPONENT_KEYS.map((k) => ({
      name: k,
      auc: of((s) => s.components[k]),
      note: `component alone (weight ${COMPONENT_WEIGHTS[k]})`,
    })),
  ];
  const variantRows = variants.map((v) => ({
    name: v.name,
    auc: of((s) => variantStrength(s, v), run(v.policy ?? DEFAULT_POLICY).scored),
    note: v.note,
  }));
  return {
    calls: calls.length,
    sms: sms.length,
    pairs: dyads.length,
    again: label.filter(Boolean).length,
    countAuc,
    strengthAuc,
    rows,
    variants: variantRows,
  };
}

/** The README's figures; the script refuses to report on data that does not reproduce them. */
export const EXPECTED = { pairs: 649, again: 405, countAuc: 0.758 } as const;

export function checkFigures(c: Calibration): string[] {
  const problems: string[] = [];
  if (c.pairs !== EXPECTED.pairs) problems.push(`pairs ${c.pairs}, expected ${EXPECTED.pairs}`);
  if (c.again !== EXPECTED.again) problems.push(`in contact again ${c.again}, expected ${EXPECTED.again}`);
  if (c.countAuc.toFixed(3) !== EXPECTED.countAuc.toFixed(3))
    problems.push(`count AUC ${c.countAuc.toFixed(4)}, expected ${EXPECTED.countAuc}`);
  return problems;
}

export function formatTable(rows: readonly AucRow[]): string {
  const lines = ['| ranking by | AUC | note |', '|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.auc.toFixed(3)} | ${r.note} |`);
  return lines.join('\n');
}

function main(): void {
  const dir = process.argv[2] ?? CNS_DIR;
  if (!hasCns(dir)) {
    console.error(`no calls.csv and sms.csv in ${dir}`);
    process.exit(2);
  }
  const c = calibrate(dir);
  const problems = checkFigures(c);
  if (problems.length > 0) {
    console.error(`the data do not reproduce the README's figures: ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log(
    `Copenhagen Networks Study: ${c.calls} calls, ${c.sms} SMS; scored as of day ${SPLIT_DAY} (${formatInstant(NOW)})`,
  );
  console.log(`${c.pairs} pairs in contact in days 0–14; ${c.again} in contact again in days 14–28`);
  console.log('');
  console.log(formatTable(c.rows));
  console.log('');
  console.log('What-ifs (strength recomputed with one default changed):');
  console.log('');
  console.log(formatTable(c.variants));
  console.log('');
  const verdict = c.strengthAuc >= c.countAuc ? 'at or above' : 'BELOW';
  console.log(`strength ${c.strengthAuc.toFixed(3)} is ${verdict} the plain count ${c.countAuc.toFixed(3)}`);
  if (c.strengthAuc < c.countAuc) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
