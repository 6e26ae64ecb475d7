import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { type CsvRow, cellAt, headerIndex, readCsv } from './csv.js';
import { decodeBytes, looksBinary } from './decode.js';
import {
  type ContactRef,
  type ExchangeRecord,
  type ImportRecord,
  type InteractionRecord,
  NotThisFormat,
  type ParseIssue,
  type ParseResult,
  type PersonRecord,
} from './records.js';

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
 */

export type LinkedinFile =
  | 'connections'
  | 'messages'
  | 'invitations'
  | 'recommendations_given'
  | 'recommendations_received'
  | 'endorsements_given'
  | 'endorsements_received';

const FILE_KINDS = new Map<string, LinkedinFile>([
  ['connections.csv', 'connections'],
  ['messages.csv', 'messages'],
  ['invitations.csv', 'invitations'],
  ['recommendations_given.csv', 'recommendations_given'],
  ['recommendations_received.csv', 'recommendations_received'],
  ['endorsement_given_info.csv', 'endorsements_given'],
  ['endorsement_received_info.csv', 'endorsements_received'],
]);

/** Which export file an entry is, by its name (any folder, any case); macOS resource forks (`._x`) are not files. */
export function linkedinFileKind(entryName: string): LinkedinFile | undefined {
  const base = entryName.split(/[\\/]/).pop() ?? '';
  if (base.startsWith('._') || /(^|[\\/])__MACOSX[\\/]/i.test(entryName)) return undefined;
  return FILE_KINDS.get(base.toLowerCase());
}

/** What the CSV entries of one export may inflate to: real exports are a few megabytes; a zip bomb is refused. */
export const MAX_INFLATED_BYTES = 1024 * 2 ** 20;

/**
 * The CSV entries of a zip. Other entries are filtered out by name before they are inflated,
 * and a zip whose CSV entries declare more than MAX_INFLATED_BYTES in all is refused unread.
 */
export function unzipEntries(zip: Uint8Array): { name: string; bytes: Uint8Array }[] {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new NotThisFormat('not a zip archive');
  let declared = 0;
  let tooBig: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (!isCsvEntry(f.name)) return false;
        declared += f.originalSize;
        if (declared > MAX_INFLATED_BYTES) tooBig ??= f.name;
        return tooBig === undefined;
      },
    });
  } catch (err) {
    throw new NotThisFormat(`not a readable zip archive (${err instanceof Error ? err.message : 'corrupt'})`);
  }
  if (tooBig !== undefined)
    throw new NotThisFormat(
      `its CSV files would expand to over ${MAX_INFLATED_BYTES / 2 ** 20} MiB (at ${tooBig}); refused as a likely zip bomb`,
    );
  return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
}

function isCsvEntry(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.toLowerCase().endsWith('.csv') && !base.startsWith('._') && !/(^|\/)__MACOSX\//i.test(name);
}

export interface LinkedinOptions {
  readonly ownerName?: string;
  readonly ownerProfileUrl?: string;
}

export type LinkedinResult = ParseResult & { ownerProfileUrl?: string; ownerName?: string };

interface Table {
  readonly entry: string;
  readonly rows: CsvRow[];
  readonly col: (name: string) => number;
}

const REQUIRED: Record<LinkedinFile, readonly string[]> = {
  connections: ['First Name', 'Last Name', 'Connected On'],
  messages: ['CONVERSATION ID', 'FROM', 'DATE', 'CONTENT'],
  invitations: ['From', 'To', 'Sent At', 'Direction'],
  recommendations_given: ['First Name', 'Last Name', 'Text', 'Creation Date'],
  recommendations_received: ['First Name', 'Last Name', 'Text', 'Creation Date'],
  endorsements_given: ['Endorsement Date', 'Skill Name', 'Endorsee First Name', 'Endorsee Last Name'],
  endorsements_received: ['Endorsement Date', 'Skill Name', 'Endorser First Name', 'Endorser Last Name'],
};

export function parseLinkedin(
  files: { name: string; bytes: Uint8Array }[],
  opts: LinkedinOptions = {},
): LinkedinResult {
  const known = files.flatMap((f) => {
    const kind = linkedinFileKind(f.name);
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
  const of = (kind: LinkedinFile) => tables.get(kind) ?? [];
  const people = of('connections').flatMap((t) => connections(t, issues));
  const invitationRows = of('invitations').flatMap((t) => invitationRowsOf(t, issues));
  // numbered after joining, so two messages.csv (a folder holding two exports) do not collide
  const messageRows = of('messages')
    .flatMap((t) => messageRowsOf(t, issues))
    .map((m, index) => ({ ...m, index }));
  const owner = findOwner(opts, messageRows, invitationRows, people);
  const records: ImportRecord[] = [];
  append(records, people);
  append(records, withUniqueIds(invitationRows.map((r) => invitation(r))));
  append(records, messages(messageRows, owner, issues));
  append(
    records,
    withUniqueIds([
      ...of('recommendations_given').flatMap((t) => recommendations(t, 'given', issues)),
      ...of('recommendations_received').flatMap((t) => recommendations(t, 'received', issues)),
      ...of('endorsements_given').flatMap((t) => endorsements(t, 'given', issues)),
      ...of('endorsements_received').flatMap((t) => endorsements(t, 'received', issues)),
    ]),
  );
  return {
    records,
    issues,
    ...(owner.url === undefined ? {} : { ownerProfileUrl: owner.url }),
    ...(owner.name === undefined ? {} : { ownerName: owner.name }),
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
  const csv = readCsv(decodeBytes(bytes).text, { findHeader: isHeader, entry });
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
  return { entry, rows: csv.rows, col: headerIndex(csv.header) };
}

// ---------------------------------------------------------------- people

function connections(t: Table, issues: ParseIssue[]): PersonRecord[] {
  const read = reader(t, ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On']);
  const out: PersonRecord[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [first, last, url, email, company, position, connectedOn] = read(row);
    const name = fullName(first, last);
    if (!name && !url && !email) {
      issues.push({
        ...where,
        code: 'no_identity',
        message: 'a connection with no name and no profile URL (a closed account); skipped',
      });
      continue;
    }
    const connectedAt = connectedOn ? parseLinkedinDate(connectedOn) : undefined;
    if (connectedOn && connectedAt === undefined) {
      issues.push(badDate(where, 'Connected On', connectedOn));
      continue;
    }
    out.push({
      kind: 'person',
      where,
      name,
      emails: email ? [email] : [],
      phones: [],
      profileUrl: url || undefined,
      org: company || undefined,
      title: position || undefined,
      tags: [],
      connectedAt,
    });
  }
  return out;
}

// ---------------------------------------------------------------- invitations

interface InvitationRow {
  readonly where: { line: number; entry: string };
  readonly direction: 'in' | 'out';
  readonly counterpart: ContactRef;
  /** the user's profile URL as this row gives it */
  readonly ownerUrl?: string;
  readonly at: number;
  readonly message: string;
}

function invitationRowsOf(t: Table, issues: ParseIssue[]): InvitationRow[] {
  const read = reader(t, ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl']);
  const out: InvitationRow[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [from, to, sentAt, message, dir, inviterUrl, inviteeUrl] = read(row);
    const direction = dir.toUpperCase() === 'OUTGOING' ? 'out' : dir.toUpperCase() === 'INCOMING' ? 'in' : undefined;
    if (!direction) {
      issues.push({
        ...where,
        code: 'bad_direction',
        message: `Direction "${dir}" is neither OUTGOING nor INCOMING; skipped`,
      });
      continue;
    }
    const at = parseLinkedinDate(sentAt);
    if (at === undefined) {
      issues.push(badDate(where, 'Sent At', sentAt));
      continue;
    }
    const counterpart = direction === 'out' ? ref(to, inviteeUrl) : ref(from, inviterUrl);
    if (!counterpart) {
      issues.push({ ...where, code: 'no_identity', message: 'an invitation with no name and no profile URL; skipped' });
      continue;
    }
    const ownerUrl = direction === 'out' ? inviterUrl : inviteeUrl;
    out.push({ where, direction, counterpart, at, message, ...(ownerUrl ? { ownerUrl } : {}) });
  }
  return out;
}

function invitation(r: InvitationRow): InteractionRecord {
  return {
    kind: 'interaction',
    where: r.where,
    externalId: `li-inv:${hash(r.direction, refKey(r.counterpart), String(r.at))}`,
    at: r.at,
    channel: 'social',
    direction: r.direction,
    // a click, with or without a line of text: it says who reached out, not that they talked
    depth: 'transactional',
    note: r.message ? `Invitation: ${firstChars(r.message, 120)}` : 'Invitation to connect',
    counterparts: [r.counterpart],
    from: r.direction === 'in' ? r.counterpart : undefined,
  };
}

// ---------------------------------------------------------------- messages

interface MessageRow {
  readonly where: { line: number; entry: string };
  /** position among all the messages read, for ids and stable ordering */
  readonly index: number;
  readonly conversation: string;
  readonly sender: ContactRef | undefined;
  readonly recipients: ContactRef[];
  readonly at: number;
  readonly subject: string;
  readonly content: string;
}

function messageRowsOf(t: Table, issues: ParseIssue[]): Omit<MessageRow, 'index'>[] {
  const read = reader(t, [
    'CONVERSATION ID',
    'FROM',
    'SENDER PROFILE URL',
    'TO',
    'RECIPIENT PROFILE URLS',
    'DATE',
    'SUBJECT',
    'CONTENT',
    'FOLDER',
    'IS MESSAGE DRAFT',
  ]);
  const out: Omit<MessageRow, 'index'>[] = [];
  let spam = 0;
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [conversation, from, fromUrl, to, toUrls, date, subject, content, folder, draft] = read(row);
    if (/^(yes|true)$/i.test(draft)) continue;
    if (folder.toUpperCase() === 'SPAM') {
      spam++;
      continue;
    }
    const at = parseLinkedinDate(date);
    if (at === undefined) {
      issues.push(badDate(where, 'DATE', date));
      continue;
    }
    out.push({
      where,
      conversation: conversation || `line ${row.line}`,
      sender: ref(from, fromUrl),
      recipients: recipientsOf(to, toUrls),
      at,
      subject,
      content: content.replace(/\r\n?/g, '\n'),
    });
  }
  if (spam > 0)
    issues.push({
      line: null,
      entry: t.entry,
      code: 'skipped_spam',
      message: `${spam} message${spam === 1 ? '' : 's'} in the SPAM folder ${spam === 1 ? 'was' : 'were'} not imported`,
    });
  return out;
}

/** TO names and RECIPIENT PROFILE URLS, paired by position when the counts match (a name may hold a comma). */
function recipientsOf(to: string, urls: string): ContactRef[] {
  const u = splitList(urls);
  const n = splitList(to);
  if (u.length === n.length) return u.flatMap((url, i) => opt(ref(n[i] ?? '', url)));
  if (u.length === 0) return n.flatMap((name) => opt(ref(name, '')));
  if (u.length === 1) return opt(ref(to, u[0] ?? ''));
  return u.flatMap((url) => opt(ref('', url)));
}

function messages(rows: MessageRow[], owner: Owner, issues: ParseIssue[]): InteractionRecord[] {
  const ids = messageIds(rows);
  const replyTo = repliesOf(rows, ids);
  const out: InteractionRecord[] = [];
  for (const m of rows) {
    const fromOwner = m.sender !== undefined && owner.is(m.sender);
    const others = distinct(m.recipients.filter((r) => !owner.is(r) && !(m.sender && sameRef(r, m.sender))));
    const counterparts = fromOwner || !m.sender ? others : [m.sender, ...others];
    if (counterparts.length === 0) {
      issues.push({ ...m.where, code: 'no_identity', message: 'a message with nobody but the user in it; skipped' });
      continue;
    }
    const id = ids[m.index] as string;
    out.push({
      kind: 'interaction',
      where: m.where,
      externalId: id,
      at: m.at,
      channel: 'message',
      direction: fromOwner ? 'out' : 'in',
      depth: 'substantive',
      note: m.subject || firstChars(m.content, 120) || undefined,
      counterparts,
      from: fromOwner ? undefined : m.sender,
      replyTo: replyTo.get(m.index),
    });
  }
  return out;
}

/** Stable ids: a hash of what the message is (no export gives message ids). */
function messageIds(rows: MessageRow[]): string[] {
  return uniqueIds(
    rows.map((m) => `li-msg:${hash(m.conversation, String(m.at), m.sender ? refKey(m.sender) : '', m.content)}`),
  );
}

/** Exact duplicates (same hash) get a counter in file order, so ids stay unique and a re-parse gives the same ones. */
function uniqueIds(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  });
}

function withUniqueIds<T extends { readonly externalId: string }>(records: T[]): T[] {
  const ids = uniqueIds(records.map((r) => r.externalId));
  return records.map((r, i) => (ids[i] === r.externalId ? r : { ...r, externalId: ids[i] as string }));
}

/** Each message answers the latest earlier message in its conversation from someone else. */
function repliesOf(rows: MessageRow[], ids: string[]): Map<number, string> {
  const byConversation = new Map<string, MessageRow[]>();
  for (const m of rows) {
    const list = byConversation.get(m.conversation);
    if (list) list.push(m);
    else byConversation.set(m.conversation, [m]);
  }
  const replies = new Map<number, string>();
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.at - b.at || a.index - b.index);
    list.forEach((m, i) => {
      for (let j = i - 1; j >= 0; j--) {
        const earlier = list[j] as MessageRow;
        if (senderKey(earlier) !== senderKey(m)) {
          replies.set(m.index, ids[earlier.index] as string);
          break;
        }
      }
    });
  }
  return replies;
}

function senderKey(m: MessageRow): string {
  return m.sender ? refKey(m.sender) : '';
}

// ---------------------------------------------------------------- the owner

interface Owner {
  readonly url?: string;
  readonly name?: string;
  is(ref: ContactRef): boolean;
}

function findOwner(
  opts: LinkedinOptions,
  messages: MessageRow[],
  invitations: InvitationRow[],
  people: PersonRecord[],
): Owner {
  const guess = opts.ownerProfileUrl ? undefined : guessOwner(messages, invitations, people);
  const url = opts.ownerProfileUrl ?? guess?.profileUrl;
  const name = opts.ownerName ?? (url ? mostCommonName(messages, url) : undefined) ?? guess?.name;
  const urlKey = url ? profileKey(url) : undefined;
  const nameKey = name?.toLowerCase();
  return {
    ...(url === undefined ? {} : { url }),
    ...(name === undefined ? {} : { name }),
    // a URL decides when both sides have one; a name only when a URL is missing
    is: (r) =>
      urlKey && r.profileUrl ? profileKey(r.profileUrl) === urlKey : !!nameKey && r.name?.toLowerCase() === nameKey,
  };
}

/**
 * The participant in the most conversations (the user is in every one), keyed by profile URL, or
 * by name in old exports without URLs. Ties: the inviter of OUTGOING invitations, someone who is
 * not a connection, then the most messages sent; the key's order last so a re-parse agrees.
 */
function guessOwner(
  messages: MessageRow[],
  invitations: InvitationRow[],
  people: PersonRecord[],
): ContactRef | undefined {
  const conversations = new Map<string, Set<string>>();
  const sent = new Map<string, number>();
  const refs = new Map<string, ContactRef>();
  const note = (r: ContactRef | undefined, conversation: string) => {
    if (!r) return;
    const key = refKey(r);
    if (!refs.has(key)) refs.set(key, r);
    const set = conversations.get(key) ?? new Set<string>();
    set.add(conversation);
    conversations.set(key, set);
  };
  for (const m of messages) {
    note(m.sender, m.conversation);
    if (m.sender) sent.set(refKey(m.sender), (sent.get(refKey(m.sender)) ?? 0) + 1);
    for (const r of m.recipients) note(r, m.conversation);
  }
  const invited = new Map<string, number>();
  for (const i of invitations)
    if (i.ownerUrl) {
      const r = { profileUrl: i.ownerUrl };
      const key = refKey(r);
      invited.set(key, (invited.get(key) ?? 0) + 1);
      if (!refs.has(key)) refs.set(key, r);
    }
  const connected = new Set(people.map((p) => refKey(p)));
  const score = (key: string): number[] => [
    conversations.get(key)?.size ?? 0,
    invited.get(key) ?? 0,
    connected.has(key) ? 0 : 1,
    sent.get(key) ?? 0,
  ];
  const best = [...refs.keys()].sort((a, b) => compareScores(score(b), score(a)) || (a < b ? -1 : a > b ? 1 : 0))[0];
  return best === undefined ? undefined : refs.get(best);
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function mostCommonName(messages: MessageRow[], url: string): string | undefined {
  const key = profileKey(url);
  const counts = new Map<string, number>();
  for (const m of messages)
    for (const r of m.sender ? [m.sender, ...m.recipients] : m.recipients)
      if (r.name && r.profileUrl && profileKey(r.profileUrl) === key) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

// ---------------------------------------------------------------- the ledger

function recommendations(t: Table, direction: 'given' | 'received', issues: ParseIssue[]): ExchangeRecord[] {
  const read = reader(t, ['First Name', 'Last Name', 'Text', 'Creation Date']);
  const out: ExchangeRecord[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [first, last, text, created] = read(row);
    const person = ref(fullName(first, last) ?? '', '');
    if (!person) {
      issues.push({ ...where, code: 'no_identity', message: 'a recommendation with no name; skipped' });
      continue;
    }
    const at = parseLinkedinDate(created);
    if (at === undefined) {
      issues.push(badDate(where, 'Creation Date', created));
      continue;
    }
    out.push({
      kind: 'exchange',
      where,
      externalId: `li-rec-${direction}:${hash(refKey(person), String(at), text)}`,
      person,
      direction,
      category: 'talent',
      note: `Recommendation: ${firstChars(text, 120)}`,
      at,
    });
  }
  return out;
}

function endorsements(t: Table, direction: 'given' | 'received', issues: ParseIssue[]): ExchangeRecord[] {
  const who = direction === 'given' ? 'Endorsee' : 'Endorser';
  const read = reader(t, [
    'Endorsement Date',
    'Skill Name',
    `${who} First Name`,
    `${who} Last Name`,
    `${who} Public Url`,
  ]);
  const out: ExchangeRecord[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [date, skill, first, last, url] = read(row);
    const person = ref(fullName(first, last) ?? '', url);
    if (!person) {
      issues.push({
        ...where,
        code: 'no_identity',
        message: 'an endorsement with no name and no profile URL; skipped',
      });
      continue;
    }
    const at = parseLinkedinDate(date);
    if (at === undefined) {
      issues.push(badDate(where, 'Endorsement Date', date));
      continue;
    }
    out.push({
      kind: 'exchange',
      where,
      externalId: `li-end-${direction}:${hash(refKey(person), skill, String(at))}`,
      person,
      direction,
      category: 'talent',
      note: `Endorsed ${skill || 'a skill'}`,
      at,
    });
  }
  return out;
}

// ---------------------------------------------------------------- dates

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * The date forms LinkedIn exports use, as epoch ms (UTC): `12 Mar 2024`, `2023-05-01 14:22:10 UTC`,
 * `03/12/24, 10:15 AM` (month first), `2024-03-12`. Anything else, or an impossible date, is undefined.
 */
export function parseLinkedinDate(text: string): number | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/.exec(s);
  if (m) return utc(Number(m[3]), monthOf(m[2] ?? ''), Number(m[1]));
  m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:UTC|GMT|Z)?$/i.exec(s);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(s);
  if (m) {
    const year = (m[3] ?? '').length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const hour = twelveHour(Number(m[4] ?? 0), m[7]);
    return utc(year, Number(m[1]), Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  return undefined;
}

function monthOf(word: string): number {
  const w = word.toLowerCase();
  return MONTHS.findIndex((name) => name.startsWith(w)) + 1;
}

function twelveHour(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  const pm = ampm.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

/** Epoch ms, or undefined when a field is out of range (Date.UTC would roll 31 Feb into March). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | undefined {
  if (!(month >= 1 && month <= 12 && hour >= 0 && hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
}

// ---------------------------------------------------------------- helpers

/** Reads the named cells of a row, in order (trimmed, '' when the column is missing), with indices looked up once. */
function reader<const N extends readonly string[]>(t: Table, names: N): (row: CsvRow) => { [K in keyof N]: string } {
  const at = names.map((n) => t.col(n));
  return (row) => at.map((i) => cellAt(row.cells, i)) as { [K in keyof N]: string };
}

function fullName(first: string, last: string): string | undefined {
  return [first, last].filter(Boolean).join(' ') || undefined;
}

/** A name and/or URL; "LinkedIn Member" (a hidden account) is no name. Undefined when nothing is left. */
function ref(name: string, url: string): ContactRef | undefined {
  const n = name.trim();
  const u = url.trim();
  const realName = n && n.toLowerCase() !== 'linkedin member' ? n : undefined;
  if (!realName && !u) return undefined;
  return { ...(realName ? { name: realName } : {}), ...(u ? { profileUrl: u } : {}) };
}

/** push(...items) overflows the stack on a few hundred thousand items */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function opt<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function refKey(r: ContactRef): string {
  return r.profileUrl ? profileKey(r.profileUrl) : `name:${(r.name ?? '').toLowerCase()}`;
}

function distinct(refs: ContactRef[]): ContactRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(refKey(r)) && !!seen.add(refKey(r)));
}

function sameRef(a: ContactRef, b: ContactRef): boolean {
  return refKey(a) === refKey(b);
}

/** A profile URL compared loosely: no scheme, no www., no query, no trailing slash, lower case. */
function profileKey(url: string): string {
  let key = profileKeys.get(url);
  if (key === undefined) {
    key = url
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '');
    // the same few thousand URLs come back on every message: remember them, within bounds
    if (profileKeys.size > 100_000) profileKeys.clear();
    profileKeys.set(url, key);
  }
  return key;
}

const profileKeys = new Map<string, string>();

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The first n code points (an emoji is never cut in half) with runs of white space as one space, without reading the rest. */
function firstChars(text: string, n: number): string {
  let out = '';
  let count = 0;
  let gap = false;
  for (const ch of text) {
    if (count >= n) break;
    if (ch.trim() === '') {
      gap = count > 0;
      continue;
    }
    if (gap) {
      out += ' ';
      gap = false;
      if (++count >= n) break;
    }
    out += ch;
    count++;
  }
  return out;
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20);
}

function badDate(where: { line: number; entry: string }, column: string, value: string): ParseIssue {
  return { ...where, code: 'bad_date', message: `${column} "${value}" is not a date; the row was skipped` };
}
