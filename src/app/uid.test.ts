import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidV7Generator } from './uid.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7Generator', () => {
  it('writes version 7 UUIDs whose first 48 bits are the clock in milliseconds', () => {
    const uid = uuidV7Generator(() => Date.UTC(2026, 10, 30, 12))();
    expect(uid).toMatch(V7);
    expect(Number.parseInt(uid.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 30, 12));
  });

  it('sorts uids in the order they were made, in one millisecond and beyond 4,096 of them', () => {
    const next = uuidV7Generator(() => 1_700_000_000_000);
    const uids = Array.from({ length: 10_000 }, next);
    expect([...uids].sort()).toEqual(uids);
    expect(new Set(uids).size).toBe(uids.length);
    for (const u of uids) expect(u).toMatch(V7);
  });

  it('keeps the order whatever the clock does, backwards included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 300 }), (times) => {
        let i = 0;
        const next = uuidV7Generator(() => times[i++ % times.length] as number);
        const uids = times.map(() => next());
        expect([...uids].sort()).toEqual(uids);
        expect(new Set(uids).size).toBe(uids.length);
      }),
    );
  });
});
