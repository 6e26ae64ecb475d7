import { createHash } from 'node:crypto';
import { isOwnAddress, MailboxSet } from '../domain/person.js';
import { BULK_RECIPIENTS } from '../domain/scoring-config.js';
import { implausibility, plausibleMailDate } from './mail-date.js';
import type { Mailbox, MailMessage } from './mail-headers.js';
import { ownString } from './own-string.js';
import type { ContactRef, InteractionRecord, ParseIssue } from './records.js';

/**
 * One mail message as an interaction of the user's, or the reason it is not one. Pure: the
 * splitter and header parser produce the message, the app resolves people and stores.
 */

export interface MailSkip {
  /** snake_case: bad_date, no_sender, spam, draft, automated, not_involved, hidden_recipients, mailing_list, newsletter, no_counterparts */
  readonly skip: string;
  readonly message: string;
  /** sorted into a Gmail tab: the user's once they write to its sender (see ReconsideredMail) */
  readonly tab?: true;
}

const NOTE_MAX = 200;

/** References kept beside In-Reply-To, nearest first (see InteractionRecord.replyAncestors). */
const MAX_ANCESTORS = 3;

/**
 * What one file's messages teach about the next ones: the mailing lists seen (a reply-all to a
 * list, sent without list headers, still goes to the list), and the time of the import.
 */
export interface MailContext {
  /** the latest moment mail can be dated (the clock, or --now when later), epoch ms: dates days later are refused */
  readonly now?: number | undefined;
  /** List-Post addresses seen, lower case */
  readonly lists: Set<string>;
  /** List-Id identifiers seen (dev.lists.example.org) */
  readonly listIds: Set<string>;
  /** the user's addresses learned from the file: those Gmail's Sent label shows they send from (a send-as alias) */
  readonly aliases: Set<string>;
  /**
   * addresses the user wrote to earlier in the file or before it (up to WRITTEN_TO_KEPT), by
   * mailbox: their mail is personal, whatever Gmail's tab
   */
  readonly writtenTo: MailboxSet;
}

/** Addresses kept in MailContext.writtenTo at most (a few MB). */
const WRITTEN_TO_KEPT = 100_000;

/** Mailing lists as they are remembered between files: List-Post addresses and List-Id identifiers. */
export interface MailLists {
  readonly posts: readonly string[];
  readonly ids: readonly string[];
}

export function mailContext(
  now?: number,
  known: MailLists = { posts: [], ids: [] },
  /** addresses the user wrote to in earlier imports */
  writtenTo: readonly string[] = [],
): MailContext {
  return {
    now,
    lists: new Set(known.posts),
    listIds: new Set(known.ids),
    aliases: new Set(),
    writtenTo: new MailboxSet(writtenTo.slice(0, WRITTEN_TO_KEPT)),
  };
}

/** The lists a context knows, to remember for the next file. */
export function listsOf(context: MailContext): MailLists {
  return { posts: [...context.lists], ids: [...context.listIds] };
}

/**
 * Direction from the user's addresses (`me`, lower case): from the user → `out` to every
 * recipient; to the user → `in` from the sender, with the other recipients as counterparts too
 * (the scoring weighs by audience and treats over 10 as bulk). Automated mail, mail the user is
 * not in (a list copy to an alias) and mail only to a mailing list are skipped.
 */
export function messageToInteraction(
  message: MailMessage,
  me: ReadonlySet<string>,
  source: 'mbox' | 'eml',
  context: MailContext = mailContext(),
): InteractionRecord | MailSkip {
  const m = resentByMe(resentToMe(message, me, context), me, context);
  const what = label(m, source);
  if (m.listPost) context.lists.add(m.listPost);
  if (m.listId) context.listIds.add(m.listId);
  if (m.date === undefined) return skip('bad_date', `${what} has no readable Date header`);
  const sender = m.from[0];
  if (!sender) return skip('no_sender', `${what} has no sender address (From)`);
  if (m.gmailFolder === 'spam') return skip('spam', `${what} is in Gmail's spam`);
  if (m.gmailFolder === 'draft') return skip('draft', `${what} is a draft, never sent`);
  if (m.deleted) return skip('deleted', `${what} was deleted in the mail program (not yet expunged or compacted)`);
  const automated = m.from.find((a) => isAutomatedAddress(a.address));
  if (automated) return skip('automated', `${what} comes from an automated sender (${automated.address})`);
  // a service writing in someone's name from its own address ("Gina Park via DocuSign"); a
  // group's mail ("Ann via Team") is list mail, weighed as such
  if (!m.list && sentVia(sender))
    return skip('automated', `${what} comes from a service writing in someone's name (${sender.name})`);
  if (m.autoSubmitted) return skip('automated', `${what} is marked as automatic (an auto-reply, bounce or campaign)`);
  if (m.receipt) return skip('automated', `${what} is a read receipt or delivery report`);
  if (m.subject !== undefined && AUTOMATIC_SUBJECT.test(m.subject))
    return skip('automated', `${what} is an automatic reply or a bounce, by its subject ("${m.subject.slice(0, 40)}")`);
  if (m.unsent) return skip('draft', `${what} is a draft, never sent (X-Unsent)`);
  // an invitation or its answer (Accepted: …) that a calendar sent: the meeting is counted by the
  // calendar's import, and the mail is no letter of its own
  if (m.calendar) return skip('calendar', `${what} is a meeting invitation or answer sent by a calendar`);

  const recipients = [...m.to, ...m.cc, ...m.bcc];
  const mine = (a: Mailbox) => isOwnAddress(me, a.address) || context.aliases.has(a.address);
  // Gmail labels what the account sent, from any of its addresses: one the user did not name (a
  // send-as alias) is theirs from here on, and mail to it is to them
  if (m.gmailSent && !m.from.some(mine) && !isListHostAddress(sender.address)) context.aliases.add(sender.address);
  // sent by the user on someone's behalf (From: them, Sender: the user, as Outlook and Gmail write
  // it for a delegate or a send-as alias not yet known) is the user's message to its recipients
  const outgoing = m.from.some(mine) || (m.sender !== undefined && mine(m.sender));
  if (outgoing)
    for (const r of recipients) if (context.writtenTo.size < WRITTEN_TO_KEPT) context.writtenTo.add(r.address);
  // what Gmail sorted out of the Primary tab: offers, notifications, social networks' mail, forums
  // (a message the user sent is never in a tab); but not from someone the user wrote to before, as
  // Gmail files a colleague's calendar reply or a shared document's note under Updates too
  if (!outgoing && m.gmailCategory && !context.writtenTo.has(sender.address)) {
    const [reason, kind] = GMAIL_TABS[m.gmailCategory] ?? ['automated', 'a notification'];
    return { ...skip(reason, `${what} is ${kind} (Gmail's ${m.gmailCategory} tab)`), tab: true };
  }
  // sent to "undisclosed-recipients:;" (everyone a blind copy): one of many, the audience unknown
  if (!outgoing && recipients.length === 0)
    return skip('hidden_recipients', `${what} names no recipient (all blind copies, "undisclosed recipients")`);
  if (!outgoing && !recipients.some(mine)) {
    // a copy a list sent on, or one to a list known as one: list mail, whoever reads it
    const list = recipients.find((a) => isListAddress(m, a.address, context));
    if (m.list || list)
      return skip(
        'mailing_list',
        `${what} came through the mailing list ${m.listId ?? list?.address ?? m.listPost ?? ''}`.trimEnd(),
      );
    if (!blindCopyToMe(m, recipients, me, context))
      return skip('not_involved', `${what} is neither from nor to any of your addresses`);
  }
  const everyone = distinct(outgoing ? recipients : [...m.from, ...recipients]).filter((a) => !mine(a));
  // a list's own address is nobody (its members are reached through it), nor is a robot's
  const lists = everyone.filter((a) => isListAddress(m, a.address, context));
  // list headers on mail to the user alone, no list in it: a newsletter or a campaign sent to
  // each reader on their own (List-Unsubscribe, Precedence: bulk), not a letter
  if (!outgoing && m.list && lists.length === 0 && recipients.every(mine))
    return skip('newsletter', `${what} is a newsletter or campaign (list headers, sent to you on your own)`);
  const counterparts = everyone.filter((a) => !lists.includes(a) && !isAutomatedAddress(a.address));
  if (counterparts.length === 0 && lists.length > 0)
    return skip('mailing_list', `${what} went only to the mailing list ${lists[0]?.address}`);
  if (counterparts.length === 0 && everyone.length > 0)
    return skip('automated', `${what} went only to an automated address (${everyone[0]?.address})`);
  if (counterparts.length === 0) return skip('no_counterparts', `${what} involves nobody but you`);

  const refs = counterparts.map(contactRef);
  const replyTo = m.inReplyTo ?? m.references.at(-1);
  const ancestors = m.references
    .filter((id) => id !== replyTo)
    .slice(-MAX_ANCESTORS)
    .reverse();
  const record: InteractionRecord = {
    kind: 'interaction',
    where: m.where,
    externalId: externalIdOf(m),
    at: m.date,
    // a chat Gmail keeps beside the mail is a message exchanged, not a letter
    channel: m.gmailChat ? 'message' : 'email',
    direction: outgoing ? 'out' : 'in',
    depth: 'substantive',
    counterparts: refs,
    ...optional('note', noteOf(m.subject)),
    ...optional('from', outgoing ? undefined : refs.find((r) => r.email === sender.address)),
    ...optional('replyTo', replyTo),
    ...optional('replyAncestors', ancestors.length > 0 ? ancestors : undefined),
    // (an address its To or Cc names too, as Lotus Notes repeats Cc in Bcc, is in every copy)
    ...optional(
      'blindCopies',
      outgoing && m.bcc.some((a) => !mine(a) && !inEveryCopy(m, a)) ? (true as const) : undefined,
    ),
    // through a mailing list, it reached the list's members, however few it names (bulk)
    ...optional('audience', m.list || lists.length > 0 ? Math.max(refs.length, BULK_RECIPIENTS + 1) : undefined),
  };
  return record;
}

/**
 * What an import takes from one parsed message: its interaction (with a key of its normalised
 * subject, for answers without reply headers), the reason it is skipped, or the parse issue.
 */
export function mailItem(
  m: MailMessage | ParseIssue,
  me: ReadonlySet<string>,
  source: 'mbox' | 'eml',
  context: MailContext = mailContext(),
): InteractionRecord | MailSkip | ParseIssue {
  if ('code' in m) return m;
  const r = messageToInteraction(m, me, source, context);
  if ('skip' in r) return r;
  if (!plausibleMailDate(r.at, context.now))
    return {
      ...m.where,
      code: 'bad_date',
      message: `${label(m, source)} is dated ${new Date(r.at).toISOString().slice(0, 10)}, ${implausibility(r.at)}; skipped`,
    };
  // a message without a subject has the empty one's key: "RE:" alone answers it
  return { ...r, threadKey: threadKeyOf(m.subject ? normalizeSubject(m.subject) : '') };
}

/**
 * A blind copy to the user: delivered to one of their addresses (Delivered-To, X-Original-To)
 * though no header names them, and not to an address of their own domain (a team alias they
 * receive, which is no letter to them).
 */
function blindCopyToMe(m: MailMessage, recipients: readonly Mailbox[], me: ReadonlySet<string>, context: MailContext) {
  const to = m.deliveredTo;
  if (!to || !(isOwnAddress(me, to) || context.aliases.has(to))) return false;
  const domainOf = (a: string) => a.slice(a.lastIndexOf('@') + 1);
  const domains = new Set([...me, ...context.aliases].map(domainOf).filter((d) => !PUBLIC_MAIL_DOMAINS.has(d)));
  return !recipients.some((a) => domains.has(domainOf(a.address)));
}

/** Mail services anyone can sign up to: an address there is no organisation's, so no team alias. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'fastmail.com',
]);

/** Gmail's inbox tabs other than Primary: the skip reason and what the mail is. */
const GMAIL_TABS: Record<string, [string, string]> = {
  promotions: ['newsletter', 'an offer or newsletter'],
  updates: ['automated', 'a notification (a receipt, a statement, an update)'],
  social: ['automated', 'a notification from a social network'],
  forums: ['mailing_list', 'mail from a forum or mailing list'],
};

/** Mail kept at most by ReconsideredMail, and its JSON at most (most messages take 1 KB; a long thread's many more). */
const RECONSIDERED_KEPT = 20_000;
const RECONSIDERED_CHARS = 16 * 1024 * 1024;

/**
 * Messages of a file skipped for what a later message of it may change, kept until the file ends
 * (up to a bound, as JSON) and taken again when it does:
 * - Gmail mail skipped as not involving the user: Gmail's Sent label teaches a send-as alias only
 *   at the first message sent from it, and mail to the alias that came before is the user's too;
 * - mail Gmail sorted into a tab (Updates, Promotions…): the user's once they write to its sender,
 *   whenever in the file that comes (Takeout files are not in date order).
 * The first kept are the first looked at again; once the bound is reached, later ones are not kept.
 */
export class ReconsideredMail {
  private kept: { addresses: string[]; tab: boolean; reason: string; json: string; origin: string }[] = [];
  private chars = 0;
  private aliasesSeen = 0;
  private writtenToSeen = 0;

  constructor(
    private readonly limit = RECONSIDERED_KEPT,
    private readonly charLimit = RECONSIDERED_CHARS,
  ) {}

  /** Keeps a message `mailItem` skipped for one of those reasons; `origin`: its file, when files differ. */
  keep(m: MailMessage | ParseIssue, item: InteractionRecord | MailSkip | ParseIssue, origin = ''): void {
    if ('code' in m || !('skip' in item)) return;
    const tab = item.tab === true;
    if (!tab && !(m.gmail && item.skip === 'not_involved')) return;
    if (this.kept.length >= this.limit || this.chars >= this.charLimit) return;
    // a tab's message is the user's by its sender; one not involving them by any address in it
    const addresses = tab
      ? m.from.map((a) => a.address)
      : [...m.from, ...m.to, ...m.cc, ...m.bcc].map((a) => a.address);
    const json = JSON.stringify(m);
    this.chars += json.length;
    this.kept.push({ addresses, tab, reason: item.skip, json, origin });
  }

  /**
   * The Gmail-tab messages still kept (their senders not written to in the file), as JSON with the
   * reason they were skipped for and their file: a later file or import may show the user writing
   * to them (see kept-tab-mail.ts).
   */
  tabs(): { json: string; reason: string; origin: string }[] {
    return this.kept.filter((k) => k.tab).map((k) => ({ json: k.json, reason: k.reason, origin: k.origin }));
  }

  /**
   * The kept messages that what the file showed since the last call (an alias, an address the
   * user wrote to) may make the user's, no longer kept, with the reason they were skipped for.
   */
  involved(context: MailContext): { message: MailMessage; origin: string; reason: string }[] {
    const aliases = context.aliases.size !== this.aliasesSeen;
    const written = context.writtenTo.size !== this.writtenToSeen;
    if (!aliases && !written) return [];
    this.aliasesSeen = context.aliases.size;
    this.writtenToSeen = context.writtenTo.size;
    const out: { message: MailMessage; origin: string; reason: string }[] = [];
    this.kept = this.kept.filter((k) => {
      const known = k.tab
        ? written && k.addresses.some((a) => context.writtenTo.has(a))
        : aliases && k.addresses.some((a) => context.aliases.has(a));
      if (!known) return true;
      this.chars -= k.json.length;
      out.push({ message: JSON.parse(k.json) as MailMessage, origin: k.origin, reason: k.reason });
      return false;
    });
    return out;
  }
}

/** Prefixes of an answer (not of a forward): Re, and those Outlook and other mail programs write in other languages. */
const ANSWER_WORDS = [
  're',
  'aw', // German
  'sv', // Swedish, Danish, Norwegian
  'svar', // Danish
  'antw', // Dutch
  'res', // Portuguese (Outlook)
  'r', // Italian (Outlook)
  'odp', // Polish, Czech
  'ynt', // Turkish
  'vá', // Hungarian
  'atb', // Latvian
  'ats', // Lithuanian
  'απ', // Greek
  'σχετ', // Greek
  'отв', // Russian
  'ответ',
  '回复', // Chinese (simplified)
  '答复',
  '回覆', // Chinese (traditional)
  '회신', // Korean
  'השב', // Hebrew
  'رد', // Arabic
];
/** Forwarding prefixes, left out of a subject's thread key with the answers'. */
const FORWARD_WORDS = [
  'fwd?',
  'wg', // German
  'vs', // Danish, Norwegian (and a Finnish answer)
  'vb', // Swedish
  'vl', // Finnish
  'tr', // French
  'rv', // Spanish
  'i', // Italian
  'enc', // Portuguese
  'pd', // Polish
  'doorst', // Dutch
  'İlt', // Turkish
  'ilt',
  'πρθ', // Greek
  'пересл', // Russian
  '转发', // Chinese (simplified)
  '轉寄', // Chinese (traditional)
  '전달', // Korean
];
const COUNTER = '\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]';
/**
 * The warnings a company's mail gateway puts before the subject of mail from outside, before or
 * after the answer's prefix: "[EXTERNAL] Re: …", "Re: [EXT] …", "*EXTERNAL* …", "[Caution: External
 * Sender] …", and "EXTERNAL: " before a prefix. They are no part of the subject, as a list's
 * "[team]" tag, which both sides of an exchange carry, is.
 */
const GATEWAY_TAG = [
  '\\[\\s*(?:external|ext|extern|externe|externo|caution|warning|suspicious|possible spam|spam)(?:[\\s:-]+(?:external\\s+)?(?:email|e-mail|mail|sender|message))?\\s*\\]',
  '\\*\\s*external\\s*\\*',
  `external\\s*:(?=\\s*(?:${[...ANSWER_WORDS, ...FORWARD_WORDS].join('|')})${COUNTER})`,
]
  .map((tag) => `${tag}\\s*`)
  .join('|');
const ANSWER_PREFIX = new RegExp(`^\\s*(?:${GATEWAY_TAG})*(?:${ANSWER_WORDS.join('|')})${COUNTER}`, 'i');

/**
 * Subjects that auto-replies and bounces write without any header saying so (older Exchange and
 * Lotus servers, as in the Enron mail), in the languages such servers are set up in. Anchored at
 * the start: a person's "Re: Out of office next week?" is not one.
 */
const AUTOMATIC_SUBJECT = new RegExp(
  `^\\s*(?:${[
    'out of (?:the )?office\\b(?:\\s*auto-?reply)?\\s*[:(-]',
    'out of office auto-?reply',
    'auto(?:matic)?[- ]?(?:reply|response)\\s*[:(-]',
    'abwesenheitsnotiz\\s*:',
    'automatische antwort\\s*:',
    'automatisch antwoord\\s*:',
    'afwezigheidsbericht\\s*:',
    'r[ée]ponse automatique\\s*:',
    'absence du bureau\\s*:',
    'respuesta autom[áa]tica\\s*:',
    'risposta automatica\\s*:',
    'resposta autom[áa]tica\\s*:',
    'automatiskt svar\\s*:',
    'automatisk svar\\s*:',
    'automaattinen vastaus\\s*:',
    'odpowied[źz] automatyczna\\s*:',
    'undeliverable\\s*:',
    'unzustellbar\\s*:',
    'non remis\\s*:',
    'undelivered mail returned to sender',
    'delivery status notification \\((?:failure|delay)\\)',
    'mail delivery (?:failed|failure|subsystem)',
    'returned mail\\s*:',
    'delivery failure\\s*:',
    'failure notice$',
  ].join('|')})`,
  'i',
);

/** True when a subject is written as an answer ("Re: …", "AW: …"): a forward starts a new thread (ADR 0015). */
export function isAnswerSubject(subject: string): boolean {
  return ANSWER_PREFIX.test(subject);
}

/**
 * True when two stored notes (subjects cut at NOTE_MAX characters) name one thread: the same
 * normalised subject (empty included: the caller asks only of answers, "RE:"), or, when either was cut, one the beginning of the other (at least 20
 * characters of it, so that a cut subject is not matched on a word or two).
 */
export function sameSubjectThread(a: string, b: string): boolean {
  const x = normalizeSubject(a);
  const y = normalizeSubject(b);
  // (an empty subject too: a bare "RE:" answers a message sent without one, as mail programs write it)
  if (x === y) return true;
  // noteOf may drop a lone high surrogate at the cut: one character short of the limit
  if (a.length < NOTE_MAX - 1 && b.length < NOTE_MAX - 1) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 20 && long.startsWith(short);
}

/**
 * A normalised subject as a thread key: 96 bits of its SHA-256, 16 characters whatever the
 * subject's length, so the import's map of open threads hashes short keys (and holds less).
 */
export function threadKeyOf(normalizedSubject: string): string {
  return threadKeys.get(normalizedSubject, () =>
    createHash('sha256').update(normalizedSubject).digest('base64url').slice(0, 16),
  );
}

/**
 * Answers of a pure function of a string, kept for the strings seen last (a mailbox repeats its
 * correspondents and subjects message after message): at most `size` of them, all dropped when full.
 * A key is kept as a string of its own: the one given is often cut out of a whole chunk of the
 * file, which it would keep alive (see ownString).
 */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly size: number) {}
  get(key: string, compute: () => T): T {
    const known = this.map.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.map.size >= this.size) this.map.clear();
    this.map.set(ownString(key), value);
    return value;
  }
}

const threadKeys = new Memo<string>(20_000);
const automatedAddresses = new Memo<boolean>(20_000);
const listHostAddresses = new Memo<boolean>(20_000);

function skip(code: string, sentence: string): MailSkip {
  return { skip: code, message: `${sentence}; skipped` };
}

function label(m: MailMessage, source: 'mbox' | 'eml'): string {
  if (m.where.record) return m.where.record;
  if (source === 'mbox' && m.where.line !== null) return `the message at line ${m.where.line}`;
  return 'the message';
}

/** `{ key: value }` when the value is set, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function noteOf(subject: string | undefined): string | undefined {
  const s = subject?.replace(/\s+/g, ' ').trim();
  if (!s) return undefined;
  if (s.length <= NOTE_MAX) return s;
  // do not cut a surrogate pair in half
  const cut = s.slice(0, NOTE_MAX);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function contactRef(a: Mailbox): ContactRef {
  return a.name === undefined ? { email: a.address } : { email: a.address, name: a.name };
}

/** Mailboxes by address, first occurrence first; a later name fills a missing one (Enron repeats Cc as Bcc). */
function distinct(list: readonly Mailbox[]): Mailbox[] {
  const byAddress = new Map<string, Mailbox>();
  for (const a of list) {
    const seen = byAddress.get(a.address);
    if (!seen) byAddress.set(a.address, a);
    else if (seen.name === undefined && a.name !== undefined) byAddress.set(a.address, a);
  }
  return [...byAddress.values()];
}

/** A mailing list's own address: this message's list, a list seen earlier in the file, or a list host's. */
function isListAddress(m: MailMessage, address: string, context: MailContext): boolean {
  if (m.listPost === address || context.lists.has(address)) return true;
  const asId = address.replace('@', '.');
  if (m.listId === asId || context.listIds.has(asId)) return true;
  return isListHostAddress(address);
}

/** Domains that only hold mailing lists and groups: Google Groups, groups.io, lists.* and the like. */
const LIST_HOSTS = /(?:^|\.)(?:googlegroups\.com|groups\.io|yahoogroups\.com|freelists\.org|groups\.google\.com)$/;

/** An address at a host that serves mailing lists (lists.example.org, googlegroups.com). */
export function isListHostAddress(address: string): boolean {
  return listHostAddresses.get(address, () => isListHost(address));
}

function isListHost(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  // a list server's own host (lists.example.org), not a mail provider named so (list.ru): a name
  // under an organisation's domain
  return LIST_HOSTS.test(domain) || /^(?:lists?|mailman|listserv)\.[^.]+\.[^.]+/.test(domain);
}

// Local parts (split at - _ . and without a +tag) that machines send from.
const AUTOMATED_WORDS = new Set([
  'noreply',
  'donotreply',
  'mailerdaemon',
  'postmaster',
  'bounce',
  'bounces',
  'notification',
  'notifications',
  'notify',
  'autoreply',
  'autoresponder',
  'autoconfirm',
  'newsletter',
  'newsletters',
  'majordomo',
  'listserv',
  'mailman',
  'jira',
  'confluence',
]);
/**
 * A display name a service gives mail it sends for someone: "Gina Park via DocuSign", "Ann (via
 * Google Docs)"; lower-case "via", as services write it (Via is a surname).
 */
const SENT_VIA = /^(.*\S)\s+\(?via\s+[^\s@]/;

/** Whether a sender is a service writing for someone from its own address, not that person's ("Tom via Mobile" <tom@…>). */
function sentVia(sender: Mailbox): boolean {
  const who = SENT_VIA.exec(sender.name ?? '')?.[1];
  if (who === undefined) return false;
  const local = sender.address.slice(0, sender.address.lastIndexOf('@')).toLowerCase();
  const words = who
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
  // a word of the name starting or ending a word of the address (tom@, tomreyes@, jdoe@), not
  // one inside another (ion in invitations@)
  const parts = local.split(/[^a-z0-9]+/).filter(Boolean);
  return !words.some((w) => parts.some((p) => p.startsWith(w) || p.endsWith(w)));
}
// the same words written with separators (no-reply, do_not_reply, mailer-daemon, auto-reply)
// …and shops' robots by two words (shipment-tracking@, order-confirmation@): a shipping@ alone may
// be a person's desk the user writes to
const AUTOMATED_JOINED =
  /(^|[-_.])(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|auto[-_.]reply|shipment[-_.]?tracking|tracking[-_.]?updates?|order[-_.]?(?:confirm(?:ations?)?|updates?|status)|ship[-_.]?confirm|auto[-_.]?confirm)([-_.]|$)/;

/**
 * A message sent on to the user as it was (Resent-To: the user) by someone not its author: read
 * as that person's message to the resent recipients, as it reached the user, when it was sent on.
 */
function resentToMe(m: MailMessage, me: ReadonlySet<string>, context: MailContext): MailMessage {
  const r = m.resent;
  if (!r) return m;
  const mine = (a: Mailbox) => isOwnAddress(me, a.address) || context.aliases.has(a.address);
  if ([...m.to, ...m.cc, ...m.bcc, ...m.from].some(mine) || ![...r.to, ...r.cc].some(mine)) return m;
  const resent = { ...m, from: r.from.length > 0 ? r.from : m.from, to: r.to, cc: r.cc, bcc: [] };
  // when it was sent on (Resent-Date), not when it was first written
  if (r.date !== undefined) resent.date = r.date;
  return resent;
}

/**
 * A message the user sent on as it was (Resent-From: the user; "redirect" or "bounce" in a mail
 * program) to people it was not written to: the user's own message to them, when it was sent on.
 * It is a sending of its own (its Resent-Message-ID, else a hash of what the user sent: not the
 * original's Message-ID, which the original keeps), and answers nothing of the original's thread.
 */
function resentByMe(m: MailMessage, me: ReadonlySet<string>, context: MailContext): MailMessage {
  const r = m.resent;
  if (!r) return m;
  const mine = (a: Mailbox) => isOwnAddress(me, a.address) || context.aliases.has(a.address);
  if (!r.from.some(mine) || m.from.some(mine) || [...r.to, ...r.cc].every(mine)) return m;
  const { messageId: _original, inReplyTo: _parent, ...rest } = m;
  const resent: MailMessage = { ...rest, from: r.from, to: r.to, cc: r.cc, bcc: [], references: [] };
  if (r.messageId !== undefined) resent.messageId = r.messageId;
  if (r.date !== undefined) resent.date = r.date;
  return resent;
}

/**
 * Addresses no person writes from: no-reply and do-not-reply, mailer-daemon and postmaster,
 * bounce handlers (bounces+…@), notification senders, newsletters, and list robots
 * (…-request@, owner-…@, majordomo, listserv).
 */
export function isAutomatedAddress(address: string): boolean {
  return automatedAddresses.get(address, () => isAutomated(address));
}

function isAutomated(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = (at === -1 ? address : address.slice(0, at)).trim().toLowerCase().split('+')[0] ?? '';
  if (AUTOMATED_JOINED.test(local)) return true;
  if (/-request$|^owner-|-owner$/.test(local)) return true;
  return local.split(/[-_.]/).some((word) => AUTOMATED_WORDS.has(word));
}

// Reply and forward prefixes in the languages mail clients write them: Re, Fw, Fwd, and the
// German AW/WG, Scandinavian SV/VS, Dutch Antw; with "Re[2]:" or "Re^2:" counters.
const PREFIX = new RegExp(
  `^\\s*(?:${GATEWAY_TAG}|(?:${[...ANSWER_WORDS, ...FORWARD_WORDS].join('|')})${COUNTER})`,
  'i',
);

/** A subject for threading without headers: reply/forward prefixes removed, whitespace collapsed, lower case. */
export function normalizeSubject(subject: string): string {
  let s = subject;
  for (let m = PREFIX.exec(s); m; m = PREFIX.exec(s)) s = s.slice(m[0].length);
  // one accent written as one character or as a letter and a combining mark is one subject
  return s.replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();
}

/**
 * The message's stable id: its Message-ID, else `sha256:` and a hash of From, Date, Subject
 * and To, so that importing the same file again finds the same ids.
 */
export function externalIdOf(m: MailMessage): string {
  if (m.messageId !== undefined) return m.messageId;
  const key = JSON.stringify([
    m.from.map((a) => a.address),
    m.date ?? null,
    m.subject ?? null,
    m.to.map((a) => a.address),
  ]);
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** Every distinct address in From, To and Cc: how often each appears across messages guesses the user's own. */
export function countAddresses(m: MailMessage): string[] {
  // robots' mail and what was never sent name robots far more often than the user
  if (m.autoSubmitted || m.receipt || m.unsent || m.gmailFolder !== undefined) return [];
  if (m.from.some((a) => isAutomatedAddress(a.address))) return [];
  const seen = new Set<string>();
  const person = (a: Mailbox) =>
    !isAutomatedAddress(a.address) &&
    !isListHostAddress(a.address) &&
    a.address !== m.listPost &&
    a.address.replace('@', '.') !== m.listId;
  if (m.list) {
    // list mail (a busy list can outnumber every letter): only a newsletter's one reader, never the
    // list or the senders
    const readers = [...m.to, ...m.cc];
    const only = readers[0];
    return readers.length === 1 && only && person(only) ? [only.address] : [];
  }
  for (const list of [m.from, m.to, m.cc]) for (const a of list) if (person(a)) seen.add(a.address);
  return [...seen];
}

/** Whether every copy of the message names this address: its To or Cc does (looked at only for a Bcc). */
function inEveryCopy(m: MailMessage, a: Mailbox): boolean {
  return m.to.some((t) => t.address === a.address) || m.cc.some((c) => c.address === a.address);
}
