import {
  durationValue,
  intensityValue,
  recencyValue,
  reciprocityValue,
  responsivenessValue,
  servicesValue,
  structuralValue,
} from '../domain/components.js';
import { COMPONENT_WEIGHTS, HALF_LIFE_DAYS } from '../domain/scoring-config.js';
import { emptySummary, type Summary } from '../domain/summary.js';
import { DAY_MS } from '../domain/time.js';
import { readAwaited, readIds } from './json-column.js';
import type { SummaryTable } from './schema.js';

/** Summary fields stored as nullable times. */
const TIME_FIELDS = [
  'asOf',
  'firstAt',
  'lastAt',
  'firstContactAt',
  'm1At',
  'm2At',
  'm3At',
  'firstTwoWayAt',
  'tw1At',
  'tw2At',
  'tw3At',
  'themInitAt',
  'u1At',
  'u2At',
  'u3At',
  'deepAt',
  'liveAt',
  'inboundAt',
  'g1At',
  'g2At',
  'receivedAt',
  'pendingLastAt',
  'acquaintedAt',
  'engagedAt',
  'trustedAt',
  'advocateAt',
] as const satisfies readonly (keyof Summary)[];

/** Summary fields stored as plain numbers. */
const NUMBER_FIELDS = [
  'asOfSeq',
  'interactions',
  'inbound',
  'outbound',
  'mutual',
  'meaningful',
  'twoWay',
  'int30',
  'int180',
  'initThem',
  'initUser',
  'given',
  'received',
  'givenCount',
  'receivedCount',
  'tooFastReceived',
  'respSent',
  'respAnswered',
  'respScore',
  'respWithin24h',
  'replies',
  'pendingCount',
  'stage',
] as const satisfies readonly (keyof Summary)[];

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof SummaryTable;

/** Column names in a fixed order, for prepared statements. */
export const SUMMARY_COLUMNS: (keyof SummaryTable)[] = [
  'workspace_id',
  'person_id',
  ...TIME_FIELDS.map(column),
  ...NUMBER_FIELDS.map(column),
  'as_of_kind',
  'received_access',
  'personal',
  'common_ids',
  'common_count',
  'resp_recent',
  'resp_waiting',
  'intensity_key',
  'strength_key',
];

const H180 = HALF_LIFE_DAYS.intensityLong * DAY_MS;

/**
 * Orders relationships by long-run intensity at any moment after both their last events:
 * log2(I₁₈₀) + asOf/h, since every decayed sum falls at the same rate.
 */
export function intensityKey(s: Summary): number | null {
  return s.asOf === null || s.int180 <= 0 ? null : Math.log2(s.int180) + s.asOf / H180;
}

/**
 * The strength as of the last event (0 with none), unrounded: an upper bound of the strength at
 * any later moment with no new event, since recency, intensity and services only decay then,
 * responsiveness only falls (a message of the user's under a day old counts once it is a day old)
 * and the other components do not change. The components' values without their evidence sentences,
 * weighed as rawStrength does (src/store/strength-key.test.ts checks it equals strengthOf).
 */
export function strengthKey(s: Summary): number {
  if (s.asOf === null) return 0;
  const t = s.asOf;
  const w = COMPONENT_WEIGHTS;
  const sum =
    100 *
    (w.recency * clamp01(recencyValue(s, t)) +
      w.intensity * clamp01(intensityValue(s, t)) +
      w.duration * clamp01(durationValue(s)) +
      w.reciprocity * clamp01(reciprocityValue(s)) +
      w.services * clamp01(servicesValue(s, t)) +
      w.responsiveness * clamp01(responsivenessValue(s, t)) +
      w.structural * clamp01(structuralValue(s)));
  return Math.min(100, Math.max(0, sum));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export function summaryToValues(workspaceId: number, personId: number, s: Summary): unknown[] {
  const values: unknown[] = [workspaceId, personId];
  for (const f of TIME_FIELDS) values.push(s[f]);
  for (const f of NUMBER_FIELDS) values.push(s[f]);
  values.push(s.asOfKind, s.receivedAccess ? 1 : 0, s.personal ? 1 : 0, JSON.stringify(s.common), s.common.length);
  values.push(JSON.stringify(s.respRecent), JSON.stringify(s.respWaiting));
  values.push(intensityKey(s), strengthKey(s));
  return values;
}

export function summaryToRow(workspaceId: number, personId: number, s: Summary): SummaryTable {
  const values = summaryToValues(workspaceId, personId, s);
  return Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [c, values[i]])) as unknown as SummaryTable;
}

export function rowToSummary(row: Record<string, unknown>): Summary {
  const s = emptySummary();
  const writable = s as unknown as Record<string, unknown>;
  for (const f of TIME_FIELDS) {
    const v = row[column(f)];
    writable[f] = v === null || v === undefined ? null : Number(v);
  }
  for (const f of NUMBER_FIELDS) writable[f] = Number(row[column(f)] ?? 0);
  s.asOfKind = Number(row.as_of_kind) === 1 ? 1 : 0;
  s.receivedAccess = Number(row.received_access) === 1;
  s.personal = Number(row.personal) === 1;
  s.common = readIds(typeof row.common_ids === 'string' ? row.common_ids : null);
  s.respRecent = readIds(typeof row.resp_recent === 'string' ? row.resp_recent : null);
  s.respWaiting = readAwaited(typeof row.resp_waiting === 'string' ? row.resp_waiting : null);
  return s;
}
