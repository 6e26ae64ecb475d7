import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { addPerson } from '../../app/people.js';
import { namesNfc } from './0026-names-nfc.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0026: names with each accent as one character', () => {
  it('writes in NFC the names and jobs an earlier release stored as a file wrote them, and leaves the others', async () => {
    const db = t.store.db;
    const zoe = await addPerson(t.ctx, { name: 'Zoë Ström' });
    const ann = await addPerson(t.ctx, { name: 'Ann Lee' });
    // as an earlier release stored a Mac's card
    await db
      .updateTable('people')
      .set({
        name: 'Zoe\u0308 Stro\u0308m',
        org: 'Cafe\u0301 Socie\u0301te\u0301',
        title: 'Directrice ge\u0301ne\u0301rale',
        updated_at: 1,
      })
      .where('id', '=', zoe.id)
      .execute();
    await namesNfc('sqlite').up(db);
    await namesNfc('sqlite').up(db);
    const rows = await db
      .selectFrom('people')
      .select(['id', 'name', 'org', 'title', 'updated_at'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.name, r.org, r.title])).toEqual([
      ['Zoë Ström', 'Café Société', 'Directrice générale'],
      ['Ann Lee', null, null],
    ]);
    expect(rows[0]?.name).toBe('Zoë Ström'.normalize('NFC'));
    expect(rows[0]?.updated_at).toBe(1);
    expect(rows[1]?.id).toBe(ann.id);
  });
});
