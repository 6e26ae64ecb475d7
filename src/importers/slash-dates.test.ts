import { describe, expect, it } from 'vitest';
import { slashOrderOf } from './slash-dates.js';

describe('slashOrderOf', () => {
  it('takes the order a date can only be read in, else the fallback', () => {
    expect(slashOrderOf(['01/02/2024', '13/02/2024'], 'mdy')).toBe('dmy');
    expect(slashOrderOf(['01/02/2024', '02/13/2024'], 'dmy')).toBe('mdy');
    expect(slashOrderOf(['01/02/2024', '12 Mar 2024', ''], 'dmy')).toBe('dmy');
    expect(slashOrderOf([], 'mdy')).toBe('mdy');
  });
});
