import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { logInteraction } from '../../app/interactions.js';
import { addPerson } from '../../app/people.js';
import { rescoreIfStale } from '../../app/rescore.js';
import { loadSummaries } from '../summary.repository.js';
import { createWorkspace, getSetting, SUMMARIES_STALE } from '../workspace.repository.js';
import { scoresAfterUpgrade } from './0030-scores-after-upgrade.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0030: scores out of date after an upgrade', () => {
  it('marks each workspace holding summaries, whose next command folds them again once', async () => {
    const db = t.store.db;
    const ann = await addPerson(t.ctx, { name: 'Ann', emails: ['ann@x.org'] });
    await logInteraction(t.ctx, { people: ['ann@x.org'], channel: 'meeting' });
    const empty = await createWorkspace(db, 'empty', T0);
    await scoresAfterUpgrade('sqlite').up(db);
    await scoresAfterUpgrade('sqlite').up(db);
    expect(await getSetting(db, t.ctx.workspaceId, SUMMARIES_STALE)).toBeDefined();
    expect(await getSetting(db, empty, SUMMARIES_STALE)).toBeUndefined();
    const right = await loadSummaries(db, t.ctx.workspaceId, [ann.id]);
    await db.updateTable('summaries').set({ interactions: 0 }).execute();
    expect(await rescoreIfStale(t.ctx)).toEqual({ people: 1, events: 1 });
    expect(await loadSummaries(db, t.ctx.workspaceId, [ann.id])).toEqual(right);
    expect(await getSetting(db, t.ctx.workspaceId, SUMMARIES_STALE)).toBeUndefined();
    expect(await rescoreIfStale(t.ctx)).toBeUndefined();
  });
});
