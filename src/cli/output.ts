import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import stringWidth from 'string-width';
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
    process.stderr.write(`${forStderr(text)}\n`);
  },
};

/**
 * Text for standard error: without colour codes unless it is a terminal too (picocolors decides by
 * standard output, so `2> file` would get them) or FORCE_COLOR asks for them.
 */
export function forStderr(text: string): string {
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return forced || (pc.isColorSupported && process.stderr.isTTY === true) ? text : stripVTControlCharacters(text);
}

/**
 * A borderless table: columns as wide as their widest cell (in terminal columns: colour codes take
 * none, East Asian characters two), three spaces apart, the header bold. A cell of several lines
 * makes its row that tall. Linear in the rows (cli-table3, used before, took 41 s for 20,000).
 */
export function table(
  head: string[],
  rows: (string | number)[][],
  align?: ('left' | 'right')[],
  /** the widest each column's lines may be, in terminal columns (a longer one ends in …) */
  maxWidth?: (number | undefined)[],
): string {
  const all = [head.map((h) => pc.bold(h)), ...rows.map((r) => r.map(String))];
  const cells = all.map((r) => r.map((c, i) => c.split(/\r?\n/).map((line) => clip(line, maxWidth?.[i]))));
  const widths: number[] = [];
  for (const r of cells)
    r.forEach((lines, i) => {
      for (const line of lines) widths[i] = Math.max(widths[i] ?? 0, stringWidth(line));
    });
  const out: string[] = [];
  for (const r of cells) {
    const height = Math.max(1, ...r.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, i) => {
        const text = r[i]?.[k] ?? '';
        const pad = ' '.repeat(Math.max(0, w - stringWidth(text)));
        return align?.[i] === 'right' ? pad + text : text + pad;
      });
      out.push(parts.join('   ').trimEnd());
    }
  }
  return out.join('\n');
}

/** The widest a name or an organisation is shown in a table, in terminal columns. */
export const NAME_COLUMNS = 40;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A line cut to `max` terminal columns, its last one an ellipsis; as it is when it fits. */
export function clip(line: string, max: number | undefined): string {
  if (max === undefined || line.length <= max / 2 || stringWidth(line) <= max) return line;
  let width = 0;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    const w = stringWidth(segment);
    if (width + w > max - 1) break;
    width += w;
    cut += segment;
  }
  return `${cut}…`;
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
