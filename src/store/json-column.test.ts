import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIds } from './json-column.js';

function reference(text: string | null): number[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

describe('readIds', () => {
  it('reads lists of ids as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), (ids) => {
        expect(readIds(JSON.stringify(ids))).toEqual(ids);
      }),
    );
    for (const text of [
      '[]',
      '[0]',
      '[01]',
      '[1,]',
      '[,1]',
      '[1 ,2]',
      '[-1]',
      '[1.5]',
      '[1e3]',
      '["1"]',
      '[1]]',
      '[[1]]',
      '{}',
      '',
      'x',
      '[12345678901234567]',
    ])
      expect(readIds(text)).toEqual(reference(text));
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(readIds(text)).toEqual(reference(text));
      }),
    );
  });
});
