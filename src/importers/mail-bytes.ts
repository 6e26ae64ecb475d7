import { detectEncoding } from './decode.js';

/**
 * The bytes of a mail file as the mail readers take them: as they are, unless the file is UTF-16
 * text (a message or mailbox saved by PowerShell's Out-File or Notepad, with or without a byte
 * order mark), which is turned into UTF-8 as it streams, with the same lines, or a file whose lines
 * end in CR alone (a classic Mac OS client's), whose CRs become LFs. Fed in chunks of any size;
 * whether it is UTF-16 is decided on the first chunk's first 4 KiB, whether its lines end in CR on
 * the first chunk that holds a line end (a CR and no LF). Pure: no I/O.
 */
export class MailBytes {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private decided = false;
  private linesDecided = false;
  private crLines = false;
  /** the chunks so far held no line end but a CR ending the last, kept back */
  private crHeld = false;

  /** The first chunk's encoding, once pushed: UTF-16 when it was transcoded. */
  get utf16(): boolean {
    return this.decoder !== undefined;
  }

  push(chunk: Uint8Array): Buffer {
    if (!this.decided) {
      this.decided = true;
      const { encoding } = detectEncoding(chunk.subarray(0, 4096));
      if (encoding === 'utf-16le' || encoding === 'utf-16be') this.decoder = new TextDecoder(encoding);
    }
    let bytes = this.decoder
      ? Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8')
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.linesDecided) {
      if (this.crHeld) bytes = Buffer.concat([CR_BYTE, bytes]);
      // decided on the first chunk with an LF, or a CR followed by something (the first line may be
      // longer than a chunk); a CR ending the chunk waits for the byte after it
      const cr = bytes.indexOf(CR);
      this.linesDecided = bytes.indexOf(LF) >= 0 || (cr >= 0 && cr < bytes.length - 1);
      this.crLines = this.linesDecided && bytes.indexOf(LF) < 0;
      this.crHeld = !this.linesDecided && cr >= 0;
      if (this.crHeld) bytes = bytes.subarray(0, -1);
    }
    return this.crLines ? withLfLines(bytes) : bytes;
  }

  end(): Buffer {
    const rest = this.decoder ? Buffer.from(this.decoder.decode(), 'utf8') : Buffer.alloc(0);
    if (this.crHeld) return Buffer.concat([LF_BYTE, rest]);
    return this.crLines ? withLfLines(rest) : rest;
  }
}

const LF = 0x0a;
const CR = 0x0d;
const CR_BYTE = Buffer.from([CR]);
const LF_BYTE = Buffer.from([LF]);

/** A copy of the bytes with each CR an LF. */
function withLfLines(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = copy.indexOf(CR); i >= 0; i = copy.indexOf(CR, i + 1)) copy[i] = LF;
  return copy;
}

/** The first bytes of a mail file as MailBytes gives them (a UTF-16 head as UTF-8). */
export function mailHead(raw: Uint8Array): Buffer {
  const bytes = new MailBytes();
  return Buffer.concat([bytes.push(raw), bytes.end()]);
}
