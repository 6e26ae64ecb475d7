/** English month names, for the date forms exports write in words ("12 Mar 2024", "April 12, 1985"). */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** 1–12 for a month name or its abbreviation, any case; 0 when it names no month. */
export function monthOf(word: string): number {
  const w = word.toLowerCase();
  return MONTHS.findIndex((name) => name.startsWith(w)) + 1;
}
