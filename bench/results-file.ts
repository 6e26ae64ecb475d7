import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** A Markdown table with its columns padded, as the formatter (biome) writes it, so the file stays formatted. */
export function markdownTable(headers: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = headers.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (text: string, i: number) => {
    const pad = ' '.repeat((widths[i] ?? 0) - width(text));
    return align[i] === 'right' ? pad + text : text + pad;
  };
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(headers), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Replaces one benchmark's section of the results file (between `<!-- results: NAME -->` and
 * `<!-- end: NAME -->`), appending it when missing; the rest of the file stays as it is. A missing
 * file starts from `initial`.
 */
export function writeSection(path: string, name: string, section: string, initial: string): void {
  const begin = `<!-- results: ${name} -->`;
  const end = `<!-- end: ${name} -->`;
  const block = `${begin}\n${section}\n${end}`;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : initial;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
}
