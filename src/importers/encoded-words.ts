import { decodeWords } from 'postal-mime';

/** An RFC 2047 encoded word in UTF-7 (old Outlook and Exchange wrote them), which TextDecoder cannot read. */
const UTF7_WORD = /=\?(?:unicode-1-1-)?utf-7(?:\*[^?]*)?\?([bq])\?([^?\s]*)\?=/gi;

/**
 * A header's text with its RFC 2047 encoded words decoded (`=?UTF-8?Q?Jos=C3=A9?=` → José),
 * UTF-7 ones included. Undecodable words are left as written.
 */
export function decodeHeaderWords(text: string): string {
  return text.includes('=?') ? decodeWords(utf7WordsAsUtf8(text)) : text;
}

/**
 * A header's text with its UTF-7 encoded words written again as UTF-8 ones, which the header
 * and address parsers read (a UTF-7 word may hold a comma or a quote once decoded: decoding it
 * before the address parser would split a name).
 */
export function utf7WordsAsUtf8(text: string): string {
  if (!/=\?(?:unicode-1-1-)?utf-7/i.test(text)) return text;
  return text.replace(UTF7_WORD, (word, encoding: string, data: string) => {
    const ascii =
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('latin1')
        : data
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return /[^\x20-\x7e]/.test(ascii) ? word : `=?utf-8?B?${Buffer.from(fromUtf7(ascii), 'utf8').toString('base64')}?=`;
  });
}

/** UTF-7 (RFC 2152): text as written, and `+…-` runs of base64 UTF-16; `+-` is a plus sign. */
export function fromUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (run, b64: string) => {
    if (b64 === '') return run.endsWith('-') ? '+' : run;
    const bytes = Buffer.from(b64, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return out;
  });
}
