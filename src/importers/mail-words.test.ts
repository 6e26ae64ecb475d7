import { decodeWords } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { mailboxes } from './mail-headers.js';
import { transcodeLatinWords } from './mail-words.js';

describe('transcodeLatinWords', () => {
  it('keeps the windows-1252 characters Outlook writes (’ € –) that a Latin-1 decoder loses', () => {
    expect(decodeWords(transcodeLatinWords('=?windows-1252?Q?Price_=80_=96_quote?='))).toBe('Price € – quote');
    expect(decodeWords(transcodeLatinWords('=?Windows-1252?B?UHJpY2UggA==?='))).toBe('Price €');
  });

  it('reads iso-8859-1 words the same way, and joins adjacent words as RFC 2047 says', () => {
    expect(decodeWords(transcodeLatinWords('=?ISO-8859-1?Q?Ren=E9e?= =?ISO-8859-1?Q?_M=FCller?='))).toBe(
      'Renée Müller',
    );
  });

  it('leaves other charsets and plain text alone', () => {
    const utf8 = '=?UTF-8?B?w6k=?= and plain';
    expect(transcodeLatinWords(utf8)).toBe(utf8);
  });

  it('gives an address parser a name with a comma as one name', () => {
    expect(mailboxes(transcodeLatinWords('=?windows-1252?Q?O=92Brien=2C_Ren=E9e?= <renee@example.ie>'))).toEqual([
      { address: 'renee@example.ie', name: 'O’Brien, Renée' },
    ]);
  });

  it('keeps a B word whose text is not base64 as it is written, instead of decoding garbage', () => {
    expect(decodeWords(transcodeLatinWords('abc and =?utf-8?B?!!notbase64?= and hej'))).toBe(
      'abc and =?utf-8?B?!!notbase64?= and hej',
    );
    expect(decodeWords(transcodeLatinWords('=?utf-8?B?aGVqIGTDpQ==?='))).toBe('hej då');
  });
});
