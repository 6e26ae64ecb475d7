import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { importFiles } from '../../app/import/index.js';
import { rescore } from '../../app/rescore.js';
import { showPerson } from '../../app/show-person.js';
import { loadSummaries } from '../summary.repository.js';
import { answersUnseen } from './0028-answers-unseen.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(Date.UTC(2024, 3, 10));
});
afterEach(async () => {
  await t.close();
});

const ME = 'me@example.com';
const mail = (lines: string[]) => `From x Mon Jan  1 00:00:00 2024\n${lines.join('\n')}\n\nBody\n\n`;

describe('migration 0028: answers to a message their sender was not in', () => {
  it('makes them start nothing, as an earlier release did not, and leaves the other rows alone', async () => {
    const text = [
      mail([
        `From: ${ME}`,
        'To: w@w.example',
        'Subject: Solo',
        'Date: Wed, 3 Apr 2024 09:00:00 +0000',
        'Message-ID: <g3@c>',
      ]),
      mail([
        'From: v@v.example',
        `To: ${ME}`,
        'Subject: Re: Solo',
        'Date: Thu, 4 Apr 2024 12:00:00 +0000',
        'Message-ID: <g4@c>',
        'In-Reply-To: <g3@c>',
      ]),
      mail([`From: v@v.example`, `To: ${ME}`, 'Subject: News', 'Date: Fri, 5 Apr 2024 12:00:00 +0000']),
    ].join('');
    const path = join(dirname(t.path), 'a.mbox');
    writeFileSync(path, text);
    await importFiles(t.ctx, 'mbox', [path], { me: [ME] });
    const db = t.store.db;
    const stored = () =>
      db
        .selectFrom('participations')
        .select(['interaction_id', 'person_id', 'parent_at', 'parent_role'])
        .orderBy('interaction_id')
        .execute();
    const now = await stored();
    // as an earlier release stored V's answer: answering nothing, for V
    await db
      .updateTable('participations')
      .set({ parent_at: null, parent_role: null })
      .where('parent_at', 'is not', null)
      .execute();
    const v = (await showPerson(t.ctx, 'v@v.example')).person;
    // exchanges V started, as the summary counts them (decayed by days: rounded)
    const started = async () =>
      Math.round((await loadSummaries(db, t.ctx.workspaceId, [v.id])).get(v.id)?.initThem ?? -1);
    await rescore(t.ctx);
    expect(await started()).toBe(2);
    await answersUnseen('sqlite').up(db);
    await answersUnseen('sqlite').up(db);
    expect(await stored()).toEqual(now);
    expect(now.filter((r) => r.parent_at !== null)).toHaveLength(1);
    await rescore(t.ctx);
    // V's news starts an exchange; the answer does not
    expect(await started()).toBe(1);
  });
});
