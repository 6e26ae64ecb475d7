import { isLinkedinProfile } from '../domain/identity.js';
import { isEmail, nameKey, normalizeEmail } from '../domain/person.js';
import { GOALS, isOneOf, TIERS } from '../domain/vocabulary.js';
import { assembleName } from './person-name.js';
import { phoneFromUri } from './phone.js';
import { printable } from './printable.js';
import type { ParseIssue, PersonRecord } from './records.js';

/**
 * From a vCard's properties to a person record: which property gives which field, how values are
 * unescaped and cleaned, and the birthday check. The choices are listed in vcard.ts.
 */

/** A property the record uses, its value decoded from QP/base64 but still vCard-escaped. */
export interface Property {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  readonly line: number;
}

export interface Card {
  readonly number: number;
  /** the BEGIN line */
  readonly line: number;
  /** the used properties by name, in file order */
  readonly props: Map<string, Property[]>;
  /** the name of the property read last */
  last?: string;
}

export function buildRecord(card: Card, issues: ParseIssue[]): PersonRecord | undefined {
  const { props } = card;
  const v21 = (props.get('VERSION')?.[0]?.value.trim() ?? '').startsWith('2');
  const org = firstOf(props.get('ORG'), v21, firstComponent);
  const fn = firstOf(props.get('FN'), v21, textOf);
  const structured = firstOf(props.get('N'), v21, nameFromN);
  // Apple's company card that names someone in N (FN then shows the company): the card is that person's, at it
  const showAs = firstOf(props.get('X-ABSHOWAS'), v21, textOf)?.toLowerCase();
  const contactAtCompany =
    showAs === 'company' && !!structured && structured.trim().toLowerCase() !== (org ?? fn ?? '').trim().toLowerCase();
  const name = contactAtCompany
    ? structured
    : ((fn && structured ? familyLast(fn, structured) : fn) ?? structured ?? org);
  const emails = unique(emailsOf(card, v21, issues));
  const phones = unique(allOf(props.get('TEL'), v21, phoneOf));
  const profileUrl =
    firstOf(props.get('URL'), v21, linkedInProfileOf) ??
    firstOf(props.get('X-SOCIALPROFILE'), v21, linkedInProfileOf) ??
    firstOf(props.get('SOCIALPROFILE'), v21, linkedInProfileOf) ??
    linkedInUserOf(props.get('X-SOCIALPROFILE')) ??
    linkedInUserOf(props.get('SOCIALPROFILE'));
  const where = { line: card.line, record: `card ${card.number}` };
  // a group (KIND:group in 4.0, Apple's X-ADDRESSBOOKSERVER-KIND in 3.0) lists people; it is not one
  const kind = firstOf(props.get('KIND'), v21, textOf) ?? firstOf(props.get('X-ADDRESSBOOKSERVER-KIND'), v21, textOf);
  if (kind?.toLowerCase() === 'group') {
    issues.push({
      code: 'group_card',
      ...where,
      message: `card ${card.number} is a group (${name ?? 'unnamed'}), not a person; skipped`,
      dropped: true,
    });
    return undefined;
  }
  // an organization or a place (KIND:org, KIND:location; Apple's company cards, X-ABShowAs:COMPANY):
  // a relationship is with someone
  const kindName = kind?.toLowerCase();
  if (kindName === 'org' || kindName === 'location' || (showAs === 'company' && !contactAtCompany)) {
    const what = kindName === 'location' ? 'a place' : 'an organization';
    issues.push({
      code: 'organization_card',
      ...where,
      message: `card ${card.number} is ${what} (${name ?? 'unnamed'}), not a person; skipped`,
      dropped: true,
    });
    return undefined;
  }

  if (!name && emails.length === 0 && phones.length === 0 && !profileUrl) {
    issues.push({
      code: 'no_identity',
      ...where,
      message: `card ${card.number} has no name, email, phone or profile URL; skipped`,
      dropped: true,
    });
    return undefined;
  }

  const record: Draft = {
    kind: 'person',
    where,
    emails,
    phones,
    tags: tagsFrom(props.get('CATEGORIES'), v21, !props.has('PRODID')),
  };
  // a name without a letter (FN:+44 20 7946 0000, a contact saved with a number alone) names nobody:
  // the person is known by the number, as when the card has no name at all
  if (name && /\p{L}/u.test(name)) record.name = name;
  // FN is the name to show; beside a structured N, a comma in it is part of it ("Acme, Inc. Support",
  // "José O'Brien, Jr."); so it is in a name put together from N's parts ("Smith;John;Andrew\, Bob"),
  // and in the company's name a company-only card goes by ("Morgan, Lewis & Bockius")
  if (name && ((props.has('N') && fn === name) || !fn || name === org)) record.nameAsWritten = true;
  if (profileUrl) record.profileUrl = profileUrl;
  if (org) record.org = org;
  const title = firstOf(props.get('TITLE'), v21, textOf) ?? firstOf(props.get('ROLE'), v21, textOf);
  if (title) record.title = title;
  const birthday = birthdayFrom(props.get('BDAY')?.[0], v21, card, issues);
  if (birthday) record.birthday = birthday;
  const notes = allOf(props.get('NOTE'), v21, noteOf);
  if (notes.length > 0) record.notes = notes.join('\n\n');
  // what Rapport's own export keeps of the relationship (other programs keep X- properties as they are)
  const met = firstOf(props.get('X-RAPPORT-MET'), v21, textOf);
  if (met) record.met = met;
  const tier = firstOf(props.get('X-RAPPORT-TIER'), v21, textOf)?.toLowerCase();
  if (isOneOf(TIERS, tier)) record.tier = tier;
  const goal = firstOf(props.get('X-RAPPORT-GOAL'), v21, textOf)?.toLowerCase();
  if (isOneOf(GOALS, goal)) record.goal = goal;
  const cadence = Number(firstOf(props.get('X-RAPPORT-CADENCE'), v21, textOf));
  if (Number.isInteger(cadence) && cadence > 0 && cadence <= 3650) record.cadenceDays = cadence;
  const uid = firstOf(props.get('UID'), v21, textOf);
  if (uid) record.externalId = `uid:${uid}`;
  const rev = revisionOf(firstOf(props.get('REV'), v21, textOf));
  if (rev !== undefined) record.asOf = rev;
  return record;
}

/**
 * REV, when the card was last changed: `20250102T030405Z`, `2025-01-02T03:04:05Z`, a date
 * alone; epoch ms, or undefined when it is none of these or not a real time.
 */
function revisionOf(raw: string | undefined): number | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    raw?.trim() ?? '',
  );
  if (!m) return undefined;
  const [year, month, day, hh = 0, mm = 0, ss = 0] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  if (!isDay(year ?? 0, month ?? 0, day ?? 0) || (hh ?? 0) > 23 || (mm ?? 0) > 59 || (ss ?? 0) > 60) return undefined;
  const zone = m[7];
  const offset =
    zone === undefined || zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hh, mm, ss) - offset;
}

type Read = (value: string, v21: boolean) => string;

/** The first non-empty reading of the properties, in file order. */
function firstOf(props: readonly Property[] | undefined, v21: boolean, read: Read): string | undefined {
  if (props)
    for (const p of props) {
      const text = read(p.value, v21);
      if (text) return text;
    }
  return undefined;
}

/** Every non-empty reading of the properties, in file order. */
function allOf(props: readonly Property[] | undefined, v21: boolean, read: Read): string[] {
  const texts: string[] = [];
  if (props)
    for (const p of props) {
      const text = read(p.value, v21);
      if (text) texts.push(text);
    }
  return texts;
}

function textOf(value: string, v21: boolean): string {
  return cleanLine(unescapeText(value, v21));
}

function noteOf(value: string, v21: boolean): string {
  return cleanNote(unescapeText(value, v21));
}

/**
 * The card's emails, the preferred first (PREF=1 before PREF=2, then TYPE=pref, then file order);
 * one that is no address is said with its own line and left out.
 */
function emailsOf(card: Card, v21: boolean, issues: ParseIssue[]): string[] {
  const found: { email: string; rank: number; order: number }[] = [];
  for (const [order, p] of (card.props.get('EMAIL') ?? []).entries()) {
    const email = emailOf(p.value, v21);
    if (!email) continue;
    if (!isEmail(normalizeEmail(email))) {
      issues.push({
        code: 'bad_email',
        line: p.line,
        record: `card ${card.number}`,
        message: `"${printable(email)}" is not an email address; kept without it`,
      });
      continue;
    }
    found.push({ email, rank: preference(p), order });
  }
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map((f) => f.email);
}

/** 1–100 from PREF (4.0), 100 for TYPE=pref (3.0, 2.1's bare PREF), else 101: lower comes first. */
function preference(p: Property): number {
  const pref = Number(p.params.get('PREF'));
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return pref;
  return /(^|,)pref(,|$)/i.test(p.params.get('TYPE') ?? '') ? 100 : 101;
}

function emailOf(value: string, v21: boolean): string {
  return textOf(value, v21).replace(/^mailto:/i, '');
}

/** `tel:+1-418-656-9254;ext=102` → `+1-418-656-9254 ext. 102`; other values as written. */
function phoneOf(value: string, v21: boolean): string {
  return phoneFromUri(textOf(value, v21));
}

function linkedInProfileOf(value: string, v21: boolean): string {
  const url = textOf(value, v21);
  return isLinkedinProfile(url) ? url : '';
}

/**
 * The profile of Apple's `X-SOCIALPROFILE;type=linkedin;x-user=jane-doe:x-apple:jane-doe`, whose
 * value is no URL: the member's public name (x-user) makes one; so does the user name of vCard
 * 4.0's `SOCIALPROFILE;SERVICE-TYPE=LinkedIn;VALUE=text:jane-doe` (RFC 9554).
 */
function linkedInUserOf(props: readonly Property[] | undefined): string | undefined {
  for (const p of props ?? []) {
    // vCard 4.0's SOCIALPROFILE (RFC 9554) names the service in SERVICE-TYPE, and a user name as a TEXT value
    const service = p.params.get('SERVICE-TYPE');
    if (service !== undefined) {
      const user = /^text$/i.test(p.params.get('VALUE') ?? '') ? textOf(p.value, false).trim() : '';
      if (/^\s*linkedin\s*$/i.test(service) && /^[\p{L}\p{N}_-]{2,100}$/u.test(user))
        return `https://www.linkedin.com/in/${user}`;
      continue;
    }
    if (!/(^|,)\s*linkedin\s*(,|$)/i.test(p.params.get('TYPE') ?? '')) continue;
    const user = p.params.get('X-USER')?.trim() ?? '';
    // a public profile name: letters, digits and hyphens (no path, no address)
    if (/^[\p{L}\p{N}_-]{2,100}$/u.test(user)) return `https://www.linkedin.com/in/${user}`;
  }
  return undefined;
}

type Draft = { -readonly [K in keyof PersonRecord]: PersonRecord[K] };

/**
 * 3.0/4.0 escape `\\ \, \; \n` (and Gmail `\:`) in text; 2.1 only escapes `\;` (and writers
 * such as Outlook and Android also `\,`), so its other backslashes (a Windows path in a note)
 * are kept.
 */
function unescapeText(value: string, v21: boolean): string {
  if (!value.includes('\\')) return value;
  if (v21) return value.replace(/\\([;,])/g, '$1');
  return value.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value (N, ORG) or a list on separators that are not escaped. */
function splitUnescaped(value: string, separator: ';' | ','): string[] {
  if (!value.includes('\\')) return value.split(separator);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === separator) {
      parts.push(value.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(value.slice(from));
  return parts;
}

/** Control characters in a one-line field (a stray CR, a form feed from Outlook) become one space. */
export function cleanLine(value: string): string {
  return hasControl(value) ? value.replace(/ *\p{Cc}[\p{Cc} ]*/gu, ' ').trim() : value.trim();
}

/** A plain loop: cheaper than a regular expression on the many short values that have none. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Notes keep their line breaks and tabs; other control characters are dropped. */
function cleanNote(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
}

function unique(values: string[]): string[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const v of values) {
    const key = v.toLowerCase();
    if (v === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(v);
  }
  return kept;
}

function firstComponent(value: string, v21: boolean): string {
  for (const part of splitUnescaped(value, ';')) {
    const text = cleanLine(unescapeText(part, v21));
    if (text) return text;
  }
  return '';
}

/** N is family;given;additional;prefix;suffix, each possibly a comma list in 3.0/4.0. */
function nameFromN(value: string, v21: boolean): string {
  const parts = splitUnescaped(value, ';').map((part) =>
    (v21 ? [part] : splitUnescaped(part, ',')).map((p) => cleanLine(unescapeText(p, v21))).filter((p) => p !== ''),
  );
  const [family = [], given = [], additional = [], , suffixes = []] = parts;
  return assembleName({ given, additional, family, suffixes });
}

/**
 * FN written family name first ("Smith, John", as Outlook files cards) in the given-name-first
 * order of its N ("John Smith"), so that it is the name other sources give; any other FN as it is.
 */
function familyLast(fn: string, structured: string): string {
  const parts = fn.split(',');
  if (parts.length !== 2) return fn;
  const flipped = `${parts[1]?.trim()} ${parts[0]?.trim()}`;
  return nameKey(flipped) === nameKey(structured) ? flipped : fn;
}

/** Google's own groups, not the user's labels (Google writes them as `myContacts` or `* myContacts`). */
const SYSTEM_LABELS = new Set(['mycontacts', 'all', 'chatbuddies', 'blocked']);

function tagsFrom(categories: readonly Property[] | undefined, v21: boolean, thunderbird: boolean): string[] {
  const tags: string[] = [];
  if (!categories) return tags;
  for (const p of categories)
    for (const raw of categoryValues(p.value, thunderbird).map((v) => unescapeText(v, v21))) {
      const tag = cleanLine(raw.replace(/\\$/, '')).replace(/^\*\s*/, '');
      if (!tag || SYSTEM_LABELS.has(tag.toLowerCase()) || /^imported on\b/i.test(tag)) continue;
      tags.push(tag);
    }
  return unique(tags);
}

/**
 * The values of a CATEGORIES list: split on its commas, and on escaped ones (`\,`) only when it
 * has no other and may be Thunderbird's (which writes every separator escaped, and no PRODID);
 * else `\,` is a comma in a value.
 */
function categoryValues(value: string, thunderbird: boolean): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === ',') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.length > 1 || !thunderbird ? parts : value.split('\\,');
}

function birthdayFrom(bday: Property | undefined, v21: boolean, card: Card, issues: ParseIssue[]): string | undefined {
  if (!bday) return undefined;
  const raw = cleanLine(unescapeText(bday.value, v21));
  if (!raw) return undefined;
  const date = normaliseBirthday(raw, bday.params.get('X-APPLE-OMIT-YEAR'));
  if (date) return date;
  issues.push({
    code: 'bad_date',
    line: bday.line,
    record: `card ${card.number}`,
    message: `birthday "${raw.slice(0, 40)}" on line ${bday.line} is not a date like 1985-04-12 or --04-12; the card is kept without it`,
  });
  return undefined;
}

/**
 * `19850412`, `1985-04-12`, `1985-04-12T00:00:00Z` → `1985-04-12`; `--0412`, `--04-12` → `--04-12`.
 * Apple marks an unknown year by writing a placeholder year (1604) and naming it in X-APPLE-OMIT-YEAR.
 */
function normaliseBirthday(raw: string, omitYear?: string): string | undefined {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$/.exec(raw);
  if (full) {
    const [, year = '', month = '', day = ''] = full;
    if (!isDay(Number(year), Number(month), Number(day))) return undefined;
    return omitYear === year ? `--${month}-${day}` : `${year}-${month}-${day}`;
  }
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(raw);
  if (noYear) {
    const [, month = '', day = ''] = noYear;
    return isDay(2000, Number(month), Number(day)) ? `--${month}-${day}` : undefined;
  }
  return undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month !== 2 || day <= 28 || leap;
}
