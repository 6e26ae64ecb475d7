import { isCjkName, isEmail, isRoleAddress, mailboxKey, nameKey, normalizeEmail } from './person.js';

/**
 * How people from different sources are recognised as the same person: by email, then by
 * profile URL, then by name only when nothing they say contradicts it. Pure rules; the app
 * looks the candidates up.
 */

/**
 * The host prefixes under which LinkedIn serves the same profiles: www., a country (uk., de.)
 * and its mobile sites (m., mobile., touch.), in any run.
 */
export const LINKEDIN_HOST_PREFIX = /^(?:(?:www|m|mobile|touch|[a-z]{2})\.)+(?=linkedin\.com$)/;

/**
 * A profile URL in one canonical form, so that `http://linkedin.com/in/Jane-Doe/?trk=x` and
 * `https://www.linkedin.com/in/jane-doe` are the same. LinkedIn profile paths (`/in/slug`,
 * `/pub/…`) keep only the path, lower-cased and percent-decoded; other URLs drop the query,
 * fragment and trailing slash. Not a URL at all: undefined.
 */
export function normalizeProfileUrl(raw: string | null | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  // www., a country subdomain (uk.linkedin.com) and the mobile site's (m.linkedin.com) name the
  // same profile; a trailing dot (an absolute name) too. What is left must still be a name with a dot in it.
  const host = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(www\.)+/, '')
    .replace(LINKEDIN_HOST_PREFIX, '');
  if (!/^[^.]+(\.[^.]+)+$/.test(host)) return undefined;
  let path = url.pathname;
  try {
    // decoded only when the result reads back as the same path: an escaped control character,
    // any space (U+2000 too, which trimming drops), ?, # or % stays escaped (a URL parser would
    // drop or reinterpret it)
    const decoded = decodeURIComponent(path);
    if (!/[\s\p{Cc}?#%\\]/u.test(decoded)) path = decoded;
  } catch {
    // a malformed escape stays as written
  }
  path = path.replace(/\/+$/, '');
  if (host === 'linkedin.com') {
    // a profile's sub-pages (/details/experience, /recent-activity, /overlay/…, a language) and
    // the lightweight mobile site's /mwlite/in/ name the profile itself
    const profile = /^(?:\/mwlite)?(\/in\/[^/]+)(?:\/.*)?$/i.exec(path);
    return `https://www.linkedin.com${(profile?.[1] ?? path).toLowerCase()}`;
  }
  return `https://${host}${path}`;
}

/**
 * Whether a URL is a LinkedIn member's profile (/in/, and the older /pub/ and /profile/), not the
 * page of a company, a school, a group or a post, which many people of an address book may list.
 */
export function isLinkedinProfile(raw: string | null | undefined): boolean {
  const url = normalizeProfileUrl(raw);
  return url !== undefined && /^https:\/\/www\.linkedin\.com\/(?:in|pub|profile)\/[^/]/.test(url);
}

/** What is known about someone, from a record or from the store, for comparing two descriptions. */
export interface IdentityFacts {
  readonly name?: string | null | undefined;
  readonly emails: readonly string[];
  readonly profileUrl?: string | null | undefined;
  readonly phones?: readonly string[] | undefined;
  readonly org?: string | null | undefined;
  /** `YYYY-MM-DD`, or `--MM-DD` without a year */
  readonly birthday?: string | null | undefined;
}

/**
 * Why two descriptions with the same name may still be different people: both have emails and
 * none in common, both have profile URLs that differ, both have phones and none in common, or
 * both name an organisation and they are not one (sameOrganisation), or both have birthdays that
 * differ. Empty: nothing contradicts the name match.
 */
export function identityConflicts(a: IdentityFacts, b: IdentityFacts): string[] {
  const reasons: string[] = [];
  // compared by the mailbox they reach: rob.brown@gmail.com and robbrown@googlemail.com are one
  const emailsA = new Set(a.emails.map((e) => mailboxKey(normalizeEmail(e))));
  const emailsB = b.emails.map(normalizeEmail);
  if (emailsA.size > 0 && emailsB.length > 0 && !emailsB.some((e) => emailsA.has(mailboxKey(e))))
    reasons.push(`different emails (${normalizeEmail(a.emails[0] ?? '')} and ${emailsB[0]})`);
  const urlA = normalizeProfileUrl(a.profileUrl);
  const urlB = normalizeProfileUrl(b.profileUrl);
  if (urlA && urlB && urlA !== urlB) reasons.push(`different profiles (${urlA} and ${urlB})`);
  const phonesA = new Set((a.phones ?? []).map(phoneKey).filter(Boolean));
  const phonesB = (b.phones ?? []).map(phoneKey).filter(Boolean);
  if (phonesA.size > 0 && phonesB.length > 0 && !phonesB.some((p) => phonesA.has(p)))
    reasons.push('different phone numbers');
  if (a.org && b.org && orgWords(a.org).length > 0 && orgWords(b.org).length > 0 && !sameOrganisation(a.org, b.org))
    reasons.push(`different organisations (${a.org.trim()} and ${b.org.trim()})`);
  // one side known only by its work address, the other by an organisation that is not the one
  // the address is at (mail from carol@umbrella.example, a LinkedIn connection at Initech)
  const atWork = orgOfAddressConflict(a, b) ?? orgOfAddressConflict(b, a);
  if (atWork) reasons.push(atWork);
  if (differentBirthdays(a.birthday, b.birthday))
    reasons.push(`different birthdays (${a.birthday?.trim()} and ${b.birthday?.trim()})`);
  return reasons;
}

/**
 * When `a` names no organisation and every address of it is at an organisation's domain, while
 * `b` gives no address and names an organisation none of those domains is: why they differ.
 */
function orgOfAddressConflict(a: IdentityFacts, b: IdentityFacts): string | undefined {
  if (a.org?.trim() || !b.org || b.emails.length > 0 || a.emails.length === 0) return undefined;
  const words = orgWords(b.org);
  if (words.length === 0) return undefined;
  const domains = a.emails.map((e) => {
    const email = normalizeEmail(e);
    return email.slice(email.lastIndexOf('@') + 1);
  });
  if (domains.some((d) => organisationLabels(d).length === 0 || domainOfOrganisation(d, words))) return undefined;
  return `an organisation (${b.org.trim()}) other than the one their address is at (${domains[0]})`;
}

/** Whether one of the addresses is at a domain that spells the organisation (see domainOfOrganisation). */
export function addressAtOrganisation(emails: readonly string[], org: string): boolean {
  const words = orgWords(org);
  if (words.length === 0) return false;
  return emails.some((e) => {
    const email = normalizeEmail(e);
    return domainOfOrganisation(email.slice(email.lastIndexOf('@') + 1), words);
  });
}

/**
 * The labels of a domain that may name an organisation: without its top-level domain and a
 * country's second level (co.uk, com.au), and none for a mail service anyone can sign up to
 * (gmail.com, yahoo.co.uk, a provider's own mail).
 */
function organisationLabels(domain: string): string[] {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return [];
  labels.pop();
  const last = labels.at(-1) ?? '';
  if (labels.length >= 2 && COUNTRY_SECOND_LEVEL.has(last)) labels.pop();
  // the registered name decides (mail.umbrella.com is Umbrella's, live.com anyone's)
  if (PUBLIC_MAIL_LABELS.has(labels.at(-1) ?? '')) return [];
  return labels;
}

/**
 * Whether a label of the domain spells the organisation: its words, some of them run together,
 * the name and more (acmecorp for Acme), or their initials (bcg for Boston Consulting Group).
 */
function domainOfOrganisation(domain: string, words: readonly string[]): boolean {
  // with and without the small words and a possessive's s (mit: Massachusetts Institute of
  // Technology, kcl: King's College London, boa: Bank of America)
  const main = words.filter((w, i) => !SMALL_WORDS.has(w) && !(w === 's' && i > 0));
  const initials = new Set([words, main].filter((ws) => ws.length >= 2).map((ws) => ws.map((w) => w[0]).join('')));
  const whole = words.join('');
  return organisationLabels(domain).some((label) => {
    const parts = label.split('-').filter(Boolean);
    const joined = parts.join('');
    return (
      joined.length >= 2 &&
      (wordsWithin(joined, words) ||
        wordsWithin(whole, parts) ||
        (whole.length >= 4 && joined.startsWith(whole)) ||
        initials.has(joined))
    );
  });
}

const SMALL_WORDS = new Set([
  'of',
  'the',
  'and',
  'for',
  'at',
  'de',
  'du',
  'des',
  'la',
  'le',
  'der',
  'und',
  'y',
  'e',
  'di',
]);

const COUNTRY_SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'gv']);

/** Mail services and internet providers whose addresses belong to no organisation of their holder. */
const PUBLIC_MAIL_LABELS = new Set([
  'gmail',
  'googlemail',
  'outlook',
  'hotmail',
  'live',
  'msn',
  'yahoo',
  'ymail',
  'rocketmail',
  'icloud',
  'me',
  'mac',
  'aol',
  'proton',
  'protonmail',
  'pm',
  'tutanota',
  'gmx',
  'web',
  'fastmail',
  'yandex',
  'mail',
  'qq',
  '163',
  '126',
  'naver',
  'hanmail',
  'zoho',
  'posteo',
  'mailbox',
  'hey',
  'comcast',
  'verizon',
  'att',
  'sbcglobal',
  'bellsouth',
  'btinternet',
  'sky',
  'virginmedia',
  'orange',
  'free',
  'wanadoo',
  'laposte',
  'sfr',
  't-online',
  'freenet',
  'libero',
  'virgilio',
  'seznam',
  'wp',
  'o2',
  'interia',
  'rediffmail',
  'shaw',
  'rogers',
  'sympatico',
  'bigpond',
  'optusnet',
  'xtra',
  'cox',
  'earthlink',
  'charter',
  'ntlworld',
  'aim',
  'bluewin',
  'uol',
  'bol',
  'terra',
  'foxmail',
  'sina',
  'sohu',
  'rambler',
  'inbox',
  'bk',
  'ukr',
  'telenet',
  'skynet',
  'ziggo',
  'kpnmail',
  'planet',
  'xs4all',
  'hetnet',
  'tiscali',
  'talktalk',
  'btopenworld',
  'blueyonder',
  'tesco',
  'eircom',
  'arcor',
  'vodafone',
  'chello',
  'aon',
  'sunrise',
  'hispeed',
  'telia',
  'tele2',
  'bredband',
  'alice',
  'aliceadsl',
  'neuf',
  'numericable',
  'fastwebnet',
  'tin',
  'ono',
  'telefonica',
  'sapo',
  'netcabo',
  'otenet',
  'walla',
  'netvision',
  'videotron',
  'cogeco',
  'telus',
  'iinet',
  'tpg',
  'internode',
  'westnet',
  'netzero',
  'juno',
  'optonline',
  'frontier',
  'windstream',
  'roadrunner',
  'rr',
  'twc',
  'prodigy',
  'pacbell',
  'swbell',
  'ameritech',
  'email',
  'daum',
  'nate',
  'rediff',
  'sify',
  'abv',
  'centrum',
  'seznam',
  'azet',
  'onet',
  'op',
  'citromail',
  'freemail',
]);

/** The phones of both lists, each number once (compared as phoneKey does), in the first spelling met. */
export function unionPhones(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const phone of [...a, ...b]) {
    const key = phoneKey(phone) || phone.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phone);
  }
  return out;
}

/** Whether two phone lists share a number (compared loosely, as phoneKey does). */
export function sharePhone(a: readonly string[], b: readonly string[]): boolean {
  const keys = new Set(a.map(phoneKey).filter(Boolean));
  return b.some((p) => keys.has(phoneKey(p)));
}

/**
 * Two organisation names for one organisation, compared loosely (orgWords): "Acme, Inc." and
 * "ACME", "I.B.M." and "IBM", and one name whose words are words of the other ("Acme" and "Acme
 * Robotics", "J.P. Morgan" and "JPMorgan Chase"); not a name inside another word ("Ford" and
 * "Stanford University").
 */
export function sameOrganisation(a: string, b: string): boolean {
  const x = comparedOrgWords(a);
  const y = comparedOrgWords(b);
  if (x.length === 0 || y.length === 0) return false;
  return wordsWithin(x.join(''), y) || wordsWithin(y.join(''), x);
}

/** Whether some run of consecutive words, joined, spells `joined`. */
function wordsWithin(joined: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let j = i; j < words.length && run.length < joined.length; j++) {
      run += words[j];
      if (run === joined) return true;
    }
  }
  return false;
}

/** Whether two organisation names are written alike, but for case, punctuation and a legal form ("Acme, Inc." and "ACME"). */
export function sameOrganisationName(a: string, b: string): boolean {
  return comparedOrgWords(a).join(' ') === comparedOrgWords(b).join(' ');
}

/** An organisation's name for comparing loosely: lower-case words of letters and digits, without the legal form. */
function orgWords(org: string): string[] {
  return lettersAndDigits(
    org
      .toLowerCase()
      .replace(/\b(inc|ltd|llc|llp|plc|gmbh|ag|sa|sas|bv|corp|corporation|co|company|limited)\b\.?/g, ''),
  );
}

/**
 * The words two organisation names are compared by (orgWords), the legal form kept when the name
 * is nothing else ("Company", "GmbH"): such a name is the same as itself, and not another's.
 */
function comparedOrgWords(org: string): string[] {
  const found = orgWords(org);
  return found.length > 0 ? found : lettersAndDigits(org.toLowerCase());
}

/** The words of letters and digits in a text. */
function lettersAndDigits(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Two birthdays that cannot be one person's: different days of the year, or different years when
 * both have one (1604 is the year Apple writes for none).
 */
function differentBirthdays(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = birthdayParts(a);
  const y = birthdayParts(b);
  if (!x || !y) return false;
  return x.day !== y.day || (x.year !== undefined && y.year !== undefined && x.year !== y.year);
}

function birthdayParts(text: string | null | undefined): { year?: string; day: string } | undefined {
  const m = /^(\d{4}|-)-?(\d{2})-?(\d{2})$/.exec((text ?? '').trim());
  if (!m) return undefined;
  const year = m[1] === '-' || m[1] === '1604' ? undefined : m[1];
  return year === undefined ? { day: `${m[2]}-${m[3]}` } : { year, day: `${m[2]}-${m[3]}` };
}

/**
 * For comparing phone numbers loosely: the number's last nine digits (without a leading 00 or
 * country code), and its extension apart ("+1 418 656 9254 ext. 102", "… x102", "…;ext=102"),
 * so that two extensions of one line are two numbers and a number with one is not the line's.
 */
export function phoneKey(phone: string): string {
  const ext = PHONE_EXTENSION.exec(phone);
  const main = ext ? phone.slice(0, ext.index) : phone;
  const digits = main.replace(/\D+/g, '').replace(/^00/, '');
  if (digits.length < 6) return '';
  return ext ? `${digits.slice(-9)}x${ext[1]}` : digits.slice(-9);
}

/** An extension at the end of a phone number: "ext. 102", "ext 102", "extension 102", "x102", ";ext=102". */
const PHONE_EXTENSION = /(?:;\s*ext=|[\s,]*\b(?:ext\.?|extension)\s*|\s*x\s*)(\d+)\s*$/i;

/**
 * A name good enough to use as a match key: two words or more, or one word with letters only
 * from a source that gives a single name. Single first names ("Anna") match too many people.
 */
export function nameIsDistinctive(name: string | null | undefined): boolean {
  const key = nameKey(name ?? '');
  return key.split(' ').filter((w) => w.length > 1).length >= 2 && !key.includes('@');
}

/**
 * A display name for someone known only by an address or a profile: "jane.doe@x.com" → "Jane
 * Doe". A +tag is no part of it (john+news@ is John); a hyphen joins a name beside a dot or an
 * underscore (mary-jane.watson@ is Mary-Jane Watson) and parts a name without one (jane-doe@);
 * a letter after an O' or D' is a capital (sean.o'brien@ is Sean O'Brien).
 */
export function nameFromAddress(email: string): string {
  const whole = email.split('@')[0] ?? email;
  const local = whole.split('+')[0] || whole;
  const words = local.split(/[._]/.test(local) ? /[._+]+/ : /[._+-]+/).filter((w) => w && !/^[\d-]+$/.test(w));
  if (words.length === 0) return email;
  const name = capitalised(words);
  // a shared mailbox is named after its organisation too: "Acme Support", not "Support"
  if (!isRoleAddress(email)) return name;
  const domain = (email.split('@')[1] ?? '').split('.');
  // the name before the public suffix: acme.com, globex.co.uk
  const second = domain.length > 2 && /^(?:co|com|org|net|ac|gov|edu|ltd|plc)$/.test(domain.at(-2) ?? '');
  const org = domain.length > 1 ? domain.at(second ? -3 : -2) : undefined;
  return org ? `${capitalised([org])} ${name}` : name;
}

function capitalised(words: readonly string[]): string {
  return words
    .map((w) =>
      w
        .replace(/^-+|-+$/g, '')
        .split('-')
        .map((part) =>
          (part.charAt(0).toUpperCase() + part.slice(1)).replace(/^([OD]')(\p{L})/u, (_, a, b) => a + b.toUpperCase()),
        )
        .join('-'),
    )
    .join(' ');
}

/**
 * The name to keep when a source names a person already stored: `offered` when it is better than
 * `stored`, else undefined. Better means the same name written with more of its accents ("Zoe
 * Angstrom" → "Zoë Ångström"; a Chinese, Japanese or Korean name without a space, "雷 李" → "李雷"), or, when the stored name was only made from the person's address or
 * profile URL (`made`: "Jsmith" from jsmith@acme.com), any real name with as many words ("John
 * Smith"; "J Smith" from j.smith@… does not give way to "John"), or, when `completable` (a name an
 * import gave, offered by a contact record), the same name written out more fully ("Kim" → "Kim
 * Lee", "J. Smith" → "John Smith": see completesName). Otherwise a name someone gave is never
 * replaced by another.
 */
export function betterName(
  stored: string,
  offered: string | undefined,
  made: boolean,
  completable = false,
  /** the stored name is a message's display name and `offered` a contact record's: the record's stands */
  displayed = false,
): string | undefined {
  const name = offered?.trim();
  if (!name || name === stored || name.includes('@') || !/\p{L}/u.test(name)) return undefined;
  if (nameKey(name) === nameKey(stored)) {
    // a Chinese, Japanese or Korean name written as its people write it (李雷, family name first,
    // no space) rather than in the Western order an earlier file gave ("雷 李")
    if (isCjkName(name) && !/\s/.test(name) && /\s/.test(stored)) return name;
    return accentCount(name) > accentCount(stored) ? name : undefined;
  }
  // a name made of a phone number: any name is better
  if (made && !/\p{L}/u.test(stored)) return name;
  if (made || displayed) return displayed || wordCount(name) >= wordCount(stored) ? name : undefined;
  return completable && completesName(stored, name) ? name : undefined;
}

/**
 * Whether `fuller` writes out `name` more fully: each word of `name`, in order, is a word of
 * `fuller` or the initial of one, and `fuller` says more (more words, or a word where `name` has an
 * initial): "Kim" → "Kim Lee" or "Kim A. Lee", "Lee" → "Kim Lee", "J. Smith" → "John Smith". Names
 * of organisations, and words in another order ("Smith, John"), are not completions.
 */
export function completesName(name: string, fuller: string): boolean {
  const short = nameKey(name).split(' ').filter(Boolean);
  const long = nameKey(fuller).split(' ').filter(Boolean);
  if (short.length === 0 || long.length < short.length || isCompanyName(name) || isCompanyName(fuller)) return false;
  let i = 0;
  let initials = 0;
  for (const word of long) {
    const want = short[i];
    if (want === undefined) break;
    if (word === want) i++;
    else if (want.length === 1 && word.length > 1 && word.startsWith(want) && /\p{L}/u.test(want)) {
      i++;
      initials++;
    }
  }
  return i === short.length && (long.length > short.length || initials > 0);
}

/**
 * Whether two different names may name one person: one writes the other out more fully ("Z. Quinn",
 * "Zoe Quinn"; see completesName), or they differ only in a given name and its short form ("Bob
 * Brown", "Robert Brown"). Not enough to merge on; enough, beside a phone in common, to ask.
 */
export function mayBeOneName(a: string, b: string): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb || ka === '' || kb === '') return false;
  if (completesName(a, b) || completesName(b, a)) return true;
  const wa = ka.split(' ');
  const wb = kb.split(' ');
  return (
    wa.length > 1 &&
    wa.length === wb.length &&
    wa.every((w, i) => (i === 0 ? givenKey(w) === givenKey(wb[0] as string) : w === wb[i]))
  );
}

/** Short forms of given names that stand for the long one ("Bob Smith" is Robert Smith). */
const NICKNAMES: Readonly<Record<string, string>> = {
  bob: 'robert',
  rob: 'robert',
  bobby: 'robert',
  bill: 'william',
  will: 'william',
  liam: 'william',
  jim: 'james',
  jimmy: 'james',
  mike: 'michael',
  mick: 'michael',
  liz: 'elizabeth',
  beth: 'elizabeth',
  betty: 'elizabeth',
  kate: 'katherine',
  kathy: 'katherine',
  katie: 'katherine',
  // one name, spelt with a C or a K, and its short forms
  catherine: 'katherine',
  kathryn: 'katherine',
  katharine: 'katherine',
  cathy: 'katherine',
  cath: 'katherine',
  kat: 'katherine',
  steven: 'stephen',
  stevie: 'stephen',
  jeff: 'jeffrey',
  tim: 'timothy',
  tom: 'thomas',
  dick: 'richard',
  rick: 'richard',
  peggy: 'margaret',
  maggie: 'margaret',
  meg: 'margaret',
  dave: 'david',
  steve: 'stephen',
  chris: 'christopher',
  tony: 'anthony',
  ted: 'edward',
  ned: 'edward',
  ed: 'edward',
  jack: 'john',
  johnny: 'john',
  jon: 'jonathan',
  sam: 'samuel',
  ben: 'benjamin',
  dan: 'daniel',
  danny: 'daniel',
  matt: 'matthew',
  nick: 'nicholas',
  pat: 'patricia',
  patty: 'patricia',
  sue: 'susan',
  susie: 'susan',
  jen: 'jennifer',
  jenny: 'jennifer',
  alex: 'alexander',
  andy: 'andrew',
  drew: 'andrew',
  greg: 'gregory',
  joe: 'joseph',
  joey: 'joseph',
  larry: 'lawrence',
  ron: 'ronald',
  don: 'donald',
  ken: 'kenneth',
  chuck: 'charles',
  charlie: 'charles',
  fred: 'frederick',
  hank: 'henry',
  harry: 'henry',
  abby: 'abigail',
  becky: 'rebecca',
  vicky: 'victoria',
  debbie: 'deborah',
};

function givenKey(word: string): string {
  return NICKNAMES[word] ?? word;
}

/**
 * Whether two names a contact record and a stored person give for one email must be two people
 * sharing an address (a family's, a team's): both name someone with two words or more, and their
 * given names differ (not one the initial, the short form or the start of the other: "B.",
 * "Bob", "Rob" for Robert). "Alice Shared" and "Bob Shared" conflict; "Mary Jones" and "Mary
 * Smith" (a new family name) do not, nor "Smith, Robert" and "Robert Smith".
 */
export function namesConflict(a: string, b: string): boolean {
  if (isCompanyName(a) || isCompanyName(b)) return false;
  const wa = nameKey(a).split(' ');
  const wb = nameKey(b).split(' ');
  if (wa.length < 2 || wb.length < 2) return false;
  const ga = givenKey(wa[0] as string);
  const gb = givenKey(wb[0] as string);
  if (ga === gb || ga.startsWith(gb) || gb.startsWith(ga)) return false;
  // the given names differ: the same person only when the words of one are all in the other
  // ("Smith, Robert"; "Dr. Anna Maria Müller" and "Anna Müller")
  const setA = new Set(wa);
  const setB = new Set(wb);
  return !wb.every((w) => setA.has(w)) && !wa.every((w) => setB.has(w));
}

function accentCount(name: string): number {
  return name.normalize('NFD').match(/\p{M}/gu)?.length ?? 0;
}

function wordCount(name: string): number {
  return name.split(/\s+/).filter(Boolean).length;
}

/** "https://www.linkedin.com/in/jane-doe-123abc" → "Jane Doe". */
export function nameFromProfileUrl(url: string): string | undefined {
  const slug = /\/in\/([^/?#]+)/.exec(url)?.[1];
  if (!slug) return undefined;
  const words = slug
    .split('-')
    .filter((w) => w && !/\d/.test(w))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return words.length > 0 ? words.join(' ') : undefined;
}

/** What follows a name after a comma without being a first name: Jr., III, PhD… */
/** A part after a comma that belongs to the name before it: "Dave, Jr.", "Ann Lee, PhD". */
export const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|v|phd|ph\.d|md|m\.d|esq|mba|cpa|dds|rn|pe|pmp|cfa)\.?$/i;

/** Display names that name no one: a mail program's placeholder ("e-mail <.tom@enron.com>"). */
const PLACEHOLDER_NAME = /^(?:e-?mail|mail|e-?mail address|address|recipient|unknown|undisclosed[- ]recipients?)$/i;

/** The legal form that ends a firm's name: "Inc.", "Ltd", "GmbH", "S.A.", "SARL", … */
const LEGAL_FORMS =
  /^(?:inc|incorporated|ltd|limited|llc|llp|plc|corp|corporation|company|gmbh|sarl|srl|spa|pty|s\.a|s\.r\.l|s\.p\.a|b\.v|n\.v|a\/s|s\.l)\.?$/i;
/** The short ones only as firms write them ("Volvo AB", "Acme & Co."): people's names hold "Sa" or "As" too. */
const SHORT_LEGAL_FORMS = /^(?:AG|KG|SA|SAS|AB|AS|ASA|OY|OYJ|BV|NV|KK|SL|CO|Co)\.?$/;

function isLegalForm(word: string): boolean {
  return LEGAL_FORMS.test(word) || SHORT_LEGAL_FORMS.test(word);
}

/** Whether a name ends with a firm's legal form ("Acme Inc.", "Acme, Inc.", "Dupré & Fils SARL"). */
export function isCompanyName(name: string): boolean {
  const words = name
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  return words.length > 1 && isLegalForm(words.at(-1) ?? '');
}

/** Words that begin a family name: "van der Berg", "de la Cruz", "von Trapp", "bin Salman". */
const FAMILY_PARTICLES = new Set([
  'van',
  'von',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'le',
  'la',
  'ten',
  'ter',
  'bin',
  'binti',
  'al',
  'el',
]);

/**
 * A full name in the parts of a vCard's N (family, given, suffix) when only the full name is
 * known: the family name from the first particle on ("Jan van der Berg"), else the last word; a
 * suffix ("Jr.", "III") apart. A guess: "Ana García López" gives López, as any address book would.
 */
export function nameParts(name: string): { family: string; given: string; suffix: string } {
  // a firm's name ("Acme, Inc.", "Dupré & Fils SARL") or one written with a comma is not split
  if (name.includes(',') || isCompanyName(name)) return { family: '', given: name.trim(), suffix: '' };
  const words = name.trim().split(/\s+/).filter(Boolean);
  const suffix = words.length > 1 && NAME_SUFFIX.test(words.at(-1) ?? '') ? (words.pop() as string) : '';
  if (words.length < 2) return { family: '', given: words.join(' '), suffix };
  const particle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && FAMILY_PARTICLES.has(w.toLowerCase()));
  const at = particle > 0 ? particle : words.length - 1;
  return { family: words.slice(at).join(' '), given: words.slice(0, at).join(' '), suffix };
}

/**
 * A name without the quotes around it: pairs that enclose it all, then a quote left at either end
 * that nothing inside closes ('"Doe, Jane', "O'Neil, Carol \"CJ\"" keeps the nickname's quotes).
 */
function unquoted(raw: string): string {
  let name = raw.trim();
  for (let m = /^(["'])(.*)\1$/s.exec(name); m; m = /^(["'])(.*)\1$/s.exec(name)) name = (m[2] as string).trim();
  const count = (q: string) => name.split(q).length - 1;
  for (const q of ['"', "'"]) {
    if (name.startsWith(q) && count(q) % 2 === 1) name = name.slice(1).trim();
    if (name.endsWith(q) && count(q) % 2 === 1) name = name.slice(0, -1).trim();
  }
  return name;
}

/** How a name is read (cleanDisplayName). */
export interface NameReading {
  /**
   * The name is the one its source shows (a vCard's FN beside its structured N), or was put
   * together from name parts or taken from the organisation: a comma in it stays where it is.
   */
  readonly asWritten?: boolean;
  /**
   * The name is from the user's own address book (a vCard, a Google contact), not a display name
   * in a message or meeting: kept whole, a note in brackets or an "@" included ("Jane Doe (née
   * Smith)", "Mike @ Acme"); only an email address is no name.
   */
  readonly addressBook?: boolean;
}

/**
 * Cleans a display name from a header or a file: quotes, "Last, First" from directories, stray
 * spaces; in a message or meeting, a department or note in brackets at its end, and a name with
 * an "@" (an address or a mangled one) is none.
 */
export function cleanDisplayName(raw: string | null | undefined, reading: NameReading = {}): string | undefined {
  let name = raw?.replace(/\p{Cc}+/gu, ' ').trim();
  if (!name) return undefined;
  name = unquoted(name).replace(/\s+/g, ' ');
  if (!name) return undefined;
  if (reading.addressBook ? isEmail(normalizeEmail(name)) : name.includes('@')) return undefined;
  if (PLACEHOLDER_NAME.test(name)) return undefined;
  if (!reading.addressBook) {
    // a department or a note after a display name: "Pat O'Neil (Sales)", "Jane Doe [External]"
    const bare = name.replace(/\s*(?:\([^()]*\)|\[[^[\]]*\])$/, '').trim();
    if (bare) name = bare;
  }
  // "Doe, Jane" (and "Doe, Jane A.") as directories write it: one comma, two short parts;
  // "Dave, Jr." is Dave Jr.
  const comma = reading.asWritten ? null : /^([^,]+),\s*([^,]+)$/.exec(name);
  // "Acme, Inc." is a firm, as written
  if (comma && isLegalForm(comma[2] as string)) return name.length > 200 ? name.slice(0, 200) : name;
  if (comma && NAME_SUFFIX.test(comma[2] as string)) name = `${comma[1]} ${comma[2]}`;
  else if (comma && (comma[1] as string).split(' ').length <= 2 && (comma[2] as string).split(' ').length <= 3)
    name = `${comma[2]} ${comma[1]}`;
  return name.length > 200 ? name.slice(0, 200) : name;
}
