import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hours, T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { BulkLoader } from '../../app/bulk-load.js';
import { createPerson } from '../../app/people.js';
import { bulkAnswers } from './0012-bulk-answers.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0012: answers to bulk mail', () => {
  it('clears the first-answer mark of answers to the user’s bulk mail and keeps the others', async () => {
    const db = t.store.db;
    const loader = new BulkLoader(t.ctx, db);
    const ana = await createPerson(t.ctx, db, { name: 'Ana Lima' });
    const mail = async (at: number, direction: 'in' | 'out', replyToId: number | null, audience?: number) =>
      (await loader.interaction({
        at,
        channel: 'email',
        direction,
        depth: 'substantive',
        participantIds: [ana],
        fromPersonId: direction === 'in' ? ana : null,
        minutes: null,
        note: null,
        source: 'test',
        externalId: null,
        replyToId,
        audience,
      })) as number;
    const newsletter = await mail(T0 - hours(10), 'out', null, 40);
    const answerToNewsletter = await mail(T0 - hours(9), 'in', newsletter);
    const note = await mail(T0 - hours(8), 'out', null);
    const answerToNote = await mail(T0 - hours(7), 'in', note);
    await loader.finish();
    // as an older version marked them
    await db
      .updateTable('participations')
      .set({ first_answer: 1 })
      .where('interaction_id', '=', answerToNewsletter)
      .execute();
    await bulkAnswers('sqlite').up(db);
    const firsts = await db
      .selectFrom('participations')
      .select('interaction_id')
      .where('first_answer', '=', 1)
      .execute();
    expect(firsts.map((r) => Number(r.interaction_id))).toEqual([answerToNote]);
  });
});
