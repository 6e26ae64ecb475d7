import { describe, expect, it } from 'vitest';
import { phoneFromUri } from './phone.js';

describe('phoneFromUri', () => {
  it('keeps the number of a tel: URI and its extension, and drops its other parameters', () => {
    expect(phoneFromUri('tel:+1-418-656-9254;ext=102')).toBe('+1-418-656-9254 ext. 102');
    expect(phoneFromUri('tel:+1-418-656-9254;phone-context=example.com;EXT=103')).toBe('+1-418-656-9254 ext. 103');
    expect(phoneFromUri('tel:+1-418-656-9254;ext=')).toBe('+1-418-656-9254');
    expect(phoneFromUri(' TEL:+33 1 23 45 67 89 ')).toBe('+33 1 23 45 67 89');
    expect(phoneFromUri('tel:')).toBe('');
  });

  it('leaves a number written plainly as it is', () => {
    expect(phoneFromUri('+1 (555) 010-0100')).toBe('+1 (555) 010-0100');
    expect(phoneFromUri('555 tel: 12')).toBe('555 tel: 12');
  });
});
