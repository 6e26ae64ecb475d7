import { isLinkedinProfile } from '../domain/identity.js';
import { isEmail, normalizeEmail } from '../domain/person.js';
import { type CsvDelimiter, type CsvRow, cellAt, headerIndex, headerKey, isBinaryRow, readCsv } from './csv.js';
import { type CsvPiece, CsvStream } from './csv-stream.js';
import { decodeBytes } from './decode.js';
import { monthOf } from './months.js';
import { assembleName } from './person-name.js';
import { phoneFromUri } from './phone.js';
import { NotThisFormat, type ParseIssue, type ParseResult, type PersonRecord } from './records.js';
import { type SlashOrder, slashOrderOf } from './slash-dates.js';
import { TextChunks } from './text-chunks.js';

/**
 * Google Contacts CSV, current ("Google CSV": First Name … Labels), legacy (Name, Given Name …
 * Group Membership) and "Outlook CSV", which Google's export also offers and Outlook writes
 * (First Name … E-mail Address, E-mail 2 Address, Mobile Phone, Company, Job Title, Categories). Repeated groups (`E-mail 3 - Value`, `Phone 1 - Value`, `Organization 1 - Name`)
 * vary in number and order between exports, so every column is found by its header name.
 *
 * Labels: Google's system groups are written `* myContacts`, `* starred`, `* friends`… The catch-all
 * ones (`* myContacts`, `* other`, "Other Contacts") and the "Imported on …" groups Google makes on
 * every import say nothing about the person and are dropped; `* starred` is kept as the tag
 * `starred` (the user marked them), and the old built-in Friends/Family/Coworkers groups as
 * lower-case tags. A birthday that cannot be read is reported, and the person kept without it.
 */
const NO_HEADER =
  'not a Google Contacts CSV: no "First Name, …, Labels" (current), "Name, Given Name, …, Group Membership" (legacy) or "First Name, …, E-mail Address" (Outlook CSV) header';

export function parseGoogleContacts(bytes: Uint8Array): ParseResult<PersonRecord> {
  const stream = new GoogleContactsStream();
  const first = stream.push(bytes);
  const last = stream.end();
  return { records: first.records.concat(last.records), issues: first.issues.concat(last.issues) };
}

/**
 * A Google Contacts CSV read in chunks: `push` each chunk as it is read and take the records and
 * issues it completes, then `end` for the last ones. Memory holds a chunk and a segment of whole
 * records (csv-stream.ts), never the file. Either throws NotThisFormat: `push` as soon as the
 * first bytes are binary or the header is read and is not Google's, `end` when the file is empty.
 */
export class GoogleContactsStream {
  private readonly csv = new CsvStream({ delimiterOf });
  private readonly text = new TextChunks((text) => this.take(this.csv.push(text)), 'a Google Contacts CSV');
  private cols: Columns | undefined;
  /** the header's number of columns */
  private width = 0;
  /** the header's cells, as headerKey gives them: a row equal to it is the header again */
  private header = '';
  /** whether a row held binary data: rows without the header's columns after it are its rest */
  private binarySeen = false;
  private bytes = 0;
  private records: PersonRecord[] = [];
  private issues: ParseIssue[] = [];
  /** day or month first in the file's slashed birthdays (3/4/1985), once one of them tells */
  private order: SlashOrder | undefined;
  /** records whose birthday waits for that */
  private held: { person: PersonRecord; raw: string }[] = [];
  /** rows with exactly the header's columns */
  private fitting = 0;
  /**
   * rows with more, all empty past the header's (up to MAX_OVERFLOW_HELD): a separator inside a
   * value not in quotes when most rows fit, but a file's habit (a separator ending every row) when
   * most do not; said at the end, once the file has told which
   */
  private emptyOverflow: { line: number; extra: number }[] = [];
  private emptyOverflowCount = 0;

  push(chunk: Uint8Array): ParseResult<PersonRecord> {
    this.bytes += chunk.length;
    this.text.push(chunk);
    return this.result();
  }

  end(): ParseResult<PersonRecord> {
    if (this.bytes === 0) throw new NotThisFormat('not a Google Contacts CSV: the file is empty');
    this.text.end();
    this.take(this.csv.end());
    if (!this.cols) throw new NotThisFormat(NO_HEADER);
    this.settle();
    // rows longer than the header by empty cells only, in a file whose rows fit it as often: shifted
    if (this.fitting > 0 && this.fitting >= this.emptyOverflowCount)
      for (const { line, extra } of this.emptyOverflow)
        this.issues.push(extraFields(line, extra === 1 ? 'a column' : `${extra} columns`, this.width));
    return this.result();
  }

  /** Characters and bytes held between pushes (a segment of records, bytes waiting for their encoding). */
  get buffered(): number {
    return this.text.bufferedBytes + this.csv.bufferedChars;
  }

  private take(piece: CsvPiece): void {
    if (piece.header) {
      this.cols = columnsOf(piece.header);
      if (!this.cols) throw new NotThisFormat(NO_HEADER);
      this.width = piece.header.length;
      this.header = headerKey(piece.header);
    }
    for (const issue of piece.issues) this.issues.push(issue);
    const cols = this.cols;
    if (!cols) return;
    if (this.order === undefined) this.learnOrder(piece.rows, cols);
    const hold = (person: PersonRecord, raw: string) => this.held.push({ person, raw });
    for (const row of piece.rows) {
      const junk = this.junk(row);
      if (junk) {
        this.issues.push({ line: row.line, code: junk.code, message: junk.message, dropped: true });
        continue;
      }
      const overflow = row.cells.slice(this.width);
      const extra = overflow.filter((c) => c.trim() !== '').length;
      // a value with a comma in it written without quotes: each value after it is one column off
      if (extra > 0)
        this.issues.push(extraFields(row.line, `${extra === 1 ? 'a value' : `${extra} values`}`, this.width));
      else if (overflow.length > 0) {
        this.emptyOverflowCount++;
        if (this.emptyOverflow.length < MAX_OVERFLOW_HELD)
          this.emptyOverflow.push({ line: row.line, extra: overflow.length });
      } else if (row.cells.length === this.width) this.fitting++;
      const held = this.held.length;
      const person = personOf(row, cols, this.issues, { order: this.order, hold });
      // one waiting for the file to say how its dates read comes out once it has, or at the end
      if (person && this.held.length === held) this.records.push(person);
    }
    if (this.held.length > MAX_HELD) this.settle();
  }

  /**
   * Why a row is no contact: the header again (two exports joined into one file), binary data
   * (control characters, bytes that are not text), or, after binary data, a row without the
   * header's columns (its rest: random bytes split at random commas and line ends).
   */
  private junk(row: CsvRow): { code: string; message: string } | undefined {
    if (row.cells.length === this.width && headerKey(row.cells) === this.header)
      return { code: 'repeated_header', message: 'the row repeats the header (two files joined into one?); skipped' };
    if (isBinaryRow(row.cells, this.width)) {
      this.binarySeen = true;
      return {
        code: 'binary_data',
        message: 'the row holds binary data (control characters, bytes that are not text), not a contact; skipped',
      };
    }
    if (this.binarySeen && row.cells.length !== this.width)
      return {
        code: 'binary_data',
        message: `the row follows binary data and has ${row.cells.length} columns, not the header's ${this.width}; skipped`,
      };
    // random bytes that happen to make the header's columns: signs no contact is written with
    if (this.binarySeen && row.cells.some((c) => NOT_CONTACT_TEXT.test(c)))
      return {
        code: 'binary_data',
        message: 'the row follows binary data and holds signs no contact is written with; skipped',
      };
    return undefined;
  }

  /** The order of day and month from the first slashed birthday that can be read one way only (Outlook writes the computer's). */
  private learnOrder(rows: readonly CsvRow[], cols: Columns): void {
    const at = cols.col('Birthday');
    if (at < 0) return;
    const order = slashOrderOf(
      rows.map((r) => slashed(cellAt(r.cells, at).trim())).filter((c) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(c)),
      'unknown',
    );
    if (order === 'unknown') return;
    this.order = order;
    this.settle();
  }

  /** Gives the held records their birthday read in the file's order, or none (said) while it is still unknown. */
  private settle(): void {
    for (const { person, raw } of this.held) {
      const birthday = this.order ? normaliseBirthday(raw, this.order) : undefined;
      if (birthday) this.records.push({ ...person, birthday });
      else {
        this.issues.push(
          badBirthday(
            { line: person.where.line ?? 0 },
            raw,
            'could be read day first or month first, and no birthday in the file says which',
          ),
        );
        this.records.push(person);
      }
    }
    this.held = [];
  }

  private result(): ParseResult<PersonRecord> {
    const out = { records: this.records, issues: this.issues };
    this.records = [];
    this.issues = [];
    return out;
  }
}

/** Rows with empty extra columns kept for saying at the end at most (their line and count). */
const MAX_OVERFLOW_HELD = 1000;

function extraFields(line: number, what: string, width: number): ParseIssue {
  return {
    line,
    code: 'extra_fields',
    message: `the row has ${what} beyond the header's ${width} columns (a separator inside a value not in quotes?), so values after it may be in the wrong fields; imported as it is`,
  };
}

/**
 * Why a file is not a Google Contacts CSV, judged on its first bytes (the header line), or
 * undefined when it starts like one: for refusing a wrong file of a list before anything is written.
 */
export function googleHeadProblem(head: Uint8Array): string | undefined {
  const text = decodeBytes(head).text.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/, 3);
  // a header is a few kilobytes: a first line longer than the sample is no header (a 60 MB line of
  // garbage is refused here, not after a full parse)
  if (lines.length === 1 && head.length >= 64 * 1024) return NO_HEADER;
  let header = lines[0] ?? '';
  // Excel may write a first line naming the separator: `sep=;`
  const sep = SEP_LINE.exec(header.trim());
  if (sep) header = lines[1] ?? '';
  const delimiter = (sep?.[1] as CsvDelimiter | undefined) ?? delimiterOf(header);
  return columnsOf(readCsv(header, { delimiter }).header) ? undefined : NO_HEADER;
}

const SEP_LINE = /^"?sep=([,;\t|])"?$/i;

/**
 * The separator of a header line: a comma, or what reads it as a Google header when a comma does
 * not: semicolons (a file saved again by Excel where the decimal mark is a comma), tabs (Excel's
 * "Unicode text").
 */
function delimiterOf(line: string): CsvDelimiter {
  if (columnsOf(readCsv(line).header)) return ',';
  for (const d of [';', '\t'] as const)
    if (line.includes(d) && columnsOf(readCsv(line, { delimiter: d }).header)) return d;
  return ',';
}

type Layout = 'current' | 'legacy' | 'outlook';

interface Columns {
  readonly layout: Layout;
  readonly col: (name: string) => number;
  /** numbered groups: kind ("e-mail") → field ("value") → column indices in group-number order */
  readonly groups: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
}

/** The columns by name, or undefined when the header is neither Google layout. */
function columnsOf(header: readonly string[]): Columns | undefined {
  const col = headerIndex(header);
  const groups = groupsOf(header);
  const has = (name: string) => col(name) >= 0;
  const layout: Layout | undefined =
    has('Given Name') && has('Family Name') && (has('Group Membership') || has('Name'))
      ? 'legacy'
      : (has('First Name') || has('Last Name')) && has('E-mail Address') && !groups.has('e-mail')
        ? 'outlook'
        : (has('First Name') || has('Last Name')) &&
            (has('Labels') || has('File As') || groups.has('e-mail') || groups.has('phone'))
          ? 'current'
          : undefined;
  return layout && { layout, col, groups };
}

function groupsOf(header: readonly string[]): Map<string, Map<string, number[]>> {
  const found: { kind: string; n: number; field: string; index: number }[] = [];
  header.forEach((h, index) => {
    const m = /^(.+?) (\d+) - (.+)$/.exec(h.trim());
    // "Email 1 - Value" is written "E-mail 1 - Value" by Google, "Email" by other tools
    const kind = (m?.[1] ?? '').toLowerCase().replace(/^email$/, 'e-mail');
    if (m) found.push({ kind, n: Number(m[2]), field: (m[3] ?? '').toLowerCase(), index });
  });
  found.sort((a, b) => a.n - b.n || a.index - b.index);
  const groups = new Map<string, Map<string, number[]>>();
  for (const g of found) {
    const fields = groups.get(g.kind) ?? new Map<string, number[]>();
    fields.set(g.field, [...(fields.get(g.field) ?? []), g.index]);
    groups.set(g.kind, fields);
  }
  return groups;
}

/** Records held at most while a file's birthdays have not said whether the day or the month comes first. */
const MAX_HELD = 10_000;

/**
 * A sign no contact's cell holds, looked for only after binary data: anything but letters, digits,
 * spaces, ASCII's signs and the typographer's quotes, dashes and dots (random bytes read as
 * Windows-1252 give « ¿ ² € ¶… among their letters).
 */
const NOT_CONTACT_TEXT =
  /[^\p{L}\p{M}\p{Nd}\s!-/:-@[-`{-~\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b7]/u;

/** Longest value kept from a cell, as for a vCard property; a longer one is cut with a `value_too_long` issue. */
const MAX_VALUE_LENGTH = 64 * 1024;

/** How a file's slashed birthdays read, once one of them tells, and where a record goes to wait for that. */
interface SlashDates {
  readonly order: SlashOrder | undefined;
  readonly hold: (person: PersonRecord, raw: string) => void;
}

function personOf(row: CsvRow, cols: Columns, issues: ParseIssue[], dates: SlashDates): PersonRecord | undefined {
  const where = { line: row.line };
  const reported = new Set<string>();
  const kept = (value: string, name: string) => {
    if (value.length <= MAX_VALUE_LENGTH) return value;
    if (!reported.has(name))
      issues.push({
        ...where,
        code: 'value_too_long',
        message: `the ${name} value is longer than 64 KiB; only its start was kept`,
      });
    reported.add(name);
    const last = value.charCodeAt(MAX_VALUE_LENGTH - 1);
    return value.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_VALUE_LENGTH - 1 : MAX_VALUE_LENGTH);
  };
  const cell = (name: string) => kept(cellAt(row.cells, cols.col(name)), name);
  const group = (kind: string, field: string) =>
    unique(
      (cols.groups.get(kind)?.get(field) ?? []).flatMap((i) => multi(kept(cellAt(row.cells, i), `${kind} ${field}`))),
    );
  const cells = (names: readonly string[]) => unique(names.flatMap((n) => multi(cell(n))));
  const outlook = cols.layout === 'outlook';
  const org = outlook
    ? cell('Company') || undefined
    : (multi(cell('Organization Name'))[0] ?? group('organization', 'name')[0]);
  // Outlook's "Title" is Mr. or Dr.: the job is "Job Title"
  const title = outlook
    ? cell('Job Title') || undefined
    : (multi(cell('Organization Title'))[0] ?? group('organization', 'title')[0]);
  const given = nameOf(cell, cols.layout);
  // a "name" without a letter or digit in it ("‘", "--") names no one
  const name = [given.name, cell('File As'), cell('Nickname'), org].find((n) => n && /[\p{L}\p{N}]/u.test(n));
  // "Last, First" is read in one name field only: not in a name put together from its parts
  // ("Maria, Jr" Lopez) nor in the company's name a company-only contact goes by
  const asWritten = given.name ? given.assembled : name !== undefined && name === org;
  const emails = checkedEmails(outlook ? cells(OUTLOOK_EMAILS) : group('e-mail', 'value'), where, issues);
  // a number saved from a vCard 4.0 may keep its tel: URI
  const phones = unique((outlook ? cells(OUTLOOK_PHONES) : group('phone', 'value')).map(phoneFromUri).filter(Boolean));
  const sites = outlook ? cells(['Web Page', 'Personal Web Page']) : group('website', 'value');
  // a member's profile, not their company's page (which their colleagues list too)
  const profileUrl = sites.find((u) => isLinkedinProfile(u));
  if (!name && emails.length === 0 && phones.length === 0 && !profileUrl) {
    issues.push({
      ...where,
      code: 'no_identity',
      message: 'a contact with no name, email, phone or LinkedIn URL; skipped',
      dropped: true,
    });
    return undefined;
  }
  // Outlook writes "0/0/00" for no birthday
  const birthdayCell = cell('Birthday');
  const rawBirthday = /^0?0\/0?0\/0{2,4}$/.test(birthdayCell) ? '' : birthdayCell;
  const birthday = rawBirthday ? normaliseBirthday(rawBirthday, dates.order) : undefined;
  // 3/4/1985 while the file has not said which comes first: settled by the stream (see settle)
  const pending = rawBirthday !== '' && birthday === undefined && isAmbiguousSlashDate(rawBirthday);
  if (rawBirthday && !birthday && !pending) issues.push(badBirthday(where, rawBirthday));
  const person: PersonRecord = {
    kind: 'person',
    where,
    name,
    ...(asWritten ? { nameAsWritten: true as const } : {}),
    emails,
    phones,
    profileUrl,
    org,
    title,
    birthday,
    tags: tagsOf(
      outlook
        ? cell('Categories').replace(/\s*;\s*/g, ' ::: ')
        : cell(cols.layout === 'current' ? 'Labels' : 'Group Membership'),
    ),
    notes: cell('Notes') || undefined,
  };
  if (pending) dates.hold(person, rawBirthday);
  return person;
}

function badBirthday(where: { line: number }, raw: string, why = 'is not a date'): ParseIssue {
  return {
    ...where,
    code: 'bad_date',
    message: `Birthday "${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}" ${why}; kept without it`,
  };
}

/** The cells that are email addresses; each one that is not is reported (the contact is kept without it). */
function checkedEmails(cells: readonly string[], where: { line: number }, issues: ParseIssue[]): string[] {
  // several addresses typed into one cell, split by semicolons or commas (as Outlook writes them)
  const values = cells.flatMap((v) => {
    const parts = v.split(/\s*[;,]\s*/).filter(Boolean);
    return parts.length > 1 && parts.every((p) => isEmail(normalizeEmail(p))) ? parts : [v];
  });
  const bad = values.filter((v) => !isEmail(normalizeEmail(v)));
  for (const v of bad)
    issues.push({ ...where, code: 'bad_email', message: `E-mail "${v}" is not an email address; kept without it` });
  return values.filter((v) => !bad.includes(v));
}

/** Outlook's address and phone columns, the most telling first. */
const OUTLOOK_EMAILS = ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'];
const OUTLOOK_PHONES = [
  'Mobile Phone',
  'Business Phone',
  'Business Phone 2',
  'Home Phone',
  'Home Phone 2',
  'Primary Phone',
  'Other Phone',
  'Car Phone',
];

/** The contact's name, and whether it was put together from more than one name part. */
function nameOf(cell: (name: string) => string, layout: Layout): { name: string; assembled: boolean } {
  const whole = layout === 'legacy' ? cell('Name') : '';
  if (whole) return { name: whole, assembled: false };
  const [given, additional, family] = (
    layout === 'legacy' ? ['Given Name', 'Additional Name', 'Family Name'] : ['First Name', 'Middle Name', 'Last Name']
  ).map((column) => [cell(column)]);
  const suffixes = [cell(layout === 'outlook' ? 'Suffix' : 'Name Suffix')];
  const name = assembleName({ given: given ?? [], additional, family: family ?? [], suffixes });
  return { name, assembled: [given, additional, family].filter((p) => p?.[0]).length > 1 };
}

/** Google joins several values in one cell with " ::: ". */
function multi(value: string): string[] {
  return value
    .split(/\s*:::\s*/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** System groups that every contact is in, or that Google adds by itself: no meaning as a tag. */
const NOISE = new Set([
  'mycontacts',
  'my contacts',
  'other',
  'other contacts',
  'all contacts',
  'chat buddies',
  'blocked',
]);

export function tagsOf(labels: string): string[] {
  const tags = multi(labels).flatMap((label) => {
    const system = label.startsWith('*') || /^system group:/i.test(label);
    const name = label.replace(/^\*\s*/, '').replace(/^system group:\s*/i, '');
    if (/^imported on /i.test(name)) return [];
    if (!system) return [name];
    const key = name.toLowerCase();
    return NOISE.has(key) ? [] : [key];
  });
  return unique(tags);
}

/**
 * `YYYY-MM-DD`, or `--MM-DD` without a year, from the forms Google writes (and `April 12, 1985`);
 * else undefined. A slashed date both ways readable (3/4/1985) needs the file's `order`.
 */
export function normaliseBirthday(text: string, order?: SlashOrder): string | undefined {
  const s = slashed(text.trim());
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^--(\d{1,2})-?(\d{1,2})$/.exec(s);
  if (m) return ymd(undefined, Number(m[1]), Number(m[2]));
  m = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:, ?(\d{4}))?$/.exec(s);
  if (m) return ymd(m[3] ? Number(m[3]) : undefined, monthOf(m[1] ?? ''), Number(m[2]));
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.?(?: (\d{4}))?$/.exec(s);
  if (m) return ymd(m[3] ? Number(m[3]) : undefined, monthOf(m[2] ?? ''), Number(m[1]));
  // 12.04.1985: Excel in German, Russian, Polish…, always day first
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  // 1/31/1985 (Outlook in the US) or 31/1/1985: only when one number cannot be a month, or the
  // file's other dates tell
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return ymd(year, b, a);
    if (b > 12 && a <= 12) return ymd(year, a, b);
    if (order) return order === 'dmy' ? ymd(year, b, a) : ymd(year, a, b);
  }
  return undefined;
}

/** 12-04-1985 (Excel in Dutch, Danish…) as 12/04/1985: read as slashed dates are, in the file's order. */
function slashed(text: string): string {
  return /^\d{1,2}-\d{1,2}-\d{4}$/.test(text) ? text.replaceAll('-', '/') : text;
}

/** 3/4/1985: a slashed date whose day and month could be either. */
function isAmbiguousSlashDate(text: string): boolean {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(slashed(text.trim()));
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function ymd(year: number | undefined, month: number, day: number): string | undefined {
  // without a year, 29 February is a real birthday: check against a leap year
  const y = year ?? 2000;
  const d = new Date(Date.UTC(y, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return year === undefined ? `--${mmdd}` : `${String(year).padStart(4, '0')}-${mmdd}`;
}
