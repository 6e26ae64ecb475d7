import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import {
  fileName,
  formatEta,
  formatRate,
  keepEnd,
  measure,
  type ProgressView,
  progressLabel,
  progressLine,
  renderProgress,
} from './progress.js';

// half of a large mailbox read in 20 s, the last 10 s at 9,512 messages (2 MB) a second: 61 s left
const messages: ProgressView = {
  stage: 'messages',
  done: 120_000_000,
  total: 242_000_000,
  records: 99_000,
  seconds: 20,
  recent: { seconds: 10, done: 20_000_000, count: 95_120 },
};
const secondFile = { name: '/home/ann/Mail/Archive of all my mail 2019.mbox', index: 2, count: 3 };
const WIDTHS = [200, 120, 100, 80, 70, 60, 50, 45, 40, 30, 20, 10, 1];

describe('progress line', () => {
  it('never takes more columns than the terminal has, at any width', () => {
    for (const view of [
      messages,
      { ...messages, file: secondFile },
      { ...messages, file: { ...secondFile, name: '/tmp/日本語のメール/受信箱.mbox' } },
      { stage: 'scoring', done: 94, total: 94, seconds: 0.2 },
      { stage: 'finding your address', done: 0, total: 0, seconds: 0 },
    ])
      for (const width of WIDTHS) expect(stringWidth(progressLine(view, width)), `${width}`).toBeLessThanOrEqual(width);
  });

  it('shows the count, the rate and the time left whole at 80 and 60 columns, with a bar at 80', () => {
    expect(progressLine(messages, 80)).toMatch(/^messages [█░]{5,40} 49% \| 99,000 read \| 9,512\/s \| eta 1m 01s$/);
    expect(progressLine(messages, 60)).toMatch(/ 99,000 read \| 9,512\/s \| eta 1m 01s$/);
    const named = { ...messages, file: secondFile };
    for (const width of [80, 60]) expect(progressLine(named, width)).toMatch(/ 99,000 read \| 9,512\/s \| eta 1m 01s$/);
  });

  it('shrinks the bar first, down to none, before anything else goes', () => {
    const bars = WIDTHS.map((w) => renderProgress(messages, w).bar);
    expect(bars[0]).toBe(40); // never wider than 40
    for (let i = 1; i < bars.length; i++) expect(bars[i]).toBeLessThanOrEqual(bars[i - 1] ?? 0);
    // at 50 columns no bar, the label and every number still there
    expect(progressLine(messages, 50)).toBe('messages 49% | 99,000 read | 9,512/s | eta 1m 01s');
    // narrower, the percentage goes first, then the rate; the count stays longest
    expect(progressLine(messages, 43)).toBe('messages 99,000 read | 9,512/s | eta 1m 01s');
    expect(progressLine(messages, 42)).toBe('messages 99,000 read | eta 1m 01s');
    expect(progressLine(messages, 34)).toBe('messages 99,000 read | eta 1m 01s');
    expect(progressLine(messages, 20)).toBe('messages 99,000 read');
    expect(progressLine(messages, 5)).toBe('messa');
  });

  it('draws no narrower bar than asked, so it does not jitter as the numbers change width', () => {
    expect(renderProgress(messages, 200, 12).bar).toBe(12);
  });

  it('writes counts with thousands separators, a count of a total as done/total', () => {
    expect(progressLine({ stage: 'scoring', done: 2000, total: 2999, seconds: 0.5 }, 80)).toMatch(
      / 66% \| 2,000\/2,999$/,
    );
  });
});

describe('the file of several', () => {
  it('names the file and its place in the label', () => {
    expect(progressLabel('messages', { name: 'a.mbox', index: 2, count: 3 })).toBe('messages · a.mbox (2 of 3)');
    expect(progressLine({ ...messages, file: { name: 'a.mbox', index: 2, count: 3 } }, 100)).toMatch(
      /^messages · a\.mbox \(2 of 3\) [█░]+ 49% \| 99,000 read \| 9,512\/s \| eta 1m 01s$/,
    );
  });

  it('says nothing of files when there is one', () => {
    expect(progressLabel('messages', undefined)).toBe('messages');
    expect(progressLabel('messages', { name: 'a.mbox', index: 1, count: 1 })).toBe('messages');
  });

  it("cuts a long name at its start, and leaves it out before the file's place when room is short", () => {
    const label = progressLabel('messages', secondFile);
    expect(label).toBe('messages · …l my mail 2019.mbox (2 of 3)');
    const named = { ...messages, file: secondFile };
    expect(progressLine(named, 80)).toContain('(2 of 3)');
    expect(progressLine(named, 70)).toBe('messages · …019.mbox (2 of 3) 49% | 99,000 read | 9,512/s | eta 1m 01s');
    expect(progressLine(named, 65)).toBe('messages (2 of 3) 49% | 99,000 read | 9,512/s | eta 1m 01s');
    expect(progressLine(named, 50)).toBe('messages (2 of 3) 99,000 read | eta 1m 01s');
  });

  it('shows a file inside the working folder as given, another by its name (and folder, when the name says little)', () => {
    expect(fileName('/home/ann/mail/a.mbox', '/home/ann')).toBe('mail/a.mbox');
    expect(fileName('/tmp/b.mbox', '/home/ann')).toBe('b.mbox');
    expect(fileName('/Users/ann/Mail/Inbox.mbox/mbox', '/home/ann')).toBe('Inbox.mbox/mbox');
    expect(fileName('/tmp/a\u001b[2Jb.mbox', '/home/ann')).toBe('a\\x1b[2Jb.mbox');
  });

  it('keeps the end of a name by the columns its characters take', () => {
    expect(keepEnd('受信箱受信箱.mbox', 10)).toBe('…信箱.mbox');
    expect(keepEnd('受信箱受信箱.mbox', 9)).toBe('…箱.mbox');
    expect(stringWidth(keepEnd('受信箱受信箱.mbox', 10))).toBeLessThanOrEqual(10);
  });
});

describe('the rate and the time left', () => {
  it('are not shown before they can be measured: no "0/s" right after the start', () => {
    const start = { stage: 'messages', done: 1_000_000, total: 242_000_000, records: 801, seconds: 0.3 };
    expect(measure({ ...start, recent: { seconds: 0, done: 0, count: 0 } })).toEqual({});
    expect(progressLine({ ...start, recent: { seconds: 0, done: 0, count: 0 } }, 80)).toMatch(/ 0% \| 801 read$/);
    // reports under a second apart: still not measured
    expect(measure({ ...start, seconds: 3, recent: { seconds: 0.5, done: 500_000, count: 400 } })).toEqual({});
  });

  it('are measured over the recent reports, not a slow start', () => {
    expect(measure(messages)).toEqual({ rate: 9512, eta: 61 });
  });

  it('a stage finished sooner shows its real rate over the time it took, and no time left', () => {
    const scoring = { stage: 'scoring', done: 94, total: 94, seconds: 0.2, recent: { seconds: 0, done: 0, count: 0 } };
    expect(measure(scoring)).toEqual({ rate: 470 });
    expect(progressLine(scoring, 80)).toMatch(/ 100% \| 94\/94 \| 470\/s$/);
    expect(progressLine(scoring, 80)).not.toContain('0/s |');
  });

  it('a stage without reports between is measured over its whole time once it ran a second', () => {
    expect(measure({ stage: 'rescoring', done: 500, total: 1000, seconds: 2 })).toEqual({ rate: 250, eta: 2 });
    expect(measure({ stage: 'rescoring', done: 0, total: 1000, seconds: 2 })).toEqual({});
  });

  it('are written with separators and in minutes and hours when long', () => {
    expect(formatRate(9512.4)).toBe('9,512/s');
    expect(formatRate(2.54)).toBe('2.5/s');
    expect(formatEta(0.2)).toBe('1s');
    expect(formatEta(65)).toBe('1m 05s');
    expect(formatEta(2 * 3600 + 5 * 60 + 3)).toBe('2h 05m');
  });
});
