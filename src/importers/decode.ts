import iconv from 'iconv-lite';
/**
 * Text from bytes whatever the encoding people's tools wrote: UTF-8 with or without a BOM,
 * UTF-16 (LE or BE, with a BOM or recognised by its zero bytes), else Windows-1252 (what old
 * Windows exports write, and a superset of Latin-1 for text). Pure: no I/O.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** there was a byte order mark */
  readonly bom: boolean;
  /** bytes of UTF-8 text that are not UTF-8 (a stray byte, binary glued on): each read as U+FFFD */
  readonly replaced?: number;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Guesses the encoding from a BOM, zero bytes (UTF-16) and UTF-8 validity. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  return { encoding: isUtf8(bytes) || utf8Count(bytes).mostly ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = bytes.subarray(bomLength);
  const text = encoding === 'windows-1252' ? decodeWindows1252(body) : new TextDecoder(encoding).decode(body);
  const replaced = encoding === 'utf-8' && !isUtf8(body) ? utf8Count(body).invalid : 0;
  return { text, encoding, bom: bomLength > 0, ...(replaced > 0 ? { replaced } : {}) };
}

/**
 * The well-formed UTF-8 sequences of more than one byte, and the bytes that belong to none; text
 * is `mostly` UTF-8 when it holds three such sequences or more and at most ten stray bytes for
 * each (a UTF-8 file with a stray byte or binary glued on), which Windows-1252 text almost never
 * does (an é there is one byte, seldom followed by the bytes a sequence needs).
 */
export function utf8Count(bytes: Uint8Array): { sequences: number; invalid: number; mostly: boolean } {
  let sequences = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 1) {
      i++;
      continue;
    }
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { sequences, invalid, mostly: sequences >= 3 && invalid <= sequences * 10 };
}

/**
 * Windows-1252 per the WHATWG encoding standard. Node's TextDecoder treats this label as Latin-1
 * and turns 0x80–0x9F (“ ” € – …) into control characters, so those 32 bytes are mapped here.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/** Decodes bytes in a named charset (from a MIME or vCard CHARSET parameter); unknown names fall back to detection. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  if (charset) {
    const name = charset.trim().toLowerCase();
    try {
      const decoder = new TextDecoder(name);
      // ISO-8859-1 and its aliases are read as Windows-1252, as browsers and the WHATWG standard do
      if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
      return decoder.decode(bytes);
    } catch {
      // a charset TextDecoder does not know (a DOS code page, ISO-8859-16): iconv-lite's, if any
      if (iconv.encodingExists(name)) return iconv.decode(Buffer.from(bytes), name);
    }
  }
  return decodeBytes(bytes).text;
}

export function isUtf8(bytes: Uint8Array): boolean {
  // ASCII is the common case and needs no decoder
  let ascii = true;
  for (let i = 0; i < bytes.length; i++)
    if ((bytes[i] as number) > 0x7f) {
      ascii = false;
      break;
    }
  if (ascii) return true;
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: text whose every other byte is mostly zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Bytes that are plainly not text: NUL bytes in a file that is not UTF-16, or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const { encoding } = detectEncoding(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) zeros++;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  // binary formats are full of zero bytes; a text file with one stray NUL is still text, and the
  // record holding it is reported where it is
  return n > 0 && (zeros > Math.max(1, n / 100) || control / n > 0.1);
}

/**
 * Folded text (iCalendar, vCard 3.0/4.0) whose writer cut a line inside a UTF-8 character (RFC
 * 5545 says not to; some writers count bytes, not characters): the character's remaining bytes
 * are moved up before the fold, so the line count is unchanged, the unfolded text is the same,
 * and the file reads as the UTF-8 it is instead of as Windows-1252. Bytes with no such cut come
 * back as they are.
 */
export function mendFoldsInsideCharacters(bytes: Uint8Array): Uint8Array {
  let out: Uint8Array | undefined;
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const foldEnd = bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09 ? i + 2 : -1;
    if (foldEnd < 0 || !isContinuation(bytes[foldEnd])) continue;
    const lineEnd = bytes[i - 1] === 0x0d ? i - 1 : i;
    // the lead byte of the cut character and how many bytes it still lacks before the fold
    let lead = lineEnd - 1;
    while (lead > 0 && lineEnd - lead < 4 && isContinuation(bytes[lead])) lead--;
    const need = sequenceLength(bytes[lead] ?? 0) - (lineEnd - lead);
    if (need <= 0) continue;
    let moved = 0;
    while (moved < need && isContinuation(bytes[foldEnd + moved])) moved++;
    if (moved !== need) continue;
    out ??= Uint8Array.from(bytes);
    // [lead…][CR LF SP][rest] → [lead…][rest][CR LF SP]
    const fold = out.slice(lineEnd, foldEnd);
    out.copyWithin(lineEnd, foldEnd, foldEnd + need);
    out.set(fold, lineEnd + need);
  }
  return out ?? bytes;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
