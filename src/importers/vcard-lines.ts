/**
 * Text fed in pieces of any size to physical lines, each handed on as soon as it ends. Pure.
 *
 * A line ends at CRLF, LF or a CR alone, whatever the mixture: an editor that saved one line with
 * a bare CR in an LF file (or the other way round) still gives two lines, as any text editor shows
 * them, not one line with a property glued to the end of the one before. A CR ending a piece waits
 * for the next, which may start with its LF.
 *
 * A line is held only while it is incomplete, and only its first LINE_CAP characters are kept:
 * the rest of a longer line (a photo written on one line) is summarised as it passes (its length,
 * its last character, whether it has a colon), which is all a skipped value needs.
 */
export class LineSplitter {
  /** the piece before ended with a CR: a line end, one with the next piece's LF if it starts with one */
  private crHeld = false;
  private lineNo = 0;
  private readonly line = new Line();
  // the incomplete line at the end of the text so far: its kept parts and a summary of all of it
  private parts: string[] = [];
  private kept = 0;
  private carried = 0;
  private overflow = false;
  private stopSeen = false;
  private hasColonFirst = false;
  private anyColon = false;
  private last = -1;
  private beforeLast = -1;

  constructor(private readonly onLine: (line: Line) => void) {}

  /** Characters held between calls: the incomplete line. */
  get bufferedChars(): number {
    return this.kept;
  }

  push(text: string): void {
    let t = this.crHeld ? `\r${text}` : text;
    this.crHeld = t.charCodeAt(t.length - 1) === CR;
    if (this.crHeld) t = t.slice(0, -1);
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    this.split(t);
  }

  end(): void {
    if (this.crHeld) {
      this.crHeld = false;
      this.split('\n');
    }
    if (this.carried > 0) this.emitCarried();
  }

  private split(text: string): void {
    let pos = 0;
    for (;;) {
      const stop = text.indexOf('\n', pos);
      if (stop < 0) {
        if (pos < text.length) this.carry(text, pos, text.length);
        return;
      }
      if (this.carried > 0) {
        this.carry(text, pos, stop);
        this.emitCarried();
      } else {
        const end = stop > pos && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
        this.emit(text, pos, end, end - pos);
      }
      pos = stop + 1;
    }
  }

  /** Adds text[from, to) to the incomplete line: kept up to LINE_CAP, and past that only summarised. */
  private carry(text: string, from: number, to: number): void {
    if (to <= from) return;
    const room = LINE_CAP - this.kept;
    const keep = Math.min(room, to - from);
    if (keep > 0) {
      this.parts.push(text.slice(from, from + keep));
      this.kept += keep;
    }
    if (keep < to - from) {
      if (!this.overflow) {
        // the line outgrows the cap: from now on a summary stands for the part not kept
        this.overflow = true;
        const kept = this.parts.join('');
        this.parts = [kept];
        // a line that starts with CR or LF is not colon-free either
        this.hasColonFirst = kept.charCodeAt(0) === CR || kept.charCodeAt(0) === LF;
        this.summarise(kept, 0, kept.length);
      }
      this.summarise(text, from + keep, to);
    }
    this.beforeLast = to - from >= 2 ? text.charCodeAt(to - 2) : this.last;
    this.last = text.charCodeAt(to - 1);
    this.carried += to - from;
  }

  /**
   * Notes whether text[from, to) has a colon and, until the line's first CR or LF has been seen,
   * whether a colon comes before it (a continuation line of unfolded base64 has none).
   */
  private summarise(text: string, from: number, to: number): void {
    const colon = indexBefore(text, ':', from, to);
    if (colon >= 0) this.anyColon = true;
    if (this.stopSeen) return;
    const cr = indexBefore(text, '\r', from, to);
    const lf = indexBefore(text, '\n', from, to);
    const stop = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (colon >= 0 && (stop < 0 || colon < stop)) this.hasColonFirst = true;
    if (stop >= 0) this.stopSeen = true;
  }

  private emitCarried(): void {
    let length = this.carried;
    let last = this.last;
    if (last === CR) {
      length--;
      last = length > 0 ? this.beforeLast : -1;
    }
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    const kept = Math.min(this.kept, length);
    const line = this.line;
    line.truncated = kept < length;
    if (line.truncated) {
      // kept < length implies the line overflowed, so the summary covers all of it
      line.summary.colonFree = !this.hasColonFirst;
      line.summary.anyColon = this.anyColon;
      line.summary.last = last;
    }
    this.parts = [];
    this.kept = 0;
    this.carried = 0;
    this.overflow = false;
    this.stopSeen = false;
    this.hasColonFirst = false;
    this.anyColon = false;
    this.last = -1;
    this.beforeLast = -1;
    this.emit(text, 0, kept, length);
  }

  private emit(text: string, start: number, end: number, length: number): void {
    const line = this.line;
    line.no = ++this.lineNo;
    line.text = text;
    line.start = start;
    line.end = end;
    line.length = length;
    this.onLine(line);
    line.truncated = false;
    line.text = '';
  }
}

/**
 * One physical line, without its line end: text[start, end) is its content, or the first
 * LINE_CAP characters of it when `truncated`. Reused from line to line: read it, do not keep it.
 */
export class Line {
  /** 1-based line number */
  no = 0;
  text = '';
  start = 0;
  end = 0;
  /** the whole line's length, kept or not */
  length = 0;
  /** longer than LINE_CAP: only its start is in text, and `summary` describes all of it */
  truncated = false;
  readonly summary = { colonFree: false, anyColon: false, last: -1 };

  /** The first character code; -1 for an empty line. */
  get first(): number {
    return this.length > 0 ? this.text.charCodeAt(this.start) : -1;
  }

  /** The last character code; -1 for an empty line. */
  get last(): number {
    if (this.truncated) return this.summary.last;
    return this.length > 0 ? this.text.charCodeAt(this.end - 1) : -1;
  }

  /** Not empty, and no colon before the end or an embedded CR/LF: it cannot be a property of its own. */
  get colonFree(): boolean {
    if (this.truncated) return this.summary.colonFree;
    const { text, end } = this;
    let i = this.start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) return false;
      if (c === LF || c === CR) break;
    }
    return i > this.start;
  }

  /** Has a colon anywhere (kept or not). */
  get anyColon(): boolean {
    if (this.truncated) return this.summary.anyColon;
    const colon = this.text.indexOf(':', this.start);
    return colon >= 0 && colon < this.end;
  }

  /** Opens or closes a card (case-insensitive prefix test, no big slice). */
  get isCardBoundary(): boolean {
    const head = this.text.slice(this.start, Math.min(this.end, this.start + 11)).toUpperCase();
    return head.startsWith('END:VCARD') || head.startsWith('BEGIN:VCARD');
  }

  /** The kept content (the whole line unless `truncated`). */
  get content(): string {
    return this.text.slice(this.start, this.end);
  }
}

/** Longest part of a line kept; a longer line (a photo on one line) is cut, its end only summarised. */
export const LINE_CAP = 1024 * 1024;
const LF = 10;
const CR = 13;
const COLON = 58;

/** The first `char` in text[from, to), or -1. */
function indexBefore(text: string, char: string, from: number, to: number): number {
  const i = text.indexOf(char, from);
  return i < to ? i : -1;
}
