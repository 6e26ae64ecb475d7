import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailBytes, mailHead } from './mail-bytes.js';

const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
  return b;
};

function streamed(bytes: Uint8Array, size: number): string {
  const m = new MailBytes();
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(m.push(bytes.subarray(i, i + size)));
  out.push(m.end());
  return Buffer.concat(out).toString('utf8');
}

describe('MailBytes', () => {
  const message = 'From: Zoë <zoe@example.org>\r\nSubject: Grüße 👋\r\n\r\nHallo\r\n';

  it('passes UTF-8 and Windows-1252 bytes through as they are', () => {
    const latin = Buffer.from('From: Ren\xe9 <r@x.org>\r\n', 'latin1');
    expect(streamed(Buffer.from(message), 5)).toBe(message);
    expect(mailHead(latin).equals(latin)).toBe(true);
  });

  it('turns UTF-16 (either byte order, with or without a byte order mark) into UTF-8, in chunks of any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.boolean(), fc.boolean(), (size, le, bom) => {
        const body = le ? Buffer.from(message, 'utf16le') : utf16be(message);
        const mark = bom ? (le ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff])) : Buffer.alloc(0);
        // the first chunk decides: it holds at least the first line
        const bytes = Buffer.concat([mark, body]);
        const first = bytes.subarray(0, 40);
        const m = new MailBytes();
        const out = [m.push(first)];
        for (let i = 40; i < bytes.length; i += size) out.push(m.push(bytes.subarray(i, i + size)));
        out.push(m.end());
        expect(Buffer.concat(out).toString('utf8')).toBe(message);
        expect(m.utf16).toBe(true);
      }),
    );
  });

  it('turns CR line ends into LF ones, deciding on the first chunk that holds a line end, and leaves a CR in an LF file', () => {
    const cr = 'From: Zoe <zoe@example.com>\rSubject: Hi\r\rHello\r';
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (size) => {
        expect(streamed(Buffer.from(cr), size)).toBe(cr.replace(/\r/g, '\n'));
        expect(streamed(Buffer.from(message), size)).toBe(message);
      }),
    );
    // a stray CR in a file of LF lines, within a chunk that holds an LF
    expect(streamed(Buffer.from('Subject: a\rb\nFrom: c\n'), 4096)).toBe('Subject: a\rb\nFrom: c\n');
  });
});
