/**
 * Text from files as it may be stored and shown: control characters (NUL, escape, the C1 range)
 * never reach the database, an export or a terminal.
 */

/** Controls (C0, DEL, C1) other than tab and line feed. */
const CONTROLS = /(?![\t\n])\p{Cc}/gu;

/** The longest text stored in one field (a copy's JSON holds no longer): a 50 MB "organisation" is no one's. */
export const MAX_STORED_TEXT = 100_000;

/**
 * `text` without control characters (tab and line ends kept, CRLF and lone CR made LF), cut to
 * MAX_STORED_TEXT characters (the last one an ellipsis); undefined when nothing is left.
 */
export function storableText(text: string | null | undefined): string | undefined {
  const clean = text?.replace(/\r\n?/g, '\n').replace(CONTROLS, '').trim();
  if (!clean) return undefined;
  if (clean.length <= MAX_STORED_TEXT) return clean;
  // not inside a surrogate pair
  const cut =
    clean.charCodeAt(MAX_STORED_TEXT - 2) >= 0xd800 && clean.charCodeAt(MAX_STORED_TEXT - 2) <= 0xdbff ? 2 : 1;
  return `${clean.slice(0, MAX_STORED_TEXT - cut)}…`;
}

/** One line: `storableText` with tabs and line ends made spaces. */
export function storableLine(text: string | null | undefined): string | undefined {
  return storableText(text?.replace(/[\t\r\n]+/g, ' '))?.replace(/ {2,}/g, ' ');
}

/**
 * Text for a terminal: every control character, and the marks that reverse the direction of
 * text (a file name can hide its real extension behind them), written as an escape (`\x1b`),
 * so that a crafted file cannot recolour the terminal, move its cursor or set its title.
 */
export function visible(text: string): string {
  return text.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
