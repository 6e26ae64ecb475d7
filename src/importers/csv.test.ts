import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerIndex, readCsv } from './csv.js';

const lineOf = (t: ReturnType<typeof readCsv>) => t.rows.map((r) => r.line);

describe('readCsv', () => {
  it('takes the first record as the header and numbers rows by the line they start on', () => {
    const t = readCsv('name,email\nAda,ada@example.com\n\nGrace,grace@example.com\n');
    expect(t.header).toEqual(['name', 'email']);
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 2, cells: ['Ada', 'ada@example.com'] },
      { line: 4, cells: ['Grace', 'grace@example.com'] },
    ]);
    expect(t.issues).toEqual([]);
  });

  it('keeps line numbers right across CRLF and quoted values spanning lines', () => {
    const text = 'a,b\r\n"one\r\ntwo\r\nthree",x\r\n2,"multi\nline"\r\n3,y\r\n"""quoted"", comma",z\r\n';
    const t = readCsv(text);
    expect(lineOf(t)).toEqual([2, 5, 7, 8]);
    expect(t.rows[0]?.cells).toEqual(['one\r\ntwo\r\nthree', 'x']);
    expect(t.rows[3]?.cells).toEqual(['"quoted", comma', 'z']);
  });

  it('reads mixed line endings (CRLF, LF, CR) as records, not as text inside a value', () => {
    const t = readCsv('a,b\r\n1,2\n3,4\r5,6');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(lineOf(t)).toEqual([2, 3, 4]);
  });

  it('drops a BOM and rows of blanks', () => {
    const t = readCsv('\uFEFFFirst Name,Last\n  ,  \nZoë,Ek\n');
    expect(t.header).toEqual(['First Name', 'Last']);
    expect(t.rows).toEqual([{ line: 3, cells: ['Zoë', 'Ek'] }]);
  });

  it('reads a quote inside a value as written, and turns a stray quote after a quoted one into one issue', () => {
    const t = readCsv('a,b\n1,2\n3,x"y\n4,5\n"6",7"\n\n8,9\n', { entry: 'messages.csv' });
    expect(t.rows.map((r) => [r.line, r.cells[0], r.cells[1]])).toEqual([
      [2, '1', '2'],
      [3, '3', 'x"y'],
      [4, '4', '5'],
      [7, '8', '9'],
    ]);
    expect(t.issues.map((i) => [i.line, i.code, i.entry])).toEqual([[5, 'bad_csv_record', 'messages.csv']]);
  });

  it('keeps a value with several quotes inside (Bob "the builder", 5" screen) as written, and the lines after it', () => {
    const t = readCsv('a,b\nBob "the builder",Smith\nAnn,Lee\n5" screen,x"y"z\r\nEnd,1\n');
    expect(t.issues).toEqual([]);
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, 'Bob "the builder"', 'Smith'],
      [3, 'Ann', 'Lee'],
      [4, '5" screen', 'x"y"z'],
      [5, 'End', '1'],
    ]);
  });

  it('reports an unclosed quote where its record starts, and still reads the lines after it', () => {
    const t = readCsv('a,b\n1,2\n\n"3,4\n5,6\n7,8\n');
    expect(t.issues.map((i) => i.line)).toEqual([4]);
    expect(t.issues[0]?.message).toMatch(/never closed/);
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', '2']],
      [5, ['5', '6']],
      [6, ['7', '8']],
    ]);
  });

  it('reports an unclosed quote after a row of empty values on its own line, not on that row', () => {
    const t = readCsv('a,b,c\r\n1,2,3\r\n,,\r\n"4,5,6\r\n7,8,9\r\n');
    expect(t.issues.map((i) => [i.line, i.message])).toEqual([
      [4, 'malformed CSV record (a quoted value is never closed); it was skipped'],
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it('reports one issue for a quoted value with text after its closing quote, even across lines', () => {
    const t = readCsv('a,b\n"1\n2"x,3\n5,6\n');
    expect(t.issues.map((i) => i.line)).toEqual([2]);
    expect(t.rows).toEqual([{ line: 4, cells: ['5', '6'] }]);
  });

  it('says which lines a skipped record took when it ran over several', () => {
    const t = readCsv('a,b\n"x,1\nok,2\nok,3\n"y,4\nok,5\n');
    expect(t.issues.map((i) => [i.line, i.message])).toEqual([
      [2, 'malformed CSV record (text right after a closing quote) on lines 2–5; it was skipped'],
    ]);
    expect(t.rows).toEqual([{ line: 6, cells: ['ok', '5'] }]);
  });

  it('finds a header below a preamble, and gives no rows when there is none', () => {
    const text =
      'Notes:\n"When exporting your connection data, you may notice that some, not all, emails are missing."\n\nFirst Name,Last Name\nZoë,Ek\n';
    const isHeader = (cells: readonly string[]) => cells.includes('First Name');
    const t = readCsv(text, { findHeader: isHeader });
    expect(t.headerLine).toBe(4);
    expect(t.rows).toEqual([{ line: 5, cells: ['Zoë', 'Ek'] }]);
    expect(readCsv('x,y\n1,2\n', { findHeader: isHeader })).toMatchObject({ header: [], headerLine: null, rows: [] });
  });

  it('reads a long file below a preamble the same way, a quoted line break in the preamble included', () => {
    const body = Array.from({ length: 80 }, (_, i) => `P${i},"Q, ${i}"`).join('\n');
    const text = `Notes:\n"a note\nover two lines"\n\nFirst Name,Last Name\n${body}\n"broken,x\n`;
    const t = readCsv(text, { findHeader: (cells) => cells.includes('First Name') });
    expect(t.headerLine).toBe(5);
    expect(t.rows).toHaveLength(80);
    expect(t.rows[0]).toEqual({ line: 6, cells: ['P0', 'Q, 0'] });
    expect(t.rows[79]?.line).toBe(85);
    expect(t.issues.map((i) => i.line)).toEqual([86]);
  });

  it('takes the width of the header findHeader picks, not a preamble line above it, to skip only the line a stray quote breaks', () => {
    const isHeader = (cells: readonly string[]) => cells.includes('First Name');
    const preamble = 'Notes:\n"When exporting your connection data, some emails are missing."\n\n';
    const rows = ['Al,"Foo,1', 'Bea,Bar,2', 'Cy,"Baz, Ltd",3', 'Di,Qux,4'];
    for (const extra of [0, 80]) {
      const more = Array.from({ length: extra }, (_, i) => `E${i},"Co, ${i}",${i}`);
      const text = `${preamble}First Name,Company,N\n${[...rows, ...more].join('\n')}\n`;
      const t = readCsv(text, { findHeader: isHeader, width: 'header' });
      expect(t.headerLine).toBe(4);
      expect(t.issues.map((i) => [i.line, i.message])).toEqual([
        [5, 'malformed CSV record (a stray quote at the start of a value); it was skipped'],
      ]);
      expect(t.rows.slice(0, 3)).toEqual([
        { line: 6, cells: ['Bea', 'Bar', '2'] },
        { line: 7, cells: ['Cy', 'Baz, Ltd', '3'] },
        { line: 8, cells: ['Di', 'Qux', '4'] },
      ]);
      expect(t.rows).toHaveLength(3 + extra);
    }
  });

  it('gives an empty table for empty text', () => {
    expect(readCsv('')).toEqual({ header: [], headerLine: null, rows: [], issues: [] });
  });

  it('reads back what a CSV writer wrote, with each record on the line it starts', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', 'é ü 🎉', ''),
    );
    const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const breaks = (v: string) => v.match(/\r\n|\r|\n/g)?.length ?? 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          // a first cell that is never blank, as readCsv drops rows of blanks
          const records = [['h1', 'h2'], ...rows.map(([first, ...rest]) => [`k${first ?? ''}`, ...rest])];
          const text = records.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const expected: number[] = [];
          let line = 1;
          for (const r of records) {
            expected.push(line);
            line += 1 + r.reduce((n, v) => n + breaks(v), 0);
          }
          const t = readCsv(text);
          expect(t.issues).toEqual([]);
          expect(t.rows.map((r) => r.cells)).toEqual(records.slice(1));
          expect(lineOf(t)).toEqual(expected.slice(1));
        },
      ),
    );
  });

  it('never throws on CSV-ish noise, and its lines go forward within the text', () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', ',', '\n', '\r\n', '\r', '""', '\uFEFF'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const t = readCsv(text);
        const total = (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
        const lines = [t.headerLine ?? 0, ...lineOf(t)];
        for (let i = 1; i < lines.length; i++) expect(lines[i]).toBeGreaterThan(lines[i - 1] as number);
        for (const i of t.issues) expect(i.line).toBeGreaterThanOrEqual(1);
        for (const i of t.issues) expect(i.line).toBeLessThanOrEqual(total);
      }),
      { numRuns: 300 },
    );
  });
});

describe('headerIndex', () => {
  it('finds columns by name whatever the case and spacing, the first of duplicates, -1 when missing', () => {
    const col = headerIndex([' First Name ', 'E-mail 1 - Value', 'URL', 'url']);
    expect(col('first name')).toBe(0);
    expect(col('E-MAIL 1 - VALUE')).toBe(1);
    expect(col('URL')).toBe(2);
    expect(col('Company')).toBe(-1);
  });
});
