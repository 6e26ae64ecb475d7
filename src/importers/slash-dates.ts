/** Which comes first in a date written with slashes: the month (as LinkedIn writes them) or the day. */
export type SlashOrder = 'mdy' | 'dmy';

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/;

/**
 * The order of the slashed dates of one column: day first when one of them can only be read so
 * (13/01/2024), month first when one can only be read that way, else `fallback`. Outlook, and
 * Excel saving a file again, write dates in the order of the computer's language.
 */
export function slashOrderOf<F>(values: Iterable<string>, fallback: F): SlashOrder | F {
  for (const value of values) {
    const m = SLASHED.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) return 'dmy';
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) return 'mdy';
  }
  return fallback;
}
