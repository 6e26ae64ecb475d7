/**
 * Splits an mbox into messages without reading their bodies: only each header block is copied
 * out, bodies are skipped where they lie. Works on Buffers fed in chunks of any size; between
 * chunks it keeps at most one partial line (a few bytes in a body, up to HEADER_CAP in a header
 * block) and the header block being collected, so memory stays bounded whatever the file holds.
 *
 * The boundary rule (mboxo, mboxrd and the lenient real world):
 * - the first line of the file that starts with `From ` (after an optional BOM and blank lines)
 *   always starts a message: the caller checked `looksLikeMbox` before splitting;
 * - any later line that starts with `From ` starts a message when the line right after it looks
 *   like a header field (`Name:`, a name without spaces, maybe obsolete spaces before the colon).
 *   A blank line before it is not required, because some exporters omit it, and a missed
 *   boundary silently merges two messages while a false one only yields a header block without
 *   a Date, which the parser reports.
 * So `>From ` lines (mboxrd escapes) never split, and neither do unescaped body lines such as
 * "From the desk of…" followed by text. A body line `From x` followed by a `Name: value` line
 * is taken as a boundary: the price of leniency; except inside a body whose message gives a
 * Content-Length (mboxcl2, which does not escape bodies) that the next boundary confirms: a
 * message split off before that end is held until then, and dropped once a boundary comes right
 * where the declared body ends, a few blank lines after it allowed (a Content-Length no boundary confirms is ignored: mail programs
 * that edit a body leave it wrong).
 *
 * A later `From ` line followed by an empty line is a boundary only when it is a whole envelope
 * line (a sender and an asctime date): a message whose headers were lost, reported by the parser.
 *
 * A header block ends at the first empty line (LF or CRLF), at a confirmed boundary, or at the
 * end of the input. A non-header `From ` line inside a header block is dropped from it.
 */

import { holdsCalendarPart, holdsForwardedMessage, saysMultipart } from './calendar-part.js';

/** One message of an mbox: its header block and where it starts. */
export interface RawMessage {
  /** the header block up to (not including) the first empty line, at most HEADER_CAP bytes */
  readonly headerBytes: Buffer;
  /** 1-based line of the `From ` line */
  readonly line: number;
  /** 1-based message number */
  readonly index: number;
  /** byte offset of the `From ` line in the input (after a BOM) */
  readonly byteOffset: number;
  /** the `From ` line itself (its first 200 bytes, as Latin-1): it dates a message whose headers do not */
  readonly envelope?: string;
  /** a part of its body is a calendar's invitation or answer (see calendar-part.ts) */
  readonly calendarPart?: true;
}

/** Header blocks are cut at 256 KiB: real ones are a few KiB; more is junk or an attack. */
export const HEADER_CAP = 256 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const FROM_ = Buffer.from('From ');
/** A `From ` line as mbox writers write it: a sender without spaces, then an asctime date (`Mon Jan  1 10:00:00 2024`). */
const ENVELOPE =
  /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d\d(?::\d\d)? +(?:[+-]?\w+ +)?\d{4}\s*$/;
const LF_FROM_ = Buffer.from('\nFrom ');
/** Enough of a body line to tell `From ` (after a BOM on the first line), and to keep a `From ` line's envelope (ENVELOPE_BYTES). */
const SMALL_CARRY = 256;
/** What is kept of a `From ` line: its date is within the first bytes of any real one. */
const ENVELOPE_BYTES = 200;

type Mode = 'preamble' | 'headers' | 'body';

interface Pending {
  readonly line: number;
  readonly byteOffset: number;
  readonly envelope: string;
}

export class MboxSplitter {
  private mode: Mode = 'preamble';
  /** complete lines consumed so far */
  private lineNo = 0;
  /** absolute offset of the next chunk's first byte */
  private base = 0;
  private count = 0;
  private sawContent = false;
  /** a `From ` line waiting for the next line to decide whether it is a boundary */
  private pending: Pending | null = null;
  /** the message whose header block is being collected */
  private current: Pending | null = null;
  // the header block: copied parts plus a range of the current buffer not yet copied
  private parts: Buffer[] = [];
  private partsLength = 0;
  private rangeBuf: Buffer | null = null;
  private rangeStart = 0;
  private rangeEnd = 0;
  // the partial line at the end of the previous chunk
  private carry: Buffer = Buffer.alloc(0);
  private carryLength = 0;
  private carryLimit = 0;
  private carryOffset = -1;
  /**
   * A multipart message, handed on once its body has been looked through for a calendar's part
   * (when the next message's header block ends, or at the end of the input)
   */
  private held: RawMessage | null = null;
  /** the message held forwards another whole (a message/rfc822 part): its calendar parts are not its own */
  private heldForwards = false;
  /**
   * mboxcl2: where the body of the last message whose headers give a Content-Length ends, by it
   * (an offset in the input); -1 when none is pending
   */
  private declaredEnd = -1;
  /** whether the message being read starts inside that body (a quoted message, not escaped) */
  private inside = false;
  /** messages split off inside that body: dropped if a boundary comes where it ends, else kept */
  private tentative: RawMessage[] = [];
  private tentativeBytes = 0;

  /** Bytes held between calls (partial line, header blocks): bounded by about 3 × HEADER_CAP. */
  get bufferedBytes(): number {
    return this.carry.length + this.partsLength + (this.held?.headerBytes.length ?? 0) + this.tentativeBytes;
  }

  push(chunk: Buffer): RawMessage[] {
    const out: RawMessage[] = [];
    let pos = 0;
    if (this.carryOffset >= 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.extendCarry(chunk, 0, chunk.length);
        this.base += chunk.length;
        return out;
      }
      this.extendCarry(chunk, 0, nl + 1);
      this.flushCarry(out);
      pos = nl + 1;
    }
    this.scan(chunk, pos, out);
    this.flushRange();
    this.base += chunk.length;
    return out;
  }

  end(): RawMessage[] {
    const out: RawMessage[] = [];
    if (this.carryOffset >= 0) this.flushCarry(out);
    // a `From ` line on the last line has nothing after it: not a boundary
    this.pending = null;
    if (this.current) this.emit(out);
    this.settle(this.base, out, true);
    this.release(out);
    return out;
  }

  /** Processes the complete lines of `chunk` from `pos`, leaving a trailing partial line in the carry. */
  private scan(chunk: Buffer, start: number, out: RawMessage[]): void {
    const len = chunk.length;
    let pos = start;
    while (pos < len) {
      if (this.mode === 'body' && this.pending === null && pos + 5 <= len && !startsWithFrom(chunk, pos)) {
        pos = this.skipBody(chunk, pos);
        continue;
      }
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.startCarry(chunk, pos);
        return;
      }
      this.onLine(chunk, pos, nl, nl + 1, this.base + pos, out);
      pos = nl + 1;
    }
  }

  /**
   * Jumps over body lines to the next line starting with `From ` with one native search,
   * counting the newlines passed. Returns where to go on: that line, or the end of the chunk.
   */
  private skipBody(chunk: Buffer, pos: number): number {
    const hit = chunk.indexOf(LF_FROM_, pos);
    if (hit !== -1) {
      this.lineNo += countLf(chunk, pos, hit + 1);
      this.lookForCalendar(chunk, pos, hit + 1);
      return hit + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= pos) {
      this.lineNo += countLf(chunk, pos, last + 1);
      this.lookForCalendar(chunk, pos, last + 1);
      pos = last + 1;
    }
    if (pos < chunk.length) this.startCarry(chunk, pos);
    return chunk.length;
  }

  /**
   * One complete line: `buf[s, e)` is its content without the LF, `end` is past its terminator.
   * CR before the LF is part of the content here and handled by the tests below.
   */
  private onLine(buf: Buffer, s: number, e: number, end: number, offset: number, out: RawMessage[]): void {
    this.lineNo++;
    if (this.pending) {
      const from = this.pending;
      this.pending = null;
      if (isHeaderLine(buf, s, e)) {
        if (this.current) this.emit(out);
        this.begin(from, out);
        this.appendHeader(buf, s, end);
        return;
      }
      const blank = e === s || (e === s + 1 && buf[s] === CR);
      if (blank && ENVELOPE.test(from.envelope)) {
        // a whole envelope line (sender and date) before an empty header block: a message whose
        // headers were lost, handed on empty so that the parser reports it
        if (this.current) this.emit(out);
        this.begin(from, out);
        this.emit(out);
        return;
      }
      // not a boundary: the `From ` line was body text (or junk in a header block); go on
    }
    const blank = e === s || (e === s + 1 && buf[s] === CR);
    if (this.mode === 'preamble') {
      const bom = this.lineNo === 1 && hasBom(buf, s, e) ? 3 : 0;
      if (startsWithFrom(buf, s + bom, e)) {
        // the first From line of the file opens the first message whatever follows
        const from = { line: this.lineNo, byteOffset: offset + bom, envelope: envelopeOf(buf, s + bom, e) };
        if (this.sawContent) this.pending = from;
        else this.begin(from, out);
      } else if (!(blank || (bom > 0 && e - s <= 4))) this.sawContent = true;
      return;
    }
    if (startsWithFrom(buf, s, e)) {
      if (this.mode === 'headers') this.flushRange();
      this.pending = { line: this.lineNo, byteOffset: offset, envelope: envelopeOf(buf, s, e) };
      return;
    }
    if (this.mode === 'headers') {
      if (blank) {
        const header = this.emit(out);
        // a Content-Length of a message not itself inside another's declared body (mboxcl2)
        const length = header && !this.inside ? contentLength(header) : undefined;
        if (length !== undefined) this.declaredEnd = offset + (end - s) + length;
      } else this.appendHeader(buf, s, end);
    } else if (this.mode === 'body') this.lookForCalendar(buf, s, end);
  }

  /** Marks the message held when body lines `buf[s, e)` hold a calendar's part. */
  private lookForCalendar(buf: Buffer, s: number, e: number): void {
    const held = this.held;
    if (!held || held.calendarPart || this.heldForwards) return;
    if (holdsCalendarPart(buf, s, e)) this.held = { ...held, calendarPart: true };
    // a message forwarded whole: what comes after it is another's (looked for in later chunks too)
    else if (holdsForwardedMessage(buf, s, e)) this.heldForwards = true;
  }

  /** Hands on the message held, its body over. */
  private release(out: RawMessage[]): void {
    if (!this.held) return;
    out.push(this.held);
    this.held = null;
  }

  private begin(from: Pending, out: RawMessage[]): void {
    this.settle(from.byteOffset, out);
    this.mode = 'headers';
    this.sawContent = true;
    this.current = from;
  }

  /**
   * A boundary at `offset` (or the end of the input) against a body's declared end (mboxcl2's
   * Content-Length): before it, the message starting there is inside that body, until shown
   * otherwise; at it (a blank line after it allowed), the Content-Length was right, and messages
   * split off inside the body were lines of it; past it, the Content-Length was wrong (mail
   * programs edit bodies without mending it), and they stand.
   */
  private settle(offset: number, out: RawMessage[], atEnd = false): void {
    if (this.declaredEnd < 0) return;
    // (a body declared to run past the end of the input was not measured right either)
    if (offset < this.declaredEnd && !atEnd) {
      this.inside = true;
      return;
    }
    if (offset >= this.declaredEnd && offset - this.declaredEnd <= END_SLACK) this.count -= this.tentative.length;
    else out.push(...this.tentative);
    this.endTentative();
  }

  private endTentative(): void {
    this.tentative = [];
    this.tentativeBytes = 0;
    this.declaredEnd = -1;
    this.inside = false;
  }

  /** Hands on the message just read, and returns its header block. */
  private emit(out: RawMessage[]): Buffer | undefined {
    const from = this.current;
    if (!from) return undefined;
    this.flushRange();
    const headerBytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.count++;
    this.release(out);
    const raw = {
      headerBytes,
      line: from.line,
      index: this.count,
      byteOffset: from.byteOffset,
      envelope: from.envelope,
    };
    if (this.inside) {
      this.tentative.push(raw);
      this.tentativeBytes += headerBytes.length;
      // more than a body could hold: the Content-Length was wrong, and what was split stands
      if (this.tentative.length > MAX_TENTATIVE || this.tentativeBytes > HEADER_CAP) {
        out.push(...this.tentative);
        this.endTentative();
      }
    }
    // a multipart message waits until its body has been looked through for a calendar's part
    else if (saysMultipart(headerBytes)) {
      this.held = raw;
      this.heldForwards = false;
    } else out.push(raw);
    this.parts = [];
    this.partsLength = 0;
    this.current = null;
    this.mode = 'body';
    return headerBytes;
  }

  /** Extends the uncopied range when the line follows it in the same buffer, else starts a new one. */
  private appendHeader(buf: Buffer, s: number, end: number): void {
    if (this.rangeBuf === buf && this.rangeEnd === s) {
      this.rangeEnd = end;
      return;
    }
    this.flushRange();
    this.rangeBuf = buf;
    this.rangeStart = s;
    this.rangeEnd = end;
  }

  /** Copies the pending header range (within the cap) so the caller's chunk is not retained. */
  private flushRange(): void {
    const buf = this.rangeBuf;
    if (!buf) return;
    this.rangeBuf = null;
    const room = HEADER_CAP - this.partsLength;
    const n = Math.min(this.rangeEnd - this.rangeStart, room);
    if (n <= 0) return;
    const copy = Buffer.allocUnsafe(n);
    buf.copy(copy, 0, this.rangeStart, this.rangeStart + n);
    this.parts.push(copy);
    this.partsLength += n;
  }

  private startCarry(chunk: Buffer, pos: number): void {
    // a body line only needs its first bytes; a line that may be a header needs all of it
    const needsAll = this.mode === 'headers' || this.pending !== null;
    this.carryLimit = needsAll ? HEADER_CAP : SMALL_CARRY;
    this.carryLength = 0;
    this.carryOffset = this.base + pos;
    this.extendCarry(chunk, pos, chunk.length);
  }

  private extendCarry(chunk: Buffer, s: number, e: number): void {
    const n = Math.min(e - s, this.carryLimit - this.carryLength);
    if (n <= 0) return;
    if (this.carry.length < this.carryLength + n) {
      const bigger = Buffer.allocUnsafe(Math.min(this.carryLimit, Math.max(64, (this.carryLength + n) * 2)));
      this.carry.copy(bigger, 0, 0, this.carryLength);
      this.carry = bigger;
    }
    chunk.copy(this.carry, this.carryLength, s, s + n);
    this.carryLength += n;
  }

  /** Processes the carried line once its end is known (or the input ended). */
  private flushCarry(out: RawMessage[]): void {
    const line = this.carry;
    const n = this.carryLength;
    const offset = this.carryOffset;
    this.carryOffset = -1;
    this.carryLength = 0;
    const terminated = n > 0 && line[n - 1] === LF;
    this.onLine(line, 0, terminated ? n - 1 : n, n, offset, out);
    // copy any header bytes out before the carry buffer is reused; give back a long line's buffer
    this.flushRange();
    if (line.length > 4096) this.carry = Buffer.alloc(0);
  }
}

/** Blank lines a writer may put between a declared body's end and the next message (a few CRLFs). */
const END_SLACK = 8;
/** Messages split off inside one declared body at most before its Content-Length is taken for wrong. */
const MAX_TENTATIVE = 100;

const CONTENT_LENGTH = ['Content-Length:', 'content-length:', 'CONTENT-LENGTH:', 'Content-length:'].map((n) =>
  Buffer.from(n, 'latin1'),
);

/** The Content-Length a header block gives (mboxcl2, and some Solaris and Eudora mailboxes), if any. */
function contentLength(header: Buffer): number | undefined {
  for (const name of CONTENT_LENGTH) {
    const at = header.indexOf(name);
    if (at === -1 || (at > 0 && header[at - 1] !== LF)) continue;
    const start = at + name.length;
    const nl = header.indexOf(LF, start);
    const value = /^[ \t]*(\d{1,12})[ \t]*\r?$/.exec(header.toString('latin1', start, nl === -1 ? header.length : nl));
    return value ? Number(value[1]) : undefined;
  }
  return undefined;
}

/**
 * Whether the bytes start like an mbox: a `From ` line, maybe after a BOM and blank lines, then a
 * header line (`Name: value`) when the sample holds the next line at all.
 */
export function looksLikeMbox(firstBytes: Buffer): boolean {
  const s = skipBomAndBlankLines(firstBytes);
  if (!startsWithFrom(firstBytes, s, firstBytes.length)) return false;
  const nl = firstBytes.indexOf(LF, s);
  if (nl === -1 || nl + 1 >= firstBytes.length) return true;
  const next = nl + 1;
  const end = firstBytes.indexOf(LF, next);
  if (isHeaderLine(firstBytes, next, end === -1 ? firstBytes.length : end)) return true;
  // a first message without headers (a broken export) does not make the file no mbox: a later
  // "From " line after a blank line, or right after the "From " line of an empty message,
  // followed by headers, does
  let previousLine = s;
  for (let at = firstBytes.indexOf(NEXT_FROM, next - 1); at !== -1; at = firstBytes.indexOf(NEXT_FROM, at + 1)) {
    const afterBlank = firstBytes[at - 1] === LF || (firstBytes[at - 1] === CR && firstBytes[at - 2] === LF);
    const afterEnvelope =
      firstBytes.lastIndexOf(LF, at - 1) + 1 === previousLine && startsWithFrom(firstBytes, previousLine, at);
    previousLine = at + 1;
    if (!afterBlank && !afterEnvelope) continue;
    const lineEnd = firstBytes.indexOf(LF, at + 1);
    if (lineEnd === -1 || lineEnd + 1 >= firstBytes.length) return false;
    const headerEnd = firstBytes.indexOf(LF, lineEnd + 1);
    if (isHeaderLine(firstBytes, lineEnd + 1, headerEnd === -1 ? firstBytes.length : headerEnd)) return true;
  }
  return false;
}

/** A "From " line after a line break: where an mbox's next message may start. */
const NEXT_FROM = Buffer.from('\nFrom ');

const EMAIL_MARKERS = new Set(['from', 'date', 'message-id', 'subject', 'received', 'return-path']);

/**
 * Whether the bytes start like one RFC 822 message: header lines (`Name: value`, folded lines
 * allowed) up to the first blank line or the end of the sample, at least one of them a field
 * every mail has.
 */
export function looksLikeEmail(firstBytes: Buffer): boolean {
  let pos = skipBomAndBlankLines(firstBytes);
  let marker = false;
  let lines = 0;
  let headers = 0;
  // lines that are no header: a folded line a broken mailer did not indent; one in three at most
  let strays = 0;
  while (pos < firstBytes.length) {
    const nl = firstBytes.indexOf(LF, pos);
    const e = nl === -1 ? firstBytes.length : nl;
    const blank = e === pos || (e === pos + 1 && firstBytes[pos] === CR);
    if (blank) break;
    const folded = firstBytes[pos] === 0x20 || firstBytes[pos] === 0x09;
    if (folded) {
      if (lines === 0) return false;
    } else if (isHeaderLine(firstBytes, pos, e)) {
      headers++;
      const name = firstBytes.toString('latin1', pos, firstBytes.indexOf(COLON, pos)).trim().toLowerCase();
      if (EMAIL_MARKERS.has(name)) marker = true;
    } else if (nl !== -1) {
      // a line cut by the end of the sample may be anything
      if (lines === 0) return false;
      strays++;
    }
    lines++;
    if (nl === -1) break;
    pos = nl + 1;
  }
  return marker && strays * 3 <= headers;
}

/**
 * The header block of a single message (an .eml file): up to the first empty line, at most
 * HEADER_CAP bytes, without a leading mbox `From ` line (messages saved out of an mbox keep it).
 * A view of the input, not a copy.
 */
export function headerBlock(bytes: Buffer): Buffer {
  let pos = skipBomAndBlankLines(bytes);
  if (startsWithFrom(bytes, pos)) {
    const nl = bytes.indexOf(LF, pos);
    pos = nl === -1 ? bytes.length : nl + 1;
  }
  const start = pos;
  while (pos < bytes.length) {
    const nl = bytes.indexOf(LF, pos);
    if (nl === -1) return capped(bytes, start, bytes.length);
    if (nl === pos || (nl === pos + 1 && bytes[pos] === CR)) return capped(bytes, start, pos);
    pos = nl + 1;
    if (pos - start >= HEADER_CAP) break;
  }
  return capped(bytes, start, pos);
}

function capped(bytes: Buffer, s: number, e: number): Buffer {
  return bytes.subarray(s, Math.min(e, s + HEADER_CAP));
}

function skipBomAndBlankLines(bytes: Buffer): number {
  let pos = hasBom(bytes, 0, bytes.length) ? 3 : 0;
  while (pos < bytes.length) {
    const b = bytes[pos];
    if (b === LF || b === CR || b === 0x20 || b === 0x09) pos++;
    else break;
  }
  return pos;
}

function hasBom(buf: Buffer, s: number, e: number): boolean {
  return e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf;
}

function startsWithFrom(buf: Buffer, s: number, e: number = buf.length): boolean {
  return (
    e - s >= 5 &&
    buf[s] === FROM_[0] &&
    buf[s + 1] === FROM_[1] &&
    buf[s + 2] === FROM_[2] &&
    buf[s + 3] === FROM_[3] &&
    buf[s + 4] === FROM_[4]
  );
}

/** `Name:` at the start of a line: printable ASCII without space or colon, maybe spaces (obsolete), a colon. */
function isHeaderLine(buf: Buffer, s: number, e: number): boolean {
  let i = s;
  while (i < e && (buf[i] as number) > 0x20 && (buf[i] as number) < 0x7f && buf[i] !== COLON) i++;
  if (i === s) return false;
  while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  return i < e && buf[i] === COLON;
}

function countLf(buf: Buffer, s: number, e: number): number {
  let n = 0;
  let i = buf.indexOf(LF, s);
  while (i !== -1 && i < e) {
    n++;
    i = buf.indexOf(LF, i + 1);
  }
  return n;
}

function envelopeOf(buf: Buffer, s: number, e: number): string {
  return buf.toString('latin1', s, Math.min(e, s + ENVELOPE_BYTES)).replace(/\r$/, '');
}
