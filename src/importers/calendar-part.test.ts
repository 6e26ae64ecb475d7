import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsCalendarPart, saysMultipart } from './calendar-part.js';

const body = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
const holds = (text: string) => {
  const b = body(text);
  return holdsCalendarPart(b, 0, b.length);
};

describe('a calendar part inside a multipart message', () => {
  it('finds an invitation and an answer, with the method on the same line or a folded one', () => {
    expect(
      holds(
        '--B\nContent-Type: text/plain\n\nhi\n--B\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n',
      ),
    ).toBe(true);
    expect(holds('--B\ncontent-type: TEXT/CALENDAR;\n charset="utf-8";\n\tmethod="REPLY"\n\n')).toBe(true);
    expect(holds('--B\nContent-Type:text/calendar; method=CANCEL; charset=UTF-8\n')).toBe(true);
  });

  it('leaves a text part quoting such a header, and an invitation inside a message forwarded whole', () => {
    expect(
      holds(
        '--B\nContent-Type: text/plain\n\nFor Outlook the part must say:\n\nContent-Type: text/calendar; method=REQUEST\n\n--B--\n',
      ),
    ).toBe(false);
    expect(
      holds(
        '--B\nContent-Type: text/plain\n\ncan you join?\n--B\nContent-Type: message/rfc822\n\nFrom: a@x\nContent-Type: multipart/mixed; boundary=C\n\n--C\nContent-Type: text/calendar; method=REQUEST\n\n',
      ),
    ).toBe(false);
  });

  it('leaves an event shared as a file (no method, or PUBLISH), and text that only names the type', () => {
    expect(holds('--B\nContent-Type: text/calendar; name="party.ics"\nContent-Disposition: attachment\n\n')).toBe(
      false,
    );
    expect(holds('--B\nContent-Type: text/calendar; method=PUBLISH\n\n')).toBe(false);
    expect(holds('Send it as text/calendar; method=REQUEST, please.\n')).toBe(false);
    // a method on the next part's header is not this one's
    expect(holds('Content-Type: text/calendar\n\nBEGIN:VCALENDAR\nMETHOD:REQUEST\n')).toBe(false);
  });

  it('looks only within the range it is given', () => {
    const b = body('xxxx\nContent-Type: text/calendar; method=REQUEST\n');
    expect(holdsCalendarPart(b, 0, 4)).toBe(false);
    expect(holdsCalendarPart(b, 6, b.length)).toBe(true);
  });

  it('tells a multipart header block in any case', () => {
    expect(saysMultipart(Buffer.from('Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n'))).toBe(true);
    expect(saysMultipart(Buffer.from('Content-Type: MULTIPART/ALTERNATIVE; boundary=a\r\n'))).toBe(true);
    expect(saysMultipart(Buffer.from('Content-Type: text/plain\r\n'))).toBe(false);
  });

  it('never throws on any bytes and any range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(700), fc.nat(700), (bytes, a, b) => {
        const buf = Buffer.from(bytes);
        const start = Math.min(a, buf.length);
        expect(typeof holdsCalendarPart(buf, start, Math.min(Math.max(start, b), buf.length))).toBe('boolean');
      }),
    );
  });
});
