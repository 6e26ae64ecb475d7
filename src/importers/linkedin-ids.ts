import { createHash } from 'node:crypto';

/**
 * External ids: a hash of what a record is (no export file gives ids), with a counter on exact
 * duplicates so ids stay unique and a re-parse gives the same ones.
 */

export function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20);
}

/** Exact duplicates (same hash) get a counter in file order, so ids stay unique and a re-parse gives the same ones. */
export function uniqueIds(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  });
}

export function withUniqueIds<T extends { readonly externalId: string }>(records: T[]): T[] {
  const ids = uniqueIds(records.map((r) => r.externalId));
  return records.map((r, i) => (ids[i] === r.externalId ? r : { ...r, externalId: ids[i] as string }));
}
