import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { table } from './output.js';

const plain = (s: string) => stripAnsi(s).split('\n');

describe('table', () => {
  it('aligns columns to their widest cell, right-aligned where asked, three spaces apart', () => {
    expect(
      plain(
        table(
          ['id', 'name'],
          [
            [1, 'Ann Lee'],
            [22, 'Bo'],
          ],
          ['right', 'left'],
        ),
      ),
    ).toEqual(['id   name', ' 1   Ann Lee', '22   Bo']);
  });

  it('measures wide characters and colour codes by the columns they take on a terminal', () => {
    const lines = plain(
      table(
        ['name', 'org'],
        [
          ['日本語', 'A'],
          ['\u001b[32mgreen\u001b[39m', 'B'],
        ],
      ),
    );
    expect(lines).toEqual(['name     org', '日本語   A', 'green    B']);
  });

  it('makes a row as tall as its cell of most lines', () => {
    expect(
      plain(
        table(
          ['id', 'note'],
          [
            [1, 'first\nsecond'],
            [2, 'x'],
          ],
          ['right', 'left'],
        ),
      ),
    ).toEqual(['id   note', ' 1   first', '     second', ' 2   x']);
  });

  it('renders twenty thousand rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [i, `Person ${i}`, 'active']);
    const lines = table(['id', 'name', 'class'], rows, ['right', 'left', 'left']).split('\n');
    expect(lines).toHaveLength(20_001);
    expect(stripAnsi(lines[20_000] ?? '')).toBe('19999   Person 19999   active');
  });
});
