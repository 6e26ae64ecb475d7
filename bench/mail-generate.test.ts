import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/store.js';
import { MAIL_END, MAIL_START, type MboxStats, writeMbox } from './mail-generate.js';

/** The mbox generator at a small size, so CI exercises it (and the importer on it) without the cost. */
const OPTS = { messages: 2_000, seed: 11, owner: 'robin.carter@example.com', people: 300 };

// The importer is being written beside this benchmark: without it, the parse check is skipped.
type ImportFiles = typeof import('../src/app/import/index.js').importFiles;
let importFiles: ImportFiles | undefined;
let missing = '';
try {
  ({ importFiles } = await import('../src/app/import/index.js'));
} catch (error) {
  missing = error instanceof Error ? error.message : String(error);
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

describe('the mbox generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-mail-generate-'));
  const file = join(dir, 'a.mbox');
  let stats: MboxStats;
  let text: string;

  beforeAll(async () => {
    stats = await writeMbox(file, OPTS);
    text = readFileSync(file, 'utf8');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic for a seed, and another seed gives another file', async () => {
    const again = join(dir, 'b.mbox');
    expect(await writeMbox(again, OPTS)).toEqual(stats);
    expect(digest(again)).toBe(digest(file));
    const other = join(dir, 'c.mbox');
    await writeMbox(other, { ...OPTS, seed: 12 });
    expect(digest(other)).not.toBe(digest(file));
  });

  it('returns the counts that are in the file', () => {
    expect(statSync(file).size).toBe(stats.bytes);
    expect(count(text, /^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/gm)).toBe(OPTS.messages);
    // every line starting with "From " is a separator: body lines are escaped
    expect(count(text, /^From /gm)).toBe(OPTS.messages);
    expect(stats.messages).toBe(OPTS.messages);
    expect(count(text, /^In-Reply-To: </gm)).toBe(stats.replies);
    expect(count(text, /^References: </gm)).toBe(stats.replies);
    expect(count(text, /^Message-ID: </gm)).toBe(OPTS.messages);
    expect(count(text, /^From: .*<robin\.carter@example\.com>$/gm)).toBe(stats.fromOwner);
    expect(count(text, /^List-Id: /gm)).toBe(stats.lists);
    expect(count(text, /^From: .*<(no-?reply|notifications|notifications-noreply|donotreply|mailer-daemon)@/gm)).toBe(
      stats.automated,
    );
  });

  it('has the shape the benchmark relies on', () => {
    // about 40% replies, a third from the owner, some automated and list mail, some escaped lines
    expect(stats.replies / stats.messages).toBeGreaterThan(0.3);
    expect(stats.replies / stats.messages).toBeLessThan(0.5);
    expect(stats.fromOwner / stats.messages).toBeGreaterThan(0.2);
    expect(stats.automated).toBeGreaterThan(0);
    expect(stats.lists).toBeGreaterThan(0);
    expect(count(text, /^>From /gm)).toBeGreaterThan(0);
    expect(count(text, /^(From|To|Cc): .*=\?UTF-8\?[BQ]\?/gm)).toBeGreaterThan(0);
    expect(count(text, /^(From|To|Cc): .*"[^"]+, [^"]+" </gm)).toBeGreaterThan(0);
    expect(count(text, /^Subject: (Re|RE|AW): /gm)).toBeGreaterThan(0);
    expect(count(text, /^Subject: Fwd: /gm)).toBeGreaterThan(0);
    expect(count(text, /^Received: /gm)).toBeGreaterThanOrEqual(OPTS.messages);
    // no message ids repeat
    const ids = text.match(/^Message-ID: <[^>]+>/gm) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    // dates lie in the generator's span, roughly in order
    const froms = [...text.matchAll(/^From \S+ (\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4})$/gm)].map((m) =>
      Date.parse(`${m[1]} UTC`),
    );
    expect(Math.min(...froms)).toBeGreaterThanOrEqual(MAIL_START);
    expect(Math.max(...froms)).toBeLessThanOrEqual(MAIL_END);
    expect(froms[froms.length - 1] ?? 0).toBeGreaterThan(froms[0] ?? 0);
  });

  it.skipIf(importFiles === undefined)("parses with the project's mbox importer", async () => {
    if (!importFiles) return;
    const t = await openTestDatabase(MAIL_END);
    try {
      const report = await importFiles(t.ctx, 'mbox', [file], { me: [OPTS.owner] });
      // person-to-person mail becomes interactions; automated and list mail is skipped
      const expected = stats.messages - stats.automated - stats.lists;
      expect(report.issues).toEqual([]);
      expect(report.interactions.created).toBeGreaterThan(expected * 0.98);
      expect(report.interactions.created).toBeLessThanOrEqual(expected);
      expect(report.skipped.automated ?? 0).toBe(stats.automated);
      expect((report.skipped.mailing_list ?? 0) + (report.skipped.not_involved ?? 0)).toBe(stats.lists);
      expect(report.people.created).toBeGreaterThan(OPTS.people * 0.3);
      expect(report.people.created).toBeLessThanOrEqual(OPTS.people);
      const linked = t.store.sqlite
        ?.prepare('SELECT count(*) FROM interactions WHERE reply_to_id IS NOT NULL')
        .pluck()
        .get() as number;
      // replies on person-to-person threads are linked to the message they answer
      expect(linked).toBeGreaterThan(stats.replies * 0.8);
      const again = await importFiles(t.ctx, 'mbox', [file], { me: [OPTS.owner] });
      expect(again.interactions.created).toBe(0);
      expect(again.interactions.duplicates).toBe(report.interactions.created);
    } finally {
      await t.close();
    }
  });

  if (importFiles === undefined)
    it('(the importer check is skipped: src/app/import/index.ts does not load yet)', () => {
      console.warn(`mail-generate.test: skipping the importer check: ${missing}`);
    });
});
