import { Buffer } from 'node:buffer';
import { decodeCharset } from './decode.js';
import { NotThisFormat, type ParseIssue, type ParseResult, type PersonRecord } from './records.js';
import { TextChunks } from './text-chunks.js';
import { type Line, LineSplitter } from './vcard-lines.js';
import { buildRecord, type Card, cleanLine, type Property } from './vcard-record.js';

/**
 * vCard 2.1, 3.0 and 4.0 (.vcf) to person records. Pure: bytes in, records and issues out.
 *
 * `VcardStream` reads a file fed in chunks of any size and hands each card's record over as soon
 * as the card ends; `parseVcard` is the same reader fed the whole file at once, so both give the
 * same records and issues (same lines, card numbers, codes and messages) whatever the chunking.
 * Memory stays bounded by a chunk, the encoding window (1 MiB, see text-chunks.ts), one line of
 * at most 1 MiB (see vcard-lines.ts), and the card being read without
 * its skipped properties: PHOTO, LOGO, SOUND, KEY and every other property this parser does not
 * use (X-MS-CARDPICTURE, ADR, …) are stepped over line by line with their continuation lines
 * (folded lines, and 2.1's unfolded base64 that ends with a blank line) without being kept.
 *
 * Choices worth knowing:
 * - `org` is the first non-empty ORG component (the organisation; the department after it is
 *   dropped, since joining "Company, The;Sales" with commas would be ambiguous).
 * - A name built from N is "given additional family suffix"; the honorific prefix (Mr., Dr.) is
 *   dropped, as the app matches people by name.
 * - `profileUrl` is the first URL, X-SOCIALPROFILE or SOCIALPROFILE pointing at a LinkedIn member profile
 *   (`linkedin.com/in/`, `/pub/` or `/profile/`); company and school pages are not a person's.
 *   Else Apple's `X-SOCIALPROFILE;type=linkedin;x-user=NAME:x-apple:NAME`, whose value is no
 *   URL, gives `https://www.linkedin.com/in/NAME`, and so does vCard 4.0's
 *   `SOCIALPROFILE;SERVICE-TYPE=LinkedIn;VALUE=text:NAME` (RFC 9554).
 * - CATEGORIES is split on its commas; `\,` is a comma inside a value, unless the card says
 *   nothing of the program that wrote it (PRODID) and the list has no other comma: Thunderbird
 *   writes every separator as `\,`, and no PRODID.
 * - Phones from a `tel:` URI keep the number and its extension (`;ext=102` becomes "ext. 102"),
 *   as a phone written out would.
 * - A property line may be folded anywhere, before its colon too (among its parameters).
 * - Emails and phones keep the file's order, duplicates dropped.
 * - CHARSET applies to QUOTED-PRINTABLE and base64 bytes; plain text was already decoded with the
 *   whole file (UTF-8 or UTF-16; a file that is not UTF-8 throughout line by line, each line as
 *   UTF-8 when it is valid UTF-8 and as Windows-1252 otherwise; see text-chunks.ts).
 * - Cards that are not a person are skipped and reported: groups (KIND:group, Apple's
 *   X-ADDRESSBOOKSERVER-KIND:group), organizations and places (KIND:org, KIND:location, Apple's
 *   company cards marked X-ABShowAs:COMPANY). A person's card with only a company for a name is kept.
 * - A used value is cut at 64 KiB (`value_too_long`). A line is kept up to 1 MiB: a property whose
 *   name and parameters alone run past that is stepped over unread.
 */
export function parseVcard(bytes: Uint8Array): ParseResult<PersonRecord> {
  const stream = new VcardStream();
  const first = stream.push(bytes);
  const last = stream.end();
  return { records: first.records.concat(last.records), issues: first.issues.concat(last.issues) };
}

/**
 * A vCard file read in chunks: `push` each chunk as it is read and take the records and issues
 * it completes, then `end` for the last ones. Either throws NotThisFormat: `push` as soon as the
 * first bytes are binary, `end` when no BEGIN:VCARD line was found in the whole file.
 */
export class VcardStream {
  private readonly scanner = new CardScanner();
  private readonly lines = new LineSplitter((line) => this.scanner.line(line));
  private readonly text = new TextChunks((text) => this.lines.push(text), 'a vCard file', true);

  push(chunk: Uint8Array): ParseResult<PersonRecord> {
    this.text.push(chunk);
    return this.scanner.take();
  }

  end(): ParseResult<PersonRecord> {
    this.text.end();
    this.lines.end();
    this.scanner.end();
    if (this.scanner.cards === 0) throw new NotThisFormat('not a vCard file: no BEGIN:VCARD line found');
    return this.scanner.take();
  }

  /**
   * What is held between pushes apart from the card being read: bytes waiting for the encoding
   * and characters waiting for their line to end.
   */
  get buffered(): number {
    return this.text.bufferedBytes + this.lines.bufferedChars;
  }
}

/** Longest value kept for a property the record uses; longer ones are cut with a `value_too_long` issue. */
const MAX_VALUE_LENGTH = 64 * 1024;

/** The properties a PersonRecord is built from; everything else is stepped over unread. */
const USED = new Set([
  'VERSION',
  'FN',
  'N',
  'EMAIL',
  'TEL',
  'ORG',
  'TITLE',
  'ROLE',
  'BDAY',
  'URL',
  'X-SOCIALPROFILE',
  'SOCIALPROFILE',
  'CATEGORIES',
  'NOTE',
  'UID',
  'KIND',
  'X-ADDRESSBOOKSERVER-KIND',
  'X-ABSHOWAS',
  'REV',
  'PRODID',
  'X-RAPPORT-MET',
  'X-RAPPORT-TIER',
  'X-RAPPORT-GOAL',
  'X-RAPPORT-CADENCE',
]);

/** 2.1 writes encodings as bare parameters (`NOTE;QUOTED-PRINTABLE:`), the rest of which are types. */
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT']);

const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
const COLON = 58;
const SEMICOLON = 59;
const EQUALS = 61;

type Encoding = 'qp' | 'b64' | undefined;

interface Head {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly encoding: Encoding;
}

/** The property being read: it ends at the first line that does not continue it. */
interface Value {
  readonly card: Card;
  readonly head: Head;
  /** the property's first line */
  readonly line: number;
  readonly keep: boolean;
  readonly pieces: string[];
  length: number;
  truncated: boolean;
  /** its last line ended in a QUOTED-PRINTABLE soft break */
  softBreak: boolean;
}

/** A skipped property whose name and parameters were cut off with the rest of an over-long line. */
const UNREAD_HEAD: Head = { name: '', params: new Map(), encoding: undefined };

/**
 * Lines to cards to records. A property's value goes on over its continuation lines: lines
 * starting with a space or tab (folding), the line after a QUOTED-PRINTABLE soft break (`=` at the
 * end, unless that line opens or closes a card), and, for base64, following lines with no colon
 * (2.1 writes base64 unfolded and ends it with a blank line). Whether a line continues the value
 * is known from that line alone, so a value is finished when the first line that does not
 * continue it arrives, or at the end. Values the record does not use are stepped over: nothing of
 * them is kept.
 */
class CardScanner {
  cards = 0;
  private records: PersonRecord[] = [];
  private issues: ParseIssue[] = [];
  private card: Card | undefined;
  private value: Value | undefined;
  /** inside a card embedded as an AGENT's value (2.1): its depth; its lines are passed over */
  private nested = 0;
  /** lines outside any card that are not blank, not yet reported: the first and the last */
  private stray: { from: number; to: number } | undefined;
  /** a property's name and parameters folded before its colon: what was read of them, and where */
  private head: { card: Card; no: number; text: string; preview: string } | undefined;

  /** The records and issues completed since the last call. */
  take(): ParseResult<PersonRecord> {
    const done = { records: this.records, issues: this.issues };
    this.records = [];
    this.issues = [];
    return done;
  }

  line(line: Line): void {
    if (this.head && this.readFoldedHead(this.head, line)) return;
    const value = this.value;
    if (value) {
      const from = continuation(value, line);
      if (from >= 0) {
        this.append(value, line, from);
        return;
      }
      this.value = undefined;
      this.finish(value);
    }
    if (this.nested > 0) this.readNestedLine(line);
    else if (this.card) this.readCardLine(this.card, line);
    else if (isBeginLine(line)) {
      this.reportStray();
      this.open(line.no);
    } else if (!isBlank(line)) {
      if (this.stray) this.stray.to = line.no;
      else this.stray = { from: line.no, to: line.no };
    }
  }

  end(): void {
    if (this.head) this.badHead(this.head);
    const value = this.value;
    this.value = undefined;
    if (value) this.finish(value);
    if (this.card) this.close(this.card, false);
    this.reportStray();
  }

  /** A line of a card embedded in another (an AGENT's): only its BEGIN and END count, to find where it ends. */
  private readNestedLine(line: Line): void {
    if (isBeginLine(line)) this.nested++;
    else if (isEndLine(line)) this.nested--;
  }

  /** Lines outside any card that hold something: said once per run, since a card may hide there. */
  private reportStray(): void {
    const stray = this.stray;
    if (!stray) return;
    this.stray = undefined;
    const lines = stray.to > stray.from ? `lines ${stray.from}–${stray.to} are` : `line ${stray.from} is`;
    this.issues.push({
      code: 'outside_card',
      line: stray.from,
      message: `${lines} outside any card (not between BEGIN:VCARD and END:VCARD); skipped`,
    });
  }

  private open(line: number): void {
    this.cards++;
    this.card = { number: this.cards, line, props: new Map() };
  }

  private close(card: Card, terminated: boolean): void {
    this.card = undefined;
    if (!terminated)
      this.issue(
        'unterminated_card',
        card.line,
        card,
        `card ${card.number} has no END:VCARD line (the file ends or another card begins first); what was read is kept`,
      );
    const record = buildRecord(card, this.issues);
    if (record) this.records.push(record);
  }

  /** A line inside a card that does not continue a value: a property, a blank line or a bad line. */
  private readCardLine(card: Card, line: Line): void {
    const first = line.first;
    // a blank line (2.1 ends base64 with one), or a continuation whose property was a bad line
    if (first === -1 || first === SPACE || first === TAB) return;
    const { text, start, end } = line;
    const colon = findColon(text, start, end);
    if (colon < 0) {
      if (line.truncated && line.anyColon) {
        this.value = newValue(card, UNREAD_HEAD, line.no, false);
        return;
      }
      // RFC 6350 folds a line anywhere, so among its name and parameters too (Apple's long
      // X-SOCIALPROFILE;x-user=…): the colon may be on a continuation line
      if (!line.truncated)
        this.head = { card, no: line.no, text: detach(text.slice(start, end)), preview: preview(line) };
      else
        this.issue(
          'bad_line',
          line.no,
          card,
          `line ${line.no} is not a property (no ":"): "${preview(line)}"; skipped`,
        );
      return;
    }
    // a copy: a slice would keep the whole chunk of text it came from alive with the card
    const head = parseHead(detach(text.slice(start, colon)));
    const keep = head.name === 'BEGIN' || head.name === 'END' || head.name === 'AGENT' || USED.has(head.name);
    const value = newValue(card, head, line.no, keep);
    this.value = value;
    this.append(value, line, colon + 1 - start);
  }

  /**
   * A line after a property line without a colon: when it continues it (a space or a tab first),
   * the head goes on, and the value starts after the colon once one comes. True when the line was
   * taken; else the line without a colon is reported, and the line is read as any other.
   */
  private readFoldedHead(head: { card: Card; no: number; text: string; preview: string }, line: Line): boolean {
    const first = line.first;
    if ((first !== SPACE && first !== TAB) || line.truncated) {
      this.badHead(head);
      return false;
    }
    const text = head.text + line.text.slice(line.start + 1, line.end);
    const colon = findColon(text, 0, text.length);
    if (colon < 0) {
      if (text.length > MAX_FOLDED_HEAD) this.badHead(head);
      else head.text = text;
      return true;
    }
    this.head = undefined;
    const parsed = parseHead(text.slice(0, colon));
    if (!PROPERTY_NAME.test(parsed.name)) {
      this.badHead(head);
      return true;
    }
    const keep = USED.has(parsed.name);
    const value = newValue(head.card, parsed, head.no, keep);
    this.value = value;
    // where the value starts on this line: past the folding space and the head's part on it
    this.append(value, line, colon + 2 - head.text.length);
    return true;
  }

  private badHead(head: { card: Card; no: number; preview: string }): void {
    this.head = undefined;
    this.issue(
      'bad_line',
      head.no,
      head.card,
      `line ${head.no} is not a property (no ":"): "${head.preview}"; skipped`,
    );
  }

  /** Adds a line's part of the value, from `from` characters into the line. */
  private append(value: Value, line: Line, from: number): void {
    const { text, start } = line;
    let { length } = line;
    const qp = value.head.encoding === 'qp';
    // whitespace a QUOTED-PRINTABLE line ends in was added on the way, and is taken off first (RFC 2045 6.7)
    if (qp && length <= line.end - start)
      while (
        length > from &&
        (text.charCodeAt(start + length - 1) === SPACE || text.charCodeAt(start + length - 1) === TAB)
      )
        length--;
    // in QUOTED-PRINTABLE a literal "=" is written =3D, so one at the end is always a soft break
    const softBreak =
      qp && length > from && (length < line.length ? text.charCodeAt(start + length - 1) : line.last) === EQUALS;
    value.softBreak = softBreak;
    if (!value.keep || value.truncated) return;
    const pieceEnd = softBreak ? length - 1 : length;
    const room = MAX_VALUE_LENGTH - value.length;
    // only the start of a line longer than LINE_CAP is there to read
    const kept = line.end - start;
    if (pieceEnd - from > room || pieceEnd > kept) {
      value.pieces.push(text.slice(start + from, cutPoint(text, start + Math.min(from + room, kept))));
      value.truncated = true;
    } else {
      value.pieces.push(text.slice(start + from, start + pieceEnd));
      value.length += pieceEnd - from;
    }
  }

  /** The value is complete: BEGIN and END open and close cards, used properties join the card. */
  private finish(v: Value): void {
    const { card, head, line } = v;
    const value = v.pieces.length === 1 ? (v.pieces[0] as string) : v.pieces.join('');
    const previous = card.last;
    // only an empty AGENT value is followed by the assistant's card (an AGENT;VALUE=uri: is not)
    card.last = head.name === 'AGENT' && value.trim() !== '' ? 'AGENT with a value' : head.name;
    if (head.name === 'BEGIN' || head.name === 'END') {
      if (value.trim().toUpperCase() !== 'VCARD') return;
      // vCard 2.1 writes an assistant's card as the AGENT value, inside the card: passed over
      if (head.name === 'BEGIN' && previous === 'AGENT') {
        this.nested = 1;
        return;
      }
      this.close(card, head.name === 'END');
      if (head.name === 'BEGIN') this.open(line);
      return;
    }
    if (!v.keep) return;
    if (v.truncated)
      this.issue(
        'value_too_long',
        line,
        card,
        `the ${head.name} value on line ${line} is longer than 64 KiB; only its start was kept`,
      );
    const raw = detach(value);
    // base64 that is not base64 (Node would decode it into junk): the property is left out, said
    if (head.encoding === 'b64' && !v.truncated && !BASE64.test(raw.replace(/\s+/g, ''))) {
      this.issue(
        'bad_value',
        line,
        card,
        `the ${head.name} value on line ${line} is not base64 as its ENCODING says; skipped`,
      );
      return;
    }
    const property: Property = { name: head.name, params: head.params, value: decodeValue(raw, head), line };
    const list = card.props.get(head.name);
    if (list) list.push(property);
    else card.props.set(head.name, [property]);
  }

  private issue(code: string, line: number, card: Card, message: string): void {
    this.issues.push({ code, line, record: `card ${card.number}`, message });
  }
}

/** A property's name and parameters folded over lines are read up to this length; past it, the line is a bad one. */
const MAX_FOLDED_HEAD = 4096;

/** A property name (RFC 6350 §3.3: letters, digits and dashes; X- names too). */
const PROPERTY_NAME = /^[A-Z0-9-]+$/;

/** Where the line's part of the value starts if it continues the value, else -1. */
function continuation(value: Value, line: Line): number {
  // BEGIN:VCARD and END:VCARD are never folded: an indented line after one is a line of its own
  if (value.head.name === 'BEGIN' || value.head.name === 'END') return -1;
  if (value.softBreak && !line.isCardBoundary) return 0;
  const first = line.first;
  if (first === SPACE || first === TAB) return 1;
  if (value.head.encoding === 'b64' && line.colonFree) return 0;
  return -1;
}

function newValue(card: Card, head: Head, line: number, keep: boolean): Value {
  return { card, head, line, keep, pieces: [], length: 0, truncated: false, softBreak: false };
}

/**
 * Outside a card only BEGIN:VCARD matters; other lines are passed over (and reported when they
 * hold something). What comes before it on its line is let go: a byte-order mark (where files
 * were joined with `cat`), a NUL, indentation.
 */
function isBeginLine(line: Line): boolean {
  if (line.length > 40) return false;
  return /^[\p{Cc}\p{Cf}\p{Zs}]*begin[ \t]*:[ \t]*vcard[ \t]*$/iu.test(line.content);
}

function isEndLine(line: Line): boolean {
  if (line.length > 40) return false;
  return /^[\p{Cc}\p{Cf}\p{Zs}]*end[ \t]*:[ \t]*vcard[ \t]*$/iu.test(line.content);
}

/** Empty, or nothing but spaces and control or format characters. */
function isBlank(line: Line): boolean {
  return line.length === 0 || (line.length <= 64 && /^[\p{Cc}\p{Cf}\p{Zs}]*$/u.test(line.content));
}

/**
 * A copy of a string that may be a slice of a large one (V8 keeps the whole parent alive for a
 * slice of 13 characters or more): the concatenation is flattened into a new string, and the
 * slice of that holds only it. Values, heads and previews outlive the chunk of text they were
 * read from.
 */
function detach(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** Where to cut a value so that a surrogate pair is not split in two. */
function cutPoint(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** The first colon outside double quotes (4.0 parameter values may hold colons), else the first colon. */
function findColon(text: string, start: number, end: number): number {
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === COLON && !quoted) return i;
  }
  if (!quoted) return -1;
  // an unbalanced quote: fall back to the first colon on the line
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === COLON) return i;
  return -1;
}

function preview(line: Line): string {
  const { text, start, end } = line;
  const shown = detach(cleanLine(text.slice(start, Math.min(end, start + 40))));
  return line.length > 40 ? `${shown}…` : shown;
}

/** `item1.EMAIL;TYPE=INTERNET,pref;CHARSET=UTF-8` → name EMAIL (group dropped) and upper-case parameter names. */
function parseHead(raw: string): Head {
  // a byte-order mark or a stray control character before the name (files joined with `cat`)
  const head = raw.replace(/^[\p{Cc}\p{Cf}]+/u, '');
  const semicolon = head.indexOf(';');
  const nameEnd = semicolon < 0 ? head.length : semicolon;
  const dot = nameEnd > 0 ? head.lastIndexOf('.', nameEnd - 1) : -1;
  const name = head
    .slice(dot + 1, nameEnd)
    .trim()
    .toUpperCase();
  if (semicolon < 0) return { name, params: NO_PARAMS, encoding: undefined };
  const paramText = head.slice(semicolon + 1);
  // most parameters (TYPE=…, PREF, LANGUAGE) do not change how the value reads: no map, no splitting
  if (!MEANINGFUL_PARAMS.test(paramText)) return { name, params: NO_PARAMS, encoding: undefined };
  const params = parseParams(paramText);
  return { name, params, encoding: encodingOf(params.get('ENCODING')) };
}

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/** The parameters read: ENCODING (or 2.1's bare QUOTED-PRINTABLE / BASE64), CHARSET, X-APPLE-OMIT-YEAR, PREF, X-USER, SERVICE-TYPE. */
const MEANINGFUL_PARAMS = /encoding|charset|quoted-printable|base64|omit-year|pref|x-user|service-type/i;

function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const raw of text.includes('"') ? splitOutsideQuotes(text) : text.split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    if (eq < 0) {
      // 2.1 style: `TEL;WORK;VOICE:`, `NOTE;QUOTED-PRINTABLE:`
      value = part;
      key = BARE_ENCODINGS.has(part.toUpperCase()) ? 'ENCODING' : 'TYPE';
    } else {
      key = part.slice(0, eq).trim().toUpperCase();
      value = part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
    }
    const before = params.get(key);
    params.set(key, before === undefined ? value : `${before},${value}`);
  }
  return params;
}

function splitOutsideQuotes(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === SEMICOLON && !quoted) {
      parts.push(head.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(head.slice(from));
  return parts;
}

function encodingOf(param: string | undefined): Encoding {
  if (param === undefined) return undefined;
  const names = (param ?? '').toUpperCase().split(',');
  if (names.includes('QUOTED-PRINTABLE') || names.includes('QP')) return 'qp';
  if (names.includes('B') || names.includes('BASE64')) return 'b64';
  return undefined;
}

/** Base64 (RFC 4648 §4), its padding optional. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Undoes ENCODING, reading the bytes in CHARSET; the vCard escapes (`\,`) stay for the field to undo. */
function decodeValue(value: string, head: Head): string {
  const charset = head.params.get('CHARSET');
  if (head.encoding === 'qp') return decodeQuotedPrintable(value, charset);
  if (head.encoding === 'b64') return decodeCharset(Buffer.from(value.replace(/\s+/g, ''), 'base64'), charset);
  return value;
}

/**
 * Undoes QUOTED-PRINTABLE. A value written in ASCII (as QUOTED-PRINTABLE is) is one byte sequence,
 * decoded in the charset as a whole: in Shift_JIS or Big5 the second byte of a character may be
 * written as itself (山 is `=8ER`). Otherwise each run of `=XX` escapes is decoded on its own,
 * and the characters around them stay as they are.
 */
function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  if (!value.includes('=')) return value;
  let ascii = true;
  for (let i = 0; i < value.length && ascii; i++) ascii = value.charCodeAt(i) < 0x80;
  if (ascii) {
    const bytes = new Uint8Array(value.length);
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      const hex = code === EQUALS ? value.slice(i + 1, i + 3) : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes[n++] = Number.parseInt(hex, 16);
        i += 2;
      } else bytes[n++] = code;
    }
    return decodeCharset(bytes.subarray(0, n), charset);
  }
  return value.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decodeCharset(bytes, charset);
  });
}
