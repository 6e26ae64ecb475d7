import { type RawBuilder, sql } from 'kysely';
import { ANSWER_DAY_MS } from '../domain/answer-day.js';
import {
  COMPONENT_WEIGHTS,
  DURATION_FULL_DAYS,
  HALF_LIFE_DAYS,
  INTENSITY_SCALE,
  MONTHLY_MEETING_LEVEL,
  STRUCTURAL_FULL,
} from '../domain/scoring-config.js';
import { DAY_MS } from '../domain/time.js';
import type { DialectName } from './dialect.js';

/**
 * The strength formula of src/domain/components.ts written in SQL over the summaries table,
 * valid for `now` at or after each row's last event, plus a small slack. Lists sort on it in the
 * database and evaluate exactly only the leading rows; a property test keeps it at or above
 * the exact strength. It is exact but for the slack, except within a day of a row's last event
 * while a message of the user's is under a day old: then it takes responsiveness at its highest
 * (at most its weight above).
 */
export const BOUND_SLACK = 0.05;

export function strengthBoundSql(dialect: DialectName, now: number): RawBuilder<number> {
  const pow = dialect === 'postgres' ? 'power' : 'pow';
  const least = dialect === 'postgres' ? 'least' : 'min';
  const n = (x: number) => {
    if (!Number.isFinite(x)) throw new RangeError('bound constants must be finite');
    // always a decimal literal: PostgreSQL divides bigints as integers
    return Number.isInteger(x) ? `${x}.0` : String(x);
  };
  const decay = (column: string, halfLifeDays: number) =>
    `${pow}(2, -((${n(now)} - ${column}) / ${n(halfLifeDays * DAY_MS)}))`;
  const recency = `(CASE WHEN tw1_at IS NULL THEN 0 ELSE ${decay('tw1_at', HALF_LIFE_DAYS.recency)} END)`;
  const x = `(0.5 * int30 * ${decay('as_of', HALF_LIFE_DAYS.intensityShort)} / ${n(MONTHLY_MEETING_LEVEL.short)} + 0.5 * int180 * ${decay('as_of', HALF_LIFE_DAYS.intensityLong)} / ${n(MONTHLY_MEETING_LEVEL.long)})`;
  const intensity = `(CASE WHEN as_of IS NULL THEN 0 ELSE 1 - ${pow}(2, -(${x} / ${n(INTENSITY_SCALE)})) END)`;
  const duration = `(CASE WHEN tw1_at IS NULL OR first_two_way_at IS NULL THEN 0 ELSE ${least}(1, ln(1 + (tw1_at - first_two_way_at) / ${n(DAY_MS)}) / ${n(Math.log1p(DURATION_FULL_DAYS))}) END)`;
  const reciprocity = `(CASE WHEN init_them + init_user <= 0 THEN 0 ELSE 2 * ${least}(init_them, init_user) / (init_them + init_user) END)`;
  const f = decay('as_of', HALF_LIFE_DAYS.services);
  const services = `(CASE WHEN as_of IS NULL THEN 0 ELSE 0.5 * (1 - ${pow}(2, -(given * ${f}))) + 0.5 * (1 - ${pow}(2, -(received * ${f}))) END)`;
  // a message of the user's under a day old and unanswered counts only once a day old (answer-day.ts):
  // within a day of the last event the bound takes the highest value responsiveness can have
  const responsiveness = `(CASE WHEN resp_recent <> '[]' AND as_of > ${n(now - ANSWER_DAY_MS)} THEN 1 WHEN resp_sent <= 0 THEN 0 ELSE ${least}(1, resp_score / resp_sent) END)`;
  const structural = `${least}(1, common_count / ${n(STRUCTURAL_FULL)})`;
  const w = COMPONENT_WEIGHTS;
  const total = [
    `${n(w.recency)} * ${recency}`,
    `${n(w.intensity)} * ${intensity}`,
    `${n(w.duration)} * ${duration}`,
    `${n(w.reciprocity)} * ${reciprocity}`,
    `${n(w.services)} * ${services}`,
    `${n(w.responsiveness)} * ${responsiveness}`,
    `${n(w.structural)} * ${structural}`,
  ].join(' + ');
  return sql.raw<number>(`(100 * (${total}) + ${n(BOUND_SLACK)})`);
}
