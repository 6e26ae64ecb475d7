import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then a 12-bit
 * sequence that keeps uids made in the same millisecond in order, then 62 random bits. Rows
 * written one after another get uids that sort one after another, so the unique index on uids
 * grows at its end instead of at a random page: on a million-message import a random uid costs
 * a page fault in an index far larger than the page cache.
 */
export function uuidV7Generator(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let seq = 0;
  const random = Buffer.alloc(8 * 1024);
  let offset = random.length;
  return () => {
    let ms = clock();
    if (ms <= lastMs) {
      ms = lastMs;
      seq++;
      if (seq > 0xfff) {
        // 4,096 uids in one millisecond: borrow the next one, so order still holds
        ms = ++lastMs;
        seq = 0;
      }
    } else {
      lastMs = ms;
      seq = 0;
    }
    if (offset + 8 > random.length) {
      randomFillSync(random);
      offset = 0;
    }
    const b = random.subarray(offset, offset + 8);
    offset += 8;
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const time = hex(ms, 12);
    const variant = hex(((b[0] as number) & 0x3f) | 0x80, 2) + hex(b[1] as number, 2);
    const tail = b.subarray(2).toString('hex');
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(seq, 3)}-${variant}-${tail}`;
  };
}
