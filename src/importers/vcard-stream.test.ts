import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import { NotThisFormat, type ParseResult, type PersonRecord } from './records.js';
import { parseVcard, VcardStream } from './vcard.js';
import { LINE_CAP } from './vcard-lines.js';

/** The bytes fed to a stream in chunks of the given sizes (repeated in turn), and what came out. */
function streamed(bytes: Uint8Array, sizes: readonly number[]): ParseResult<PersonRecord> & { maxBuffered: number } {
  const stream = new VcardStream();
  const records: PersonRecord[] = [];
  const issues: ParseResult['issues'] = [];
  let maxBuffered = 0;
  const take = (r: ParseResult<PersonRecord>) => {
    records.push(...r.records);
    issues.push(...r.issues);
  };
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    take(stream.push(bytes.subarray(at, at + size)));
    maxBuffered = Math.max(maxBuffered, stream.buffered);
    at += size;
  }
  take(stream.end());
  return { records, issues, maxBuffered };
}

/** parseVcard's answer, or the NotThisFormat it throws. */
function whole(bytes: Uint8Array): ParseResult<PersonRecord> | NotThisFormat {
  try {
    return parseVcard(bytes);
  } catch (error) {
    if (error instanceof NotThisFormat) return error;
    throw error;
  }
}

/** The same as `whole`, fed in chunks. */
function inChunks(bytes: Uint8Array, sizes: readonly number[]): ParseResult<PersonRecord> | NotThisFormat {
  try {
    const { records, issues } = streamed(bytes, sizes);
    return { records, issues };
  } catch (error) {
    if (error instanceof NotThisFormat) return error;
    throw error;
  }
}

const expectSame = (bytes: Uint8Array, sizes: readonly number[]): void => {
  expect(inChunks(bytes, sizes)).toEqual(whole(bytes));
};

/** Chunk sizes: mostly tiny (every boundary lands somewhere awkward), sometimes large. */
const chunkSizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 70_000 })), {
  minLength: 1,
  maxLength: 12,
});

const crlf = (lines: string[], eol = '\r\n') => lines.join(eol) + eol;
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
  return b;
};

const twoOne = crlf([
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Jos=E9;;;',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 M=C3=BC=',
  'ller',
  'NOTE;ENCODING=QP;CHARSET=UTF-8:First=0D=0Aline=',
  '=0D=0A=F0=9F=98=80 emoji=',
  '',
  'PHOTO;JPEG;ENCODING=BASE64:',
  'MIIDITCCAoqgAwIBAgIQT52W2WawmStUwpV8tBV9TTANBgkqhkiG9w0BAQUFADBMMQswCQYD',
  'VQQGEwJaQTElMCMGA1UEChMcVGhhd3RlIENvbnN1bHRpbmcgKFB0eSkgTHRkLjEWMBQGA1UE',
  '',
  'EMAIL;INTERNET:jose@example.com',
  'NOTE;QUOTED-PRINTABLE:ends in a soft break=',
  'END:VCARD',
]);

const threeFour = crlf([
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Zoë Ångström 😀',
  'item1.EMAIL;type=INTERNET:zoe@example.com',
  'item1.X-ABLabel:_$!<Other>!$_',
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
  ' /2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGBwkICAcICQoKCQkKCAgKDAsMCgoMDQ0',
  'NOTE:folded',
  '\tnote',
  'this line is broken',
  'BDAY:1985-13-01',
  'END:VCARD',
  'junk between cards',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Cut Off',
  'TEL;VALUE=uri;TYPE="work,voice":tel:+1-555-0100;ext=102',
  'BEGIN:VCARD',
  'NOTE:nobody',
  'END:VCARD',
  'BEGIN:VCARD',
  'FN:Unterminated',
]);

const longValues = crlf([
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Long',
  `NOTE:${'x'.repeat(50_000)}`,
  ` ${'y'.repeat(50_000)}`,
  `X-HUGE:${'h'.repeat(LINE_CAP + 10)}`,
  `NOTE;QUOTED-PRINTABLE:${'q'.repeat(LINE_CAP + 3)}=`,
  'soft break after a line over the cap',
  `${'z'.repeat(LINE_CAP + 5)}`,
  'EMAIL:long@example.com',
  'END:VCARD',
]);

/**
 * Over the 8 KiB a stream holds before it judges binary input and UTF-16 (else the whole fixture
 * would be decoded and split at once, whatever the chunks), by repeating the text.
 */
const big = (text: string) => text.repeat(Math.ceil(20_000 / text.length));

const fixtures: Record<string, Uint8Array> = {
  'vCard 2.1, QP soft breaks and unfolded base64': Buffer.from(big(twoOne)),
  'vCard 3.0/4.0 with bad lines, unterminated cards and a BEGIN inside a card': Buffer.from(big(threeFour)),
  'LF line ends': Buffer.from(big(threeFour.replace(/\r\n/g, '\n'))),
  'CR line ends': Buffer.from(big(threeFour.replace(/\r\n/g, '\r'))),
  'UTF-8 with a BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(big(threeFour))]),
  'UTF-16 LE with a BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(big(threeFour + twoOne))]),
  'UTF-16 BE without a BOM': utf16be(big(twoOne + threeFour)),
  'Windows-1252': Buffer.from(big(twoOne.replace('FN;CHARSET', 'FN:Ren\xe9 \x93R\x94\r\nX;CHARSET')), 'latin1'),
  'values over 64 KiB and lines over 1 MiB': Buffer.from(longValues),
};

describe('VcardStream fed in chunks gives what parseVcard gives', () => {
  it.each(Object.entries(fixtures))('on %s, one byte at a time', (_, bytes) => {
    expectSame(bytes, bytes.length > 200_000 ? [4093] : [1]);
  });

  it('on every fixture, in random chunk sizes', () => {
    const names = Object.keys(fixtures).filter((n) => (fixtures[n] as Uint8Array).length < 200_000);
    fc.assert(
      fc.property(fc.constantFrom(...names), chunkSizes, (name, sizes) =>
        expectSame(fixtures[name] as Uint8Array, sizes),
      ),
      { numRuns: 300 },
    );
  });

  it('on lines over 1 MiB, in random chunk sizes', () => {
    const bytes = fixtures['values over 64 KiB and lines over 1 MiB'] as Uint8Array;
    const sizes = fc.array(fc.integer({ min: 1000, max: 3_000_000 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(sizes, (s) => expectSame(bytes, s)),
      { numRuns: 10 },
    );
  });

  it('on lines over 1 MiB whose last characters and line end arrive in chunks of their own', () => {
    const bytes = fixtures['values over 64 KiB and lines over 1 MiB'] as Uint8Array;
    for (let cr = bytes.indexOf(13); cr >= 0; cr = bytes.indexOf(13, cr + 1))
      expectSame(bytes, [cr - 1, 1, 1, 1, bytes.length]);
  });

  it('on vCard-like text in any encoding, in random chunk sizes', () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        'BEGIN:VCARD',
        'begin:vcard',
        'END:VCARD',
        'VERSION:2.1',
        'FN:Zoë 😀',
        'N:Lee;Ann',
        'EMAIL:a@b.c',
        'TEL;VALUE=uri:tel:+1;ext=2',
        'BDAY:--0231',
        'NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=',
        '=A9=',
        'NOTE;CHARSET=ISO-8859-1;ENCODING=QP:=E9=',
        'PHOTO;ENCODING=BASE64:QUJD',
        'QUJDREVG',
        'item1.EMAIL;TYPE="a:b":x@y.z',
        'X-FOO;"unbalanced:',
        ' folded',
        '\tfolded',
        '',
        'no colon',
        'a\rb:c',
      ),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const eol = fc.constantFrom('\r\n', '\n', '\r');
    // a first card over 8 KiB, so that the rest is decoded and split as the chunks come
    const text = fc
      .tuple(eol, fc.array(fc.tuple(fragment, eol), { maxLength: 40 }))
      .map(
        ([e, parts]) =>
          ['BEGIN:VCARD', 'FN:Pad', `NOTE:${'p'.repeat(9000)}`, 'END:VCARD', ''].join(e) +
          parts.map(([f, e]) => f + e).join(''),
      );
    const encode = (t: string, encoding: string): Uint8Array => {
      if (encoding === 'utf-8') return Buffer.from(t);
      if (encoding === 'latin1') return Buffer.from(t, 'latin1');
      if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(t)]);
      return utf16be(t);
    };
    fc.assert(
      fc.property(text, fc.constantFrom('utf-8', 'latin1', 'utf-16le', 'utf-16be'), chunkSizes, (t, e, sizes) =>
        expectSame(encode(t, e), sizes),
      ),
      { numRuns: 500 },
    );
  });

  it('on random bytes, alone or after 20 KB of cards, in random chunk sizes', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 500 }), chunkSizes, (padded, random, sizes) =>
        expectSame(
          padded ? Buffer.concat([Buffer.from(big(crlf(['BEGIN:VCARD', 'FN:Pad', 'END:VCARD']))), random]) : random,
          sizes,
        ),
      ),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(skipWithoutSharedData('vcard-samples', 'vcard-stream.test'))(
  'VcardStream on the real sample files',
  () => {
    const dir = sharedPath('vcard-samples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.vcf'));

    it('gives exactly what parseVcard gives, in random chunk sizes', () => {
      expect(files.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.constantFrom(...files), chunkSizes, (file, sizes) => {
          const bytes = readFileSync(`${dir}/${file}`);
          const want = parseVcard(bytes);
          expect(want.records.length).toBeGreaterThan(0);
          expect(inChunks(bytes, sizes)).toEqual(want);
        }),
        { numRuns: 200 },
      );
    });
  },
);

describe('VcardStream', () => {
  const card = (n: number, ...props: string[]) =>
    crlf(['BEGIN:VCARD', 'VERSION:3.0', `FN:Person ${n}`, ...props, 'END:VCARD']);

  it('hands over each card as soon as the line after its END arrives', () => {
    const stream = new VcardStream();
    // the first 8 KiB are held until binary and UTF-16 can be judged; after that, lines go through as they end
    expect(stream.push(Buffer.from(card(1, `NOTE:${'n'.repeat(10_000)}`))).records).toEqual([]); // END could be folded
    const second = stream.push(Buffer.from(card(2)));
    expect(second.records.map((r) => r.name)).toEqual(['Person 1']);
    expect(stream.end().records.map((r) => r.name)).toEqual(['Person 2']);
  });

  it('refuses binary bytes from the first chunk, and a file without BEGIN:VCARD at its end', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10_000)]);
    expect(() => new VcardStream().push(png)).toThrow(
      new NotThisFormat('not a vCard file: the bytes are binary, not text'),
    );
    const small = new VcardStream();
    small.push(png.subarray(0, 100)); // too few bytes to judge yet
    expect(() => small.end()).toThrow(new NotThisFormat('not a vCard file: the bytes are binary, not text'));
    const csv = new VcardStream();
    expect(csv.push(Buffer.from('First Name,Last Name\nAnn,Lee\n'.repeat(10_000)))).toEqual({
      records: [],
      issues: [],
    });
    expect(() => csv.end()).toThrow(new NotThisFormat('not a vCard file: no BEGIN:VCARD line found'));
  });

  it('holds no more than a line of 1 MiB between chunks, whatever the photos', () => {
    const folded = ` ${'A'.repeat(3_000_000)}`.replace(/(.{74})/g, '$1\r\n ');
    const photos = Buffer.from(
      card(1, `PHOTO;ENCODING=b:${'B'.repeat(3_000_000)}`) + // on one line
        card(2, 'PHOTO;ENCODING=b:', folded) +
        crlf([
          'BEGIN:VCARD',
          'VERSION:2.1',
          'FN:Person 3',
          'PHOTO;BASE64:',
          ...Array(40_000).fill('Q'.repeat(76)),
          '',
          'END:VCARD',
        ]),
    );
    const { records, issues, maxBuffered } = streamed(photos, [65_536]);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['Person 1', 'Person 2', 'Person 3']);
    expect(maxBuffered).toBeLessThanOrEqual(LINE_CAP);
    expect(streamed(Buffer.from(card(2, 'PHOTO;ENCODING=b:', folded)), [65_536]).maxBuffered).toBeLessThan(10_000);
  });

  it('reads lines over 1 MiB as a whole line would read: colons past the cut, unfolded base64, bad lines', () => {
    const bytes = Buffer.from(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN:Long Lines',
        'PHOTO;BASE64:',
        'Q'.repeat(2 * LINE_CAP), // no colon: base64 goes on
        `${'Q'.repeat(2 * LINE_CAP)}:x`, // a colon past the cut: a property (its name unread), so the base64 ends
        'QUJD', // line 7: not base64 any more
        'z'.repeat(2 * LINE_CAP), // line 8: no colon anywhere
        `${'z'.repeat(LINE_CAP + 10)}:late colon`, // a property whose name runs past the cut: stepped over
        'EMAIL:long@example.com',
        'END:VCARD',
      ]),
    );
    const { records, issues } = streamed(bytes, [65_536]);
    expect(records).toEqual([expect.objectContaining({ name: 'Long Lines', emails: ['long@example.com'] })]);
    expect(issues).toEqual([
      { code: 'bad_line', line: 7, record: 'card 1', message: 'line 7 is not a property (no ":"): "QUJD"; skipped' },
      {
        code: 'bad_line',
        line: 8,
        record: 'card 1',
        message: `line 8 is not a property (no ":"): "${'z'.repeat(40)}…"; skipped`,
      },
    ]);
  });

  it('reads a Windows-1252 byte after megabytes of ASCII as Windows-1252, as the whole-file decoder does', () => {
    const bytes = Buffer.concat([
      Buffer.from(card(1, `NOTE:${'a'.repeat(3_000_000)}`)),
      Buffer.from(card(2, 'TITLE:Directeur g\xe9n\xe9ral'), 'latin1'),
    ]);
    const { records } = streamed(bytes, [1 << 20]);
    expect(records[1]?.title).toBe('Directeur général');
  });

  it('decides UTF-8 on the 1 MiB from the first non-ASCII byte: an invalid byte after that reads as U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from(card(1, `NOTE:é${'a'.repeat(2_000_000)}`)),
      Buffer.from(card(2, 'TITLE:Directeur g\xe9n\xe9ral'), 'latin1'),
    ]);
    expect(parseVcard(bytes).records[1]?.title).toBe('Directeur g\ufffdn\ufffdral');
  });
});
