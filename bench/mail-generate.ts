/**
 * A seeded generator of a large, realistic mbox for the import benchmark (bench/import-run.ts).
 * It streams to disk (the file is never held in memory: 1,000,000 messages make 1.24 GB, about
 * 810 bytes of headers and 440 of body per message on average, the body's median 280) and a seed
 * always gives the same bytes. The bodies are kept short so that the file stays near 1 GB with
 * realistic headers.
 *
 * Shape of the mailbox:
 * - `From sender@x Mon Jan  3 14:15:02 2022` separator lines (asctime, UTC), then Return-Path,
 *   1–3 Received, Date (RFC 2822, the sender's zone, sometimes a "(PST)" comment or a named zone
 *   alone), From, To (1–3), Cc (0–5; a few bulk mails with 12 or more), Subject, Message-ID,
 *   In-Reply-To and References for replies, MIME-Version, Content-Type (plain, alternative with
 *   HTML, or mixed with a base64 attachment) and Content-Transfer-Encoding;
 * - display names written the ways clients write them: `First Last <a>`, `"Last, First" <a>`,
 *   `"First Last" <a>`, a bare address, RFC 2047 encoded words (B and Q) for non-ASCII names,
 *   and now and then raw UTF-8;
 * - about 3,000 correspondents (opts.people) drawn with a Zipf-like skew (a few people in
 *   thousands of messages, most in a handful); the owner is in every person-to-person message;
 * - threads: about 40% of the messages answer an earlier message of their thread (In-Reply-To
 *   its Message-ID, References the chain), the owner answering people and people answering the
 *   owner, with `Re:`, `RE:` and `AW:` subjects; some `Fwd:` messages start new threads;
 * - automated mail (`noreply@`, `notifications@`, …), newsletters with List-Id and
 *   List-Unsubscribe, and mailing-list discussions sent to the list (the owner not named);
 * - bodies of varying size (log-normal, a few hundred bytes typical, quoted text in replies), a
 *   few large messages of 50–500 KB (an attachment), body lines starting with `From ` escaped
 *   as `>From ` (mboxrd);
 * - roughly chronological over three years from MAIL_START.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { mulberry32 } from '../src/importers/fixtures/mulberry32.js';

/** The first message's time; messages spread evenly (with jitter) over MAIL_SPAN_MS. */
export const MAIL_START = Date.UTC(2022, 0, 3, 8, 0, 0);
export const MAIL_SPAN_MS = 3 * 365 * 86_400_000;
/** A moment just after the last message: the benchmark's "now". */
export const MAIL_END = MAIL_START + MAIL_SPAN_MS + 86_400_000;

export interface MboxOptions {
  readonly messages: number;
  readonly seed: number;
  /** the user's own address */
  readonly owner: string;
  /** distinct correspondents */
  readonly people: number;
}

export interface MboxStats {
  /** bytes written */
  bytes: number;
  messages: number;
  /** messages whose From is the owner */
  fromOwner: number;
  /** messages with In-Reply-To (and References) */
  replies: number;
  /** messages from automated senders (noreply@ and the like), without list headers */
  automated: number;
  /** messages with List-Id and List-Unsubscribe: newsletters and mailing-list discussions */
  lists: number;
}

// ---------------------------------------------------------------------------------------------
// seeded randomness

/** The shared mulberry32 generator with the draws the mailbox needs. */
export function seeded(seed: number) {
  const next = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    /** 32 random bits */
    u32: () => Math.floor(next() * 4294967296) >>> 0,
  };
}
export type Rng = ReturnType<typeof seeded>;

// ---------------------------------------------------------------------------------------------
// vocabulary

export const FIRST = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Nancy',
  'Matthew',
  'Lisa',
  'Anthony',
  'Betty',
  'Mark',
  'Sandra',
  'Steven',
  'Ashley',
  'Paul',
  'Emily',
  'Andrew',
  'Donna',
  'Joshua',
  'Michelle',
  'Kenneth',
  'Carol',
  'Kevin',
  'Amanda',
  'Brian',
  'Melissa',
  'George',
  'Deborah',
  'Timothy',
  'Stephanie',
  'Ronald',
  'Rebecca',
  'Jason',
  'Laura',
  'Edward',
  'Helen',
  'Jeffrey',
  'Sharon',
  'Ryan',
  'Cynthia',
  'Jacob',
  'Kathleen',
  'Gary',
  'Amy',
  'Priya',
  'Arjun',
  'Wei',
  'Mei',
  'Hiroshi',
  'Yuki',
  'Olga',
  'Dmitri',
  'Fatima',
  'Omar',
  'Lena',
  'Jonas',
  'Ingrid',
  'Lars',
  'Aisha',
  'Kwame',
  'Sofia',
  'Mateo',
  'Noah',
  'Ana',
  'Ravi',
  'Ananya',
  'Chen',
  'Li',
  'Kenji',
  'Sakura',
  'Ivan',
  'Natalia',
  'Youssef',
  'Layla',
  'Kofi',
  'Amara',
  'Elena',
  'Luca',
  'Giulia',
  'Pablo',
  'Camila',
  'Diego',
  'Valentina',
  'Tariq',
  'José',
  'Zoë',
  'François',
  'Søren',
  'Łukasz',
  'Björn',
  'Inés',
  'Renée',
  'Jürgen',
  'Chloé',
  'Siobhán',
  'Tomás',
  'Hélène',
  'Núria',
  'Dāvis',
  'Émile',
  'Andrés',
  'Małgorzata',
  'Øystein',
  'Ümit',
];
export const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Gomez',
  'Phillips',
  'Evans',
  'Turner',
  'Diaz',
  'Parker',
  'Cruz',
  'Edwards',
  'Collins',
  'Reyes',
  'Stewart',
  'Patel',
  'Shah',
  'Chen',
  'Wang',
  'Tanaka',
  'Suzuki',
  'Ivanova',
  'Petrov',
  'Haddad',
  'Okafor',
  'Schmidt',
  'Fischer',
  'Larsen',
  'Nielsen',
  'Dubois',
  'Rossi',
  'Silva',
  'Kowalski',
  'Novak',
  'Kim',
  'Singh',
  'Kumar',
  'Zhang',
  'Liu',
  'Yamamoto',
  'Sato',
  'Volkov',
  'Popescu',
  'Mensah',
  'Mwangi',
  'Becker',
  'Hoffmann',
  'Johansson',
  'Berg',
  'Moreau',
  'Ricci',
  'Costa',
  'Nowak',
  'Horvat',
  'Park',
  'Müller',
  'Núñez',
  'Sørensen',
  'Nguyễn',
  'Çelik',
  'Gómez',
  'Lindqvist',
  "O'Brien",
  'van Dijk',
  'Åberg',
  'Ferreira',
  'de la Cruz',
  'Żak',
  'Ó Ceallaigh',
  'Dvořák',
  'Schäfer',
  'Jiménez',
  'Kovačević',
  'Yılmaz',
  'Løvland',
];
export const COMPANY_WORDS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'stark',
  'wayne',
  'hooli',
  'vandelay',
  'wonka',
  'tyrell',
  'cyberdyne',
  'soylent',
  'aperture',
  'blueth',
  'pied',
  'oscorp',
  'massive',
  'gringotts',
  'monarch',
  'zenith',
  'northwind',
  'contoso',
  'fabrikam',
  'tailspin',
  'litware',
  'adatum',
  'proseware',
  'wingtip',
  'fourth',
  'coho',
];
export const COMPANY_SUFFIX = [
  '',
  'labs',
  'corp',
  'group',
  'systems',
  'partners',
  'ventures',
  'health',
  'media',
  'capital',
];
export const COMPANY_TLD = ['.com', '.com', '.com', '.io', '.co', '.org', '.net', '.de', '.co.uk', '.fr'];
export const FREE_MAIL = [
  'gmail.com',
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
  'fastmail.com',
];

const AUTOMATED: readonly (readonly [string, string])[] = [
  ['GitHub', 'noreply@github.com'],
  ['Google', 'no-reply@accounts.google.com'],
  ['Slack', 'notifications@slack.com'],
  ['Amazon.com', 'no-reply@amazon.com'],
  ['LinkedIn', 'notifications-noreply@linkedin.com'],
  ['Zoom', 'no-reply@zoom.us'],
  ['Calendly', 'notifications@calendly.com'],
  ['Atlassian', 'noreply@atlassian.net'],
  ['Dropbox', 'no-reply@dropbox.com'],
  ['PayPal', 'donotreply@paypal.com'],
  ['Stripe', 'notifications@stripe.com'],
  ['United Airlines', 'no-reply@news.united.com'],
  ['Mail Delivery Subsystem', 'mailer-daemon@googlemail.com'],
];
const NEWSLETTERS: readonly (readonly [string, string])[] = [
  ['The Morning Brief', 'news@brief.example.com'],
  ['Product Weekly', 'digest@productweekly.io'],
  ['Acme Updates', 'updates@acme.com'],
  ['Data Engineering Digest', 'hello@dataeng.news'],
  ['City Events', 'events@cityguide.example.org'],
];
const LISTS = ['dev@lists.apache.example.org', 'users@lists.postgres.example.org', 'team-all@globex.com'];

const TOPICS = [
  'Q3 planning',
  'Lunch next week?',
  'Draft proposal',
  'Follow-up from our call',
  'Intro',
  'Contract review',
  'Hiring update',
  'Board deck comments',
  'Coffee?',
  'Quick question',
  'Conference in Lisbon',
  'Budget for next year',
  'Customer feedback',
  'Launch checklist',
  'Offsite agenda',
  'Your talk last week',
  'Reference check',
  'Partnership idea',
  'Invoice',
  'Travel plans',
  'Weekly sync notes',
  'Roadmap review',
  'Thanks!',
  'Catching up',
  'Recommendation letter',
  'Pricing question',
  'Design review',
  'Café on Friday?',
  'Résumé attached',
  'Über-Planung Q4',
];
const TOPIC_TAILS = ['', '', '', '', ' for {co}', ' with {co}', ' - {month}', ' ({month})', ' #{n}', ': next steps'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZONES: readonly (readonly [number, string])[] = [
  [-480, 'PST'],
  [-420, 'PDT'],
  [-360, 'CST'],
  [-300, 'EST'],
  [-240, 'EDT'],
  [-180, ''],
  [0, 'GMT'],
  [0, 'UTC'],
  [60, 'CET'],
  [120, 'CEST'],
  [180, ''],
  [330, 'IST'],
  [480, ''],
  [540, 'JST'],
  [600, 'AEST'],
];
const WORDS = (
  'the a to and of we you it for on that this is with be as have will can our at if are from by not about ' +
  'team project plan meeting call week next time think would like could should let know update thanks ' +
  'review draft numbers budget customer launch quarter deadline schedule notes agenda feedback idea ' +
  'proposal contract timeline slides deck roadmap design doc report data results hiring offer intro ' +
  'coffee lunch trip travel conference talk friday monday tomorrow today soon later morning afternoon ' +
  'happy great good quick small big new old important open question answer help share send attach ' +
  'look forward catch up sync chat discuss agree confirm move push keep track follow check'
).split(' ');
const GREETINGS = [
  'Hi {name},',
  'Hello {name},',
  'Hey {name},',
  'Dear {name},',
  '{name},',
  'Hi all,',
  'Morning {name},',
];
const SIGNOFFS = ['Best,', 'Thanks,', 'Cheers,', 'Best regards,', 'Talk soon,', 'Thank you,', '—', 'Regards,'];
const MAILERS = [
  'User-Agent: Mozilla Thunderbird',
  'X-Mailer: Apple Mail (2.3731.700.6)',
  'X-Mailer: Microsoft Outlook 16.0',
  'X-Mailer: iPhone Mail (20G75)',
];

// ---------------------------------------------------------------------------------------------
// people

interface Person {
  address: string;
  /** the From/To text: a display name in the person's client's style, and the address */
  field: string;
  first: string;
  zone: readonly [number, string];
  domain: string;
}

const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** RFC 2047: B (base64) or Q encoding of UTF-8 text. */
function encodedWord(text: string, q: boolean): string {
  const bytes = Buffer.from(text, 'utf8');
  if (!q) return `=?UTF-8?B?${bytes.toString('base64')}?=`;
  let out = '';
  for (const b of bytes) {
    if (b === 0x20) out += '_';
    else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))
      out += String.fromCharCode(b);
    else out += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?UTF-8?Q?${out}?=`;
}

/** A display name and address the way one person's mail client writes them. */
function mailboxField(r: Rng, first: string, last: string, address: string): string {
  const full = `${first} ${last}`;
  if (!ASCII_ONLY.test(full)) {
    const roll = r.next();
    if (roll < 0.45) return `${encodedWord(full, false)} <${address}>`;
    if (roll < 0.8) return `${encodedWord(full, true)} <${address}>`;
    if (roll < 0.9) return `"${last}, ${first}" <${address}>`; // raw UTF-8 (8-bit header)
    return `${full} <${address}>`;
  }
  const roll = r.next();
  if (full.includes("'")) return `"${full}" <${address}>`;
  if (roll < 0.5) return `${full} <${address}>`;
  if (roll < 0.68) return `"${last}, ${first}" <${address}>`;
  if (roll < 0.82) return `"${full}" <${address}>`;
  if (roll < 0.92) return address;
  return `<${address}>`;
}

export const asciiOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Łł]/g, 'l')
    .replace(/[Øø]/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/**
 * A first and last name not in `names` (namesakes are rare among one person's correspondents),
 * while there are enough; added to it.
 */
export function distinctName(r: Rng, names: Set<string>): [string, string] {
  let first = r.pick(FIRST);
  let last = r.pick(LAST);
  for (let tries = 0; names.has(`${first} ${last}`) && tries < 50; tries++) {
    first = r.pick(FIRST);
    last = r.pick(LAST);
  }
  names.add(`${first} ${last}`);
  return [first, last];
}

function makePeople(r: Rng, count: number): Person[] {
  const domains: string[] = [];
  for (let i = 0; i < 250; i++) domains.push(`${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_SUFFIX)}${r.pick(COMPANY_TLD)}`);
  const used = new Set<string>();
  const names = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const [first, last] = distinctName(r, names);
    const f = asciiOf(first);
    const l = asciiOf(last);
    const domain = r.chance(0.35)
      ? r.pick(FREE_MAIL)
      : (domains[Math.floor(r.next() ** 1.5 * domains.length)] ?? 'example.com');
    const style = r.int(0, 5);
    let local =
      style === 0
        ? `${f}.${l}`
        : style === 1
          ? `${f[0]}${l}`
          : style === 2
            ? f
            : style === 3
              ? `${f}_${l}`
              : style === 4
                ? `${f}${l}${r.int(1, 99)}`
                : `${l}.${f}`;
    let address = `${local}@${domain}`;
    for (let n = 2; used.has(address); n++) {
      local = `${f}.${l}${n}`;
      address = `${local}@${domain}`;
    }
    used.add(address);
    people.push({ address, field: mailboxField(r, first, last, address), first, zone: r.pick(ZONES), domain });
  }
  return people;
}

/** Cumulative Zipf weights (exponent s) over ranks, for drawing correspondents by binary search. */
export function zipfTable(n: number, s: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cumulative[i] = sum;
  }
  for (let i = 0; i < n; i++) cumulative[i] = (cumulative[i] ?? 0) / sum;
  return cumulative;
}

export function drawZipf(r: Rng, table: Float64Array): number {
  const x = r.next();
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table[mid] ?? 1) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// dates

const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 2822 in the zone given: `Mon, 3 Jan 2022 09:15:02 -0500 (EST)`, sometimes `… PST` alone. */
function rfcDate(r: Rng, t: number, zone: readonly [number, string]): string {
  const [offset, name] = zone;
  const d = new Date(t + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const numeric = `${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
  const day = r.chance(0.3) ? pad2(d.getUTCDate()) : String(d.getUTCDate());
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const roll = r.next();
  const tz = name && roll < 0.03 ? name : name && roll < 0.35 ? `${numeric} (${name})` : numeric;
  const weekday = roll > 0.97 ? '' : `${WEEKDAYS[d.getUTCDay()]}, `;
  return `${weekday}${day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${tz}`;
}

/** asctime in UTC, as in `From ` lines: `Mon Jan  3 14:15:02 2022`. */
function asctime(t: number): string {
  const d = new Date(t);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------
// bodies

export function sentence(r: Rng): string {
  const n = r.int(4, 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const text = words.join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}${r.chance(0.12) ? '?' : '.'}`;
}

/** Paragraphs of about `size` bytes, wrapped at 72 columns. */
function paragraphs(r: Rng, size: number, lines: string[]): void {
  let written = 0;
  while (written < size) {
    let line = '';
    const sentences = r.int(1, 4);
    for (let s = 0; s < sentences && (s === 0 || written + line.length < size); s++) {
      for (const word of sentence(r).split(' ')) {
        if (line.length + word.length + 1 > 72) {
          lines.push(line);
          written += line.length + 1;
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
    }
    if (r.chance(0.01)) {
      // a body line that starts with "From ": mboxrd writes it as ">From "
      lines.push(line);
      line = `From ${r.pick(WORDS)} ${r.pick(WORDS)} I remember, ${sentence(r).toLowerCase()}`;
    }
    lines.push(line, '');
    written += line.length + 2;
  }
}

function escapeFromLines(lines: string[]): string {
  for (let i = 0; i < lines.length; i++) if (/^>*From /.test(lines[i] ?? '')) lines[i] = `>${lines[i]}`;
  return lines.join('\n');
}

const htmlOf = (text: string) =>
  `<div dir="ltr">${text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n\n')
    .map((p) => `<div>${p.replace(/\n/g, ' ')}</div>`)
    .join('\n<div><br></div>\n')}</div>`;

function base64Lines(r: Rng, bytes: number): string {
  const buf = Buffer.allocUnsafe(bytes - (bytes % 4));
  for (let i = 0; i < buf.length; i += 4) buf.writeUInt32LE(r.u32(), i);
  const text = buf.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// the writer

/** Buffers text and writes it in about 1 MiB pieces, waiting when the stream asks to. */
export class Sink {
  private parts: string[] = [];
  private length = 0;
  bytes = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
  get full(): boolean {
    return this.length >= 1 << 20;
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.length = 0;
    this.bytes += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }
}

interface Thread {
  subject: string;
  /** correspondents in the thread (indices into people), the owner is implicit */
  people: number[];
  /** the last Message-IDs, oldest first (References keeps at most 10) */
  ids: string[];
  /** -1: the owner */
  lastFrom: number;
  lastAt: number;
}

interface ListThread {
  list: string;
  subject: string;
  ids: string[];
  lastAt: number;
}

const THREAD_POOL = 4_000;
const LIST_POOL = 300;

/** Writes the mbox to `path`, streaming, and returns what it holds. */
export async function writeMbox(path: string, opts: MboxOptions): Promise<MboxStats> {
  const r = seeded(opts.seed ^ 0x5eed_ba11);
  const people = makePeople(r, Math.max(1, opts.people));
  const zipf = zipfTable(people.length, 1.0);
  const owner = opts.owner.toLowerCase();
  const ownerDomain = owner.slice(owner.indexOf('@') + 1);
  const ownerFirst = (owner.split(/[@._]/)[0] ?? 'me').replace(/^./, (c) => c.toUpperCase());
  const ownerLast = (owner.split(/[@._]/)[1] ?? 'owner').replace(/^./, (c) => c.toUpperCase());
  const ownerField = `${ownerFirst} ${ownerLast} <${owner}>`;
  const stats: MboxStats = { bytes: 0, messages: 0, fromOwner: 0, replies: 0, automated: 0, lists: 0 };
  // the most recent threads, a ring: the newest is at (threadCount - 1) % THREAD_POOL
  const threads: Thread[] = [];
  let threadCount = 0;
  const listThreads: ListThread[] = [];
  let listNext = 0;

  const out = createWriteStream(path);
  const sink = new Sink(out);
  const step = MAIL_SPAN_MS / Math.max(1, opts.messages);
  const ownerZone = (t: number): readonly [number, string] => {
    const m = new Date(t).getUTCMonth();
    return m >= 2 && m <= 9 ? [-240, 'EDT'] : [-300, 'EST'];
  };
  const messageId = (i: number, domain: string) =>
    domain === 'gmail.com'
      ? `CA${i.toString(36).toUpperCase().padStart(6, '0')}${r.u32().toString(36)}+${r.u32().toString(36)}@mail.gmail.com`
      : `${r.u32().toString(16).padStart(8, '0')}.${i.toString(36)}.${r.u32().toString(16)}@${domain}`;
  const received = (t: number, fromDomain: string) => {
    const lines: string[] = [];
    // the owner's own mail went through one relay; others' through one to three
    const hops = fromDomain === ownerDomain || r.chance(0.5) ? 1 : r.chance(0.7) ? 2 : 3;
    for (let h = 0; h < hops; h++) {
      const host =
        h === hops - 1
          ? `mail-${r.pick(['wr', 'ej', 'pl', 'qt'])}${r.int(1, 99)}.${fromDomain}`
          : `smtp${h + 1}.${fromDomain}`;
      const by = h === 0 ? `mx${r.int(1, 4)}.${ownerDomain}` : `relay.${fromDomain}`;
      lines.push(
        `Received: from ${host} (${host} [${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}])\n\tby ${by} with ESMTPS id ${r.u32().toString(36)}${r.u32().toString(36)}\n\tfor <${owner}>; ${rfcDate(r, t - h * 1000, [0, 'GMT'])}`,
      );
    }
    return lines.join('\n');
  };
  const subjectOf = () => {
    const tail = r
      .pick(TOPIC_TAILS)
      .replace(
        '{co}',
        r.pick(COMPANY_WORDS).replace(/^./, (c) => c.toUpperCase()),
      )
      .replace('{month}', r.pick(MONTHS))
      .replace('{n}', String(r.int(1000, 99999)));
    return `${r.pick(TOPICS)}${tail}`;
  };
  const subjectField = (subject: string) =>
    ASCII_ONLY.test(subject) ? subject : r.chance(0.8) ? encodedWord(subject, r.chance(0.5)) : subject;
  const bodySize = () =>
    r.chance(0.0002) ? r.int(50_000, 500_000) : Math.min(20_000, Math.round(r.logNormal(120, 0.9)));

  /** Content-Type, Content-Transfer-Encoding and the body. */
  const mime = (text: string, size: number): [string, string] => {
    if (size >= 50_000) {
      const boundary = `----=_Part_${r.u32().toString(16)}_${r.u32().toString(16)}`;
      const name = r.pick(['report.pdf', 'slides.pdf', 'photo.jpg', 'contract.docx', 'data.xlsx']);
      return [
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        `This is a multi-part message in MIME format.\n\n--${boundary}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 7bit\n\n${text}\n\n--${boundary}\nContent-Type: application/octet-stream; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${base64Lines(r, Math.floor((size * 3) / 4))}\n\n--${boundary}--\n`,
      ];
    }
    if (r.chance(0.12)) {
      const boundary = `000000000000${r.u32().toString(16).padStart(8, '0')}${r.int(0, 4095).toString(16)}`;
      return [
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        `--${boundary}\nContent-Type: text/plain; charset="UTF-8"\n\n${text}\n\n--${boundary}\nContent-Type: text/html; charset="UTF-8"\n\n${htmlOf(text)}\n\n--${boundary}--\n`,
      ];
    }
    return [
      `Content-Type: text/plain; charset="${r.chance(0.8) ? 'UTF-8' : 'us-ascii'}"\nContent-Transfer-Encoding: 7bit`,
      text,
    ];
  };

  const write = async (m: {
    t: number;
    envelope: string;
    returnPath: string;
    fromDomain: string;
    zone: readonly [number, string];
    from: string;
    to: string[];
    cc: string[];
    subject: string;
    id: string;
    refs: string[];
    extra: string[];
    body: string;
    size: number;
  }) => {
    const h: string[] = [`From ${m.envelope} ${asctime(m.t)}`, `Return-Path: <${m.returnPath}>`];
    h.push(received(m.t, m.fromDomain));
    h.push(`Date: ${rfcDate(r, m.t, m.zone)}`, `From: ${m.from}`, `To: ${m.to.join(', ')}`);
    if (m.cc.length > 0) h.push(`Cc: ${m.cc.join(',\n ')}`);
    h.push(`Subject: ${subjectField(m.subject)}`, `Message-ID: <${m.id}>`);
    if (m.refs.length > 0) {
      h.push(`In-Reply-To: <${m.refs.at(-1)}>`);
      h.push(`References: ${m.refs.map((x) => `<${x}>`).join('\n ')}`);
    }
    h.push(...m.extra);
    const [contentType, body] = mime(m.body, m.size);
    h.push('MIME-Version: 1.0', contentType);
    sink.push(`${h.join('\n')}\n\n${body}\n\n`);
    stats.messages++;
    if (m.refs.length > 0) stats.replies++;
    if (sink.full) await sink.flush();
  };

  const bodyText = (r2: Rng, greet: string, sign: string, quoted: string | undefined, size: number) => {
    const lines: string[] = [r2.pick(GREETINGS).replace('{name}', greet), ''];
    paragraphs(r2, Math.min(size, 20_000), lines);
    lines.push(r2.pick(SIGNOFFS), sign);
    // replies quote what they answer, most of the time
    if (quoted && r2.chance(0.7)) {
      lines.push('', quoted);
      const q: string[] = [];
      paragraphs(r2, r2.int(40, 200), q);
      for (const l of q) lines.push(l ? `> ${l}` : '>');
    }
    return escapeFromLines(lines);
  };

  try {
    for (let i = 0; i < opts.messages; i++) {
      const t = Math.round(MAIL_START + (i + r.next()) * step);
      const roll = r.next();
      if (roll < 0.07) {
        // automated: notifications, receipts, bounces
        const [name, address] = r.pick(AUTOMATED);
        const domain = address.slice(address.indexOf('@') + 1);
        stats.automated++;
        await write({
          t,
          envelope: address,
          returnPath: address.startsWith('mailer-daemon') ? '' : `bounces+${r.u32().toString(36)}@${domain}`,
          fromDomain: domain,
          zone: [0, 'UTC'],
          from: `${name} <${address}>`,
          to: [owner],
          cc: [],
          subject: r.pick([
            `[GitHub] A new sign-in to your account`,
            `Your order #${r.int(100, 999)}-${r.int(1_000_000, 9_999_999)} has shipped`,
            'You have a new message',
            'Undelivered Mail Returned to Sender',
            `Reminder: meeting at ${r.int(9, 17)}:00`,
            'Security alert',
          ]),
          id: messageId(i, domain),
          refs: [],
          extra: [],
          body: escapeFromLines([
            `Hi ${ownerFirst},`,
            '',
            sentence(r),
            sentence(r),
            '',
            'This is an automated message.',
          ]),
          size: 300,
        });
        continue;
      }
      if (roll < 0.1) {
        // a newsletter: its List-Id names its sender's address
        const [name, address] = r.pick(NEWSLETTERS);
        const domain = address.slice(address.indexOf('@') + 1);
        stats.lists++;
        const size = Math.min(8_000, bodySize() * 2);
        const lines: string[] = [];
        paragraphs(r, size, lines);
        await write({
          t,
          envelope: `bounce-${r.u32().toString(36)}@mail.${domain}`,
          returnPath: `bounce-${r.u32().toString(36)}@mail.${domain}`,
          fromDomain: domain,
          zone: [0, 'UTC'],
          from: `"${name}" <${address}>`,
          to: [owner],
          cc: [],
          subject: `${name}: ${subjectOf()}`,
          id: messageId(i, `mail.${domain}`),
          refs: [],
          extra: [
            `List-Id: ${name} <${address.replace('@', '.')}>`,
            `List-Unsubscribe: <https://${domain}/unsubscribe?u=${r.u32().toString(36)}>, <mailto:unsubscribe@${domain}>`,
            'Precedence: bulk',
          ],
          body: escapeFromLines(lines),
          size,
        });
        continue;
      }
      if (roll < 0.13) {
        // a mailing-list discussion, sent to the list (the owner reads it as a member)
        const sender = people[drawZipf(r, zipf)] as Person;
        let thread: ListThread | undefined;
        if (listThreads.length > 0 && r.chance(0.5))
          thread = listThreads[Math.floor(r.next() * listThreads.length)] as ListThread;
        const list = thread?.list ?? r.pick(LISTS);
        const listDomain = list.slice(list.indexOf('@') + 1);
        const id = messageId(i, sender.domain);
        const subject = thread ? `Re: ${thread.subject}` : `[${list.slice(0, list.indexOf('@'))}] ${subjectOf()}`;
        const size = bodySize();
        stats.lists++;
        await write({
          t: thread ? Math.max(t, thread.lastAt + 60_000) : t,
          envelope: `${list.replace('@', '-bounces@')}`,
          returnPath: list.replace('@', '-bounces@'),
          fromDomain: listDomain,
          zone: sender.zone,
          from: sender.field,
          to: [list],
          cc: [],
          subject,
          id,
          refs: thread ? thread.ids.slice(-10) : [],
          extra: [
            `List-Id: <${list.replace('@', '.')}>`,
            `List-Post: <mailto:${list}>`,
            `List-Unsubscribe: <mailto:${list.replace('@', '-leave@')}>`,
          ],
          body: bodyText(r, 'all', sender.first, thread ? 'Someone wrote:' : undefined, size),
          size,
        });
        if (thread) {
          thread.ids.push(id);
          if (thread.ids.length > 10) thread.ids.shift();
          thread.lastAt = Math.max(t, thread.lastAt + 60_000);
        } else {
          const fresh = { list, subject, ids: [id], lastAt: t };
          if (listThreads.length < LIST_POOL) listThreads.push(fresh);
          else listThreads[listNext++ % LIST_POOL] = fresh;
        }
        continue;
      }

      // person to person: a reply on a recent thread, or a new thread
      const size = bodySize();
      if (threads.length > 0 && r.chance(0.45)) {
        // recent threads are the likeliest to be answered
        const back = Math.floor(threads.length * r.next() ** 3);
        const thread = threads[(threadCount - 1 - back) % THREAD_POOL] as Thread;
        const last = thread.lastFrom;
        // the owner answers people; people answer the owner, or each other, or write again
        let from: number;
        if (last !== -1 && r.chance(0.6)) from = -1;
        else {
          const others = thread.people.filter((p) => p !== last);
          from = others.length > 0 && r.chance(0.8) ? (others[0] as number) : r.pick(thread.people);
        }
        const toward = last !== from ? last : from === -1 ? (thread.people[0] as number) : -1;
        const ccOf = [-1, ...thread.people].filter((p) => p !== from && p !== toward);
        const fieldOf = (p: number) => (p === -1 ? ownerField : (people[p] as Person).field);
        const sender = from === -1 ? undefined : (people[from] as Person);
        const at = Math.max(t, thread.lastAt + r.int(60_000, 3_600_000));
        const id = messageId(i, sender?.domain ?? ownerDomain);
        const prefix = r.chance(0.85) ? 'Re: ' : r.chance(0.7) ? 'RE: ' : 'AW: ';
        const firstOf = (p: number) => (p === -1 ? ownerFirst : (people[p] as Person).first);
        if (from === -1) stats.fromOwner++;
        await write({
          t: at,
          envelope: sender?.address ?? owner,
          returnPath: sender?.address ?? owner,
          fromDomain: sender?.domain ?? ownerDomain,
          zone: sender?.zone ?? ownerZone(at),
          from: fieldOf(from),
          to: [fieldOf(toward)],
          cc: ccOf.map(fieldOf),
          subject: `${prefix}${thread.subject}`,
          id,
          refs: thread.ids,
          extra: r.chance(0.3) ? [r.pick(MAILERS)] : [],
          body: bodyText(
            r,
            firstOf(toward),
            firstOf(from),
            `On ${rfcDate(r, thread.lastAt, [0, 'GMT'])}, ${last === -1 ? `${ownerFirst} ${ownerLast}` : firstOf(last)} wrote:`,
            size,
          ),
          size,
        });
        thread.ids = [...thread.ids.slice(-9), id];
        thread.lastFrom = from;
        thread.lastAt = at;
        continue;
      }

      // a new thread: the owner writes, or someone writes to the owner
      const main = drawZipf(r, zipf);
      const participants = [main];
      const extraTo = r.chance(0.25) ? (r.chance(0.3) ? 2 : 1) : 0;
      const ccCount = r.chance(0.015) ? r.int(12, 25) : r.chance(0.3) ? r.int(1, 5) : 0;
      for (let k = 0; k < extraTo + ccCount; k++) {
        const p = drawZipf(r, zipf);
        if (!participants.includes(p)) participants.push(p);
      }
      const toPeople = participants.slice(0, 1 + extraTo);
      const ccPeople = participants.slice(1 + extraTo);
      const fromOwner = r.chance(0.35);
      const sender = fromOwner ? undefined : (people[main] as Person);
      const forward = r.chance(0.05);
      const subject = `${forward ? 'Fwd: ' : ''}${subjectOf()}`;
      const id = messageId(i, sender?.domain ?? ownerDomain);
      const field = (p: number) => (people[p] as Person).field;
      let to: string[];
      let cc: string[];
      if (fromOwner) {
        to = toPeople.map(field);
        cc = ccPeople.map(field);
      } else if (r.chance(0.1) && toPeople.length > 1) {
        to = toPeople.slice(1).map(field);
        cc = [ownerField, ...ccPeople.map(field)];
      } else {
        to = [ownerField, ...toPeople.slice(1).map(field)];
        cc = ccPeople.map(field);
      }
      if (fromOwner) stats.fromOwner++;
      const text = bodyText(
        r,
        fromOwner ? (people[main] as Person).first : ownerFirst,
        sender?.first ?? ownerFirst,
        forward ? '---------- Forwarded message ---------' : undefined,
        size,
      );
      await write({
        t,
        envelope: sender?.address ?? owner,
        returnPath: sender?.address ?? owner,
        fromDomain: sender?.domain ?? ownerDomain,
        zone: sender?.zone ?? ownerZone(t),
        from: sender?.field ?? ownerField,
        to,
        cc,
        subject,
        id,
        refs: [],
        extra: r.chance(0.3) ? [r.pick(MAILERS)] : [],
        body: text,
        size,
      });
      const thread: Thread = {
        subject: subject.replace(/^Fwd: /, ''),
        people: participants.slice(0, 6),
        ids: [id],
        lastFrom: fromOwner ? -1 : main,
        lastAt: t,
      };
      if (threads.length < THREAD_POOL) threads.push(thread);
      else threads[threadCount % THREAD_POOL] = thread;
      threadCount++;
    }
    await sink.flush();
  } finally {
    out.end();
    await finished(out);
  }
  stats.bytes = sink.bytes;
  return stats;
}
