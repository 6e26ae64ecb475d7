import { decodeWindows1252 } from './decode.js';

/**
 * RFC 2047 encoded words in the Latin-1 family (windows-1252, iso-8859-1, us-ascii), rewritten as
 * UTF-8 words before postal-mime decodes the header: its decoder reads windows-1252 as Latin-1
 * and loses the bytes 0x80–0x9F (Outlook's ’ € – “ ”), which the WHATWG table here keeps. Other
 * charsets are left to postal-mime.
 */
const LATIN_WORD =
  /=\?(windows-1252|cp-?1252|iso-?8859-1|iso_8859-1|latin-?1|l1|us-ascii)(?:\*[^?]*)?\?([QqBb])\?([^?\s]*)\?=/gi;

/** Any encoded word with B (base64) encoding. */
const B_WORD = /=\?[^?\s]+\?[Bb]\?([^?\s]*)\?=/g;

/**
 * Encoded words rewritten for postal-mime (see above), and a B word whose text is not base64
 * kept as written (RFC 2047 §6.3: a word that cannot be decoded is shown as it is), not decoded
 * into garbage: it becomes a UTF-8 word whose decoded text is the word itself.
 */
export function transcodeLatinWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text
    .replace(B_WORD, (word: string, data: string) => (isBase64(data) ? word : literalWord(word)))
    .replace(LATIN_WORD, (_word, _charset: string, encoding: string, data: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qBytes(data);
      return `=?UTF-8?B?${Buffer.from(decodeWindows1252(bytes), 'utf8').toString('base64')}?=`;
    });
}

/** The bytes of a Q-encoded word: "_" is a space, "=XX" a byte in hex. */
function qBytes(data: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i] as string;
    const hex = c === '=' ? data.slice(i + 1, i + 3) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(c === '_' ? 0x20 : c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** Base64 as an encoded word holds it: the alphabet, at most two "=" at the end, no lone last character. */
function isBase64(data: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(data) && data.replace(/=+$/, '').length % 4 !== 1;
}

/** An encoded word whose decoded text is `text` itself. */
function literalWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}
