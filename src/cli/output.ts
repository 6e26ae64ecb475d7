import Table from 'cli-table3';
import pc from 'picocolors';
import type { RelationshipClass, Stage } from '../domain/vocabulary.js';

/** Everything the CLI prints goes through here: JSON for scripts, tables and colour for people. */
export const out = {
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  },
  /** notices that must not mix with --json output */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  },
};

export function table(head: string[], rows: (string | number)[][], align?: ('left' | 'right')[]): string {
  const t = new Table({
    head: head.map((h) => pc.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: ' ',
    },
    ...(align ? { colAligns: align } : {}),
  });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

const CLASS_COLOR: Record<RelationshipClass, (s: string) => string> = {
  active: pc.green,
  passive: pc.cyan,
  'one-sided': pc.yellow,
  dormant: pc.dim,
};

export function klass(c: RelationshipClass): string {
  return CLASS_COLOR[c](c);
}

export function stage(s: Stage, overridden = false): string {
  return overridden ? `${s}*` : s;
}

/** "72.4 ███████░░░" */
export function strengthBar(strength: number, width = 10): string {
  const filled = Math.round((strength / 100) * width);
  const bar = '█'.repeat(filled) + pc.dim('░'.repeat(width - filled));
  return `${strength.toFixed(1).padStart(5)} ${bar}`;
}

/** A sparkline of a series of strengths (0..100). */
export function sparkline(values: readonly number[]): string {
  const ticks = '▁▂▃▄▅▆▇█';
  return values.map((v) => ticks[Math.min(7, Math.max(0, Math.floor((v / 100) * 8)))] ?? ' ').join('');
}

export function date(iso: string | null): string {
  return iso ? iso.slice(0, 10) : pc.dim('never');
}

export { pc };
