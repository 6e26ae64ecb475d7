import { InvalidArgumentError, Option } from 'commander';
import { parseInstant } from '../domain/time.js';

/** An option whose value must be one of a closed list (commander reports anything else). */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values as string[]);
}

/** Repeatable option: --email a --email b. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Comma-separated list: --tags a,b. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function instant(value: string): number {
  const t = parseInstant(value);
  if (t === undefined)
    throw new InvalidArgumentError(`"${value}" is not a valid time (use ISO 8601: 2026-03-14 or 2026-03-14T09:30:00Z)`);
  return t;
}

export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return Number(value);
}

export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return Number(value);
}

export function id(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not an id (a whole number)`);
  // (a number past 2^53 would be read as another: 9007199254740993 as …992)
  if (!Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`"${value}" is no id: it is too large`);
  return Number(value);
}
