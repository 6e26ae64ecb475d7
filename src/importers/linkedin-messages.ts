import { REPLY_WINDOW_DAYS } from '../domain/scoring-config.js';
import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { hash, uniqueIds } from './linkedin-ids.js';
import { firstChars } from './linkedin-notes.js';
import { distinct, ref, refKey, sameRef } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import type { ContactRef, InteractionRecord, ParseIssue } from './records.js';

/**
 * messages.csv: each sent message becomes an interaction, its direction set by whether the user
 * sent it, threaded to the latest earlier message from someone else in its conversation when it
 * came within REPLY_WINDOW_DAYS of it (a conversation lasts for years: a message after a longer
 * silence starts an exchange). Drafts are skipped, and the SPAM folder with one summary issue.
 */

const REPLY_WINDOW_MS = REPLY_WINDOW_DAYS * 86_400_000;

export interface MessageRow {
  readonly where: { line: number; entry: string };
  /** position among all the messages read, for ids and stable ordering */
  readonly index: number;
  readonly conversation: string;
  readonly sender: ContactRef | undefined;
  readonly recipients: ContactRef[];
  readonly at: number;
  readonly subject: string;
  readonly content: string;
  /** a party shown as "LinkedIn Member" with no profile: an account closed or hidden since */
  readonly hiddenParty?: true;
}

/** The user as found: their profile URL and name when known, and whether a reference is them. */
export interface Owner {
  readonly url?: string;
  readonly name?: string;
  /** set when the owner was guessed from the export, not given */
  readonly guessed?: { readonly certain: boolean };
  is(ref: ContactRef): boolean;
}

export function messageRowsOf(t: Table, issues: ParseIssue[]): Omit<MessageRow, 'index'>[] {
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
  let sponsored = 0;
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [conversation, from, fromUrl, to, toUrls, date, subject, content, folder, draft] = read(row);
    if (/^(yes|true)$/i.test(draft)) continue;
    if (folder.toUpperCase() === 'SPAM') {
      spam++;
      continue;
    }
    // a company page's message (Sponsored Messaging, a page's InMail) is advertising: nobody to know
    if (/linkedin\.com\/company\//i.test(fromUrl)) {
      sponsored++;
      continue;
    }
    const at = parseLinkedinDate(date, t.dateOrder);
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
      ...(/(^|,)\s*linkedin member\s*(,|$)/i.test(`${from},${to}`) ? { hiddenParty: true as const } : {}),
    });
  }
  if (spam > 0)
    issues.push({
      line: null,
      entry: t.entry,
      code: 'skipped_spam',
      message: `${spam} message${spam === 1 ? '' : 's'} in the SPAM folder ${spam === 1 ? 'was' : 'were'} not imported`,
    });
  if (sponsored > 0)
    issues.push({
      line: null,
      entry: t.entry,
      code: 'skipped_sponsored',
      message: `${sponsored} message${sponsored === 1 ? '' : 's'} from company pages (sponsored) ${sponsored === 1 ? 'was' : 'were'} not imported`,
    });
  return out;
}

/**
 * TO names and RECIPIENT PROFILE URLS, paired by position when the counts match (a name may hold a
 * comma). Exports separate the URLs with commas or semicolons, the names with commas (or semicolons).
 */
function recipientsOf(to: string, urls: string): ContactRef[] {
  const u = splitList(urls, /[,;\s]+/);
  const byComma = splitList(to, ',');
  const bySemicolon = splitList(to, ';');
  const n = byComma.length !== u.length && bySemicolon.length === u.length ? bySemicolon : byComma;
  if (u.length === n.length) return u.flatMap((url, i) => opt(ref(n[i] ?? '', url)));
  if (u.length === 0) return n.flatMap((name) => opt(ref(name, '')));
  if (u.length === 1) return opt(ref(to, u[0] ?? ''));
  return u.flatMap((url) => opt(ref('', url)));
}

export function messages(rows: MessageRow[], owner: Owner, issues: ParseIssue[]): InteractionRecord[] {
  const ids = messageIds(rows);
  const formerIds = formerMessageIds(rows);
  const replyTo = repliesOf(rows, ids);
  const out: InteractionRecord[] = [];
  for (const m of rows) {
    const fromOwner = m.sender !== undefined && owner.is(m.sender);
    const others = distinct(m.recipients.filter((r) => !owner.is(r) && !(m.sender && sameRef(r, m.sender))));
    const counterparts = fromOwner || !m.sender ? others : [m.sender, ...others];
    if (counterparts.length === 0) {
      issues.push({
        ...m.where,
        code: 'no_identity',
        message: m.hiddenParty
          ? 'a message whose other party is unknown (a closed account, "LinkedIn Member"); skipped'
          : 'a message with nobody but the user in it; skipped',
        dropped: true,
      });
      continue;
    }
    const id = ids[m.index] as string;
    out.push({
      kind: 'interaction',
      where: m.where,
      externalId: id,
      formerIds: [formerIds[m.index] as string],
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

/**
 * Stable ids: a hash of what the message is (no export gives message ids), its conversation, time
 * and text, not its sender's name or profile URL, which a newer export may give otherwise.
 */
function messageIds(rows: MessageRow[]): string[] {
  return uniqueIds(rows.map((m) => `li-msg2:${hash(m.conversation, String(m.at), m.content)}`));
}

/** The ids of releases before li-msg2, with the sender's profile or name: a message stored under one is found by it. */
function formerMessageIds(rows: MessageRow[]): string[] {
  return uniqueIds(
    rows.map((m) => `li-msg:${hash(m.conversation, String(m.at), m.sender ? refKey(m.sender) : '', m.content)}`),
  );
}

/** Each message answers the latest earlier message in its conversation from someone else, within REPLY_WINDOW_DAYS. */
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
          if (m.at - earlier.at <= REPLY_WINDOW_MS) replies.set(m.index, ids[earlier.index] as string);
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

function splitList(s: string, separator: string | RegExp): string[] {
  return s
    .split(separator)
    .map((x) => x.trim())
    .filter(Boolean);
}

function opt<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
