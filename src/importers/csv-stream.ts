import { type CsvDelimiter, type CsvRow, readCsv } from './csv.js';
import type { ParseIssue } from './records.js';

/**
 * A CSV file's text fed in pieces of any size, read in segments of whole records: memory holds a
 * segment, never the file. A segment ends at a line break outside quotes (a quoted value may hold
 * line breaks), once SEGMENT_CHARS have gathered; each is read by readCsv, whose rows and issues
 * come out with their lines in the whole file. The header is the first record of the file (after
 * an Excel `sep=;` line, which names the separator).
 *
 * Record ends are found as csv-parse finds them: a quote opens a quoted value only at the start
 * of a value, `""` inside one is a quote, and a quote elsewhere is text. A quoted value is held
 * whole however many lines it has (a note of a megabyte is a note), up to MAX_QUOTED_CHARS. A
 * quote that opens a value by mistake (`,"Engineer,` never closed) makes every later line break
 * look like one inside a value: once a value has run STRAY_CHECK_CHARS, and again at
 * MAX_QUOTED_CHARS, its lines are looked at, and when most are as wide as the header they are
 * records: the search for record ends starts again on the line after the quote, as readCsv starts
 * again after a record whose quote is never closed. A value still open past MAX_QUOTED_CHARS
 * whose lines are not records makes a record too large to keep: it is stepped over, unkept,
 * to where its value closes and the record ends, and reported once (`record_too_long`): its lines
 * never become records. When no record end has been found within MAX_SEGMENT_CHARS outside a
 * quoted value (a file of one line), the segment is cut at its last line break anyway; a
 * line that runs past MAX_SEGMENT_CHARS without any line break is reported (`line_too_long`) and
 * stepped over up to its end without being kept, so no line, however long, is held whole.
 */

export interface CsvPiece {
  /** the header, in the piece that read it (the first with any record) */
  readonly header?: string[];
  readonly rows: CsvRow[];
  readonly issues: ParseIssue[];
}

export interface CsvStreamOptions {
  /** The cell separator, chosen from the file's first line (a comma when not given). */
  readonly delimiterOf?: (firstLine: string) => CsvDelimiter;
  /** Stamped on every issue: the file inside a folder or zip. */
  readonly entry?: string;
  /** Characters gathered before a segment is read (SEGMENT_CHARS; smaller in tests). */
  readonly segmentChars?: number;
  /** Characters gathered without a record end before a segment is cut at any line break (MAX_SEGMENT_CHARS). */
  readonly maxSegmentChars?: number;
  /** A quoted value open longer than this is a stray quote (MAX_QUOTED_CHARS; smaller in tests). */
  readonly maxQuotedChars?: number;
}

/** Characters gathered before a segment is read. */
export const SEGMENT_CHARS = 1024 * 1024;
/** Characters gathered without a record end found before a segment is cut at any line break. */
export const MAX_SEGMENT_CHARS = 8 * SEGMENT_CHARS;
/** The longest quoted value held: past it, a quote opened by mistake or a record too large to keep. */
export const MAX_QUOTED_CHARS = 16 * 1024 * 1024;
/** How long a quoted value runs before its lines are looked at, in case its quote was opened by mistake. */
const STRAY_CHECK_CHARS = 256 * 1024;
/** How many lines inside an over-long quoted value are looked at to tell records from a value's lines. */
const SAMPLE_LINES = 50;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class CsvStream {
  private pending = '';
  /** characters of `pending` already looked at */
  private scanned = 0;
  private inQuotes = false;
  /** the next character starts a value (after a separator or a line break) */
  private valueStart = true;
  /** where the quoted value being read opened, in `pending` */
  private quoteAt = 0;
  /** where the last record found in `pending` ends (after its line break), or 0 */
  private recordEnd = 0;
  /** the line of the whole text where `pending` starts */
  private line = 1;
  private delimiter: CsvDelimiter | undefined;
  private separator = 0x2c;
  private header: string[] | undefined;
  /** stepping over the rest of a line too long to keep */
  private skipping = false;
  /** stepping over a record whose quoted value runs past maxQuoted: its first line, once pending starts there */
  private oversized: { line: number | undefined } | undefined;
  /** the header's width, or the first line's until the header is read */
  private width = 0;
  /** how long the open quoted value may run before its lines are looked at (see scan) */
  private strayCheckAt = 0;
  private readonly segment: number;
  private readonly maxSegment: number;
  private readonly maxQuoted: number;

  constructor(private readonly opts: CsvStreamOptions = {}) {
    this.segment = opts.segmentChars ?? SEGMENT_CHARS;
    this.maxSegment = Math.max(this.segment, opts.maxSegmentChars ?? MAX_SEGMENT_CHARS);
    this.maxQuoted = opts.maxQuotedChars ?? MAX_QUOTED_CHARS;
  }

  /** Characters held between pushes. */
  get bufferedChars(): number {
    return this.pending.length;
  }

  push(text: string): CsvPiece {
    this.pending += text;
    if (this.skipping && !this.skipLine()) return EMPTY;
    if (this.delimiter === undefined && !this.chooseDelimiter(false)) return EMPTY;
    this.scan();
    if (this.oversized) return this.stepOver();
    if (this.pending.length < this.segment) return EMPTY;
    if (this.recordEnd > 0) return this.read(this.recordEnd);
    // an open quoted value is held until it closes or runs past maxQuoted (see scan)
    if (this.inQuotes || this.pending.length < this.maxSegment) return EMPTY;
    const cut = lastLineBreakEnd(this.pending);
    if (cut === 0) return this.tooLong();
    const piece = this.read(cut);
    this.inQuotes = false;
    this.valueStart = true;
    this.scanned = 0;
    this.scan();
    return piece;
  }

  end(): CsvPiece {
    if (this.skipping) return EMPTY;
    if (this.oversized) {
      // the value never closed: the record ran to the end of the text
      const from = this.oversized.line ?? this.line;
      this.line += lineBreaks(this.pending);
      this.pending = '';
      this.oversized = undefined;
      return { rows: [], issues: [this.oversizedIssue(from, this.line)] };
    }
    if (this.delimiter === undefined) this.chooseDelimiter(true);
    return this.read(this.pending.length);
  }

  /**
   * Steps over a record whose quoted value ran past maxQuoted: the records before it are read,
   * then what is scanned of it is dropped as it comes, until its record end; then it is reported
   * once and what follows is read as usual.
   */
  private stepOver(): CsvPiece {
    const over = this.oversized as { line: number | undefined };
    if (over.line === undefined) {
      // recordEnd is where the record starts: the records before it are read first
      const before = this.recordEnd > 0 ? this.read(this.recordEnd) : EMPTY;
      over.line = this.line;
      this.dropScanned();
      return joined(before, this.push(''));
    }
    if (this.recordEnd === 0) {
      this.dropScanned();
      return EMPTY;
    }
    const end = this.recordEnd;
    const lines = lineBreaks(this.pending.slice(0, end));
    const issue = this.oversizedIssue(over.line, this.line + lines - 1);
    this.pending = this.pending.slice(end);
    this.scanned -= end;
    this.quoteAt -= end;
    this.recordEnd = 0;
    this.line += lines;
    this.oversized = undefined;
    return joined({ rows: [], issues: [issue] }, this.push(''));
  }

  /** Drops what is scanned of the record being stepped over (a CR at its end waits: it may be half of a CRLF). */
  private dropScanned(): void {
    let end = this.scanned;
    if (end > 0 && this.pending.charCodeAt(end - 1) === CR) end--;
    this.line += lineBreaks(this.pending.slice(0, end));
    this.pending = this.pending.slice(end);
    this.scanned -= end;
    this.quoteAt -= end;
  }

  private oversizedIssue(from: number, to: number): ParseIssue {
    const span = to > from ? `on lines ${from}–${to}` : `on line ${from}`;
    return {
      line: from,
      code: 'record_too_long',
      message: `the record ${span} holds a quoted value over ${this.maxQuoted.toLocaleString('en-US')} characters; skipped`,
      dropped: true,
      ...(this.opts.entry === undefined ? {} : { entry: this.opts.entry }),
    };
  }

  /**
   * Whether the lines inside a quoted value open since `quoteAt` are records (most of those looked
   * at are as wide as the header, split at the separator): then its quote was opened by mistake.
   */
  private holdsRecords(text: string, quoteAt: number): boolean {
    let at = lineBreakEnd(text, quoteAt);
    let wide = 0;
    let seen = 0;
    while (at >= 0 && seen < SAMPLE_LINES) {
      const next = lineBreakEnd(text, at);
      if (next < 0) break;
      const line = text.slice(at, next).replace(/\r?\n$|\r$/, '');
      at = next;
      if (line.trim() === '') continue;
      seen++;
      if (line.split(this.delimiter ?? ',').length === this.width) wide++;
    }
    return seen > 0 && wide * 2 > seen;
  }

  /** The line pending runs past the longest kept: reported, and stepped over to its end. */
  private tooLong(): CsvPiece {
    const issue: ParseIssue = {
      line: this.line,
      code: 'line_too_long',
      message: `line ${this.line} runs over ${this.maxSegment.toLocaleString('en-US')} characters without a line break; skipped`,
      dropped: true,
      ...(this.opts.entry === undefined ? {} : { entry: this.opts.entry }),
    };
    this.skipping = true;
    this.skipLine();
    return { rows: [], issues: [issue] };
  }

  /** Drops what is pending up to the end of the line being stepped over; false while it goes on. */
  private skipLine(): boolean {
    const end = lineBreakEnd(this.pending, 0);
    if (end < 0) {
      // a CR at the very end may be half of a CRLF
      this.pending = this.pending.endsWith('\r') ? '\r' : '';
      return false;
    }
    this.pending = this.pending.slice(end);
    this.line++;
    this.skipping = false;
    this.scanned = 0;
    this.inQuotes = false;
    this.valueStart = true;
    this.recordEnd = 0;
    return true;
  }

  /**
   * Picks the separator once the first line is complete (or the text ended, or ran long): from an
   * Excel `sep=;` line, which is then dropped, else with `delimiterOf`. False while waiting.
   */
  private chooseDelimiter(atEnd: boolean): boolean {
    const text = this.pending.startsWith('\uFEFF') ? this.pending.slice(1) : this.pending;
    const m = /\r\n|\r|\n/.exec(text);
    if (!m && !atEnd && text.length < this.maxSegment) return false;
    const first = m ? text.slice(0, m.index) : text;
    const sep = /^"?sep=([,;\t|])"?$/i.exec(first.trim());
    if (sep && m) {
      this.pending = text.slice(m.index + m[0].length);
      this.line++;
    }
    this.delimiter = sep ? (sep[1] as CsvDelimiter) : (this.opts.delimiterOf?.(first) ?? ',');
    this.separator = this.delimiter.charCodeAt(0);
    const header = sep && m ? /^[^\r\n]*/.exec(this.pending)?.[0] : first;
    this.width = (header ?? '').split(this.delimiter).length;
    return true;
  }

  /**
   * Finds record ends in the characters not looked at yet (see the comment at the top). A CR, or a
   * quote inside a quoted value, at the very end waits: what follows decides what it is.
   */
  private scan(): void {
    const text = this.pending;
    const n = text.length;
    let i = this.scanned;
    let { inQuotes, valueStart, quoteAt, recordEnd } = this;
    for (; i < n; i++) {
      // a record being stepped over ends at its first record end
      if (recordEnd > 0 && this.oversized) break;
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 === n) break;
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else inQuotes = false;
        } else if (!this.oversized && i - quoteAt > this.strayCheckAt) {
          // looked at early (a quote opened by mistake is common), and again at maxQuoted
          const records = lineBreakEnd(text, quoteAt) >= 0 && this.holdsRecords(text, quoteAt);
          if (!records && i - quoteAt <= this.maxQuoted) {
            this.strayCheckAt = this.maxQuoted;
            continue;
          }
          if (!records) {
            // a record too large to keep: stepped over to its end (see stepOver)
            this.oversized = { line: undefined };
            break;
          }
          // a quote that opened a value by mistake: records start again on the line after it
          const next = lineBreakEnd(text, quoteAt);
          if (next < 0) break;
          inQuotes = false;
          valueStart = true;
          recordEnd = next;
          i = next - 1;
        }
        continue;
      }
      if (c === this.separator) valueStart = true;
      else if (c === QUOTE && valueStart) {
        inQuotes = true;
        quoteAt = i;
        this.strayCheckAt = Math.min(STRAY_CHECK_CHARS, this.maxQuoted);
        valueStart = false;
      } else if (c === LF) {
        recordEnd = i + 1;
        valueStart = true;
      } else if (c === CR) {
        if (i + 1 === n) break;
        if (text.charCodeAt(i + 1) !== LF) recordEnd = i + 1;
        valueStart = true;
      } else valueStart = false;
    }
    this.scanned = i;
    this.inQuotes = inQuotes;
    this.valueStart = valueStart;
    this.quoteAt = quoteAt;
    this.recordEnd = recordEnd;
  }

  /** Reads the first `end` characters of what is pending (whole lines) and keeps the rest. */
  private read(end: number): CsvPiece {
    const text = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    this.scanned = Math.max(0, this.scanned - end);
    this.quoteAt -= end;
    this.recordEnd = 0;
    const first = this.line;
    this.line += lineBreaks(text);
    if (text.trim() === '') return EMPTY;
    const delimiter = this.delimiter ?? ',';
    const entry = this.opts.entry === undefined ? {} : { entry: this.opts.entry };
    if (this.header === undefined) {
      const table = readCsv(text, { delimiter, width: 'header', firstLine: first, ...entry });
      this.header = table.header;
      if (table.header.length > 0) this.width = table.header.length;
      return { header: table.header, rows: table.rows, issues: table.issues };
    }
    const table = readCsv(text, { delimiter, headerless: true, width: this.header.length, firstLine: first, ...entry });
    return { rows: table.rows, issues: table.issues };
  }
}

const EMPTY: CsvPiece = { rows: [], issues: [] };

function joined(a: CsvPiece, b: CsvPiece): CsvPiece {
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  const header = a.header ?? b.header;
  return { ...(header ? { header } : {}), rows: [...a.rows, ...b.rows], issues: [...a.issues, ...b.issues] };
}

/** Line breaks as readCsv counts lines: CRLF, LF and a lone CR each end one. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

/** Where the line holding `from` ends (after its break), or -1 when its end is not known yet. */
function lineBreakEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 === text.length) return -1;
      return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    }
  }
  return -1;
}

/** Where the last complete line ends (after its break), or 0. A CR at the very end may be half of a CRLF. */
function lastLineBreakEnd(text: string): number {
  for (let i = text.length - 2; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) return i + 1;
  }
  return 0;
}
