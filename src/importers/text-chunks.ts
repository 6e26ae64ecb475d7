import { Buffer, isAscii } from 'node:buffer';
import {
  decodeCharset,
  decodeWindows1252,
  detectEncoding,
  isUtf8,
  looksBinary,
  mendFoldsInsideCharacters,
} from './decode.js';
import { NotThisFormat } from './records.js';

/**
 * A text file's bytes (a vCard file, a Google Contacts CSV) to text, fed in chunks of any size: the text comes out in pieces, each
 * decoded as soon as its encoding is known, so no more than about a chunk and a window
 * (ENCODING_WINDOW) of bytes is held between calls. Pure: no I/O.
 *
 * The encoding is chosen as `decodeBytes` chooses it for a whole file, with one bound:
 * - the first HEAD_BYTES decide binary input (`looksBinary` reads 8 KiB), a byte order mark and
 *   UTF-16 without one (`detectEncoding` reads 4 KiB), exactly as on the whole file;
 * - otherwise the text is UTF-8 or Windows-1252, which read ASCII alike, so the choice waits for the
 *   first byte over 0x7F and is made on the ENCODING_WINDOW (1 MiB) of bytes from it: UTF-8 if they
 *   are valid UTF-8, else as Mac Roman when its lines end with CR alone (a classic Mac file, such
 *   as Excel's "CSV (Macintosh)"), else line by line (UTF-8 lines as UTF-8, the others as Windows-1252). A file whose non-ASCII bytes all fall in that window (any
 *   file under 1 MiB, and most address books: names with accents are valid UTF-8 or not from the
 *   first one) reads exactly as before; in a larger file that is valid UTF-8 through the window and
 *   not after it, the later invalid bytes read as U+FFFD instead of the whole file switching to
 *   Windows-1252.
 */
export class TextChunks {
  private phase: 'head' | 'ascii' | 'window' | 'decoder' | 'windows-1252' = 'head';
  /** the first bytes (head phase) or the bytes from the first non-ASCII one (window phase) */
  private held: Uint8Array[] = [];
  private heldLength = 0;
  private decoder: Decoder | undefined;
  /** line ends seen in the ASCII text before the first other byte: CR alone is a classic Mac file */
  private sawCr = false;
  private sawLf = false;
  /** the end of a line not complete yet (windows-1252 phase) */
  private carry = new Uint8Array(0);
  /** the CHARSET the vCard property being read declares (windows-1252 phase) */
  private lineCharset: string | undefined;
  /** the start of the line the ASCII text ended in (at most 200 bytes), for its CHARSET */
  private asciiTail: string | undefined = '';

  /**
   * `what` names the format in the refusal of binary input ("a vCard file"); `folded`: its lines
   * are folded (vCard), and a fold a writer put inside a UTF-8 character is mended before decoding
   * (see mendFoldsInsideCharacters), so the file still reads as UTF-8.
   */
  constructor(
    private readonly out: (text: string) => void,
    private readonly what: string,
    private readonly folded = false,
  ) {}

  /** Bytes held until the encoding is known: at most HEAD_BYTES or ENCODING_WINDOW plus a slice. */
  get bufferedBytes(): number {
    return this.heldLength + this.carry.length;
  }

  /** Decodes `bytes` (any length: taken in slices of SLICE_BYTES, so the text pieces stay small). */
  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i += SLICE_BYTES) this.feed(bytes.subarray(i, i + SLICE_BYTES));
  }

  end(): void {
    if (this.phase === 'head') this.start(this.takeHeld());
    if (this.phase === 'window') this.decideWindow(true);
    if (this.phase === 'decoder' && this.decoder) this.emit(this.decoder.decode());
    if (this.phase === 'windows-1252') this.emit(this.mixedLines(new Uint8Array(0), true));
  }

  /**
   * A file that is not UTF-8 throughout, read line by line: a line that is valid UTF-8 is read
   * as UTF-8, any other as Windows-1252, so a file that joins cards of two exports (one UTF-8,
   * one Latin-1 with CHARSET=ISO-8859-1) reads right. The end of a line not complete yet waits
   * for the next bytes, up to LINE_CARRY bytes (longer lines, photos, are ASCII anyway).
   */
  private mixedLines(bytes: Uint8Array, atEnd: boolean): string {
    const all = this.mend(this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes);
    let end = atEnd ? all.length : all.lastIndexOf(LF) + 1;
    if (!atEnd && all.length - end > LINE_CARRY) end = all.length;
    this.carry = new Uint8Array(all.subarray(end));
    let text = '';
    for (let start = 0; start < end; ) {
      let stop = all.indexOf(LF, start);
      stop = stop < 0 || stop >= end ? end : stop + 1;
      const line = all.subarray(start, stop);
      // a property line names its charset for itself and the lines folded into it
      // (the first line may have begun in the ASCII text before: asciiTail)
      if (this.folded && start === 0 && this.asciiTail !== undefined) {
        if (this.asciiTail !== '' || (line[0] !== 0x20 && line[0] !== 0x09))
          this.lineCharset = declaredCharset(this.asciiTail + latin1(line.subarray(0, 200)));
        this.asciiTail = undefined;
      } else if (this.folded && line[0] !== 0x20 && line[0] !== 0x09) this.lineCharset = declaredCharset(line);
      if (isUtf8(line)) text += utf8.decode(line);
      else if (this.lineCharset) text += decodeCharset(line, this.lineCharset);
      else text += decodeWindows1252(line);
      start = stop;
    }
    return text;
  }

  private feed(bytes: Uint8Array): void {
    switch (this.phase) {
      case 'head':
        this.hold(bytes);
        if (this.heldLength >= HEAD_BYTES) this.start(this.takeHeld());
        return;
      case 'ascii': {
        const high = firstNonAscii(bytes);
        const ascii = high < 0 ? bytes : bytes.subarray(0, high);
        this.sawCr ||= ascii.indexOf(0x0d) >= 0;
        this.sawLf ||= ascii.indexOf(LF) >= 0;
        if (high < 0) {
          this.emitAscii(latin1(bytes));
          return;
        }
        if (high > 0) this.emitAscii(latin1(bytes.subarray(0, high)));
        this.phase = 'window';
        this.feed(bytes.subarray(high));
        return;
      }
      case 'window':
        this.hold(bytes);
        // more than the window: the bytes after it are known to exist, so a sequence it cuts is not an error
        if (this.heldLength > ENCODING_WINDOW) this.decideWindow(false);
        return;
      case 'decoder':
        this.emit(
          (this.decoder as Decoder).decode(this.decoder?.encoding === 'utf-8' ? this.mend(bytes) : bytes, {
            stream: true,
          }),
        );
        return;
      case 'windows-1252':
        this.emit(this.mixedLines(bytes, false));
        return;
    }
  }

  /** The head is complete (or is the whole file): refuse binary, then pick the decoding. */
  private start(head: Uint8Array): void {
    if (looksBinary(head)) throw new NotThisFormat(`not ${this.what}: the bytes are binary, not text`);
    const { encoding, bomLength } = detectEncoding(head);
    if (bomLength > 0 || encoding === 'utf-16le' || encoding === 'utf-16be') {
      // like decodeBytes: the BOM is cut off, and the decoder drops a second one as it would there
      this.decoder = new TextDecoder(encoding);
      this.phase = 'decoder';
      this.feed(head.subarray(bomLength));
    } else {
      this.phase = 'ascii';
      this.feed(head);
    }
  }

  /** UTF-8 if the window from the first non-ASCII byte is valid UTF-8, else Windows-1252. */
  private decideWindow(atEnd: boolean): void {
    const bytes = this.mend(this.takeHeld());
    const window = bytes.subarray(0, ENCODING_WINDOW);
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !atEnd });
    } catch {
      utf8 = false;
    }
    if (utf8) {
      // the text before was ASCII: a BOM here is a character (U+FEFF), as in the whole file decoded at once
      this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      this.phase = 'decoder';
    } else if ((this.sawCr || window.indexOf(0x0d) >= 0) && !this.sawLf && window.indexOf(LF) < 0) {
      // lines ended by CR alone, and not UTF-8: a classic Mac file (Excel's "CSV (Macintosh)"), Mac Roman
      this.decoder = new TextDecoder('macintosh');
      this.phase = 'decoder';
    } else this.phase = 'windows-1252';
    this.feed(bytes);
  }

  private emitAscii(text: string): void {
    if (this.folded) {
      const lf = text.lastIndexOf('\n');
      this.asciiTail = (lf < 0 ? (this.asciiTail ?? '') + text : text.slice(lf + 1)).slice(0, 200);
    }
    this.emit(text);
  }

  private mend(bytes: Uint8Array): Uint8Array {
    return this.folded ? mendFoldsInsideCharacters(bytes) : bytes;
  }

  private hold(bytes: Uint8Array): void {
    // a copy: the caller may reuse its buffer
    this.held.push(new Uint8Array(bytes));
    this.heldLength += bytes.length;
  }

  private takeHeld(): Uint8Array {
    const bytes = this.held.length === 1 ? (this.held[0] as Uint8Array) : Buffer.concat(this.held);
    this.held = [];
    this.heldLength = 0;
    return bytes;
  }

  private emit(text: string): void {
    if (text.length > 0) this.out(text);
  }
}

type Decoder = InstanceType<typeof TextDecoder>;

/** Bytes read before deciding binary, BOM and UTF-16 (`looksBinary` reads 8 KiB, UTF-16 detection 4 KiB). */
export const HEAD_BYTES = 8192;
/** UTF-8 or Windows-1252 is decided on this many bytes from the first non-ASCII one. */
export const ENCODING_WINDOW = 1024 * 1024;
/** Bytes of an incomplete line waiting for its end in a file read line by line (see mixedLines). */
const LINE_CARRY = 64 * 1024;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Bytes decoded at once: a large push (a whole file) is taken in slices of this size. */
const SLICE_BYTES = 1024 * 1024;

/**
 * The CHARSET parameter of a vCard property line (`FN;CHARSET=WINDOWS-1251:…`), when it names
 * one other than UTF-8: 2.1 writers (Outlook, feature phones) write raw bytes in it.
 */
function declaredCharset(line: Uint8Array | string): string | undefined {
  const text = typeof line === 'string' ? line : latin1(line.subarray(0, 200));
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  const charset = /;\s*CHARSET\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(head)?.[1];
  return charset && !/^utf-?8$/i.test(charset) ? charset : undefined;
}

function firstNonAscii(bytes: Uint8Array): number {
  if (isAscii(bytes)) return -1; // native, and the common case
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return i;
  return -1;
}

/** ASCII bytes as text (Latin-1 is the fastest decoding Node has, and reads ASCII as UTF-8 does). */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
