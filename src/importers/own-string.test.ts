import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ownString } from './own-string.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TEXT_BYTES = 20_000_000;
const TEXTS = 5;

/** Short cuts of a 20 MB decoded text, kept; the text itself is let go. */
function keptCuts(copy: (s: string) => string): string[] {
  const text = new TextDecoder().decode(new Uint8Array(TEXT_BYTES).fill(0x61));
  return Array.from({ length: 1000 }, (_, i) => copy(text.slice(i * 1000, i * 1000 + 30)));
}

/** The heap kept by the cuts of five such texts, in MB (V8 may hold on to the last text a while). */
function heapKept(copy: (s: string) => string): { mb: number; kept: string[][] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: TEXTS }, () => keptCuts(copy));
  gc();
  return { mb: (process.memoryUsage().heapUsed - before) / 1e6, kept };
}

describe('ownString', () => {
  it('is the same text', () => {
    expect(ownString('a')).toBe('a');
    expect(ownString('')).toBe('');
    expect(ownString('ümlaut and 漢字, longer than a few characters')).toBe(
      'ümlaut and 漢字, longer than a few characters',
    );
  });

  it('keeps cuts of long texts without keeping the texts, which plain cuts keep whole', () => {
    const plain = heapKept((s) => s);
    expect(plain.mb).toBeGreaterThan(90);
    const owned = heapKept(ownString);
    expect(owned.mb).toBeLessThan(30);
    expect(owned.kept).toEqual(plain.kept);
  });
});
