/** What the benchmarks share for measuring and writing figures: medians, units, ratios, sizes, peak memory. */
import { existsSync, readFileSync, statSync } from 'node:fs';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export const fmtMs = (ms: number) =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : ms >= 10
        ? `${ms.toFixed(0)} ms`
        : ms >= 1
          ? `${ms.toFixed(1)} ms`
          : `${(ms * 1000).toFixed(0)} µs`;
export const fmtMB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const fmtN = (n: number) => n.toLocaleString('en');
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** A SQLite database's size on disk with its write-ahead log and shared-memory file. */
export function databaseSize(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) total += statSync(path + suffix).size;
  return total;
}

/**
 * This process's own peak resident memory. On Linux, VmHWM: getrusage's maxRSS
 * (process.resourceUsage) also counts the parent's memory image this process was forked from
 * before exec, so a child of a big process reports the parent's size. Elsewhere, maxRSS.
 */
export function peakRssKB(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}
