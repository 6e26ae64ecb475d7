import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { importFiles } from '../../app/import/index.js';
import { rescoreIfStale } from '../../app/rescore.js';
import { loadSummaries } from '../summary.repository.js';
import { getSetting, SUMMARIES_STALE } from '../workspace.repository.js';
import { followUps } from './0031-follow-ups.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(Date.UTC(2024, 3, 10));
});
afterEach(async () => {
  await t.close();
});

const ME = 'me@example.com';
const mail = (lines: string[]) => `From x Mon Jan  1 00:00:00 2024\n${lines.join('\n')}\n\nBody\n\n`;

describe('migration 0031: the user’s messages awaiting an answer, with the one each follows up', () => {
  it('adds them to every summary by folding the workspace again at its next command', async () => {
    const text = [
      mail([
        `From: ${ME}`,
        'To: w@w.example',
        'Subject: Plan',
        'Date: Mon, 1 Apr 2024 09:00:00 +0000',
        'Message-ID: <a@me>',
      ]),
      mail([
        `From: ${ME}`,
        'To: w@w.example',
        'Subject: Re: Plan',
        'Date: Wed, 3 Apr 2024 09:00:00 +0000',
        'Message-ID: <b@me>',
        'In-Reply-To: <a@me>',
      ]),
    ].join('');
    const path = join(dirname(t.path), 'a.mbox');
    writeFileSync(path, text);
    await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
    const db = t.store.db;
    const ids = (await db.selectFrom('summaries').select('person_id').execute()).map((r) => Number(r.person_id));
    const right = await loadSummaries(db, t.ctx.workspaceId, ids);
    expect(right.get(ids[0] ?? 0)?.respWaiting).toEqual([
      [Date.UTC(2024, 3, 1, 9), null],
      [Date.UTC(2024, 3, 3, 9), Date.UTC(2024, 3, 1, 9)],
    ]);
    // as an earlier release left the database
    await sql`ALTER TABLE summaries DROP COLUMN resp_waiting`.execute(db);
    await followUps('sqlite').up(db);
    expect(await getSetting(db, t.ctx.workspaceId, SUMMARIES_STALE)).toBe('migration 0031');
    expect((await loadSummaries(db, t.ctx.workspaceId, ids)).get(ids[0] ?? 0)?.respWaiting).toEqual([]);
    expect(await rescoreIfStale(t.ctx)).toEqual({ people: 1, events: 2 });
    expect(await loadSummaries(db, t.ctx.workspaceId, ids)).toEqual(right);
    expect(await getSetting(db, t.ctx.workspaceId, SUMMARIES_STALE)).toBeUndefined();
  });
});
