import { NAME_SUFFIX } from '../domain/identity.js';
import { REPLY_WINDOW_DAYS } from '../domain/scoring-config.js';
import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { hash, uniqueIds } from './linkedin-ids.js';
import { firstChars } from './linkedin-notes.js';
import { distinct, ref, refKey, sameRef } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import { ownString } from './own-string.js';
import type { ContactRef, InteractionRecord, ParseIssue } from './records.js';

/**
 * messages.csv: each sent message becomes an interaction, its direction set by whether the user
 * sent it, threaded to the latest earlier message from someone else in its conversation when it
 * came within REPLY_WINDOW_DAYS of it (a conversation lasts for years: a message after a longer
 * silence starts an exchange; in a group, the user's latest message is the one answered). Drafts
 * are skipped, and the SPAM folder and conversations with company pages with one summary issue
 * each; a closed account's message to others is nobody's.
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
  /** the first words of its text, for the interaction's note when it has no subject */
  readonly opening: string;
  /**
   * what its ids are made of (see messageIds), hashed as the row is read: a message's text is read
   * for nothing else, and is not kept (a recruiter's export holds tens of megabytes of it)
   */
  readonly digest: { readonly current: string; readonly former: string };
  /** a party shown as "LinkedIn Member" with no profile: an account closed or hidden since */
  readonly hiddenParty?: true;
}

/** The user as found: their profile URL and name when known, and whether a reference is them. */
export interface Owner {
  readonly url?: string;
  readonly name?: string;
  /** set when the owner was guessed from the export, not given */
  readonly guessed?: { readonly certain: boolean };
  /** whether the export's messages give profile URLs (old exports name people only) */
  readonly urls: boolean;
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
    // a draft was never sent: newer exports say so in a column, older ones by its folder
    if (/^(yes|true)$/i.test(draft) || /^drafts?$/i.test(folder.trim())) continue;
    if (folder.toUpperCase() === 'SPAM') {
      spam++;
      continue;
    }
    // a company page's message (Sponsored Messaging, a page's InMail) is advertising, and so is
    // the conversation with it (the user's answer to the page): nobody to know
    if (/linkedin\.com\/company\//i.test(fromUrl) || /linkedin\.com\/company\//i.test(toUrls)) {
      sponsored++;
      continue;
    }
    const at = parseLinkedinDate(date, t.dateOrder);
    if (at === undefined) {
      issues.push(badDate(where, 'DATE', date));
      continue;
    }
    const inConversation = ownString(conversation || `line ${row.line}`);
    const sender = ownRef(ref(from, fromUrl));
    const text = content.replace(/\r\n?/g, '\n');
    out.push({
      where,
      conversation: inConversation,
      sender,
      recipients: recipientsOf(to, toUrls).map((r) => ownRef(r) as ContactRef),
      at,
      subject: ownString(subject),
      opening: ownString(firstChars(text, 120)),
      digest: {
        current: hash(inConversation, String(at), text),
        former: hash(inConversation, String(at), sender ? refKey(sender) : '', text),
      },
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
      message: `${sponsored} message${sponsored === 1 ? '' : 's'} from or to company pages (sponsored) ${sponsored === 1 ? 'was' : 'were'} not imported`,
    });
  return out;
}

/**
 * TO names and RECIPIENT PROFILE URLS, paired by position when the counts match. Exports separate
 * the URLs with commas or semicolons, the names with commas (or semicolons); a name may hold a
 * comma before a suffix ("King, Jr."), and a closed account ("LinkedIn Member") may leave its URL's
 * place empty or out.
 */
function recipientsOf(to: string, urls: string): ContactRef[] {
  const u = splitList(urls, /[,;\s]+/);
  // the URLs' places, an empty one kept ("url1,,url3": the second recipient has none)
  const slots = urls.trim() ? urls.split(/\s*[,;]\s*/).map((x) => x.trim()) : [];
  const pair = (names: string[], list: string[]) => list.flatMap((url, i) => opt(ref(names[i] ?? '', url)));
  for (const names of [withSuffixes(splitList(to, ',')), splitList(to, ';')]) {
    if (names.length === u.length) return pair(names, u);
    if (names.length === slots.length) return pair(names, slots);
    const named = names.filter((n) => !HIDDEN_NAME.test(n));
    if (named.length === u.length && named.length < names.length) return pair(named, u);
  }
  if (u.length === 0) return splitList(to, ',').flatMap((name) => opt(ref(name, '')));
  if (u.length === 1) return opt(ref(to, u[0] ?? ''));
  return u.flatMap((url) => opt(ref('', url)));
}

/** A closed or hidden account's name. */
const HIDDEN_NAME = /^linkedin member$/i;

function withSuffixes(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length > 0 && NAME_SUFFIX.test(piece)) out[out.length - 1] = `${out[out.length - 1]}, ${piece}`;
    else out.push(piece);
  }
  return out;
}

export function messages(rows: MessageRow[], owner: Owner, issues: ParseIssue[]): InteractionRecord[] {
  const ids = messageIds(rows);
  const formerIds = formerMessageIds(rows);
  const replyTo = repliesOf(rows, ids, owner);
  const out: InteractionRecord[] = [];
  for (const m of rows) {
    const fromOwner = m.sender !== undefined && owner.is(m.sender);
    const others = distinct(m.recipients.filter((r) => !owner.is(r) && !(m.sender && sameRef(r, m.sender))));
    // a message of a closed account's (no name, no profile) was written by nobody known: none of
    // those it went to wrote it, and it answers nothing of theirs
    const counterparts = fromOwner ? others : m.sender ? [m.sender, ...others] : [];
    if (counterparts.length === 0) {
      issues.push({
        ...m.where,
        code: 'no_identity',
        message:
          !fromOwner && !m.sender && others.length > 0
            ? 'a message from an account closed or hidden since ("LinkedIn Member") to others too: nobody known wrote it; skipped'
            : m.hiddenParty
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
      note: m.subject || m.opening || undefined,
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
  return uniqueIds(rows.map((m) => `li-msg2:${m.digest.current}`));
}

/** The ids of releases before li-msg2, with the sender's profile or name: a message stored under one is found by it. */
function formerMessageIds(rows: MessageRow[]): string[] {
  return uniqueIds(rows.map((m) => `li-msg:${m.digest.former}`));
}

/** A reference whose name and profile are strings of their own, not cuts of the whole file's text (see ownString). */
function ownRef(r: ContactRef | undefined): ContactRef | undefined {
  if (!r) return r;
  return {
    ...r,
    ...(r.name === undefined ? {} : { name: ownString(r.name) }),
    ...(r.profileUrl === undefined ? {} : { profileUrl: ownString(r.profileUrl) }),
  };
}

/**
 * Each message answers the latest earlier message in its conversation, within REPLY_WINDOW_DAYS:
 * the sender's own when they write twice in a row (so a follow-up is not a second answer to the
 * other side, nor an unprompted note days later an answer at all); in a group, another's message
 * answers the user's latest before it, when there is one, rather than a third person's in between
 * (the user asked them all: each answer is one).
 */
function repliesOf(rows: MessageRow[], ids: string[], owner: Owner): Map<number, string> {
  const byConversation = new Map<string, MessageRow[]>();
  for (const m of rows) {
    const list = byConversation.get(m.conversation);
    if (list) list.push(m);
    else byConversation.set(m.conversation, [m]);
  }
  const isOwner = (m: MessageRow) => m.sender !== undefined && owner.is(m.sender);
  const replies = new Map<number, string>();
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.at - b.at || a.index - b.index);
    list.forEach((m, i) => {
      let answered: MessageRow | undefined;
      for (let j = i - 1; j >= 0; j--) {
        const earlier = list[j] as MessageRow;
        if (m.at - earlier.at > REPLY_WINDOW_MS) break;
        // a message following the sender's own continues it (a second thought, a message cut in
        // two): it answers nothing of anyone else's, as mail that replies to its own answer
        if (senderKey(earlier) === senderKey(m)) {
          answered ??= earlier;
          break;
        }
        answered ??= earlier;
        // the user's own message: the one answered (a third person's since stands aside)
        if (isOwner(earlier) || isOwner(m)) {
          answered = earlier;
          break;
        }
      }
      if (answered !== undefined) replies.set(m.index, ids[answered.index] as string);
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
