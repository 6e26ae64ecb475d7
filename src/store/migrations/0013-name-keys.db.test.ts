import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { nameKeys } from './0013-name-keys.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0013: name keys', () => {
  it('computes every stored key again, so that O’Brien and O’Brien-with-another-apostrophe share one', async () => {
    const db = t.store.db;
    const a = await createPerson(t.ctx, db, { name: "Seán O'Brien" });
    const b = await createPerson(t.ctx, db, { name: 'Raj Patel, MBA' });
    // as an older version keyed them
    await db.updateTable('people').set({ name_key: "sean o'brien" }).where('id', '=', a).execute();
    await db.updateTable('people').set({ name_key: 'raj patel mba' }).where('id', '=', b).execute();
    await nameKeys('sqlite').up(db);
    const rows = await db.selectFrom('people').select(['id', 'name_key']).orderBy('id').execute();
    expect(rows.map((r) => [Number(r.id), r.name_key])).toEqual([
      [a, 'sean obrien'],
      [b, 'raj patel'],
    ]);
  });
});
