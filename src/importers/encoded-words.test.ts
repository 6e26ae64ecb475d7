import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeaderWords, fromUtf7 } from './encoded-words.js';

/** UTF-7 as RFC 2152 writes it, for the round trip below. */
function toUtf7(text: string): string {
  return text.replace(/[^A-Za-z0-9'(),./:? -]+/g, (run) => {
    if (run === '+') return '+-';
    const units = Buffer.alloc(run.length * 2);
    for (let i = 0; i < run.length; i++) units.writeUInt16BE(run.charCodeAt(i), i * 2);
    return `+${units.toString('base64').replace(/=+$/, '')}-`;
  });
}

describe('decodeHeaderWords', () => {
  it('decodes UTF-7 encoded words, in Q and in B', () => {
    expect(decodeHeaderWords('=?utf-7?Q?Hi_+AKM-1?=')).toBe('Hi £1');
    expect(decodeHeaderWords(`=?UTF-7?B?${Buffer.from('Jos+AOk-').toString('base64')}?= Garc=?x?=`)).toBe(
      'José Garc=?x?=',
    );
    expect(decodeHeaderWords('=?utf-7?q?1_+-_1?=')).toBe('1 + 1');
    // the older name some mailers gave UTF-7
    expect(decodeHeaderWords('=?unicode-1-1-utf-7?Q?Hi_+AKM-1?=')).toBe('Hi £1');
    // charsets TextDecoder does not know: a DOS code page, ISO-8859-16
    expect(decodeHeaderWords('=?cp850?Q?Zo=89_Chen?=')).toBe('Zoë Chen');
    expect(decodeHeaderWords('=?iso-8859-16?Q?=AAtefan?= =?IBM852?B?pw==?=')).toBe('Ștefanž');
    // one no decoder knows is left to postal-mime, which reads its ASCII
    expect(decodeHeaderWords('=?x-unknown?Q?abc?=')).toBe('abc');
  });

  it('decodes other charsets as before, next to UTF-7 words', () => {
    expect(decodeHeaderWords('=?UTF-8?Q?Jos=C3=A9?= =?utf-7?Q?+AOk-t+AOk-?=')).toBe('Joséété');
    expect(decodeHeaderWords('=?ISO-8859-1?Q?Ana_Mar=EDa?=')).toBe('Ana María');
    expect(decodeHeaderWords('plain text')).toBe('plain text');
  });

  it('reads back any text written in UTF-7', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(fromUtf7(toUtf7(s))).toBe(s);
      }),
    );
  });
});
