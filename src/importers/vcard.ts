import { Buffer } from 'node:buffer';
import { decodeBytes, decodeCharset, looksBinary } from './decode.js';
import { NotThisFormat, type ParseIssue, type ParseResult, type PersonRecord } from './records.js';

/**
 * vCard 2.1, 3.0 and 4.0 (.vcf) to person records. Pure: bytes in, records and issues out.
 *
 * The text is scanned line by line by index, and a value is only sliced out of the text when the
 * record needs it: PHOTO, LOGO, SOUND, KEY and every other property this parser does not use
 * (X-MS-CARDPICTURE, ADR, …) are stepped over with their continuation lines without building a
 * string, so a file of cards with megabyte photos costs no more memory than its text.
 *
 * Choices worth knowing:
 * - `org` is the first non-empty ORG component (the organisation; the department after it is
 *   dropped, since joining "Company, The;Sales" with commas would be ambiguous).
 * - A name built from N is "given additional family suffix"; the honorific prefix (Mr., Dr.) is
 *   dropped, as the app matches people by name.
 * - `profileUrl` is the first URL or X-SOCIALPROFILE pointing at a LinkedIn member profile
 *   (`linkedin.com/in/`, `/pub/` or `/profile/`); company and school pages are not a person's.
 * - CATEGORIES is split on every comma, escaped or not: Thunderbird writes its list separators
 *   as `\,`, and a tag with a comma in it is rarer than that exporter.
 * - Phones from a `tel:` URI keep the number only (`;ext=102` is dropped) because the app compares
 *   phones by their digits.
 * - Emails and phones keep the file's order, duplicates dropped.
 * - CHARSET applies to QUOTED-PRINTABLE and base64 bytes; plain text was already decoded with the
 *   whole file (UTF-8, UTF-16 or Windows-1252).
 */
export function parseVcard(bytes: Uint8Array): ParseResult<PersonRecord> {
  if (looksBinary(bytes)) throw new NotThisFormat('not a vCard file: the bytes are binary, not text');
  const scanner = new CardScanner(decodeBytes(bytes).text);
  scanner.run();
  if (scanner.cards === 0) throw new NotThisFormat('not a vCard file: no BEGIN:VCARD line found');
  return { records: scanner.records, issues: scanner.issues };
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
  'CATEGORIES',
  'NOTE',
]);

/** 2.1 writes encodings as bare parameters (`NOTE;QUOTED-PRINTABLE:`), the rest of which are types. */
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT']);

const TAB = 9;
const LF = 10;
const CR = 13;
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

/** A property the record uses, its value decoded from QP/base64 but still vCard-escaped. */
interface Property {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  readonly line: number;
}

interface Card {
  readonly number: number;
  /** the BEGIN line */
  readonly line: number;
  /** the used properties by name, in file order */
  readonly props: Map<string, Property[]>;
}

/**
 * Physical lines of the text as [start, end) indexes (end before any CR), never sliced. Lines end
 * at LF (CRLF or LF files) or, in a file with no LF at all, at CR (old Mac exports).
 */
class LineReader {
  lineNo = 0;
  start = 0;
  end = 0;
  private pos = 0;
  private readonly separator: string;

  constructor(private readonly text: string) {
    this.separator = text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
  }

  next(): boolean {
    const { text } = this;
    if (this.pos >= text.length) return false;
    let stop = text.indexOf(this.separator, this.pos);
    if (stop < 0) stop = text.length;
    this.start = this.pos;
    this.end = stop > this.pos && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
    this.pos = stop + 1;
    this.lineNo++;
    return true;
  }

  /** The first character code of the next line; -1 at the end of the text. */
  peekChar(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** The next line is not empty and has no colon, so it cannot be a property of its own. */
  nextHasNoColon(): boolean {
    const { text } = this;
    let i = this.pos;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) return false;
      if (c === LF || c === CR) break;
    }
    return i > this.pos;
  }

  /** The next line opens or closes a card (case-insensitive prefix test, no big slice). */
  nextIsCardBoundary(): boolean {
    const head = this.text.slice(this.pos, this.pos + 11).toUpperCase();
    return head.startsWith('END:VCARD') || head.startsWith('BEGIN:VCARD');
  }
}

class CardScanner {
  readonly records: PersonRecord[] = [];
  readonly issues: ParseIssue[] = [];
  cards = 0;
  private card: Card | undefined;
  private readonly lines: LineReader;

  constructor(private readonly text: string) {
    this.lines = new LineReader(text);
  }

  run(): void {
    const { lines } = this;
    while (lines.next()) {
      if (this.card) this.readCardLine(this.card);
      else if (this.isBeginLine()) this.open(lines.lineNo);
    }
    if (this.card) this.close(this.card, false);
  }

  /** Outside a card only BEGIN:VCARD matters; other lines (blank, junk between cards) are passed over. */
  private isBeginLine(): boolean {
    const { start, end } = this.lines;
    if (end - start > 40) return false;
    return /^begin[ \t]*:[ \t]*vcard[ \t]*$/i.test(this.text.slice(start, end));
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

  private readCardLine(card: Card): void {
    const { text, lines } = this;
    const { start, end } = lines;
    const line = lines.lineNo;
    const first = start < end ? text.charCodeAt(start) : -1;
    // a blank line (2.1 ends base64 with one), or a continuation whose property was a bad line
    if (first === -1 || first === SPACE || first === TAB) return;
    const colon = findColon(text, start, end);
    if (colon < 0) {
      this.issue(
        'bad_line',
        line,
        card,
        `line ${line} is not a property (no ":"): "${preview(text, start, end)}"; skipped`,
      );
      return;
    }
    const head = parseHead(text.slice(start, colon));
    const keep = head.name === 'BEGIN' || head.name === 'END' || USED.has(head.name);
    const { value, truncated } = this.readValue(head.encoding, colon + 1, keep);
    if (head.name === 'BEGIN' || head.name === 'END') {
      if (value.trim().toUpperCase() !== 'VCARD') return;
      this.close(card, head.name === 'END');
      if (head.name === 'BEGIN') this.open(line);
      return;
    }
    if (!keep) return;
    if (truncated)
      this.issue(
        'value_too_long',
        line,
        card,
        `the ${head.name} value on line ${line} is longer than 64 KiB; only its start was kept`,
      );
    const property = { name: head.name, params: head.params, value: decodeValue(value, head), line };
    const list = card.props.get(head.name);
    if (list) list.push(property);
    else card.props.set(head.name, [property]);
  }

  /**
   * Reads a value from `valueStart` on the current line through its continuation lines: lines
   * starting with a space or tab (folding), the next line after a QUOTED-PRINTABLE soft break
   * (`=` at the end), and, for base64, following lines with no colon (2.1 writes base64 unfolded
   * and ends it with a blank line). Without `keep` nothing is sliced: the lines are only stepped over.
   */
  private readValue(encoding: Encoding, valueStart: number, keep: boolean): { value: string; truncated: boolean } {
    const { text, lines } = this;
    const pieces: string[] = [];
    let length = 0;
    let truncated = false;
    let from = valueStart;
    for (;;) {
      const to = lines.end;
      // in QUOTED-PRINTABLE a literal "=" is written =3D, so one at the end is always a soft break
      const softBreak = encoding === 'qp' && to > from && text.charCodeAt(to - 1) === EQUALS;
      const joinNext = softBreak && lines.peekChar() !== -1 && !lines.nextIsCardBoundary();
      if (keep && !truncated) {
        const pieceEnd = softBreak ? to - 1 : to;
        const room = MAX_VALUE_LENGTH - length;
        if (pieceEnd - from > room) {
          pieces.push(text.slice(from, cutPoint(text, from + room)));
          truncated = true;
        } else {
          pieces.push(text.slice(from, pieceEnd));
          length += pieceEnd - from;
        }
      }
      const next = lines.peekChar();
      if (joinNext) {
        lines.next();
        from = lines.start;
      } else if (next === SPACE || next === TAB) {
        lines.next();
        from = lines.start + 1;
      } else if (encoding === 'b64' && lines.nextHasNoColon()) {
        lines.next();
        from = lines.start;
      } else break;
    }
    return { value: pieces.length === 1 ? (pieces[0] as string) : pieces.join(''), truncated };
  }

  private issue(code: string, line: number, card: Card, message: string): void {
    this.issues.push({ code, line, record: `card ${card.number}`, message });
  }
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

function preview(text: string, start: number, end: number): string {
  const shown = cleanLine(text.slice(start, Math.min(end, start + 40)));
  return end - start > 40 ? `${shown}…` : shown;
}

/** `item1.EMAIL;TYPE=INTERNET,pref;CHARSET=UTF-8` → name EMAIL (group dropped) and upper-case parameter names. */
function parseHead(head: string): Head {
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

/** The parameters read: ENCODING (or 2.1's bare QUOTED-PRINTABLE / BASE64), CHARSET, X-APPLE-OMIT-YEAR. */
const MEANINGFUL_PARAMS = /encoding|charset|quoted-printable|base64|omit-year/i;

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

/** Undoes ENCODING, reading the bytes in CHARSET; the vCard escapes (`\,`) stay for the field to undo. */
function decodeValue(value: string, head: Head): string {
  const charset = head.params.get('CHARSET');
  if (head.encoding === 'qp') return decodeQuotedPrintable(value, charset);
  if (head.encoding === 'b64') return decodeCharset(Buffer.from(value.replace(/\s+/g, ''), 'base64'), charset);
  return value;
}

/** Each run of `=XX` escapes is one byte sequence, decoded in the charset; other characters stay as they are. */
function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  if (!value.includes('=')) return value;
  return value.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decodeCharset(bytes, charset);
  });
}

// ---------------------------------------------------------------------------------------------
// From properties to a record

function buildRecord(card: Card, issues: ParseIssue[]): PersonRecord | undefined {
  const { props } = card;
  const v21 = (props.get('VERSION')?.[0]?.value.trim() ?? '').startsWith('2');
  const org = firstOf(props.get('ORG'), v21, firstComponent);
  const name = firstOf(props.get('FN'), v21, textOf) ?? firstOf(props.get('N'), v21, nameFromN) ?? org;
  const emails = unique(allOf(props.get('EMAIL'), v21, emailOf));
  const phones = unique(allOf(props.get('TEL'), v21, phoneOf));
  const profileUrl =
    firstOf(props.get('URL'), v21, linkedInProfileOf) ?? firstOf(props.get('X-SOCIALPROFILE'), v21, linkedInProfileOf);
  const where = { line: card.line, record: `card ${card.number}` };

  if (!name && emails.length === 0 && phones.length === 0 && !profileUrl) {
    issues.push({
      code: 'no_identity',
      ...where,
      message: `card ${card.number} has no name, email, phone or profile URL; skipped`,
    });
    return undefined;
  }

  const record: Draft = { kind: 'person', where, emails, phones, tags: tagsFrom(props.get('CATEGORIES'), v21) };
  if (name) record.name = name;
  if (profileUrl) record.profileUrl = profileUrl;
  if (org) record.org = org;
  const title = firstOf(props.get('TITLE'), v21, textOf) ?? firstOf(props.get('ROLE'), v21, textOf);
  if (title) record.title = title;
  const birthday = birthdayFrom(props.get('BDAY')?.[0], v21, card, issues);
  if (birthday) record.birthday = birthday;
  const notes = allOf(props.get('NOTE'), v21, noteOf);
  if (notes.length > 0) record.notes = notes.join('\n\n');
  return record;
}

type Read = (value: string, v21: boolean) => string;

/** The first non-empty reading of the properties, in file order. */
function firstOf(props: readonly Property[] | undefined, v21: boolean, read: Read): string | undefined {
  if (props)
    for (const p of props) {
      const text = read(p.value, v21);
      if (text) return text;
    }
  return undefined;
}

/** Every non-empty reading of the properties, in file order. */
function allOf(props: readonly Property[] | undefined, v21: boolean, read: Read): string[] {
  const texts: string[] = [];
  if (props)
    for (const p of props) {
      const text = read(p.value, v21);
      if (text) texts.push(text);
    }
  return texts;
}

function textOf(value: string, v21: boolean): string {
  return cleanLine(unescapeText(value, v21));
}

function noteOf(value: string, v21: boolean): string {
  return cleanNote(unescapeText(value, v21));
}

function emailOf(value: string, v21: boolean): string {
  return textOf(value, v21).replace(/^mailto:/i, '');
}

/** `tel:+1-418-656-9254;ext=102` → `+1-418-656-9254`; other values as written. */
function phoneOf(value: string, v21: boolean): string {
  const text = textOf(value, v21);
  if (!/^tel:/i.test(text)) return text;
  const semicolon = text.indexOf(';', 4);
  return (semicolon < 0 ? text.slice(4) : text.slice(4, semicolon)).trim();
}

function linkedInProfileOf(value: string, v21: boolean): string {
  const url = textOf(value, v21);
  return /linkedin\.com\/(in|pub|profile)\//i.test(url) ? url : '';
}

type Draft = { -readonly [K in keyof PersonRecord]: PersonRecord[K] };

/**
 * 3.0/4.0 escape `\\ \, \; \n` (and Gmail `\:`) in text; 2.1 only escapes `\;`, so its other
 * backslashes (a Windows path in a note) are kept.
 */
function unescapeText(value: string, v21: boolean): string {
  if (!value.includes('\\')) return value;
  if (v21) return value.replace(/\\;/g, ';');
  return value.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value (N, ORG) or a list on separators that are not escaped. */
function splitUnescaped(value: string, separator: ';' | ','): string[] {
  if (!value.includes('\\')) return value.split(separator);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === separator) {
      parts.push(value.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(value.slice(from));
  return parts;
}

/** Control characters in a one-line field (a stray CR, a form feed from Outlook) become one space. */
function cleanLine(value: string): string {
  return hasControl(value) ? value.replace(/ *\p{Cc}[\p{Cc} ]*/gu, ' ').trim() : value.trim();
}

/** A plain loop: cheaper than a regular expression on the many short values that have none. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Notes keep their line breaks and tabs; other control characters are dropped. */
function cleanNote(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
}

function unique(values: string[]): string[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const v of values) {
    const key = v.toLowerCase();
    if (v === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(v);
  }
  return kept;
}

function firstComponent(value: string, v21: boolean): string {
  for (const part of splitUnescaped(value, ';')) {
    const text = cleanLine(unescapeText(part, v21));
    if (text) return text;
  }
  return '';
}

/** N is family;given;additional;prefix;suffix, each possibly a comma list in 3.0/4.0. */
function nameFromN(value: string, v21: boolean): string {
  const parts = splitUnescaped(value, ';').map((part) =>
    (v21 ? [part] : splitUnescaped(part, ',')).map((p) => cleanLine(unescapeText(p, v21))).filter((p) => p !== ''),
  );
  const [family = [], given = [], additional = [], , suffix = []] = parts;
  const base = [...given, ...additional, ...family].join(' ');
  if (!base) return '';
  return suffix.length > 0 ? `${base} ${suffix.join(', ')}` : base;
}

/** Google's own groups, not the user's labels (Google writes them as `myContacts` or `* myContacts`). */
const SYSTEM_LABELS = new Set(['mycontacts', 'all', 'chatbuddies', 'blocked']);

function tagsFrom(categories: readonly Property[] | undefined, v21: boolean): string[] {
  const tags: string[] = [];
  if (!categories) return tags;
  // unescaped first, so that `\,` separates too (see the note on Thunderbird above)
  for (const p of categories)
    for (const raw of unescapeText(p.value, v21).split(',')) {
      const tag = cleanLine(raw.replace(/\\$/, '')).replace(/^\*\s*/, '');
      if (!tag || SYSTEM_LABELS.has(tag.toLowerCase()) || /^imported on\b/i.test(tag)) continue;
      tags.push(tag);
    }
  return unique(tags);
}

function birthdayFrom(bday: Property | undefined, v21: boolean, card: Card, issues: ParseIssue[]): string | undefined {
  if (!bday) return undefined;
  const raw = cleanLine(unescapeText(bday.value, v21));
  if (!raw) return undefined;
  const date = normaliseBirthday(raw, bday.params.get('X-APPLE-OMIT-YEAR'));
  if (date) return date;
  issues.push({
    code: 'bad_date',
    line: bday.line,
    record: `card ${card.number}`,
    message: `birthday "${raw.slice(0, 40)}" on line ${bday.line} is not a date like 1985-04-12 or --04-12; the card is kept without it`,
  });
  return undefined;
}

/**
 * `19850412`, `1985-04-12`, `1985-04-12T00:00:00Z` → `1985-04-12`; `--0412`, `--04-12` → `--04-12`.
 * Apple marks an unknown year by writing a placeholder year (1604) and naming it in X-APPLE-OMIT-YEAR.
 */
function normaliseBirthday(raw: string, omitYear?: string): string | undefined {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$/.exec(raw);
  if (full) {
    const [, year = '', month = '', day = ''] = full;
    if (!isDay(Number(year), Number(month), Number(day))) return undefined;
    return omitYear === year ? `--${month}-${day}` : `${year}-${month}-${day}`;
  }
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(raw);
  if (noYear) {
    const [, month = '', day = ''] = noYear;
    return isDay(2000, Number(month), Number(day)) ? `--${month}-${day}` : undefined;
  }
  return undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month !== 2 || day <= 28 || leap;
}
