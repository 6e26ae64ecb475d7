import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, matchTexts, termsOf } from './text-match.js';

describe('matching needs to offers', () => {
  it('matches different forms of the same word and shows the words as the need wrote them', () => {
    const m = matchTexts(
      analyze('Hiring a fractional CFO for the Series A'),
      analyze('Introductions to CFOs I placed', ['hire']),
    );
    expect(m?.words).toEqual(['hiring', 'cfo']);
  });

  it('ignores words that every need contains', () => {
    expect(
      matchTexts(analyze('needs help with something new'), analyze('I can help anyone who needs it')),
    ).toBeUndefined();
  });

  it('finds nothing in common between unrelated texts', () => {
    expect(matchTexts(analyze('pricing strategy for SaaS'), analyze('wine tasting in Porto'))).toBeUndefined();
  });

  it('never throws and never returns empty terms, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (text, tags) => {
        for (const t of termsOf(text, tags)) expect(t.length).toBeGreaterThan(0);
      }),
    );
  });
});
