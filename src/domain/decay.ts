/** What is left of a weight after `elapsedMs` with the given half-life (1 for no time at all). */
export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  return elapsedMs <= 0 ? 1 : 2 ** (-elapsedMs / halfLifeMs);
}
