import type { Awaited } from '../domain/follow-ups.js';

/** Lists are stored as JSON text; a damaged value reads as an empty list rather than failing a whole page. */
export function readList(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function readIds(text: string | null): number[] {
  if (!text) return [];
  const ids = plainIds(text);
  if (ids) return ids;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

/** A summary's awaited messages (Summary.respWaiting): pairs of a time and a time or null. */
export function readAwaited(text: string | null): Awaited[] {
  if (!text || text === '[]') return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    const pairs: Awaited[] = [];
    for (const x of value)
      if (Array.isArray(x) && typeof x[0] === 'number' && (x[1] === null || typeof x[1] === 'number'))
        pairs.push([x[0], x[1]]);
    return pairs;
  } catch {
    return [];
  }
}

/**
 * The common case read without JSON.parse (a rescore reads one per group interaction): a list of
 * whole numbers as JSON.stringify writes them, `[12,345]`. Anything else (spaces, signs, leading
 * zeros, long numbers) gives undefined, and JSON.parse decides.
 */
function plainIds(text: string): number[] | undefined {
  if (text.charCodeAt(0) !== 91 || text.charCodeAt(text.length - 1) !== 93) return undefined;
  const ids: number[] = [];
  if (text.length === 2) return ids;
  let value = 0;
  let digits = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return undefined;
      value = value * 10 + (c - 48);
      if (++digits > 15) return undefined;
    } else if (c === 44 || c === 93) {
      if (digits === 0 || (c === 93 && i !== text.length - 1)) return undefined;
      ids.push(value);
      value = 0;
      digits = 0;
    } else return undefined;
  }
  return ids;
}
