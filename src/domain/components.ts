import { settledSent, youngUnanswered } from './answer-day.js';
import { decayFactor } from './decay.js';
import {
  type ComponentKey,
  DURATION_FULL_DAYS,
  HALF_LIFE_DAYS,
  INTENSITY_SCALE,
  MONTHLY_MEETING_LEVEL,
  STRUCTURAL_FULL,
} from './scoring-config.js';
import type { Summary } from './summary.js';
import { DAY_MS, describeSpan, formatDate, plural } from './time.js';

export interface ComponentValue {
  readonly key: ComponentKey;
  /** in [0, 1] */
  readonly value: number;
  readonly evidence: string;
}

const H = (days: number) => days * DAY_MS;

/** Each component's value and a sentence of evidence, as of `now` (not before the summary's last event). */
export function componentValues(s: Summary, now: number): ComponentValue[] {
  return [
    recency(s, now),
    intensity(s, now),
    duration(s),
    reciprocity(s),
    services(s, now),
    responsiveness(s, now),
    structural(s),
  ];
}

export function recencyValue(s: Summary, now: number): number {
  return s.tw1At === null ? 0 : decayFactor(now - s.tw1At, H(HALF_LIFE_DAYS.recency));
}

function recency(s: Summary, now: number): ComponentValue {
  const value = recencyValue(s, now);
  const evidence =
    s.tw1At === null ? 'no two-way contact yet' : `last two-way contact ${ago(now - s.tw1At)} (${formatDate(s.tw1At)})`;
  return { key: 'recency', value, evidence };
}

/** Intensity in "monthly meetings": 1 means as much as one substantive 1:1 meeting a month. */
export function intensityLevels(s: Summary, now: number): { short: number; long: number } {
  const elapsed = s.asOf === null ? 0 : now - s.asOf;
  return {
    short: (s.int30 * decayFactor(elapsed, H(HALF_LIFE_DAYS.intensityShort))) / MONTHLY_MEETING_LEVEL.short,
    long: (s.int180 * decayFactor(elapsed, H(HALF_LIFE_DAYS.intensityLong))) / MONTHLY_MEETING_LEVEL.long,
  };
}

export function intensityValue(s: Summary, now: number): number {
  const { short, long } = intensityLevels(s, now);
  return 1 - 2 ** (-(0.5 * short + 0.5 * long) / INTENSITY_SCALE);
}

function intensity(s: Summary, now: number): ComponentValue {
  const { short, long } = intensityLevels(s, now);
  const evidence =
    s.meaningful === 0
      ? 'no meaningful interaction yet'
      : `contact worth ${short.toFixed(1)} substantive meetings a month lately, ${long.toFixed(1)} over the half year`;
  return { key: 'intensity', value: intensityValue(s, now), evidence };
}

export function durationValue(s: Summary): number {
  if (s.tw1At === null || s.firstTwoWayAt === null) return 0;
  const days = Math.max(0, s.tw1At - s.firstTwoWayAt) / DAY_MS;
  return Math.min(1, Math.log1p(days) / Math.log1p(DURATION_FULL_DAYS));
}

function duration(s: Summary): ComponentValue {
  const value = durationValue(s);
  let evidence = 'no two-way contact yet';
  if (s.tw1At !== null && s.firstTwoWayAt !== null) {
    evidence =
      s.tw1At === s.firstTwoWayAt
        ? `two-way contact on one day so far (${formatDate(s.tw1At)})`
        : `two-way contact spans ${describeSpan(s.tw1At - s.firstTwoWayAt)} (${formatDate(s.firstTwoWayAt)} to ${formatDate(s.tw1At)})`;
  }
  return { key: 'duration', value, evidence };
}

export function reciprocityValue(s: Summary): number {
  const total = s.initThem + s.initUser;
  return total <= 0 ? 0 : (2 * Math.min(s.initThem, s.initUser)) / total;
}

function reciprocity(s: Summary): ComponentValue {
  const total = s.initThem + s.initUser;
  let evidence: string;
  if (total <= 0) evidence = 'no one has started an exchange yet';
  else if (s.initThem <= 0) evidence = 'they have never started an exchange';
  else if (s.initUser <= 0) evidence = 'you have never started an exchange';
  else evidence = `they start ${Math.round((100 * s.initThem) / total)}% of exchanges (recent ones count more)`;
  return { key: 'reciprocity', value: reciprocityValue(s), evidence };
}

export function servicesValue(s: Summary, now: number): number {
  const f = s.asOf === null ? 1 : decayFactor(now - s.asOf, H(HALF_LIFE_DAYS.services));
  return 0.5 * (1 - 2 ** -(s.given * f)) + 0.5 * (1 - 2 ** -(s.received * f));
}

function services(s: Summary, now: number): ComponentValue {
  const evidence =
    s.givenCount + s.receivedCount === 0
      ? 'no value given or received on record'
      : `you gave value ${times(s.givenCount)} and received it ${times(s.receivedCount)} (fading over a year)`;
  return { key: 'services', value: servicesValue(s, now), evidence };
}

/** Their answers to the user's messages that have had a day to be answered (see answer-day.ts). */
export function responsivenessValue(s: Summary, now: number): number {
  const sent = settledSent(s, now);
  return sent <= 0 ? 0 : Math.min(1, s.respScore / sent);
}

function responsiveness(s: Summary, now: number): ComponentValue {
  const sent = settledSent(s, now);
  const young = youngUnanswered(s, now);
  const waiting = young === 0 ? '' : `; ${plural(young, 'message')} of the last 24 h not counted until a day old`;
  const evidence =
    sent <= 0
      ? young === 0
        ? 'no message of yours has awaited their answer yet'
        : `no message of yours has awaited their answer for a day yet (${plural(young, 'message')} of the last 24 h)`
      : `they answered ${pct(s.respAnswered / sent)} of the messages you started (your answers to theirs await none), ${pct(s.respWithin24h / sent)} within 24 h (recent ones count more)${waiting}`;
  return { key: 'responsiveness', value: responsivenessValue(s, now), evidence };
}

export function structuralValue(s: Summary): number {
  return Math.min(1, s.common.length / STRUCTURAL_FULL);
}

function structural(s: Summary): ComponentValue {
  const n = s.common.length;
  const evidence =
    n === 0
      ? 'no people in common yet'
      : `${n >= STRUCTURAL_FULL ? `${n} or more` : n} ${n === 1 ? 'person' : 'people'} in common (shared threads, meetings, introductions)`;
  return { key: 'structural', value: structuralValue(s), evidence };
}

function ago(ms: number): string {
  return ms < DAY_MS ? 'today' : `${describeSpan(ms)} ago`;
}

function pct(x: number): string {
  return `${Math.round(100 * Math.min(1, Math.max(0, x)))}%`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : plural(n, 'time');
}
