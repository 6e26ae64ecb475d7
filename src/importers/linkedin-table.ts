import { type CsvRow, cellAt } from './csv.js';
import type { SlashOrder } from './slash-dates.js';

/** One CSV file of the export once its header is found, and reading the named cells of its rows. */

export interface Table {
  readonly entry: string;
  readonly rows: CsvRow[];
  readonly col: (name: string) => number;
  /** how its dates written with slashes read: month first as LinkedIn writes them, or day first (see slashOrderOf) */
  readonly dateOrder: SlashOrder;
}

/** Reads the named cells of a row, in order (trimmed, '' when the column is missing), with indices looked up once. */
export function reader<const N extends readonly string[]>(
  t: Table,
  names: N,
): (row: CsvRow) => { [K in keyof N]: string } {
  const at = names.map((n) => t.col(n));
  return (row) => at.map((i) => cellAt(row.cells, i)) as { [K in keyof N]: string };
}
