/** The short note a record carries: the first characters of free text, white space collapsed. */

/** The first n code points (an emoji is never cut in half) with runs of white space as one space, without reading the rest. */
export function firstChars(text: string, n: number): string {
  let out = '';
  let count = 0;
  let gap = false;
  for (const ch of text) {
    if (count >= n) break;
    if (ch.trim() === '') {
      gap = count > 0;
      continue;
    }
    if (gap) {
      out += ' ';
      gap = false;
      if (++count >= n) break;
    }
    out += ch;
    count++;
  }
  return out;
}
