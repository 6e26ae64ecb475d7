import {
  type CsvDelimiter,
  type CsvRow,
  type CsvTable,
  cellAt,
  headerIndex,
  headerKey,
  isBinaryRow,
  type ReadCsvOptions,
  readCsv,
} from './csv.js';
import { decodeBytes, looksBinary } from './decode.js';
import { connections } from './linkedin-connections.js';
import { type LinkedinFile, linkedinFileKind } from './linkedin-files.js';
import { withUniqueIds } from './linkedin-ids.js';
import { invitation, invitationRowsOf } from './linkedin-invitations.js';
import { endorsements, recommendations } from './linkedin-ledger.js';
import { messageRowsOf, messages } from './linkedin-messages.js';
import { findOwner, type LinkedinOptions } from './linkedin-owner.js';
import type { Table } from './linkedin-table.js';
import { type ImportRecord, NotThisFormat, type ParseIssue, type ParseResult } from './records.js';

/**
 * LinkedIn's "Get a copy of your data" export: a zip (or its unpacked folder) of CSV files.
 * Connections become people; messages and invitations become interactions; recommendations and
 * endorsements become ledger exchanges (talent). Pure: bytes in, records out.
 *
 * Choices worth knowing:
 * - The export never says who the user is. The owner is the profile URL taking part in the most
 *   conversations (the user is in all of them), ties broken by invitations (the user is the inviter
 *   of an OUTGOING one), by not being a connection (nobody is their own), then by messages sent.
 *   `opts.ownerProfileUrl` / `opts.ownerName` override the guess.
 * - Drafts are skipped silently (never sent). The SPAM folder is skipped with one summary issue
 *   (unsolicited, not a relationship); INBOX, SENT and archived conversations are kept, since
 *   archiving is tidying, not a judgement on the person.
 * - A name of "LinkedIn Member" (a deactivated or hidden account) is no name at all: keying on
 *   it would merge strangers into one person.
 * - Recommendations and endorsements are kept whatever their Status: given or received, the
 *   value was offered.
 * - Times without a zone (`03/12/24, 10:15 AM`, US month first) are read as UTC.
 *
 * This module is the entry point: it finds the export's files, reads their tables and hands each
 * to its reader in a `linkedin-*.ts` module beside it.
 */

export { parseLinkedinDate } from './linkedin-dates.js';

import { slashOrderOf } from './slash-dates.js';

export { type LinkedinFile, linkedinFileKind, MAX_INFLATED_BYTES, unzipEntries } from './linkedin-files.js';
export type { LinkedinOptions } from './linkedin-owner.js';

export type LinkedinResult = ParseResult & {
  ownerProfileUrl?: string;
  ownerName?: string;
  /** the owner was guessed (not given), and whether nobody else fits as well */
  ownerGuess?: { certain: boolean };
};

/** The column of each file that holds its dates. */
const DATE_COLUMN: Record<LinkedinFile, string> = {
  connections: 'Connected On',
  messages: 'DATE',
  invitations: 'Sent At',
  recommendations_given: 'Creation Date',
  recommendations_received: 'Creation Date',
  endorsements_given: 'Endorsement Date',
  endorsements_received: 'Endorsement Date',
};

const REQUIRED: Record<LinkedinFile, readonly string[]> = {
  connections: ['First Name', 'Last Name', 'Connected On'],
  messages: ['CONVERSATION ID', 'FROM', 'DATE', 'CONTENT'],
  invitations: ['From', 'To', 'Sent At', 'Direction'],
  recommendations_given: ['First Name', 'Last Name', 'Text', 'Creation Date'],
  recommendations_received: ['First Name', 'Last Name', 'Text', 'Creation Date'],
  endorsements_given: ['Endorsement Date', 'Skill Name', 'Endorsee First Name', 'Endorsee Last Name'],
  endorsements_received: ['Endorsement Date', 'Skill Name', 'Endorser First Name', 'Endorser Last Name'],
};

/**
 * Which export file a CSV is by its header (LinkedIn's columns among its first lines), for a file
 * given under another name ("my-connections.csv"); undefined when no export file's header, or
 * more than one, fits.
 */
export function linkedinKindByHeader(bytes: Uint8Array): LinkedinFile | undefined {
  if (looksBinary(bytes)) return undefined;
  const text = decodeBytes(bytes.subarray(0, 64 * 1024)).text;
  const head = text.split(/\r?\n/).slice(0, 50).join('\n');
  const kinds = (Object.entries(REQUIRED) as [LinkedinFile, readonly string[]][]).filter(([, required]) => {
    const found = readExportCsv(head, {
      findHeader: (cells) => {
        const col = headerIndex(cells);
        return required.every((name) => col(name) >= 0);
      },
    });
    return found.csv.headerLine !== null;
  });
  // recommendations given and received share their columns: only the name tells them apart
  return kinds.length === 1 ? kinds[0]?.[0] : undefined;
}

export function parseLinkedin(
  files: { name: string; bytes: Uint8Array; kind?: LinkedinFile | undefined }[],
  opts: LinkedinOptions = {},
): LinkedinResult {
  const known = files.flatMap((f) => {
    const kind = f.kind ?? linkedinFileKind(f.name);
    return kind ? [{ ...f, kind }] : [];
  });
  if (known.length === 0)
    throw new NotThisFormat(
      'not a LinkedIn export: no Connections.csv, messages.csv, Invitations.csv, Recommendations_*.csv or Endorsement_*_Info.csv',
    );
  const issues: ParseIssue[] = [];
  const tables = new Map<LinkedinFile, Table[]>();
  for (const f of known) {
    const table = readTable(f.name, f.bytes, f.kind, issues);
    if (table) tables.set(f.kind, [...(tables.get(f.kind) ?? []), table]);
  }
  if (tables.size === 0)
    throw new NotThisFormat(
      `not a LinkedIn export: ${known.map((f) => `${f.name} ${looksBinary(f.bytes) ? 'is not text' : `has no header with the columns ${REQUIRED[f.kind].join(', ')}`}`).join('; ')}`,
    );
  const of = (kind: LinkedinFile) => tables.get(kind) ?? [];
  const people = of('connections').flatMap((t) => connections(t, issues));
  const invitationRows = of('invitations').flatMap((t) => invitationRowsOf(t, issues));
  // numbered after joining, so two messages.csv (a folder holding two exports) do not collide
  const messageRows = of('messages')
    .flatMap((t) => messageRowsOf(t, issues))
    .map((m, index) => ({ ...m, index }));
  // the rows of messages.csv, its text most of all, are let go once read (what is kept is owned)
  for (const t of of('messages')) t.rows.length = 0;
  const owner = findOwner(opts, messageRows, invitationRows, people);
  const records: ImportRecord[] = [];
  append(records, people);
  append(records, withUniqueIds(invitationRows.map((r) => invitation(r))));
  // a guess that others fit as well (one conversation between two people) would store every
  // message the wrong way round, and a later import cannot turn them: the user says who they are
  const unsure = owner.guessed !== undefined && !owner.guessed.certain && messageRows.length > 0;
  // a profile given (or remembered from another export) that takes part in no conversation here:
  // every message would be stored as between two strangers, one of them taken for the user
  const absent =
    owner.guessed === undefined &&
    (owner.url !== undefined || owner.name !== undefined) &&
    messageRows.length > 0 &&
    !messageRows.some((m) => (m.sender && owner.is(m.sender)) || m.recipients.some((r) => owner.is(r)));
  const entry = of('messages')[0]?.entry ?? 'messages.csv';
  const notImported =
    messageRows.length === 1 ? '1 message was not imported' : `${messageRows.length} messages were not imported`;
  // an old export names people without profile URLs: the user is told by their name there
  const again = owner.urls
    ? 'import again with --me YOUR-PROFILE-URL'
    : 'import again with --me "YOUR NAME", as the export writes it (it names people without profile URLs)';
  if (unsure)
    issues.push({
      line: null,
      entry,
      code: 'owner_unknown',
      message: `${notImported}: the export does not show which participant is you; ${again}`,
    });
  else if (absent)
    issues.push({
      line: null,
      entry,
      code: 'owner_unknown',
      message: `${notImported}: ${owner.url ? `your profile (${owner.url})` : `your name (${owner.name})`} takes part in none of the conversations; ${again}`,
    });
  else append(records, messages(messageRows, owner, issues));
  append(
    records,
    withUniqueIds([
      ...of('recommendations_given').flatMap((t) => recommendations(t, 'given', issues)),
      ...of('recommendations_received').flatMap((t) => recommendations(t, 'received', issues)),
      ...of('endorsements_given').flatMap((t) => endorsements(t, 'given', issues)),
      ...of('endorsements_received').flatMap((t) => endorsements(t, 'received', issues)),
    ]),
  );
  // the export is as of the date in its name, or its latest date at least: its connections' jobs
  // are true then, and an older export imported later does not roll them back
  let asOf = opts.exportedAt ?? 0;
  for (const m of messageRows) if (Number.isFinite(m.at)) asOf = Math.max(asOf, m.at);
  for (const r of records) asOf = Math.max(asOf, (r.kind === 'person' ? r.connectedAt : r.at) ?? 0);
  if (asOf > 0) for (const [i, r] of records.entries()) if (r.kind === 'person') records[i] = { ...r, asOf };
  if (unsure || absent) return { records, issues };
  return {
    records,
    issues,
    ...(owner.url === undefined ? {} : { ownerProfileUrl: owner.url }),
    ...(owner.name === undefined ? {} : { ownerName: owner.name }),
    ...(owner.guessed ? { ownerGuess: owner.guessed } : {}),
  };
}

function readTable(entry: string, bytes: Uint8Array, kind: LinkedinFile, issues: ParseIssue[]): Table | undefined {
  if (looksBinary(bytes)) {
    issues.push({ line: null, entry, code: 'bad_encoding', message: 'this file is not text; it was skipped' });
    return undefined;
  }
  const required = REQUIRED[kind];
  const isHeader = (cells: readonly string[]) => {
    const col = headerIndex(cells);
    return required.every((name) => col(name) >= 0);
  };
  const decoded = decodeBytes(bytes);
  if (decoded.replaced)
    issues.push({
      line: null,
      entry,
      code: 'bad_encoding',
      message: `${decoded.replaced === 1 ? '1 byte is' : `${decoded.replaced} bytes are`} not UTF-8 text (damaged, or something glued on); read as \uFFFD, the rest as UTF-8`,
    });
  if (decoded.text.trim() === '') {
    issues.push({ line: null, entry, code: 'empty', message: 'the file is empty; it was skipped' });
    return undefined;
  }
  const { csv, delimiter } = readExportCsv(decoded.text, { findHeader: isHeader, entry });
  append(issues, csv.issues);
  if (csv.headerLine === null) {
    issues.push({
      line: null,
      entry,
      code: 'unexpected_header',
      message: `no header with the columns ${required.join(', ')}; the file was skipped`,
    });
    return undefined;
  }
  const rows = exportRows(csv, entry, issues);
  const col = headerIndex(csv.header);
  const dates = col(DATE_COLUMN[kind]);
  // LinkedIn writes month first; a file Excel saved with semicolons comes from where the day is
  const dateOrder = slashOrderOf(
    (function* () {
      for (const row of rows) yield cellAt(row.cells, dates);
    })(),
    delimiter === ';' ? 'dmy' : 'mdy',
  );
  return { entry, rows, col, dateOrder };
}

/**
 * The rows of a CSV that are records, each other one reported with its line and left out: the
 * header again (two exports joined into one file), with the notes LinkedIn writes above it; binary
 * data (see isBinaryRow); and a row with more values than the header has columns (a comma outside
 * quotes: every value after it would land in the wrong column, a draft's folder in its text).
 */
function exportRows(csv: CsvTable, entry: string, issues: ParseIssue[]): CsvRow[] {
  const width = csv.header.length;
  const header = headerKey(csv.header);
  const rows: CsvRow[] = [];
  const dropped: ParseIssue[] = [];
  const drop = (row: CsvRow, code: string, message: string) =>
    dropped.push({ line: row.line, entry, code, message, dropped: true });
  for (const row of csv.rows) {
    if (row.cells.length === width && headerKey(row.cells) === header) {
      // the notes above a header (Connections.csv's "Notes:" and its sentence) are one value each
      while (rows.length > 0 && (rows.at(-1) as CsvRow).cells.filter((c) => c.trim() !== '').length <= 1) {
        const note = rows.pop() as CsvRow;
        drop(note, 'repeated_header', "the notes above the file's header, again (two files joined into one?); skipped");
      }
      drop(row, 'repeated_header', 'the row repeats the header (two files joined into one?); skipped');
    } else if (isBinaryRow(row.cells, width))
      drop(row, 'binary_data', 'the row holds binary data (control characters, bytes that are not text); skipped');
    else if (row.cells.slice(width).some((c) => c.trim() !== ''))
      drop(
        row,
        'extra_fields',
        `the row has ${row.cells.length} values where the header has ${width} columns (a comma outside quotes?), so its values cannot be told apart; skipped`,
      );
    else rows.push(row);
  }
  // (the notes popped above are said after their header: in line order again)
  append(
    issues,
    dropped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  );
  return rows;
}

/**
 * A CSV of the export as LinkedIn writes it (commas), or as Excel saves it again: semicolons
 * where the decimal mark is a comma, tabs for its "Unicode text" (UTF-16, which decodeBytes
 * reads), with or without a `sep=` line before the header (passed over as a preamble).
 */
function readExportCsv(
  text: string,
  opts: Omit<ReadCsvOptions, 'delimiter'>,
): { csv: CsvTable; delimiter: CsvDelimiter } {
  let first: CsvTable | undefined;
  for (const delimiter of [',', ';', '\t'] as const) {
    // as wide as the header: a stray quote costs its own record, not the valid ones after it
    const csv = readCsv(text, { ...opts, delimiter, width: 'header' });
    if (csv.headerLine !== null) return { csv, delimiter };
    first ??= csv;
  }
  return { csv: first as CsvTable, delimiter: ',' };
}

/** push(...items) overflows the stack on a few hundred thousand items */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
