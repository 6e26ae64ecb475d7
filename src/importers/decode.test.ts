import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeCharset, looksBinary, mendFoldsInsideCharacters } from './decode.js';

const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
  return b;
};

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeBytes(Buffer.from('\uFEFFZoë,Ångström')).text).toBe('Zoë,Ångström');
    expect(decodeBytes(Buffer.from('Zoë,Ångström'))).toMatchObject({ text: 'Zoë,Ångström', encoding: 'utf-8' });
  });

  it('reads UTF-16 in both byte orders, with a BOM or without', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('First Name,Zoë')])).text).toBe(
      'First Name,Zoë',
    );
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('First Name,Zoë')])).text).toBe(
      'First Name,Zoë',
    );
    expect(decodeBytes(utf16le('First Name,Last Name'))).toMatchObject({ encoding: 'utf-16le' });
  });

  it('reads Windows-1252 when the bytes are not UTF-8', () => {
    const bytes = Buffer.from([0x93, 0x52, 0xe9, 0x6e, 0xe9, 0x94, 0x20, 0x80]); // “Réné” €
    expect(decodeBytes(bytes)).toEqual({ text: '“Réné” €', encoding: 'windows-1252', bom: false });
  });

  it('reads UTF-8 text with a stray byte or binary glued on as UTF-8, each bad byte as U+FFFD, and counts them', () => {
    const names = 'José Álvarez,Zoë Ångström,Łukasz Żółkiewski\n';
    expect(decodeBytes(Buffer.concat([Buffer.from(names), Buffer.from([0xff, 0x0a])]))).toEqual({
      text: `${names}\uFFFD\n`,
      encoding: 'utf-8',
      bom: false,
      replaced: 1,
    });
    // Windows-1252 text, whose accented letters are one byte each, stays Windows-1252
    const latin = Buffer.from([
      0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x5a, 0x6f, 0xeb, 0x2c, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72,
    ]);
    expect(decodeBytes(latin)).toMatchObject({ text: 'José,Zoë,Müller', encoding: 'windows-1252' });
    // …even with a pair of its letters that happens to form one UTF-8 character ("Ã©")
    expect(decodeBytes(Buffer.concat([latin, Buffer.from([0x20, 0xc3, 0xa9])])).encoding).toBe('windows-1252');
  });

  it('decodes a named charset, and falls back to detection for an unknown one', () => {
    expect(decodeCharset(Buffer.from([0xe9]), 'ISO-8859-1')).toBe('é');
    expect(decodeCharset(Buffer.from('é'), 'x-unknown-charset')).toBe('é');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof decodeBytes(bytes).text).toBe('string');
        expect(typeof looksBinary(bytes)).toBe('boolean');
      }),
    );
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(true);
    expect(looksBinary(Buffer.from('BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n'))).toBe(false);
    // one stray NUL in text leaves it text: its record is reported where it is
    expect(looksBinary(Buffer.from('BEGIN:VCARD\r\nFN:Ann\r\nEMAIL:ann\u0000@x.example\r\nEND:VCARD\r\n'))).toBe(false);
    expect(looksBinary(utf16le('BEGIN:VCARD'))).toBe(false);
  });
});

describe('mendFoldsInsideCharacters', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
  const unfold = (b: Uint8Array) =>
    Buffer.from(b)
      .toString('latin1')
      .replace(/\r?\n[ \t]/g, '');

  it('moves the rest of a character cut by a fold before the fold, so the file reads as UTF-8', () => {
    // "Jürgen" folded between the two bytes of ü (C3 BC), CRLF and LF
    for (const eol of ['\r\n', '\n']) {
      const cut = bytes('SUMMARY:J', [0xc3], `${eol} `, [0xbc], 'rgen\r\nLOCATION:Café\r\n');
      const mended = mendFoldsInsideCharacters(cut);
      expect(decodeBytes(cut).encoding).toBe('windows-1252');
      expect(decodeBytes(mended).encoding).toBe('utf-8');
      expect(decodeBytes(mended).text).toBe(`SUMMARY:Jü${eol} rgen\r\nLOCATION:Café\r\n`);
    }
    // a four-byte character cut after its first byte
    const emoji = Buffer.from('🎉', 'utf8');
    const cut = bytes('X:', [emoji[0] as number], '\r\n\t', [...emoji.subarray(1)], '!');
    expect(decodeBytes(mendFoldsInsideCharacters(cut)).text).toBe('X:🎉\r\n\t!');
    // mostly UTF-8 with one character cut by a fold (a case fast-check found): mended
    const mostly = Uint8Array.from([0xc2, 0x80, 0xc2, 0x80, 0xc2, 0x80, 0xc3, 0x0d, 0x0a, 0x20, 0x80]);
    expect(Buffer.from(mendFoldsInsideCharacters(mostly)).toString('hex')).toBe('c280c280c280c3800d0a20');
  });

  it('changes neither the unfolded bytes nor the line count, whatever the bytes', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 6 }),
      fc.constantFrom([0x0d, 0x0a, 0x20], [0x0a, 0x20], [0x0a, 0x09], [0xc3], [0xbc], [0xe2, 0x82], [0xac], [0xf0]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const input = Uint8Array.from(pieces.flatMap((p) => [...p]));
        const mended = mendFoldsInsideCharacters(input);
        expect(unfold(mended)).toBe(unfold(input));
        expect(mended.filter((b) => b === 0x0a).length).toBe(input.filter((b) => b === 0x0a).length);
        // well-formed UTF-8 has no character cut by a fold: it is left as it is (text that is only
        // mostly UTF-8, as decodeBytes reads it, may have one, which is what is mended)
        const decoded = decodeBytes(input);
        if (decoded.encoding === 'utf-8' && decoded.replaced === undefined)
          expect(Buffer.from(mended).equals(Buffer.from(input))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
