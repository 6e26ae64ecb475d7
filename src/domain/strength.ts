import type { ComponentValue } from './components.js';
import { COMPONENT_WEIGHTS, type ComponentKey } from './scoring-config.js';

export interface Component {
  readonly key: ComponentKey;
  readonly value: number;
  readonly weight: number;
  /** points of strength this component adds; the contributions add up to the strength */
  readonly contribution: number;
  readonly evidence: string;
}

/** Strength = 100 × Σ weight × value, before rounding. */
export function rawStrength(values: readonly ComponentValue[]): number {
  let sum = 0;
  for (const c of values) sum += 100 * COMPONENT_WEIGHTS[c.key] * clamp01(c.value);
  return Math.min(100, Math.max(0, sum));
}

/**
 * Rounds the strength to a tenth and splits it into contributions, also in tenths, by largest
 * remainder, so that the shown contributions add up exactly to the shown strength.
 */
export function weighComponents(values: readonly ComponentValue[]): { strength: number; components: Component[] } {
  const exact = values.map((c) => 1000 * COMPONENT_WEIGHTS[c.key] * clamp01(c.value));
  const totalTenths = Math.round(exact.reduce((a, b) => a + b, 0));
  const floors = exact.map((x) => Math.floor(x));
  let missing = totalTenths - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const tenths = [...floors];
  for (const { i } of order) {
    if (missing <= 0) break;
    tenths[i] = (tenths[i] ?? 0) + 1;
    missing--;
  }
  const components = values.map((c, i) => ({
    key: c.key,
    value: round(clamp01(c.value), 3),
    weight: COMPONENT_WEIGHTS[c.key],
    contribution: (tenths[i] ?? 0) / 10,
    evidence: c.evidence,
  }));
  return { strength: totalTenths / 10, components };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
