/**
 * A calendar's invitation or answer sent as one part of a multipart message (Thunderbird, Apple
 * Calendar, Fastmail, Zoho…: a text part, then `text/calendar; method=REQUEST`), found in the
 * body bytes without parsing MIME: a part header `Content-Type: text/calendar` with an iTIP
 * method. A `.ics` file attached to a message (no method, or PUBLISH) is someone sharing an
 * event, not a calendar writing: that message is mail like any other.
 */

const SPELLINGS = ['text/calendar', 'TEXT/CALENDAR', 'Text/Calendar'].map((s) => Buffer.from(s, 'latin1'));

/** The methods a calendar sends between organizer and guests (RFC 5546), PUBLISH aside. */
const ITIP_METHOD = /\bmethod\s*=\s*"?(?:request|reply|cancel|counter|declinecounter|add|refresh)\b/i;

/** Whether a header block says its message is multipart: only then can a part be a calendar's. */
export function saysMultipart(headerBytes: Buffer): boolean {
  // "multipart/", "Multipart/" and "MULTIPART/"; a Subject that holds the word only costs a scan
  return headerBytes.indexOf('ultipart/', 0, 'latin1') !== -1 || headerBytes.indexOf('ULTIPART/', 0, 'latin1') !== -1;
}

/** How far past `text/calendar` its header field's parameters are looked for (folded lines too). */
const FIELD_BYTES = 400;

/**
 * Whether `buf[start, end)`, part of a message's body, holds the header of a part that is a
 * calendar's invitation or answer: `Content-Type: text/calendar` at the start of a line, with an
 * iTIP method among its parameters.
 */
export function holdsCalendarPart(buf: Buffer, start: number, end: number): boolean {
  if (end - start < 13) return false;
  // a view of the range: a search of the whole buffer would go on to its end for each message
  const range = buf.subarray(start, end);
  for (const needle of SPELLINGS) {
    let at = range.indexOf(needle);
    while (at !== -1) {
      if (
        isContentTypeValue(buf, start, start + at) &&
        ITIP_METHOD.test(fieldText(buf, start + at, end)) &&
        opensPart(buf, start, start + at) &&
        !forwarded(range, at)
      )
        return true;
      at = range.indexOf(needle, at + needle.length);
    }
  }
  return false;
}

/** Whether the bytes before `at` on its line (which starts at or after `start`) are `Content-Type:` and spaces. */
function isContentTypeValue(buf: Buffer, start: number, at: number): boolean {
  if (at - start < 13) return false;
  const nl = buf.lastIndexOf(0x0a, at - 1);
  const lineStart = nl < start ? start : nl + 1;
  return at - lineStart <= 40 && /^content-type:\s*$/i.test(buf.toString('latin1', lineStart, at));
}

/**
 * Whether the header line holding `at` belongs to a MIME part's header block: the lines before it,
 * back to a boundary line (`--…`), are header fields (or their folded lines). A line quoting such
 * a field in a text part has a blank line or text above it.
 */
function opensPart(buf: Buffer, start: number, at: number): boolean {
  let lineEnd = buf.lastIndexOf(0x0a, at - 1);
  for (let lines = 0; lines < 12; lines++) {
    // the range starts here: what lies before it is not seen (a chunk's edge), so it may be
    if (lineEnd < start) return true;
    const prev = lineEnd <= 0 ? -1 : buf.lastIndexOf(0x0a, lineEnd - 1);
    const lineStart = prev < start ? start : prev + 1;
    const line = buf.toString('latin1', lineStart, lineEnd).replace(/\r$/, '');
    if (line.startsWith('--')) return true;
    if (!/^(?:[!-9;-~]+:|[ \t])/.test(line)) return false;
    lineEnd = prev;
  }
  return false;
}

/** Whether a message forwarded whole (a message/rfc822 part) comes before `at`: its parts are another's. */
function forwarded(range: Buffer, at: number): boolean {
  const before = range.subarray(0, at);
  return before.indexOf('message/rfc822', 0, 'latin1') !== -1 || before.indexOf('MESSAGE/RFC822', 0, 'latin1') !== -1;
}

/** Whether `buf[start, end)` names a message forwarded whole (a message/rfc822 part). */
export function holdsForwardedMessage(buf: Buffer, start: number, end: number): boolean {
  return forwarded(buf.subarray(start, end), end - start);
}

/** The header field from `at` on: its line and the folded lines after it, up to FIELD_BYTES. */
function fieldText(buf: Buffer, at: number, end: number): string {
  const text = buf.toString('latin1', at, Math.min(end, at + FIELD_BYTES));
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    if (!/^[ \t]/.test(line)) break;
    out += line;
  }
  return out;
}
