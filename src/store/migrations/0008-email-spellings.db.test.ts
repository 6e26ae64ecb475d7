import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/store.js';
import { createPerson } from '../../app/people.js';
import { normalizeEmail } from '../../domain/person.js';
import { findPersonIdByEmail } from '../person.repository.js';
import { emailSpellings } from './0008-email-spellings.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('migration 0008: emails stored as links or with a final dot', () => {
  it('rewrites them as the address itself, unless another person holds it', async () => {
    const db = t.store.db;
    const ws = t.ctx.workspaceId;
    const a = await createPerson(t.ctx, db, { name: 'Bo Chu', emails: ['plain@example.com'] });
    const b = await createPerson(t.ctx, db, { name: 'Ed Gu', emails: ['ed@gu.example'] });
    const c = await createPerson(t.ctx, db, { name: 'Ed Gu Two', emails: ['two@example.com'] });
    // as an older version stored them
    const stored = async (personId: number, email: string) =>
      db.insertInto('person_emails').values({ workspace_id: ws, person_id: personId, email, position: 1 }).execute();
    await stored(a, 'mailto:bo@chu.example');
    await stored(a, 'bo@chu.example.');
    await stored(c, 'ed@gu.example.'); // the plain address is Ed's: this one stays
    await emailSpellings('sqlite').up(db);
    const rows = await db.selectFrom('person_emails').select(['person_id', 'email']).orderBy('email').execute();
    expect(rows.map((r) => [Number(r.person_id), r.email])).toEqual([
      [a, 'bo@chu.example'], // one address, however often stored
      [b, 'ed@gu.example'],
      [c, 'ed@gu.example.'], // the plain address is Ed's
      [a, 'plain@example.com'],
      [c, 'two@example.com'],
    ]);
    expect(await findPersonIdByEmail(db, ws, normalizeEmail('MAILTO:Bo@chu.example.'))).toBe(a);
  });
});
