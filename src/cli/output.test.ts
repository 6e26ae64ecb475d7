import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { clip, table } from './output.js';

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

  it('cuts a cell wider than its column may be, so one long name does not widen every row', () => {
    const long = 'x'.repeat(100_000);
    const lines = plain(table(['id', 'name', 'org'], [[1, long, 'Acme']], ['right', 'left', 'left'], [undefined, 8]));
    expect(lines).toEqual(['id   name       org', ' 1   xxxxxxx…   Acme']);
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

describe('clip', () => {
  it('cuts by terminal columns and whole characters, an ellipsis last', () => {
    expect(clip('Ann Lee', 8)).toBe('Ann Lee');
    expect(clip('Annabelle Lee', 8)).toBe('Annabel…');
    // wide characters take two columns, and a family emoji is one character
    expect(clip('日本語の名前', 8)).toBe('日本語…');
    expect(clip('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 5)).toBe('👩‍👩‍👧👩‍👩‍👧…');
    expect(clip('anything', undefined)).toBe('anything');
  });
});
