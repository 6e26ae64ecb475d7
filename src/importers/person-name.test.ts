import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleName } from './person-name.js';

describe('assembleName', () => {
  it('puts given, additional and family names in the order they are said, with spaces', () => {
    expect(assembleName({ given: ['Ada'], additional: ['King'], family: ['Lovelace'] })).toBe('Ada King Lovelace');
    expect(assembleName({ given: [''], family: ['Lovelace'] })).toBe('Lovelace');
    expect(assembleName({ given: [], family: [] })).toBe('');
  });

  it('writes a Chinese, Japanese or Korean name family name first, without a space', () => {
    expect(assembleName({ given: ['雷'], family: ['李'] })).toBe('李雷');
    expect(assembleName({ given: ['太郎'], family: ['山田'] })).toBe('山田太郎');
    expect(assembleName({ given: ['민수'], family: ['김'] })).toBe('김민수');
    // a name in Latin letters, or half in them, stays given name first
    expect(assembleName({ given: ['Lei'], family: ['Li'] })).toBe('Lei Li');
    expect(assembleName({ given: ['Lei'], family: ['李'] })).toBe('Lei 李');
  });

  it('keeps a generational suffix and drops a degree', () => {
    expect(assembleName({ given: ['John'], family: ['Smith'], suffixes: ['Jr.'] })).toBe('John Smith Jr.');
    expect(assembleName({ given: ['Henry'], family: ['Ford'], suffixes: ['II'] })).toBe('Henry Ford II');
    expect(assembleName({ given: ['Jane'], family: ['Doe'], suffixes: ['PhD'] })).toBe('Jane Doe');
    expect(assembleName({ given: ['Jane'], family: ['Doe'], suffixes: ['Jr., PhD'] })).toBe('Jane Doe Jr.');
    // a suffix alone is no name
    expect(assembleName({ given: [], family: [], suffixes: ['Jr.'] })).toBe('');
  });

  it('holds every name part it is given, each once', () => {
    const part = fc.stringMatching(/^[A-Za-z\u4e00-\u4e10]{1,6}$/);
    fc.assert(
      fc.property(part, part, (given, family) => {
        const name = assembleName({ given: [given], family: [family] });
        expect(name).toContain(given);
        expect(name).toContain(family);
        expect(name.length).toBeLessThanOrEqual(given.length + family.length + 1);
      }),
    );
  });
});
