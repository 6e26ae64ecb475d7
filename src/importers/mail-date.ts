/**
 * RFC 5322 dates as mail really writes them: obsolete forms, two- and three-digit years, named
 * and military zones, a missing weekday, asctime; Date.parse only as a last resort for text
 * with a four-digit year and a time (it is lenient and slow). Pure.
 */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Named zones in minutes east of UTC: RFC 822's, and a few common ones mailers still write. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  bst: 60,
  cet: 60,
  met: 60,
  west: 60,
  cest: 120,
  mest: 120,
  eet: 120,
  eest: 180,
  jst: 540,
  aest: 600,
  aedt: 660,
};

// [weekday[,]] day month year [h:m[:s] (one or two digits each, or h.m.s) [AM|PM] [zone]]; "-" between the date parts is an old
// form; a zone may be written GMT+0100, GMT-7 or -07:00; a date alone is midnight
const RFC_DATE =
  /^\s*(?:[a-z]+\.?\s*,?\s*)?(\d{1,2})(?:\s+|-)([a-z]{3,})\.?(?:\s+|-)(\d{2,4})(?:,?\s+(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2}))?(?!\d)(?:\.\d+)?(?:\s*([ap])\.?m\.?(?![a-z]))?\s*(?:(?:gmt|utc|ut)\s*)?(?:([+-])(\d{3,4}|\d{1,2}(?::\d{2})?)(?!\d)|([a-z]{1,5})\b)?)?/i;
// asctime, as in From_ lines and some old Date headers: Mon May 14 16:39:00 [zone] 2001
const CTIME_DATE =
  /^\s*[a-z]{3},?\s+([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([+-])(\d{2})(\d{2})\s+|([a-z]{1,5})\s+)?(\d{4})\b/i;

/**
 * An RFC 5322 date, obsolete forms included (two- and three-digit years, no weekday, named and
 * military zones, comments such as "(PDT)"), and asctime. Other text goes to Date.parse only when
 * it has a four-digit year and a time, because Date.parse takes "1" for 2001. Undefined when unreadable.
 */
export function parseMailDate(value: string): number | undefined {
  const rfc = RFC_DATE.exec(value);
  if (rfc) {
    const [, day, month, year, hh, mm, ss, ampm, sign, digits, zname] = rfc;
    // a time after the date that could not be read ("09:055"): not midnight, unreadable
    if (hh === undefined && /^\s*,?\s*\d/.test(value.slice(rfc[0].length))) return undefined;
    const [zh, zm] = zoneDigits(digits);
    return build(year, month, day, clock(hh, ampm), mm ?? '0', ss, zoneOffset(sign, zh, zm, zname));
  }
  const ct = CTIME_DATE.exec(value);
  if (ct) {
    const [, month, day, hh, mm, ss, sign, zh, zm, zname, year] = ct;
    return build(year, month, day, hh, mm, ss, zoneOffset(sign, zh, zm, zname));
  }
  const numeric = ISO_DATE.exec(value) ?? DOTTED_DATE.exec(value);
  if (numeric) {
    const iso = numeric[1]?.length === 4;
    const [, a, b, c, hh, mm, ss, zname, sign, zh, zm] = numeric;
    const [year, month, day] = iso ? [a, b, c] : [c, b, a];
    const name = MONTH_NAMES[Number(month) - 1];
    return build(year, name, day, hh ?? '0', mm ?? '0', ss, zoneOffset(sign, zh, zm, zname));
  }
  if (/\d{4}/.test(value) && /\d:\d\d/.test(value)) {
    // Date.parse reads a time without a zone on the importing machine's clock: read as UTC, as
    // RFC 5322 advises, so that a file gives the same times on every machine
    const t = Date.parse(HAS_ZONE.test(value) ? value : `${value} UTC`);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** ISO 8601 as scripts and some mailers write it: 2024-03-04 10:00:00, 2024-03-04T10:00:00+01:00 (no zone: UTC). */
const ISO_DATE =
  /^\s*(?:[a-z]+\.?,?\s*)?(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:(z|utc|gmt)\b|([+-])(\d{2}):?(\d{2})\b)?)?/i;
/** Day first, with dots, as much of Europe writes it: 04.03.2024 10:00 is the 4th of March (no zone: UTC). */
const DOTTED_DATE =
  /^\s*(?:[a-z]+\.?,?\s*)?(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:,?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(?:(z|utc|gmt)\b|([+-])(\d{2}):?(\d{2})\b)?)?(?![\d.])/i;
/** A zone written in a date Date.parse is left to read: an offset, or a name it knows. */
const HAS_ZONE = new RegExp(`[+-]\\d{1,2}:?\\d{2}\\b|\\b(?:${Object.keys(ZONES).join('|')})\\b`, 'i');

/** A zone's digits as hours and minutes: 0100, 100, 1, 01:00. */
function zoneDigits(digits: string | undefined): [string | undefined, string | undefined] {
  if (digits === undefined) return [undefined, undefined];
  if (digits.includes(':')) return digits.split(':') as [string, string];
  return digits.length > 2 ? [digits.slice(0, -2), digits.slice(-2)] : [digits, '0'];
}

/** The hour on a 24-hour clock, from one written with AM or PM ("9:05 PM" is 21:05, "12:30 AM" is 00:30). */
function clock(hh: string | undefined, ampm: string | undefined): string {
  const h = Number(hh ?? 0);
  if (ampm === undefined || h < 1 || h > 12) return String(h);
  const pm = ampm.toLowerCase() === 'p';
  return String((h % 12) + (pm ? 12 : 0));
}

function zoneOffset(
  sign: string | undefined,
  hh: string | undefined,
  mm: string | undefined,
  name: string | undefined,
): number | undefined {
  if (sign !== undefined) {
    const minutes = Number(hh) * 60 + Number(mm);
    if (Number(mm) > 59 || Number(hh) > 14) return undefined;
    return sign === '-' ? -minutes : minutes;
  }
  if (name === undefined) return 0; // no zone: RFC 5322 says read it as UTC (-0000)
  const known = ZONES[name.toLowerCase()];
  // unknown names and military letters carry no reliable offset: UTC, as RFC 5322 advises
  return known ?? 0;
}

function build(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  hhText: string | undefined,
  mmText: string | undefined,
  ssText: string | undefined,
  offset: number | undefined,
): number | undefined {
  const month = MONTHS[(monthText ?? '').slice(0, 3).toLowerCase()];
  if (month === undefined || offset === undefined) return undefined;
  let year = Number(yearText);
  if ((yearText ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yearText ?? '').length === 3) year += 1900;
  else if (year < 1000) return undefined; // Date.UTC would read 0099 as 1999
  const day = Number(dayText);
  const hh = Number(hhText);
  const mm = Number(mmText);
  const ss = ssText === undefined ? 0 : Number(ssText);
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
  const t = Date.UTC(year, month, day, hh, mm, ss);
  // 31 Feb rolls into March in Date.UTC: refuse it
  if (new Date(t).getUTCDate() !== day && ss < 60) return undefined;
  return t - offset * 60_000;
}

/** Mail dated before this (1971) is a clock at zero, not a conversation. */
export const EARLIEST_MAIL = Date.UTC(1971, 0, 1);
/** Mail dated more than this after now is a clock gone wrong (time zones make a day late possible). */
export const FUTURE_SLACK_MS = 2 * 86_400_000;

/** Whether a message can be dated so: not before email, not days after `now` (when given). */
export function plausibleMailDate(t: number, now: number | undefined): boolean {
  return t >= EARLIEST_MAIL && (now === undefined || t <= now + FUTURE_SLACK_MS);
}

/** Why a date no mail can have is wrong, in the words a report uses. */
export function implausibility(t: number): string {
  return t < EARLIEST_MAIL ? 'before there was email' : 'in the future';
}
