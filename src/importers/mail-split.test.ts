import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import { HEADER_CAP, headerBlock, looksLikeEmail, looksLikeMbox, MboxSplitter, type RawMessage } from './mail-split.js';

const b = (s: string) => Buffer.from(s, 'latin1');

/** All messages of `input` fed in chunks of the given sizes (cycled), as plain comparable objects. */
function split(input: Buffer, sizes: readonly number[] = [input.length || 1]) {
  const splitter = new MboxSplitter();
  const out: RawMessage[] = [];
  let pos = 0;
  for (let i = 0; pos < input.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    out.push(...splitter.push(input.subarray(pos, pos + size)));
    pos += size;
  }
  out.push(...splitter.end());
  return out.map((m) => ({ ...m, headerBytes: m.headerBytes.toString('latin1') }));
}

// A small mbox with every case the boundary rule decides: BOM, CRLF and LF lines, an mboxrd
// escape, body lines starting with "From " that are not boundaries, a boundary without a blank
// line before it, a message without a body, and a last line without a newline.
const TRICKY = b(
  '\xEF\xBB\xBF' +
    'From alice@example.com Mon May 14 16:39:00 2001\r\n' +
    'From: Alice <alice@example.com>\r\n' +
    'Subject: one\r\n' +
    ' folded\r\n' +
    '\r\n' +
    'body line\r\n' +
    '>From the escaped line\r\n' +
    'From the desk of Alice: not a boundary, the next line is text\r\n' +
    'just text\r\n' +
    '\r\n' +
    'From bob@example.com Tue May 15 10:00:00 2001\n' +
    'From: bob@example.com\n' +
    'Date: Tue, 15 May 2001 10:00:00 +0000\n' +
    '\n' +
    'From here on\n' +
    'text without a blank line before the next message\n' +
    'From carol@example.com Wed May 16 10:00:00 2001\n' +
    'From: carol@example.com\n' +
    'Subject: no body\n' +
    'From dave@example.com Thu May 17 10:00:00 2001\n' +
    'Message-ID: <d@example.com>\n' +
    '\n' +
    'last line without newline',
);

describe('MboxSplitter', () => {
  it('finds boundaries by the documented rule and returns only header blocks', () => {
    const messages = split(TRICKY);
    expect(messages.map((m) => [m.index, m.line])).toEqual([
      [1, 1],
      [2, 11],
      [3, 17],
      [4, 20],
    ]);
    expect(messages[0]?.headerBytes).toBe('From: Alice <alice@example.com>\r\nSubject: one\r\n folded\r\n');
    expect(messages[1]?.headerBytes).toBe('From: bob@example.com\nDate: Tue, 15 May 2001 10:00:00 +0000\n');
    // a From_ line confirmed by the next line ends the previous header block
    expect(messages[2]?.headerBytes).toBe('From: carol@example.com\nSubject: no body\n');
    expect(messages[3]?.headerBytes).toBe('Message-ID: <d@example.com>\n');
    for (const m of messages) expect(TRICKY.subarray(m.byteOffset, m.byteOffset + 5).toString()).toBe('From ');
  });

  it('gives the same messages whatever the chunk boundaries: every split point', () => {
    const whole = split(TRICKY);
    for (let cut = 1; cut < TRICKY.length; cut++) expect(split(TRICKY, [cut, TRICKY.length])).toEqual(whole);
  });

  it('gives the same messages for random chunk sizes', () => {
    const whole = split(TRICKY);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        expect(split(TRICKY, sizes)).toEqual(whole);
      }),
    );
  });

  it('takes the first From line of the file as a boundary even without headers after it', () => {
    expect(split(b('\n\nFrom x\n\nbody\n'))).toEqual([
      { headerBytes: '', line: 3, index: 1, byteOffset: 2, envelope: 'From x' },
    ]);
  });

  it('takes a whole envelope line before an empty line as a message whose headers were lost, any other From line as text', () => {
    const input = b(
      'From a@x Mon Jan  1 10:00:00 2024\nDate: one\n\nbody\n' +
        'From b@x Tue Jan  2 10:00:00 2024\n\nheaders lost\n' +
        'From all of us\n\nFrom c Wed Jan  3\n\n' +
        'From d@x Thu Jan  4 10:00:00 +0100 2024\nDate: four\n\n',
    );
    const messages = split(input);
    expect(messages.map((m) => [m.index, m.line, m.headerBytes])).toEqual([
      [1, 1, 'Date: one\n'],
      [2, 5, ''],
      [3, 12, 'Date: four\n'],
    ]);
    for (let cut = 1; cut < input.length; cut++) expect(split(input, [cut, input.length])).toEqual(messages);
  });

  it('takes a line holding only a BOM as blank', () => {
    expect(split(b('\xEF\xBB\xBF\r\nFrom x\nDate: y\n\n'))).toEqual([
      { headerBytes: 'Date: y\n', line: 2, index: 1, byteOffset: 5, envelope: 'From x' },
    ]);
  });

  it('needs a header line after any other From line, before the first message too', () => {
    const messages = split(b('junk\nFrom a\n\nFrom b\nDate: x\n\n'));
    expect(messages).toEqual([{ headerBytes: 'Date: x\n', line: 4, index: 1, byteOffset: 13, envelope: 'From b' }]);
  });

  it('accepts the obsolete space before a colon in the header line that confirms a boundary', () => {
    const messages = split(b('From a\nDate: x\n\nFrom b\nReturn-Path : <b@x.org>\n\nFrom c\nnot a: header\n'));
    expect(messages.map((m) => m.headerBytes)).toEqual(['Date: x\n', 'Return-Path : <b@x.org>\n']);
  });

  it('reads a CRLF mbox', () => {
    const mbox = b('From a\r\nFrom: a@x.org\r\n\r\nhi\r\n\r\nFrom b\r\nFrom: b@x.org\r\n\r\nho\r\n');
    expect(split(mbox)).toEqual([
      { headerBytes: 'From: a@x.org\r\n', line: 1, index: 1, byteOffset: 0, envelope: 'From a' },
      { headerBytes: 'From: b@x.org\r\n', line: 6, index: 2, byteOffset: 31, envelope: 'From b' },
    ]);
  });

  it('marks a multipart message whose part is a calendar’s invitation, in order, whatever the chunks', () => {
    const input = b(
      [
        'From dan@d.example Mon Jan  6 09:00:00 2025',
        'From: Dan <dan@d.example>',
        'Content-Type: multipart/mixed; boundary="B"',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'You are invited.',
        '--B',
        'Content-Type: text/calendar; charset=UTF-8;',
        ' method=REQUEST',
        '',
        'BEGIN:VCALENDAR',
        '--B--',
        '',
        'From ann@a.example Mon Jan  6 10:00:00 2025',
        'From: Ann <ann@a.example>',
        'Content-Type: multipart/alternative; boundary="C"',
        '',
        '--C',
        'Content-Type: text/plain',
        '',
        'Say it as text/calendar; method=REQUEST if you like.',
        '--C--',
        '',
        'From bo@b.example Mon Jan  6 11:00:00 2025',
        'From: Bo <bo@b.example>',
        '',
        'Content-Type: text/calendar; method=REQUEST (a plain message: its body is not looked at)',
        '',
      ].join('\n'),
    );
    const whole = split(input);
    expect(whole.map((m) => [m.index, m.calendarPart ?? false])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    // split anywhere but inside the part's header field (a chunk of 1 MiB cuts one so only rarely), the same
    const at = input.indexOf('Content-Type: text/calendar');
    const end = input.indexOf('method=REQUEST') + 15;
    for (let cut = 1; cut < input.length; cut++)
      if (cut <= at || cut >= end) expect(split(input, [cut, input.length]), `cut at ${cut}`).toEqual(whole);
  });

  it('keeps a quoted message inside an mboxcl2 body whose Content-Length ends where the next message starts, whatever the chunks', () => {
    const body = [
      'Below is the mail you sent me:',
      '',
      'From carol@example.com Mon Mar  4 09:00:00 2024',
      'From: Carol <carol@example.com>',
      'Subject: quoted',
      '',
      'hello',
      '',
    ].join('\n');
    const cl2 = (length: number) =>
      b(
        [
          'From alice@example.com Mon Mar  4 10:00:00 2024',
          'From: Alice <alice@example.com>',
          `Content-Length: ${length}`,
          '',
          body,
          'From bob@example.com Tue Mar  5 10:00:00 2024',
          'From: Bob <bob@example.com>',
          'Content-Length: 3',
          '',
          'hi',
          '',
        ].join('\n'),
      );
    const right = cl2(Buffer.byteLength(body));
    const whole = split(right);
    expect(whole.map((m) => [m.index, m.headerBytes.split('\n')[0]])).toEqual([
      [1, 'From: Alice <alice@example.com>'],
      [2, 'From: Bob <bob@example.com>'],
    ]);
    for (let cut = 1; cut < right.length; cut += 3) expect(split(right, [cut]), `chunks of ${cut}`).toEqual(whole);
    // the same with the blank line mboxcl2 writers put between messages, and CRLF lines
    const crlf = b(
      right
        .toString('latin1')
        .replace(/\n/g, '\r\n')
        .replace(/Content-Length: \d+/, `Content-Length: ${Buffer.byteLength(body) + 7}`),
    );
    expect(split(crlf).map((m) => m.index)).toEqual([1, 2]);
    // …and with three blank lines after the body
    const spaced = b(right.toString('latin1').replace('\nFrom bob', '\n\n\n\nFrom bob'));
    expect(split(spaced).map((m) => m.index)).toEqual([1, 2]);
    // a Content-Length the body does not end at (mail programs edit bodies without mending it):
    // the boundaries as they are
    for (const wrong of [10, Buffer.byteLength(body) + 40, 10_000_000])
      expect(
        split(cl2(wrong)).map((m) => m.headerBytes.split('\n')[0]),
        `Content-Length ${wrong}`,
      ).toEqual(['From: Alice <alice@example.com>', 'From: Carol <carol@example.com>', 'From: Bob <bob@example.com>']);
  });

  it('leaves the calendar part of a message forwarded whole to its sender, however far the part lies', () => {
    const input = b(
      [
        'From carol@c.example Mon Jan  6 09:00:00 2025',
        'From: Carol <carol@c.example>',
        'Content-Type: multipart/mixed; boundary="A"',
        '',
        '--A',
        'Content-Type: text/plain',
        '',
        'FYI, can you come?',
        '--A',
        'Content-Type: message/rfc822',
        '',
        'From: Dan <dan@d.example>',
        'Content-Type: multipart/alternative; boundary="B"',
        '',
        '--B',
        'Content-Type: text/html',
        '',
        ...Array.from({ length: 2000 }, () => '<p>filler filler filler filler filler filler filler filler</p>'),
        '--B',
        'Content-Type: text/calendar; method=REQUEST',
        '',
        'BEGIN:VCALENDAR',
        '--B--',
        '--A--',
        '',
      ].join('\n'),
    );
    for (const size of [input.length, 4096, 65_536])
      expect(split(input, [size])[0]?.calendarPart, `chunks of ${size}`).toBeUndefined();
  });

  it('cuts a header block at 256 KiB', () => {
    const long = `X-Long: ${'a'.repeat(300 * 1024)}\n`;
    const messages = split(b(`From a\n${long}From: a@x.org\n\nbody\n`), [1000]);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.headerBytes.length).toBe(HEADER_CAP);
  });

  it('skips a 20 MB body holding only bounded memory', () => {
    const body = Buffer.alloc(20_000_000, `${'x'.repeat(99)}\n`); // 200,000 lines
    const oneLine = Buffer.alloc(20 * 1024 * 1024, 'y'); // a body without any newline
    const mbox = Buffer.concat([
      b('From a\nFrom: a@x.org\n\n'),
      body,
      b('\nFrom b\nFrom: b@x.org\n\n'),
      oneLine,
      b('\nFrom c\nFrom: c@x.org\n\n'),
    ]);
    const splitter = new MboxSplitter();
    const messages: RawMessage[] = [];
    let maxBuffered = 0;
    for (let pos = 0; pos < mbox.length; pos += 65536) {
      messages.push(...splitter.push(mbox.subarray(pos, pos + 65536)));
      maxBuffered = Math.max(maxBuffered, splitter.bufferedBytes);
    }
    messages.push(...splitter.end());
    expect(messages.map((m) => m.headerBytes.toString())).toEqual([
      'From: a@x.org\n',
      'From: b@x.org\n',
      'From: c@x.org\n',
    ]);
    expect(messages.map((m) => m.line)).toEqual([1, 200_005, 200_009]);
    expect(maxBuffered).toBeLessThan(1024);
  });

  it('never throws on random bytes, numbers messages in order and points at their From lines', () => {
    const fromish = fc.constantFrom('From x\n', 'From: a\n', '\n', '\r\n', '>From y\n', 'Date: z\n', ' fold\n');
    const input = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fromish.map((s) => b(s)),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(input, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }), (parts, sizes) => {
        const bytes = Buffer.concat(parts.map((p) => Buffer.from(p)));
        const messages = split(bytes, sizes);
        messages.forEach((m, i) => {
          expect(m.index).toBe(i + 1);
          expect(bytes.subarray(m.byteOffset, m.byteOffset + 5).toString('latin1')).toBe('From ');
        });
        expect(messages).toEqual(split(bytes));
      }),
    );
  });
});

describe('looksLikeMbox and looksLikeEmail', () => {
  it('recognises an mbox by its first From line', () => {
    expect(looksLikeMbox(b('From a@b Mon May 14 16:39:00 2001\n'))).toBe(true);
    expect(looksLikeMbox(b('\xEF\xBB\xBF\r\n\nFrom - Mon May 14\n'))).toBe(true);
    expect(looksLikeMbox(b('From: a@b\n'))).toBe(false);
    expect(looksLikeMbox(b('BEGIN:VCARD\n'))).toBe(false);
    // the line after the first From line is a header: binary or prose after it is no mbox
    expect(looksLikeMbox(b('From a@b Mon May 14 16:39:00 2001\nReturn-Path: <a@b>\n'))).toBe(true);
    expect(looksLikeMbox(b('From a@b Mon May 14 16:39:00 2001\n\x00\x01\xff garbage\n'))).toBe(false);
    expect(looksLikeMbox(b('From the desk of the editor\nDear reader,\n'))).toBe(false);
  });

  it('recognises an mbox whose first message has no headers by the next one that has', () => {
    const next = 'From a@b Mon May 14 16:39:00 2001\nFrom: a@b\n';
    expect(looksLikeMbox(b(`From a@b Mon May 14 16:39:00 2001\n\nno headers\n\n${next}`))).toBe(true);
    expect(looksLikeMbox(b(`From a@b Mon May 14\r\n\r\nno headers\r\n\r\n${next.replace(/\n/g, '\r\n')}`))).toBe(true);
    // a From line inside prose, not after a blank line, or not followed by headers, is not one
    expect(looksLikeMbox(b(`From the desk of the editor\nDear reader,\n${next}`))).toBe(false);
    expect(looksLikeMbox(b('From the desk\n\nDear reader,\n\nFrom here on\nit is prose\n'))).toBe(false);
  });

  it('recognises an mbox whose first messages are empty, their From lines one after the other', () => {
    const from = 'From a@b Mon May 14 16:39:00 2001\n';
    expect(looksLikeMbox(b(`${from}${from}${from}From: a@b\nSubject: hi\n\nbody\n`))).toBe(true);
    const crlf = from.replace('\n', '\r\n');
    expect(looksLikeMbox(b(`${crlf}${crlf}From: a@b\r\n`))).toBe(true);
    // a From line after a prose line is still no message's
    expect(looksLikeMbox(b(`${from}Dear reader,\n${from}From: a@b\n`))).toBe(false);
  });

  it('recognises a message by its header lines', () => {
    expect(looksLikeEmail(b('Received: from x\n\tby y\nFrom: a@b\nSubject: hi\n\nbody'))).toBe(true);
    expect(looksLikeEmail(b('Message-ID: <1@x>\r\nDate: Mon, 14 May 2001 16:39:00 -0700 (PDT)\r\nX-Lo'))).toBe(true);
    expect(looksLikeEmail(b('X-Custom: 1\nContent-Type: text/plain\n\n'))).toBe(false);
    expect(looksLikeEmail(b('From a@b Mon May 14\nFrom: a@b\n'))).toBe(false);
    expect(looksLikeEmail(b('First Name,Last Name\nZoe,Smith\n'))).toBe(false);
    expect(looksLikeEmail(b('Subject: hi\nthis is not a header\n'))).toBe(false);
    expect(looksLikeEmail(b('\tfolded first\nFrom: a@b\n'))).toBe(false);
    // a folded line a broken mailer did not indent, among real headers (as an mbox's message reads it)
    const wrapped = 'From: V <v@x.example>\nTo: me@work.example\nSubject: variant\nwrapped without indent\n';
    expect(looksLikeEmail(b(`${wrapped}Date: Mon, 01 Jul 2024 10:00:00 +0000\nMessage-ID: <v8@x>\n\nb\n`))).toBe(true);
    // …but a file of prose under one header line is none
    expect(looksLikeEmail(b('From: nobody\nhello there\nthis is prose\n'))).toBe(false);
  });

  it('takes the header block of a single message', () => {
    expect(headerBlock(b('From: a\r\nTo: b\r\n\r\nbody\r\n\r\nmore')).toString()).toBe('From: a\r\nTo: b\r\n');
    expect(headerBlock(b('From: a\nTo: b')).toString()).toBe('From: a\nTo: b');
    expect(headerBlock(b('From a@b Mon May 14 16:39:00 2001\nFrom: a\n\nbody')).toString()).toBe('From: a\n');
    const huge = b(`From: a\n${'X-Long: y\n'.repeat(30_000)}\nbody`);
    expect(headerBlock(huge).length).toBe(HEADER_CAP);
  });
});

describe.skipIf(skipWithoutSharedData('enron-raw-messages', 'mail-split.test'))('the Enron messages as an mbox', () => {
  const dir = sharedPath('enron-raw-messages/messages');
  const files = readdirSync(dir)
    .sort()
    .map((name) => readFileSync(`${dir}/${name}`));

  /** The mbox of every file, each after a From_ line; the From_ lines' line numbers and offsets. */
  function mbox(mboxrd: boolean, blankBetween: boolean) {
    const parts: Buffer[] = [];
    const lines: number[] = [];
    const offsets: number[] = [];
    let line = 1;
    let offset = 0;
    for (const file of files) {
      let text = file.toString('latin1');
      if (mboxrd) text = text.replace(/^(>*From )/gm, '>$1'); // mboxrd
      if (!text.endsWith('\n')) text += '\n';
      if (blankBetween) text += '\n';
      const part = b(`From MAILER-DAEMON Mon May 14 16:39:00 2001\n${text}`);
      lines.push(line);
      offsets.push(offset);
      line += text.split('\n').length; // the From_ line plus the text's lines
      offset += part.length;
      parts.push(part);
    }
    return { bytes: Buffer.concat(parts), lines, offsets };
  }

  // The header block each file starts with, found another way: everything before the first empty line.
  const expectedHeaders = files.map((f) => {
    const text = f.toString('latin1');
    const end = /\n\r?\n/.exec(text);
    return end ? text.slice(0, end.index + 1) : text;
  });

  it('has 801 files, 6 of them with unescaped body lines starting with "From "', () => {
    // ls messages | wc -l → 801; grep -l '^From ' messages/* | wc -l → 6
    expect(files).toHaveLength(801);
    expect(files.filter((f) => /^From /m.test(f.toString('latin1')))).toHaveLength(6);
  });

  for (const [mboxrd, blankBetween] of [
    [false, true],
    [true, true],
    [false, false],
  ] as const) {
    it(`splits into exactly 801 messages (${mboxrd ? 'mboxrd' : 'mboxo'}, ${blankBetween ? 'blank line' : 'no blank line'} between)`, () => {
      const { bytes, lines, offsets } = mbox(mboxrd, blankBetween);
      const messages = split(bytes, [65536]);
      expect(messages).toHaveLength(801);
      expect(messages.map((m) => m.line)).toEqual(lines);
      expect(messages.map((m) => m.byteOffset)).toEqual(offsets);
      expect(messages.map((m) => m.headerBytes)).toEqual(expectedHeaders);
    });
  }

  it('finds the same header block in each file alone', () => {
    expect(files.map((f) => headerBlock(f).toString('latin1'))).toEqual(expectedHeaders);
    expect(files.every((f) => looksLikeEmail(f.subarray(0, 4096)) && !looksLikeMbox(f))).toBe(true);
  });
});
