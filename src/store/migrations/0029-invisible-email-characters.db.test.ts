import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { normalizeEmail } from '../../domain/person.js';
import { findPersonIdByEmail } from '../person.repository.js';
import { invisibleEmailCharacters } from './0029-invisible-email-characters.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0029: emails stored with an invisible character', () => {
  it('rewrites them without it, unless another person holds the address, who is then listed beside them', async () => {
    const db = t.store.db;
    const ws = t.ctx.workspaceId;
    const zoe = await createPerson(t.ctx, db, { name: 'Zoe Park', emails: ['zoe@work.example'] });
    const ann = await createPerson(t.ctx, db, { name: 'Ann Lee', emails: ['ann@lee.example'] });
    const ann2 = await createPerson(t.ctx, db, { name: 'Ann Lee', emails: ['other@lee.example'] });
    const jo = await createPerson(t.ctx, db, { name: 'Jo Tam', emails: ['jo.tam@gmail.com'] });
    // as an earlier release stored a pasted cell
    const stored = async (personId: number, email: string) =>
      db.insertInto('person_emails').values({ workspace_id: ws, person_id: personId, email, position: 1 }).execute();
    await stored(zoe, '\u200bzoe@park.example');
    await stored(ann, 'ann@lee.example\u200e'); // Ann's own address again
    await stored(ann2, '\u2060ann@lee.example'); // another person's
    await stored(jo, 'jo.tam+x\u200b@gmail.com');
    await stored(jo, 'jürgen@bücher.example'); // beyond ASCII, nothing invisible: stays
    await invisibleEmailCharacters('sqlite').up(db);
    await invisibleEmailCharacters('sqlite').up(db);
    const rows = await db
      .selectFrom('person_emails')
      .select(['person_id', 'email', 'mailbox'])
      .orderBy('email')
      .execute();
    expect(rows.map((r) => [Number(r.person_id), r.email, r.mailbox])).toEqual([
      [ann, 'ann@lee.example', null],
      [jo, 'jo.tam+x@gmail.com', 'jotam@gmail.com'],
      [jo, 'jo.tam@gmail.com', 'jotam@gmail.com'],
      [jo, 'jürgen@bücher.example', null],
      [ann2, 'other@lee.example', null],
      [zoe, 'zoe@park.example', null],
      [zoe, 'zoe@work.example', null],
      [ann2, '\u2060ann@lee.example', null], // after every ASCII spelling in SQLite's order
    ]);
    expect(await findPersonIdByEmail(db, ws, normalizeEmail('\u200bZoe@Park.example'))).toBe(zoe);
    const pairs = await db.selectFrom('possible_duplicates').select(['person_a', 'person_b', 'reason']).execute();
    expect(pairs.map((p) => [Number(p.person_a), Number(p.person_b), p.reason])).toEqual([
      [ann, ann2, 'one address, once stored with an invisible character (ann@lee.example)'],
    ]);
  });
});
