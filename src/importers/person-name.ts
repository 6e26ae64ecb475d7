/**
 * A person's name put together from the parts contact files keep apart (a vCard's N, a contacts
 * CSV's First, Middle, Last and Suffix columns), the way the person is called.
 */

/** A suffix that says which generation (John Smith Jr., Henry Ford II): part of the name, unlike a degree (PhD, MBA, Esq.). */
const GENERATION = /^(?:jr|sr|jun|sen|[ivx]{1,4}|\d+(?:st|nd|rd|th))\.?$/i;

/**
 * Chinese, Japanese and Korean script without spaces or Latin letters: a name written family name
 * first and without a space (李雷, 山田太郎, 김민수).
 */
const EAST_ASIAN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]+$/u;

export interface NameParts {
  readonly given: readonly string[];
  readonly additional?: readonly string[] | undefined;
  readonly family: readonly string[];
  readonly suffixes?: readonly string[] | undefined;
}

/**
 * The name as it is said: given, additional and family names with spaces between (Ada Lovelace),
 * or family name first without a space when every part is in Chinese, Japanese or Korean script;
 * then a generational suffix (", Jr." is written "Jr."). Empty when there is no name part.
 */
export function assembleName(parts: NameParts): string {
  const given = parts.given.filter(Boolean);
  const additional = (parts.additional ?? []).filter(Boolean);
  const family = parts.family.filter(Boolean);
  const all = [...given, ...additional, ...family];
  if (all.length === 0) return '';
  const eastAsian = family.length > 0 && given.length > 0 && all.every((p) => EAST_ASIAN.test(p));
  const base = eastAsian ? [...family, ...given, ...additional].join('') : all.join(' ');
  const suffix = generations(parts.suffixes ?? []);
  return suffix.length > 0 ? `${base} ${suffix.join(', ')}` : base;
}

/** The suffixes of a list that name a generation (Jr., III), as written. */
function generations(suffixes: readonly string[]): string[] {
  return suffixes
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => GENERATION.test(s));
}
