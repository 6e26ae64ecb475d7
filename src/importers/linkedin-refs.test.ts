import { describe, expect, it } from 'vitest';
import { profileKey, sameRef } from './linkedin-refs.js';

describe('profileKey', () => {
  it('gives one key for a profile on www., a country site, the mobile site or no subdomain', () => {
    const keys = [
      'https://www.linkedin.com/in/Jane-Doe/',
      'http://linkedin.com/in/jane-doe?trk=x',
      'https://uk.linkedin.com/in/jane-doe',
      'https://m.linkedin.com/in/jane-doe',
      'https://mobile.linkedin.com/in/jane-doe#top',
    ].map(profileKey);
    expect(new Set(keys)).toEqual(new Set(['linkedin.com/in/jane-doe']));
    expect(
      sameRef({ profileUrl: 'https://m.linkedin.com/in/x' }, { profileUrl: 'https://www.linkedin.com/in/x' }),
    ).toBe(true);
  });

  it('keeps other hosts and other profiles apart', () => {
    expect(profileKey('https://m.example.com/in/jane-doe')).toBe('m.example.com/in/jane-doe');
    expect(profileKey('https://m.linkedin.com/in/jane-doe')).not.toBe(profileKey('https://m.linkedin.com/in/jane-roe'));
  });
});
