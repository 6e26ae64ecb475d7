import { type CsvRow, readCsv } from './csv.js';
import type { ParseIssue } from './records.js';

/**
 * A CSV file's text fed in pieces of any size, read in segments of whole records: memory holds a
 * segment, never the file. A segment ends at a line break outside quotes (a quoted value may hold
 * line breaks), once SEGMENT_CHARS have gathered; each is read by readCsv, whose rows and issues
 * come out with their lines in the whole file. The header is the first record of the file.
 *
 * Quotes are counted to find where records end. A stray quote in an unquoted value (which
 * csv-parse reports as a malformed record) upsets the count until the next one; when no record
 * end has been found within MAX_SEGMENT_CHARS, the segment is cut at its last line break anyway
 * and the count starts again there. Only a quoted value longer than that is cut in two, and both
 * halves are reported as malformed.
 */

export interface CsvPiece {
  /** the header, in the piece that read it (the first with any record) */
  readonly header?: string[];
  readonly rows: CsvRow[];
  readonly issues: ParseIssue[];
}

export interface CsvStreamOptions {
  /** The cell separator, chosen from the file's first line (a comma when not given). */
  readonly delimiterOf?: (firstLine: string) => ',' | ';';
  /** Stamped on every issue: the file inside a folder or zip. */
  readonly entry?: string;
  /** Characters gathered before a segment is read (SEGMENT_CHARS; smaller in tests). */
  readonly segmentChars?: number;
  /** Characters gathered without a record end before a segment is cut at any line break (MAX_SEGMENT_CHARS). */
  readonly maxSegmentChars?: number;
}

/** Characters gathered before a segment is read. */
export const SEGMENT_CHARS = 1024 * 1024;
/** Characters gathered without a record end found before a segment is cut at any line break. */
export const MAX_SEGMENT_CHARS = 8 * SEGMENT_CHARS;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class CsvStream {
  private pending = '';
  /** characters of `pending` already looked at */
  private scanned = 0;
  private inQuotes = false;
  /** where the last record found in `pending` ends (after its line break), or 0 */
  private recordEnd = 0;
  /** the line of the whole text where `pending` starts */
  private line = 1;
  private delimiter: ',' | ';' | undefined;
  private header: string[] | undefined;

  private readonly segment: number;
  private readonly maxSegment: number;

  constructor(private readonly opts: CsvStreamOptions = {}) {
    this.segment = opts.segmentChars ?? SEGMENT_CHARS;
    this.maxSegment = Math.max(this.segment, opts.maxSegmentChars ?? MAX_SEGMENT_CHARS);
  }

  /** Characters held between pushes. */
  get bufferedChars(): number {
    return this.pending.length;
  }

  push(text: string): CsvPiece {
    this.pending += text;
    this.scan();
    if (this.pending.length < this.segment) return EMPTY;
    if (this.recordEnd > 0) return this.read(this.recordEnd);
    if (this.pending.length < this.maxSegment) return EMPTY;
    const cut = lastLineBreakEnd(this.pending);
    if (cut === 0) return EMPTY; // one line so far: csv-parse reads it whole at the end (the caller bounds the file)
    this.inQuotes = false;
    const piece = this.read(cut);
    this.scanned = 0;
    this.scan();
    return piece;
  }

  end(): CsvPiece {
    return this.read(this.pending.length);
  }

  /** Finds record ends in the characters not looked at yet. A CR at the very end waits: an LF may follow. */
  private scan(): void {
    const text = this.pending;
    let i = this.scanned;
    const stop = text.length > 0 && text.charCodeAt(text.length - 1) === CR ? text.length - 1 : text.length;
    let inQuotes = this.inQuotes;
    let recordEnd = this.recordEnd;
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (!inQuotes && (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF))) recordEnd = i + 1;
    }
    this.scanned = i;
    this.inQuotes = inQuotes;
    this.recordEnd = recordEnd;
  }

  /** Reads the first `end` characters of what is pending (whole lines) and keeps the rest. */
  private read(end: number): CsvPiece {
    const text = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    this.scanned = Math.max(0, this.scanned - end);
    this.recordEnd = 0;
    const first = this.line;
    this.line += lineBreaks(text);
    if (text.trim() === '') return EMPTY;
    if (this.header === undefined) {
      this.delimiter = this.opts.delimiterOf?.(firstLine(text)) ?? ',';
      const table = readCsv(text, this.csvOptions(false));
      this.header = table.header;
      return { header: table.header, ...shift(table.rows, table.issues, first) };
    }
    const table = readCsv(text, this.csvOptions(true));
    return shift(table.rows, table.issues, first);
  }

  private csvOptions(headerless: boolean) {
    return {
      delimiter: this.delimiter ?? ',',
      headerless,
      ...(this.opts.entry === undefined ? {} : { entry: this.opts.entry }),
    };
  }
}

const EMPTY: CsvPiece = { rows: [], issues: [] };

/** Rows and issues of a segment starting on line `first` of the whole text. */
function shift(rows: CsvRow[], issues: ParseIssue[], first: number): CsvPiece {
  if (first === 1) return { rows, issues };
  const by = first - 1;
  return {
    rows: rows.map((r) => ({ line: r.line + by, cells: r.cells })),
    issues: issues.map((i) => (i.line === null ? i : { ...i, line: i.line + by })),
  };
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

/** Where the last complete line ends (after its break), or 0. A CR at the very end may be half of a CRLF. */
function lastLineBreakEnd(text: string): number {
  for (let i = text.length - 2; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) return i + 1;
  }
  return 0;
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n|\r/);
  return end < 0 ? text : text.slice(0, end);
}
