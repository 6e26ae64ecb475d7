import iconv from 'iconv-lite';
import { decodeWords } from 'postal-mime';

/** An RFC 2047 encoded word: its charset, encoding (B or Q) and data. */
const WORD = /=\?([^?*\s]+)(?:\*[^?]*)?\?([bq])\?([^?\s]*)\?=/gi;

/**
 * A header's text with its RFC 2047 encoded words decoded (`=?UTF-8?Q?Jos=C3=A9?=` → José),
 * UTF-7 ones and those in charsets TextDecoder lacks (cp850, ISO-8859-16) included.
 * Undecodable words are left as written.
 */
export function decodeHeaderWords(text: string): string {
  return text.includes('=?') ? decodeWords(unreadableWordsAsUtf8(text)) : text;
}

/**
 * A header's text with the encoded words postal-mime cannot read (UTF-7, which old Outlook and
 * Exchange wrote, and charsets TextDecoder does not know, such as DOS code pages) written again as
 * UTF-8 ones, which the header and address parsers read (a word may hold a comma or a quote once
 * decoded: decoding it before the address parser would split a name).
 */
export function unreadableWordsAsUtf8(text: string): string {
  if (!text.includes('=?')) return text;
  return text.replace(WORD, (word, charset: string, encoding: string, data: string) => {
    const name = charset.toLowerCase();
    const utf7 = name === 'utf-7' || name === 'unicode-1-1-utf-7';
    if (!utf7 && knownToTextDecoder(name)) return word;
    const bytes =
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            'latin1',
          );
    let decoded: string;
    if (utf7) {
      const ascii = bytes.toString('latin1');
      if (/[^\x20-\x7e]/.test(ascii)) return word;
      decoded = fromUtf7(ascii);
    } else if (iconv.encodingExists(name)) decoded = iconv.decode(bytes, name);
    else return word;
    return `=?utf-8?B?${Buffer.from(decoded, 'utf8').toString('base64')}?=`;
  });
}

/** Whether TextDecoder (and so postal-mime) reads a charset, by name. */
function knownToTextDecoder(name: string): boolean {
  let known = decoderKnows.get(name);
  if (known === undefined) {
    try {
      new TextDecoder(name);
      known = true;
    } catch {
      known = false;
    }
    if (decoderKnows.size < 1000) decoderKnows.set(name, known);
  }
  return known;
}

const decoderKnows = new Map<string, boolean>();

/** UTF-7 (RFC 2152): text as written, and `+…-` runs of base64 UTF-16; `+-` is a plus sign. */
export function fromUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (run, b64: string) => {
    if (b64 === '') return run.endsWith('-') ? '+' : run;
    return utf16FromBase64(b64);
  });
}

/** Base64 of UTF-16 (big-endian) as text: what UTF-7 and IMAP's modified UTF-7 shift into. */
export function utf16FromBase64(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  return out;
}
