import { type CsvError, parse } from 'csv-parse/sync';
import type { ParseIssue } from './records.js';

/**
 * CSV reading shared by the LinkedIn and Google Contacts importers: csv-parse does the quoting;
 * this module adds exact 1-based line numbers, turns a malformed record into an issue while the
 * rest of the file still parses, and finds a header below a preamble (LinkedIn's Connections.csv).
 */

export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvRow {
  /** 1-based line where the record starts in the text (a quoted value may span several lines) */
  readonly line: number;
  readonly cells: string[];
}

export interface CsvTable {
  readonly header: string[];
  /** where the header is, or null when there is none */
  readonly headerLine: number | null;
  readonly rows: CsvRow[];
  readonly issues: ParseIssue[];
}

export interface ReadCsvOptions {
  /** Picks the header among the first records; the records above it are a preamble and dropped. Default: the first record. */
  readonly findHeader?: (cells: readonly string[]) => boolean;
  /** Stamped on every issue: the file inside a folder or zip. */
  readonly entry?: string;
  /** The separator of cells: a comma unless told (Excel in much of Europe writes semicolons, its "Unicode text" tabs). */
  readonly delimiter?: CsvDelimiter;
  /**
   * How many cells a record has (a number, or 'header': as many as the header, the record
   * findHeader picks when there is one): after a record whose quote is never closed, the records
   * read again from the next line that are not this wide are taken as the rest of that record's
   * value (lines of a note cut off by a truncated file) and skipped with it, until one is.
   */
  readonly width?: number | 'header';
  /** The line of a whole file where this text starts (a later segment of it): every line said is in the file. */
  readonly firstLine?: number;
  /** Every record is a row: the text is a later part of a file whose header came before (see csv-stream.ts). */
  readonly headerless?: boolean;
}

/**
 * How many times an unclosed quote may make us parse again further down before we give up on the
 * rest of the file: each restart reads the remainder again, so this bounds the work on a broken file.
 */
const MAX_RESTARTS = 100;

/** How far down a header is looked for first (LinkedIn's preamble is three lines). */
const PREAMBLE_LINES = 50;

export function readCsv(text: string, opts: ReadCsvOptions = {}): CsvTable {
  // byte offsets from csv-parse are exact where its line counts are not (it counts a CRLF inside
  // quotes as two lines), so lines are worked out from offsets into these bytes
  const bytes = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
  const lines = new LineTable(bytes);
  const table: CsvTable = opts.headerless
    ? { header: [], headerLine: null, ...readRecords(bytes, lines, 0, bytes.length, opts) }
    : (opts.findHeader && belowPreamble(bytes, lines, opts.findHeader, opts)) ||
      withHeader(readRecords(bytes, lines, 0, bytes.length, opts), opts.findHeader);
  // issues are said with the file's lines as they are made; rows and the header move here
  const base = (opts.firstLine ?? 1) - 1;
  if (base === 0) return table;
  return {
    ...table,
    headerLine: table.headerLine === null ? null : table.headerLine + base,
    rows: table.rows.map((r) => ({ line: r.line + base, cells: r.cells })),
  };
}

/**
 * Finds the header in the first lines, then parses from it. csv-parse expects every record to be
 * as long as the first, and builds an error (stack trace and all) for each one that is not, even
 * when told to relax: starting at the header instead of a one-cell preamble saves that per row.
 */
function belowPreamble(
  bytes: Buffer,
  lines: LineTable,
  findHeader: NonNullable<ReadCsvOptions['findHeader']>,
  opts: ReadCsvOptions,
): CsvTable | undefined {
  const end = lines.startOf(PREAMBLE_LINES + 1);
  if (end === undefined || end >= bytes.length) return undefined;
  const head = readRecords(bytes, lines, 0, end, opts);
  const header = head.rows.find((r) => findHeader(r.cells));
  const start = header && lines.startOf(header.line);
  if (!header || start === undefined) return undefined;
  const rest = readRecords(bytes, lines, start, bytes.length, opts);
  return {
    header: header.cells.map((h) => h.trim()),
    headerLine: header.line,
    rows: rest.rows.filter((r) => r.line > header.line),
    issues: [...head.issues.filter((i) => (i.line ?? 0) < header.line), ...rest.issues],
  };
}

/** Every record between two offsets, restarting after an unclosed quote. */
function readRecords(bytes: Buffer, lines: LineTable, from: number, to: number, opts: ReadCsvOptions): Chunk {
  const rows: CsvRow[] = [];
  const issues: ParseIssue[] = [];
  let offset = from;
  let width = typeof opts.width === 'number' ? opts.width : undefined;
  let unclosed: Unclosed | undefined;
  for (let restarts = 0; offset < to; restarts++) {
    if (restarts > MAX_RESTARTS) {
      issues.push(issue(lines.lineAt(offset), 'too many malformed records; the rest of the file was not read', opts));
      break;
    }
    const chunk = parseFrom(bytes, offset, to, lines, opts);
    let kept = chunk.rows;
    let said = chunk.issues;
    if (unclosed && width !== undefined) {
      // lines read again after a broken record that are not records: the rest of its value
      const at = kept.findIndex((r) => r.cells.length === width);
      const next = at < 0 ? undefined : (kept[at] as CsvRow).line;
      const last = next === undefined ? lines.lineAt(Math.max(offset, endOfContent(bytes, to) - 1)) : next - 1;
      if (last > unclosed.to) {
        const index = issues.indexOf(unclosed.issue);
        unclosed = { ...unclosed, to: last, issue: skipIssue(unclosed.line, last, unclosed.reason, opts) };
        issues[index] = unclosed.issue;
        kept = at < 0 ? [] : kept.slice(at);
        // what was said of those lines is said by that record's issue now
        const end = last + (opts.firstLine ?? 1) - 1;
        said = said.filter((i) => i.line === null || i.line > end);
      }
    }
    for (const row of kept) rows.push(row);
    if (opts.width === 'header' && width === undefined) width = headerWidth(rows, opts.findHeader);
    for (const i of said) issues.push(i);
    unclosed = chunk.unclosed;
    if (chunk.resumeAt === undefined) break;
    offset = chunk.resumeAt;
  }
  return { rows, issues };
}

/**
 * The header's width among the rows read so far: the first row's, or with findHeader the row it
 * picks (a preamble above it, as Connections.csv's one-value notes, is not as wide); undefined
 * until it is read.
 */
function headerWidth(rows: readonly CsvRow[], findHeader: ReadCsvOptions['findHeader']): number | undefined {
  const header = findHeader ? rows.find((r) => findHeader(r.cells)) : rows[0];
  return header?.cells.length;
}

/** The end of the text without its trailing line breaks. */
function endOfContent(bytes: Buffer, to: number): number {
  let e = to;
  while (e > 0 && (bytes[e - 1] === 0x0a || bytes[e - 1] === 0x0d)) e--;
  return e;
}

/** A lookup from a column name (case-insensitive, trimmed) to its index, or -1. The first of duplicate names wins. */
export function headerIndex(header: readonly string[]): (name: string) => number {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!byName.has(key)) byName.set(key, i);
  });
  return (name) => byName.get(normaliseHeader(name)) ?? -1;
}

export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/** The trimmed cell at an index, '' when the row is short or the index is -1. */
export function cellAt(cells: readonly string[], index: number): string {
  return index < 0 ? '' : (cells[index] ?? '').trim();
}

function withHeader({ rows: records, issues }: Chunk, findHeader: ReadCsvOptions['findHeader']): CsvTable {
  const at = findHeader ? records.findIndex((r) => findHeader(r.cells)) : records.length > 0 ? 0 : -1;
  const head = records[at];
  if (!head) return { header: [], headerLine: null, rows: findHeader ? [] : records, issues };
  return { header: head.cells.map((h) => h.trim()), headerLine: head.line, rows: records.slice(at + 1), issues };
}

interface Chunk {
  rows: CsvRow[];
  issues: ParseIssue[];
  /** where to parse again when an unclosed quote swallowed the rest of the file */
  resumeAt?: number;
  /** the record whose quote is never closed, when there is one, and the issue said of it */
  unclosed?: Unclosed;
}

interface Unclosed {
  readonly line: number;
  readonly to: number;
  readonly reason: string;
  readonly issue: ParseIssue;
}

/** A row read, or a record skipped: from the line it starts on to the line where csv-parse gave up on it. */
type Event =
  | { kind: 'row'; row: CsvRow; endByte: number }
  // a record of empty values (",,"): no row, but read (a broken record after it starts after it)
  | { kind: 'blank'; endByte: number }
  | { kind: 'skip'; line: number; to: number; reason: string };

/**
 * Parses the bytes between two offsets. csv-parse skips a record with a stray quote and goes on,
 * but an unclosed quote runs to the end: then the record is reported where it starts and the
 * caller parses again from the line after it.
 */
function parseFrom(bytes: Buffer, offset: number, to: number, lines: LineTable, opts: ReadCsvOptions): Chunk {
  const baseLine = lines.lineAt(offset);
  const events: Event[] = [];
  // csv-parse's line count drifts from ours on a CRLF inside quotes: measured on the last good row
  let drift = 0;
  let unclosed = false;
  let broken: { line: number; reason: string } | undefined;
  try {
    parse(bytes.subarray(offset, to), {
      relax_column_count: true,
      delimiter: opts.delimiter ?? ',',
      skip_empty_lines: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (cells: string[], info) => {
        const endByte = offset + info.bytes;
        const end = lines.lineAt(lastContentByte(bytes, endByte, offset));
        drift = end - (baseLine - 1 + info.lines);
        // a line of spaces is a record to csv-parse, and nothing to us
        if (cells.some((c) => c.trim() !== ''))
          events.push({ kind: 'row', row: { line: end - lineBreaks(cells), cells }, endByte });
        else events.push({ kind: 'blank', endByte });
        return null;
      },
      on_skip: (err: CsvError | undefined) => {
        if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
        else {
          // the record starts after the previous one; csv-parse says where it noticed the fault
          const line = nextRecordLine(events, offset, lines);
          const at = typeof err?.lines === 'number' ? baseLine - 1 + err.lines + drift : line;
          // a second fault of the record just read or skipped (x"y"z holds two stray quotes): said once
          const previous = events.at(-1);
          if (previous?.kind === 'skip' && typeof err?.lines === 'number' && at <= previous.to) return undefined;
          if (previous?.kind === 'row' && typeof err?.lines === 'number' && at <= previous.row.line) return undefined;
          // a quote inside a value that does not start with one (5" screen, Bob "the builder"), on
          // one line: the line's values as written, as spreadsheets read them
          const literal = err?.code === 'INVALID_OPENING_QUOTE' ? literalCells(bytes, line, lines, opts) : undefined;
          if (literal) {
            events.push({ kind: 'row', row: { line, cells: literal.cells }, endByte: literal.endByte });
            return undefined;
          }
          const last = Math.min(Math.max(at, line), lines.count);
          if (last > line && opts.width !== undefined) {
            // a quote that opened a value by mistake took the lines after it into that value: the
            // record is its first line, and the lines after it are read again (see `width`)
            const reason = 'a stray quote at the start of a value';
            events.push({ kind: 'skip', line, to: line, reason });
            broken = { line, reason };
            throw STOP;
          }
          events.push({ kind: 'skip', line, to: last, reason: describe(err) });
        }
        return undefined;
      },
    });
  } catch (err) {
    if (err === STOP && broken) {
      const chunk = finish(events, opts);
      const unclosedRecord = { ...broken, to: broken.line, issue: chunk.issues.at(-1) as ParseIssue };
      const resumeAt = lines.startOf(broken.line + 1);
      return resumeAt === undefined || resumeAt >= to
        ? { ...chunk, unclosed: unclosedRecord }
        : { ...chunk, resumeAt, unclosed: unclosedRecord };
    }
    // an error csv-parse cannot skip (none is expected): keep what was read, report where
    const line = nextRecordLine(events, offset, lines);
    events.push({ kind: 'skip', line, to: line, reason: err instanceof Error ? err.message : 'unreadable' });
    return finish(events, opts);
  }
  if (!unclosed) return finish(events, opts);
  return recoverUnclosed(events, to, offset, lines, opts);
}

/** Thrown to stop csv-parse at a record broken by a stray quote (see on_skip). */
const STOP = new Error('stop');

/** An unclosed quote: one issue where the bad record starts (earlier skips since the last good row were the same mess). */
function recoverUnclosed(events: Event[], to: number, offset: number, lines: LineTable, opts: ReadCsvOptions): Chunk {
  let lastGood = -1;
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]?.kind !== 'skip') {
      lastGood = i;
      break;
    }
  const tail = events.splice(lastGood + 1);
  const good = events[lastGood];
  const start = lines.nextContentLine(good !== undefined && good.kind !== 'skip' ? good.endByte : offset);
  const lastSkip = tail.reduce((max, e) => (e.kind === 'skip' ? Math.max(max, e.to) : max), start);
  const first = tail[0];
  events.push({
    kind: 'skip',
    line: start,
    to: lastSkip,
    reason: first?.kind === 'skip' ? first.reason : 'a quoted value is never closed',
  });
  const chunk = finish(events, opts);
  const bad = chunk.issues.at(-1) as ParseIssue;
  const reason = first?.kind === 'skip' ? first.reason : 'a quoted value is never closed';
  const unclosed = { line: start, to: lastSkip, reason, issue: bad };
  const resumeAt = lines.startOf(lastSkip + 1);
  return resumeAt === undefined || resumeAt >= to ? { ...chunk, unclosed } : { ...chunk, resumeAt, unclosed };
}

function finish(events: Event[], opts: ReadCsvOptions): Chunk {
  const rows: CsvRow[] = [];
  const issues: ParseIssue[] = [];
  for (const e of events)
    if (e.kind === 'row') rows.push(e.row);
    else if (e.kind === 'skip') issues.push(skipIssue(e.line, e.to, e.reason, opts));
  return { rows, issues };
}

/** The issue of a record skipped from `line` to `to`. */
function skipIssue(line: number, to: number, reason: string, opts: ReadCsvOptions): ParseIssue {
  const base = (opts.firstLine ?? 1) - 1;
  const span = to > line ? ` on lines ${line + base}–${to + base}` : '';
  return { ...issue(line, `malformed CSV record (${reason})${span}; it was skipped`, opts), dropped: true };
}

/**
 * The cells of one line split at the delimiter with quotes kept as written, when none of its
 * values starts with a quote (a value that does would make the quotes mean something); else undefined.
 */
function literalCells(
  bytes: Buffer,
  line: number,
  lines: LineTable,
  opts: ReadCsvOptions,
): { cells: string[]; endByte: number } | undefined {
  const start = lines.startOf(line);
  if (start === undefined) return undefined;
  const next = lines.startOf(line + 1) ?? bytes.length;
  const text = bytes.toString('utf8', start, next).replace(/\r?\n$|\r$/, '');
  const cells = text.split(opts.delimiter ?? ',');
  if (cells.some((c) => c.trimStart().startsWith('"'))) return undefined;
  return { cells, endByte: next };
}

/** The first line a record can start on after the events so far. */
function nextRecordLine(events: Event[], offset: number, lines: LineTable): number {
  const last = events.at(-1);
  if (!last) return lines.nextContentLine(offset);
  if (last.kind !== 'skip') return lines.nextContentLine(last.endByte);
  const next = lines.startOf(last.to + 1);
  return next === undefined ? last.to : lines.nextContentLine(next);
}

function issue(line: number, message: string, opts: ReadCsvOptions): ParseIssue {
  const base = { line: line + (opts.firstLine ?? 1) - 1, code: 'bad_csv_record', message };
  return opts.entry === undefined ? base : { ...base, entry: opts.entry };
}

function describe(err: CsvError | undefined): string {
  switch (err?.code) {
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside a value that does not start with one';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text right after a closing quote';
    default:
      return err?.message ?? 'unreadable';
  }
}

/** The offset of a record's last byte, before the line break that ends it. */
function lastContentByte(bytes: Buffer, endByte: number, floor: number): number {
  let e = endByte;
  if (bytes[e - 1] === 0x0a) {
    e--;
    if (bytes[e - 1] === 0x0d) e--;
  } else if (bytes[e - 1] === 0x0d) e--;
  return Math.max(floor, e - 1);
}

/** Line breaks inside quoted values: CRLF, LF or CR, each one line, as LineTable counts them. */
function lineBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) {
    if (!c.includes('\n') && !c.includes('\r')) continue;
    n += c.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return n;
}

/** Where each line starts in the bytes, for offset → line in O(log n). */
class LineTable {
  private readonly starts: number[] = [0];

  constructor(private readonly bytes: Buffer) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0d) {
        if (bytes[i + 1] === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (b === 0x0a) this.starts.push(i + 1);
    }
  }

  /** The 1-based line holding a byte offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  get count(): number {
    return this.starts.length;
  }

  startOf(line: number): number | undefined {
    return this.starts[line - 1];
  }

  /** The first non-empty line at or after an offset (csv-parse skips empty lines). */
  nextContentLine(offset: number): number {
    let line = this.lineAt(offset);
    for (;;) {
      const start = this.startOf(line);
      const next = this.startOf(line + 1);
      if (start === undefined || next === undefined || start >= this.bytes.length) return line;
      const b = this.bytes[start];
      if (b !== 0x0a && b !== 0x0d) return line;
      line++;
    }
  }
}

/** A header's cells, trimmed, without a byte order mark, in lower case, joined. */
export function headerKey(cells: readonly string[]): string {
  return cells
    .map((c) =>
      c
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
    )
    .join('\u0000');
}

/**
 * Characters text seldom holds and random bytes often give: controls other than tab and line
 * ends (C0, DEL, C1), U+FFFD (bytes not text in the file's encoding), and the Latin-1 and
 * Windows-1252 symbols a byte over 0x7F becomes (¤ ¬ ± ¶ ¼ × ÷ ƒ † ‡ ‰ ‹ › ™…), not its letters
 * nor the signs people write (a no-break space, ¡ ¿ £ § © ® ° ª º « » ·: "Nº 1ª", "Société ®").
 */
const ODD =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00a4\u00a6\u00a8\u00ac\u00ad\u00af\u00b1-\u00b3\u00b5\u00b6\u00b8\u00b9\u00bc-\u00be\u00d7\u00f7\u0192\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u2122\ufffd]/g;

/**
 * A row of binary data rather than text: odd characters (see ODD) making a fifth of it or more,
 * or in a row without the header's columns (a stray NUL or escape in a contact's note is cleaned,
 * not a reason to drop it), or sixteen of them whatever its length.
 */
export function isBinaryRow(cells: readonly string[], width: number): boolean {
  let odd = 0;
  let length = 0;
  for (const cell of cells) {
    length += cell.length;
    odd += cell.match(ODD)?.length ?? 0;
  }
  return odd >= 16 || (odd > 0 && (odd >= length / 5 || cells.length !== width));
}
