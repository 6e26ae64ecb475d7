import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';
import { type CsvPiece, CsvStream } from './csv-stream.js';

/** Feeds `text` in pieces cut at `cuts` (fractions) and gathers what comes out. */
function streamed(text: string, cuts: number[], segmentChars: number, maxSegmentChars = 100_000) {
  const stream = new CsvStream({ segmentChars, maxSegmentChars });
  const at = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const pieces: CsvPiece[] = [];
  let from = 0;
  for (const to of [...at, text.length]) {
    pieces.push(stream.push(text.slice(from, to)));
    from = to;
  }
  pieces.push(stream.end());
  return {
    header: pieces.find((p) => p.header)?.header ?? [],
    rows: pieces.flatMap((p) => p.rows),
    issues: pieces.flatMap((p) => p.issues),
    segments: pieces.filter((p) => p.rows.length > 0 || p.header).length,
  };
}

const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', 'lone\rcr', 'é ü 🎉', ''),
);
const quote = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('CsvStream', () => {
  it('reads a well-formed file in any pieces and segments exactly as readCsv reads it whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, eol, cuts, segment) => {
          const records = [['h1', 'h2'], ...rows.map(([first, ...rest]) => [`k${first ?? ''}`, ...rest])];
          const text = records.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const whole = readCsv(text);
          const got = streamed(text, cuts, segment);
          expect(got.header).toEqual(whole.header);
          expect(got.rows).toEqual(whole.rows);
          expect(got.issues).toEqual(whole.issues);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a large file into segments of whole records, with each row on its line of the whole file', () => {
    const lines = ['First Name,Notes'];
    for (let i = 0; i < 500; i++) lines.push(i % 7 === 0 ? `P${i},"two\nlines, with ""quotes"""` : `P${i},plain`);
    const text = `${lines.join('\n')}\n`;
    const got = streamed(
      text,
      Array.from({ length: 80 }, (_, i) => i / 80),
      1000,
    );
    expect(got.segments).toBeGreaterThan(5);
    expect(got.rows).toEqual(readCsv(text).rows);
    expect(got.rows).toHaveLength(500);
    expect(got.rows.at(-1)).toEqual({ line: 2 + 499 + 72, cells: ['P499', 'plain'] });
  });

  it('reads a quote inside a value as written, reports one never closed, and does not hold the file for it', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `n${i},v${i}`);
    body[10] = 'n10,5" floppy';
    body[200] = '"never closed,x';
    const text = `a,b\n${body.join('\n')}\n`;
    // the lines inside the value open past maxQuotedChars are as wide as the header: records
    const stream = new CsvStream({ segmentChars: 256, maxSegmentChars: 2048, maxQuotedChars: 1024 });
    let held = 0;
    const rows = [];
    const issues = [];
    for (let i = 0; i < text.length; i += 50) {
      const piece = stream.push(text.slice(i, i + 50));
      held = Math.max(held, stream.bufferedChars);
      rows.push(...piece.rows);
      issues.push(...piece.issues);
    }
    const last = stream.end();
    rows.push(...last.rows);
    issues.push(...last.issues);
    expect(held).toBeLessThan(2048 + 50);
    expect(issues.map((i) => i.line)).toEqual([202]);
    expect(rows.find((r) => r.line === 12)?.cells).toEqual(['n10', '5" floppy']);
    expect(rows.map((r) => r.cells[0])).toContain('n999');
    expect(rows).toHaveLength(999);
    expect(rows.every((r) => r.line >= 2 && r.line <= 1001)).toBe(true);
  });

  it('holds a quoted value of many lines whole, past the segment sizes, and reads it as one value', () => {
    const note = Array.from({ length: 600 }, (_, i) => `line ${i}, with a comma`).join('\n');
    const text = `a,b,c\nAnn,"${note}",x\nBob,plain,y\n`;
    const got = streamed(
      text,
      Array.from({ length: 40 }, (_, i) => i / 40),
      256,
      2048,
    );
    expect(text.length).toBeGreaterThan(4 * 2048);
    expect(got.rows).toEqual([
      { line: 2, cells: ['Ann', note, 'x'] },
      { line: 602, cells: ['Bob', 'plain', 'y'] },
    ]);
    expect(got.issues).toEqual([]);
  });

  it('steps over a record whose quoted value runs past the longest kept, reported once, its lines never made records', () => {
    const note = Array.from({ length: 500 }, (_, i) => `call ${i},Sam,about "renewal"`).join('\n');
    for (const eol of ['\n', '\r\n']) {
      const text = ['a,b,c,d', 'n1,v1,w1,x1', `n2,v2,"${note.replace(/"/g, '""')}",x2`, 'n3,v3,w3,x3'].join(eol) + eol;
      const stream = new CsvStream({ segmentChars: 256, maxSegmentChars: 2048, maxQuotedChars: 1024, entry: 'c.csv' });
      let held = 0;
      const pieces: CsvPiece[] = [];
      for (let i = 0; i < text.length; i += 100) {
        pieces.push(stream.push(text.slice(i, i + 100)));
        held = Math.max(held, stream.bufferedChars);
      }
      pieces.push(stream.end());
      expect(held).toBeLessThan(2048 + 100);
      expect(pieces.flatMap((p) => p.rows)).toEqual([
        { line: 2, cells: ['n1', 'v1', 'w1', 'x1'] },
        { line: 503, cells: ['n3', 'v3', 'w3', 'x3'] },
      ]);
      expect(pieces.flatMap((p) => p.issues)).toEqual([
        {
          line: 3,
          code: 'record_too_long',
          message: 'the record on lines 3–502 holds a quoted value over 1,024 characters; skipped',
          dropped: true,
          entry: 'c.csv',
        },
      ]);
    }
  });

  it('reports a record whose over-long quoted value never closes as running to the end of the text', () => {
    const note = Array.from({ length: 200 }, (_, i) => `call ${i}`).join('\n');
    const stream = new CsvStream({ segmentChars: 64, maxQuotedChars: 512 });
    const first = stream.push(`a,b,c\nn1,v1,w1\nn2,"${note}\n`);
    const last = stream.end();
    expect([...first.rows, ...last.rows]).toEqual([{ line: 2, cells: ['n1', 'v1', 'w1'] }]);
    expect([...first.issues, ...last.issues].map((i) => [i.line, i.code, i.message])).toEqual([
      [3, 'record_too_long', 'the record on lines 3–203 holds a quoted value over 512 characters; skipped'],
    ]);
  });

  it('steps over a line longer than the longest kept, without holding it, and reads the lines after it', () => {
    const long = `Ann,${'x'.repeat(10_000)}`;
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['a,b', 'n1,v1', long, 'n3,v3', long, 'n5,v5'].join(eol) + eol;
      const stream = new CsvStream({ segmentChars: 256, maxSegmentChars: 2048, entry: 'c.csv' });
      let held = 0;
      const pieces: CsvPiece[] = [];
      for (let i = 0; i < text.length; i += 100) {
        pieces.push(stream.push(text.slice(i, i + 100)));
        held = Math.max(held, stream.bufferedChars);
      }
      pieces.push(stream.end());
      expect(held).toBeLessThan(2048 + 100);
      expect(pieces.flatMap((p) => p.rows)).toEqual([
        { line: 2, cells: ['n1', 'v1'] },
        { line: 4, cells: ['n3', 'v3'] },
        { line: 6, cells: ['n5', 'v5'] },
      ]);
      expect(pieces.flatMap((p) => p.issues)).toEqual(
        [3, 5].map((line) => ({
          line,
          code: 'line_too_long',
          message: `line ${line} runs over 2,048 characters without a line break; skipped`,
          dropped: true,
          entry: 'c.csv',
        })),
      );
    }
  });

  it('chooses the separator from the first line', () => {
    const text = 'First Name;Last Name\nAda;Lovelace\n';
    const stream = new CsvStream({ delimiterOf: (line) => (line.includes(';') ? ';' : ',') });
    stream.push(text);
    expect(stream.end()).toEqual({
      header: ['First Name', 'Last Name'],
      rows: [{ line: 2, cells: ['Ada', 'Lovelace'] }],
      issues: [],
    });
  });

  it('never throws on CSV-ish noise in any pieces, and its lines stay within the text', () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', ',', '\n', '\r\n', '\r', '""', '\uFEFF'));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 80 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 32 }),
        (pieces, cuts, segment) => {
          const text = pieces.join('');
          const got = streamed(text, cuts, segment, 4 * segment);
          const total = (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
          for (const x of [...got.rows, ...got.issues]) {
            expect(x.line).toBeGreaterThanOrEqual(1);
            expect(x.line).toBeLessThanOrEqual(total);
          }
          const lines = got.rows.map((r) => r.line);
          for (let i = 1; i < lines.length; i++) expect(lines[i]).toBeGreaterThan(lines[i - 1] as number);
        },
      ),
      { numRuns: 300 },
    );
  });
});
