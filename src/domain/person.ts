import { domainToUnicode } from 'node:url';
import type { Goal, Stage, Tier } from './vocabulary.js';

export interface Person {
  readonly id: number;
  readonly uid: string;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly org: string | null;
  readonly title: string | null;
  readonly linkedin: string | null;
  readonly tags: readonly string[];
  /** where and how the user met them */
  readonly met: string | null;
  /** YYYY-MM-DD, or --MM-DD when the year is unknown */
  readonly birthday: string | null;
  /** someone the user wants to know and has not met yet */
  readonly wishlist: boolean;
  readonly notes: string | null;
  readonly tier: Tier | null;
  readonly goal: Goal | null;
  readonly cadenceDays: number | null;
  readonly stageOverride: Stage | null;
  /** when the user set the stage, epoch ms: a day replayed before it shows the stage the history gave; null when not known */
  readonly stageSetAt?: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** How a LinkedIn connection's date is written into how they met ("connected on LinkedIn on 2025-03-01"). */
export const CONNECTED_ON = 'connected on LinkedIn on';

/**
 * When the user and this person connected, as how they met says (LinkedIn's Connected On, a day
 * at 00:00 UTC); undefined when it says no such date.
 */
export function connectedSince(person: Pick<Person, 'met'>): number | undefined {
  const m = person.met === null ? null : /connected on LinkedIn on (\d{4})-(\d{2})-(\d{2})/.exec(person.met);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/**
 * Whether a person belongs to the user's network as of `now` (a past day replayed shows the
 * network then): anyone with an event by then (the summary as of now folded one), and anyone
 * known by then, added (or imported) or connected on LinkedIn, whichever came first.
 */
export function knownAt(person: Pick<Person, 'met' | 'createdAt'>, eventsByNow: boolean, now: number): boolean {
  if (eventsByNow) return true;
  return Math.min(person.createdAt, connectedSince(person) ?? Number.POSITIVE_INFINITY) <= now;
}

/**
 * Lower case, accents and punctuation folded, single spaces: how names are compared. Apostrophes
 * of any kind are dropped (O'Brien, O’Brien and OBrien are one name), hyphens are spaces (Li-Ann
 * and Li Ann), and credentials written after a name ("Raj Patel, MBA", "Ana Ruiz PhD") are not
 * part of it, nor is a title before it ("Dr. Ada Quinn", "Mr Michael Angstadt"). Letters without
 * a mark to drop are folded too (Łukasiewicz and Lukasiewicz, Strauß and Strauss). Generational
 * suffixes (Jr., III) stay: they tell a father from a son.
 */
export function nameKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (c) => LATIN_FOLDS[c] ?? c)
    .replace(/['\u2018\u2019\u02bc\u0060\u00b4]/g, '')
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .replace(/\.+(?= |$)/g, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (CJK_ONLY.test(key)) return cjkKey(key);
  return withoutTitle(withoutCredentials(key, /,\s*[^,]*$/.test(name)));
}

/**
 * Latin letters that Unicode does not write as a base letter and a mark, so that NFKD keeps them:
 * a name typed without them (Lukasiewicz, Overgard, Strauss) is the same name.
 */
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const UNDECOMPOSED = /[łøßæœđðþıħŧ]/g;

/** Whether a name is written only in Chinese characters, kana or Hangul (and spaces). */
export function isCjkName(name: string): boolean {
  return CJK_ONLY.test(name.trim());
}

/** A name written only in Chinese characters, kana or Hangul (and spaces). */
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc ]+$/u;

/**
 * A Chinese, Japanese or Korean name's key: its characters (Hangul syllables composed again), in
 * code-point order, without spaces. The same name is written family name first or given name
 * first, with a space or without (李雷, 李 雷, 雷 李), and two people whose names hold the same
 * characters in another order are rare enough to be left to the other details.
 */
function cjkKey(key: string): string {
  return [...key.normalize('NFC').replace(/ /g, '')].sort().join('');
}

/** Titles written before a name (their final dot already gone). */
const TITLES = new Set('dr mr mrs ms miss mx prof professor sir dame mme mlle herr frau'.split(' '));

function withoutTitle(key: string): string {
  const words = key.split(' ');
  // at least two words of name are left
  let i = 0;
  while (words.length - i > 2 && TITLES.has(words[i] ?? '')) i++;
  return i === 0 ? key : words.slice(i).join(' ');
}

/** Letters after a name that only ever mean a degree or a certification. */
const CREDENTIALS = new Set(
  'mba emba phd ph.d dphil cpa cfa pmp cissp cisa cism sphr phr frm caia acca aca fca mrics faia mph mfa llm msc meng ceng peng'.split(
    ' ',
  ),
);
/** Shorter ones that may be a name ("Jack Ma", "Ed Do"): dropped only after a comma. */
const CREDENTIALS_AFTER_COMMA = new Set('md m.d do dds dmd rn np pa pe jd j.d llb esq ma ms bsc ba bs'.split(' '));

function withoutCredentials(key: string, comma: boolean): string {
  const words = key.split(' ');
  // at least two words of name are left
  while (words.length > 2) {
    const last = words.at(-1) ?? '';
    if (!CREDENTIALS.has(last) && !(comma && CREDENTIALS_AFTER_COMMA.has(last))) break;
    words.pop();
  }
  return words.join(' ');
}

/**
 * Emails are compared trimmed and in lower case, a display name around them dropped, and an
 * internationalised domain in Unicode (juergen@xn--bcher-kva.example is juergen@bücher.example),
 * in Unicode's composed form. Invisible format characters (a zero-width space pasted from a web
 * page, a direction mark) are no part of an address and go wherever they stand.
 */
export function normalizeEmail(email: string): string {
  const trimmed = email.replace(FORMAT_CHARACTERS, '').trim();
  const angle = /<([^<>]+)>\s*$/.exec(trimmed);
  // a link copied from a page (mailto:), and a domain written whole with its final dot (x.org.)
  const bare = (angle?.[1] ?? trimmed)
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '')
    .replace(/(@[^@]*[^.@])\.+$/, '$1');
  return unicodeDomain(bare);
}

/** Unicode's format characters (Cf): zero-width spaces and joiners, direction marks, the BOM, soft hyphens. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

function unicodeDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || !domain.includes('xn--')) return address.normalize('NFC');
  // an empty result: not a valid domain, kept as written
  const unicode = domainToUnicode(domain);
  return (unicode ? address.slice(0, at + 1) + unicode : address).normalize('NFC');
}

/**
 * Whether a lower-case address is one of the user's (`me`, lower case): the same mailbox, which
 * mail services deliver to whatever +tag either carries (me+work@example.org, me@example.org),
 * and Gmail whatever dots the name holds and at googlemail.com too (john.smith@gmail.com,
 * johnsmith@googlemail.com).
 */
export function isOwnAddress(me: ReadonlySet<string>, address: string): boolean {
  if (me.has(address)) return true;
  const mine = mailboxesOf(me);
  // most addresses are their own mailbox, as the user's are: no key to compute (a hot path)
  if (mine.plain && !address.includes('+') && !address.endsWith('mail.com')) return false;
  return mine.keys.has(mailboxKey(address));
}

/**
 * The mailbox an address delivers to: without a +tag, and for Gmail without dots, at gmail.com.
 * Only for telling the user's own addresses: two people never share a key but by these rules.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/**
 * Whether a stored address of one mailbox may be taken for another spelling (`address`) of it: not
 * two different +tags (team+alice@ and team+carol@ are two people reading one shared mailbox).
 */
export function sameMailboxHolder(address: string, stored: string): boolean {
  const [mine, theirs] = [tagOf(address), tagOf(stored)];
  return mine === '' || theirs === '' || mine === theirs;
}

/** An address's +tag, or '' when it has none. */
function tagOf(address: string): string {
  const local = address.slice(0, address.lastIndexOf('@'));
  const plus = local.indexOf('+');
  return plus > 0 ? local.slice(plus + 1) : '';
}

/**
 * Addresses looked up by the mailbox they deliver to, as sameMailboxHolder takes one spelling for
 * another: rob.brown@gmail.com answers for robbrown@googlemail.com, ann@ for ann+news@ and back,
 * but team+alice@ not for team+carol@. `size` counts the mailboxes (and tags) held.
 */
export class MailboxSet {
  /** the mailboxes of addresses without a +tag: they answer for any spelling */
  private readonly untagged = new Set<string>();
  /** the mailboxes of +tag addresses: they answer for a spelling without a tag */
  private readonly anyTag = new Set<string>();
  /** mailbox and tag of +tag addresses: they answer for the same tag */
  private readonly tagged = new Set<string>();

  constructor(addresses: Iterable<string> = []) {
    for (const a of addresses) this.add(a);
  }

  get size(): number {
    return this.untagged.size + this.tagged.size;
  }

  add(address: string): void {
    const key = mailboxKey(address);
    const tag = tagOf(address);
    if (tag === '') this.untagged.add(key);
    else {
      this.anyTag.add(key);
      this.tagged.add(`${key}+${tag}`);
    }
  }

  has(address: string): boolean {
    const key = mailboxKey(address);
    if (this.untagged.has(key)) return true;
    const tag = tagOf(address);
    return tag === '' ? this.anyTag.has(key) : this.tagged.has(`${key}+${tag}`);
  }
}

/** The mailbox stored beside an address (see mailboxKey): null when the address is its own. */
export function storedMailbox(address: string): string | null {
  const key = mailboxKey(address);
  return key === address ? null : key;
}

/** The mailboxes of a set of the user's addresses, computed again when the set grows. */
const mailboxCache = new WeakMap<ReadonlySet<string>, Mailboxes>();

/** The mailboxes of the user's addresses; `plain` when each address is its own mailbox's key. */
interface Mailboxes {
  readonly size: number;
  readonly keys: Set<string>;
  readonly plain: boolean;
}

function mailboxesOf(me: ReadonlySet<string>): Mailboxes {
  const cached = mailboxCache.get(me);
  if (cached && cached.size === me.size) return cached;
  const keys = new Set([...me].map(mailboxKey));
  const mailboxes = { size: me.size, keys, plain: [...me].every((a) => mailboxKey(a) === a) };
  mailboxCache.set(me, mailboxes);
  return mailboxes;
}

/** Local parts of shared mailboxes that a team or a desk reads, not one person (a +tag aside). */
const ROLE_LOCAL_PARTS = new Set([
  'info',
  'information',
  'support',
  'help',
  'helpdesk',
  'sales',
  'contact',
  'contactus',
  'hello',
  'hi',
  'enquiries',
  'enquiry',
  'inquiries',
  'inquiry',
  'service',
  'customerservice',
  'customercare',
  'care',
  'admin',
  'office',
  'billing',
  'accounts',
  'accounting',
  'invoices',
  'invoice',
  'orders',
  'bookings',
  'reservations',
  'reception',
  'feedback',
  'press',
  'media',
  'marketing',
  'hr',
  'jobs',
  'careers',
  'recruiting',
  'webmaster',
  'abuse',
  'security',
  'privacy',
  'legal',
  // distribution lists: the whole firm or team
  'all',
  'allstaff',
  'allemployees',
  'allhands',
  'everyone',
  'everybody',
  'staff',
  'employees',
  'team',
]);

/**
 * Whether an address is a shared mailbox (info@, support@, sales@, customer.service@): the
 * importers make no person of one unless the user writes to it, or already knows it.
 */
export function isRoleAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  // the longest of them, with a separator or two and a +tag aside, is short: most addresses stop here
  if (at <= 0) return false;
  const plus = email.indexOf('+');
  const end = plus > 0 && plus < at ? plus : at;
  if (end > 18) return false;
  const local = email.slice(0, end).toLowerCase();
  return ROLE_LOCAL_PARTS.has(local) || ROLE_LOCAL_PARTS.has(local.replace(/[-_.]/g, ''));
}

// a control character (a NUL) makes no address
const EMAIL = /^[^\s@<>(),;:"\p{Cc}]+@[^\s@<>(),;:"\p{Cc}]+\.[^\s@<>(),;:"\p{Cc}]+$/u;
export function isEmail(text: string): boolean {
  return EMAIL.test(normalizeEmail(text));
}

/** Effective cadence: the override, else the tier's default, else none. */
export function cadenceOf(p: Pick<Person, 'cadenceDays' | 'tier'>, tierDefaults: Record<Tier, number>): number | null {
  if (p.cadenceDays !== null) return p.cadenceDays;
  return p.tier === null ? null : tierDefaults[p.tier];
}
