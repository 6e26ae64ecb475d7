import { detectEncoding } from './decode.js';

/**
 * The bytes of a mail file as the mail readers take them: as they are, unless the file is UTF-16
 * text (a message or mailbox saved by PowerShell's Out-File or Notepad, with or without a byte
 * order mark), which is turned into UTF-8 as it streams, with the same lines. Fed in chunks of any
 * size; whether it is UTF-16 is decided on the first chunk's first 4 KiB. Pure: no I/O.
 */
export class MailBytes {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private decided = false;

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
    if (!this.decoder) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8');
  }

  end(): Buffer {
    return this.decoder ? Buffer.from(this.decoder.decode(), 'utf8') : Buffer.alloc(0);
  }
}

/** The first bytes of a mail file as MailBytes gives them (a UTF-16 head as UTF-8). */
export function mailHead(raw: Uint8Array): Buffer {
  const bytes = new MailBytes();
  return Buffer.concat([bytes.push(raw), bytes.end()]);
}
