import iconv from 'iconv-lite';
import { addressParser } from 'postal-mime';
import { decodeCharset, decodeWindows1252, isUtf8 } from './decode.js';
import { decodeHeaderWords, unreadableWordsAsUtf8 } from './encoded-words.js';
import { implausibility, parseMailDate, plausibleMailDate } from './mail-date.js';
import { gmailLabelKinds } from './mail-folders.js';
import { HEADER_CAP } from './mail-split.js';
import { transcodeLatinWords } from './mail-words.js';
import type { ParseIssue, Where } from './records.js';

/**
 * A message as its header block describes it: only the fields Rapport uses are decoded. Works on
 * the raw bytes of the block (no MIME parser, no body): unfolds lines, reads 8-bit bytes as UTF-8
 * when valid, else in the charset the message's Content-Type declares, else Windows-1252; RFC 2047
 * words through postal-mime.
 */

export interface Mailbox {
  /** lower-cased, trimmed; always holds an @ */
  address: string;
  name?: string;
}

export interface MailMessage {
  where: Where;
  /** without <> */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** epoch milliseconds */
  date?: number;
  subject?: string;
  from: Mailbox[];
  sender?: Mailbox;
  /** the latest resending (Resent-From, Resent-To, Resent-Cc), when the message was sent on again as it was */
  resent?: { from: Mailbox[]; to: Mailbox[]; cc: Mailbox[]; date?: number; messageId?: string };
  replyTo: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  /** List-Id, List-Unsubscribe, List-Post, Precedence: bulk|list|junk, Mailing-List, X-Mailing-List */
  list: boolean;
  /** the List-Post mailto address, lower-cased, when there is one */
  listPost?: string;
  /** the List-Id identifier (inside <>), lower-cased */
  listId?: string;
  /** Auto-Submitted other than no, X-Autoreply, X-Autorespond, Auto-Reply, X-Auto-Response-Suppress
   * All/OOF, Feedback-ID, X-Campaign…, Return-Path <> */
  autoSubmitted: boolean;
  /** a Gmail Takeout message labelled Spam, or Draft(s): never a conversation */
  gmailFolder?: 'spam' | 'draft';
  /** a message of a Gmail Takeout file (it has X-Gmail-Labels) */
  gmail?: true;
  /** the mailbox the message was delivered to (Delivered-To, X-Original-To), lower case: a blind copy's reader */
  deliveredTo?: string;
  /** the Gmail inbox tab it was sorted into, when not Primary: promotions, updates, social, forums */
  gmailCategory?: string;
  /**
   * Marked deleted and still kept: Thunderbird's X-Mozilla-Status 0x0008 (until the folder is
   * compacted), Gmail's Trash label (until the bin is emptied), or a Maildir file flagged T (until
   * it is expunged; set by the importer)
   */
  deleted?: true;
  /** Gmail's labels that say what the message is: Sent (by the account, from any of its addresses), Chat (a chat, not a mail) */
  gmailSent?: true;
  gmailChat?: true;
  /** a read receipt or delivery report (Content-Type multipart/report) */
  receipt?: true;
  /**
   * a meeting's invitation or a guest's answer sent by a calendar (Outlook's Content-Class
   * calendarmessage, a text/calendar message; set by the reader for a text/calendar part with an
   * iTIP method, see calendar-part.ts): the meeting is the calendar import's
   */
  calendar?: true;
  /** a message Outlook saved before sending it (X-Unsent: 1) */
  unsent?: true;
  /** its header block ran over HEADER_CAP and was read only that far */
  headersCut?: true;
  /** what its address fields hold that is no email address ("bad@@x.example"), left out */
  badAddresses?: string[];
  /**
   * a Date header that could not be read, or gives a time no mail can have (`why`: "before there
   * was email", "in the future"), and where the date was taken from instead
   */
  datedBy?: { unreadable: string; by: string; why?: string };
}

// The fields read, by length then name; every other field is skipped without building a string.
const FIELD_NAMES = [
  'from',
  'sender',
  'resent-from',
  'resent-to',
  'resent-cc',
  'resent-date',
  'resent-message-id',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'list-id',
  'list-post',
  'list-unsubscribe',
  'mailing-list',
  'x-mailing-list',
  'precedence',
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'auto-reply',
  'x-auto-response-suppress',
  'feedback-id',
  'return-path',
  'x-gmail-labels',
  'content-type',
  'content-class',
  'x-unsent',
  'x-mozilla-draft-info',
  'x-mozilla-status',
  'x-mozilla-status2',
  'delivered-to',
  'x-original-to',
  'x-uniform-type-identifier',
];
const FIELDS_BY_LENGTH: { bytes: Buffer; name: string }[][] = [];
for (const name of FIELD_NAMES) {
  const sameLength = FIELDS_BY_LENGTH[name.length] ?? [];
  sameLength.push({ bytes: Buffer.from(name), name });
  FIELDS_BY_LENGTH[name.length] = sameLength;
}
const CAMPAIGN = Buffer.from('x-campaign');

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/**
 * A message's header block, read. `now`, when given, tells a Date gone wrong in the future from a
 * real one: a Date no mail can have (before 1971, days after now) gives way to the first Received
 * line or the `From ` line, as an unreadable one does.
 */
export function parseHeaders(
  headerBytes: Buffer,
  where: Where,
  envelope?: string,
  now?: number,
): MailMessage | ParseIssue {
  let { fields: raw, legacy } = readFields(headerBytes);
  // raw 8-bit text that is not UTF-8 (an old mailer's KOI8-R or Shift_JIS name): in the charset
  // the message declares for its text, as mail programs show it
  if (legacy) {
    const charset = charsetOf(raw.get('content-type'));
    if (charset !== undefined) raw = readFields(headerBytes, charset).fields;
  }
  // text where a message's headers belong (an mbox message whose headers were lost)
  if (raw.size === 0 && !startsWithField(headerBytes))
    return {
      ...where,
      code: 'no_headers',
      message: `${label(where)} has no header lines (no sender, no date); skipped`,
    };
  const message = buildMessage(raw, where);
  // a header block cut at the splitter's cap (a mail loop's thousands of Received lines): what is
  // missing may lie beyond it, and the message says so
  const cut =
    headerBytes.length >= HEADER_CAP
      ? ` in the first ${HEADER_CAP / 1024} KB of its headers (the rest was not read)`
      : '';
  // without a readable Date, the time the message reached its reader (the first Received line),
  // as mail programs show it
  const value = raw.get('date');
  // a Date no mail can have (a clock at zero, or gone wrong): as good as unreadable, when another
  // time is there to read
  const wrong = message.date !== undefined && !plausibleMailDate(message.date, now);
  const why = wrong ? implausibility(message.date as number) : undefined;
  if (message.date === undefined || wrong) {
    const received = receivedDate(headerBytes);
    if (received !== undefined && plausibleMailDate(received, now)) {
      message.date = received;
      if (value) message.datedBy = { unreadable: value, by: 'its first Received line', ...(why ? { why } : {}) };
    }
  }
  // …else the time on its mbox `From ` line (the delivering program's clock, as asctime)
  if ((message.date === undefined || (wrong && message.datedBy === undefined)) && envelope !== undefined) {
    const dated = envelopeDate(envelope);
    if (dated !== undefined && plausibleMailDate(dated, now)) {
      message.date = dated;
      if (value) message.datedBy = { unreadable: value, by: 'its From line', ...(why ? { why } : {}) };
    }
  }
  if (message.date === undefined) {
    const detail = value ? `an unreadable Date header (${JSON.stringify(value.slice(0, 60))})` : `no Date header${cut}`;
    return { ...where, code: 'bad_date', message: `${label(where)} has ${detail}; skipped` };
  }
  if (message.from.length === 0) {
    // a From that is there but names no address that can be read is said as such, and quoted
    const written = raw.get('from')?.trim();
    return {
      ...where,
      code: 'no_sender',
      message: written?.includes('@')
        ? `${label(where)} has a sender (From: ${JSON.stringify(written.slice(0, 80))}) whose address cannot be read; skipped`
        : written
          ? `${label(where)} has no sender address (From: ${JSON.stringify(written.slice(0, 80))}); skipped`
          : `${label(where)} has no sender address (From)${cut}; skipped`,
    };
  }
  if (cut && message.to.length + message.cc.length + message.bcc.length === 0)
    return { ...where, code: 'headers_too_long', message: `${label(where)} names no recipient${cut}; skipped` };
  if (cut) message.headersCut = true;
  return message;
}

/**
 * What is said of a message imported all the same: headers read only in part (what came after
 * may be missing), and what its address fields hold that is no address (left out).
 */
export function importedMessageIssues(m: MailMessage): ParseIssue[] {
  const issues: ParseIssue[] = [];
  if (m.headersCut)
    issues.push({
      ...m.where,
      code: 'headers_too_long',
      message: `${label(m.where)} has over ${HEADER_CAP / 1024} KB of headers: imported from the first ${HEADER_CAP / 1024} KB (a subject or recipients after them are missing)`,
      dropped: false,
    });
  if (m.datedBy)
    issues.push({
      ...m.where,
      code: 'bad_date',
      message: m.datedBy.why
        ? `${label(m.where)} has a Date header ${m.datedBy.why} (${JSON.stringify(m.datedBy.unreadable.slice(0, 60))}); dated by ${m.datedBy.by}`
        : `${label(m.where)} has an unreadable Date header (${JSON.stringify(m.datedBy.unreadable.slice(0, 60))}); dated by ${m.datedBy.by}`,
      dropped: false,
    });
  const bad = m.badAddresses ?? [];
  if (bad.length > 0) {
    const shown = bad.slice(0, 3).map((a) => JSON.stringify(a.slice(0, 80)));
    const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
    issues.push({
      ...m.where,
      code: 'bad_address',
      message: `${label(m.where)} names ${shown.join(', ')}${more}, which ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}; left out of it`,
      dropped: false,
    });
  }
  return issues;
}

function label(where: Where): string {
  if (where.record) return where.record;
  return where.line === null ? 'the message' : `the message at line ${where.line}`;
}

/**
 * The wanted fields of a header block, unfolded and decoded, by lower-case name. Address
 * fields that occur more than once are joined (some mailers repeat To); others keep the first.
 */
/** Whether the first line is a header field (`Name: value`). */
function startsWithField(buf: Buffer): boolean {
  let nl = buf.indexOf(LF);
  if (nl === -1) nl = buf.length;
  return fieldColon(buf, 0, nl > 0 && buf[nl - 1] === CR ? nl - 1 : nl) !== -1;
}

/**
 * The fields, and whether a value held 8-bit bytes that are not UTF-8 (`legacy`): read in
 * `charset` when one is given, else as Windows-1252.
 */
function readFields(buf: Buffer, charset?: string): { fields: Map<string, string>; legacy: boolean } {
  const fields = new Map<string, string>();
  const state = { charset, legacy: false };
  let name: string | null = null;
  let valueStart = 0;
  let valueEnd = 0;
  let pos = 0;
  while (pos < buf.length) {
    let nl = buf.indexOf(LF, pos);
    if (nl === -1) nl = buf.length;
    const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
    const first = buf[pos];
    if (first === 0x20 || first === 0x09) {
      if (name !== null) valueEnd = end; // a folded line continues the field
    } else {
      if (name !== null) addField(fields, name, decodeValue(buf, valueStart, valueEnd, state));
      name = null;
      const colon = fieldColon(buf, pos, end);
      if (colon !== -1) {
        name = wantedName(buf, pos, colon);
        valueStart = colon + 1;
        valueEnd = end;
      }
    }
    pos = nl + 1;
  }
  if (name !== null) addField(fields, name, decodeValue(buf, valueStart, valueEnd, state));
  return { fields, legacy: state.legacy };
}

function addField(fields: Map<string, string>, name: string, value: string): void {
  const before = fields.get(name);
  if (before === undefined) fields.set(name, value);
  else if (ADDRESS_FIELDS.has(name)) fields.set(name, `${before}, ${value}`);
}

/** The lower-case name when the field is one Rapport reads (X-Campaign… as "x-campaign"), else null. */
function wantedName(buf: Buffer, s: number, colon: number): string | null {
  let e = colon;
  while (e > s && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
  const candidates = FIELDS_BY_LENGTH[e - s];
  if (candidates) for (const c of candidates) if (sameLowerCase(buf, s, c.bytes)) return c.name;
  if (e - s >= CAMPAIGN.length && sameLowerCase(buf, s, CAMPAIGN)) return 'x-campaign';
  return null;
}

/** Whether buf at s starts with `lower`, ASCII letters compared without case. */
function sameLowerCase(buf: Buffer, s: number, lower: Buffer): boolean {
  for (let i = 0; i < lower.length; i++) {
    const b = buf[s + i] as number;
    if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== lower[i]) return false;
  }
  return true;
}

const ADDRESS_FIELDS = new Set(['from', 'reply-to', 'to', 'cc', 'bcc']);

/** Index of the colon ending a field name (printable ASCII, obsolete spaces before the colon allowed). */
function fieldColon(buf: Buffer, s: number, e: number): number {
  for (let i = s; i < e; i++) {
    const b = buf[i] as number;
    if (b === COLON) return i > s ? i : -1;
    if ((b < 0x21 || b > 0x7e) && b !== 0x20 && b !== 0x09) return -1;
  }
  return -1;
}

/**
 * A field's value as text: unfolded, trimmed; 8-bit bytes as UTF-8 when valid, else in the
 * state's charset when it has one, else Windows-1252 (and the state notes it).
 */
function decodeValue(
  buf: Buffer,
  s: number,
  e: number,
  state: { charset?: string | undefined; legacy: boolean },
): string {
  let text = buf.toString('latin1', s, e);
  // 7-bit ISO-2022-JP written raw, as old Japanese mailers did: its escapes shift into and out of
  // JIS X 0208 (ESC $ B … ESC ( B), and the parentheses in them are no comment
  if (text.includes(ESC) && ISO_2022_ESCAPE.test(text) && !NON_ASCII.test(text))
    text = decodeCharset(buf.subarray(s, e), state.charset?.startsWith('iso-2022') ? state.charset : 'iso-2022-jp');
  else if (NON_ASCII.test(text)) {
    const bytes = buf.subarray(s, e);
    if (isUtf8(bytes)) text = bytes.toString('utf8');
    else {
      state.legacy = true;
      text = state.charset === undefined ? decodeWindows1252(bytes) : decodeCharset(bytes, state.charset);
    }
  }
  if (text.includes('\n')) text = text.replace(/\r?\n|\r/g, '');
  // a NUL byte (never allowed in a header) parts words as a space would: cut there, a name lost
  // its end and an address became another one or none
  if (text.includes('\0')) text = text.replace(/\0/g, ' ');
  return transcodeLatinWords(text.trim());
}

const NON_ASCII = /[\u0080-\u00ff]/; // a latin1 string of bytes: any byte over 0x7F
const ESC = String.fromCharCode(0x1b);
/** An ISO-2022 designation: ESC $ @, ESC $ B, ESC $ ( D (JIS X 0208/0212), ESC ( B, ESC ( J (back to ASCII) */
const ISO_2022_ESCAPE = new RegExp(`${ESC}(?:\\$[@AB]|\\$\\([CD]|\\([BJ])`);

/**
 * The charset a Content-Type declares, when raw header bytes may be in it: not UTF-8 or ASCII
 * (they are not valid UTF-8), nor the Latin ones Windows-1252 already reads, nor a name no decoder knows.
 */
function charsetOf(contentType: string | undefined): string | undefined {
  const name = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (name === undefined) return undefined;
  try {
    const encoding = new TextDecoder(name).encoding;
    return encoding === 'utf-8' || encoding === 'windows-1252' ? undefined : encoding;
  } catch {
    // a charset only iconv-lite reads (a DOS code page): decodeCharset reads it so
    return iconv.encodingExists(name) ? name : undefined;
  }
}

function buildMessage(f: Map<string, string>, where: Where): MailMessage {
  const bad: string[] = [];
  const from = mailboxes(f.get('from'), bad);
  const sender = mailboxes(f.get('sender'), bad)[0];
  const message: MailMessage = {
    where,
    references: ids(f.get('references')),
    from: from.length > 0 || !sender ? from : [sender],
    replyTo: mailboxes(f.get('reply-to'), bad),
    to: mailboxes(f.get('to'), bad),
    cc: mailboxes(f.get('cc'), bad),
    bcc: mailboxes(f.get('bcc'), bad),
    list: isList(f),
    autoSubmitted: isAutoSubmitted(f),
  };
  if (bad.length > 0) message.badAddresses = [...new Set(bad)];
  const messageId = ids(f.get('message-id'))[0];
  if (messageId !== undefined) message.messageId = messageId;
  const inReplyTo = ids(f.get('in-reply-to'))[0];
  if (inReplyTo !== undefined) message.inReplyTo = inReplyTo;
  const date = f.get('date');
  const at = date === undefined ? undefined : parseMailDate(date);
  if (at !== undefined) message.date = at;
  const subject = f.get('subject');
  if (subject !== undefined) message.subject = subject.includes('=?') ? decodeHeaderWords(subject).trim() : subject;
  if (sender) message.sender = sender;
  // the first resent block is the latest (each resending adds one above the others)
  if (f.has('resent-to') || f.has('resent-cc')) {
    message.resent = {
      from: mailboxes(f.get('resent-from'), bad),
      to: mailboxes(f.get('resent-to'), bad),
      cc: mailboxes(f.get('resent-cc'), bad),
    };
    const resentAt = parseMailDate(f.get('resent-date') ?? '');
    if (resentAt !== undefined) message.resent.date = resentAt;
    const resentId = ids(f.get('resent-message-id'))[0];
    if (resentId !== undefined) message.resent.messageId = resentId;
  }
  const listPost = /<mailto:([^>?\s]+@[^>?\s]+)/i.exec(f.get('list-post') ?? '')?.[1];
  if (listPost !== undefined) message.listPost = listPost.toLowerCase();
  const listId = listIdOf(f.get('list-id'));
  if (listId !== undefined) message.listId = listId;
  const labels = gmailLabels(f.get('x-gmail-labels'));
  if (/^\s*multipart\/report\b/i.test(f.get('content-type') ?? '')) message.receipt = true;
  // …and Google Calendar's, sent in the organizer's or guest's name from its own address (Sender)
  if (
    /calendarmessage/i.test(f.get('content-class') ?? '') ||
    /^\s*text\/calendar\b/i.test(f.get('content-type') ?? '') ||
    sender?.address === 'calendar-notification@google.com'
  )
    message.calendar = true;
  if (/^\s*1\b/.test(f.get('x-unsent') ?? '')) message.unsent = true;
  // a draft whatever its folder is called (Entwürfe, Brouillons): Thunderbird's and Apple Mail's marks
  if (f.has('x-mozilla-draft-info') || /mail-draft/i.test(f.get('x-uniform-type-identifier') ?? ''))
    message.unsent = true;
  if (f.has('x-gmail-labels')) message.gmail = true;
  // Gmail's own labels, in the account's language (Papierkorb, Brouillons, Envoyés)
  const kinds = gmailLabelKinds(labels);
  if (kinds.has('junk')) message.gmailFolder = 'spam';
  else if (kinds.has('drafts')) message.gmailFolder = 'draft';
  // Takeout's "All mail Including Spam and Trash": what the user deleted, kept until Gmail empties the bin
  else if (kinds.has('trash')) message.deleted = true;
  if (kinds.has('sent')) message.gmailSent = true;
  if (labels.includes('chat') || labels.includes('chats')) message.gmailChat = true;
  const category = labels.find((l) => /^category (?:promotions|updates|social|forums)$/.test(l));
  if (category) message.gmailCategory = category.slice('category '.length);
  const delivered = /[^\s<>"',;:]+@[^\s<>"',;:]+/.exec(f.get('x-original-to') ?? f.get('delivered-to') ?? '')?.[0];
  if (delivered) message.deliveredTo = delivered.toLowerCase();
  const mozilla = Number.parseInt(f.get('x-mozilla-status') ?? '', 16);
  if (Number.isFinite(mozilla) && (mozilla & 0x0008) !== 0) message.deleted = true;
  // …or marked deleted on an IMAP server and not yet expunged (shown struck through): IMAPDeleted
  const mozilla2 = Number.parseInt(f.get('x-mozilla-status2') ?? '', 16);
  if (Number.isFinite(mozilla2) && (mozilla2 & 0x00200000) !== 0) message.deleted = true;
  return message;
}

/**
 * The labels of a Takeout message (X-Gmail-Labels), lower case: encoded words decoded (Takeout
 * writes the whole header so when a label is not ASCII), split at commas outside quotes ("A, B"
 * is one label).
 */
function gmailLabels(value: string | undefined): string[] {
  if (!value) return [];
  const text = value.includes('=?') ? decodeHeaderWords(value) : value;
  const labels: string[] = [];
  for (const m of text.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/g)) {
    const label = (m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? '').trim().toLowerCase();
    if (label) labels.push(label);
    if (m[0] === '') break;
  }
  return labels;
}

function isList(f: Map<string, string>): boolean {
  if (f.has('list-id') || f.has('list-unsubscribe') || f.has('list-post')) return true;
  if (f.has('mailing-list') || f.has('x-mailing-list')) return true;
  return /^(bulk|list|junk)\b/i.test(f.get('precedence') ?? '');
}

function isAutoSubmitted(f: Map<string, string>): boolean {
  const auto = f.get('auto-submitted');
  if (auto !== undefined && !/^no\b/i.test(auto)) return true;
  if (f.has('x-autoreply') || f.has('x-autorespond') || f.has('auto-reply')) return true;
  if (/\b(all|oof)\b/i.test(f.get('x-auto-response-suppress') ?? '')) return true;
  if (f.has('feedback-id') || f.has('x-campaign')) return true;
  // Precedence: auto_reply (what some vacation programs write; bulk, list and junk are list mail)
  if (/^\s*auto[_-]?reply\b/i.test(f.get('precedence') ?? '')) return true;
  // a null reverse path: bounces and other mail that must never be answered
  const returnPath = f.get('return-path');
  return returnPath !== undefined && /^<\s*>$/.test(returnPath);
}

function listIdOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const id = (/<([^<>\s]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase();
  return id.length > 0 && !/\s/.test(id) ? id : undefined;
}

/** Message ids: the `<…>` tokens, else bare tokens holding an @ (some mailers drop the brackets). */
function ids(value: string | undefined): string[] {
  if (value === undefined) return [];
  const bracketed = value.match(/<[^<>]+>/g);
  if (bracketed) {
    const out: string[] = [];
    for (const b of bracketed) {
      let id = b.slice(1, -1);
      if (/\s/.test(id)) id = id.replace(/\s+/g, ''); // an id folded across lines
      if (id.length > 0) out.push(id);
    }
    return out;
  }
  return value.split(/[\s,]+/).filter((t) => t.includes('@'));
}

// A plain address, and `Name <address>` or `"Name" <address>`: most real fields, read without
// the general parser, which walks every character and builds a token per character.
const ATOM = '[^\\s"<>()[\\]:;\\\\,@]+';
const BARE = new RegExp(`^${ATOM}@${ATOM}$`);
const NAMED = new RegExp(`^(?:"([^"\\\\]*)"|([^"<>()[\\]:;\\\\,@]*?))\\s*<(${ATOM}@${ATOM})>$`);

/**
 * Mailboxes of an address field: groups flattened (`undisclosed-recipients:;` gives none), no @
 * dropped, and what has an @ but is no address ("bad@@x.example") dropped and added to `bad`.
 */
export function mailboxes(value: string | undefined, bad?: string[]): Mailbox[] {
  if (value === undefined || value.length === 0) return [];
  const fast = simpleMailboxes(value, bad);
  if (fast) return fast;
  // addresses parted by spaces alone ("ann@x.org bob@y.org"), as some programs write a list: each
  // is one (the address parser reads the first and drops the rest)
  if (!/[<>"()]/.test(value)) {
    const words = value.split(/[\s,;]+/).filter((w) => w.length > 0);
    if (words.length > 1 && words.every((w) => BARE.test(w))) return words.flatMap((w) => mailbox(w, '', bad) ?? []);
  }
  const out: Mailbox[] = [];
  for (const parsed of addressParser(flattenComments(unreadableWordsAsUtf8(value)), { flatten: true })) {
    const m = mailbox(parsed.address ?? '', parsed.name, bad);
    if (m) out.push(m);
  }
  return out;
}

/**
 * Comments inside comments (RFC 5322 allows them: "carl@x (Carl (the boss) King)") made one, as
 * the address parser reads only one level: the inner parentheses dropped, their words kept.
 */
export function flattenComments(value: string): string {
  const first = value.indexOf('(');
  if (first === -1 || value.indexOf('(', first + 1) === -1) return value;
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      out += c + value[i + 1];
      i++;
      continue;
    }
    if (c === '"' && depth === 0) quoted = !quoted;
    else if (!quoted && c === '(') {
      depth++;
      if (depth > 1) continue;
    } else if (!quoted && c === ')' && depth > 0) {
      depth--;
      if (depth > 0) continue;
    }
    out += c;
  }
  return out;
}

/**
 * The mailboxes when every comma-separated item is a plain or plainly named address; undefined
 * (use the full parser) for groups, comments and escapes.
 */
function simpleMailboxes(value: string, bad: string[] | undefined): Mailbox[] | undefined {
  const items: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x5c || c === 0x28)
      return undefined; // \ or a (comment)
    else if (!quoted && c === 0x2c) {
      items.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return undefined;
  items.push(value.slice(start));
  const out: Mailbox[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as string;
    // "Smith, Pat <pat@x>" unquoted, as Outlook and directories write it: a surname alone, then a
    // name and an address, are one mailbox named "Smith, Pat" (read as Pat Smith)
    // …and "Support, <s@x>" (a name, a comma, then the address alone) a mailbox named Support
    const next = items[i + 1];
    if (next !== undefined && SURNAME.test(item) && (NAMED_UNQUOTED.test(next) || ADDRESS_ALONE.test(next))) {
      const at = next.indexOf('<');
      const given = next.slice(0, at).trim();
      if (!simpleItem(`"${item.trim()}${given ? `, ${given}` : ''}" ${next.slice(at).trim()}`, out, bad))
        return undefined;
      i++;
    } else if (!simpleItem(item, out, bad)) return undefined;
  }
  return out;
}

/** A part of an address list that is words alone: no address, quote, bracket or encoded word. */
const SURNAME = /^\s*[\p{L}][\p{L}\p{M}'’.-]*(?: [\p{L}][\p{L}\p{M}'’.-]*)?\s*$/u;
/** `<address>` with no name before it. */
const ADDRESS_ALONE = /^\s*<[^<>\s]+@[^<>\s]+>\s*$/;
/** `Name <address>` with an unquoted name of letters. */
const NAMED_UNQUOTED = /^\s*[\p{L}][\p{L}\p{M}'’. -]*<[^<>]+@[^<>]+>\s*$/u;

function simpleItem(text: string, out: Mailbox[], bad: string[] | undefined): boolean {
  const item = text.trim();
  if (item.length === 0) return true;
  if (BARE.test(item)) {
    const m = item.charCodeAt(0) === QUOTE ? mailbox(item, '', bad) : { address: item.toLowerCase() };
    if (m) out.push(m);
    return true;
  }
  const named = NAMED.exec(item);
  if (!named) return false;
  const name = named[1] ?? named[2] ?? '';
  // RFC 2047 words cannot hold a comma or quote, so they never straddle the split above
  const m = mailbox(named[3] ?? '', name.includes('=?') ? decodeHeaderWords(name) : name, bad);
  if (m) out.push(m);
  return true;
}

const QUOTE = 0x27; // '

const ENCODED_WORD = /=\?[^?\s]+\?[bq]\?[^?\s]*\?=/i;

/** An address as mail carries it: one @, something on each side, no space, bracket, quote or separator. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"']+$/;

const ADDRESS_IN_NAME = /[([<]?\s*(?:mailto:)?[^\s()<>[\]@'"]+@[^\s()<>[\]'"]+\s*[)\]>]?/gi;

function mailbox(address: string, name: string, bad: string[] | undefined): Mailbox | undefined {
  let a = address.trim().toLowerCase();
  // Outlook writes a bare address in single quotes: 'ann@x.org'
  if (a.length > 2 && a.startsWith("'") && a.endsWith("'")) a = a.slice(1, -1).trim();
  // a web form's link written as the address: <mailto:ann@x.org>
  if (a.startsWith('mailto:')) a = a.slice(7).trim();
  if (!a.includes('@')) return undefined;
  if (!ADDRESS.test(a)) {
    bad?.push(address.trim());
    return undefined;
  }
  // whitespace runs and other whitespace than a space (tabs, folding, U+2000…) become one space
  let n = /[^\S ]| {2}/.test(name) ? name.replace(/\s+/g, ' ').trim() : name.trim();
  // Outlook quotes names in single quotes, sometimes around the address itself: 'a@b' <a@b>
  if (n.length > 1 && n.startsWith("'") && n.endsWith("'")) n = n.slice(1, -1).trim();
  // an address written inside the name ("Smith, John (john@old.com)", "Ann <ann@x.org>"): the name is what is left
  if (n.includes('@')) n = n.replace(ADDRESS_IN_NAME, ' ').replace(/\s+/g, ' ').trim();
  // a name that did not decode (a broken encoded word: U+FFFD, control characters) names nobody
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  if (/[\uFFFD\u0000-\u001f\u007f]/.test(n)) n = '';
  // …nor does an encoded word left as written (its text was no base64): a subject shows it, a name is none
  if (n.includes('=?') && ENCODED_WORD.test(n)) n = '';
  return n.length > 0 && n.toLowerCase() !== a ? { address: a, name: n } : { address: a };
}

/** `From sender Mon Apr 20 10:00:00 2026` (Thunderbird writes `From - …`, Gmail `From 1234567890@xxx …`). */
export function envelopeDate(line: string): number | undefined {
  const rest = /^From\s+\S+\s+(.*)$/.exec(line)?.[1];
  return rest ? parseMailDate(rest) : undefined;
}

/** The date of the first (latest) Received line: what follows its last semicolon. */
function receivedDate(headerBytes: Buffer): number | undefined {
  const text = headerBytes.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = /^received:([^\r\n]*)/im.exec(text)?.[1];
  const semicolon = line?.lastIndexOf(';') ?? -1;
  return line && semicolon >= 0 ? parseMailDate(line.slice(semicolon + 1).trim()) : undefined;
}
