import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { nameKeys } from './0013-name-keys.js';
import { migrations } from './index.js';

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

  it('runs again as 0019, so that a key stored with a title before the name loses it', async () => {
    const db = t.store.db;
    const a = await createPerson(t.ctx, db, { name: 'Dr. Ada Quinn' });
    await db.updateTable('people').set({ name_key: 'dr ada quinn' }).where('id', '=', a).execute();
    await migrations('sqlite')['0019-name-keys-without-titles']?.up(db);
    const row = await db.selectFrom('people').select('name_key').where('id', '=', a).executeTakeFirst();
    expect(row?.name_key).toBe('ada quinn');
  });

  it('runs again as 0032, so that Łukasiewicz typed without its Ł is found', async () => {
    const db = t.store.db;
    const a = await createPerson(t.ctx, db, { name: 'Zoë Łukasiewicz' });
    await db.updateTable('people').set({ name_key: 'zoe łukasiewicz' }).where('id', '=', a).execute();
    await migrations('sqlite')['0032-name-keys-latin-letters']?.up(db);
    const row = await db.selectFrom('people').select('name_key').where('id', '=', a).executeTakeFirst();
    expect(row?.name_key).toBe('zoe lukasiewicz');
  });
});
